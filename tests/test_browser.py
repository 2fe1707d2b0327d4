"""The dashboard in a real browser: every page draws, maps have country shapes, nothing leaves the host.

Runs headless Debian Chromium (/usr/bin/chromium) through Playwright; never downloads a
browser. Screenshots of every page go to test-output/screenshots/ (gitignored).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest

from tests._server import CHROMIUM, start_server, stop_server
from charts.maps import MAP_RESOLUTION
from tests.conftest import dashboard_pages

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "test-output" / "screenshots"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
# (url path, has a map); the order of the navigation.
# Pages that draw a map (the others are checked for their charts only), and pages without charts on the
# sample (tables only; the Universities page of a single-university folder says there is nothing to compare).
MAP_PAGES = {"students", "partners", "programs", "mobility", "science", "recruitment"}
CHARTLESS_PAGES = {"data", "reports", "accreditation", "comparison"}
PAGES = [(Path(page).stem, Path(page).stem in MAP_PAGES) for page in dashboard_pages()]
DRAW_TIMEOUT = 60_000  # ms

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")


@contextmanager
def serve(data_dir: Path | None = None, log_name: str = "streamlit.log"):
    """The dashboard served on a free local port (on ``data_dir`` when given), until the block ends."""
    (ROOT / "test-output").mkdir(exist_ok=True)
    env = dict(os.environ, IC_DATA_DIR=str(data_dir)) if data_dir is not None else None
    with open(ROOT / "test-output" / log_name, "w") as log:
        running = start_server(output=log, env=env)
        try:
            yield running.url
        finally:
            stop_server(running.process)


@pytest.fixture(scope="session")
def server():
    """The dashboard on the sample data, for the whole session."""
    with serve() as url:
        yield url


@pytest.fixture(scope="session")
def hostile_server(tmp_path_factory):
    """The dashboard on the sample data with markup, markdown and bidi overrides in names (tests/test_markup_safety.py)."""
    from test_markup_safety import build_hostile_folder

    with serve(build_hostile_folder(tmp_path_factory.mktemp("hostile")), "streamlit_hostile.log") as url:
        yield url


@pytest.fixture
def page(browser):
    """A fresh tab recording every request it makes."""
    context = browser.new_context(viewport={"width": 1440, "height": 2400})
    tab = context.new_page()
    tab.requests = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    yield tab
    context.close()


def foreign_hosts(urls: list[str]) -> list[str]:
    """Requests that went anywhere but this machine (data: and blob: URLs stay in the page)."""
    out = []
    for url in urls:
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob", "about"):
            continue
        if parsed.hostname not in LOCAL_HOSTS:
            out.append(url)
    return out


SCRIPT_DONE = ("() => { const app = document.querySelector('[data-testid=\"stApp\"]');"
               " return app && app.getAttribute('data-test-script-state') === 'notRunning'; }")
CHARTS_DRAWN = ("(least) => { const charts = [...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')];"
                " return charts.length >= least && charts.every(c => c.querySelector('.main-svg')); }")


def wait_drawn(tab, has_map: bool, charts: int = 1) -> None:
    """Until the script run has finished and every chart (at least ``charts``, and map shapes) is on the page."""
    tab.wait_for_function(SCRIPT_DONE, timeout=DRAW_TIMEOUT)
    tab.wait_for_function(CHARTS_DRAWN, arg=charts, timeout=DRAW_TIMEOUT)
    tab.wait_for_function(SCRIPT_DONE, timeout=DRAW_TIMEOUT)
    if has_map:
        tab.wait_for_selector("path.choroplethlocation", timeout=DRAW_TIMEOUT)
    tab.wait_for_timeout(500)  # let the last plot finish its transition before the screenshot


@pytest.mark.parametrize("path,has_map", PAGES)
def test_page_draws_offline(server, page, path, has_map):
    response = page.goto(f"{server}/{path}")
    assert response is not None and response.ok
    wait_drawn(page, has_map, charts=0 if path in CHARTLESS_PAGES else 1)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{path}.png"))
    errors = page.locator("[data-testid='stException']").all_inner_texts()
    assert not errors, errors
    if has_map:
        shapes = page.locator("path.choroplethlocation").count()
        assert shapes >= 5, f"only {shapes} country shapes drawn on {path}"
        assert page.locator(".geo path").count() > shapes  # land and borders are drawn too
        assert any(url.endswith(f"/app/static/topojson/world_{MAP_RESOLUTION}m.json") for url in page.requests)
    assert page.locator("[data-testid='stPlotlyChart']").count() >= 1 or path in CHARTLESS_PAGES
    assert foreign_hosts(page.requests) == [], foreign_hosts(page.requests)


def test_students_map_shows_every_country_of_the_breakdown(server, page):
    """One drawn shape per mapped country: 1:50m shapes have even Singapore, Malta and Bahrain."""
    from metrics import breakdowns
    from metrics.ingest import load_dataset
    from metrics.engine import available_years

    data = load_dataset(ROOT / "data")
    year = available_years(data)[-1]
    expected = breakdowns.foreign_students_map(data, year)
    page.goto(f"{server}/students")
    wait_drawn(page, True)
    first_map = page.locator("[data-testid='stPlotlyChart']").first
    assert first_map.locator("path.choroplethlocation").count() == len(expected)


def test_language_and_filters_come_from_the_link(server, page):
    page.goto(f"{server}/students?lang=ru&from=2019&to=2022")
    wait_drawn(page, True)
    assert page.locator("h1").first.inner_text().strip() == "Иностранные студенты"
    assert "2022/23" in page.locator("[data-testid='stMainBlockContainer']").inner_text()
    assert foreign_hosts(page.requests) == []


def test_clicking_a_country_narrows_the_view(server, page):
    page.goto(f"{server}/students")
    wait_drawn(page, True)
    shapes = page.locator("[data-testid='stPlotlyChart']").first.locator("path.choroplethlocation")
    shapes.nth(0).click(force=True)
    page.wait_for_function("() => location.search.includes('country=')", timeout=DRAW_TIMEOUT)
    page.get_by_text("Clear countries").wait_for(timeout=DRAW_TIMEOUT)
    wait_drawn(page, True)
    assert "country=" in page.url
    assert page.locator("[data-testid='stSidebar']").get_by_text("Clear countries").count() == 1
    page.screenshot(path=str(SCREENSHOTS / "students_country_selected.png"))


def test_presentation_keyboard_and_theme(server, page):
    page.goto(f"{server}/presentation")
    wait_drawn(page, False)
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    caption = page.get_by_text("Slide 1 of", exact=False)
    assert caption.count() == 1
    page.keyboard.press("ArrowRight")
    page.get_by_text("Slide 2 of", exact=False).wait_for(timeout=DRAW_TIMEOUT)
    page.keyboard.press("ArrowLeft")
    page.get_by_text("Slide 1 of", exact=False).wait_for(timeout=DRAW_TIMEOUT)
    assert foreign_hosts(page.requests) == []


# Links, images and frames pointing at the test's outside host, anywhere in the page (Plotly SVGs included).
EVIL_ELEMENTS = """() => [...document.querySelectorAll('a, image, img, iframe, source, link, script')].map(
    e => [e.getAttribute('href'), e.getAttribute('xlink:href'), e.getAttributeNS('http://www.w3.org/1999/xlink', 'href'),
          e.getAttribute('src')].filter(v => v && v.includes('evil.example')).join(' ')).filter(v => v)"""
HUGE_TEXT = """() => [...document.querySelectorAll('*')].filter(
    e => getComputedStyle(e).fontSize === '400px' || /font-size:\\s*400px/.test(e.getAttribute('style') || '')).length"""
PAGE_TEXT = "() => document.body.textContent"


def hover_every_point(tab, limit: int = 80) -> None:
    """Move the mouse over map shapes and bars so that Plotly draws their hover labels."""
    points = tab.locator("[data-testid='stPlotlyChart'] path.choroplethlocation, "
                         "[data-testid='stPlotlyChart'] g.point path")
    for index in range(min(points.count(), limit)):
        try:
            points.nth(index).hover(force=True, timeout=2_000)
        except Exception:  # noqa: BLE001 - a shape hidden behind another one cannot be hovered; others are
            continue
        assert tab.evaluate(EVIL_ELEMENTS) == []


WATCH_RUNS = """() => { window.__runs = []; const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => window.__runs.push(app.getAttribute('data-test-script-state')))
    .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']}); }"""


def open_each_tab(tab):
    """Every tab of the page's tab groups opened in turn (app.ui.tab_group: only the open one is built and
    drawn); yields once the page as it is is drawn, then after each other tab's rerun is drawn."""
    yield
    tabs = tab.get_by_role("tab")
    for index in range(tabs.count()):
        item = tabs.nth(index)
        if item.get_attribute("aria-selected") == "true":
            continue
        tab.evaluate(WATCH_RUNS)
        item.click()
        tab.wait_for_function("() => window.__runs.includes('running')", timeout=DRAW_TIMEOUT)
        wait_drawn(tab, False, charts=0)
        yield


@pytest.mark.parametrize("path,has_map", [p for p in PAGES if p[0] not in ("reports",)])
def test_no_markup_from_the_link_or_the_data(hostile_server, page, path, has_map):
    """Hostile link parameters and hostile names in every export: no outside link, request or giant text."""
    from test_markup_safety import EVIL_SPAN, HOSTILE_QUERY

    page.goto(f"{hostile_server}/{path}?{urlencode(HOSTILE_QUERY)}")
    wait_drawn(page, has_map, charts=0 if path in CHARTLESS_PAGES else 1)
    assert "«country»" in page.evaluate(PAGE_TEXT)  # the ignored parameters are named
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"hostile_{path}.png"))
    texts = []
    for _ in open_each_tab(page):  # the charts of every tab
        hover_every_point(page)
        assert page.evaluate(EVIL_ELEMENTS) == []
        assert page.evaluate(HUGE_TEXT) == 0
        assert not page.locator("[data-testid='stException']").count()
        texts.append(page.evaluate(PAGE_TEXT))
    if path == "partners":  # the hostile partner type is a bar's category, drawn as text
        assert any(EVIL_SPAN.lower() in text for text in texts)
    assert foreign_hosts(page.requests) == [], foreign_hosts(page.requests)
