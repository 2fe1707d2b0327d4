"""Intake of a whole folder: which file is which export, settings, and lines that are not one record each.

Every test writes a small folder by hand and states what a user would expect from it.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from metrics.ingest import load_dataset, load_export
from metrics.readers import MAX_CELL_CHARS, MAX_COLUMNS, read_lines, read_raw
from metrics.schema import EXPORTS

ROOT = Path(__file__).resolve().parents[1]
STUDENTS = "year,citizenship,count\n2024,India,3\n2024,Iran,2\n"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def records(data, code: str):
    return [issue for issue in list(data.unreadable) + list(data.issues) if issue.code == code]


def validate(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "metrics", "validate", "--data", str(folder)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)


# --- files found as users name them ------------------------------------------------------------
def test_export_name_in_any_letter_case_is_found(tmp_path):
    write(tmp_path / "Students.CSV", STUDENTS)
    data = load_dataset(tmp_path)
    assert data.get("students")["count"].sum() == 5
    assert data.files[0].export == "students" and Path(data.files[0].path).name == "Students.CSV"


def test_file_with_another_name_is_taken_for_the_export_its_header_fits(tmp_path):
    workbook = Workbook()
    workbook.active.append(["Учебный год", "Гражданство", "Количество", "Факультет"])
    workbook.active.append([2024, "Индия", 7, "Лечебный"])
    workbook.save(tmp_path / "Контингент иностранцев.xlsx")
    data = load_dataset(tmp_path)
    assert data.get("students")["count"].tolist() == [7]
    taken = records(data, "file_taken_for")
    assert [(issue.file, issue.parameters["export"]) for issue in taken] == [("Контингент иностранцев.xlsx", "students")]


def test_two_files_for_one_export_is_an_error_naming_both_and_neither_is_guessed(tmp_path):
    write(tmp_path / "students.csv", STUDENTS)
    write(tmp_path / "students_2019.csv", "year,citizenship,count\n2019,India,1\n")
    data = load_dataset(tmp_path)
    assert "students" not in data.frames
    ambiguous = records(data, "export_ambiguous")
    assert [issue.file for issue in ambiguous] == ["students.csv", "students_2019.csv"]
    assert all("students.csv and students_2019.csv" in issue.message for issue in ambiguous)
    assert validate(tmp_path).returncode == 2


def test_xlsx_beside_csv_of_the_same_export_is_an_error(tmp_path):
    write(tmp_path / "students.csv", STUDENTS)
    workbook = Workbook()
    workbook.active.append(["year", "citizenship"])
    workbook.save(tmp_path / "students.xlsx")
    data = load_dataset(tmp_path)
    ambiguous = records(data, "export_ambiguous")
    assert len(ambiguous) == 2 and all("students.csv and students.xlsx" in issue.message for issue in ambiguous)


def test_a_header_that_fits_two_exports_equally_is_not_guessed(tmp_path):
    write(tmp_path / "export.csv", "year,citizenship,count\n2024,India,3\n")  # students and staff alike
    data = load_dataset(tmp_path)
    assert data.frames == {}
    (skipped,) = records(data, "file_skipped")
    assert skipped.parameters["reason"] == "ambiguous" and "students" in skipped.message and "staff" in skipped.message


def test_every_skipped_file_is_listed_with_its_reason(tmp_path):
    write(tmp_path / "students.csv", STUDENTS)
    write(tmp_path / "notes.docx", "x")
    write(tmp_path / "list.csv", "a,b\n1,2\n")
    write(tmp_path / "README.md", "about this folder")  # a known non-export: not listed
    data = load_dataset(tmp_path)
    skipped = {issue.file: issue.parameters["reason"] for issue in records(data, "file_skipped")}
    assert skipped == {"notes.docx": "suffix", "list.csv": "unknown"}
    assert validate(tmp_path).returncode == 0  # skipped files are said, but nothing was read wrongly


def test_a_folder_named_like_an_export_is_skipped_not_fatal(tmp_path):
    (tmp_path / "partners.csv").mkdir()
    write(tmp_path / "students.csv", STUDENTS)
    data = load_dataset(tmp_path)
    assert data.has("students") and [issue.file for issue in records(data, "file_skipped")] == ["partners.csv"]


# --- settings.toml ----------------------------------------------------------------------------
@pytest.mark.parametrize("text, key", [
    ("[university\nname = 'x'", None),
    ("[university]\nname = 5\n", "name"),
    ("university = 'Just a string'\n", None),
    ("[university]\nname = '" + "x" * 1000 + "'\n", "name"),
    ("\xff\xfe garbage", None),
])
def test_malformed_settings_are_one_record_and_defaults_stand_in(tmp_path, text, key):
    write(tmp_path / "students.csv", STUDENTS)
    (tmp_path / "settings.toml").write_bytes(text.encode("latin-1"))
    data = load_dataset(tmp_path)
    (record,) = records(data, "settings_invalid")
    assert record.file == "settings.toml" and record.parameters.get("key") == key
    assert data.university == "University" and data.home == "UZB"
    assert data.get("students")["count"].sum() == 5
    result = validate(tmp_path)
    assert result.returncode == 2 and "settings.toml" in result.stdout and "Traceback" not in result.stderr


def test_unknown_home_country_in_settings_is_an_error_not_a_crash(tmp_path):
    write(tmp_path / "students.csv", STUDENTS)
    write(tmp_path / "settings.toml", "[university]\nname = 'U'\nhome_country = 'XXX'\n")
    data = load_dataset(tmp_path)
    (record,) = records(data, "settings_invalid")
    assert record.column == "home_country" and record.value == "XXX" and data.home == "UZB"


# --- lines and records ----------------------------------------------------------------------
def test_unbalanced_quote_excludes_only_its_own_line():
    lines = ["year,citizenship,count"] + [f"2024,India,{n}" for n in range(1, 100)]
    lines[10] = '2024,"India,1'
    cells, starts, problems = read_lines("\n".join(lines) + "\n", ",")
    assert len(cells) == 100 and starts.tolist() == list(range(1, 101))
    assert [(p.row, p.code) for p in problems] == [(10, "quote_unbalanced")]
    assert cells.iloc[11].tolist() == ["2024", "India", "11"]


def test_quoted_cell_with_a_line_break_is_joined_and_reported():
    cells, starts, problems = read_lines('year,citizenship,count\n2024,"Ind\nia",1\n2024,Iran,2\n', ",")
    assert cells.values.tolist() == [["year", "citizenship", "count"], ["2024", "Ind ia", "1"], ["2024", "Iran", "2"]]
    assert starts.tolist() == [1, 2, 4]
    assert [(p.row, p.code) for p in problems] == [(1, "record_joined")]


def test_lines_that_are_whole_records_are_never_joined_by_a_stray_quote():
    text = 'a,b,c\n1,"x,2\n3,4,5\n6,y",7\n'  # the quotes on lines 2 and 4 would swallow line 3
    cells, starts, problems = read_lines(text, ",")
    assert [(p.row, p.code) for p in problems] == [(1, "quote_unbalanced"), (3, "quote_unbalanced")]
    assert cells.iloc[2].tolist() == ["3", "4", "5"] and starts.tolist() == [1, 2, 3, 4]


def test_torn_last_line_is_excluded_and_counted(tmp_path):
    write(tmp_path / "students.csv", "year,citizenship,count\n2024,India,3\n2024,Iran,2\n2024,Ir")
    frame, issues, report = load_export(tmp_path / "students.csv", EXPORTS["students"])
    assert (report.rows_read, report.rows_loaded, report.rows_excluded) == (3, 2, 1)
    assert [(issue.row, issue.code) for issue in issues if issue.severity == "error"] == [(4, "line_torn")]


def test_lines_after_a_joined_record_keep_their_file_line_numbers(tmp_path):
    write(tmp_path / "students.csv", 'year,citizenship,count\n2024,"Ind\nia",1\n2024,Iran,x\n')
    frame, issues, report = load_export(tmp_path / "students.csv", EXPORTS["students"])
    bad = [issue for issue in issues if issue.code == "value_invalid_excluded"]
    assert [(issue.row, issue.value) for issue in bad] == [(4, "x")]


def test_cr_only_line_endings_read_every_row(tmp_path):
    write(tmp_path / "students.csv", "year,citizenship,count\r2024,India,3\r2024,Iran,2\r")
    frame, issues, report = load_export(tmp_path / "students.csv", EXPORTS["students"])
    assert frame["count"].tolist() == [3, 2] and issues == []


def test_stray_carriage_return_inside_a_cell_does_not_split_the_row(tmp_path):
    write(tmp_path / "students.csv", "year,citizenship,count\n2024,India\r,3\n2024,Iran,2\n")
    frame, issues, report = load_export(tmp_path / "students.csv", EXPORTS["students"])
    assert frame["citizenship"].tolist() == ["IND", "IRN"] and frame["count"].tolist() == [3, 2]
    assert [issue.code for issue in issues] == ["newline_stray_cr"]


def test_a_cell_over_the_limit_excludes_its_row(tmp_path):
    write(tmp_path / "students.csv", f"year,citizenship,count\n2024,India,3\n2024,{'x' * (MAX_CELL_CHARS + 1)},2\n")
    frame, issues, report = load_export(tmp_path / "students.csv", EXPORTS["students"])
    assert (report.rows_loaded, report.rows_excluded) == (1, 1)
    assert [(issue.row, issue.code) for issue in issues] == [(3, "cell_too_long")]


def test_too_many_columns_is_one_message(tmp_path):
    write(tmp_path / "students.csv", ",".join(f"c{n}" for n in range(MAX_COLUMNS + 1)) + "\n")
    data = load_dataset(tmp_path)
    (record,) = data.unreadable
    assert record.file == "students.csv" and f"at most {MAX_COLUMNS}" in record.message


def test_truncated_utf16_file_loads_its_whole_lines_and_says_so(tmp_path):
    raw = STUDENTS.encode("utf-16")[:-3]  # cut inside the last character
    (tmp_path / "students.csv").write_bytes(raw)
    data = load_dataset(tmp_path)
    assert data.get("students")["count"].tolist()[0] == 3
    assert records(data, "encoding_truncated")


# --- workbooks --------------------------------------------------------------------------------
def _workbook_with_sheet_xml(path: Path, sheet_xml: str) -> Path:
    """Write an .xlsx with openpyxl, then replace its sheet's XML (what a broken exporter does)."""
    workbook = Workbook()
    workbook.active.append(["year"])
    workbook.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["xl/worksheets/sheet1.xml"] = sheet_xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return path


def _sheet(rows: str, dimension: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>')


def _cell(reference: str, value) -> str:
    if isinstance(value, str):
        return f'<c r="{reference}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{reference}"><v>{value}</v></c>'


HEADER_ROW = '<row r="1">' + _cell("A1", "year") + _cell("B1", "citizenship") + _cell("C1", "count") + "</row>"


def test_bogus_dimension_is_not_padded(tmp_path):
    rows = HEADER_ROW + '<row r="2">' + _cell("A2", 2024) + _cell("B2", "India") + _cell("C2", 4) + "</row>"
    path = _workbook_with_sheet_xml(tmp_path / "students.xlsx", _sheet(rows, "A1:XFD1048576"))
    raw = read_raw(path)
    assert raw.cells.shape == (2, 3)


def test_one_cell_at_XFD1048576_is_refused_with_one_message(tmp_path):
    rows = HEADER_ROW + '<row r="1048576">' + _cell("XFD1048576", 1) + "</row>"
    _workbook_with_sheet_xml(tmp_path / "students.xlsx", _sheet(rows, "A1:XFD1048576"))
    data = load_dataset(tmp_path)
    (record,) = data.unreadable
    assert "column 16,384" in record.message


def test_formula_without_a_saved_value_in_count_excludes_the_row(tmp_path):
    rows = (HEADER_ROW + '<row r="2">' + _cell("A2", 2024) + _cell("B2", "India") + '<c r="C2"><f>SUM(X1)</f></c></row>'
            + '<row r="3">' + _cell("A3", 2024) + _cell("B3", "Iran") + _cell("C3", 4) + "</row>")
    _workbook_with_sheet_xml(tmp_path / "students.xlsx", _sheet(rows, "A1:C3"))
    data = load_dataset(tmp_path)
    assert data.get("students")["count"].tolist() == [4]  # never the default 1
    (record,) = records(data, "formula_without_value")
    assert (record.row, record.column, record.severity) == (2, "count", "error")


def test_huge_shared_strings_are_refused_before_they_are_expanded(tmp_path):
    path = _workbook_with_sheet_xml(tmp_path / "students.xlsx", _sheet(HEADER_ROW, "A1:C1"))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", "<sst><si><t>" + "A" * (200 << 20) + "</t></si></sst>")
    data = load_dataset(tmp_path)
    (record,) = data.unreadable
    assert "sharedStrings.xml" in record.message and "MB" in record.message


def test_line_ends_counted_by_blocks_as_bytes_count_does():
    """The fast reader counts line ends and looks for a CR without LF block by block (NumPy, in a thread
    while Arrow parses): the same answers as Python's bytes methods, also across block boundaries."""
    import random

    from metrics.background import InThread
    from metrics.readers import _bare_return, _count_byte

    rng = random.Random(5)
    for size in (0, 1, 2, 7, 8, 9, 63, 64, 65, 1000):
        data = bytes(rng.choice(b"ab\r\n;") for _ in range(size))
        assert _count_byte(data, 10, block=8) == data.count(b"\n")
        bare = data.endswith(b"\r") or any(data[i] == 13 and data[i + 1] != 10 for i in range(len(data) - 1))
        assert _bare_return(data, block=8) == bare, data
        assert InThread(_bare_return, data, 8).result() == bare
    crlf = b"a;b\r\n" * 100
    assert not _bare_return(crlf, block=8) and _count_byte(crlf, 10, block=7) == 100

    def fails():
        raise ValueError("handed over")
    with pytest.raises(ValueError, match="handed over"):
        InThread(fails).result()


@pytest.mark.parametrize("rows", [3, 200_000])
def test_the_files_sha256_is_that_of_its_bytes_small_or_hashed_in_a_thread(tmp_path, rows):
    """A large file's SHA-256 is computed in a thread while its cells are converted (`RawTable.file_sha256`
    waits for it); the report of the loaded export carries the same digest as hashlib of the file."""
    import hashlib

    from metrics.ingest import load_dataset

    body = "".join(f"2024;India;S{index};Лечебный\r\n" for index in range(rows))
    path = tmp_path / "students.csv"
    path.write_bytes(("Учебный год;Гражданство;ID студента;Факультет\r\n" + body).encode("cp1251"))
    expected = hashlib.sha256(path.read_bytes()).hexdigest()
    raw = read_raw(path)
    assert raw.file_sha256() == expected
    report = load_dataset(tmp_path).files[0]
    assert report.sha256 == expected and report.rows_loaded == rows


@pytest.mark.parametrize("where", ["none", "top", "below", "both"])
def test_single_byte_columns_decode_and_strip_as_python_does_with_letters_at_the_top_or_below(where):
    """A long cp1251 column (more than the top rows looked at one by one): letters of the code page in
    the top rows only (a title, the header), below them, or both; spaces around a cell at the top or
    below. The decoded cells and the need to strip equal Python's decode and strip of every cell."""
    import pyarrow as pa

    from metrics.readers import _STRIP, HEAD_ROWS, _decode_binary, _may_need_strip

    cells = [f"S{index:07d}" for index in range(HEAD_ROWS + 500)]
    if where in ("top", "both"):
        cells[1] = "ID студента"
    if where in ("below", "both"):
        cells[HEAD_ROWS + 7] = "Ж123"
    array = pa.array([cell.encode("cp1251") for cell in cells], pa.binary())
    decoded = _decode_binary(array, "cp1251")
    assert decoded.to_pylist() == cells
    assert _may_need_strip(decoded) == any(cell != cell.strip(_STRIP) for cell in cells)
    for spaced in (3, HEAD_ROWS + 3):  # a space around a cell at the top, then below the top rows
        with_space = list(cells)
        with_space[spaced] = " " + with_space[spaced]
        array = pa.array([cell.encode("cp1251") for cell in with_space], pa.binary())
        assert _may_need_strip(_decode_binary(array, "cp1251")) is True
