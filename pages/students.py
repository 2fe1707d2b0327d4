"""Foreign students: world map by citizenship, trend, faculty and level, top and new source countries."""

import streamlit as st

from app.shell import require_entrypoint

require_entrypoint()

from app import filters, state, ui  # noqa: E402
from app.i18n import t  # noqa: E402
from charts import basic, maps  # noqa: E402
from charts.style import academic_year  # noqa: E402

# The exports this page is drawn from: a notice says when one is missing or unreadable.
EXPORTS = ("students",)

lang = filters.language()
st.title(t("page.students", lang))
if ui.no_data_guard(lang):
    st.stop()
ui.active_filter_note(lang)
ui.export_notice(EXPORTS, lang)
selection = filters.current_filters()
year = filters.scorecard_year()
st.caption(t("common.scorecard_year", lang, year=academic_year(year)))

by_country = state.breakdown("foreign_students_map", selection, year=year, lang=lang)
if by_country is not None:
    title = t("students.map", lang)
    fig = maps.choropleth(by_country, value="students", names=by_country["name"], title=title,
                          value_label=t("col.students", lang))
    ui.chart(fig, by_country.drop(columns=["name"]), key="students_map", lang=lang, title=title, is_map=True,
             selectable=True, file_stem="foreign_students_by_country")

per_year = state.breakdown("foreign_students_per_year", selection)
if per_year is not None:
    title = t("students.trend", lang)
    fig = basic.line(per_year, "year", "foreign_students", title=title, y_label=t("col.students", lang),
                     target=state.targets_for("foreign_students", selection), target_label=t("common.target", lang))
    ui.chart(fig, per_year, key="students_trend", lang=lang, title=title)

left, right = st.columns(2)
with left:
    table = state.breakdown("foreign_students_by_faculty", selection, year=year)
    if table is not None:
        title = t("students.by_faculty", lang)
        fig = basic.bar(table, "faculty", "students", horizontal=True, title=title, y_label=t("col.students", lang))
        ui.chart(fig, table, key="students_faculty", lang=lang, title=title)
with right:
    table = state.breakdown("foreign_students_by_level", selection, year=year)
    if table is not None:
        title = t("students.by_level", lang)
        fig = basic.bar(table, "level", "students", horizontal=True, title=title, y_label=t("col.students", lang))
        ui.chart(fig, table, key="students_level", lang=lang, title=title)

left, right = st.columns(2)
with left:
    table = state.breakdown("top_source_countries", selection, year=year, other=False)
    if table is not None:
        title = t("students.top_countries", lang)
        shown = table.assign(country=ui.country_display(table, lang))
        fig = basic.bar(shown, "country", "students", horizontal=True, title=title,
                        y_label=t("col.students", lang))
        ui.chart(fig, table, key="students_top", lang=lang, title=title)
with right:
    table = state.breakdown("foreign_students_by_continent", selection, year=year)
    if table is not None:
        title = t("students.by_continent", lang)
        shown = table.assign(continent=[ui.region_name(c, lang) for c in table["continent"]])
        fig = basic.bar(shown, "continent", "students", horizontal=True, title=title,
                        y_label=t("col.students", lang))
        ui.chart(fig, table, key="students_continent", lang=lang, title=title)

table = state.breakdown("new_source_countries", selection, year=year)
if table is not None:
    st.subheader(t("students.new_countries", lang) + f" — {academic_year(year)}")
    ui.table_with_downloads(table, key="students_new", lang=lang, file_stem="new_source_countries")
