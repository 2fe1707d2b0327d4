"""The Data desk and History behind their pages: stage uploads, preview what they change, map what was not understood.

Two halves. The pure half (no Streamlit call) takes a data folder and uploads and returns
frozen results the pages lay out: :func:`stage_uploads` stages a draft (metrics.store),
:func:`build_preview` loads it and says, per upload, which export it was taken for, how it
was read, every problem, the unknown headers, country names and direction/category values
that a person can map, and what would change (metrics.compare). Tests and the benchmark call
these directly. :class:`Choices` are the person's mapping decisions; nothing is ever guessed.

The session half keeps one upload set's draft and preview in ``st.session_state`` (a draft
belongs to one browser tab, never to the shared cache): staged once per upload set, restaged
on every mapping change, its staging folder removed when it is replaced. Versions, being
immutable, are cached by id for the History page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
import streamlit as st

from metrics.compare import Comparison, compare
from metrics.ingest import Dataset, is_personal_data_header, load_dataset
from metrics.mappings import MAPPINGS_FILE, VALUE_KINDS, Mappings, read_mappings
from metrics.schema import EXPORTS
from metrics.store import Draft, current_version_id, discard, draft_problems, restage, stage
from metrics.validation import FileReport, Issue

# What the uploader accepts (the readers of metrics.readers).
UPLOAD_TYPES = ("csv", "tsv", "txt", "xlsx")
# Record codes of headers, country names and values a person can map on the desk.
HEADER_CODES = ("column_ignored",)
COUNTRY_CODES = ("country_unresolved", "country_list_unresolved")
VALUE_CODES = ("value_invalid_excluded", "value_invalid_blanked")
# Record codes about a whole upload (it was not read, or was taken for an export): said above its numbers.
FILE_CODES = ("file_unreadable", "file_unsupported", "file_skipped", "export_ambiguous", "file_taken_for")
KEY_PREFIX = "desk_"  # every widget of the desk's preview; cleared when the upload set changes


# ----------------------------------------------------------------------------------------------
# The person's decisions
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Choices:
    """What a person decided on the desk: upload → export, headers, country names and values → meaning.

    Shaped like the sections of mappings.toml; an empty `countries` value keeps a name without
    a country on purpose. Every `with_*` returns new choices; `None` takes a decision back.
    """

    exports: dict[str, str] = field(default_factory=dict)  # upload name → export
    headers: dict[str, dict[str, str]] = field(default_factory=dict)  # export → header as written → column
    countries: dict[str, str] = field(default_factory=dict)  # name as written → ISO3 ("" = none on purpose)
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # kind → value as written → canonical

    def with_export(self, upload: str, export: str | None) -> "Choices":
        return replace(self, exports=_set(self.exports, upload, export))

    def with_header(self, export: str, header: str, column: str | None) -> "Choices":
        return replace(self, headers=_set_nested(self.headers, export, header, column))

    def with_country(self, name: str, code: str | None) -> "Choices":
        return replace(self, countries=_set(self.countries, name, code))

    def with_value(self, kind: str, text: str, canonical: str | None) -> "Choices":
        return replace(self, values=_set_nested(self.values, kind, text, canonical))

    def mappings(self) -> Mappings:
        """The decisions as mappings.toml entries (merged over the current version's own)."""
        return Mappings().with_entries(files=self.exports, headers=self.headers, countries=self.countries,
                                       values=self.values)

    def extends(self, other: "Choices") -> bool:
        """True when these choices only add to or change `other`'s (none taken back): a cheap restage will do."""
        def covers(new: dict, old: dict) -> bool:
            return all(key in new and (covers(new[key], value) if isinstance(value, dict) else True)
                       for key, value in old.items())

        return all(covers(getattr(self, name), getattr(other, name))
                   for name in ("exports", "headers", "countries", "values"))


def _set(entries: dict, key: str, value: str | None) -> dict:
    out = dict(entries)
    if value is None:
        out.pop(key, None)
    else:
        out[key] = value
    return out


def _set_nested(entries: dict, outer: str, key: str, value: str | None) -> dict:
    out = {name: dict(inner) for name, inner in entries.items()}
    inner = _set(out.get(outer, {}), key, value)
    if inner:
        out[outer] = inner
    else:
        out.pop(outer, None)
    return out


# ----------------------------------------------------------------------------------------------
# The preview
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class UploadSummary:
    """One upload as the draft reads it."""

    name: str
    export: str | None  # the export it was taken for (None: not recognised)
    report: FileReport | None  # encoding, delimiter and row counts; None when it was not read
    file_records: tuple[Issue, ...]  # about the whole file: not read, skipped, taken for an export
    issues: tuple[Issue, ...]  # every problem in its lines, cells and header
    unknown_headers: tuple[str, ...]  # header cells that name no column of its export, as written
    unresolved: pd.DataFrame  # column, name, rows: country names that resolved to no country
    invalid_values: tuple[tuple[str, str], ...]  # (kind, value as written): direction/category not understood


@dataclass(frozen=True)
class Preview:
    """What the draft holds and what publishing it would change."""

    draft: Draft
    uploads: tuple[UploadSummary, ...]
    comparison: Comparison  # before = the draft's parent version, after = the draft
    problems: tuple[Issue, ...]  # why it cannot be published (empty: it can)
    data: Dataset  # the draft loaded

    def unknown_headers(self) -> list[tuple[str, str]]:
        """(export, header) pairs over all uploads, in upload order."""
        return list(dict.fromkeys((upload.export, header) for upload in self.uploads if upload.export
                                  for header in upload.unknown_headers))

    def unresolved_countries(self) -> pd.DataFrame:
        """name, rows, files: every unresolved country name of the uploads, most rows first."""
        parts = [upload.unresolved.assign(file=upload.name) for upload in self.uploads if len(upload.unresolved)]
        if not parts:
            return pd.DataFrame(columns=["name", "rows", "files"])
        table = pd.concat(parts, ignore_index=True)
        out = table.groupby("name", sort=False).agg(rows=("rows", "sum"),
                                                    files=("file", lambda files: ", ".join(dict.fromkeys(files))))
        out = out.reset_index().sort_values(["rows", "name"], ascending=[False, True], kind="stable")
        return out.reset_index(drop=True)

    def invalid_values(self) -> list[tuple[str, str]]:
        return list(dict.fromkeys(pair for upload in self.uploads for pair in upload.invalid_values))


def upload_key(uploads: Sequence[tuple[str, bytes]]) -> str:
    """Identifies an upload set by its names and contents (the same files again need no new draft)."""
    digest = hashlib.sha256()
    for name, content in uploads:
        digest.update(name.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()


def stage_uploads(data_dir: Path, uploads: Sequence[tuple[str, bytes]], choices: Choices = Choices()) -> Draft:
    """A draft of the current version with the uploads in place and the choices applied (metrics.store.stage)."""
    return stage(data_dir, uploads, mappings=choices.mappings())


def apply_choices(draft: Draft, uploads: Sequence[tuple[str, bytes]], old: Choices, new: Choices) -> Draft:
    """The draft with new choices: restaged in place when they only add decisions, staged anew when
    one is taken back (a restage merges, it cannot forget); the replaced staging folder is removed."""
    if new.extends(old):
        return restage(draft, mappings=new.mappings())
    fresh = stage_uploads(draft.data_dir, uploads, new)
    discard(draft)
    return fresh


def _header_row(path: Path, export: str, mappings: Mappings) -> list[str]:
    """The header cells of an upload read as `export` (for a file whose required columns are not all found yet)."""
    from metrics.ingest import find_header  # the reader's own header search, so both agree on the row
    from metrics.readers import read_raw

    try:
        raw = read_raw(path)
    except Exception:  # noqa: BLE001 - the file's own record says why it cannot be read
        return []
    row, _ = find_header(raw.cells, EXPORTS[export], mappings)
    return [str(cell) for cell in raw.cells.iloc[row]] if row >= 0 else []


def unmapped_headers(headers: Sequence[str], export: str, mappings: Mappings) -> list[str]:
    """Header cells that name no contract column of `export` (personal-data and row-number columns aside)."""
    from metrics.headers import is_numbering_header, match_header

    spec = EXPORTS[export]
    return list(dict.fromkeys(
        header for header in headers
        if header.strip() and not is_personal_data_header(header) and not is_numbering_header(header)
        and mappings.header(export, header) is None and match_header(header, spec) is None))


def unresolved_countries(frame: pd.DataFrame | None, export: str, list_names: Sequence[tuple[str, str]] = (),
                         mappings: Mappings = Mappings()) -> pd.DataFrame:
    """column, name, rows: country names of one export's frame that resolved to no country.

    Single-country columns are read from the frame (the name kept in ``<column>_raw`` beside an
    empty ISO code); names inside country lists (`list_names`: (column, name) of their
    records) are counted in the rows whose list holds them. A name the mappings keep without
    a country on purpose is not listed.
    """
    rows = []
    if frame is not None:
        for column in EXPORTS[export].columns:
            raw = f"{column.name}_raw"
            if raw not in frame.columns:
                continue
            text = frame[raw].astype("string").str.strip()
            if column.kind == "country":
                mask = text.notna() & (text != "") & frame[column.name].isna()
                rows += [{"column": column.name, "name": str(name), "rows": int(count)}
                         for name, count in text[mask].value_counts().items()]
            else:
                wanted = {name for list_column, name in list_names if list_column == column.name}
                if wanted:
                    parts = text.dropna().str.split(r"[;,]").explode().str.strip()
                    counts = parts[parts.isin(wanted)].value_counts()
                    rows += [{"column": column.name, "name": str(name), "rows": int(counts.get(name, 0))}
                             for name in sorted(wanted)]
    rows = [row for row in rows if mappings.country(row["name"]) != ""]
    table = pd.DataFrame(rows, columns=["column", "name", "rows"])
    return table.sort_values(["rows", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)


def summarise_upload(name: str, draft: Draft, data: Dataset, mappings: Mappings) -> UploadSummary:
    """What the draft's dataset says about one upload."""
    export = draft.exports.get(name)
    report = next((file for file in data.files if Path(file.path).name == name), None)
    file_records = tuple(dict.fromkeys([record for record in (*draft.records, *data.unreadable)
                                        if record.file == name]))
    issues = tuple(issue for issue in data.issues if issue.file == name)
    if report is not None:
        headers = [issue.column for issue in issues if issue.code in HEADER_CODES and issue.column]
        unknown = unmapped_headers(headers, report.export, mappings)
        frame = data.get(report.export)
        lists = [(issue.column, issue.value) for issue in issues if issue.code == "country_list_unresolved"]
        unresolved = unresolved_countries(frame, report.export, lists, mappings)
    else:
        headers = _header_row(draft.folder / name, export, mappings) if export else []
        unknown = unmapped_headers(headers, export, mappings) if export else []
        unresolved = unresolved_countries(None, "students")  # nothing was read: an empty table
    values = tuple(dict.fromkeys(
        (str(issue.parameters.get("kind")), str(issue.value)) for issue in issues
        if issue.code in VALUE_CODES and issue.parameters.get("kind") in VALUE_KINDS and issue.value))
    return UploadSummary(name=name, export=report.export if report is not None else export, report=report,
                         file_records=file_records, issues=issues, unknown_headers=tuple(unknown),
                         unresolved=unresolved, invalid_values=values)


def build_preview(draft: Draft, before: Dataset, home: str | None = None) -> Preview:
    """Load the draft and say what it holds and what publishing it would change against `before`."""
    data = load_dataset(draft.folder, home=home)
    mappings = read_mappings(draft.folder)[0]
    uploads = tuple(summarise_upload(name, draft, data, mappings) for name in draft.uploads)
    problems = tuple(draft_problems(draft, data))
    return Preview(draft=draft, uploads=uploads, comparison=compare(before, data), problems=problems, data=data)


def draft_mappings_text(draft: Draft) -> str:
    """The mappings.toml the draft would publish ("" when it has none)."""
    path = draft.folder / MAPPINGS_FILE
    return path.read_text(encoding="utf-8") if path.is_file() else ""


# ----------------------------------------------------------------------------------------------
# Tables as the pages show them (pure: labels come from metrics.vocabulary and the KPI catalogue)
# ----------------------------------------------------------------------------------------------
def kpi_changes_table(comparison: Comparison, lang: str, changed_only: bool = False) -> pd.DataFrame:
    """KPI, year, before, after, change as text (formatted like the scorecard), catalogue order."""
    from metrics.vocabulary import kpi_change, kpi_value, present
    from metrics.vocabulary import t
    from charts.style import academic_year
    from metrics.catalogue import CATALOGUE

    kpis = comparison.kpis
    header = [t("desk.col_kpi", lang), t("common.year", lang), t("desk.col_before", lang), t("desk.col_after", lang),
              t("col.change", lang)]
    rows = []
    for row in kpis.itertuples(index=False):
        unit = CATALOGUE[row.kpi].unit
        before, after = kpi_value(row.before, unit, lang), kpi_value(row.after, unit, lang)
        differs = before != after  # as shown: a float's last bit is no change
        if changed_only and not differs:
            continue
        rows.append([CATALOGUE[row.kpi].label(lang), academic_year(row.year), before, after,
                     (kpi_change(row.change, unit, lang) or "") if differs and present(row.change) else ""])
    return pd.DataFrame(rows, columns=header)


def row_changes_table(comparison: Comparison, lang: str) -> pd.DataFrame:
    """Export, year, rows added, removed and changed, for the exports and years where something changes."""
    from metrics.vocabulary import t
    from charts.style import academic_year

    rows = comparison.rows
    rows = rows[(rows["added"] > 0) | (rows["removed"] > 0) | (rows["changed"] > 0)] if len(rows) else rows
    header = [t("col.export", lang), t("common.year", lang), t("desk.col_added", lang), t("desk.col_removed", lang),
              t("desk.col_changed", lang)]
    out = [[row.export, academic_year(row.year) if pd.notna(row.year) else "—", int(row.added), int(row.removed),
            int(row.changed)] for row in rows.itertuples(index=False)]
    return pd.DataFrame(out, columns=header)


def issue_table(issues: Sequence[Issue], lang: str, folders: Sequence[Path] = ()) -> pd.DataFrame:
    """Records as the validation report shows them: file, row, column, value, message (in ``lang``), severity.

    Server folders (`folders`) are taken out of every message: file names only."""
    from metrics.vocabulary import issue_message
    from app.state import hide_folder
    from metrics.validation import issues_frame

    def message(issue: Issue) -> str:
        text = issue_message(issue.code, issue.parameters, issue.message, lang)
        for folder in folders:
            text = hide_folder(text, Path(folder))
        return text

    return issues_frame(list(issues), message=message)


def country_options(lang: str) -> list[str]:
    """Every ISO alpha-3 code (Kosovo's included), sorted by its name in ``lang``."""
    import pycountry

    from metrics.countries import KOSOVO, display_name

    codes = {country.alpha_3 for country in pycountry.countries} | {KOSOVO}
    return sorted(codes, key=lambda code: (display_name(code, lang).casefold(), code))


def export_label(export: str) -> str:
    """An export as the desk's select box offers it: its name and what it holds."""
    return f"{export} — {EXPORTS[export].description}"


def record_text(record: Issue, lang: str, folders: Sequence[Path] = ()) -> str:
    """One record's message in ``lang``, without server folders (markdown-escaped for a notice box)."""
    from app.text import escape_markdown

    return escape_markdown(issue_table([record], lang, folders)["message"].iloc[0])


def widget_key(kind: str, *parts: str) -> str:
    """A stable widget key for one mapping decision (tests address the widget with the same call)."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{KEY_PREFIX}{kind}_{digest}"


# ----------------------------------------------------------------------------------------------
# The session half: one draft per browser tab
# ----------------------------------------------------------------------------------------------
SESSION_KEY = "_desk_session"
UPLOADER_COUNT_KEY = "_desk_uploader"  # a new uploader (emptied) after a publish
MESSAGE_KEY = "_desk_message"  # (kind, text) said once after a publish or a conflict


@dataclass
class DeskSession:
    """The tab's upload set, its draft, the choices made and the preview of both."""

    key: str
    uploads: tuple[tuple[str, bytes], ...]
    draft: Draft
    choices: Choices
    preview: Preview


def uploader_key() -> str:
    return f"{KEY_PREFIX}uploader_{st.session_state.get(UPLOADER_COUNT_KEY, 0)}"


def _clear_widgets() -> None:
    keep = uploader_key()
    for key in [key for key in st.session_state if str(key).startswith(KEY_PREFIX) and key != keep]:
        del st.session_state[key]


def forget() -> None:
    """Drop the tab's draft and remove its staging folder (a published draft's is gone already)."""
    session = st.session_state.pop(SESSION_KEY, None)
    if session is not None:
        discard(session.draft)
    _clear_widgets()


def session() -> DeskSession | None:
    return st.session_state.get(SESSION_KEY)


def _before(draft: Draft):
    """The version the draft was staged on (the current one, from the shared cache, when it still is)."""
    from app import state

    if draft.parent == current_version_id(draft.data_dir):
        return state.dataset()
    return version_dataset(str(draft.data_dir), draft.parent, state.home_override())


def _preview(draft: Draft) -> Preview:
    from app import state

    return build_preview(draft, _before(draft), home=state.home_override())


def staged(data_dir: Path, uploads: Sequence[tuple[str, bytes]]) -> DeskSession | None:
    """The tab's draft of these uploads: staged once per upload set (the previous one's folder removed)."""
    if not uploads:
        forget()
        return None
    key = upload_key(uploads)
    current = session()
    if current is not None and current.key == key:
        return current
    forget()
    draft = stage_uploads(data_dir, uploads)
    new = DeskSession(key=key, uploads=tuple(uploads), draft=draft, choices=Choices(), preview=_preview(draft))
    st.session_state[SESSION_KEY] = new
    return new


def choose(change: str, *args: str) -> None:
    """Widget callback: record one decision from its widget, restage, rebuild the preview."""
    current = session()
    if current is None:
        return
    value = st.session_state.get(widget_key(change, *args))
    choices = getattr(current.choices, f"with_{change}")(*args, value)
    draft = apply_choices(current.draft, current.uploads, current.choices, choices)
    st.session_state[SESSION_KEY] = replace(current, draft=draft, choices=choices, preview=_preview(draft))


def restage_on_current() -> DeskSession | None:
    """After someone else published: the same uploads and choices staged again on the new current version."""
    current = session()
    if current is None:
        return None
    draft = stage_uploads(current.draft.data_dir, current.uploads, current.choices)
    discard(current.draft)
    new = replace(current, draft=draft, preview=_preview(draft))
    st.session_state[SESSION_KEY] = new
    return new


def published() -> None:
    """After a publish: the draft is in the version now; the next uploader starts empty."""
    st.session_state.pop(SESSION_KEY, None)
    _clear_widgets()
    st.session_state[UPLOADER_COUNT_KEY] = st.session_state.get(UPLOADER_COUNT_KEY, 0) + 1


# ----------------------------------------------------------------------------------------------
# Versions for the History page (immutable once published: cached by id)
# ----------------------------------------------------------------------------------------------
def _signature(folder: str, *version_ids: str) -> tuple:
    """The files of a plain folder read as its implicit first version (it may change); () for published versions."""
    from app.state import folder_signature
    from metrics.store import FIRST_ID

    implicit = FIRST_ID in version_ids and current_version_id(folder) == FIRST_ID
    return folder_signature(Path(folder)) if implicit else ()


@st.cache_resource(show_spinner=False, max_entries=4)
def _version_dataset(folder: str, version_id: str, home: str | None, signature: tuple) -> Dataset:
    from metrics.store import load_version

    return load_version(folder, version_id, home=home)


def version_dataset(folder: str, version_id: str, home: str | None) -> Dataset:
    """load_version of one version, cached by id (shared, read-only); the current one is the pages' own dataset."""
    from app import state

    if (version_id == current_version_id(folder) and Path(folder) == Path(state.data_dir())
            and home == state.home_override()):
        return state.dataset()
    return _version_dataset(folder, version_id, home, _signature(folder, version_id))


@st.cache_resource(show_spinner=False, max_entries=8)
def _version_comparison(folder: str, older: str, newer: str, home: str | None, signature: tuple) -> Comparison:
    return compare(version_dataset(folder, older, home), version_dataset(folder, newer, home))


def version_comparison(folder: str, older: str, newer: str, home: str | None) -> Comparison:
    """compare(load_version(older), load_version(newer)), cached per pair."""
    return _version_comparison(folder, older, newer, home, _signature(folder, older, newer))


@st.cache_data(show_spinner=False, max_entries=8)
def _version_report(folder: str, version_id: str, home: str | None, year: int, fmt: str, lang: str,
                    signature: tuple) -> bytes:
    import reports

    return reports.build_report(version_dataset(folder, version_id, home), year, fmt, lang=lang)


def version_report(folder: str, version_id: str, home: str | None, year: int, fmt: str, lang: str) -> bytes:
    """reports.build_report of one version (its provenance sheet names the version and its files)."""
    return _version_report(folder, version_id, home, int(year), fmt, lang, _signature(folder, version_id))


@st.cache_resource(show_spinner=False, max_entries=4)
def _version_list(folder: str, current: str, signature: tuple) -> tuple:
    from metrics.store import versions

    return tuple(reversed(versions(folder)))


def version_list(folder: str) -> tuple:
    """Every version of the data folder, newest first (read again once a new one is published)."""
    from metrics.store import FIRST_ID

    return _version_list(folder, current_version_id(folder), _signature(folder, FIRST_ID))


def versions_table(version_list: Sequence, lang: str) -> pd.DataFrame:
    """One row per version: id, time (UTC), user, what was done, comment, number of files."""
    from metrics.vocabulary import t

    def action(version) -> str:
        text = t(f"history.action_{version.action}", lang)
        if version.restored_from:
            return t("history.restored", lang, action=text, version=version.restored_from)
        return text

    return pd.DataFrame({
        t("history.col_version", lang): [version.id for version in version_list],
        t("history.col_time", lang): [version.created.replace("T", " ").replace("+00:00", "")
                                      for version in version_list],
        t("history.col_user", lang): [version.user or "—" for version in version_list],
        t("history.col_action", lang): [action(version) for version in version_list],
        t("history.col_comment", lang): [version.comment for version in version_list],
        t("history.col_files", lang): [len(version.files) for version in version_list],
    })


def files_table(version, lang: str) -> pd.DataFrame:
    """The files of one version: name, export, SHA-256 (first 12 hex digits), size in bytes."""
    from metrics.vocabulary import t

    return pd.DataFrame({
        t("col.file", lang): [file.name for file in version.files],
        t("col.export", lang): [file.export or "—" for file in version.files],
        "SHA-256": [file.sha256[:12] for file in version.files],
        t("history.col_size", lang): [file.size for file in version.files],
    })
