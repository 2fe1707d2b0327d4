"""Academic mobility: inbound and outbound by year, category and country, and the balance."""

import streamlit as st

from app.shell import require_entrypoint

require_entrypoint()

from app import filters, state, ui  # noqa: E402
from app.i18n import t  # noqa: E402
from charts import basic, maps  # noqa: E402
from charts.style import INBOUND_COLOUR, OUTBOUND_COLOUR, academic_year  # noqa: E402

# The exports this page is drawn from: a notice says when one is missing or unreadable.
EXPORTS = ("mobility",)

lang = filters.language()
st.title(t("page.mobility", lang))
if ui.no_data_guard(lang):
    st.stop()
ui.active_filter_note(lang)
ui.export_notice(EXPORTS, lang)
selection = filters.current_filters()
year = filters.scorecard_year()
directions = {"in": t("direction.in", lang), "out": t("direction.out", lang)}
colours = {"in": INBOUND_COLOUR, "out": OUTBOUND_COLOUR}

per_year = state.breakdown("mobility_per_year", selection)
if per_year is not None:
    title = t("mobility.by_year", lang)
    totals = state.sum_by(per_year, ["year", "direction"], "people")
    fig = basic.bar(totals, "year", "people", color="direction", years=True, title=title,
                    y_label=t("col.count", lang), colour_map=colours, series_names=directions)
    ui.chart(fig, totals, key="mobility_year", lang=lang, title=title)

    left, right = st.columns(2)
    for column, direction in ((left, "in"), (right, "out")):
        with column:
            part = per_year[per_year["direction"] == direction]
            title = f"{t('mobility.by_category', lang)}: {directions[direction].lower()}"
            fig = basic.bar(part, "year", "people", color="category", years=True, barmode="stack", title=title,
                            y_label=t("col.count", lang),
                            series_names={"student": t("category.student", lang), "staff": t("category.staff", lang)})
            ui.chart(fig, part, key=f"mobility_category_{direction}", lang=lang, title=title)

balance = state.breakdown("mobility_balance_by_country", selection, year=year)
if balance is not None:
    title = t("mobility.balance", lang) + f" — {academic_year(year)}"
    fig = maps.choropleth(balance, value="balance", names=ui.country_display(balance, lang), title=title,
                          value_label=t("col.balance", lang), diverging=True)
    ui.chart(fig, balance, key="mobility_map", lang=lang, title=title, is_map=True, selectable=True,
             file_stem="mobility_balance")

by_country = state.breakdown("mobility_by_country", selection, year=year)
if by_country is not None:
    title = t("mobility.by_country", lang) + f" — {academic_year(year)}"
    shown = by_country.assign(country=ui.country_display(by_country, lang))
    fig = basic.bar(shown, "country", "people", color="direction", title=title, y_label=t("col.count", lang),
                    colour_map=colours, series_names=directions)
    ui.chart(fig, by_country, key="mobility_country", lang=lang, title=title)
