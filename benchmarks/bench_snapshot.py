"""Benchmark: cold load of a data folder with and without its validated snapshot (a script, not a test).

Two folders: a copy of the sample data, and a folder holding only a generated registry export of
1,000,000 students (`bench_ingest.write_students`: cp1251, ';', Russian headers, a title line and
a total row). Each load runs in a fresh subprocess (a cold start of the app), in three modes:

- parse: `metrics.ingest.load_dataset`, every export read and validated (no snapshot involved);
- first: `metrics.store.load_version` with no snapshot yet: parse, then write the snapshot;
- snapshot: `metrics.store.load_version` with the snapshot in place: every export read back from Parquet.

The modes alternate within each round; the median of the rounds is reported (seconds of the
load itself, and of the whole process with its imports), with peak resident memory (VmHWM),
and written to benchmarks/results/snapshot.json.

    python benchmarks/bench_snapshot.py [--rows 1000000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.bench_ingest import write_students  # noqa: E402 - the registry export generator
from metrics.snapshot import SNAPSHOT_DIR  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
MODES = ("parse", "first", "snapshot")

MEASURE = """
import json, sys, time
started = time.perf_counter()
from metrics.ingest import load_dataset
from metrics import snapshot, store
imports = time.perf_counter() - started
folder, mode = sys.argv[1], sys.argv[2]
stats = {}
if mode != "parse":  # what load_version does, with the counts of exports read back / parsed
    original = snapshot.load_dataset_cached
    snapshot_load = lambda *args, **kwargs: original(*args, stats=stats, **kwargs)
    store.load_dataset_cached = snapshot_load
start = time.perf_counter()
data = load_dataset(folder) if mode == "parse" else store.load_version(folder)
seconds = time.perf_counter() - start
peak_kib = int(next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM")))
print(json.dumps({"seconds": seconds, "imports": imports, "peak_mib": peak_kib / 1024,
                  "rows": sum(len(frame) for frame in data.frames.values()), "exports": len(data.frames),
                  "read_back": len(stats.get("read", [])), "parsed": len(stats.get("parsed", [])) if stats else None}))
"""


def run(folder: Path, mode: str) -> dict:
    """One cold load in a fresh process."""
    if mode == "first":
        shutil.rmtree(folder / SNAPSHOT_DIR, ignore_errors=True)
    started = time.perf_counter()
    output = subprocess.run([sys.executable, "-c", MEASURE, str(folder), mode], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout
    result = json.loads(output)
    result["process"] = time.perf_counter() - started
    if mode == "snapshot":
        assert result["parsed"] == 0 and result["read_back"] == result["exports"], result
    return result


def measure(folder: Path, rounds: int) -> dict:
    runs: dict[str, list[dict]] = {mode: [] for mode in MODES}
    for _ in range(rounds):
        for mode in MODES:  # alternating: "snapshot" always follows a "first" that wrote it
            runs[mode].append(run(folder, mode))
    summary = {}
    for mode, results in runs.items():
        summary[mode] = {
            "seconds": round(statistics.median(result["seconds"] for result in results), 3),
            "process_seconds": round(statistics.median(result["process"] for result in results), 3),
            "peak_mib": round(statistics.median(result["peak_mib"] for result in results)),
            "all_seconds": [round(result["seconds"], 3) for result in results],
            "rows": results[0]["rows"], "exports": results[0]["exports"],
        }
    snapshot_mib = sum(path.stat().st_size for path in (folder / SNAPSHOT_DIR).rglob("*") if path.is_file()) / 2**20
    summary["snapshot_mib"] = round(snapshot_mib, 1)
    summary["speedup"] = round(summary["parse"]["seconds"] / summary["snapshot"]["seconds"], 1)
    return summary


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    results = {"rounds": args.rounds}
    with tempfile.TemporaryDirectory() as scratch:
        sample = Path(scratch) / "sample"
        sample.mkdir()
        for path in (ROOT / "data").iterdir():
            if path.is_file():
                shutil.copy2(path, sample / path.name)
        generated = Path(scratch) / "generated"
        generated.mkdir()
        write_students(generated / "students.csv", args.rows)
        cases = {"sample": sample, f"students_{args.rows}": generated}
        for name, folder in cases.items():
            summary = measure(folder, args.rounds)
            results[name] = summary
            rows = summary["parse"]["rows"]
            print(f"{name}: {summary['parse']['exports']} export(s), {rows:,} rows; median of {args.rounds} cold loads "
                  f"(load / whole process incl. imports):")
            for mode in MODES:
                print(f"  {mode:9} {summary[mode]['seconds']:7.3f} s / {summary[mode]['process_seconds']:6.2f} s, "
                      f"peak {summary[mode]['peak_mib']} MiB")
            print(f"  snapshot {summary['snapshot_mib']} MiB on disk; load {summary['speedup']}x faster than parsing")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "snapshot.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
