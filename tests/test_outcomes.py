"""Entry cohorts followed one, two and three years on (metrics.outcomes) on a hand-made register."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics import kpis as k
from metrics import outcomes as O
from metrics.rows import INACTIVE_STATUSES

HOME = "UZB"
YEARS = [2020, 2021, 2022, 2023]

# (student_id, citizenship, faculty, year, status): nine students over the four years 2020-2023.
REGISTER = [
    ("a", "KAZ", "Medicine", 2020, "new"), ("a", "KAZ", "Medicine", 2021, "continuing"),
    ("a", "KAZ", "Medicine", 2021, "continuing"),  # listed twice in a year
    ("a", "KAZ", "Medicine", 2022, "continuing"), ("a", "KAZ", "Medicine", 2023, "graduated"),
    ("b", "KAZ", "Medicine", 2020, "new"), ("b", "KAZ", "Medicine", 2021, "expelled"),
    ("c", "IND", "Medicine", 2020, "new"),  # never seen again: unknown
    ("d", "IND", "Pediatrics", 2020, "new"), ("d", "IND", "Pediatrics", 2021, "graduated"),
    ("e", "RUS", "Medicine", 2020, "new"), ("e", "RUS", "Medicine", 2021, "withdrawn"),
    ("e", "RUS", "Medicine", 2022, "continuing"), ("e", "RUS", "Medicine", 2023, "continuing"),  # readmitted
    ("f", None, "Medicine", 2021, "new"), ("f", None, "Medicine", 2022, "continuing"),  # unknown citizenship
    ("g", "UZB", "Medicine", 2020, "new"), ("g", "UZB", "Medicine", 2021, "continuing"),
    ("g", "UZB", "Medicine", 2022, "continuing"), ("g", "UZB", "Medicine", 2023, "continuing"),
    ("h", "UZB", "Medicine", 2020, "new"),
    ("i", "KAZ", "Medicine", 2023, "new"),  # entered in the last year of data
    (None, "KAZ", "Medicine", 2020, "new"),  # no id: cannot be followed
]

NA = pd.NA
# group, entry_year, citizenship, faculty, cohort, then (enrolled, graduated, dropped, unknown) for k = 1, 2, 3
EXPECTED = [
    ("foreign", 2020, "IND", "Medicine", 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1),
    ("foreign", 2020, "IND", "Pediatrics", 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0),
    ("foreign", 2020, "KAZ", "Medicine", 2, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0),
    ("foreign", 2020, "RUS", "Medicine", 1, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0),
    ("foreign", 2021, None, "Medicine", 1, 1, 0, 0, 0, 0, 0, 0, 1, NA, NA, NA, NA),
    ("foreign", 2023, "KAZ", "Medicine", 1, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA),
    ("home", 2020, "UZB", "Medicine", 2, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1),
]


def register(rows=REGISTER):
    frame = pd.DataFrame(rows, columns=["student_id", "citizenship", "faculty", "year", "status"])
    frame = frame.astype({"student_id": "str", "citizenship": "str", "faculty": "str", "status": "str",
                          "year": "int64"})
    frame["count"] = pd.Series(1, index=frame.index, dtype="int64")
    return frame


def expected_table():
    frame = pd.DataFrame(EXPECTED, columns=list(O.COLUMNS))
    counts = {column: "Int64" for column in O.COLUMNS[4:]}
    return frame.astype({"group": "str", "entry_year": "int64", "citizenship": "str", "faculty": "str", **counts})


def test_cohort_table_written_out_by_hand():
    table = O.retention_cohorts(register(), HOME, YEARS)
    pd.testing.assert_frame_equal(table, expected_table())


def test_the_four_outcomes_add_up_to_the_cohort_where_known():
    table = O.retention_cohorts(register(), HOME, YEARS)
    for k_ in O.HORIZONS:
        parts = sum(table[f"{outcome}_{k_}"] for outcome in O.OUTCOMES)
        known = parts.notna()
        assert (parts[known] == table.loc[known, "cohort"]).all()


def test_retention_kpi_is_what_the_cohorts_give_for_one_year():
    # 2020: a enrolled and d graduated of a, b, c, d, e; 2021: f enrolled; 2022: no entrants; 2023: 2024 not in the data
    rate = k.foreign_retention_rate_by_year(register(), years=YEARS, home=HOME)
    assert rate[2020] == pytest.approx(2 / 5 * 100)
    assert rate[2021] == pytest.approx(100.0)
    assert pd.isna(rate[2022]) and pd.isna(rate[2023])
    table = O.retention_cohorts(register(), HOME, YEARS)
    foreign = table.loc[table["group"] == "foreign"].groupby("entry_year")[["cohort", "enrolled_1", "graduated_1"]].sum()
    for year in (2020, 2021):
        row = foreign.loc[year]
        assert rate[year] == pytest.approx((row["enrolled_1"] + row["graduated_1"]) / row["cohort"] * 100)


def test_a_student_graduating_in_the_entry_year_is_retained():
    rows = [("x", "KAZ", "Medicine", 2020, "new"), ("x", "KAZ", "Medicine", 2020, "graduated"),
            ("y", "KAZ", "Medicine", 2021, "new")]
    table = O.retention_cohorts(register(rows), HOME, [2020])
    assert (table.loc[0, "graduated_1"], table.loc[0, "unknown_1"]) == (1, 0)
    assert k.foreign_retention_rate_by_year(register(rows), years=[2020], home=HOME)[2020] == pytest.approx(100.0)


def test_entry_years_are_limited_to_the_years_asked_for():
    table = O.retention_cohorts(register(), HOME, [2021])
    assert table["entry_year"].tolist() == [2021]
    assert table["cohort"].tolist() == [1]


def test_no_home_group_without_home_students_with_ids():
    rows = [row for row in REGISTER if row[1] != "UZB"] + [(None, "UZB", "Medicine", 2020, "new")]
    table = O.retention_cohorts(register(rows), HOME, YEARS)
    assert set(table["group"]) == {"foreign"}


def test_not_available_without_ids_or_status():
    frame = register()
    assert O.retention_cohorts(frame.assign(student_id=pd.Series(pd.NA, index=frame.index, dtype="str")),
                               HOME, YEARS) is None
    assert O.retention_cohorts(frame.drop(columns=["status"]), HOME, YEARS) is None
    assert k.foreign_retention_rate_by_year(frame.drop(columns=["student_id"]), years=YEARS, home=HOME) is None


def test_without_a_faculty_column_the_faculty_is_blank():
    table = O.retention_cohorts(register().drop(columns=["faculty"]), HOME, [2020])
    assert table["faculty"].isna().all()
    assert table.groupby("group")["cohort"].sum().to_dict() == {"foreign": 5, "home": 2}


def test_the_input_is_not_changed():
    frame = register()
    before = frame.copy()
    O.retention_cohorts(frame, HOME, YEARS)
    pd.testing.assert_frame_equal(frame, before)


def test_final_statuses_are_the_inactive_statuses_split_by_outcome():
    assert O.GRADUATED_STATUSES | O.DROPPED_STATUSES == INACTIVE_STATUSES
    assert not O.GRADUATED_STATUSES & O.DROPPED_STATUSES
