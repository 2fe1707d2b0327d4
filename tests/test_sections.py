"""Page results (metrics.sections): one tested function per page, laid out by the page and the report alike."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import write_csv as _write

from charts.basic import has_data
from charts.blocks import figure
from metrics import vocabulary as V
from metrics.engine import available_years
from metrics.ingest import load_dataset
from metrics.sections import SECTION_IDS, Block, Chart, build_section

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data"
YEAR = 2024
# Pages made of tables only (the accreditation forms).
TABLE_PAGES = {"accreditation"}




@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """2023: India 25, Pakistan 8; 2024: India 30, Pakistan 10, Kazakhstan 1 bachelor + 1 master (42 foreign)."""
    folder = tmp_path_factory.mktemp("sections")
    (folder / "settings.toml").write_text('[university]\nname = "Test University"\nhome_country = "UZB"\n',
                                          encoding="utf-8")
    students = []
    for year, india, pakistan in ((2023, 25, 8), (2024, 30, 10)):
        students += [[year, "India", india, "Bachelor"], [year, "Pakistan", pakistan, "Master"],
                     [year, "Uzbekistan", 100, "Bachelor"]]
    students += [[2024, "Kazakhstan", 1, "Bachelor"], [2024, "Kazakhstan", 1, "Master"]]
    _write(folder / "students.csv", ["year", "citizenship", "count", "level"], students)
    _write(folder / "mobility.csv", ["year", "direction", "category", "country", "count"], [
        [2024, "in", "student", "Kazakhstan", 3], [2024, "out", "staff", "Germany", 1],
        [2024, "out", "student", "Germany", 6], [2023, "out", "student", "Germany", 4]])
    return load_dataset(folder)


@pytest.fixture(scope="module")
def sample():
    if not (SAMPLE / "students.csv").exists():
        pytest.skip("sample data not present in data/")
    data = load_dataset(SAMPLE)
    return data, available_years(data)[-1]


def _rows(table: pd.DataFrame, key_column: str) -> dict:
    return {row[0]: dict(zip(table.columns[1:], row[1:])) for row in table[[key_column, *table.columns.drop(
        key_column)]].itertuples(index=False)}


def test_students_country_level_table_counts_by_hand(small):
    table = build_section("students", small, YEAR, "en").block("students_country_level").table
    rows = _rows(table, "Country")
    assert list(rows) == ["India", "Pakistan", "Kazakhstan", "Total"]
    assert (rows["India"]["Bachelor"], rows["India"]["Master"], rows["India"]["Total"]) == (30, 0, 30)
    assert (rows["Kazakhstan"]["Bachelor"], rows["Kazakhstan"]["Master"]) == (1, 1)
    assert rows["Total"]["Total"] == 42 and rows["Total"]["Master"] == 11
    assert rows["India"]["Share, %"] == pytest.approx(71.4)  # 30 / 42, one decimal
    assert rows["Pakistan"]["Share, %"] == pytest.approx(23.8)  # 10 / 42


def test_students_sentence_states_the_change_and_the_largest_country(small):
    result = build_section("students", small, YEAR, "en")
    # 33 -> 42 foreign students: +27.3 %; India 30 of 42 = 71.4 %
    assert result.sentences[0] == ("In 2024/25, foreign students rose 27.3% to 42 from 3 countries; "
                                   "the largest source country is India (71.4%).")


def test_russian_sentence_uses_the_russian_number_format(small):
    result = build_section("students", small, YEAR, "ru")
    assert result.sentences[0] == ("В 2024/25 учебном году число иностранных студентов выросло на 27,3\u00a0% до 42 "
                                   "из 3 стран; крупнейшая страна-источник — Индия (71,4\u00a0%).")


def test_mobility_table_splits_students_and_staff_by_country(small):
    table = build_section("mobility", small, YEAR, "en").block("mobility_table").table
    rows = _rows(table, "Country")
    assert list(rows) == ["Germany", "Kazakhstan", "Total"]
    germany = rows["Germany"]
    assert (germany["Outbound students"], germany["Outbound staff"], germany["Outbound, total"]) == (6, 1, 7)
    assert rows["Kazakhstan"]["Inbound students"] == 3
    assert rows["Total"]["Total"] == 10  # 3 in + 7 out


def test_a_missing_export_leaves_the_blocks_out_and_says_so(small):
    result = build_section("partners", small, YEAR, "en")
    assert result.blocks == () and result.missing == ("partners",)


def test_unknown_section_and_block_names_fail_loudly(small):
    with pytest.raises(KeyError):
        build_section("student", small, YEAR, "en")
    with pytest.raises(KeyError):
        build_section("students", small, YEAR, "en").block("students_mapp")


def test_a_chart_without_data_or_of_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        Block("b", "t", None, chart=Chart("bar", "x", "y"))
    with pytest.raises(ValueError):
        Chart("pie", "x", "y")


@pytest.mark.parametrize("name", SECTION_IDS)
def test_every_chart_of_every_page_has_data_on_the_sample(sample, name):
    data, year = sample
    result = build_section(name, data, year, "en")
    charts = [block for block in result.blocks if block.chart is not None]
    assert charts or name in TABLE_PAGES, name
    assert all(not block.empty for block in result.blocks if name in TABLE_PAGES), name
    for block in charts:
        assert not block.empty, block.key
        assert has_data(figure(block, "en")), block.key


@pytest.mark.parametrize("lang", ["ru", "uz"])
def test_every_heading_of_every_sample_table_is_in_the_language(sample, lang):
    data, year = sample
    english = {V.column_label(c, "en") for c in ("country", "students", "total", "share", "partner", "year")}
    for name in SECTION_IDS:
        for block in build_section(name, data, year, lang).blocks:
            if block.table is None:
                continue
            for heading in block.table.columns:
                assert heading not in english, (name, block.key, heading)
                assert not re.fullmatch(r"[a-z_]+", str(heading)), (name, block.key, heading)  # never an id


def test_slides_name_blocks_that_exist(sample):
    from app.slides import CHART_SLIDES

    data, year = sample
    for section, key in CHART_SLIDES:
        assert not build_section(section, data, year, "en").block(key).empty


def test_the_report_section_lays_out_the_page_result(sample):
    from reports.content import build_content

    data, year = sample
    content = build_content(data, year, lang="ru")
    page = build_section("students", data, year, "ru")
    section = next(s for s in content.sections if s.key == "students")
    assert section.commentary == list(page.sentences)
    pd.testing.assert_frame_equal(section.table.reset_index(drop=True), page.block("students_country_level").table)
    assert [chart.key for chart in section.charts] == [b.key for b in page.blocks if b.report and b.chart]


@pytest.mark.parametrize("name", ["students", "partners", "programs", "mobility", "recruitment", "science"])
def test_selectable_maps_are_the_sections_own(sample, name):
    """The maps a reader clicks, built alone (students) or picked from the section, are the blocks the page
    itself has: same key, title, data and chart, with and without filters."""
    from metrics.filters import Filters
    from metrics.sections import selectable_maps

    data, year = sample
    for filters in (None, Filters(year_from=year - 3, faculties=("General Medicine",))):
        maps = selectable_maps(name, data, year, "ru", filters)
        page = build_section(name, data, year, "ru", filters)
        expected = {b.key: b for b in page.blocks if b.chart is not None and b.chart.kind == "map" and b.chart.selectable}
        assert set(maps) == set(expected) and maps
        for key, block in maps.items():
            other = expected[key]
            assert (block.title, block.chart, block.file_stem) == (other.title, other.chart, other.file_stem)
            pd.testing.assert_frame_equal(block.data, other.data)
            if other.table is None:
                assert block.table is None
            else:
                pd.testing.assert_frame_equal(block.table, other.table)
