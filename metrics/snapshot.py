"""Validated snapshots: each export's canonical frame and validation records kept as Parquet + JSON.

Reading and validating every export again on each start is the slow part of loading (about
10 s for 10 million rows); reading the same validated frame back from Parquet is several
times faster. `load_dataset_cached(folder)` is `metrics.ingest.load_dataset(folder)` with one
difference: an export whose file is unchanged since it was last validated, by code that is
unchanged too, is read back from its snapshot instead of being parsed again. Its frame
(dtypes included), its validation records and its `FileReport` are those of the parse, exactly.

Layout (beside the data, dot-named so ingestion never reads it as an export)::

    data/.snapshots/
      <part>/frame.parquet     one export's canonical frame
      <part>/rows-<name>.npy   of the students export: its row-wise values (`metrics.rows.student_row_arrays`:
                               student id codes, active rows, first year seen, previous row of the
                               same student and year), the slow part of the KPIs on millions of rows;
                               mapped into memory copy-on-write when read (pages read as used)
      <part>/part.json         what it was made from: snapshot format, code version, export,
                               file name, sha256, size, mtime, rows, dtypes, the FileReport
                               fields and the file's validation records
      kpis-<key>.json          every KPI for every year of a dataset read back from its parts, unfiltered
                               (`read_kpi_table`): what a restart's first page shows, without computing it
      index-<folder>.json      per data folder read (the plain folder, each `.versions/<id>/files`):
                               file name → size, mtime, sha256, part (the fast path), and the
                               settings, home and university of the last load
      .tmp-<uuid>/             a part being written (renamed to <part> when complete)

`<part>` is a hash of (snapshot format, code version, export, file name, the file's sha256,
the mappings in force): keyed by content, so a published version and the plain folder whose
files it copied share their snapshots, and a changed export invalidates only its own part.
The code version hashes the source of the ingestion modules, the country data, pandas and
pyarrow: any change of them makes every snapshot stale (stale parts are removed on the next write).

A file is known unchanged by its size and mtime in the folder's index (no read at all), else
by its sha256. A snapshot never breaks loading: any error reading or writing one falls back to
parsing the file, logged at debug level only; a read-only data folder simply gets none.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import time
import uuid
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from metrics import ingest, memo, rows
from metrics.mappings import Mappings
from metrics.validation import FileReport, Issue

log = logging.getLogger(__name__)

FORMAT = 4  # of the snapshot files; bump when their layout changes (2: the students' row values; 3: columns
# without any value not in the Parquet file; 4: each row value in its own .npy file, mapped on reading)
SNAPSHOT_DIR = ".snapshots"
FRAME_FILE = "frame.parquet"
ROWS_PREFIX = "rows-"  # rows-<name>.npy: `metrics.rows.student_row_arrays` of the students frame, one file each
PART_FILE = "part.json"
INDEX_PREFIX = "index-"
TMP_PREFIX = ".tmp-"
HASH_CHUNK = 1 << 20
# A file modified this recently is not trusted by size and mtime alone (it may be rewritten
# again within the clock's granularity): it is hashed on the next load.
RACY_SECONDS = 2.0
TMP_MAX_AGE_SECONDS = 3600  # unfinished parts of a crashed writer older than this are removed
KPI_PREFIX = "kpis-"
KPI_FILES_KEPT = 16  # the newest KPI tables kept (one per dataset, day and years); older ones are removed
# Whether unfiltered KPI tables are kept with the snapshot (benchmarks turn it off to time the computation).
KPI_TABLES_STORED = True
# The part each frame read back from (or written to) a snapshot holds: (snapshot folder, part key).
PARTS = memo.IdentityMemo("snapshot part of each export frame", 256)
METRICS = Path(__file__).resolve().parent
# The code whose output a snapshot holds: a change of any of it invalidates every snapshot.
CODE_FILES = ("ingest.py", "schema.py", "readers.py", "headers.py", "countries.py", "validity.py", "mappings.py",
              "text.py", "validation.py", "years.py", "snapshot.py", "rows.py")
COUNTRY_DATA = METRICS / "country_data"


# ----------------------------------------------------------------------------------------------
# Keys
# ----------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the ingestion code, the country data and the pandas/pyarrow versions."""
    import pyarrow

    digest = hashlib.sha256(f"format {FORMAT}; pandas {pd.__version__}; pyarrow {pyarrow.__version__}".encode())
    files = [METRICS / name for name in CODE_FILES] + sorted(path for path in COUNTRY_DATA.iterdir() if path.is_file())
    for path in files:
        digest.update(f"\0{path.relative_to(METRICS).as_posix()}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def mappings_digest(mappings: Mappings) -> str:
    """A hash of the reviewed decisions that change how a file is read."""
    content = [mappings.files, mappings.headers, mappings.countries, mappings.values]
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def part_key(export: str, file_name: str, sha256: str, mappings: str, code: str | None = None) -> str:
    """The name of one export's snapshot: a hash of everything its content depends on."""
    content = json.dumps([FORMAT, code or code_version(), export, file_name, sha256, mappings])
    return hashlib.sha256(content.encode()).hexdigest()[:40]


def snapshot_root(folder) -> Path:
    """Where the snapshots of a folder's exports go: `<data folder>/.snapshots`.

    For a published version (`<data folder>/.versions/<id>/files`) it is the data folder's own,
    so that versions and the plain folder share the snapshots of the files they have in common.
    """
    folder = Path(folder)
    if folder.name == "files" and folder.parent.parent.name == ".versions":
        return folder.parent.parent.parent / SNAPSHOT_DIR
    return folder / SNAPSHOT_DIR


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# ----------------------------------------------------------------------------------------------
# Validation records as JSON, restored exactly (tuples stay tuples; any other type: no snapshot)
# ----------------------------------------------------------------------------------------------
_PLAIN = (str, int, float, bool, type(None))


def _encode(value):
    if type(value) in _PLAIN:
        return value
    if type(value) is tuple:
        return {"tuple": [_encode(item) for item in value]}
    if type(value) is list:
        return [_encode(item) for item in value]
    raise TypeError(f"cannot keep a {type(value).__name__} in a snapshot")


def _decode(value):
    if isinstance(value, dict):
        return tuple(_decode(item) for item in value["tuple"])
    if isinstance(value, list):
        return [_decode(item) for item in value]
    return value


def encode_issues(issues) -> list:
    return [[_encode(getattr(issue, name)) for name in Issue.__dataclass_fields__] for issue in issues]


def decode_issues(rows) -> list[Issue]:
    return [Issue(*(_decode(value) for value in row)) for row in rows]


EMPTY_CATEGORIES = pd.CategoricalDtype(pd.Index([], dtype="str"))


def _without_values(frame: pd.DataFrame) -> list[str]:
    """Categorical columns without any category: every value missing (an export's absent optional column)."""
    return [str(name) for name, dtype in frame.dtypes.items()
            if isinstance(dtype, pd.CategoricalDtype) and len(dtype.categories) == 0]


def _one_chunk(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as one Arrow chunk each: Parquet gives one per row group (77 for ten million rows), and
    taking rows from a chunked column costs as much as the whole column (a university's 50,000 rows of ten
    million: 40 ms chunked, 3 ms in one chunk)."""
    chunked = {}
    for name in frame.columns:
        values = frame[name].array
        if isinstance(values, pd.arrays.ArrowStringArray):
            arrow = values.__arrow_array__()
            if arrow.num_chunks > 1:
                chunked[name] = pd.Series(pd.array(arrow.combine_chunks(), dtype=frame[name].dtype),
                                          index=frame.index, name=name)
    return frame.assign(**chunked) if chunked else frame


MASKED_INTEGER = re.compile(r"U?Int(8|16|32|64)Dtype\(\)")


def _read_frame(path: Path, recorded: list[list[str]], empty: list[str]) -> pd.DataFrame:
    """The Parquet frame, its nullable integer columns (``Int64``…) made from Arrow's values and validity
    directly: pandas' own conversion of ten million of them took 0.45 s, this takes a tenth of it."""
    import pyarrow.parquet as pq

    masked = [name for name, dtype in recorded if name not in empty and MASKED_INTEGER.fullmatch(dtype)]
    if not masked:
        return _one_chunk(pd.read_parquet(path, engine="pyarrow"))
    others = [name for name, _ in recorded if name not in empty and name not in masked]
    table = pq.read_table(path, columns=masked)
    frame = (_one_chunk(pd.read_parquet(path, engine="pyarrow", columns=others)) if others
             else pd.DataFrame(index=pd.RangeIndex(table.num_rows)))
    for name in masked:
        column = table.column(name).combine_chunks()
        mask = column.is_null().to_numpy(zero_copy_only=False)
        values = column.fill_null(0).to_numpy(zero_copy_only=False)
        frame[name] = pd.arrays.IntegerArray(values if values.flags.writeable else values.copy(), mask)
    return frame[[name for name, _ in recorded if name not in empty]]


def _with_empty_columns(frame: pd.DataFrame, rows: int, recorded: list[list[str]], empty: list[str]) -> pd.DataFrame:
    """The frame read back with its columns without values (``empty``, kept out of the Parquet file) made
    again as ingestion made them, every column in its recorded place. Parquet keeps no type for an empty
    category list, and reading ten million missing values back costs seconds; codes of -1 cost nothing."""
    if not empty:
        return frame
    if not len(frame.columns):
        frame = pd.DataFrame(index=pd.RangeIndex(rows))
    missing = pd.Categorical.from_codes(np.full(len(frame), -1, dtype=np.int8), dtype=EMPTY_CATEGORIES)
    frame = frame.assign(**{name: missing for name in empty})
    return frame[[name for name, _ in recorded]]


def _dtypes(frame: pd.DataFrame) -> list[list[str]]:
    return [[str(name), repr(dtype)] for name, dtype in frame.dtypes.items()]


# ----------------------------------------------------------------------------------------------
# One folder's load
# ----------------------------------------------------------------------------------------------
class _Snapshots:
    """The snapshots of one data folder during one `load_dataset_cached`: the loader ingestion calls."""

    def __init__(self, folder: Path, root: Path):
        self.folder = folder
        self.root = root
        self.code = code_version()
        self.index_path = root / f"{INDEX_PREFIX}{self._folder_id()}.json"
        self.index = self._read_index()
        self.entries: dict[str, dict] = {}  # file name → index entry, of this load
        self.read: list[str] = []  # exports read back from a snapshot
        self.parsed: list[str] = []  # exports parsed (no usable snapshot)
        self.written: list[str] = []  # exports whose snapshot was written
        self._mappings: dict[int, str] = {}

    def _folder_id(self) -> str:
        try:
            name = self.folder.resolve().relative_to(self.root.parent.resolve()).as_posix()
        except (OSError, ValueError):
            name = str(self.folder.resolve())
        return hashlib.sha256(name.encode()).hexdigest()[:16]

    def _read_index(self) -> dict:
        try:
            index = json.loads(self.index_path.read_text(encoding="utf-8"))
            if index.get("format") == FORMAT and index.get("code_version") == self.code:
                return index
        except FileNotFoundError:
            pass
        except Exception:  # noqa: BLE001 - a snapshot never breaks loading
            log.debug("snapshot index %s not usable", self.index_path, exc_info=True)
        return {"files": {}}

    def _digest(self, mappings: Mappings) -> str:
        if id(mappings) not in self._mappings:
            self._mappings[id(mappings)] = mappings_digest(mappings)
        return self._mappings[id(mappings)]

    # -- the loader -------------------------------------------------------------------------
    def load_export(self, path, export, raw=None, mappings=None):
        """`metrics.ingest.load_export`, from the export's snapshot when its file is unchanged."""
        path = Path(path)
        mappings = mappings if mappings is not None else Mappings()
        digest = self._digest(mappings)
        found, stat = None, None
        try:
            stat = path.stat()
            found = self._read_part(path, export.name, stat, digest)
        except Exception:  # noqa: BLE001 - a snapshot never breaks loading
            log.debug("snapshot of %s not usable; parsing it", path, exc_info=True)
        if found is not None:
            self.read.append(export.name)
            return found
        self.parsed.append(export.name)
        frame, issues, report = ingest.load_export(path, export, raw, mappings)
        if stat is not None:
            try:
                self._write_part(path, export.name, stat, digest, frame, issues, report)
            except Exception:  # noqa: BLE001 - a snapshot never breaks loading
                log.debug("snapshot of %s not written", path, exc_info=True)
        return frame, issues, report

    def _known_sha(self, path: Path, stat: os.stat_result) -> str:
        """The file's sha256: from the index when its size and mtime are those recorded, else hashed."""
        entry = self.index.get("files", {}).get(path.name)
        if entry and entry.get("size") == stat.st_size and entry.get("mtime_ns") == stat.st_mtime_ns:
            return str(entry["sha256"])
        return file_sha256(path)

    def _entry(self, path: Path, export: str, stat: os.stat_result, sha256: str, key: str, rows: int) -> None:
        entry = {"export": export, "sha256": sha256, "part": key, "rows": rows}
        if time.time() - stat.st_mtime > RACY_SECONDS:  # else hashed next time (see RACY_SECONDS)
            entry.update(size=stat.st_size, mtime_ns=stat.st_mtime_ns)
        self.entries[path.name] = entry

    def _read_part(self, path: Path, export: str, stat: os.stat_result, digest: str):
        sha256 = self._known_sha(path, stat)
        key = part_key(export, path.name, sha256, digest, self.code)
        folder = self.root / key
        try:
            text = (folder / PART_FILE).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        try:
            part = json.loads(text)
            expected = {"format": FORMAT, "code_version": self.code, "export": export, "file": path.name,
                        "sha256": sha256, "mappings": digest}
            if any(part.get(name) != value for name, value in expected.items()):
                raise ValueError("snapshot made from something else")
            frame = _with_empty_columns(_read_frame(folder / FRAME_FILE, part["dtypes"], part["empty_columns"]),
                                        part["rows"], part["dtypes"], part["empty_columns"])
            if len(frame) != part["rows"] or _dtypes(frame) != part["dtypes"]:
                raise ValueError("snapshot frame differs from its record")
            if part.get("row_values"):
                rows.adopt_student_row_arrays(frame, {name: _mapped(folder / f"{ROWS_PREFIX}{name}.npy")
                                                      for name in part["row_values"]})
            issues = decode_issues(part["issues"])
            report = FileReport(**dict(part["report"], path=str(path)))
        except Exception:
            self._discard(folder)  # corrupt: parsed again and rewritten
            raise
        self._entry(path, export, stat, sha256, key, len(frame))
        PARTS.put(frame, (), (self.root, key))
        return frame, issues, report

    def _write_part(self, path: Path, export: str, stat: os.stat_result, digest: str, frame: pd.DataFrame,
                    issues: list[Issue], report: FileReport) -> None:
        key = part_key(export, path.name, report.sha256, digest, self.code)
        index = frame.index
        if not (isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1) or frame.attrs \
                or not all(isinstance(name, str) for name in frame.columns):
            raise ValueError("frame cannot be kept exactly")
        encoded = encode_issues(issues)
        if decode_issues(json.loads(json.dumps(encoded))) != list(issues):
            raise ValueError("validation records cannot be kept exactly")
        if (self.root / key / PART_FILE).is_file():
            self._entry(path, export, stat, report.sha256, key, len(frame))
            PARTS.put(frame, (), (self.root, key))
            return
        report_fields = {name: getattr(report, name) for name in FileReport.__dataclass_fields__ if name != "path"}
        part = {"format": FORMAT, "code_version": self.code, "export": export, "file": path.name,
                "sha256": report.sha256, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "mappings": digest,
                "rows": len(frame), "dtypes": _dtypes(frame), "empty_columns": _without_values(frame),
                "report": report_fields, "issues": encoded,
                "created": time.time()}
        arrays = rows.student_row_arrays(frame) if export == "students" else {}
        part["row_values"] = sorted(arrays)
        if not self._make_root():
            return
        tmp = self.root / f"{TMP_PREFIX}{uuid.uuid4().hex}"
        os.mkdir(tmp)
        try:
            frame.drop(columns=part["empty_columns"]).to_parquet(tmp / FRAME_FILE, engine="pyarrow", index=False)
            for name, values in arrays.items():  # seconds to compute again for ten million students: kept
                np.save(tmp / f"{ROWS_PREFIX}{name}.npy", np.ascontiguousarray(values), allow_pickle=False)
            with open(tmp / PART_FILE, "w", encoding="utf-8") as handle:
                json.dump(part, handle, ensure_ascii=False)
            for name in (FRAME_FILE, PART_FILE) + tuple(f"{ROWS_PREFIX}{name}.npy" for name in arrays):
                with open(tmp / name, "rb") as handle:
                    os.fsync(handle.fileno())
            os.rename(tmp, self.root / key)  # complete or absent, never half written
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
            if not (self.root / key / PART_FILE).is_file():  # else another process wrote the same part first
                raise
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        else:
            self.written.append(export)
        self._entry(path, export, stat, report.sha256, key, len(frame))
        PARTS.put(frame, (), (self.root, key))

    def _make_root(self) -> bool:
        """True when the snapshot folder exists or could be made (not in a read-only data folder)."""
        if self.root.is_dir():
            return os.access(self.root, os.W_OK)
        try:
            os.mkdir(self.root)
        except FileExistsError:
            pass
        except OSError:
            log.debug("no snapshots: %s cannot be made", self.root, exc_info=True)
            return False
        return True

    def _discard(self, folder: Path) -> None:
        """Remove an unusable part (moved aside first, so no reader ever sees it half removed)."""
        aside = self.root / f"{TMP_PREFIX}{uuid.uuid4().hex}"
        try:
            os.rename(folder, aside)
        except OSError:
            return
        shutil.rmtree(aside, ignore_errors=True)

    # -- after the load ---------------------------------------------------------------------
    def finish(self, data: ingest.Dataset) -> None:
        """Write the folder's index (file → size, mtime, sha256, part) when it changed; remove stale parts."""
        files = {name: entry for name, entry in self.entries.items()}
        if files == self.index.get("files") and not self.written:
            return
        if not self._make_root():
            return
        index = {"format": FORMAT, "code_version": self.code, "folder": str(self.folder),
                 "university": data.university, "home": data.home, "settings": data.settings, "files": files}
        tmp = self.root / f"{TMP_PREFIX}{uuid.uuid4().hex}.json"
        try:
            tmp.write_text(json.dumps(index, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
            os.replace(tmp, self.index_path)
        finally:
            tmp.unlink(missing_ok=True)
        if self.written:
            self._prune()

    def _prune(self) -> None:
        """Remove parts made by other code (never readable again) and unfinished ones of crashed writers."""
        now = time.time()
        for entry in os.scandir(self.root):
            path = Path(entry.path)
            try:
                if entry.name.startswith(TMP_PREFIX):
                    if now - entry.stat().st_mtime > TMP_MAX_AGE_SECONDS:
                        if entry.is_dir():
                            shutil.rmtree(path, ignore_errors=True)
                        else:
                            path.unlink(missing_ok=True)
                elif entry.is_dir():
                    part = json.loads((path / PART_FILE).read_text(encoding="utf-8"))
                    if part.get("code_version") != self.code or part.get("format") != FORMAT:
                        self._discard(path)
                elif entry.name.startswith(INDEX_PREFIX):
                    index = json.loads(path.read_text(encoding="utf-8"))
                    if index.get("code_version") != self.code:
                        path.unlink(missing_ok=True)
            except Exception:  # noqa: BLE001 - pruning is housekeeping only
                log.debug("snapshot %s not pruned", path, exc_info=True)


def _mapped(path: Path) -> np.ndarray:
    """An array kept by `np.save`, mapped copy-on-write (read from disk as it is used; a write stays in this
    process), as a plain ndarray."""
    values = np.load(path, mmap_mode="c", allow_pickle=False)
    return values.view(np.ndarray)


# ----------------------------------------------------------------------------------------------
# The unfiltered KPI table of a dataset read back from its parts
# ----------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def kpi_code_version() -> str:
    """A hash of every file of the metrics package (the KPIs, their catalogue, the ingestion) and pandas'
    version: what a stored KPI table was computed by."""
    digest = hashlib.sha256(f"kpis {FORMAT}; pandas {pd.__version__}".encode())
    for path in sorted(METRICS.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(f"\0{path.relative_to(METRICS).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _kpi_file(frames, context) -> Path | None:
    """Where the KPI table of these frames is kept: only when every frame was read back from (or written
    to) one snapshot folder; the name hashes their parts, ``context`` (years, home, date…) and the code."""
    parts, roots = [], set()
    for name in sorted(frames):
        frame = frames[name]
        if frame is None:
            parts.append([name, None])
            continue
        found, value = PARTS.get(frame)
        if not found:
            return None
        roots.add(value[0])
        parts.append([name, value[1]])
    if len(roots) != 1:
        return None
    key = json.dumps([parts, context, kpi_code_version()], default=str, sort_keys=True)
    return roots.pop() / f"{KPI_PREFIX}{hashlib.sha256(key.encode()).hexdigest()[:32]}.json"


def read_kpi_table(frames, context, columns: list[str], years: list[int]):
    """(table, ids without a value) as `write_kpi_table` kept them for these frames and ``context``, or None
    (not kept, kept by other code, or unreadable: the caller computes it)."""
    if not KPI_TABLES_STORED:
        return None
    try:
        path = _kpi_file(frames, context)
        if path is None or not path.is_file():
            return None
        kept = json.loads(path.read_text(encoding="utf-8"))
        if kept.get("columns") != columns or kept.get("years") != years or len(kept.get("values", ())) != len(columns):
            raise ValueError("a KPI table of other KPIs or years")
        index = pd.Index(years, name="year", dtype="int64")
        table = pd.DataFrame({column: pd.array(values, dtype="Float64")
                              for column, values in zip(columns, kept["values"])}, index=index)
        return table, frozenset(kept["none_ids"])
    except Exception:  # noqa: BLE001 - a kept table never breaks the KPIs: computed again
        log.debug("kept KPI table not usable", exc_info=True)
        return None


def write_kpi_table(frames, context, table: pd.DataFrame, none_ids) -> None:
    """Keep ``table`` (every KPI for every year, unfiltered) beside the parts its frames came from."""
    if not KPI_TABLES_STORED:
        return
    try:
        path = _kpi_file(frames, context)
        if path is None or path.is_file():
            return
        values = [[None if pd.isna(value) else float(value) for value in table[column]] for column in table.columns]
        kept = {"columns": [str(c) for c in table.columns], "years": [int(y) for y in table.index],
                "values": values, "none_ids": sorted(none_ids), "created": time.time()}
        tmp = path.parent / f"{TMP_PREFIX}{uuid.uuid4().hex}.json"
        try:
            tmp.write_text(json.dumps(kept), encoding="utf-8")
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        _prune_kpi_tables(path.parent)
    except Exception:  # noqa: BLE001 - a read-only folder keeps none
        log.debug("KPI table not kept", exc_info=True)


def _prune_kpi_tables(root: Path) -> None:
    """Keep the newest `KPI_FILES_KEPT` KPI tables (a new one is kept each day the KPIs are computed)."""
    kept = sorted(root.glob(f"{KPI_PREFIX}*.json"), key=lambda path: path.stat().st_mtime, reverse=True)
    for path in kept[KPI_FILES_KEPT:]:
        path.unlink(missing_ok=True)


def load_dataset_cached(data_dir, home: str | None = None, mappings: Mappings | None = None,
                        root=None, stats: dict | None = None) -> ingest.Dataset:
    """`metrics.ingest.load_dataset`, reading unchanged exports back from their snapshots (see the module).

    `root` is where snapshots are kept (default: `snapshot_root(data_dir)`); `stats`, when given,
    is filled with the exports read back ("read"), parsed ("parsed") and snapshotted ("written").
    """
    data_dir = Path(data_dir)
    try:
        snapshots = _Snapshots(data_dir, Path(root) if root is not None else snapshot_root(data_dir))
    except Exception:  # noqa: BLE001 - a snapshot never breaks loading
        log.debug("snapshots of %s not usable", data_dir, exc_info=True)
        return ingest.load_dataset(data_dir, home=home, mappings=mappings)
    data = ingest.load_dataset(data_dir, home=home, mappings=mappings, loader=snapshots.load_export)
    try:
        snapshots.finish(data)
    except Exception:  # noqa: BLE001 - a snapshot never breaks loading
        log.debug("snapshot index of %s not written", data_dir, exc_info=True)
    if stats is not None:
        stats.update(read=list(snapshots.read), parsed=list(snapshots.parsed), written=list(snapshots.written))
    return data
