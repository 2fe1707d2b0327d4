"""Target status (met, on track, at risk, off track, no target) and the projection with its interval."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from metrics.engine import target_progress
from metrics.targets import (
    STATUS_AT_RISK, STATUS_MET, STATUS_OFF_TRACK, STATUS_ON_TRACK, STATUS_RULE, STATUSES, T_QUANTILES, Projection,
    applicable_target, linear_projection, projection, projection_band, t_quantile, target_status,
)
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


def test_status_is_off_track_when_the_target_year_is_not_met():
    status = target_status("foreign_students", 2024, actuals({2022: 50, 2023: 70, 2024: 90}), TARGETS)
    assert (status.status, status.gap, status.projected) == (STATUS_OFF_TRACK, -10.0, None)


def test_status_of_a_later_target_follows_the_trend():
    # 2025 applies the 2026 target (160); the line through 110, 120, 130 reaches 140 in 2026 — not enough.
    status = target_status("foreign_students", 2025, actuals({2023: 110, 2024: 120, 2025: 130}), TARGETS)
    assert status.status == STATUS_OFF_TRACK
    assert status.projected == pytest.approx(140.0)
    # the line through 100, 120, 140 reaches 160 in 2026, and a perfect line has no spread
    status = target_status("foreign_students", 2025, actuals({2023: 100, 2024: 120, 2025: 140}), TARGETS)
    assert (status.status, status.target_year) == (STATUS_ON_TRACK, 2026)
    assert (status.low, status.projected, status.high) == pytest.approx((160.0, 160.0, 160.0))
    assert status.level == 0.8


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


def test_linear_projection_needs_three_points_up_to_the_year():
    assert linear_projection(actuals({2023: 1, 2024: 3}), 2024, 2026) is None
    assert linear_projection(actuals({2022: -1, 2023: 1, 2024: 3}), 2024, 2026) == pytest.approx(7.0)
    # later years are not known yet in 2024
    assert linear_projection(actuals({2022: -1, 2023: 1, 2024: 3, 2025: 100}), 2024, 2026) == pytest.approx(7.0)


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


# ------------------------------------------------------------------ projection with an interval

NOISY = {2020: 12.0, 2021: 15.0, 2022: 14.0, 2023: 19.0, 2024: 21.0}
T_90_DF_3 = 1.637744  # Student t 0.90 quantile, 3 degrees of freedom (NIST/SEMATECH table: 1.638)


def by_hand(values: dict[int, float], at: int, t: float) -> tuple[float, float, float]:
    """ŷ, low, high of the prediction interval, computed here with np.polyfit and the textbook formula."""
    x = np.array(list(values), dtype=float)
    y = np.array(list(values.values()), dtype=float)
    n = len(x)
    slope, intercept = np.polyfit(x, y, 1)
    fitted = np.polyval([slope, intercept], x)
    s = math.sqrt(((y - fitted) ** 2).sum() / (n - 2))
    value = slope * at + intercept
    half = t * s * math.sqrt(1 + 1 / n + (at - x.mean()) ** 2 / ((x - x.mean()) ** 2).sum())
    return value, value - half, value + half


def test_projection_of_a_perfect_line_has_no_width():
    found = projection(actuals({2021: 10, 2022: 20, 2023: 30}), 2026)
    assert isinstance(found, Projection)
    assert (found.year, found.n) == (2026, 3)
    assert (found.value, found.low, found.high, found.slope) == pytest.approx((60.0, 60.0, 60.0, 10.0))
    assert "least squares" in found.method and "80%" in found.method


def test_projection_interval_matches_the_formula_on_a_noisy_series():
    value, low, high = by_hand(NOISY, 2027, T_90_DF_3)
    found = projection(actuals(NOISY), 2027)
    assert (found.value, found.low, found.high) == pytest.approx((value, low, high))
    assert found.n == 5 and found.low < found.value < found.high
    assert found.slope == pytest.approx(np.polyfit(list(NOISY), list(NOISY.values()), 1)[0])
    wider = projection(actuals(NOISY), 2027, level=0.9)
    assert (wider.value, wider.low, wider.high) == pytest.approx(by_hand(NOISY, 2027, 2.353363))


def test_projection_fits_the_last_window_years_with_a_value():
    history = {2015: 500.0, 2016: None, **NOISY, 2025: None}
    assert projection(actuals(history), 2027) == projection(actuals(NOISY), 2027)
    three = dict(list(NOISY.items())[-3:])
    found = projection(actuals(NOISY), 2027, window=3)
    assert found.n == 3
    assert (found.value, found.low, found.high) == pytest.approx(by_hand(three, 2027, 3.077684))  # t 0.90, df 1


def test_projection_needs_three_years_with_a_value():
    assert projection(actuals({2023: 1, 2024: 2}), 2026) is None
    assert projection(actuals({2022: 1, 2023: None, 2024: 2}), 2026) is None
    assert projection(actuals({}), 2026) is None
    assert projection_band(actuals({2023: 1, 2024: 2}), 2026).empty


def test_projection_never_goes_below_zero_nor_percentages_above_100():
    falling = actuals({2022: 10, 2023: 6, 2024: 2})
    found = projection(falling, 2026)
    assert (found.value, found.low, found.high) == (0.0, 0.0, 0.0)  # the line gives −6
    assert projection(falling, 2026, unit=None).value == pytest.approx(-6.0)
    noisy_falling = actuals({2021: 9, 2022: 7, 2023: 6, 2024: 2})
    clipped = projection(noisy_falling, 2026)
    assert clipped.low == 0.0 and clipped.value >= 0.0
    rising_share = actuals({2022: 80, 2023: 90, 2024: 100})
    assert projection(rising_share, 2026, unit="percent").value == 100.0
    assert projection(rising_share, 2026, unit="count").value == pytest.approx(120.0)
    assert (projection_band(falling, 2026)[["value", "low", "high"]] >= 0).all().all()


def test_projection_band_runs_from_the_latest_actual_to_the_target_year():
    band = projection_band(actuals(NOISY), 2027)
    assert list(band.columns) == ["year", "value", "low", "high"]
    assert band["year"].tolist() == [2024, 2025, 2026, 2027]
    first = band.iloc[0]
    assert first["value"] == first["low"] == first["high"] == 21.0
    found = projection(actuals(NOISY), 2027)
    assert band.iloc[-1][["value", "low", "high"]].tolist() == pytest.approx([found.value, found.low, found.high])
    widths = (band["high"] - band["low"]).tolist()
    assert widths == sorted(widths)  # the interval widens away from the data
    assert projection_band(actuals(NOISY), 2024).empty


FUTURE = targets_frame([("foreign_students", 2027, 30.0)])


@pytest.mark.parametrize("values, expected", [
    ({2022: 10, 2023: 30}, STATUS_MET),  # target year's own actual (2023 → the 2023 target below)
    ({2020: 10, 2021: 15, 2022: 20, 2023: 25, 2024: 30}, STATUS_ON_TRACK),  # perfect line: 45 in 2027
    ({2020: 10, 2021: 20, 2022: 14, 2023: 26, 2024: 22}, STATUS_AT_RISK),  # ŷ = 33.4 ≥ 30 > low ≈ 17.8
    ({2020: 10, 2021: 11, 2022: 10, 2023: 12, 2024: 11}, STATUS_OFF_TRACK),  # flat: ŷ ≈ 12.6
])
def test_the_four_statuses(values, expected):
    targets = targets_frame([("foreign_students", 2023, 30.0), ("foreign_students", 2027, 30.0)])
    year = max(values)
    status = target_status("foreign_students", year, actuals(values), targets)
    assert status.status == expected
    if expected in (STATUS_AT_RISK, STATUS_ON_TRACK, STATUS_OFF_TRACK):
        value, low, high = by_hand(values, 2027, T_90_DF_3)
        assert (status.projected, status.low, status.high) == pytest.approx((value, low, high))
    if expected == STATUS_AT_RISK:
        assert status.low < 30.0 <= status.projected


def test_statuses_mirror_when_lower_is_better():
    falling = actuals({2020: 40, 2021: 36, 2022: 32, 2023: 28, 2024: 24})  # perfect line: 12 in 2027
    noisy = actuals({2020: 40, 2021: 30, 2022: 36, 2023: 25, 2024: 30})
    rising = actuals({2020: 20, 2021: 22, 2022: 24, 2023: 26, 2024: 28})
    status = {name: target_status("top_country_share", 2024, series, FUTURE.assign(kpi="top_country_share"),
                                  higher_is_better=False)
              for name, series in (("falling", falling), ("noisy", noisy), ("rising", rising))}
    assert status["falling"].status == STATUS_ON_TRACK
    assert status["noisy"].status == STATUS_AT_RISK
    assert status["noisy"].high > 30.0 >= status["noisy"].projected
    assert status["rising"].status == STATUS_OFF_TRACK


def test_a_later_target_already_reached_is_judged_on_the_projection():
    # 35 in 2024 is above the 2027 target of 30, but the line falls to 20 by then
    status = target_status("foreign_students", 2024, actuals({2022: 45, 2023: 40, 2024: 35}), FUTURE)
    assert (status.status, status.gap) == (STATUS_OFF_TRACK, 5.0)


def test_status_rule_is_one_sentence_and_statuses_are_the_vocabulary_s():
    from metrics.vocabulary import status_label

    assert STATUS_RULE.count(". ") == 0 and STATUS_RULE.endswith(".")
    assert STATUSES == ("met", "on track", "at risk", "off track")
    assert all(status_label(status, "en") for status in STATUSES)


def _t_cdf(t: float, df: int) -> float:
    x = np.linspace(0.0, t, 200_001)
    scale = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)
    density = scale * (1 + x * x / df) ** (-(df + 1) / 2)
    return 0.5 + float(((density[1:] + density[:-1]) / 2 * np.diff(x)).sum())


def test_t_quantile_table_agrees_with_the_t_distribution():
    for level, quantiles in T_QUANTILES.items():
        assert len(quantiles) == 30
        for df, value in enumerate(quantiles, start=1):
            assert _t_cdf(value, df) == pytest.approx((1 + level) / 2, abs=1e-6), (level, df)
    # beyond the table: close to the real quantile and falling towards the normal one
    assert _t_cdf(t_quantile(0.8, 40), 40) == pytest.approx(0.9, abs=1e-5)
    assert _t_cdf(t_quantile(0.9, 60), 60) == pytest.approx(0.95, abs=1e-5)
    assert t_quantile(0.9, 31) < t_quantile(0.9, 30)
    with pytest.raises(ValueError):
        t_quantile(0.95, 3)
