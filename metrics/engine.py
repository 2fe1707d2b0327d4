"""The KPI engine: every KPI of the catalogue computed on a Dataset, for the dashboard and the reports.

The KPI functions (`metrics.kpis`) take frames; this module takes a whole Dataset (or a
mapping of frames), applies filters (`metrics.filters`), calls every KPI of the catalogue
(`metrics.catalogue`) for every year in one pass, compares with targets
(`metrics.targets`) and says why a KPI is not available (`Unavailable`).

Entry points: `compute_kpis` (one year, a dict), `kpis_by_year` (every KPI × every year),
`kpi_table` (one year with the previous one, change and target status), `kpi_trend` (one
KPI over the years), `target_progress`, `available_years` and `kpi_unavailable_reasons`.

- **Not available is not zero.** A KPI whose export is absent returns ``None`` from
  `compute_kpis`; `kpi_unavailable_reasons` and the ``reason`` column of `kpi_table` say
  why. A ratio whose denominator is 0 or unknown is ``<NA>`` (``None`` in `compute_kpis`).
- **Cached.** Filtered datasets and KPI tables are remembered per Dataset object in
  `metrics.memo` (see there what is cached, how much, and why it is safe).
"""

from __future__ import annotations

import datetime as dt
import inspect
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from metrics import memo
from metrics.catalogue import CATALOGUE
from metrics.filters import apply_filters
from metrics.memo import per_frame
from metrics.rows import has_columns
from metrics.schema import EXPORTS
from metrics.targets import TREND_YEARS, target_status
from metrics.years import academic_year_of, year_series

# The exports recorded per academic year: those whose schema has a ``year`` column (derived, so that
# a new export needs no entry here).
YEARLY_EXPORTS = tuple(name for name, export in EXPORTS.items()
                       if any(column.name == "year" for column in export.columns))
# Exports whose years define which years a dashboard can show (targets may look ahead).
DATA_YEAR_EXPORTS = tuple(name for name in YEARLY_EXPORTS if name != "targets")
# Keyword arguments a KPI function may take besides its frames.
CONTEXT_ARGUMENTS = ("years", "home", "as_of")


# --------------------------------------------------------------------------- data

def _frames(data: Any) -> Mapping[str, pd.DataFrame]:
    return data.frames if hasattr(data, "frames") else data


def _home(data: Any, home: str | None = None) -> str:
    return home or getattr(data, "home", None) or ""


def available_years(data: Any) -> list[int]:
    """Every academic year with rows in a yearly export (students, totals, mobility, ...), ascending.

    When no yearly export has rows, the years of agreement signing dates, program and
    grant start years are used instead.
    """
    frames = _frames(data)
    years: set[int] = set()
    for name in DATA_YEAR_EXPORTS:
        frame = frames.get(name)
        if frame is not None and "year" in frame.columns:
            years.update(per_frame(frame, ("years",), lambda f=frame: {int(y) for y in f["year"].dropna().unique()}))
    if not years:
        partners = frames.get("partners")
        if has_columns(partners, "signed"):
            years.update(int(y) for y in academic_year_of(partners["signed"]).dropna().unique())
        for name in ("programs", "grants"):
            frame = frames.get(name)
            if has_columns(frame, "start_year"):
                years.update(int(y) for y in frame["start_year"].dropna().unique())
    return sorted(years)


def filtered(data: Any, filters: Any) -> Any:
    """``data`` with ``filters`` applied (see `metrics.filters`), computed once per (data, filters)."""
    if filters is None or getattr(filters, "is_empty", False):
        return data
    return memo.FILTERED.get_or_compute(data, filters, lambda: apply_filters(data, filters))


def _call(kpi: Any, frames: Mapping[str, pd.DataFrame], context: dict[str, Any]) -> pd.Series | None:
    """Call a KPI's function with the frames its parameters name.

    None (not available) when one of the KPI's required ``sources`` is absent; optional
    sources are passed as None when absent.
    """
    if any(frames.get(source) is None for source in kpi.sources):
        return None
    kwargs: dict[str, Any] = {}
    for name in inspect.signature(kpi.function).parameters:
        kwargs[name] = context[name] if name in CONTEXT_ARGUMENTS else frames.get(name)
    return kpi.function(**kwargs)


# --------------------------------------------------------------------------- why a KPI is not available

@dataclass(frozen=True)
class Unavailable:
    """Why a KPI has no value: a code (the dashboard translates it), the export concerned, and details.

    Codes: ``export_missing`` (no file for the export), ``export_unreadable`` (its file could
    not be read; ``file`` names it), ``values_missing`` (the export has no values in
    ``columns``), ``denominator_missing`` (the number of all students is unknown),
    ``partner_activity_missing`` (no activity export names partners), ``no_value`` (the KPI
    exists but has no value in the year: no rows, or a zero or unknown denominator).
    """

    code: str
    export: str = ""
    columns: tuple[str, ...] = ()
    file: str = ""

    @property
    def message(self) -> str:
        """The reason in English, e.g. for ``python -m metrics kpis --json``."""
        columns = " or ".join(self.columns)
        return {
            "export_missing": f"no {self.export} export in the data folder",
            "export_unreadable": f"the {self.export} export ({self.file}) could not be read",
            "values_missing": f"the {self.export} export has no values in {columns}",
            "denominator_missing": "the number of all students is unknown: add a totals export, or a students "
                                   "export that lists home-country students too",
            "partner_activity_missing": "no mobility, programs or grants export names partners",
            "no_value": "no value for this year (no rows, or a zero or unknown denominator)",
            "next_year_missing": "needs the following academic year's data, which is not loaded yet",
        }.get(self.code, self.code)


def no_value_reason(kpi_id: str) -> Unavailable:
    """Why a KPI that exists has no value in a year (its catalogue entry says: `Kpi.no_value`)."""
    return Unavailable(CATALOGUE[kpi_id].no_value)


# Why a KPI whose function returns None (its exports are there) is not available; each entry
# restates the function's own condition for returning None.
NOT_AVAILABLE_WHEN_NONE: dict[str, Unavailable] = {
    "new_foreign_students": Unavailable("values_missing", "students", ("status", "student_id")),
    "foreign_student_share": Unavailable("denominator_missing", "totals", ("total_students",)),
    "student_diversity_index": Unavailable("denominator_missing", "totals", ("total_students",)),
    "outbound_student_ratio": Unavailable("denominator_missing", "totals", ("total_students",)),
    "dormant_partners": Unavailable("partner_activity_missing", "mobility", ("partner",)),
    "joint_program_graduates": Unavailable("values_missing", "program_enrollment", ("graduates",)),
    "joint_program_share": Unavailable("values_missing", "totals", ("programs",)),
    "active_research_projects": Unavailable("values_missing", "research_projects", ("country",)),
    "foreign_women_share": Unavailable("values_missing", "students", ("sex",)),
    "foreign_graduates": Unavailable("values_missing", "students", ("status",)),
    "foreign_dropout_rate": Unavailable("values_missing", "students", ("status",)),
    "foreign_retention_rate": Unavailable("values_missing", "students", ("student_id", "status")),
    "foreign_language_programs": Unavailable("values_missing", "programs", ("language",)),
}
# Codes of an Issue (in Dataset.unreadable) for a file that could not be used at all.
UNREADABLE_CODES = ("file_unreadable", "file_unsupported", "export_ambiguous")


def export_unavailable(data: Any, export: str) -> Unavailable | None:
    """Why an export has no frame: missing, or unreadable (naming the file); None when it is loaded.

    A file counts as the export's when its name (without suffix, case-insensitive) is the
    export's name, or when its record names the export (``params`` ``export``).
    """
    if _frames(data).get(export) is not None:
        return None
    for issue in getattr(data, "unreadable", ()) or ():
        stem = str(getattr(issue, "file", "")).rsplit("/", 1)[-1].split(".", 1)[0].casefold()
        named = dict(getattr(issue, "params", ()) or ()).get("export")
        if stem == export or named == export:
            return Unavailable("export_unreadable", export, file=str(issue.file).rsplit("/", 1)[-1])
    return Unavailable("export_missing", export)


def kpi_unavailable_reasons(data: Any, *, filters: Any = None, as_of: dt.date | None = None) -> dict[str, Unavailable]:
    """{KPI id: why it is not available} for the KPIs that cannot be computed from the data at all.

    A KPI is not available when one of its required exports is absent (missing or
    unreadable) or when its function returns None (see `NOT_AVAILABLE_WHEN_NONE`). KPIs
    with a value in some years are not listed; `kpi_table` gives ``no_value`` for the others.
    """
    _, none_ids = _kpis_all_years(data, filters, as_of)
    out: dict[str, Unavailable] = {}
    for kpi in CATALOGUE.values():
        missing = [reason for reason in (export_unavailable(data, source) for source in kpi.sources) if reason]
        if missing:
            out[kpi.id] = missing[0]
        elif kpi.id in none_ids:
            out[kpi.id] = NOT_AVAILABLE_WHEN_NONE.get(kpi.id, no_value_reason(kpi.id))
    return out


# --------------------------------------------------------------------------- every KPI, every year

def kpis_by_year(data: Any, *, filters: Any = None, as_of: dt.date | None = None,
                 years: Iterable[int] | None = None) -> pd.DataFrame:
    """Every KPI for every year at once: a frame indexed by year with one column per KPI id.

    Values are ``Float64``; ``<NA>`` means not available (export absent, or a ratio with a
    zero/unknown denominator). ``years`` defaults to `available_years` of the filtered
    data. Results are cached per (data object, filters, as_of, years) while the data
    object lives; a copy is returned. This is the efficient way to get every trend: one
    pass over each export for all years.
    """
    source = filtered(data, filters)
    wanted = sorted({int(y) for y in years}) if years is not None else available_years(source)
    table, _ = _kpis_all_years(data, filters, as_of, wanted)
    return table.loc[wanted].copy()


def _kpis_all_years(data: Any, filters: Any, as_of: dt.date | None,
                    extra_years: Iterable[int] = ()) -> tuple[pd.DataFrame, frozenset[str]]:
    """(every KPI for the data's years plus ``extra_years``, the ids whose function returned None).

    Cached per (data object, filters, as_of, years) while the data object lives (`memo.KPI_TABLES`),
    so that compute_kpis, kpi_table, kpi_trend and kpi_unavailable_reasons share one computation.
    """
    source = filtered(data, filters)
    year_list = sorted(set(available_years(source)) | {int(y) for y in extra_years})
    as_of = as_of or dt.date.today()  # a cached result lasts the day

    def compute() -> tuple[pd.DataFrame, frozenset[str]]:
        frames = _frames(source)
        context = {"years": year_list, "home": _home(data), "as_of": as_of}
        columns, none_ids = {}, set()
        for kpi in CATALOGUE.values():
            values = _call(kpi, frames, context)
            if values is None:
                none_ids.add(kpi.id)
            columns[kpi.id] = (year_series(pd.NA, year_list) if values is None
                               else values.reindex(pd.Index(year_list, dtype="int64")).astype("Float64"))
        return (pd.DataFrame(columns, index=pd.Index(year_list, name="year", dtype="int64")), frozenset(none_ids))

    if source is data:  # unfiltered: kept with the snapshot the frames were read from, for the next start
        compute = _kept(_frames(data), {"years": year_list, "home": _home(data), "as_of": as_of.isoformat(),
                                        "settings": getattr(data, "settings", None)}, year_list, compute)
    return memo.KPI_TABLES.get_or_compute(data, (filters, as_of, tuple(year_list)), compute)


def _kept(frames, context, year_list, compute):
    """``compute`` reading the table kept with the frames' snapshot first (`metrics.snapshot.read_kpi_table`),
    and keeping what it computes."""
    from metrics import snapshot

    def read_or_compute() -> tuple[pd.DataFrame, frozenset[str]]:
        kept = snapshot.read_kpi_table(frames, context, list(CATALOGUE), year_list)
        if kept is not None:
            return kept
        table, none_ids = compute()
        snapshot.write_kpi_table(frames, context, table, none_ids)
        return table, none_ids

    return read_or_compute


def _python(value: Any, unit: str) -> float | int | None:
    if value is None or pd.isna(value):
        return None
    value = float(value)
    if unit == "count" and value.is_integer():
        return int(value)
    return value


def years_with(data: Any, filters: Any, *extra: int) -> list[int]:
    """The available years of the filtered data plus ``extra``, ascending."""
    return sorted(set(available_years(filtered(data, filters))) | {int(y) for y in extra})


def compute_kpis(data: Any, year: int, *, filters: Any = None, as_of: dt.date | None = None) -> dict[str, float | int | None]:
    """Every KPI for one academic year: {kpi id: value}, None where not available.

    Counts are ints; percents, ratios and indices floats (unrounded).
    """
    table = kpis_by_year(data, filters=filters, as_of=as_of, years=years_with(data, filters, year))
    row = table.loc[int(year)]
    return {kpi_id: _python(row[kpi_id], CATALOGUE[kpi_id].unit) for kpi_id in CATALOGUE}


def compute_kpi(data: Any, year: int, kpi_id: str, *, filters: Any = None,
                as_of: dt.date | None = None) -> float | int | None:
    """One KPI for one academic year: ``compute_kpis(...)[kpi_id]``, computing that KPI alone (not cached)."""
    kpi = CATALOGUE[kpi_id]
    source = filtered(data, filters)
    year_list = years_with(data, filters, year)
    context = {"years": year_list, "home": _home(data), "as_of": as_of or dt.date.today()}
    values = _call(kpi, _frames(source), context)
    if values is None:
        return None
    return _python(values.reindex(pd.Index(year_list, dtype="int64")).astype("Float64").loc[int(year)], kpi.unit)


def kpi_trend(data: Any, kpi_id: str, *, filters: Any = None, as_of: dt.date | None = None) -> pd.DataFrame:
    """One KPI over every year in the data: columns year (int64), value (Float64, <NA> = not available)."""
    if kpi_id not in CATALOGUE:
        raise KeyError(f"unknown KPI {kpi_id!r}; known: {', '.join(CATALOGUE)}")
    table = kpis_by_year(data, filters=filters, as_of=as_of)
    return pd.DataFrame({"year": table.index.to_numpy(dtype="int64"),
                         "value": table[kpi_id].to_numpy()}).astype({"value": "Float64"})


KPI_TABLE_COLUMNS = ("kpi", "name", "unit", "value", "previous", "change", "change_pct", "target", "gap",
                     "status", "higher_is_better", "definition", "reason")


def kpi_table(data: Any, year: int, *, filters: Any = None, as_of: dt.date | None = None,
              lang: str = "en") -> pd.DataFrame:
    """Every KPI for a year with the previous year, change and target status, one row per KPI.

    Columns: kpi, name and definition (in ``lang``: en, ru, uz), unit, value, previous
    (year − 1), change (value − previous), change_pct (change ÷ previous × 100; <NA> when
    previous is 0 or missing), target, gap, status (see `metrics.targets`),
    higher_is_better, reason (why the value is not available, in English; None when there
    is a value; see `kpi_unavailable_reasons`). Snapshot KPIs (agreements_expiring) have no
    previous value.
    """
    year = int(year)
    table = kpis_by_year(data, filters=filters, as_of=as_of, years=years_with(data, filters, year, year - 1))
    targets = _frames(data).get("targets")
    reasons = kpi_unavailable_reasons(data, filters=filters, as_of=as_of)
    rows = []
    for kpi in CATALOGUE.values():
        series = table[kpi.id]
        value = _python(series.get(year), kpi.unit)
        previous = None if kpi.snapshot else _python(series.get(year - 1), kpi.unit)
        change = value - previous if value is not None and previous is not None else None
        change_pct = change / previous * 100 if change is not None and previous not in (0, None) else None
        status = target_status(kpi.id, year, series, targets, higher_is_better=kpi.higher_is_better)
        rows.append({"kpi": kpi.id, "name": kpi.label(lang), "unit": kpi.unit, "value": value,
                     "previous": previous, "change": change, "change_pct": change_pct,
                     "target": status.target, "gap": status.gap, "status": status.status,
                     "higher_is_better": kpi.higher_is_better, "definition": kpi.definition_in(lang),
                     "reason": None if value is not None else reasons.get(kpi.id, no_value_reason(kpi.id)).message})
    out = pd.DataFrame(rows, columns=list(KPI_TABLE_COLUMNS))
    for column in ("value", "previous", "change", "change_pct", "target", "gap"):
        out[column] = out[column].astype("Float64")
    out["status"] = pd.Series([row["status"] for row in rows], dtype=object)
    out["reason"] = pd.Series([row["reason"] for row in rows], dtype=object)
    out["higher_is_better"] = out["higher_is_better"].astype(bool)
    return out


def target_progress(data: Any, year: int, *, filters: Any = None, as_of: Any = None) -> pd.DataFrame:
    """Every KPI with an applicable target in ``year``: kpi, year, actual, target, target_year, gap, projected, status.

    Empty (with these columns) when targets.csv is absent or sets nothing for the year
    onwards. The status rule is `metrics.targets.target_status`.
    """
    columns = ["kpi", "year", "actual", "target", "target_year", "gap", "projected", "status"]
    targets = data.get("targets") if hasattr(data, "get") else None
    if targets is None:
        return pd.DataFrame({column: pd.Series(dtype="object") for column in columns})
    table = kpis_by_year(data, filters=filters, as_of=as_of,
                         years=years_with(data, filters, *range(int(year) - TREND_YEARS + 1, int(year) + 1)))
    rows = []
    for kpi in CATALOGUE.values():
        status = target_status(kpi.id, year, table[kpi.id], targets, higher_is_better=kpi.higher_is_better)
        if status.target is not None:
            rows.append({column: getattr(status, column) for column in columns})
    out = pd.DataFrame(rows, columns=columns)
    return out.astype({"actual": "Float64", "target": "Float64", "gap": "Float64", "projected": "Float64",
                       "target_year": "Int64", "year": "int64"})


def round_kpi(value: float | int | None, unit: str) -> float | int | None:
    """A value rounded for display: counts as ints, percents to 1 decimal, ratios/indices to 2."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if unit == "count":
        return int(round(value))
    return round(float(value), 1 if unit == "percent" else 2)
