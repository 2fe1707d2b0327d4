"""Validity of an agreement: the `expires` cell as registers write it, read to an end date.

Offices write the end of an agreement as a date (`01.06.2027`, an Excel date, `2027-06-01
00:00:00`), as a date after a word (`до 01.06.2027 г.`, `по 01.06.2027`, `01.06.2027 gacha`),
as a term from the signing date (`на 5 лет`, `сроком на 5 (пять) лет`, `5 yil`, `6 месяцев`)
or as open-ended (`бессрочно`, `muddatsiz`, `31.12.9999`). `parse_validity` reads one cell
against its row's signing date; anything it does not understand comes back with ``ok=False``
and a note, so that ingestion can warn naming the cell instead of blanking it silently.
Nothing here raises on a value, whatever its year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Sequence

import pandas as pd

from metrics.text import normalise

FAR_FUTURE_YEAR = 2100  # an end in this year or later (31.12.9999) means "no end": open-ended
EARLIEST_YEAR = 1900  # an end before this year (01.01.0001) is a typing error, not a date
EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (so that its 1900 leap-year bug cancels out)
EXCEL_SERIAL = re.compile(r"^\d{5}(?:[.,]\d+)?$")  # 10000–99999 is 1927–2173: only 5 digits count
TWO_DIGIT_YEAR_PIVOT = 69  # 01.06.27 is 2027, 01.06.70 is 1970 (as Python's %y)
MAX_TEXT_LENGTH = 200  # a longer cell is a note, not a validity; never parsed
DASHES = frozenset("-–—")  # a lone dash is how registers leave a cell blank


@dataclass(frozen=True)
class Validity:
    """An agreement's end as understood from its cell.

    ``end`` is None when open-ended or not understood; ``note`` says what was read (or why
    it was not); ``ok`` is False when the cell is not understood; ``code`` names the case for
    translated messages.
    """

    end: pd.Timestamp | None
    open_ended: bool
    note: str
    ok: bool
    code: str = ""


# --------------------------------------------------------------------------------------------
# Dates inside text
# --------------------------------------------------------------------------------------------
_TIME = r"(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME + r"(?!\d)")
_DAY_FIRST = re.compile(r"(?<![\d.])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})" + _TIME + r"(?![\d])")
MONTHS = {  # month names as written after a day number: 1 июня 2027, 1 June 2027
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8,
    "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
_MONTH_NAME = re.compile(
    r"(?<!\d)(\d{1,2})\s+(январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|августа?|сентябр[яь]"
    r"|октябр[яь]|ноябр[яь]|декабр[яь]|january|february|march|april|may|june|july|august|september"
    r"|october|november|december)\s+(\d{4})(?!\d)")
_DATE_MARK = "\ue000"  # stands for the n-th date found in the text
_TOKEN = re.compile(_DATE_MARK + r"\d+|\d+(?:[.,]\d+)?|[^\W\d_]+(?:'[^\W\d_]+)*")
_DIGIT_LETTER = re.compile(r"(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d)")


def _month_number(name: str) -> int:
    return next(number for stem, number in sorted(MONTHS.items(), key=lambda item: -len(item[0]))
                if name.startswith(stem))


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:  # 31.02.2027, year 0
        return None


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= TWO_DIGIT_YEAR_PIVOT else 1900
    return year


def _extract_dates(text: str) -> tuple[str, list[dt.date | None]]:
    """The text with each date replaced by a mark, and the dates (None: not a calendar date)."""
    found: list[tuple[int, int, dt.date | None]] = []
    for match in _ISO.finditer(text):
        found.append((match.start(), match.end(), _make_date(int(match[1]), int(match[2]), int(match[3]))))
    for match in _DAY_FIRST.finditer(text):
        found.append((match.start(), match.end(), _make_date(_full_year(match[4]), int(match[3]), int(match[1]))))
    for match in _MONTH_NAME.finditer(text):
        found.append((match.start(), match.end(), _make_date(int(match[3]), _month_number(match[2]), int(match[1]))))
    found.sort()
    pieces, dates, position = [], [], 0
    for start, end, date in found:
        if start < position:  # overlaps a date already taken
            continue
        pieces.append(text[position:start])
        pieces.append(f" {_DATE_MARK}{len(dates)} ")
        dates.append(date)
        position = end
    pieces.append(text[position:])
    return "".join(pieces), dates


def _excel_serial(text: str) -> dt.date | None:
    if not EXCEL_SERIAL.match(text):
        return None
    return EXCEL_EPOCH + dt.timedelta(days=int(float(text.replace(",", "."))))


# Words after a date that only repeat that it is a date: 01.06.2027 г., 2027 yil.
YEAR_WORDS = frozenset({"г", "гг", "год", "года", "году", "y", "yil", "йил"})


def parse_dates_safe(texts: Sequence[str]) -> list[dt.date | None]:
    """Each text read as one date (ISO, dd.mm.yyyy, dd/mm/yyyy, an Excel serial, `1 июня 2027 г.`).

    None for a blank cell or anything that is not exactly one calendar date. The year is not
    checked: `31.12.9999` and `01.01.0001` come back as dates, never as an exception, and the
    caller decides what such a year means.
    """
    return [_single_date(text) for text in texts]


def _single_date(text: str) -> dt.date | None:
    text = normalise(text)
    if not text or len(text) > MAX_TEXT_LENGTH:
        return None
    serial = _excel_serial(text)
    if serial is not None:
        return serial
    marked, dates = _extract_dates(text)
    tokens = _TOKEN.findall(_DIGIT_LETTER.sub(" ", marked))
    if len(dates) != 1 or not tokens or tokens[0] != f"{_DATE_MARK}0":
        return None
    return dates[0] if all(token in YEAR_WORDS for token in tokens[1:]) else None


# --------------------------------------------------------------------------------------------
# Words of a validity cell
# --------------------------------------------------------------------------------------------
# Open-ended, as one word or as a phrase of consecutive words.
OPEN_WORDS = frozenset({
    "бессрочно", "бессрочный", "бессрочная", "бессрочное", "бессрочного", "бессрочен", "бессрочна",
    "неограниченно", "неограниченный", "неограниченное", "muddatsiz", "муддатсиз", "cheklanmagan",
    "чекланмаган", "indefinite", "indefinitely", "unlimited", "perpetual",
})
OPEN_PHRASES = (
    ("без", "срока"), ("без", "ограничения", "срока"), ("без", "ограничения"), ("не", "ограничен"),
    ("open", "ended"), ("no", "end", "date"), ("no", "expiry"), ("до", "расторжения"),
    ("bekor", "qilinguncha"), ("бекор", "қилингунча"), ("until", "terminated"),
)
# Units of a term, with their length in months (days are counted separately).
UNIT_MONTHS = {
    **dict.fromkeys(("год", "года", "лет", "yil", "yilga", "yillik", "йил", "йилга", "йиллик",
                     "year", "years", "yr", "yrs"), 12),
    **dict.fromkeys(("месяц", "месяца", "месяцев", "мес", "oy", "oyga", "ой", "ойга", "month", "months"), 1),
}
UNIT_DAYS = frozenset({"день", "дня", "дней", "kun", "kunga", "кун", "кунга", "day", "days"})
NUMBER_WORDS = {
    **dict.fromkeys(("один", "одного", "одна", "одной", "bir", "бир", "one"), 1),
    **dict.fromkeys(("два", "двух", "две", "ikki", "икки", "two"), 2),
    **dict.fromkeys(("три", "трех", "uch", "уч", "three"), 3),
    **dict.fromkeys(("четыре", "четырех", "to'rt", "тўрт", "four"), 4),
    **dict.fromkeys(("пять", "пяти", "besh", "беш", "five"), 5),
    **dict.fromkeys(("шесть", "шести", "olti", "олти", "six"), 6),
    **dict.fromkeys(("семь", "семи", "yetti", "етти", "seven"), 7),
    **dict.fromkeys(("восемь", "восьми", "sakkiz", "саккиз", "eight"), 8),
    **dict.fromkeys(("девять", "девяти", "to'qqiz", "тўққиз", "nine"), 9),
    **dict.fromkeys(("десять", "десяти", "o'n", "ўн", "ten"), 10),
}
# Before a date, it is the start: с 01.06.2022 по ...; after a date (Uzbek): 01.06.2022 dan.
START_BEFORE = frozenset({"с", "со", "от", "from", "since"})
START_AFTER = frozenset({"dan", "дан", "yildan", "йилдан"})
# Words that carry no information here: prepositions, "term", "valid", "from signing" ...
FILLER_WORDS = frozenset({
    "до", "по", "на", "в", "течение", "течении", "сроком", "срок", "срока", "действует", "действителен",
    "действия", "включительно", "договор", "договора", "соглашение", "соглашения", "даты", "дня", "момента",
    "подписания", "заключения", "г", "гг", "года", "gacha", "гача", "yilgacha", "йилгача", "muddat",
    "muddatga", "muddati", "muddatda", "муддат", "муддатга", "муддати", "imzolangan", "имзоланган",
    "kundan", "кундан", "sanadan", "санадан", "boshlab", "бошлаб", "shartnoma", "шартнома", "amal", "амал",
    "qiladi", "қилади", "until", "till", "to", "through", "thru", "up", "inclusive", "for", "a", "period",
    "of", "the", "term", "valid", "date", "signing", "signature", "from", "с", "со",
})


@dataclass(frozen=True)
class _Term:
    """What a cell says, before its row's signing date is known."""

    kind: str  # "blank", "open", "end", "duration", "invalid"
    end: dt.date | None = None
    start: dt.date | None = None  # a start date written in the cell itself
    months: int = 0
    days: int = 0
    note: str = ""
    code: str = ""


def parse_validity(text: str, signed: pd.Timestamp | None) -> Validity:
    """The end of an agreement from its validity cell and its signing date (None or NaT when unknown)."""
    return _apply(_read_term(str(text)), signed)


def parse_validities(texts: Sequence[str], signed: Sequence[pd.Timestamp | None]) -> list[Validity]:
    """`parse_validity` for a column: each distinct text is read once."""
    terms: dict[str, _Term] = {}
    results = []
    for text, signed_on in zip(texts, signed):
        text = str(text)
        if text not in terms:
            terms[text] = _read_term(text)
        results.append(_apply(terms[text], signed_on))
    return results


def _invalid(text: str, why: str, code: str = "validity_not_understood") -> _Term:
    return _Term("invalid", note=f"'{text}': {why}", code=code)


def _read_term(raw: str) -> _Term:
    text = normalise(raw)
    shown = text if len(text) <= 60 else text[:57] + "..."
    if not text or text in DASHES:
        return _Term("blank")
    if len(text) > MAX_TEXT_LENGTH:
        return _invalid(shown, f"longer than {MAX_TEXT_LENGTH} characters; write the end date")
    serial = _excel_serial(text)
    if serial is not None:
        return _Term("end", end=serial, note=f"Excel date number {text} read as {serial.isoformat()}",
                     code="validity_excel_serial")
    marked, dates = _extract_dates(text)
    if any(date is None for date in dates):
        return _invalid(shown, "holds a date that is not on the calendar", "validity_bad_date")
    tokens = _TOKEN.findall(_DIGIT_LETTER.sub(" ", marked))
    tokens, open_ended = _remove_open_phrases(tokens)
    ends: list[dt.date] = []
    starts: list[dt.date] = []
    numbers: list[int | float] = []
    months = days = 0
    durations = 0
    previous = ""
    for position, token in enumerate(tokens):
        following = tokens[position + 1] if position + 1 < len(tokens) else ""
        if token.startswith(_DATE_MARK):
            date = dates[int(token[1:])]
            (starts if previous in START_BEFORE or following in START_AFTER else ends).append(date)
        elif token[0].isdigit():
            numbers.append(int(token) if token.isdigit() else float(token.replace(",", ".")))
        elif token in NUMBER_WORDS:
            numbers.append(NUMBER_WORDS[token])
        elif token in UNIT_MONTHS or token in UNIT_DAYS:
            if previous.startswith(_DATE_MARK) and token in YEAR_WORDS:
                pass  # 01.06.2027 года
            elif not numbers:
                if token not in FILLER_WORDS:
                    return _invalid(shown, f"'{token}' without a number")
            elif len(set(numbers)) != 1:
                return _invalid(shown, "two different numbers for one term", "validity_numbers_disagree")
            else:
                amount = numbers[0]
                numbers = []
                durations += 1
                if token in UNIT_DAYS:
                    if not float(amount).is_integer():
                        return _invalid(shown, "a part of a day")
                    days += int(amount)
                else:
                    whole_months = amount * UNIT_MONTHS[token]
                    if not float(whole_months).is_integer():
                        return _invalid(shown, "a term that is not a whole number of months")
                    months += int(whole_months)
        elif token in YEAR_WORDS and previous.startswith(_DATE_MARK):
            pass
        elif token in FILLER_WORDS or token in START_AFTER:
            pass
        else:
            return _invalid(shown, f"the word '{token}' is not understood")
        previous = token
    if numbers:
        return _invalid(shown, "a number without a unit (years, months or a date)")
    if open_ended:
        if ends or durations:
            return _invalid(shown, "says both open-ended and an end", "validity_contradictory")
        return _Term("open", note="", code="validity_open_ended")
    if len(ends) == 2 and not starts:  # 01.06.2022 – 01.06.2027: a period
        starts, ends = ends[:1], ends[1:]
    if len(ends) > 1 or len(starts) > 1:
        return _invalid(shown, "more than one end date", "validity_several_dates")
    if ends and starts and ends[0] < starts[0]:
        return _invalid(shown, "ends before it starts", "validity_ends_before_start")
    if ends:
        note = "the date is used, the term next to it is ignored" if durations else ""
        return _Term("end", end=ends[0], start=starts[0] if starts else None, note=note,
                     code="validity_date_and_term" if durations else "")
    if durations:
        return _Term("duration", start=starts[0] if starts else None, months=months, days=days)
    if starts:
        return _invalid(shown, "gives only a start date", "validity_start_only")
    return _invalid(shown, "no date, term or open-ended word found")


def _remove_open_phrases(tokens: list[str]) -> tuple[list[str], bool]:
    """Tokens without the open-ended words and phrases, and whether there were any."""
    kept, open_ended, position = [], False, 0
    while position < len(tokens):
        phrase = next((phrase for phrase in OPEN_PHRASES
                       if tuple(tokens[position:position + len(phrase)]) == phrase), None)
        if phrase is not None:
            open_ended, position = True, position + len(phrase)
        elif tokens[position] in OPEN_WORDS:
            open_ended, position = True, position + 1
        else:
            kept.append(tokens[position])
            position += 1
    return kept, open_ended


def _as_date(signed) -> dt.date | None:
    if signed is None:
        return None
    try:
        if pd.isna(signed):
            return None
        return pd.Timestamp(signed).date()
    except (TypeError, ValueError):
        return None


def _add_term(start: dt.date, months: int, days: int) -> dt.date | None:
    """start + months + days; the last day of the month when the day does not exist (29.02 + 1 year)."""
    month_index = start.year * 12 + start.month - 1 + months
    year, month = divmod(month_index, 12)
    if year >= FAR_FUTURE_YEAR:
        return None
    month += 1
    day = start.day
    while _make_date(year, month, day) is None:
        day -= 1
    end = dt.date(year, month, day)
    if days > (dt.date(FAR_FUTURE_YEAR, 1, 1) - end).days:
        return None
    return end + dt.timedelta(days=days)


def _dotted(date: dt.date) -> str:
    """dd.mm.yyyy with four-digit years, also for the year 1."""
    return f"{date.day:02d}.{date.month:02d}.{date.year:04d}"


def _describe_term(months: int, days: int) -> str:
    parts = []
    if months:
        parts.append(f"{months // 12} year(s)" if months % 12 == 0 else f"{months} month(s)")
    if days:
        parts.append(f"{days} day(s)")
    return " and ".join(parts)


def _apply(term: _Term, signed) -> Validity:
    """A term read from a cell made into a Validity for a row with this signing date."""
    if term.kind == "blank":
        return Validity(None, True, "", True)
    if term.kind == "open":
        return Validity(None, True, "open-ended", True, term.code)
    if term.kind == "invalid":
        return Validity(None, False, term.note, False, term.code)
    signed_on = _as_date(signed)
    note, code = term.note, term.code
    if term.kind == "duration":
        start = term.start or signed_on
        length = _describe_term(term.months, term.days)
        if start is None:
            return Validity(None, False, f"a term of {length} needs a signing date, and it is blank", False,
                            "validity_term_without_signed")
        if start.year < EARLIEST_YEAR:
            return Validity(None, False, f"a term of {length} from the year {start.year}, which is not plausible",
                            False, "validity_year_out_of_range")
        end = _add_term(start, term.months, term.days)
        if end is None:
            return Validity(None, True, f"a term of {length} ends in {FAR_FUTURE_YEAR} or later: read as open-ended",
                            True, "validity_far_future")
        origin = "the start date" if term.start else "the signing date"
        note, code = f"{length} from {origin} {start.isoformat()}: until {end.isoformat()}", "validity_term"
    else:
        end = term.end
    if end.year >= FAR_FUTURE_YEAR:
        return Validity(None, True, f"{_dotted(end)} read as open-ended (no end date)", True,
                        "validity_far_future")
    if end.year < EARLIEST_YEAR:
        return Validity(None, False, f"the year {end.year} of {_dotted(end)} is not plausible", False,
                        "validity_year_out_of_range")
    if signed_on is not None and end < signed_on:
        return Validity(None, False, f"ends on {end.isoformat()}, before it was signed on {signed_on.isoformat()}",
                        False, "validity_ends_before_signed")
    return Validity(pd.Timestamp(end), False, note, True, code)
