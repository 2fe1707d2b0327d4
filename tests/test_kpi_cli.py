"""The `kpis` command: aligned table and JSON output on a small data folder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from metrics.catalogue import CATALOGUE
from metrics.kpi_cli import format_value, main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    (tmp_path / "students.csv").write_text(
        "year,citizenship,count,status,student_id\n"
        "2023,Kazakhstan,2,new,\n"
        "2024,Kazakhstan,1,continuing,S1\n"
        "2024,Kazakhstan,1,continuing,S1\n"
        "2024,India,3,new,\n"
        "2024,Uzbekistan,10,new,\n", encoding="utf-8")
    (tmp_path / "mobility.csv").write_text(
        "year,direction,category,country,count\n2024,in,student,Russia,2\n2024,out,staff,Turkey,1\n",
        encoding="utf-8")
    return tmp_path


def test_json_output_has_year_home_and_every_kpi(data_dir, capsys):
    assert main(["--data", str(data_dir), "--home", "UZB", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["year"] == 2024 and result["home_country"] == "UZB"
    assert list(result["kpis"]) == list(CATALOGUE)
    assert result["kpis"]["foreign_students"] == 4
    assert result["kpis"]["foreign_student_share"] == pytest.approx(4 / 14 * 100)
    assert result["kpis"]["inbound_mobility"] == 2


def test_json_output_uses_null_for_kpis_not_available(data_dir, capsys):
    main(["--data", str(data_dir), "--home", "UZB", "--json"])
    result = json.loads(capsys.readouterr().out)
    assert result["kpis"]["active_partners"] is None
    assert result["kpis"]["honorary_doctorates"] is None


def test_year_option_picks_the_year(data_dir, capsys):
    main(["--data", str(data_dir), "--home", "UZB", "--json", "--year", "2023"])
    result = json.loads(capsys.readouterr().out)
    assert result["year"] == 2023 and result["kpis"]["foreign_students"] == 2
    assert result["kpis"]["inbound_mobility"] == 0


def test_table_output_is_aligned_with_one_line_per_kpi(data_dir, capsys):
    assert main(["--data", str(data_dir), "--home", "UZB"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "2024/25" in lines[0]
    rows = lines[1:]
    assert len(rows) == len(CATALOGUE)
    assert len({len(row) for row in rows}) == 1  # right-aligned values: every line has the same width
    assert rows[0].split()[0] == "foreign_students" and rows[0].endswith(" 4")
    assert any(row.startswith("active_partners") and row.endswith("n/a") for row in rows)


def test_table_output_in_russian(data_dir, capsys):
    main(["--data", str(data_dir), "--home", "UZB", "--lang", "ru"])
    assert "Иностранные студенты" in capsys.readouterr().out


def test_empty_data_folder_exits_with_status_2(tmp_path, capsys):
    assert main(["--data", str(tmp_path), "--home", "UZB"]) == 2
    assert "no yearly data" in capsys.readouterr().err


def test_format_value_by_unit():
    assert format_value(1234, "count") == "1,234"
    assert format_value(12.345, "percent") == "12.3 %"
    assert format_value(2.345, "index") == "2.35"
    assert format_value(None, "count") == "n/a"


def test_python_m_metrics_kpis_dispatches_to_the_cli(data_dir):
    out = subprocess.run([sys.executable, "-m", "metrics", "kpis", "--data", str(data_dir), "--home", "UZB", "--json"],
                         capture_output=True, text=True, cwd=str(ROOT), check=True)
    assert json.loads(out.stdout)["kpis"]["foreign_students"] == 4


def test_as_of_option_sets_the_expiry_date(tmp_path, capsys):
    (tmp_path / "partners.csv").write_text("partner,country,signed,expires\nA,Kazakhstan,2020-01-01,2025-03-01\n",
                                           encoding="utf-8")
    (tmp_path / "students.csv").write_text("year,citizenship\n2024,Kazakhstan\n", encoding="utf-8")
    main(["--data", str(tmp_path), "--home", "UZB", "--json", "--as-of", "2025-01-01"])
    assert json.loads(capsys.readouterr().out)["kpis"]["agreements_expiring"] == 1
    main(["--data", str(tmp_path), "--home", "UZB", "--json", "--as-of", "2024-01-01"])
    assert json.loads(capsys.readouterr().out)["kpis"]["agreements_expiring"] == 0


def test_json_output_says_why_a_kpi_is_null(tmp_path, capsys):
    (tmp_path / "students.csv").write_text("year,citizenship,count\n2023,Kazakhstan,2\n2024,India,3\n", encoding="utf-8")
    main(["--data", str(tmp_path), "--home", "UZB", "--json"])
    result = json.loads(capsys.readouterr().out)
    assert result["kpis"]["foreign_students"] == 3
    assert result["kpis"]["new_foreign_students"] is None  # no status, no student_id: not available, never 0
    assert result["not_available"]["new_foreign_students"] == "the students export has no values in status or student_id"
    assert result["not_available"]["active_partners"] == "no partners export in the data folder"
    assert set(result["not_available"]) == {kpi for kpi, value in result["kpis"].items() if value is None}
