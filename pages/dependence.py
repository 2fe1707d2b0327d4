"""Dependence and what-if: concentration of foreign students by source country, and a scenario (a source
country's intake changed by −100 % … +100 %) against the target, shareable in the URL
(``?whatif_country=IND&whatif_change=-30``, checked in app.filters)."""

from app.shell import require_entrypoint

require_entrypoint()

import streamlit as st  # noqa: E402

from app import filters, state, ui  # noqa: E402
from app.text import escape_markdown  # noqa: E402
from metrics.vocabulary import academic_year_label, t  # noqa: E402

NAME = "dependence"
SCENARIO_TABLE = "dependence_scenario_table"
_CHECKED_KEY = "_whatif_checked"  # the link's country was checked against the data once


def _source_countries(result) -> list[str]:
    """ISO codes of the year's source countries, largest first (the section's source table)."""
    try:
        block = result.block("dependence_sources")
    except KeyError:
        return []
    if block.data is None or "country" not in block.data:
        return []
    return [code for code in block.data["country"] if isinstance(code, str) and code]


def whatif_controls(countries: list[str], lang: str) -> tuple[str | None, int]:
    """The country select and the change slider (keys kept in the URL by app.filters); returns the scenario."""
    key, change_key = filters.WHATIF_COUNTRY_KEY, filters.WHATIF_CHANGE_KEY
    chosen = st.session_state.get(key)
    if chosen is not None and chosen not in countries:
        if not st.session_state.get(_CHECKED_KEY):  # a link named a country with no students: say so once
            st.warning(t("filter.ignored_params", lang, params=escape_markdown("«whatif_country»")),
                       icon=":material/link_off:")
        st.session_state.pop(key, None)
    st.session_state[_CHECKED_KEY] = True
    if not countries:
        return None, 0
    if st.session_state.get(key) not in countries:
        st.session_state[key] = countries[0]
    if not isinstance(st.session_state.get(change_key), int):
        st.session_state[change_key] = 0
    names = state.country_names(countries, lang)
    st.subheader(t("dependence.whatif", lang), anchor=False)
    left, right = st.columns(2)
    left.selectbox(t("dependence.country", lang), countries, key=key, format_func=lambda c: names.get(c, c))
    low, high = filters.WHATIF_CHANGE_RANGE
    right.slider(t("dependence.change", lang), min_value=low, max_value=high, step=filters.WHATIF_CHANGE_STEP,
                 key=change_key, format="%d%%")
    return st.session_state[key], int(st.session_state[change_key])


def main() -> None:
    lang, year = ui.page_header(NAME)
    selection = filters.current_filters()
    default = state.section(NAME, selection, year, lang)  # the largest source country, 0 %
    ui.export_notice(default.exports, lang)
    st.caption(t("common.scorecard_year", lang, year=academic_year_label(year)))
    scenario = whatif_controls(_source_countries(default), lang)
    result = state.section(NAME, selection, year, lang, scenario=scenario) if scenario[0] else default
    ui.section(result, lang, skip=(SCENARIO_TABLE,))
    scenario_table(result, lang)


def scenario_table(result, lang: str) -> None:
    """The few years of the scenario as a plain table (readable at a glance and in a screen reader) with downloads."""
    try:
        block = result.block(SCENARIO_TABLE)
    except KeyError:
        return
    st.subheader(block.title, anchor=False)
    if block.empty:
        st.info(escape_markdown(block.reason) if block.reason else t("common.no_data", lang), icon=":material/info:")
        return
    st.table(ui.screen_table(block.table, lang).set_index(block.table.columns[0]))
    stem = block.file_stem or SCENARIO_TABLE
    from reports.safety import frame_to_csv_bytes

    st.download_button(t("common.download_csv", lang), data=lambda: frame_to_csv_bytes(ui.screen_table(block.table, lang)),
                       file_name=f"{stem}.csv", mime="text/csv", key=f"{SCENARIO_TABLE}_csv", on_click="ignore",
                       icon=":material/download:")


main()
