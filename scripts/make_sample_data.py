"""Write a realistic, synthetic and fully deterministic sample data set to ``data/``.

The data describe the international cooperation of a fictional medical university in
Samarkand ("Silk Road State Medical University") over the academic years 2016-2025
(2024 means 2024/25). Every file follows the data contract in ``metrics/schema.py``:
canonical English column names, UTF-8, comma-separated, years as plain integers.

Nothing here is real personal data. Partner institutions are real organisations (the
ones named on the university pages the project started from, plus plausible others),
but agreements, dates, counts and amounts are invented.

Usage::

    python scripts/make_sample_data.py            # writes ./data
    python scripts/make_sample_data.py --out tmp  # writes ./tmp
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

DEFAULT_SEED = 20261122
YEARS = tuple(range(2016, 2026))  # academic years written to the files
FIRST_SIMULATED_YEAR = 2002  # students are simulated from here so 2016 has a settled mix
REFERENCE_DATE = dt.date(2026, 11, 22)  # "today" for agreement expiry

SETTINGS_TOML = """\
[university]
name = "Silk Road State Medical University"
name_ru = "Государственный медицинский университет «Шёлковый путь»"
name_uz = "Ipak yoʻli davlat tibbiyot universiteti"
short_name = "SRSMU"
home_country = "UZB"
city = "Samarkand"
"""

# --------------------------------------------------------------------------- students

# Foreign headcount (rows per year in students.csv, graduating students included).
FOREIGN_HEADCOUNT_TARGET = {
    2016: 1100, 2017: 1300, 2018: 1560, 2019: 1860, 2020: 1730,
    2021: 2150, 2022: 2650, 2023: 3100, 2024: 3560, 2025: 4000,
}
MIN_INTAKE = 60

# All students, home and foreign, for the whole university.
TOTAL_STUDENTS = {
    2016: 10900, 2017: 11350, 2018: 11850, 2019: 12450, 2020: 12650,
    2021: 13250, 2022: 13950, 2023: 14700, 2024: 15400, 2025: 16100,
}
PROGRAMS_OFFERED = {
    2016: 30, 2017: 31, 2018: 32, 2019: 33, 2020: 34,
    2021: 35, 2022: 36, 2023: 37, 2024: 39, 2025: 40,
}

# Country of citizenship: (weight among 2016 entrants, weight among 2025 entrants,
# first year of intake). Weights are interpolated linearly in between.
CITIZENSHIP_MIX = {
    "Turkmenistan": (30.0, 6.0, None),
    "Tajikistan": (18.0, 5.0, None),
    "Kazakhstan": (12.0, 3.0, None),
    "Afghanistan": (10.0, 3.0, None),
    "Kyrgyzstan": (5.0, 2.0, None),
    "Russia": (4.0, 1.2, None),
    "Azerbaijan": (3.0, 1.2, None),
    "India": (6.0, 46.0, None),
    "Pakistan": (3.0, 20.0, None),
    "Bangladesh": (0.5, 3.0, None),
    "Nepal": (0.4, 2.5, None),
    "Sri Lanka": (0.3, 1.5, None),
    "Egypt": (0.5, 1.4, None),
    "Nigeria": (0.3, 1.2, None),
    "Iran": (1.5, 1.0, None),
    "Türkiye": (1.5, 0.9, None),
    "South Korea": (1.0, 0.6, None),
    "China": (0.8, 0.9, None),
    "Mongolia": (0.5, 0.5, None),
    "Iraq": (0.6, 1.2, None),
    "Jordan": (0.3, 0.8, None),
    "Syria": (0.5, 0.5, None),
    "Yemen": (0.5, 1.1, None),
    "Morocco": (0.2, 0.6, None),
    "Sudan": (0.3, 0.9, None),
    "Ghana": (0.2, 0.8, None),
    "Ukraine": (0.6, 0.2, None),
    "Belarus": (0.3, 0.2, None),
    "Armenia": (0.2, 0.2, None),
    "Georgia": (0.2, 0.2, None),
    "Lebanon": (0.1, 0.2, None),
    "Malaysia": (0.1, 0.3, None),
    "Saudi Arabia": (0.1, 0.4, None),
    "Kenya": (0.0, 0.6, 2020),
    "Indonesia": (0.0, 0.4, 2021),
    "Somalia": (0.0, 0.4, 2021),
    "Zambia": (0.0, 0.4, 2022),
    "Tanzania": (0.0, 0.3, 2022),
    "Maldives": (0.0, 0.3, 2023),
    "Vietnam": (0.0, 0.2, 2024),
}

# Other spellings a registry export produces; used for about 10% of the rows.
CITIZENSHIP_SPELLINGS = {
    "India": ("Индия",),
    "Turkmenistan": ("Туркменистан",),
    "Tajikistan": ("Таджикистан",),
    "Kazakhstan": ("Казахстан",),
    "Afghanistan": ("Афганистан",),
    "Pakistan": ("Пакистан",),
    "Kyrgyzstan": ("Кыргызстан", "Kyrgyz Republic"),
    "Russia": ("Russian Federation", "Россия"),
    "South Korea": ("Republic of Korea",),
    "Türkiye": ("Turkey",),
    "Azerbaijan": ("Азербайджан",),
    "Bangladesh": ("Бангладеш",),
    "Nepal": ("Непал",),
    "Egypt": ("Египет",),
    "China": ("Китай",),
    "Iran": ("Iran, Islamic Republic of",),
    "Syria": ("Syrian Arab Republic",),
}
SPELLING_VARIANT_PROBABILITY = 0.125
STATELESS = "Stateless"
STATELESS_STUDENTS = 2  # two master's students with two rows each: exactly 4 rows

LEVEL_MIX = {"Bachelor": 0.86, "Residency": 0.07, "Master": 0.045, "PhD": 0.025}
PROGRAM_LENGTH = {"Bachelor": (6,), "Master": (2,), "Residency": (2, 3), "PhD": (3,)}
BACHELOR_FACULTIES = {
    "General Medicine": 0.56, "Pediatrics": 0.14, "Dentistry": 0.15,
    "Pharmacy": 0.08, "Public Health": 0.07,
}
POSTGRADUATE_FACULTY = "Postgraduate Education"
MASTER_IN_PUBLIC_HEALTH_SHARE = 0.4
FEMALE_SHARE = 0.52
FEMALE_SHARE_BY_COUNTRY = {
    "Afghanistan": 0.25, "Pakistan": 0.45, "Yemen": 0.3, "Iraq": 0.4, "Syria": 0.4,
    "Sudan": 0.35, "Saudi Arabia": 0.3, "Somalia": 0.3, "India": 0.55,
}
EXPELLED_PROBABILITY = 0.025
WITHDRAWN_PROBABILITY = 0.015
FIRST_STUDENT_NUMBER = 1000

# Columns added for accreditation analyses (issue 11). Drawn from a SEPARATE random generator
# (seed + 1), so every earlier column and row of every file stays as it was.
ATTRIBUTE_SEED_OFFSET = 1
STUDY_FORM_MIX = {  # foreign students study full-time; some postgraduates part-time/evening/distance
    "Bachelor": {"full-time": 1.0},
    "Master": {"full-time": 0.9, "evening": 0.05, "distance": 0.05},
    "Residency": {"full-time": 0.85, "part-time": 0.1, "evening": 0.05},
    "PhD": {"full-time": 0.55, "part-time": 0.3, "distance": 0.15},
}
FUNDING_MIX = {  # foreign students: mostly contract (fee-paying), some on a grant
    "Bachelor": {"contract": 0.93, "grant": 0.07},
    "Master": {"contract": 0.85, "grant": 0.15},
    "Residency": {"contract": 0.85, "grant": 0.15},
    "PhD": {"contract": 0.6, "grant": 0.4},
}
# Specialties with a code in the style of the national classifier (illustrative codes, synthetic).
BACHELOR_SPECIALTY = {
    "General Medicine": "General Medicine (60910200)", "Pediatrics": "Pediatrics (60910300)",
    "Dentistry": "Dentistry (60910400)", "Pharmacy": "Pharmacy (60910600)",
    "Public Health": "Medical Prevention and Public Health (60910500)",
}
MASTER_PUBLIC_HEALTH_SPECIALTY = "Public Health (70910701)"
POSTGRADUATE_SPECIALTIES = {
    "Master": ("Healthcare Management (70910702)", "Clinical Laboratory Diagnostics (70910703)",
               "Medical Biology (70910704)"),
    "Residency": ("Cardiology (70910201)", "Surgery (70910202)", "Obstetrics and Gynaecology (70910203)",
                  "Internal Medicine (70910204)", "Neurology (70910205)"),
    "PhD": ("Cardiology (14.00.06)", "Oncology (14.00.14)", "Surgery (14.00.27)", "Public Health (14.00.33)"),
}
# Admission funnel (applications.csv): applied and admitted as multiples of the enrolled.
APPLIED_PER_ENROLLED = (2.5, 4.0)
ADMITTED_PER_ENROLLED = (1.3, 1.8)

# Home students by faculty (share of home students) for the per-faculty totals rows.
HOME_FACULTY_SHARE = {
    "General Medicine": 0.40, "Pediatrics": 0.18, "Dentistry": 0.10,
    "Pharmacy": 0.08, "Public Health": 0.07, POSTGRADUATE_FACULTY: 0.17,
}

# --------------------------------------------------------------------------- partners

# (name, country, city, type, fields, agreement, plan). Plans: "active" (in force past
# 2027), "open" (no end date), "expired", "soon" (ends within six months of the
# reference date), "2027" (ends later in 2027), or a tuple of explicit
# (agreement, signed, expires) periods. "dormant" partners have an agreement but no
# activity in the last two years.
DOMESTIC_COUNTRY = "Uzbekistan"
PARTNERS = [
    ("Asfendiyarov Kazakh National Medical University", "Kazakhstan", "Almaty", "university",
     "education;research", "cooperation agreement", (("cooperation agreement", "2016-05-20", ""),)),
    ("Beijing University of Chinese Medicine", "China", "Beijing", "university",
     "education;research", "MoU", (("MoU", "2018-09-14", "2023-09-13"),)),
    ("Xinjiang University", "China", "Urumqi", "university", "education;research", "MoU", "dormant"),
    ("University of Tampere", "Finland", "Tampere", "university", "education;research",
     "Erasmus+ KA171", (("Erasmus+ KA171", "2023-06-01", "2028-05-31"),)),
    ("University of Eastern Finland", "Finland", "Kuopio", "university", "education;research",
     "Erasmus+ KA171", (("Erasmus+ KA171", "2019-02-11", "2029-02-10"),)),
    ("University of Toronto", "Canada", "Toronto", "university", "education;research", "MoU",
     (("MoU", "2017-11-03", "2027-11-02"),)),
    ("Open Medical Institute", "Austria", "Salzburg", "foundation", "education;patient care",
     "cooperation agreement", "open"),
    ("University of Zagreb", "Croatia", "Zagreb", "university", "education;research",
     "Erasmus+ KA171", "active"),
    ("University of Strasbourg", "France", "Strasbourg", "university", "education;research",
     "Erasmus+ KA171", (("Erasmus+ KA171", "2021-10-05", "2027-03-31"),)),
    ("Lebanese Urology Society", "Lebanon", "Beirut", "professional society",
     "education;patient care", "MoU", "dormant"),
    ("Belarusian Medical Academy of Postgraduate Education", "Belarus", "Minsk", "university",
     "education;patient care", "cooperation agreement",
     (("cooperation agreement", "2017-04-18", "2027-04-17"),)),
    ("Grodno State Medical University", "Belarus", "Grodno", "university", "education;research",
     "MoU", (("MoU", "2015-05-14", "2020-05-13"),
             ("double-degree agreement", "2020-05-14", "2030-05-13"))),
    ("United States Agency for International Development", "United States", "Washington",
     "agency", "patient care;research", "MoU", (("MoU", "2016-08-22", "2021-08-21"),)),
    ("Korea Electrotechnology Research Institute", "South Korea", "Changwon", "research centre",
     "research", "MoU", (("MoU", "2019-10-07", "2024-10-06"),)),
    ("Osaka University Medical Faculty", "Japan", "Osaka", "university", "education;research",
     "MoU", (("MoU", "2021-12-01", "2031-11-30"),)),
    ("National Scientific Center of Oncology and Transplantation", "Kazakhstan", "Astana",
     "research centre", "research;patient care", "cooperation agreement",
     (("cooperation agreement", "2020-09-25", "2030-09-24"),)),
    ("Peto Institute of Conductive Education", "Hungary", "Budapest", "research centre",
     "education;patient care", "MoU", (("MoU", "2017-03-09", "2022-03-08"),)),
    ("Aristotle University of Thessaloniki", "Greece", "Thessaloniki", "university",
     "education;research", "Erasmus+ KA171", (("Erasmus+ KA171", "2022-07-15", "2029-07-14"),)),
    ("Center for Cardiac Surgery", "Russia", "Moscow", "hospital", "patient care;education",
     "cooperation agreement", (("cooperation agreement", "2014-02-12", "2019-02-11"),)),
    ("Tajik State Medical University named after Abu Ali ibn Sina", "Tajikistan", "Dushanbe",
     "university", "education;research;patient care", "cooperation agreement",
     (("cooperation agreement", "2013-10-30", ""),)),
    ("Shandong University", "China", "Jinan", "university", "research;education", "MoU",
     (("MoU", "2023-05-19", "2028-05-18"),)),
    ("Rheumatology Center of the Republic of Kazakhstan", "Kazakhstan", "Almaty", "hospital",
     "patient care;education", "cooperation agreement",
     (("cooperation agreement", "2016-11-10", "2026-11-09"),)),
    ("Sechenov First Moscow State Medical University", "Russia", "Moscow", "university",
     "education;research", "cooperation agreement", "active"),
    ("Kazan State Medical University", "Russia", "Kazan", "university", "education;research",
     "double-degree agreement", (("double-degree agreement", "2021-12-16", "2031-12-15"),)),
    ("Pirogov Russian National Research Medical University", "Russia", "Moscow", "university",
     "education;research", "MoU", "soon"),
    ("Saint Petersburg State Pediatric Medical University", "Russia", "Saint Petersburg",
     "university", "education;patient care", "double-degree agreement",
     (("double-degree agreement", "2021-11-24", "2031-11-23"),)),
    ("Bashkir State Medical University", "Russia", "Ufa", "university", "education", "MoU", "expired"),
    ("Hacettepe University", "Türkiye", "Ankara", "university", "education;research",
     "double-degree agreement", (("double-degree agreement", "2022-10-11", "2032-10-10"),)),
    ("Istanbul University-Cerrahpaşa", "Türkiye", "Istanbul", "university", "education;research",
     "Erasmus+ KA171", "active"),
    ("Ege University", "Türkiye", "Izmir", "university", "education", "MoU", "dormant"),
    ("All India Institute of Medical Sciences", "India", "New Delhi", "university",
     "education;research;patient care", "MoU", "active"),
    ("Manipal Academy of Higher Education", "India", "Manipal", "university", "education",
     "MoU", "2027"),
    ("Seoul National University College of Medicine", "South Korea", "Seoul", "university",
     "education;research", "cooperation agreement",
     (("cooperation agreement", "2018-03-14", "2028-03-13"),)),
    ("Inha University Hospital", "South Korea", "Incheon", "hospital", "patient care;education",
     "MoU", "soon"),
    ("Korea Foundation for International Healthcare", "South Korea", "Seoul", "foundation",
     "patient care;education", "MoU", "open"),
    ("Charité – Universitätsmedizin Berlin", "Germany", "Berlin", "university",
     "education;research;patient care", "cooperation agreement",
     (("cooperation agreement", "2019-05-23", "2029-05-22"),)),
    ("Heidelberg University Hospital", "Germany", "Heidelberg", "hospital",
     "patient care;education", "MoU", "2027"),
    ("Ludwig Maximilian University of Munich", "Germany", "Munich", "university",
     "research", "MoU", "dormant"),
    ("University of Padua", "Italy", "Padua", "university", "education;research",
     "Erasmus+ KA171", "active"),
    ("Sapienza University of Rome", "Italy", "Rome", "university", "education;research",
     "Erasmus+ KA171", "expired"),
    ("Medical University of Lodz", "Poland", "Lodz", "university", "education;research",
     "Erasmus+ KA171", (("Erasmus+ KA171", "2020-03-02", "2027-02-28"),)),
    ("Poznan University of Medical Sciences", "Poland", "Poznan", "university", "education",
     "Erasmus+ KA171", "soon"),
    ("Riga Stradins University", "Latvia", "Riga", "university", "education;research",
     "cooperation agreement", (("cooperation agreement", "2017-09-12", "2027-09-11"),)),
    ("Kyrgyz State Medical Academy", "Kyrgyzstan", "Bishkek", "university",
     "education;research", "cooperation agreement", "open"),
    ("Osh State University", "Kyrgyzstan", "Osh", "university", "education", "MoU", "dormant"),
    ("State Medical Institute of Turkmenistan named after Myrat Garryyev", "Turkmenistan",
     "Ashgabat", "university", "education", "cooperation agreement", "active"),
    ("Azerbaijan Medical University", "Azerbaijan", "Baku", "university", "education;research",
     "MoU", "active"),
    ("Tehran University of Medical Sciences", "Iran", "Tehran", "university",
     "education;research", "MoU", "expired"),
    ("Shiraz University of Medical Sciences", "Iran", "Shiraz", "university", "research",
     "MoU", "dormant"),
    ("Cairo University Faculty of Medicine (Kasr Al Ainy)", "Egypt", "Cairo", "university",
     "education;research", "MoU", "active"),
    ("Ain Shams University", "Egypt", "Cairo", "university", "education", "MoU", "dormant"),
    ("University of Pittsburgh", "United States", "Pittsburgh", "university",
     "education;research", "MoU", "dormant"),
    ("Johns Hopkins Bloomberg School of Public Health", "United States", "Baltimore",
     "university", "education;research", "MoU", (("MoU", "2022-04-27", "2032-04-26"),)),
    ("Semey Medical University", "Kazakhstan", "Semey", "university", "education", "MoU", "soon"),
    ("Karaganda Medical University", "Kazakhstan", "Karaganda", "university",
     "education;research", "cooperation agreement", "active"),
    ("Khatlon State Medical University", "Tajikistan", "Danghara", "university", "education",
     "cooperation agreement", "open"),
    ("Belarusian State Medical University", "Belarus", "Minsk", "university",
     "education;research", "cooperation agreement", "active"),
    ("Vitebsk State Medical University", "Belarus", "Vitebsk", "university", "education",
     "MoU", "dormant"),
    ("Vilnius University", "Lithuania", "Vilnius", "university", "education;research",
     "Erasmus+ KA171", "2027"),
    ("Lithuanian University of Health Sciences", "Lithuania", "Kaunas", "university",
     "education;research", "Erasmus+ KA171", "active"),
    ("University of Debrecen", "Hungary", "Debrecen", "university", "education", "MoU", "dormant"),
    ("Jagiellonian University Medical College", "Poland", "Kraków", "university",
     "education;research", "Erasmus+ KA171", "expired"),
    ("Chongqing Medical University", "China", "Chongqing", "university", "education;research",
     "MoU", "active"),
    ("Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ)", "Germany", "Bonn", "agency",
     "patient care;education", "MoU", (("MoU", "2017-06-06", "2021-06-05"),)),
    ("Korea International Cooperation Agency (KOICA)", "South Korea", "Seongnam", "agency",
     "patient care;research", "MoU", (("MoU", "2018-12-04", "2028-12-03"),)),
    ("Japan International Cooperation Agency (JICA)", "Japan", "Tokyo", "agency",
     "patient care;education", "MoU", "open"),
    ("European Society of Cardiology", "France", "Sophia Antipolis", "professional society",
     "education", "MoU", "dormant"),
    ("Dhaka Medical College", "Bangladesh", "Dhaka", "university", "education", "MoU", "expired"),
    ("Tashkent Medical Academy", DOMESTIC_COUNTRY, "Tashkent", "university",
     "education;research", "cooperation agreement", "open"),
    ("Bukhara State Medical Institute", DOMESTIC_COUNTRY, "Bukhara", "university", "education",
     "cooperation agreement", "active"),
    ("Republican Specialized Scientific and Practical Medical Center of Surgery",
     DOMESTIC_COUNTRY, "Tashkent", "hospital", "patient care;research", "MoU", "active"),
]
ERASMUS_COUNTRIES = {"Finland", "Austria", "Croatia", "France", "Greece", "Hungary", "Germany",
                     "Italy", "Poland", "Latvia", "Lithuania", "Türkiye"}
LAST_ACTIVE_YEAR_OF_DORMANT = 2022  # no activity in the last two years (2024, 2025)
AGREEMENT_TERMS_YEARS = (5, 5, 5, 10)

# --------------------------------------------------------------------------- mobility

MOBILITY_ROWS_PER_YEAR = {
    2016: 30, 2017: 35, 2018: 40, 2019: 46, 2020: 14,
    2021: 36, 2022: 50, 2023: 58, 2024: 66, 2025: 74,
}
MOBILITY_PURPOSES = {
    ("in", "student"): {"study": 0.5, "internship": 0.35, "research": 0.15},
    ("out", "student"): {"study": 0.45, "internship": 0.4, "conference": 0.15},
    ("in", "staff"): {"teaching": 0.55, "research": 0.25, "conference": 0.2},
    ("out", "staff"): {"professional development": 0.35, "teaching": 0.2, "conference": 0.25,
                       "research": 0.2},
}
MOBILITY_PROGRAMS = {"bilateral agreement": 0.45, "own funds": 0.2, "partner-funded": 0.2,
                     "government scholarship": 0.15}
ERASMUS_SHARE = 0.6
# Visiting lecturers named on the university pages: Kazakh rheumatology, Tajik cardiology.
RECURRING_VISITING_LECTURERS = (
    ("Rheumatology Center of the Republic of Kazakhstan", 1),
    ("Tajik State Medical University named after Abu Ali ibn Sina", 3),
)
CONFERENCE_COUNTRIES_WITHOUT_PARTNER = ("Germany", "Türkiye", "Russia", "United Arab Emirates",
                                        "Singapore", "Spain", "United Kingdom")

# --------------------------------------------------------------------------- programs

# (program, partner, type, level, start_year, end_year or None, yearly intake range)
JOINT_PROGRAMS = [
    ("Public Health (MPH) double degree with Asfendiyarov Kazakh National Medical University",
     "Asfendiyarov Kazakh National Medical University", "double", "Master", 2017, None, (8, 15)),
    ("Cardiology clinical residency, joint program with Belarusian Medical Academy of "
     "Postgraduate Education", "Belarusian Medical Academy of Postgraduate Education", "joint",
     "Residency", 2018, None, (4, 9)),
    ("Healthcare Management (MBA) double degree with Riga Stradins University",
     "Riga Stradins University", "double", "Master", 2018, 2021, (6, 12)),
    ("Traditional Chinese Medicine (Master) joint program with Beijing University of Chinese "
     "Medicine", "Beijing University of Chinese Medicine", "joint", "Master", 2019, 2023, (5, 10)),
    ("General Medicine (MD) double degree with Grodno State Medical University",
     "Grodno State Medical University", "double", "Bachelor", 2020, None, (15, 30)),
    ("Public Health (MPH) joint program with University of Eastern Finland",
     "University of Eastern Finland", "joint", "Master", 2021, None, (8, 14)),
    ("Dentistry double degree with Tajik State Medical University named after Abu Ali ibn Sina",
     "Tajik State Medical University named after Abu Ali ibn Sina", "double", "Bachelor", 2021,
     None, (10, 20)),
    ("Pediatrics double degree with Saint Petersburg State Pediatric Medical University",
     "Saint Petersburg State Pediatric Medical University", "double", "Bachelor", 2022, None,
     (10, 22)),
    ("Pharmacy (Master) double degree with Kazan State Medical University",
     "Kazan State Medical University", "double", "Master", 2022, None, (6, 12)),
    ("Clinical Oncology (PhD) joint program with National Scientific Center of Oncology and "
     "Transplantation", "National Scientific Center of Oncology and Transplantation", "joint",
     "PhD", 2023, None, (2, 5)),
    ("Biomedical Engineering (Master) double degree with Hacettepe University",
     "Hacettepe University", "double", "Master", 2023, None, (5, 10)),
    ("Nursing Science (Master) double degree with University of Tampere",
     "University of Tampere", "double", "Master", 2024, None, (8, 14)),
    ("Medical Imaging and Artificial Intelligence (PhD) joint program with Shandong University",
     "Shandong University", "joint", "PhD", 2025, None, (3, 6)),
]
JOINT_PROGRAM_LENGTH = {"Bachelor": 6, "Master": 2, "Residency": 3, "PhD": 3}
# Language(s) of instruction of each joint program (programs.csv `language`, ISO 639-1), by partner.
JOINT_PROGRAM_LANGUAGE = {
    "Asfendiyarov Kazakh National Medical University": "ru",
    "Belarusian Medical Academy of Postgraduate Education": "ru",
    "Riga Stradins University": "en",
    "Beijing University of Chinese Medicine": "en;zh",
    "Grodno State Medical University": "en",
    "University of Eastern Finland": "en",
    "Tajik State Medical University named after Abu Ali ibn Sina": "uz",
    "Saint Petersburg State Pediatric Medical University": "ru",
    "Kazan State Medical University": "ru;uz",
    "National Scientific Center of Oncology and Transplantation": "en",
    "Hacettepe University": "en",
    "University of Tampere": "en",
    "Shandong University": "en",
}
JOINT_PROGRAM_COMPLETION = 0.92

# --------------------------------------------------------------------------- events

TRADITIONAL_EVENTS = (
    ("International conference 'Current problems in Experimental and Clinical Medicine'",
     "conference", (10, 15, 10, 25), (350, 520), (0.12, 0.2)),
    ("International Ophthalmology Congress 'The White Nights'", "congress", (5, 20, 6, 10),
     (300, 450), (0.15, 0.3)),
)  # title, type, (first month, first day, last month, last day) of the date window, participants, foreign share
EVENTS_PER_YEAR_RANGE = (44, 57)
EVENT_TYPE_MIX = {
    "conference": 0.24, "congress": 0.04, "symposium": 0.1, "workshop": 0.15,
    "master-class": 0.15, "school": 0.05, "round table": 0.1, "webinar": 0.17,
}
EVENT_TYPE_MIX_BY_YEAR = {
    2020: {"conference": 0.12, "congress": 0.01, "symposium": 0.05, "workshop": 0.08,
           "master-class": 0.06, "school": 0.02, "round table": 0.06, "webinar": 0.6},
    2021: {"conference": 0.2, "congress": 0.03, "symposium": 0.08, "workshop": 0.12,
           "master-class": 0.12, "school": 0.04, "round table": 0.09, "webinar": 0.32},
}
EVENT_TITLE_TEMPLATES = {
    "conference": ("International scientific-practical conference '{topic}'",
                   "Republican scientific-practical conference with international participation '{topic}'",
                   "Scientific-practical conference '{topic}'"),
    "congress": ("International congress '{topic}'",),
    "symposium": ("International symposium '{topic}'", "Symposium '{topic}'"),
    "workshop": ("Workshop '{topic}'",),
    "master-class": ("Master-class '{topic}'",),
    "school": ("Summer school '{topic}'", "Winter school '{topic}'"),
    "round table": ("Round table '{topic}'",),
    "webinar": ("Webinar '{topic}'", "International webinar '{topic}'"),
}
EVENT_TOPICS = (
    "Actual problems of pediatrics", "Modern approaches in cardiology", "Innovations in dentistry",
    "Pharmacy: science and practice", "Public health and healthcare management",
    "Advances in oncology", "Surgery of the 21st century",
    "Infectious diseases and antimicrobial resistance", "Neurology and neurosurgery today",
    "Obstetrics and gynecology: new horizons", "Rheumatology in clinical practice",
    "Endocrinology and diabetes", "Laparoscopic surgery", "Medical education and simulation",
    "Traditional and integrative medicine", "Digital health and artificial intelligence in medicine",
    "Emergency medicine", "Anesthesiology and intensive care", "Otorhinolaryngology",
    "Dermatology and venereology", "Psychiatry and mental health",
    "Clinical laboratory diagnostics", "Radiology and medical imaging", "Transplantology",
    "Rehabilitation medicine", "Nursing in modern healthcare", "Epidemiology",
    "Hygiene and environmental health", "Molecular biology and genetics", "Pathological anatomy",
    "Forensic medicine", "Urology and andrology", "Traumatology and orthopedics",
    "Family medicine", "Geriatrics", "Pulmonology", "Gastroenterology and hepatology",
    "Nephrology", "Hematology", "Allergology and immunology", "Phthisiology",
    "Maternal and child health", "Sports medicine", "Nutrition and dietetics",
    "Clinical pharmacology", "Biomedical engineering", "Evidence-based medicine",
    "Research methods and academic writing", "Microbiology and virology", "Pediatric surgery",
    "Cardiac surgery", "Ultrasound diagnostics", "Palliative care", "Medical ethics and law",
)
EVENT_PARTICIPANTS = {
    "conference": (150, 480), "congress": (250, 800), "symposium": (80, 250),
    "workshop": (20, 60), "master-class": (15, 45), "school": (30, 100),
    "round table": (15, 50), "webinar": (50, 400),
}
LOCAL_EVENT_PROBABILITY = {"conference": 0.15, "congress": 0.0, "symposium": 0.2,
                           "workshop": 0.35, "master-class": 0.3, "school": 0.2,
                           "round table": 0.45, "webinar": 0.15}
EVENT_FOREIGN_COUNTRIES = {
    "Kazakhstan": 10, "Russia": 10, "Tajikistan": 7, "Kyrgyzstan": 6, "Türkiye": 6, "Belarus": 5,
    "Germany": 5, "South Korea": 4, "China": 4, "India": 5, "United States": 3, "Japan": 2,
    "Turkmenistan": 3, "Azerbaijan": 3, "Iran": 2, "Italy": 2, "France": 2, "Finland": 2,
    "Poland": 2, "Latvia": 1, "Egypt": 1, "Pakistan": 3, "Lithuania": 1, "Hungary": 1,
    "Greece": 1, "Austria": 1, "Croatia": 1, "Canada": 1, "United Kingdom": 2, "Israel": 1,
    "Switzerland": 1, "Georgia": 1, "Armenia": 1,
}

# --------------------------------------------------------------------------- grants

# (title, partner or "", funder, start_year, end_year or None, amount, currency)
GRANTS = [
    ("Early detection of orthopedic (joint) diseases and drug selection based on multimodal "
     "large models", "Shandong University", "Uzbekistan–China bilateral research program",
     2024, 2026, 120000, "USD"),
    ("Modernisation of medical curricula in Central Asia (MedCAS)", "University of Eastern Finland",
     "Erasmus+ Capacity Building in Higher Education", 2019, 2022, 894000, "EUR"),
    ("Strengthening public health education in Uzbekistan and Kazakhstan (PHEDUK)",
     "Medical University of Lodz", "Erasmus+ Capacity Building in Higher Education", 2021, 2024,
     760000, "EUR"),
    ("Simulation-based training for emergency and critical care (SIMCARE)",
     "Aristotle University of Thessaloniki", "Erasmus+ Capacity Building in Higher Education",
     2023, 2026, 812000, "EUR"),
    ("Erasmus+ KA171 student and staff mobility", "University of Strasbourg", "Erasmus+ KA171",
     2022, 2024, 64000, "EUR"),
    ("Erasmus+ KA171 staff mobility for teaching and training", "Riga Stradins University",
     "Erasmus+ KA171", 2023, 2025, 48500, "EUR"),
    ("Maternal and child health improvement in Samarkand region",
     "United States Agency for International Development", "USAID", 2017, 2020, 450000, "USD"),
    ("Telemedicine network for rural primary care", "Korea International Cooperation Agency (KOICA)",
     "KOICA", 2019, 2023, 1250000, "USD"),
    ("Conductive education for children with cerebral palsy",
     "Peto Institute of Conductive Education", "Hungarian Ministry of Foreign Affairs and Trade",
     2018, 2019, 85000, "EUR"),
    ("Central Asian registry of rheumatoid arthritis",
     "Rheumatology Center of the Republic of Kazakhstan", "bilateral", 2021, 2023, 60000, "USD"),
    ("Cardiac surgery training for regional hospitals", "Center for Cardiac Surgery",
     "partner-funded", 2016, 2018, 95000, "USD"),
    ("Electrical impedance tomography for bedside lung monitoring",
     "Korea Electrotechnology Research Institute", "National Research Council of Science and "
     "Technology (Korea)", 2020, 2022, 210000, "USD"),
    ("Gastric cancer screening with endoscopy and AI", "Osaka University Medical Faculty",
     "Japan Society for the Promotion of Science", 2022, 2025, 15000000, "JPY"),
    ("Standardisation of herbal medicinal raw materials", "Beijing University of Chinese Medicine",
     "bilateral", 2019, 2021, 500000, "CNY"),
    ("Antimicrobial resistance surveillance in hospital settings",
     "Charité – Universitätsmedizin Berlin", "DAAD", 2021, 2024, 180000, "EUR"),
    ("Hospital management training for regional health administrators",
     "Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ)", "GIZ", 2018, 2020, 230000,
     "EUR"),
    ("Development of a liver transplantation program",
     "National Scientific Center of Oncology and Transplantation", "bilateral", 2022, 2025,
     140000, "USD"),
    ("Genomic surveillance of drug-resistant tuberculosis",
     "Johns Hopkins Bloomberg School of Public Health", "NIH Fogarty International Center",
     2023, None, 375000, "USD"),
    ("Digital pathology for cancer diagnosis", "Seoul National University College of Medicine",
     "KOICA", 2024, None, 420000, "USD"),
    ("Dental public health in Central Asia",
     "Tajik State Medical University named after Abu Ali ibn Sina", "bilateral", 2023, 2025,
     30000, "USD"),
    ("Diabetes prevention in Central Asian populations", "University of Toronto",
     "Grand Challenges Canada", 2018, 2021, 250000, "CAD"),
    ("Young scientists' research on hereditary blood disorders", "",
     "Ministry of Higher Education, Science and Innovation", 2021, 2023, 450000000, "UZS"),
]

# --------------------------------------------------------------------------- honorary doctorates

HONORARY_DOCTORATES = [
    ("Germany", "transplant surgery", "European Institute for Research and Development of Transplantation"),
    ("United States", "cardiothoracic surgery", "University of Pennsylvania School of Medicine"),
    ("South Korea", "ophthalmology", "Seoul National University College of Medicine"),
    ("Japan", "gastroenterology", "Osaka University Medical Faculty"),
    ("Russia", "cardiac surgery", "Center for Cardiac Surgery"),
    ("Kazakhstan", "rheumatology", "Rheumatology Center of the Republic of Kazakhstan"),
    ("France", "urology", "University of Strasbourg"),
    ("Austria", "medical education", "Open Medical Institute"),
    ("Finland", "public health", "University of Eastern Finland"),
    ("Belarus", "pediatrics", "Grodno State Medical University"),
    ("Kazakhstan", "oncology", "National Scientific Center of Oncology and Transplantation"),
    ("China", "traditional Chinese medicine", "Beijing University of Chinese Medicine"),
    ("Germany", "neurosurgery", "Charité – Universitätsmedizin Berlin"),
    ("Türkiye", "orthopedics", "Hacettepe University"),
    ("United States", "public health", "Johns Hopkins Bloomberg School of Public Health"),
    ("Lebanon", "urology", "Lebanese Urology Society"),
    ("Hungary", "rehabilitation", "Peto Institute of Conductive Education"),
    ("Greece", "ophthalmology", "Aristotle University of Thessaloniki"),
    ("Tajikistan", "cardiology", "Tajik State Medical University named after Abu Ali ibn Sina"),
    ("Italy", "pediatric surgery", "University of Padua"),
    ("Japan", "radiology", "Kyoto University Graduate School of Medicine"),
    ("Russia", "ophthalmology", "S. Fyodorov Eye Microsurgery Federal State Institution"),
    ("India", "pharmacology", "All India Institute of Medical Sciences"),
    ("Canada", "endocrinology", "University of Toronto"),
    ("Croatia", "medical education", "University of Zagreb"),
    ("South Korea", "biomedical engineering", "Korea Electrotechnology Research Institute"),
    ("Germany", "orthopedics", "Heidelberg University Hospital"),
    ("Poland", "pharmacy", "Medical University of Lodz"),
    ("Latvia", "dentistry", "Riga Stradins University"),
    ("China", "orthopedics", "Shandong University"),
]
HONORARY_DOCTORATES_PER_YEAR = {2016: 3, 2017: 3, 2018: 4, 2019: 3, 2020: 1,
                                2021: 2, 2022: 3, 2023: 4, 2024: 3, 2025: 4}

# --------------------------------------------------------------------------- targets, staff

TARGET_YEARS = (2023, 2024, 2025, 2026, 2027)
# KPI: (target / actual for 2023, 2024, 2025; yearly growth after 2025; rounding step).
# A factor above 1 means the target was missed that year.
TARGET_PLAN = {
    "foreign_students": ((0.97, 1.03, 0.98), 1.08, 50),
    "foreign_student_share": ((1.02, 0.98, 1.04), 1.04, 0.5),
    "foreign_student_countries": ((0.95, 1.0, 1.08), 1.03, 1),
    "active_partners": ((1.1, 1.12, 1.15), 1.05, 5),
    "joint_programs": ((1.0, 0.95, 1.1), 1.1, 1),
    "inbound_mobility": ((0.92, 1.05, 0.97), 1.1, 10),
    "outbound_mobility": ((1.15, 1.1, 1.05), 1.1, 10),
    "international_events": ((0.9, 0.95, 1.1), 1.04, 1),
    "active_grants": ((1.25, 1.3, 1.0), 1.1, 1),
}

ACADEMIC_STAFF = {2016: 1150, 2017: 1165, 2018: 1180, 2019: 1195, 2020: 1190,
                  2021: 1205, 2022: 1220, 2023: 1235, 2024: 1250, 2025: 1265}
FOREIGN_ACADEMIC_STAFF = {2016: 20, 2017: 23, 2018: 26, 2019: 30, 2020: 24,
                          2021: 31, 2022: 37, 2023: 44, 2024: 52, 2025: 60}
FOREIGN_STAFF_COUNTRIES = {
    "Russia": 6, "Kazakhstan": 4, "India": 4, "Tajikistan": 3, "Belarus": 3, "Türkiye": 2,
    "South Korea": 2, "Egypt": 1, "Pakistan": 2, "Germany": 1, "Kyrgyzstan": 2, "China": 1,
}


# =========================================================================== helpers

def weighted_choice(rng: np.random.Generator, weights: dict, size=None):
    """Pick keys of ``weights`` with probability proportional to their values."""
    keys = list(weights)
    p = np.array([weights[key] for key in keys], dtype=float)
    picks = rng.choice(len(keys), size=size, p=p / p.sum())
    if size is None:
        return keys[int(picks)]
    return [keys[int(i)] for i in picks]


def random_date(rng: np.random.Generator, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=int(rng.integers(0, (last - first).days + 1)))


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def academic_year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 9, 1), dt.date(year + 1, 8, 31)


def round_to(value: float, step: float) -> float:
    return round(round(value / step) * step, 6)


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


# =========================================================================== students

def citizenship_weights(year: int) -> dict[str, float]:
    """Citizenship mix of the students entering in ``year``."""
    share_of_way = min(max((year - YEARS[0]) / (YEARS[-1] - YEARS[0]), 0.0), 1.0)
    weights = {}
    for country, (early, late, first_year) in CITIZENSHIP_MIX.items():
        if first_year is not None and year < first_year:
            continue
        weights[country] = early + (late - early) * share_of_way
    return {country: weight for country, weight in weights.items() if weight > 0}


def enrol_student(rng: np.random.Generator, number: int, year: int) -> dict:
    level = weighted_choice(rng, LEVEL_MIX)
    if level == "Bachelor":
        faculty = weighted_choice(rng, BACHELOR_FACULTIES)
    elif level == "Master" and rng.random() < MASTER_IN_PUBLIC_HEALTH_SHARE:
        faculty = "Public Health"
    else:
        faculty = POSTGRADUATE_FACULTY
    length = int(rng.choice(PROGRAM_LENGTH[level]))
    country = weighted_choice(rng, citizenship_weights(year))
    female_share = FEMALE_SHARE_BY_COUNTRY.get(country, FEMALE_SHARE)
    exit_status, last_year = "graduated", year + length - 1
    draw = rng.random()
    if draw < EXPELLED_PROBABILITY + WITHDRAWN_PROBABILITY:
        exit_status = "expelled" if draw < EXPELLED_PROBABILITY else "withdrawn"
        last_year = year + int(rng.integers(1, length))
    return {
        "student_id": f"S{number:07d}", "enrolled": year, "last_year": last_year,
        "exit_status": exit_status, "country": country, "faculty": faculty, "level": level,
        "sex": "F" if rng.random() < female_share else "M",
    }


def simulate_students(rng: np.random.Generator) -> list[dict]:
    """Enrol cohorts year by year so the headcount follows FOREIGN_HEADCOUNT_TARGET."""
    first_target, first_year = FOREIGN_HEADCOUNT_TARGET[YEARS[0]], YEARS[0]
    students: list[dict] = []
    number = FIRST_STUDENT_NUMBER - 1
    for year in range(FIRST_SIMULATED_YEAR, YEARS[-1] + 1):
        if year in FOREIGN_HEADCOUNT_TARGET:
            target = FOREIGN_HEADCOUNT_TARGET[year]
        else:  # a steady ramp up to the first written year
            target = int(first_target * (0.25 + 0.75 * (year - FIRST_SIMULATED_YEAR)
                                         / (first_year - FIRST_SIMULATED_YEAR)))
        continuing = sum(1 for s in students if s["enrolled"] < year <= s["last_year"])
        intake = max(target - continuing, MIN_INTAKE)
        for _ in range(intake):
            number += 1
            students.append(enrol_student(rng, number, year))
    return students


def student_rows(rng: np.random.Generator, students: list[dict]) -> pd.DataFrame:
    # Two master's students entering in 2023 (two rows each) are stateless: exactly 4 rows.
    candidates = [s for s in students if s["level"] == "Master" and s["enrolled"] == 2023
                  and s["exit_status"] == "graduated" and s["last_year"] == 2024]
    for index in sorted(rng.choice(len(candidates), size=STATELESS_STUDENTS, replace=False)):
        candidates[int(index)]["country"] = STATELESS

    rows = []
    for student in students:
        for year in range(max(student["enrolled"], YEARS[0]), min(student["last_year"], YEARS[-1]) + 1):
            if year == student["enrolled"]:
                status = "new"
            elif year == student["last_year"]:
                status = student["exit_status"]
            else:
                status = "continuing"
            citizenship = student["country"]
            variants = CITIZENSHIP_SPELLINGS.get(citizenship)
            if variants and rng.random() < SPELLING_VARIANT_PROBABILITY:
                citizenship = variants[int(rng.integers(len(variants)))]
            rows.append({
                "year": year, "citizenship": citizenship, "count": 1,
                "faculty": student["faculty"], "level": student["level"], "sex": student["sex"],
                "status": status, "student_id": student["student_id"],
            })
    frame = pd.DataFrame(rows)
    return frame.sort_values(["year", "student_id"], kind="stable").reset_index(drop=True)


def totals_rows(rng: np.random.Generator, students: pd.DataFrame) -> pd.DataFrame:
    """One university row per year (faculty blank) and one row per faculty summing to it."""
    foreign_by_faculty = students.groupby(["year", "faculty"])["count"].sum()
    faculties = list(HOME_FACULTY_SHARE)
    rows = []
    for year in YEARS:
        total = TOTAL_STUDENTS[year] + int(rng.integers(-40, 41))
        foreign = int(students.loc[students["year"] == year, "count"].sum())
        home = total - foreign
        shares = np.array([HOME_FACULTY_SHARE[f] for f in faculties])
        shares = shares * rng.uniform(0.95, 1.05, size=len(shares))
        home_by_faculty = np.floor(home * shares / shares.sum()).astype(int)
        home_by_faculty[0] += home - home_by_faculty.sum()  # remainder to General Medicine
        rows.append({"year": year, "total_students": total, "faculty": "",
                     "programs": PROGRAMS_OFFERED[year]})
        for faculty, home_count in zip(faculties, home_by_faculty):
            rows.append({"year": year,
                         "total_students": int(home_count) + int(foreign_by_faculty.get((year, faculty), 0)),
                         "faculty": faculty, "programs": pd.NA})
    frame = pd.DataFrame(rows)
    frame["programs"] = frame["programs"].astype("Int64")
    return frame


def student_attributes(rng: np.random.Generator, students: list[dict]) -> dict[str, dict]:
    """Per student: form of study, funding and specialty, drawn from the attribute generator."""
    attributes = {}
    for student in students:
        level, faculty = student["level"], student["faculty"]
        if level == "Bachelor":
            specialty = BACHELOR_SPECIALTY[faculty]
        elif level == "Master" and faculty == "Public Health":
            specialty = MASTER_PUBLIC_HEALTH_SPECIALTY
        else:
            options = POSTGRADUATE_SPECIALTIES[level]
            specialty = options[int(rng.integers(len(options)))]
        attributes[student["student_id"]] = {
            "study_form": weighted_choice(rng, STUDY_FORM_MIX[level]),
            "funding": weighted_choice(rng, FUNDING_MIX[level]),
            "enrolled": student["enrolled"], "specialty": specialty,
        }
    return attributes


def with_student_attributes(frame: pd.DataFrame, attributes: dict[str, dict]) -> pd.DataFrame:
    """students.csv rows with study_form, funding, course and specialty appended as the last columns."""
    of = frame["student_id"].map
    return frame.assign(
        study_form=of(lambda sid: attributes[sid]["study_form"]),
        funding=of(lambda sid: attributes[sid]["funding"]),
        course=(frame["year"] - of(lambda sid: attributes[sid]["enrolled"]) + 1).astype(int),
        specialty=of(lambda sid: attributes[sid]["specialty"]),
    )


def application_rows(rng: np.random.Generator, students: pd.DataFrame) -> pd.DataFrame:
    """The admission funnel: per year and citizenship, applied ⊇ admitted ⊇ enrolled.

    `enrolled` is the number of new students of that year and country in students.csv, so the
    funnel ties to the intake the KPIs count.
    """
    canonical_spelling = {v: k for k, vs in CITIZENSHIP_SPELLINGS.items() for v in vs}
    new = students[students["status"] == "new"]
    enrolled = (new.assign(citizenship=new["citizenship"].map(lambda c: canonical_spelling.get(c, c)))
                .groupby(["year", "citizenship"], sort=True)["count"].sum())
    rows = []
    for (year, country), count in enrolled.items():
        count = int(count)
        admitted = max(count, int(round(count * rng.uniform(*ADMITTED_PER_ENROLLED))))
        applied = max(admitted, int(round(count * rng.uniform(*APPLIED_PER_ENROLLED))))
        for stage, value in (("applied", applied), ("admitted", admitted), ("enrolled", count)):
            rows.append({"year": int(year), "citizenship": country, "stage": stage, "count": value})
    return pd.DataFrame(rows)


# =========================================================================== partners

def agreement_periods(rng: np.random.Generator, plan) -> list[tuple[str | None, dt.date, dt.date | None]]:
    """(agreement or None for the default, signed, expires or None) for one partner."""
    if isinstance(plan, tuple):
        return [(agreement, dt.date.fromisoformat(signed),
                 dt.date.fromisoformat(expires) if expires else None)
                for agreement, signed, expires in plan]
    if plan == "open":
        return [(None, random_date(rng, dt.date(2012, 1, 15), dt.date(2024, 12, 20)), None)]
    if plan == "expired":
        expires = random_date(rng, dt.date(2019, 3, 1), dt.date(2026, 10, 31))
        term = int(rng.choice((3, 5, 5)))
        return [(None, add_years(expires, -term) + dt.timedelta(days=1), expires)]
    if plan == "soon":
        expires = random_date(rng, REFERENCE_DATE + dt.timedelta(days=10),
                              dt.date(2027, 5, 15))
        return [(None, add_years(expires, -5) + dt.timedelta(days=1), expires)]
    if plan == "2027":
        expires = random_date(rng, dt.date(2027, 6, 1), dt.date(2027, 12, 20))
        return [(None, add_years(expires, -5) + dt.timedelta(days=1), expires)]
    if plan == "dormant":  # signed early, still formally in force or open-ended
        signed = random_date(rng, dt.date(2012, 3, 1), dt.date(2019, 6, 30))
        term = int(rng.choice((10, 15, 0)))
        return [(None, signed, add_years(signed, term) - dt.timedelta(days=1) if term else None)]
    # active: in force well beyond 2027
    term = int(rng.choice(AGREEMENT_TERMS_YEARS))
    latest_start = dt.date(2026, 10, 30)
    earliest_start = max(dt.date(2028 - term, 1, 1), dt.date(2014, 1, 1))
    signed = random_date(rng, earliest_start, latest_start)
    return [(None, signed, add_years(signed, term) - dt.timedelta(days=1))]


def partner_table(rng: np.random.Generator) -> tuple[pd.DataFrame, dict]:
    """The agreements, and per partner its country, validity periods and dormancy."""
    rows, info = [], {}
    for number, (name, country, city, kind, fields, agreement, plan) in enumerate(PARTNERS, start=1):
        partner_id = f"P{number:03d}"
        periods = agreement_periods(rng, plan)
        for own_agreement, signed, expires in periods:
            rows.append({
                "partner": name, "country": country, "partner_id": partner_id, "city": city,
                "type": kind, "fields": fields, "agreement": own_agreement or agreement,
                "signed": signed.isoformat(), "expires": expires.isoformat() if expires else "",
            })
        info[name] = {
            "country": country, "periods": [(s, e) for _, s, e in periods],
            "dormant": plan == "dormant", "domestic": country == DOMESTIC_COUNTRY,
        }
    return pd.DataFrame(rows), info


def agreement_in_force(partner: dict, year: int) -> bool:
    """Whether any agreement of the partner is in force during part of academic year ``year``."""
    first, last = academic_year_bounds(year)
    return any(signed <= last and (expires is None or expires >= first)
               for signed, expires in partner["periods"])


def may_be_active(partner: dict, year: int) -> bool:
    if partner["domestic"] or not agreement_in_force(partner, year):
        return False
    return not (partner["dormant"] and year > LAST_ACTIVE_YEAR_OF_DORMANT)


# =========================================================================== mobility

def mobility_rows(rng: np.random.Generator, partners: dict) -> pd.DataFrame:
    names = list(partners)
    rows = []
    for year in YEARS:
        eligible = [name for name in names if may_be_active(partners[name], year)]
        for name, count in RECURRING_VISITING_LECTURERS:
            if name in eligible:
                rows.append({"year": year, "direction": "in", "category": "staff",
                             "country": partners[name]["country"], "partner": name,
                             "program": "bilateral agreement", "purpose": "teaching",
                             "count": count if year != 2020 else 1})
        for _ in range(MOBILITY_ROWS_PER_YEAR[year]):
            direction = "in" if rng.random() < 0.45 else "out"
            category = "student" if rng.random() < 0.55 else "staff"
            purpose = weighted_choice(rng, MOBILITY_PURPOSES[(direction, category)])
            if direction == "out" and purpose == "conference" and rng.random() < 0.35:
                name, country = "", str(rng.choice(CONFERENCE_COUNTRIES_WITHOUT_PARTNER))
                program = "own funds"
            else:
                name = eligible[int(rng.integers(len(eligible)))]
                country = partners[name]["country"]
                if country in ERASMUS_COUNTRIES and year >= 2017 and rng.random() < ERASMUS_SHARE:
                    program = "Erasmus+"
                else:
                    program = weighted_choice(rng, MOBILITY_PROGRAMS)
            if category == "student":
                count = 1 + int(rng.poisson(2.5 if direction == "out" else 1.8))
            else:
                count = 1 + int(rng.poisson(0.7))
            if year == 2020:
                count = max(1, count // 2)
            rows.append({"year": year, "direction": direction, "category": category,
                         "country": country, "partner": name, "program": program,
                         "purpose": purpose, "count": count})
    frame = pd.DataFrame(rows)
    keys = ["year", "direction", "category", "country", "partner", "program", "purpose"]
    return frame.groupby(keys, as_index=False, sort=True)["count"].sum()


# =========================================================================== programs

def program_tables(rng: np.random.Generator, partners: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    program_rows, enrollment_rows = [], []
    for name, partner, kind, level, start, end, (low, high) in JOINT_PROGRAMS:
        program_rows.append({"program": name, "partner": partner,
                             "country": partners[partner]["country"], "type": kind,
                             "level": level, "start_year": start,
                             "end_year": end if end is not None else pd.NA})
        length = JOINT_PROGRAM_LENGTH[level]
        last_year = min(end if end is not None else YEARS[-1], YEARS[-1])
        last_intake = last_year if end is None else end - length + 1
        cohorts = {}
        for year in range(start, last_year + 1):
            if year <= last_intake:
                cohorts[year] = int(rng.integers(low, high + 1))
            enrolled = sum(size for first, size in cohorts.items() if first <= year < first + length)
            finishing = cohorts.get(year - length + 1, 0)
            graduates = int(round(finishing * JOINT_PROGRAM_COMPLETION))
            enrollment_rows.append({"program": name, "year": year, "students": enrolled,
                                    "graduates": graduates})
    programs = pd.DataFrame(program_rows)
    programs["language"] = programs["partner"].map(JOINT_PROGRAM_LANGUAGE)
    programs["end_year"] = programs["end_year"].astype("Int64")
    return programs, pd.DataFrame(enrollment_rows)


# =========================================================================== events

def event_date(rng: np.random.Generator, year: int) -> dt.date:
    """A working day between mid-September and late June of academic year ``year``."""
    while True:
        day = random_date(rng, dt.date(year, 9, 10), dt.date(year + 1, 6, 25))
        if day.weekday() < 5 and not (day.month == 1 and day.day < 10):
            return day


def foreign_countries(rng: np.random.Generator, foreign: int, kind: str) -> str:
    if foreign == 0:
        return ""
    most = {"congress": 14, "conference": 10, "webinar": 10}.get(kind, 4)
    how_many = int(min(foreign, rng.integers(1, most + 1)))
    names = list(EVENT_FOREIGN_COUNTRIES)
    p = np.array([EVENT_FOREIGN_COUNTRIES[n] for n in names], dtype=float)
    picks = rng.choice(len(names), size=how_many, replace=False, p=p / p.sum())
    return ";".join(names[int(i)] for i in sorted(picks))


def event_rows(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for year in YEARS:
        for title, kind, (m1, d1, m2, d2), (low, high), (f_low, f_high) in TRADITIONAL_EVENTS:
            first = dt.date(year if m1 >= 9 else year + 1, m1, d1)
            last = dt.date(year if m2 >= 9 else year + 1, m2, d2)
            participants = int(rng.integers(low, high + 1))
            share = rng.uniform(f_low, f_high) * (0.5 if year == 2020 else 1.0)
            foreign = int(participants * share)
            rows.append({"event": title, "date": random_date(rng, first, last), "year": "",
                         "type": kind, "participants": participants,
                         "international_participants": foreign,
                         "countries": foreign_countries(rng, foreign, kind)})
        mix = EVENT_TYPE_MIX_BY_YEAR.get(year, EVENT_TYPE_MIX)
        how_many = int(rng.integers(*EVENTS_PER_YEAR_RANGE)) - len(TRADITIONAL_EVENTS)
        topics = rng.choice(len(EVENT_TOPICS), size=how_many, replace=False)
        for topic_index in topics:
            kind = weighted_choice(rng, mix)
            templates = EVENT_TITLE_TEMPLATES[kind]
            title = templates[int(rng.integers(len(templates)))].format(topic=EVENT_TOPICS[int(topic_index)])
            low, high = EVENT_PARTICIPANTS[kind]
            participants = int(rng.integers(low, high + 1))
            if rng.random() < LOCAL_EVENT_PROBABILITY[kind]:
                foreign = 0
            else:
                share = rng.uniform(0.05, 0.35 if kind == "webinar" else 0.25)
                foreign = max(1, int(participants * share))
            rows.append({"event": title, "date": event_date(rng, year), "year": "",
                         "type": kind, "participants": participants,
                         "international_participants": foreign,
                         "countries": foreign_countries(rng, foreign, kind)})
    frame = pd.DataFrame(rows).sort_values(["date", "event"], kind="stable")
    frame["date"] = frame["date"].map(dt.date.isoformat)
    return frame.reset_index(drop=True)


# =========================================================================== grants, doctorates

def grant_rows(partners: dict) -> pd.DataFrame:
    rows = []
    for title, partner, funder, start, end, amount, currency in GRANTS:
        rows.append({"grant": title, "partner": partner,
                     "country": partners[partner]["country"] if partner else "",
                     "funder": funder, "start_year": start,
                     "end_year": end if end is not None else pd.NA,
                     "amount": amount, "currency": currency})
    frame = pd.DataFrame(rows)
    frame["end_year"] = frame["end_year"].astype("Int64")
    return frame.sort_values(["start_year", "grant"], kind="stable").reset_index(drop=True)


def honorary_doctorate_rows(rng: np.random.Generator) -> pd.DataFrame:
    order = rng.permutation(len(HONORARY_DOCTORATES))
    years = [year for year, n in HONORARY_DOCTORATES_PER_YEAR.items() for _ in range(n)]
    rows = []
    for year, index in zip(years, order):
        country, field, affiliation = HONORARY_DOCTORATES[int(index)]
        rows.append({"year": year, "country": country, "field": field, "affiliation": affiliation})
    return pd.DataFrame(rows)


# =========================================================================== targets, staff

def kpi_actuals(students: pd.DataFrame, totals: pd.DataFrame, partners: dict,
                programs: pd.DataFrame, mobility: pd.DataFrame, events: pd.DataFrame,
                grants: pd.DataFrame) -> dict[str, dict[int, float]]:
    """The KPI values the sample data produce, as the targets are set against them."""
    actuals: dict[str, dict[int, float]] = {kpi: {} for kpi in TARGET_PLAN}
    event_years = pd.to_datetime(events["date"]).map(lambda d: d.year if d.month >= 9 else d.year - 1)
    canonical_spelling = {v: k for k, vs in CITIZENSHIP_SPELLINGS.items() for v in vs}
    for year in YEARS:
        in_year = students[students["year"] == year]
        foreign = int(in_year["count"].sum())
        total = int(totals.loc[(totals["year"] == year) & (totals["faculty"] == ""), "total_students"].iloc[0])
        countries = {canonical_spelling.get(c, c) for c in in_year["citizenship"]} - {STATELESS}
        running = ((programs["start_year"] <= year)
                   & (programs["end_year"].isna() | (programs["end_year"] >= year)))
        grant_running = ((grants["start_year"] <= year)
                         & (grants["end_year"].isna() | (grants["end_year"] >= year)))
        moves = mobility[mobility["year"] == year]
        actuals["foreign_students"][year] = foreign
        actuals["foreign_student_share"][year] = 100 * foreign / total
        actuals["foreign_student_countries"][year] = len(countries)
        actuals["active_partners"][year] = sum(
            1 for p in partners.values() if not p["domestic"] and agreement_in_force(p, year))
        actuals["joint_programs"][year] = int(running.sum())
        actuals["inbound_mobility"][year] = int(moves.loc[moves["direction"] == "in", "count"].sum())
        actuals["outbound_mobility"][year] = int(moves.loc[moves["direction"] == "out", "count"].sum())
        actuals["international_events"][year] = int(
            ((event_years == year) & (events["international_participants"] > 0)).sum())
        actuals["active_grants"][year] = int(grant_running.sum())
    return actuals


def target_rows(actuals: dict[str, dict[int, float]]) -> pd.DataFrame:
    rows = []
    for kpi, (factors, growth, step) in TARGET_PLAN.items():
        target = 0.0
        for year in TARGET_YEARS:
            if year in actuals[kpi] and year - TARGET_YEARS[0] < len(factors):
                target = actuals[kpi][year] * factors[year - TARGET_YEARS[0]]
            else:
                target = target * growth
            rows.append({"kpi": kpi, "year": year, "target": float(round_to(target, step))})
    return pd.DataFrame(rows)


def staff_rows(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for year in YEARS:
        foreign = FOREIGN_ACADEMIC_STAFF[year]
        home = ACADEMIC_STAFF[year] - foreign
        rows.append({"year": year, "citizenship": "Uzbekistan",
                     "fte": round(home * rng.uniform(0.88, 0.94), 1), "count": home})
        by_country = pd.Series(weighted_choice(rng, FOREIGN_STAFF_COUNTRIES, size=foreign)).value_counts()
        for country in sorted(by_country.index):
            count = int(by_country[country])
            rows.append({"year": year, "citizenship": country,
                         "fte": round(count * rng.uniform(0.5, 1.0), 1), "count": count})
    return pd.DataFrame(rows)


# =========================================================================== main

def main(out_dir: Path = Path("data"), seed: int = DEFAULT_SEED) -> dict[str, int]:
    """Generate every sample export into ``out_dir``; return the row count per file."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    attribute_rng = np.random.default_rng(seed + ATTRIBUTE_SEED_OFFSET)  # new columns only

    simulated = simulate_students(rng)
    students = student_rows(rng, simulated)
    totals = totals_rows(rng, students)
    partners, partner_info = partner_table(rng)
    mobility = mobility_rows(rng, partner_info)
    programs, enrollment = program_tables(rng, partner_info)
    events = event_rows(rng)
    grants = grant_rows(partner_info)
    doctorates = honorary_doctorate_rows(rng)
    actuals = kpi_actuals(students, totals, partner_info, programs, mobility, events, grants)
    targets = target_rows(actuals)
    staff = staff_rows(rng)
    students = with_student_attributes(students, student_attributes(attribute_rng, simulated))
    applications = application_rows(attribute_rng, students)

    frames = {
        "students": students, "totals": totals, "partners": partners, "mobility": mobility,
        "programs": programs, "program_enrollment": enrollment, "events": events,
        "grants": grants, "honorary_doctorates": doctorates, "targets": targets, "staff": staff,
        "applications": applications,
    }
    for name, frame in frames.items():
        write_csv(frame, out_dir / f"{name}.csv")
    (out_dir / "settings.toml").write_text(SETTINGS_TOML, encoding="utf-8")
    return {name: len(frame) for name, frame in frames.items()}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("data"), help="output folder (default: data)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    args = parser.parse_args()
    for file_name, count in main(args.out, args.seed).items():
        print(f"{file_name}.csv: {count} rows")
