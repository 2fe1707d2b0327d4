"""Figure builders: they plot exactly the breakdown they are given, with an explicit template."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from charts import basic, maps
from charts.style import DARK_TEMPLATE, TEMPLATE, academic_year

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def data():
    from metrics.ingest import load_dataset

    if not (ROOT / "data" / "students.csv").exists():
        pytest.skip("sample data not generated")
    return load_dataset(ROOT / "data")


@pytest.fixture(scope="module")
def year(data):
    from metrics.kpis import available_years

    return available_years(data)[-1]


def template_name(fig: go.Figure) -> str:
    """The template a figure was given by name (plotly stores the resolved template)."""
    return fig.layout.template


def test_students_map_plots_the_breakdown(data, year):
    from metrics import breakdowns

    frame = breakdowns.foreign_students_map(data, year)
    fig = maps.choropleth(frame, value="students", names=frame["name"], value_label="Students")
    assert isinstance(fig, go.Figure)
    trace = fig.data[0]
    assert trace.type == "choropleth"
    assert trace.locationmode == "ISO-3"
    assert list(trace.locations) == list(frame["country"])
    assert list(trace.z) == list(frame["students"])
    assert all(len(code) == 3 and code.isupper() for code in trace.locations)
    assert fig.layout.geo.resolution == 50
    assert fig.layout.geo.scope == "world"
    assert fig.layout.template == pio.templates[TEMPLATE]


def test_map_hover_names_and_partner_lists(data, year):
    from metrics import breakdowns

    partners = breakdowns.active_partner_list(data, year)
    grouped = partners.dropna(subset=["country"]).groupby("country")["partner"].agg(sorted).reset_index()
    grouped["partners"] = grouped["partner"].map(len)
    fig = maps.choropleth(grouped, value="partners", hover_extra=maps.names_hover(grouped["partner"]))
    custom = fig.data[0].customdata
    first = grouped.iloc[0]
    assert custom[0][0] == first["country"]
    assert first["partner"][0] in custom[0][1]
    assert list(fig.data[0].z) == list(grouped["partners"])


def test_names_hover_caps_long_lists():
    text = maps.names_hover([[f"U{i}" for i in range(30)]])[0]
    assert text.count("<br>• ") == maps.MAX_NAMES_IN_HOVER
    assert "+18" in text


def test_diverging_map_is_centred_on_zero():
    frame = pd.DataFrame({"country": ["KAZ", "TUR"], "balance": [-3, 5]})
    fig = maps.choropleth(frame, value="balance", diverging=True)
    assert fig.data[0].zmid == 0


def test_dark_template_and_land_colour():
    frame = pd.DataFrame({"country": ["KAZ"], "value": [1]})
    fig = maps.choropleth(frame, template=DARK_TEMPLATE)
    assert fig.layout.template == pio.templates[DARK_TEMPLATE]
    assert fig.layout.geo.landcolor == maps.LAND_COLOUR["dark"]


def test_empty_map_is_a_figure():
    fig = maps.choropleth(pd.DataFrame({"country": pd.Series(dtype="str"), "value": pd.Series(dtype="int")}))
    assert isinstance(fig, go.Figure)
    assert list(fig.data[0].locations) == []


def test_offline_topojson_points_at_vendored_shapes():
    previous = pio.defaults.topojson
    try:
        url = maps.use_offline_topojson()
        assert url.startswith("file://") and url.endswith("/")
        assert pio.defaults.topojson == url
        assert (maps.TOPOJSON_DIR / "world_50m.json").exists()
    finally:
        pio.defaults.topojson = previous


def test_map_config_serves_shapes_from_the_app():
    config = maps.map_config()
    assert config["topojsonURL"] == "app/static/topojson/"
    assert config["displaylogo"] is False
    assert (ROOT / "static" / "topojson" / "world_50m.json").exists()


def test_trend_line_plots_the_kpi_trend(data):
    from metrics.kpis import kpi_trend

    trend = kpi_trend(data, "foreign_students")
    target = pd.DataFrame({"year": [int(trend["year"].max()) + 1], "target": [9999.0]})
    fig = basic.line(trend, "year", "value", target=target, target_label="Target")
    assert list(fig.data[0].x) == list(trend["year"])
    assert [float(v) for v in fig.data[0].y] == [float(v) for v in trend["value"]]
    assert list(fig.data[1].y) == [9999.0]
    assert fig.layout.template == pio.templates[TEMPLATE]
    assert list(fig.layout.xaxis.ticktext)[0] == academic_year(int(trend["year"].min()))


def test_horizontal_bar_sorts_and_keeps_values(data, year):
    from metrics import breakdowns

    frame = breakdowns.foreign_students_by_faculty(data, year)
    fig = basic.bar(frame, "faculty", "students", horizontal=True)
    trace = fig.data[0]
    assert trace.orientation == "h"
    assert dict(zip(trace.y, trace.x)) == dict(zip(frame["faculty"], frame["students"]))
    assert list(trace.x) == sorted(trace.x)  # largest at the top (plotly draws bottom-up)
    assert fig.layout.template == pio.templates[TEMPLATE]


def test_grouped_bar_has_one_trace_per_series(data):
    from metrics import breakdowns

    frame = breakdowns.mobility_per_year(data).groupby(["year", "direction"], as_index=False)["people"].sum()
    fig = basic.bar(frame, "year", "people", color="direction", years=True,
                    series_names={"in": "Inbound", "out": "Outbound"})
    names = {trace.name: trace for trace in fig.data}
    assert set(names) == {"Inbound", "Outbound"}
    inbound = frame[frame["direction"] == "in"]
    assert list(names["Inbound"].y) == list(inbound["people"])


def test_big_number_shows_value_and_change():
    fig = basic.big_number(3027, previous=2645, title="Foreign students", target=3650, target_label="Target")
    indicator = fig.data[0]
    assert indicator.value == 3027
    assert indicator.delta.reference == 2645
    assert fig.layout.template == pio.templates[TEMPLATE]
    assert "3\u202f650" in fig.layout.annotations[0].text


def test_static_export_is_not_black(tmp_path):
    """An exported map uses the vendored shapes and a white background (needs Chromium for kaleido)."""
    import shutil

    if not (shutil.which("chromium") or Path("/usr/bin/chromium").exists()):
        pytest.skip("no Chromium for kaleido")
    pytest.importorskip("kaleido")
    import streamlit  # noqa: F401 - importing it installs its own default template

    maps.use_offline_topojson()
    frame = pd.DataFrame({"country": ["KAZ", "IND", "SGP"], "value": [3, 5, 1]})
    fig = maps.choropleth(frame)
    png = fig.to_image(format="png", width=600, height=300)
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(png)).convert("RGB")
    assert image.getpixel((2, 2)) == (255, 255, 255)
    colours = image.getcolors(maxcolors=1 << 20)
    assert len(colours) > 10  # shapes were drawn, not a blank page


def test_small_count_scale_has_whole_ticks_large_scale_does_not():
    small = maps.choropleth(pd.DataFrame({"country": ["KAZ", "TUR"], "value": [1, 5]}))
    assert small.data[0].colorbar.dtick == 1
    # One country with 1 249 students: the scale runs 0..1 249 and must not get a tick per student.
    large = maps.choropleth(pd.DataFrame({"country": ["IND"], "value": [1249]}))
    assert large.data[0].colorbar.dtick is None
    assert (large.data[0].zmin, large.data[0].zmax) == (0, 1249)


def test_data_strings_reach_figures_escaped():
    from charts.text import plotly_text

    link = '<a href="http://evil.example">x</a>'
    frame = pd.DataFrame({"faculty": [link, "Medicine\u202e"], "students": [3, 2]})
    fig = basic.bar(frame, "faculty", "students", horizontal=True)
    assert set(fig.data[0].y) == {plotly_text(link), "Medicine"}
    long = pd.DataFrame({"year": [2024, 2024], "series": [link, "b"], "value": [1, 2]})
    fig = basic.line(long, "year", "value", color="series")
    assert {trace.name for trace in fig.data} == {plotly_text(link), "b"}
    assert all("<a " not in trace.hovertemplate for trace in fig.data)
    countries = pd.DataFrame({"country": ["KAZ"], "value": [1]})
    fig = maps.choropleth(countries, names=[link], hover_extra=maps.names_hover([[link]]))
    assert fig.data[0].customdata[0][0] == plotly_text(link)
    assert fig.data[0].customdata[0][1] == "<br>• " + plotly_text(link)


def test_has_data_is_false_for_bare_axes():
    empty = pd.DataFrame({"year": [2023, 2024], "value": [None, None]}).astype({"value": "Float64"})
    target = pd.DataFrame({"year": [2024], "target": [10]})
    assert not basic.has_data(basic.line(empty, "year", "value", target=target))
    assert not basic.has_data(basic.bar(empty.iloc[:0], "year", "value", years=True))
    assert not basic.has_data(maps.choropleth(pd.DataFrame({"country": [], "value": []})))
    assert basic.has_data(basic.line(empty.fillna(0), "year", "value"))
