"""Helpers shared by the section builders: display tables, totals, names, the KPIs of the year."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from metrics import countries
from metrics import vocabulary as V

# Columns that hold personal data: never shown or exported, whatever a frame carries.
PERSONAL_COLUMNS = frozenset({"student_id", "name", "full_name", "passport", "email", "phone", "birth_date"})
# Bars in a top-N chart.
CHART_TOP = 15


def country_name(code, lang: str) -> str:
    """The display name of an ISO alpha-3 code; "not stated" for a missing one."""
    if not isinstance(code, str) or not code:
        return V.data_value_label("country", "Unknown", lang)
    return countries.display_name(code, lang)


def region_name(region, lang: str) -> str:
    """A continent or region in the language ("not stated" for a missing one)."""
    return V.region_label(region if isinstance(region, str) and region else "Unknown", lang)


def text(value) -> str:
    """A data cell as stripped text ('' for missing)."""
    return str(value).strip() if V.present(value) else ""


def whole(value) -> int | None:
    """A count as int, None when missing."""
    return int(value) if V.present(value) else None


def display_table(frame: pd.DataFrame | None, lang: str) -> pd.DataFrame:
    """The frame as a reader sees it: no personal columns, country names (and the ISO code beside them),
    regions, directions and categories in the language, dates without time, shares rounded to one decimal,
    headings in the language."""
    if frame is None:
        return pd.DataFrame()
    out = frame.drop(columns=[c for c in frame.columns if str(c).lower() in PERSONAL_COLUMNS])
    if not isinstance(out.index, pd.RangeIndex):
        out = out.reset_index()
    out = out.copy()
    for column in list(out.columns):
        name = str(column)
        values = out[column]
        if name == "country" or name.endswith("_country"):
            names = {code: country_name(code, lang) for code in values.dropna().unique() if isinstance(code, str)}
            position = list(out.columns).index(column)
            out[column] = [names.get(c, c) if isinstance(c, str) and c else country_name(None, lang) for c in values]
            if name == "country":
                out.insert(position + 1, "country_code", values.astype("object").where(values.notna(), ""))
        elif name in ("continent", "region", "group"):
            out[column] = [region_name(r, lang) for r in values]
        elif name in ("direction", "category", "type", "level", "field", "status") and "kpi" not in out.columns:
            out[column] = [V.data_value_label(name, v, lang) if isinstance(v, str) else ("" if not V.present(v) else v)
                           for v in values]
        elif name == "share" or name.endswith("_share"):
            out[column] = pd.to_numeric(values, errors="coerce").round(1).astype("Float64")
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.date  # dates, not midnight timestamps
    out.columns = [V.column_label(str(c), lang) for c in out.columns]
    return out.reset_index(drop=True)


def with_total(table: pd.DataFrame, label_column: str, label: str, sums: dict) -> pd.DataFrame:
    """The table with a last row: ``label`` in ``label_column``, ``sums`` in their columns, blanks elsewhere."""
    row = {column: None for column in table.columns}
    row[label_column] = label
    row.update(sums)
    total = pd.DataFrame([row], columns=table.columns).astype(object)
    return pd.concat([table.astype(object), total], ignore_index=True)


def year_rows(frame: pd.DataFrame | None, year: int) -> pd.DataFrame | None:
    """Rows of one academic year (None when the frame is absent or has no year)."""
    if frame is None or "year" not in frame.columns:
        return None
    return frame.loc[(frame["year"] == int(year)).fillna(False).to_numpy(dtype=bool)]


def kpi_values(data: Any, year: int, filters: Any, as_of: dt.date | None = None) -> tuple[dict, dict]:
    """(this year's KPI values, last year's) as plain numbers or None."""
    from metrics.engine import compute_kpis

    now = compute_kpis(data, int(year), filters=filters, as_of=as_of)
    before = compute_kpis(data, int(year) - 1, filters=filters, as_of=as_of)
    return now, before


def change_percent(value, previous) -> float | None:
    """Percent change from ``previous`` to ``value`` (None when either is missing or previous is 0)."""
    if value is None or previous in (None, 0):
        return None
    return (float(value) - float(previous)) / float(previous) * 100


def countries_phrase(n, lang: str) -> str:
    """'1 country' / '3 countries'; Russian genitive after «из»: '1 страны', '21 страны', '3 стран'."""
    n = int(n or 0)
    number = V.number(n, lang)
    if lang == "en":
        return f"{number} {'country' if n == 1 else 'countries'}"
    if lang == "ru":
        return f"{number} {'страны' if n % 10 == 1 and n % 100 != 11 else 'стран'}"
    return f"{number} mamlakat"


def export_reason(data: Any, exports, lang: str) -> str | None:
    """Why a block has nothing to show when one of its exports is missing or unreadable (None when all are there)."""
    from metrics.engine import export_unavailable

    for export in exports:
        problem = export_unavailable(data, export)
        if problem is not None:
            return V.unavailable_label(problem, lang)
    return None


def missing_exports(data: Any, exports) -> tuple[str, ...]:
    from metrics.engine import export_unavailable

    return tuple(export for export in exports if export_unavailable(data, export) is not None)


def numeric(values) -> np.ndarray:
    return pd.to_numeric(pd.Series(list(values), dtype=object), errors="coerce").to_numpy(dtype=float)


# Filters that narrow the view below the whole university: targets are set for the whole university.
NARROWING_FILTERS = ("faculties", "levels", "regions", "countries")


def targets_of(data: Any, kpi_id: str, filters: Any = None) -> pd.DataFrame:
    """Targets of one KPI: year, target (empty without targets, and under a faculty, level, region or
    country filter: there is no target for a part of the university)."""
    frame = data.get("targets") if hasattr(data, "get") else None
    narrowed = filters is not None and any(getattr(filters, name, ()) for name in NARROWING_FILTERS)
    if frame is None or not len(frame) or narrowed:
        return pd.DataFrame({"year": pd.Series(dtype="int64"), "target": pd.Series(dtype="float64")})
    rows = frame[frame["kpi"] == kpi_id]
    return rows[["year", "target"]].sort_values("year").reset_index(drop=True)


def with_reason(block, reason: str | None):
    """The block, carrying ``reason`` when it has nothing to show."""
    from dataclasses import replace

    return replace(block, reason=reason) if block.empty and reason and not block.reason else block


def projection_to_target(trend: pd.DataFrame, target: pd.DataFrame, unit: str = "count") -> pd.DataFrame | None:
    """The projection band (metrics.targets.projection_band: year, value, low, high) from the latest actual
    of ``trend`` (year, value) to the latest target year after it; None when there is no later target."""
    from metrics.targets import projection_band

    actuals = pd.Series(pd.to_numeric(trend["value"], errors="coerce").to_numpy(dtype=float),
                        index=trend["year"].astype(int)).dropna()
    if target is None or not len(target) or actuals.empty or int(target["year"].max()) <= int(actuals.index.max()):
        return None
    band = projection_band(actuals, int(target["year"].max()), unit=unit)
    return band if len(band) else None
