"""Sanity checks of the synthetic sample data in data/ and of scripts/make_sample_data.py."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SCRIPT = ROOT / "scripts" / "make_sample_data.py"
YEARS = list(range(2016, 2026))
CSV_FILES = ("students", "totals", "partners", "mobility", "programs", "program_enrollment",
             "events", "grants", "honorary_doctorates", "targets", "staff", "applications")


def load_script():
    spec = importlib.util.spec_from_file_location("make_sample_data", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / f"{name}.csv", keep_default_na=False, encoding="utf-8")


def academic_year(iso_date: str) -> int:
    day = dt.date.fromisoformat(iso_date)
    return day.year if day.month >= 9 else day.year - 1


def test_ten_years_of_students_and_totals():
    students, totals = read("students"), read("totals")
    assert sorted(students["year"].unique()) == YEARS
    university = totals[totals["faculty"] == ""].set_index("year")
    assert sorted(university.index) == YEARS
    per_faculty = totals[totals["faculty"] != ""].groupby("year")["total_students"].sum()
    assert (per_faculty == university["total_students"]).all()
    foreign = students.groupby("year")["count"].sum()
    share = 100 * foreign / university["total_students"]
    assert share.between(10, 25).all(), share
    assert foreign[2025] > 3 * foreign[2016]
    assert foreign[2020] < foreign[2019]  # COVID dip


def test_student_rows_are_consistent_per_student():
    students = read("students")
    assert (students["count"] == 1).all()
    assert (students["citizenship"] == "Stateless").sum() == 4
    assert not students.duplicated(["year", "student_id"]).any()
    for _, rows in students.groupby("student_id"):
        years = rows["year"].tolist()
        assert years == list(range(years[0], years[0] + len(years)))
        statuses = rows["status"].tolist()
        assert set(statuses[1:-1]) <= {"continuing"}
        if statuses[0] == "new" and len(statuses) > 1:
            assert statuses[-1] in {"continuing", "graduated", "expelled", "withdrawn"}


def test_partners_and_references():
    partners = read("partners")
    assert 60 <= partners["partner"].nunique() <= 80
    assert partners.groupby("partner")["partner_id"].nunique().max() == 1
    assert (partners.groupby("partner_id").size() == 2).sum() == 1  # one partner with two agreements
    country_of = partners.drop_duplicates("partner").set_index("partner")["country"]
    for name in ("mobility", "programs", "grants"):
        frame = read(name)
        named = frame[frame["partner"] != ""]
        unknown = set(named["partner"]) - set(country_of.index)
        assert not unknown, f"{name}: {unknown}"
        assert (named["country"] == named["partner"].map(country_of)).all(), name
        assert "Uzbekistan" not in set(named["country"]), name


def test_programs_and_grants_start_after_an_agreement():
    partners = read("partners")
    first_signed = partners.groupby("partner")["signed"].min().map(academic_year)
    for name in ("programs", "grants"):
        frame = read(name)
        named = frame[frame["partner"] != ""]
        assert (named["partner"].map(first_signed) <= named["start_year"]).all(), name
    enrollment = read("program_enrollment")
    assert set(enrollment["program"]) == set(read("programs")["program"])


def test_events_per_year():
    events = read("events")
    per_year = events["date"].map(academic_year).value_counts()
    assert sorted(per_year.index) == YEARS
    assert per_year.between(40, 60).all(), per_year.to_dict()
    assert (events["international_participants"] <= events["participants"]).all()


def test_targets_cover_the_kpis():
    targets = read("targets")
    assert targets["kpi"].nunique() == 9
    assert sorted(targets["year"].unique()) == list(range(2023, 2028))


def test_generation_is_deterministic_and_matches_data(tmp_path):
    script = load_script()
    first, second = tmp_path / "first", tmp_path / "second"
    script.main(first)
    script.main(second)
    for name in CSV_FILES:
        file_name = f"{name}.csv"
        assert (first / file_name).read_bytes() == (second / file_name).read_bytes(), file_name
        if (DATA / file_name).exists():
            assert (first / file_name).read_bytes() == (DATA / file_name).read_bytes(), \
                f"data/{file_name} is out of date: run scripts/make_sample_data.py"


@pytest.mark.parametrize("name", CSV_FILES)
def test_files_exist(name):
    assert (DATA / f"{name}.csv").stat().st_size > 0
