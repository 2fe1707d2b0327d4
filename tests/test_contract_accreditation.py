"""Issue 11, part 1: the contract for accreditation analyses (study form, funding, course, specialty,
language of instruction, the applications funnel) and the sample data that carries it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from metrics import countries
from metrics.headers import match_header
from metrics.ingest import (INVALID, load_dataset, parse_course, parse_funding, parse_language, parse_stage,
                            parse_study_form)
from metrics.schema import EXPORTS

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.mark.parametrize("text, expected", [
    ("очная", "full-time"), ("Очное", "full-time"), ("kunduzgi", "full-time"), ("Кундузги", "full-time"),
    ("Full time", "full-time"), ("full-time", "full-time"),
    ("заочная", "part-time"), ("sirtqi", "part-time"), ("Сиртқи", "part-time"), ("extramural", "part-time"),
    ("part time", "part-time"),
    ("очно-заочная", "evening"), ("Вечерняя", "evening"), ("kechki", "evening"), ("кечки", "evening"),
    ("дистанционная", "distance"), ("masofaviy", "distance"), ("масофавий", "distance"), ("online", "distance"),
    ("", None),
])
def test_study_form_words(text, expected):
    assert parse_study_form(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("бюджет", "budget"), ("Госбюджет", "budget"), ("государственный грант", "budget"),
    ("davlat granti", "budget"), ("Давлат гранти", "budget"),
    ("контракт", "contract"), ("договор", "contract"), ("платное", "contract"), ("Платная основа", "contract"),
    ("to‘lov-kontrakt", "contract"), ("toʻlov-kontrakt", "contract"), ("kontrakt", "contract"),
    ("Тўлов-контракт", "contract"),
    ("грант", "grant"), ("Grant", "grant"), ("", None),
])
def test_funding_words(text, expected):
    assert parse_funding(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("подано заявлений", "applied"), ("заявки", "applied"), ("ariza", "applied"), ("hujjat topshirgan", "applied"),
    ("applications", "applied"),
    ("рекомендован", "admitted"), ("допущен", "admitted"), ("принят", "admitted"), ("offer", "admitted"),
    ("tavsiya etilgan", "admitted"),
    ("зачислен", "enrolled"), ("Зачислено", "enrolled"), ("enrolled", "enrolled"), ("registered", "enrolled"),
    ("oʻqishga kirgan", "enrolled"), ("o‘qishga kirgan", "enrolled"),
])
def test_stage_words(text, expected):
    assert parse_stage(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("1", 1), ("6", 6), ("7", 7), ("3.0", 3), ("3 курс", 3), ("2-kurs", 2), ("IV", 4), ("", None),
])
def test_course(text, expected):
    assert parse_course(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("en", "en"), ("English", "en"), ("английский", "en"), ("ingliz tili", "en"), ("RU", "ru"),
    ("русский язык", "ru"), ("rus", "ru"), ("oʻzbek", "uz"), ("узбекский", "uz"), ("Kazakh", "kk"),
    ("кыргызский", "ky"), ("Tajik", "tg"), ("турецкий", "tr"), ("German", "de"), ("французский", "fr"),
    ("Chinese", "zh"), ("Korean", "ko"), ("японский", "ja"), ("Arabic", "ar"), ("Hindi", "hi"),
    ("English; русский", "en;ru"), ("en, uz, en", "en;uz"), ("", None),
])
def test_language(text, expected):
    assert parse_language(text) == expected


@pytest.mark.parametrize("parser, text", [
    (parse_study_form, "вахтовая"), (parse_funding, "бартер"), (parse_stage, "интервью"), (parse_course, "0"),
    (parse_course, "8"), (parse_course, "2.5"), (parse_course, "первый"), (parse_language, "Klingon"),
    (parse_language, "English; Klingon"),
])
def test_junk_is_invalid(parser, text):
    assert parser(text) is INVALID


def test_headers_in_russian_and_uzbek():
    students, programs = EXPORTS["students"], EXPORTS["programs"]
    assert match_header("Форма обучения", students) == "study_form"
    assert match_header("Ta’lim shakli", students) == "study_form"
    assert match_header("Основа обучения", students) == "funding"
    assert match_header("To‘lov turi", students) == "funding"
    assert match_header("Курс", students) == "course"
    assert match_header("Шифр и наименование специальности", students) == "specialty"
    assert match_header("Mutaxassislik", students) == "specialty"
    assert match_header("Язык обучения", programs) == "language"
    assert match_header("Oʻqitish tili", programs) == "language"


def test_unusable_values_are_blanked_with_a_warning_naming_the_cell(tmp_path):
    (tmp_path / "students.csv").write_text(
        "Год,Гражданство,Форма обучения,Основа обучения,Курс,Специальность\n"
        "2024,Индия,очная,контракт,1,General Medicine (60910200)\n"
        "2024,Индия,вахтовая,бартер,9,General Medicine (60910200)\n"
        "2024,Пакистан,sirtqi,davlat granti,3 курс,Pediatrics\n", encoding="utf-8")
    (tmp_path / "programs.csv").write_text(
        "program,partner,country,type,level,start_year,language\n"
        "MD,Grodno State Medical University,Belarus,double,Bachelor,2021,английский; русский\n"
        "MPH,University of Eastern Finland,Finland,joint,Master,2021,Klingon\n", encoding="utf-8")
    data = load_dataset(tmp_path)
    assert data.errors == []
    students = data.get("students")
    assert len(students) == 3
    assert students["study_form"].tolist()[::2] == ["full-time", "part-time"]
    assert students["funding"].tolist()[::2] == ["contract", "budget"]
    assert students["course"].tolist()[::2] == [1, 3]
    assert students.loc[1, ["study_form", "funding", "course"]].isna().all()
    assert students["specialty"].iloc[0] == "General Medicine (60910200)"
    warned = {(issue.file, issue.row, issue.column, issue.value): issue for issue in data.issues
              if issue.code == "value_invalid_blanked"}
    assert set(warned) == {("students.csv", 3, "study_form", "вахтовая"), ("students.csv", 3, "funding", "бартер"),
                           ("students.csv", 3, "course", "9"), ("programs.csv", 3, "language", "Klingon")}
    assert all(issue.severity == "warning" for issue in warned.values())
    assert dict(warned[("students.csv", 3, "course", "9")].parameters)["kind"] == "course"
    assert data.get("programs")["language"].tolist()[0] == "en;ru"
    assert pd.isna(data.get("programs")["language"].iloc[1])


def test_applications_with_russian_headers_and_words(tmp_path):
    (tmp_path / "applications.csv").write_text(
        "Учебный год;Гражданство;Этап;Количество;Факультет;Уровень\n"
        "2024/2025;Индия;Подано заявлений;420;Лечебный;Бакалавриат\n"
        "2024/2025;Индия;Рекомендован к зачислению;190;Лечебный;Бакалавриат\n"
        "2024/2025;Индия;Зачислено;131;Лечебный;Бакалавриат\n"
        "2024/2025;Туркменистан;заявки;30;Педиатрический;Бакалавриат\n"
        "2024/2025;Туркменистан;допущен;20;Педиатрический;Бакалавриат\n"
        "2024/2025;Туркменистан;зачислен;12;Педиатрический;Бакалавриат\n"
        "2024/2025;Туркменистан;собеседование;9;Педиатрический;Бакалавриат\n"
        "Итого;;;812;;\n", encoding="utf-8")
    data = load_dataset(tmp_path)
    frame = data.get("applications")
    assert len(frame) == 6
    totals = frame.groupby(["citizenship", "stage"])["count"].sum().to_dict()
    assert totals == {("IND", "applied"): 420, ("IND", "admitted"): 190, ("IND", "enrolled"): 131,
                      ("TKM", "applied"): 30, ("TKM", "admitted"): 20, ("TKM", "enrolled"): 12}
    assert (frame["year"] == 2024).all()
    excluded = [issue for issue in data.errors if issue.code == "value_invalid_excluded"]
    assert [(issue.row, issue.column, issue.value) for issue in excluded] == [(8, "stage", "собеседование")]


def test_applications_file_with_another_name_is_taken_for_the_export(tmp_path):
    (tmp_path / "Приём иностранцев 2024.csv").write_text(
        "Год,Гражданство,Этап приёма,Количество\n2024,Индия,подано,40\n2024,Индия,зачислено,11\n",
        encoding="utf-8")
    data = load_dataset(tmp_path)
    assert data.get("applications")["count"].sum() == 51


def test_official_languages():
    assert countries.official_languages("UZB") == ("uz",)
    assert countries.official_languages("KAZ") == ("kk", "ru")
    assert countries.official_languages("ind") == ("hi", "en")
    assert countries.official_languages("XXX") == ()
    assert countries.official_languages(None) == ()
    for code, languages in countries.OFFICIAL_LANGUAGES.items():
        assert countries.resolve(code) == code
        assert languages and all(len(language) == 2 and language.islower() for language in languages)
    assert countries.CIS <= set(countries.OFFICIAL_LANGUAGES)


# --------------------------------------------------------------------------- the sample data

def _raw(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / f"{name}.csv", keep_default_na=False, encoding="utf-8")


def test_sample_funnel_enrolled_is_the_new_foreign_intake():
    students, applications = _raw("students"), _raw("applications")
    iso = {name: countries.resolve(name) or name for name in set(students["citizenship"])
           | set(applications["citizenship"])}
    new = students[students["status"] == "new"].assign(country=lambda f: f["citizenship"].map(iso))
    new = new[new["country"] != "UZB"]
    intake = new.groupby(["year", "country"])["count"].sum()
    enrolled = applications[applications["stage"] == "enrolled"].assign(
        country=lambda f: f["citizenship"].map(iso)).groupby(["year", "country"])["count"].sum()
    assert enrolled.sort_index().to_dict() == intake.sort_index().to_dict()
    assert sorted(applications["year"].unique()) == list(range(2016, 2026))
    wide = applications.pivot_table(index=["year", "citizenship"], columns="stage", values="count", aggfunc="sum")
    assert ((wide["applied"] >= wide["admitted"]) & (wide["admitted"] >= wide["enrolled"])).all()
    ratio = wide.sum()
    assert 2.5 <= ratio["applied"] / ratio["enrolled"] <= 4.0
    assert 1.3 <= ratio["admitted"] / ratio["enrolled"] <= 1.8


def test_sample_students_and_programs_carry_the_new_columns():
    students, programs = _raw("students"), _raw("programs")
    assert list(students.columns[-4:]) == ["study_form", "funding", "course", "specialty"]
    assert set(students["study_form"]) == {"full-time", "part-time", "evening", "distance"}
    assert (students["study_form"] == "full-time").mean() > 0.9
    assert set(students["funding"]) == {"contract", "grant"}  # every student in the sample is foreign
    assert (students["funding"] == "contract").mean() > 0.8
    assert students["course"].between(1, 6).all()
    assert (students.loc[students["status"] == "new", "course"] == 1).all()
    assert (students["specialty"] != "").all()
    assert list(programs.columns)[-1] == "language"
    codes = programs["language"].str.split(";").explode()
    assert codes.value_counts().idxmax() == "en" and {"ru", "uz"} <= set(codes)
    data = load_dataset(DATA)
    assert data.errors == []
    assert not [issue for issue in data.issues if issue.code == "value_invalid_blanked"]
    assert data.get("students")["course"].max() == 6
