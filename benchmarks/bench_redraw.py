"""Redraw speed of the dashboard against the framework's floor (issue 12).

    .venv/bin/python benchmarks/bench_redraw.py [--runs 7] [--baseline DIR]

Serves the dashboard (sample data) and benchmarks/minimal_app.py (one 1:50m choropleth and one line
chart, same offline shapes) at the same time and measures them alternately, so both see the same machine:
- filter: the sidebar's year slider moved one step (keyboard) on the Foreign students page / the minimal
  app, until the rerun is over and every chart is drawn again;
- click: a country clicked on the first map (which filters to it), same end;
- first view: the dashboard's root URL (Overview, the default page) in a fresh tab (new session, warm
  server) / the minimal app's first view;
Every measurement starts from a fresh tab; one unmeasured round first warms both servers' caches (the
measured redraws are the warm ones a reader sees on the second visit of a filter). Also counts the
charts whose DOM node survived the filter change (kept mounted, not drawn again).
``--baseline DIR`` serves a second copy of the dashboard from DIR (e.g. the code before a change) and
measures it in the same rounds, so a change is compared against the code it replaces on the same machine.
Prints medians and ratios and writes them to benchmarks/results/redraw.json. Needs /usr/bin/chromium.
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
MINIMAL_APP = ROOT / "benchmarks" / "minimal_app.py"
SERVER_START_TIMEOUT = 120  # seconds
# The minimal app runs from a temporary folder without the dashboard's .streamlit/config.toml.
OPTIONS = (*LOCAL_OPTIONS, "--server.enableStaticServing", "true")
TIMEOUT_MS = 60_000
START_TIMEOUT_MS = 15_000  # a click that started no rerun (it missed the shape) is tried again
ATTEMPTS = 3
REDRAW_GOAL = 1.0  # x the minimal app's redraw
FIRST_VIEW_GOAL = 1.2  # x the minimal app's first view
VIEWPORT = {"width": 1440, "height": 900}

# The script run is over, every plotly chart has its SVG and every map its country shapes.
DRAWN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  return charts.length > 0 && charts.every(c => c.querySelector('.main-svg')
    && (!c.querySelector('.geo') || c.querySelector('path.choroplethlocation')));
}"""
# Two animation frames: what was drawn has been painted.
PAINTED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"
# Script-state changes, so that a finished rerun is told from the state before the action; charts marked.
WATCH = """() => {
  window.__runs = [];
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => window.__runs.push(app.getAttribute('data-test-script-state')))
    .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
  document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg').forEach(s => s.setAttribute('data-kept', '1'));
}"""
KEPT = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
  .filter(c => c.querySelector('.main-svg[data-kept]')).length"""
CHARTS = "() => document.querySelectorAll('[data-testid=\"stPlotlyChart\"]').length"


def _open(browser, url: str):
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.goto(url)
    try:
        page.wait_for_function(DRAWN, timeout=TIMEOUT_MS, polling=20)
    except Exception:
        (ROOT / "test-output").mkdir(exist_ok=True)
        page.screenshot(path=str(ROOT / "test-output" / "bench_redraw_timeout.png"))
        raise
    page.evaluate(PAINTED)
    return context, page


def first_view(browser, url: str) -> float:
    """Seconds from opening the page in a fresh tab (new session) to every chart drawn."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    begin = time.perf_counter()
    page.goto(url)
    page.wait_for_function(DRAWN, timeout=TIMEOUT_MS, polling=10)
    page.evaluate(PAINTED)
    elapsed = time.perf_counter() - begin
    context.close()
    return elapsed


def redraw(browser, url: str, action: str) -> tuple[float, int, int]:
    """(seconds from the action to every chart drawn again, charts kept mounted, charts) in a fresh tab."""
    context, page = _open(browser, url)
    try:
        if action == "click":
            target = page.locator("[data-testid='stPlotlyChart']").first.locator("path.choroplethlocation").first
        else:  # the start of the sidebar's year range, one step to the right
            target = page.locator("[data-testid='stSidebar'] [data-testid='stSlider'] input[type=range]").first
        target.wait_for(state="attached", timeout=TIMEOUT_MS)
        page.evaluate(WATCH)
        begin = time.perf_counter()
        if action == "click":
            target.click(force=True)
        else:
            target.focus()
            page.keyboard.press("ArrowRight")
        page.wait_for_function("() => window.__runs.includes('running')", timeout=START_TIMEOUT_MS, polling=10)
        page.wait_for_function(DRAWN, timeout=TIMEOUT_MS, polling=10)
        page.evaluate(PAINTED)
        elapsed = time.perf_counter() - begin
        return elapsed, page.evaluate(KEPT), page.evaluate(CHARTS)
    finally:
        context.close()


def _attempt(case):
    """The measurement, tried again (fresh tab) when the action started no rerun."""
    for attempt in range(ATTEMPTS):
        try:
            return case()
        except Exception:  # noqa: BLE001 - playwright's TimeoutError; the last one is raised
            if attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="measurements of each kind (median)")
    parser.add_argument("--baseline", type=Path, default=None, help="a copy of the dashboard to measure as well")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    results: dict = {"when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "runs": args.runs}
    samples: dict[str, list[float]] = {}
    kept: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        folder = Path(folder)
        (folder / "minimal_app.py").write_text(MINIMAL_APP.read_text())
        (folder / "static").symlink_to(ROOT / "static", target_is_directory=True)
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        dashboard = start_server(ROOT / "dashboard.py", cwd=ROOT, options=OPTIONS, timeout=SERVER_START_TIMEOUT)
        minimal = start_server(folder / "minimal_app.py", cwd=folder, options=OPTIONS, timeout=SERVER_START_TIMEOUT)
        baseline = (start_server(args.baseline / "dashboard.py", cwd=args.baseline, options=OPTIONS,
                                 timeout=SERVER_START_TIMEOUT) if args.baseline else None)
        cases = {
            "dashboard_filter": lambda: redraw(browser, dashboard.url + "/students", "filter"),
            "minimal_filter": lambda: redraw(browser, minimal.url, "filter"),
            "dashboard_click": lambda: redraw(browser, dashboard.url + "/students", "click"),
            "minimal_click": lambda: redraw(browser, minimal.url, "click"),
            "dashboard_first_view": lambda: (first_view(browser, dashboard.url + "/"), 0, 0),
            "minimal_first_view": lambda: (first_view(browser, minimal.url), 0, 0),
        }
        if baseline is not None:
            cases.update({
                "baseline_filter": lambda: redraw(browser, baseline.url + "/students", "filter"),
                "baseline_click": lambda: redraw(browser, baseline.url + "/students", "click"),
                "baseline_first_view": lambda: (first_view(browser, baseline.url + "/"), 0, 0),
            })
        try:
            for case in cases.values():  # warm-up round: caches filled, nothing measured
                _attempt(case)
            for _ in range(args.runs):
                for name, case in cases.items():  # alternating: dashboard, minimal, dashboard, …
                    seconds, survived, charts = _attempt(case)
                    samples.setdefault(name, []).append(seconds)
                    if charts:
                        kept.setdefault(name, []).append(f"{survived}/{charts}")
        finally:
            stop_server(dashboard.process)
            stop_server(minimal.process)
            if baseline is not None:
                stop_server(baseline.process)
            browser.close()
    for name, values in samples.items():
        results[f"{name}_s"] = _median(values)
        results[f"{name}_all_s"] = [round(v, 3) for v in values]
    for name, values in kept.items():
        results[f"{name}_charts_kept_mounted"] = values[len(values) // 2]
    results["filter_redraw_vs_minimal"] = round(results["dashboard_filter_s"] / results["minimal_filter_s"], 2)
    results["click_redraw_vs_minimal"] = round(results["dashboard_click_s"] / results["minimal_click_s"], 2)
    results["first_view_vs_minimal"] = round(results["dashboard_first_view_s"] / results["minimal_first_view_s"], 2)
    if args.baseline:
        results["baseline"] = str(args.baseline)
        for kind in ("filter", "click", "first_view"):
            results[f"baseline_{kind}_vs_minimal"] = round(results[f"baseline_{kind}_s"] / results[f"minimal_{kind}_s"], 2)
            results[f"{kind}_vs_baseline"] = round(results[f"dashboard_{kind}_s"] / results[f"baseline_{kind}_s"], 2)
    results["goal_redraw_within_1_0x_minimal"] = max(results["filter_redraw_vs_minimal"],
                                                     results["click_redraw_vs_minimal"]) <= REDRAW_GOAL
    results["goal_first_view_within_1_2x_minimal"] = results["first_view_vs_minimal"] <= FIRST_VIEW_GOAL

    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "redraw.json").write_text(json.dumps(results, indent=2) + "\n")
    width = max(map(len, results))
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")
    return results


if __name__ == "__main__":
    main()
