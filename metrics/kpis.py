"""The KPIs of international cooperation: one function per KPI, all years at once.

Each KPI function is named after the KPI it returns (``<kpi id>_by_year``), takes the
canonical frames it needs (see `metrics.schema`) and the context arguments ``years``,
``home`` and ``as_of``, and returns a ``pd.Series`` indexed by academic year (``year``:
2024 means 2024/25) with one value per requested year. Computing every year in one pass is
what makes the yearly trends cheap: one group-by over a million students instead of one
per year.

The first paragraph of a KPI function's docstring is the KPI's definition: the catalogue
(`metrics.catalogue`) shows it as is, so it is written once, here.

Conventions shared by every KPI:

- **Not available is not zero.** A KPI whose export is absent (or has no values in the
  column it needs: ingestion fills a column the file lacks with blanks) returns ``None``
  from its function. A year with no rows in an export that exists counts 0; a ratio whose
  denominator is 0 or unknown is ``<NA>``.
- **Which rows count** (foreign, active students, partners, running programs, international
  mobility) is decided in `metrics.rows`; academic years in `metrics.years`.

What became of each entry cohort (retention, graduation, drop-out one to three years on)
is `metrics.outcomes`; the retention KPI reads it.

Running every KPI on a Dataset (caching, filters, targets, why a KPI is not available) is
`metrics.engine`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from metrics import countries
from metrics.countries import CIS
from metrics.outcomes import DROPPED_STATUSES, GRADUATED_STATUSES, NEW_STATUSES, retention_cohorts
from metrics.memo import per_frame
from metrics.rows import (
    active_partner_years,
    blank,
    active_student_mask,
    dormant_partner_keys,
    first_year_seen,
    foreign_student_mask,
    foreign_students_by_country_and_year,
    has_columns,
    has_values,
    in_folded,
    is_in,
    international_mobility,
    is_foreign,
    partner_agreements,
    running_programs,
    staff_weights,
    student_id_codes,
    unit_counts,
    university_total,
)
from metrics.years import academic_year_of, per_year, running_pairs, year_series

# --------------------------------------------------------------------------- constants

EXPIRY_WINDOW_DAYS = 180  # agreements_expiring: agreements ending within this many days
PERCENT = 100.0
DIVERSITY_SCALE = 1000.0  # student_diversity_index is reported per 1,000 students

HHI_SCALE = 100.0  # source_concentration: shares in percent, so the index runs 0–10,000
APPLIED, ADMITTED, ENROLLED = "applied", "admitted", "enrolled"  # stages of the applications export
WOMEN = frozenset({"f"})  # students.sex recorded for women (compared case-folded)

Frame = pd.DataFrame | None


# --------------------------------------------------------------------------- helpers

def _ratio(numerator: pd.Series | None, denominator: pd.Series | None, scale: float = 1.0) -> pd.Series | None:
    """numerator ÷ denominator × scale per year; <NA> where the denominator is 0 or missing."""
    if numerator is None or denominator is None:
        return None
    num = numerator.astype("Float64")
    den = denominator.astype("Float64")
    den = den.where(den != 0)
    return (num / den * scale).astype("Float64")


def _count_by_year_masked(frame: pd.DataFrame, mask: np.ndarray, years: Sequence[int]) -> pd.Series:
    """Sum of ``count`` (1 per row without it) per year over the rows of ``mask``: one bincount over the
    frame's year offsets of those rows, weighted by their count unless every count is 1 (no grouping)."""
    if not len(frame):
        return per_year(pd.Series(dtype="int64"), years)
    low, offsets, weights, span, small = per_frame(frame, ("year_offsets",), lambda: _year_offsets(frame))
    if weights is None and small is not None:  # a row is one student: count the rows, by one byte per row
        in_mask = np.asarray(mask, dtype=bool).view(np.uint8) << np.uint8(7)  # the top bit: row in the mask
        sums = np.bincount(small | in_mask, minlength=256)[128:128 + span]  # (no copy of the rows selected)
    elif weights is None:
        sums = np.bincount(offsets[mask], minlength=span)
    else:
        sums = np.rint(np.bincount(offsets[mask], weights=weights[mask], minlength=span))  # exact below 2**53
    return per_year(pd.Series(sums.astype("int64"), index=np.arange(low, low + span)), years)


def _year_offsets(frame: pd.DataFrame) -> tuple[int, np.ndarray, np.ndarray | None, int, np.ndarray | None]:
    """(first year, each row's year − first year, each row's count: None when every row counts 1, the number
    of years from the first to the last, the offsets as one byte when there are at most 128 years)."""
    year = frame["year"].to_numpy(dtype="int64")
    low = int(year.min())
    weights = None if unit_counts(frame) else frame["count"].to_numpy(dtype="int64")
    offsets = (year - low).astype(np.intp)
    span = int(offsets.max()) + 1
    return low, offsets, weights, span, offsets.astype(np.uint8) if span <= 128 else None


def _count_by_year(frame: pd.DataFrame, years: Sequence[int], column: str = "count") -> pd.Series:
    weights = frame[column] if column in frame.columns else pd.Series(1, index=frame.index)
    return per_year(weights.groupby(frame["year"]).sum(), years)


def _once_per_student_year(students: pd.DataFrame, mask: np.ndarray) -> pd.DataFrame:
    """The rows of ``mask``, a student_id counted once per year among them (its first row)."""
    rows = students.loc[mask]
    if "student_id" not in students.columns or not len(rows):
        return rows
    codes = student_id_codes(students)[mask]
    dup = pd.DataFrame({"year": rows["year"].to_numpy(), "code": codes}).duplicated().to_numpy(dtype=bool)
    return rows.loc[~(dup & (codes >= 0))]


def _foreign_rows_with_status(students: pd.DataFrame, home: str, statuses: frozenset[str]) -> pd.DataFrame:
    """Foreign student rows (any status) whose status is in ``statuses``, a student_id once per year."""
    mask = in_folded(students["status"], statuses) & is_foreign(students["citizenship"], home)
    return _once_per_student_year(students, mask)


# --------------------------------------------------------------------------- students

def foreign_students_by_year(students: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Headcount of enrolled students whose citizenship is not the home country (unresolved citizenship
    counted as foreign; graduated, expelled and withdrawn students left out; a student_id counted once
    per year); students.

    Sum of ``count`` over the active student rows (`metrics.rows.active_students`) with
    citizenship ≠ home.
    """
    return _count_by_year_masked(students, foreign_student_mask(students, home), years)


def new_foreign_students_by_year(students: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series | None:
    """Foreign students in their first year: status new/admitted, or a student_id first seen that year
    (not in the first year of data); students.

    A foreign student is new in year Y when their ``status`` is new/admitted
    (`NEW_STATUSES`), or when their ``student_id`` is first seen in Y (in any row of the
    export) and Y is not the first year of the export (where every id is "first seen").
    Rows with neither a new/admitted status nor an id are not new. Not available without a
    ``status`` or ``student_id`` column; <NA> for the first year when there is no
    ``status`` column.
    """
    # A column the file did not have is there, blank (ingestion fills it): test for values.
    has_status = has_values(students, "status")
    has_ids = has_values(students, "student_id")
    if not (has_status or has_ids):
        return None
    new = np.zeros(len(students), dtype=bool)
    if has_status:
        new |= in_folded(students["status"], NEW_STATUSES)
    first_data_year = int(students["year"].min()) if len(students) else None
    if has_ids:
        year = students["year"].to_numpy()
        new |= (first_year_seen(students).to_numpy() == year) & (year != first_data_year)
    out = _count_by_year_masked(students, new & foreign_student_mask(students, home), years)
    if not has_status and first_data_year is not None and first_data_year in out.index:
        out[first_data_year] = pd.NA
    return out


def all_students_by_year(students: Frame, totals: Frame, *, years: Sequence[int], home: str) -> pd.Series | None:
    """All students, home and foreign, per year: the denominator of the student ratios.

    From ``totals`` when it exists: the university row (blank faculty), or the sum of the
    faculty rows when a year has no university row; <NA> for a year not in totals. Where
    totals is absent, from ``students`` when that export also lists home-country students
    (active headcount of every citizenship); otherwise not available (None).
    """
    if has_columns(totals, "total_students"):
        return university_total(totals, "total_students", years)
    if students is not None and (~is_foreign(students["citizenship"], home)).any():
        return _count_by_year_masked(students, active_student_mask(students), years)
    return None


def foreign_student_share_by_year(students: pd.DataFrame, totals: Frame, *, years: Sequence[int],
                                  home: str) -> pd.Series | None:
    """Foreign students ÷ all students (totals.csv, or students.csv when it lists home-country students
    too) × 100; %.

    All students come from `all_students_by_year`. QS International Student Ratio; THE
    International students.
    """
    return _ratio(foreign_students_by_year(students, years=years, home=home),
                  all_students_by_year(students, totals, years=years, home=home), PERCENT)


def foreign_student_countries_by_year(students: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Distinct resolved citizenships of foreign students (an unknown citizenship is not counted); countries."""
    by_country = foreign_students_by_country_and_year(students, home)
    known = by_country.loc[by_country["country"].notna() & (by_country["students"] > 0)]
    return per_year(known.groupby("year")["country"].nunique(), years)


def top_country_share_by_year(students: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Foreign students of the largest resolved source country ÷ all foreign students × 100; %; lower is
    better (less dependence on one market).

    <NA> in a year without foreign students.
    """
    by_country = foreign_students_by_country_and_year(students, home)
    top = by_country.loc[by_country["country"].notna()].groupby("year")["students"].max()
    total = by_country.groupby("year")["students"].sum()
    return _ratio(per_year(top, years), per_year(total, years), PERCENT)


def student_diversity_index_by_year(students: pd.DataFrame, totals: Frame, *, years: Sequence[int],
                                    home: str) -> pd.Series | None:
    """QS form: (foreign ÷ all students) × (nationalities ÷ foreign students) × 1,000, i.e. nationalities
    per 1,000 students; index.

    QS International Student Diversity ("Adjusted International Student Ratio", QS Europe
    ranking) is the product of (1) the International Student Ratio, foreign students ÷
    all students, and (2) the Student Nationality Ratio, distinct nationalities ÷ foreign
    students. The product is reported × 1,000 (`DIVERSITY_SCALE`), i.e. it equals source
    countries per 1,000 students. QS normalises the score across institutions; that step
    is not reproduced. Not available without the number of all students.
    """
    foreign = foreign_students_by_year(students, years=years, home=home)
    student_ratio = _ratio(foreign, all_students_by_year(students, totals, years=years, home=home))
    if student_ratio is None:
        return None
    nationality_ratio = _ratio(foreign_student_countries_by_year(students, years=years, home=home), foreign)
    return (student_ratio * nationality_ratio * DIVERSITY_SCALE).astype("Float64")


def _foreign_by_citizenship(students: pd.DataFrame, home: str, cis: bool) -> np.ndarray:
    """The mask of foreign students of known citizenship in (``cis``) or outside the CIS."""
    known = ~blank(students["citizenship"])
    member = is_in(students["citizenship"], CIS)
    return foreign_student_mask(students, home) & known & (member if cis else ~member)


def foreign_students_cis_by_year(students: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Foreign students (as counted by foreign_students) whose citizenship is a CIS country; students.

    CIS: `metrics.countries.CIS` (the members and participants plus Turkmenistan; not
    Georgia or Ukraine). Students of unknown citizenship count neither here nor in
    foreign_students_non_cis, so CIS + non-CIS + unknown = foreign_students.
    """
    return _count_by_year_masked(students, _foreign_by_citizenship(students, home, cis=True), years)


def foreign_students_non_cis_by_year(students: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Foreign students (as counted by foreign_students) whose known citizenship is not a CIS country;
    students.

    The complement of foreign_students_cis among the students of known citizenship.
    """
    return _count_by_year_masked(students, _foreign_by_citizenship(students, home, cis=False), years)


def foreign_women_share_by_year(students: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series | None:
    """Foreign students recorded as women (sex F) ÷ foreign students whose sex is recorded × 100; %.

    Foreign students as counted by foreign_students; a blank sex is left out of both. Not
    available without values in the sex column; <NA> in a year where no foreign student
    has a recorded sex.
    """
    if not has_values(students, "sex"):
        return None
    recorded = foreign_student_mask(students, home) & ~blank(students["sex"])
    women = recorded & in_folded(students["sex"], WOMEN)
    return _ratio(_count_by_year_masked(students, women, years), _count_by_year_masked(students, recorded, years),
                  PERCENT)


def foreign_graduates_by_year(students: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series | None:
    """Foreign students with the status graduated in the year (sum of count, a student_id once per year);
    graduates.

    Graduated and its synonyms: `metrics.outcomes.GRADUATED_STATUSES`. Foreign: citizenship
    not the home country, unresolved included. Not available without values in the status
    column.
    """
    if not has_values(students, "status"):
        return None
    return _count_by_year(_foreign_rows_with_status(students, home, GRADUATED_STATUSES), years)


def foreign_dropout_rate_by_year(students: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series | None:
    """Foreign students expelled or withdrawn in the year ÷ foreign students of the year × 100; %; lower is
    better.

    Numerator: foreign rows whose status is expelled, withdrawn or a synonym
    (`metrics.outcomes.DROPPED_STATUSES`), sum of count, a student_id once per year;
    denominator: foreign_students (enrolled students, who exclude those rows). Not
    available without values in the status column.
    """
    if not has_values(students, "status"):
        return None
    return _ratio(_count_by_year(_foreign_rows_with_status(students, home, DROPPED_STATUSES), years),
                  foreign_students_by_year(students, years=years, home=home), PERCENT)


def foreign_retention_rate_by_year(students: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series | None:
    """New foreign students of Y (status new, with a student_id) who in Y+1 are still enrolled or have
    graduated (in Y or Y+1) ÷ new foreign students of Y × 100; %.

    The foreign cohorts of `metrics.outcomes.retention_cohorts`: (enrolled_1 +
    graduated_1) ÷ cohort. Enrolled in Y+1: a row of Y+1 that is not graduated, expelled or
    withdrawn; a student expelled/withdrawn by Y+1 or simply absent in Y+1 is not
    retained. <NA> for a year Y whose Y+1 has no student rows (not known yet) or without
    new foreign students. Not available without values in the student_id and status
    columns.
    """
    cohorts = retention_cohorts(students, home, years)
    if cohorts is None:
        return None
    foreign = cohorts.loc[(cohorts["group"] == "foreign").to_numpy(dtype=bool)]
    sums = foreign.groupby("entry_year")[["cohort", "enrolled_1", "graduated_1"]].sum(min_count=1)
    retained = (sums["enrolled_1"] + sums["graduated_1"]).astype("Float64")
    return _ratio(per_year(retained, years, fill=None, dtype="Float64"), per_year(sums["cohort"], years), PERCENT)


def source_concentration_by_year(students: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Herfindahl–Hirschman index of foreign students by citizenship: the sum over source countries of
    (country's share of foreign students of known citizenship, in %)²; 0–10,000; index; lower is better.

    10,000 means every foreign student of known citizenship comes from one country; n
    equal countries give 10,000 ÷ n. Students of unknown citizenship are left out of the
    shares. <NA> in a year without foreign students of known citizenship.
    """
    by_country = foreign_students_by_country_and_year(students, home)
    known = by_country.loc[by_country["country"].notna().to_numpy(dtype=bool)
                           & (by_country["students"] > 0).to_numpy(dtype=bool)]
    share = known["students"].astype("Float64") / known.groupby("year")["students"].transform("sum") * HHI_SCALE
    return per_year((share ** 2).groupby(known["year"]).sum(), years, fill=None, dtype="Float64")


# --------------------------------------------------------------------------- recruitment (applications)

def _applications(applications: pd.DataFrame, years: Sequence[int], home: str, stage: str) -> pd.Series:
    mask = in_folded(applications["stage"], frozenset({stage})) & is_foreign(applications["citizenship"], home)
    return _count_by_year(applications.loc[mask], years)


def foreign_applications_by_year(applications: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Applications from foreign citizens (stage applied, citizenship not the home country), sum of count;
    applications.

    An unresolved citizenship counts as foreign (`metrics.rows.is_foreign`).
    """
    return _applications(applications, years, home, APPLIED)


def foreign_admission_rate_by_year(applications: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Foreign applicants admitted ÷ foreign applications (stages admitted and applied of the applications
    export) × 100; %.

    <NA> in a year without foreign applications.
    """
    return _ratio(_applications(applications, years, home, ADMITTED),
                  _applications(applications, years, home, APPLIED), PERCENT)


def foreign_enrolment_yield_by_year(applications: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Foreign admitted applicants who enrolled ÷ foreign applicants admitted (stages enrolled and admitted
    of the applications export) × 100; %.

    <NA> in a year without foreign admissions.
    """
    return _ratio(_applications(applications, years, home, ENROLLED),
                  _applications(applications, years, home, ADMITTED), PERCENT)


# --------------------------------------------------------------------------- partners

def active_partners_by_year(partners: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Distinct foreign partners (partner_id, else the case- and space-folded name) with an agreement
    valid at some point from 1 Sep Y to 31 Aug Y+1; partners.

    Valid: signed on or before 31 Aug Y+1 (blank: always) and ending on or after 1 Sep Y
    (blank: open-ended); see `metrics.rows.active_partner_years`.
    """
    pairs = active_partner_years(partners, years, home)
    return per_year(pairs.groupby("year")["key"].nunique(), years)


def partner_countries_by_year(partners: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Distinct resolved countries of the active foreign partners; countries."""
    pairs = active_partner_years(partners, years, home)
    return per_year(pairs.dropna(subset=["country"]).groupby("year")["country"].nunique(), years)


def agreements_signed_by_year(partners: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Agreements with foreign partners signed between 1 Sep Y and 31 Aug Y+1; agreements."""
    agreements = partner_agreements(partners, home)
    signed_year = academic_year_of(agreements["signed"])
    return per_year(signed_year.dropna().value_counts(), years)


def agreements_expiring_by_year(partners: pd.DataFrame, *, years: Sequence[int], home: str,
                                as_of: dt.date | None = None) -> pd.Series:
    """Agreements with foreign partners valid on the as-of date (default: today) that end within 180 days
    after it; agreements; a snapshot, the same for every year.

    Counts agreements signed on or before ``as_of`` (blank: always) whose ``expires``
    falls in [as_of, as_of + `EXPIRY_WINDOW_DAYS`].
    """
    agreements = partner_agreements(partners, home)
    as_of_ts = pd.Timestamp(as_of or dt.date.today())
    horizon = as_of_ts + pd.Timedelta(days=EXPIRY_WINDOW_DAYS)
    signed_ok = agreements["signed"].isna() | (agreements["signed"] <= as_of_ts)
    ending = (agreements["expires"] >= as_of_ts) & (agreements["expires"] <= horizon)
    return year_series(int((signed_ok & ending).sum()), years, dtype="Int64")


def dormant_partners_by_year(partners: pd.DataFrame, mobility: Frame, programs: Frame, grants: Frame, *,
                             years: Sequence[int], home: str) -> pd.Series | None:
    """Active foreign partners with no mobility, running joint program or active grant naming them in
    years Y-1 and Y; partners; lower is better.

    "Paper partnerships" (`metrics.rows.dormant_partner_keys`, looking back
    `metrics.rows.DORMANT_YEARS` years). Activity is matched on the folded partner name
    (events carry no partner and do not count). Not available when neither mobility,
    programs nor grants has a partner column.
    """
    dormant = dormant_partner_keys(partners, mobility, programs, grants, years, home)
    if dormant is None:
        return None
    return per_year(dormant.groupby("year")["key"].nunique(), years)


def partner_network_breadth_by_year(partners: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Partner countries ÷ ln(active partners), after the QS International Research Network index; not
    available with at most one active partner; index.

    QS divides distinct locations by ln(distinct partners). <NA> when there is at most one
    active partner (ln ≤ 0).
    """
    countries = partner_countries_by_year(partners, years=years, home=home).astype("Float64")
    count = active_partners_by_year(partners, years=years, home=home).astype("Float64")
    log = np.log(count.where(count > 1).astype(float))
    return (countries / log.astype("Float64")).astype("Float64")


# --------------------------------------------------------------------------- joint programs

def joint_programs_by_year(programs: pd.DataFrame, *, years: Sequence[int]) -> pd.Series:
    """Distinct joint and double-degree programs running in Y (start_year ≤ Y, end_year blank or ≥ Y);
    programs.

    Programs are identified by their folded name (`metrics.rows.running_programs`).
    """
    running = running_programs(programs, years)
    return per_year(running.groupby("year")["program_key"].nunique(), years)


def joint_program_students_by_year(program_enrollment: pd.DataFrame, *, years: Sequence[int]) -> pd.Series:
    """Sum of students enrolled in joint and double-degree programs (program_enrollment); students."""
    return per_year(program_enrollment["students"].groupby(program_enrollment["year"]).sum(), years)


def joint_program_graduates_by_year(program_enrollment: pd.DataFrame, *, years: Sequence[int]) -> pd.Series | None:
    """Sum of graduates of joint and double-degree programs (program_enrollment); graduates.

    Not available when the graduates column has no values.
    """
    if not has_values(program_enrollment, "graduates"):
        return None
    return per_year(program_enrollment["graduates"].groupby(program_enrollment["year"]).sum(), years)


def joint_program_share_by_year(programs: pd.DataFrame, totals: pd.DataFrame, *, years: Sequence[int]) -> pd.Series | None:
    """Joint programs running ÷ all degree programs (totals.csv programs) × 100; %.

    IMPI 01005. Not available when the programs column of totals has no values.
    """
    if not has_values(totals, "programs"):
        return None
    return _ratio(joint_programs_by_year(programs, years=years), university_total(totals, "programs", years), PERCENT)


def _languages(text: object) -> frozenset[str]:
    """The language codes of a programs.language cell (ISO 639-1 codes joined by ';'), lower-cased."""
    return frozenset(code.strip().lower() for code in str(text).split(";") if code.strip())


def foreign_language_programs_by_year(programs: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series | None:
    """Joint and double-degree programs running in Y (as counted by joint_programs) taught in at least one
    language that is not an official language of the home country; programs.

    Languages: the ISO 639-1 codes of programs.language (several joined by ';'), compared
    with `metrics.countries.official_languages` of the home country (a home country whose
    official languages are not known makes every language count). A program with a blank
    language is not counted. Not available without values in the language column.
    """
    if not has_values(programs, "language"):
        return None
    official = frozenset(code.lower() for code in countries.official_languages(home))
    running = running_programs(programs, years)
    language = running["language"]
    uniques = pd.unique(language.dropna()).tolist()
    foreign = [value for value in uniques if _languages(value) - official]
    taught = language.isin(foreign).fillna(False).to_numpy(dtype=bool)
    return per_year(running.loc[taught].groupby("year")["program_key"].nunique(), years)


# --------------------------------------------------------------------------- mobility

def _mobility(mobility: pd.DataFrame, years: Sequence[int], home: str, direction: str,
              category: str | None = None) -> pd.Series:
    rows = international_mobility(mobility, home)
    mask = (rows["direction"] == direction).fillna(False)
    if category is not None:
        mask &= (rows["category"] == category).fillna(False)
    return _count_by_year(rows.loc[mask.to_numpy(dtype=bool)], years)


def inbound_mobility_by_year(mobility: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """People coming from abroad (direction in, country ≠ home), sum of count; people."""
    return _mobility(mobility, years, home, "in")


def outbound_mobility_by_year(mobility: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """People going abroad (direction out, country ≠ home), sum of count; people."""
    return _mobility(mobility, years, home, "out")


def inbound_student_mobility_by_year(mobility: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Students coming from abroad (direction in, category student, country ≠ home), sum of count; students."""
    return _mobility(mobility, years, home, "in", "student")


def inbound_staff_mobility_by_year(mobility: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Staff coming from abroad (direction in, category staff, country ≠ home), sum of count; people."""
    return _mobility(mobility, years, home, "in", "staff")


def outbound_student_mobility_by_year(mobility: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Students going abroad (direction out, category student, country ≠ home), sum of count; students."""
    return _mobility(mobility, years, home, "out", "student")


def outbound_staff_mobility_by_year(mobility: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Staff going abroad (direction out, category staff, country ≠ home), sum of count; people."""
    return _mobility(mobility, years, home, "out", "staff")


def outbound_student_ratio_by_year(mobility: pd.DataFrame, students: Frame, totals: Frame, *,
                                   years: Sequence[int], home: str) -> pd.Series | None:
    """Outbound students ÷ all students (totals.csv, or students.csv when it lists home-country students
    too) × 100; %.

    IMPI 01009. All students come from `all_students_by_year`.
    """
    return _ratio(outbound_student_mobility_by_year(mobility, years=years, home=home),
                  all_students_by_year(students, totals, years=years, home=home), PERCENT)


# --------------------------------------------------------------------------- events, grants, honours, staff

def international_events_by_year(events: pd.DataFrame, *, years: Sequence[int]) -> pd.Series:
    """Events of the year with at least one international participant; events."""
    international = events.loc[(events["international_participants"] > 0).fillna(False).to_numpy(dtype=bool)]
    return per_year(international.groupby("year").size(), years)


def international_event_participants_by_year(events: pd.DataFrame, *, years: Sequence[int]) -> pd.Series:
    """Sum of international participants over all events of the year; people."""
    return per_year(events["international_participants"].groupby(events["year"]).sum(), years)


def active_grants_by_year(grants: pd.DataFrame, *, years: Sequence[int]) -> pd.Series:
    """International grant projects running in Y (start_year ≤ Y, end_year blank or ≥ Y); projects."""
    rows, cols = running_pairs(grants, years)
    return per_year(pd.Series(np.asarray(list(years), dtype="int64")[cols]).value_counts(), years)


def honorary_doctorates_by_year(honorary_doctorates: pd.DataFrame, *, years: Sequence[int]) -> pd.Series:
    """Honorary doctorates awarded in the academic year; awards."""
    return per_year(honorary_doctorates.groupby("year").size(), years)


def active_research_projects_by_year(research_projects: pd.DataFrame, *, years: Sequence[int],
                                     home: str) -> pd.Series | None:
    """Research projects of the academic year with a foreign partner country (not the home country;
    a blank country is not counted); projects.

    A country written but not recognised counts as foreign (`metrics.rows.is_foreign`). Not
    available when the country column has no values.
    """
    country = research_projects["country"]
    written = research_projects.get("country_raw", country).astype("string").str.strip()
    given = (written.notna() & (written != "")).to_numpy(dtype=bool)
    if not given.any():
        return None
    rows = research_projects.loc[given & is_foreign(country, home)]
    return per_year(rows.groupby("year").size(), years)


def foreign_staff_share_by_year(staff: pd.DataFrame, *, years: Sequence[int], home: str) -> pd.Series:
    """Foreign ÷ all academic staff × 100, on FTE when staff.csv gives fte (a blank fte counts as count),
    else on headcount; %.

    QS International Faculty Ratio; THE proportion of international staff. Unresolved
    citizenship counts as foreign (`metrics.rows.staff_weights`).
    """
    weight = staff_weights(staff)
    foreign = weight.where(is_foreign(staff["citizenship"], home), 0.0)
    return _ratio(per_year(foreign.groupby(staff["year"]).sum(), years, dtype="Float64"),
                  per_year(weight.groupby(staff["year"]).sum(), years, dtype="Float64"), PERCENT)
