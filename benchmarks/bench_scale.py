"""Benchmark: a ministry's registry (10 million student rows, 200 universities) against DuckDB (issue 12).

One generated students export (`bench_ingest.write_students(..., universities=200)`: cp1251, ';', Russian
headers, a title line and a total row, a «ВУЗ» column). Each measurement runs in a fresh subprocess and
is timed in-process after the imports; the modes alternate within each round, median of ``--rounds``:

- **csv**: `metrics.ingest.load_dataset` (read, resolve every country name, validate; no snapshot) and
  then every KPI for every year (`metrics.engine.kpis_by_year`);
- **snapshot**: `metrics.store.load_version` reading the validated Parquet snapshot, then every KPI: the
  unfiltered KPI table kept with the snapshot (`metrics.snapshot.read_kpi_table`, written by the first run);
- **snapshot_computed**: the same with the kept KPI table turned off (`KPI_TABLES_STORED = False`): every KPI
  computed from the frames read back, what a filter or a new day costs;
- **duckdb**: DuckDB's foreign students by academic year and citizenship from the same CSV
  (`read_csv` decoding the bytes as Latin-1 — DuckDB has no Windows-1251 without an extension to
  download; grouping needs equal bytes, not readable ones — skipping the title, dropping the total
  row, leaving out the home country's own spellings). Raw spellings are grouped as written:
  it does not resolve «Индия» and «India» to one country, which the dashboard does.

Then, in one more process: memory (VmRSS) after loading from the snapshot and after 20 different filter
combinations (KPI table + the Foreign students page result each; the same script as bench_memory).
Peak memory (VmHWM) is reported for every mode. Goals: csv ≤ 2× DuckDB, snapshot ≤ 0.5× DuckDB,
RSS after 20 combinations ≤ 6 GB. Writes benchmarks/results/scale.json.

    python benchmarks/bench_scale.py [--rows 10000000] [--universities 200] [--rounds 5] [--folder DIR]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT))

from benchmarks.bench_ingest import write_students  # noqa: E402
from benchmarks.bench_memory import MEMORY  # noqa: E402

CSV_GOAL, SNAPSHOT_GOAL, RSS_GOAL_MIB = 2.0, 0.5, 6 * 1024
PEAK = "int(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM'))) / 1024"

LOAD_AND_KPIS = """
import json, sys, time
from metrics.engine import kpis_by_year
from metrics.ingest import load_dataset
from metrics.store import load_version, current_version_id
from metrics import snapshot
snapshot.KPI_TABLES_STORED = {stored}
start = time.perf_counter()
data = {load}
loaded = time.perf_counter()
kpis_by_year(data)
end = time.perf_counter()
print(json.dumps({{"seconds": end - start, "load": loaded - start, "kpis": end - loaded, "peak_mib": {peak},
                  "rows": len(data.get("students"))}}))
"""
CSV = LOAD_AND_KPIS.format(load="load_dataset(sys.argv[1])", peak=PEAK, stored=True)  # every export parsed
SNAPSHOT = LOAD_AND_KPIS.format(load="load_version(sys.argv[1], current_version_id(sys.argv[1]))", peak=PEAK,
                                stored=True)
SNAPSHOT_COMPUTED = LOAD_AND_KPIS.format(load="load_version(sys.argv[1], current_version_id(sys.argv[1]))",
                                         peak=PEAK, stored=False)

DUCKDB = f"""
import json, sys, time
import duckdb
home = [name.encode('cp1251', errors='replace').decode('latin-1') for name in sys.argv[2].split('|')]
start = time.perf_counter()
result = duckdb.sql(
    "select cast(split_part(column0, '/', 1) as integer) as year, column1 as citizenship, count(*) as students "
    "from read_csv($path, delim=';', skip=2, header=false, encoding='latin-1', all_varchar=true) "
    "where column0 not like 'Èòîãî%' and not list_contains($home, column1) group by all",
    params={{"path": sys.argv[1] + '/students.csv', "home": home}}).df()
end = time.perf_counter()
print(json.dumps({{"seconds": end - start, "groups": len(result), "students": int(result["students"].sum()),
                  "peak_mib": {PEAK}}}))
"""
# The home country (Uzbekistan, the default) as an export may spell it: left out of the foreign students.
HOME_SPELLINGS = ("Uzbekistan", "Узбекистан", "O'zbekiston", "Oʻzbekiston", "Ўзбекистон", "UZB", "UZ")


def run(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"benchmark subprocess failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(folder: Path, rounds: int) -> dict:
    run(SNAPSHOT, str(folder))  # the first load writes the snapshot and the KPI table (not measured)
    times: dict[str, list[dict]] = {"csv": [], "snapshot": [], "snapshot_computed": [], "duckdb": []}
    for _ in range(rounds):  # alternating, so every mode sees the same machine
        times["csv"].append(run(CSV, str(folder)))
        times["snapshot"].append(run(SNAPSHOT, str(folder)))
        times["snapshot_computed"].append(run(SNAPSHOT_COMPUTED, str(folder)))
        times["duckdb"].append(run(DUCKDB, str(folder), "|".join(HOME_SPELLINGS)))
    result = {mode: {key: statistics.median(r[key] for r in runs) for key in runs[0]} for mode, runs in times.items()}
    result["memory"] = run(MEMORY, str(folder))
    duck = result["duckdb"]["seconds"]
    result["csv_vs_duckdb"] = round(result["csv"]["seconds"] / duck, 2)
    result["snapshot_vs_duckdb"] = round(result["snapshot"]["seconds"] / duck, 2)
    result["snapshot_computed_vs_duckdb"] = round(result["snapshot_computed"]["seconds"] / duck, 2)
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--universities", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--folder", type=Path, help="reuse this folder's students.csv (written when absent)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.folder or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        if not (folder / "students.csv").is_file():
            write_students(folder / "students.csv", args.rows, universities=args.universities)
        generated = time.perf_counter() - started
        result = measure(folder, args.rounds)
    result.update(rows=args.rows, universities=args.universities, rounds=args.rounds,
                  generate_seconds=round(generated, 1))
    memory = result["memory"]
    print(f"{args.rows:,} student rows, {args.universities} universities (median of {args.rounds})")
    for mode in ("csv", "snapshot", "snapshot_computed"):
        figures = result[mode]
        print(f"  {mode:17s}: load + all KPIs {figures['seconds']:.2f} s (load {figures['load']:.2f}, KPIs "
              f"{figures['kpis']:.2f}), peak {figures['peak_mib']:.0f} MiB")
    print(f"  duckdb  : foreign students by year and citizenship {result['duckdb']['seconds']:.2f} s, "
          f"peak {result['duckdb']['peak_mib']:.0f} MiB")
    print(f"  csv / duckdb {result['csv_vs_duckdb']}x (goal {CSV_GOAL}x); snapshot / duckdb "
          f"{result['snapshot_vs_duckdb']}x (goal {SNAPSHOT_GOAL}x; KPIs computed "
          f"{result['snapshot_computed_vs_duckdb']}x)")
    print(f"  memory: {memory['rss_loaded_mib']:.0f} MiB loaded, {memory['rss_after_mib']:.0f} MiB after "
          f"{memory['combinations']} filter combinations (max {memory['rss_max_during_mib']:.0f}, goal "
          f"{RSS_GOAL_MIB} MiB)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "scale.json").write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
