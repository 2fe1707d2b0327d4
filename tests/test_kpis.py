"""KPI functions and entry points on small literal frames with hand-computed values."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from metrics import engine as E
from metrics import kpis as k
from metrics import rows as R
from metrics.catalogue import CATALOGUE, KPIS, UNITS
from metrics.ingest import Dataset

HOME = "UZB"
TEXT = "str"


def text(values):
    return pd.Series(values, dtype=TEXT)


def students_frame(rows, columns=("year", "citizenship", "count", "status", "student_id")):
    frame = pd.DataFrame(rows, columns=list(columns))
    out = {}
    for column in columns:
        if column in ("year", "count"):
            out[column] = frame[column].astype("int64")
        else:
            out[column] = text(frame[column].tolist())
    return pd.DataFrame(out)


def totals_frame(rows, with_programs=False):
    frame = pd.DataFrame(rows, columns=["year", "faculty", "total_students", "programs"][: 4 if with_programs else 3])
    out = pd.DataFrame({"year": frame["year"].astype("int64"),
                        "total_students": pd.array(frame["total_students"].tolist(), dtype="Int64"),
                        "faculty": text(frame["faculty"].tolist())})
    if with_programs:
        out["programs"] = pd.array(frame["programs"].tolist(), dtype="Int64")
    return out


def partners_frame(rows):
    """rows: (partner, country, partner_id, signed, expires)."""
    frame = pd.DataFrame(rows, columns=["partner", "country", "partner_id", "signed", "expires"])
    return pd.DataFrame({"partner": text(frame["partner"].tolist()), "country": text(frame["country"].tolist()),
                         "partner_id": text(frame["partner_id"].tolist()),
                         "signed": pd.to_datetime(frame["signed"]), "expires": pd.to_datetime(frame["expires"])})


def mobility_frame(rows, partner=None):
    """rows: (year, direction, category, country, count)."""
    frame = pd.DataFrame(rows, columns=["year", "direction", "category", "country", "count"])
    out = pd.DataFrame({"year": frame["year"].astype("int64"), "direction": text(frame["direction"].tolist()),
                        "category": text(frame["category"].tolist()), "country": text(frame["country"].tolist()),
                        "count": frame["count"].astype("int64")})
    if partner is not None:
        out["partner"] = text(partner)
    return out


def programs_frame(rows):
    """rows: (program, partner, country, start_year, end_year)."""
    frame = pd.DataFrame(rows, columns=["program", "partner", "country", "start_year", "end_year"])
    return pd.DataFrame({"program": text(frame["program"].tolist()), "partner": text(frame["partner"].tolist()),
                         "country": text(frame["country"].tolist()), "type": text(["double"] * len(frame)),
                         "level": text(["Master"] * len(frame)), "start_year": frame["start_year"].astype("int64"),
                         "end_year": pd.array(frame["end_year"].tolist(), dtype="Int64")})


def grants_frame(rows):
    """rows: (grant, partner, start_year, end_year)."""
    frame = pd.DataFrame(rows, columns=["grant", "partner", "start_year", "end_year"])
    return pd.DataFrame({"grant": text(frame["grant"].tolist()), "partner": text(frame["partner"].tolist()),
                         "country": text(["KAZ"] * len(frame)), "start_year": frame["start_year"].astype("int64"),
                         "end_year": pd.array(frame["end_year"].tolist(), dtype="Int64")})


def events_frame(rows):
    """rows: (year, participants, international_participants)."""
    frame = pd.DataFrame(rows, columns=["year", "participants", "international_participants"])
    return pd.DataFrame({"event": text([f"e{i}" for i in range(len(frame))]), "year": frame["year"].astype("int64"),
                         "type": text(["conference"] * len(frame)),
                         "participants": pd.array(frame["participants"].tolist(), dtype="Int64"),
                         "international_participants": pd.array(frame["international_participants"].tolist(), dtype="Int64"),
                         "countries": text([""] * len(frame))})


def staff_frame(rows, fte=True):
    """rows: (year, citizenship, fte, count)."""
    frame = pd.DataFrame(rows, columns=["year", "citizenship", "fte", "count"])
    out = pd.DataFrame({"year": frame["year"].astype("int64"), "citizenship": text(frame["citizenship"].tolist()),
                        "count": frame["count"].astype("int64")})
    if fte:
        out["fte"] = pd.array(frame["fte"].tolist(), dtype="Float64")
    return out


def dataset(**frames):
    return Dataset(frames={name: frame for name, frame in frames.items() if frame is not None}, home=HOME)


def value(series, year):
    result = series[year]
    return None if pd.isna(result) else result


# ----------------------------------------------------------------- foreign students

STUDENTS = students_frame([
    (2023, "KAZ", 1, "new", "a"),
    (2024, "KAZ", 1, "continuing", "a"),
    (2024, "KAZ", 1, "continuing", "a"),  # the same student listed twice
    (2024, "UZB", 5, "new", None),  # home country
    (2024, None, 1, "new", "c"),  # unresolved citizenship: foreign
    (2024, "RUS", 2, "graduated", None),  # not enrolled any more
    (2024, "IND", 3, "new", None),
])


def test_foreign_students_counts_a_student_listed_twice_once():
    assert k.foreign_students_by_year(STUDENTS, years=[2024], home=HOME)[2024] == 1 + 1 + 3


def test_foreign_students_excludes_home_country_rows():
    only_home = students_frame([(2024, "UZB", 7, "new", None)])
    assert k.foreign_students_by_year(only_home, years=[2024], home=HOME)[2024] == 0


def test_foreign_students_counts_unresolved_citizenship_as_foreign():
    unresolved = students_frame([(2024, None, 2, "new", None)])
    assert k.foreign_students_by_year(unresolved, years=[2024], home=HOME)[2024] == 2


def test_foreign_students_excludes_graduated_expelled_withdrawn():
    frame = students_frame([(2024, "KAZ", 1, "Graduated", None), (2024, "KAZ", 1, "expelled", None),
                            (2024, "KAZ", 1, "withdrawn", None), (2024, "KAZ", 1, "continuing", None)])
    assert k.foreign_students_by_year(frame, years=[2024], home=HOME)[2024] == 1


def test_foreign_students_without_status_column_counts_every_row():
    frame = students_frame([(2024, "KAZ", 2), (2024, "RUS", 1)], columns=("year", "citizenship", "count"))
    assert k.foreign_students_by_year(frame, years=[2024], home=HOME)[2024] == 3


def test_foreign_students_is_zero_in_a_year_without_rows():
    assert k.foreign_students_by_year(STUDENTS, years=[2022], home=HOME)[2022] == 0


def test_foreign_students_does_not_change_its_input():
    before = STUDENTS.copy()
    k.foreign_students_by_year(STUDENTS, years=[2023, 2024], home=HOME)
    pd.testing.assert_frame_equal(STUDENTS, before)


def test_new_foreign_students_uses_status_and_first_year_seen():
    # 2024: c (new), IND x3 (new); a is continuing and was seen in 2023.
    assert k.new_foreign_students_by_year(STUDENTS, years=[2024], home=HOME)[2024] == 4


def test_new_foreign_students_by_first_year_seen_without_status():
    frame = students_frame([(2023, "KAZ", 1, "a"), (2024, "KAZ", 1, "a"), (2024, "RUS", 1, "b")],
                           columns=("year", "citizenship", "count", "student_id"))
    series = k.new_foreign_students_by_year(frame, years=[2023, 2024], home=HOME)
    assert series[2024] == 1  # b is first seen in 2024
    assert pd.isna(series[2023])  # the first year of data cannot tell who is new


def test_new_foreign_students_not_available_without_status_or_id():
    frame = students_frame([(2024, "KAZ", 1)], columns=("year", "citizenship", "count"))
    assert k.new_foreign_students_by_year(frame, years=[2024], home=HOME) is None


def test_foreign_student_share_uses_the_university_row_of_totals():
    totals = totals_frame([(2024, None, 200), (2024, "Medicine", 150)])
    assert k.foreign_student_share_by_year(STUDENTS, totals, years=[2024], home=HOME)[2024] == pytest.approx(5 / 200 * 100)


def test_foreign_student_share_sums_faculty_rows_without_a_university_row():
    totals = totals_frame([(2024, "Medicine", 150), (2024, "Pediatrics", 100)])
    assert k.foreign_student_share_by_year(STUDENTS, totals, years=[2024], home=HOME)[2024] == pytest.approx(2.0)


def test_foreign_student_share_from_students_when_they_include_home_students():
    # 2024 active: a 1, UZB 5, c 1, IND 3 -> 10 students, 5 foreign.
    assert k.foreign_student_share_by_year(STUDENTS, None, years=[2024], home=HOME)[2024] == pytest.approx(50.0)


def test_foreign_student_share_not_available_without_totals_or_home_students():
    frame = students_frame([(2024, "KAZ", 1, "new", None)])
    assert k.foreign_student_share_by_year(frame, None, years=[2024], home=HOME) is None


def test_foreign_student_share_is_na_for_a_year_missing_from_totals():
    totals = totals_frame([(2023, None, 100)])
    assert pd.isna(k.foreign_student_share_by_year(STUDENTS, totals, years=[2024], home=HOME)[2024])


def test_foreign_student_countries_does_not_count_unknown():
    assert k.foreign_student_countries_by_year(STUDENTS, years=[2024], home=HOME)[2024] == 2  # KAZ, IND


def test_top_country_share_is_largest_country_over_all_foreign():
    assert k.top_country_share_by_year(STUDENTS, years=[2024], home=HOME)[2024] == pytest.approx(3 / 5 * 100)


def test_top_country_share_is_na_without_foreign_students():
    assert pd.isna(k.top_country_share_by_year(STUDENTS, years=[2022], home=HOME)[2022])


def test_student_diversity_index_is_nationalities_per_thousand_students():
    totals = totals_frame([(2024, None, 200)])
    # (5 / 200) * (2 / 5) * 1000 = 10
    assert k.student_diversity_index_by_year(STUDENTS, totals, years=[2024], home=HOME)[2024] == pytest.approx(10.0)


# ----------------------------------------------------------------- foreign students: accreditation breakdowns

def test_foreign_students_split_into_cis_non_cis_and_unknown():
    # 2024 foreign (as foreign_students counts them): a KAZ 1 (CIS), c unknown 1, IND 3 (non-CIS)
    cis = k.foreign_students_cis_by_year(STUDENTS, years=[2023, 2024], home=HOME)
    non_cis = k.foreign_students_non_cis_by_year(STUDENTS, years=[2023, 2024], home=HOME)
    assert cis.tolist() == [1, 1] and non_cis.tolist() == [0, 3]
    unknown = 1
    assert cis[2024] + non_cis[2024] + unknown == k.foreign_students_by_year(STUDENTS, years=[2024], home=HOME)[2024]


def test_cis_split_uses_the_cis_list_and_leaves_georgia_and_ukraine_out():
    frame = students_frame([(2024, "TKM", 2, "new", None), (2024, "GEO", 3, "new", None), (2024, "UKR", 4, "new", None),
                            (2024, "RUS", 5, "expelled", None), (2024, "UZB", 6, "new", None)])
    assert k.foreign_students_cis_by_year(frame, years=[2024], home=HOME)[2024] == 2
    assert k.foreign_students_non_cis_by_year(frame, years=[2024], home=HOME)[2024] == 3 + 4


SEXED = students_frame([
    (2023, "KAZ", 1, "new", None, None),  # no sex recorded in 2023
    (2024, "KAZ", 2, "new", None, "F"),
    (2024, "IND", 3, "continuing", None, "M"),
    (2024, "RUS", 1, "new", None, None),  # blank sex: left out
    (2024, "UZB", 10, "new", None, "F"),  # home country
    (2024, "TUR", 4, "graduated", None, "F"),  # not enrolled
], columns=("year", "citizenship", "count", "status", "student_id", "sex"))


def test_foreign_women_share_is_women_over_foreign_students_with_a_recorded_sex():
    share = k.foreign_women_share_by_year(SEXED, years=[2023, 2024], home=HOME)
    assert share[2024] == pytest.approx(2 / (2 + 3) * 100)
    assert pd.isna(share[2023])


def test_foreign_women_share_not_available_without_sex():
    assert k.foreign_women_share_by_year(STUDENTS, years=[2024], home=HOME) is None
    blank_sex = SEXED.assign(sex=text([None] * len(SEXED)))
    assert k.foreign_women_share_by_year(blank_sex, years=[2024], home=HOME) is None


FINAL = students_frame([
    (2023, "RUS", 2, "continuing", None),
    (2024, "KAZ", 1, "graduated", "a"),
    (2024, "KAZ", 1, "Graduated", "a"),  # the same student listed twice
    (2024, "IND", 3, "graduated", None),
    (2024, "UZB", 5, "graduated", None),  # home country
    (2024, "RUS", 1, "expelled", "r"),
    (2024, None, 1, "withdrawn", None),  # unresolved citizenship: foreign
    (2024, "KAZ", 4, "continuing", None),
])


def test_foreign_graduates_sum_graduated_foreign_rows_once_per_student():
    assert k.foreign_graduates_by_year(FINAL, years=[2023, 2024], home=HOME).tolist() == [0, 1 + 3]


def test_foreign_dropout_rate_is_expelled_and_withdrawn_over_foreign_students():
    rate = k.foreign_dropout_rate_by_year(FINAL, years=[2023, 2024, 2025], home=HOME)
    assert rate[2024] == pytest.approx((1 + 1) / 4 * 100)  # 4 enrolled foreign students in 2024
    assert rate[2023] == pytest.approx(0.0)
    assert pd.isna(rate[2025])  # no foreign students


def test_graduates_and_dropout_not_available_without_status():
    frame = students_frame([(2024, "KAZ", 2), (2024, "RUS", 1)], columns=("year", "citizenship", "count"))
    assert k.foreign_graduates_by_year(frame, years=[2024], home=HOME) is None
    assert k.foreign_dropout_rate_by_year(frame, years=[2024], home=HOME) is None
    blank_status = FINAL.assign(status=text([None] * len(FINAL)))
    assert k.foreign_graduates_by_year(blank_status, years=[2024], home=HOME) is None


def test_foreign_retention_rate_follows_new_students_into_the_next_year():
    frame = students_frame([
        (2023, "KAZ", 1, "new", "a"), (2024, "KAZ", 1, "continuing", "a"),  # retained
        (2023, "IND", 1, "new", "b"), (2024, "IND", 1, "expelled", "b"),  # dropped out
        (2023, "IND", 1, "new", "c"),  # not seen in 2024
        (2023, "RUS", 1, "new", "d"), (2024, "RUS", 1, "graduated", "d"),  # graduated: retained
        (2023, "UZB", 1, "new", "e"),  # home country
        (2023, "KAZ", 5, "new", None),  # no id
    ])
    rate = k.foreign_retention_rate_by_year(frame, years=[2023, 2024], home=HOME)
    assert rate[2023] == pytest.approx(2 / 4 * 100)
    assert pd.isna(rate[2024])  # 2025 is not in the data


def test_source_concentration_is_the_hhi_of_known_citizenships():
    # 2024: KAZ 1 and IND 3 of known citizenship (unknown left out): 25² + 75² = 6,250
    hhi = k.source_concentration_by_year(STUDENTS, years=[2022, 2023, 2024], home=HOME)
    assert hhi[2024] == pytest.approx(25.0 ** 2 + 75.0 ** 2)
    assert hhi[2023] == pytest.approx(10_000.0)  # one country
    assert pd.isna(hhi[2022])


def test_source_concentration_is_na_with_only_unknown_citizenship():
    frame = students_frame([(2024, None, 3, "new", None)])
    assert pd.isna(k.source_concentration_by_year(frame, years=[2024], home=HOME)[2024])


# ----------------------------------------------------------------- recruitment

def applications_frame(rows):
    """rows: (year, citizenship, stage, count)."""
    frame = pd.DataFrame(rows, columns=["year", "citizenship", "stage", "count"])
    return pd.DataFrame({"year": frame["year"].astype("int64"), "citizenship": text(frame["citizenship"].tolist()),
                         "stage": text(frame["stage"].tolist()), "count": frame["count"].astype("int64")})


APPLICATIONS = applications_frame([
    (2024, "KAZ", "applied", 10), (2024, "IND", "applied", 30), (2024, None, "applied", 2),
    (2024, "UZB", "applied", 500),  # home country: not counted
    (2024, "KAZ", "admitted", 6), (2024, "IND", "Admitted", 12), (2024, "UZB", "admitted", 300),
    (2024, "KAZ", "enrolled", 3), (2024, "IND", "enrolled", 6), (2024, "UZB", "enrolled", 250),
])


def test_foreign_applications_sum_applied_foreign_rows():
    assert k.foreign_applications_by_year(APPLICATIONS, years=[2023, 2024], home=HOME).tolist() == [0, 10 + 30 + 2]


def test_admission_rate_and_yield_are_stage_ratios_of_foreign_applicants():
    admission = k.foreign_admission_rate_by_year(APPLICATIONS, years=[2023, 2024], home=HOME)
    assert admission[2024] == pytest.approx(18 / 42 * 100)
    assert pd.isna(admission[2023])
    assert k.foreign_enrolment_yield_by_year(APPLICATIONS, years=[2024], home=HOME)[2024] == pytest.approx(9 / 18 * 100)


def test_recruitment_kpis_not_available_without_the_applications_export():
    reasons = E.kpi_unavailable_reasons(dataset(students=STUDENTS))
    for kpi_id in ("foreign_applications", "foreign_admission_rate", "foreign_enrolment_yield"):
        assert reasons[kpi_id] == E.Unavailable("export_missing", "applications")
    values = E.compute_kpis(dataset(students=STUDENTS, applications=APPLICATIONS), 2024)
    assert values["foreign_applications"] == 42
    assert values["foreign_enrolment_yield"] == pytest.approx(50.0)


# ----------------------------------------------------------------- partners

PARTNERS = partners_frame([
    ("Kazakh National Medical University", "KAZ", "P1", "2019-03-12", "2024-03-12"),
    ("Kazakh National Medical University", "KAZ", "P1", "2024-03-01", None),  # second agreement, open-ended
    ("Grodno  State medical University", "BLR", None, None, "2023-12-31"),  # no signed date
    ("grodno state medical university", "BLR", None, "2024-10-01", "2025-01-31"),  # same partner, folded name
    ("Tashkent Clinic", "UZB", None, "2020-01-01", None),  # home-country partner: not foreign
    ("Unknown Institute", None, None, "2025-06-01", "2027-01-01"),  # unresolved country
])


def test_active_partners_counts_a_partner_with_two_agreements_once():
    series = k.active_partners_by_year(PARTNERS, years=[2023, 2024], home=HOME)
    assert series[2023] == 2  # P1 and Grodno (valid until 31 Dec 2023)
    assert series[2024] == 3  # P1, Grodno (signed Oct 2024), Unknown Institute (signed June 2025)


def test_active_partners_treats_an_agreement_without_end_date_as_open_ended():
    series = k.active_partners_by_year(PARTNERS, years=[2030], home=HOME)
    assert series[2030] == 1  # only P1's open-ended agreement


def test_active_partners_treats_an_agreement_without_signed_date_as_valid_before():
    series = k.active_partners_by_year(PARTNERS, years=[2010], home=HOME)
    assert series[2010] == 1  # Grodno: no signed date, ends 2023


def test_active_partners_counts_an_agreement_valid_for_part_of_the_year():
    frame = partners_frame([("A", "KAZ", None, "2025-08-31", "2026-01-01")])
    assert k.active_partners_by_year(frame, years=[2024], home=HOME)[2024] == 1  # 31 Aug 2025 is in 2024/25


def test_active_partners_is_zero_in_a_year_without_agreements():
    frame = partners_frame([("A", "KAZ", None, "2020-01-01", "2021-01-01")])
    assert k.active_partners_by_year(frame, years=[2024], home=HOME)[2024] == 0


def test_partner_countries_counts_resolved_countries_of_active_partners():
    assert k.partner_countries_by_year(PARTNERS, years=[2024], home=HOME)[2024] == 2  # KAZ, BLR


def test_agreements_signed_counts_agreements_in_the_academic_year():
    series = k.agreements_signed_by_year(PARTNERS, years=[2023, 2024], home=HOME)
    assert series[2023] == 1  # P1 on 1 Mar 2024
    assert series[2024] == 2  # Grodno Oct 2024, Unknown Institute June 2025


def test_agreements_expiring_counts_agreements_ending_within_180_days_of_as_of():
    series = k.agreements_expiring_by_year(PARTNERS, years=[2023, 2024], home=HOME, as_of=dt.date(2024, 12, 1))
    assert series.tolist() == [1, 1]  # Grodno ends 31 Jan 2025; a snapshot, same for every year


def test_agreements_expiring_excludes_agreements_not_yet_signed_on_as_of():
    series = k.agreements_expiring_by_year(PARTNERS, years=[2024], home=HOME, as_of=dt.date(2024, 9, 1))
    assert series[2024] == 0  # Grodno's second agreement is signed 1 Oct 2024


def test_dormant_partners_are_active_partners_without_recent_activity():
    mobility = mobility_frame([(2023, "in", "student", "KAZ", 1)], partner=["KAZAKH NATIONAL MEDICAL UNIVERSITY"])
    series = k.dormant_partners_by_year(PARTNERS, mobility, None, None, years=[2024, 2025], home=HOME)
    assert series[2024] == 2  # Grodno and Unknown Institute; P1 had mobility in 2023 (= Y-1)
    assert series[2025] == 2  # P1 (2023 is too long ago) and Unknown Institute; Grodno no longer active


def test_dormant_partners_counts_programs_and_grants_as_activity():
    programs = programs_frame([("MPH", "Grodno State Medical University", "BLR", 2020, None)])
    grants = grants_frame([("G", "Unknown  institute", 2024, 2024)])
    series = k.dormant_partners_by_year(PARTNERS, None, programs, grants, years=[2024], home=HOME)
    assert series[2024] == 1  # only P1


def test_dormant_partners_not_available_without_activity_exports():
    assert k.dormant_partners_by_year(PARTNERS, None, None, None, years=[2024], home=HOME) is None


def test_partner_network_breadth_is_countries_over_log_partners():
    series = k.partner_network_breadth_by_year(PARTNERS, years=[2023, 2030], home=HOME)
    assert series[2023] == pytest.approx(2 / math.log(2))
    assert pd.isna(series[2030])  # one partner


# ----------------------------------------------------------------- joint programs

PROGRAMS = programs_frame([
    ("MPH", "A", "KAZ", 2020, None),
    ("MD", "B", "BLR", 2022, 2023),
    ("PhD", "C", "RUS", 2025, None),
])


def test_joint_programs_counts_programs_running_in_the_year():
    series = k.joint_programs_by_year(PROGRAMS, years=[2019, 2023, 2024, 2025])
    assert series.tolist() == [0, 2, 1, 2]


def test_joint_program_share_divides_by_all_programs():
    totals = totals_frame([(2023, None, 100, 40)], with_programs=True)
    assert k.joint_program_share_by_year(PROGRAMS, totals, years=[2023])[2023] == pytest.approx(5.0)


def test_joint_program_share_not_available_without_programs_column():
    totals = totals_frame([(2023, None, 100)])
    assert k.joint_program_share_by_year(PROGRAMS, totals, years=[2023]) is None


def test_joint_program_students_and_graduates_sum_enrollment():
    enrollment = pd.DataFrame({"program": text(["MPH", "MD", "MPH"]), "year": pd.Series([2023, 2023, 2024], dtype="int64"),
                               "students": pd.array([10, 5, 12], dtype="Int64"),
                               "graduates": pd.array([2, None, 3], dtype="Int64")})
    assert k.joint_program_students_by_year(enrollment, years=[2023])[2023] == 15
    assert k.joint_program_graduates_by_year(enrollment, years=[2023, 2025]).tolist() == [2, 0]


def test_foreign_language_programs_count_programs_with_a_non_official_language():
    programs = PROGRAMS.assign(language=text(["en", "uz;EN", "uz"]))
    programs = pd.concat([programs, programs_frame([("Nursing", "D", "TUR", 2020, None)]).assign(language=text([None]))],
                         ignore_index=True)
    # Uzbekistan's official language is uz: MPH (en) and MD (uz;en) count, PhD (uz) and Nursing (blank) do not
    series = k.foreign_language_programs_by_year(programs, years=[2019, 2023, 2024, 2025], home=HOME)
    assert series.tolist() == [0, 2, 1, 1]


def test_foreign_language_programs_compare_with_the_home_countrys_official_languages(monkeypatch):
    from metrics import countries

    programs = PROGRAMS.assign(language=text(["en", "uz;EN", "uz"]))
    monkeypatch.setattr(countries, "official_languages", lambda code: ("uz", "en") if code == HOME else ())
    assert k.foreign_language_programs_by_year(programs, years=[2023], home=HOME)[2023] == 0


def test_foreign_language_programs_not_available_without_language():
    assert k.foreign_language_programs_by_year(PROGRAMS, years=[2023], home=HOME) is None
    reasons = E.kpi_unavailable_reasons(dataset(programs=PROGRAMS, students=STUDENTS))
    assert reasons["foreign_language_programs"] == E.Unavailable("values_missing", "programs", ("language",))
    assert reasons["foreign_women_share"] == E.Unavailable("values_missing", "students", ("sex",))
    assert "foreign_students_cis" not in reasons and "source_concentration" not in reasons


# ----------------------------------------------------------------- mobility, events, grants, staff

MOBILITY = mobility_frame([
    (2024, "in", "student", "KAZ", 3),
    (2024, "in", "staff", "RUS", 1),
    (2024, "out", "student", "TUR", 2),
    (2024, "out", "staff", None, 1),  # unresolved country: international
    (2024, "out", "student", "UZB", 9),  # domestic: not international
])


def test_inbound_and_outbound_mobility_sum_counts_of_international_rows():
    assert k.inbound_mobility_by_year(MOBILITY, years=[2024], home=HOME)[2024] == 4
    assert k.outbound_mobility_by_year(MOBILITY, years=[2024], home=HOME)[2024] == 3


def test_mobility_splits_by_students_and_staff():
    assert k.inbound_student_mobility_by_year(MOBILITY, years=[2024], home=HOME)[2024] == 3
    assert k.inbound_staff_mobility_by_year(MOBILITY, years=[2024], home=HOME)[2024] == 1
    assert k.outbound_student_mobility_by_year(MOBILITY, years=[2024], home=HOME)[2024] == 2
    assert k.outbound_staff_mobility_by_year(MOBILITY, years=[2024], home=HOME)[2024] == 1


def test_outbound_student_ratio_divides_by_all_students():
    totals = totals_frame([(2024, None, 400)])
    assert k.outbound_student_ratio_by_year(MOBILITY, None, totals, years=[2024], home=HOME)[2024] == pytest.approx(0.5)


def test_international_events_count_events_with_international_participants():
    events = events_frame([(2024, 100, 10), (2024, 50, 0), (2024, 30, None), (2023, 20, 5)])
    assert k.international_events_by_year(events, years=[2024])[2024] == 1
    assert k.international_event_participants_by_year(events, years=[2024])[2024] == 10


def test_active_grants_count_running_projects_with_open_end():
    grants = grants_frame([("a", "X", 2020, 2022), ("b", "Y", 2022, None), ("c", "Z", 2025, 2026)])
    assert k.active_grants_by_year(grants, years=[2021, 2022, 2024]).tolist() == [1, 2, 1]


def test_foreign_staff_share_uses_fte_when_given():
    staff = staff_frame([(2024, "UZB", 90.0, 100), (2024, "KAZ", 2.5, 3), (2024, None, None, 1)])
    # weights: 90, 2.5, blank fte -> count 1; foreign 3.5 of 93.5
    assert k.foreign_staff_share_by_year(staff, years=[2024], home=HOME)[2024] == pytest.approx(3.5 / 93.5 * 100)


def test_foreign_staff_share_uses_headcount_without_fte():
    staff = staff_frame([(2024, "UZB", None, 95), (2024, "KAZ", None, 5)], fte=False)
    assert k.foreign_staff_share_by_year(staff, years=[2024], home=HOME)[2024] == pytest.approx(5.0)


# ----------------------------------------------------------------- entry points

def full_dataset():
    return dataset(students=STUDENTS, totals=totals_frame([(2023, None, 150), (2024, None, 200)]),
                   partners=PARTNERS, mobility=MOBILITY)


def test_compute_kpis_returns_every_catalogue_kpi():
    result = E.compute_kpis(full_dataset(), 2024, as_of=dt.date(2024, 12, 1))
    assert list(result) == list(CATALOGUE)


def test_compute_kpis_gives_none_for_a_kpi_whose_export_is_absent():
    result = E.compute_kpis(full_dataset(), 2024)
    assert result["joint_programs"] is None
    assert result["honorary_doctorates"] is None
    assert result["foreign_staff_share"] is None
    assert result["foreign_applications"] is None
    assert result["foreign_language_programs"] is None


def test_compute_kpis_gives_zero_for_a_year_without_rows_in_a_present_export():
    result = E.compute_kpis(full_dataset(), 2030)
    assert result["foreign_students"] == 0
    assert result["inbound_mobility"] == 0
    assert result["foreign_student_share"] is None  # no total for 2030


def test_compute_kpis_values_match_the_kpi_functions():
    result = E.compute_kpis(full_dataset(), 2024, as_of=dt.date(2024, 12, 1))
    assert result["foreign_students"] == 5
    assert isinstance(result["foreign_students"], int)
    assert result["foreign_student_share"] == pytest.approx(2.5)
    assert result["active_partners"] == 3
    assert result["agreements_expiring"] == 1
    assert result["outbound_student_ratio"] == pytest.approx(1.0)


def test_compute_kpis_does_not_change_the_input_frames():
    data = full_dataset()
    before = {name: frame.copy() for name, frame in data.frames.items()}
    E.compute_kpis(data, 2024)
    E.kpi_table(data, 2024)
    for name, frame in data.frames.items():
        pd.testing.assert_frame_equal(frame, before[name])


def test_available_years_lists_years_of_yearly_exports():
    assert E.available_years(full_dataset()) == [2023, 2024]


def test_available_years_is_empty_without_data():
    assert E.available_years(dataset()) == []


def test_kpi_trend_has_one_row_per_available_year():
    trend = E.kpi_trend(full_dataset(), "foreign_students")
    assert list(trend.columns) == ["year", "value"]
    assert trend["year"].tolist() == [2023, 2024]
    assert trend["value"].tolist() == [1, 5]


def test_kpi_trend_rejects_an_unknown_kpi():
    with pytest.raises(KeyError):
        E.kpi_trend(full_dataset(), "no_such_kpi")


def test_kpis_by_year_matches_compute_kpis_for_each_year():
    data = full_dataset()
    table = E.kpis_by_year(data, as_of=dt.date(2024, 12, 1))
    for year in (2023, 2024):
        single = E.compute_kpis(data, year, as_of=dt.date(2024, 12, 1))
        for kpi_id, number in single.items():
            expected = table.loc[year, kpi_id]
            assert (number is None and pd.isna(expected)) or number == pytest.approx(float(expected))


def test_kpi_table_has_previous_change_and_english_names():
    table = E.kpi_table(full_dataset(), 2024)
    assert list(table.columns) == list(E.KPI_TABLE_COLUMNS)
    row = table.set_index("kpi").loc["foreign_students"]
    assert row["name"] == "Foreign students"
    assert (row["value"], row["previous"], row["change"]) == (5, 1, 4)
    assert row["change_pct"] == pytest.approx(400.0)


def test_kpi_table_picks_russian_and_uzbek_names():
    assert E.kpi_table(full_dataset(), 2024, lang="ru").set_index("kpi").loc["foreign_students", "name"] == "Иностранные студенты"
    assert E.kpi_table(full_dataset(), 2024, lang="uz").set_index("kpi").loc["foreign_students", "name"] == "Xorijiy talabalar"


def test_kpi_table_reports_target_status():
    targets = pd.DataFrame({"kpi": text(["foreign_students"]), "year": pd.Series([2024], dtype="int64"),
                            "target": pd.array([4.0], dtype="Float64")})
    data = full_dataset().replace_frames(targets=targets)
    row = E.kpi_table(data, 2024).set_index("kpi").loc["foreign_students"]
    assert (row["target"], row["gap"], row["status"]) == (4.0, 1.0, "met")


def test_kpi_table_leaves_previous_empty_for_snapshot_kpis():
    row = E.kpi_table(full_dataset(), 2024).set_index("kpi").loc["agreements_expiring"]
    assert pd.isna(row["previous"])


def test_results_are_recomputed_for_a_new_dataset():
    data = full_dataset()
    assert E.compute_kpis(data, 2024)["foreign_students"] == 5
    smaller = data.replace_frames(students=STUDENTS.iloc[:2])
    assert E.compute_kpis(smaller, 2024)["foreign_students"] == 1


# ----------------------------------------------------------------- catalogue

def test_catalogue_entries_are_complete():
    for kpi in KPIS:
        assert kpi.unit in UNITS
        assert kpi.name_en and kpi.name_ru and kpi.name_uz and kpi.definition
        assert callable(kpi.function) and kpi.function.__doc__
        assert kpi.sources


def test_every_kpi_has_a_definition_in_every_language_and_english_is_the_docstring():
    import inspect

    for kpi in KPIS:
        first = " ".join(inspect.getdoc(kpi.function).split("\n\n")[0].split())
        assert kpi.definition == first, kpi.id
        assert kpi.definition_in("en") == first, kpi.id
        for lang in ("ru", "uz"):
            assert kpi.definition_in(lang).strip(), (kpi.id, lang)
            assert kpi.definition_in(lang) != first, (kpi.id, lang)
        assert kpi.definition_in("ru") == kpi.definition_ru and kpi.definition_in("uz") == kpi.definition_uz
        assert kpi.definition_in("fr") == first


def test_definitions_are_written_in_their_script():
    import re

    for kpi in KPIS:
        assert re.search("[А-Яа-яЁё]", kpi.definition_ru), kpi.id
        assert not re.search("[А-Яа-яЁё]", kpi.definition_uz), kpi.id
        # Uzbek Latin: oʻ/gʻ with U+02BB and the tutuq belgisi with U+02BC, never quotes or an ASCII apostrophe
        for text in (kpi.definition_uz, kpi.name_uz):
            assert not re.search("['\u2018\u2019`]", text), (kpi.id, text)
            assert all(text[i - 1] in "oOgG" for i, c in enumerate(text) if c == "\u02bb"), (kpi.id, text)
        assert not re.search("[oOgG]\u02bc", kpi.definition_uz), kpi.id


def test_kpi_table_gives_the_definition_in_the_language():
    data = full_dataset()
    for lang in ("en", "ru", "uz"):
        table = E.kpi_table(data, 2024, lang=lang).set_index("kpi")
        for kpi in KPIS:
            assert table.loc[kpi.id, "definition"] == kpi.definition_in(lang)


def test_catalogue_ids_are_unique_and_complete():
    expected = {
        "foreign_students", "new_foreign_students", "foreign_student_share", "foreign_student_countries",
        "top_country_share", "student_diversity_index", "active_partners", "partner_countries",
        "agreements_signed", "agreements_expiring", "dormant_partners", "partner_network_breadth",
        "joint_programs", "joint_program_students", "joint_program_graduates", "joint_program_share",
        "inbound_mobility", "outbound_mobility", "inbound_student_mobility", "inbound_staff_mobility",
        "outbound_student_mobility", "outbound_staff_mobility", "outbound_student_ratio",
        "international_events", "international_event_participants", "active_grants", "honorary_doctorates",
        "active_research_projects", "foreign_staff_share",
        "foreign_students_cis", "foreign_students_non_cis", "foreign_women_share", "foreign_graduates",
        "foreign_dropout_rate", "foreign_retention_rate", "source_concentration", "foreign_applications",
        "foreign_admission_rate", "foreign_enrolment_yield", "foreign_language_programs"}
    assert len(KPIS) == len(CATALOGUE) == len(expected)
    assert set(CATALOGUE) == expected


def test_kpi_docs_are_up_to_date():
    from pathlib import Path

    from scripts.make_kpi_docs import render

    path = Path(__file__).resolve().parent.parent / "docs" / "KPIS.md"
    assert path.read_text(encoding="utf-8") == render(), "run: python scripts/make_kpi_docs.py"


def test_kpi_module_does_not_import_streamlit():
    import subprocess
    import sys

    code = ("import sys, metrics.kpis, metrics.catalogue, metrics.breakdowns, metrics.filters, metrics.targets, "
            "metrics.engine, metrics.rows, metrics.years, metrics.memo, metrics.kpi_cli; print('streamlit' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=str(__import__("pathlib").Path(__file__).resolve().parent.parent))
    assert out.stdout.strip() == "False"


# ----------------------------------------------------------------- more edge cases

def test_partner_identity_takes_the_id_of_a_row_with_the_same_name():
    frame = partners_frame([("Uni A", "KAZ", "P1", "2020-01-01", None), ("uni  a", "KAZ", None, "2021-01-01", None)])
    assert k.active_partners_by_year(frame, years=[2024], home=HOME)[2024] == 1


def test_partners_with_different_ids_and_the_same_name_are_two_partners():
    frame = partners_frame([("Uni A", "KAZ", "P1", "2020-01-01", None), ("Uni A", "KAZ", "P2", "2020-01-01", None)])
    assert k.active_partners_by_year(frame, years=[2024], home=HOME)[2024] == 2


def test_honorary_doctorates_count_awards_in_the_year():
    honours = pd.DataFrame({"year": pd.Series([2023, 2024, 2024], dtype="int64"), "country": text(["USA", "DEU", None])})
    assert k.honorary_doctorates_by_year(honours, years=[2023, 2024, 2025]).tolist() == [1, 2, 0]


def test_kpi_table_change_pct_is_none_when_previous_is_zero():
    data = dataset(students=students_frame([(2023, "UZB", 5, "new", None), (2024, "KAZ", 2, "new", None)]))
    row = E.kpi_table(data, 2024).set_index("kpi").loc["foreign_students"]
    assert (row["previous"], row["change"]) == (0, 2)
    assert pd.isna(row["change_pct"])


def test_compute_kpis_with_as_of_changes_only_agreements_expiring():
    data = full_dataset()
    early = E.compute_kpis(data, 2024, as_of=dt.date(2024, 12, 1))
    late = E.compute_kpis(data, 2024, as_of=dt.date(2030, 1, 1))
    assert early["agreements_expiring"] == 1 and late["agreements_expiring"] == 0
    assert {key: value for key, value in early.items() if key != "agreements_expiring"} == \
        {key: value for key, value in late.items() if key != "agreements_expiring"}


def test_kpis_by_year_returns_the_years_asked_for():
    table = E.kpis_by_year(full_dataset(), years=[2024, 2030])
    assert table.index.tolist() == [2024, 2030]
    assert table.loc[2030, "foreign_students"] == 0


def test_modifying_a_returned_frame_does_not_change_later_results():
    rows = R.foreign_student_rows(STUDENTS, HOME)
    rows["count"] = 100
    assert k.foreign_students_by_year(STUDENTS, years=[2024], home=HOME)[2024] == 5


# ----------------------------------------------------------------- why a KPI is not available

def test_new_foreign_students_not_available_when_status_and_id_are_blank():
    # ingestion gives a file without these columns blank ones: blank is "absent", not "no new students"
    frame = students_frame([(2024, "KAZ", 1, None, None), (2025, "RUS", 2, None, None)])
    assert k.new_foreign_students_by_year(frame, years=[2024, 2025], home=HOME) is None


def test_kpi_unavailable_reasons_name_the_export_and_the_columns():
    students = students_frame([(2024, "KAZ", 1, None, None)])
    reasons = E.kpi_unavailable_reasons(dataset(students=students))
    assert reasons["new_foreign_students"] == E.Unavailable("values_missing", "students", ("status", "student_id"))
    assert reasons["active_partners"] == E.Unavailable("export_missing", "partners")
    assert "foreign_students" not in reasons


def test_an_unreadable_export_is_named_with_its_file():
    from metrics.validation import Issue

    data = Dataset(frames={}, home=HOME, unreadable=(Issue("Partners.CSV", None, None, None, "no header row",
                                                           "error", "file_unreadable"),))
    assert E.export_unavailable(data, "partners") == E.Unavailable("export_unreadable", "partners", file="Partners.CSV")
    assert E.export_unavailable(data, "students") == E.Unavailable("export_missing", "students")


def test_kpi_table_gives_the_reason_for_every_missing_value():
    students = students_frame([(2024, "KAZ", 1, None, None)])
    table = E.kpi_table(dataset(students=students), 2024).set_index("kpi")
    assert pd.isna(table.loc["new_foreign_students", "value"])
    assert table.loc["new_foreign_students", "reason"] == "the students export has no values in status or student_id"
    assert table.loc["active_partners", "reason"] == "no partners export in the data folder"
    assert table.loc["foreign_students", "reason"] is None
    assert table["reason"].notna().sum() == table["value"].isna().sum()


@pytest.mark.parametrize("counts", ["weights", "ones", "absent"])
def test_foreign_students_by_country_and_year_of_category_columns_match_a_groupby_by_hand(counts):
    """The category path (one bincount over year × country code; a cell of two bytes per row when every
    row counts one) against a plain groupby of the same rows: counts, unknown countries (last in their
    year), zero-count groups kept, years and countries in order."""
    import numpy as np
    import pandas as pd

    from metrics.memo import clear_all
    from metrics.rows import foreign_students_by_country_and_year

    clear_all()
    rng = np.random.default_rng(5)
    rows = 500
    country = rng.choice(["IND", "CHN", "UZB", None], rows).astype(object)
    frame = pd.DataFrame({"year": rng.integers(2019, 2024, rows),
                          "citizenship": pd.Categorical(country, categories=["CHN", "IND", "KAZ", "UZB"]),
                          "count": rng.integers(0, 4, rows) if counts == "weights" else 1})
    frame.loc[7, ["year", "citizenship", "count"]] = [2019, "KAZ", 0 if counts == "weights" else 1]
    if counts == "absent":
        frame = frame.drop(columns="count")
    got = foreign_students_by_country_and_year(frame, "UZB")
    if counts == "absent":
        frame = frame.assign(count=1)
    foreign = frame[frame["citizenship"].astype(object) != "UZB"]
    by_hand = {}
    for year, code, count in zip(foreign["year"], foreign["citizenship"].astype(object), foreign["count"]):
        key = (int(year), code if isinstance(code, str) else None)
        by_hand[key] = by_hand.get(key, 0) + int(count)
    order = sorted(by_hand, key=lambda k: (k[0], k[1] is None, k[1] or ""))
    assert [(int(y), c if isinstance(c, str) else None) for y, c in zip(got["year"], got["country"])] == order
    assert [int(v) for v in got["students"]] == [by_hand[k] for k in order]
    assert by_hand[(2019, "KAZ")] == (0 if counts == "weights" else 1) and (2019, "KAZ") in order


@pytest.mark.parametrize("span, weighted", [(1, False), (10, False), (128, False), (150, False), (10, True)])
def test_count_by_year_masked_equals_a_groupby_of_the_masked_rows(span, weighted):
    """The masked count per year (one byte per row below 129 years, else the selected rows' offsets; with
    a count column, weights) against pandas' groupby of the selected rows."""
    import numpy as np

    from metrics.kpis import _count_by_year_masked
    from metrics.memo import clear_all

    clear_all()
    rng = np.random.default_rng(span)
    size = 5000
    frame = pd.DataFrame({"year": rng.integers(2000, 2000 + span, size)})
    frame.loc[0, "year"], frame.loc[1, "year"] = 2000, 2000 + span - 1  # the whole span present
    if weighted:
        frame["count"] = rng.integers(1, 4, size)
    mask = rng.random(size) < 0.6
    years = list(range(1999, 2001 + span))
    counted = _count_by_year_masked(frame, mask, years)
    weights = frame["count"] if weighted else pd.Series(1, index=frame.index)
    expected = weights[mask].groupby(frame["year"][mask]).sum()
    assert [int(counted[year]) for year in years] == [int(expected.get(year, 0)) for year in years]
