"""Joint programs: growth over the years, students and graduates, partner countries."""

import streamlit as st

from app.shell import require_entrypoint

require_entrypoint()

from app import filters, state, ui  # noqa: E402
from app.i18n import t  # noqa: E402
from charts import basic, maps  # noqa: E402
from charts.style import academic_year  # noqa: E402

# The exports this page is drawn from: a notice says when one is missing or unreadable.
EXPORTS = ("programs", "program_enrollment")

lang = filters.language()
st.title(t("page.programs", lang))
if ui.no_data_guard(lang):
    st.stop()
ui.active_filter_note(lang)
ui.export_notice(EXPORTS, lang)
selection = filters.current_filters()
year = filters.scorecard_year()

table = state.breakdown("joint_programs_per_year", selection)
if table is not None:
    title = t("programs.growth", lang)
    long = state.melt(table, "year", {"running": t("col.active", lang), "new": t("col.new", lang)})
    fig = basic.bar(long, "year", "value", color="series", years=True, title=title, y_label=t("col.programs", lang))
    ui.chart(fig, table, key="programs_growth", lang=lang, title=title)

table = state.breakdown("joint_program_enrollment_per_year", selection)
if table is not None:
    title = t("programs.students", lang)
    long = state.melt(table, "year", {"students": t("col.students", lang), "graduates": t("col.graduates", lang)})
    fig = basic.line(long, "year", "value", color="series", title=title, y_label=t("col.students", lang))
    ui.chart(fig, table, key="programs_students", lang=lang, title=title)

table = state.breakdown("joint_programs_by_partner_country", selection, year=year)
if table is not None:
    title = t("programs.by_country", lang) + f" — {academic_year(year)}"
    left, right = st.columns([3, 2])
    with left:
        fig = maps.choropleth(table, value="programs", names=ui.country_display(table, lang), title=title,
                              value_label=t("col.programs", lang))
        ui.chart(fig, None, key="programs_map", lang=lang, is_map=True, selectable=True)
    with right:
        shown = table.assign(country=ui.country_display(table, lang))
        fig = basic.bar(shown, "country", "programs", horizontal=True, y_label=t("col.programs", lang))
        ui.chart(fig, table, key="programs_country", lang=lang, title=title, file_stem="programs_by_country")
