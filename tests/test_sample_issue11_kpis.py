"""The issue-11 KPIs on the bundled sample, each against an independent pandas computation on the raw CSVs."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from metrics.countries import CIS, official_languages, resolve
from metrics.engine import available_years, compute_kpis
from metrics.ingest import load_dataset

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
HOME = "UZB"
GONE = {"graduated", "expelled", "withdrawn"}

pytestmark = pytest.mark.skipif(not (DATA / "students.csv").exists(), reason="sample data not generated")


@pytest.fixture(scope="module")
def sample():
    data = load_dataset(DATA)
    year = available_years(data)[-1]
    return data, year, compute_kpis(data, year)


@pytest.fixture(scope="module")
def students():
    raw = pd.read_csv(DATA / "students.csv", keep_default_na=False)
    codes = {name: resolve(name) for name in raw["citizenship"].unique()}
    return raw.assign(code=raw["citizenship"].map(codes))


def _foreign(students, year):
    rows = students[(students["year"] == year) & (students["code"] != HOME)]
    return rows, rows[~rows["status"].isin(GONE)]


def test_cis_split(sample, students):
    _, year, kpis = sample
    _, active = _foreign(students, year)
    assert kpis["foreign_students_cis"] == int(active.loc[active["code"].isin(CIS), "count"].sum())
    assert kpis["foreign_students_non_cis"] == int(active.loc[active["code"].notna() & ~active["code"].isin(CIS),
                                                              "count"].sum())


def test_women_share(sample, students):
    _, year, kpis = sample
    _, active = _foreign(students, year)
    known = active[active["sex"].isin(["F", "M"])]
    assert kpis["foreign_women_share"] == pytest.approx(
        known.loc[known["sex"] == "F", "count"].sum() / known["count"].sum() * 100)


def test_graduates_and_dropout(sample, students):
    _, year, kpis = sample
    rows, active = _foreign(students, year)
    assert kpis["foreign_graduates"] == int(rows.loc[rows["status"] == "graduated", "count"].sum())
    dropped = rows.loc[rows["status"].isin(["expelled", "withdrawn"]), "count"].sum()
    assert kpis["foreign_dropout_rate"] == pytest.approx(dropped / active["count"].sum() * 100)


def test_source_concentration(sample, students):
    _, year, kpis = sample
    _, active = _foreign(students, year)
    by_country = active[active["code"].notna()].groupby("code")["count"].sum()
    shares = by_country / by_country.sum() * 100
    assert kpis["source_concentration"] == pytest.approx(float((shares ** 2).sum()))


def test_retention_of_the_year_before(sample, students):
    data, year, _ = sample
    entry = year - 1
    new = students[(students["year"] == entry) & (students["code"] != HOME) & (students["status"] == "new")]
    ids = set(new["student_id"])
    next_year = students[(students["year"] == year) & students["student_id"].isin(ids)]
    stayed = set(next_year.loc[next_year["status"].isin(["new", "continuing", "graduated"]), "student_id"])
    stayed |= set(students[(students["year"] == entry) & (students["status"] == "graduated")
                           & students["student_id"].isin(ids)]["student_id"])
    assert compute_kpis(data, entry)["foreign_retention_rate"] == pytest.approx(len(stayed) / len(ids) * 100)


def test_applications_funnel(sample):
    _, year, kpis = sample
    raw = pd.read_csv(DATA / "applications.csv", keep_default_na=False)
    raw = raw[(raw["year"] == year) & (raw["citizenship"].map(resolve) != HOME)]
    stage = raw.groupby("stage")["count"].sum()
    assert kpis["foreign_applications"] == int(stage["applied"])
    assert kpis["foreign_admission_rate"] == pytest.approx(stage["admitted"] / stage["applied"] * 100)
    assert kpis["foreign_enrolment_yield"] == pytest.approx(stage["enrolled"] / stage["admitted"] * 100)


def test_foreign_language_programs(sample):
    _, year, kpis = sample
    raw = pd.read_csv(DATA / "programs.csv", keep_default_na=False)
    end = pd.to_numeric(raw["end_year"], errors="coerce")
    running = raw[(raw["start_year"] <= year) & (end.isna() | (end >= year))]
    home = set(official_languages(HOME))
    foreign = running[running["language"].map(lambda v: bool(v) and bool(set(v.split(";")) - home))]
    assert kpis["foreign_language_programs"] == foreign["program"].str.lower().str.split().str.join(" ").nunique()
