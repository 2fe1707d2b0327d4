"""Academic years: which year a date falls in, a year's first and last day, and what runs in a year.

Academic year ``Y`` (2024 means 2024/25) runs from 1 September ``Y`` to 31 August ``Y + 1``
(`ACADEMIC_YEAR_START_MONTH`). Ingestion, the KPIs, the breakdowns and the filters all take
these rules from here, so they cannot drift apart.

**Running in a year** (one rule for joint programs and grant projects, which are recorded
with a ``start_year`` and an optional ``end_year``): a program or grant runs in year ``Y``
when ``start_year ≤ Y`` and (``end_year`` is blank or ``end_year ≥ Y``). A blank
``start_year`` never runs. See `running_in_year` and `running_matrix`.

This module depends on nothing else in the project.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

ACADEMIC_YEAR_START_MONTH = 9  # an academic year starts on 1 September


def academic_year_of(dates: pd.Series) -> pd.Series:
    """The academic year a date falls in (1 September starts a year); <NA> for NaT."""
    dates = pd.to_datetime(dates)
    year = dates.dt.year - (dates.dt.month < ACADEMIC_YEAR_START_MONTH).astype("int64")
    return year.astype("Int64")


def academic_year_bounds(year: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of academic year ``year`` (1 Sep ``year`` – 31 Aug ``year + 1``)."""
    return (pd.Timestamp(year, ACADEMIC_YEAR_START_MONTH, 1),
            pd.Timestamp(year + 1, ACADEMIC_YEAR_START_MONTH, 1) - pd.Timedelta(days=1))


def academic_year_today(today: dt.date | None = None) -> int:
    """The academic year containing ``today`` (default: the current date)."""
    today = today or dt.date.today()
    return today.year - (today.month < ACADEMIC_YEAR_START_MONTH)


# --------------------------------------------------------------------------- running in a year

def running_matrix(start: pd.Series, end: pd.Series, years: Sequence[int]) -> np.ndarray:
    """rows × years booleans: row i runs in ``years[j]`` (start ≤ Y and end blank or ≥ Y; a blank start never runs)."""
    y = np.asarray(list(years), dtype="int64")[None, :]
    s = pd.Series(start).astype("Float64").to_numpy(dtype=float, na_value=np.nan)[:, None]
    e = pd.Series(end).astype("Float64").to_numpy(dtype=float, na_value=np.inf)[:, None]
    return (s <= y) & (e >= y)


def running_in_year(start: pd.Series, end: pd.Series | None, year: int) -> np.ndarray:
    """True for the rows running in academic year ``year`` (the rule in the module docstring).

    ``end`` may be None (no end column: nothing ends).
    """
    if end is None:
        end = pd.Series(pd.NA, index=pd.Series(start).index, dtype="Int64")
    return running_matrix(start, end, [int(year)])[:, 0]


def running_pairs(frame: pd.DataFrame, years: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """(row positions, year positions) of every (row, year) in which a program/grant frame's row runs.

    The frame has ``start_year`` and optionally ``end_year`` (absent: nothing ends).
    """
    end = frame["end_year"] if "end_year" in frame.columns else pd.Series(pd.NA, index=frame.index, dtype="Int64")
    return np.nonzero(running_matrix(frame["start_year"], end, years))


# --------------------------------------------------------------------------- by-year series

def year_series(values: Any, years: Sequence[int], name: str | None = None, dtype: str = "Float64") -> pd.Series:
    """A series indexed by ``year`` (int64) over ``years``, filled with ``values``."""
    return pd.Series(values, index=pd.Index(list(years), name="year", dtype="int64"), dtype=dtype, name=name)


def per_year(counts: pd.Series, years: Sequence[int], fill: Any = 0, dtype: str = "Int64") -> pd.Series:
    """A by-year aggregate put on the requested years, ``fill`` where a year has no rows."""
    out = counts.reindex(pd.Index(list(years), dtype="int64")).astype(dtype)
    if fill is not None:
        out = out.fillna(fill)
    out.index.name = "year"
    return out
