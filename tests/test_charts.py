"""Figure builders: they plot exactly the breakdown they are given, with an explicit template."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from charts import basic, maps, style
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
    from metrics.engine import available_years

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
    assert list(trace.z) == pytest.approx([math.log10(v) for v in frame["students"]])  # log scale by default
    assert [row[2] for row in trace.customdata] == list(frame["students"])  # the hover shows real counts
    assert all(len(code) == 3 and code.isupper() for code in trace.locations)
    assert fig.layout.geo.resolution == maps.MAP_RESOLUTION
    assert fig.layout.geo.scope == "world"
    assert fig.layout.template == TEMPLATE


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
    assert [row[2] for row in custom] == list(grouped["partners"])
    assert list(fig.data[0].z) == pytest.approx([math.log10(v) for v in grouped["partners"]])


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
    assert fig.layout.template == DARK_TEMPLATE
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
    from metrics.engine import kpi_trend

    trend = kpi_trend(data, "foreign_students")
    target = pd.DataFrame({"year": [int(trend["year"].max()) + 1], "target": [9999.0]})
    fig = basic.line(trend, "year", "value", target=target, target_label="Target")
    assert list(fig.data[0].x) == list(trend["year"])
    assert [float(v) for v in fig.data[0].y] == [float(v) for v in trend["value"]]
    assert list(fig.data[1].y) == [9999.0]
    assert fig.layout.template == TEMPLATE
    assert list(fig.layout.xaxis.ticktext)[0] == academic_year(int(trend["year"].min()))


def test_horizontal_bar_sorts_and_keeps_values(data, year):
    from metrics import breakdowns

    frame = breakdowns.foreign_students_by_faculty(data, year)
    fig = basic.bar(frame, "faculty", "students", horizontal=True)
    trace = fig.data[0]
    assert trace.orientation == "h"
    assert dict(zip(trace.y, trace.x)) == dict(zip(frame["faculty"], frame["students"]))
    assert list(trace.x) == sorted(trace.x)  # largest at the top (plotly draws bottom-up)
    assert fig.layout.template == TEMPLATE


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
    assert fig.layout.template == TEMPLATE
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


def test_small_count_linear_scale_has_whole_ticks_large_scale_does_not():
    small = maps.choropleth(pd.DataFrame({"country": ["KAZ", "TUR"], "value": [1, 5]}), scale="linear")
    assert small.data[0].colorbar.dtick == 1
    # One country with 1 249 students: the scale runs 0..1 249 and must not get a tick per student.
    large = maps.choropleth(pd.DataFrame({"country": ["IND"], "value": [1249]}), scale="linear")
    assert large.data[0].colorbar.dtick is None
    assert (large.data[0].zmin, large.data[0].zmax) == (0, 1249)
    assert list(large.data[0].z) == [1249]


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


# ------------------------------------------------------------------ readable numbers: ticks, years, locales

YEARS_15 = list(range(2010, 2025))


def test_count_axis_of_zero_to_three_has_whole_ticks():
    frame = pd.DataFrame({"year": [2022, 2023, 2024], "value": [1, 3, 2]})
    for fig in (basic.bar(frame, "year", "value", years=True), basic.line(frame, "year", "value")):
        axis = fig.layout.yaxis
        assert axis.tickformat == ",d"
        assert (axis.tickmode, axis.tick0, axis.dtick) == ("linear", 0, 1)  # 0, 1, 2, 3: no 0.5 students


def test_large_count_axis_steps_are_whole_and_few():
    frame = pd.DataFrame({"year": [2023, 2024], "value": [2645, 3027]})
    axis = basic.bar(frame, "year", "value", years=True).layout.yaxis
    assert axis.dtick == 500 and axis.tickformat == ",d"
    assert [basic.bar(pd.DataFrame({"year": [2024], "value": [top]}), "year", "value", years=True).layout.yaxis.dtick
            for top in (3, 8, 10, 30, 1249)] == [1, 1, 2, 5, 200]


def test_stacked_count_axis_steps_follow_the_stack_height():
    frame = pd.DataFrame({"year": [2024] * 3, "kind": ["a", "b", "c"], "value": [3, 3, 3]})
    stacked = basic.bar(frame, "year", "value", color="kind", years=True, barmode="stack")
    assert stacked.layout.yaxis.dtick == 2  # bars reach 9, not 3
    assert basic.bar(frame, "year", "value", color="kind", years=True).layout.yaxis.dtick == 1


def test_horizontal_count_bars_put_whole_ticks_on_the_x_axis():
    frame = pd.DataFrame({"faculty": ["A", "B"], "students": [1, 2]})
    fig = basic.bar(frame, "faculty", "students", horizontal=True)
    assert (fig.layout.xaxis.dtick, fig.layout.xaxis.tickformat) == (1, ",d")
    assert fig.data[0].hovertemplate.endswith("%{x:,d}<extra></extra>")


def test_percent_unit_has_percent_ticks_and_one_decimal():
    frame = pd.DataFrame({"year": [2023, 2024], "value": [12.34, 15.0]})
    fig = basic.line(frame, "year", "value", unit="percent")
    assert fig.layout.yaxis.ticksuffix == "%"
    assert fig.layout.yaxis.dtick is None  # plotly's own steps (2.5%)
    assert "%{y:,.1f}%" in fig.data[0].hovertemplate
    bars = basic.bar(frame, "year", "value", years=True, unit="percent")
    assert bars.layout.yaxis.ticksuffix == "%"
    assert set(bars.data[0].texttemplate) == {"%{y:,.1f}%"}
    assert "%{y:,.1f}%" in bars.data[0].hovertemplate


def test_ratio_unit_has_two_decimals_and_unknown_unit_is_refused():
    frame = pd.DataFrame({"year": [2024], "value": [1.25]})
    fig = basic.line(frame, "year", "value", unit="ratio")
    assert "%{y:,.2f}" in fig.data[0].hovertemplate
    assert fig.layout.yaxis.ticksuffix is None and fig.layout.yaxis.dtick is None
    with pytest.raises(ValueError):
        basic.bar(frame, "year", "value", unit="students")


def test_count_hover_and_bar_labels_are_whole_numbers():
    frame = pd.DataFrame({"year": [2023, 2024], "value": [2645, 3027]})
    fig = basic.bar(frame, "year", "value", years=True, y_label="Students")
    assert fig.data[0].hovertemplate == "<b>%{customdata[0]}</b><br>Students: %{y:,d}<extra></extra>"
    assert [row[0] for row in fig.data[0].customdata] == ["2023/24", "2024/25"]
    assert list(fig.data[0].texttemplate) == ["%{y:,d}", "%{y:,d}"]


def test_year_axis_labels_every_year_of_fifteen_on_a_half_width_chart():
    frame = pd.DataFrame({"year": YEARS_15, "value": range(15)})
    for fig in (basic.bar(frame, "year", "value", years=True, width_hint="half"),
                basic.line(frame, "year", "value", width_hint="half")):
        axis = fig.layout.xaxis
        assert axis.tickmode == "array"
        assert list(axis.tickvals) == YEARS_15
        assert list(axis.ticktext) == [academic_year(y) for y in YEARS_15]
        assert axis.ticktext[-1] == "2024/25"  # the current year is not dropped
        assert axis.tickangle in (-45, -90)
        assert axis.automargin is True and axis.ticklabeloverflow == "allow"


def test_year_axis_of_ten_years_is_slanted_half_width_and_flat_full_width():
    frame = pd.DataFrame({"year": YEARS_15[-10:], "value": range(10)})
    half = basic.bar(frame, "year", "value", years=True)  # half width is the default
    full = basic.bar(frame, "year", "value", years=True, width_hint="full")
    assert len(half.layout.xaxis.ticktext) == 10 and len(full.layout.xaxis.ticktext) == 10
    assert half.layout.xaxis.tickangle == -45
    assert full.layout.xaxis.tickangle == 0


def test_year_axis_of_few_years_is_flat_and_fills_gaps():
    fig = basic.line(pd.DataFrame({"year": [2021, 2024], "value": [1, 2]}), "year", "value")
    assert list(fig.layout.xaxis.tickvals) == [2021, 2022, 2023, 2024]
    assert list(fig.layout.xaxis.ticktext) == ["2021/22", "2022/23", "2023/24", "2024/25"]
    assert fig.layout.xaxis.tickangle == 0


def test_year_tick_angle_uprights_labels_when_even_slanted_ones_collide():
    from charts.style import year_tick_angle

    assert year_tick_angle(3) == 0
    assert year_tick_angle(15, width_hint="half") == -45
    assert year_tick_angle(40, width_hint="half") == -90
    assert year_tick_angle(8, width_hint="full", font_size=24) == 0  # presentation slides
    assert year_tick_angle(12, width_hint="full", font_size=24) == -45
    with pytest.raises(ValueError):
        year_tick_angle(3, width_hint="third")


def test_separators_follow_the_language():
    frame = pd.DataFrame({"year": [2024], "value": [1234.5]})
    assert basic.line(frame, "year", "value").layout.separators == ".\u202f"
    for lang in ("ru", "uz"):
        assert basic.line(frame, "year", "value", lang=lang).layout.separators == ",\u202f"
        assert basic.bar(frame, "year", "value", years=True, lang=lang).layout.separators == ",\u202f"
        countries = pd.DataFrame({"country": ["KAZ"], "value": [3]})
        assert maps.choropleth(countries, lang=lang).layout.separators == ",\u202f"
    assert basic.big_number(50.0, unit="%", target=62.5, target_label="Цель", lang="ru").layout.annotations[0].text \
        == "Цель: 62,5%"


def test_apply_layout_sets_separators_and_keeps_template():
    from charts.style import apply_layout

    fig = apply_layout(go.Figure(), lang="ru")
    assert fig.layout.separators == ",\u202f"
    assert fig.layout.template == TEMPLATE
    assert apply_layout(go.Figure()).layout.separators == ".\u202f"
    assert apply_layout(go.Figure(), lang="xx").layout.separators == ".\u202f"


def test_format_number_uses_the_language_separators():
    from charts.style import format_number

    assert format_number(1234567, "ru") == "1\u202f234\u202f567"
    assert format_number(1234.56, "uz", 1) == "1\u202f234,6"
    assert format_number(1234.56, "en", 1) == "1\u202f234.6"
    assert format_number(float("nan")) == "—" and format_number(None) == "—"


def test_log_map_colours_by_log10_with_real_numbers_on_the_colour_bar():
    frame = pd.DataFrame({"country": ["IND", "KAZ", "SGP", "TUR"], "value": [1249, 10, 1, 3]})
    fig = maps.choropleth(frame, value_label="Students")
    trace = fig.data[0]
    assert list(trace.z) == pytest.approx([math.log10(1249), 1.0, 0.0, math.log10(3)])
    assert (trace.zmin, trace.zmax) == (0, pytest.approx(math.log10(1249)))
    assert trace.colorbar.tickmode == "array"
    assert list(trace.colorbar.ticktext) == ["1", "2", "5", "10", "20", "50", "100", "200", "500", "1\u202f000"]
    assert list(trace.colorbar.tickvals) == pytest.approx(
        [math.log10(v) for v in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)])
    assert trace.colorbar.title.text == "Students<br>(log scale)"
    assert [row[2] for row in trace.customdata] == [1249, 10, 1, 3]
    assert "%{customdata[2]:,d}" in trace.hovertemplate and "%{z" not in trace.hovertemplate


def test_log_map_note_and_thousands_are_translated():
    frame = pd.DataFrame({"country": ["IND", "KAZ"], "value": [2500, 4]})
    trace = maps.choropleth(frame, value_label="Студенты", scale_note="лог. шкала", lang="ru").data[0]
    assert trace.colorbar.title.text == "Студенты<br>(лог. шкала)"
    assert list(trace.colorbar.ticktext)[-2:] == ["1\u202f000", "2\u202f000"]


def test_log_map_top_tick_is_the_largest_value_when_it_stands_apart():
    from charts.maps import log_ticks

    assert log_ticks(3) == [1, 2, 3]
    assert log_ticks(1249) == [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
    assert log_ticks(1) == [1, 2]
    trace = maps.choropleth(pd.DataFrame({"country": ["KAZ"], "value": [1]})).data[0]
    assert (trace.zmin, trace.zmax) == (0, pytest.approx(math.log10(2)))  # one country is not a 1–1 scale


def _luminance(hex_colour: str) -> float:
    red, green, blue = (int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_smallest_count_is_clearly_darker_than_land_without_data():
    for template, scale in ((TEMPLATE, "log"), (TEMPLATE, "linear"), (DARK_TEMPLATE, "log")):
        fig = maps.choropleth(pd.DataFrame({"country": ["IND", "SGP"], "value": [1249, 1]}), template=template,
                              scale=scale)
        trace = fig.data[0]
        low = trace.colorscale[0][1]
        land = fig.layout.geo.landcolor
        assert low.lower() != land.lower()
        assert abs(_luminance(low) - _luminance(land)) > 0.15, (template, scale, low, land)
        # the minimum value sits at the start of the scale, not below it
        assert min(trace.z) >= trace.zmin


def test_linear_map_keeps_real_values_and_zero_start():
    trace = maps.choropleth(pd.DataFrame({"country": ["KAZ", "TUR"], "value": [2, 40]}), scale="linear").data[0]
    assert list(trace.z) == [2, 40] and trace.zmin == 0
    assert trace.colorbar.tickvals is None and "log" not in (trace.colorbar.title.text or "")
    with pytest.raises(ValueError):
        maps.choropleth(pd.DataFrame({"country": ["KAZ"], "value": [2]}), scale="sqrt")


def test_diverging_map_stays_linear_and_centred():
    frame = pd.DataFrame({"country": ["KAZ", "TUR", "IND"], "balance": [-3, 5, 120]})
    trace = maps.choropleth(frame, value="balance", diverging=True).data[0]
    assert list(trace.z) == [-3, 5, 120]
    assert trace.zmid == 0 and trace.colorbar.tickvals is None
    assert trace.colorscale[0][1] == maps.DIVERGING_COLORSCALE[0][1]


def test_log_map_falls_back_to_linear_for_fractions_and_skips_zeros_and_missing():
    fractions = maps.choropleth(pd.DataFrame({"country": ["KAZ", "TUR"], "value": [0.5, 3.0]})).data[0]
    assert list(fractions.z) == [0.5, 3.0] and fractions.colorbar.tickvals is None
    frame = pd.DataFrame({"country": ["KAZ", "TUR", "IND", None], "value": [0, 10, None, 4]})
    trace = maps.choropleth(frame, names=["Kazakhstan", "Turkey", "India", "?"]).data[0]
    assert list(trace.locations) == ["TUR"]
    assert list(trace.customdata[0]) == ["Turkey", "", 10]
    assert "nan" not in str(list(trace.customdata)).lower() and "none" not in str(list(trace.customdata)).lower()


def test_missing_values_show_a_dash_with_the_reason_never_nan():
    frame = pd.DataFrame({"year": [2022, 2023, 2024], "value": [4, None, float("nan")]})
    for fig in (basic.bar(frame, "year", "value", years=True, missing_reason="No export for this year"),
                basic.line(frame, "year", "value", missing_reason="No export for this year")):
        main = fig.data[0]
        assert list(main.y) == [4, None, None]
        marks = [trace for trace in fig.data if trace.meta == basic.MISSING_META]
        assert len(marks) == 1
        assert list(marks[0].text) == ["—", "—"]
        assert [row[0] for row in marks[0].customdata] == ["2023/24", "2024/25"]
        assert marks[0].customdata[0][1] == "<br>No export for this year"
        assert "—" in marks[0].hovertemplate
        for trace in fig.data:
            parts = (trace.hovertemplate, trace.customdata, trace.text, getattr(trace, "texttemplate", None))
            shown = " ".join(str(part) for part in parts if part is not None)
            assert "nan" not in shown.lower() and "none" not in shown.lower()
    bars = basic.bar(frame, "year", "value", years=True)
    assert list(bars.data[0].texttemplate) == ["%{y:,d}", "—", "—"]
    assert bars.data[1].customdata[0][1] == ""  # no reason given: just the dash


def test_missing_reason_per_row_follows_sorting():
    frame = pd.DataFrame({"faculty": ["A", "B", "C"], "students": [5, None, 2]})
    reasons = pd.Series(["", "Not reported <b>yet</b>", ""], index=frame.index)
    fig = basic.bar(frame, "faculty", "students", horizontal=True, missing_reason=reasons)
    mark = next(trace for trace in fig.data if trace.meta == basic.MISSING_META)
    assert list(mark.y) == ["B"] and list(mark.x) == [0]
    assert mark.customdata[0][1] == "<br>Not reported &lt;b&gt;yet&lt;/b&gt;"


def test_missing_marks_are_not_data():
    frame = pd.DataFrame({"year": [2023, 2024], "value": [None, None]})
    assert not basic.has_data(basic.bar(frame, "year", "value", years=True, missing_reason="No export"))
    assert not basic.has_data(basic.line(frame, "year", "value", missing_reason="No export"))


def test_every_figure_has_the_explicit_template_and_old_calls_work():
    frame = pd.DataFrame({"year": [2023, 2024], "value": [1, 2]})
    figures = [basic.bar(frame, "year", "value", years=True), basic.line(frame, "year", "value"),
               basic.bar(frame.assign(year=["a", "b"]), "year", "value", horizontal=True, text=False),
               basic.big_number(3),
               maps.choropleth(pd.DataFrame({"country": ["KAZ"], "value": [1]}))]
    assert all(fig.layout.template == TEMPLATE for fig in figures)
    dark = basic.line(frame, "year", "value", template=DARK_TEMPLATE)
    assert dark.layout.template == DARK_TEMPLATE


def test_academic_year_is_the_shared_vocabulary_label():
    from metrics.vocabulary import academic_year_label

    assert academic_year is academic_year_label
    assert academic_year(2024) == "2024/25" and academic_year(1999) == "1999/00"


# ------------------------------------------------------------------ projection band (metrics.targets.projection_band)

BAND = pd.DataFrame({"year": [2024, 2025, 2026], "value": [20.0, 23.0, 26.0], "low": [20.0, 19.5, 18.0],
                     "high": [20.0, 26.5, 34.0]})


def test_line_with_a_band_fills_between_low_and_high_and_draws_the_projection():
    frame = pd.DataFrame({"year": [2022, 2023, 2024], "value": [14, 17, 20]})
    fig = basic.line(frame, "year", "value", band=BAND, band_label="Интервал 80%", projection_label="Прогноз")
    area = next(trace for trace in fig.data if trace.fill == "toself")
    assert list(area.x) == [2024, 2025, 2026, 2026, 2025, 2024]
    assert list(area.y) == [20.0, 26.5, 34.0, 18.0, 19.5, 20.0]  # high forward, low back: the band between
    assert area.name == "Интервал 80%" and area.meta == basic.REFERENCE_META
    assert "rgba(" in area.fillcolor
    projected = next(trace for trace in fig.data if trace.name == "Прогноз")
    assert (list(projected.x), list(projected.y)) == ([2024, 2025, 2026], [20.0, 23.0, 26.0])
    assert projected.line.dash == "dash" and projected.meta == basic.REFERENCE_META
    assert "2026" in str(list(fig.layout.xaxis.tickvals))  # the axis reaches the target year
    assert fig.layout.yaxis.range is None or fig.layout.yaxis.range[1] >= 34.0
    # the default legend names, and every old call unchanged
    default = basic.line(frame, "year", "value", band=BAND)
    assert {trace.name for trace in default.data if trace.meta == basic.REFERENCE_META} == {"interval", "projection"}
    assert len(basic.line(frame, "year", "value").data) == 1
    assert len(basic.line(frame, "year", "value", band=BAND.iloc[:0]).data) == 1


def test_has_data_ignores_the_band():
    empty = pd.DataFrame({"year": [2023, 2024], "value": [None, None]}).astype({"value": "Float64"})
    assert not basic.has_data(basic.line(empty, "year", "value", band=BAND))
    filled = empty.fillna(5)
    assert basic.has_data(basic.line(filled, "year", "value", band=BAND)) == basic.has_data(
        basic.line(filled, "year", "value"))


# ------------------------------------------------------------------------------ issue 12: cheap figures

def test_templates_are_explicit_small_objects_built_once():
    """Every builder gets the template object (never a name looked up and copied from plotly's registry):
    light and dark, with a paper colour of their own so that an exported image is never black."""
    assert isinstance(TEMPLATE, go.layout.Template) and isinstance(DARK_TEMPLATE, go.layout.Template)
    assert TEMPLATE.layout.paper_bgcolor == "white"
    assert DARK_TEMPLATE.layout.paper_bgcolor == "rgb(17,17,17)"
    assert list(TEMPLATE.layout.colorway) == style.PALETTE
    # small: only the trace types we draw, not plotly_white's defaults for 3-D scenes, polar, carpet, …
    assert set(TEMPLATE.data.to_plotly_json()) <= {"bar", "choropleth"}
    frame = pd.DataFrame({"year": [2023, 2024], "value": [1, 2]})
    for fig in (basic.bar(frame, "year", "value", years=True), basic.line(frame, "year", "value"),
                maps.choropleth(pd.DataFrame({"country": ["KAZ"], "value": [1]}))):
        assert isinstance(fig.layout.template, go.layout.Template)
        assert fig.layout.template == TEMPLATE
        assert fig.to_plotly_json()["layout"]["template"]["layout"]["paper_bgcolor"] == "white"
    # plotly's names still work for callers and mean ours
    assert basic.line(frame, "year", "value", template="plotly_dark").layout.template == DARK_TEMPLATE
    assert style.is_dark(DARK_TEMPLATE) and not style.is_dark(TEMPLATE) and style.is_dark("plotly_dark")


def test_maps_draw_no_separate_border_layer():
    fig = maps.choropleth(pd.DataFrame({"country": ["KAZ", "SGP"], "value": [3, 1]}))
    assert fig.layout.geo.showcountries is False  # the choropleth's marker lines outline the countries
    assert fig.data[0].marker.line.width > 0
    assert fig.layout.geo.resolution == 110  # 1:110m shapes: drawn in less than half the time of 1:50m


def test_small_states_without_a_shape_are_markers_with_the_same_hover_and_colour():
    """At 1:110m Singapore, Malta, Bahrain have no shape: each gets a marker at its centroid, located by its
    ISO code, coloured on the same scale, with the same hover text."""
    assert {"SGP", "MLT", "BHR", "MDV"} <= set(maps.small_states())
    assert "KAZ" not in maps.small_states() and "IND" not in maps.small_states()
    frame = pd.DataFrame({"country": ["IND", "SGP", "KAZ", "MLT"], "value": [1249, 3, 40, 1]})
    fig = maps.choropleth(frame, names=["India", "Singapore", "Kazakhstan", "Malta"])
    shapes, markers = fig.data
    assert list(shapes.locations) == ["IND", "SGP", "KAZ", "MLT"]  # the choropleth still lists every country
    assert markers.type == "scattergeo" and list(markers.locations) == ["SGP", "MLT"]
    assert markers.locationmode == "geojson-id"
    assert [f["id"] for f in markers.geojson["features"]] == ["SGP", "MLT"]
    lon, lat = markers.geojson["features"][0]["properties"]["ct"]
    assert 103 < lon < 105 and 0 < lat < 2  # Singapore
    assert list(markers.marker.color) == [shapes.z[1], shapes.z[3]]
    assert (markers.marker.cmin, markers.marker.cmax) == (shapes.zmin, shapes.zmax)
    assert markers.hovertemplate == shapes.hovertemplate
    assert [row[0] for row in markers.customdata] == ["Singapore", "Malta"]
    assert len(maps.choropleth(frame.iloc[[0, 2]]).data) == 1  # no small state: no marker trace
    diverging = maps.choropleth(frame.assign(value=[5, -2, 0, 1]), diverging=True)
    assert (diverging.data[1].marker.cmin, diverging.data[1].marker.cmax) == (-5, 5)  # as the shapes' zmid=0 range


def test_same_block_builds_equal_figures_and_the_cache_returns_the_same_one(data, year):
    """Two builds of one block are equal (same JSON: the chart keeps its identity in the browser); the app's
    figure cache gives the very same object for an equal block and a new one for changed data."""
    import plotly.io as pio

    from app import state
    from charts.blocks import figure
    from metrics.filters import Filters
    from metrics.sections import build_section

    result = build_section("students", data, year, "en", Filters())
    again = build_section("students", data, year, "en", Filters())
    narrowed = build_section("students", data, year, "en", Filters(countries=("IND",)))
    blocks = [b for b in result.blocks if b.chart is not None]
    assert blocks
    for block, same, other in zip(blocks, [b for b in again.blocks if b.chart is not None],
                                  [b for b in narrowed.blocks if b.chart is not None]):
        first, second = figure(block, "en"), figure(same, "en")
        assert first == second
        assert pio.to_json(first, validate=False) == pio.to_json(second, validate=False)
        cached = state.block_figure(block, "en")
        assert state.block_figure(same, "en") is cached
        assert cached == first
        assert state.block_figure(block, "ru") is not cached  # the language is part of the key
        assert state.block_figure(other, "en") is not cached
    assert len(state._figures) <= state.FIGURE_CACHE_SIZE
