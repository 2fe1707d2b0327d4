"""Outcomes, Recruitment and Dependence pages (issue 11): each builder on a hand-made dataset with values worked
out by hand, the what-if against an independent least-squares computation, and the pages run with AppTest."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.conftest import write_csv as _write

from charts.basic import has_data
from charts.blocks import figure
from metrics import vocabulary as V
from metrics.ingest import load_dataset
from metrics.sections import build_section

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = '[university]\nname = "Test University"\nhome_country = "UZB"\n'
TIMEOUT = 180
LANGS = ("en", "ru", "uz")




# ------------------------------------------------------------------------------------------- outcomes

@pytest.fixture(scope="module")
def cohort_data(tmp_path_factory):
    """2022: 4 new Indian students (a1 stays, a2 graduates, a3 is expelled, a4 vanishes) and 2 new home
    students (both stay); 2023: 2 new Pakistani students (both stay into 2024) and 1 new home student
    (expelled in 2024)."""
    folder = tmp_path_factory.mktemp("cohorts")
    (folder / "settings.toml").write_text(SETTINGS, encoding="utf-8")
    rows = [
        [2022, "India", 1, "a1", "new"], [2022, "India", 1, "a2", "new"], [2022, "India", 1, "a3", "new"],
        [2022, "India", 1, "a4", "new"], [2022, "Uzbekistan", 1, "h1", "new"], [2022, "Uzbekistan", 1, "h2", "new"],
        [2023, "India", 1, "a1", "continuing"], [2023, "India", 1, "a2", "graduated"],
        [2023, "India", 1, "a3", "expelled"], [2023, "Uzbekistan", 1, "h1", "continuing"],
        [2023, "Uzbekistan", 1, "h2", "continuing"], [2023, "Pakistan", 1, "b1", "new"],
        [2023, "Pakistan", 1, "b2", "new"], [2023, "Uzbekistan", 1, "h3", "new"],
        [2024, "India", 1, "a1", "continuing"], [2024, "Pakistan", 1, "b1", "continuing"],
        [2024, "Pakistan", 1, "b2", "continuing"], [2024, "Uzbekistan", 1, "h1", "continuing"],
        [2024, "Uzbekistan", 1, "h2", "continuing"], [2024, "Uzbekistan", 1, "h3", "expelled"],
    ]
    _write(folder / "students.csv", ["year", "citizenship", "count", "student_id", "status"], rows)
    return load_dataset(folder)


def test_cohort_shares_after_one_year_by_hand(cohort_data):
    block = build_section("cohorts", cohort_data, 2024, "en").block("cohorts_k1")
    shares = {(row.entry_year, row.outcome): row.share for row in block.data.itertuples()}
    for outcome in ("enrolled", "graduated", "dropped", "unknown"):  # 1 of 4 each
        assert shares[(2022, outcome)] == pytest.approx(25.0)
    assert shares[(2023, "enrolled")] == pytest.approx(100.0)
    assert shares[(2023, "dropped")] == 0
    assert block.chart.kind == "bar" and block.chart.stacked and block.chart.unit == "percent"
    assert has_data(figure(block, "en"))


def test_cohort_table_by_entry_year_and_group(cohort_data):
    result = build_section("cohorts", cohort_data, 2024, "en")
    table = result.block("cohorts_table").table
    assert result.block("cohorts_table").report
    first = table.iloc[0]
    assert (first["Entry year"], first["Students"], first["New students"]) == ("2022/23", "Foreign students", 4)
    assert (first["Enrolled after 1 year"], first["Graduated after 1 year"], first["Dropped out after 1 year"],
            first["Not known after 1 year"]) == (1, 1, 1, 1)
    assert first["Enrolled or graduated after 1 year, %"] == pytest.approx(50.0)
    # after 2 years (2024): a1 still enrolled, a2 graduated, a3 dropped, a4 not known
    assert (first["Enrolled after 2 years"], first["Graduated after 2 years"]) == (1, 1)
    assert pd.isna(first["Enrolled after 3 years"])  # 2025 is not in the data yet
    home = table.iloc[1]
    assert (home["Students"], home["New students"], home["Enrolled after 1 year"]) == ("Home students", 2, 2)


def test_cohort_sentence_compares_home_students(cohort_data):
    sentences = build_section("cohorts", cohort_data, 2024, "en").sentences
    assert sentences[0] == ("Of the 2 foreign students who entered in 2023/24, 100.0% were still enrolled or had "
                            "graduated a year later; home students: 0.0%.")
    ru = build_section("cohorts", cohort_data, 2024, "ru").sentences[0]
    assert ru.startswith("Из 2 иностранных студентов, поступивших в 2023/24 учебном году")


def test_cohort_by_citizenship_of_the_latest_followed_cohort(cohort_data):
    block = build_section("cohorts", cohort_data, 2024, "en").block("cohorts_country")
    assert "2023/24" in block.title
    rows = {row[0]: row for row in block.table.itertuples(index=False)}
    assert set(rows) == {"Pakistan", "Total"}
    assert block.total_row


def test_cohort_trends_are_the_kpis(cohort_data):
    from metrics.engine import kpi_trend

    result = build_section("cohorts", cohort_data, 2024, "en")
    trend = result.block("cohorts_foreign_retention_rate").data
    expected = kpi_trend(cohort_data, "foreign_retention_rate").dropna()
    assert list(trend["foreign_retention_rate"]) == pytest.approx(list(expected["value"].astype(float)))
    assert dict(zip(trend["year"], trend["foreign_retention_rate"]))[2022] == pytest.approx(50.0)


# ------------------------------------------------------------------------------------------- recruitment

@pytest.fixture(scope="module")
def recruitment_data(tmp_path_factory):
    """2024: India 100 → 60 → 45, Pakistan 40 → 20 → 10, home applicants 500 (not counted);
    2023: India 80 → 40 → 30."""
    folder = tmp_path_factory.mktemp("recruitment")
    (folder / "settings.toml").write_text(SETTINGS, encoding="utf-8")
    _write(folder / "applications.csv", ["year", "citizenship", "stage", "count"], [
        [2024, "India", "applied", 100], [2024, "India", "admitted", 60], [2024, "India", "enrolled", 45],
        [2024, "Pakistan", "applied", 40], [2024, "Pakistan", "admitted", 20], [2024, "Pakistan", "enrolled", 10],
        [2024, "Uzbekistan", "applied", 500], [2023, "India", "applied", 80], [2023, "India", "admitted", 40],
        [2023, "India", "enrolled", 30]])
    _write(folder / "students.csv", ["year", "citizenship", "count"], [[2023, "India", 10], [2024, "India", 12]])
    return load_dataset(folder)


def test_funnel_counts_and_chart(recruitment_data):
    block = build_section("recruitment", recruitment_data, 2024, "ru").block("recruitment_funnel")
    assert list(block.data["count"]) == [140, 80, 55]
    assert list(block.table["Доля, %"]) == [100.0, pytest.approx(57.1), pytest.approx(39.3)]
    fig = figure(block, "ru")
    funnel = [trace for trace in fig.data if trace.type == "funnel"][0]
    assert list(funnel.x) == [140, 80, 55]
    assert list(funnel.y) == [V.t(f"stage.{s}", "ru") for s in ("applied", "admitted", "enrolled")]
    assert fig.layout.template.layout.paper_bgcolor is not None  # an explicit template
    assert fig.layout.separators == ",\u202f" and has_data(fig)


def test_conversion_rates_by_year(recruitment_data):
    rates = build_section("recruitment", recruitment_data, 2024, "en").block("recruitment_rates").data
    values = {(row.year, row.rate): row.value for row in rates.itertuples()}
    assert values[(2023, "admission_rate")] == pytest.approx(50.0)  # 40 / 80
    assert values[(2023, "enrolment_yield")] == pytest.approx(75.0)  # 30 / 40
    assert values[(2024, "admission_rate")] == pytest.approx(80 / 140 * 100)
    assert values[(2024, "enrolment_yield")] == pytest.approx(55 / 80 * 100)


def test_rates_equal_the_kpis(recruitment_data):
    from metrics.engine import compute_kpis

    kpis = compute_kpis(recruitment_data, 2024)
    assert kpis["foreign_applications"] == 140
    assert kpis["foreign_admission_rate"] == pytest.approx(80 / 140 * 100)
    assert kpis["foreign_enrolment_yield"] == pytest.approx(55 / 80 * 100)


def test_applications_by_country_table_with_total(recruitment_data):
    result = build_section("recruitment", recruitment_data, 2024, "en")
    block = result.block("recruitment_country")
    assert block.report and block.total_row
    rows = {row["Country"]: row for _, row in block.table.iterrows()}
    assert list(rows) == ["India", "Pakistan", "Total"]
    assert (rows["India"]["Applications"], rows["India"]["Admitted"], rows["India"]["Enrolled"]) == (100, 60, 45)
    assert rows["India"]["Admission rate, %"] == pytest.approx(60.0)
    assert rows["Pakistan"]["Yield, %"] == pytest.approx(50.0)
    assert (rows["Total"]["Applications"], rows["Total"]["Enrolled"]) == (140, 55)
    assert rows["Total"]["Yield, %"] == pytest.approx(68.8)
    assert result.block("recruitment_map").chart.kind == "map"
    assert result.sentences[0] == ("In 2024/25, foreign citizens filed 140 applications; 80 were admitted (57.1%) "
                                   "and 55 enrolled (68.8% of those admitted).")


def test_recruitment_without_applications_says_why(cohort_data):
    result = build_section("recruitment", cohort_data, 2024, "ru")
    assert result.missing == ("applications",)
    assert all(block.reason for block in result.blocks if block.empty)


# ------------------------------------------------------------------------------------------- dependence

INDIA = {2019: 10, 2020: 14, 2021: 15, 2022: 21, 2023: 22, 2024: 27}
PAKISTAN = {2019: 5, 2020: 6, 2021: 8, 2022: 7, 2023: 9, 2024: 10}
TARGETS = {2026: 50, 2027: 60}


@pytest.fixture(scope="module")
def dependence_data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dependence")
    (folder / "settings.toml").write_text(SETTINGS, encoding="utf-8")
    rows = []
    for year in INDIA:
        rows += [[year, "India", INDIA[year]], [year, "Pakistan", PAKISTAN[year]], [year, "Uzbekistan", 200]]
    _write(folder / "students.csv", ["year", "citizenship", "count"], rows)
    _write(folder / "targets.csv", ["kpi", "year", "target"], [["foreign_students", y, v] for y, v in TARGETS.items()])
    return load_dataset(folder)


def _polyfit(series: dict, years) -> np.ndarray:
    """The least-squares line through the last five years, at ``years`` (independent of metrics.targets)."""
    x = np.array(sorted(series)[-5:], dtype=float)
    slope, intercept = np.polyfit(x, [series[int(y)] for y in x], 1)
    return slope * np.asarray(years, dtype=float) + intercept


def test_what_if_minus_100_removes_the_largest_country_exactly(dependence_data):
    from metrics.sections.dependence import scenario_frame

    years = [2025, 2026, 2027]  # up to the latest target year
    total = {y: INDIA[y] + PAKISTAN[y] for y in INDIA}
    expected = _polyfit(total, years) - _polyfit(INDIA, years)
    frame = scenario_frame(dependence_data, 2024, "IND", -100)
    assert list(frame["year"]) == years
    assert list(frame["scenario"]) == pytest.approx(list(expected))
    assert list(frame["baseline"]) == pytest.approx(list(_polyfit(total, years)))
    result = build_section("dependence", dependence_data, 2024, "en", scenario=("IND", -100))
    table = result.block("dependence_scenario_table").table
    # whole students on screen: each the projection rounded (12.5 sits on a tie, which floating point decides
    # either way from one BLAS to another: both neighbours are right, nothing further is)
    assert len(table) == len(expected)
    assert all(abs(int(shown) - value) <= 0.5 + 1e-9 for shown, value in zip(table["Scenario"], expected))
    assert list(table["Target"].astype("object").where(table["Target"].notna(), None)) == [None, 50, 60]
    assert "Scenario: India \u2212100%" in result.block("dependence_scenario").title
    assert any("scenario, not a forecast" in s for s in result.sentences)


def test_what_if_zero_is_the_baseline_and_the_default_is_the_largest_country(dependence_data):
    from metrics.sections.dependence import scenario_frame

    frame = scenario_frame(dependence_data, 2024, "IND", 0)
    assert list(frame["scenario"]) == pytest.approx(list(frame["baseline"]))
    default = build_section("dependence", dependence_data, 2024, "en")
    assert "India" in default.block("dependence_scenario").title and "0%" in default.block("dependence_scenario").title
    chart = default.block("dependence_scenario").data
    assert set(chart["series"]) == {"actual", "baseline", "scenario"}
    assert has_data(figure(default.block("dependence_scenario"), "uz"))


def test_what_if_status_against_the_target(dependence_data):
    met = V.status_label("met", "en")
    up = build_section("dependence", dependence_data, 2024, "en", scenario=("IND", 100))
    down = build_section("dependence", dependence_data, 2024, "en", scenario=("IND", -100))
    assert list(up.block("dependence_scenario_table").table["Status"]) == ["", met, met]
    assert met not in list(down.block("dependence_scenario_table").table["Status"])


def test_concentration_trend_and_largest_share(dependence_data):
    result = build_section("dependence", dependence_data, 2024, "ru", scenario=("PAK", -30))
    hhi = result.block("dependence_hhi").data.set_index("year")["source_concentration"]
    share_in = 27 / 37 * 100
    assert hhi[2024] == pytest.approx(share_in ** 2 + (100 - share_in) ** 2)
    largest = result.block("dependence_largest").data.set_index("year")
    assert largest.loc[2024, "share"] == pytest.approx(share_in)
    assert "Сценарий: Пакистан \u221230" in result.block("dependence_scenario").title
    assert "Это сценарий, а не прогноз" in " ".join(result.sentences)


# ------------------------------------------------------------------------------------------- pages

needs_sample = pytest.mark.skipif(not (ROOT / "data" / "students.csv").exists(), reason="sample data not generated")


def _run(page: str, **params):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(page).run()
    return at


def _no_errors(at) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@needs_sample
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", ["cohorts", "recruitment", "dependence"])
def test_page_runs(v2_pages, page, lang):
    at = _run(f"pages/{page}.py", lang=lang)
    _no_errors(at)
    assert at.title[0].value == V.t(f"page.{page}", lang)
    assert len(at.markdown) >= 1


def _sample_scenario(change: int):
    """The sample data's largest source country and the scenario for it, computed with numpy polyfit."""
    from metrics import breakdowns as B
    from metrics.engine import available_years
    from metrics.sections.common import targets_of

    data = load_dataset(ROOT / "data")
    year = available_years(data)[-1]
    by_country = B.foreign_students_by_country_and_year(data)
    now = by_country.loc[by_country["year"] == year].dropna(subset=["country"])
    largest = now.sort_values("students", ascending=False)["country"].iloc[0]
    total = by_country.groupby("year")["students"].sum()
    mine = by_country.loc[by_country["country"] == largest].groupby("year")["students"].sum()
    years_in = [int(y) for y in total.index if y <= year]
    total = {y: float(total[y]) for y in years_in}
    mine = {y: float(mine.get(y, 0)) for y in years_in}
    targets = targets_of(data, "foreign_students")
    end = int(targets["year"].max()) if len(targets) and targets["year"].max() > year else year + 3
    future = list(range(year + 1, end + 1))
    scenario = _polyfit(total, future) + change / 100 * _polyfit(mine, future)
    return largest, future, [int(round(v)) for v in scenario]


@needs_sample
def test_dependence_page_reads_the_scenario_from_the_link(v2_pages):
    largest, future, expected = _sample_scenario(-100)
    at = _run("pages/dependence.py", lang="ru", whatif_country=largest, whatif_change="-100")
    _no_errors(at)
    assert at.selectbox(key="whatif_country").value == largest
    assert at.slider(key="whatif_change").value == -100
    table = at.table[0].value
    assert [int(str(v).replace("\u202f", "")) for v in table[V.column_label("scenario", "ru")]] == expected
    assert at.query_params["whatif_change"] == "-100" or at.query_params.get("whatif_change") == ["-100"]
    assert "Сценарий:" in " ".join(s.value for s in at.subheader)


@needs_sample
def test_dependence_page_ignores_bad_what_if_params(v2_pages):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    at.query_params["whatif_country"] = "XXX"
    at.query_params["whatif_change"] = "250"
    at.run()
    _no_errors(at)
    notice = " ".join(w.value for w in at.warning).replace("\\", "")  # the link's notice, on the first page shown
    assert "whatif_country" in notice and "whatif_change" in notice
    at.switch_page("pages/dependence.py").run()
    _no_errors(at)
    assert at.slider(key="whatif_change").value == 0
    assert at.selectbox(key="whatif_country").value == _sample_scenario(0)[0]  # the largest source country
