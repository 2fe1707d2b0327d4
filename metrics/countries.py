"""Country resolution: turn country names and codes as people and systems write
them into ISO 3166-1 alpha-3 codes, and describe those codes.

What this layer does
--------------------
* ``resolve(name)`` maps an ISO alpha-2/alpha-3 code or a country name (English
  variants, Russian, Uzbek Latin and Cyrillic, Kazakh, Kyrgyz, Tajik, Spanish,
  French, German, Chinese, ...) to an ISO 3166-1 alpha-3 code (``XKX`` for
  Kosovo), or ``None``.  Endonyms ("Polska", "Deutschland", "대한민국"),
  registry abbreviations ("Респ. Корея", "Korea, Rep.", "Micronesia, Fed.
  Sts.") and a name followed by its own acronym ("Египет (АРЕ)", "Египет
  АРЕ") are understood too.
* ``resolve_series(values)`` does the same for a pandas Series, resolving each
  distinct value once.
* ``continent``, ``region``, ``is_cis``/``CIS`` and ``display_name`` describe a
  resolved code for the dashboard (English, Russian and Uzbek labels).

Where the names come from
-------------------------
1. pycountry's ISO 3166-1 table (name, official_name, common_name) and its
   gettext catalogues (``CATALOGUE_LANGUAGES``) - translated names.
2. UN Russian names (UNTERM short and official) vendored with the M49 regions
   in ``country_data/regions.csv`` (public domain, see country_data/README.md).
3. Endonyms: for each country in ``country_data/endonym_languages.csv``, its
   OWN name from the catalogues of the languages it writes it in (POL: pl ->
   "Polska", "Rzeczpospolita Polska").  Other countries' names in those
   languages are not indexed, so they cannot clash with the languages above.
4. The reviewed alias table ``country_data/aliases.csv`` (alias, iso3, note):
   everything the catalogues lack or get ambiguous.  It wins over (1)-(3).
   A row with an empty iso3 pins a name as deliberately unresolved.

It never guesses
----------------
No fuzzy or substring matching.  A name resolves only when its normalised form
is exactly a known name (or a mechanical re-ordering of one: "Korea, Republic
of" <-> "Republic of Korea", "Korea (Republic of)", a dropped article such as
"the"/"el"/"(l')").  A normalised name that two sources attribute to different
countries is dropped as ambiguous unless the alias table decides it.  Regional
aggregates and placeholders (``NON_COUNTRY_NAMES``) always give ``None``.
A wrong country is worse than an unresolved one.

When the exact lookup fails, three mechanical steps are tried, each again an
exact lookup of whole names:

* abbreviations (``ABBREVIATIONS``) are expanded word by word: "Респ. Корея"
  -> "Республика Корея", "Dem. Rep. of the Congo" -> "Democratic Republic of
  the Congo".  A word with several expansions (Fed. -> Federal / Federation /
  Federated / Federative) tries each; when two expansions name different
  countries the name stays unresolved.
* World Bank "Name, Qualifier" -> "Qualifier of Name": "Korea, Dem. People's
  Rep." -> "Democratic People's Republic of Korea", "Egypt, Arab Rep." ->
  "Arab Republic of Egypt".
* a trailing acronym, bare or in parentheses, is dropped only when the
  acronym on its own resolves to the SAME country as the rest: "Египет (АРЕ)",
  "Египет АРЕ", "Германия (ФРГ)".  "Казахстан (РК)" stays unresolved because
  "РК" alone is ambiguous (Kazakhstan / Korea) and pinned as such.

Normalisation: apostrophe variants unified, NFKC, casefold, accents stripped
from Latin and Greek letters (ə folded to e; Arabic vowel signs dropped and
letter variants such as ي/ی, ك/ک, أ/ا unified; Cyrillic й kept, ё folded to е, stress
marks dropped), the Uzbek Cyrillic letters ў қ ғ ҳ folded to у к г х (people
typing Uzbek on a Russian keyboard write "Козогистон" for "Қозоғистон"),
punctuation collapsed.  UTF-8 text mis-decoded as cp1252/Latin-1
("CuraÃ§ao") or as GBK ("C么te d'Ivoire") is repaired when the plain
lookup fails and the repaired text is a known name.

Tables are built lazily on first use and cached for the process.
"""
from __future__ import annotations

import csv
import gettext
import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pycountry

# --------------------------------------------------------------------------
# Constants
# --------------------------------------------------------------------------

#: Folder with the reviewed data files that ship with this module.
DATA_DIR = Path(__file__).resolve().parent / "country_data"
#: Reviewed aliases: alias,iso3,note (empty iso3 = deliberately unresolved).
ALIASES_CSV = DATA_DIR / "aliases.csv"
#: Vendored M49 regions, continents and UN Russian names (public domain).
REGIONS_CSV = DATA_DIR / "regions.csv"
#: Reviewed display-name overrides: iso3,lang,name,note.
DISPLAY_NAMES_CSV = DATA_DIR / "display_names.csv"
#: Reviewed list iso3,languages,note: the catalogues a country's endonyms come from.
ENDONYM_LANGUAGES_CSV = DATA_DIR / "endonym_languages.csv"

#: Kosovo is not in ISO 3166-1; XK/XKX are the user-assigned codes in common use.
KOSOVO = "XKX"
#: Codes accepted for Kosovo besides XKX (XK = alpha-2 in common use, KOS = IOC/
#: UNDP style, KSV = code used in OECD/World Bank derived files).
KOSOVO_CODES = frozenset({"XK", "XKX", "KOS", "KSV"})

#: pycountry gettext catalogues whose translated names are indexed.  Chosen for
#: the users (ru, uz, kk, ky, tg, tk), for partner/source data (es, fr, de) and
#: Chinese student records (zh_*).  Adding a language can only add names; a name
#: that then clashes between two countries is dropped as ambiguous.
CATALOGUE_LANGUAGES = (
    "ru", "uz", "kk", "ky", "tg", "tk", "es", "fr", "de",
    "zh_CN", "zh_TW", "zh_HK",
)

#: Languages supported by display_name().
DISPLAY_LANGUAGES = ("en", "ru", "uz")

#: CIS as used in Central Asian university reporting: the members and
#: participants ARM, AZE, BLR, KAZ, KGZ, MDA, RUS, TJK, UZB plus Turkmenistan
#: (associate member since 2005), which ministries and universities in the region
#: routinely list under "СНГ".  Georgia (left 2009) and Ukraine (stopped
#: participating 2014/2018) are deliberately NOT included.
CIS = frozenset({"ARM", "AZE", "BLR", "KAZ", "KGZ", "MDA", "RUS", "TJK", "UZB", "TKM"})

#: Names that are regions, aggregates, totals or placeholders: they never
#: resolve to a country.  Compared after normalisation (case, accents and
#: punctuation do not matter).
NON_COUNTRY_NAMES = frozenset({
    # continents / world regions (en, ru, uz, es, fr)
    "World", "Africa", "Asia", "Europe", "America", "Americas", "North America",
    "South America", "Latin America", "Latin America and the Caribbean",
    "Oceania", "Middle East", "Central Asia", "Caribbean",
    "Africa unspecified", "Asia unspecified", "Europe unspecified",
    "America unspecified", "Oceania unspecified",
    "Americas unspecified", "North America unspecified", "South America unspecified",
    "Latin America and the Caribbean unspecified",
    "Sub-Saharan Africa", "Sub-Saharan Africa unspecified", "Northern America",
    "Northern America unspecified", "Other countries unspecified",
    "Мир", "Весь мир", "Африка", "Азия", "Европа", "Америка", "Северная Америка",
    "Южная Америка", "Латинская Америка", "Океания", "Ближний Восток",
    "Центральная Азия", "Средняя Азия",
    "Dunyo", "Afrika", "Osiyo", "Yevropa", "Markaziy Osiyo", "Amerika",
    "Дунё", "Осиё", "Марказий Осиё",
    "Europa", "Oceanía", "Mundo", "Monde", "Afrique", "Asie", "Amérique", "Océanie",
    # political groupings
    "CIS", "СНГ", "MDH", "МДҲ", "Commonwealth of Independent States",
    "Содружество Независимых Государств", "EU", "EU28", "EU27", "European Union",
    "ЕС", "Евросоюз", "Европейский союз", "Yevropa Ittifoqi", "OECD", "ОЭСР",
    "Non-OECD", "OECD countries", "G20", "ASEAN", "Near abroad", "Ближнее зарубежье",
    "Дальнее зарубежье", "Far abroad", "Foreign countries", "Зарубежные страны",
    "Xorijiy davlatlar", "Хорижий давлатлар",
    # others / unknown / not specified
    "Other", "Others", "Other countries", "Other country", "Прочие", "Прочее",
    "Прочие страны", "Другие", "Другие страны", "Другое", "Boshqa", "Boshqalar",
    "Boshqa davlatlar", "Бошқа", "Бошқалар", "Бошқа давлатлар", "Otros", "Otros países",
    "Autres", "Autres pays",
    "Unknown", "Not specified", "Unspecified", "Not stated", "Not known", "N/A",
    "n.a.", "Nan", "None", "Null", "-", "Неизвестно", "Не указано", "Не указана",
    "Нет данных", "Noma'lum", "Номаълум", "Ko'rsatilmagan", "Кўрсатилмаган",
    "Desconocido", "No consta", "Inconnu", "Non spécifié",
    # stateless
    "Stateless", "Без гражданства", "Лица без гражданства", "Лицо без гражданства",
    "Апатрид", "Fuqaroligi yo'q", "Fuqaroligi yo'q shaxslar", "Fuqaroligi bo'lmagan shaxslar",
    "Фуқаролиги йўқ", "Фуқаролиги йўқ шахслар", "Apátrida", "Apatride",
    # totals
    "Total", "Totals", "Grand total", "Sum", "All", "All countries", "Итого", "Всего",
    "Итог", "Все страны", "Jami", "Жами", "Hammasi", "Total general", "TOTAL PLAZAS",
    "Plazas totales",
})

#: Abbreviations written in registers, expanded word by word (after
#: normalisation: lower case, accents stripped, ё -> е, Uzbek ў қ ғ ҳ folded)
#: when the name as written is not known.  Only words that are never a whole
#: word of a country name are listed ("араб" is not: "Миср Араб Республикаси").
#: Each expansion is tried; a name whose expansions disagree stays unresolved.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    # Russian / Uzbek Cyrillic
    "респ": ("республика", "республикаси"),
    "рес": ("республика", "республикаси"),
    "республ": ("республика", "республикаси"),
    "федер": ("федеративная", "федерация", "федератив", "федерацияси"),
    "фед": ("федеративная", "федерация", "федератив", "федерацияси"),
    "дем": ("демократическая", "демократик"),
    "демокр": ("демократическая", "демократик"),
    "исл": ("исламская", "ислом"),
    "рос": ("российская",),
    "росс": ("российская",),
    "соед": ("соединенные", "соединенное"),
    "нар": ("народная",),
    # Uzbek Latin
    "resp": ("respublikasi", "respublika"),
    "fed": ("federal", "federation", "federated", "federative", "federativ"),
    # English and the Romance/Germanic languages of partner files
    "rep": ("republic", "republica", "republique", "republik", "republika", "republiek"),
    "repub": ("republic", "republica", "republique", "republik", "republika"),
    "dem": ("democratic", "democratica", "democratique", "demokratische"),
    "sts": ("states",),
    "st": ("saint",),
    "ste": ("sainte",),
    "is": ("islands", "island"),
    "isl": ("islands", "island"),
    "utd": ("united",),
}
#: Most expansion combinations tried for one name, and most abbreviated words
#: in a name that is expanded at all (real names have at most three):
#: both bound the work spent on a long or hostile cell.
MAX_EXPANSIONS = 16
MAX_ABBREVIATED_WORDS = 6

#: Leading or parenthesised articles that carry no meaning in a country name
#: ("The Gambia", "Afganistán (el)", "Afghanistan (l')").
_ARTICLES = frozenset({"the", "el", "la", "los", "las", "le", "les", "l", "lo"})

#: Apostrophe look-alikes folded to "'" before anything else (U+00B4 must go
#: before NFKC, which would turn it into a space + combining accent).
_APOSTROPHES = "'ʻʼ‘’‛`´′ʹʽ＇"
_APOSTROPHE_TABLE = str.maketrans({c: "'" for c in _APOSTROPHES})

#: Latin letters that do not decompose under NFD but should fold to ASCII.
_LATIN_FOLD = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ı": "i", "æ": "ae",
                             "œ": "oe", "þ": "th", "ð": "d", "ħ": "h", "ə": "e"})

#: Arabic-script letter variants written interchangeably (Persian/Arabic yeh
#: and kaf, alef with hamza or madda, teh marbuta): "ايران" = "ایران".
_ARABIC_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "أ": "ا", "إ": "ا",
                              "آ": "ا", "ة": "ه"})

#: Uzbek Cyrillic letters folded to the Russian letters people type for them
#: (ў -> у, қ -> к, ғ -> г, ҳ -> х): "Козогистон" = "Қозоғистон".
_UZBEK_CYRILLIC_FOLD = str.maketrans({"ў": "у", "қ": "к", "ғ": "г", "ҳ": "х"})

#: Combining marks dropped after Cyrillic letters: stress marks only (so й and
#: ї keep their breve/diaeresis; ё is folded to е and ў to у explicitly).
_CYRILLIC_DROPPED_MARKS = frozenset({"\u0301", "\u0300"})

#: Characters that hint at UTF-8 mis-decoded as cp1252/Latin-1.
_MOJIBAKE_HINTS = frozenset("ÃÂâÐÑÅÄ")

_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_CODE_RE = re.compile(r"[A-Za-z]{2,3}")
_LEADING_ARTICLE_RE = re.compile(r"^(?:(?:the|el|la|los|las|le|les|lo)\s+|l')")
#: A word of a cleaned name with an optional trailing dot ("респ.", "rep").
_WORD_RE = re.compile(r"[^\W\d_]+\.?")
#: "Name ACRONYM" / "Name, ACRONYM" / "Name - ACRONYM": an acronym of 2-5
#: capital letters (Latin or Cyrillic, Uzbek letters included) after a name.
_ACRONYM_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЎҚҒҲ")
_ACRONYM_SEPARATORS = frozenset(" \t,-–—")


# --------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------

def _marks_are_optional(ch: str) -> bool:
    """True for letters whose combining marks are routinely left out: Latin
    and Greek accents, Arabic-script vowel signs (harakat, shadda)."""
    o = ord(ch)
    return (o < 0x0250 or 0x1E00 <= o <= 0x1EFF       # Latin
            or 0x0370 <= o <= 0x03FF or 0x1F00 <= o <= 0x1FFF  # Greek
            or 0x0600 <= o <= 0x06FF)                     # Arabic script


def _strip_marks(text: str) -> str:
    """Drop accents from Latin and Greek letters, vowel signs from Arabic
    script and stress marks from Cyrillic letters."""
    out: list[str] = []
    base = ""
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch):
            if _marks_are_optional(base) or ch in _CYRILLIC_DROPPED_MARKS:
                continue
        else:
            base = ch
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def _clean(text: str) -> str:
    """Case/accent/apostrophe-normalised text that still has its punctuation."""
    s = text.translate(_APOSTROPHE_TABLE)
    s = unicodedata.normalize("NFKC", s).casefold()
    s = s.replace("ё", "е")
    s = _strip_marks(s).translate(_LATIN_FOLD).translate(_UZBEK_CYRILLIC_FOLD)
    s = s.translate(_ARABIC_FOLD)
    s = s.replace("&", " and ").rstrip("* ")  # UN footnote markers: "Holy See *"
    return " ".join(s.split())


def _key(cleaned: str) -> str:
    """Lookup key: apostrophes and dots removed, other punctuation -> space."""
    s = cleaned.replace("'", "").replace(".", "")
    s = re.sub(r"[\W_]+", " ", s)
    return " ".join(s.split())


def _split_parenthesised(text: str) -> tuple[str, str] | None:
    """("X", "Y") for "X (Y)" (Y holds no parentheses); None otherwise.

    String searches, not a regex: a lazy regex group followed by optional
    spaces backtracks quadratically on a long run of spaces.
    """
    if not text.endswith(")"):
        return None
    start = text.rfind("(")
    if start < 1 or ")" in text[start + 1:-1]:
        return None
    return text[:start].rstrip() or text[:1], text[start + 1:-1]


def _variants(cleaned: str) -> list[str]:
    """Mechanical re-orderings of one cleaned name, most literal first.

    "X (Y)" -> "X, Y" (or "X" when Y is an article); "X, Y" -> "Y X";
    a leading article is dropped.  Qualifiers are never dropped otherwise:
    "Congo (Democratic Republic of the)" must not become "Congo".
    """
    out = [cleaned]
    split = _split_parenthesised(cleaned)
    if split:
        head, qual = split[0].strip(" ,"), split[1].strip()
        out.append(head if _key(qual) in _ARTICLES else f"{head}, {qual}")
    for v in list(out):
        if v.count(",") == 1:
            a, b = (p.strip() for p in v.split(","))
            if a and b:
                out.append(f"{b}{a}" if b.endswith("'") else f"{b} {a}")
    for v in list(out):
        stripped = _LEADING_ARTICLE_RE.sub("", v, count=1)
        if stripped != v and stripped:
            out.append(stripped)
    seen: list[str] = []
    for v in out:
        if v not in seen:
            seen.append(v)
    return seen


def _qualifier_first(cleaned: str) -> list[str]:
    """World Bank "Name, Qualifier" -> "Qualifier of Name" (and "of the").

    "korea, dem people's rep" is not a re-ordering _variants() knows: the
    "of" is missing.  Used at lookup time only, never to build the tables.
    """
    if cleaned.count(",") != 1:
        return []
    name, qualifier = (p.strip() for p in cleaned.split(","))
    if not name or not qualifier or qualifier.endswith((" of", " of the")):
        return []
    return [f"{qualifier} of {name}", f"{qualifier} of the {name}"]


def _expansions(cleaned: str) -> list[str]:
    """Every spelling of a cleaned name with its ABBREVIATIONS written out.

    Empty when the name holds no abbreviation.  The dot after an abbreviation
    is dropped with it; other punctuation (commas, parentheses) is kept so the
    re-orderings of _variants() still apply.
    """
    pieces: list[list[str]] = []
    pos = 0
    found = False
    for m in _WORD_RE.finditer(cleaned):
        word = m.group(0).rstrip(".")
        if word in ABBREVIATIONS:
            pieces.append([cleaned[pos:m.start()]])
            pieces.append(list(ABBREVIATIONS[word]))
            pos = m.end()
            found = True
    if not found or len(pieces) > 2 * MAX_ABBREVIATED_WORDS:
        return []
    pieces.append([cleaned[pos:]])
    out = [""]
    for options in pieces:
        out = [head + option for head in out for option in options][:MAX_EXPANSIONS]
    return [" ".join(v.split()) for v in out]


def _split_trailing_acronym(text: str) -> tuple[str, str] | None:
    """("Египет", "АРЕ") for "Египет АРЕ" / "Египет, АРЕ"; None otherwise.

    Scans from the end (linear time; a regex with two open-ended groups would
    backtrack quadratically on a long cell).
    """
    start = len(text)
    while start > 0 and text[start - 1] in _ACRONYM_LETTERS:
        start -= 1
    if not 2 <= len(text) - start <= 5:
        return None
    end = start
    while end > 0 and text[end - 1] in _ACRONYM_SEPARATORS:
        end -= 1
    if end == start or end == 0:
        return None
    return text[:end], text[start:]


def normalize_name(name: str) -> str:
    """The normalised lookup key of a name (exposed for debugging/tests)."""
    return _key(_clean(name))


def _repairs(text: str) -> list[str]:
    """Candidate repairs of mojibake; empty when nothing looks broken."""
    out: list[str] = []
    if any(ch in _MOJIBAKE_HINTS for ch in text):
        cur = text
        for _ in range(2):  # double-encoded text needs two rounds
            fixed = None
            for enc in ("cp1252", "latin-1"):
                try:
                    fixed = cur.encode(enc).decode("utf-8")
                    break
                except UnicodeError:
                    continue
            if fixed is None or fixed == cur:
                break
            out.append(fixed)
            cur = fixed
    if _CJK_RE.search(text) and re.search(r"[A-Za-z]", text):
        try:
            out.append(text.encode("gbk").decode("utf-8"))
        except UnicodeError:
            pass
    return out


# --------------------------------------------------------------------------
# Lookup tables (built lazily, once)
# --------------------------------------------------------------------------

class _Tables:
    def __init__(self) -> None:
        self.names: dict[str, str | None] = {}
        self.codes: dict[str, str] = {}
        self.ambiguous: dict[str, set[str]] = {}
        self.non_country: frozenset[str] = frozenset()
        self.regions: dict[str, dict[str, str]] = {}
        self.display: dict[tuple[str, str], str] = {}


_TABLES: _Tables | None = None
_LOCK = threading.Lock()


def _read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a data file; rows whose first field starts with '#' are comments."""
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        first = reader.fieldnames[0] if reader.fieldnames else ""
        return [row for row in reader if not (row.get(first) or "").startswith("#")]


def _translations() -> dict[str, gettext.NullTranslations]:
    out = {}
    for lang in CATALOGUE_LANGUAGES:
        try:
            out[lang] = gettext.translation("iso3166-1", pycountry.LOCALES_DIR,
                                            languages=[lang])
        except OSError:  # a pycountry build without this catalogue
            continue
    return out


def _catalogue_names() -> list[tuple[str, str]]:
    """(name, iso3) from pycountry, its catalogues and the vendored UN names."""
    pairs: list[tuple[str, str]] = []
    trans = _translations()
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            msgid = getattr(c, attr, None)
            if not msgid:
                continue
            pairs.append((msgid, c.alpha_3))
            for t in trans.values():
                pairs.append((t.gettext(msgid), c.alpha_3))
    for row in _read_csv(REGIONS_CSV):
        for col in ("name_ru_unterm_short", "name_ru_official"):
            if row[col]:
                pairs.append((row[col], row["iso3"]))
    pairs.extend(_endonyms())
    return pairs


def _endonyms() -> list[tuple[str, str]]:
    """(name, iso3): each listed country's own name in its own languages."""
    pairs: list[tuple[str, str]] = []
    catalogues: dict[str, gettext.NullTranslations] = {}
    for row in _read_csv(ENDONYM_LANGUAGES_CSV):
        country = pycountry.countries.get(alpha_3=row["iso3"])
        if country is None:
            raise ValueError(f"{ENDONYM_LANGUAGES_CSV.name}: unknown code {row['iso3']!r}")
        for lang in row["languages"].split():
            if lang not in catalogues:
                try:
                    catalogues[lang] = gettext.translation(
                        "iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
                except OSError:  # a pycountry build without this catalogue
                    continue
            for attr in ("name", "official_name", "common_name"):
                msgid = getattr(country, attr, None)
                if msgid:
                    pairs.append((catalogues[lang].gettext(msgid), country.alpha_3))
    return pairs


def _build() -> _Tables:
    t = _Tables()
    valid = {c.alpha_3 for c in pycountry.countries} | {KOSOVO}

    # codes
    for c in pycountry.countries:
        t.codes[c.alpha_2] = c.alpha_3
        t.codes[c.alpha_3] = c.alpha_3
    for code in KOSOVO_CODES:
        t.codes[code] = KOSOVO

    # catalogue names: literal keys beat derived (re-ordered) keys; a key
    # claimed by two countries at the same level is ambiguous and dropped.
    primary: dict[str, set[str]] = {}
    derived: dict[str, set[str]] = {}
    for name, iso3 in _catalogue_names():
        for i, v in enumerate(_variants(_clean(name))):
            k = _key(v)
            if k:
                (primary if i == 0 else derived).setdefault(k, set()).add(iso3)
    for k, codes in derived.items():
        if k not in primary:
            if len(codes) == 1:
                t.names[k] = next(iter(codes))
            else:
                t.ambiguous[k] = codes
    for k, codes in primary.items():
        if len(codes) == 1:
            t.names[k] = next(iter(codes))
        else:
            t.ambiguous[k] = codes

    # reviewed aliases win; empty iso3 pins a name as unresolved
    for row in _read_csv(ALIASES_CSV):
        iso3 = row["iso3"].strip().upper() or None
        if iso3 is not None and iso3 not in valid:
            raise ValueError(f"{ALIASES_CSV.name}: unknown code {iso3!r} for {row['alias']!r}")
        for v in _variants(_clean(row["alias"])):
            k = _key(v)
            if k:
                t.names[k] = iso3
                t.ambiguous.pop(k, None)
    t.names[_key(_clean("Kosovo"))] = KOSOVO

    t.non_country = frozenset(_key(_clean(n)) for n in NON_COUNTRY_NAMES)

    t.regions = {row["iso3"]: row for row in _read_csv(REGIONS_CSV)}
    for row in _read_csv(DISPLAY_NAMES_CSV):
        t.display[(row["iso3"], row["lang"])] = row["name"]
    return t


def prepare() -> None:
    """Build the name tables now (they are otherwise built by the first name resolved): ingestion does it
    in a thread while Arrow parses a large export."""
    _tables()


def _tables() -> _Tables:
    global _TABLES
    if _TABLES is None:
        with _LOCK:
            if _TABLES is None:
                _TABLES = _build()
    return _TABLES


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------

def _lookup_cleaned(cleaned: str) -> tuple[bool, str | None]:
    """(decided, iso3) for one cleaned name: its re-orderings, exact keys only."""
    t = _tables()
    for v in _variants(cleaned) + _qualifier_first(cleaned):
        k = _key(v)
        if not k or k in t.non_country:
            return True, None
        if k in t.names:
            return True, t.names[k]
    return False, None


def _lookup_expanded(cleaned: str) -> tuple[bool, str | None]:
    """(decided, iso3) after writing out abbreviations; disagreement -> None."""
    answers = {code for decided, code in map(_lookup_cleaned, _expansions(cleaned))
               if decided}
    if not answers:
        return False, None
    return True, (answers.pop() if len(answers) == 1 else None)


def _same_country(name: str, acronym: str) -> tuple[bool, str | None]:
    """A name followed by an acronym: decided only when both are the same country."""
    head, qual = _lookup(name), _lookup(acronym)
    if head[0] and qual[0] and head[1] is not None and head[1] == qual[1]:
        return True, head[1]
    return False, None


@lru_cache(maxsize=1)
def _alpha3_codes() -> frozenset[str]:
    """ISO alpha-3 codes (and Kosovo's XKX): each resolves to itself, without building the name tables
    (a quarter of a second: a snapshot's start resolves the home country's code and nothing else)."""
    return frozenset(country.alpha_3 for country in pycountry.countries) | {"XKX"}


def _lookup(text: str) -> tuple[bool, str | None]:
    """(decided, iso3) for one raw string; decided=False means 'unknown name'."""
    stripped = text.strip()
    if len(stripped) == 3 and stripped.upper() in _alpha3_codes():
        return True, stripped.upper()
    t = _tables()
    if _CODE_RE.fullmatch(stripped):
        code = t.codes.get(stripped.upper())
        if code is not None:
            return True, code
    cleaned = _clean(stripped)
    for step in (_lookup_cleaned, _lookup_expanded):
        decided, code = step(cleaned)
        if decided:
            return decided, code
    # "X (Y)" where X and Y each resolve, to the same country: "Irlanda (Eire)",
    # "Korea, Süd (Südkorea)", "Египет (АРЕ)".  A qualifier alone never decides.
    split = _split_parenthesised(stripped)
    if split:
        decided, code = _same_country(*split)
        if decided:
            return decided, code
    # "Египет АРЕ", "Germany - FRG": the same rule for a bare trailing acronym.
    split = _split_trailing_acronym(stripped)
    if split:
        return _same_country(*split)
    return False, None


@lru_cache(maxsize=65536)
def _resolve_str(text: str) -> str | None:
    """Cached core of resolve(): plain lookup first, mojibake repairs second."""
    decided, code = _lookup(text)
    if decided:
        return code
    for fixed in _repairs(text):
        decided, code = _lookup(fixed)
        if decided:
            return code
    return None


def resolve(name) -> str | None:
    """ISO 3166-1 alpha-3 code (``XKX`` for Kosovo) for a country name or code.

    Returns ``None`` for aggregates, placeholders, empty/missing values and
    anything not known exactly.  Never guesses.
    """
    if not isinstance(name, str):
        return None  # None, NaN, pd.NA, numbers
    if not name.strip():
        return None
    return _resolve_str(name)


def resolve_series(values: pd.Series) -> pd.Series:
    """Resolve a Series element-wise, resolving each distinct value only once.

    Returns a new object-dtype Series (same index and name) holding ISO3 codes
    or ``None``.  The input is not modified.
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    lut = np.array([resolve(u) for u in uniques] + [None], dtype=object)
    return pd.Series(lut[codes], index=values.index, name=values.name, dtype=object)


def _norm_code(code) -> str | None:
    if not isinstance(code, str):
        return None
    c = code.strip().upper()
    if c in KOSOVO_CODES:
        return KOSOVO
    return _tables().codes.get(c) if _CODE_RE.fullmatch(c) else None


def continent(code) -> str | None:
    """Continent of an ISO code: Africa, Asia, Europe, North America, South
    America, Oceania or Antarctica (GeoNames convention: Russia -> Europe,
    Türkiye/Kazakhstan/Caucasus -> Asia, Central America/Caribbean -> North
    America)."""
    c = _norm_code(code)
    row = _tables().regions.get(c) if c else None
    return (row["continent"] or None) if row else None


def region(code) -> str | None:
    """UN M49 sub-region of an ISO code ('Central Asia', 'Eastern Europe',
    'Western Asia', 'Latin America and the Caribbean', ...)."""
    c = _norm_code(code)
    row = _tables().regions.get(c) if c else None
    return (row["m49_sub_region"] or None) if row else None


def is_cis(code) -> bool:
    """True when the code (alpha-2 or alpha-3) is in :data:`CIS`."""
    return _norm_code(code) in CIS


def _catalogue_name(iso3: str, lang: str) -> str | None:
    c = pycountry.countries.get(alpha_3=iso3)
    if c is None:
        return None
    msgid = getattr(c, "common_name", None) or c.name
    if lang == "en":
        return msgid
    for m in (msgid, c.name):
        try:
            tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR,
                                     languages=[lang]).gettext(m)
        except OSError:
            return None
        if tr != m:
            return tr
    return None


@lru_cache(maxsize=4096)
def _display(iso3: str, lang: str) -> str:
    t = _tables()
    if (iso3, lang) in t.display:
        return t.display[(iso3, lang)]
    name = _catalogue_name(iso3, lang)
    if name:
        return name
    if lang != "en":
        return _display(iso3, "en")
    return iso3


def display_name(code, lang: str = "en") -> str:
    """Short display name of a country code in 'en', 'ru' or 'uz' (Latin).

    English short names as people say them ('South Korea', 'Russia', 'Iran');
    Russian and Uzbek from pycountry's catalogues with reviewed fixes from
    country_data/display_names.csv; falls back to English when a catalogue has
    no translation.  An unknown code is returned unchanged ('' for missing).
    """
    if lang not in DISPLAY_LANGUAGES:
        raise ValueError(f"lang must be one of {DISPLAY_LANGUAGES}, got {lang!r}")
    c = _norm_code(code)
    if c is None:
        return code.strip() if isinstance(code, str) else ""
    return _display(c, lang)


# ---------------------------------------------------------------------------------------------
# Official languages (issue 11: language of instruction against a student's home language)
# ---------------------------------------------------------------------------------------------
# ISO alpha-3 → official language(s) as ISO 639-1 codes, the first being the main one. Source: each
# country's constitution (or language law) as summarised in Wikipedia's "official language(s)"
# field, reviewed by hand for the CIS and for the countries of the sample data's partners and
# students. Reviewed decisions: Russian is listed for Kazakhstan and Kyrgyzstan (official beside the
# state language) and Belarus; Moldova's language is Romanian (constitution as amended in 2023);
# Persian (fa) covers Dari in Afghanistan; a de-facto official language counts (English in the
# USA and the UK, Japanese in Japan); languages without an ISO 639-1 code (Tamazight in Morocco)
# are left out. A country not listed has no entry: `official_languages` returns ().
OFFICIAL_LANGUAGES: dict[str, tuple[str, ...]] = {
    # CIS and Central Asia
    "UZB": ("uz",), "KAZ": ("kk", "ru"), "KGZ": ("ky", "ru"), "TJK": ("tg",), "TKM": ("tk",),
    "RUS": ("ru",), "BLR": ("be", "ru"), "AZE": ("az",), "ARM": ("hy",), "MDA": ("ro",),
    "GEO": ("ka",), "UKR": ("uk",), "MNG": ("mn",), "AFG": ("ps", "fa"),
    # Europe
    "TUR": ("tr",), "DEU": ("de",), "AUT": ("de",), "FRA": ("fr",), "GBR": ("en",), "POL": ("pl",),
    "LTU": ("lt",), "LVA": ("lv",), "EST": ("et",), "ITA": ("it",), "HUN": ("hu",), "FIN": ("fi", "sv"),
    "GRC": ("el",), "HRV": ("hr",), "ESP": ("es",), "CZE": ("cs",), "SVK": ("sk",), "ROU": ("ro",),
    "BGR": ("bg",), "SRB": ("sr",), "NLD": ("nl",), "BEL": ("nl", "fr", "de"), "SWE": ("sv",),
    "PRT": ("pt",), "CHE": ("de", "fr", "it"),
    # Asia
    "CHN": ("zh",), "KOR": ("ko",), "JPN": ("ja",), "IND": ("hi", "en"), "PAK": ("ur", "en"),
    "BGD": ("bn",), "NPL": ("ne",), "LKA": ("si", "ta"), "MDV": ("dv",), "IRN": ("fa",),
    "IRQ": ("ar", "ku"), "SYR": ("ar",), "JOR": ("ar",), "LBN": ("ar",), "SAU": ("ar",), "ARE": ("ar",),
    "YEM": ("ar",), "ISR": ("he",), "IDN": ("id",), "MYS": ("ms",), "VNM": ("vi",), "THA": ("th",),
    "SGP": ("en", "ms", "zh", "ta"),
    # Africa
    "EGY": ("ar",), "MAR": ("ar",), "SDN": ("ar", "en"), "SOM": ("so", "ar"), "NGA": ("en",),
    "GHA": ("en",), "KEN": ("sw", "en"), "TZA": ("sw", "en"), "ZMB": ("en",),
    # Americas
    "USA": ("en",), "CAN": ("en", "fr"), "BRA": ("pt",), "MEX": ("es",),
}


def official_languages(code) -> tuple[str, ...]:
    """Official languages of a country (ISO alpha-2/alpha-3 code) as ISO 639-1 codes; () when unknown."""
    c = _norm_code(code)
    return OFFICIAL_LANGUAGES.get(c, ()) if c else ()
