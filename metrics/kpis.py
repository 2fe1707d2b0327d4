"""The KPIs of international cooperation: one function per KPI, all years at once.

Every number the dashboard and the reports show comes from here. Each KPI function is
named after the KPI it returns, takes the canonical frames it needs (see
`metrics.schema`) and returns a ``pd.Series`` indexed by academic year (``year``: 2024
means 2024/25) with one value per requested year. Computing every year in one pass is
what makes the yearly trends cheap: one group-by over a million students instead of one
per year.

Conventions shared by every KPI:

- **Not available is not zero.** A KPI whose export is absent (or has no values in the
  column it needs: ingestion fills a column the file lacks with blanks) returns ``None``
  from its function and ``None`` from `compute_kpis`; `kpi_unavailable_reasons` and the
  ``reason`` column of `kpi_table` say why. A year with no rows in an export that exists
  counts 0; a ratio whose denominator is 0 or unknown is ``<NA>`` (``None`` in `compute_kpis`).
- **Foreign** means a country other than the home country (ISO alpha-3). Rows whose
  country could not be resolved, and stateless persons, are foreign (not home): they go
  to the unknown-country bucket of the breakdowns, so country breakdowns sum to totals.
- **Students** are counted by headcount in an academic year: rows whose ``status`` is in
  `INACTIVE_STATUSES` are left out (where the column exists) and a ``student_id`` seen
  twice in the same year counts once.
- **Academic year** ``Y`` runs from 1 September ``Y`` to 31 August ``Y + 1``.

The entry points used by the dashboard and the reports are `compute_kpis`,
`kpis_by_year`, `kpi_table`, `kpi_trend` and `available_years`. The catalogue of KPIs
(names, definitions, units, ranking indicators) is `metrics.catalogue`.
"""

from __future__ import annotations

import datetime as dt
import inspect
import math
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

# --------------------------------------------------------------------------- constants

ACADEMIC_YEAR_START_MONTH = 9  # an academic year starts on 1 September
EXPIRY_WINDOW_DAYS = 180  # agreements_expiring: agreements ending within this many days
DORMANT_YEARS = 2  # dormant_partners: no activity in this many academic years (Y-1 and Y)
PERCENT = 100.0
DIVERSITY_SCALE = 1000.0  # student_diversity_index is reported per 1,000 students

# Enrolment statuses that mean the student is no longer studying (compared case-folded).
INACTIVE_STATUSES = frozenset({
    "graduated", "expelled", "withdrawn", "graduate", "dismissed", "dropped out",
    "выпущен", "выпускник", "окончил", "отчислен", "отчислена", "выбыл", "выбыла",
    "bitirgan", "bitiruvchi", "chetlashtirilgan", "chiqarilgan", "o'qishdan chetlashtirilgan",
})
# Enrolment statuses that mean a first-year (newly admitted) student.
NEW_STATUSES = frozenset({
    "new", "admitted", "enrolled new", "first year", "новый", "новая", "принят", "принята",
    "зачислен", "зачислена", "yangi", "qabul qilingan",
})
# The year columns of the exports that are recorded per academic year.
YEARLY_EXPORTS = ("students", "totals", "mobility", "program_enrollment", "events",
                  "honorary_doctorates", "staff", "targets")
# Exports whose years define which years a dashboard can show (targets may look ahead).
DATA_YEAR_EXPORTS = ("students", "totals", "mobility", "program_enrollment", "events",
                     "honorary_doctorates", "staff")
# Keyword arguments a KPI function may take besides its frames.
CONTEXT_ARGUMENTS = ("years", "home", "as_of")

Frame = pd.DataFrame | None


# --------------------------------------------------------------------------- helpers

def _series(values: Any, years: Sequence[int], name: str | None = None, dtype: str = "Float64") -> pd.Series:
    return pd.Series(values, index=pd.Index(list(years), name="year", dtype="int64"), dtype=dtype, name=name)


def _per_year(counts: pd.Series, years: Sequence[int], fill: Any = 0, dtype: str = "Int64") -> pd.Series:
    """A by-year aggregate put on the requested years, ``fill`` where a year has no rows."""
    out = counts.reindex(pd.Index(list(years), dtype="int64")).astype(dtype)
    if fill is not None:
        out = out.fillna(fill)
    out.index.name = "year"
    return out


def _has(frame: Frame, *columns: str) -> bool:
    return frame is not None and all(column in frame.columns for column in columns)


def _has_values(frame: Frame, column: str) -> bool:
    """True when the frame has the column with at least one non-blank value (or has no rows at all).

    Ingestion gives every export all its contract's columns, blank where the file has
    none, so a column being there does not mean the file had it. A frame without rows
    cannot tell, and keeps its column (a year or faculty with no students counts 0).
    """
    if frame is None or column not in frame.columns:
        return False
    return not len(frame) or not bool(_blank(frame[column]).all())


def _blank(values: pd.Series) -> np.ndarray:
    """True where a text value is missing or only whitespace."""
    missing = values.isna().to_numpy(dtype=bool)
    stripped = values.astype("str").str.strip()
    return missing | (stripped == "").to_numpy(dtype=bool)


def is_foreign(country: pd.Series, home: str) -> np.ndarray:
    """True where a country is not the home country; unresolved (<NA>) counts as foreign."""
    same = country.eq(home)
    return ~same.fillna(False).to_numpy(dtype=bool)


def _fold_text(text: str) -> str | None:
    folded = " ".join(str(text).lower().split())
    return folded or None


def fold_name(values: pd.Series) -> pd.Series:
    """Names compared case- and space-insensitively: lower case, whitespace collapsed (<NA> when blank).

    Folds each distinct value once, so it is cheap on long columns with few names.
    """
    codes, uniques = pd.factorize(values)
    folded = np.array([_fold_text(u) for u in uniques.tolist()] + [None], dtype=object)
    return pd.Series(folded[codes], index=values.index, dtype="str", name=values.name)


def academic_year_of(dates: pd.Series) -> pd.Series:
    """The academic year a date falls in (1 September starts a year); <NA> for NaT."""
    dates = pd.to_datetime(dates)
    year = dates.dt.year - (dates.dt.month < ACADEMIC_YEAR_START_MONTH).astype("int64")
    return year.astype("Int64")


def academic_year_bounds(year: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of academic year ``year`` (1 Sep ``year`` – 31 Aug ``year + 1``)."""
    return (pd.Timestamp(year, ACADEMIC_YEAR_START_MONTH, 1),
            pd.Timestamp(year + 1, ACADEMIC_YEAR_START_MONTH, 1) - pd.Timedelta(days=1))


def academic_year_today(today: dt.date | None = None) -> int:
    """The academic year containing ``today`` (default: the current date)."""
    today = today or dt.date.today()
    return today.year - (today.month < ACADEMIC_YEAR_START_MONTH)


def _ratio(numerator: pd.Series | None, denominator: pd.Series | None, scale: float = 1.0) -> pd.Series | None:
    """numerator ÷ denominator × scale per year; <NA> where the denominator is 0 or missing."""
    if numerator is None or denominator is None:
        return None
    num = numerator.astype("Float64")
    den = denominator.astype("Float64")
    den = den.where(den != 0)
    return (num / den * scale).astype("Float64")


def _running_matrix(start: pd.Series, end: pd.Series, years: Sequence[int]) -> np.ndarray:
    """rows × years: start ≤ Y and (end blank or end ≥ Y). A blank start never runs."""
    y = np.asarray(years, dtype="int64")[None, :]
    s = start.astype("Float64").to_numpy(dtype=float, na_value=np.nan)[:, None]
    e = end.astype("Float64").to_numpy(dtype=float, na_value=np.inf)[:, None]
    return (s <= y) & (e >= y)


# --------------------------------------------------------------------------- students

_FRAME_MEMO: dict[tuple, tuple[weakref.ref, Any]] = {}


def _memo(frame: pd.DataFrame, key: tuple, compute: Any) -> Any:
    """``compute()`` once per (frame object, key) while the frame lives.

    Frames are never changed in place in this project (every function returns new
    frames), so a frame's identity stands for its content. The entry is dropped when the
    frame is garbage-collected.
    """
    memo_key = (id(frame), *key)
    hit = _FRAME_MEMO.get(memo_key)
    if hit is not None and hit[0]() is frame:
        return hit[1]
    value = compute()
    try:
        ref = weakref.ref(frame, lambda _ref, memo_key=memo_key: _FRAME_MEMO.pop(memo_key, None))
    except TypeError:
        return value
    _FRAME_MEMO[memo_key] = (ref, value)
    return value


def _in_folded(values: pd.Series, accepted: frozenset[str]) -> np.ndarray:
    """True where a text value, stripped and lower-cased, is in ``accepted`` (computed on the distinct values)."""
    uniques = pd.unique(values.dropna()).tolist()
    hits = [u for u in uniques if isinstance(u, str) and u.strip().lower() in accepted]
    return values.isin(hits).fillna(False).to_numpy(dtype=bool)


def active_student_mask(students: pd.DataFrame) -> np.ndarray:
    """True for the student rows that count in their year (see `active_students`); computed once per frame."""
    return _memo(students, ("active_mask",), lambda: _active_student_mask(students))


def _active_student_mask(students: pd.DataFrame) -> np.ndarray:
    keep = np.ones(len(students), dtype=bool)
    if "status" in students.columns:
        keep &= ~_in_folded(students["status"], INACTIVE_STATUSES)
    if "student_id" in students.columns and len(students):
        codes = student_id_codes(students)
        has_id = codes >= 0
        year = students["year"].to_numpy(dtype="int64")
        combined = (year - year.min()) * (int(codes.max()) + 2) + codes
        dup = pd.Series(combined).duplicated().to_numpy(dtype=bool)
        keep &= ~(has_id & dup)
    return keep


def active_students(students: pd.DataFrame) -> pd.DataFrame:
    """Student rows that count in their year: status not inactive, one row per student_id and year.

    Rows whose ``status`` (case-folded) is in `INACTIVE_STATUSES` are dropped where the
    column exists; a non-blank ``student_id`` appearing more than once in a year keeps
    its first row. Returns a new frame; the input is not changed.
    """
    return students.loc[active_student_mask(students)]


def student_id_codes(students: pd.DataFrame) -> np.ndarray:
    """Integer codes of the student ids; -1 for missing or blank ids. Computed once per frame."""
    return _memo(students, ("id_codes",), lambda: id_codes(students["student_id"]))


def id_codes(values: pd.Series) -> np.ndarray:
    """Integer codes of ids (ingestion strips text, so ids compare as written); -1 for missing or blank ids."""
    codes, uniques = pd.factorize(values)
    if not len(uniques):
        return codes
    blank = np.flatnonzero(np.asarray(pd.Series(uniques).str.strip() == "", dtype=bool))
    if len(blank):
        codes = np.where(np.isin(codes, blank), -1, codes)
    return codes


def foreign_student_rows(students: pd.DataFrame, home: str) -> pd.DataFrame:
    """Active student rows (see `active_students`) whose citizenship is not ``home``; computed once per frame."""
    def compute() -> pd.DataFrame:
        return students.loc[active_student_mask(students) & is_foreign(students["citizenship"], home)]
    return _memo(students, ("foreign", home), compute).copy(deep=False)  # copy-on-write: callers may modify it


def _count_by_year_masked(frame: pd.DataFrame, mask: np.ndarray, years: Sequence[int]) -> pd.Series:
    weights = frame["count"].to_numpy() if "count" in frame.columns else np.ones(len(frame), dtype="int64")
    year = frame["year"].to_numpy()
    return _per_year(pd.Series(weights[mask]).groupby(year[mask]).sum(), years)


def _count_by_year(frame: pd.DataFrame, years: Sequence[int], column: str = "count") -> pd.Series:
    weights = frame[column] if column in frame.columns else pd.Series(1, index=frame.index)
    return _per_year(weights.groupby(frame["year"]).sum(), years)


def foreign_students_by_year(students: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Foreign students: headcount of students whose citizenship is not the home country.

    Sum of ``count`` over active student rows (status not graduated/expelled/withdrawn,
    a student_id counted once per year) with citizenship ≠ home; unresolved citizenship
    counts as foreign. Unit: students.
    """
    return _count_by_year(foreign_student_rows(students, home), years)


def new_foreign_students_by_year(students: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series | None:
    """New foreign students: foreign students in their first year.

    A foreign student is new in year Y when their ``status`` is new/admitted, or when
    their ``student_id`` is first seen in Y (in any row of the export) and Y is not the
    first year of the export (where every id is "first seen"). Rows with neither a
    new/admitted status nor an id are not new. Not available without a ``status`` or
    ``student_id`` column; <NA> for the first year when there is no ``status`` column.
    Unit: students.
    """
    # A column the file did not have is there, blank (ingestion fills it): test for values.
    has_status = _has_values(students, "status")
    has_ids = _has_values(students, "student_id")
    if not (has_status or has_ids):
        return None
    foreign = foreign_student_rows(students, home)
    new = np.zeros(len(foreign), dtype=bool)
    if has_status:
        new |= _in_folded(foreign["status"], NEW_STATUSES)
    first_data_year = int(students["year"].min()) if len(students) else None
    if has_ids:
        first = _first_year_seen(students).loc[foreign.index].to_numpy()
        new |= (first == foreign["year"].to_numpy()) & (foreign["year"].to_numpy() != first_data_year)
    out = _count_by_year(foreign.loc[new], years)
    if not has_status and first_data_year is not None and first_data_year in out.index:
        out[first_data_year] = pd.NA
    return out


def _first_year_seen(students: pd.DataFrame) -> pd.Series:
    """For every student row, the first year its student_id appears in the export (-1 without an id)."""
    def compute() -> pd.Series:
        codes = student_id_codes(students)
        year = students["year"].to_numpy(dtype="int64")
        valid = codes >= 0
        first = np.full(int(codes.max()) + 1 if valid.any() else 0, np.iinfo("int64").max, dtype="int64")
        np.minimum.at(first, codes[valid], year[valid])
        out = np.full(len(students), -1, dtype="int64")
        out[valid] = first[codes[valid]]
        return pd.Series(out, index=students.index)
    return _memo(students, ("first_seen",), compute)


def all_students_by_year(students: Frame, totals: Frame, *, years: Sequence[int], home: str) -> pd.Series | None:
    """All students, home and foreign, per year: the denominator of the student ratios.

    From ``totals`` when it exists: the university row (blank faculty), or the sum of the
    faculty rows when a year has no university row; <NA> for a year not in totals. Where
    totals is absent, from ``students`` when that export also lists home-country students
    (active headcount of every citizenship); otherwise not available (None).
    """
    if _has(totals, "total_students"):
        return university_total(totals, "total_students", years)
    if students is not None and (~is_foreign(students["citizenship"], home)).any():
        return _count_by_year_masked(students, active_student_mask(students), years)
    return None


def university_total(totals: pd.DataFrame, column: str, years: Sequence[int]) -> pd.Series:
    """A totals column for the whole university per year: the blank-faculty row, else the faculty sum."""
    if "faculty" in totals.columns:
        university = _blank(totals["faculty"])
    else:
        university = np.ones(len(totals), dtype=bool)
    frame = pd.DataFrame({"year": totals["year"].to_numpy(), "value": totals[column].astype("Float64").to_numpy(),
                          "university": university})
    has_row = frame.groupby("year")["university"].transform("any").to_numpy(dtype=bool)
    chosen = frame.loc[has_row == frame["university"].to_numpy()]
    sums = chosen.groupby("year")["value"].sum(min_count=1)
    return _per_year(sums, years, fill=None, dtype="Float64")


def foreign_student_share_by_year(students: pd.DataFrame, totals: Frame, *, years: Sequence[int],
                                  home: str) -> pd.Series | None:
    """Foreign student share: foreign students ÷ all students × 100 (%).

    All students come from `all_students_by_year` (totals.csv, or students.csv when it
    lists home-country students too). QS International Student Ratio; THE International
    students.
    """
    return _ratio(foreign_students_by_year(students, years=years, home=home),
                  all_students_by_year(students, totals, years=years, home=home), PERCENT)


def foreign_students_by_country_and_year(students: pd.DataFrame, home: str) -> pd.DataFrame:
    """Foreign students per year and citizenship (ISO3; <NA> = unknown): year, country, students."""
    def compute() -> pd.DataFrame:
        foreign = foreign_student_rows(students, home)
        counts = foreign["count"] if "count" in foreign.columns else pd.Series(1, index=foreign.index)
        return (counts.groupby([foreign["year"], foreign["citizenship"]], dropna=False).sum()
                .rename("students").reset_index().rename(columns={"citizenship": "country"}))
    return _memo(students, ("by_country", home), compute).copy()


def foreign_student_countries_by_year(students: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Source countries: distinct resolved citizenships of foreign students (unknown not counted). Unit: countries."""
    by_country = foreign_students_by_country_and_year(students, home)
    known = by_country.loc[by_country["country"].notna() & (by_country["students"] > 0)]
    return _per_year(known.groupby("year")["country"].nunique(), years)


def top_country_share_by_year(students: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Top source country share: the largest resolved country's foreign students ÷ all foreign students × 100 (%).

    Lower is better (less dependence on one market). <NA> in a year without foreign students.
    """
    by_country = foreign_students_by_country_and_year(students, home)
    top = by_country.loc[by_country["country"].notna()].groupby("year")["students"].max()
    total = by_country.groupby("year")["students"].sum()
    return _ratio(_per_year(top, years), _per_year(total, years), PERCENT)


def student_diversity_index_by_year(students: pd.DataFrame, totals: Frame, *, years: Sequence[int],
                                    home: str) -> pd.Series | None:
    """Student diversity index: International Student Ratio × Student Nationality Ratio, per 1,000 students.

    QS International Student Diversity ("Adjusted International Student Ratio", QS Europe
    ranking) is the product of (1) the International Student Ratio, foreign students ÷
    all students, and (2) the Student Nationality Ratio, distinct nationalities ÷ foreign
    students. The product is reported × 1,000, i.e. it equals source countries per 1,000
    students. QS normalises the score across institutions; that step is not reproduced.
    Not available without the number of all students.
    """
    foreign = foreign_students_by_year(students, years=years, home=home)
    student_ratio = _ratio(foreign, all_students_by_year(students, totals, years=years, home=home))
    if student_ratio is None:
        return None
    nationality_ratio = _ratio(foreign_student_countries_by_year(students, years=years, home=home), foreign)
    return (student_ratio * nationality_ratio * DIVERSITY_SCALE).astype("Float64")


# --------------------------------------------------------------------------- partners

def partner_agreements(partners: pd.DataFrame, home: str) -> pd.DataFrame:
    """Agreements with foreign partners, with a partner identity ``key`` and the folded ``name``.

    The identity is ``partner_id`` when given (rows without an id take the id another row
    gives the same folded name), else the folded name. Partners in the home country are
    left out; partners with an unresolved country are kept. Returns a new frame with
    columns key, name, partner, country, signed, expires (+ type, fields when present).
    """
    foreign = partners.loc[is_foreign(partners["country"], home)]
    name = fold_name(foreign["partner"])
    key = pd.Series("name:" + name.astype("str"), index=foreign.index).where(name.notna())
    if "partner_id" in foreign.columns:
        has_id = ~_blank(foreign["partner_id"])
        ids = "id:" + foreign["partner_id"].astype("str").str.strip()
        named_ids = pd.Series(ids[has_id].to_numpy(), index=name[has_id].to_numpy(), dtype="str")
        named_ids = named_ids[~named_ids.index.duplicated()]
        by_name = name.map(named_ids).astype("str").fillna(key)
        key = pd.Series(np.where(has_id, ids, by_name), index=foreign.index, dtype="str")
    out = pd.DataFrame({"key": key, "name": name, "partner": foreign["partner"], "country": foreign["country"]},
                       index=foreign.index)
    for column in ("signed", "expires"):
        out[column] = (pd.to_datetime(foreign[column]) if column in foreign.columns
                       else pd.Series(pd.NaT, index=foreign.index, dtype="datetime64[ns]"))
    for column in ("type", "fields", "city", "agreement", "partner_id"):
        if column in foreign.columns:
            out[column] = foreign[column]
    return out.loc[out["key"].notna()].reset_index(drop=True)


def _valid_matrix(agreements: pd.DataFrame, years: Sequence[int]) -> np.ndarray:
    """agreements × years: the agreement is valid at some point of academic year Y.

    Valid from ``signed`` (blank: always) to ``expires`` (blank: open-ended).
    """
    starts = np.array([academic_year_bounds(y)[0].value for y in years], dtype="int64")[None, :]
    ends = np.array([academic_year_bounds(y)[1].value for y in years], dtype="int64")[None, :]
    signed = agreements["signed"].astype("datetime64[ns]").to_numpy()
    expires = agreements["expires"].astype("datetime64[ns]").to_numpy()
    s = np.where(np.isnat(signed), np.iinfo("int64").min, signed.astype("int64"))[:, None]
    e = np.where(np.isnat(expires), np.iinfo("int64").max, expires.astype("int64"))[:, None]
    return (s <= ends) & (e >= starts)


def active_partner_years(partners: pd.DataFrame, years: Sequence[int], home: str) -> pd.DataFrame:
    """One row per active foreign partner and year: year, key, country (the partner's first known country).

    A partner is active in Y when at least one of its agreements is valid at some point
    of the academic year (1 Sep Y – 31 Aug Y+1); see `_valid_matrix`.
    """
    agreements = partner_agreements(partners, home)
    years = list(years)
    if agreements.empty or not years:
        return pd.DataFrame({"year": pd.Series(dtype="int64"), "key": pd.Series(dtype="str"),
                             "country": pd.Series(dtype="str")})
    valid = _valid_matrix(agreements, years)
    rows, cols = np.nonzero(valid)
    country = partner_country(agreements)
    pairs = pd.DataFrame({"year": np.asarray(years, dtype="int64")[cols],
                          "key": agreements["key"].to_numpy()[rows]}).drop_duplicates()
    pairs["country"] = pairs["key"].map(country).astype(agreements["country"].dtype)
    return pairs.reset_index(drop=True)


def partner_country(agreements: pd.DataFrame) -> pd.Series:
    """A partner key's country: the first resolved country among its agreements (<NA> if none)."""
    return agreements.groupby("key", sort=False)["country"].first()


def active_partners_by_year(partners: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Active partners: distinct foreign partners with an agreement valid in the academic year.

    Valid: signed on or before 31 Aug Y+1 (blank: always) and ending on or after 1 Sep Y
    (blank: open-ended). Identity by partner_id, else the case/space-folded name. Unit: partners.
    """
    pairs = active_partner_years(partners, years, home)
    return _per_year(pairs.groupby("year")["key"].nunique(), years)


def partner_countries_by_year(partners: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Partner countries: distinct resolved countries of the active partners. Unit: countries."""
    pairs = active_partner_years(partners, years, home)
    return _per_year(pairs.dropna(subset=["country"]).groupby("year")["country"].nunique(), years)


def agreements_signed_by_year(partners: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Agreements signed: agreements with foreign partners signed in the academic year. Unit: agreements."""
    agreements = partner_agreements(partners, home)
    signed_year = academic_year_of(agreements["signed"])
    return _per_year(signed_year.dropna().value_counts(), years)


def agreements_expiring_by_year(partners: pd.DataFrame, *, years: Sequence[int], home: str,
                                as_of: dt.date | None = None) -> pd.Series:
    """Agreements expiring: agreements valid on the as-of date that end within 180 days after it.

    Counts agreements with foreign partners signed on or before ``as_of`` (blank: always)
    whose ``expires`` falls in [as_of, as_of + EXPIRY_WINDOW_DAYS]. A snapshot at
    ``as_of`` (default: today): the same value for every year. Unit: agreements.
    """
    agreements = partner_agreements(partners, home)
    as_of_ts = pd.Timestamp(as_of or dt.date.today())
    horizon = as_of_ts + pd.Timedelta(days=EXPIRY_WINDOW_DAYS)
    signed_ok = agreements["signed"].isna() | (agreements["signed"] <= as_of_ts)
    ending = (agreements["expires"] >= as_of_ts) & (agreements["expires"] <= horizon)
    return _series(int((signed_ok & ending).sum()), years, dtype="Int64")


def _running_pairs(frame: pd.DataFrame, years: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    end = frame["end_year"] if "end_year" in frame.columns else pd.Series(pd.NA, index=frame.index, dtype="Int64")
    return np.nonzero(_running_matrix(frame["start_year"], end, years))


def partner_activity(mobility: Frame, programs: Frame, grants: Frame, years: Sequence[int]) -> pd.DataFrame | None:
    """Years (among ``years``) in which a partner (folded name) had mobility, a running joint program
    or an active grant: columns year, name.

    None when none of the three exports has a partner column. Events have no partner
    column and do not count.
    """
    if not any(_has_values(frame, "partner") for frame in (mobility, programs, grants)):
        return None
    years = list(years)
    pieces = [pd.DataFrame({"year": pd.Series(dtype="int64"), "name": pd.Series(dtype="str")})]
    if _has(mobility, "partner", "year"):
        in_years = mobility["year"].isin(years).to_numpy(dtype=bool)
        rows = mobility.loc[in_years]
        pieces.append(pd.DataFrame({"year": rows["year"].to_numpy(dtype="int64"),
                                    "name": fold_name(rows["partner"]).to_numpy()}))
    for frame in (programs, grants):
        if _has(frame, "partner", "start_year") and years:
            rows, cols = _running_pairs(frame, years)
            pieces.append(pd.DataFrame({"year": np.asarray(years, dtype="int64")[cols],
                                        "name": fold_name(frame["partner"]).to_numpy()[rows]}))
    activity = pd.concat(pieces, ignore_index=True).dropna().drop_duplicates()
    return activity.astype({"year": "int64"})


def dormant_partner_keys(partners: pd.DataFrame, mobility: Frame, programs: Frame, grants: Frame,
                         years: Sequence[int], home: str) -> pd.DataFrame | None:
    """Active partners (year, key, country) with no activity in academic years Y-1 and Y.

    Activity: a mobility row, a running joint program or an active grant naming the
    partner (matched on the folded name of any of the partner's agreements). None when
    no activity export with a partner column exists.
    """
    lookback = sorted({y - shift for y in years for shift in range(DORMANT_YEARS)})
    activity = partner_activity(mobility, programs, grants, lookback)
    if activity is None:
        return None
    active = active_partner_years(partners, years, home)
    agreements = partner_agreements(partners, home)
    names = agreements[["key", "name"]].drop_duplicates()
    # An activity in year a covers the partner in years a .. a + DORMANT_YEARS - 1.
    covered = pd.concat([activity.assign(year=activity["year"] + shift) for shift in range(DORMANT_YEARS)],
                        ignore_index=True).drop_duplicates()
    busy = names.merge(covered, on="name")[["year", "key"]].drop_duplicates()
    merged = active.merge(busy, on=["year", "key"], how="left", indicator=True)
    return merged.loc[merged["_merge"] == "left_only", ["year", "key", "country"]].reset_index(drop=True)


def dormant_partners_by_year(partners: pd.DataFrame, mobility: Frame, programs: Frame, grants: Frame, *,
                             years: Sequence[int], home: str) -> pd.Series | None:
    """Dormant partners: active partners with no mobility, joint program or grant in years Y-1 and Y.

    "Paper partnerships". Activity is matched on the folded partner name (events carry no
    partner and do not count). Not available when neither mobility, programs nor grants
    has a partner column. Lower is better. Unit: partners.
    """
    dormant = dormant_partner_keys(partners, mobility, programs, grants, years, home)
    if dormant is None:
        return None
    return _per_year(dormant.groupby("year")["key"].nunique(), years)


def partner_network_breadth_by_year(partners: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Partner network breadth: partner countries ÷ ln(active partners) (index).

    After the QS International Research Network index (distinct locations ÷ ln(distinct
    partners)). <NA> when there is at most one active partner (ln ≤ 0).
    """
    countries = partner_countries_by_year(partners, years=years, home=home).astype("Float64")
    count = active_partners_by_year(partners, years=years, home=home).astype("Float64")
    log = np.log(count.where(count > 1).astype(float))
    return (countries / log.astype("Float64")).astype("Float64")


# --------------------------------------------------------------------------- joint programs

def running_programs(programs: pd.DataFrame, years: Sequence[int]) -> pd.DataFrame:
    """One row per program and year it runs: year + the program's columns (start_year ≤ Y, end blank or ≥ Y)."""
    rows, cols = _running_pairs(programs, years)
    out = programs.iloc[rows].reset_index(drop=True)
    out.insert(0, "year", np.asarray(list(years), dtype="int64")[cols])
    out["program_key"] = fold_name(out["program"])
    return out


def joint_programs_by_year(programs: pd.DataFrame, *, years: Sequence[int]) -> pd.Series:
    """Joint programs: distinct joint and double-degree programs running in the year.

    Running: start_year ≤ Y and (end_year blank or ≥ Y); programs identified by folded name.
    Unit: programs.
    """
    running = running_programs(programs, years)
    return _per_year(running.groupby("year")["program_key"].nunique(), years)


def joint_program_students_by_year(program_enrollment: pd.DataFrame, *, years: Sequence[int]) -> pd.Series:
    """Joint program students: students enrolled in joint/double-degree programs (sum of students). Unit: students."""
    return _per_year(program_enrollment["students"].groupby(program_enrollment["year"]).sum(), years)


def joint_program_graduates_by_year(program_enrollment: pd.DataFrame, *, years: Sequence[int]) -> pd.Series | None:
    """Joint program graduates: graduates of joint/double-degree programs (sum of graduates). Unit: graduates."""
    if not _has_values(program_enrollment, "graduates"):
        return None
    return _per_year(program_enrollment["graduates"].groupby(program_enrollment["year"]).sum(), years)


def joint_program_share_by_year(programs: pd.DataFrame, totals: pd.DataFrame, *, years: Sequence[int]) -> pd.Series | None:
    """Joint program share: joint programs ÷ all degree programs (totals.csv `programs`) × 100 (%). IMPI 01005."""
    if not _has_values(totals, "programs"):
        return None
    return _ratio(joint_programs_by_year(programs, years=years), university_total(totals, "programs", years), PERCENT)


# --------------------------------------------------------------------------- mobility

def international_mobility(mobility: pd.DataFrame, home: str) -> pd.DataFrame:
    """Mobility rows with a country other than the home country (unresolved countries kept); computed once per frame."""
    return _memo(mobility, ("international", home), lambda: mobility.loc[is_foreign(mobility["country"], home)]).copy(deep=False)


def _mobility(mobility: pd.DataFrame, years: Sequence[int], home: str, direction: str,
              category: str | None = None) -> pd.Series:
    rows = international_mobility(mobility, home)
    mask = (rows["direction"] == direction).fillna(False)
    if category is not None:
        mask &= (rows["category"] == category).fillna(False)
    return _count_by_year(rows.loc[mask.to_numpy(dtype=bool)], years)


def inbound_mobility_by_year(mobility: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Inbound mobility: people coming from abroad (direction in, country ≠ home; sum of count). Unit: people."""
    return _mobility(mobility, years, home, "in")


def outbound_mobility_by_year(mobility: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Outbound mobility: people going abroad (direction out, country ≠ home; sum of count). Unit: people."""
    return _mobility(mobility, years, home, "out")


def inbound_student_mobility_by_year(mobility: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Inbound student mobility: students coming from abroad (in, student, country ≠ home). Unit: students."""
    return _mobility(mobility, years, home, "in", "student")


def inbound_staff_mobility_by_year(mobility: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Inbound staff mobility: staff coming from abroad (in, staff, country ≠ home). Unit: staff."""
    return _mobility(mobility, years, home, "in", "staff")


def outbound_student_mobility_by_year(mobility: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Outbound student mobility: students going abroad (out, student, country ≠ home). Unit: students."""
    return _mobility(mobility, years, home, "out", "student")


def outbound_staff_mobility_by_year(mobility: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Outbound staff mobility: staff going abroad (out, staff, country ≠ home). Unit: staff."""
    return _mobility(mobility, years, home, "out", "staff")


def outbound_student_ratio_by_year(mobility: pd.DataFrame, students: Frame, totals: Frame, *,
                                   years: Sequence[int], home: str) -> pd.Series | None:
    """Outbound student ratio: outbound students ÷ all students × 100 (%). IMPI 01009."""
    return _ratio(outbound_student_mobility_by_year(mobility, years=years, home=home),
                  all_students_by_year(students, totals, years=years, home=home), PERCENT)


# --------------------------------------------------------------------------- events, grants, honours, staff

def international_events_by_year(events: pd.DataFrame, *, years: Sequence[int]) -> pd.Series:
    """International events: events with at least one international participant. Unit: events."""
    international = events.loc[(events["international_participants"] > 0).fillna(False).to_numpy(dtype=bool)]
    return _per_year(international.groupby("year").size(), years)


def international_event_participants_by_year(events: pd.DataFrame, *, years: Sequence[int]) -> pd.Series:
    """International event participants: sum of international participants over all events. Unit: people."""
    return _per_year(events["international_participants"].groupby(events["year"]).sum(), years)


def active_grants_by_year(grants: pd.DataFrame, *, years: Sequence[int]) -> pd.Series:
    """Active grants: grant projects running in the year (start_year ≤ Y and end blank or ≥ Y). Unit: projects."""
    rows, cols = _running_pairs(grants, years)
    return _per_year(pd.Series(np.asarray(list(years), dtype="int64")[cols]).value_counts(), years)


def honorary_doctorates_by_year(honorary_doctorates: pd.DataFrame, *, years: Sequence[int]) -> pd.Series:
    """Honorary doctorates: honorary doctorates awarded in the academic year. Unit: awards."""
    return _per_year(honorary_doctorates.groupby("year").size(), years)


def staff_weights(staff: pd.DataFrame) -> pd.Series:
    """Each staff row's weight: its FTE when the fte column has values (a blank fte counts as
    ``count`` full-time posts), else its headcount ``count``."""
    count = staff["count"] if "count" in staff.columns else pd.Series(1, index=staff.index)
    if "fte" in staff.columns and staff["fte"].notna().any():
        return staff["fte"].astype("Float64").fillna(count.astype("Float64"))
    return count.astype("Float64")


def foreign_staff_share_by_year(staff: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Foreign staff share: foreign ÷ all academic staff × 100 (%), on FTE when given, else headcount.

    QS International Faculty Ratio; THE proportion of international staff. Unresolved
    citizenship counts as foreign.
    """
    weight = staff_weights(staff)
    foreign = weight.where(is_foreign(staff["citizenship"], home), 0.0)
    return _ratio(_per_year(foreign.groupby(staff["year"]).sum(), years, dtype="Float64"),
                  _per_year(weight.groupby(staff["year"]).sum(), years, dtype="Float64"), PERCENT)


# --------------------------------------------------------------------------- entry points

def _frames(data: Any) -> Mapping[str, pd.DataFrame]:
    return data.frames if hasattr(data, "frames") else data


def available_years(data: Any) -> list[int]:
    """Every academic year with rows in a yearly export (students, totals, mobility, ...), ascending.

    When no yearly export has rows, the years of agreement signing dates, program and
    grant start years are used instead.
    """
    frames = _frames(data)
    years: set[int] = set()
    for name in DATA_YEAR_EXPORTS:
        frame = frames.get(name)
        if frame is not None and "year" in frame.columns:
            years.update(int(y) for y in frame["year"].dropna().unique())
    if not years:
        partners = frames.get("partners")
        if _has(partners, "signed"):
            years.update(int(y) for y in academic_year_of(partners["signed"]).dropna().unique())
        for name in ("programs", "grants"):
            frame = frames.get(name)
            if _has(frame, "start_year"):
                years.update(int(y) for y in frame["start_year"].dropna().unique())
    return sorted(years)


def _home(data: Any, home: str | None = None) -> str:
    return home or getattr(data, "home", None) or ""


def _call(kpi: Any, frames: Mapping[str, pd.DataFrame], context: dict[str, Any]) -> pd.Series | None:
    """Call a KPI's function with the frames its parameters name.

    None (not available) when one of the KPI's required ``sources`` is absent; optional
    sources are passed as None when absent.
    """
    if any(frames.get(source) is None for source in kpi.sources):
        return None
    kwargs: dict[str, Any] = {}
    for name in inspect.signature(kpi.function).parameters:
        kwargs[name] = context[name] if name in CONTEXT_ARGUMENTS else frames.get(name)
    return kpi.function(**kwargs)


# --------------------------------------------------------------------------- why a KPI is not available

@dataclass(frozen=True)
class Unavailable:
    """Why a KPI has no value: a code (the dashboard translates it), the export concerned, and details.

    Codes: ``export_missing`` (no file for the export), ``export_unreadable`` (its file could
    not be read; ``file`` names it), ``values_missing`` (the export has no values in
    ``columns``), ``denominator_missing`` (the number of all students is unknown),
    ``partner_activity_missing`` (no activity export names partners), ``no_value`` (the KPI
    exists but has no value in the year: no rows, or a zero or unknown denominator).
    """

    code: str
    export: str = ""
    columns: tuple[str, ...] = ()
    file: str = ""

    @property
    def message(self) -> str:
        """The reason in English, e.g. for ``python -m metrics kpis --json``."""
        columns = " or ".join(self.columns)
        return {
            "export_missing": f"no {self.export} export in the data folder",
            "export_unreadable": f"the {self.export} export ({self.file}) could not be read",
            "values_missing": f"the {self.export} export has no values in {columns}",
            "denominator_missing": "the number of all students is unknown: add a totals export, or a students "
                                   "export that lists home-country students too",
            "partner_activity_missing": "no mobility, programs or grants export names partners",
            "no_value": "no value for this year (no rows, or a zero or unknown denominator)",
        }.get(self.code, self.code)


# Why a KPI whose function returns None (its exports are there) is not available; each entry
# restates the function's own condition for returning None.
NOT_AVAILABLE_WHEN_NONE: dict[str, Unavailable] = {
    "new_foreign_students": Unavailable("values_missing", "students", ("status", "student_id")),
    "foreign_student_share": Unavailable("denominator_missing", "totals", ("total_students",)),
    "student_diversity_index": Unavailable("denominator_missing", "totals", ("total_students",)),
    "outbound_student_ratio": Unavailable("denominator_missing", "totals", ("total_students",)),
    "dormant_partners": Unavailable("partner_activity_missing", "mobility", ("partner",)),
    "joint_program_graduates": Unavailable("values_missing", "program_enrollment", ("graduates",)),
    "joint_program_share": Unavailable("values_missing", "totals", ("programs",)),
}
# Codes of an Issue (in Dataset.unreadable) for a file that could not be used at all.
UNREADABLE_CODES = ("file_unreadable", "file_unsupported", "export_ambiguous")


def export_unavailable(data: Any, export: str) -> Unavailable | None:
    """Why an export has no frame: missing, or unreadable (naming the file); None when it is loaded.

    A file counts as the export's when its name (without suffix, case-insensitive) is the
    export's name, or when its record names the export (``params`` ``export``).
    """
    if _frames(data).get(export) is not None:
        return None
    for issue in getattr(data, "unreadable", ()) or ():
        stem = str(getattr(issue, "file", "")).rsplit("/", 1)[-1].split(".", 1)[0].casefold()
        named = dict(getattr(issue, "params", ()) or ()).get("export")
        if stem == export or named == export:
            return Unavailable("export_unreadable", export, file=str(issue.file).rsplit("/", 1)[-1])
    return Unavailable("export_missing", export)


def kpi_unavailable_reasons(data: Any, *, filters: Any = None, as_of: dt.date | None = None) -> dict[str, Unavailable]:
    """{KPI id: why it is not available} for the KPIs that cannot be computed from the data at all.

    A KPI is not available when one of its required exports is absent (missing or
    unreadable) or when its function returns None (see `NOT_AVAILABLE_WHEN_NONE`). KPIs
    with a value in some years are not listed; `kpi_table` gives ``no_value`` for the others.
    """
    from metrics.catalogue import CATALOGUE

    _, none_ids = _kpis_all_years(data, filters, as_of)
    out: dict[str, Unavailable] = {}
    for kpi in CATALOGUE.values():
        missing = [reason for reason in (export_unavailable(data, source) for source in kpi.sources) if reason]
        if missing:
            out[kpi.id] = missing[0]
        elif kpi.id in none_ids:
            out[kpi.id] = NOT_AVAILABLE_WHEN_NONE.get(kpi.id, Unavailable("no_value"))
    return out


_CACHE: dict[tuple, tuple[weakref.ref, Any]] = {}  # KPI tables per (data, filters, as_of, years)
_FILTERED: dict[tuple, tuple[weakref.ref, Any]] = {}  # filtered datasets per (data, filters)
_CACHE_SIZE = 32
_FILTERED_SIZE = 4  # filtered copies of large exports are big: keep few


def filtered(data: Any, filters: Any) -> Any:
    """``data`` with ``filters`` applied (see `metrics.filters`), computed once per (data, filters)."""
    if filters is None or getattr(filters, "is_empty", False):
        return data
    from metrics.filters import apply_filters

    key = (id(data), filters)
    try:
        hit = _FILTERED.get(key)
    except TypeError:  # unhashable filters
        return apply_filters(data, filters)
    if hit is not None and hit[0]() is data:
        return hit[1]
    result = apply_filters(data, filters)
    _remember(_FILTERED, _FILTERED_SIZE, key, data, result)
    return result


def _remember(cache: dict, size: int, key: tuple, data: Any, value: Any) -> None:
    """Keep ``value`` while ``data`` lives (the entry goes when data is garbage-collected), at most ``size`` entries."""
    try:
        ref = weakref.ref(data, lambda _ref, key=key: cache.pop(key, None))
    except TypeError:
        return
    while len(cache) >= size:
        cache.pop(next(iter(cache)))
    cache[key] = (ref, value)


def kpis_by_year(data: Any, *, filters: Any = None, as_of: dt.date | None = None,
                 years: Iterable[int] | None = None) -> pd.DataFrame:
    """Every KPI for every year at once: a frame indexed by year with one column per KPI id.

    Values are ``Float64``; ``<NA>`` means not available (export absent, or a ratio with a
    zero/unknown denominator). ``years`` defaults to `available_years` of the filtered
    data. Results are cached per (data object, filters, as_of, years) while the data
    object lives; a copy is returned. This is the efficient way to get every trend: one
    pass over each export for all years.
    """
    source = filtered(data, filters)
    wanted = sorted({int(y) for y in years}) if years is not None else available_years(source)
    table, _ = _kpis_all_years(data, filters, as_of, wanted)
    return table.loc[wanted].copy()


def _kpis_all_years(data: Any, filters: Any, as_of: dt.date | None,
                    extra_years: Iterable[int] = ()) -> tuple[pd.DataFrame, frozenset[str]]:
    """(every KPI for the data's years plus ``extra_years``, the ids whose function returned None).

    Cached per (data object, filters, as_of, years) while the data object lives, so that
    compute_kpis, kpi_table, kpi_trend and kpi_unavailable_reasons share one computation.
    """
    from metrics.catalogue import CATALOGUE

    source = filtered(data, filters)
    year_list = sorted(set(available_years(source)) | {int(y) for y in extra_years})
    as_of = as_of or dt.date.today()  # a cached result lasts the day
    key = (id(data), filters, as_of, tuple(year_list))
    try:
        cached = _CACHE.get(key)
    except TypeError:  # unhashable filters: compute without the cache
        key, cached = None, None
    if cached is not None and cached[0]() is data:
        return cached[1]
    frames = _frames(source)
    context = {"years": year_list, "home": _home(data), "as_of": as_of}
    columns, none_ids = {}, set()
    for kpi in CATALOGUE.values():
        values = _call(kpi, frames, context)
        if values is None:
            none_ids.add(kpi.id)
        columns[kpi.id] = (_series(pd.NA, year_list) if values is None
                           else values.reindex(pd.Index(year_list, dtype="int64")).astype("Float64"))
    result = (pd.DataFrame(columns, index=pd.Index(year_list, name="year", dtype="int64")), frozenset(none_ids))
    if key is not None:
        _remember(_CACHE, _CACHE_SIZE, key, data, result)
    return result


def _python(value: Any, unit: str) -> float | int | None:
    if value is None or pd.isna(value):
        return None
    value = float(value)
    if unit == "count" and value.is_integer():
        return int(value)
    return value


def compute_kpis(data: Any, year: int, *, filters: Any = None, as_of: dt.date | None = None) -> dict[str, float | int | None]:
    """Every KPI for one academic year: {kpi id: value}, None where not available.

    Counts are ints; percents, ratios and indices floats (unrounded).
    """
    from metrics.catalogue import CATALOGUE

    table = kpis_by_year(data, filters=filters, as_of=as_of, years=_years_with(data, filters, year))
    row = table.loc[int(year)]
    return {kpi_id: _python(row[kpi_id], CATALOGUE[kpi_id].unit) for kpi_id in CATALOGUE}


def _years_with(data: Any, filters: Any, *extra: int) -> list[int]:
    return sorted(set(available_years(filtered(data, filters))) | {int(y) for y in extra})


def kpi_trend(data: Any, kpi_id: str, *, filters: Any = None, as_of: dt.date | None = None) -> pd.DataFrame:
    """One KPI over every year in the data: columns year (int64), value (Float64, <NA> = not available)."""
    from metrics.catalogue import CATALOGUE

    if kpi_id not in CATALOGUE:
        raise KeyError(f"unknown KPI {kpi_id!r}; known: {', '.join(CATALOGUE)}")
    table = kpis_by_year(data, filters=filters, as_of=as_of)
    return pd.DataFrame({"year": table.index.to_numpy(dtype="int64"),
                         "value": table[kpi_id].to_numpy()}).astype({"value": "Float64"})


KPI_TABLE_COLUMNS = ("kpi", "name", "unit", "value", "previous", "change", "change_pct", "target", "gap",
                     "status", "higher_is_better", "definition", "reason")


def kpi_table(data: Any, year: int, *, filters: Any = None, as_of: dt.date | None = None,
              lang: str = "en") -> pd.DataFrame:
    """Every KPI for a year with the previous year, change and target status, one row per KPI.

    Columns: kpi, name (in ``lang``: en, ru, uz), unit, value, previous (year − 1), change
    (value − previous), change_pct (change ÷ previous × 100; <NA> when previous is 0 or
    missing), target, gap, status (see `metrics.targets`), higher_is_better, definition,
    reason (why the value is not available, in English; None when there is a value; see
    `kpi_unavailable_reasons`). Snapshot KPIs (agreements_expiring) have no previous value.
    """
    from metrics.catalogue import CATALOGUE
    from metrics.targets import target_status

    year = int(year)
    table = kpis_by_year(data, filters=filters, as_of=as_of, years=_years_with(data, filters, year, year - 1))
    targets = _frames(data).get("targets")
    reasons = kpi_unavailable_reasons(data, filters=filters, as_of=as_of)
    rows = []
    for kpi in CATALOGUE.values():
        series = table[kpi.id]
        value = _python(series.get(year), kpi.unit)
        previous = None if kpi.snapshot else _python(series.get(year - 1), kpi.unit)
        change = value - previous if value is not None and previous is not None else None
        change_pct = change / previous * 100 if change is not None and previous not in (0, None) else None
        status = target_status(kpi.id, year, series, targets, higher_is_better=kpi.higher_is_better)
        rows.append({"kpi": kpi.id, "name": kpi.label(lang), "unit": kpi.unit, "value": value,
                     "previous": previous, "change": change, "change_pct": change_pct,
                     "target": status.target, "gap": status.gap, "status": status.status,
                     "higher_is_better": kpi.higher_is_better, "definition": kpi.definition,
                     "reason": None if value is not None else reasons.get(kpi.id, Unavailable("no_value")).message})
    out = pd.DataFrame(rows, columns=list(KPI_TABLE_COLUMNS))
    for column in ("value", "previous", "change", "change_pct", "target", "gap"):
        out[column] = out[column].astype("Float64")
    out["status"] = pd.Series([row["status"] for row in rows], dtype=object)
    out["reason"] = pd.Series([row["reason"] for row in rows], dtype=object)
    out["higher_is_better"] = out["higher_is_better"].astype(bool)
    return out


def round_kpi(value: float | int | None, unit: str) -> float | int | None:
    """A value rounded for display: counts as ints, percents to 1 decimal, ratios/indices to 2."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if unit == "count":
        return int(round(value))
    return round(float(value), 1 if unit == "percent" else 2)
