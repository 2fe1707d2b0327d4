"""The one app-side module that caches: thin st.cache_* wrappers around the pure metrics code.

Pages never compute: they ask this module for the dataset, the KPI table and their page's result
(`metrics.sections`).
Everything is keyed on (data folder, its current version, home country) and on the
filters, so a new export dropped into the folder is picked up on the next click, and a
filter change that was seen before is served from memory.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import sys
import threading
from collections import OrderedDict
from dataclasses import astuple
from pathlib import Path

import pandas as pd
import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR_ENV = "IC_DATA_DIR"
HOME_ENV = "IC_HOME"
DEFAULT_DATA_DIR = "data"


# ----------------------------------------------------------------------------------------------
# Where the data is
# ----------------------------------------------------------------------------------------------
def cli_options(argv: list[str] | None = None) -> argparse.Namespace:
    """Options after ``--`` on ``streamlit run dashboard.py -- --home KAZ --data DIR``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--" in argv:
        argv = argv[argv.index("--") + 1:]
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--home", default=None)
    parser.add_argument("--data", default=None)
    options, _ = parser.parse_known_args(argv)
    return options


def data_dir() -> Path:
    """--data, else $IC_DATA_DIR, else ./data (relative paths from the repository root)."""
    path = Path(cli_options().data or os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)
    return path if path.is_absolute() else ROOT / path


def home_override() -> str | None:
    """--home, else $IC_HOME, else None (the data folder's settings.toml decides)."""
    return cli_options().home or os.environ.get(HOME_ENV) or None


def folder_signature(path: Path) -> tuple:
    """Names, sizes and modification times of the files in the data folder (cache key)."""
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError:
        return ()
    return tuple((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in entries if e.is_file())


def data_key() -> tuple:
    """Identifies the loaded data: (folder, home override, current version id, folder signature).

    The signature is kept for a plain folder with no published version (files dropped into it
    are picked up as today); a published version never changes, so its id alone is enough.
    """
    from metrics.store import FIRST_ID, current_version_id

    path = data_dir()
    version = current_version_id(path)
    return (str(path), home_override(), version, folder_signature(path) if version == FIRST_ID else ())


# ----------------------------------------------------------------------------------------------
# Loading
# ----------------------------------------------------------------------------------------------
@st.cache_resource(show_spinner=False, max_entries=4)
def _load(key: tuple):
    from metrics.store import load_version

    folder, home, version, _ = key
    return load_version(folder, version, home=home)


def dataset():
    """The current version of the data folder (metrics.store), loaded once per version (shared, read-only)."""
    return _load(data_key())


def current_version():
    """The data folder's current version (metrics.store.Version): a small manifest read, not cached."""
    from metrics.store import current_version as current

    return current(data_dir())


def filters_key(filters) -> tuple:
    """A hashable key for a metrics.filters.Filters (or None)."""
    if filters is None:
        return ()
    return tuple(tuple(v) if isinstance(v, (list, set, frozenset, tuple)) else v for v in astuple(filters))


# ----------------------------------------------------------------------------------------------
# KPIs and breakdowns
# ----------------------------------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=256)
def _kpi_table(key: tuple, year: int, fkey: tuple, lang: str, _filters) -> pd.DataFrame:
    from metrics.sections.overview import kpi_table as table_of

    return table_of(_load(key), year, lang, _filters)


def kpi_table(year: int, filters, lang: str) -> pd.DataFrame:
    """metrics.sections.overview.kpi_table for the year and filters, cached (definition and reason in ``lang``)."""
    return _kpi_table(data_key(), int(year), filters_key(filters), lang, filters)


@st.cache_data(show_spinner=False, max_entries=256)
def _section(key: tuple, name: str, year: int, fkey: tuple, lang: str, options: tuple, _filters):
    from metrics.sections import build_section

    return build_section(name, _load(key), year, lang, _filters, **dict(options))


def section(name: str, filters, year: int, lang: str, **options):
    """metrics.sections.build_section for the page ``name``, cached per data version, filters, year, language
    and the section's own ``options`` (hashable values: the dependence page's ``scenario=(country, change)``).

    An unknown name is a KeyError (the sections registry), never an empty page.
    """
    from metrics.sections import SECTION_IDS

    if name not in SECTION_IDS:
        raise KeyError(f"no section {name!r}; sections are {list(SECTION_IDS)}")
    return _section(data_key(), name, int(year), filters_key(filters), lang, tuple(sorted(options.items())), filters)


@st.cache_data(show_spinner=False, max_entries=32)
def _maps(key: tuple, name: str, year: int, fkey: tuple, lang: str, _filters):
    from metrics.sections import selectable_maps

    return selectable_maps(name, _load(key), year, lang, _filters)


def selectable_maps(name: str, filters, year: int, lang: str):
    """metrics.sections.selectable_maps for the page ``name`` (block key -> map block), cached like `section`."""
    return _maps(data_key(), name, int(year), filters_key(filters), lang, filters)


def export_problem(export: str):
    """Why an export has no frame (metrics.engine.Unavailable: missing or unreadable), None when it is loaded."""
    from metrics.engine import export_unavailable

    return export_unavailable(dataset(), export)


@st.cache_data(show_spinner=False, max_entries=32)
def _years(key: tuple) -> list[int]:
    from metrics.engine import available_years

    return [int(y) for y in available_years(_load(key))]


def years() -> list[int]:
    """Academic years present in the data, oldest first ([] when nothing could be loaded)."""
    try:
        return _years(data_key())
    except Exception:  # noqa: BLE001 - the page shows the loading error itself
        return []


@st.cache_data(show_spinner=False, max_entries=32)
def _choices(key: tuple) -> dict[str, list[str]]:
    data = _load(key)
    out: dict[str, list[str]] = {"faculties": [], "levels": []}
    for export in ("students", "totals", "programs"):
        frame = data.get(export)
        if frame is None:
            continue
        if "faculty" in frame and export != "programs":
            out["faculties"] += [str(v) for v in frame["faculty"].dropna().unique() if str(v).strip()]
        if "level" in frame:
            out["levels"] += [str(v) for v in frame["level"].dropna().unique() if str(v).strip()]
    return {name: sorted(set(values)) for name, values in out.items()}


def choices() -> dict[str, list[str]]:
    """Faculties and levels found in the data, for the sidebar filters."""
    try:
        return _choices(data_key())
    except Exception:  # noqa: BLE001 - the page shows the loading error itself
        return {"faculties": [], "levels": []}


@st.cache_data(show_spinner=False, max_entries=64)
def _country_names(codes: tuple, lang: str) -> dict[str, str]:
    from metrics.countries import display_name

    return {code: display_name(code, lang) for code in codes}


def country_names(codes, lang: str) -> dict[str, str]:
    """ISO alpha-3 -> display name in the language."""
    codes = tuple(sorted({str(c) for c in codes if isinstance(c, str) and c}))
    return _country_names(codes, lang)


@st.cache_data(show_spinner=False)
def kpi_groups(lang: str) -> list[tuple[str, str, list[str]]]:
    """Catalogue groups in order: (group id, label in lang, KPI ids)."""
    from metrics.catalogue import GROUPS, group_label, kpis_in_group

    return [(group, group_label(group, lang), [kpi.id for kpi in kpis_in_group(group)]) for group in GROUPS]


# Codes of validation records about a whole file that was not used (listed with the files not loaded).
FILE_SKIPPED_CODES = ("file_unreadable", "file_unsupported", "file_skipped", "export_ambiguous")


def hide_folder(text, folder: Path) -> str:
    """A message without the data folder's absolute path (the page names files, never server paths)."""
    text = "" if text is None else str(text)
    for prefix in (str(folder) + os.sep, str(folder.resolve()) + os.sep, str(ROOT) + os.sep):
        text = text.replace(prefix, "")
    return text.replace(str(folder), folder.name)


@st.cache_data(show_spinner=False, max_entries=8)
def _load_report(key: tuple, lang: str = "en") -> dict[str, pd.DataFrame]:
    from dataclasses import asdict

    from metrics.vocabulary import issue_message
    from metrics.validation import issues_frame

    data = _load(key)
    folder = Path(key[0])
    files = pd.DataFrame([asdict(report) for report in data.files])
    columns = ["file", "export", "rows_read", "rows_loaded", "rows_excluded", "encoding"]
    if len(files):
        files["file"] = files["path"].map(lambda p: Path(str(p)).name)  # never the server path
        files = files[columns]
    else:
        files = pd.DataFrame(columns=columns)

    def message(issue) -> str:
        return hide_folder(issue_message(issue.code, issue.parameters, issue.message, lang), folder)

    skipped = [issue for issue in list(data.unreadable) + list(data.issues)
               if issue in data.unreadable or (issue.code in FILE_SKIPPED_CODES and issue.row is None)]
    not_loaded = pd.DataFrame({"file": [Path(str(issue.file)).name for issue in skipped],
                               "reason": [message(issue) for issue in skipped]}, columns=["file", "reason"])
    issues = issues_frame([issue for issue in data.issues if issue not in skipped], message=message)
    rows = []
    for export, frame in data.frames.items():
        for raw in [c for c in frame.columns if str(c).endswith("_raw")]:
            resolved = raw[: -len("_raw")]
            if resolved not in frame.columns:
                continue
            text = frame[raw].astype("string").str.strip()
            # a name was written but no country came out of it (lists: any name failing shows as the whole cell)
            mask = text.notna() & (text != "") & frame[resolved].isna()
            if mask.any():
                counts = text[mask].value_counts()
                rows += [{"file": export, "column": resolved, "raw": name, "rows": int(n)} for name, n in counts.items()]
    unresolved = pd.DataFrame(rows, columns=["file", "column", "raw", "rows"])
    return {"files": files, "not_loaded": not_loaded, "issues": issues,
            "unresolved": unresolved.sort_values("rows", ascending=False).reset_index(drop=True)}


def load_report(lang: str = "en") -> dict[str, pd.DataFrame]:
    """What was loaded: files (name, export taken for, rows read/loaded/excluded), files not loaded
    (name, reason), validation issues (messages in ``lang``), unresolved country names."""
    return _load_report(data_key(), lang)


def report_filters(filters):
    """The sidebar's faculty/level/region/country filters for a report, every year kept
    (the report needs the years before the range for its trends)."""
    from dataclasses import replace

    return None if filters is None else replace(filters, year_from=None, year_to=None)


@st.cache_data(show_spinner=False, max_entries=32)
def _report(key: tuple, year: int, year_from: int | None, fmt: str, lang: str, suppress_small: int | None,
            fkey: tuple, _filters) -> bytes:
    import reports

    return reports.build_report(_load(key), year, fmt, year_from=year_from, lang=lang,
                                suppress_small=suppress_small, filters=report_filters(_filters))


def report(year: int, year_from: int | None, fmt: str, lang: str, filters, suppress_small: int | None = None) -> bytes:
    """reports.build_report for the selection, cached (a Word and a PDF of the same view are built once)."""
    return _report(data_key(), int(year), year_from, fmt, lang, suppress_small, filters_key(filters), filters)


# ----------------------------------------------------------------------------------------------
# Figures of page blocks
# ----------------------------------------------------------------------------------------------
# Building a figure is half of a warm rerun (validation of every property); a block seen before
# (same content, language) gets the figure built then. Bounded: the least recently used go.
FIGURE_CACHE_SIZE = 256
_figures: OrderedDict = OrderedDict()
_figures_lock = threading.Lock()


def block_fingerprint(block) -> str:
    """A digest of what a block's figure is made of (its chart, data and title); blocks alike, figures alike."""
    data = block.data
    if isinstance(data, pd.DataFrame):  # column by column: a frame's own pickle changes when it is read back
        data = (list(data.columns), [data[column].to_list() for column in data.columns], list(data.index),
                [str(dtype) for dtype in data.dtypes])
    content = (block.key, block.title, block.width, data, block.chart)
    return hashlib.blake2b(pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL), digest_size=16).hexdigest()


def block_figure(block, lang: str, selected: tuple[str, ...] = ()):
    """charts.blocks.figure(block, lang), kept for blocks seen before (at most `FIGURE_CACHE_SIZE` figures);
    for a map, ``selected`` countries are drawn selected (charts.maps.mark_selected).

    The figure is shared between reruns and sessions: callers draw it and never change it. Equal blocks
    give the very same figure (same JSON), so the chart keeps its element in the browser.
    """
    from charts.blocks import figure
    from charts.maps import mark_selected

    def build():
        return mark_selected(figure(block, lang), selected) if selected else figure(block, lang)

    try:
        key = (lang, block_fingerprint(block), tuple(selected))
    except Exception:  # noqa: BLE001 - something that does not pickle: build it, do not cache it
        return build()
    with _figures_lock:
        if key in _figures:
            _figures.move_to_end(key)
            return _figures[key]
    fig = build()
    with _figures_lock:
        _figures[key] = fig
        while len(_figures) > FIGURE_CACHE_SIZE:
            _figures.popitem(last=False)
    return fig
