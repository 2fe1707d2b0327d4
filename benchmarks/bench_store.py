"""Benchmark: upload, preview and publish of a large export on the Data desk path (a script, not a test).

Two uploads over a copy of the sample data folder: a 1,000,000-row students.csv and a
100,000-row students.xlsx (the registry export of `bench_ingest.write_students`; the .xlsx
holds the same lines). Each case runs in a fresh subprocess and times what the desk does:

- stage: `metrics.store.stage` (the draft folder: the upload written, the parent's files linked);
- preview: load the draft and the current version, and `metrics.compare.compare` them;
- publish: `metrics.store.publish` given the preview's dataset, as the desk does (checks the
  draft, snapshots the plain folder as 000001, writes and fsyncs 000002, renames it into place);

then reports seconds and peak resident memory (VmHWM) and writes benchmarks/results/store.json.

    python benchmarks/bench_store.py [--csv-rows 1000000] [--xlsx-rows 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.bench_ingest import write_students  # noqa: E402 - the registry export generator
from metrics.accounts import AUTH_DIR_ENV  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"

MEASURE = """
import json, sys, time
from pathlib import Path
started = time.perf_counter()
from metrics import store
from metrics.compare import compare
from metrics.ingest import load_dataset
imports = time.perf_counter() - started
data_dir, upload = Path(sys.argv[1]), Path(sys.argv[2])
timings = {}
start = time.perf_counter()
draft = store.stage(data_dir, [(upload.name, upload.read_bytes())])
timings["stage"] = time.perf_counter() - start
start = time.perf_counter()
after = load_dataset(draft.folder)
before = store.load_version(data_dir)
timings["preview_load"] = time.perf_counter() - start
comparison = compare(before, after)
timings["preview"] = time.perf_counter() - start
timings["preview_compare"] = timings["preview"] - timings["preview_load"]
start = time.perf_counter()
version = store.publish(data_dir, draft, "bench", "benchmark upload", preview=after)  # as the desk does
timings["publish"] = time.perf_counter() - start
peak_kib = int(next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM")))
report = next(report for report in after.files if report.export == "students")
print(json.dumps({**{name: round(seconds, 2) for name, seconds in timings.items()},
                  "imports": round(imports, 2), "peak_mib": round(peak_kib / 1024),
                  "rows_loaded": report.rows_loaded, "version": version.id,
                  "rows_added": int(comparison.rows["added"].sum())}))
"""


def write_students_xlsx(path: Path, rows: int) -> None:
    """The registry export of `write_students` as an .xlsx workbook (one sheet, text cells as written)."""
    from openpyxl import Workbook

    text = path.with_suffix(".csv")
    write_students(text, rows)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Контингент")
    for line in text.read_bytes().decode("cp1251").splitlines():
        sheet.append(line.split(";"))
    workbook.save(path)
    text.unlink()


def measure(upload: Path, scratch: Path) -> dict:
    """One upload staged, previewed and published over a fresh copy of the sample data, in a fresh process."""
    data_dir = scratch / f"data-{upload.suffix[1:]}"
    shutil.copytree(ROOT / "data", data_dir)
    env = dict(os.environ, **{AUTH_DIR_ENV: str(scratch / "auth")})  # its audit lines stay out of the real log
    output = subprocess.run([sys.executable, "-c", MEASURE, str(data_dir), str(upload)], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=True).stdout
    return json.loads(output)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv-rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        (scratch / "csv").mkdir()
        (scratch / "xlsx").mkdir()
        cases = {"csv": (scratch / "csv" / "students.csv", args.csv_rows),
                 "xlsx": (scratch / "xlsx" / "students.xlsx", args.xlsx_rows)}
        write_students(*cases["csv"])
        write_students_xlsx(*cases["xlsx"])
        for kind, (upload, rows) in cases.items():
            result = measure(upload, scratch)
            result.update(rows=rows, file_mib=round(upload.stat().st_size / 2**20, 1))
            results[kind] = result
            print(f"students.{kind}: {rows:,} rows, {result['file_mib']} MiB — stage {result['stage']:.2f} s, "
                  f"preview {result['preview']:.2f} s (load draft + current {result['preview_load']:.2f} s, "
                  f"compare {result['preview_compare']:.2f} s), "
                  f"publish {result['publish']:.2f} s, peak memory {result['peak_mib']} MiB")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "store.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
