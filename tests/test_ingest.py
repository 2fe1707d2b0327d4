"""Ingestion: every quirk of real exports, on small files written by the tests, and real exports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from metrics.ingest import (
    fold_header,
    load_dataset,
    load_export,
    parse_date,
    parse_number,
    parse_year,
    INVALID,
)
from metrics.readers import decode, read_raw, sniff_delimiter
from metrics.schema import EXPORTS
from metrics.validation import UnreadableFile

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "data" / "real"

STUDENTS_RU = (
    "Учебный год;Гражданство;Кол-во;Факультет\n"
    "2024/2025;Индия;3;Лечебный\n"
    "2024;Туркменистан;2;Педиатрия\n"
)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def students(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "students.csv"):
    path = write(tmp_path / name, text, encoding)
    return load_export(path, EXPORTS["students"])


# --- encodings -------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1251", "koi8_r", "cp866"])
def test_cyrillic_file_reads_the_same_in_every_encoding(tmp_path, encoding):
    frame, issues, report = students(tmp_path, STUDENTS_RU, encoding)
    assert frame["citizenship"].tolist() == ["IND", "TKM"]
    assert frame["citizenship_raw"].tolist() == ["Индия", "Туркменистан"]
    assert frame["faculty"].tolist() == ["Лечебный", "Педиатрия"]
    assert frame["count"].tolist() == [3, 2]
    assert report.rows_loaded == 2 and report.rows_excluded == 0


@pytest.mark.parametrize("encoding, expected", [
    ("cp1251", "cp1251"), ("koi8_r", "koi8_r"), ("cp866", "cp866"), ("utf-16", "utf-16"), ("utf-8-sig", "utf-8-sig")])
def test_encoding_is_detected_from_content(tmp_path, encoding, expected):
    path = write(tmp_path / "data.txt", STUDENTS_RU, encoding)
    assert read_raw(path).encoding == expected


def test_spanish_latin1_is_not_mistaken_for_cyrillic():
    text, encoding, _ = decode("País;Año\nEspaña;2024\nBélgica;2023\n".encode("cp1252"))
    assert "España" in text and "Bélgica" in text
    assert encoding in ("cp1252", "mac_roman") or "España" in text


def test_utf8_file_with_a_few_single_byte_lines_keeps_every_line():
    raw = "code,name\nCUW,Curaçao\n".encode("utf-8") + b"CIV,C\x99te d'Ivoire\n" + "LAO,Lao People’s\n".encode()
    text, encoding, notes = decode(raw)
    assert text.splitlines() == ["code,name", "CUW,Curaçao", "CIV,Côte d'Ivoire", "LAO,Lao People’s"]
    assert encoding == "utf-8+mac_roman"
    assert notes[0][0] == "mixed_encoding" and "line 3" in notes[0][1]


# --- delimiters, titles, blanks, totals -----------------------------------------------------
@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_is_sniffed(delimiter):
    text = delimiter.join(["year", "citizenship", "count"]) + "\n" + delimiter.join(["2024", "India", "1"]) + "\n"
    assert sniff_delimiter(text) == delimiter


def test_title_lines_blank_lines_and_total_row_are_skipped_not_counted(tmp_path):
    text = ("Контингент иностранных студентов;;;\n"
            "на 01.10.2024;;;\n"
            ";;;\n"
            "Год;Страна;Количество;Факультет\n"
            "2024;Казахстан;10;Лечебный\n"
            ";;;\n"
            "2024;Индия;20;Лечебный\n"
            "Итого;;30;\n")
    frame, issues, report = students(tmp_path, text)
    assert frame["count"].tolist() == [10, 20]
    assert report.rows_read == 2 and report.rows_loaded == 2 and report.rows_excluded == 0
    assert report.skipped_lines == 3 + 2  # three lines above the header, one blank and one total below
    assert any(issue.row == 8 and "total" in issue.message for issue in issues)


@pytest.mark.parametrize("word", ["Итого", "Всего", "Total", "Jami", "TOTAL PLAZAS"])
def test_total_rows_in_every_language_are_skipped(tmp_path, word):
    frame, issues, report = students(tmp_path, f"year,citizenship,count\n2024,India,2\n{word},,2\n")
    assert report.rows_read == 1 and frame["count"].sum() == 2


def test_repeated_header_row_is_skipped(tmp_path):
    frame, _, report = students(tmp_path, "year,citizenship\n2024,India\nyear,citizenship\n2024,Nepal\n")
    assert frame["citizenship"].tolist() == ["IND", "NPL"] and report.rows_read == 2


# --- numbers, years, dates ---------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("2024", 2024), ("2024/2025", 2024), ("2024-25", 2024), ("2024/25", 2024), ("2024 - 2025", 2024),
    ("2024.0", 2024), ("2024/2026", INVALID), ("24", INVALID), ("", None)])
def test_academic_year_forms(text, expected):
    assert parse_year(text) is expected or parse_year(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("1 234", 1234.0), ("1\u00a0234,5", 1234.5), ("12,75", 12.75), ("1.234,5", 1234.5),
    ("1,234.5", 1234.5), ("120 000,00", 120000.0), ("abc", INVALID)])
def test_numbers_with_decimal_commas_and_space_thousands(text, expected):
    assert parse_number(text) is expected or parse_number(text) == expected


@pytest.mark.parametrize("text", ["2024-09-01", "01.09.2024", "01/09/2024", "1.9.2024", "2024-09-01 00:00:00"])
def test_date_forms_are_day_first(text):
    assert parse_date(text) == pd.Timestamp("2024-09-01")


def test_partner_dates_and_numbers_coerced(tmp_path):
    path = write(tmp_path / "partners.csv",
                 "Партнер;Страна;Дата подписания;Действует до\nGrodno State Medical University;Беларусь;12.03.2019;\n")
    frame, issues, _ = load_export(path, EXPORTS["partners"])
    assert frame.loc[0, "signed"] == pd.Timestamp("2019-03-12")
    assert pd.isna(frame.loc[0, "expires"])
    assert frame.loc[0, "country"] == "BLR"


# --- headers ----------------------------------------------------------------------------------
@pytest.mark.parametrize("header, canonical", [
    ("O'quv yili", "year"), ("oʻquv yili", "year"), ("YIL", "year"), ("Учебный  год", "year"),
    ("Fuqaroligi", "citizenship"), ("DAVLAT", "citizenship"), ("country", "citizenship"),
    ("Fakultet", "faculty"), ("Daraja", "level"), ("Уровень обучения", "level"), ("Soni", "count"),
    ("кол-во", "count")])
def test_header_aliases_in_russian_and_uzbek(tmp_path, header, canonical):
    value = {"year": "2024", "citizenship": "India", "faculty": "GM", "level": "Bachelor", "count": "5"}
    expected = {"year": 2024, "citizenship": "IND", "faculty": "GM", "level": "Bachelor", "count": 5}
    others = [name for name in ("year", "citizenship") if name != canonical]
    header_line = ",".join([header, *others])
    value_line = ",".join([value[canonical], *(value[name] for name in others)])
    frame, _, _ = students(tmp_path, f"{header_line}\n{value_line}\n")
    assert frame.loc[0, canonical] == expected[canonical]


@pytest.mark.parametrize("value, expected", [
    ("in", "in"), ("Inbound", "in"), ("incoming", "in"), ("Входящая", "in"), ("kiruvchi", "in"),
    ("OUT", "out"), ("outbound", "out"), ("Outgoing", "out"), ("исходящая", "out"), ("chiquvchi", "out")])
def test_direction_values(tmp_path, value, expected):
    path = write(tmp_path / "mobility.csv",
                 f"Yil;Yo'nalish;Категория;Mamlakat\n2024;{value};студент;Qozog'iston\n")
    frame, issues, _ = load_export(path, EXPORTS["mobility"])
    assert frame["direction"].tolist() == [expected]
    assert frame["category"].tolist() == ["student"]


def test_fold_header_ignores_case_space_punctuation_and_apostrophe_style():
    assert fold_header("  O‘QUV_YILI ") == fold_header("o'quv yili")


# --- validation -------------------------------------------------------------------------------
def test_bad_rows_are_excluded_and_counted_with_their_line_and_value(tmp_path):
    text = "year,citizenship,count\n2024,India,2\n20x4,Nepal,1\n2024,India,minus\n2024,,1\n"
    frame, issues, report = students(tmp_path, text)
    assert report.rows_read == 4 and report.rows_loaded == 1 and report.rows_excluded == 3
    errors = {(issue.row, issue.column, issue.value) for issue in issues if issue.severity == "error"}
    assert errors == {(3, "year", "20x4"), (4, "count", "minus"), (5, "citizenship", "")}


def test_unresolved_country_names_are_listed_with_row_counts(tmp_path):
    text = "year,citizenship\n2024,Atlantis\n2024,Atlantis\n2024,India\n2024,Stateless\n"
    frame, issues, report = students(tmp_path, text)
    assert report.rows_loaded == 4  # kept: a stateless student is still a student
    warnings = {issue.value: issue for issue in issues if issue.severity == "warning"}
    assert set(warnings) == {"Atlantis", "Stateless"}
    assert warnings["Atlantis"].row == 2 and "2 row(s)" in warnings["Atlantis"].message
    assert frame["citizenship"].isna().sum() == 3


def test_namibia_code_na_is_not_missing(tmp_path):
    frame, _, _ = students(tmp_path, "year,citizenship\n2024,NA\n")
    assert frame["citizenship"].tolist() == ["NAM"]


@pytest.mark.parametrize("header", ["ФИО", "Passport number", "E-mail", "Telefon", "Familiya", "Name"])
def test_personal_data_columns_are_dropped_at_ingestion(tmp_path, header):
    frame, issues, _ = students(tmp_path, f"year,{header},citizenship\n2024,secret value,India\n")
    assert "secret value" not in frame.astype(str).to_numpy().ravel().tolist()
    assert any(issue.column == header and "personal data" in issue.message for issue in issues)


def test_missing_required_column_is_one_clear_message(tmp_path):
    path = write(tmp_path / "students.csv", "year,faculty\n2024,GM\n")
    with pytest.raises(UnreadableFile, match="required column.*citizenship"):
        load_export(path, EXPORTS["students"])


def test_unreadable_file_does_not_stop_the_other_exports(tmp_path):
    write(tmp_path / "students.csv", STUDENTS_RU)
    (tmp_path / "partners.xlsx").write_bytes(b"not a workbook")
    data = load_dataset(tmp_path)
    assert "students" in data.frames and "partners" not in data.frames
    assert len(data.unreadable) == 1 and "partners.xlsx" in data.unreadable[0].message


def test_old_excel_format_gets_a_message_saying_what_to_do(tmp_path):
    (tmp_path / "partners.xls").write_bytes(b"\xd0\xcf\x11\xe0 old binary excel")
    data = load_dataset(tmp_path)
    assert "partners" not in data.frames
    assert "save it" in data.unreadable[0].message and "partners.xls" in data.unreadable[0].message


def test_xlsx_export_with_title_row(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Foreign students 2024/25"])
    sheet.append([])
    sheet.append(["Year", "Citizenship", "Count"])
    sheet.append([2024, "Kazakhstan", 4])
    sheet.append([2024, "Namibia", 1.0])
    sheet.append(["Total", None, 5])
    workbook.save(tmp_path / "students.xlsx")
    data = load_dataset(tmp_path)
    frame = data.get("students")
    assert frame["citizenship"].tolist() == ["KAZ", "NAM"] and frame["count"].tolist() == [4, 1]
    assert data.files[0].rows_read == 2


def test_events_get_their_academic_year_from_the_date(tmp_path):
    write(tmp_path / "events.csv",
          "event,date,type,participants,international_participants,countries\n"
          "A,2024-10-17,conference,100,10,Россия; Germany\n"
          "B,15.05.2025,congress,50,5,Atlantis\n"
          "C,,workshop,20,0,\n")
    data = load_dataset(tmp_path)
    frame = data.get("events")
    assert frame["year"].tolist() == [2024, 2024]
    assert frame["countries"].tolist() == ["RUS;DEU", ""]
    assert data.files[0].rows_excluded == 1


def test_home_country_from_settings_and_override(tmp_path):
    write(tmp_path / "students.csv", STUDENTS_RU)
    write(tmp_path / "settings.toml", '[university]\nname = "Test University"\nhome_country = "KAZ"\n')
    assert load_dataset(tmp_path).home == "KAZ"
    assert load_dataset(tmp_path, home="uz").home == "UZB"
    assert load_dataset(tmp_path).university == "Test University"
    assert load_dataset(tmp_path).university_name("ru") == "Test University"  # no name_ru: the name


def test_university_name_in_the_users_language(tmp_path):
    write(tmp_path / "students.csv", STUDENTS_RU)
    write(tmp_path / "settings.toml", '[university]\nname = "Test University"\nname_ru = "Тестовый университет"\n')
    data = load_dataset(tmp_path)
    assert (data.university_name("ru"), data.university_name("en")) == ("Тестовый университет", "Test University")


# --- the CLI ----------------------------------------------------------------------------------
def run_validate(data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "metrics", "validate", "--data", str(data_dir)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_cli_exit_0_when_only_warnings(tmp_path):
    write(tmp_path / "students.csv", "year,citizenship\n2024,India\n2024,Atlantis\n")
    result = run_validate(tmp_path)
    assert result.returncode == 0, result.stdout
    assert "Atlantis" in result.stdout


def test_cli_exit_1_when_rows_had_errors(tmp_path):
    write(tmp_path / "students.csv", "year,citizenship\n2024,India\nnever,India\n")
    result = run_validate(tmp_path)
    assert result.returncode == 1
    assert "line 3" in result.stdout and "never" in result.stdout


def test_cli_exit_2_when_a_file_cannot_be_read(tmp_path):
    write(tmp_path / "students.csv", "nothing useful here\n1,2\n")
    result = run_validate(tmp_path)
    assert result.returncode == 2
    assert "students.csv" in result.stdout and "Traceback" not in result.stdout + result.stderr


# --- real third-party exports -------------------------------------------------------------
def real(relative: str) -> Path:
    path = REAL / relative
    if not path.exists():
        pytest.skip(f"real export {relative} not available (shared/data/real is absent)")
    return path


def test_oecd_mixed_encoding_share_file_loads_without_losing_rows():
    path = real("uis_oecd_mobility_infosci301/Share_students_origin_to_destination.csv")
    raw = path.read_bytes()
    table = read_raw(path)
    data_lines = [line for line in raw.split(b"\n")[1:] if line.strip()]
    assert len(table.cells) - 1 == len(data_lines) == 9943
    ivoire_lines = raw.count(b"C\x99te d'Ivoire") + raw.count("Côte d'Ivoire".encode())
    assert (table.cells[2] == "Côte d'Ivoire").sum() == ivoire_lines
    assert not table.cells.apply(lambda column: column.str.contains("\ufffd")).any().any()


def test_unizar_erasmus_export_loads_as_agreements_with_every_country_resolved(tmp_path):
    path = real("unizar_erasmus/2024_2025.csv")
    frame, issues, report = load_export(path, EXPORTS["partners"])
    expected_rows = len(pd.read_csv(path, sep=";", dtype=str, keep_default_na=False))
    assert report.rows_read == expected_rows == report.rows_loaded
    assert frame["country"].notna().all()
    assert set(frame.loc[frame["country_raw"].isin(["Holanda", "Paises Bajos", "Países Bajos"]), "country"]) == {"NLD"}


def test_etsit_title_row_file_finds_its_header_and_drops_the_trailer():
    path = real("etsit_upv_erasmus_destinations/erasmus.csv")
    frame, issues, report = load_export(path, EXPORTS["partners"])
    assert report.rows_loaded == 91  # 91 partners; the empty row and 7 TOTAL/PLAZAS trailer rows are skipped
    assert frame["country"].notna().all()
