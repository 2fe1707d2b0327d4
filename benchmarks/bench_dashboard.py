"""Dashboard speed on the sample data, against the framework's floor.

    .venv/bin/python benchmarks/bench_dashboard.py [--runs 3]

Measures, in one run:
- cold start: process start -> /_stcore/health ok -> first page (Overview) drawn in a browser;
- first view: Overview in a fresh browser tab (new session, server already warm) until its
  script has finished and every chart is drawn (median of --runs);
- redraw after a filter change (a country clicked on the Students map, which filters to it): first time (computed) and
  again (served from cache);
- floor: the same first-view time for a minimal Streamlit app showing one world map.
Prints the figures and writes them to benchmarks/results/ (JSON). Needs /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the server helper is shared with the browser tests

from tests._server import CHROMIUM, CHROMIUM_ARGS, LOCAL_OPTIONS, start_server, stop_server  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
SERVER_START_TIMEOUT = 120  # seconds
# The floor app runs from a temporary folder without the dashboard's .streamlit/config.toml.
OPTIONS = (*LOCAL_OPTIONS, "--server.enableStaticServing", "true")
TIMEOUT_MS = 120_000
FIRST_VIEW_GOAL = 1.5  # x the floor
REDRAW_GOAL = 0.5  # seconds

FLOOR_APP = '''
import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="floor", layout="wide")
st.title("Floor")
fig = go.Figure(go.Choropleth(locations=["KAZ", "UZB", "IND", "CHN", "DEU"], z=[1, 2, 3, 4, 5],
                              locationmode="ISO-3"))
fig.update_geos(resolution=50)
fig.update_layout(template="plotly_white", height=520)
st.plotly_chart(fig, config={"topojsonURL": "app/static/topojson/"}, theme=None)
'''

# The script run is over and every plotly chart has drawn its SVG.
DRAWN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  return charts.length > 0 && charts.every(c => c.querySelector('.main-svg'));
}"""


def first_view(browser, url: str) -> float:
    """Seconds from opening the page in a fresh context (new session) to all charts drawn."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    begin = time.perf_counter()
    page.goto(url)
    page.wait_for_function(DRAWN, timeout=TIMEOUT_MS, polling=20)
    elapsed = time.perf_counter() - begin
    context.close()
    return elapsed


def redraw_after_filter(browser, url: str, key: str) -> float:
    """Seconds from a click on a map country (which filters the page to it) to the page redrawn."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(DRAWN, timeout=TIMEOUT_MS, polling=20)
    # Record the script-state changes so a finished rerun can be told from the state before the key press.
    page.evaluate("""() => {
      window.__runs = [];
      const app = document.querySelector('[data-testid="stApp"]');
      new MutationObserver(() => window.__runs.push([performance.now(), app.getAttribute('data-test-script-state')]))
        .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
    }""")
    # A click on a country of the first map adds it to the country filter (on_select="rerun").
    shape = page.locator("[data-testid='stPlotlyChart']").first.locator("path.choroplethlocation").nth(int(key))
    shape.wait_for(timeout=TIMEOUT_MS)
    begin = time.perf_counter()
    shape.click(force=True)
    page.wait_for_function("() => window.__runs.some(r => r[1] === 'running')", timeout=TIMEOUT_MS, polling=10)
    page.wait_for_function(DRAWN, timeout=TIMEOUT_MS, polling=10)
    elapsed = time.perf_counter() - begin
    context.close()
    return elapsed


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="fresh-tab views per measurement (median)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    results: dict = {"when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "runs": args.runs}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        # --- the dashboard
        server = start_server(ROOT / "dashboard.py", cwd=ROOT, options=OPTIONS, timeout=SERVER_START_TIMEOUT)
        url = server.url
        try:
            results["cold_start_health_s"] = round(server.seconds_to_healthy, 3)
            first = first_view(browser, url + "/")
            results["cold_start_first_page_drawn_s"] = round(time.perf_counter() - server.started, 3)
            results["cold_first_view_s"] = round(first, 3)
            views = [first_view(browser, url + "/") for _ in range(args.runs)]
            results["first_view_s"] = round(statistics.median(views), 3)
            results["first_view_all_s"] = [round(v, 3) for v in views]
            # A country clicked on the Students map: computed the first time, then (new session) from cache.
            results["redraw_first_time_s"] = round(redraw_after_filter(browser, url + "/students", "0"), 3)
            results["redraw_cached_s"] = round(redraw_after_filter(browser, url + "/students", "0"), 3)
        finally:
            stop_server(server.process)
        # --- the floor: one world map, same static serving
        with tempfile.TemporaryDirectory() as folder:
            folder = Path(folder)
            (folder / "floor.py").write_text(FLOOR_APP)
            (folder / "static").symlink_to(ROOT / "static", target_is_directory=True)
            server = start_server(folder / "floor.py", cwd=folder, options=OPTIONS, timeout=SERVER_START_TIMEOUT)
            url = server.url
            try:
                results["floor_health_s"] = round(server.seconds_to_healthy, 3)
                first_view(browser, url)  # warm the server like the dashboard's cold view did
                floor = [first_view(browser, url) for _ in range(args.runs)]
                results["floor_first_view_s"] = round(statistics.median(floor), 3)
                results["floor_first_view_all_s"] = [round(v, 3) for v in floor]
            finally:
                stop_server(server.process)
        browser.close()
    results["first_view_vs_floor"] = round(results["first_view_s"] / results["floor_first_view_s"], 2)
    results["goal_first_view_within_1_5x_floor"] = results["first_view_vs_floor"] <= FIRST_VIEW_GOAL
    results["goal_redraw_under_0_5s"] = results["redraw_cached_s"] < REDRAW_GOAL

    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    for name in (f"bench_{stamp}.json", "latest.json"):
        (RESULTS / name).write_text(json.dumps(results, indent=2) + "\n")
    width = max(map(len, results))
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")
    return results


if __name__ == "__main__":
    main()
