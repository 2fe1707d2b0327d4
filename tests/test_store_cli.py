"""`python -m metrics publish|history|rollback|diff` and `--version` of validate, kpis and report."""

from __future__ import annotations

import hashlib
import json
import sys
import types
from pathlib import Path

import openpyxl
import pytest

from metrics.__main__ import main
from metrics.vocabulary import t

STUDENTS = b"year,citizenship,count\n2024,Kazakhstan,1\n2024,India,3\n2024,Uzbekistan,10\n"  # 4 foreign in 2024
NEW_STUDENTS = b"year,citizenship,count\n2024,Kazakhstan,1\n2024,India,3\n2024,Nepal,5\n"  # 9 foreign in 2024


@pytest.fixture(autouse=True)
def no_audit_log(monkeypatch):
    fake = types.ModuleType("metrics.audit")
    fake.record = lambda event, user, address=None, **details: None
    monkeypatch.setitem(sys.modules, "metrics.audit", fake)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "students.csv").write_bytes(STUDENTS)
    (data / "settings.toml").write_text('[university]\nname = "Test University"\nhome_country = "UZB"\n')
    return data


@pytest.fixture
def upload(tmp_path: Path) -> Path:
    path = tmp_path / "upload" / "students.csv"
    path.parent.mkdir()
    path.write_bytes(NEW_STUDENTS)
    return path


def run(capsys, *argv) -> tuple[int, str]:
    code = main([str(arg) for arg in argv])
    return code, capsys.readouterr().out


def test_publish_prints_the_new_version_and_exits_0(folder, upload, capsys):
    code, out = run(capsys, "publish", "--data", folder, upload, "--comment", "new", "--user", "ann")
    assert (code, out.strip()) == (0, "000002")


def test_publish_of_a_file_that_holds_no_export_exits_1_listing_it(folder, tmp_path, capsys):
    other = tmp_path / "notes.csv"
    other.write_text("a,b\n1,2\n")
    code, out = run(capsys, "publish", "--data", folder, other, "--comment", "x", "--user", "ann")
    assert code == 1
    assert "notes.csv" in out and "not published" in out
    assert not (folder / ".versions" / "000002").exists()


def test_publish_strict_refuses_excluded_rows_with_line_column_and_value(folder, tmp_path, capsys):
    bad = tmp_path / "students.csv"
    bad.write_bytes(NEW_STUDENTS + b"20x4,India,1\n")
    code, out = run(capsys, "publish", "--data", folder, bad, "--comment", "x", "--user", "ann", "--strict")
    assert code == 1
    assert "students.csv, line 5, column 'year': value '20x4'" in out
    code, out = run(capsys, "publish", "--data", folder, bad, "--comment", "x", "--user", "ann")
    assert (code, out.strip()) == (0, "000002")


def test_publish_exits_2_for_an_unreadable_file_or_a_missing_folder(folder, tmp_path, upload, capsys):
    unreadable = tmp_path / "students.xlsx"
    unreadable.write_bytes(b"not a workbook")
    code, _ = run(capsys, "publish", "--data", folder, unreadable, "--comment", "x", "--user", "ann")
    assert code == 2
    assert run(capsys, "publish", "--data", folder, tmp_path / "missing.csv", "--comment", "x", "--user", "a")[0] == 2
    assert run(capsys, "publish", "--data", tmp_path / "nowhere", upload, "--comment", "x", "--user", "a")[0] == 2


def test_history_json_lists_every_version_with_its_fields(folder, upload, capsys):
    run(capsys, "publish", "--data", folder, upload, "--comment", "new", "--user", "ann")
    code, out = run(capsys, "history", "--data", folder, "--json")
    assert code == 0
    history = json.loads(out)
    assert [(v["id"], v["parent"], v["action"], v["user"], v["comment"], v["current"]) for v in history] == [
        ("000001", None, "initial", "", "the folder as it was", False), ("000002", "000001", "publish", "ann", "new", True)]
    assert history[1]["files"] == [{"name": "students.csv", "sha256": hashlib.sha256(NEW_STUDENTS).hexdigest(),
                                    "size": len(NEW_STUDENTS), "export": "students"}]
    assert {"created", "restored_from", "mappings_sha256", "settings_sha256"} <= set(history[0])
    code, out = run(capsys, "history", "--data", folder)
    assert code == 0 and "* 000002" in out


def test_rollback_and_kpis_of_each_version(folder, upload, capsys):
    run(capsys, "publish", "--data", folder, upload, "--comment", "new", "--user", "ann")
    assert run(capsys, "rollback", "--data", folder, "000001", "--user", "bob", "--comment", "undo") == (0, "000003\n")
    assert run(capsys, "rollback", "--data", folder, "000009", "--user", "bob")[0] == 2

    def foreign(*version) -> int:
        code, out = run(capsys, "kpis", "--data", folder, "--json", *version)
        assert code == 0
        return json.loads(out)["kpis"]["foreign_students"]

    assert (foreign(), foreign("--version", "000002"), foreign("--version", "1")) == (4, 9, 4)


def test_diff_json_rows_and_kpis(folder, upload, capsys):
    run(capsys, "publish", "--data", folder, upload, "--comment", "new", "--user", "ann")
    code, out = run(capsys, "diff", "--data", folder, "000001", "000002", "--json")
    assert code == 0
    diff = json.loads(out)
    assert (diff["before"], diff["after"]) == ("000001", "000002")
    assert diff["rows"] == [{"export": "students", "year": 2024, "added": 1, "removed": 1, "changed": 0}]
    foreign = [row for row in diff["kpis"] if row["kpi"] == "foreign_students"]
    assert foreign == [{"kpi": "foreign_students", "year": 2024, "before": 4, "after": 9, "change": 5}]


def test_validate_reads_a_version(folder, upload, capsys):
    run(capsys, "publish", "--data", folder, upload, "--comment", "new", "--user", "ann")
    code, out = run(capsys, "validate", "--data", folder, "--version", "000001")
    assert code == 0 and "version 000001" in out
    assert run(capsys, "validate", "--data", folder, "--version", "000005")[0] == 2


def test_a_report_regenerated_from_an_old_version_names_it_and_its_hashes(folder, upload, tmp_path, capsys):
    run(capsys, "publish", "--data", folder, upload, "--comment", "new", "--user", "ann")
    out = tmp_path / "old.xlsx"
    assert run(capsys, "report", "--data", folder, "--version", "000001", "--year", "2024", "--out", out)[0] == 0
    sheet = openpyxl.load_workbook(out)[t("report.definitions_sheet")]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = next(row for row in rows if t("col.version") in row)
    at = header.index(t("col.version")), header.index(t("col.sha256"))
    files = [(row[at[0]], row[at[1]]) for row in rows[rows.index(header) + 1:] if row[at[1]]]
    assert files == [("000001", hashlib.sha256(STUDENTS).hexdigest())]
