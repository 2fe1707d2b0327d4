"""Partners: world map with partner names, by continent, type and field, agreements per year, expiring, dormant."""

import streamlit as st

from app.shell import require_entrypoint

require_entrypoint()

from app import filters, state, ui  # noqa: E402
from app.i18n import t  # noqa: E402
from charts import basic, maps  # noqa: E402
from charts.style import academic_year  # noqa: E402

# The exports this page is drawn from: a notice says when one is missing or unreadable.
EXPORTS = ("partners",)

lang = filters.language()
st.title(t("page.partners", lang))
if ui.no_data_guard(lang):
    st.stop()
ui.active_filter_note(lang)
ui.export_notice(EXPORTS, lang)
selection = filters.current_filters()
year = filters.scorecard_year()
st.caption(t("common.scorecard_year", lang, year=academic_year(year)))

by_country = state.partner_names_by_country(year, selection)
if by_country is not None:
    title = t("partners.map", lang)
    fig = maps.choropleth(by_country, value="partners", names=ui.country_display(by_country, lang), title=title,
                          value_label=t("col.partners", lang), hover_extra=maps.names_hover(by_country["names"]))
    table = by_country.assign(names=by_country["names"].map("; ".join))
    ui.chart(fig, table, key="partners_map", lang=lang, title=title, is_map=True, selectable=True,
             file_stem="partners_by_country")

left, right = st.columns(2)
with left:
    table = state.breakdown("partners_by_continent", selection, year=year)
    if table is not None:
        title = t("partners.by_continent", lang)
        shown = table.assign(continent=[ui.region_name(c, lang) for c in table["continent"]])
        fig = basic.bar(shown, "continent", "partners", horizontal=True, title=title, y_label=t("col.partners", lang))
        ui.chart(fig, table, key="partners_continent", lang=lang, title=title)
with right:
    table = state.breakdown("partners_by_type", selection, year=year)
    if table is not None:
        title = t("partners.by_type", lang)
        fig = basic.bar(table, "type", "partners", horizontal=True, title=title, y_label=t("col.partners", lang))
        ui.chart(fig, table, key="partners_type", lang=lang, title=title)

left, right = st.columns(2)
with left:
    table = state.breakdown("partners_by_field", selection, year=year)
    if table is not None:
        title = t("partners.by_field", lang)
        fig = basic.bar(table, "field", "partners", horizontal=True, title=title, y_label=t("col.partners", lang))
        ui.chart(fig, table, key="partners_field", lang=lang, title=title)
with right:
    table = state.breakdown("agreements_signed_per_year", selection)
    if table is not None:
        title = t("partners.per_year", lang)
        fig = basic.bar(table, "year", "agreements", years=True, title=title, y_label=t("col.agreements", lang))
        ui.chart(fig, table, key="partners_signed", lang=lang, title=title)

table = state.breakdown("expiry_calendar", selection, horizon_days=state.EXPIRY_WINDOW_DAYS)
if table is not None:
    st.subheader(t("partners.expiring", lang))
    ui.table_with_downloads(table[["partner", "country", "agreement", "expires", "days_left"]],
                            key="partners_expiring", lang=lang, file_stem="agreements_expiring")

table = state.dormant_partners(year, selection)
if table is not None:
    st.subheader(t("partners.dormant", lang))
    ui.table_with_downloads(table, key="partners_dormant", lang=lang, file_stem="dormant_partners")
