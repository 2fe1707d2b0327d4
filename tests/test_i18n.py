"""Every interface label exists in English, Russian and Uzbek (through the app.i18n shim over metrics.vocabulary)."""

from __future__ import annotations

import re

from metrics.vocabulary import LABELS, LANGUAGES, column_label, region_label, status_label, t


def test_every_label_has_every_language():
    missing = [(key, lang) for key, entry in LABELS.items() for lang in LANGUAGES
               if not str(entry.get(lang, "")).strip()]
    assert missing == []


def test_no_unexpected_languages():
    assert all(set(entry) == set(LANGUAGES) for entry in LABELS.values())


def test_placeholders_match_across_languages():
    for key, entry in LABELS.items():
        fields = {lang: set(re.findall(r"{(\w+)}", text)) for lang, text in entry.items()}
        assert len({frozenset(f) for f in fields.values()}) == 1, (key, fields)


def test_uzbek_is_latin_script():
    cyrillic = re.compile(r"[\u0400-\u04FF]")
    assert [key for key, entry in LABELS.items() if cyrillic.search(entry["uz"])] == []


def test_russian_and_uzbek_are_translated():
    same_ru = [key for key, entry in LABELS.items() if entry["ru"] == entry["en"]]
    same_uz = [key for key, entry in LABELS.items() if entry["uz"] == entry["en"]]
    # Words and signs Russian and Uzbek share with English.
    shared = {"unit.percent", "col.sha256"}
    assert set(same_ru) <= shared
    assert set(same_uz) <= shared | {"reports.format"}


def test_lookup_helpers():
    assert t("page.students", "ru") == "Иностранные студенты"
    assert t("present.slide_of", "uz", n=2, total=5) == "5 dan 2-slayd"
    assert column_label("country", "uz") == "Davlat"
    assert region_label("CIS", "ru") == "СНГ"
    assert status_label("at risk", "en") == "At risk"
    assert status_label("on track", "ru") == "Идёт по плану"
    assert status_label("met", "uz") == "Reja bajarildi"


def test_every_validation_message_code_has_a_translation():
    from metrics.validation import MESSAGE_CODES

    free_text = {"file_unreadable"}  # the reader's own message names the file and what to do
    assert [code for code in MESSAGE_CODES if code not in free_text and f"issue.{code}" not in LABELS] == []


def test_validation_messages_from_a_real_load_are_shown_in_russian_and_uzbek(tmp_path):
    from metrics.vocabulary import issue_message
    from metrics.ingest import load_dataset

    (tmp_path / "students.csv").write_text(
        "Год;Гражданство;ФИО\n2024;Атлантида;x\n20x4;Индия;y\n" + "2024;Индия;z\n" * 2 + "Итого;;\n", encoding="utf-8")
    data = load_dataset(tmp_path)
    by_code = {issue.code: issue for issue in data.issues}
    assert set(by_code) == {"personal_data_dropped", "value_invalid_excluded", "country_unresolved", "row_skipped"}
    unresolved = by_code["country_unresolved"]
    assert issue_message(unresolved.code, unresolved.parameters, unresolved.message, "ru").startswith(
        "не одна страна") and "1 строк" in issue_message(unresolved.code, unresolved.parameters, "", "ru")
    invalid = by_code["value_invalid_excluded"]
    assert issue_message(invalid.code, invalid.parameters, invalid.message, "uz") == (
        "oʻquv yili, masalan 2024, 2024/2025 yoki 2024-25 kutilgan; qator chiqarib tashlandi")
    assert issue_message(invalid.code, invalid.parameters, invalid.message, "en") == invalid.message


def test_a_summary_of_repeated_problems_is_translated_with_its_inner_message():
    from metrics.vocabulary import issue_message

    params = {"n": 7, "code": "no_date_or_year", "params": (), "message": "neither date nor year given; row excluded"}
    assert issue_message("more_rows", params, "fallback", "ru") == (
        "ещё 7 строк(и) с той же проблемой: не указаны ни дата, ни год; строка исключена")
