"""History (editors): every version of the data, newest first, with who, when, what and its files; the difference
between any two; roll back to one (a new version restoring it); a report built from any version."""

import streamlit as st

from app.shell import require_entrypoint

require_entrypoint()

from app import auth, desk, filters, state, ui  # noqa: E402
from metrics.vocabulary import t  # noqa: E402
from app.text import escape_markdown, markdown_code  # noqa: E402
from charts.style import academic_year  # noqa: E402
from metrics.engine import available_years  # noqa: E402
from metrics.store import PublishConflict, rollback  # noqa: E402

FORMAT_NAMES = {"xlsx": "Excel (.xlsx)", "docx": "Word (.docx)", "pdf": "PDF"}
MIME_TYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              "pdf": "application/pdf"}
REPORT_KEY = "_history_report"  # (version, year, format, language, bytes) of the last report built
MESSAGE_KEY = "_history_message"  # (kind, text) said once after a roll back

lang = filters.language()
st.title(t("page.history", lang))
if not auth.can_edit():  # dashboard.py lists this page for editors only; this is the second lock
    st.error(t("desk.editors_only", lang), icon=":material/block:")
    st.stop()

folder = str(state.data_dir())
home = state.home_override()
said = st.session_state.pop(MESSAGE_KEY, None)
if said:
    getattr(st, said[0])(said[1])
history = desk.version_list(folder)
by_id = {version.id: version for version in history}
ids = [version.id for version in history]
current = ids[0]


def describe(version_id: str) -> str:
    version = by_id[version_id]
    when = version.created.replace("T", " ")[:16]
    mark = f" · {t('history.current', lang)}" if version_id == current else ""
    return f"{version_id} · {when} · {version.user or '—'}{mark}"


# --- every version ----------------------------------------------------------------------------
st.dataframe(desk.versions_table(history, lang), hide_index=True, key="history_versions_df")

# --- the difference between two ---------------------------------------------------------------
st.header(t("history.compare", lang))
if len(ids) < 2:
    st.info(t("history.one_version", lang), icon=":material/info:")
else:
    left, right = st.columns(2)
    older = left.selectbox(t("history.older", lang), ids, index=1, format_func=describe, key="history_older")
    newer = right.selectbox(t("history.newer", lang), ids, index=0, format_func=describe, key="history_newer")
    if older == newer:
        st.info(t("history.same_version", lang), icon=":material/info:")
    else:
        with st.spinner(t("desk.reading", lang)):
            comparison = desk.version_comparison(folder, older, newer, home)
        ui.comparison_tables(comparison, key="history", lang=lang)

# --- one version: its files, a report from it, roll back to it --------------------------------
st.header(t("history.one", lang))
chosen = st.selectbox(t("history.version", lang), ids, index=0, format_func=describe, key="history_version")
version = by_id[chosen]
if version.comment:
    st.caption(escape_markdown(version.comment))
ui.table_with_downloads(desk.files_table(version, lang), key="history_files", lang=lang,
                        file_stem=f"files_{chosen}")

st.subheader(t("history.report", lang), anchor=False)
data = desk.version_dataset(folder, chosen, home)
years = [int(year) for year in available_years(data)]
if not years:
    st.info(t("common.no_data", lang), icon=":material/info:")
else:
    left, right = st.columns(2)
    year = left.selectbox(t("common.year", lang), years[::-1], format_func=academic_year, key="history_report_year")
    fmt = right.segmented_control(t("reports.format", lang), list(FORMAT_NAMES), format_func=FORMAT_NAMES.get,
                                  default="xlsx", key="history_report_format") or "xlsx"
    wanted = (chosen, year, fmt, lang)
    if st.button(t("history.build_report", lang, version=chosen), key="history_report_build",
                 icon=":material/description:"):
        with st.spinner(t("reports.build", lang) + "…"):
            try:
                st.session_state[REPORT_KEY] = (*wanted, desk.version_report(folder, chosen, home, year, fmt, lang))
            except Exception as error:  # noqa: BLE001 - shown to the user
                st.session_state.pop(REPORT_KEY, None)
                st.error(t("reports.failed", lang, error=escape_markdown(error)))
    built = st.session_state.get(REPORT_KEY)
    if built and tuple(built[:4]) == wanted:
        st.download_button(t("history.download_report", lang, version=chosen), data=built[4],
                           file_name=f"international_cooperation_{year}_{lang}_v{chosen}.{fmt}", mime=MIME_TYPES[fmt],
                           key="history_report_download", on_click="ignore", type="primary",
                           icon=":material/download:")

st.subheader(t("history.rollback", lang), anchor=False)
if chosen == current:
    st.caption(t("history.is_current", lang, version=markdown_code(chosen)))
else:
    with st.form("history_rollback_form"):
        st.write(t("history.rollback_intro", lang, version=markdown_code(chosen), current=markdown_code(current)))
        comment = st.text_input(t("desk.comment", lang), key="history_rollback_comment", max_chars=2000)
        confirmed = st.checkbox(t("history.rollback_confirm", lang, version=chosen), key="history_rollback_confirm")
        submitted = st.form_submit_button(t("history.rollback_button", lang, version=chosen), type="primary",
                                          key="history_rollback", icon=":material/restore:")
    if submitted:
        user = auth.current_user()
        if not confirmed:
            st.warning(t("history.confirm_first", lang), icon=":material/warning:")
        elif not comment.strip():
            st.warning(t("desk.comment_required", lang), icon=":material/edit_note:")
        elif user is None or not auth.can_edit():
            st.error(t("desk.editors_only", lang), icon=":material/block:")
        else:
            try:
                restored = rollback(folder, chosen, user.name, comment.strip(), address=auth.client_address())
            except PublishConflict:
                st.warning(t("desk.conflict", lang), icon=":material/sync_problem:")
            else:
                st.session_state[MESSAGE_KEY] = ("success", t("history.rolled_back", lang, version=restored.id,
                                                               restored=chosen))
                for key in ("history_older", "history_newer", "history_version"):
                    st.session_state.pop(key, None)
                st.rerun()
