"""Versions of a data folder: stage uploads, publish them atomically, keep every version, roll back.

A data folder starts plain (exports, settings.toml, mappings.toml): it is read as the
implicit first version "000001". Publishing keeps every version under `.versions/`
(dot-named, so ingestion never reads it as an export)::

    data/                       the plain folder: never changed by the app
      .versions/
        000001/manifest.json    the plain folder as it was (snapshot at the first publish)
        000001/files/...        its files byte for byte, settings.toml, mappings.toml
        000002/...              every later publish or roll back
        .tmp-<uuid>/            a version being written (readers ignore it; a crash may leave one)
        .staging/<draft>/       drafts being previewed on the Data desk (readers ignore them)

A version is written whole into `.tmp-<uuid>/` (files, then `manifest.json`, all fsynced),
then published by one `os.rename` to `.versions/<id>` (the draft's staging folder is removed
then). The newest folder with a valid manifest IS the current version: there is no pointer
that could be torn, so a reader sees the old version or the new one, never a mix, whenever
the publishing process dies. Two publishers
of the same parent race for the same `<id>`: the kernel lets one rename succeed, the other
gets `PublishConflict` and its draft is kept so the editor can look again.

Files of a version are immutable. Unchanged files are hard links of the parent version's
(copies where links are not possible); files of the plain folder are always copied, because
the registry may keep writing them in place. Nothing is ever deleted by the app except its own
unfinished temporary folder after a lost race.

Crash testing: `_checkpoint()` is called between every step of writing a version; when the
environment variable `IC_STORE_CRASH_AT=N` is set, the N-th checkpoint reached in the process
ends it at once with `os._exit(137)` (as a SIGKILL would). It does nothing otherwise.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from metrics.ingest import NON_EXPORT_FILES, SUFFIXES, UNSUPPORTED_SUFFIXES, Dataset, identify_files, load_dataset
from metrics.mappings import MAPPINGS_FILE, Mappings, read_mappings, write_mappings
from metrics.snapshot import load_dataset_cached
from metrics.validation import Issue

VERSIONS_DIR = ".versions"  # inside the data folder; dot-named so ingest never reads it as an export
STAGING_DIR = ".staging"  # inside VERSIONS_DIR: drafts of the Data desk
# A draft older than this is abandoned (longer than a session, app.auth.SESSION_HOURS) and removed.
DRAFT_MAX_AGE_HOURS = 24
TMP_PREFIX = ".tmp-"  # inside VERSIONS_DIR: a version being written
MANIFEST = "manifest.json"
FILES_DIR = "files"  # inside a version folder: what ingestion reads
SETTINGS_FILE = "settings.toml"
FIRST_ID = "000001"
ID_WIDTH = 6
INITIAL_COMMENT = "the folder as it was"
CRASH_ENV = "IC_STORE_CRASH_AT"  # tests: die at the N-th checkpoint (see the module docstring)
CRASH_EXIT = 137  # the status a SIGKILLed process reports
COPY_CHUNK = 1 << 20
# File-level record codes that make an upload unpublishable (besides "not recognised").
REFUSING_CODES = ("file_unreadable", "file_unsupported", "export_ambiguous")
UNREADABLE_CODES = ("file_unreadable", "file_unsupported")
_ID = re.compile(r"^\d{6,}$")


# ----------------------------------------------------------------------------------------------
# The records
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StoredFile:
    """One data file of a version: its name, SHA-256 of its bytes, size, and the export it holds (None: none)."""

    name: str
    sha256: str
    size: int
    export: str | None


@dataclass(frozen=True)
class Version:
    """One published state of a data folder."""

    id: str  # "000001", "000002", ... (zero-padded, increasing)
    parent: str | None
    created: str  # ISO 8601 UTC
    user: str
    comment: str
    action: str  # "initial" | "publish" | "rollback"
    restored_from: str | None
    files: tuple[StoredFile, ...]
    folder: Path  # where its files are (the plain data folder itself for the implicit first version)
    mappings_sha256: str | None = None  # of its mappings.toml, None when it has none
    settings_sha256: str | None = None  # of its settings.toml, None when it has none

    @property
    def implicit(self) -> bool:
        """True for a plain folder read as its first version (nothing under .versions yet)."""
        return self.folder.parent.parent.name != VERSIONS_DIR


class PublishConflict(Exception):
    """The current version is no longer the draft's parent (another editor published): look again."""


class PublishRefused(Exception):
    """Uploads that cannot be published; `problems` says which, where and why."""

    def __init__(self, problems: list[Issue]):
        self.problems = list(problems)
        files = sorted({problem.file for problem in self.problems})
        super().__init__(f"not published: {len(self.problems)} problem(s) in {', '.join(files)}")

    @property
    def unreadable(self) -> bool:
        """True when an upload cannot be read at all (not merely unrecognised or with excluded rows)."""
        return any(problem.code in UNREADABLE_CODES for problem in self.problems)


class VersionNotFound(LookupError):
    """No version with this id in the data folder."""


@dataclass(frozen=True)
class Draft:
    """Candidate files in a temporary folder: the parent version's files with the uploads in place."""

    folder: Path
    parent: str
    uploads: tuple[str, ...]
    exports: dict[str, str | None]  # upload name → export it was taken for (None = not recognised)
    data_dir: Path | None = None  # the data folder it was staged from
    records: tuple[Issue, ...] = ()  # why uploads were not recognised (file-level records of the uploads)
    replaced: tuple[str, ...] = ()  # parent files left out because an upload holds their export


# ----------------------------------------------------------------------------------------------
# Crash points
# ----------------------------------------------------------------------------------------------
_checkpoints_reached = 0


def _checkpoint() -> None:
    """One step of writing a version done; dies here when `IC_STORE_CRASH_AT` names this step (tests)."""
    global _checkpoints_reached
    _checkpoints_reached += 1
    wanted = os.environ.get(CRASH_ENV)
    if wanted and int(wanted) == _checkpoints_reached:
        os._exit(CRASH_EXIT)


# ----------------------------------------------------------------------------------------------
# Reading versions
# ----------------------------------------------------------------------------------------------
def _versions_root(data_dir) -> Path:
    return Path(data_dir) / VERSIONS_DIR


def _number(version_id: str) -> int:
    return int(version_id)


def _next_id(version_id: str) -> str:
    return f"{_number(version_id) + 1:0{ID_WIDTH}d}"


def _read_manifest(folder: Path) -> Version | None:
    """The version in a `.versions/<id>` folder, None when it is not complete (no valid manifest)."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if manifest["id"] != folder.name:
            return None
        files = tuple(StoredFile(str(entry["name"]), str(entry["sha256"]), int(entry["size"]), entry.get("export"))
                      for entry in manifest["files"])
        return Version(id=manifest["id"], parent=manifest.get("parent"), created=str(manifest["created"]),
                       user=str(manifest.get("user", "")), comment=str(manifest.get("comment", "")),
                       action=str(manifest["action"]), restored_from=manifest.get("restored_from"), files=files,
                       folder=folder / FILES_DIR, mappings_sha256=manifest.get("mappings_sha256"),
                       settings_sha256=manifest.get("settings_sha256"))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _version_folders(data_dir) -> list[Path]:
    """`.versions/<id>` folders, highest id first (complete or not; temporary and staging folders never)."""
    try:
        names = [entry.name for entry in os.scandir(_versions_root(data_dir)) if entry.is_dir() and _ID.match(entry.name)]
    except OSError:
        return []
    return [_versions_root(data_dir) / name for name in sorted(names, key=_number, reverse=True)]


def current_version_id(data_dir) -> str:
    """The id of the current version, cheaply: the highest complete id, else the implicit "000001"."""
    for folder in _version_folders(data_dir):
        if _read_manifest(folder) is not None:
            return folder.name
    return FIRST_ID


def _hash_file(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        while chunk := handle.read(COPY_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _plain_data_files(folder: Path) -> list[Path]:
    """The files of a plain folder a version keeps: everything ingestion would look at as an export."""
    keep = SUFFIXES + UNSUPPORTED_SUFFIXES
    return [path for path in sorted(folder.iterdir(), key=lambda item: item.name)
            if path.is_file() and not path.name.startswith((".", "~$"))
            and path.name.casefold() not in NON_EXPORT_FILES and path.suffix.lower() in keep]


def _described(folder: Path, names: Sequence[str], exports: dict[str, str]) -> tuple[StoredFile, ...]:
    return tuple(StoredFile(name, *_hash_file(folder / name), exports.get(name)) for name in names)


def _optional_hash(path: Path) -> str | None:
    return _hash_file(path)[0] if path.is_file() else None


def _implicit_version(data_dir: Path) -> Version:
    """A plain folder read as its first version."""
    files = [path.name for path in _plain_data_files(data_dir)]
    exports, _ = identify_files(data_dir)
    modified = max((int((data_dir / name).stat().st_mtime) for name in files), default=0)
    created = datetime.fromtimestamp(modified, timezone.utc).isoformat(timespec="seconds")
    return Version(id=FIRST_ID, parent=None, created=created, user="", comment=INITIAL_COMMENT, action="initial",
                   restored_from=None, files=_described(data_dir, files, exports), folder=data_dir,
                   mappings_sha256=_optional_hash(data_dir / MAPPINGS_FILE),
                   settings_sha256=_optional_hash(data_dir / SETTINGS_FILE))


def versions(data_dir) -> list[Version]:
    """Every version, oldest first (a plain folder: its implicit first version alone)."""
    found = [version for version in map(_read_manifest, reversed(_version_folders(data_dir))) if version is not None]
    return found or [_implicit_version(Path(data_dir))]


def current_version(data_dir) -> Version:
    """The version readers see now: the highest complete `.versions/<id>`, else the plain folder as "000001"."""
    for folder in _version_folders(data_dir):
        version = _read_manifest(folder)
        if version is not None:
            return version
    return _implicit_version(Path(data_dir))


def _resolve(data_dir, version_id: str | None) -> tuple[str, Path]:
    """(id, folder of its files) of a version, without hashing anything; VersionNotFound when there is none."""
    version_id = current_version_id(data_dir) if version_id is None else str(version_id).strip()
    if version_id.isdigit():
        version_id = version_id.zfill(ID_WIDTH)  # "2" is 000002
    folder = _versions_root(data_dir) / version_id
    if _ID.match(version_id) and _read_manifest(folder) is not None:
        return version_id, folder / FILES_DIR
    if version_id == FIRST_ID and current_version_id(data_dir) == FIRST_ID:
        return FIRST_ID, Path(data_dir)
    raise VersionNotFound(f"no version '{version_id}' in {Path(data_dir).name}")


def get_version(data_dir, version_id: str | None = None) -> Version:
    """One version by id (None: the current one); VersionNotFound when there is none with that id."""
    version_id, folder = _resolve(data_dir, version_id)
    version = _read_manifest(folder.parent) if folder != Path(data_dir) else None
    return version if version is not None else _implicit_version(Path(data_dir))


def load_version(data_dir, version_id: str | None = None, home: str | None = None) -> Dataset:
    """The dataset of one version (default: the current one), with `Dataset.version` set.

    A plain folder with no history is read as it is, as version "000001". Exports unchanged
    since they were last validated are read back from their snapshot (`metrics.snapshot`)."""
    version_id, folder = _resolve(data_dir, version_id)
    return replace(load_dataset_cached(folder, home=home), version=version_id)


# ----------------------------------------------------------------------------------------------
# Drafts
# ----------------------------------------------------------------------------------------------
def _link_or_copy(source: Path, target: Path, copy: bool = False) -> None:
    """A hard link of an immutable version file (a copy where links are impossible, or when asked)."""
    if not copy:
        try:
            os.link(source, target)
            return
        except OSError:
            pass
    shutil.copyfile(source, target)


def _upload_name(name: str) -> str:
    """The plain file name of an upload; ValueError for a name that could not be a data file."""
    base = Path(str(name).replace("\\", "/")).name
    if not base or base.startswith(".") or base.casefold() in (MAPPINGS_FILE, SETTINGS_FILE) or base != str(name):
        raise ValueError(f"'{name}' cannot be uploaded: give a plain file name such as students.csv")
    return base


def _merged_mappings(base: Mappings, mappings: Mappings | None, exports: dict[str, str] | None) -> Mappings:
    merged = base.with_entries(**mappings.written) if mappings is not None else base
    if exports:
        merged = merged.with_entries(files={name: export for name, export in exports.items() if export})
    return merged


def stage(data_dir, uploads: Sequence[tuple[str, bytes]], mappings: Mappings | None = None,
          exports: dict[str, str] | None = None, workdir: Path | None = None) -> Draft:
    """A draft: the current version's files, its mappings (merged with `mappings`), the uploads in place.

    Each upload's export is found by `identify_files` (`exports` overrides are written into
    the draft's mappings as [files] entries); every parent file holding an export an upload
    now holds, or with an upload's name, is left out. The parent's files are never changed.
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise FileNotFoundError(f"data folder '{data_dir}' does not exist")
    names = [_upload_name(name) for name, _ in uploads]
    folded = [name.casefold() for name in names]
    if len(set(folded)) != len(folded):
        raise ValueError("two uploads have the same file name; upload each file once")
    parent = current_version(data_dir)
    if workdir is None:
        staging = _versions_root(data_dir) / STAGING_DIR
        staging.mkdir(parents=True, exist_ok=True)
        _remove_abandoned_drafts(staging)
        workdir = Path(tempfile.mkdtemp(prefix="draft-", dir=staging))
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    for name, content in zip(names, (content for _, content in uploads)):
        (workdir / name).write_bytes(bytes(content))
    for name in (SETTINGS_FILE, MAPPINGS_FILE):  # byte for byte; mappings.toml rewritten below only when merged
        if (parent.folder / name).is_file():
            shutil.copyfile(parent.folder / name, workdir / name)
    draft = Draft(folder=workdir, parent=parent.id, uploads=tuple(names), exports={}, data_dir=data_dir)
    return _identify(draft, parent, mappings, exports)


def restage(draft: Draft, mappings: Mappings | None = None, exports: dict[str, str] | None = None) -> Draft:
    """The draft with new mappings: rewrites its mappings.toml and re-identifies the uploads (cheap)."""
    parent = get_version(draft.data_dir, draft.parent) if draft.data_dir is not None else None
    return _identify(draft, parent, mappings, exports)


def _identify(draft: Draft, parent: Version | None, mappings: Mappings | None, exports: dict[str, str] | None) -> Draft:
    """Merge and write the mappings, find each upload's export, put in the parent files no upload replaces."""
    folder = draft.folder
    before = read_mappings(folder)[0]
    merged = _merged_mappings(before, mappings, exports)
    if mappings is not None or exports:
        write_mappings(merged, folder)
    if (draft.exports and not exports and merged.files == before.files and merged.headers == before.headers
            and set(draft.exports) == set(draft.uploads)):
        return draft  # only country or value decisions changed: which export each upload holds cannot change
    uploads = set(draft.uploads)
    for name in draft.replaced + tuple(file.name for file in (parent.files if parent else ())):
        path = folder / name
        if name not in uploads and path.exists():
            path.unlink()  # a parent file of the draft's own folder; put back below if still wanted
    found, records = identify_files(folder, merged)
    taken = {name: found.get(name) for name in draft.uploads}
    held = {export for export in taken.values() if export}
    kept, replaced = [], []
    upload_names = {name.casefold() for name in draft.uploads}
    for file in parent.files if parent else ():
        if file.name.casefold() in upload_names or (file.export in held):
            replaced.append(file.name)
        else:
            kept.append(file.name)
    for name in kept:
        _link_or_copy(parent.folder / name, folder / name, copy=parent.implicit)
    upload_records = tuple(record for record in records if record.file in uploads)
    return replace(draft, exports=taken, records=upload_records, replaced=tuple(replaced))


def draft_problems(draft: Draft, data: Dataset | None = None, allow_excluded_rows: bool = True) -> list[Issue]:
    """Why a draft cannot be published: uploads unreadable, not recognised or ambiguous (and, when
    `allow_excluded_rows` is False, every row error of the uploads). `data` is the draft loaded, if at hand."""
    data = data if data is not None else load_dataset(draft.folder)
    uploads = set(draft.uploads)
    problems = [record for record in draft.records if draft.exports.get(record.file) is None]
    said = {record.file for record in problems}
    problems += [Issue(name, None, None, None, f"{name}: not an export (ingestion skips files of this name); "
                       "skipped. Name it after the export it holds (e.g. students.csv).", "warning", "file_skipped",
                       (("reason", "unknown"),))
                 for name in draft.uploads if draft.exports.get(name) is None and name not in said]
    problems += [issue for issue in data.unreadable
                 if issue.file in uploads and issue.code in REFUSING_CODES and issue not in problems]
    if not allow_excluded_rows:
        problems += [issue for issue in data.issues if issue.file in uploads and issue.severity == "error"]
    return problems


# ----------------------------------------------------------------------------------------------
# Writing versions
# ----------------------------------------------------------------------------------------------
def _fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _write_version(data_dir: Path, version_id: str, source: Path, names: Sequence[str], exports: dict[str, str],
                   manifest: dict, copy: bool) -> Version:
    """Write one version whole into `.versions/.tmp-<uuid>/`, then rename it to `.versions/<id>`.

    `source` holds the data files `names` (+ settings.toml, mappings.toml when present);
    `copy` copies them instead of hard-linking (files of the plain folder may be rewritten in
    place by whoever drops them there). PublishConflict when `<id>` exists already.
    """
    root = _versions_root(data_dir)
    root.mkdir(exist_ok=True)
    tmp = root / f"{TMP_PREFIX}{uuid.uuid4().hex}"
    files_dir = tmp / FILES_DIR
    files_dir.mkdir(parents=True)
    _checkpoint()
    extras = [name for name in (SETTINGS_FILE, MAPPINGS_FILE) if (source / name).is_file()]
    for name in list(names) + extras:
        _link_or_copy(source / name, files_dir / name, copy=copy)
        _fsync_file(files_dir / name)
        _checkpoint()
    stored = _described(files_dir, names, exports)
    manifest = dict(manifest, id=version_id, files=[vars(file) for file in stored],
                    mappings_sha256=_optional_hash(files_dir / MAPPINGS_FILE),
                    settings_sha256=_optional_hash(files_dir / SETTINGS_FILE))
    _checkpoint()
    with open(tmp / MANIFEST, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, ensure_ascii=False, indent=2)
        handle.flush()
        _checkpoint()
        os.fsync(handle.fileno())
    _checkpoint()
    _fsync_dir(files_dir)
    _fsync_dir(tmp)
    _checkpoint()
    try:
        os.rename(tmp, root / version_id)  # the one step that publishes
    except OSError as error:
        shutil.rmtree(tmp, ignore_errors=True)  # our own unfinished folder; nothing published is touched
        if (root / version_id).exists():
            raise PublishConflict(f"version {version_id} was published by someone else meanwhile; look again") from error
        raise
    _checkpoint()
    _fsync_dir(root)
    _checkpoint()
    version = _read_manifest(root / version_id)
    assert version is not None
    return version


def _snapshot_plain_folder(data_dir: Path) -> None:
    """Keep a plain folder as version 000001 before the first publish (a concurrent snapshot of it is as good)."""
    initial = _implicit_version(data_dir)
    manifest = {"parent": None, "created": initial.created, "user": "", "comment": INITIAL_COMMENT,
                "action": "initial", "restored_from": None}
    try:
        _write_version(data_dir, FIRST_ID, data_dir, [file.name for file in initial.files],
                       {file.name: file.export for file in initial.files}, manifest, copy=True)
    except PublishConflict:
        pass  # another publisher snapshotted the same folder first


def _new_version(data_dir: Path, parent_id: str, source: Path, names: Sequence[str], exports: dict[str, str | None],
                 manifest: dict, copy: bool) -> Version:
    if current_version_id(data_dir) != parent_id:
        raise PublishConflict(f"the current version is {current_version_id(data_dir)}, not {parent_id}: "
                              "someone published meanwhile; look again")
    if not any(_read_manifest(folder) for folder in _version_folders(data_dir)):
        _snapshot_plain_folder(data_dir)
    manifest = dict(manifest, parent=parent_id, created=_now())
    return _write_version(data_dir, _next_id(parent_id), source, names, exports, manifest, copy)


def _record(event: str, user: str, address: str | None, version: Version) -> None:
    """The audit log line of a publish or roll back (metrics.audit)."""
    from metrics.audit import record

    record(event, user, address, version=version.id, comment=version.comment,
           files=[file.name for file in version.files], restored_from=version.restored_from)


def publish(data_dir, draft: Draft, user: str, comment: str, allow_excluded_rows: bool = True,
            address: str | None = None, preview: Dataset | None = None) -> Version:
    """Publish a draft as the new current version (its parent's id + 1); see the module docstring.

    PublishRefused when an upload cannot be published (see `draft_problems`); PublishConflict
    when the current version is no longer the draft's parent. `preview` is the draft as
    loaded for the preview after its last `restage` (`load_dataset(draft.folder)`): passing it
    saves reading the uploads again; a dataset of another folder is ignored.
    """
    data_dir = Path(data_dir)
    if current_version_id(data_dir) != draft.parent:
        raise PublishConflict(f"the current version is {current_version_id(data_dir)}, not {draft.parent}: "
                              "someone published meanwhile; look again")
    same_folder = preview is not None and Path(preview.source) == Path(draft.folder)
    data = preview if same_folder else load_dataset(draft.folder)
    problems = draft_problems(draft, data, allow_excluded_rows=allow_excluded_rows)
    if problems:
        raise PublishRefused(problems)
    exports = {Path(report.path).name: report.export for report in data.files}  # the export each file was read as
    names = [path.name for path in _plain_data_files(draft.folder)]
    manifest = {"user": str(user), "comment": str(comment), "action": "publish", "restored_from": None}
    version = _new_version(data_dir, draft.parent, draft.folder, names, exports, manifest, copy=False)
    _record("publish", user, address, version)
    discard(draft)  # every file of it is in the version now
    return version


def _remove_abandoned_drafts(staging: Path, now: float | None = None) -> None:
    """Drafts untouched for `DRAFT_MAX_AGE_HOURS` (a closed tab, an expired session) are removed.

    Only `draft-*` folders under `.versions/.staging`: published versions are never touched.
    """
    limit = (time.time() if now is None else now) - DRAFT_MAX_AGE_HOURS * 3600
    for folder in staging.glob("draft-*"):
        try:
            if folder.is_dir() and folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def discard(draft: Draft) -> None:
    """Remove a draft's own staging folder (only one under `.versions/.staging`; published files are never touched)."""
    folder = Path(draft.folder)
    if folder.parent.name == STAGING_DIR and folder.parent.parent.name == VERSIONS_DIR:
        shutil.rmtree(folder, ignore_errors=True)


def rollback(data_dir, version_id: str, user: str, comment: str = "", address: str | None = None) -> Version:
    """A new version restoring an old one's files, mappings and settings byte for byte."""
    data_dir = Path(data_dir)
    parent_id = current_version_id(data_dir)
    old = get_version(data_dir, version_id)
    manifest = {"user": str(user), "comment": str(comment), "action": "rollback", "restored_from": old.id}
    version = _new_version(data_dir, parent_id, old.folder, [file.name for file in old.files],
                           {file.name: file.export for file in old.files}, manifest, copy=old.implicit)
    _record("rollback", user, address, version)
    return version


def manifest_of(version: Version) -> dict:
    """A version as plain data (what `history --json` prints): every field but the folder."""
    return {"id": version.id, "parent": version.parent, "created": version.created, "user": version.user,
            "comment": version.comment, "action": version.action, "restored_from": version.restored_from,
            "files": [vars(file) for file in version.files], "mappings_sha256": version.mappings_sha256,
            "settings_sha256": version.settings_sha256}
