"""Time the report of the sample data's latest year in each format (a script, not a test).

    .venv/bin/python benchmarks/bench_report.py [--data data] [--year YYYY] [--lang en] [--repeat 1]

Each format runs in a fresh Python process through the command line's own code
(`reports.cli.main`): loading the data, computing the content, drawing the charts
(kaleido starts Chromium: its start-up is part of the time) and writing the file. Prints seconds and peak memory per format (the Python
process, and the largest browser process) and writes them to
``benchmarks/results/bench_report.json`` and ``.txt``. The budget is 20 s per format.

A second case, "long names", writes the same report with two more partners named by
`LONG_NAMES` characters without a space (10,000 once took 92 s to wrap in the PDF); it is
timed from the loaded data to the file, so a limit on cell length in ingestion cannot hide it.
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
LONG_NAMES = (10_000, 200_000)  # characters of the long partner names, no spaces
LONG_NAME_LETTERS = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ"  # Greek capitals: found nowhere else in an English report


def long_name(length: int) -> str:
    """A partner name of ``length`` characters without a space (the Greek capitals over and over)."""
    repeats = length // len(LONG_NAME_LETTERS) + 1
    return (LONG_NAME_LETTERS * repeats)[:length]


def with_long_partner_names(data, lengths=LONG_NAMES):
    """``data`` with one more partner per length, named by `long_name`, in Austria (first in the
    printed partner table), otherwise a copy of the first partner."""
    import pandas as pd

    partners = data.get("partners")
    extra = partners.iloc[[0] * len(lengths)].assign(
        partner=[long_name(n) for n in lengths], partner_id=[f"LONG{n}" for n in lengths],
        country="AUT", country_raw="Austria")
    return data.replace_frames(partners=pd.concat([partners, extra], ignore_index=True))


def child(fmt: str, data_dir: str, year: int | None, lang: str) -> dict:
    """Runs in the fresh process: the command line's own code path (`reports.cli.main`)."""
    import tempfile

    sys.path.insert(0, str(ROOT))
    started = time.perf_counter()
    from metrics.engine import available_years  # noqa: F401  (imports are part of the cost)

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


def long_names_child(fmt: str, data_dir: str, year: int | None, lang: str) -> dict:
    """Runs in the fresh process: the report with `LONG_NAMES` partners, from loading to bytes."""
    sys.path.insert(0, str(ROOT))
    from metrics.ingest import load_dataset
    from metrics.engine import available_years
    from reports import build_report, images

    started = time.perf_counter()
    data = with_long_partner_names(load_dataset(data_dir))
    loaded = time.perf_counter()
    size = len(build_report(data, year or available_years(data)[-1], fmt, lang=lang))
    built = time.perf_counter()
    images.stop_server()
    return {"format": fmt, "case": "long names", "name_lengths": list(LONG_NAMES), "year": year or "latest",
            "lang": lang, "bytes": size, "load_seconds": round(loaded - started, 2),
            "report_seconds": round(built - loaded, 2), "total_seconds": round(built - started, 2),
            "peak_mb_python": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "peak_mb_largest_child": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT / "data"))
    parser.add_argument("--year", type=int, default=None)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--long-names-child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.data, args.year, args.lang)))
        return 0
    if args.long_names_child:
        print(json.dumps(long_names_child(args.long_names_child, args.data, args.year, args.lang)))
        return 0

    runs = []
    cases = [("--child", fmt) for fmt in FORMATS] + [("--long-names-child", fmt) for fmt in FORMATS]
    for case, fmt in cases:
        for _ in range(args.repeat):
            command = [sys.executable, __file__, case, fmt, "--data", args.data, "--lang", args.lang]
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
            label = f"{fmt:5s}" + (" long names" if "case" in run else "")
            phases = (f"load {run['load_seconds']:.2f} s, report" if "case" in run
                      else f"imports {run['import_seconds']:.2f} s, load+report")
            print(f"{label} total {run['total_seconds']:6.2f} s ({phases} "
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
    lines = [f"{r['format']}{' long names' if 'case' in r else ''}\t{r['process_seconds']:.2f} s\t"
             f"{r['peak_mb_python']:.0f} MB" for r in runs]
    (RESULTS / "bench_report.txt").write_text("\n".join(lines + [f"slowest {worst:.2f} s: {verdict}"]) + "\n",
                                             encoding="utf-8")
    return 0 if verdict == "OK" else 1


if __name__ == "__main__":
    sys.exit(main())
