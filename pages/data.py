"""Data: which files were loaded, the validation report, and country names that were not recognised."""

import streamlit as st

from app.shell import require_entrypoint

require_entrypoint()

from app import filters, state, ui  # noqa: E402
from app.i18n import t  # noqa: E402

lang = filters.language()
st.title(t("page.data", lang))
st.caption(t("data.source", lang, path=state.data_dir()))
if ui.no_data_guard(lang):
    st.stop()
report = state.load_report(lang)

st.subheader(t("data.files", lang))
ui.table_with_downloads(report["files"], key="data_files", lang=lang, file_stem="files_loaded")

st.subheader(t("data.unresolved", lang))
if len(report["unresolved"]):
    ui.table_with_downloads(report["unresolved"], key="data_unresolved", lang=lang, file_stem="unresolved_countries")
else:
    st.success(t("data.none_unresolved", lang), icon=":material/check_circle:")

st.subheader(t("data.validation", lang))
issues = report["issues"]
if len(issues):
    severities = [s for s in ("error", "warning", "info") if s in set(issues["severity"])]
    chosen = st.pills(t("data.severity", lang), severities, selection_mode="multi", default=severities,
                      key="data_severity")
    ui.table_with_downloads(issues[issues["severity"].isin(chosen or severities)], key="data_issues", lang=lang,
                            file_stem="validation_report")
else:
    st.success(t("data.no_issues", lang), icon=":material/check_circle:")
