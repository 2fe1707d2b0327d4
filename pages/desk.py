"""Data desk (editors): upload exports; before anything changes, see how each was read, every problem, and what
publishing would change; map what was not understood; publish a new version. A local demo has uploads off."""

import streamlit as st

from app.shell import require_entrypoint

require_entrypoint()

from app import auth, desk, filters, state, ui  # noqa: E402
from metrics.vocabulary import column_label, t  # noqa: E402
from app.text import escape_markdown, markdown_code  # noqa: E402
from metrics.countries import display_name  # noqa: E402
from metrics.mappings import VALUE_KINDS  # noqa: E402
from metrics.schema import EXPORTS  # noqa: E402
from metrics.store import PublishConflict, PublishRefused, current_version_id, publish  # noqa: E402

# How a delimiter is named on screen (an .xlsx file has none).
DELIMITER_NAMES = {",": ",", ";": ";", "|": "|", "\t": "tab", "": "—"}
SEVERITY_BOXES = {"error": st.error, "warning": st.warning, "info": st.info}
ENABLE_ACCOUNTS = "python -m metrics users add NAME --role editor"

lang = filters.language()
st.title(t("page.desk", lang))
if auth.auth_mode() == "demo":
    st.info(t("desk.demo", lang), icon=":material/lock:")
    st.code(ENABLE_ACCOUNTS, language="bash")
    st.caption(t("desk.demo_after", lang))
    st.stop()
if not auth.can_edit():  # dashboard.py lists this page for editors only; this is the second lock
    st.error(t("desk.editors_only", lang), icon=":material/block:")
    st.stop()

data_dir = state.data_dir()
said = st.session_state.pop(desk.MESSAGE_KEY, None)
if said:
    getattr(st, said[0])(said[1])
st.caption(t("desk.intro", lang, version=markdown_code(current_version_id(data_dir))))

files = st.file_uploader(t("desk.upload", lang), type=list(desk.UPLOAD_TYPES), accept_multiple_files=True,
                         key=desk.uploader_key(), help=t("desk.upload_help", lang))
uploads = [(file.name, file.getvalue()) for file in files or []]
try:
    with st.spinner(t("desk.reading", lang)):
        session = desk.staged(data_dir, uploads)
        if session is not None and session.draft.parent != current_version_id(data_dir):
            session = desk.restage_on_current()  # someone published since this draft was staged
            st.warning(t("desk.conflict", lang), icon=":material/sync_problem:")
except ValueError as error:  # two uploads of one name, or a name that could not be a data file
    st.error(escape_markdown(error))
    st.stop()
if session is None:
    st.info(t("desk.nothing_uploaded", lang), icon=":material/upload_file:")
    st.stop()
preview = session.preview
folders = (session.draft.folder, data_dir)  # taken out of every message: file names only


# --- each upload as it was read ---------------------------------------------------------------
st.header(t("desk.files", lang))
for upload in preview.uploads:
    with st.container(border=True):
        st.subheader(escape_markdown(upload.name), anchor=False)
        exports = list(EXPORTS)
        st.selectbox(t("desk.taken_for", lang), exports, format_func=desk.export_label,
                     index=exports.index(upload.export) if upload.export in exports else None,
                     placeholder=t("desk.not_recognised", lang), key=desk.widget_key("export", upload.name),
                     on_change=desk.choose, args=("export", upload.name))
        for record in upload.file_records:
            SEVERITY_BOXES.get(record.severity, st.info)(desk.record_text(record, lang, folders))
        report = upload.report
        if report is not None:
            st.caption(t("desk.read_as", lang, encoding=markdown_code(report.encoding or "xlsx"),
                         delimiter=markdown_code(DELIMITER_NAMES.get(report.delimiter, report.delimiter))))
            for column, (label, value) in zip(st.columns(4), (
                    ("col.rows_read", report.rows_read), ("col.rows_loaded", report.rows_loaded),
                    ("col.rows_excluded", report.rows_excluded), ("desk.lines_skipped", report.skipped_lines))):
                column.metric(t(label, lang), f"{value:,}".replace(",", "\u202f"))
        st.markdown(f"**{t('data.validation', lang)}**")
        ui.issues_table(desk.issue_table(upload.issues, lang, folders), key=desk.widget_key("issues", upload.name),
                        lang=lang, file_stem=f"problems_{upload.name}")
        if len(upload.unresolved):
            st.markdown(f"**{t('data.unresolved', lang)}**")
            st.table(upload.unresolved.rename(columns={"column": column_label("column", lang),
                                                       "name": column_label("raw", lang),
                                                       "rows": column_label("rows", lang)}), hide_index=True)

# --- what was not understood, and what it means ---------------------------------------------
st.header(t("desk.mapping", lang))
st.caption(t("desk.mapping_intro", lang))
choices = session.choices
NOT_MAPPED = t("desk.not_mapped", lang)
chosen_headers = [(export, header) for export, entries in choices.headers.items() for header in entries]
headers = list(dict.fromkeys(preview.unknown_headers() + chosen_headers))
unresolved = preview.unresolved_countries()
row_counts = dict(zip(unresolved["name"], unresolved["rows"]))
countries = list(dict.fromkeys(list(unresolved["name"]) + list(choices.countries)))
values = list(dict.fromkeys(preview.invalid_values() + [(kind, text) for kind, entries in choices.values.items()
                                                        for text in entries]))
if not (headers or countries or values):
    st.success(t("desk.nothing_to_map", lang), icon=":material/check_circle:")

if headers:
    st.subheader(t("desk.unknown_headers", lang), anchor=False)
    for export, header in headers:
        options = [None] + [column.name for column in EXPORTS[export].columns]
        chosen = choices.headers.get(export, {}).get(header)
        st.selectbox(t("desk.map_header", lang, header=escape_markdown(header), export=export), options,
                     index=options.index(chosen) if chosen in options else 0,
                     format_func=lambda name: NOT_MAPPED if name is None else f"{column_label(name, lang)} ({name})",
                     key=desk.widget_key("header", export, header), on_change=desk.choose,
                     args=("header", export, header))

if countries:
    st.subheader(t("desk.unresolved_countries", lang), anchor=False)
    codes = [None, ""] + desk.country_options(lang)
    WITHOUT = t("desk.keep_without_country", lang)
    for name in countries:
        chosen = choices.countries.get(name)
        rows = row_counts.get(name)
        label = t("desk.map_country", lang, name=escape_markdown(name)) + (
            f" · {t('desk.rows', lang, n=rows)}" if rows is not None else "")
        st.selectbox(label, codes, index=codes.index(chosen) if chosen in codes else 0,
                     format_func=lambda code: NOT_MAPPED if code is None else WITHOUT if code == "" else
                     f"{display_name(code, lang)} ({code})",
                     key=desk.widget_key("country", name), on_change=desk.choose, args=("country", name))

if values:
    st.subheader(t("desk.unknown_values", lang), anchor=False)
    for kind, text in values:
        options = [None, *VALUE_KINDS[kind]]
        chosen = choices.values.get(kind, {}).get(text)
        st.selectbox(t(f"desk.map_{kind}", lang, value=escape_markdown(text)), options,
                     index=options.index(chosen) if chosen in options else 0,
                     format_func=lambda value, kind=kind: NOT_MAPPED if value is None else t(f"{kind}.{value}", lang),
                     key=desk.widget_key("value", kind, text), on_change=desk.choose, args=("value", kind, text))

mappings_text = desk.draft_mappings_text(session.draft)
if mappings_text:
    with st.expander(t("desk.mappings_file", lang), icon=":material/rule:"):
        st.code(mappings_text, language="toml")

# --- what publishing would change -------------------------------------------------------------
st.header(t("desk.changes", lang))
st.caption(t("desk.changes_intro", lang, version=markdown_code(session.draft.parent)))
ui.comparison_tables(preview.comparison, key="desk", lang=lang)

# --- publish ----------------------------------------------------------------------------------
st.header(t("desk.publish", lang))
if preview.problems:
    st.error(t("desk.cannot_publish", lang), icon=":material/block:")
    ui.table_with_downloads(desk.issue_table(preview.problems, lang, folders), key="desk_refusals", lang=lang,
                            file_stem="not_publishable")
excluded = sum(upload.report.rows_excluded for upload in preview.uploads if upload.report is not None)
if excluded:
    st.warning(t("desk.excluded_rows", lang, n=excluded), icon=":material/warning:")
with st.form("desk_publish_form"):
    comment = st.text_area(t("desk.comment", lang), key="desk_comment", max_chars=2000,
                           placeholder=t("desk.comment_hint", lang))
    submitted = st.form_submit_button(t("desk.publish_button", lang), key="desk_publish", type="primary",
                                      icon=":material/publish:", disabled=bool(preview.problems))
if submitted:
    user = auth.current_user()
    if not comment.strip():
        st.warning(t("desk.comment_required", lang), icon=":material/edit_note:")
    elif user is None or not auth.can_edit():
        st.error(t("desk.editors_only", lang), icon=":material/block:")
    else:
        try:
            version = publish(data_dir, session.draft, user.name, comment.strip(), address=auth.client_address(),
                              preview=preview.data)
        except PublishConflict:
            desk.restage_on_current()
            st.session_state[desk.MESSAGE_KEY] = ("warning", t("desk.conflict", lang))
            st.rerun()
        except PublishRefused as refused:
            st.error(t("desk.refused", lang), icon=":material/block:")
            for problem in refused.problems:
                SEVERITY_BOXES.get(problem.severity, st.info)(desk.record_text(problem, lang, folders))
        else:
            desk.published()
            st.session_state[desk.MESSAGE_KEY] = ("success", t("desk.published", lang, version=version.id))
            st.rerun()
