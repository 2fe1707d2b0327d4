"""Benchmark: read and validate a 1,000,000-row students.csv (a script, not a test).

Writes a synthetic registry export the way real ones come (semicolons, Russian headers,
country names in several languages, a title line and a total row, Windows-1251), then
loads it with `metrics.ingest.load_dataset` in a fresh subprocess and reports wall seconds
and peak resident memory (VmHWM). Aim: under 3 s and under 1 GB on a 2-core machine.

    python benchmarks/bench_ingest.py [--rows 1000000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
CHUNK_ROWS = 500_000
COUNTRY_SPELLINGS = ["India", "Индия", "Pakistan", "Пакистан", "Turkmenistan", "Туркменистан", "Tajikistan",
                     "Kazakhstan", "Қозоғистон", "Afghanistan", "Republic of Korea", "Türkiye", "Russian Federation",
                     "Nepal", "Bangladesh", "Egypt", "Nigeria", "Iran", "China", "Mongolia", "Stateless"]
FACULTIES = ["Лечебный", "Педиатрия", "Стоматология", "Фармация", "Общественное здоровье"]
LEVELS = ["Бакалавриат", "Магистратура", "Ординатура", "PhD"]


def write_students(path: Path, rows: int, seed: int = 7, universities: int = 0) -> None:
    """The registry export; with ``universities`` > 0 a ministry's: a «ВУЗ» column naming one of that many
    universities per row (drawn after every other column, so the other columns are those without it)."""
    rng = np.random.default_rng(seed)
    years = rng.integers(2016, 2026, rows)
    codes = [rng.integers(0, len(COUNTRY_SPELLINGS), rows), rng.integers(0, len(FACULTIES), rows),
             rng.integers(0, len(LEVELS), rows), rng.integers(0, 2, rows)]
    ids = rng.integers(1_000_000, 9_999_999, rows)
    names = [COUNTRY_SPELLINGS, FACULTIES, LEVELS, ["Ж", "М"]]
    header = "Учебный год;Гражданство;Факультет;Уровень обучения;Пол;ID студента"
    if universities:
        codes.append(rng.integers(0, universities, rows))
        names.append([f"Университет {number:03d}" for number in range(1, universities + 1)])
        header += ";ВУЗ"
    separators = ";" * (len(names) + 1)
    with open(path, "wb") as out:  # in chunks: 10 million rows without gigabytes of strings
        out.write(f"Контингент иностранных обучающихся{separators}\r\n{header}\r\n".encode("cp1251"))
        for first in range(0, rows, CHUNK_ROWS):
            part = slice(first, first + CHUNK_ROWS)
            year = years[part]
            cells = [np.char.add(np.char.add(year.astype(str), "/"), (year + 1).astype(str))]
            cells += [np.array(values)[code[part]] for values, code in zip(names[:4], codes[:4])]
            cells.append(np.char.add("S", ids[part].astype(str)))
            cells += [np.array(values)[code[part]] for values, code in zip(names[4:], codes[4:])]
            lines = [";".join(row) for row in zip(*(column.tolist() for column in cells))]
            out.write(("\r\n".join(lines) + "\r\n").encode("cp1251", errors="replace"))
        out.write((f"Итого;;;;;{rows}" + (";" if universities else "") + "\r\n").encode("cp1251"))


MEASURE = """
import json, sys, time
start = time.perf_counter()
from metrics.ingest import load_dataset
data = load_dataset(sys.argv[1])
seconds = time.perf_counter() - start
peak_kib = int(next(line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM')))
report = data.files[0]
print(json.dumps({"seconds": seconds, "peak_mib": peak_kib / 1024, "rows_loaded": report.rows_loaded,
                  "rows_read": report.rows_read, "issues": len(data.issues)}))
"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "students.csv"
        write_students(path, args.rows)
        size_mib = path.stat().st_size / 2**20
        started = time.perf_counter()
        output = subprocess.run([sys.executable, "-c", MEASURE, folder], cwd=ROOT, capture_output=True,
                                text=True, check=True).stdout
        wall = time.perf_counter() - started
    result = json.loads(output)
    result.update(rows=args.rows, file_mib=round(size_mib, 1), process_wall_seconds=round(wall, 2))
    print(f"students.csv: {args.rows:,} rows, {size_mib:.1f} MiB, cp1251, ';', Russian headers")
    print(f"load + validate: {result['seconds']:.2f} s (process incl. imports {wall:.2f} s), "
          f"peak memory {result['peak_mib']:.0f} MiB, rows loaded {result['rows_loaded']:,}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "ingest.json").write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
