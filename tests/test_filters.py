"""Filters: year range, faculty, level, region and country selections on a Dataset."""

from __future__ import annotations

import pandas as pd

from metrics.filters import Filters, apply_filters
from metrics.ingest import Dataset
from metrics.engine import compute_kpis


def text(values):
    return pd.Series(values, dtype="str")


STUDENTS = pd.DataFrame({
    "year": pd.Series([2022, 2023, 2024, 2024, 2024, 2024], dtype="int64"),
    "citizenship": text(["KAZ", "KAZ", "KAZ", "IND", "DEU", None]),
    "count": pd.Series([1, 2, 3, 4, 5, 6], dtype="int64"),
    "faculty": text(["Medicine", "Medicine", "Medicine", "Pediatrics", "medicine ", "Pediatrics"]),
    "level": text(["Bachelor", "Bachelor", "Master", "Bachelor", "Bachelor", "PhD"]),
})
TOTALS = pd.DataFrame({"year": pd.Series([2024, 2024, 2024], dtype="int64"),
                       "total_students": pd.array([100, 60, 40], dtype="Int64"),
                       "faculty": text([None, "Medicine", "Pediatrics"])})
MOBILITY = pd.DataFrame({"year": pd.Series([2024, 2024], dtype="int64"), "direction": text(["in", "out"]),
                         "category": text(["student", "staff"]), "country": text(["RUS", "FRA"]),
                         "count": pd.Series([2, 3], dtype="int64")})
EVENTS = pd.DataFrame({"event": text(["a", "b", "c"]), "year": pd.Series([2024] * 3, dtype="int64"),
                       "type": text(["conference"] * 3), "participants": pd.array([10, 20, 30], dtype="Int64"),
                       "international_participants": pd.array([1, 2, 3], dtype="Int64"),
                       "countries": text(["KAZ;RUS", "DEU", ""])})
PROGRAMS = pd.DataFrame({"program": text(["MPH", "MD"]), "partner": text(["A", "B"]), "country": text(["KAZ", "FRA"]),
                         "type": text(["double", "joint"]), "level": text(["Master", "Bachelor"]),
                         "start_year": pd.Series([2018, 2023], dtype="int64"),
                         "end_year": pd.array([2020, None], dtype="Int64")})
ENROLLMENT = pd.DataFrame({"program": text(["MPH", "MD"]), "year": pd.Series([2019, 2024], dtype="int64"),
                           "students": pd.array([5, 7], dtype="Int64")})


def data():
    return Dataset(frames={"students": STUDENTS, "totals": TOTALS, "mobility": MOBILITY, "events": EVENTS,
                           "programs": PROGRAMS, "program_enrollment": ENROLLMENT}, home="UZB")


def test_filters_are_hashable_and_lists_become_tuples():
    filters = Filters(countries=["KAZ"], regions="CIS")
    assert filters.countries == ("KAZ",) and filters.regions == ("CIS",)
    assert hash(filters) == hash(Filters(countries=("KAZ",), regions=("CIS",)))


def test_empty_filters_keep_everything():
    filtered = apply_filters(data(), Filters())
    pd.testing.assert_frame_equal(filtered.get("students"), STUDENTS)


def test_year_range_filters_year_columns():
    filtered = apply_filters(data(), Filters(year_from=2023, year_to=2023))
    assert filtered.get("students")["year"].tolist() == [2023]
    assert filtered.get("mobility").empty


def test_year_range_keeps_programs_running_in_the_range():
    filtered = apply_filters(data(), Filters(year_from=2021, year_to=2024))
    assert filtered.get("programs")["program"].tolist() == ["MD"]


def test_faculty_filter_applies_to_students_and_totals_case_insensitively():
    filtered = apply_filters(data(), Filters(faculties=("MEDICINE",)))
    assert filtered.get("students")["count"].tolist() == [1, 2, 3, 5]
    assert filtered.get("totals")["total_students"].tolist() == [60]


def test_faculty_filter_makes_the_share_use_the_faculty_total():
    result = compute_kpis(data(), 2024, filters=Filters(faculties=("Medicine",)))
    assert result["foreign_students"] == 8
    assert result["foreign_student_share"] == 8 / 60 * 100


def test_level_filter_applies_to_students_only():
    filtered = apply_filters(data(), Filters(levels=("bachelor",)))
    assert filtered.get("students")["count"].tolist() == [1, 2, 4, 5]
    assert len(filtered.get("totals")) == 3


def test_country_filter_applies_to_every_country_column():
    filtered = apply_filters(data(), Filters(countries=("KAZ",)))
    assert filtered.get("students")["count"].tolist() == [1, 2, 3]
    assert filtered.get("mobility").empty
    assert filtered.get("events")["event"].tolist() == ["a"]
    assert filtered.get("programs")["program"].tolist() == ["MPH"]
    assert filtered.get("program_enrollment")["program"].tolist() == ["MPH"]


def test_region_filter_accepts_cis_and_continents():
    cis = apply_filters(data(), Filters(regions=("CIS",)))
    assert cis.get("students")["citizenship"].tolist() == ["KAZ", "KAZ", "KAZ"]
    assert cis.get("mobility")["country"].tolist() == ["RUS"]
    europe = apply_filters(data(), Filters(regions=("Europe",)))
    assert europe.get("students")["citizenship"].tolist() == ["DEU"]
    assert sorted(europe.get("mobility")["country"]) == ["FRA", "RUS"]


def test_unknown_country_matches_no_country_filter():
    filtered = apply_filters(data(), Filters(regions=("Asia", "Europe")))
    assert filtered.get("students")["citizenship"].notna().all()


def test_apply_filters_does_not_change_the_input():
    original = data()
    before = {name: frame.copy() for name, frame in original.frames.items()}
    apply_filters(original, Filters(year_from=2024, faculties=("Medicine",), countries=("KAZ",)))
    for name, frame in original.frames.items():
        pd.testing.assert_frame_equal(frame, before[name])


def test_compute_kpis_with_filters_equals_compute_on_filtered_data():
    filters = Filters(countries=("KAZ", "IND"))
    assert compute_kpis(data(), 2024, filters=filters) == compute_kpis(apply_filters(data(), filters), 2024)


def test_year_range_keeps_agreements_valid_in_the_range():
    partners = pd.DataFrame({"partner": text(["old", "open", "new"]), "country": text(["KAZ", "KAZ", "KAZ"]),
                             "signed": pd.to_datetime(["2010-01-01", "2015-01-01", "2026-01-01"]),
                             "expires": pd.to_datetime(["2012-01-01", None, None])})
    filtered = apply_filters(Dataset(frames={"partners": partners}, home="UZB"), Filters(year_from=2020, year_to=2024))
    assert filtered.get("partners")["partner"].tolist() == ["open"]


def test_targets_are_not_filtered():
    targets = pd.DataFrame({"kpi": text(["foreign_students"]), "year": pd.Series([2030], dtype="int64"),
                            "target": pd.array([10.0], dtype="Float64")})
    filtered = apply_filters(Dataset(frames={"targets": targets}, home="UZB"), Filters(year_to=2024))
    assert len(filtered.get("targets")) == 1
