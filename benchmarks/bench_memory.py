"""Benchmark: memory after many filter combinations, and the KPI run against a bare pandas read + groupby.

On a generated students export of ``--rows`` rows (benchmarks/bench_ingest.write_students: semicolons,
Russian headers, Windows-1251), in fresh subprocesses:

- **memory**: load the folder (from its snapshot), then for 20 different filter combinations build the
  KPI table and the Foreign students page result — what a server does for 20 users' filters — and
  report resident memory after loading and after the 20 combinations (the metrics layer keeps no
  filtered copy per combination, so it must stay flat);
- **KPI run** (timed in-process, after the imports): load from the snapshot + every KPI for every year,
  against a bare
  ``pd.read_csv`` + ``groupby(year, citizenship)`` of the same file (median of ``--rounds``, alternating);
  once with the unfiltered KPI table kept with the snapshot (read back: what a restart does) and once with
  it turned off (every KPI computed from the frames read back: what a filter or a new day costs).

    python benchmarks/bench_memory.py [--rows 1000000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT))

from benchmarks.bench_ingest import write_students  # noqa: E402

MEMORY = """
import json, sys
from itertools import product
from metrics.filters import Filters
from metrics.engine import available_years, kpi_table
from metrics.sections import build_section
from metrics.store import load_version, current_version_id

def rss():
    return int(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmRSS'))) / 1024

folder = sys.argv[1]
data = load_version(folder, current_version_id(folder))
loaded = rss()
years = available_years(data)
faculties = sorted(set(data.get('students')['faculty'].dropna()))
levels = sorted(set(data.get('students')['level'].dropna()))
narrow = [Filters(faculties=(f,), levels=(l,)) for f, l in product(faculties, levels)]
wide = [Filters(year_from=years[0] + i, year_to=years[-1]) for i in range(len(years))]
combos = [f for pair in zip(narrow, wide) for f in pair][:20]  # small and large selections, alternating
after = []
for filters in combos:
    kpi_table(data, years[-1], filters=filters)
    build_section('students', data, years[-1], 'en', filters)
    after.append(rss())
peak = int(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM'))) / 1024
print(json.dumps({"combinations": len(combos), "rss_loaded_mib": loaded, "rss_after_mib": after[-1],
                  "rss_max_during_mib": max(after), "peak_mib": peak, "rss_after_each_mib": after}))
"""

KPI_RUN = """
import json, sys, time
from metrics.engine import kpis_by_year
from metrics.store import load_version, current_version_id
from metrics import snapshot
snapshot.KPI_TABLES_STORED = sys.argv[2:] != ["computed"]
start = time.perf_counter()  # in-process: the imports are not timed (nor are they for the bare run)
data = load_version(sys.argv[1], current_version_id(sys.argv[1]))
kpis_by_year(data)
print(json.dumps({"seconds": time.perf_counter() - start}))
"""

BARE = """
import json, sys, time
import pandas as pd
start = time.perf_counter()
frame = pd.read_csv(sys.argv[1] + '/students.csv', sep=';', skiprows=1, encoding='cp1251', skipfooter=0)
frame.groupby([frame.columns[0], frame.columns[1]]).size()
print(json.dumps({"seconds": time.perf_counter() - start}))
"""


def run(code: str, folder: Path, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, str(folder), *args], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        write_students(folder / "students.csv", args.rows)
        run(KPI_RUN, folder)  # the first load writes the snapshot and the KPI table
        memory = run(MEMORY, folder)
        kpi, computed, bare = [], [], []
        for _ in range(args.rounds):  # alternating, so all see the same machine
            kpi.append(run(KPI_RUN, folder)["seconds"])
            computed.append(run(KPI_RUN, folder, "computed")["seconds"])
            bare.append(run(BARE, folder)["seconds"])
    result = {"rows": args.rows, "rounds": args.rounds, "memory": memory,
              "kpi_run_seconds": statistics.median(kpi), "kpi_run_computed_seconds": statistics.median(computed),
              "bare_read_groupby_seconds": statistics.median(bare)}
    result["kpi_run_vs_bare"] = round(result["kpi_run_seconds"] / result["bare_read_groupby_seconds"], 2)
    result["kpi_run_computed_vs_bare"] = round(result["kpi_run_computed_seconds"] / result["bare_read_groupby_seconds"], 2)
    print(f"{args.rows:,} student rows")
    print(f"  memory: {memory['rss_loaded_mib']:.0f} MiB loaded, {memory['rss_after_mib']:.0f} MiB after "
          f"{memory['combinations']} filter combinations (max {memory['rss_max_during_mib']:.0f}, "
          f"peak {memory['peak_mib']:.0f})")
    print(f"  KPI run from the snapshot {result['kpi_run_seconds']:.2f} s vs bare read_csv + groupby "
          f"{result['bare_read_groupby_seconds']:.2f} s: {result['kpi_run_vs_bare']}x (median of {args.rounds}); "
          f"with every KPI computed {result['kpi_run_computed_seconds']:.2f} s: {result['kpi_run_computed_vs_bare']}x")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"memory_{args.rows}.json").write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
