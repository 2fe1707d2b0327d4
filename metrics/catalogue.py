"""The KPI catalogue: what each KPI is, as data.

One `Kpi` per indicator: its id, its name in English, Russian and Uzbek (Latin), its
definition (numerator, denominator, unit) in the three languages, its unit, the exports it
is computed from, the ranking/accreditation indicator it corresponds to (QS, THE, IMPI)
where one exists, whether higher is better, and the function (in `metrics.kpis`) that
computes it for every year. `scripts/make_kpi_docs.py` writes `docs/KPIS.md` from this module.

The English definition is written once, as the first paragraph of the KPI function's
docstring (`Kpi.definition` reads it); the Russian and Uzbek definitions here translate it
(Uzbek in Latin script, with ʻ U+02BB in oʻ/gʻ and ʼ U+02BC for the tutuq belgisi).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field

from metrics import kpis as k

UNITS = ("count", "percent", "ratio", "index")
LANGUAGES = ("en", "ru", "uz")
GROUPS = {
    "students": ("Foreign students", "Иностранные студенты", "Xorijiy talabalar"),
    "recruitment": ("Recruitment of foreign students", "Набор иностранных студентов",
                    "Xorijiy talabalarni qabul qilish"),
    "partners": ("Partnerships", "Партнёрства", "Hamkorlik"),
    "programs": ("Joint programs", "Совместные программы", "Qoʻshma dasturlar"),
    "mobility": ("Academic mobility", "Академическая мобильность", "Akademik mobillik"),
    "events": ("Events, grants and honours", "Мероприятия, гранты и почётные звания",
               "Tadbirlar, grantlar va faxriy unvonlar"),
    "staff": ("International staff", "Иностранные преподаватели", "Xorijiy professor-oʻqituvchilar"),
}


def first_paragraph(function: Callable) -> str:
    """The first paragraph of a function's docstring (`inspect.getdoc`), its lines joined by single spaces."""
    return " ".join((inspect.getdoc(function) or "").split("\n\n", 1)[0].split())


@dataclass(frozen=True)
class Kpi:
    """One KPI of the catalogue."""

    id: str
    name_en: str
    name_ru: str
    name_uz: str
    unit: str  # one of UNITS
    group: str  # one of GROUPS
    sources: tuple[str, ...]  # exports required: without one of them the KPI is not available
    function: Callable  # computes the KPI for every year (see metrics.kpis)
    optional_sources: tuple[str, ...] = ()  # exports used when present
    indicators: tuple[str, ...] = ()  # ranking / accreditation indicators it corresponds to
    higher_is_better: bool = True
    snapshot: bool = False  # a value at an as-of date, the same for every year
    no_value: str = "no_value"  # why a year has no value (metrics.engine.Unavailable code): e.g. the next year is needed
    definition_ru: str = field(kw_only=True)  # the English definition in Russian
    definition_uz: str = field(kw_only=True)  # the English definition in Uzbek (Latin)

    def label(self, lang: str = "en") -> str:
        """The KPI's name in ``lang`` (en, ru or uz; anything else gives English)."""
        return {"en": self.name_en, "ru": self.name_ru, "uz": self.name_uz}.get(lang, self.name_en)

    @property
    def definition(self) -> str:
        """The definition in English: the first paragraph of the KPI function's docstring, on one line."""
        return first_paragraph(self.function)

    def definition_in(self, lang: str = "en") -> str:
        """The definition in ``lang`` (en, ru or uz; anything else gives English)."""
        return {"ru": self.definition_ru, "uz": self.definition_uz}.get(lang) or self.definition

    @property
    def name(self) -> str:
        return self.name_en


QS_ISR = "QS: International Student Ratio"
THE_IS = "THE: International students (proportion)"
QS_ISD = "QS: International Student Diversity"
QS_IRN = "QS: International Research Network"
QS_IFR = "QS: International Faculty Ratio"
THE_ISTAFF = "THE: International staff (proportion)"
ACCREDITATION_BY_COUNTRY = "Accreditation form (CIS): foreign students by country"

KPIS: tuple[Kpi, ...] = (
    # ------------------------------------------------------------------ students
    Kpi("foreign_students", "Foreign students", "Иностранные студенты", "Xorijiy talabalar",
        "count", "students", ("students",), k.foreign_students_by_year,
        definition_ru=(
            "Численность обучающихся студентов, гражданство которых отлично от страны вуза "
            "(неустановленное гражданство считается иностранным; выпускники, отчисленные и выбывшие "
            "не учитываются; один student_id учитывается один раз в учебном году); студенты."),
        definition_uz=(
            "Fuqaroligi universitet joylashgan mamlakatdan farq qiladigan, tahsil olayotgan talabalar"
            " soni (fuqaroligi aniqlanmaganlar xorijiy hisoblanadi; bitiruvchilar, "
            "chetlashtirilganlar va oʻqishni tark etganlar hisobga olinmaydi; bitta student_id bir "
            "oʻquv yilida bir marta hisoblanadi); talabalar.")),
    Kpi("new_foreign_students", "New foreign students", "Новые иностранные студенты",
        "Yangi qabul qilingan xorijiy talabalar",
        "count", "students", ("students",), k.new_foreign_students_by_year,
        definition_ru=(
            "Иностранные студенты первого года: со статусом «новый» или «зачислен» либо с student_id,"
            " впервые встречающимся в этом учебном году (кроме первого года данных); студенты."),
        definition_uz=(
            "Birinchi yilda oʻqiyotgan xorijiy talabalar: maqomi «yangi» yoki «qabul qilingan» "
            "boʻlganlar yoki student_id raqami shu oʻquv yilida birinchi marta uchraydiganlar "
            "(maʼlumotlarning birinchi yili bundan mustasno); talabalar.")),
    Kpi("foreign_student_share", "Share of foreign students", "Доля иностранных студентов",
        "Xorijiy talabalar ulushi",
        "percent", "students", ("students",), k.foreign_student_share_by_year, ("totals",), (QS_ISR, THE_IS),
        definition_ru=(
            "Иностранные студенты ÷ все студенты (из totals.csv либо из students.csv, если в нём "
            "перечислены и отечественные студенты) × 100; %."),
        definition_uz=(
            "Xorijiy talabalar ÷ barcha talabalar (totals.csv faylidan yoki, agar unda mahalliy "
            "talabalar ham koʻrsatilgan boʻlsa, students.csv faylidan) × 100; %.")),
    Kpi("foreign_student_countries", "Countries of origin of foreign students",
        "Число стран происхождения иностранных студентов", "Xorijiy talabalar kelgan mamlakatlar soni",
        "count", "students", ("students",), k.foreign_student_countries_by_year,
        definition_ru=(
            "Число различных установленных гражданств иностранных студентов (неизвестное гражданство "
            "не учитывается); страны."),
        definition_uz=(
            "Xorijiy talabalarning aniqlangan turli fuqaroliklari soni (nomaʼlum fuqarolik hisobga "
            "olinmaydi); mamlakatlar.")),
    Kpi("top_country_share", "Share of the largest source country", "Доля крупнейшей страны-источника",
        "Eng yirik manba mamlakatning ulushi",
        "percent", "students", ("students",), k.top_country_share_by_year, higher_is_better=False,
        definition_ru=(
            "Иностранные студенты из крупнейшей установленной страны-источника ÷ все иностранные "
            "студенты × 100; %; чем меньше, тем лучше (меньше зависимость от одного рынка)."),
        definition_uz=(
            "Eng yirik aniqlangan manba mamlakatdan kelgan xorijiy talabalar ÷ barcha xorijiy "
            "talabalar × 100; %; qanchalik past boʻlsa, shunchalik yaxshi (bitta bozorga qaramlik "
            "kamroq).")),
    Kpi("student_diversity_index", "International student diversity index",
        "Индекс разнообразия иностранных студентов", "Xorijiy talabalar xilma-xilligi indeksi",
        "index", "students", ("students",), k.student_diversity_index_by_year, ("totals",), (QS_ISD,),
        definition_ru=(
            "По формуле QS: (иностранные ÷ все студенты) × (число гражданств ÷ иностранные студенты) "
            "× 1000, то есть число гражданств на 1000 студентов; индекс."),
        definition_uz=(
            "QS formulasi boʻyicha: (xorijiy ÷ barcha talabalar) × (fuqaroliklar soni ÷ xorijiy "
            "talabalar) × 1000, yaʼni har 1000 talabaga toʻgʻri keladigan fuqaroliklar soni; indeks.")),
    Kpi("foreign_students_cis", "Foreign students from CIS countries", "Иностранные студенты из стран СНГ",
        "MDH mamlakatlaridan kelgan xorijiy talabalar",
        "count", "students", ("students",), k.foreign_students_cis_by_year, (), (ACCREDITATION_BY_COUNTRY,),
        definition_ru=(
            "Иностранные студенты (в том же счёте, что и «Иностранные студенты»), гражданство которых — "
            "страна СНГ; студенты."),
        definition_uz=(
            "Fuqaroligi MDH mamlakati boʻlgan xorijiy talabalar («Xorijiy talabalar» koʻrsatkichidagi "
            "kabi hisoblanadi); talabalar.")),
    Kpi("foreign_students_non_cis", "Foreign students from outside the CIS", "Иностранные студенты из стран вне СНГ",
        "MDHdan tashqari mamlakatlardan kelgan xorijiy talabalar",
        "count", "students", ("students",), k.foreign_students_non_cis_by_year, (), (ACCREDITATION_BY_COUNTRY,),
        definition_ru=(
            "Иностранные студенты (в том же счёте, что и «Иностранные студенты»), известное гражданство "
            "которых — не страна СНГ; студенты."),
        definition_uz=(
            "Maʼlum fuqaroligi MDH mamlakati boʻlmagan xorijiy talabalar («Xorijiy talabalar» "
            "koʻrsatkichidagi kabi hisoblanadi); talabalar.")),
    Kpi("foreign_women_share", "Share of women among foreign students", "Доля женщин среди иностранных студентов",
        "Xorijiy talabalar orasida ayollar ulushi",
        "percent", "students", ("students",), k.foreign_women_share_by_year, (), (ACCREDITATION_BY_COUNTRY,),
        definition_ru=(
            "Иностранные студенты женского пола (пол F) ÷ иностранные студенты с указанным полом × 100; %."),
        definition_uz="Ayol jinsidagi (F) xorijiy talabalar ÷ jinsi koʻrsatilgan xorijiy talabalar × 100; %."),
    Kpi("foreign_graduates", "Foreign graduates", "Иностранные выпускники", "Xorijiy bitiruvchilar",
        "count", "students", ("students",), k.foreign_graduates_by_year,
        definition_ru=(
            "Иностранные студенты со статусом «выпущен» в учебном году (сумма count, один student_id "
            "учитывается один раз в году); выпускники."),
        definition_uz=(
            "Oʻquv yilida «bitirgan» maqomiga ega xorijiy talabalar (count yigʻindisi, bitta student_id "
            "yilda bir marta hisoblanadi); bitiruvchilar.")),
    Kpi("foreign_dropout_rate", "Drop-out rate of foreign students", "Доля отчисленных иностранных студентов",
        "Xorijiy talabalarning oʻqishdan chetlashish darajasi",
        "percent", "students", ("students",), k.foreign_dropout_rate_by_year, higher_is_better=False,
        definition_ru=(
            "Иностранные студенты, отчисленные или выбывшие в учебном году ÷ иностранные студенты этого "
            "года × 100; %; чем меньше, тем лучше."),
        definition_uz=(
            "Oʻquv yilida chetlashtirilgan yoki oʻqishni tark etgan xorijiy talabalar ÷ shu yilgi xorijiy "
            "talabalar × 100; %; qanchalik past boʻlsa, shunchalik yaxshi.")),
    Kpi("foreign_retention_rate", "First-year retention of foreign students",
        "Сохранность контингента иностранных студентов первого года",
        "Birinchi yil xorijiy talabalarining saqlanib qolish darajasi",
        "percent", "students", ("students",), k.foreign_retention_rate_by_year,
        definition_ru=(
            "Новые иностранные студенты года Y (статус «новый», с student_id), которые в году Y+1 "
            "продолжают обучение или окончили вуз (в году Y или Y+1) ÷ новые иностранные студенты года Y "
            "× 100; %."),
        definition_uz=(
            "Y yilidagi yangi xorijiy talabalar (maqomi «yangi», student_id raqami bor) orasidan Y+1 "
            "yilida oʻqishni davom ettirayotganlar yoki (Y yoki Y+1 yilida) bitirganlar ÷ Y yilidagi "
            "yangi xorijiy talabalar × 100; %."),
        no_value="next_year_missing"),
    Kpi("source_concentration", "Concentration of source countries (HHI)",
        "Концентрация стран-источников (индекс Херфиндаля — Хиршмана)",
        "Manba mamlakatlar konsentratsiyasi (Xerfindal — Xirshman indeksi)",
        "index", "students", ("students",), k.source_concentration_by_year, higher_is_better=False,
        definition_ru=(
            "Индекс Херфиндаля — Хиршмана иностранных студентов по гражданству: сумма по странам-"
            "источникам квадратов доли страны (в %) среди иностранных студентов с известным "
            "гражданством; от 0 до 10 000; индекс; чем меньше, тем лучше."),
        definition_uz=(
            "Xorijiy talabalarning fuqaroligi boʻyicha Xerfindal — Xirshman indeksi: manba mamlakatlar "
            "boʻyicha mamlakat ulushi (fuqaroligi maʼlum xorijiy talabalar orasida, %) kvadratlarining "
            "yigʻindisi; 0 dan 10 000 gacha; indeks; qanchalik past boʻlsa, shunchalik yaxshi.")),
    # ------------------------------------------------------------------ recruitment
    Kpi("foreign_applications", "Applications from foreign citizens", "Заявления иностранных граждан",
        "Xorijiy fuqarolarning arizalari",
        "count", "recruitment", ("applications",), k.foreign_applications_by_year,
        definition_ru=(
            "Заявления иностранных граждан (этап applied, гражданство ≠ страна вуза), сумма count; "
            "заявления."),
        definition_uz=(
            "Xorijiy fuqarolarning arizalari (applied bosqichi, fuqarolik ≠ universitet mamlakati), count"
            " yigʻindisi; arizalar.")),
    Kpi("foreign_admission_rate", "Admission rate of foreign applicants", "Доля принятых иностранных абитуриентов",
        "Xorijiy abituriyentlarni qabul qilish darajasi",
        "percent", "recruitment", ("applications",), k.foreign_admission_rate_by_year,
        definition_ru=(
            "Принятые иностранные абитуриенты ÷ заявления иностранных граждан (этапы admitted и applied "
            "выгрузки applications) × 100; %."),
        definition_uz=(
            "Qabul qilingan xorijiy abituriyentlar ÷ xorijiy fuqarolarning arizalari (applications "
            "faylining admitted va applied bosqichlari) × 100; %.")),
    Kpi("foreign_enrolment_yield", "Enrolment yield of admitted foreign applicants",
        "Доля зачисленных среди принятых иностранных абитуриентов",
        "Qabul qilingan xorijiy abituriyentlarning oʻqishga kirish darajasi",
        "percent", "recruitment", ("applications",), k.foreign_enrolment_yield_by_year,
        definition_ru=(
            "Принятые иностранные абитуриенты, зачисленные на обучение ÷ принятые иностранные абитуриенты "
            "(этапы enrolled и admitted выгрузки applications) × 100; %."),
        definition_uz=(
            "Oʻqishga kirgan qabul qilingan xorijiy abituriyentlar ÷ qabul qilingan xorijiy abituriyentlar"
            " (applications faylining enrolled va admitted bosqichlari) × 100; %.")),
    # ------------------------------------------------------------------ partners
    Kpi("active_partners", "Active foreign partners", "Действующие зарубежные партнёры", "Faol xorijiy hamkorlar",
        "count", "partners", ("partners",), k.active_partners_by_year,
        definition_ru=(
            "Число различных зарубежных партнёров (по partner_id, иначе по названию без учёта "
            "регистра и пробелов), у которых есть соглашение, действовавшее хотя бы часть периода с 1"
            " сентября Y по 31 августа Y+1; партнёры."),
        definition_uz=(
            "Y yil 1 sentyabrdan Y+1 yil 31 avgustgacha boʻlgan davrning hech boʻlmaganda bir qismida"
            " amalda boʻlgan shartnomaga ega turli xorijiy hamkorlar soni (partner_id boʻyicha, u "
            "boʻlmasa katta-kichik harf va boʻshliqlar farqlanmagan nomi boʻyicha); hamkorlar.")),
    Kpi("partner_countries", "Partner countries", "Страны-партнёры", "Hamkor mamlakatlar",
        "count", "partners", ("partners",), k.partner_countries_by_year,
        definition_ru="Число различных установленных стран действующих зарубежных партнёров; страны.",
        definition_uz="Faol xorijiy hamkorlarning aniqlangan turli mamlakatlari soni; mamlakatlar."),
    Kpi("agreements_signed", "Agreements signed", "Подписанные соглашения", "Imzolangan shartnomalar",
        "count", "partners", ("partners",), k.agreements_signed_by_year,
        definition_ru=(
            "Соглашения с зарубежными партнёрами, подписанные с 1 сентября Y по 31 августа Y+1; "
            "соглашения."),
        definition_uz=(
            "Xorijiy hamkorlar bilan Y yil 1 sentyabrdan Y+1 yil 31 avgustgacha imzolangan "
            "shartnomalar; shartnomalar.")),
    Kpi("agreements_expiring", "Agreements expiring within 180 days", "Соглашения, истекающие в ближайшие 180 дней",
        "180 kun ichida muddati tugaydigan shartnomalar",
        "count", "partners", ("partners",), k.agreements_expiring_by_year, higher_is_better=False, snapshot=True,
        definition_ru=(
            "Соглашения с зарубежными партнёрами, действующие на отчётную дату (по умолчанию — "
            "сегодня) и истекающие в течение 180 дней после неё; соглашения; срез на дату, одинаковый"
            " для всех лет."),
        definition_uz=(
            "Hisobot sanasida (odatda — bugun) amalda boʻlgan va undan keyingi 180 kun ichida muddati"
            " tugaydigan xorijiy hamkorlar bilan shartnomalar; shartnomalar; sanadagi holat, barcha "
            "yillar uchun bir xil.")),
    Kpi("dormant_partners", "Dormant partners", "Неактивные («бумажные») партнёры", "Nofaol («qogʻozdagi») hamkorlar",
        "count", "partners", ("partners",), k.dormant_partners_by_year, ("mobility", "programs", "grants"),
        higher_is_better=False,
        definition_ru=(
            "Действующие зарубежные партнёры, с которыми в годы Y-1 и Y не было ни мобильности, ни "
            "реализуемой совместной программы, ни действующего гранта; партнёры; чем меньше, тем "
            "лучше."),
        definition_uz=(
            "Y-1 va Y yillarida ular bilan na akademik mobillik, na amaldagi qoʻshma dastur, na "
            "amaldagi grant boʻlmagan faol xorijiy hamkorlar; hamkorlar; qanchalik kam boʻlsa, "
            "shunchalik yaxshi.")),
    Kpi("partner_network_breadth", "Partner network breadth", "Широта сети партнёров",
        "Hamkorlik tarmogʻining kengligi",
        "index", "partners", ("partners",), k.partner_network_breadth_by_year, (), (QS_IRN,),
        definition_ru=(
            "Страны-партнёры ÷ ln(действующие партнёры), по образцу индекса QS International Research"
            " Network; не рассчитывается, если действующих партнёров не больше одного; индекс."),
        definition_uz=(
            "Hamkor mamlakatlar ÷ ln(faol hamkorlar), QS International Research Network indeksi "
            "namunasida; faol hamkorlar bittadan koʻp boʻlmasa hisoblanmaydi; indeks.")),
    # ------------------------------------------------------------------ joint programs
    Kpi("joint_programs", "Joint and double-degree programs",
        "Совместные программы и программы двойного диплома", "Qoʻshma va ikki diplomli taʼlim dasturlari",
        "count", "programs", ("programs",), k.joint_programs_by_year,
        definition_ru=(
            "Число различных совместных программ и программ двойного диплома, реализуемых в году Y "
            "(start_year ≤ Y, end_year пуст или ≥ Y); программы."),
        definition_uz=(
            "Y yilida amalga oshirilayotgan turli qoʻshma va ikki diplomli taʼlim dasturlari soni "
            "(start_year ≤ Y, end_year boʻsh yoki ≥ Y); dasturlar.")),
    Kpi("joint_program_students", "Students in joint programs", "Студенты совместных программ",
        "Qoʻshma dasturlar talabalari",
        "count", "programs", ("program_enrollment",), k.joint_program_students_by_year,
        definition_ru=(
            "Сумма студентов, обучающихся по совместным программам и программам двойного диплома "
            "(program_enrollment); студенты."),
        definition_uz=(
            "Qoʻshma va ikki diplomli taʼlim dasturlarida tahsil olayotgan talabalar yigʻindisi "
            "(program_enrollment); talabalar.")),
    Kpi("joint_program_graduates", "Graduates of joint programs", "Выпускники совместных программ",
        "Qoʻshma dasturlar bitiruvchilari",
        "count", "programs", ("program_enrollment",), k.joint_program_graduates_by_year,
        definition_ru=(
            "Сумма выпускников совместных программ и программ двойного диплома (program_enrollment); "
            "выпускники."),
        definition_uz=(
            "Qoʻshma va ikki diplomli taʼlim dasturlari bitiruvchilari yigʻindisi "
            "(program_enrollment); bitiruvchilar.")),
    Kpi("joint_program_share", "Share of joint programs", "Доля совместных программ", "Qoʻshma dasturlar ulushi",
        "percent", "programs", ("programs", "totals"), k.joint_program_share_by_year, (), ("IMPI 01005",),
        definition_ru=(
            "Реализуемые совместные программы ÷ все образовательные программы (столбец programs в "
            "totals.csv) × 100; %."),
        definition_uz=(
            "Amaldagi qoʻshma dasturlar ÷ barcha taʼlim dasturlari (totals.csv faylidagi programs "
            "ustuni) × 100; %.")),
    Kpi("foreign_language_programs", "Joint programs taught in a foreign language",
        "Совместные программы на иностранном языке", "Xorijiy tilda oʻqitiladigan qoʻshma dasturlar",
        "count", "programs", ("programs",), k.foreign_language_programs_by_year,
        definition_ru=(
            "Совместные программы и программы двойного диплома, реализуемые в году Y (в том же счёте, что "
            "и «Совместные программы»), которые преподаются хотя бы на одном языке, не являющемся "
            "государственным языком страны вуза; программы."),
        definition_uz=(
            "Y yilida amalga oshirilayotgan («Qoʻshma dasturlar» koʻrsatkichidagi kabi hisoblanadi) va "
            "hech boʻlmaganda universitet mamlakatining davlat tili boʻlmagan bitta tilda oʻqitiladigan "
            "qoʻshma va ikki diplomli taʼlim dasturlari; dasturlar.")),
    # ------------------------------------------------------------------ mobility
    Kpi("inbound_mobility", "Inbound mobility", "Входящая академическая мобильность", "Kiruvchi akademik mobillik",
        "count", "mobility", ("mobility",), k.inbound_mobility_by_year,
        definition_ru=(
            "Лица, прибывшие из-за рубежа (direction = in, страна ≠ страна вуза), сумма count; "
            "человек."),
        definition_uz=(
            "Xorijdan kelgan shaxslar (direction = in, mamlakat ≠ universitet mamlakati), count "
            "yigʻindisi; kishi.")),
    Kpi("outbound_mobility", "Outbound mobility", "Исходящая академическая мобильность", "Chiquvchi akademik mobillik",
        "count", "mobility", ("mobility",), k.outbound_mobility_by_year,
        definition_ru="Лица, выехавшие за рубеж (direction = out, страна ≠ страна вуза), сумма count; человек.",
        definition_uz=(
            "Xorijga ketgan shaxslar (direction = out, mamlakat ≠ universitet mamlakati), count "
            "yigʻindisi; kishi.")),
    Kpi("inbound_student_mobility", "Inbound student mobility", "Входящая мобильность студентов",
        "Talabalarning kiruvchi mobilligi",
        "count", "mobility", ("mobility",), k.inbound_student_mobility_by_year,
        definition_ru=(
            "Студенты, прибывшие из-за рубежа (direction = in, category = student, страна ≠ страна "
            "вуза), сумма count; студенты."),
        definition_uz=(
            "Xorijdan kelgan talabalar (direction = in, category = student, mamlakat ≠ universitet "
            "mamlakati), count yigʻindisi; talabalar.")),
    Kpi("inbound_staff_mobility", "Inbound staff mobility", "Входящая мобильность преподавателей и сотрудников",
        "Xodimlarning kiruvchi mobilligi",
        "count", "mobility", ("mobility",), k.inbound_staff_mobility_by_year,
        definition_ru=(
            "Преподаватели и сотрудники, прибывшие из-за рубежа (direction = in, category = staff, "
            "страна ≠ страна вуза), сумма count; человек."),
        definition_uz=(
            "Xorijdan kelgan professor-oʻqituvchilar va xodimlar (direction = in, category = staff, "
            "mamlakat ≠ universitet mamlakati), count yigʻindisi; kishi.")),
    Kpi("outbound_student_mobility", "Outbound student mobility", "Исходящая мобильность студентов",
        "Talabalarning chiquvchi mobilligi",
        "count", "mobility", ("mobility",), k.outbound_student_mobility_by_year,
        definition_ru=(
            "Студенты, выехавшие за рубеж (direction = out, category = student, страна ≠ страна "
            "вуза), сумма count; студенты."),
        definition_uz=(
            "Xorijga ketgan talabalar (direction = out, category = student, mamlakat ≠ universitet "
            "mamlakati), count yigʻindisi; talabalar.")),
    Kpi("outbound_staff_mobility", "Outbound staff mobility", "Исходящая мобильность преподавателей и сотрудников",
        "Xodimlarning chiquvchi mobilligi",
        "count", "mobility", ("mobility",), k.outbound_staff_mobility_by_year,
        definition_ru=(
            "Преподаватели и сотрудники, выехавшие за рубеж (direction = out, category = staff, "
            "страна ≠ страна вуза), сумма count; человек."),
        definition_uz=(
            "Xorijga ketgan professor-oʻqituvchilar va xodimlar (direction = out, category = staff, "
            "mamlakat ≠ universitet mamlakati), count yigʻindisi; kishi.")),
    Kpi("outbound_student_ratio", "Outbound student ratio", "Доля студентов в исходящей мобильности",
        "Chiquvchi mobillikdagi talabalar ulushi",
        "percent", "mobility", ("mobility",), k.outbound_student_ratio_by_year, ("students", "totals"),
        ("IMPI 01009",),
        definition_ru=(
            "Студенты в исходящей мобильности ÷ все студенты (из totals.csv либо из students.csv, "
            "если в нём перечислены и отечественные студенты) × 100; %."),
        definition_uz=(
            "Chiquvchi mobillikdagi talabalar ÷ barcha talabalar (totals.csv faylidan yoki, agar unda"
            " mahalliy talabalar ham koʻrsatilgan boʻlsa, students.csv faylidan) × 100; %.")),
    # ------------------------------------------------------------------ events, grants, honours
    Kpi("international_events", "International events", "Международные мероприятия", "Xalqaro tadbirlar",
        "count", "events", ("events",), k.international_events_by_year,
        definition_ru="Мероприятия учебного года, в которых был хотя бы один иностранный участник; мероприятия.",
        definition_uz=(
            "Oʻquv yilida oʻtkazilgan, kamida bitta xorijiy ishtirokchi qatnashgan tadbirlar; "
            "tadbirlar.")),
    Kpi("international_event_participants", "International participants of events",
        "Иностранные участники мероприятий", "Tadbirlarning xorijiy ishtirokchilari",
        "count", "events", ("events",), k.international_event_participants_by_year,
        definition_ru="Сумма иностранных участников всех мероприятий учебного года; человек.",
        definition_uz="Oʻquv yilidagi barcha tadbirlarning xorijiy ishtirokchilari yigʻindisi; kishi."),
    Kpi("active_grants", "Active international grants", "Действующие международные гранты",
        "Amaldagi xalqaro grantlar",
        "count", "events", ("grants",), k.active_grants_by_year,
        definition_ru=(
            "Международные грантовые проекты, реализуемые в году Y (start_year ≤ Y, end_year пуст или"
            " ≥ Y); проекты."),
        definition_uz=(
            "Y yilida amalga oshirilayotgan xalqaro grant loyihalari (start_year ≤ Y, end_year boʻsh "
            "yoki ≥ Y); loyihalar.")),
    Kpi("honorary_doctorates", "Honorary doctorates awarded", "Присвоенные звания почётного доктора",
        "Berilgan faxriy doktor unvonlari",
        "count", "events", ("honorary_doctorates",), k.honorary_doctorates_by_year,
        definition_ru="Звания почётного доктора, присвоенные в учебном году; звания.",
        definition_uz="Oʻquv yilida berilgan faxriy doktor unvonlari; unvonlar."),
    Kpi("active_research_projects", "Research projects with foreign partners",
        "Научные проекты с зарубежными партнёрами", "Xorijiy hamkorlar bilan ilmiy loyihalar",
        "count", "events", ("research_projects",), k.active_research_projects_by_year,
        definition_ru=(
            "Научные проекты учебного года с зарубежной страной партнёра (не страной вуза; "
            "проекты с пустой страной не учитываются); проекты."),
        definition_uz=(
            "Oʻquv yilidagi hamkor davlati xorijiy (oliygoh davlati emas) boʻlgan ilmiy loyihalar "
            "(davlati boʻsh loyihalar hisobga olinmaydi); loyihalar.")),
    # ------------------------------------------------------------------ staff
    Kpi("foreign_staff_share", "Share of foreign academic staff", "Доля иностранных преподавателей",
        "Xorijiy professor-oʻqituvchilar ulushi",
        "percent", "staff", ("staff",), k.foreign_staff_share_by_year, (), (QS_IFR, THE_ISTAFF),
        definition_ru=(
            "Иностранные преподаватели ÷ все преподаватели × 100, по ставкам (FTE), если в staff.csv "
            "указан fte (пустой fte считается равным count), иначе по численности; %."),
        definition_uz=(
            "Xorijiy ÷ barcha professor-oʻqituvchilar × 100, staff.csv faylida fte berilgan boʻlsa "
            "shtat birligi (FTE) boʻyicha (boʻsh fte count qiymatiga teng hisoblanadi), aks holda "
            "soni boʻyicha; %.")),
)

CATALOGUE: dict[str, Kpi] = {kpi.id: kpi for kpi in KPIS}


def get_kpi(kpi_id: str) -> Kpi:
    """The catalogue entry of a KPI id; KeyError naming the known ids otherwise."""
    try:
        return CATALOGUE[kpi_id]
    except KeyError:
        raise KeyError(f"unknown KPI {kpi_id!r}; known: {', '.join(CATALOGUE)}") from None


def kpis_in_group(group: str) -> list[Kpi]:
    """The KPIs of one group (students, recruitment, partners, programs, mobility, events, staff), in catalogue order."""
    return [kpi for kpi in KPIS if kpi.group == group]


def group_label(group: str, lang: str = "en") -> str:
    """A group's heading in ``lang`` (en, ru, uz)."""
    labels = GROUPS[group]
    return labels[LANGUAGES.index(lang)] if lang in LANGUAGES else labels[0]
