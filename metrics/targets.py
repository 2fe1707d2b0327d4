"""Targets: how each KPI stands against the values set by the rectorate in targets.csv.

targets.csv has one row per (kpi, year, target). For a KPI in academic year ``Y`` the
**applicable target** is the one set for ``Y``; when there is none, the nearest later
target (the goal the KPI is heading to). Targets for earlier years never apply.

Status rule (`STATUS_MET`, `STATUS_ON_TRACK`, `STATUS_AT_RISK`):

- **met**: the actual value for ``Y`` reaches the target: ``actual ≥ target`` when higher
  is better, ``actual ≤ target`` when lower is better;
- **on track**: not met, the target year ``T`` is after ``Y``, and the least-squares
  straight line through the actual values of the last `TREND_YEARS` years (``Y-2 .. Y``,
  at least 2 of them known) reaches the target at ``T``;
- **at risk**: otherwise (including a target for ``Y`` itself that is not met, and too
  few years of actuals to draw a trend);
- **None**: no applicable target, or no actual value for ``Y``.

`metrics.engine.target_progress` applies the rule to every KPI of the catalogue.

``gap`` is ``actual − target`` in the KPI's unit (negative: below target); None when
either is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
import numpy as np
import pandas as pd

STATUS_MET = "met"
STATUS_ON_TRACK = "on track"
STATUS_AT_RISK = "at risk"
STATUSES = (STATUS_MET, STATUS_ON_TRACK, STATUS_AT_RISK)
TREND_YEARS = 3  # actuals of the last three years (Y-2, Y-1, Y) draw the trend
MIN_TREND_POINTS = 2


@dataclass(frozen=True)
class TargetStatus:
    """A KPI's standing against its applicable target in one year."""

    kpi: str
    year: int
    actual: float | None
    target: float | None
    target_year: int | None
    gap: float | None
    projected: float | None  # the trend's value at the target year (None without a trend)
    status: str | None


def applicable_target(targets: pd.DataFrame | None, kpi_id: str, year: int) -> tuple[int, float] | None:
    """(target year, target) for a KPI in ``year``: the target for ``year``, else the nearest later one."""
    if targets is None or targets.empty:
        return None
    kpi = targets["kpi"].astype("str").str.strip()
    rows = targets.loc[(kpi == kpi_id).to_numpy(dtype=bool) & (targets["year"] >= year).to_numpy(dtype=bool)]
    rows = rows.loc[rows["target"].notna()]
    if rows.empty:
        return None
    target_year = int(rows["year"].min())
    value = rows.loc[rows["year"] == target_year, "target"].iloc[-1]
    return target_year, float(value)


def linear_projection(actuals: pd.Series, year: int, target_year: int) -> float | None:
    """The least-squares line through the known actuals of years year-2 .. year, evaluated at target_year.

    None when fewer than `MIN_TREND_POINTS` of those years are known.
    """
    window = actuals.reindex(range(year - TREND_YEARS + 1, year + 1)).astype("Float64").dropna()
    if len(window) < MIN_TREND_POINTS:
        return None
    x = window.index.to_numpy(dtype=float)
    y = window.to_numpy(dtype=float)
    slope, intercept = np.polyfit(x, y, 1)
    return float(slope * target_year + intercept)


def _reaches(value: float, target: float, higher_is_better: bool) -> bool:
    return value >= target if higher_is_better else value <= target


def target_status(kpi_id: str, year: int, actuals: pd.Series, targets: pd.DataFrame | None, *,
                  higher_is_better: bool = True) -> TargetStatus:
    """A KPI's actual, applicable target, gap and status in ``year`` (rule in the module docstring).

    ``actuals`` is the KPI's yearly series (index: year; <NA> = not available).
    """
    year = int(year)
    value = actuals.get(year) if year in actuals.index else None
    actual = None if value is None or pd.isna(value) else float(value)
    found = applicable_target(targets, kpi_id, year)
    if found is None:
        return TargetStatus(kpi_id, year, actual, None, None, None, None, None)
    target_year, target = found
    if actual is None:
        return TargetStatus(kpi_id, year, None, target, target_year, None, None, None)
    gap = actual - target
    projected = linear_projection(actuals, year, target_year) if target_year > year else None
    if _reaches(actual, target, higher_is_better):
        status = STATUS_MET
    elif projected is not None and _reaches(projected, target, higher_is_better):
        status = STATUS_ON_TRACK
    else:
        status = STATUS_AT_RISK
    return TargetStatus(kpi_id, year, actual, target, target_year, gap, projected, status)
