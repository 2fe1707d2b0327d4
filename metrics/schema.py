"""The data contract: one schema per export, with its column aliases and types.

This module is the single place where an export's columns are named, typed and
aliased. `metrics.ingest` uses it to rename and coerce what a reader returns;
`scripts/make_data_readme.py` writes `data/README.md` from it.

Column kinds:
- ``year``: academic year as its first calendar year (2024 means 2024/25); accepts
  ``2024``, ``2024/2025``, ``2024-25``, ``2024/25``.
- ``int`` / ``float``: numbers; decimal commas and space/no-break-space thousands are accepted.
- ``date``: ISO ``2024-09-01``, ``01.09.2024`` or ``01/09/2024`` (day first), an Excel serial number.
- ``validity``: when an agreement ends (``metrics.validity``): a date, ``до``/``по DATE``, a term
  from the signing date (``на 5 лет``), or open-ended (``бессрочно``, blank, ``31.12.9999``).
- ``country``: a country name or code in any supported language, resolved to ISO alpha-3;
  the text as written is kept in ``<column>_raw``.
- ``countries``: a list of countries separated by ``;`` or ``,``, resolved to ``"KAZ;CHN"``.
- ``direction``: ``in`` or ``out`` (inbound/incoming/входящая/kiruvchi ...).
- ``category``: ``student`` or ``staff``.
- ``study_form``: ``full-time``, ``part-time``, ``evening`` or ``distance`` (очная, заочная,
  очно-заочная/вечерняя, дистанционная; kunduzgi, sirtqi, kechki, masofaviy ...).
- ``funding``: ``budget``, ``contract`` or ``grant`` (бюджет and a state grant / davlat granti are
  ``budget``; контракт, договор, платная основа, to‘lov-kontrakt are ``contract``; any other grant is ``grant``).
- ``course``: year of study, a whole number from 1 to 7 (``3``, ``3 курс``, ``3-kurs``, ``III``).
- ``language``: languages of instruction as ``;``-joined ISO 639-1 codes (``English; русский`` → ``en;ru``).
- ``stage``: ``applied``, ``admitted`` or ``enrolled`` (подано/рекомендован/зачислен, ariza/tavsiya etilgan ...).
- ``text``: free text, stripped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from metrics.text import fold


@dataclass(frozen=True)
class Column:
    """One canonical column of an export."""

    name: str
    kind: str
    required: bool
    description: str
    aliases: tuple[str, ...] = ()
    default: object = None


@dataclass(frozen=True)
class Export:
    """One export file: its canonical name, its columns and example rows."""

    name: str
    description: str
    columns: tuple[Column, ...]
    examples: tuple[dict, ...] = field(default_factory=tuple)
    one_of: tuple[tuple[str, ...], ...] = ()  # groups of columns where at least one is required

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)


# Aliases shared by several exports. Matching is case-, space- and punctuation-insensitive
# (see metrics.ingest.fold_header), so only genuinely different words are listed.
YEAR = ("год", "учебный год", "академический год", "o'quv yili", "oʻquv yili", "o‘quv yili",
        "yil", "ўқув йили", "йил", "academic year", "curso academico", "curso", "year of study start")
COUNTRY = ("страна", "государство", "davlat", "mamlakat", "давлат", "мамлакат", "pais",
           "country name", "страна партнера", "hamkor davlat", "пais")
FACULTY = ("факультет", "fakultet", "факультети", "fakulteti", "school", "centro", "department")
LEVEL = ("уровень", "уровень обучения", "уровень образования", "ступень", "daraja", "ta'lim darajasi",
         "таълим даражаси", "даража", "degree level", "study level", "cycle")
COUNT = ("количество", "кол-во", "колво", "число", "численность", "soni", "сони", "number", "n",
         "headcount", "qty", "quantity")
PARTNER = ("партнер", "партнёр", "организация", "вуз-партнер", "вуз партнер", "университет",
           "hamkor", "hamkor tashkilot", "ҳамкор", "tashkilot", "institution", "university",
           "partner institution", "organisation", "organization", "universidad acuerdo",
           "nombre universidad")
PROGRAM = ("программа", "dastur", "дастур", "programme", "program name", "программа обучения")
SEX = ("пол", "jinsi", "жинси", "gender")
STATUS = ("статус", "holati", "ҳолати", "state")
DIRECTION = ("направление", "yo'nalish", "yoʻnalish", "йўналиш", "in/out", "in out", "inout",
             "flow", "mobility direction", "направление мобильности")
CATEGORY = ("категория", "toifa", "тоифа", "participant type", "group", "role")
TYPE = ("тип", "вид", "turi", "тури", "kind")
CITIZENSHIP = ("гражданство", "fuqaroligi", "fuqarolik", "фуқаролиги", "фуқаролик", "nationality",
               "citizenship country") + COUNTRY + ("country",)
# issue 11: accreditation analyses (form of study, funding, year of study, specialty, language, admission)
STUDY_FORM = ("форма обучения", "форма получения образования", "ta'lim shakli", "ta'lim shakli turi",
              "таълим шакли", "o'qish shakli", "ўқиш шакли", "study form", "form of study", "mode of study",
              "attendance mode", "mode")
FUNDING = ("основа обучения", "источник финансирования", "финансирование", "вид финансирования", "форма оплаты",
           "бюджет/контракт", "to'lov turi", "to'lov shakli", "тўлов тури", "тўлов шакли", "moliyalashtirish",
           "moliyalashtirish manbai", "молиялаштириш", "ta'lim asosi", "funding source", "fee status",
           "tuition basis", "budget/contract")
COURSE = ("курс", "курс обучения", "год обучения", "kurs", "bosqich", "o'qish bosqichi", "курс/босқич", "босқич",
          "ўқиш босқичи", "year of study", "study year", "course", "year level")
SPECIALTY = ("специальность", "направление подготовки", "направление образования", "шифр и специальность",
             "mutaxassislik", "ta'lim yo'nalishi", "yo'nalish", "мутахассислик", "таълим йўналиши", "йўналиш",
             "speciality", "specialty", "major", "field of study", "programme of study")
LANGUAGE = ("язык обучения", "язык преподавания", "язык", "языки обучения", "ta'lim tili", "o'qitish tili",
            "таълим тили", "ўқитиш тили", "til", "тил", "language of instruction", "teaching language",
            "languages", "medium of instruction")
STAGE = ("этап", "этап приема", "этап приёма", "стадия", "стадия приема", "qabul bosqichi", "bosqich",
         "қабул босқичи", "босқич", "admission stage", "funnel stage", "step")

STUDENTS = Export(
    name="students",
    description="Student registry export: one row per student (or per group of students with `count`).",
    columns=(
        Column("year", "year", True, "Academic year (first calendar year).", YEAR),
        Column("citizenship", "country", True, "Citizenship of the student.", CITIZENSHIP),
        Column("count", "int", False, "Number of students the row stands for.", COUNT, 1),
        Column("faculty", "text", False, "Faculty or school.", FACULTY),
        Column("level", "text", False, "Level of study (bachelor, master, residency, PhD ...).", LEVEL),
        Column("sex", "text", False, "Sex as recorded (F/M).", SEX),
        Column("status", "text", False,
               "Enrolment status: new, continuing, graduated, expelled, withdrawn.", STATUS),
        Column("student_id", "text", False,
               "Opaque registry id, used only to count a student once; never shown.",
               ("id", "id студента", "номер студента", "talaba id", "student number", "registry id")),
        Column("study_form", "study_form", False,
               "Form of study: full-time, part-time (заочная, sirtqi), evening (очно-заочная, kechki) "
               "or distance (дистанционная, masofaviy).", STUDY_FORM),
        Column("funding", "funding", False,
               "Who pays: budget (state budget place, государственный грант, davlat granti), contract "
               "(контракт, платная основа, to‘lov-kontrakt) or grant (a foreign or other grant, scholarship).",
               FUNDING),
        Column("course", "course", False, "Year of study that academic year, 1 to 7 (курс, bosqich).", COURSE),
        Column("specialty", "text", False,
               "Specialty (programme) as in the national classifier, with its code: General Medicine (60910200).",
               SPECIALTY),
    ),
    examples=(
        {"year": "2024/2025", "citizenship": "Индия", "count": 1, "faculty": "General Medicine",
         "level": "Bachelor", "sex": "F", "status": "new", "student_id": "S000123", "study_form": "очная",
         "funding": "контракт", "course": 1, "specialty": "General Medicine (60910200)"},
        {"year": "2024", "citizenship": "Pakistan", "count": 3, "faculty": "Pediatrics",
         "level": "Residency", "sex": "M", "status": "continuing", "student_id": "", "study_form": "full-time",
         "funding": "grant", "course": "2 курс", "specialty": "Pediatrics"},
        {"year": "2024", "citizenship": "Oʻzbekiston", "count": 1, "faculty": "Postgraduate Education",
         "level": "PhD", "sex": "F", "status": "continuing", "student_id": "S000124", "study_form": "sirtqi",
         "funding": "davlat granti", "course": 3, "specialty": "Cardiology (14.00.06)"},
    ),
)

TOTALS = Export(
    name="totals",
    description="All students (home and foreign) per year, optionally per faculty, and the number of programs.",
    columns=(
        Column("year", "year", True, "Academic year.", YEAR),
        Column("total_students", "int", True, "All enrolled students, home and foreign.",
               ("всего студентов", "контингент", "всего обучающихся", "jami talabalar",
                "talabalar soni", "total", "students total", "enrolment")),
        Column("faculty", "text", False, "Faculty; blank for the whole university.", FACULTY),
        Column("programs", "int", False, "Number of degree programs offered (for the joint-program share).",
               ("количество программ", "программ", "dasturlar soni", "number of programs")),
    ),
    examples=({"year": 2024, "total_students": 14800, "faculty": "", "programs": 38},),
)

PARTNERS = Export(
    name="partners",
    description="Agreement registry: one row per agreement with a partner institution.",
    columns=(
        Column("partner", "text", True, "Name of the partner institution.", PARTNER),
        Column("country", "country", True, "Country of the partner.", COUNTRY + ("pais universidad acuerdo",)),
        Column("partner_id", "text", False, "Stable id of the partner in the registry.",
               ("id партнера", "код партнера", "hamkor id", "erasmus code", "codigo")),
        Column("city", "text", False, "City.", ("город", "shahar", "шаҳар", "ciudad")),
        Column("type", "text", False, "university, hospital, research centre, society, agency ...",
               TYPE + ("тип организации", "tashkilot turi")),
        Column("fields", "text", False,
               "Fields of cooperation separated by ';': education, research, patient care.",
               ("направления сотрудничества", "сферы", "области", "sohalar", "yo'nalishlar", "fields of cooperation")),
        Column("agreement", "text", False, "Agreement type or number (MoU, bilateral, Erasmus+ ...).",
               ("соглашение", "договор", "вид соглашения", "shartnoma", "келишув", "agreement type")),
        Column("signed", "date", False, "Date the agreement was signed.",
               ("дата подписания", "подписан", "imzolangan sana", "date signed", "start date", "valid from",
                "дата заключения", "дата договора", "date of signing")),
        Column("expires", "validity", False,
               "When the agreement ends: a date, `до 01.06.2027`, a term from `signed` (`на 5 лет`, `5 yil`), "
               "or open-ended (`бессрочно`, `muddatsiz`, blank, a date in 2100 or later such as 31.12.9999).",
               ("дата окончания", "срок действия", "действует до", "amal qilish muddati", "tugash sanasi",
                "end date", "valid until", "valid to", "expiry", "действителен до", "срок", "muddati",
                "амал қилиш муддати", "valid till")),
    ),
    examples=(
        {"partner": "Asfendiyarov Kazakh National Medical University", "country": "Kazakhstan",
         "partner_id": "P001", "city": "Almaty", "type": "university", "fields": "education;research",
         "agreement": "MoU", "signed": "12.03.2019", "expires": "12.03.2029"},
    ),
)

MOBILITY = Export(
    name="mobility",
    description="Academic mobility records: one row per person or group moving in or out in a year.",
    columns=(
        Column("year", "year", True, "Academic year.", YEAR),
        Column("direction", "direction", True, "in (to us) or out (from us).", DIRECTION),
        Column("category", "category", True, "student or staff (lecturers, researchers).", CATEGORY),
        Column("country", "country", True, "Country the person comes from (in) or goes to (out).", COUNTRY),
        Column("partner", "text", False, "Partner institution.", PARTNER),
        Column("program", "text", False, "Mobility program (Erasmus+, bilateral, own funds ...).",
               PROGRAM + ("nombre programa movilidad",)),
        Column("purpose", "text", False, "Study, teaching, internship, research, conference ...",
               ("цель", "maqsad", "мақсад", "goal")),
        Column("count", "int", False, "Number of people the row stands for.", COUNT, 1),
    ),
    examples=(
        {"year": "2024/25", "direction": "in", "category": "staff", "country": "Tajikistan",
         "partner": "Tajik State Medical University", "program": "bilateral", "purpose": "teaching", "count": 2},
    ),
)

PROGRAMS = Export(
    name="programs",
    description="Joint and double-degree programs with foreign partners.",
    columns=(
        Column("program", "text", True, "Program name.", PROGRAM),
        Column("partner", "text", True, "Partner institution.", PARTNER),
        Column("country", "country", True, "Country of the partner.", COUNTRY),
        Column("type", "text", True, "double (double degree) or joint (joint degree).", TYPE),
        Column("level", "text", True, "Level of study.", LEVEL),
        Column("start_year", "year", True, "First academic year of intake.",
               ("год начала", "начало", "boshlanish yili", "start", "since")),
        Column("end_year", "year", False, "Last academic year; blank while running.",
               ("год окончания", "окончание", "tugash yili", "end", "until")),
        Column("language", "language", False,
               "Language(s) of instruction as ISO 639-1 codes separated by ';' (en, ru, uz); names such as "
               "English, русский, oʻzbek tili are accepted.", LANGUAGE),
    ),
    examples=(
        {"program": "General Medicine (MD)", "partner": "Grodno State Medical University",
         "country": "Belarus", "type": "double", "level": "Bachelor", "start_year": 2021, "end_year": "",
         "language": "английский; русский"},
    ),
)

PROGRAM_ENROLLMENT = Export(
    name="program_enrollment",
    description="Students and graduates of each joint program per year.",
    columns=(
        Column("program", "text", True, "Program name, as in programs.csv.", PROGRAM),
        Column("year", "year", True, "Academic year.", YEAR),
        Column("students", "int", True, "Students enrolled.",
               ("студенты", "обучается", "talabalar", "enrolled", "students enrolled")),
        Column("graduates", "int", False, "Graduates that year.",
               ("выпускники", "выпуск", "bitiruvchilar", "graduated")),
    ),
    examples=({"program": "General Medicine (MD)", "year": 2024, "students": 42, "graduates": 8},),
)

EVENTS = Export(
    name="events",
    description="Scientific and practical events held by the university.",
    columns=(
        Column("event", "text", True, "Event title.",
               ("мероприятие", "название", "tadbir", "тадбир", "title", "name of event")),
        Column("date", "date", False, "Date of the event (gives the academic year).",
               ("дата", "sana", "сана", "event date")),
        Column("year", "year", False, "Academic year, when no date is given.", YEAR),
        Column("type", "text", True, "conference, congress, symposium, workshop, master-class, school ...", TYPE),
        Column("participants", "int", True, "All participants.",
               ("участники", "число участников", "ishtirokchilar", "иштирокчилар")),
        Column("international_participants", "int", True, "Participants from abroad.",
               ("иностранные участники", "зарубежные участники", "xorijiy ishtirokchilar",
                "foreign participants")),
        Column("countries", "countries", False, "Countries of the foreign participants, separated by ';'.",
               ("страны", "страны участников", "davlatlar", "mamlakatlar", "countries of participants")),
    ),
    examples=(
        {"event": "Current problems in Experimental and Clinical Medicine", "date": "2024-10-17",
         "year": "", "type": "conference", "participants": 420, "international_participants": 65,
         "countries": "Kazakhstan;Russia;Germany"},
    ),
    one_of=(("date", "year"),),
)

GRANTS = Export(
    name="grants",
    description="Grant projects carried out with foreign partners.",
    columns=(
        Column("grant", "text", True, "Project title.",
               ("грант", "проект", "название проекта", "loyiha", "лойиҳа", "project", "title")),
        Column("partner", "text", False, "Foreign partner institution.", PARTNER),
        Column("country", "country", False, "Country of the partner.", COUNTRY),
        Column("funder", "text", False, "Funding body or program.",
               ("источник финансирования", "фонд", "donor", "moliyalashtiruvchi", "funding")),
        Column("start_year", "year", True, "First academic year of the project.",
               ("год начала", "начало", "boshlanish yili", "start", "since")),
        Column("end_year", "year", False, "Last academic year; blank while running.",
               ("год окончания", "окончание", "tugash yili", "end", "until")),
        Column("amount", "float", False, "Budget.", ("сумма", "бюджет", "miqdor", "budget")),
        Column("currency", "text", False, "Currency of the budget (ISO 4217).", ("валюта", "valyuta")),
    ),
    examples=(
        {"grant": "Early detection of orthopedic (joint) diseases with multimodal large models",
         "partner": "Shandong University", "country": "China", "funder": "bilateral",
         "start_year": 2024, "end_year": 2026, "amount": "120 000,00", "currency": "USD"},
    ),
)

HONORARY_DOCTORATES = Export(
    name="honorary_doctorates",
    description="Honorary doctorates awarded. Deliberately without the person's name: only year, country, field.",
    columns=(
        Column("year", "year", True, "Academic year of the award.", YEAR),
        Column("country", "country", True, "Country of the honoree.", COUNTRY),
        Column("field", "text", False, "Field (surgery, education, public health ...).",
               ("область", "специальность", "soha", "соҳа")),
        Column("affiliation", "text", False, "Institution of the honoree.",
               ("место работы", "организация", "ish joyi", "institution")),
    ),
    examples=({"year": 2019, "country": "USA", "field": "cardiothoracic surgery",
               "affiliation": "Open Medical Institute"},),
)

TARGETS = Export(
    name="targets",
    description="Targets set by the rectorate: one value per KPI id and year.",
    columns=(
        Column("kpi", "text", True, "KPI id (see docs/KPIS.md).", ("показатель", "индикатор", "ko'rsatkich", "indicator")),
        Column("year", "year", True, "Academic year.", YEAR),
        Column("target", "float", True, "Target value, in the KPI's unit.", ("цель", "план", "maqsad", "reja", "goal")),
    ),
    examples=({"kpi": "foreign_students", "year": 2025, "target": 3500},),
)

STAFF = Export(
    name="staff",
    description="Academic staff by citizenship (optional), for the international faculty ratio.",
    columns=(
        Column("year", "year", True, "Academic year.", YEAR),
        Column("citizenship", "country", True, "Citizenship of the staff member.",
               ("гражданство", "fuqaroligi", "fuqarolik", "nationality") + COUNTRY + ("country",)),
        Column("fte", "float", False, "Full-time equivalent; when given, ratios use FTE.",
               ("ставка", "ставки", "stavka", "full-time equivalent")),
        Column("count", "int", False, "Number of staff the row stands for.", COUNT, 1),
    ),
    examples=({"year": 2024, "citizenship": "Kazakhstan", "fte": 1.0, "count": 1},),
)

RESEARCH_PROJECTS = Export(
    name="research_projects",
    description="Joint research projects with foreign partners, one row per project and academic year.",
    columns=(
        Column("partner", "text", False, "Foreign partner institution.", PARTNER),
        Column("country", "country", False, "Country of the partner.", COUNTRY),
        Column("year", "year", True, "Academic year the project was carried out in.", YEAR),
        Column("title", "text", True, "Project title.",
               ("тема", "название", "название проекта", "тема исследования", "mavzu", "мавзу",
                "loyiha nomi", "project title", "research project")),
        Column("funding", "text", False, "Funder or program.",
               ("финансирование", "источник финансирования", "фонд", "moliyalashtirish",
                "moliyalashtiruvchi", "funder", "donor")),
    ),
    examples=(
        {"partner": "Shandong University", "country": "China", "year": 2024,
         "title": "Genetic markers of early-onset type 2 diabetes", "funding": "bilateral"},
    ),
)

APPLICATIONS = Export(
    name="applications",
    description="Admission funnel of foreign applicants: one row per year × citizenship × stage (optionally × "
                "faculty × level) with the number of people at that stage. Stages nest: applied ⊇ admitted ⊇ "
                "enrolled; `enrolled` is the intake of new students.",
    columns=(
        Column("year", "year", True, "Academic year of admission.", YEAR),
        Column("citizenship", "country", True, "Citizenship of the applicants.", CITIZENSHIP),
        Column("stage", "stage", True,
               "applied (applications filed: подано заявлений, ariza), admitted (offer: рекомендован, "
               "допущен, принят, tavsiya etilgan) or enrolled (зачислен, oʻqishga kirgan).", STAGE),
        Column("count", "int", True, "Number of people at that stage.", COUNT),
        Column("faculty", "text", False, "Faculty or school.", FACULTY),
        Column("level", "text", False, "Level of study.", LEVEL),
    ),
    examples=(
        {"year": 2024, "citizenship": "India", "stage": "applied", "count": 420, "faculty": "General Medicine",
         "level": "Bachelor"},
        {"year": 2024, "citizenship": "Индия", "stage": "рекомендован к зачислению", "count": 190,
         "faculty": "General Medicine", "level": "Bachelor"},
        {"year": "2024/25", "citizenship": "Hindiston", "stage": "зачислен", "count": 131,
         "faculty": "General Medicine", "level": "Bachelor"},
    ),
)

# issue 12: many universities in one data set (a ministry's folder). Every export may carry the university
# a row belongs to; a folder without the column is one university, as before (settings.toml names it).
UNIVERSITY = ("университет", "вуз", "ВУЗ", "oliy taʼlim muassasasi", "oliy ta'lim muassasasi", "OTM",
              "institution", "university")
UNIVERSITY_COLUMN = "university"


def with_university(export: Export) -> Export:
    """The export with the optional ``university`` column appended (kind text).

    The column's own name always means it: ``university`` is taken out of the other columns' aliases (the
    partner column lists it). Its other aliases are kept only where no other column of the export claims
    them (``университет``, ``institution`` stay the partner's in partners, mobility, programs ...).
    """
    columns = tuple(Column(c.name, c.kind, c.required, c.description,
                           tuple(a for a in c.aliases if fold(a) != UNIVERSITY_COLUMN), c.default)
                    for c in export.columns)
    claimed = {fold(alias) for c in columns for alias in (c.name, c.name.replace("_", " "), *c.aliases)}
    aliases: dict[str, str] = {}  # folded -> the first spelling
    for alias in UNIVERSITY:
        if fold(alias) not in claimed and fold(alias) != UNIVERSITY_COLUMN:
            aliases.setdefault(fold(alias), alias)
    university = Column(UNIVERSITY_COLUMN, "text", False,
                        "University the row belongs to, in a data set of several universities (a ministry's "
                        "folder); leave it out for a single university.", tuple(aliases.values()))
    return Export(export.name, export.description, columns + (university,), export.examples, export.one_of)


(STUDENTS, TOTALS, PARTNERS, MOBILITY, PROGRAMS, PROGRAM_ENROLLMENT, EVENTS, GRANTS, HONORARY_DOCTORATES, TARGETS,
 STAFF, RESEARCH_PROJECTS, APPLICATIONS) = (
    with_university(export) for export in (STUDENTS, TOTALS, PARTNERS, MOBILITY, PROGRAMS, PROGRAM_ENROLLMENT, EVENTS,
                                           GRANTS, HONORARY_DOCTORATES, TARGETS, STAFF, RESEARCH_PROJECTS,
                                           APPLICATIONS))

EXPORTS: dict[str, Export] = {
    export.name: export
    for export in (STUDENTS, TOTALS, PARTNERS, MOBILITY, PROGRAMS, PROGRAM_ENROLLMENT, EVENTS,
                   GRANTS, HONORARY_DOCTORATES, TARGETS, STAFF, RESEARCH_PROJECTS, APPLICATIONS)
}

# Column headers that hold personal data. Such columns are dropped at ingestion, before
# anything else sees them, and reported as an info record. Matched on the folded header.
PERSONAL_DATA_HEADERS = (
    "name", "full name", "first name", "last name", "surname", "given name", "student name",
    "фио", "ф.и.о", "фамилия", "имя", "отчество", "фамилия имя отчество", "имя студента",
    "fio", "f.i.sh", "fish", "familiya", "ism", "sharif", "ism familiya", "фамилияси", "исми",
    "passport", "passport number", "паспорт", "номер паспорта", "серия паспорта", "pasport",
    "pasport raqami", "паспорт рақами",
    "phone", "telephone", "mobile", "телефон", "тел", "telefon",
    "email", "e-mail", "mail", "электронная почта", "почта", "elektron pochta",
    "address", "адрес", "manzil", "манзил", "birth date", "date of birth", "дата рождения",
    "tug'ilgan sana", "pinfl", "пинфл", "inn", "инн", "snils", "снилс", "honoree", "nombre",
)
