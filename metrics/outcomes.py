"""What became of each entry cohort: enrolled, graduated, dropped out or unknown one, two and three years on.

A **cohort** is the students of one group (``foreign``: citizenship not the home country,
unresolved citizenship included, as everywhere in `metrics.rows`; ``home``: the home
country) who entered in academic year Y: a row of year Y whose ``status`` is new/admitted
(`NEW_STATUSES`) and which has a ``student_id`` (a student is followed by id only, so rows
without one are not in any cohort; ``count`` is not used: an id is one student). Its
citizenship and faculty are those of that row.

**A student's state at Y + k** (k = 1, 2, 3, see `HORIZONS`) is read from the student's
rows of the years Y … Y + k, whatever their citizenship or faculty in later rows:

- In each year, the student's rows give one mark: graduated when a row of the year says so
  (`GRADUATED_STATUSES`), else dropped when one is expelled or withdrawn
  (`DROPPED_STATUSES`), else present.
- ``enrolled_k``: present in Y + k (a row that is neither graduated nor dropped out);
- ``graduated_k``: the last mark up to Y + k is graduated (graduated in Y + k, or earlier
  and not seen again);
- ``dropped_k``: the last mark up to Y + k is expelled/withdrawn;
- ``unknown_k``: absent in Y + k although the last mark was present: left without a
  final status.

So a student readmitted after being expelled counts as enrolled again, and the four
columns add up to the cohort. When year Y + k has no student rows at all (it is beyond
the data, or missing from it), the four columns are <NA>: that horizon cannot be told yet.

The foreign retention rate (`metrics.kpis.foreign_retention_rate_by_year`) is
(enrolled_1 + graduated_1) ÷ cohort of the foreign group, taken from this table.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from metrics.rows import has_values, in_folded, is_foreign, student_id_codes

# Enrolment statuses that mean a first-year (newly admitted) student (compared case-folded).
NEW_STATUSES = frozenset({
    "new", "admitted", "enrolled new", "first year", "новый", "новая", "принят", "принята",
    "зачислен", "зачислена", "yangi", "qabul qilingan",
})
# Final statuses, split by outcome; together they are `metrics.rows.INACTIVE_STATUSES`.
GRADUATED_STATUSES = frozenset({
    "graduated", "graduate", "выпущен", "выпускник", "окончил", "bitirgan", "bitiruvchi",
})
DROPPED_STATUSES = frozenset({
    "expelled", "withdrawn", "dismissed", "dropped out", "отчислен", "отчислена", "выбыл", "выбыла",
    "chetlashtirilgan", "chiqarilgan", "o'qishdan chetlashtirilgan",
})

HORIZONS = (1, 2, 3)  # years after entry at which a cohort is followed
OUTCOMES = ("enrolled", "graduated", "dropped", "unknown")
GROUPS = ("foreign", "home")
COLUMNS = ("group", "entry_year", "citizenship", "faculty", "cohort") + tuple(
    f"{outcome}_{k}" for k in HORIZONS for outcome in OUTCOMES)

# A student's mark in a year (the highest of its rows' marks counts).
_ABSENT, _PRESENT, _DROPPED, _GRADUATED = 0, 1, 2, 3


def row_marks(students: pd.DataFrame) -> np.ndarray:
    """Per student row: 3 graduated, 2 expelled/withdrawn, 1 any other status (blank included)."""
    status = students["status"]
    return np.where(in_folded(status, GRADUATED_STATUSES), _GRADUATED,
                    np.where(in_folded(status, DROPPED_STATUSES), _DROPPED, _PRESENT)).astype("int8")


def _empty() -> pd.DataFrame:
    out = pd.DataFrame({column: pd.Series(dtype="Int64") for column in COLUMNS})
    return out.astype({"group": "str", "citizenship": "str", "faculty": "str", "entry_year": "int64"})


def retention_cohorts(students: pd.DataFrame, home: str, years: Sequence[int]) -> pd.DataFrame | None:
    """Entry cohorts of ``years`` followed 1, 2 and 3 years on, per group, citizenship and faculty.

    Columns `COLUMNS`: group (foreign, home), entry_year, citizenship, faculty, cohort
    (students who entered), then for k = 1, 2, 3 enrolled_k, graduated_k, dropped_k,
    unknown_k (see the module docstring; <NA> when year entry_year + k has no student
    rows). One row per (group, entry_year, citizenship, faculty) with a cohort, foreign
    first; home rows only when the data holds home students with ids. None (not
    available) when the ``student_id`` or the ``status`` column has no values. The input
    is not changed.
    """
    if not (has_values(students, "student_id") and has_values(students, "status")):
        return None
    wanted = sorted({int(y) for y in years})
    if not len(students) or not wanted:
        return _empty()
    codes = student_id_codes(students)
    year = students["year"].to_numpy(dtype="int64")
    entering = (codes >= 0) & in_folded(students["status"], NEW_STATUSES) & np.isin(year, wanted)
    positions = np.flatnonzero(entering)
    # one entry per student and year: the first new row
    entries = pd.DataFrame({"pos": positions, "code": codes[positions], "entry_year": year[positions]})
    entries = entries.drop_duplicates(["code", "entry_year"]).reset_index(drop=True)
    if entries.empty:
        return _empty()

    # The marks of the entrants, student × year (from the first year of data to the last + max horizon).
    followed = np.unique(entries["code"].to_numpy())
    first_year = int(year.min())
    span = int(year.max()) - first_year + 1 + max(HORIZONS)
    mine = np.flatnonzero((codes >= 0) & np.isin(codes, followed))
    student = np.searchsorted(followed, codes[mine])
    marks = np.zeros((len(followed), span), dtype="int8")
    np.maximum.at(marks, (student, year[mine] - first_year), row_marks(students)[mine])
    # last mark up to each year (forward fill of the non-absent marks)
    column = np.where(marks > _ABSENT, np.arange(span, dtype="int32")[None, :], -1)
    last_column = np.maximum.accumulate(column, axis=1)
    last = np.take_along_axis(marks, np.maximum(last_column, 0), axis=1)
    last[last_column < 0] = _ABSENT

    rows = np.searchsorted(followed, entries["code"].to_numpy())
    entry_year = entries["entry_year"].to_numpy()
    entry_pos = entries["pos"].to_numpy()
    citizenship = students["citizenship"].iloc[entry_pos]
    faculty = (students["faculty"].iloc[entry_pos] if "faculty" in students.columns
               else pd.Series(pd.NA, index=range(len(entries)), dtype="str"))
    table = pd.DataFrame({
        "group": np.where(is_foreign(citizenship, home), "foreign", "home"),
        "entry_year": entry_year,
        "citizenship": citizenship.to_numpy(),
        "faculty": faculty.to_numpy(),
        "cohort": np.ones(len(entries), dtype="int64"),
    })
    table = table.astype({"group": "str", "citizenship": "str", "faculty": "str"})
    data_years = set(np.unique(year).tolist())
    for k in HORIZONS:
        at = entry_year - first_year + k
        mark, last_mark = marks[rows, at], last[rows, at]
        known = np.isin(entry_year + k, list(data_years))
        for outcome, hit in (("enrolled", mark == _PRESENT), ("graduated", last_mark == _GRADUATED),
                             ("dropped", last_mark == _DROPPED),
                             ("unknown", (mark == _ABSENT) & (last_mark == _PRESENT))):
            values = pd.array(hit.astype("int64"), dtype="Int64")
            values[~known] = pd.NA
            table[f"{outcome}_{k}"] = values

    keys = ["group", "entry_year", "citizenship", "faculty"]
    counts = [column for column in COLUMNS if column not in keys]
    out = table.groupby(keys, dropna=False, sort=False)[counts].sum(min_count=1).reset_index()
    out["cohort"] = out["cohort"].astype("Int64")
    out = out.sort_values(["group", "entry_year", "citizenship", "faculty"],
                          key=lambda values: values.map(GROUPS.index) if values.name == "group" else values,
                          na_position="last", kind="stable")
    return out.loc[:, list(COLUMNS)].reset_index(drop=True)
