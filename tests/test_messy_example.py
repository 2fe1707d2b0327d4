"""End to end: the sample data exported the messy way gives exactly the same KPIs as the clean files.

examples/messy_exports/ holds students (Windows-1251, ';', Russian headers, title and total
rows, a personal-data column), totals (KOI8-R, space thousands), partners (.xlsx, Uzbek
headers, dd.mm.yyyy dates) and mobility (UTF-16 tab-separated, Russian direction and
category values), with country names in Russian, Uzbek and English. It is written by
scripts/make_messy_example.py from data/.
"""

from __future__ import annotations

import filecmp
from pathlib import Path

import pandas as pd
import pytest

from metrics.ingest import load_dataset
from metrics.engine import available_years, compute_kpis

ROOT = Path(__file__).resolve().parents[1]
MESSY = ROOT / "examples" / "messy_exports"
EXPORTS_IN_MESSY = ("students", "totals", "partners", "mobility")
AS_OF = pd.Timestamp("2026-11-22")


@pytest.fixture(scope="module")
def clean():
    data = load_dataset(ROOT / "data")
    return data.replace_frames(**{name: None for name in data.frames if name not in EXPORTS_IN_MESSY})


@pytest.fixture(scope="module")
def messy():
    return load_dataset(MESSY)


def test_messy_files_are_read_with_their_real_encodings(messy):
    encodings = {report.export: report.encoding for report in messy.files}
    assert encodings == {"students": "cp1251", "totals": "koi8_r", "partners": "xlsx", "mobility": "utf-16"}


def test_no_row_is_lost_and_nothing_but_the_title_total_and_blank_lines_is_skipped(messy, clean):
    for report in messy.files:
        assert report.rows_loaded == len(clean.get(report.export)), report.export
        assert report.rows_excluded == 0


def test_personal_data_columns_are_gone(messy):
    assert "ФИО" not in messy.get("students").columns
    assert not any("Студент " in str(value) for value in messy.get("students").iloc[:50].to_numpy().ravel())
    assert any(issue.column == "Telefon" and "personal data" in issue.message for issue in messy.issues)


def test_countries_in_three_languages_resolve_to_the_same_codes(messy, clean):
    assert messy.get("students")["citizenship"].tolist() == clean.get("students")["citizenship"].tolist()
    assert messy.get("partners")["country"].tolist() == clean.get("partners")["country"].tolist()
    assert messy.get("mobility")["country"].tolist() == clean.get("mobility")["country"].tolist()


@pytest.mark.parametrize("year", range(2016, 2026))
def test_every_kpi_equals_the_clean_data(messy, clean, year):
    assert available_years(messy) == available_years(clean)
    assert compute_kpis(messy, year, as_of=AS_OF) == compute_kpis(clean, year, as_of=AS_OF)


def test_the_example_folder_is_what_the_script_writes(tmp_path):
    from scripts.make_messy_example import main

    main(tmp_path)
    for name in ("students.csv", "totals.csv", "mobility.txt", "settings.toml"):
        assert filecmp.cmp(tmp_path / name, MESSY / name, shallow=False), name
