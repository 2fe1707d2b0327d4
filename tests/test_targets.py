"""Target status: met, on track, at risk, and no target."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics.engine import target_progress
from metrics.targets import STATUS_AT_RISK, STATUS_MET, STATUS_ON_TRACK, applicable_target, linear_projection, target_status
from metrics.ingest import Dataset


def targets_frame(rows):
    frame = pd.DataFrame(rows, columns=["kpi", "year", "target"])
    return pd.DataFrame({"kpi": pd.Series(frame["kpi"].tolist(), dtype="str"), "year": frame["year"].astype("int64"),
                         "target": pd.array(frame["target"].tolist(), dtype="Float64")})


def actuals(values: dict[int, float | None]) -> pd.Series:
    return pd.Series(list(values.values()), index=pd.Index(list(values), name="year"), dtype="Float64")


TARGETS = targets_frame([("foreign_students", 2024, 100.0), ("foreign_students", 2026, 160.0),
                         ("top_country_share", 2026, 20.0)])


def test_status_is_met_when_actual_reaches_target():
    status = target_status("foreign_students", 2024, actuals({2024: 100}), TARGETS)
    assert (status.status, status.target, status.gap) == (STATUS_MET, 100.0, 0.0)


def test_status_is_at_risk_when_the_target_year_is_not_met():
    status = target_status("foreign_students", 2024, actuals({2022: 50, 2023: 70, 2024: 90}), TARGETS)
    assert (status.status, status.gap) == (STATUS_AT_RISK, -10.0)


def test_status_is_on_track_when_the_three_year_trend_reaches_a_later_target():
    # 2025 applies the 2026 target (160); the line through 110, 120, 130 reaches 140 in 2026 — not enough.
    status = target_status("foreign_students", 2025, actuals({2023: 110, 2024: 120, 2025: 130}), TARGETS)
    assert status.status == STATUS_AT_RISK
    assert status.projected == pytest.approx(140.0)
    # the line through 100, 120, 140 reaches 160 in 2026
    status = target_status("foreign_students", 2025, actuals({2023: 100, 2024: 120, 2025: 140}), TARGETS)
    assert (status.status, status.target_year) == (STATUS_ON_TRACK, 2026)


def test_status_respects_lower_is_better():
    met = target_status("top_country_share", 2026, actuals({2026: 18.0}), TARGETS, higher_is_better=False)
    assert met.status == STATUS_MET
    falling = target_status("top_country_share", 2025, actuals({2023: 30, 2024: 26, 2025: 22}), TARGETS,
                            higher_is_better=False)
    assert falling.status == STATUS_ON_TRACK  # reaches 18 ≤ 20 in 2026


def test_status_is_at_risk_with_a_single_year_of_actuals():
    status = target_status("foreign_students", 2025, actuals({2025: 130}), TARGETS)
    assert status.status == STATUS_AT_RISK


def test_status_is_none_without_a_target():
    status = target_status("active_partners", 2024, actuals({2024: 10}), TARGETS)
    assert (status.status, status.target, status.gap) == (None, None, None)


def test_status_is_none_without_an_actual_value():
    status = target_status("foreign_students", 2024, actuals({2024: None}), TARGETS)
    assert status.status is None and status.target == 100.0


def test_status_is_none_without_a_targets_export():
    assert target_status("foreign_students", 2024, actuals({2024: 10}), None).status is None


def test_applicable_target_is_the_years_own_else_the_next_one():
    assert applicable_target(TARGETS, "foreign_students", 2024) == (2024, 100.0)
    assert applicable_target(TARGETS, "foreign_students", 2025) == (2026, 160.0)
    assert applicable_target(TARGETS, "foreign_students", 2027) is None


def test_linear_projection_needs_two_points():
    assert linear_projection(actuals({2024: 5}), 2024, 2026) is None
    assert linear_projection(actuals({2023: 1, 2024: 3}), 2024, 2026) == pytest.approx(7.0)


def test_target_progress_lists_kpis_with_targets():
    students = pd.DataFrame({"year": pd.Series([2024] * 3, dtype="int64"),
                             "citizenship": pd.Series(["KAZ", "RUS", "IND"], dtype="str"),
                             "count": pd.Series([50, 30, 20], dtype="int64")})
    data = Dataset(frames={"students": students, "targets": TARGETS}, home="UZB")
    before = students.copy()
    table = target_progress(data, 2024)
    assert table["kpi"].tolist() == ["foreign_students", "top_country_share"]
    row = table.set_index("kpi").loc["foreign_students"]
    assert (row["actual"], row["target"], row["status"]) == (100.0, 100.0, STATUS_MET)
    pd.testing.assert_frame_equal(students, before)
