"""Targets: how each KPI stands against the values set by the rectorate in targets.csv.

targets.csv has one row per (kpi, year, target). For a KPI in academic year ``Y`` the
**applicable target** is the one set for ``Y``; when there is none, the nearest later
target (the goal the KPI is heading to). Targets for earlier years never apply.

Projection (`projection`): ordinary least squares through the actual values of the last
`TREND_YEARS` years that have a value, up to ``Y`` (at least `MIN_TREND_POINTS` of them),
evaluated at the target year ``T``, with the prediction interval of a new observation at
``T`` (``level`` 80% by default)::

    ŷ(T) ± t_{(1+level)/2, n−2} · s · sqrt(1 + 1/n + (T − x̄)² / Σ(x − x̄)²)

where ``n`` is the number of years fitted, ``x̄`` their mean, ``s`` the residual standard
deviation (``sqrt(Σ residual² / (n − 2))``) and ``t`` the Student t quantile (`T_QUANTILES`).
A projected count, ratio or index is never below 0 and a percentage stays within 0..100
(value, low and high are clipped). `projection_band` gives the same line and interval for
every year from the latest actual to ``T``, for a chart.

Status rule (`STATUS_RULE`; `STATUS_MET`, `STATUS_ON_TRACK`, `STATUS_AT_RISK`,
`STATUS_OFF_TRACK`), written for "higher is better" (mirror every comparison when lower is
better: ``≤`` instead of ``≥``, ``high`` instead of ``low``):

- **met**: the target is for ``Y`` itself and the actual value for ``Y`` reaches it
  (``actual ≥ target``);
- **off track**: the target is for ``Y`` and the actual misses it; or the target year ``T``
  is after ``Y`` and the point projection at ``T`` misses it (``ŷ(T) < target``);
- **at risk**: ``T`` is after ``Y`` and the point projection reaches the target but the low
  end of the interval does not (``low < target ≤ ŷ(T)``); also when fewer than
  `MIN_TREND_POINTS` years of actuals leave nothing to project;
- **on track**: ``T`` is after ``Y`` and the whole interval reaches the target
  (``low ≥ target``);
- **None**: no applicable target, or no actual value for ``Y``.

A later target already reached in ``Y`` is judged on the projection (it must still hold at
``T``). Only actuals up to ``Y`` are used. `metrics.engine.target_progress` applies the
rule to every KPI of the catalogue.

``gap`` is ``actual − target`` in the KPI's unit (negative: below target); None when
either is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
import math

import numpy as np
import pandas as pd

STATUS_MET = "met"
STATUS_ON_TRACK = "on track"
STATUS_AT_RISK = "at risk"
STATUS_OFF_TRACK = "off track"
STATUSES = (STATUS_MET, STATUS_ON_TRACK, STATUS_AT_RISK, STATUS_OFF_TRACK)
TREND_YEARS = 5  # the projection fits the last five years with a value (the `window`)
MIN_TREND_POINTS = 3  # a line and a residual spread need at least three points (n − 2 ≥ 1)
DEFAULT_LEVEL = 0.8  # the prediction interval's coverage

STATUS_RULE = (
    "A target for the year itself is met when the actual reaches it and off track otherwise; a later "
    f"target is on track when the whole {DEFAULT_LEVEL:.0%} prediction interval of the least-squares line "
    f"through the last {TREND_YEARS} years with a value (at least {MIN_TREND_POINTS}) reaches it at the "
    f"target year, at risk when only the projected value reaches it (or fewer than {MIN_TREND_POINTS} years "
    "leave nothing to project), and off track when the projected value does not."
)

# Student t quantiles t_{q, df} for df = 1..30, keyed by the two-sided interval level
# (q = (1 + level) / 2: 0.90 and 0.95). Values of the Student t quantile function to six
# decimals (as scipy.stats.t.ppf gives them; NIST/SEMATECH e-Handbook of Statistical Methods,
# section 1.3.6.7.2 "Critical values of the Student's t distribution", tabulates them to three).
# tests/test_targets.py checks each against a numerical integration of the t density.
# Beyond df 30 `t_quantile` uses the Cornish-Fisher expansion around the normal quantile.
T_QUANTILES = {
    0.8: (3.077684, 1.885618, 1.637744, 1.533206, 1.475884, 1.439756, 1.414924, 1.396815, 1.383029,
          1.372184, 1.363430, 1.356217, 1.350171, 1.345030, 1.340606, 1.336757, 1.333379, 1.330391,
          1.327728, 1.325341, 1.323188, 1.321237, 1.319460, 1.317836, 1.316345, 1.314972, 1.313703,
          1.312527, 1.311434, 1.310415),
    0.9: (6.313752, 2.919986, 2.353363, 2.131847, 2.015048, 1.943180, 1.894579, 1.859548, 1.833113,
          1.812461, 1.795885, 1.782288, 1.770933, 1.761310, 1.753050, 1.745884, 1.739607, 1.734064,
          1.729133, 1.724718, 1.720743, 1.717144, 1.713872, 1.710882, 1.708141, 1.705618, 1.703288,
          1.701131, 1.699127, 1.697261),
}
_NORMAL_QUANTILES = {0.8: 1.2815515655446004, 0.9: 1.6448536269514722}  # z_{0.90}, z_{0.95}

# Where a projected value may lie, by KPI unit (metrics.catalogue.UNITS): (lowest, highest).
UNIT_BOUNDS = {"count": (0.0, None), "percent": (0.0, 100.0), "ratio": (0.0, None), "index": (0.0, None)}


@dataclass(frozen=True)
class Projection:
    """The least-squares line's value at ``year`` with its prediction interval [low, high]."""

    year: int
    value: float
    low: float
    high: float
    n: int  # years fitted
    slope: float  # change per year
    level: float
    method: str  # how it was made, in English (for a footnote or hover)


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
    low: float | None = None  # the prediction interval at the target year (None without a trend)
    high: float | None = None
    level: float | None = None


def t_quantile(level: float, df: int) -> float:
    """The Student t quantile t_{(1+level)/2, df} for a two-sided ``level`` of 0.8 or 0.9."""
    key = next((known for known in T_QUANTILES if math.isclose(level, known)), None)
    if key is None:
        raise ValueError(f"interval level {level!r} is not tabulated; use one of {sorted(T_QUANTILES)}")
    if df < 1:
        raise ValueError("a t quantile needs at least one degree of freedom")
    if df <= len(T_QUANTILES[key]):
        return T_QUANTILES[key][df - 1]
    z = _NORMAL_QUANTILES[key]
    return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2) \
        + (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * df ** 3)


def _known(actuals: pd.Series, window: int) -> pd.Series:
    """The last ``window`` years with a value, as floats indexed by int year, oldest first."""
    values = pd.Series(pd.to_numeric(pd.Series(actuals, dtype="object"), errors="coerce").to_numpy(dtype=float),
                       index=pd.Index(actuals.index).astype("int64"))
    values = values[np.isfinite(values.to_numpy())]
    values = values[~values.index.duplicated(keep="last")].sort_index()
    return values.iloc[-window:] if window > 0 else values.iloc[:0]


def _clip(value: float, unit: str | None) -> float:
    lowest, highest = UNIT_BOUNDS.get(unit or "", (None, None))
    if lowest is not None:
        value = max(value, lowest)
    if highest is not None:
        value = min(value, highest)
    return value


class _Fit:
    """Ordinary least squares y = a + b·x with what the prediction interval needs."""

    def __init__(self, known: pd.Series, level: float):
        self.x = known.index.to_numpy(dtype=float)
        self.y = known.to_numpy(dtype=float)
        self.n = len(self.x)
        self.x_mean = float(self.x.mean())
        self.sxx = float(((self.x - self.x_mean) ** 2).sum())
        self.slope = float(((self.x - self.x_mean) * (self.y - self.y.mean())).sum() / self.sxx)
        self.intercept = float(self.y.mean() - self.slope * self.x_mean)
        residuals = self.y - (self.intercept + self.slope * self.x)
        self.s = math.sqrt(float((residuals ** 2).sum()) / (self.n - 2))
        self.t = t_quantile(level, self.n - 2)

    def at(self, year: float) -> tuple[float, float]:
        """(ŷ, half width of the prediction interval) at ``year``."""
        value = self.intercept + self.slope * year
        half = self.t * self.s * math.sqrt(1 + 1 / self.n + (year - self.x_mean) ** 2 / self.sxx)
        return value, half


def _fit(actuals: pd.Series, window: int, level: float) -> tuple[pd.Series, _Fit] | None:
    known = _known(actuals, window)
    if len(known) < MIN_TREND_POINTS or known.index.nunique() < 2:
        return None
    return known, _Fit(known, level)


def projection(actuals: pd.Series, target_year: int, *, window: int = TREND_YEARS, level: float = DEFAULT_LEVEL,
               unit: str | None = "count") -> Projection | None:
    """The least-squares line through the last ``window`` years of ``actuals`` with a value, at ``target_year``.

    ``actuals``: index year, values (<NA> = not available). The interval is the ``level``
    prediction interval of a new observation at ``target_year`` (formula in the module
    docstring). Value, low and high are clipped to the ``unit``'s range (`UNIT_BOUNDS`: never
    below 0, percentages at most 100; no clipping for an unknown unit or None). None when
    fewer than `MIN_TREND_POINTS` years have a value.
    """
    fitted = _fit(actuals, window, level)
    if fitted is None:
        return None
    known, fit = fitted
    value, half = fit.at(float(target_year))
    first, last = int(known.index[0]), int(known.index[-1])
    method = (f"least squares on {fit.n} years ({first}–{last}), {level:.0%} prediction interval "
              f"at {int(target_year)} (Student t, {fit.n - 2} degrees of freedom)")
    return Projection(year=int(target_year), value=_clip(value, unit), low=_clip(value - half, unit),
                      high=_clip(value + half, unit), n=fit.n, slope=fit.slope, level=float(level), method=method)


BAND_COLUMNS = ("year", "value", "low", "high")


def projection_band(actuals: pd.Series, target_year: int, *, window: int = TREND_YEARS,
                    level: float = DEFAULT_LEVEL, unit: str | None = "count") -> pd.DataFrame:
    """Year by year from the latest actual to ``target_year``: year, value, low, high (for a chart's band).

    The latest actual's year carries the actual (low = high = value), the later years the
    projection and its interval as in `projection`. Empty (with these columns) when there is
    no projection or ``target_year`` is not after the latest actual.
    """
    fitted = _fit(actuals, window, level)
    if fitted is None or int(target_year) <= int(fitted[0].index[-1]):
        return pd.DataFrame({"year": pd.Series(dtype="int64"),
                             **{column: pd.Series(dtype="float64") for column in BAND_COLUMNS[1:]}})
    known, fit = fitted
    last = int(known.index[-1])
    actual = float(known.iloc[-1])
    rows = [(last, actual, actual, actual)]
    for year in range(last + 1, int(target_year) + 1):
        value, half = fit.at(float(year))
        rows.append((year, _clip(value, unit), _clip(value - half, unit), _clip(value + half, unit)))
    frame = pd.DataFrame(rows, columns=list(BAND_COLUMNS))
    return frame.astype({"year": "int64", "value": "float64", "low": "float64", "high": "float64"})


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
    """The projected value at ``target_year`` from the actuals up to ``year`` (`projection`, no interval).

    Kept for callers of the former straight-line check; None when fewer than
    `MIN_TREND_POINTS` years up to ``year`` have a value.
    """
    found = projection(_up_to(actuals, year), target_year)
    return None if found is None else found.value


def _up_to(actuals: pd.Series, year: int) -> pd.Series:
    return actuals[pd.Index(actuals.index).astype("int64") <= int(year)]


def _reaches(value: float, target: float, higher_is_better: bool) -> bool:
    return value >= target if higher_is_better else value <= target


def target_status(kpi_id: str, year: int, actuals: pd.Series, targets: pd.DataFrame | None, *,
                  higher_is_better: bool = True, level: float = DEFAULT_LEVEL, window: int = TREND_YEARS,
                  unit: str | None = "count") -> TargetStatus:
    """A KPI's actual, applicable target, gap, projection and status in ``year`` (rule in the module docstring).

    ``actuals`` is the KPI's yearly series (index: year; <NA> = not available); only its years
    up to ``year`` are used. For a later target year the status comes from `projection`
    (``window`` years, ``level`` interval, clipped to ``unit``), whose value, low and high the
    result carries as ``projected``, ``low`` and ``high``.
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
    if target_year <= year:  # the target's own year: the actual decides
        status = STATUS_MET if _reaches(actual, target, higher_is_better) else STATUS_OFF_TRACK
        return TargetStatus(kpi_id, year, actual, target, target_year, gap, None, status)
    found = projection(_up_to(actuals, year), target_year, window=window, level=level, unit=unit)
    if found is None:
        return TargetStatus(kpi_id, year, actual, target, target_year, gap, None, STATUS_AT_RISK)
    worst = found.low if higher_is_better else found.high
    if _reaches(worst, target, higher_is_better):
        status = STATUS_ON_TRACK
    elif _reaches(found.value, target, higher_is_better):
        status = STATUS_AT_RISK
    else:
        status = STATUS_OFF_TRACK
    return TargetStatus(kpi_id, year, actual, target, target_year, gap, found.value, status,
                        low=found.low, high=found.high, level=found.level)
