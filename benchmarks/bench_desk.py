"""Benchmark: upload → preview on the Data desk, through its own helpers (a script, not a test).

Two uploads over a copy of the sample data folder: a 100,000-row .xlsx and a 1,000,000-row
CSV, both the registry export of `bench_ingest.write_students` (cp1251, ';', Russian headers;
the .xlsx holds the same lines). Each case runs in a fresh subprocess and times what the desk
page does, with `app.desk`'s functions:

- key: `upload_key` (hashing the upload set, done on every click of the page);
- stage: `stage_uploads` (the draft folder: the upload written, the current version's files linked);
- preview: `build_preview` against the current version (load the draft, what each upload holds,
  unknown headers and countries, `compare`, and whether it can be published);
- remap: one country mapping made (`apply_choices` restages, then `build_preview` again), as
  the preview updates on every mapping choice;
- publish: `metrics.store.publish` given the preview's dataset, as the page does.

Writes benchmarks/results/desk.json with seconds and peak resident memory (VmHWM).

    python benchmarks/bench_desk.py [--csv-rows 1000000] [--xlsx-rows 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.bench_ingest import write_students  # noqa: E402 - the registry export generator
from benchmarks.bench_store import write_students_xlsx  # noqa: E402 - the same lines as a workbook

RESULTS = ROOT / "benchmarks" / "results"
REMAPPED_NAME = "Stateless"  # a name of the generator that resolves to no country: mapped once, as a person would

MEASURE = """
import json, sys, time
from pathlib import Path
started = time.perf_counter()
from app.desk import Choices, apply_choices, build_preview, stage_uploads, upload_key
from metrics.store import load_version, publish
imports = time.perf_counter() - started
data_dir, path, remapped = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
uploads = [(path.name, path.read_bytes())]
timings = {}

def timed(name, call):
    start = time.perf_counter()
    value = call()
    timings[name] = round(time.perf_counter() - start, 2)
    return value

timed("key", lambda: upload_key(uploads))
before = timed("load_current", lambda: load_version(data_dir))
draft = timed("stage", lambda: stage_uploads(data_dir, uploads))
preview = timed("preview", lambda: build_preview(draft, before))
mapped = Choices().with_country(remapped, "")
draft = timed("remap_restage", lambda: apply_choices(draft, uploads, Choices(), mapped))
preview = timed("remap_preview", lambda: build_preview(draft, before))
version = timed("publish", lambda: publish(data_dir, draft, "bench", "benchmark upload", preview=preview.data))
peak_kib = int(next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM")))
upload = preview.uploads[0]
print(json.dumps({**timings, "upload_to_preview": round(timings["stage"] + timings["preview"], 2),
                  "imports": round(imports, 2), "peak_mib": round(peak_kib / 1024), "export": upload.export,
                  "rows_loaded": upload.report.rows_loaded, "unresolved_names": len(upload.unresolved),
                  "rows_added": int(preview.comparison.rows["added"].sum()), "version": version.id}))
"""


def run_case(upload: Path, scratch: Path) -> dict:
    """Time one upload over a fresh copy of the sample data, in a fresh process."""
    data_dir = scratch / f"data_{upload.suffix[1:]}"
    shutil.copytree(ROOT / "data", data_dir, ignore=shutil.ignore_patterns(".versions"))
    env = dict(os.environ, IC_AUTH_DIR=str(scratch / "auth"))  # the publish's audit line stays in the scratch folder
    started = time.perf_counter()
    output = subprocess.run([sys.executable, "-c", MEASURE, str(data_dir), str(upload), REMAPPED_NAME], cwd=ROOT,
                            capture_output=True, text=True, check=True, env=env).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result.update(process_wall_seconds=round(time.perf_counter() - started, 2),
                  file_mib=round(upload.stat().st_size / 2**20, 1))
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv-rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        cases = (("xlsx", args.xlsx_rows, write_students_xlsx), ("csv", args.csv_rows, write_students))
        for kind, rows, write in cases:
            upload = scratch / f"Контингент иностранцев.{kind}"
            write(upload, rows)
            results[kind] = dict(run_case(upload, scratch), rows=rows)
            result = results[kind]
            print(f"{kind}: {rows:,} rows, {result['file_mib']} MiB — upload → preview {result['upload_to_preview']} s "
                  f"(stage {result['stage']} s, preview {result['preview']} s); a mapping change "
                  f"{round(result['remap_restage'] + result['remap_preview'], 2)} s; publish {result['publish']} s; "
                  f"peak {result['peak_mib']} MiB")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "desk.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
