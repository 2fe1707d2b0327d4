"""Many universities in one data set (issue 12): the `university` column, the universities filter, the
Universities page (metrics/sections/comparison.py) against each university computed on its own, and the
example folder examples/two_universities in every language."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from metrics.catalogue import CATALOGUE
from metrics.engine import compute_kpis
from metrics.filters import Filters, apply_filters, universities
from metrics.ingest import load_dataset
from metrics.schema import EXPORTS
from metrics.sections import SECTION_IDS, REPORT_SECTION_IDS, build_section
from metrics.sections.comparison import comparison_values

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "two_universities"
YEAR = 2024
A, B = "Alpha Medical University", "Beta State University"
KPIS = ("foreign_students", "foreign_student_share", "foreign_student_countries", "partner_countries")


def write_folder(folder: Path, frames: dict[str, pd.DataFrame]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        frame.to_csv(folder / f"{name}.csv", index=False)
    (folder / "settings.toml").write_text('[university]\nname = "Ministry"\nhome_country = "UZB"\n', encoding="utf-8")
    return folder


def two_universities() -> dict[str, pd.DataFrame]:
    """Students and totals of two universities (ВУЗ header, spelt loosely), partners with the column, mobility without."""
    students = []
    for year in (2023, 2024):
        for i, (country, level) in enumerate([("India", "Bachelor"), ("Pakistan", "Master"), ("Kazakhstan", "Bachelor"),
                                              ("Uzbekistan", "Bachelor"), ("India", "PhD"), ("Egypt", "Bachelor"),
                                              ("Uzbekistan", "Master")] * (3 if year == 2024 else 2)):
            university = A if i % 3 else B
            spelt = university.upper() if i % 5 == 0 else f"  {university} "
            students.append({"year": year, "citizenship": country, "level": level, "ВУЗ": spelt})
    totals = pd.DataFrame({"year": [2023, 2023, 2024, 2024], "total_students": [40, 30, 50, 35],
                           "university": [A, B, A, B]})
    partners = pd.DataFrame({"partner": ["P1", "P2", "P3"], "country": ["Germany", "China", "Turkey"],
                             "signed": ["2020-01-01"] * 3, "university": [A, B, A]})
    mobility = pd.DataFrame({"year": [2024, 2024], "direction": ["in", "out"], "category": ["student", "staff"],
                             "country": ["Germany", "China"]})
    return {"students": pd.DataFrame(students), "totals": totals, "partners": partners, "mobility": mobility}


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    """The whole hand-made folder, and each university's rows as a folder of its own (split with pandas)."""
    root = tmp_path_factory.mktemp("universities")
    frames = two_universities()
    whole = write_folder(root / "whole", frames)
    halves = {}
    for index, university in enumerate((A, B)):
        own = {}
        for name, frame in frames.items():
            column = "ВУЗ" if "ВУЗ" in frame.columns else "university" if "university" in frame.columns else None
            if column is None:
                own[name] = frame
            else:
                mask = frame[column].str.strip().str.casefold() == university.casefold()
                own[name] = frame.loc[mask].drop(columns=column)
        halves[university] = load_dataset(write_folder(root / f"u{index}", own))
    return load_dataset(whole), halves


def test_every_export_has_an_optional_university_column():
    for export in EXPORTS.values():
        column = export.column("university")
        assert column.kind == "text" and not column.required, export.name
        assert export.columns[-1].name == "university"


def test_the_university_header_is_the_university_even_beside_a_partner():
    from metrics.headers import match_header

    for name in ("students", "partners", "mobility", "programs", "grants", "research_projects"):
        assert match_header("University", EXPORTS[name]) == "university", name
        assert match_header("OTM", EXPORTS[name]) == "university", name
    assert match_header("ВУЗ", EXPORTS["students"]) == "university"
    # the partner keeps its own words
    assert match_header("Университет", EXPORTS["partners"]) == "partner"
    assert match_header("Institution", EXPORTS["mobility"]) == "partner"


def test_the_universities_filter_narrows_exports_with_the_column_and_leaves_the_others_whole(folders):
    whole, _ = folders
    assert universities(whole) == [A, B]
    narrowed = apply_filters(whole, Filters(universities=(f" {A.lower()} ",)))
    for name in ("students", "totals", "partners"):
        kept = narrowed.get(name)
        assert len(kept) and len(kept) < len(whole.get(name)), name
        assert set(kept["university"].str.strip().str.casefold()) == {A.casefold()}, name
    pd.testing.assert_frame_equal(narrowed.get("mobility"), whole.get("mobility"))
    both = apply_filters(whole, Filters(universities=(A, B)))
    assert len(both.get("students")) == len(whole.get("students"))


def test_filters_with_universities_stay_hashable_and_the_new_field_is_last():
    from dataclasses import astuple, fields

    filters = Filters(universities=[A])
    assert fields(Filters)[-1].name == "universities" and astuple(filters)[-1] == (A,)
    assert hash(filters) == hash(Filters(universities=(A,))) and not filters.is_empty


@pytest.mark.parametrize("kpi", KPIS)
def test_each_university_equals_its_own_rows_loaded_alone(folders, kpi):
    whole, halves = folders
    frame, total = comparison_values(whole, YEAR, kpi)
    assert set(frame["university"]) == {A, B}
    for university, alone in halves.items():
        row = frame.loc[frame["university"] == university].iloc[0]
        expected = compute_kpis(alone, YEAR)[kpi]
        before = compute_kpis(alone, YEAR - 1)[kpi]
        got = None if pd.isna(row["value"]) else float(row["value"])
        assert got == pytest.approx(expected), (university, kpi)
        if expected is not None and before is not None and not CATALOGUE[kpi].snapshot:
            assert float(row["change"]) == pytest.approx(expected - before)
    assert total["value"] == pytest.approx(compute_kpis(whole, YEAR)[kpi])


def test_the_national_share_is_computed_on_the_whole_data_not_summed(folders):
    whole, halves = folders
    frame, total = comparison_values(whole, YEAR, "foreign_student_share")
    students = sum(compute_kpis(h, YEAR)["foreign_students"] for h in halves.values())
    assert total["value"] == pytest.approx(students / 85 * 100)
    assert total["value"] != pytest.approx(frame["value"].sum())


def test_the_comparison_section_ranks_and_ends_with_the_national_total(folders):
    whole, _ = folders
    result = build_section("comparison", whole, YEAR, "en")
    table = result.block("comparison_table").table
    assert list(table.columns) == ["Rank", "University", "Value", "Change"]
    assert list(table["Rank"]) == ["1", "2", ""]
    assert table["University"].iloc[-1] == "All universities (national total)"
    values = [int(v) for v in table["Value"].iloc[:2]]
    assert values == sorted(values, reverse=True)
    assert table["Value"].iloc[-1] == str(compute_kpis(whole, YEAR)["foreign_students"])
    chart = result.block("comparison_chart")
    assert chart.chart.horizontal and set(chart.data["university"]) == {A, B}
    assert any("National total" in s for s in result.sentences)
    sidebar = build_section("comparison", whole, YEAR, "en", filters=Filters(levels=("Bachelor",)),
                            kpi="foreign_student_countries")
    frame, _ = comparison_values(whole, YEAR, "foreign_student_countries", Filters(levels=("Bachelor",)))
    assert sidebar.block("comparison_table").table["Value"].iloc[0] == str(int(frame["value"].iloc[0]))
    for university in (A, B):  # the sidebar filters and the university combine
        value = compute_kpis(whole, YEAR, filters=replace(Filters(levels=("Bachelor",)), universities=(university,)))
        assert float(frame.loc[frame["university"] == university, "value"].iloc[0]) == value[
            "foreign_student_countries"]
    assert "comparison" in SECTION_IDS and "comparison" not in REPORT_SECTION_IDS
    with pytest.raises(KeyError):
        build_section("comparison", whole, YEAR, "en", kpi="no_such_kpi")


@pytest.mark.skipif(not (ROOT / "data" / "students.csv").exists(), reason="sample data not generated")
def test_a_folder_without_the_column_loads_unchanged():
    data = load_dataset(ROOT / "data")
    assert all(frame.get("university", pd.Series(dtype=object)).isna().all() for frame in data.frames.values())
    assert universities(data) == []
    plain = compute_kpis(data, YEAR)
    assert compute_kpis(data, YEAR, filters=Filters(universities=("Anything",))) == plain
    assert plain["foreign_students"] == 3027  # the sample's figure (docs, README)


def test_the_example_folder_holds_two_universities():
    data = load_dataset(EXAMPLE)
    names = universities(data)
    assert len(names) == 2
    assert len(data.get("students")) <= 4000
    assert all(frame["university"].notna().all() for frame in data.frames.values())
    frame, total = comparison_values(data, YEAR)
    assert frame["value"].sum() == total["value"]  # a count adds up; every student belongs to one university


@pytest.mark.parametrize("lang", ["en", "ru", "uz"])
def test_the_universities_page_runs_on_the_example(v2_pages, monkeypatch, lang):
    from streamlit.testing.v1 import AppTest

    from metrics import vocabulary as V

    monkeypatch.setenv("IC_DATA_DIR", str(EXAMPLE))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    at.query_params["lang"] = lang
    at.query_params["kpi"] = "foreign_student_share"
    at.run()
    at.switch_page("pages/comparison.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == V.t("page.comparison", lang)
    assert at.selectbox(key="comparison_kpi").value == "foreign_student_share"
    assert at.multiselect(key="universities").options  # the sidebar selector: more than one university
    tables = [frame.value for frame in at.dataframe]
    shown = " ".join(str(v) for frame in tables for v in frame.to_numpy().ravel())
    for name in universities(load_dataset(EXAMPLE)):
        assert name in shown
    assert V.t("comparison.national", lang) in shown
    assert at.get("plotly_chart")
    at.multiselect(key="universities").set_value([universities(load_dataset(EXAMPLE))[0]]).run()
    assert not at.exception
    assert at.query_params.get("university")


def test_the_universities_page_says_a_single_university_has_nothing_to_compare(v2_pages, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from metrics import vocabulary as V

    monkeypatch.setenv("IC_DATA_DIR", str(ROOT / "data"))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    at.query_params["university"] = "Nowhere"
    at.run()
    at.switch_page("pages/comparison.py").run()
    assert not at.exception
    assert [info.value for info in at.info] == [V.t("comparison.single", "en")]
    assert not at.get("plotly_chart") and not at.dataframe
    assert not [w for w in at.get("multiselect") if w.key == "universities"]


def test_a_report_narrowed_to_one_university_is_that_universitys_and_names_it(folders):
    from reports.content import build_content

    whole, halves = folders
    for university, alone in halves.items():
        narrowed = build_content(whole, YEAR, filters=Filters(universities=(university,)))
        own = build_content(alone, YEAR)
        assert narrowed.university == university  # the cover and footer name it, not the ministry's folder
        assert narrowed.about.iloc[0, 1] == university
        assert own.university == "Ministry"  # its folder alone: the settings' name, as before
        values = narrowed.kpis.set_index("kpi")["value"]
        for kpi in KPIS:
            expected = compute_kpis(alone, YEAR)[kpi]
            got = values.get(kpi)
            assert (got is None or pd.isna(got)) if expected is None else got == pytest.approx(expected), kpi


def test_university_parts_are_what_the_universities_filter_keeps(folders):
    from metrics.filters import university_parts

    whole, _ = folders
    names = universities(whole)
    parts = dict(university_parts(whole, names + ["Nowhere University"]))
    assert list(parts) == names + ["Nowhere University"]
    for name in names + ["Nowhere University"]:
        expected = apply_filters(whole, Filters(universities=(name,)))
        assert sorted(parts[name].frames) == sorted(expected.frames)
        for export, frame in expected.frames.items():
            pd.testing.assert_frame_equal(parts[name].frames[export], frame, obj=f"{name}: {export}")
    assert len(parts["Nowhere University"].frames["students"]) == 0
    assert sum(len(parts[name].frames["students"]) for name in names) == len(whole.frames["students"])
