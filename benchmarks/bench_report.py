"""Time the report of the sample data's latest year in each format (a script, not a test).

    .venv/bin/python benchmarks/bench_report.py [--data data] [--year YYYY] [--lang en] [--repeat 1]

Each format runs in a fresh Python process through the command line's own code
(`reports.cli.main`): loading the data, computing the content, drawing the charts
(kaleido starts Chromium: its start-up is part of the time) and writing the file. Prints seconds and peak memory per format (the Python
process, and the largest browser process) and writes them to
``benchmarks/results/bench_report.json`` and ``.txt``. The budget is 20 s per format.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
FORMATS = ("xlsx", "docx", "pdf")
BUDGET_SECONDS = 20.0


def child(fmt: str, data_dir: str, year: int | None, lang: str) -> dict:
    """Runs in the fresh process: the command line's own code path (`reports.cli.main`)."""
    import tempfile

    sys.path.insert(0, str(ROOT))
    started = time.perf_counter()
    from metrics.kpis import available_years  # noqa: F401  (imports are part of the cost)

    from reports import images
    from reports.cli import main as report

    imported = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"report.{fmt}"
        argv = ["--data", data_dir, "--out", str(out), "--lang", lang] + (["--year", str(year)] if year else [])
        code = report(argv)
        if code != 0:
            raise SystemExit(f"report failed with exit code {code}")
        size = out.stat().st_size
    built = time.perf_counter()
    images.stop_server()  # so the browser's peak memory shows in RUSAGE_CHILDREN
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    browser = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"format": fmt, "year": year or "latest", "lang": lang, "bytes": size,
            "import_seconds": round(imported - started, 2), "report_seconds": round(built - imported, 2),
            "total_seconds": round(built - started, 2), "peak_mb_python": round(own, 1),
            "peak_mb_largest_child": round(browser, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT / "data"))
    parser.add_argument("--year", type=int, default=None)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.data, args.year, args.lang)))
        return 0

    runs = []
    for fmt in FORMATS:
        for _ in range(args.repeat):
            command = [sys.executable, __file__, "--child", fmt, "--data", args.data, "--lang", args.lang]
            if args.year:
                command += ["--year", str(args.year)]
            wall = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=600)
            wall = time.perf_counter() - wall
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return 1
            run = json.loads(done.stdout.strip().splitlines()[-1])
            run["process_seconds"] = round(wall, 2)  # with interpreter start and imports
            runs.append(run)
            print(f"{fmt:5s} total {run['total_seconds']:6.2f} s (imports {run['import_seconds']:.2f} s, load+report "
                  f"{run['report_seconds']:.2f} s; whole process {run['process_seconds']:.2f} s)  "
                  f"peak {run['peak_mb_python']:.0f} MB python, {run['peak_mb_largest_child']:.0f} MB browser  "
                  f"{run['bytes']:,} bytes", flush=True)
    worst = max(run["process_seconds"] for run in runs)
    print(f"load average (1, 5, 15 min): {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} CPUs (other work on the machine slows every run)")
    verdict = "OK" if worst < BUDGET_SECONDS else "OVER BUDGET"
    print(f"slowest: {worst:.2f} s (budget {BUDGET_SECONDS:.0f} s): {verdict}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    summary = {"machine": {"python": platform.python_version(), "platform": platform.platform(),
                           "cpus": os.cpu_count(), "load_average_at_end": os.getloadavg()},
               "generated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "budget_seconds": BUDGET_SECONDS,
               "runs": runs, "slowest_seconds": worst, "verdict": verdict}
    (RESULTS / "bench_report.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    lines = [f"{r['format']}\t{r['process_seconds']:.2f} s\t{r['peak_mb_python']:.0f} MB" for r in runs]
    (RESULTS / "bench_report.txt").write_text("\n".join(lines + [f"slowest {worst:.2f} s: {verdict}"]) + "\n",
                                             encoding="utf-8")
    return 0 if verdict == "OK" else 1


if __name__ == "__main__":
    sys.exit(main())
