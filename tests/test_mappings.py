"""Reviewed mappings (mappings.toml): unknown headers, country names, values and file names, applied on load."""

from __future__ import annotations

from pathlib import Path

from metrics.ingest import load_dataset
from metrics.mappings import MAPPINGS_FILE, Mappings, from_dict, read_mappings, to_toml, write_mappings

STUDENTS = ("Год;Страна рождения;Кол-во\n"
            "2024;Жанубий Кореяси;3\n"
            "2024;Индия;2\n"
            "2024;Лица без гражданства;1\n")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_without_mappings_the_unknown_header_makes_the_file_unreadable(tmp_path):
    write(tmp_path / "students.csv", STUDENTS)
    data = load_dataset(tmp_path)
    assert not data.has("students") and "citizenship" in data.unreadable[0].message


def test_header_country_and_deliberate_unresolved_mappings_are_applied(tmp_path):
    write(tmp_path / "students.csv", STUDENTS)
    write(tmp_path / MAPPINGS_FILE, '[headers.students]\n"Страна рождения" = "citizenship"\n\n'
                                    '[countries]\n"Жанубий Кореяси" = "KOR"\n"лица без  гражданства" = ""\n')
    data = load_dataset(tmp_path)
    frame = data.get("students")
    assert frame["citizenship"].tolist()[:2] == ["KOR", "IND"] and frame["citizenship"].isna().tolist() == [False, False, True]
    assert frame["count"].tolist() == [3, 2, 1]
    assert [issue.code for issue in data.issues if issue.severity != "info"] == []  # the unresolved one was reviewed


def test_file_mapping_takes_a_file_for_an_export_whatever_its_name(tmp_path):
    write(tmp_path / "выгрузка.csv", "year,citizenship\n2024,India\n")
    write(tmp_path / MAPPINGS_FILE, '[files]\n"выгрузка.csv" = "staff"\n')
    data = load_dataset(tmp_path)
    assert data.has("staff") and not data.has("students")


def test_value_mappings_for_direction_and_category(tmp_path):
    write(tmp_path / "mobility.csv", "year,direction,category,country\n2024,вх.,студ.,India\n2024,out,staff,Iran\n")
    write(tmp_path / MAPPINGS_FILE, '[values.direction]\n"вх." = "in"\n\n[values.category]\n"студ." = "student"\n')
    frame = load_dataset(tmp_path).get("mobility")
    assert frame["direction"].tolist() == ["in", "out"] and frame["category"].tolist() == ["student", "staff"]


def test_entries_that_cannot_apply_are_named_and_not_used():
    mappings, issues = from_dict({"headers": {"students": {"X": "nonsense"}, "nope": {"Y": "year"}},
                                  "countries": {"Atlantis": "ATL", "Kosovo Republic": "XKX"},
                                  "values": {"direction": {"a": "sideways"}}, "files": {"f.csv": "grades"}})
    assert sorted(issue.column for issue in issues) == [
        "countries.Atlantis", "files.f.csv", "headers.nope", "headers.students.X", "values.direction.a"]
    assert mappings.country("kosovo republic") == "XKX" and mappings.header("students", "X") is None


def test_a_broken_mappings_file_is_one_warning_and_the_data_still_loads(tmp_path):
    write(tmp_path / "students.csv", "year,citizenship\n2024,India\n")
    write(tmp_path / MAPPINGS_FILE, "[countries\n")
    data = load_dataset(tmp_path)
    assert data.has("students")
    assert [(issue.file, issue.code, issue.severity) for issue in data.unreadable] == [
        (MAPPINGS_FILE, "mapping_invalid", "warning")]


def test_written_file_reads_back_the_same_and_keeps_what_people_wrote(tmp_path):
    mappings = Mappings().with_entries(headers={"students": {'Страна "рождения"': "citizenship"}},
                                       countries={"Жанубий Корея": "KOR", "Stateless": ""})
    mappings = mappings.with_entries(countries={"Misr": "EGY"})
    write_mappings(mappings, tmp_path)
    text = (tmp_path / MAPPINGS_FILE).read_text(encoding="utf-8")
    assert '"Жанубий Корея" = "KOR"' in text and text.startswith("# Mappings reviewed")
    again, issues = read_mappings(tmp_path)
    assert issues == [] and again.written == mappings.written
    assert again.country("жанубий  корея") == "KOR" and again.country("stateless") == "" and again.country("Misr") == "EGY"
    assert to_toml(again) == text
