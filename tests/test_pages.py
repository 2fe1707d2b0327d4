"""Every page runs on the sample data and shows the KPI library's numbers for the chosen filters."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import dashboard_pages

from metrics.vocabulary import kpi_change, kpi_value

ROOT = Path(__file__).resolve().parent.parent
PAGES = dashboard_pages()  # the navigation of dashboard.py
TIMEOUT = 180

pytestmark = pytest.mark.skipif(not (ROOT / "data" / "students.csv").exists(), reason="sample data not generated")


@pytest.fixture(scope="module")
def data():
    from metrics.ingest import load_dataset

    return load_dataset(ROOT / "data")


@pytest.fixture(scope="module")
def years(data):
    from metrics.engine import available_years

    return available_years(data)


@pytest.fixture
def app(v2_pages):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    return at.run()


def filters_of(years, **kwargs):
    """The filters the dashboard applies: no year filter when the whole range is selected."""
    from metrics.filters import Filters

    year_from, year_to = kwargs.pop("year_from", years[0]), kwargs.pop("year_to", years[-1])
    if (year_from, year_to) == (years[0], years[-1]):
        year_from = year_to = None
    return Filters(year_from=year_from, year_to=year_to, **kwargs)


def shown_metrics(at) -> dict[str, tuple[str, str | None]]:
    return {metric.label: (metric.value, metric.delta or None) for metric in at.metric}


def expected_metrics(data, year, selection, lang="en") -> dict[str, tuple[str, str | None]]:
    from metrics.engine import kpi_table

    table = kpi_table(data, year, filters=selection, lang=lang)
    return {row.name: (kpi_value(row.value, row.unit, lang), kpi_change(row.change, row.unit, lang))
            for row in table.itertuples(index=False)}


def open_tables(at, *keys: str):
    """Open the chart tables (lazy expanders: their tables are built only once opened) and rerun."""
    for key in keys:
        at.session_state[f"{key}_table"] = True
    return at.run()


def no_errors(at) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(app, page):
    no_errors(app)
    app.switch_page(page).run()
    no_errors(app)
    if page != "pages/presentation.py":
        assert len(app.title) == 1


def test_overview_shows_the_kpi_library_numbers(app, data, years):
    no_errors(app)
    shown = shown_metrics(app)
    expected = expected_metrics(data, years[-1], filters_of(years))
    assert len(shown) == len(expected)
    assert shown == expected


def test_changing_filters_changes_the_numbers(app, data, years):
    before = shown_metrics(app)
    app.select_slider(key="f_years").set_range(years[1], years[-3]).run()
    no_errors(app)
    selection = filters_of(years, year_from=years[1], year_to=years[-3])
    assert shown_metrics(app) == expected_metrics(data, years[-3], selection)
    assert shown_metrics(app) != before
    assert app.query_params["from"] == [str(years[1])] or app.query_params["from"] == str(years[1])

    faculty = app.multiselect(key="f_faculties").options[0]
    app.multiselect(key="f_faculties").set_value([faculty]).run()
    no_errors(app)
    selection = filters_of(years, year_from=years[1], year_to=years[-3], faculties=(faculty,))
    assert shown_metrics(app) == expected_metrics(data, years[-3], selection)

    app.multiselect(key="f_regions").set_value(["CIS"]).run()
    no_errors(app)
    selection = filters_of(years, year_from=years[1], year_to=years[-3], faculties=(faculty,), regions=("CIS",))
    assert shown_metrics(app) == expected_metrics(data, years[-3], selection)


def test_country_filter_from_a_map_click(app, data, years):
    # A map click puts the country in this state key (app.filters.select_countries_callback).
    app.session_state["f_countries"] = ["IND"]
    app.run()
    no_errors(app)
    assert shown_metrics(app) == expected_metrics(data, years[-1], filters_of(years, countries=("IND",)))
    assert any("India" in caption.value for caption in app.caption)
    app.button(key="clear_countries").click().run()
    assert shown_metrics(app) == expected_metrics(data, years[-1], filters_of(years))


def _map_spec(at) -> dict:
    import json

    return json.loads(at.get("plotly_chart")[0].proto.spec)


def _selected(spec) -> list[str]:
    trace = spec["data"][0]
    return [trace["locations"][i] for i in trace.get("selectedpoints") or []]


def test_breakdowns_are_tabs_built_when_opened_and_a_lone_table_opens_on_demand(app, data, years):
    """Foreign students page: the faculty, level, top-countries and region charts are tabs of which only the
    open one is built (three charts: map, trend, the open tab), each drawing its own breakdown once opened;
    the country × level table is a closed expander under its title, built once opened."""
    import json

    from metrics import breakdowns
    from metrics import vocabulary as V
    from tests.conftest import tab_groups

    app.switch_page("pages/students.py").run()
    no_errors(app)
    titles = [V.t(key, "en") for key in ("students.by_faculty", "students.by_level", "students.top_countries",
                                         "students.by_continent")]
    assert tab_groups(app) == {"students_faculty_tabs": titles}
    year = years[-1]
    expected = {titles[0]: breakdowns.foreign_students_by_faculty(data, year),
                titles[1]: breakdowns.foreign_students_by_level(data, year),
                titles[3]: breakdowns.foreign_students_by_continent(data, year)}
    for title in titles:
        app.session_state["students_faculty_tabs"] = title
        app.run()
        no_errors(app)
        charts = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
        assert len(charts) == 3
        bars = charts[2]["data"][0]
        if title in expected:  # the open tab's bars are its breakdown's counts
            assert sorted(bars["x"]) == sorted(int(v) for v in expected[title]["students"])
        else:  # top countries: the largest of the map's counts
            counts = sorted((int(v) for v in breakdowns.foreign_students_map(data, year)["students"]), reverse=True)
            assert sorted(bars["x"], reverse=True) == counts[:len(bars["x"])]
    app.session_state["students_faculty_tabs"] = titles[0]
    app.run()
    title = V.t("students.by_country_level", "en")
    assert title in [expander.label for expander in app.expander]
    country = V.t("col.country", "en")
    assert not [frame for frame in app.dataframe if country in frame.value.columns]  # closed: not built
    app.session_state["students_country_level_table"] = True
    app.run()
    table = next(frame.value for frame in app.dataframe if V.t("col.country_code", "en") in frame.value.columns)
    total = V.t("common.total", "en")
    assert int(table[total].iloc[-1]) == int(breakdowns.foreign_students_map(data, year)["students"].sum())


def test_a_map_click_keeps_the_map_and_narrows_the_rest(app, data, years):
    """The students map shows every country whatever the country filter (the other filters apply) and marks
    the chosen ones; after a click on it, its figure is the one the browser already has (kept mounted, the
    click's own selection showing), while the KPIs narrow; a change in the sidebar draws it anew."""
    import json

    from metrics import breakdowns

    app.switch_page("pages/students.py").run()
    whole = _map_spec(app)
    every = breakdowns.foreign_students_map(data, years[-1])
    assert sorted(whole["data"][0]["locations"]) == sorted(c for c in every["country"] if c == c)
    assert _selected(whole) == []
    # a click on India: what its callback (select_countries_callback, tested below) leaves in the state
    app.session_state["f_countries"] = ["IND"]
    app.session_state["_clicked_map"] = ("students_map", ("IND",))
    app.run()
    no_errors(app)
    assert _map_spec(app) == whole  # the same figure: the browser keeps its chart
    trend = json.loads(app.get("plotly_chart")[1].proto.spec)["data"][0]  # the rest narrows to India
    india = breakdowns.foreign_students_per_year(data, filters_of(years, countries=("IND",)))
    assert trend["y"] == [int(v) for v in india["foreign_students"]]
    assert trend["y"] != [int(v) for v in breakdowns.foreign_students_per_year(data, filters_of(years))["foreign_students"]]
    # the sidebar takes India away and puts China in its place: drawn anew, China marked
    app.session_state["f_countries"] = ["CHN"]
    app.run()
    marked = _map_spec(app)
    assert _selected(marked) == ["CHN"]
    assert sorted(marked["data"][0]["locations"]) == sorted(whole["data"][0]["locations"])


def test_map_click_callback_sets_the_countries_to_the_selection(v2_pages):
    """A click selects that country (the one chosen before is replaced), Shift+click selections keep every
    selected country, an empty selection (a double click) leaves the filter alone."""
    from streamlit.testing.v1 import AppTest

    def script():
        import streamlit as st

        from app.filters import COUNTRY_KEY, select_countries_callback, set_by_click

        st.session_state.setdefault(COUNTRY_KEY, ["KAZ"])
        points = {"one": [{"location": "IND"}], "two": [{"location": "UZB"}, {"location": "IND"}],
                  "none": [], "unknown": [{"location": "XXX"}]}
        for name, chosen in points.items():
            if st.button(name, key=name):
                st.session_state["map"] = {"selection": {"points": chosen}}
                select_countries_callback("map")()
        st.write(",".join(st.session_state[COUNTRY_KEY]))
        st.write(str(set_by_click("map", tuple(st.session_state[COUNTRY_KEY]))))

    at = AppTest.from_function(script).run()
    assert [m.value for m in at.markdown[-2:]] == ["KAZ", "False"]
    at.button(key="one").click().run()
    assert [m.value for m in at.markdown[-2:]] == ["IND", "True"]
    at.button(key="two").click().run()
    assert [m.value for m in at.markdown[-2:]] == ["UZB,IND", "True"]
    at.button(key="none").click().run()
    assert at.markdown[-2].value == "UZB,IND"
    at.button(key="unknown").click().run()
    assert at.markdown[-2].value == "UZB,IND"


def test_switching_language_changes_labels(app, data, years):
    app.segmented_control(key="lang").set_value("ru").run()
    no_errors(app)
    assert app.title[0].value == "Обзор"
    assert shown_metrics(app) == expected_metrics(data, years[-1], filters_of(years), lang="ru")
    assert app.query_params["lang"] in ("ru", ["ru"])
    app.switch_page("pages/students.py").run()
    assert app.title[0].value == "Иностранные студенты"
    app.segmented_control(key="lang").set_value("uz").run()
    open_tables(app, "students_map")
    assert app.title[0].value == "Xorijiy talabalar"
    table = app.dataframe[0].value  # the map's table: country names in Uzbek
    from metrics.countries import display_name

    assert display_name("IND", "uz") in set(table.iloc[:, 0])


def test_link_reproduces_the_view(v2_pages, data, years):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    at.query_params["lang"] = "uz"
    at.query_params["from"] = str(years[2])
    at.query_params["to"] = str(years[-2])
    at.query_params["region"] = "Asia,CIS"
    at.run()
    no_errors(at)
    assert at.title[0].value == "Umumiy koʻrinish"
    assert at.select_slider(key="f_years").value == (years[2], years[-2])
    selection = filters_of(years, year_from=years[2], year_to=years[-2], regions=("Asia", "CIS"))
    assert shown_metrics(at) == expected_metrics(data, years[-2], selection, lang="uz")


def test_students_page_tables_equal_breakdowns(app, data, years):
    from metrics import breakdowns

    app.switch_page("pages/students.py").run()
    open_tables(app, "students_map", "students_faculty")
    no_errors(app)
    expected = breakdowns.foreign_students_map(data, years[-1])
    map_table = app.dataframe[0].value
    assert list(map_table["ISO code"]) == list(expected["country"])
    assert list(map_table["Students"]) == list(expected["students"])
    faculty = breakdowns.foreign_students_by_faculty(data, years[-1])
    assert any(list(df.value.get("Students", [])) == list(faculty["students"]) for df in app.dataframe)


def test_partners_page_numbers(app, data, years):
    from metrics import breakdowns

    app.switch_page("pages/partners.py").run()
    open_tables(app, "partners_map")
    no_errors(app)
    expected = breakdowns.partners_by_country(data, years[-1])
    map_table = app.dataframe[0].value
    known = expected[expected["country"].notna()]
    assert dict(zip(map_table["ISO code"], map_table["Partners"])) == dict(zip(known["country"], known["partners"]))


def test_no_personal_data_on_any_page(app):
    for page in PAGES:
        app.switch_page(page).run()
        state = app.session_state._state._state.filtered_state  # every user key of the session
        open_tables(app, *[str(k)[:-len("_table")] for k in state if str(k).endswith("_table")])
        for frame in app.dataframe:
            columns = {str(c).lower() for c in frame.value.columns}
            assert "student_id" not in columns and "student id" not in columns


def test_data_page_lists_files(app, data):
    app.switch_page("pages/data.py").run()
    no_errors(app)
    files = app.dataframe[0].value
    assert list(files["Rows read"]) == [report.rows_read for report in data.files]
    assert list(files["Rows loaded"]) == [report.rows_loaded for report in data.files]


def test_presentation_advances(app):
    app.switch_page("pages/presentation.py").run()
    no_errors(app)
    assert app.caption[0].value.startswith("Slide 1 of")
    app.button(key="present_next").click().run()
    assert app.caption[0].value.startswith("Slide 2 of")
    app.button(key="present_prev").click().run()
    assert app.caption[0].value.startswith("Slide 1 of")


def test_reports_page_builds_excel(app):
    app.switch_page("pages/reports.py").run()
    no_errors(app)
    app.button(key="report_build").click().run()
    no_errors(app)
    fmt, _, _, payload = app.session_state["report_bytes"]
    assert fmt == "xlsx" and payload[:2] == b"PK"


def test_missing_data_folder_is_explained(v2_pages, tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("IC_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert any(tmp_path.name in w.value for w in at.warning)
    assert not any(str(tmp_path) in w.value for w in at.warning)  # no server path


def test_command_line_options():
    from app.state import cli_options

    assert cli_options(["dashboard.py", "--", "--home", "KAZ"]).home == "KAZ"
    assert cli_options(["--home", "KAZ", "--data", "x"]).data == "x"
    assert cli_options([]).home is None


def test_data_page_shows_the_messy_exports_report_in_russian(v2_pages, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from metrics.ingest import load_dataset

    messy = ROOT / "examples" / "messy_exports"
    monkeypatch.setenv("IC_DATA_DIR", str(messy))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    at.query_params["lang"] = "ru"
    at.run()
    at.switch_page("pages/data.py").run()
    no_errors(at)
    tables = [frame.value for frame in at.dataframe]
    files = tables[0]
    assert list(files.iloc[:, 1]) == [report.export for report in load_dataset(messy).files]
    messages = " | ".join(str(value) for table in tables for value in table.to_numpy().ravel())
    assert "столбец с персональными данными удалён при загрузке" in messages  # the ФИО and Telefon columns
    assert "строка итога, подытога или повтор заголовка пропущена" in messages  # Итого / Jami rows
    assert "Студент " not in messages  # the dropped names never reach the page
    report = tables[-1]  # the validation report: severities in Russian, no "None" in cells without a value
    assert set(report.iloc[:, -1]) <= {"ошибка: строка исключена", "предупреждение", "к сведению"}
    assert "к сведению" in set(report.iloc[:, -1])
    assert not report.isin(["None", "nan", "<NA>"]).any().any() and report.notna().all().all()


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_with_only_some_exports_and_a_broken_file(v2_pages, tmp_path, monkeypatch, page):
    """An office that has only its agreement registry (and a damaged student export) still gets
    every page, with the missing KPIs shown as not available rather than 0, and no traceback."""
    import shutil

    from streamlit.testing.v1 import AppTest

    shutil.copy(ROOT / "data" / "partners.csv", tmp_path / "partners.csv")
    shutil.copy(ROOT / "data" / "settings.toml", tmp_path / "settings.toml")
    (tmp_path / "students.xlsx").write_bytes(b"this is not a workbook")
    monkeypatch.setenv("IC_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    if page == "pages/overview.py":
        shown = shown_metrics(at)
        assert shown["Active foreign partners"][0] not in ("", "—", "n/a")
        assert shown["Foreign students"][0] in ("—", "n/a", "not available", "N/A")
