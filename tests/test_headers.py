"""Header matching on words: long official registry headers to the contract's columns."""

from __future__ import annotations

import pytest

from metrics.headers import (
    FALLBACK,
    HEAD,
    MAX_HEADER_LENGTH,
    WORD_RULES,
    header_aliases,
    is_numbering_header,
    match_header,
)
from metrics.ingest import fold_header
from metrics.schema import EXPORTS
from metrics.text import fold

PARTNERS = EXPORTS["partners"]
STUDENTS = EXPORTS["students"]


@pytest.mark.parametrize(("header", "column"), [
    ("Наименование организации-партнёра", "partner"),
    ("Полное наименование организации", "partner"),
    ("Наименование зарубежного партнера", "partner"),
    ("Наименование вуза-партнера", "partner"),
    ("Hamkor tashkilotning to‘liq nomi", "partner"),
    ("Hamkor tashkilot nomi", "partner"),
    ("Хорижий ҳамкор ташкилот номи", "partner"),
    ("Организация-партнёр", "partner"),
    ("Страна партнёра", "country"),
    ("Страна нахождения", "country"),
    ("Дата заключения", "signed"),
    ("Дата заключения договора", "signed"),
    ("Дата подписания соглашения", "signed"),
    ("Shartnoma tuzilgan sana", "signed"),
    ("Imzolangan sanasi", "signed"),
    ("Срок действия договора", "expires"),
    ("Срок действия", "expires"),
    ("Действует до", "expires"),
    ("Amal qilish muddati", "expires"),
    ("Shartnoma muddati", "expires"),
    ("Вид документа", "agreement"),
    ("Вид соглашения", "agreement"),
    ("Тип договора", "agreement"),
    ("Hujjat turi", "agreement"),
    ("Направления сотрудничества", "fields"),
    ("Тип организации", "type"),
])
def test_registry_header_resolves_to_partners_column(header, column):
    assert match_header(header, PARTNERS) == column


@pytest.mark.parametrize(("header", "column"), [
    ("Гражданство (страна)", "citizenship"),
    ("Страна гражданства", "citizenship"),
    ("Учебный год", "year"),
    ("Факультет/Институт", "faculty"),
    ("Уровень образования (бакалавриат, магистратура)", "level"),
    ("Количество студентов", "count"),
])
def test_registry_header_resolves_to_students_column(header, column):
    assert match_header(header, STUDENTS) == column


@pytest.mark.parametrize(("export", "header", "column"), [
    ("mobility", "Вид мобильности (входящая/исходящая)", "direction"),
    ("mobility", "Страна принимающей организации", "country"),
    ("mobility", "Программа мобильности", "program"),
    ("events", "Количество иностранных участников", "international_participants"),
    ("events", "Количество участников", "participants"),
    ("grants", "Источник финансирования", "funder"),
    ("grants", "Объём финансирования", "amount"),
    ("totals", "Всего обучающихся", "total_students"),
])
def test_registry_header_resolves_in_other_exports(export, header, column):
    assert match_header(header, EXPORTS[export]) == column


def test_head_word_beats_a_fallback_phrase():
    assert match_header("Страна нахождения организации-партнёра", PARTNERS) == "country"


def test_two_columns_at_the_same_rank_is_no_match():
    assert match_header("Наименование страны партнёра", PARTNERS) is None


def test_unknown_header_is_no_match():
    assert match_header("Примечание", PARTNERS) is None


def test_exact_alias_wins_over_word_rules():
    assert match_header("Страна", STUDENTS) == "citizenship"


def test_stem_must_begin_a_word():
    assert match_header("Подстрана", PARTNERS) is None


def test_without_stem_blocks_a_rule():
    assert match_header("Количество программ", STUDENTS) is None


def test_header_longer_than_the_limit_is_no_match():
    assert match_header("Страна " + "x" * MAX_HEADER_LENGTH, PARTNERS) is None


def test_blank_header_is_no_match():
    assert match_header("  ", PARTNERS) is None


def test_numbering_header_is_not_a_column():
    assert match_header("№ п/п", PARTNERS) is None


@pytest.mark.parametrize("header", ["№", "№ п/п", "N п/п", "No.", "#", "Т/р", "т/р", "T/r", "Tartib raqami",
                                    "п/п", "Nr.", "№п/п"])
def test_numbering_header_is_recognised(header):
    assert is_numbering_header(header) is True


@pytest.mark.parametrize("header", ["N", "Страна", "Номер договора", "", "Tartib"])
def test_other_header_is_not_numbering(header):
    assert is_numbering_header(header) is False


def test_fold_is_the_same_as_ingest_fold_header():
    samples = ["Наименование организации-партнёра", "Hamkor tashkilotning to‘liq nomi", "№ п/п", "Ўқув йили",
               "O`quv yili", "Ёш", "Café  (école)"]
    assert [fold(sample) for sample in samples] == [fold_header(sample) for sample in samples]


def test_header_aliases_map_column_names_and_aliases():
    aliases = header_aliases(PARTNERS)
    assert (aliases["partner id"], aliases["срок действия"]) == ("partner_id", "expires")


def test_every_rule_names_a_column_of_its_export():
    unknown = [(export, column) for export, columns in WORD_RULES.items() for column in columns
               if export not in EXPORTS or column not in {c.name for c in EXPORTS[export].columns}]
    assert unknown == []


def test_every_rule_has_stems_and_a_known_rank():
    bad = [rule for columns in WORD_RULES.values() for rules in columns.values() for rule in rules
           if not rule.stems or not all(rule.stems) or rule.rank not in (HEAD, FALLBACK)]
    assert bad == []


def test_every_rule_stem_is_folded():
    unfolded = [stem for columns in WORD_RULES.values() for rules in columns.values() for rule in rules
                for stem in (*rule.stems, *rule.without) if fold(stem) != stem]
    assert unfolded == []
