"""Benchmark: the whole KPI run on 1,000,000 students and 100,000 mobility rows.

Usage: ``python benchmarks/bench_kpis.py [--students N] [--mobility N] [--repeat R] [--keep DIR]``

Generates synthetic exports as CSVs in a temporary folder (students and mobility large,
the other exports small), then measures, each in a fresh subprocess so that peak memory
(VmHWM from /proc/self/status, or ru_maxrss) belongs to that measurement alone:

- ``baseline``: bare ``pandas.read_csv`` of students.csv and mobility.csv + one group-by each;
- ``kpis``: ``load_dataset`` + ``compute_kpis`` for the latest year + ``kpi_trend`` for every
  KPI (all years) + ``kpi_table`` — what the dashboard does on start;
- ``kpis_only``: the KPI part alone on a dataset already loaded (load time excluded).

Prints a table and writes JSON + Markdown to benchmarks/results/ (gitignored). The aim:
the whole KPI run within 3× the bare baseline and under 1 GB peak memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
TIME_FACTOR_AIM = 3.0
MEMORY_AIM_MB = 1024.0
SEED = 20241

COUNTRIES = ["Uzbekistan"] * 6 + ["India", "Turkmenistan", "Tajikistan", "Kazakhstan", "Pakistan", "Russia",
                                  "Kyrgyzstan", "Afghanistan", "China", "Turkey", "Korea, Republic of", "Egypt",
                                  "Nigeria", "Germany", "Nepal", "Бангладеш", "Atlantis"]  # Atlantis: unresolved
FACULTIES = ["General Medicine", "Pediatrics", "Dentistry", "Pharmacy", "Public Health", "Nursing"]
LEVELS = ["Bachelor", "Master", "Residency", "PhD"]
STATUSES = ["continuing"] * 6 + ["new"] * 3 + ["graduated", "expelled", "withdrawn"]
YEARS = list(range(2015, 2025))


# --------------------------------------------------------------------------- data

def generate(folder: Path, students: int, mobility: int) -> None:
    """Write synthetic exports to ``folder``."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(SEED)
    ids = rng.integers(0, students // 4, students)
    frame = pd.DataFrame({
        "year": rng.choice(YEARS, students),
        "citizenship": rng.choice(COUNTRIES, students),
        "count": 1,
        "faculty": rng.choice(FACULTIES, students),
        "level": rng.choice(LEVELS, students),
        "sex": rng.choice(["F", "M"], students),
        "status": rng.choice(STATUSES, students),
        "student_id": pd.Series(ids).map("S{:07d}".format),
    })
    frame.to_csv(folder / "students.csv", index=False)
    pd.DataFrame({
        "year": rng.choice(YEARS, mobility),
        "direction": rng.choice(["in", "out"], mobility),
        "category": rng.choice(["student", "staff"], mobility),
        "country": rng.choice(COUNTRIES[5:], mobility),
        "partner": rng.choice([f"Partner University {i}" for i in range(300)], mobility),
        "program": rng.choice(["Erasmus+", "bilateral", "own funds"], mobility),
        "purpose": rng.choice(["study", "teaching", "research"], mobility),
        "count": rng.integers(1, 4, mobility),
    }).to_csv(folder / "mobility.csv", index=False)
    partners = 400
    signed = pd.Timestamp("2012-01-01") + pd.to_timedelta(rng.integers(0, 4500, partners), unit="D")
    expires = (signed + pd.to_timedelta(rng.integers(700, 3000, partners), unit="D")).to_series(index=range(partners))
    expires[rng.random(partners) < 0.3] = pd.NaT
    pd.DataFrame({
        "partner": [f"Partner University {i % 300}" for i in range(partners)],
        "country": rng.choice(COUNTRIES[6:], partners),
        "partner_id": [f"P{i % 300:04d}" for i in range(partners)],
        "type": rng.choice(["university", "hospital", "research centre"], partners),
        "fields": rng.choice(["education", "education;research", "patient care"], partners),
        "agreement": rng.choice(["MoU", "bilateral"], partners),
        "signed": signed.strftime("%Y-%m-%d"),
        "expires": [d.strftime("%Y-%m-%d") if not pd.isna(d) else "" for d in expires],
    }).to_csv(folder / "partners.csv", index=False)
    pd.DataFrame({"year": YEARS * 2, "total_students": [20000 + 500 * i for i in range(len(YEARS))] * 2,
                  "faculty": [""] * len(YEARS) + ["General Medicine"] * len(YEARS),
                  "programs": [40] * len(YEARS) + [""] * len(YEARS)}).to_csv(folder / "totals.csv", index=False)
    programs = [f"Joint program {i}" for i in range(30)]
    pd.DataFrame({"program": programs, "partner": [f"Partner University {i}" for i in range(30)],
                  "country": rng.choice(COUNTRIES[6:], 30), "type": rng.choice(["joint", "double"], 30),
                  "level": rng.choice(LEVELS, 30), "start_year": rng.choice(YEARS, 30),
                  "end_year": [""] * 30}).to_csv(folder / "programs.csv", index=False)
    pd.DataFrame({"program": programs * len(YEARS), "year": sorted(YEARS * 30),
                  "students": rng.integers(5, 50, 30 * len(YEARS)),
                  "graduates": rng.integers(0, 10, 30 * len(YEARS))}).to_csv(folder / "program_enrollment.csv", index=False)
    events = 3000
    pd.DataFrame({"event": [f"Event {i}" for i in range(events)],
                  "date": (pd.Timestamp("2015-09-01") + pd.to_timedelta(rng.integers(0, 3600, events), unit="D")).strftime("%Y-%m-%d"),
                  "type": rng.choice(["conference", "workshop", "school"], events),
                  "participants": rng.integers(20, 500, events), "international_participants": rng.integers(0, 50, events),
                  "countries": rng.choice(["Kazakhstan;Russia", "India", ""], events)}).to_csv(folder / "events.csv", index=False)
    pd.DataFrame({"grant": [f"Grant {i}" for i in range(100)], "partner": [f"Partner University {i}" for i in range(100)],
                  "country": rng.choice(COUNTRIES[6:], 100), "funder": "bilateral", "start_year": rng.choice(YEARS, 100),
                  "end_year": ""}).to_csv(folder / "grants.csv", index=False)
    pd.DataFrame({"year": rng.choice(YEARS, 50), "country": rng.choice(COUNTRIES[6:], 50),
                  "field": "surgery"}).to_csv(folder / "honorary_doctorates.csv", index=False)
    pd.DataFrame({"kpi": ["foreign_students", "active_partners"], "year": [2025, 2025],
                  "target": [700000, 300]}).to_csv(folder / "targets.csv", index=False)
    pd.DataFrame({"year": YEARS * 3, "citizenship": ["Uzbekistan"] * len(YEARS) + ["Russia"] * len(YEARS) + ["India"] * len(YEARS),
                  "fte": [900.0] * len(YEARS) + [12.5] * len(YEARS) + [4.0] * len(YEARS),
                  "count": [1000] * len(YEARS) + [14] * len(YEARS) + [5] * len(YEARS)}).to_csv(folder / "staff.csv", index=False)
    (folder / "settings.toml").write_text('[university]\nname = "Benchmark University"\nhome_country = "UZB"\n',
                                          encoding="utf-8")


# --------------------------------------------------------------------------- measurements (run in a subprocess)

def peak_memory_mb() -> float:
    """Peak resident memory of this process in MB (VmHWM, else ru_maxrss)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def measure(kind: str, folder: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    import pandas as pd  # noqa: F401  (import time is not measured)

    details: dict = {}
    start = time.perf_counter()
    if kind == "baseline":
        students = pd.read_csv(folder / "students.csv")
        mobility = pd.read_csv(folder / "mobility.csv")
        details["students_by_year"] = int(students.groupby("year")["count"].sum().size)
        details["mobility_by_year"] = int(mobility.groupby(["year", "direction"])["count"].sum().size)
    else:
        from metrics.catalogue import CATALOGUE
        from metrics.ingest import load_dataset
        from metrics.engine import available_years, compute_kpis, kpi_table, kpi_trend

        data = load_dataset(folder)
        loaded = time.perf_counter()
        details["load_seconds"] = round(loaded - start, 3)
        if kind == "kpis_only":
            start = loaded
        year = available_years(data)[-1]
        values = compute_kpis(data, year, as_of=dt.date(2025, 1, 1))
        trends = {kpi_id: kpi_trend(data, kpi_id, as_of=dt.date(2025, 1, 1)) for kpi_id in CATALOGUE}
        kpi_table(data, year, as_of=dt.date(2025, 1, 1))
        details["kpi_seconds"] = round(time.perf_counter() - loaded, 3)
        details["year"] = year
        details["foreign_students"] = values["foreign_students"]
        details["trend_rows"] = sum(len(t) for t in trends.values())
    seconds = time.perf_counter() - start
    return {"kind": kind, "seconds": round(seconds, 3), "peak_mb": round(peak_memory_mb(), 1), **details}


def run_subprocess(kind: str, folder: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--measure", kind, str(folder)], capture_output=True, text=True,
                         cwd=str(ROOT), env={**os.environ, "PYTHONPATH": str(ROOT)})
    if out.returncode != 0:
        raise RuntimeError(f"{kind} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=1_000_000)
    parser.add_argument("--mobility", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the fastest is reported")
    parser.add_argument("--keep", type=Path, help="write the CSVs here and keep them")
    parser.add_argument("--measure", nargs=2, metavar=("KIND", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure[0], Path(args.measure[1]))))
        return 0

    with tempfile.TemporaryDirectory(prefix="bench_kpis_") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        generate(folder, args.students, args.mobility)
        print(f"generated {args.students:,} students, {args.mobility:,} mobility rows in "
              f"{time.perf_counter() - started:.1f} s ({folder})")
        results = {}
        for kind in ("baseline", "kpis", "kpis_only"):
            runs = [run_subprocess(kind, folder) for _ in range(max(1, args.repeat))]
            results[kind] = min(runs, key=lambda r: r["seconds"])
            results[kind]["peak_mb"] = max(r["peak_mb"] for r in runs)

    base, whole = results["baseline"], results["kpis"]
    factor = whole["seconds"] / base["seconds"] if base["seconds"] else float("nan")
    rows = [
        ("baseline: read_csv + groupby", base["seconds"], base["peak_mb"], ""),
        ("whole KPI run (load + KPIs + trends)", whole["seconds"], whole["peak_mb"],
         f"load {whole['load_seconds']} s, KPIs {whole['kpi_seconds']} s"),
        ("KPIs + trends only (loaded data)", results["kpis_only"]["seconds"], results["kpis_only"]["peak_mb"], ""),
    ]
    lines = ["| measurement | seconds | peak MB | note |", "|---|---:|---:|---|"]
    lines += [f"| {name} | {seconds:.2f} | {mb:.0f} | {note} |" for name, seconds, mb, note in rows]
    only = results["kpis_only"]["seconds"] / base["seconds"] if base["seconds"] else float("nan")
    verdict = (f"whole run = {factor:.2f}× baseline (aim ≤ {TIME_FACTOR_AIM}×), of which loading "
               f"{whole['load_seconds'] / base['seconds']:.1f}×; KPIs + trends alone = {only:.2f}× baseline; "
               f"peak {whole['peak_mb']:.0f} MB (aim < {MEMORY_AIM_MB:.0f} MB); load average "
               f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    lines += ["", verdict]
    table = "\n".join(lines)
    print(table)

    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    payload = {"when": stamp, "students": args.students, "mobility": args.mobility, "python": sys.version.split()[0],
               "results": results, "factor": round(factor, 2), "kpis_only_factor": round(only, 2),
               "meets_time_aim": factor <= TIME_FACTOR_AIM, "meets_memory_aim": whole["peak_mb"] < MEMORY_AIM_MB}
    (RESULTS / f"bench_kpis_{stamp}.json").write_text(json.dumps(payload, indent=2), encoding="utf-8")
    (RESULTS / f"bench_kpis_{stamp}.md").write_text(f"# bench_kpis {stamp}\n\n{table}\n", encoding="utf-8")
    (RESULTS / "bench_kpis_latest.json").write_text(json.dumps(payload, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
