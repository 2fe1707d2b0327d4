"""Breakdowns and growth helpers on small literal frames with hand-computed values."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from metrics import breakdowns as b
from metrics.ingest import Dataset
from metrics.engine import compute_kpis

HOME = "UZB"


def text(values):
    return pd.Series(values, dtype="str")


STUDENTS = pd.DataFrame({
    "year": pd.Series([2023, 2023, 2024, 2024, 2024, 2024, 2024, 2024], dtype="int64"),
    "citizenship": text(["KAZ", "IND", "KAZ", "KAZ", "IND", "DEU", None, "UZB"]),
    "count": pd.Series([2, 1, 1, 1, 3, 1, 2, 10], dtype="int64"),
    "faculty": text(["Medicine", "Medicine", "Medicine", "Medicine", "Pediatrics", None, "Medicine", "Medicine"]),
    "level": text(["Bachelor"] * 8),
    "sex": text(["F", "M", "F", "F", "M", "F", "M", "F"]),
    "status": text(["new", "new", "continuing", "continuing", "new", "new", "new", "new"]),
    "student_id": text([None, None, "S1", "S1", None, None, None, None]),  # S1 listed twice in 2024
})
PARTNERS = pd.DataFrame({
    "partner": text(["A Uni", "A Uni", "B Clinic", "C Inst", "D Uni"]),
    "country": text(["KAZ", "KAZ", "RUS", None, "DEU"]),
    "type": text(["university", "university", "hospital", None, "University"]),
    "fields": text(["education;research", "research", "patient care", None, "education"]),
    "agreement": text(["MoU", "bilateral", "MoU", "MoU", "Erasmus+"]),
    "signed": pd.to_datetime(["2019-01-01", "2024-10-01", "2020-05-05", "2021-01-01", "2018-01-01"]),
    "expires": pd.to_datetime(["2025-02-01", None, "2025-06-30", None, "2022-01-01"]),
})
MOBILITY = pd.DataFrame({
    "year": pd.Series([2024, 2024, 2024, 2024, 2023], dtype="int64"),
    "direction": text(["in", "out", "out", "in", "in"]),
    "category": text(["student", "student", "staff", "staff", "student"]),
    "country": text(["KAZ", "KAZ", "TUR", "UZB", "KAZ"]),
    "count": pd.Series([3, 5, 1, 4, 2], dtype="int64"),
})
PROGRAMS = pd.DataFrame({"program": text(["MPH", "MD", "PhD"]), "partner": text(["A", "B", "C"]),
                         "country": text(["KAZ", "KAZ", "RUS"]), "type": text(["double"] * 3),
                         "level": text(["Master"] * 3), "start_year": pd.Series([2022, 2023, 2024], dtype="int64"),
                         "end_year": pd.array([None, 2023, None], dtype="Int64")})
EVENTS = pd.DataFrame({"event": text(["a", "b", "c"]), "year": pd.Series([2023, 2024, 2024], dtype="int64"),
                       "type": text(["Conference", "conference", "workshop"]),
                       "participants": pd.array([100, 50, 20], dtype="Int64"),
                       "international_participants": pd.array([10, 0, 5], dtype="Int64"),
                       "countries": text(["KAZ", "", "RUS"])})


def data(**extra):
    frames = {"students": STUDENTS, "partners": PARTNERS, "mobility": MOBILITY, "programs": PROGRAMS,
              "events": EVENTS}
    frames.update(extra)
    return Dataset(frames={k: v for k, v in frames.items() if v is not None}, home=HOME)


def test_foreign_students_by_country_sums_to_foreign_students_with_unknown_row():
    table = b.foreign_students_by_country(data(), 2024)
    assert table["country"].tolist()[:3] == ["IND", "DEU", "KAZ"]  # largest first, ties by code
    assert table["students"].tolist() == [3, 1, 1, 2]  # IND 3, DEU 1, KAZ 1 (S1 once), unknown 2 last
    assert pd.isna(table["country"].iloc[-1])
    assert table["students"].sum() == compute_kpis(data(), 2024)["foreign_students"] == 7
    assert table["share"].sum() == pytest.approx(100.0)


def test_foreign_students_by_continent_labels_unknown():
    table = b.foreign_students_by_continent(data(), 2024)
    assert dict(zip(table["continent"], table["students"])) == {"Asia": 4, "Europe": 1, b.UNKNOWN: 2}


def test_foreign_students_by_faculty_labels_blank_faculty_unknown():
    table = b.foreign_students_by_faculty(data(), 2024)
    assert dict(zip(table["faculty"], table["students"])) == {"Pediatrics": 3, "Medicine": 3, b.UNKNOWN: 1}


def test_foreign_students_by_sex_and_level():
    assert dict(zip(*b.foreign_students_by_sex(data(), 2024)[["sex", "students"]].T.values)) == {"M": 5, "F": 2}
    assert b.foreign_students_by_level(data(), 2024)["students"].tolist() == [7]


def test_breakdown_is_none_when_the_column_is_absent():
    students = STUDENTS.drop(columns=["faculty"])
    assert b.foreign_students_by_faculty(data(students=students), 2024) is None


def test_breakdown_is_none_when_the_export_is_absent():
    assert b.foreign_students_by_country(data(students=None), 2024) is None
    assert b.partners_by_country(data(partners=None), 2024) is None


def test_breakdown_for_a_year_without_rows_is_empty():
    assert b.foreign_students_by_country(data(), 2010).empty


def test_top_source_countries_with_other_row_sums_to_total():
    table = b.top_source_countries(data(), 2024, n=1)
    assert table["country"].tolist() == ["IND", b.OTHER]
    assert table["students"].tolist() == [3, 4]


def test_top_source_countries_without_other_row():
    assert b.top_source_countries(data(), 2024, n=2, other=False)["country"].tolist() == ["IND", "DEU"]


def test_new_source_countries_are_absent_from_every_earlier_year():
    table = b.new_source_countries(data(), 2024)
    assert table["country"].tolist() == ["DEU"]


def test_foreign_students_per_year_gives_share_from_home_rows():
    table = b.foreign_students_per_year(data())
    row = table.set_index("year").loc[2024]
    assert (row["foreign_students"], row["all_students"]) == (7, 17)
    assert row["share"] == pytest.approx(7 / 17 * 100)


def test_partners_by_country_counts_active_partners_once():
    table = b.partners_by_country(data(), 2024)
    assert table["partners"].sum() == compute_kpis(data(), 2024)["active_partners"] == 3
    assert table["country"].notna().sum() == compute_kpis(data(), 2024)["partner_countries"] == 2


def test_dormant_partner_list_matches_the_kpi():
    table = b.dormant_partner_list(data(), 2024)
    # active in 2024: A Uni, B Clinic, C Inst; programs name partners A, B, C, which are other names
    assert table["partner"].tolist() == ["A Uni", "B Clinic", "C Inst"]
    assert len(table) == compute_kpis(data(), 2024)["dormant_partners"]


def test_partners_by_type_and_field():
    types = b.partners_by_type(data(), 2024)
    assert dict(zip(types["type"], types["partners"])) == {"university": 1, "hospital": 1, b.UNKNOWN: 1}
    fields = b.partners_by_field(data(), 2024)
    assert dict(zip(fields["field"], fields["partners"])) == {"education": 1, "research": 1, "patient care": 1,
                                                               b.UNKNOWN: 1}


def test_agreements_signed_per_year_includes_years_without_signing():
    table = b.agreements_signed_per_year(data())
    assert dict(zip(table["year"], table["agreements"])) == {2017: 1, 2018: 1, 2019: 1, 2020: 1, 2021: 0,
                                                             2022: 0, 2023: 0, 2024: 1}


def test_expiry_calendar_lists_agreements_ending_after_as_of():
    table = b.expiry_calendar(data(), dt.date(2025, 1, 1))
    assert table["partner"].tolist() == ["A Uni", "B Clinic"]
    assert table[["expiry_year", "expiry_month"]].values.tolist() == [[2025, 2], [2025, 6]]
    assert table["days_left"].tolist() == [31, 180]
    assert b.expiry_calendar(data(), dt.date(2025, 1, 1), horizon_days=60)["partner"].tolist() == ["A Uni"]


def test_joint_programs_per_year_running_new_cumulative():
    table = b.joint_programs_per_year(data()).set_index("year")
    assert table.loc[2023].tolist() == [2, 1, 2]
    assert table.loc[2024].tolist() == [2, 1, 3]


def test_joint_programs_by_partner_country():
    table = b.joint_programs_by_partner_country(data(), 2024)
    assert dict(zip(table["country"], table["programs"])) == {"KAZ": 1, "RUS": 1}


def test_mobility_per_year_has_every_direction_and_category():
    table = b.mobility_per_year(data())
    row = table.loc[(table["year"] == 2024)].set_index(["direction", "category"])["people"]
    assert row.to_dict() == {("in", "student"): 3, ("in", "staff"): 0, ("out", "student"): 5, ("out", "staff"): 1}


def test_mobility_balance_by_country_is_in_minus_out():
    table = b.mobility_balance_by_country(data(), 2024).set_index("country")
    assert table.loc["KAZ"].tolist() == [3, 5, -2]
    assert table.loc["TUR"].tolist() == [0, 1, -1]
    assert "UZB" not in table.index


def test_events_per_year_and_by_type():
    table = b.events_per_year(data()).set_index("year")
    assert table.loc[2024].tolist() == [2, 1, 70, 5]
    types = b.events_by_type(data(), 2024)
    assert dict(zip(types["type"], types["events"])) == {"conference": 1, "workshop": 1}


def test_year_over_year_change():
    trend = pd.DataFrame({"year": [2022, 2023, 2024], "value": [10, 15, 12]})
    out = b.year_over_year(trend)
    assert out["change"].tolist()[1:] == [5, -3]
    assert out["change_pct"].tolist()[1:] == pytest.approx([50.0, -20.0])
    assert pd.isna(out["change"].iloc[0])


def test_year_over_year_skips_gaps_between_years():
    out = b.year_over_year(pd.DataFrame({"year": [2020, 2023], "value": [1, 2]}))
    assert pd.isna(out["change"].iloc[1])


def test_cagr_over_a_span():
    trend = pd.DataFrame({"year": [2020, 2021, 2022], "value": [100, 110, 121]})
    assert b.cagr(trend, 2020, 2022) == pytest.approx(10.0)
    assert b.cagr(trend, 2022, 2020) is None
    assert b.cagr(pd.DataFrame({"year": [2020, 2021], "value": [0, 5]}), 2020, 2021) is None


def test_cumulative_growth_from_base_year():
    trend = pd.DataFrame({"year": [2020, 2021, 2022], "value": [100, 150, 50]})
    assert b.cumulative_growth(trend)["growth_pct"].tolist() == pytest.approx([0.0, 50.0, -50.0])


def test_breakdowns_do_not_change_their_inputs():
    original = data()
    before = {name: frame.copy() for name, frame in original.frames.items()}
    for function in (b.foreign_students_by_country, b.foreign_students_by_continent, b.partners_by_country,
                     b.partners_by_field, b.mobility_balance_by_country, b.events_by_type, b.top_source_countries):
        function(original, 2024)
    b.joint_programs_per_year(original)
    b.expiry_calendar(original, dt.date(2024, 1, 1))
    for name, frame in original.frames.items():
        pd.testing.assert_frame_equal(frame, before[name])


def test_breakdowns_accept_filters():
    from metrics.filters import Filters

    table = b.foreign_students_by_country(data(), 2024, filters=Filters(countries=("KAZ", "IND")))
    assert dict(zip(table["country"], table["students"])) == {"IND": 3, "KAZ": 1}


def test_cis_split_sums_to_foreign_students():
    table = b.foreign_students_cis_split(data(), 2024)
    assert dict(zip(table["group"], table["students"])) == {"non-CIS": 4, "CIS": 1, b.UNKNOWN: 2}


def test_honorary_doctorates_by_country_and_grants_per_year():
    honours = pd.DataFrame({"year": pd.Series([2024, 2024, 2023], dtype="int64"), "country": text(["USA", "USA", "DEU"])})
    grants = pd.DataFrame({"grant": text(["g1", "g2"]), "start_year": pd.Series([2023, 2024], dtype="int64"),
                           "end_year": pd.array([2023, None], dtype="Int64")})
    table = b.honorary_doctorates_by_country(data(honorary_doctorates=honours), 2024)
    assert table.values.tolist() == [["USA", 2]]
    per_year = b.grants_per_year(data(grants=grants)).set_index("year")
    assert per_year.loc[2023].tolist() == [1, 1] and per_year.loc[2024].tolist() == [1, 1]
