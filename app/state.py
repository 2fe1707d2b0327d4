"""The one app-side module that caches: thin st.cache_* wrappers around the pure metrics code.

Pages never compute: they ask this module for the dataset, the KPI table and breakdowns.
Everything is keyed on (data folder, its current version, home country) and on the
filters, so a new export dropped into the folder is picked up on the next click, and a
filter change that was seen before is served from memory.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import astuple
from pathlib import Path

import pandas as pd
import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR_ENV = "IC_DATA_DIR"
HOME_ENV = "IC_HOME"
DEFAULT_DATA_DIR = "data"
# Filter combinations kept in memory per process; each holds a filtered copy of the dataset.
MAX_CACHED_FILTERS = 64


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


@st.cache_resource(show_spinner=False, max_entries=MAX_CACHED_FILTERS)
def _filtered(key: tuple, fkey: tuple, _filters):
    from metrics.filters import apply_filters

    data = _load(key)
    return apply_filters(data, _filters) if _filters is not None else data


def filtered(filters):
    """The dataset with the filters applied (cached per filter combination)."""
    return _filtered(data_key(), filters_key(filters), filters)


# ----------------------------------------------------------------------------------------------
# KPIs and breakdowns
# ----------------------------------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=256)
def _kpi_table(key: tuple, year: int, fkey: tuple, lang: str, _filters) -> pd.DataFrame:
    from app.i18n import unavailable_label
    from metrics.kpis import Unavailable, kpi_table

    table = kpi_table(_load(key), year, filters=_filters, lang=lang)
    reasons = _kpi_reasons(key, fkey, _filters)
    no_value = Unavailable("no_value")
    translated = [None if pd.notna(value) else unavailable_label(reasons.get(kpi_id, no_value), lang)
                  for kpi_id, value in zip(table["kpi"], table["value"])]
    return table.assign(reason=pd.Series(translated, index=table.index, dtype=object))


def kpi_table(year: int, filters, lang: str) -> pd.DataFrame:
    """metrics.kpis.kpi_table for the year and filters, cached; ``reason`` in ``lang``."""
    return _kpi_table(data_key(), int(year), filters_key(filters), lang, filters)


@st.cache_data(show_spinner=False, max_entries=256)
def _kpi_reasons(key: tuple, fkey: tuple, _filters) -> dict:
    from metrics.kpis import kpi_unavailable_reasons

    return kpi_unavailable_reasons(_load(key), filters=_filters)


def export_problem(export: str):
    """Why an export has no frame (metrics.kpis.Unavailable: missing or unreadable), None when it is loaded."""
    from metrics.kpis import export_unavailable

    return export_unavailable(dataset(), export)


@st.cache_data(show_spinner=False, max_entries=256)
def _kpi_trend(key: tuple, kpi_id: str, fkey: tuple, _filters) -> pd.DataFrame:
    from metrics.kpis import kpi_trend

    return kpi_trend(_load(key), kpi_id, filters=_filters)


def kpi_trend(kpi_id: str, filters) -> pd.DataFrame:
    return _kpi_trend(data_key(), kpi_id, filters_key(filters), filters)


@st.cache_data(show_spinner=False, max_entries=32)
def _years(key: tuple) -> list[int]:
    from metrics.kpis import available_years

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


@st.cache_data(show_spinner=False, max_entries=1024)
def _breakdown(key: tuple, name: str, fkey: tuple, kwargs: tuple, _filters) -> pd.DataFrame | None:
    from metrics import breakdowns

    function = getattr(breakdowns, name)
    return function(_load(key), filters=_filters, **dict(kwargs))


def breakdown(name: str, filters, **kwargs) -> pd.DataFrame | None:
    """``metrics.breakdowns.<name>(data, filters=filters, **kwargs)``, cached per filters and arguments.

    None when the export it needs is absent, or when the breakdowns module lacks the function.
    """
    from metrics import breakdowns

    if not hasattr(breakdowns, name):
        return None
    return _breakdown(data_key(), name, filters_key(filters), tuple(sorted(kwargs.items())), filters)


def partner_names_by_country(year: int, filters) -> pd.DataFrame | None:
    """Active partners per country for the map: country, partners (metrics' count), names (for the hover)."""
    counts = breakdown("partners_by_country", filters, year=year)
    listing = breakdown("active_partner_list", filters, year=year)
    if counts is None:
        return None
    out = counts[counts["country"].notna()][["country", "partners"]].reset_index(drop=True)
    names: dict = {}
    if listing is not None:
        for country, partner in zip(listing["country"], listing["partner"]):
            if isinstance(country, str):
                names.setdefault(country, set()).add(str(partner))
    out["names"] = [sorted(names.get(code, ())) for code in out["country"]]
    return out


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


def targets_for(kpi_id: str, filters=None) -> pd.DataFrame:
    """Targets of one KPI: columns year, target (empty when none).

    Targets are set for the whole university: under a faculty, level, region or country
    filter there is no target to compare with, so none is returned.
    """
    frame = dataset().get("targets")
    narrowed = filters is not None and any(getattr(filters, name, ()) for name in
                                           ("faculties", "levels", "regions", "countries"))
    if frame is None or not len(frame) or narrowed:
        return pd.DataFrame({"year": pd.Series(dtype="int64"), "target": pd.Series(dtype="float64")})
    rows = frame[frame["kpi"] == kpi_id]
    return rows[["year", "target"]].sort_values("year").reset_index(drop=True)


def kpi_trends(series: dict[str, str], filters) -> pd.DataFrame:
    """Several KPIs over the years in one long frame: year, value, series (the dict's values)."""
    parts = [kpi_trend(kpi_id, filters).assign(series=name) for kpi_id, name in series.items()]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["year", "value", "series"])


try:  # the KPI library's window, so the table and the KPI agree
    from metrics.kpis import EXPIRY_WINDOW_DAYS
except ImportError:  # pragma: no cover
    EXPIRY_WINDOW_DAYS = 180


@st.cache_data(show_spinner=False, max_entries=256)
def _dormant(key: tuple, year: int, fkey: tuple, _filters) -> pd.DataFrame | None:
    from metrics import kpis
    from metrics.filters import apply_filters

    data = _load(key)
    source = apply_filters(data, _filters) if _filters is not None else data
    partners = source.get("partners")
    if partners is None:
        return None
    keys = kpis.dormant_partner_keys(partners, source.get("mobility"), source.get("programs"), source.get("grants"),
                                     [int(year)], data.home)
    if keys is None:
        return None
    agreements = kpis.partner_agreements(partners, data.home)
    names = agreements.sort_values("signed").drop_duplicates("key", keep="last")[["key", "partner", "type"]]
    out = keys[keys["year"] == int(year)].merge(names, on="key", how="left")
    return out[["partner", "country", "type"]].sort_values(["country", "partner"]).reset_index(drop=True)


def dormant_partners(year: int, filters) -> pd.DataFrame | None:
    """Active partners with no activity in the year and the one before: partner, country, type.

    metrics.breakdowns.dormant_partner_list when it exists, else built from
    metrics.kpis.dormant_partner_keys (the rows the dormant_partners KPI counts).
    """
    table = breakdown("dormant_partner_list", filters, year=year)
    if table is not None:
        return table
    return _dormant(data_key(), int(year), filters_key(filters), filters)


def melt(frame: pd.DataFrame, key: str, columns: dict[str, str]) -> pd.DataFrame:
    """Wide to long for a grouped chart: key, series (the dict's values), value."""
    present = {c: name for c, name in columns.items() if c in frame.columns}
    long = frame.melt(id_vars=[key], value_vars=list(present), var_name="series", value_name="value")
    long["series"] = long["series"].map(present)
    return long


def sum_by(frame: pd.DataFrame, keys: list[str], value: str) -> pd.DataFrame:
    """Sum of one column per group (e.g. mobility per year and direction over both categories)."""
    return frame.groupby(keys, as_index=False, sort=True)[value].sum()


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

    from app.i18n import issue_message
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


def _report_data(filters):
    """The dataset for a report: the sidebar's faculty/level/region/country filters, every year kept
    (the report needs the years before the range for its trends)."""
    from dataclasses import replace

    if filters is None:
        return dataset()
    return filtered(replace(filters, year_from=None, year_to=None))


@st.cache_data(show_spinner=False, max_entries=32)
def _report(key: tuple, year: int, year_from: int | None, fmt: str, lang: str, suppress_small: int | None,
            fkey: tuple, _filters) -> bytes:
    import reports

    return reports.build_report(_report_data(_filters), year, fmt, year_from=year_from, lang=lang,
                                suppress_small=suppress_small)


def report(year: int, year_from: int | None, fmt: str, lang: str, filters, suppress_small: int | None = None) -> bytes:
    """reports.build_report for the selection, cached (a Word and a PDF of the same view are built once)."""
    return _report(data_key(), int(year), year_from, fmt, lang, suppress_small, filters_key(filters), filters)


def kpi_workbook(year: int, filters, lang: str) -> bytes:
    """Fallback report: the KPI table as an Excel workbook (formula-safe)."""
    from app.ui import display_table, frame_to_xlsx_bytes

    table = kpi_table(year, filters, lang).drop(columns=["higher_is_better"])
    return frame_to_xlsx_bytes({f"KPI {year}": display_table(table, lang)})
