"""Redraw in a real browser (issue 12): a filter change leaves the charts it does not change mounted.

Streamlit 1.67 gives a plotly chart an identity derived from its key *and* its figure: a chart whose
figure is the same after a rerun keeps its DOM node and is not drawn again; one whose figure changed
is drawn anew. Moving the start of the year range changes the Foreign students trend only (the map and
the bars describe the scorecard year), so only that chart may get a new node. The page draws three charts:
the map, the trend and the open tab of the breakdowns (faculty, level, top countries, region).
"""

from __future__ import annotations

import pytest

from tests._server import CHROMIUM
from tests.test_browser import DRAW_TIMEOUT, page, server, wait_drawn  # noqa: F401 - fixtures

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")

# A marker attribute on every chart's SVG root, and the script-state changes from now on.
MARK = """() => {
  window.__runs = [];
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => window.__runs.push(app.getAttribute('data-test-script-state')))
    .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
  return [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map((chart, i) => {
    chart.querySelector('.main-svg').setAttribute('data-redraw-mark', String(i));
    return String(i);
  });
}"""
MARKS = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map(chart => {
  const svg = chart.querySelector('.main-svg');
  return svg ? svg.getAttribute('data-redraw-mark') : null;
})"""
TREND_TICKS = """() => document.querySelectorAll('[data-testid="stPlotlyChart"]')[1]
  .querySelector('.xaxislayer-above').textContent"""


def test_unchanged_charts_keep_their_dom_node_across_a_filter_change(server, page):  # noqa: F811
    page.goto(f"{server}/students")
    wait_drawn(page, True, charts=3)
    before = page.evaluate(MARK)
    assert len(before) == 3
    assert page.evaluate(TREND_TICKS).startswith("2016/17")
    # the start of the sidebar's year range one step to the right (2017/18)
    page.locator("[data-testid='stSidebar'] [data-testid='stSlider'] input[type=range]").first.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => window.__runs.includes('running')", timeout=DRAW_TIMEOUT)
    page.wait_for_function("() => location.search.includes('from=')", timeout=DRAW_TIMEOUT)
    wait_drawn(page, True, charts=3)
    after = page.evaluate(MARKS)
    assert len(after) == len(before)
    assert page.evaluate(TREND_TICKS).startswith("2017/18")  # the trend did change…
    assert after[1] is None  # …and was drawn anew
    # the map and the bar charts of the scorecard year are the same: same node, not drawn again
    assert [after[i] for i in range(len(after)) if i != 1] == [before[i] for i in range(len(before)) if i != 1]
    assert not page.locator("[data-testid='stException']").count()


SELECTED_SHAPES = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')[0]
  .querySelectorAll('path.choroplethlocation')].filter(p => Number(getComputedStyle(p).opacity) > 0.9).length"""
SHAPES = """() => document.querySelectorAll('[data-testid="stPlotlyChart"]')[0]
  .querySelectorAll('path.choroplethlocation').length"""


def test_a_map_click_keeps_the_map_and_redraws_the_rest(server, page):  # noqa: F811
    """The clicked map is not drawn again (Plotly has marked the country in the browser); it still shows every
    country, the clicked one at full colour; the charts the click narrowed are drawn anew."""
    page.goto(f"{server}/students")
    wait_drawn(page, True, charts=3)
    shapes = page.evaluate(SHAPES)
    assert shapes > 1 and page.evaluate(SELECTED_SHAPES) == shapes  # nothing selected: all at full colour
    before = page.evaluate(MARK)
    page.locator("[data-testid='stPlotlyChart']").first.locator("path.choroplethlocation").first.click(force=True)
    page.wait_for_function("() => location.search.includes('country=')", timeout=DRAW_TIMEOUT)
    page.get_by_text("Clear countries").wait_for(timeout=DRAW_TIMEOUT)
    wait_drawn(page, True, charts=3)
    after = page.evaluate(MARKS)
    assert after[0] == before[0]  # the map: the same node
    assert all(mark is None for mark in after[1:])  # every other chart narrowed to the country: drawn anew
    assert page.evaluate(SHAPES) == shapes  # every country is still there to click
    assert page.evaluate(SELECTED_SHAPES) == 1  # the clicked one stands out
    assert not page.locator("[data-testid='stException']").count()


BAR_CATEGORIES = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')[2]
  .querySelectorAll('.ytick text')].map(t => t.textContent)"""


def test_a_tab_is_drawn_when_opened_and_the_rest_stays(server, page):  # noqa: F811
    """The breakdowns are tabs of which only the open one is built: opening another draws its chart (the
    level names replace the faculties), while the map and the trend keep their nodes."""
    from metrics import vocabulary as V
    from metrics.ingest import load_dataset
    from tests.conftest import ROOT

    page.goto(f"{server}/students")
    wait_drawn(page, True, charts=3)
    faculties = page.evaluate(BAR_CATEGORIES)
    before = page.evaluate(MARK)
    page.get_by_role("tab", name=V.t("students.by_level", "en")).click()
    page.wait_for_function("() => window.__runs.includes('running')", timeout=DRAW_TIMEOUT)
    wait_drawn(page, True, charts=3)
    after = page.evaluate(MARKS)
    assert after[:2] == before[:2] and after[2] is None  # map and trend kept; the level chart drawn
    levels = page.evaluate(BAR_CATEGORIES)
    assert levels and set(levels).isdisjoint(faculties)
    written = load_dataset(ROOT / "data").get("students")["level"].dropna().unique()
    assert set(levels) <= {V.data_value_label("level", level, "en") for level in written}
    assert not page.locator("[data-testid='stException']").count()
