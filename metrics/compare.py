"""What changes between two datasets: rows added, removed and changed per export and year, KPIs before → after.

Used by the Data desk preview (before = the current version, after = the draft) and by the
History diff between any two versions. Pure pandas, no Streamlit.

Rows are compared as multisets of their canonical values (every contract column after
ingestion; the raw country text kept beside a resolved country is not compared, so a country
newly mapped counts as a change). Per export and academic year:

- ``removed``: rows of `before` with no equal row left in `after` (a row twice in `before` and
  once in `after` is one removed row);
- ``added``: rows of `after` with no equal row in `before`;
- ``changed``: in an export with an id column (students' ``student_id``, partners'
  ``partner_id``), a removed and an added row of the same year with the same non-blank id are
  one changed row instead (and counted in neither added nor removed). Exports without an id,
  and rows with a blank id, have no changed rows: an edited row is one removed and one added.

An export without a ``year`` column (partners, programs, grants) has one row with year <NA>.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from metrics.catalogue import CATALOGUE
from metrics.ingest import Dataset
from metrics.engine import available_years, kpis_by_year
from metrics.schema import EXPORTS

ROW_COLUMNS = ["export", "year", "added", "removed", "changed"]
KPI_COLUMNS = ["kpi", "year", "before", "after", "change"]
DEFAULT_YEARS = 2  # KPIs of the latest this many years present in either dataset


@dataclass(frozen=True)
class Comparison:
    """Differences between two datasets: `rows` (export, year, added, removed, changed) and
    `kpis` (kpi, year, before, after, change; None where a KPI is not available)."""

    rows: pd.DataFrame
    kpis: pd.DataFrame


def compared_columns(before: pd.DataFrame | None, after: pd.DataFrame | None) -> list[str]:
    """The canonical columns rows are compared on: every column of either frame but the raw country text."""
    names: dict[str, None] = {}
    for frame in (before, after):
        if frame is not None:
            names.update((str(name), None) for name in frame.columns if not str(name).endswith("_raw"))
    return list(names)


def _aligned(before: pd.DataFrame, after: pd.DataFrame, columns: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both frames on the same columns with the same dtypes (a column typed differently is compared as text)."""
    before = before.reindex(columns=columns)
    after = after.reindex(columns=columns)
    differing = [name for name in columns if before[name].dtype != after[name].dtype]
    if differing:
        before = before.astype({name: "string" for name in differing})
        after = after.astype({name: "string" for name in differing})
    return before, after


def _row_keys(frame: pd.DataFrame, id_column: str | None) -> pd.DataFrame:
    """One row per row of `frame`: year, a hash of all its values, its id."""
    years = frame["year"].astype("Int64") if "year" in frame.columns else pd.Series(pd.NA, index=frame.index, dtype="Int64")
    ids = frame[id_column].astype("string") if id_column else pd.Series(pd.NA, index=frame.index, dtype="string")
    hashes = pd.util.hash_pandas_object(frame, index=False).to_numpy()
    return pd.DataFrame({"year": years.to_numpy(), "hash": hashes, "id": ids.to_numpy()})


def row_changes(export: str, before: pd.DataFrame | None, after: pd.DataFrame | None) -> pd.DataFrame:
    """Rows added, removed and changed per year in one export (see the module docstring); every year of either."""
    columns = compared_columns(before, after)
    empty = pd.DataFrame(columns=columns)
    before, after = _aligned(before if before is not None else empty, after if after is not None else empty, columns)
    id_column = next((name for name in columns if name.endswith("_id")), None)
    keys = pd.concat([_row_keys(before, id_column).assign(side=-1), _row_keys(after, id_column).assign(side=1)],
                     ignore_index=True)
    if keys.empty:
        return pd.DataFrame(columns=ROW_COLUMNS).astype({"year": "Int64", "added": "int64", "removed": "int64",
                                                         "changed": "int64"})
    groups = keys.groupby(["year", "hash"], dropna=False, sort=False).agg(net=("side", "sum"), id=("id", "first"))
    groups = groups.reset_index()
    groups["added"] = groups["net"].clip(lower=0)
    groups["removed"] = (-groups["net"]).clip(lower=0)
    per_year = groups.groupby("year", dropna=False)[["added", "removed"]].sum()
    with_id = groups[groups["id"].notna() & (groups["id"].astype("string").str.strip() != "") & (groups["net"] != 0)]
    by_id = with_id.groupby(["year", "id"], dropna=False)[["added", "removed"]].sum()
    changed = np.minimum(by_id["added"], by_id["removed"]).groupby(level="year", dropna=False).sum()
    per_year["changed"] = changed.reindex(per_year.index, fill_value=0) if len(changed) else 0
    per_year["added"] -= per_year["changed"]
    per_year["removed"] -= per_year["changed"]
    out = per_year.reset_index().assign(export=export)[ROW_COLUMNS]
    out = out.astype({"year": "Int64", "added": "int64", "removed": "int64", "changed": "int64"})
    return out.sort_values("year", na_position="last").reset_index(drop=True)


def kpi_changes(before: Dataset, after: Dataset, years: int = DEFAULT_YEARS,
                as_of: dt.date | None = None) -> pd.DataFrame:
    """Every KPI of the catalogue for the latest `years` years present in either dataset, before and after."""
    wanted = sorted(set(available_years(before)) | set(available_years(after)))[-years:] if years > 0 else []
    if not wanted:
        return pd.DataFrame(columns=KPI_COLUMNS)
    tables = [kpis_by_year(data, years=wanted, as_of=as_of) for data in (before, after)]
    rows = []
    for kpi in CATALOGUE.values():
        for year in wanted:
            old, new = (_value(table, year, kpi.id, kpi.unit) for table in tables)
            rows.append({"kpi": kpi.id, "year": year, "before": old, "after": new,
                         "change": new - old if old is not None and new is not None else None})
    return pd.DataFrame(rows, columns=KPI_COLUMNS)


def _value(table: pd.DataFrame, year: int, kpi_id: str, unit: str) -> float | int | None:
    value = table[kpi_id].get(year) if kpi_id in table.columns else None
    if value is None or pd.isna(value):
        return None
    value = float(value)
    return int(value) if unit == "count" and value.is_integer() else value


def compare(before: Dataset, after: Dataset, years: int = DEFAULT_YEARS, as_of: dt.date | None = None) -> Comparison:
    """Rows added/removed/changed per export and year, and KPIs of the latest `years` years, before → after."""
    parts = [row_changes(name, before.get(name), after.get(name)) for name in EXPORTS
             if before.has(name) or after.has(name)]
    parts = [part for part in parts if len(part)]
    rows = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=ROW_COLUMNS)
    return Comparison(rows=rows, kpis=kpi_changes(before, after, years, as_of=as_of))
