"""Every interface label exists in English, Russian and Uzbek."""

from __future__ import annotations

import re

from app.i18n import LABELS, LANGUAGES, column_label, region_label, status_label, t


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
    assert same_ru == []
    # Words Uzbek shares with English.
    assert set(same_uz) <= {"reports.format", "col.grant"}


def test_lookup_helpers():
    assert t("page.students", "ru") == "Иностранные студенты"
    assert t("present.slide_of", "uz", n=2, total=5) == "5 dan 2-slayd"
    assert column_label("country", "uz") == "Davlat"
    assert region_label("CIS", "ru") == "СНГ"
    assert status_label("at risk", "en") == "At risk"
    assert status_label("on track", "ru") == "В плане"
