"""Reports: the annual report as Excel, Word or PDF for the selected year and filters."""

import streamlit as st

from app.shell import require_entrypoint

require_entrypoint()

from app import filters, state, ui  # noqa: E402
from metrics.vocabulary import t  # noqa: E402
from app.text import escape_markdown  # noqa: E402
from charts.style import academic_year  # noqa: E402

FORMAT_NAMES = {"xlsx": "Excel (.xlsx)", "docx": "Word (.docx)", "pdf": "PDF"}
MIME_TYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              "pdf": "application/pdf"}

# The exports the annual report is built from: a notice says when one is missing or unreadable.
EXPORTS = ("students", "totals", "partners", "programs", "program_enrollment", "mobility", "events", "grants",
           "honorary_doctorates")

lang = filters.language()
st.title(t("page.reports", lang))
if ui.no_data_guard(lang):
    st.stop()
ui.active_filter_note(lang)
ui.export_notice(EXPORTS, lang)
selection = filters.current_filters()
year = filters.scorecard_year()
year_from = selection.year_from if selection is not None else None
st.write(t("reports.intro", lang))
st.caption(t("common.scorecard_year", lang, year=academic_year(year)))

fmt = st.segmented_control(t("reports.format", lang), list(FORMAT_NAMES), format_func=FORMAT_NAMES.get,
                           default="xlsx", key="report_format") or "xlsx"
stem = f"international_cooperation_{year}_{lang}"
if st.button(t("reports.build", lang), key="report_build", type="primary", icon=":material/description:"):
    with st.spinner(t("reports.build", lang) + "…"):
        try:
            st.session_state["report_bytes"] = (fmt, year, lang, state.report(year, year_from, fmt, lang, selection))
        except Exception as error:  # noqa: BLE001 - shown to the user
            st.session_state.pop("report_bytes", None)
            st.error(t("reports.failed", lang, error=escape_markdown(error)))
built = st.session_state.get("report_bytes")
if built and built[:3] == (fmt, year, lang):
    st.download_button(t("reports.download", lang, fmt=FORMAT_NAMES[fmt]), data=built[3],
                       file_name=f"{stem}.{fmt}", mime=MIME_TYPES[fmt], key="report_download",
                       on_click="ignore", type="primary", icon=":material/download:")
