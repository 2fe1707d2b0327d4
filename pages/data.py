"""Data: which files were loaded (and as which export), files not loaded and why, the validation report,
and country names that were not recognised. File names only: never a path on the server."""

from pathlib import Path

import streamlit as st

from app.shell import require_entrypoint

require_entrypoint()

from app import filters, state, ui  # noqa: E402
from metrics.vocabulary import t  # noqa: E402
from app.text import escape_markdown, markdown_code  # noqa: E402

lang = filters.language()
st.title(t("page.data", lang))
st.caption(t("data.source", lang, path=markdown_code(Path(state.data_dir()).name)))
try:
    version = state.current_version()
    st.caption(t("data.version_implicit", lang) if version.implicit
               else t("data.version", lang, id=markdown_code(version.id), created=escape_markdown(version.created[:16])))
    state.dataset()
except Exception as error:  # noqa: BLE001 - the folder could not be loaded at all: say why
    st.error(escape_markdown(error))
    st.stop()
report = state.load_report(lang)

st.subheader(t("data.files", lang))
if not len(report["files"]):
    st.warning(t("common.no_dataset", lang, path=markdown_code(Path(state.data_dir()).name)))
else:
    ui.table_with_downloads(report["files"], key="data_files", lang=lang, file_stem="files_loaded")

st.subheader(t("data.not_loaded", lang))
if len(report["not_loaded"]):
    ui.table_with_downloads(report["not_loaded"], key="data_not_loaded", lang=lang, file_stem="files_not_loaded")
else:
    st.success(t("data.all_loaded", lang), icon=":material/check_circle:")

st.subheader(t("data.unresolved", lang))
if len(report["unresolved"]):
    ui.table_with_downloads(report["unresolved"], key="data_unresolved", lang=lang, file_stem="unresolved_countries")
else:
    st.success(t("data.none_unresolved", lang), icon=":material/check_circle:")

st.subheader(t("data.validation", lang))
ui.issues_table(report["issues"], key="data_issues", lang=lang, file_stem="validation_report")
