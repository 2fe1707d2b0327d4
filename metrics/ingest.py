"""Ingestion: raw exports to canonical, typed frames, with a record of every problem.

`load_dataset(data_dir)` finds each export of the contract (`metrics.schema`) in a folder,
reads it (`metrics.readers`), finds the header below any title lines, maps local-language
headers to canonical names, drops personal-data columns, skips blank, repeated-header and
total rows, coerces every cell to its kind and resolves countries to ISO alpha-3.

Nothing is lost silently: a row with an unusable required value is excluded and recorded
as an error; an unusable optional value is blanked and recorded as a warning; every file
reports rows read = rows loaded + rows excluded.
"""

from __future__ import annotations

import hashlib
import math
import re
import threading
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from metrics import countries
from metrics.codes import prefetch_byte_numbers, small_code_type, through_codes, used_categories
from metrics.headers import is_numbering_header, match_header
from metrics.mappings import Mappings, read_mappings
from metrics.readers import RawTable, read_raw
from metrics.schema import EXPORTS, PERSONAL_DATA_HEADERS, Column, Export
from metrics.text import fold
from metrics.validity import parse_dates_safe, parse_validities
from metrics.validation import FileReport, Issue, UnreadableFile
from metrics.years import ACADEMIC_YEAR_START_MONTH  # an academic year runs from September to August

SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
UNSUPPORTED_SUFFIXES = (".xls", ".ods", ".numbers")
HEADER_SEARCH_ROWS = 30  # title lines above the header are looked for this far down
COLLAPSE_MAX_DISTINCT = 100_000  # text columns with more distinct values (ids) are not re-spaced
MAX_ISSUES_PER_PROBLEM = 50  # beyond this many rows with the same problem, one summary record
YEAR_RANGE = (1950, 2100)
DATE_YEAR_RANGE = (1900, 2099)  # dates outside are not real (01.01.0001); later ones mean "open-ended"
MAX_NUMBER = 1e15  # larger numbers in a cell are not real values (1e20, a 20-digit count)
MAX_COUNT = 100_000_000  # one row never stands for more people than this
DEFAULT_SETTINGS = {"name": "University", "home_country": "UZB"}

# First cells that mark a total or subtotal row (folded). Such rows are skipped, not counted.
TOTAL_WORDS = ("итого", "всего", "итог", "total", "totals", "grand total", "subtotal", "jami", "жами",
               "hammasi", "барчаси", "total general", "totales", "plazas totales", "sum", "summa", "сумма")
# Values of the `direction` column.
DIRECTION_VALUES = {
    "in": ("in", "inbound", "incoming", "incomer", "входящая", "входящий", "входящие", "въезд",
           "въездная", "kiruvchi", "кирувчи", "kirish", "i", "entrante"),
    "out": ("out", "outbound", "outgoing", "исходящая", "исходящий", "исходящие", "выезд",
            "выездная", "chiquvchi", "чиқувчи", "chiqish", "o", "saliente"),
}
# Values of the `category` column.
CATEGORY_VALUES = {
    "student": ("student", "students", "студент", "студенты", "обучающийся", "обучающиеся", "учащийся",
                "ординатор", "резидент", "магистрант", "аспирант", "докторант", "talaba", "talabalar",
                "талаба", "талабалар", "learner", "trainee", "resident", "phd student", "estudiante"),
    "staff": ("staff", "academic staff", "faculty", "teacher", "teachers", "lecturer", "lecturers",
              "professor", "researcher", "researchers", "преподаватель", "преподаватели", "сотрудник",
              "сотрудники", "ппс", "научный сотрудник", "профессор", "o'qituvchi", "o'qituvchilar",
              "xodim", "xodimlar", "ўқитувчи", "ходим", "professor-o'qituvchi", "pdi", "pas", "personal"),
}
# Values of the `study_form` column (students): the form of study as registries write it.
# Reviewed: очно-заочная and вечерняя are one form in the Russian/Uzbek tradition (kechki);
# заочная (sirtqi, extramural) is part-time; online/masofaviy is distance.
STUDY_FORM_VALUES = {
    "full-time": ("full-time", "full time", "fulltime", "ft", "day", "daytime", "очная", "очное", "очно",
                  "очная форма", "очная форма обучения", "дневная", "дневное", "kunduzgi", "kunduzgi ta'lim",
                  "kunduzgi shakl", "кундузги", "кундузги таълим", "presencial"),
    "part-time": ("part-time", "part time", "parttime", "pt", "extramural", "correspondence", "заочная",
                  "заочное", "заочно", "заочная форма", "заочная форма обучения", "sirtqi", "sirtqi ta'lim",
                  "сиртқи", "сиртки", "сиртқи таълим"),
    "evening": ("evening", "evening classes", "очно-заочная", "очно-заочное", "вечерняя", "вечернее",
                "очно-заочная (вечерняя)", "kechki", "kechki ta'lim", "кечки", "кечки таълим"),
    "distance": ("distance", "distance learning", "online", "on-line", "remote", "e-learning", "дистанционная",
                 "дистанционное", "дистанционно", "онлайн", "masofaviy", "masofaviy ta'lim", "масофавий",
                 "масофавий таълим"),
}
# Values of the `funding` column (students). Reviewed decision: a "state grant" (государственный
# грант, davlat granti) is a state-budget place in Uzbekistan, so it is `budget`; a plain
# "грант"/"grant" (a foreign government's or another donor's grant, a scholarship) is `grant`.
FUNDING_VALUES = {
    "budget": ("budget", "state budget", "state-funded", "state funded", "government funded", "tuition-free",
               "бюджет", "бюджетная", "бюджетное", "бюджетная основа", "на бюджетной основе", "госбюджет",
               "государственный бюджет", "государственный грант", "госгрант", "гос грант", "за счет бюджета",
               "davlat granti", "davlat granti asosida", "davlat budjeti", "byudjet", "budjet",
               "давлат гранти", "давлат гранти асосида", "бюджет асосида"),
    "contract": ("contract", "fee-paying", "fee paying", "paid", "tuition fee", "self-funded", "self funded",
                 "self-financed", "self financed", "commercial", "контракт", "контрактная основа",
                 "на контрактной основе", "договор", "по договору", "договорная основа", "на договорной основе",
                 "платное", "платная", "платно", "платная основа", "на платной основе", "коммерческая",
                 "коммерческое", "kontrakt", "kontrakt asosida", "to'lov kontrakt", "to'lov-kontrakt",
                 "to'lov shartnoma", "to'lov-shartnoma asosida", "to'lov kontrakt asosida",
                 "тўлов-контракт", "тўлов контракт", "тўлов шартнома", "контракт асосида"),
    "grant": ("grant", "foreign grant", "scholarship", "government scholarship", "грант", "иностранный грант",
              "зарубежный грант", "стипендия", "xorijiy grant", "хорижий грант", "stipendiya"),
}
# Values of the `stage` column (applications). Reviewed: applied = an application was filed;
# admitted = an offer (рекомендован, допущен, принят к зачислению, tavsiya etilgan); enrolled = the
# enrolment order was signed (зачислен; talabalikka qabul qilingan, oʻqishga kirgan).
STAGE_VALUES = {
    "applied": ("applied", "application", "applications", "applicant", "applicants", "подано", "подано заявлений",
                "подали заявление", "заявление", "заявления", "заявка", "заявки", "абитуриент", "абитуриенты",
                "ariza", "arizalar", "ariza topshirgan", "ariza berganlar", "hujjat topshirgan",
                "hujjat topshirganlar", "abituriyent", "abituriyentlar", "ариза", "аризалар",
                "ҳужжат топширган", "ҳужжат топширганлар", "абитуриентлар"),
    "admitted": ("admitted", "offer", "offers", "offered", "accepted", "принят", "принято", "приняты",
                 "принят к зачислению", "допущен", "допущено", "допущены", "рекомендован", "рекомендовано",
                 "рекомендованы", "рекомендован к зачислению", "tavsiya etilgan", "tavsiya etildi",
                 "qabul qilingan", "qabulga tavsiya etilgan", "тавсия этилган", "қабул қилинган"),
    "enrolled": ("enrolled", "enrolment", "enrollment", "registered", "matriculated", "зачислен", "зачислено",
                 "зачислены", "зачисление", "o'qishga kirgan", "o'qishga kirganlar", "talabalikka qabul qilingan",
                 "ўқишга кирган", "ўқишга кирганлар", "талабаликка қабул қилинган"),
}
# Languages of instruction (programs): ISO 639-1 code → names and codes accepted (en/ru/uz).
LANGUAGE_NAMES = {
    "en": ("en", "eng", "english", "английский", "английском", "англ", "ingliz", "inglizcha", "инглиз", "инглизча"),
    "ru": ("ru", "rus", "russian", "русский", "русском", "рус", "ruscha", "русча"),
    "uz": ("uz", "uzb", "uzbek", "узбекский", "узбекском", "узб", "o'zbek", "o'zbekcha", "ўзбек", "ўзбекча"),
    "kk": ("kk", "kaz", "kazakh", "казахский", "казахском", "qozoq", "қозоқ"),
    "ky": ("ky", "kir", "kyrgyz", "kirghiz", "киргизский", "кыргызский", "киргизском", "кыргызском",
           "qirg'iz", "қирғиз"),
    "tg": ("tg", "tgk", "tajik", "таджикский", "таджикском", "tojik", "тожик"),
    "tr": ("tr", "tur", "turkish", "турецкий", "турецком", "turk", "turkcha", "турк"),
    "de": ("de", "deu", "ger", "german", "немецкий", "немецком", "nemis", "немис"),
    "fr": ("fr", "fra", "fre", "french", "французский", "французском", "fransuz", "француз"),
    "zh": ("zh", "zho", "chi", "chinese", "mandarin", "китайский", "китайском", "xitoy", "хитой"),
    "ko": ("ko", "kor", "korean", "корейский", "корейском", "koreys", "корейс"),
    "ja": ("ja", "jpn", "japanese", "японский", "японском", "yapon", "япон"),
    "ar": ("ar", "ara", "arabic", "арабский", "арабском", "arab", "араб"),
    "hi": ("hi", "hin", "hindi", "хинди", "hind", "ҳинд"),
}
_LANGUAGE_WORDS = ("язык", "языке", "языки", "tili", "tilida", "тили", "тилида", "language", "на")
COURSE_RANGE = (1, 7)  # year of study: 1 to 6 for medicine, 7 for the longest programs
INVALID = object()  # marks a value that could not be parsed


# ----------------------------------------------------------------------------------------------
# Headers
# ----------------------------------------------------------------------------------------------
fold_header = fold  # a header folded for matching: case, spaces, punctuation, apostrophe styles ignored


_PERSONAL = frozenset(fold_header(header) for header in PERSONAL_DATA_HEADERS)


def is_personal_data_header(header: str) -> bool:
    """True for a column header that names personal data (names, passports, phones, e-mails ...)."""
    return fold_header(header) in _PERSONAL


# ----------------------------------------------------------------------------------------------
# Cell parsers: text → value, None for empty, INVALID for unusable. Applied to unique values.
# ----------------------------------------------------------------------------------------------
_YEAR = re.compile(r"^(\d{4})(?:\.0+)?(?:\s*(?:/|-|–|—|\\)\s*(\d{2}|\d{4}))?(?:\s*(?:г|гг|y|yil|йил)\.?)?$")
_SPACES = re.compile(r"[\s\u00a0\u202f']+")


def parse_year(text: str):
    """Academic year as its first calendar year: 2024, 2024/2025, 2024-25, 2024/25 → 2024."""
    text = text.strip()
    if not text:
        return None
    match = _YEAR.match(text)
    if not match:
        return INVALID
    first = int(match.group(1))
    second = match.group(2)
    if second is not None:
        expected = first + 1 if len(second) == 4 else (first + 1) % 100
        if int(second) != expected:
            return INVALID
    if not YEAR_RANGE[0] <= first <= YEAR_RANGE[1]:
        return INVALID
    return first


def parse_number(text: str):
    """A number written with decimal commas or points and space/no-break-space thousands."""
    text = _SPACES.sub("", text.strip())
    if not text or text in {"-", "—", "–"}:
        return None
    text = text.replace("−", "-")
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif text.count(",") == 1:
        text = text.replace(",", ".")
    elif text.count(",") > 1:
        text = text.replace(",", "")
    try:
        value = float(text)
    except ValueError:
        return INVALID
    if not math.isfinite(value) or abs(value) > MAX_NUMBER:  # inf, NaN, 1e309, 1e20
        return INVALID
    return value


def parse_int(text: str):
    """A whole, non-negative number (counts) no larger than `MAX_COUNT`."""
    value = parse_number(text)
    if value is None or value is INVALID:
        return value
    if value < 0 or not float(value).is_integer() or value > MAX_COUNT:
        return INVALID
    return int(value)


def parse_date(text: str):
    """A date as ISO (2024-09-01), dd.mm.yyyy or dd/mm/yyyy (day first, as in the region)."""
    return parse_dates([text])[0]


def parse_dates(texts: list[str]) -> list:
    """`parse_date` for many values: a Timestamp, None for blank, INVALID for anything else.

    A date must be exactly one calendar date (see `metrics.validity.parse_dates_safe`: ISO,
    dd.mm.yyyy, dd/mm/yyyy, Excel serial numbers, `1 июня 2027 г.`) in `DATE_YEAR_RANGE`.
    """
    results: list = []
    for text, date in zip(texts, parse_dates_safe(texts)):
        if date is None:
            results.append(None if not str(text).strip() else INVALID)
        elif DATE_YEAR_RANGE[0] <= date.year <= DATE_YEAR_RANGE[1]:
            results.append(pd.Timestamp(date))
        else:
            results.append(INVALID)
    return results


def _value_table(values: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {fold_header(word): canonical for canonical, words in values.items() for word in words}


_DIRECTIONS = _value_table(DIRECTION_VALUES)
_CATEGORIES = _value_table(CATEGORY_VALUES)


def parse_direction(text: str):
    """in or out, from the many ways systems write it."""
    if not text.strip():
        return None
    return _DIRECTIONS.get(fold_header(text), INVALID)


def parse_category(text: str):
    """student or staff."""
    if not text.strip():
        return None
    return _CATEGORIES.get(fold_header(text), INVALID)


_STUDY_FORMS = _value_table(STUDY_FORM_VALUES)
_FUNDINGS = _value_table(FUNDING_VALUES)
_STAGES = _value_table(STAGE_VALUES)
_LANGUAGES = _value_table(LANGUAGE_NAMES)
_LANGUAGE_FILLERS = frozenset(fold_header(word) for word in _LANGUAGE_WORDS)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7}
_COURSE_WORDS = frozenset(fold_header(word) for word in (
    "курс", "kurs", "bosqich", "босқич", "year", "course", "г", "й", "th", "st", "nd", "rd", "-й", "-kurs"))


def parse_study_form(text: str):
    """full-time, part-time, evening or distance (очная/заочная/очно-заочная, kunduzgi/sirtqi/kechki ...)."""
    if not text.strip():
        return None
    return _STUDY_FORMS.get(fold_header(text), INVALID)


def parse_funding(text: str):
    """budget, contract or grant (бюджет/контракт/грант, davlat granti/to'lov-kontrakt ...)."""
    if not text.strip():
        return None
    return _FUNDINGS.get(fold_header(text), INVALID)


def parse_stage(text: str):
    """applied, admitted or enrolled (подано/рекомендован/зачислен, ariza/tavsiya etilgan ...)."""
    if not text.strip():
        return None
    return _STAGES.get(fold_header(text), INVALID)


def parse_course(text: str):
    """Year of study from 1 to 7: `3`, `3 курс`, `3-kurs`, `III`; anything else is INVALID."""
    if not text.strip():
        return None
    number = parse_number(text)
    if number is not None and number is not INVALID:  # 3, 3.0 (a number cell of a workbook)
        return int(number) if float(number).is_integer() and COURSE_RANGE[0] <= number <= COURSE_RANGE[1] else INVALID
    words = [word for word in re.split(r"(\d+)|\s+", fold_header(text)) if word and word.strip()]
    words = [word for word in words if word not in _COURSE_WORDS]
    if len(words) != 1:
        return INVALID
    word = words[0]
    value = _ROMAN.get(word)
    if value is None:
        number = parse_number(word)
        if number is None or number is INVALID or not float(number).is_integer():
            return INVALID
        value = int(number)
    return value if COURSE_RANGE[0] <= value <= COURSE_RANGE[1] else INVALID


def parse_language(text: str):
    """Languages of instruction as ';'-joined ISO 639-1 codes: `English; русский` → `en;ru`.

    Each part (separated by ';', ',' or '/') is a code or a name in English, Russian or Uzbek,
    optionally with the word for language (`английский язык`, `ingliz tili`). One unknown part
    makes the whole cell INVALID: a list is never shortened silently.
    """
    if not text.strip():
        return None
    codes = []
    for part in re.split(r"[;,/]", text):
        folded = fold_header(part)
        if not folded:
            continue
        code = _LANGUAGES.get(folded)
        if code is None:
            code = _LANGUAGES.get(" ".join(word for word in folded.split() if word not in _LANGUAGE_FILLERS))
        if code is None:
            return INVALID
        codes.append(code)
    return ";".join(dict.fromkeys(codes)) if codes else None


def parse_text(text: str):
    """Free text, stripped; empty is missing."""
    text = " ".join(text.split())
    return text or None


PARSERS = {
    "year": parse_year,
    "int": parse_int,
    "float": parse_number,
    "date": parse_date,
    "direction": parse_direction,
    "category": parse_category,
    "study_form": parse_study_form,
    "funding": parse_funding,
    "stage": parse_stage,
    "course": parse_course,
    "language": parse_language,
    "text": parse_text,
}
KIND_HELP = {
    "year": "an academic year such as 2024, 2024/2025 or 2024-25",
    "int": "a whole number of at least 0",
    "float": "a number (decimal comma or point)",
    "date": "a date as 2024-09-01, 01.09.2024 or 01/09/2024",
    "validity": "an end date, a term such as 'на 5 лет', or 'бессрочно'",
    "direction": "in or out (inbound/outbound, входящая/исходящая, kiruvchi/chiquvchi)",
    "category": "student or staff",
    "study_form": "full-time, part-time, evening or distance (очная/заочная/очно-заочная/дистанционная, "
                  "kunduzgi/sirtqi/kechki/masofaviy)",
    "funding": "budget, contract or grant (бюджет/контракт/грант, davlat granti/to'lov-kontrakt)",
    "stage": "applied, admitted or enrolled (подано/рекомендован/зачислен, ariza/tavsiya etilgan/o'qishga kirgan)",
    "course": "a year of study from 1 to 7",
    "language": "language codes or names separated by ';' (en, ru, uz; English, русский, o'zbek)",
}
VALUE_KINDS_REVIEWED = ("direction", "category", "study_form", "funding", "stage")  # words a mapping may add


# ----------------------------------------------------------------------------------------------
# The dataset
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Dataset:
    """Everything loaded from one data folder: canonical frames, settings and the validation report."""

    frames: dict[str, pd.DataFrame]
    university: str = DEFAULT_SETTINGS["name"]
    home: str = DEFAULT_SETTINGS["home_country"]
    issues: tuple[Issue, ...] = ()
    files: tuple[FileReport, ...] = ()
    # File-level records: files that could not be read (error), files skipped or taken for an
    # export by their headers (warning/info), and problems of settings.toml.
    unreadable: tuple[Issue, ...] = ()
    source: str = ""
    settings: dict = field(default_factory=dict)
    version: str = ""  # the published version these files are (metrics.store); "" for a plain folder read as is

    def university_name(self, lang: str = "en") -> str:
        """The university's name in a language: settings `name_<lang>`, else `name`."""
        return str(self.settings.get(f"name_{lang}") or self.university)

    def get(self, name: str) -> pd.DataFrame | None:
        """The canonical frame of one export, or None when the export is absent."""
        return self.frames.get(name)

    def has(self, name: str) -> bool:
        return name in self.frames

    def replace_frames(self, **frames: pd.DataFrame | None) -> "Dataset":
        """A new Dataset with some frames replaced (None removes one)."""
        merged = dict(self.frames)
        for name, frame in frames.items():
            if frame is None:
                merged.pop(name, None)
            else:
                merged[name] = frame
        return replace(self, frames=merged)

    @property
    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == "error"]


@dataclass
class _Problems:
    """Collects issues for one file, capping repeats of the same problem."""

    file: str
    issues: list[Issue] = field(default_factory=list)
    counts: dict[tuple, int] = field(default_factory=dict)
    first: dict[tuple, tuple] = field(default_factory=dict)  # code and params of each problem's first record

    def add(self, row, column, value, message, severity="error", code="", **params):
        key = (column, message, severity)
        seen = self.counts.get(key, 0)
        self.counts[key] = seen + 1
        if seen == 0:
            self.first[key] = (code, tuple(params.items()))
        if seen < MAX_ISSUES_PER_PROBLEM:
            self.issues.append(Issue(self.file, row, column, value, message, severity, code, tuple(params.items())))

    def finish(self) -> list[Issue]:
        for key, count in self.counts.items():
            column, message, severity = key
            if count > MAX_ISSUES_PER_PROBLEM:
                code, params = self.first[key]
                more = count - MAX_ISSUES_PER_PROBLEM
                self.issues.append(Issue(
                    self.file, None, column, None, f"{more} more row(s) with the same problem: {message}", severity,
                    "more_rows", (("n", more), ("code", code), ("params", params), ("message", message))))
        return self.issues


# Files in a data folder that are not exports and are never listed as skipped.
NON_EXPORT_FILES = ("settings.toml", "readme.md", "readme.txt", "mappings.toml", "provenance.txt")


def read_settings(data_dir: Path) -> tuple[dict, list[Issue]]:
    """`settings.toml` of a data folder: [university] name, name_ru, name_uz, home_country (ISO alpha-3).

    A malformed file or a value of the wrong type is one error record naming the file and the
    key; the defaults stand in for what could not be read.
    """
    path = Path(data_dir) / "settings.toml"
    settings = dict(DEFAULT_SETTINGS)
    issues: list[Issue] = []

    def problem(message: str, **params) -> None:
        issues.append(Issue("settings.toml", None, None, None, f"settings.toml: {message}", "error",
                            "settings_invalid", tuple(params.items())))

    if not path.is_file():
        return settings, issues
    try:
        if path.stat().st_size > MAX_SETTINGS_BYTES:
            problem(f"is larger than {MAX_SETTINGS_BYTES // 1024} KB; it was not read. It needs only a few lines "
                    "(see data/README.md).")
            return settings, issues
        parsed = tomllib.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        problem(f"cannot be read ({str(error)[:200]}); the defaults are used. Fix the file (see data/README.md).")
        return settings, issues
    section = parsed.get("university", parsed)
    if not isinstance(section, dict):
        problem("[university] must be a table of keys (name = \"...\", home_country = \"UZB\"); the defaults are used.")
        return settings, issues
    for key, value in section.items():
        if key in SETTINGS_TEXT_KEYS and not (isinstance(value, str) and 0 < len(value) <= MAX_SETTINGS_TEXT):
            problem(f"'{key}' must be text of 1 to {MAX_SETTINGS_TEXT} characters; it was ignored.", key=key)
            continue
        settings[key] = value
    return settings, issues


SETTINGS_TEXT_KEYS = ("name", "name_ru", "name_uz", "name_en", "home_country")
MAX_SETTINGS_BYTES = 64 * 1024
MAX_SETTINGS_TEXT = 300


def find_export_file(data_dir: Path, export: Export) -> Path | None:
    """The file in `data_dir` named after an export, in any letter case: `students.csv`, `Students.XLSX` ..."""
    for path in sorted(Path(data_dir).iterdir()):
        if path.is_file() and path.stem.casefold() == export.name and path.suffix.lower() in SUFFIXES:
            return path
    return None


def _export_for_headers(raw: RawTable, file_name: str = "", mappings: Mappings | None = None) -> tuple[str | None, list[str]]:
    """The export a table holds, from its header: (export name or None, candidate exports).

    Candidates are the exports whose required columns the header has. The one with the most
    recognised columns wins; on a tie, an export named in the file name (`students_2019.xlsx`)
    wins; otherwise nothing is guessed and None is returned with the candidates.
    """
    mappings = mappings if mappings is not None else Mappings()
    candidates = []
    for export in EXPORTS.values():
        row, matches = find_header(raw.cells, export, mappings)
        if row < 0:
            continue
        found = {_column_for(value, export, mappings) for value in raw.cells.iloc[row] if value}
        required = [column.name for column in export.columns if column.required]
        if all(name in found for name in required) and all(any(n in found for n in group) for group in export.one_of):
            candidates.append((matches, export.name))
    if not candidates:
        return None, []
    stem = fold_header(Path(file_name).stem)
    named = [name for _, name in candidates if stem.startswith(fold_header(name))]
    if len(named) == 1:
        return named[0], [name for _, name in candidates]
    candidates.sort(reverse=True)
    names = [name for _, name in candidates]
    if len(candidates) > 1 and candidates[0][0] == candidates[1][0]:
        return None, names
    return names[0], names


def _folder_files(data_dir: Path, mappings: Mappings) -> tuple[dict[str, list[tuple[Path, RawTable | None]]], list[Issue]]:
    """Which file holds which export, and a record for every other file of the folder.

    A file named after an export (any letter case) holds it. Any other readable file is taken
    for the export whose columns its header has (`students_2019.xlsx`, `Контингент.xlsx`); a
    file that fits none, or two equally, is listed as skipped with the reason.
    """
    by_export: dict[str, list[tuple[Path, RawTable | None]]] = {}
    records: list[Issue] = []
    for path in sorted(Path(data_dir).iterdir(), key=lambda item: item.name):
        name = path.name
        if name.startswith((".", "~$")) or name.casefold() in NON_EXPORT_FILES:
            continue
        suffix = path.suffix.lower()
        if not path.is_file():
            if suffix in SUFFIXES:
                records.append(Issue(name, None, None, None, f"{name}: is a folder, not a file; skipped.",
                                     "warning", "file_skipped", (("reason", "folder"),)))
            continue
        mapped = mappings.export_for_file(name) if suffix in SUFFIXES else None
        if mapped is not None:  # a person said which export this file holds
            by_export.setdefault(mapped, []).append((path, None))
            if path.stem.casefold() != mapped:
                records.append(Issue(name, None, None, None, f"{name}: taken for the '{mapped}' export (mappings.toml).",
                                     "info", "file_taken_for", (("export", mapped),)))
            continue
        if path.stem.casefold() in EXPORTS and suffix in SUFFIXES:
            by_export.setdefault(path.stem.casefold(), []).append((path, None))
            continue
        if suffix in UNSUPPORTED_SUFFIXES:
            records.append(Issue(name, None, None, None, f"{name}: {suffix} files cannot be read; save it from "
                                 "Excel or LibreOffice as .xlsx or CSV (UTF-8).", "error", "file_unsupported",
                                 (("suffix", suffix),)))
            continue
        if suffix not in SUFFIXES:
            records.append(Issue(name, None, None, None, f"{name}: not an export (only .csv, .tsv, .txt and .xlsx "
                                 "files are read); skipped.", "info", "file_skipped", (("reason", "suffix"),)))
            continue
        try:
            raw = read_raw(path)
            export, candidates = _export_for_headers(raw, name, mappings)
        except UnreadableFile as error:
            records.append(Issue(name, None, None, None, str(error), "error", "file_unreadable"))
            continue
        except Exception as error:  # noqa: BLE001 - no file may take down more than itself
            records.append(_crash_record(name, error))
            continue
        if export is None:
            reason = (f"its header fits {' and '.join(candidates)} equally; name the file after the export it holds "
                      f"(e.g. {candidates[0]}.csv)." if candidates else
                      "its name is not an export name and its header has the required columns of no export; "
                      "skipped. Name it after the export it holds (e.g. students.csv), see data/README.md.")
            records.append(Issue(name, None, None, None, f"{name}: {reason}", "warning", "file_skipped",
                                 (("reason", "ambiguous" if candidates else "unknown"),)))
            continue
        records.append(Issue(name, None, None, None, f"{name}: taken for the '{export}' export (by its columns).",
                             "info", "file_taken_for", (("export", export),)))
        by_export.setdefault(export, []).append((path, raw))
    return by_export, records


def identify_files(data_dir: str | Path, mappings: Mappings | None = None) -> tuple[dict[str, str], list[Issue]]:
    """Which export each file of a folder holds ({file name: export}), and the records of the files that hold none."""
    mappings = mappings if mappings is not None else read_mappings(data_dir)[0]
    by_export, records = _folder_files(Path(data_dir), mappings)
    return {path.name: export for export, found in by_export.items() for path, _ in found}, records


def _crash_record(name: str, error: BaseException) -> Issue:
    """An unexpected failure reading one file, said as one record for that file."""
    what = "it is too large to read in memory" if isinstance(error, MemoryError) else \
        f"{type(error).__name__}: {str(error)[:200]}"
    return Issue(name, None, None, None,
                 f"{name}: could not be read ({what}). Open it in Excel or a text editor, check it, save it again "
                 "as .xlsx or UTF-8 CSV; if it still fails, send it to the dashboard's maintainers.",
                 "error", "file_unreadable")


def load_dataset(data_dir: str | Path = "data", home: str | None = None, mappings: Mappings | None = None,
                 loader=None) -> Dataset:
    """Load every export found in `data_dir`; `home` (ISO alpha-3) overrides settings.toml.

    `mappings` (reviewed decisions on unknown headers, countries and values) default to the
    folder's own `mappings.toml`.

    No file can take down more than itself: a file that cannot be read becomes one record in
    `Dataset.unreadable` (with files skipped or taken for an export by their headers), and the
    other exports load. Only an unknown `home` given by the caller raises ValueError.

    `loader` stands in for `load_export` (same arguments and results): `metrics.snapshot`
    passes one that reads unchanged exports back from their validated snapshot.
    """
    data_dir = Path(data_dir)
    if loader is None:  # the country name tables are built while the exports are read (Arrow's parse lets go of the GIL)
        threading.Thread(target=countries.prepare, daemon=True).start()
    settings, setting_issues = read_settings(data_dir)
    unreadable: list[Issue] = list(setting_issues)
    if home is not None:
        resolved_home = countries.resolve(str(home))
        if resolved_home is None:
            raise ValueError(f"Home country '{home}' is not a country code or name I know (use ISO alpha-3, e.g. UZB).")
    else:
        home_code = settings.get("home_country") or DEFAULT_SETTINGS["home_country"]
        resolved_home = countries.resolve(str(home_code))
        if resolved_home is None:
            resolved_home = DEFAULT_SETTINGS["home_country"]
            unreadable.append(Issue("settings.toml", None, "home_country", str(home_code)[:100],
                                    f"settings.toml: home_country '{str(home_code)[:100]}' is not a country I know; "
                                    f"{resolved_home} is used until it is fixed (write an ISO alpha-3 code, e.g. KAZ).",
                                    "error", "settings_invalid", (("key", "home_country"),)))
    if mappings is None:
        mappings, mapping_issues = read_mappings(data_dir)
        unreadable.extend(mapping_issues)
    frames, issues, files = {}, [], []
    try:
        by_export, records = _folder_files(data_dir, mappings)
    except OSError as error:
        by_export, records = {}, [Issue(str(data_dir), None, None, None,
                                        f"the data folder cannot be read ({error.strerror}).", "error",
                                        "file_unreadable")]
    unreadable.extend(records)
    for export in EXPORTS.values():
        found = by_export.get(export.name, [])
        if not found:
            continue
        if len(found) > 1:
            names = " and ".join(path.name for path, _ in found)
            for path, _ in found:  # one record per file, so that each file's row says why it was not read
                unreadable.append(Issue(path.name, None, None, None,
                                        f"{path.name}: {names} both hold the '{export.name}' export; neither was "
                                        "read. Keep one file per export in the folder.", "error", "export_ambiguous",
                                        (("export", export.name), ("files", names))))
            continue
        path, raw = found[0]
        try:
            frame, file_issues, report = (loader or load_export)(path, export, raw, mappings)
        except UnreadableFile as error:
            unreadable.append(Issue(path.name, None, None, None, str(error), "error", "file_unreadable"))
            continue
        except Exception as error:  # noqa: BLE001 - no file may take down more than itself
            unreadable.append(_crash_record(path.name, error))
            continue
        frames[export.name] = frame
        issues.extend(file_issues)
        files.append(report)
    return Dataset(
        frames=frames,
        university=str(settings.get("name", DEFAULT_SETTINGS["name"])),
        home=resolved_home,
        issues=tuple(issues),
        files=tuple(files),
        unreadable=tuple(unreadable),
        source=str(data_dir),
        settings=settings,
    )


def _column_for(header: str, export: Export, mappings: Mappings) -> str | None:
    """The contract column a header cell names: a reviewed mapping first, then aliases and word rules."""
    return mappings.header(export.name, header) or match_header(header, export)


def find_header(cells: pd.DataFrame, export: Export, mappings: Mappings) -> tuple[int, int]:
    """(row index of the header, number of recognised columns in it); (-1, 0) when none."""
    best_row, best_matches = -1, 0
    for row in range(min(HEADER_SEARCH_ROWS, len(cells))):
        matched = {_column_for(value, export, mappings) for value in cells.iloc[row] if value}
        matches = len(matched - {None})
        if matches > best_matches:
            best_row, best_matches = row, matches
    return best_row, best_matches


def load_export(path: Path, export: Export, raw: RawTable | None = None,
                mappings: Mappings | None = None) -> tuple[pd.DataFrame, list[Issue], FileReport]:
    """Read one export file into its canonical frame; raises UnreadableFile when it cannot be used.

    `raw` is the file already read (when it was read to find out which export it holds);
    `mappings` are the reviewed decisions about its unknown headers, countries and values.
    """
    path = Path(path)
    mappings = mappings if mappings is not None else Mappings()
    raw = read_raw(path) if raw is None else raw
    problems = _Problems(path.name)
    for code, note in raw.notes:
        problems.add(None, None, None, note, "warning", code)
    cells = raw.cells
    header_row, matches = find_header(cells, export, mappings)
    required = [column.name for column in export.columns if column.required]
    if header_row < 0:
        expected = ", ".join(required)
        raise UnreadableFile(
            f"{path.name}: no header row found in the first {HEADER_SEARCH_ROWS} lines. "
            f"Expected columns such as: {expected} (or their Russian/Uzbek names, see data/README.md).")
    header_line = raw.line(header_row)

    # Map header cells to canonical columns.
    positions: dict[str, int] = {}
    for position, header in enumerate(cells.iloc[header_row]):
        if not header:
            continue
        folded = fold_header(header)
        if folded in _PERSONAL:
            problems.add(header_line, header, None,
                         "personal data column dropped at ingestion; it is never shown or exported", "info",
                         "personal_data_dropped")
            continue
        if is_numbering_header(header):
            problems.add(header_line, header, None, "row-number column; ignored", "info", "column_numbering")
            continue
        canonical = _column_for(header, export, mappings)
        if canonical is None:
            problems.add(header_line, header, None, "column not in the data contract; ignored", "info",
                         "column_ignored")
        elif canonical in positions:
            problems.add(header_line, header, None,
                         f"second column for '{canonical}'; the first one is used", "warning",
                         "column_duplicate", field=canonical)
        else:
            positions[canonical] = position
    missing = [name for name in required if name not in positions]
    for group in export.one_of:
        if not any(name in positions for name in group):
            missing.append(" or ".join(group))
    if missing:
        found = ", ".join(value for value in cells.iloc[header_row] if value)
        raise UnreadableFile(
            f"{path.name}: required column(s) missing: {', '.join(missing)}. "
            f"Header on line {header_line} has: {found}. Rename the columns (see data/README.md).")

    body = cells.iloc[header_row + 1:]
    # line numbers as the user sees them in the file
    lines = (raw.line_numbers[header_row + 1:] if raw.line_numbers is not None else body.index.to_numpy() + 1)
    # rows (and cells) the reader could not take as they are: an unbalanced quote, a torn last line ...
    row_problems: dict[int, list] = {}
    for problem in raw.problems:
        if problem.row > header_row:
            row_problems.setdefault(problem.row - header_row - 1, []).append(problem)
    broken_rows = np.zeros(len(body), dtype=bool)
    for row, found in row_problems.items():
        if any(problem.column is None and problem.code != "record_joined" for problem in found):
            broken_rows[row] = True
    used = body[[positions[name] for name in positions]]
    used.columns = list(positions)

    # Rows that are not data: blank lines, repeated headers, totals.
    # (each column is checked only on the rows that the columns before it leave in question)
    blank = np.ones(len(used), dtype=bool)
    for name in positions:
        _narrow(blank, used[name], _is_empty)
    repeated_header = np.ones(len(used), dtype=bool)
    for name, position in positions.items():
        _narrow(repeated_header, used[name], lambda values, header=cells.iloc[header_row, position]:
                _equals(values, header))
    # A total row leaves some required cell empty (a data row never does), so only such rows
    # are checked for a total word: a partner called "Total Health" stays data.
    incomplete = np.zeros(len(used), dtype=bool)
    for name in required:
        incomplete |= _is_empty(used[name])
    candidates = np.flatnonzero(incomplete & ~blank)
    total = repeated_header.copy()
    if len(candidates):
        for position in range(min(3, body.shape[1])):
            total[candidates] |= _starts_with_total_word(body[position].iloc[candidates])
    skip = (blank | total) & ~broken_rows
    for line in lines[total & ~blank][:MAX_ISSUES_PER_PROBLEM]:
        problems.add(int(line), None, None, "total, subtotal or repeated header row skipped", "info", "row_skipped")
    data = _rows(used, ~skip)
    data_lines = lines[~skip]
    excluded = np.zeros(len(data), dtype=bool)
    # Reader problems: a broken row is excluded; a problem cell in a used column excludes its row
    # when the column is required or has a default (a formula count must not become 1), else blanks it.
    data_index = np.cumsum(~skip) - 1  # body row → row of `data`
    column_at = {position: name for name, position in positions.items()}
    blanked: dict[str, list[int]] = {}
    for row, found in sorted(row_problems.items()):
        if skip[row]:
            continue
        target = int(data_index[row])
        for problem in found:
            line = int(lines[row])
            if problem.column is None:
                severity = "warning" if problem.code == "record_joined" else "error"
                problems.add(line, None, None, problem.message, severity, problem.code)
                if severity == "error":
                    excluded[target] = True
                continue
            name = column_at.get(problem.column)
            if name is None:
                continue
            column = export.column(name)
            if column.required or column.default is not None:
                problems.add(line, name, None, problem.message + " The row is excluded.", "error", problem.code)
                excluded[target] = True
            else:
                problems.add(line, name, None, problem.message + " The value is left blank.", "warning", problem.code)
                blanked.setdefault(name, []).append(target)
    reader_excluded = excluded.copy()  # rows the reader already said are unusable
    for name, targets in blanked.items():
        values = data[name].copy()
        if _is_categorical(values) and "" not in values.cat.categories:
            values = values.cat.add_categories([""])
        values.iloc[targets] = ""
        data[name] = values

    if export.name == "students" and "student_id" in positions:  # numbered (to count each student once) on the
        prefetch_byte_numbers(data["student_id"])  # other core while the rest is parsed (`_coerce` keeps ids as they are)
    columns: dict[str, object] = {}
    for column in export.columns:
        if column.name not in positions:
            columns[column.name] = _absent(column, len(data))
            continue
        if column.kind == "validity":  # read after the loop, against the signing date of its row
            continue
        values, bad_mask, empty_mask, raw_values = _coerce(data[column.name], column, mappings)
        bad_mask, empty_mask = bad_mask & ~reader_excluded, empty_mask & ~reader_excluded  # said once already
        if column.kind == "country" or column.kind == "countries":
            columns[f"{column.name}_raw"] = raw_values
        columns[column.name] = values
        for index in np.flatnonzero(bad_mask):
            value = str(data[column.name].iloc[index])
            if column.required or column.default is not None:  # a bad count must not become 1
                problems.add(int(data_lines[index]), column.name, value,
                             f"not {KIND_HELP.get(column.kind, 'valid')}; row excluded", "error",
                             "value_invalid_excluded", kind=column.kind)
                excluded[index] = True
            else:
                problems.add(int(data_lines[index]), column.name, value,
                             f"not {KIND_HELP.get(column.kind, 'valid')}; value left blank", "warning",
                             "value_invalid_blanked", kind=column.kind)
        if column.required and column.kind not in ("country",):
            for index in np.flatnonzero(empty_mask & ~bad_mask):
                problems.add(int(data_lines[index]), column.name, "",
                             f"required value '{column.name}' is empty; row excluded", "error",
                             "value_required_empty", field=column.name)
                excluded[index] = True
        if column.kind == "country":
            _report_countries(problems, data[column.name], values, data_lines, column, excluded, reader_excluded,
                              mappings)
        if column.kind == "countries":
            _report_country_lists(problems, data[column.name], values, data_lines, column, mappings)

    for column in export.columns:
        if column.kind == "validity" and column.name in positions:
            columns[column.name] = _validity(data[column.name], columns.get("signed"), problems, data_lines, column)
    frame = pd.DataFrame(columns, index=pd.RangeIndex(len(data)), copy=False)  # not consolidated: no copy of 10 M rows
    frame = _finish_frame(frame, export, problems, data_lines, excluded)
    keep = ~excluded
    frame = _compact(_rows(frame, keep), export)
    issues = problems.finish()
    report = FileReport(
        export=export.name,
        path=str(path),
        sha256=raw.file_sha256() or hashlib.sha256(path.read_bytes()).hexdigest(),
        encoding=raw.encoding,
        delimiter=raw.delimiter,
        rows_read=int(len(data)),
        rows_loaded=int(keep.sum()),
        rows_excluded=int(excluded.sum()),
        skipped_lines=int(skip.sum()) + header_row,
    )
    return frame, issues, report


# Columns whose values come from a short list (codes, faculties, levels ...): kept as pandas categories,
# so selecting rows, grouping and storing them costs an integer code per row instead of a string.
CATEGORY_KINDS = frozenset({"country", "direction", "category", "study_form", "funding", "stage"})
CATEGORY_NAMES = frozenset({"faculty", "level", "sex", "status", "specialty", "university", "type"})


def is_category_column(column: Column) -> bool:
    """True for a column stored as a pandas category (see `CATEGORY_KINDS`, `CATEGORY_NAMES`)."""
    return column.kind in CATEGORY_KINDS or (column.kind == "text" and column.name in CATEGORY_NAMES)


def _compact(frame: pd.DataFrame, export: Export) -> pd.DataFrame:
    """The frame with its short-list columns (and the raw text of its country columns) as categories.

    The categories are always what `astype("category")` makes of the str column: the sorted distinct
    values of the rows kept. A column that is already categorical (built from codes into its distinct
    values, see `_categorical`) gets them without ever being spelled out as strings.
    """
    names = [column.name for column in export.columns if is_category_column(column) and column.name in frame]
    names += [f"{column.name}_raw" for column in export.columns
              if column.kind == "country" and f"{column.name}_raw" in frame]
    if not names:
        return frame
    plain = {name: "category" for name in names if not _is_categorical(frame[name])}
    coded = {name: _final_categories(frame[name]) for name in names if _is_categorical(frame[name])}
    frame = frame.astype(plain) if plain else frame
    return frame.assign(**coded) if coded else frame


def _is_categorical(values: pd.Series) -> bool:
    return isinstance(values.dtype, pd.CategoricalDtype)


def _factorized(values: pd.Series) -> tuple[np.ndarray, list]:
    """(a code per row, the distinct values): a categorical column without missing values gives its own
    codes and categories (some categories may be unused), any other column `pd.factorize`'s."""
    if _is_categorical(values):
        codes = values.cat.codes.to_numpy()
        if not len(codes) or int(codes.min()) >= 0:
            return codes, values.cat.categories.tolist()
    codes, uniques = pd.factorize(values)
    return codes, uniques.tolist()


def _categorical(codes: np.ndarray, values: list) -> pd.Series:
    """A categorical Series holding `values[code]` for each code (None: missing; code -1: missing).

    Its categories are the distinct values sorted as `astype("category")` sorts them: `_compact` then
    only drops those no row kept."""
    relabel, distinct = pd.factorize(np.array(values, dtype=object))
    distinct = pd.Index(pd.array(list(distinct), dtype="str"))
    categories = pd.Series(distinct).astype("category").cat.categories
    relabel = np.append(categories.get_indexer(distinct), -1)[relabel]  # -1 (None) stays -1
    small = small_code_type(len(distinct))
    mapped = through_codes(relabel.astype(small), codes, -1) if len(codes) else np.zeros(0, dtype=small)
    return pd.Series(pd.Categorical.from_codes(mapped, categories=categories, validate=False))


def _final_categories(values: pd.Series) -> pd.Series:
    """A categorical column with the categories `astype("category")` gives its values: the distinct values
    used, sorted, as str."""
    codes = values.cat.codes.to_numpy()
    categories = values.cat.categories
    used = used_categories(codes, len(categories))
    final = pd.Series(pd.array(np.asarray(categories, dtype=object)[used].tolist(), dtype="str"))
    final = final.astype("category").cat.categories
    dtype = pd.CategoricalDtype(final, ordered=False)
    lookup = final.get_indexer(categories).astype(codes.dtype)  # fewer categories: the codes fit
    if len(final) == len(categories) and (lookup == np.arange(len(categories))).all():
        return pd.Series(pd.Categorical.from_codes(codes, dtype=dtype, validate=False), index=values.index)
    return pd.Series(pd.Categorical.from_codes(through_codes(lookup, codes, -1), dtype=dtype, validate=False),
                     index=values.index)


def _through_codes(values: pd.Series, per_category: np.ndarray, missing) -> np.ndarray:
    """Per row of a categorical column, the value its category has in `per_category` (`missing` where none)."""
    return through_codes(per_category, values.cat.codes.to_numpy(), missing)


def _narrow(mask: np.ndarray, values: pd.Series, test) -> None:
    """`mask &= test(values)`, with `test` applied only to the rows where `mask` is still True."""
    rows = np.flatnonzero(mask) if not mask.all() else None
    if rows is None:
        mask &= test(values)
    elif len(rows):
        mask[rows] = test(values.iloc[rows])


def _rows(frame: pd.DataFrame, keep: np.ndarray) -> pd.DataFrame:
    """`frame[keep]` with a fresh RangeIndex; a contiguous run of rows is sliced, not copied."""
    count = int(np.count_nonzero(keep))
    if count:
        first = int(np.argmax(keep))
        if bool(keep[first:first + count].all()):
            return frame.iloc[first:first + count].reset_index(drop=True)
    return frame[keep].reset_index(drop=True)


def _arrow(values: pd.Series) -> pa.Array:
    """The Arrow array behind a str column (pandas' own string methods fall back to Python)."""
    return pa.array(values.array)


def _bool(array) -> np.ndarray:
    return np.asarray(array.to_numpy(zero_copy_only=False), dtype=bool)


def _is_empty(values: pd.Series) -> np.ndarray:
    """Mask of empty (or missing) cells."""
    if _is_categorical(values):
        empty = np.asarray(values.cat.categories == "", dtype=bool)
        return _through_codes(values, empty, True).astype(bool, copy=False)
    array = _arrow(values.astype("str"))
    return _bool(pc.fill_null(pc.equal(array, ""), True))


_TOTAL_PREFIX = re.compile(r"^\s*(?:" + "|".join(re.escape(word) for word in sorted(TOTAL_WORDS, key=len, reverse=True))
                           + r")(?:[\s:.,;]|$)", re.IGNORECASE)


_TOTAL_PATTERN = (r"^\s*(?:" + "|".join(re.escape(word) for word in sorted(TOTAL_WORDS, key=len, reverse=True))
                  + r")(?:[\s:.,;]|$)")


def _equals(values: pd.Series, text: str) -> np.ndarray:
    """Mask of cells equal to `text`."""
    if _is_categorical(values):
        equal = np.asarray(values.cat.categories == text, dtype=bool)
        return _through_codes(values, equal, False).astype(bool, copy=False)
    return _bool(pc.equal(_arrow(values), text))


def _starts_with_total_word(values: pd.Series) -> np.ndarray:
    """Mask of cells that begin with a total word (Итого, Total, Jami ...), matched by Arrow's RE2."""
    if _is_categorical(values):
        categories = pd.Series(values.cat.categories, dtype="str")
        return _through_codes(values, _starts_with_total_word(categories), False).astype(bool, copy=False)
    matches = pc.match_substring_regex(_arrow(values), _TOTAL_PATTERN, ignore_case=True)
    return _bool(pc.fill_null(matches, False))


def _collapse_spaces(values: pd.Series) -> pd.Series:
    """Runs of white space inside cells made single spaces.

    Done on the distinct values; columns where nearly every value is distinct (registry ids)
    are only stripped, which the reader has already done.
    """
    codes, uniques = pd.factorize(values)
    if len(uniques) > COLLAPSE_MAX_DISTINCT:
        return values
    collapsed = pd.array([" ".join(str(value).split()) for value in uniques], dtype="str")
    return pd.Series(collapsed.take(codes), index=values.index).where(codes >= 0, "")


def _absent(column: Column, length: int):
    """The values of a column that the file does not have."""
    if column.default is not None:
        return np.full(length, column.default, dtype=np.int64)
    dtype = {"year": "Int64", "int": "Int64", "course": "Int64", "float": "Float64", "date": "datetime64[ns]",
             "validity": "datetime64[ns]"}.get(column.kind, "str")
    if column.kind == "countries":
        return pd.Series([""] * length, dtype="str")
    if dtype == "str" and is_category_column(column):  # built as what `_compact` makes of it, without a string
        return pd.Series(pd.Categorical.from_codes(np.full(length, -1, dtype=np.int8),
                                                   categories=pd.Index([], dtype="str")))
    if dtype == "str":  # all missing, from Arrow: a list of a million Nones takes a second
        return pa.nulls(length, pa.large_string()).to_pandas(types_mapper=_str_type)
    # all missing, built from arrays (a list of a million Nones takes a fifth of a second)
    if dtype == "Int64":
        return pd.Series(pd.arrays.IntegerArray(np.zeros(length, dtype=np.int64), np.ones(length, dtype=bool)))
    if dtype == "Float64":
        return pd.Series(pd.arrays.FloatingArray(np.zeros(length, dtype=np.float64), np.ones(length, dtype=bool)))
    if dtype == "datetime64[ns]":
        return pd.Series(np.full(length, np.datetime64("NaT", "ns")))
    return pd.Series([None] * length, dtype=dtype)


def _str_type(kind: pa.DataType):
    return pd.StringDtype("pyarrow", na_value=np.nan) if pa.types.is_large_string(kind) else None


def _country(text: str, mappings: Mappings) -> str | None:
    """ISO3 of a country name: a reviewed mapping first ("" keeps it unresolved), then `countries.resolve`."""
    mapped = mappings.country(text)
    if mapped is not None:
        return mapped or None
    return countries.resolve(text)


def _coerce(values: pd.Series, column: Column, mappings: Mappings):
    """Parse one column: (values, invalid mask, empty mask, raw text or None)."""
    raw = None
    if column.kind != "text":
        codes, uniques = _factorized(values)
        empty_unique = np.array([not str(value).strip() for value in uniques], dtype=bool)
        empty = through_codes(empty_unique, codes, True) if len(uniques) else np.zeros(len(values), dtype=bool)
    if column.kind == "country":  # both kept as codes into the distinct values (made categories by `_compact`)
        resolved = _categorical(codes, [_country(value, mappings) if value.strip() else None for value in uniques])
        raw = _categorical(codes, [None if value == "" else value for value in uniques])
        return resolved, np.zeros(len(values), dtype=bool), empty, raw
    if column.kind == "countries":
        parsed_unique = []
        for value in uniques:
            parts = [part.strip() for part in re.split(r"[;,]", value) if part.strip()]
            codes_found = [_country(part, mappings) for part in parts]
            parsed_unique.append(";".join(dict.fromkeys(code for code in codes_found if code)))
        parsed = np.array(parsed_unique, dtype=object)[codes] if len(uniques) else np.array([], dtype=object)
        raw = values.astype("str") if _is_categorical(values) else values
        return pd.Series(parsed, dtype="str"), np.zeros(len(values), dtype=bool), empty, raw
    if column.kind == "text" and _is_categorical(values):
        return _coerce_coded_text(values, column)
    if column.kind == "text":
        # ids are opaque: stripped by the reader, never re-spaced (and re-spacing 1M ids is slow)
        text = values.astype("str") if column.name.endswith("_id") else _collapse_spaces(values.astype("str"))
        empty = _is_empty(text)
        return (text.where(~empty, None) if empty.any() else text), np.zeros(len(values), dtype=bool), empty, raw
    parser = PARSERS[column.kind]
    parsed_unique = parse_dates(uniques) if column.kind == "date" else [parser(value) for value in uniques]
    if column.kind in VALUE_KINDS_REVIEWED:  # a reviewed word for in/out, student/staff, full-time ...
        parsed_unique = [mappings.value(column.kind, text) or value if value is INVALID else value
                         for text, value in zip(uniques, parsed_unique)]
    bad_unique = np.array([value is INVALID for value in parsed_unique], dtype=bool)
    bad = through_codes(bad_unique, codes, False) if len(uniques) else np.zeros(len(values), dtype=bool)
    clean_unique = [None if value is INVALID else value for value in parsed_unique]
    if column.kind in ("year", "int", "course"):
        table = pd.array(clean_unique, dtype="Int64")
    elif column.kind == "float":
        table = pd.array(clean_unique, dtype="Float64")
    elif column.kind == "date":
        table = pd.array(pd.to_datetime(pd.Series(clean_unique, dtype="object")), dtype="datetime64[ns]")
    elif is_category_column(column) and column.default is None:  # made categories by `_compact`
        return _categorical(codes, clean_unique), bad, empty, raw
    else:
        table = pd.array(clean_unique, dtype="str")
    parsed = table.take(codes) if len(uniques) else table[:0]
    series = pd.Series(parsed)
    if column.default is not None:
        series = series.fillna(column.default).astype("int64")
    return series, bad, empty, raw


def _coerce_coded_text(values: pd.Series, column: Column):
    """`_coerce` of a text column read as a categorical: the distinct values re-spaced, the rows kept as codes."""
    codes = values.cat.codes.to_numpy()
    categories = np.asarray(values.cat.categories, dtype=object).tolist()
    texts = categories
    if not column.name.endswith("_id"):  # as `_collapse_spaces`: only when few distinct values are used
        used = int(used_categories(codes, len(categories)).sum())
        if used <= COLLAPSE_MAX_DISTINCT:
            texts = [" ".join(str(value).split()) for value in categories]
    kept = [value if value != "" else None for value in texts]
    empty = _through_codes(values, np.array([value is None for value in kept], dtype=bool), True)
    empty = empty.astype(bool, copy=False)
    if is_category_column(column):
        return _categorical(codes, kept), np.zeros(len(values), dtype=bool), empty, None
    text = pd.array(kept, dtype="str").take(codes, allow_fill=True)
    return pd.Series(text), np.zeros(len(values), dtype=bool), empty, None


def _validity(texts: pd.Series, signed, problems, lines, column) -> pd.Series:
    """End dates of agreements from their validity cells (a date, `до DATE`, `на 5 лет`, `бессрочно`).

    Open-ended agreements get no end date. A far-future date (31.12.9999) is open-ended and said
    so once per value; a cell that is not understood is a warning naming it, and the end is left
    blank (open-ended) only then, never silently.
    """
    signed_values = (pd.Series(signed).tolist() if signed is not None else [None] * len(texts))
    results = parse_validities(texts.astype(str).tolist(), signed_values)
    ends = []
    noted: set[str] = set()
    for index, (text, result) in enumerate(zip(texts.tolist(), results)):
        ends.append(pd.Timestamp(result.end) if result.ok and result.end is not None else None)
        if not result.ok:
            problems.add(int(lines[index]), column.name, str(text),
                         f"{result.note}; the agreement is counted as open-ended until this is fixed", "warning",
                         "validity_not_understood", detail=result.code)
        elif result.note and result.code == "validity_far_future" and text not in noted:
            noted.add(text)
            problems.add(int(lines[index]), column.name, str(text), result.note, "info", result.code)
    return pd.Series(pd.array(pd.to_datetime(pd.Series(ends, dtype="object")), dtype="datetime64[ns]"))


def _report_countries(problems, raw_values, resolved, lines, column, excluded, already, mappings):
    """One warning per unresolved country name, with its row count and first row.

    A name a person mapped to "" (kept without a country on purpose, e.g. 'Stateless') is not repeated."""
    unresolved = resolved.isna().to_numpy() & ~_is_empty(raw_values)
    if mappings.countries and unresolved.any():
        codes, uniques = pd.factorize(raw_values)
        reviewed = np.array([mappings.country(str(value)) == "" for value in uniques], dtype=bool)
        unresolved &= ~(reviewed[codes] if len(uniques) else np.zeros(len(raw_values), dtype=bool))
    if not unresolved.any():
        if column.required:
            _exclude_empty(problems, raw_values, lines, column, excluded, already)
        return
    for name, count, first_line in _name_counts(raw_values, unresolved, lines):
        problems.add(first_line, column.name, name,
                     f"not resolved to one country (an aggregate such as 'Stateless', or a spelling not "
                     f"known yet): {count} row(s) kept without a country", "warning",
                     "country_unresolved", n=int(count))
    if column.required:
        _exclude_empty(problems, raw_values, lines, column, excluded, already)


def _name_counts(values: pd.Series, rows: np.ndarray, lines: np.ndarray) -> list[tuple[str, int, int]]:
    """(value, number of rows, first line) of the values in the rows of mask `rows`, most frequent first
    (on a tie, the one seen first): what `value_counts()` gives, with a groupby for the first lines."""
    if _is_categorical(values):
        picked = values.cat.codes.to_numpy()[rows].astype(np.intp)
        picked_lines = np.asarray(lines)[rows]
        if (picked < 0).any():  # missing values: the general way
            return _name_counts(values.astype(object), rows, lines)
        categories = np.asarray(values.cat.categories, dtype=object)
        counts = np.bincount(picked, minlength=len(categories))
        present, first_seen = np.unique(picked, return_index=True)
        first_line = np.full(len(categories), np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(first_line, picked, picked_lines.astype(np.int64))
        order = sorted(range(len(present)), key=lambda index: (-counts[present[index]], first_seen[index]))
        return [(categories[present[index]], int(counts[present[index]]), int(first_line[present[index]]))
                for index in order]
    names = pd.Series(values[rows].to_numpy(dtype=object))
    first_line = pd.Series(lines[rows]).groupby(names.to_numpy()).min()
    return [(name, count, int(first_line[name])) for name, count in names.value_counts().items()]


def _exclude_empty(problems, raw_values, lines, column, excluded, already):
    empty = _is_empty(raw_values) & ~already
    for index in np.flatnonzero(empty):
        problems.add(int(lines[index]), column.name, "", f"required value '{column.name}' is empty; row excluded",
                     "error", "value_required_empty", field=column.name)
        excluded[index] = True


def _report_country_lists(problems, raw_values, resolved, lines, column, mappings):
    """Warnings for names in a country list that did not resolve."""
    seen: dict[str, int] = {}
    present = np.flatnonzero(~_is_empty(raw_values))
    for index, value in zip(present, raw_values.iloc[present].tolist()):
        for part in re.split(r"[;,]", value):
            part = part.strip()
            if part and part not in seen and _country(part, mappings) is None and mappings.country(part) != "":
                seen[part] = int(lines[index])
    for name, line in seen.items():
        problems.add(line, column.name, name, "not a country name I know; left out of the list", "warning",
                     "country_list_unresolved")


def _finish_frame(frame: pd.DataFrame, export: Export, problems, lines, excluded) -> pd.DataFrame:
    """Export-specific completion: the events' academic year from their date."""
    if export.name == "events":
        dates = frame["date"]
        from_date = (dates.dt.year - (dates.dt.month < ACADEMIC_YEAR_START_MONTH).astype("Int64")).astype("Int64")
        year = frame["year"].astype("Int64").fillna(from_date)
        for index in np.flatnonzero(year.isna().to_numpy() & ~excluded):
            problems.add(int(lines[index]), "date", "", "neither date nor year given; row excluded", "error",
                         "no_date_or_year")
            excluded[index] = True
        frame = frame.assign(year=year)
    for column in export.columns:
        if column.kind == "year" and column.required and column.name in frame:
            years = frame[column.name]
            if years.dtype == "Int64":  # as .fillna(0).astype("int64"), in one pass
                years = pd.Series(years.to_numpy(dtype="int64", na_value=0), index=years.index, name=years.name,
                                  copy=False)
            else:
                years = years.fillna(0).astype("int64")
            frame = frame.assign(**{column.name: years})
    return frame
