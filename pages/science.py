"""Science and events: events, international participants, grants, honorary doctorates."""

import streamlit as st

from app.shell import require_entrypoint

require_entrypoint()

from app import filters, state, ui  # noqa: E402
from app.i18n import t  # noqa: E402
from charts import basic, maps  # noqa: E402

# The exports this page is drawn from: a notice says when one is missing or unreadable.
EXPORTS = ("events", "grants", "honorary_doctorates")

lang = filters.language()
st.title(t("page.science", lang))
if ui.no_data_guard(lang):
    st.stop()
ui.active_filter_note(lang)
ui.export_notice(EXPORTS, lang)
selection = filters.current_filters()

events = state.breakdown("events_per_year", selection)
if events is not None:
    left, right = st.columns(2)
    with left:
        title = t("science.events", lang)
        fig = basic.bar(events, "year", "events", years=True, title=title, y_label=t("col.events", lang))
        ui.chart(fig, events, key="science_events", lang=lang, title=title)
    with right:
        title = t("science.participants", lang)
        fig = basic.line(events, "year", "international_participants", title=title,
                         y_label=t("col.participants", lang))
        ui.chart(fig, events[["year", "international_participants", "participants"]], key="science_participants",
                 lang=lang, title=title)

left, right = st.columns(2)
with left:
    grants = state.breakdown("grants_per_year", selection)
    if grants is not None:
        title = t("science.grants", lang)
        long = state.melt(grants, "year", {"active": t("col.active", lang), "new": t("col.new", lang)})
        fig = basic.bar(long, "year", "value", color="series", years=True, title=title, y_label=t("col.grants", lang))
        ui.chart(fig, grants, key="science_grants", lang=lang, title=title)
with right:
    honorary = state.breakdown("honorary_doctorates_per_year", selection)
    if honorary is not None:
        title = t("science.honorary", lang)
        fig = basic.bar(honorary, "year", "awards", years=True, title=title,
                        y_label=t("col.honorary_doctorates", lang))
        ui.chart(fig, honorary, key="science_honorary", lang=lang, title=title)

by_country = state.breakdown("honorary_doctorates_by_country", selection)
if by_country is not None:
    title = t("science.honorary_map", lang)
    fig = maps.choropleth(by_country, value="awards", names=ui.country_display(by_country, lang), title=title,
                          value_label=t("col.honorary_doctorates", lang))
    ui.chart(fig, by_country, key="science_honorary_map", lang=lang, title=title, is_map=True, selectable=True,
             file_stem="honorary_doctorates_by_country")
