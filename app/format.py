"""How numbers are written on screen: the same everywhere, so tests can compare exactly."""

from __future__ import annotations

import math

THIN_SPACE = "\u202f"  # thousands separator readable in en/ru/uz alike: 3 027


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isnan(value))
    except TypeError:  # pd.NA: its comparisons are NA, and bool(NA) raises
        return True


def present(value) -> bool:
    """True for a real value (not None, NaN or pd.NA)."""
    return not _missing(value)


def number(value, decimals: int = 0) -> str:
    """3027 -> '3 027'; 2.5977 (decimals=2) -> '2.60'; missing -> '—'."""
    if _missing(value):
        return "—"
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", THIN_SPACE)


def kpi_value(value, unit: str) -> str:
    """A KPI value as shown on the scorecard: counts whole, percents with one decimal and %, ratios 2 decimals."""
    if _missing(value):
        return "—"
    if unit == "count":
        return number(value, 0)
    if unit == "percent":
        return number(value, 1) + "%"
    return number(value, 2)


def kpi_change(change, unit: str) -> str | None:
    """Signed change against the previous year ('+382', '-1.4 pp'); None when unknown."""
    if _missing(change):
        return None
    sign = "+" if float(change) > 0 else ("-" if float(change) < 0 else "")  # st.metric reads a leading "-" as a fall
    magnitude = abs(float(change))
    if unit == "count":
        return f"{sign}{number(magnitude, 0)}"
    if unit == "percent":
        return f"{sign}{number(magnitude, 1)} pp"
    return f"{sign}{number(magnitude, 2)}"
