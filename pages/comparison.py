"""Universities: a ministry's folder of several universities side by side for one KPI (issue 12), ranked, with the
national total; the KPI is a select on the page, kept in the URL (``?kpi=foreign_student_share``, checked in
app.filters). A single university's data says there is nothing to compare."""

from app.shell import require_entrypoint

require_entrypoint()

import streamlit as st  # noqa: E402

from app import filters, state, ui  # noqa: E402
from metrics.catalogue import CATALOGUE  # noqa: E402
from metrics.vocabulary import academic_year_label, t  # noqa: E402

NAME = "comparison"


def kpi_select(lang: str) -> str:
    """The KPI select (key kept in the URL by app.filters); returns the chosen catalogue id."""
    key = filters.COMPARISON_KPI_KEY
    options = list(CATALOGUE)
    if st.session_state.get(key) not in options:
        st.session_state[key] = filters.DEFAULT_COMPARISON_KPI
    st.selectbox(t("comparison.kpi", lang), options, key=key, format_func=lambda kpi: CATALOGUE[kpi].label(lang))
    return st.session_state[key]


def main() -> None:
    lang, year = ui.page_header(NAME)
    many = len(filters.data_universities()) > 1
    kpi = kpi_select(lang) if many else filters.DEFAULT_COMPARISON_KPI
    ui.export_notice(CATALOGUE[kpi].sources, lang)
    if not many:
        st.info(t("comparison.single", lang), icon=":material/info:")
        st.stop()
    result = state.section(NAME, filters.current_filters(), year, lang, kpi=kpi)
    st.caption(t("common.scorecard_year", lang, year=academic_year_label(year)))
    ui.section(result, lang, open_tables=True)  # the ranking with the national total is the page


main()
