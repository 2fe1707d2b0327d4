"""10 million student rows: server RSS <= 6 GB after 20 filter combinations; every page's redraw <= 2 s.

    .venv/bin/python benchmarks/bench_pages.py [--rows 10000000] [--runs 5] [--folder DIR] [--pages a,b]

A ministry's folder: a generated ``students.csv`` of ``--rows`` rows naming 200 universities
(benchmarks/bench_ingest.write_students(path, rows, universities=200)), written once into a temporary
folder, or ``--folder``, an existing one (reused as it is; generated there when it has no students.csv).
Its snapshot is made (or checked) first in a subprocess (metrics.store.load_version), so the one
dashboard server started on it (``$IC_DATA_DIR``) loads from the snapshot. Then, in headless Chromium:

- **redraw per page**: every page of dashboard.py's PAGES, and the TOOL_PAGES that show data charts (found
  out on the warm-up visit: Presentation does, with one chart per slide; Data and Reports show tables and
  downloads only, no chart to redraw, so they are visited once and left out): open the page in a fresh tab,
  wait until drawn, move the start of the sidebar's year range one step to the right (keyboard, as
  benchmarks/bench_redraw.py does) and time until the rerun is over and every chart is drawn again. The
  Presentation page hides the sidebar (full screen); the benchmark shows it again with a style of its own to
  reach the same slider. One unmeasured round first (its redraw, computed for the first time, is reported
  as ``first_s``), then ``--runs`` rounds alternating over the pages; median and max of those.
- **memory**: 20 different filter combinations (years, faculty, level, university, country, region: the
  URL parameters of app/filters.py) opened on the Foreign students page, each in a fresh tab; resident
  memory of the server (VmRSS of the streamlit process and its children, /proc) after loading, after the
  pages, and after each combination; max and final, plus the highest value sampled every 0.2 s.

Prints a table and writes benchmarks/results/pages_10m.json (pages_<--rows>.json for another ``--rows``;
with ``--folder``, give the ``--rows`` it holds).
Goals: every page's median redraw <= 2 s; server RSS <= 6 GB. Needs /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_ingest import FACULTIES, LEVELS, write_students  # noqa: E402
from benchmarks.bench_redraw import OPTIONS, PAINTED, VIEWPORT, _attempt  # noqa: E402 - tried up to 3 times
from tests._server import CHROMIUM, CHROMIUM_ARGS, start_server, stop_server  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
UNIVERSITIES = 200
SERVER_START_TIMEOUT = 300  # seconds
START_TIMEOUT_MS = 15_000  # a key press that started no rerun is tried again (fresh tab)
REDRAW_GOAL_S = 2.0
RSS_GOAL_GIB = 6.0
SETTLE = 3.0  # seconds the warm-up visit waits before counting a page's charts
RSS_POLL = 0.2  # seconds between background RSS samples

# bench_redraw's DRAWN, with at least `least` charts; a page that has none (least 0) is drawn once its run is
# over and its title (or a chart) is there. Charts mount a moment after the run (plotly's code is loaded
# lazily in a fresh tab), so each page's chart count is taken on the warm-up visit and asked for later.
DRAWN = """(least) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const main = document.querySelector('[data-testid="stMain"]');
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  if (charts.length < Math.max(least, 1) && !(least === 0 && main && main.querySelector('h1'))) return false;
  return charts.every(c => c.querySelector('.main-svg')
    && (!c.querySelector('.geo') || c.querySelector('path.choroplethlocation')));
}"""
CONTENT = """() => ({charts: document.querySelectorAll('[data-testid="stPlotlyChart"]').length,
  title: (document.querySelector('[data-testid="stMain"] h1') || {}).innerText || null,
  exceptions: [...document.querySelectorAll('[data-testid="stException"]')].map(e => e.innerText.slice(0, 300)),
  alerts: [...document.querySelectorAll('[data-testid="stAlert"]')].map(e => e.innerText.slice(0, 160))})"""
# Script-state changes after the key press, each record's old value too: a rerun over before the observer's
# callback (a cached page) is still seen to have run (bench_redraw's WATCH keeps the current value only).
WATCH = """() => {
  window.__runs = [];
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(records => records.forEach(r => window.__runs.push(r.oldValue,
      app.getAttribute('data-test-script-state'))))
    .observe(app, {attributes: true, attributeOldValue: true, attributeFilter: ['data-test-script-state']});
}"""
# The Presentation page hides the sidebar; shown again (more specific than its rule) to reach the filter.
SHOW_SIDEBAR = """html body [data-testid="stSidebar"][data-testid="stSidebar"] {display: flex !important;}"""
SLIDER = "[data-testid='stSidebar'] [data-testid='stSlider'] input[type=range]"
SLIDE_CAPTION = """() => [...document.querySelectorAll('[data-testid="stCaptionContainer"]')]
  .map(c => c.innerText).join('|')"""

LOAD = """
import json, sys, time
start = time.perf_counter()
from metrics.store import load_version, current_version_id
folder = sys.argv[1]
version = current_version_id(folder)
data = load_version(folder, version)
seconds = time.perf_counter() - start
peak = int(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM'))) / 1024
frame = data.get('students')
print(json.dumps({"seconds": round(seconds, 2), "peak_mib": round(peak), "version": version,
                  "rows_loaded": 0 if frame is None else len(frame)}))
"""


# ----------------------------------------------------------------------------------------------
# Pages and memory
# ----------------------------------------------------------------------------------------------
def dashboard_pages() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(PAGES, TOOL_PAGES) of dashboard.py as (url path, file), read from its source (not imported).

    The first page is the default one: Streamlit serves it at "/" (its own path answers "Page not found").
    """
    found = {}
    for node in ast.parse((ROOT / "dashboard.py").read_text()).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and getattr(node.targets[0], "id", None) in (
                "PAGES", "TOOL_PAGES"):
            found[node.targets[0].id] = [(spec[3], spec[0]) for spec in ast.literal_eval(node.value)]
    return found["PAGES"], found["TOOL_PAGES"]



def process_tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    todo += [int(child) for child in handle.read().split()]
        except OSError:
            continue
    return pids


def _status_kib(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def rss_mib(pid: int) -> float:
    """Resident memory of the process and its children (VmRSS, MiB)."""
    return round(sum(_status_kib(p, "VmRSS") for p in process_tree(pid)) / 1024, 1)


class RssSampler(threading.Thread):
    """The highest RSS of the server seen every RSS_POLL seconds while it runs."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0.0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(RSS_POLL):
            self.peak = max(self.peak, rss_mib(self.pid))


def combinations(years: tuple[int, int]) -> list[dict[str, str]]:
    """20 different filter combinations as URL parameters (app/filters.py), narrow and wide alternating."""
    first, last = years
    university = [f"Университет {n:03d}" for n in range(1, UNIVERSITIES + 1)]
    combos = [
        {"faculty": FACULTIES[0]},
        {"from": str(first + 2), "to": str(last)},
        {"level": LEVELS[1]},
        {"university": university[0]},
        {"faculty": f"{FACULTIES[1]},{FACULTIES[2]}", "level": LEVELS[0]},
        {"country": "IND"},
        {"from": str(first), "to": str(first + 4)},
        {"university": ",".join(university[10:15]), "from": str(first + 5)},
        {"region": "Asia"},
        {"country": "KAZ,TJK,TKM", "faculty": FACULTIES[3]},
        {"level": f"{LEVELS[2]},{LEVELS[3]}", "from": str(last - 1), "to": str(last)},
        {"region": "Europe,CIS"},
        {"university": university[99], "level": LEVELS[3]},
        {"faculty": FACULTIES[4], "region": "Africa"},
        {"country": "CHN,KOR,MNG", "from": str(first + 1), "to": str(last - 1)},
        {"university": ",".join(university[150:200])},
        {"faculty": FACULTIES[0], "level": LEVELS[2], "from": str(first + 3)},
        {"country": "EGY,NGA", "university": university[42]},
        {"region": "Asia", "level": LEVELS[1], "to": str(last - 3)},
        {"faculty": ",".join(FACULTIES[1:4]), "university": ",".join(university[:100]), "from": str(first + 4)},
    ]
    assert len({tuple(sorted(c.items())) for c in combos}) == 20
    return combos


# ----------------------------------------------------------------------------------------------
# Browser
# ----------------------------------------------------------------------------------------------
def _screenshot(page, name: str) -> None:
    try:
        (ROOT / "test-output").mkdir(exist_ok=True)
        page.screenshot(path=str(ROOT / "test-output" / f"bench_pages_{name}.png"))
    except Exception:  # noqa: BLE001 - a screenshot is a diagnostic only
        pass


def _drawn_after_opening(page, url: str, least: int, timeout_ms: int, shot: str) -> float:
    """Seconds from opening ``url`` in ``page`` to the page drawn and painted (a screenshot ``shot`` if never)."""
    begin = time.perf_counter()
    page.goto(url)
    try:
        page.wait_for_function(DRAWN, arg=least, timeout=timeout_ms, polling=20)
    except Exception:
        _screenshot(page, shot)
        raise
    page.evaluate(PAINTED)
    return time.perf_counter() - begin


def visit(browser, url: str, least: int, timeout_ms: int, name: str, settle: bool = False) -> tuple[float, dict]:
    """(seconds from opening ``url`` in a fresh tab to drawn, what it showed)."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        elapsed = _drawn_after_opening(page, url, least, timeout_ms, f"{name}_timeout")
        if settle:
            time.sleep(SETTLE)
            page.wait_for_function(DRAWN, arg=0, timeout=timeout_ms, polling=20)
        return elapsed, page.evaluate(CONTENT)
    finally:
        context.close()


def redraw(browser, url: str, least: int, timeout_ms: int, name: str,
           hidden_sidebar: bool) -> tuple[float, float, dict]:
    """(seconds to the first view drawn, seconds from the year filter's key press to every chart drawn again,
    what the page showed after) in a fresh tab."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        first_view = _drawn_after_opening(page, url, least, timeout_ms, f"{name}_first_view_timeout")
        if hidden_sidebar:
            page.add_style_tag(content=SHOW_SIDEBAR)
        target = page.locator(SLIDER).first
        target.wait_for(state="visible", timeout=timeout_ms)
        captions = page.evaluate(SLIDE_CAPTION)
        page.evaluate(WATCH)
        begin = time.perf_counter()
        target.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => window.__runs.includes('running')", timeout=START_TIMEOUT_MS, polling=10)
        try:
            page.wait_for_function(DRAWN, arg=0, timeout=timeout_ms, polling=10)
        except Exception:
            _screenshot(page, f"{name}_redraw_timeout")
            raise
        page.evaluate(PAINTED)
        elapsed = time.perf_counter() - begin
        content = page.evaluate(CONTENT)
        content["year_param"] = "from=" in page.url
        if hidden_sidebar:  # the key press moved the slider only, not the slides as well
            content["slide_unchanged"] = page.evaluate(SLIDE_CAPTION) == captions
        return first_view, elapsed, content
    finally:
        context.close()


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 3) if values else None


# ----------------------------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------------------------
def prepare(folder: Path, rows: int) -> dict:
    """The students.csv (written unless there) and its snapshot (made in a subprocess)."""
    info: dict = {"folder": str(folder)}
    csv = folder / "students.csv"
    if not csv.exists():
        began = time.perf_counter()
        write_students(csv, rows, universities=UNIVERSITIES)
        info["generate_s"] = round(time.perf_counter() - began, 1)
        print(f"wrote {csv} ({rows:,} rows) in {info['generate_s']} s", flush=True)
    info["file_mib"] = round(csv.stat().st_size / 2**20, 1)
    began = time.perf_counter()
    output = subprocess.run([sys.executable, "-c", LOAD, str(folder)], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout
    info["snapshot_load"] = json.loads(output.strip().splitlines()[-1])
    info["snapshot_load"]["process_s"] = round(time.perf_counter() - began, 1)
    print(f"snapshot load: {info['snapshot_load']}", flush=True)
    return info


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000, help="rows of the generated students.csv")
    parser.add_argument("--runs", type=int, default=5, help="measured redraws of each page (median)")
    parser.add_argument("--folder", type=Path, default=None, help="an existing data folder (generated if empty)")
    parser.add_argument("--pages", default=None, help="comma-separated url paths, to measure some pages only")
    parser.add_argument("--timeout", type=float, default=300, help="seconds a page may take to draw")
    parser.add_argument("--output", type=Path, default=None, help="results file (default pages_10m.json)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    timeout_ms = int(args.timeout * 1000)
    results: dict = {"when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "runs": args.runs}
    pages, tools = dashboard_pages()
    default = pages[0][0]  # served at "/"
    if args.pages:
        wanted = args.pages.split(",")
        pages = [p for p in pages if p[0] in wanted]
        tools = [p for p in tools if p[0] in wanted]
    with tempfile.TemporaryDirectory() as work, sync_playwright() as playwright:
        folder = args.folder.resolve() if args.folder else Path(work)
        folder.mkdir(parents=True, exist_ok=True)
        results.update(prepare(folder, args.rows))
        results["rows"] = results["snapshot_load"]["rows_loaded"]
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        env = {**os.environ, "IC_DATA_DIR": str(folder)}  # app/state.py: --data, else $IC_DATA_DIR
        server = start_server(ROOT / "dashboard.py", cwd=ROOT, options=OPTIONS, env=env, timeout=SERVER_START_TIMEOUT)
        pid = server.process.pid
        sampler = RssSampler(pid)
        sampler.start()
        memory: dict = {"rss_idle_mib": rss_mib(pid)}
        per_page: dict[str, dict] = {}
        urls = {path: f"{server.url}/{'' if path == default else path}" for path, _ in [*pages, *tools]}
        try:
            # Loaded: the default page once (the data set comes from the snapshot).
            seconds, content = visit(browser, server.url + "/", 0, timeout_ms, "load", settle=True)
            memory["first_page_after_start_s"] = round(seconds, 2)
            memory["rss_loaded_mib"] = rss_mib(pid)
            print(f"server up, first page {seconds:.1f} s, RSS {memory['rss_loaded_mib']:.0f} MiB", flush=True)

            # Warm-up visit of every page: its charts counted, its redraw computed for the first time.
            measured = []
            for path, file in [*pages, *tools]:
                entry = per_page.setdefault(path, {"file": file, "tool": (path, file) in tools})
                try:
                    seconds, content = visit(browser, urls[path], 0, timeout_ms, path, settle=True)
                except Exception as error:  # noqa: BLE001 - reported, the page is left out of the rounds
                    entry["error"] = f"first view: {type(error).__name__}: {str(error).splitlines()[0][:200]}"
                    print(f"{path}: {entry['error']}", flush=True)
                    continue
                entry.update(charts=content["charts"], cold_first_view_s=round(seconds, 2),
                             exceptions=content["exceptions"], alerts=content["alerts"])
                if entry["tool"] and not content["charts"]:
                    entry["left_out"] = "a tool page without charts"
                    print(f"{path}: no chart, left out ({seconds:.1f} s)", flush=True)
                    continue
                try:
                    view, first, after = _attempt(lambda: redraw(browser, urls[path], entry["charts"],
                                                                 timeout_ms, path, path == "presentation"))
                except Exception as error:  # noqa: BLE001
                    entry["error"] = f"first redraw: {type(error).__name__}: {str(error).splitlines()[0][:200]}"
                    print(f"{path}: {entry['error']}", flush=True)
                    continue
                entry.update(first_s=round(first, 3), after=after)
                measured.append(path)
                print(f"{path}: {entry['charts']} charts, first view {seconds:.1f} s, first redraw {first:.2f} s",
                      flush=True)
            for number in range(args.runs):
                for path in measured:  # alternating over the pages, as bench_redraw alternates its cases
                    entry = per_page[path]
                    try:
                        view, seconds, after = _attempt(lambda: redraw(
                            browser, urls[path], entry["charts"], timeout_ms, path, path == "presentation"))
                    except Exception as error:  # noqa: BLE001
                        entry.setdefault("failures", []).append(
                            f"{type(error).__name__}: {str(error).splitlines()[0][:200]}")
                        print(f"run {number + 1} {path}: failed", flush=True)
                        continue
                    entry.setdefault("all_s", []).append(round(seconds, 3))
                    entry.setdefault("first_view_all_s", []).append(round(view, 3))
                    if path == "presentation" and not after.get("slide_unchanged", True):
                        entry["slide_moved_too"] = True
                print(f"run {number + 1}: " + ", ".join(f"{p} {per_page[p]['all_s'][-1]:.2f}"
                                                        for p in measured if per_page[p].get("all_s")), flush=True)
            memory["rss_after_pages_mib"] = rss_mib(pid)

            # Memory: 20 different filter combinations on the Foreign students page.
            years = (2016, 2025)  # write_students: academic years 2016/17 … 2025/26
            each, seconds_each, ignored = [], [], []
            for number, combo in enumerate(combinations(years)):
                url = f"{server.url}/students?" + urlencode(combo, quote_via=quote)
                seconds, content = visit(browser, url, 0, timeout_ms, f"combo{number + 1}")
                each.append(rss_mib(pid))
                seconds_each.append(round(seconds, 2))
                ignored += [a for a in content["alerts"] if "«" in a]
                print(f"combination {number + 1:2d} {combo}: {seconds:.1f} s, RSS {each[-1]:.0f} MiB", flush=True)
            memory.update(combinations=20, rss_after_each_mib=each, rss_max_after_combination_mib=max(each),
                          rss_final_mib=each[-1], combination_first_view_s=seconds_each,
                          combination_params_ignored=ignored)
        finally:
            sampler.done.set()
            sampler.join()
            seen = [v for k, v in memory.items() if k.startswith("rss_") and isinstance(v, float)]
            memory["rss_max_sampled_mib"] = round(max([sampler.peak, *seen]), 1)
            memory["server_vmhwm_mib"] = round(_status_kib(pid, "VmHWM") / 1024, 1)
            stop_server(server.process)
            browser.close()

    table = {}
    for path, entry in per_page.items():
        row = {"file": entry["file"], "charts": entry.get("charts"),
               "cold_first_view_s": entry.get("cold_first_view_s"),
               "first_s": entry.get("first_s"), "median_s": _median(entry.get("all_s", [])),
               "max_s": max(entry["all_s"]) if entry.get("all_s") else None, "all_s": entry.get("all_s", []),
               "first_view_median_s": _median(entry.get("first_view_all_s", []))}
        for key in ("left_out", "error", "failures", "exceptions", "slide_moved_too"):
            if entry.get(key):
                row[key] = entry[key]
        table[path] = row
    results["pages"] = table
    results["memory"] = memory
    timed = [row for row in table.values() if not row.get("left_out")]
    results["slowest_page_median_s"] = max((row["median_s"] or float("inf") for row in timed), default=None)
    results["goal_redraw_s"] = REDRAW_GOAL_S
    results["goal_rss_gib"] = RSS_GOAL_GIB
    results["goal_every_redraw_within_2s"] = bool(timed) and all(
        row["median_s"] is not None and row["median_s"] <= REDRAW_GOAL_S for row in timed)
    rss_max = max(memory.get("rss_max_after_combination_mib", 0), memory.get("rss_loaded_mib", 0))
    results["goal_rss_within_6gib"] = rss_max <= RSS_GOAL_GIB * 1024 and "rss_final_mib" in memory

    RESULTS.mkdir(parents=True, exist_ok=True)
    output = args.output or RESULTS / ("pages_10m.json" if args.rows == 10_000_000 else f"pages_{args.rows}.json")
    output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")

    print(f"\n{'page':<15} {'charts':>6} {'first s':>8} {'median s':>9} {'max s':>7}  note")
    for path, row in table.items():
        note = row.get("left_out") or row.get("error") or ("; ".join(row["failures"]) if row.get("failures") else "")
        fmt = lambda v: f"{v:.2f}" if isinstance(v, (int, float)) else "-"  # noqa: E731
        print(f"{path:<15} {row['charts'] if row['charts'] is not None else '-':>6} {fmt(row['first_s']):>8} "
              f"{fmt(row['median_s']):>9} {fmt(row['max_s']):>7}  {note}")
    print(f"\nRSS MiB: idle {memory.get('rss_idle_mib')}, loaded {memory.get('rss_loaded_mib')}, after pages "
          f"{memory.get('rss_after_pages_mib')}, max after a combination "
          f"{memory.get('rss_max_after_combination_mib')}, "
          f"final {memory.get('rss_final_mib')}, max sampled {memory.get('rss_max_sampled_mib')}, "
          f"streamlit VmHWM {memory.get('server_vmhwm_mib')}")
    print(f"goal every redraw <= {REDRAW_GOAL_S} s: {results['goal_every_redraw_within_2s']}; "
          f"goal RSS <= {RSS_GOAL_GIB} GiB: {results['goal_rss_within_6gib']}  -> {output.relative_to(ROOT)}")
    return results


if __name__ == "__main__":
    main()
