"""The research_projects export: its KPI (active_research_projects), the Science block listing the year's
projects, not-available-is-not-zero, and the bundled sample file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import write_csv as _write

from metrics import vocabulary as V
from metrics.catalogue import CATALOGUE
from metrics.engine import compute_kpis, kpi_unavailable_reasons
from metrics.filters import Filters
from metrics.ingest import load_dataset
from metrics.schema import EXPORTS
from metrics.sections import build_section

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data"
SETTINGS = '[university]\nname = "Test University"\nhome_country = "UZB"\n'
HEADER = ["partner", "country", "year", "title", "funding"]
ROWS = [
    # 2023: one foreign project (Germany) and one home-country project (not counted) -> 1
    ["Ludwig Maximilian University of Munich", "Germany", 2023, "Tuberculosis diagnostics", "DAAD"],
    ["Tashkent Medical Academy", "Uzbekistan", 2023, "Registry of congenital heart defects", ""],
    # 2024: one foreign project (Kazakhstan) and one with a blank country (not counted) -> 1
    ["Asfendiyarov Kazakh National Medical University", "Kazakhstan", "2024/2025", "Iodine deficiency", "bilateral"],
    ["", "", 2024, "Digital pathology", "own funds"],
]




def _folder(path: Path, with_projects: bool = True) -> Path:
    (path / "settings.toml").write_text(SETTINGS, encoding="utf-8")
    _write(path / "students.csv", ["year", "citizenship", "count"], [[2023, "India", 5], [2024, "India", 6]])
    if with_projects:
        _write(path / "research_projects.csv", HEADER, ROWS)
    return path


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return load_dataset(_folder(tmp_path_factory.mktemp("research")))


def test_schema_and_catalogue_entries():
    export = EXPORTS["research_projects"]
    assert [c.name for c in export.columns] == HEADER + ["university"]  # every export may name its university
    assert {c.name for c in export.columns if c.required} == {"year", "title"}
    kpi = CATALOGUE["active_research_projects"]
    assert kpi.sources == ("research_projects",) and kpi.group == "events" and kpi.unit == "count"
    assert kpi.definition.endswith("projects.")


def test_kpi_equals_the_hand_count(data):
    assert not [issue for issue in data.issues if issue.severity == "error"]
    # hand count: 2023 -> Germany only (Uzbekistan is home); 2024 -> Kazakhstan only (blank not counted)
    assert compute_kpis(data, 2023)["active_research_projects"] == 1
    assert compute_kpis(data, 2024)["active_research_projects"] == 1
    assert isinstance(compute_kpis(data, 2024)["active_research_projects"], int)
    # a year without projects counts 0, not "not available"
    assert compute_kpis(data, 2022)["active_research_projects"] == 0


def test_filters_by_year_and_country(data):
    assert compute_kpis(data, 2024, filters=Filters(countries=("DEU",)))["active_research_projects"] == 0
    assert compute_kpis(data, 2023, filters=Filters(countries=("DEU",)))["active_research_projects"] == 1
    filtered = compute_kpis(data, 2024, filters=Filters(year_from=2024, year_to=2024))
    assert filtered["active_research_projects"] == 1


def test_absent_export_is_not_available(tmp_path):
    data = load_dataset(_folder(tmp_path, with_projects=False))
    assert compute_kpis(data, 2024)["active_research_projects"] is None
    assert "active_research_projects" in kpi_unavailable_reasons(data)


def test_blank_country_column_is_not_available(tmp_path):
    _folder(tmp_path, with_projects=False)
    _write(tmp_path / "research_projects.csv", ["year", "title"], [[2024, "Digital pathology"]])
    assert compute_kpis(load_dataset(tmp_path), 2024)["active_research_projects"] is None


@pytest.mark.parametrize("lang", ["en", "ru", "uz"])
def test_science_block_lists_the_years_rows(data, lang):
    section = build_section("science", data, 2024, lang)
    assert "research_projects" in section.exports
    block = section.block("science_research_list")
    assert block.report and block.file_stem == "research_projects"
    assert block.title.startswith(V.t("science.research_list", lang))
    title = V.column_label("title", lang)
    assert sorted(block.table[title]) == ["Digital pathology", "Iodine deficiency"]
    assert V.column_label("funding", lang) in block.table.columns
    chart = section.block("science_research")
    assert dict(zip(chart.data["year"], chart.data["projects"])) == {2023: 1, 2024: 1}


def test_science_without_the_export_has_no_research_blocks(tmp_path):
    section = build_section("science", load_dataset(_folder(tmp_path, with_projects=False)), 2024, "en")
    assert "science_research_list" not in section.keys
    assert "research_projects" in section.missing


def test_sample_data_loads_research_projects():
    if not (SAMPLE / "research_projects.csv").exists():
        pytest.skip("sample data not present in data/")
    data = load_dataset(SAMPLE)
    frame = data.get("research_projects")
    assert frame is not None and len(frame) >= 10
    errors = [issue for issue in data.issues if issue.file == "research_projects.csv" and issue.severity == "error"]
    assert errors == []
    assert not [issue for issue in data.unreadable if "research_projects" in str(issue.file)]
    values = [compute_kpis(data, year)["active_research_projects"] for year in range(2016, 2026)]
    assert all(isinstance(v, int) for v in values) and sum(values) >= 10


def test_blank_country_column_says_why(tmp_path):
    _folder(tmp_path, with_projects=False)
    _write(tmp_path / "research_projects.csv", ["year", "title"], [[2024, "Digital pathology"]])
    reason = kpi_unavailable_reasons(load_dataset(tmp_path))["active_research_projects"]
    assert reason.code == "values_missing" and reason.columns == ("country",)
