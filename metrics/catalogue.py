"""The KPI catalogue: what each KPI is, as data.

One `Kpi` per indicator: its id, its name in English, Russian and Uzbek (Latin), a
one-line definition (numerator, denominator, unit), its unit, the exports it is computed
from, the ranking/accreditation indicator it corresponds to (QS, THE, IMPI) where one
exists, whether higher is better, and the function (in `metrics.kpis`) that computes it
for every year. `scripts/make_kpi_docs.py` writes `docs/KPIS.md` from this module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from metrics import kpis as k

UNITS = ("count", "percent", "ratio", "index")
LANGUAGES = ("en", "ru", "uz")
GROUPS = {
    "students": ("Foreign students", "Иностранные студенты", "Xorijiy talabalar"),
    "partners": ("Partnerships", "Партнёрства", "Hamkorlik"),
    "programs": ("Joint programs", "Совместные программы", "Qoʻshma dasturlar"),
    "mobility": ("Academic mobility", "Академическая мобильность", "Akademik mobillik"),
    "events": ("Events, grants and honours", "Мероприятия, гранты и почётные звания",
               "Tadbirlar, grantlar va faxriy unvonlar"),
    "staff": ("International staff", "Иностранные преподаватели", "Xorijiy professor-oʻqituvchilar"),
}


@dataclass(frozen=True)
class Kpi:
    """One KPI of the catalogue."""

    id: str
    name_en: str
    name_ru: str
    name_uz: str
    definition: str  # one line: numerator, denominator, unit
    unit: str  # one of UNITS
    group: str  # one of GROUPS
    sources: tuple[str, ...]  # exports required: without one of them the KPI is not available
    function: Callable  # computes the KPI for every year (see metrics.kpis)
    optional_sources: tuple[str, ...] = ()  # exports used when present
    indicators: tuple[str, ...] = ()  # ranking / accreditation indicators it corresponds to
    higher_is_better: bool = True
    snapshot: bool = False  # a value at an as-of date, the same for every year

    def label(self, lang: str = "en") -> str:
        """The KPI's name in ``lang`` (en, ru or uz; anything else gives English)."""
        return {"en": self.name_en, "ru": self.name_ru, "uz": self.name_uz}.get(lang, self.name_en)

    @property
    def name(self) -> str:
        return self.name_en


QS_ISR = "QS: International Student Ratio"
THE_IS = "THE: International students (proportion)"
QS_ISD = "QS: International Student Diversity"
QS_IRN = "QS: International Research Network"
QS_IFR = "QS: International Faculty Ratio"
THE_ISTAFF = "THE: International staff (proportion)"

KPIS: tuple[Kpi, ...] = (
    # ------------------------------------------------------------------ students
    Kpi("foreign_students", "Foreign students", "Иностранные студенты", "Xorijiy talabalar",
        "Headcount of enrolled students whose citizenship is not the home country (unresolved counted as foreign; "
        "graduated/expelled/withdrawn excluded; a student_id counted once per year); students.",
        "count", "students", ("students",), k.foreign_students_by_year),
    Kpi("new_foreign_students", "New foreign students", "Новые иностранные студенты",
        "Yangi qabul qilingan xorijiy talabalar",
        "Foreign students with status new/admitted or whose student_id is first seen that year "
        "(not in the first year of data); students.",
        "count", "students", ("students",), k.new_foreign_students_by_year),
    Kpi("foreign_student_share", "Share of foreign students", "Доля иностранных студентов",
        "Xorijiy talabalar ulushi",
        "Foreign students ÷ all students (totals.csv, or students.csv when it lists home students) × 100; %.",
        "percent", "students", ("students",), k.foreign_student_share_by_year, ("totals",), (QS_ISR, THE_IS)),
    Kpi("foreign_student_countries", "Countries of origin of foreign students",
        "Число стран происхождения иностранных студентов", "Xorijiy talabalar kelgan mamlakatlar soni",
        "Distinct resolved citizenships of foreign students; countries.",
        "count", "students", ("students",), k.foreign_student_countries_by_year),
    Kpi("top_country_share", "Share of the largest source country", "Доля крупнейшей страны-источника",
        "Eng yirik manba mamlakatning ulushi",
        "Foreign students of the largest source country ÷ all foreign students × 100; %; lower is better.",
        "percent", "students", ("students",), k.top_country_share_by_year, higher_is_better=False),
    Kpi("student_diversity_index", "International student diversity index",
        "Индекс разнообразия иностранных студентов", "Xorijiy talabalar xilma-xilligi indeksi",
        "QS form: (foreign ÷ all students) × (nationalities ÷ foreign students) × 1000, "
        "i.e. nationalities per 1,000 students; index.",
        "index", "students", ("students",), k.student_diversity_index_by_year, ("totals",), (QS_ISD,)),
    # ------------------------------------------------------------------ partners
    Kpi("active_partners", "Active foreign partners", "Действующие зарубежные партнёры", "Faol xorijiy hamkorlar",
        "Distinct foreign partners (partner_id, else folded name) with an agreement valid at some point "
        "from 1 Sep Y to 31 Aug Y+1; partners.",
        "count", "partners", ("partners",), k.active_partners_by_year),
    Kpi("partner_countries", "Partner countries", "Страны-партнёры", "Hamkor mamlakatlar",
        "Distinct resolved countries of the active foreign partners; countries.",
        "count", "partners", ("partners",), k.partner_countries_by_year),
    Kpi("agreements_signed", "Agreements signed", "Подписанные соглашения", "Imzolangan shartnomalar",
        "Agreements with foreign partners signed between 1 Sep Y and 31 Aug Y+1; agreements.",
        "count", "partners", ("partners",), k.agreements_signed_by_year),
    Kpi("agreements_expiring", "Agreements expiring within 180 days", "Соглашения, истекающие в ближайшие 180 дней",
        "180 kun ichida muddati tugaydigan shartnomalar",
        "Agreements valid on the as-of date (default today) ending within 180 days after it; agreements; "
        "a snapshot, the same for every year.",
        "count", "partners", ("partners",), k.agreements_expiring_by_year, higher_is_better=False, snapshot=True),
    Kpi("dormant_partners", "Dormant partners", "Неактивные («бумажные») партнёры", "Nofaol («qogʻozdagi») hamkorlar",
        "Active partners with no mobility, running joint program or active grant naming them in years Y-1 "
        "and Y; partners; lower is better.",
        "count", "partners", ("partners",), k.dormant_partners_by_year, ("mobility", "programs", "grants"),
        higher_is_better=False),
    Kpi("partner_network_breadth", "Partner network breadth", "Широта сети партнёров",
        "Hamkorlik tarmogʻining kengligi",
        "Partner countries ÷ ln(active partners), after the QS International Research Network index; "
        "not available with at most one partner; index.",
        "index", "partners", ("partners",), k.partner_network_breadth_by_year, (), (QS_IRN,)),
    # ------------------------------------------------------------------ joint programs
    Kpi("joint_programs", "Joint and double-degree programs",
        "Совместные программы и программы двойного диплома", "Qoʻshma va ikki diplomli taʼlim dasturlari",
        "Distinct joint/double-degree programs running in Y (start_year ≤ Y, end_year blank or ≥ Y); programs.",
        "count", "programs", ("programs",), k.joint_programs_by_year),
    Kpi("joint_program_students", "Students in joint programs", "Студенты совместных программ",
        "Qoʻshma dasturlar talabalari",
        "Sum of students enrolled in joint/double-degree programs (program_enrollment); students.",
        "count", "programs", ("program_enrollment",), k.joint_program_students_by_year),
    Kpi("joint_program_graduates", "Graduates of joint programs", "Выпускники совместных программ",
        "Qoʻshma dasturlar bitiruvchilari",
        "Sum of graduates of joint/double-degree programs (program_enrollment); graduates.",
        "count", "programs", ("program_enrollment",), k.joint_program_graduates_by_year),
    Kpi("joint_program_share", "Share of joint programs", "Доля совместных программ", "Qoʻshma dasturlar ulushi",
        "Joint programs running ÷ all degree programs (totals.csv programs) × 100; %.",
        "percent", "programs", ("programs", "totals"), k.joint_program_share_by_year, (), ("IMPI 01005",)),
    # ------------------------------------------------------------------ mobility
    Kpi("inbound_mobility", "Inbound mobility", "Входящая академическая мобильность", "Kiruvchi akademik mobillik",
        "People coming from abroad (direction in, country ≠ home), sum of count; people.",
        "count", "mobility", ("mobility",), k.inbound_mobility_by_year),
    Kpi("outbound_mobility", "Outbound mobility", "Исходящая академическая мобильность", "Chiquvchi akademik mobillik",
        "People going abroad (direction out, country ≠ home), sum of count; people.",
        "count", "mobility", ("mobility",), k.outbound_mobility_by_year),
    Kpi("inbound_student_mobility", "Inbound student mobility", "Входящая мобильность студентов",
        "Talabalarning kiruvchi mobilligi",
        "Students coming from abroad (in, student, country ≠ home), sum of count; students.",
        "count", "mobility", ("mobility",), k.inbound_student_mobility_by_year),
    Kpi("inbound_staff_mobility", "Inbound staff mobility", "Входящая мобильность преподавателей и сотрудников",
        "Xodimlarning kiruvchi mobilligi",
        "Staff coming from abroad (in, staff, country ≠ home), sum of count; people.",
        "count", "mobility", ("mobility",), k.inbound_staff_mobility_by_year),
    Kpi("outbound_student_mobility", "Outbound student mobility", "Исходящая мобильность студентов",
        "Talabalarning chiquvchi mobilligi",
        "Students going abroad (out, student, country ≠ home), sum of count; students.",
        "count", "mobility", ("mobility",), k.outbound_student_mobility_by_year),
    Kpi("outbound_staff_mobility", "Outbound staff mobility", "Исходящая мобильность преподавателей и сотрудников",
        "Xodimlarning chiquvchi mobilligi",
        "Staff going abroad (out, staff, country ≠ home), sum of count; people.",
        "count", "mobility", ("mobility",), k.outbound_staff_mobility_by_year),
    Kpi("outbound_student_ratio", "Outbound student ratio", "Доля студентов в исходящей мобильности",
        "Chiquvchi mobillikdagi talabalar ulushi",
        "Outbound students ÷ all students (totals.csv, or students.csv when it lists home students) × 100; %.",
        "percent", "mobility", ("mobility",), k.outbound_student_ratio_by_year, ("students", "totals"),
        ("IMPI 01009",)),
    # ------------------------------------------------------------------ events, grants, honours
    Kpi("international_events", "International events", "Международные мероприятия", "Xalqaro tadbirlar",
        "Events with at least one international participant; events.",
        "count", "events", ("events",), k.international_events_by_year),
    Kpi("international_event_participants", "International participants of events",
        "Иностранные участники мероприятий", "Tadbirlarning xorijiy ishtirokchilari",
        "Sum of international participants over all events of the year; people.",
        "count", "events", ("events",), k.international_event_participants_by_year),
    Kpi("active_grants", "Active international grants", "Действующие международные гранты",
        "Amaldagi xalqaro grantlar",
        "Grant projects running in Y (start_year ≤ Y, end_year blank or ≥ Y); projects.",
        "count", "events", ("grants",), k.active_grants_by_year),
    Kpi("honorary_doctorates", "Honorary doctorates awarded", "Присвоенные звания почётного доктора",
        "Berilgan faxriy doktor unvonlari",
        "Honorary doctorates awarded in the academic year; awards.",
        "count", "events", ("honorary_doctorates",), k.honorary_doctorates_by_year),
    # ------------------------------------------------------------------ staff
    Kpi("foreign_staff_share", "Share of foreign academic staff", "Доля иностранных преподавателей",
        "Xorijiy professor-oʻqituvchilar ulushi",
        "Foreign ÷ all academic staff × 100, on FTE when staff.csv gives fte (blank fte = count), else headcount; %.",
        "percent", "staff", ("staff",), k.foreign_staff_share_by_year, (), (QS_IFR, THE_ISTAFF)),
)

CATALOGUE: dict[str, Kpi] = {kpi.id: kpi for kpi in KPIS}


def get_kpi(kpi_id: str) -> Kpi:
    """The catalogue entry of a KPI id; KeyError naming the known ids otherwise."""
    try:
        return CATALOGUE[kpi_id]
    except KeyError:
        raise KeyError(f"unknown KPI {kpi_id!r}; known: {', '.join(CATALOGUE)}") from None


def kpis_in_group(group: str) -> list[Kpi]:
    """The KPIs of one group (students, partners, programs, mobility, events, staff), in catalogue order."""
    return [kpi for kpi in KPIS if kpi.group == group]


def group_label(group: str, lang: str = "en") -> str:
    """A group's heading in ``lang`` (en, ru, uz)."""
    labels = GROUPS[group]
    return labels[LANGUAGES.index(lang)] if lang in LANGUAGES else labels[0]
