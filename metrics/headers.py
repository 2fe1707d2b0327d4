"""Header matching: a header cell of an export to the contract's column, on aliases and on words.

Offices write long official headers (`Наименование организации-партнёра`, `Дата заключения
договора`, `Hamkor tashkilotning to‘liq nomi`). A header is matched in two steps:

1. the exact folded alias from `metrics.schema` (`header_aliases`);
2. word rules: a rule is a few word stems, and it matches when every stem begins some word
   of the folded header (and none of its `without` stems does).

Rules come in two ranks. A *head* rule contains the word that says what the cell holds
(страна, дата, срок, наименование, вид ...); a *fallback* rule only names the thing without
such a word (`Организация-партнёр`). Fallback rules are consulted only when no head rule
matched, so `Страна нахождения организации-партнёра` is the country, not the partner. When
rules of two columns match at the same rank, the header is left unmatched: never a guess
between columns.

`is_numbering_header` recognises the row-number column (`№ п/п`, `T/r`) that registers
carry and the contract does not need.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from metrics.schema import EXPORTS, Export
from metrics.text import fold

MAX_HEADER_LENGTH = 200  # a longer cell is a title or data, never a header; not matched at all
HEAD, FALLBACK = 2, 1  # ranks of the rules; the higher rank that matches decides


@dataclass(frozen=True)
class Rule:
    """Stems that must each begin a word of the folded header; `without`: stems that must not."""

    stems: tuple[str, ...]
    without: tuple[str, ...] = ()
    rank: int = HEAD


def _head(*stems: str, without: tuple[str, ...] = ()) -> Rule:
    return Rule(tuple(fold(stem) for stem in stems), tuple(fold(stem) for stem in without), HEAD)


def _fallback(*stems: str, without: tuple[str, ...] = ()) -> Rule:
    return Rule(tuple(fold(stem) for stem in stems), tuple(fold(stem) for stem in without), FALLBACK)


# ---------------------------------------------------------------------------------------------
# Rules shared by several exports
# ---------------------------------------------------------------------------------------------
YEAR_RULES = (
    _head("учебн", "год"),  # Учебный год, Год учебный
    _head("академ", "год"),  # Академический год
    _head("отчетн", "год"),  # Отчётный год
    _head("o'quv", "yil"),  # O‘quv yili
    _head("ўқув", "йил"),  # Ўқув йили
    _head("hisobot", "yil"),  # Hisobot yili (reporting year)
    _head("academic", "year"),  # Academic year
)
FACULTY_RULES = (
    _head("факультет"),  # Факультет/Институт, Факультети
    _head("fakultet"),  # Fakultet nomi
    _head("faculty"),  # Faculty / School
)
LEVEL_RULES = (
    _head("уровен", "образован"),  # Уровень образования (бакалавриат, магистратура)
    _head("уровен", "обучен"),  # Уровень обучения
    _head("уровен", "подготовк"),  # Уровень подготовки
    _head("ступен"),  # Ступень образования
    _head("ta'lim", "daraja"),  # Ta’lim darajasi
    _head("таълим", "дараж"),  # Таълим даражаси
    _head("level"),  # Level of study, Degree level
)
COUNTRY_RULES = (
    _head("стран"),  # Страна партнёра, Страна нахождения
    _head("государств"),  # Государство
    _head("davlat"),  # Hamkor davlat, Davlat nomi
    _head("mamlakat"),  # Mamlakat
    _head("давлат"),  # Давлат номи
    _head("мамлакат"),  # Мамлакат
    _head("country"),  # Partner country
)
CITIZENSHIP_RULES = (
    _head("гражданств"),  # Гражданство (страна), Страна гражданства
    _head("подданств"),  # Подданство
    _head("fuqaro"),  # Fuqaroligi
    _head("фуқаро"),  # Фуқаролиги
    _head("citizenship"),  # Country of citizenship
    _head("nationalit"),  # Nationality
)
COUNT_RULES = (
    _head("количеств", without=("программ",)),  # Количество студентов (not Количество программ)
    _head("численност"),  # Численность обучающихся
    _head("soni", without=("dastur",)),  # Talabalar soni
    _head("сони", without=("дастур",)),  # Талабалар сони
    _head("headcount"),  # Headcount
    _head("number", "of", "student"),  # Number of students
)
PARTNER_RULES = (
    _head("наименован", "организац"),  # (Полное) наименование организации(-партнёра)
    _head("наименован", "партнер"),  # Наименование зарубежного партнера
    _head("наименован", "вуз"),  # Наименование вуза-партнера
    _head("наименован", "университет"),  # Наименование университета
    _head("наименован", "учрежден"),  # Наименование учреждения
    _head("назван", "организац"),  # Название организации
    _head("назван", "партнер"),  # Название партнёра
    _head("назван", "вуз"),  # Название вуза
    _head("назван", "университет"),  # Название университета
    _head("nomi", "tashkilot"),  # Hamkor tashkilotning to‘liq nomi
    _head("nomi", "hamkor"),  # Hamkor nomi
    _head("nomi", "universitet"),  # Universitet nomi
    _head("nomi", "oliy"),  # Oliy ta’lim muassasasi nomi
    _head("nomi", "muassasa"),  # Muassasa nomi
    _head("nomlan", "tashkilot"),  # Tashkilot nomlanishi
    _head("номи", "ташкилот"),  # Хорижий ҳамкор ташкилот номи
    _head("номи", "ҳамкор"),  # Ҳамкор номи
    _head("номи", "университет"),  # Университет номи
    _head("номи", "олий"),  # Олий таълим муассасаси номи
    _head("номлан", "ташкилот"),  # Ташкилот номланиши
    _head("partner", "name"),  # Partner name
    _head("institution", "name"),  # Name of institution
    _head("university", "name"),  # University name
    _fallback("организац", "партнер"),  # Организация-партнёр
    _fallback("вуз", "партнер"),  # Вуз-партнёр
    _fallback("зарубеж", "партнер"),  # Зарубежный партнёр
    _fallback("иностран", "партнер"),  # Иностранный партнёр
    _fallback("партнер"),  # Партнёр по договору
    _fallback("hamkor", "tashkilot"),  # Hamkor tashkilot(lar)
    _fallback("xorij", "hamkor"),  # Xorijiy hamkor
    _fallback("ҳамкор", "ташкилот"),  # Ҳамкор ташкилот
    _fallback("хориж", "ҳамкор"),  # Хорижий ҳамкор
    _fallback("partner", "institution"),  # Partner institution(s)
    _fallback("partner", "university"),  # Partner university
    _fallback("host", "institution"),  # Host institution (mobility)
    _fallback("принимающ", "организац"),  # Принимающая организация (mobility)
    _fallback("направляющ", "организац"),  # Направляющая организация (mobility)
)
PROGRAM_NAME_RULES = (
    _head("наименован", "программ"),  # Наименование программы
    _head("назван", "программ"),  # Название программы
    _head("nomi", "dastur"),  # Dastur nomi
    _head("номи", "дастур"),  # Дастур номи
    _head("program", "name"),  # Program name
    _head("programme", "name"),  # Programme name
)
START_YEAR_RULES = (
    _head("год", "начал"),  # Год начала (реализации)
    _head("год", "старт"),  # Год старта
    _head("boshlan", "yil"),  # Boshlanish yili
    _head("бошлан", "йил"),  # Бошланиш йили
    _head("start", "year"),  # Start year
)
END_YEAR_RULES = (
    _head("год", "оконча"),  # Год окончания
    _head("год", "завершен"),  # Год завершения
    _head("tugash", "yil"),  # Tugash yili
    _head("тугаш", "йил"),  # Тугаш йили
    _head("end", "year"),  # End year
)

# issue 11: accreditation analyses (form of study, funding, year of study, specialty, language, stage)
STUDY_FORM_RULES = (
    _head("форм", "обучен"),  # Форма обучения
    _head("форм", "образован"),  # Форма получения образования
    _head("ta'lim", "shakl"),  # Ta’lim shakli
    _head("таълим", "шакл"),  # Таълим шакли
    _head("o'qish", "shakl"),  # O‘qish shakli
    _head("study", "form"),  # Study form
    _head("form", "study"),  # Form of study
    _head("mode", "study"),  # Mode of study
)
FUNDING_RULES = (
    _head("финансир"),  # Источник финансирования, Вид финансирования
    _head("основ", "обучен"),  # Основа обучения (бюджет/контракт)
    _head("оплат"),  # Форма оплаты обучения
    _head("to'lov"),  # To‘lov turi, To‘lov shakli
    _head("тўлов"),  # Тўлов тури
    _head("moliyalashtir"),  # Moliyalashtirish manbai
    _head("молиялаштир"),  # Молиялаштириш манбаи
    _head("funding"),  # Funding source
    _head("fee", "status"),  # Fee status
)
COURSE_RULES = (
    _head("курс"),  # Курс, Курс обучения
    _head("kurs"),  # Kurs
    _head("bosqich"),  # O‘qish bosqichi
    _head("босқич"),  # Босқич
    _head("year", "of", "study", without=("start",)),  # Year of study
    _head("study", "year"),  # Study year
)
SPECIALTY_RULES = (
    _head("специальн"),  # Специальность, Шифр и наименование специальности
    _head("направлен", "подготовк"),  # Направление подготовки
    _head("направлен", "образован"),  # Направление образования
    _head("mutaxassis"),  # Mutaxassislik
    _head("мутахассис"),  # Мутахассислик
    _head("ta'lim", "yo'nalish"),  # Ta’lim yo‘nalishi
    _head("таълим", "йўналиш"),  # Таълим йўналиши
    _head("specialt"),  # Specialty
    _head("speciali"),  # Speciality, Specialisation
)
LANGUAGE_RULES = (
    _head("язык"),  # Язык обучения, Язык преподавания
    _head("tili"),  # Ta’lim tili, O‘qitish tili
    _head("тили"),  # Таълим тили
    _head("language"),  # Language of instruction
)
STAGE_RULES = (
    _head("этап"),  # Этап приёмной кампании
    _head("стади"),  # Стадия приёма
    _head("qabul", "bosqich"),  # Qabul bosqichi
    _head("қабул", "босқич"),  # Қабул босқичи
    _head("stage"),  # Admission stage
)

# ---------------------------------------------------------------------------------------------
# Rules per export and column. A column name that is not in the export fails the tests.
# ---------------------------------------------------------------------------------------------
WORD_RULES: dict[str, dict[str, tuple[Rule, ...]]] = {
    "students": {
        "year": YEAR_RULES,
        "citizenship": CITIZENSHIP_RULES,
        "count": COUNT_RULES,
        "faculty": FACULTY_RULES,
        "level": LEVEL_RULES,
        "sex": (
            _head("jins"),  # Jinsi
            _head("жинс"),  # Жинси
            _head("gender"),  # Gender
        ),
        "status": (
            _head("статус"),  # Статус обучающегося
            _head("holat"),  # Talaba holati
            _head("ҳолат"),  # Талаба ҳолати
            _head("status"),  # Enrolment status
        ),
        "student_id": (
            _head("идентификат"),  # Идентификатор студента
            _head("зачетн", "книжк"),  # Номер зачётной книжки
            _head("student", "id"),  # Student ID
        ),
        "study_form": STUDY_FORM_RULES,
        "funding": FUNDING_RULES,
        "course": COURSE_RULES,
        "specialty": SPECIALTY_RULES,
    },
    "totals": {
        "year": YEAR_RULES,
        "total_students": (
            _head("всего", "студент"),  # Всего студентов
            _head("всего", "обучающ"),  # Всего обучающихся
            _head("контингент"),  # Общий контингент
            _head("общ", "численност"),  # Общая численность студентов
            _head("jami", "talaba"),  # Jami talabalar
            _head("жами", "талаба"),  # Жами талабалар
            _head("total", "student"),  # Total students
        ),
        "faculty": FACULTY_RULES,
        "programs": (
            _head("количеств", "программ"),  # Количество образовательных программ
            _head("числ", "программ"),  # Число программ
            _head("dastur", "soni"),  # Dasturlar soni
            _head("дастур", "сони"),  # Дастурлар сони
            _head("number", "program"),  # Number of programmes
        ),
    },
    "partners": {
        "partner": PARTNER_RULES,
        "country": COUNTRY_RULES,
        "partner_id": (
            _head("код", "партнер"),  # Код партнёра
            _head("partner", "id"),  # Partner ID
        ),
        "city": (
            _head("город"),  # Город нахождения организации-партнёра
            _head("shahar"),  # Shahar
            _head("шаҳар"),  # Шаҳар
            _head("city"),  # City
        ),
        "type": (
            _head("тип", "организац"),  # Тип организации
            _head("вид", "организац"),  # Вид организации
            _head("тип", "учрежден"),  # Тип учреждения
            _head("tashkilot", "tur"),  # Tashkilot turi
            _head("ташкилот", "тур"),  # Ташкилот тури
            _head("institution", "type"),  # Institution type
        ),
        "fields": (
            _head("направлен", "сотруднич"),  # Направления сотрудничества
            _head("сфер", "сотруднич"),  # Сферы сотрудничества
            _head("област", "сотруднич"),  # Области сотрудничества
            _head("hamkorlik", "yo'nalish"),  # Hamkorlik yo‘nalishlari
            _head("ҳамкорлик", "йўналиш"),  # Ҳамкорлик йўналишлари
            _head("hamkorlik", "soha"),  # Hamkorlik sohalari
            _head("field", "cooperation"),  # Fields of cooperation
        ),
        "agreement": (
            _head("вид", "документ"),  # Вид документа
            _head("вид", "договор"),  # Вид договора
            _head("вид", "соглашен"),  # Вид соглашения
            _head("тип", "договор"),  # Тип договора
            _head("тип", "соглашен"),  # Тип соглашения
            _head("тип", "документ"),  # Тип документа
            _head("номер", "договор"),  # Номер договора
            _head("наименован", "документ"),  # Наименование документа
            _head("hujjat", "tur"),  # Hujjat turi
            _head("shartnoma", "tur"),  # Shartnoma turi
            _head("shartnoma", "raqam"),  # Shartnoma raqami
            _head("ҳужжат", "тур"),  # Ҳужжат тури
            _head("шартнома", "тур"),  # Шартнома тури
            _head("agreement", "type"),  # Type of agreement
            _fallback("договор"),  # Договор / соглашение
            _fallback("соглашен"),  # Соглашение (меморандум)
            _fallback("shartnoma"),  # Shartnoma
            _fallback("шартнома"),  # Шартнома
        ),
        "signed": (
            _head("дата", "заключ"),  # Дата заключения (договора)
            _head("дата", "подпис"),  # Дата подписания соглашения
            _head("дата", "начал"),  # Дата начала действия
            _head("дата", "вступлен"),  # Дата вступления в силу
            _head("sana", "imzol"),  # Imzolangan sanasi
            _head("sana", "tuzil"),  # Shartnoma tuzilgan sana
            _head("сана", "имзол"),  # Имзоланган санаси
            _head("сана", "тузил"),  # Шартнома тузилган сана
            _head("date", "sign"),  # Date of signing
            _head("date", "conclu"),  # Date of conclusion
        ),
        "expires": (
            _head("срок", "действ"),  # Срок действия (договора)
            _head("дата", "окончан"),  # Дата окончания (срока действия)
            _head("дата", "истечен"),  # Дата истечения
            _head("дата", "прекращен"),  # Дата прекращения
            _head("muddat"),  # Amal qilish muddati, Shartnoma muddati
            _head("муддат"),  # Амал қилиш муддати
            _head("tugash", "sana"),  # Tugash sanasi
            _head("тугаш", "сана"),  # Тугаш санаси
            _head("valid", "until"),  # Valid until
            _head("expir"),  # Expiry date, Expires
            _head("end", "date"),  # End date
        ),
    },
    "mobility": {
        "year": YEAR_RULES,
        "direction": (
            _head("направлен", "мобильн"),  # Направление мобильности
            _head("вид", "мобильн"),  # Вид мобильности (входящая/исходящая)
            _head("входящ", "исходящ"),  # Входящая/исходящая
            _head("kiruvchi", "chiquvchi"),  # Kiruvchi/chiquvchi
            _head("кирувчи", "чиқувчи"),  # Кирувчи/чиқувчи
            _head("direction"),  # Direction of mobility
        ),
        "category": (
            _head("категори"),  # Категория участника
            _head("toifa"),  # Ishtirokchi toifasi
            _head("тоифа"),  # Иштирокчи тоифаси
            _head("студент", "преподавател"),  # Студент/преподаватель
            _head("participant", "type"),  # Participant type
        ),
        "country": COUNTRY_RULES,
        "partner": PARTNER_RULES,
        "program": (
            *PROGRAM_NAME_RULES,
            _head("программ"),  # Программа мобильности
            _head("dastur"),  # Dastur
            _head("дастур"),  # Дастур
            _head("program"),  # Program, Programme
        ),
        "purpose": (
            _head("цел", "поездк"),  # Цель поездки
            _head("цел", "визит"),  # Цель визита
            _head("цел", "мобильн"),  # Цель мобильности
            _head("maqsad"),  # Safar maqsadi
            _head("мақсад"),  # Сафар мақсади
            _head("purpose"),  # Purpose of visit
        ),
        "count": COUNT_RULES,
    },
    "programs": {
        "program": PROGRAM_NAME_RULES,
        "partner": PARTNER_RULES,
        "country": COUNTRY_RULES,
        "type": (
            _head("тип", "программ"),  # Тип программы
            _head("вид", "программ"),  # Вид программы
            _head("dastur", "tur"),  # Dastur turi
            _head("дастур", "тур"),  # Дастур тури
            _head("program", "type"),  # Program type
        ),
        "level": LEVEL_RULES,
        "start_year": START_YEAR_RULES,
        "end_year": END_YEAR_RULES,
        "language": LANGUAGE_RULES,
    },
    "program_enrollment": {
        "program": (*PROGRAM_NAME_RULES, _head("программ"), _head("dastur"), _head("дастур")),
        "year": YEAR_RULES,
        "students": (
            _head("студент", without=("выпуск", "программ")),  # Число студентов
            _head("обучающ"),  # Количество обучающихся
            _head("talaba"),  # Talabalar soni
            _head("талаба"),  # Талабалар сони
            _head("enrol"),  # Enrolled
        ),
        "graduates": (
            _head("выпуск"),  # Выпускники, Выпуск
            _head("bitiruvchi"),  # Bitiruvchilar
            _head("битирувчи"),  # Битирувчилар
            _head("graduat"),  # Graduates
        ),
    },
    "events": {
        "event": (
            _head("наименован", "мероприят"),  # Наименование мероприятия
            _head("назван", "мероприят"),  # Название мероприятия
            _head("тема", "мероприят"),  # Тема мероприятия
            _head("tadbir", "nomi"),  # Tadbir nomi
            _head("тадбир", "номи"),  # Тадбир номи
            _head("event", "title"),  # Event title
            _head("event", "name"),  # Event name
        ),
        "date": (
            _head("дата", without=("рожден",)),  # Дата проведения
            _head("sana", without=("tug'ilgan",)),  # O‘tkazilgan sanasi
            _head("сана", without=("туғилган",)),  # Ўтказилган санаси
            _head("date", without=("birth",)),  # Event date
        ),
        "year": YEAR_RULES,
        "type": (
            _head("тип", "мероприят"),  # Тип мероприятия
            _head("вид", "мероприят"),  # Вид мероприятия
            _head("формат", "мероприят"),  # Формат мероприятия
            _head("tadbir", "tur"),  # Tadbir turi
            _head("тадбир", "тур"),  # Тадбир тури
            _head("event", "type"),  # Event type
        ),
        "participants": (
            # Всего участников, Количество участников (not the foreign ones, not their countries)
            _head("участник", without=("иностран", "зарубеж", "международ", "стран")),
            _head("ishtirokchi", without=("xorij", "davlat", "mamlakat")),  # Ishtirokchilar soni
            _head("иштирокчи", without=("хориж", "давлат", "мамлакат")),  # Иштирокчилар сони
            _head("participant", without=("foreign", "international", "countr")),  # Participants
        ),
        "international_participants": (
            _head("иностран", "участник"),  # Количество иностранных участников
            _head("зарубеж", "участник"),  # Зарубежные участники
            _head("международ", "участник"),  # Международные участники
            _head("xorij", "ishtirokchi"),  # Xorijiy ishtirokchilar
            _head("хориж", "иштирокчи"),  # Хорижий иштирокчилар
            _head("foreign", "participant"),  # Foreign participants
            _head("international", "participant"),  # International participants
        ),
        "countries": COUNTRY_RULES,  # Страны участников: the only country column of events
    },
    "grants": {
        "grant": (
            _head("наименован", "проект"),  # Наименование проекта
            _head("назван", "проект"),  # Название проекта
            _head("тема", "проект"),  # Тема проекта
            _head("наименован", "грант"),  # Наименование гранта
            _head("loyiha", "nomi"),  # Loyiha nomi
            _head("лойиҳа", "номи"),  # Лойиҳа номи
            _head("project", "title"),  # Project title
        ),
        "partner": PARTNER_RULES,
        "country": COUNTRY_RULES,
        "funder": (
            _head("источник", "финансир"),  # Источник финансирования
            _head("финансирующ"),  # Финансирующая организация
            _head("донор"),  # Донор
            _head("moliyalashtir", without=("hajm", "miqdor")),  # Moliyalashtiruvchi tashkilot
            _head("funder"),  # Funder
            _head("funding", "source"),  # Funding source
        ),
        "start_year": START_YEAR_RULES,
        "end_year": END_YEAR_RULES,
        "amount": (
            _head("сумм"),  # Сумма гранта
            _head("бюджет"),  # Бюджет проекта
            _head("объем", "финансир"),  # Объём финансирования
            _head("miqdor"),  # Grant miqdori
            _head("hajm"),  # Moliyalashtirish hajmi
            _head("amount"),  # Amount
            _head("budget"),  # Budget
        ),
        "currency": (
            _head("валют"),  # Валюта
            _head("valyuta"),  # Valyuta
            _head("currency"),  # Currency
        ),
    },
    "honorary_doctorates": {
        "year": YEAR_RULES,
        "country": COUNTRY_RULES,
        "field": (
            _head("област", without=("сотруднич",)),  # Область науки
            _head("специальн"),  # Специальность
            _head("soha"),  # Soha
            _head("соҳа"),  # Соҳа
            _head("field"),  # Field
        ),
        "affiliation": (
            _head("мест", "работ"),  # Место работы
            _head("ish", "joy"),  # Ish joyi
            _head("иш", "жой"),  # Иш жойи
            _head("affiliation"),  # Affiliation
        ),
    },
    "targets": {
        "kpi": (
            _head("показател", without=("значен", "целев", "план")),  # Показатель
            _head("индикатор", without=("значен", "целев", "план")),  # Индикатор
            _head("ko'rsatkich", without=("qiymat", "reja")),  # Ko‘rsatkich
            _head("кўрсаткич", without=("қиймат", "режа")),  # Кўрсаткич
            _head("kpi"),  # KPI id
        ),
        "year": YEAR_RULES,
        "target": (
            _head("целев"),  # Целевое значение
            _head("план"),  # Плановое значение
            _head("reja"),  # Reja
            _head("режа"),  # Режа
            _head("target"),  # Target value
        ),
    },
    "staff": {
        "year": YEAR_RULES,
        "citizenship": CITIZENSHIP_RULES,
        "fte": (
            _head("ставк"),  # Доля ставки
            _head("stavka"),  # Stavka
            _head("fte"),  # FTE
            _head("full", "time"),  # Full-time equivalent
        ),
        "count": COUNT_RULES,
    },
    "applications": {
        "year": YEAR_RULES,
        "citizenship": CITIZENSHIP_RULES,
        "stage": STAGE_RULES,
        "count": COUNT_RULES,
        "faculty": FACULTY_RULES,
        "level": LEVEL_RULES,
    },
}

# Folded headers of a row-number column: № п/п, N п/п, No., #, Т/р, T/r, Tartib raqami, Nr.
# NFKC turns № into "no", so `№ п/п` folds to "no п п". A bare "N" is not here: it is an
# alias of `count`.
NUMBERING_HEADERS = frozenset(fold(header) for header in (
    "№", "№ п/п", "№ п.п.", "№ пп", "N п/п", "п/п", "пп", "No.", "No", "Nr.", "Nr", "#", "№№",
    "S/N", "Sl. No.", "S. No.", "Т/р", "Т.р.", "T/r", "Tr", "Tartib raqami", "Tartib raqam",
    "Тартиб рақами", "Порядковый номер", "Номер п/п", "Номер по порядку", "п/н", "№ п/н",
))


def header_aliases(export: Export) -> dict[str, str]:
    """Folded header text → canonical column name, for one export."""
    aliases: dict[str, str] = {}
    for column in export.columns:
        for alias in (column.name, column.name.replace("_", " "), *column.aliases):
            aliases.setdefault(fold(alias), column.name)
    return aliases


def is_numbering_header(header: str) -> bool:
    """True for a row-number column header (№ п/п, No., #, Т/р, Tartib raqami ...)."""
    text = str(header).strip()
    if not text or len(text) > MAX_HEADER_LENGTH:
        return False
    folded = fold(text.replace("№", " № "))  # №п/п written without a space
    return folded in NUMBERING_HEADERS or (not folded and "#" in text)


def match_header(header: str, export: Export) -> str | None:
    """The canonical column of `export` a header cell names, or None when it names none or is ambiguous."""
    text = str(header)
    if not text.strip() or len(text) > MAX_HEADER_LENGTH:
        return None
    return _match(text, export.name)


@lru_cache(maxsize=8192)  # header rows repeat (title lines, repeated headers, many files of one export)
def _match(text: str, export_name: str) -> str | None:
    folded = fold(text)
    exact = _aliases(export_name).get(folded)
    if exact is not None:
        return exact
    index = _rule_index(export_name)
    # Stems present in the header: every prefix of every word looked up once.
    present = {word[:end] for word in folded.split() for end in range(1, len(word) + 1)} & index.stems
    best_rank, columns = 0, set()
    for column, rule in index.candidates(present):
        if rule.rank < best_rank or not set(rule.stems) <= present or present.intersection(rule.without):
            continue
        if rule.rank > best_rank:
            best_rank, columns = rule.rank, set()
        columns.add(column)
    return columns.pop() if len(columns) == 1 else None


@dataclass(frozen=True)
class _RuleIndex:
    """An export's rules indexed by their first stem, with every stem that occurs in them."""

    by_first_stem: dict[str, tuple[tuple[str, Rule], ...]]
    stems: frozenset[str]

    def candidates(self, present: set[str]):
        for stem in present:
            yield from self.by_first_stem.get(stem, ())


@lru_cache(maxsize=None)
def _rule_index(export_name: str) -> _RuleIndex:
    by_first_stem: dict[str, list[tuple[str, Rule]]] = {}
    stems: set[str] = set()
    for column, rules in WORD_RULES.get(export_name, {}).items():
        for rule in rules:
            by_first_stem.setdefault(rule.stems[0], []).append((column, rule))
            stems.update(rule.stems, rule.without)
    return _RuleIndex({stem: tuple(pairs) for stem, pairs in by_first_stem.items()}, frozenset(stems))


@lru_cache(maxsize=None)
def _aliases(export_name: str) -> dict[str, str]:
    return header_aliases(EXPORTS[export_name])
