"""Validity in words: an agreement's end from its register cell and its signing date."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from metrics.validity import Validity, parse_dates_safe, parse_validities, parse_validity

SIGNED = pd.Timestamp("2022-06-01")
END_2027 = pd.Timestamp("2027-06-01")


@pytest.mark.parametrize("text", [
    "01.06.2027", "2027-06-01", "01/06/2027", "2027-06-01 00:00:00", "2027-06-01T00:00:00", "01.06.27",
])
def test_plain_date_is_the_end(text):
    assert parse_validity(text, SIGNED) == Validity(END_2027, False, "", True)


def test_excel_serial_number_is_a_date():
    assert parse_validity("46173", SIGNED).end == pd.Timestamp("2026-05-31")


def test_excel_serial_number_is_said_in_the_note():
    assert parse_validity("46173", SIGNED).note == "Excel date number 46173 read as 2026-05-31"


@pytest.mark.parametrize("text", [
    "до 01.06.2027", "по 01.06.2027", "до 01.06.2027 г.", "по 01.06.2027 года", "01.06.2027 gacha",
    "01.06.2027 йилгача", "01.06.2027gacha", "until 2027-06-01", "до 1 июня 2027 года", "действует до 01.06.2027",
])
def test_date_after_a_word_is_the_end(text):
    assert parse_validity(text, SIGNED) == Validity(END_2027, False, "", True)


@pytest.mark.parametrize(("text", "end"), [
    ("5 лет", "2027-06-01"),
    ("3 года", "2025-06-01"),
    ("1 год", "2023-06-01"),
    ("на 5 лет", "2027-06-01"),
    ("сроком на 5 (пять) лет", "2027-06-01"),
    ("на пять лет", "2027-06-01"),
    ("5 yil", "2027-06-01"),
    ("5 yilga", "2027-06-01"),
    ("5 йил", "2027-06-01"),
    ("6 месяцев", "2022-12-01"),
    ("5 years", "2027-06-01"),
    ("1,5 года", "2023-12-01"),
    ("180 дней", "2022-11-28"),
    ("5 лет с даты подписания", "2027-06-01"),
])
def test_term_runs_from_the_signing_date(text, end):
    assert parse_validity(text, SIGNED).end == pd.Timestamp(end)


def test_term_note_names_the_signing_date_and_the_end():
    assert parse_validity("на 5 лет", SIGNED).note == "5 year(s) from the signing date 2022-06-01: until 2027-06-01"


def test_term_from_29_february_ends_on_the_last_day_of_february():
    assert parse_validity("1 год", pd.Timestamp("2020-02-29")).end == pd.Timestamp("2021-02-28")


def test_term_without_signing_date_is_not_ok():
    assert parse_validity("5 лет", None) == Validity(
        None, False, "a term of 5 year(s) needs a signing date, and it is blank", False, "validity_term_without_signed")


def test_term_with_nat_signing_date_is_not_ok():
    assert parse_validity("5 лет", pd.NaT).ok is False


def test_term_from_a_start_date_in_the_cell_ignores_the_signing_date():
    assert parse_validity("с 01.06.2023 на 3 года", SIGNED).end == pd.Timestamp("2026-06-01")


def test_number_and_number_word_that_disagree_are_not_ok():
    assert parse_validity("сроком на 5 (шесть) лет", SIGNED).code == "validity_numbers_disagree"


@pytest.mark.parametrize("text", [
    "бессрочно", "бессрочный", "бессрочное", "Бессрочный договор", "без срока", "muddatsiz", "муддатсиз",
    "indefinite", "open-ended", "unlimited",
])
def test_open_ended_words(text):
    assert parse_validity(text, SIGNED) == Validity(None, True, "open-ended", True, "validity_open_ended")


@pytest.mark.parametrize("text", ["31.12.9999", "9999-12-31", "01.01.2100"])
def test_far_future_date_is_open_ended(text):
    validity = parse_validity(text, SIGNED)
    assert (validity.end, validity.open_ended, validity.ok, validity.code) == (None, True, True, "validity_far_future")


def test_far_future_note_says_open_ended():
    assert parse_validity("31.12.9999", SIGNED).note == "31.12.9999 read as open-ended (no end date)"


def test_far_future_term_is_open_ended_without_overflow():
    assert parse_validity("99999999999999999999 лет", SIGNED).open_ended is True


def test_year_one_is_not_ok_and_does_not_raise():
    assert parse_validity("01.01.0001", SIGNED) == Validity(
        None, False, "the year 1 of 01.01.0001 is not plausible", False, "validity_year_out_of_range")


def test_date_not_on_the_calendar_is_not_ok():
    assert parse_validity("31.02.2027", SIGNED).code == "validity_bad_date"


def test_blank_is_open_ended_without_a_note():
    assert parse_validity("", SIGNED) == Validity(None, True, "", True)


def test_lone_dash_is_blank():
    assert parse_validity("—", SIGNED) == Validity(None, True, "", True)


@pytest.mark.parametrize("text", ["до окончания проекта", "5", "2027", "abc", "1e20",
                                  "5 лет с автоматической пролонгацией"])
def test_text_not_understood_is_not_ok_with_a_note(text):
    validity = parse_validity(text, SIGNED)
    assert (validity.end, validity.ok, validity.note.startswith(f"'{text}'")) == (None, False, True)


def test_open_ended_and_a_date_together_are_contradictory():
    assert parse_validity("бессрочно, до 01.06.2027", SIGNED).code == "validity_contradictory"


def test_period_ends_on_its_second_date():
    assert parse_validity("с 01.06.2022 по 01.06.2027", SIGNED).end == END_2027


def test_period_written_with_a_dash_ends_on_its_second_date():
    assert parse_validity("01.06.2022 - 01.06.2027", SIGNED).end == END_2027


def test_start_date_alone_is_not_ok():
    assert parse_validity("с 01.06.2022", SIGNED).code == "validity_start_only"


def test_end_before_signing_is_not_ok():
    assert parse_validity("01.06.2020", SIGNED).code == "validity_ends_before_signed"


def test_long_text_is_not_ok():
    assert parse_validity("до " + "x" * 300, SIGNED).ok is False


def test_validities_of_a_column_use_each_rows_signing_date():
    ends = [validity.end for validity in parse_validities(
        ["5 лет", "5 лет", "бессрочно"], [pd.Timestamp("2020-01-10"), pd.Timestamp("2021-03-01"), None])]
    assert ends == [pd.Timestamp("2025-01-10"), pd.Timestamp("2026-03-01"), None]


def test_dates_safe_reads_each_text_as_one_date():
    assert parse_dates_safe(["12.03.2019", "12.03.2019 г.", "2019-03-12 00:00:00", "43536", "1 июня 2027 г."]) == [
        dt.date(2019, 3, 12), dt.date(2019, 3, 12), dt.date(2019, 3, 12), dt.date(2019, 3, 12), dt.date(2027, 6, 1)]


def test_dates_safe_keeps_out_of_range_years_without_raising():
    assert parse_dates_safe(["31.12.9999", "01.01.0001"]) == [dt.date(9999, 12, 31), dt.date(1, 1, 1)]


def test_dates_safe_gives_none_for_blank_and_non_dates():
    assert parse_dates_safe(["", "до 01.06.2027", "5 лет", "31.02.2027", "01.06.2022 - 01.06.2027"]) == [
        None, None, None, None, None]
