"""Benchmark: `python -m metrics validate` on N seeded fuzz folders (a script, not a test).

Each case of `tests/fuzz_exports.py` is written to a temporary folder and validated in its own
subprocess under the limits of issue 8 (10 s wall clock, 1 GB address space). A case fails when
validate times out, runs out of memory (peak RSS over the limit, a MemoryError in its output, or
death by a signal), prints a traceback, exits with a code other than 0/1/2, or never names the
hostile file. Per case class: cases, failures by kind, the slowest case and the largest peak RSS.
Writes `benchmarks/results/fuzz.json` and prints a summary table.

    python benchmarks/bench_fuzz.py [N=2000] [--start 0] [--seed S] [--jobs 1]
                                    [--classes xlsx_far_cell,...] [--code DIR] [--out PATH]

`--code DIR` runs another checkout's `metrics` (e.g. `git archive HEAD` unpacked in /tmp) with
the same cases, for before/after numbers. Reproduce a failing case with
`python tests/fuzz_exports.py CASE /tmp/somewhere`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

from fuzz_exports import (  # noqa: E402  (tests/ is not a package)
    CASE_CLASSES,
    DEFAULT_SEED,
    FAILURE_KINDS,
    MEMORY_LIMIT_BYTES,
    VALIDATE_TIMEOUT_SECONDS,
    case_class,
    first_error_line,
    run_validate,
    validate_failure,
    write_case,
)

RESULTS = ROOT / "benchmarks" / "results"
MB = 1 << 20


def run_case(number: int, seed: int, code_root: Path, scratch: Path) -> dict:
    """Write case `number`, validate it under the limits, delete it; the record of what happened."""
    case = write_case(number, scratch, seed)
    try:
        run = run_validate(case.folder, code_root=code_root)
    finally:
        for path in (case.folder, *case.folder.rglob("*")):
            path.chmod(0o700 if path.is_dir() else 0o600)  # the unreadable-file class chmods to 000
        shutil.rmtree(case.folder)
    failure = validate_failure(run, case.named)
    return {"case": number, "kind": case.kind, "detail": case.detail, "failure": failure,
            "exit_code": run.exit_code, "seconds": round(run.seconds, 3),
            "peak_rss_mb": round(run.peak_rss_bytes / MB, 1), "message": first_error_line(run) if failure else ""}


def summarise(records: list[dict]) -> dict:
    """Per case class: cases, failures by kind, slowest case, largest peak RSS."""
    classes = {}
    for kind in CASE_CLASSES:
        runs = [record for record in records if record["kind"] == kind]
        if not runs:
            continue
        slowest = max(runs, key=lambda record: record["seconds"])
        largest = max(runs, key=lambda record: record["peak_rss_mb"])
        by_failure = {failure: sum(record["failure"] == failure for record in runs) for failure in FAILURE_KINDS}
        classes[kind] = {
            "cases": len(runs),
            "failures": sum(record["failure"] is not None for record in runs),
            "by_failure": {failure: count for failure, count in by_failure.items() if count},
            "slowest": {"case": slowest["case"], "seconds": slowest["seconds"]},
            "largest_rss": {"case": largest["case"], "mb": largest["peak_rss_mb"]},
        }
    return classes


def print_table(classes: dict, records: list[dict]) -> None:
    header = f"{'class':<26}{'cases':>6}{'fail':>6}  {'failures by kind':<34}{'slowest (case)':>18}{'max RSS MB (case)':>20}"
    print(header)
    print("-" * len(header))
    for kind, row in classes.items():
        kinds = ", ".join(f"{failure} {count}" for failure, count in row["by_failure"].items())
        slowest = f"{row['slowest']['seconds']:.2f}s ({row['slowest']['case']})"
        largest = f"{row['largest_rss']['mb']:.0f} ({row['largest_rss']['case']})"
        print(f"{kind:<26}{row['cases']:>6}{row['failures']:>6}  {kinds:<34}{slowest:>18}{largest:>20}")
    failed = sum(record["failure"] is not None for record in records)
    print("-" * len(header))
    print(f"{'all':<26}{len(records):>6}{failed:>6}")


def git_commit(code_root: Path) -> str:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=code_root, capture_output=True, text=True)
    return result.stdout.strip() or "unknown (not a git checkout)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="?", type=int, default=2000, help="number of cases (default 2000)")
    parser.add_argument("--start", type=int, default=0, help="first case number")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--jobs", type=int, default=1, help="cases validated at once (default 1; 2 cores shared)")
    parser.add_argument("--classes", default="", help="comma-separated case classes to run (default: all)")
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose metrics package is run")
    parser.add_argument("--out", type=Path, default=RESULTS / "fuzz.json")
    args = parser.parse_args()
    wanted = set(filter(None, args.classes.split(","))) or set(CASE_CLASSES)
    unknown = wanted - set(CASE_CLASSES)
    if unknown:
        parser.error(f"unknown case class(es): {', '.join(sorted(unknown))}")
    numbers = [number for number in range(args.start, args.start + args.cases) if case_class(number) in wanted]

    started = time.perf_counter()
    records: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="fuzz-") as scratch, ThreadPoolExecutor(args.jobs) as pool:
        jobs = pool.map(lambda number: run_case(number, args.seed, args.code.resolve(), Path(scratch)), numbers)
        for done, record in enumerate(jobs, 1):
            records.append(record)
            if record["failure"]:
                print(f"case {record['case']} {record['kind']}: {record['failure']} — {record['message']}",
                      file=sys.stderr)
            if done % 50 == 0:
                print(f"... {done}/{len(numbers)} cases, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    classes = summarise(records)
    result = {
        "seed": args.seed,
        "cases": len(records),
        "first_case": args.start,
        "code": str(args.code.resolve()),
        "commit": git_commit(args.code),
        "limits": {"seconds": VALIDATE_TIMEOUT_SECONDS, "memory_mb": MEMORY_LIMIT_BYTES // MB},
        "wall_seconds": round(time.perf_counter() - started, 1),
        "failed": sum(record["failure"] is not None for record in records),
        "classes": classes,
        "failures": [record for record in records if record["failure"]],
        "slowest": sorted(records, key=lambda record: -record["seconds"])[:10],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print_table(classes, records)
    print(f"\n{result['failed']} of {len(records)} cases failed; {result['wall_seconds']} s; written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
