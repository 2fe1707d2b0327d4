"""Restart with a snapshot: first page drawn within 1.5x the floor's cold start, for 1 million rows.

    .venv/bin/python benchmarks/bench_coldstart.py [--rounds 5] [--rows 1000000] [--folder DIR]

A data folder holding only a generated ``students.csv`` of ``--rows`` rows
(benchmarks/bench_ingest.write_students; or ``--folder``, an existing one, whose ``.snapshots`` this
script removes and writes again). Three kinds of cold start, each a fresh server process and a fresh
tab in one browser kept open, timed from just before the process is launched to the first page fully
drawn (the script run over and every chart drawn and painted):

- ``snapshot``: the dashboard on that folder, its snapshot (<folder>/.snapshots, written by
  metrics/snapshot.py on the first load) already there -> Overview, the default page, at "/" (its own
  path /overview answers "Page not found" before running the default page);
- ``no_snapshot``: the same with <folder>/.snapshots removed just before the start (the app parses the
  CSV and writes the snapshot again);
- ``floor``: benchmarks/minimal_app.py, served as benchmarks/bench_redraw.py serves it -> its first view.

One unmeasured start of each first (writes the snapshot, warms the OS file cache), then ``--rounds``
rounds, the three kinds alternating within each round. Prints the medians and the ratios to the floor
and writes benchmarks/results/coldstart.json. Goal: snapshot / floor <= 1.5. Needs /usr/bin/chromium.

"Drawn" is benchmarks/bench_redraw.py's DRAWN with one difference: a page may have no chart at all
(Overview on a students-only folder draws its scorecard and no chart), so the page's title (an ``h1``)
counts as content too; every chart that is there must have its SVG (and a map its country shapes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_ingest import write_students  # noqa: E402
from benchmarks.bench_redraw import MINIMAL_APP, OPTIONS, PAINTED, VIEWPORT  # noqa: E402
from tests._server import CHROMIUM, CHROMIUM_ARGS, start_server, stop_server  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
SNAPSHOT_DIR = ".snapshots"  # metrics.snapshot.SNAPSHOT_DIR
SERVER_START_TIMEOUT = 180  # seconds
TIMEOUT_MS = 240_000  # a parse of the whole CSV is inside the timed first view
GOAL = 1.5  # x the floor's cold start
KINDS = ("snapshot", "no_snapshot", "floor")
SETTLE = 3.0  # seconds the unmeasured start waits before counting the page's charts

from benchmarks.bench_pages import DRAWN  # noqa: E402 - bench_redraw's, for pages with or without charts
CONTENT = """() => ({charts: document.querySelectorAll('[data-testid="stPlotlyChart"]').length,
  title: (document.querySelector('[data-testid="stMain"] h1') || {}).innerText || null,
  errors: [...document.querySelectorAll('[data-testid="stException"], [data-testid="stAlert"]')]
    .filter(e => /error|exception|traceback/i.test(e.innerText) || e.querySelector('[data-testid="stException"]'))
    .map(e => e.innerText.slice(0, 200))})"""


def cold_start(browser, script: Path, cwd: Path, path: str, env: dict, least: int | None) -> tuple[float, float, dict]:
    """(seconds from launching the server to the page drawn, seconds to healthy, what the page showed).

    ``least``: charts the page shows; None (the unmeasured start) counts them once the page has settled.
    """
    server = start_server(script, cwd=cwd, options=OPTIONS, env=env, timeout=SERVER_START_TIMEOUT)
    try:
        context = browser.new_context(viewport=VIEWPORT)
        try:
            page = context.new_page()
            page.goto(server.url + path)
            try:
                page.wait_for_function(DRAWN, arg=least or 0, timeout=TIMEOUT_MS, polling=10)
            except Exception:
                (ROOT / "test-output").mkdir(exist_ok=True)
                page.screenshot(path=str(ROOT / "test-output" / "bench_coldstart_timeout.png"))
                raise
            page.evaluate(PAINTED)
            elapsed = time.perf_counter() - server.started
            if least is None:  # settled: every lazily loaded chart mounted and drawn
                time.sleep(SETTLE)
                page.wait_for_function(DRAWN, arg=0, timeout=TIMEOUT_MS, polling=10)
            return elapsed, server.seconds_to_healthy, page.evaluate(CONTENT)
        finally:
            context.close()
    finally:
        stop_server(server.process)


def snapshot_parts(folder: Path) -> set[str]:
    """The snapshot's parts (one folder each): a with-snapshot start that changed them parsed after all."""
    root = folder / SNAPSHOT_DIR
    return {p.name for p in root.iterdir() if p.is_dir()} if root.is_dir() else set()


def snapshot_present(folder: Path) -> bool:
    root = folder / SNAPSHOT_DIR
    return root.is_dir() and any(root.glob("index-*.json")) and any(p.is_dir() for p in root.iterdir())


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="measurements of each kind (median)")
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the generated students.csv")
    parser.add_argument("--folder", type=Path, default=None,
                        help="an existing data folder to use instead of generating one (its .snapshots is rewritten)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    results: dict = {"when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "rounds": args.rounds}
    samples: dict[str, list[float]] = {kind: [] for kind in KINDS}
    healthy: dict[str, list[float]] = {kind: [] for kind in KINDS}
    shown: dict[str, dict] = {}
    rewritten = 0  # with-snapshot starts that found the snapshot stale and parsed the CSV
    with tempfile.TemporaryDirectory() as work, sync_playwright() as playwright:
        work = Path(work)
        if args.folder is not None:
            data = args.folder.resolve()
            rows = None
        else:
            data = work / "data"
            data.mkdir()
            write_students(data / "students.csv", args.rows)
            rows = args.rows
        results["rows"] = rows
        results["file_mib"] = round(sum(p.stat().st_size for p in data.iterdir() if p.is_file()) / 2**20, 1)
        floor_dir = work / "floor"
        floor_dir.mkdir()
        (floor_dir / "minimal_app.py").write_text(MINIMAL_APP.read_text())
        (floor_dir / "static").symlink_to(ROOT / "static", target_is_directory=True)
        env = {**os.environ, "IC_DATA_DIR": str(data)}  # app/state.py: --data, else $IC_DATA_DIR
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)

        least: dict[str, int | None] = {kind: None for kind in KINDS}  # charts each kind's page shows

        def run(kind: str) -> tuple[float, float, dict]:
            if kind == "no_snapshot":
                shutil.rmtree(data / SNAPSHOT_DIR, ignore_errors=True)
            elif kind == "snapshot" and not snapshot_present(data):
                raise RuntimeError(f"no snapshot in {data / SNAPSHOT_DIR} before a with-snapshot start")
            parts = snapshot_parts(data)
            if kind == "floor":
                outcome = cold_start(browser, floor_dir / "minimal_app.py", floor_dir, "", dict(os.environ),
                                     least[kind])
            else:
                outcome = cold_start(browser, ROOT / "dashboard.py", ROOT, "/", env, least[kind])
            if least[kind] is None:
                least[kind] = outcome[2]["charts"]
            if kind == "snapshot" and snapshot_parts(data) != parts:  # e.g. the code changed: snapshot stale
                outcome[2]["snapshot_rewritten"] = True
            return outcome

        try:
            # Unmeasured: the first load writes the snapshot; every kind's code and files are in the OS cache.
            shutil.rmtree(data / SNAPSHOT_DIR, ignore_errors=True)
            run("no_snapshot")
            least["snapshot"] = None  # counted again on the start from the snapshot
            if not snapshot_present(data):
                raise RuntimeError(f"the dashboard wrote no snapshot to {data / SNAPSHOT_DIR}")
            run("snapshot")
            run("floor")
            for number in range(args.rounds):
                for kind in KINDS:  # alternating: snapshot, no snapshot, floor, snapshot, …
                    seconds, to_healthy, content = run(kind)
                    samples[kind].append(seconds)
                    healthy[kind].append(to_healthy)
                    shown[kind] = content
                    rewritten += bool(content.get("snapshot_rewritten"))
                    print(f"round {number + 1}: {kind:<12} {seconds:6.2f} s (healthy after {to_healthy:.2f} s, "
                          f"{content['charts']} charts)", flush=True)
        finally:
            browser.close()
    for kind in KINDS:
        results[f"{kind}_first_page_s"] = _median(samples[kind])
        results[f"{kind}_first_page_all_s"] = [round(v, 3) for v in samples[kind]]
        results[f"{kind}_healthy_s"] = _median(healthy[kind])
        results[f"{kind}_page"] = shown[kind]
    results["snapshot_vs_floor"] = round(results["snapshot_first_page_s"] / results["floor_first_page_s"], 2)
    results["no_snapshot_vs_floor"] = round(results["no_snapshot_first_page_s"] / results["floor_first_page_s"], 2)
    results["snapshot_vs_no_snapshot"] = round(results["snapshot_first_page_s"]
                                               / results["no_snapshot_first_page_s"], 2)
    results["snapshot_starts_that_parsed"] = rewritten
    results["goal"] = GOAL
    results["goal_snapshot_within_1_5x_floor"] = results["snapshot_vs_floor"] <= GOAL

    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "coldstart.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    width = max(map(len, results))
    for key, value in results.items():
        if not key.endswith("_page"):
            print(f"{key:<{width}}  {value}")
    return results


if __name__ == "__main__":
    main()
