"""The one vocabulary of the dashboard, the documents and the command line: labels and number formats.

Pure Python (no streamlit, no plotly, no pandas import), so the screen (``app/``), the report
builders (``reports/``) and the CLIs (``metrics/``) write every word and every number the same way.

- `LABELS`: every text, keyed ``area.name`` (``col.country``, ``status.met``, ``report.title``),
  each in English, Russian and Uzbek (Latin script). `t` looks one up.
- Words: a target is «План» / «Reja» everywhere; the status words are one set (`status_label`);
  Uzbek writes oʻ/gʻ with U+02BB (ʻ) and the tutuq belgisi with U+02BC (ʼ) only.
- Numbers: `number`, `percent`, `kpi_value`, `kpi_change`, `change_percent`, `date_text`,
  `academic_year_label`; thousands are grouped with a narrow no-break space (U+202F) in every
  language, decimals take a point in English and a comma in Russian and Uzbek; a missing value
  is `MISSING` ("—").
- Data words: `column_label` (a column id → heading), `data_value_label` (the data contract's
  own English words such as ``in``/``out``, ``bachelor``, ``university`` → the language),
  `region_label`, `unit_label`, `status_label`; and the messages `unavailable_label`, `issue_message`.
"""

from __future__ import annotations

import datetime as _dt
import math

LANGUAGES = ("en", "ru", "uz")
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "uz": "Oʻzbekcha"}
DEFAULT_LANGUAGE = "en"

MISSING = "—"  # a value that is not known
NARROW_NBSP = "\u202f"  # thousands separator: 3 027 in every language
NBSP = "\u00a0"  # before % in Russian and Uzbek: 22,8 %

LABELS: dict[str, dict[str, str]] = {
    # --- issue 12: universities (a ministry's folder: metrics/sections/comparison.py, the sidebar selector) ----
    "page.comparison": {"en": "Universities", "ru": "Университеты", "uz": "Universitetlar"},
    "sidebar.university": {"en": "University", "ru": "Университет", "uz": "Universitet"},
    "col.university": {"en": "University", "ru": "Университет", "uz": "Universitet"},
    "col.rank": {"en": "Rank", "ru": "Место", "uz": "Oʻrin"},
    "comparison.kpi": {"en": "Indicator", "ru": "Показатель", "uz": "Koʻrsatkich"},
    "comparison.chart": {"en": "{kpi} by university, {year}", "ru": "{kpi} по университетам, {year}",
                         "uz": "{kpi} universitetlar boʻyicha, {year}"},
    "comparison.table": {"en": "Universities ranked: {kpi}, {year}", "ru": "Рейтинг университетов: {kpi}, {year}",
                         "uz": "Universitetlar reytingi: {kpi}, {year}"},
    "comparison.national": {"en": "All universities (national total)", "ru": "Все университеты (по стране)",
                            "uz": "Barcha universitetlar (respublika boʻyicha)"},
    "comparison.single": {"en": "The data holds one university only: there is nothing to compare. A ministry's "
                                "folder with a «university» column in its exports lists every university here.",
                          "ru": "В данных один университет: сравнивать не с чем. Если в выгрузках министерства есть "
                                "столбец «университет», здесь будут все университеты.",
                          "uz": "Maʼlumotlarda faqat bitta universitet bor: solishtirish uchun hech narsa yoʻq. "
                                "Vazirlik papkasidagi eksportlarda «university» ustuni boʻlsa, bu yerda barcha "
                                "universitetlar koʻrsatiladi."},
    "comparison.summary": {"en": "{kpi}, {year}: {n} universities compared; {top} ranks first ({top_value}), "
                                 "{bottom} last ({bottom_value}).",
                           "ru": "{kpi}, {year}: сравнение {n} университетов; первое место — {top} ({top_value}), "
                                 "последнее — {bottom} ({bottom_value}).",
                           "uz": "{kpi}, {year}: {n} ta universitet solishtirildi; birinchi oʻrinda {top} "
                                 "({top_value}), oxirgi oʻrinda {bottom} ({bottom_value})."},
    "comparison.total_sentence": {"en": "National total (all universities together): {value}.",
                                  "ru": "Итого по стране (все университеты вместе): {value}.",
                                  "uz": "Respublika boʻyicha jami (barcha universitetlar birgalikda): {value}."},
    "comparison.no_values": {"en": "No university has a value of this indicator for the year.",
                             "ru": "Ни у одного университета нет значения этого показателя за год.",
                             "uz": "Bu yil hech bir universitetda ushbu koʻrsatkich qiymati yoʻq."},
    # --- issue 11: accreditation tables (metrics/sections/accreditation.py) -----------------------
    "accreditation.students": {"en": "Foreign students by country, level, form of study and funding",
                               "ru": "Иностранные обучающиеся по странам, уровням, формам обучения и источникам "
                                     "финансирования",
                               "uz": "Xorijiy talabalar davlatlar, taʼlim darajasi, shakli va moliyalashtirish "
                                     "manbasi boʻyicha"},
    "accreditation.graduates": {"en": "Foreign graduates by country", "ru": "Иностранные выпускники по странам",
                                "uz": "Xorijiy bitiruvchilar davlatlar boʻyicha"},
    "accreditation.programs": {"en": "Joint programmes and programmes taught in a foreign language",
                               "ru": "Совместные программы и программы на иностранном языке",
                               "uz": "Qoʻshma dasturlar va xorijiy tilda oʻqitiladigan dasturlar"},
    "accreditation.partners": {"en": "Agreements with foreign partners", "ru": "Договоры с зарубежными партнёрами",
                               "uz": "Xorijiy hamkorlar bilan shartnomalar"},
    "accreditation.mobility": {"en": "Academic mobility by country (students and staff)",
                               "ru": "Академическая мобильность по странам (обучающиеся и сотрудники)",
                               "uz": "Akademik mobillik davlatlar boʻyicha (talabalar va xodimlar)"},
    "accreditation.cis_subtotal": {"en": "CIS countries, subtotal", "ru": "Страны СНГ, итого",
                                   "uz": "MDH davlatlari, jami"},
    "accreditation.non_cis_subtotal": {"en": "Other countries, subtotal", "ru": "Страны дальнего зарубежья, итого",
                                       "uz": "Boshqa davlatlar, jami"},
    "col.women": {"en": "of them women", "ru": "из них женщин", "uz": "shundan ayollar"},
    "col.languages": {"en": "Language of instruction", "ru": "Язык обучения", "uz": "Oʻqitish tili"},
    "col.foreign_language": {"en": "Foreign language", "ru": "На иностранном языке", "uz": "Xorijiy tilda"},
    "kpi_na.next_year_missing": {"en": "needs the following academic year's data, which is not loaded yet",
                                 "ru": "нужны данные следующего учебного года, они ещё не загружены",
                                 "uz": "keyingi oʻquv yili maʼlumotlari kerak, ular hali yuklanmagan"},
    "chart.interval": {"en": "80% interval", "ru": "интервал 80 %", "uz": "80 % interval"},
    "chart.projection": {"en": "Projection", "ru": "Прогноз", "uz": "Prognoz"},
    "study_form.full-time": {"en": "Full-time", "ru": "Очная", "uz": "Kunduzgi"},
    "study_form.part-time": {"en": "Part-time", "ru": "Заочная", "uz": "Sirtqi"},
    "study_form.evening": {"en": "Evening", "ru": "Очно-заочная", "uz": "Kechki"},
    "study_form.distance": {"en": "Distance", "ru": "Дистанционная", "uz": "Masofaviy"},
    "funding.budget": {"en": "State budget", "ru": "Бюджет", "uz": "Davlat granti"},
    "funding.contract": {"en": "Contract (fee-paying)", "ru": "Контракт", "uz": "Toʻlov-kontrakt"},
    "funding.grant": {"en": "Grant", "ru": "Грант", "uz": "Grant asosida"},
    "stage.applied": {"en": "Applied", "ru": "Подано заявлений", "uz": "Ariza topshirgan"},
    "stage.admitted": {"en": "Admitted", "ru": "Рекомендовано к зачислению", "uz": "Tavsiya etilgan"},
    "stage.enrolled": {"en": "Enrolled", "ru": "Зачислено", "uz": "Oʻqishga qabul qilingan"},
    # --- issue 11: outcomes, recruitment, dependence (metrics/sections/{cohorts,recruitment,dependence}.py) -----
    "cohorts.outcomes_k1": {"en": "New foreign students a year after entry",
                            "ru": "Новые иностранные студенты через год",
                            "uz": "Yangi xorijiy talabalar bir yildan keyin"},
    "cohorts.table": {"en": "Cohorts of new students by entry year: outcomes after 1, 2 and 3 years",
                      "ru": "Когорты новых студентов по году поступления: результаты через 1, 2 и 3 года",
                      "uz": "Yangi talabalar kogortalari kirish yili boʻyicha: 1, 2 va 3 yildan keyingi natijalar"},
    "cohorts.by_country": {"en": "Foreign cohort by citizenship, entry year {year}: outcomes after one year",
                           "ru": "Иностранная когорта по гражданству, год поступления {year}: результаты через год",
                           "uz": "Xorijiy kogorta fuqarolik boʻyicha, kirish yili {year}: bir yildan keyingi natijalar"},
    "cohorts.dropout_trend": {"en": "Drop-out rate of foreign students", "ru": "Доля отчисленных иностранных студентов",
                              "uz": "Chetlashtirilgan xorijiy talabalar ulushi"},
    "cohorts.retention_trend": {"en": "Retention rate of foreign students",
                                "ru": "Доля сохранённого контингента иностранных студентов",
                                "uz": "Xorijiy talabalar kontingentining saqlanish ulushi"},
    "outcome.enrolled": {"en": "Still enrolled", "ru": "Продолжают обучение", "uz": "Oʻqishni davom ettirmoqda"},
    "outcome.graduated": {"en": "Graduated", "ru": "Окончили", "uz": "Bitirgan"},
    "outcome.dropped": {"en": "Dropped out", "ru": "Отчислены", "uz": "Chetlashtirilgan"},
    "outcome.unknown": {"en": "Not known", "ru": "Нет сведений", "uz": "Maʼlumot yoʻq"},
    "group.foreign": {"en": "Foreign students", "ru": "Иностранные студенты", "uz": "Xorijiy talabalar"},
    "group.home": {"en": "Home students", "ru": "Отечественные студенты", "uz": "Mahalliy talabalar"},
    "recruitment.funnel": {"en": "From application to enrolment", "ru": "От заявления до зачисления",
                           "uz": "Arizadan oʻqishga qabulgacha"},
    "recruitment.rates": {"en": "Admission rate and yield", "ru": "Доли рекомендованных и зачисленных",
                          "uz": "Tavsiya etilganlar va qabul qilinganlar ulushi"},
    "recruitment.by_country": {"en": "Applications of foreign citizens by country",
                               "ru": "Заявления иностранных граждан по странам",
                               "uz": "Xorijiy fuqarolarning arizalari davlatlar boʻyicha"},
    "recruitment.map": {"en": "Where the applications come from", "ru": "Откуда поступают заявления",
                        "uz": "Arizalar qayerdan kelmoqda"},
    "dependence.hhi": {"en": "Concentration of source countries (HHI, 0–10 000)",
                       "ru": "Концентрация стран-источников (индекс Херфиндаля — Хиршмана, 0–10 000)",
                       "uz": "Manba davlatlar konsentratsiyasi (Xerfindal — Xirshman indeksi, 0–10 000)"},
    "dependence.largest_share": {"en": "Share of the largest source country", "ru": "Доля крупнейшей страны-источника",
                                 "uz": "Eng yirik manba davlat ulushi"},
    "dependence.sources": {"en": "Source countries of foreign students", "ru": "Страны-источники иностранных студентов",
                           "uz": "Xorijiy talabalarning manba davlatlari"},
    "dependence.scenario_chart": {"en": "Foreign students", "ru": "Иностранные студенты",
                                  "uz": "Xorijiy talabalar"},
    "dependence.scenario_table": {"en": "Projection and scenario by year", "ru": "Прогноз и сценарий по годам",
                                  "uz": "Prognoz va ssenariy yillar boʻyicha"},
    "dependence.scenario_label": {"en": "Scenario: {country} {change}", "ru": "Сценарий: {country} {change}",
                                  "uz": "Ssenariy: {country} {change}"},
    "dependence.actual": {"en": "Actual", "ru": "Факт", "uz": "Amalda"},
    "dependence.baseline": {"en": "Projection (trend)", "ru": "Прогноз (тренд)", "uz": "Prognoz (tendensiya)"},
    "dependence.too_few_years": {"en": "Fewer than three years of data: nothing to project from.",
                                 "ru": "Данных меньше чем за три года: прогноз построить нельзя.",
                                 "uz": "Maʼlumotlar uch yildan kam: prognoz tuzib boʻlmaydi."},
    "dependence.whatif": {"en": "What if the intake from one country changed?",
                          "ru": "Что, если набор из одной страны изменится?",
                          "uz": "Agar bitta davlatdan qabul oʻzgarsa-chi?"},
    "dependence.country": {"en": "Source country", "ru": "Страна-источник", "uz": "Manba davlat"},
    "dependence.change": {"en": "Change in its students, %", "ru": "Изменение числа её студентов, %",
                          "uz": "Undagi talabalar sonining oʻzgarishi, %"},
    "col.entry_year": {"en": "Entry year", "ru": "Год поступления", "uz": "Kirish yili"},
    "col.student_group": {"en": "Students", "ru": "Студенты", "uz": "Talabalar"},
    "col.cohort": {"en": "New students", "ru": "Новых студентов", "uz": "Yangi talabalar"},
    "col.outcome": {"en": "Outcome", "ru": "Результат", "uz": "Natija"},
    "col.retained_1": {"en": "Enrolled or graduated after 1 year, %", "ru": "Обучаются или окончили через 1 год, %",
                       "uz": "1 yildan keyin oʻqiyotgan yoki bitirgan, %"},
    "col.enrolled_1": {"en": "Enrolled after 1 year", "ru": "Обучаются через 1 год",
                       "uz": "1 yildan keyin oʻqimoqda"},
    "col.graduated_1": {"en": "Graduated after 1 year", "ru": "Окончили через 1 год", "uz": "1 yildan keyin bitirgan"},
    "col.dropped_1": {"en": "Dropped out after 1 year", "ru": "Отчислены через 1 год",
                      "uz": "1 yildan keyin chetlashtirilgan"},
    "col.unknown_1": {"en": "Not known after 1 year", "ru": "Нет сведений через 1 год",
                      "uz": "1 yildan keyin maʼlumot yoʻq"},
    "col.enrolled_2": {"en": "Enrolled after 2 years", "ru": "Обучаются через 2 года",
                       "uz": "2 yildan keyin oʻqimoqda"},
    "col.graduated_2": {"en": "Graduated after 2 years", "ru": "Окончили через 2 года", "uz": "2 yildan keyin bitirgan"},
    "col.dropped_2": {"en": "Dropped out after 2 years", "ru": "Отчислены через 2 года",
                      "uz": "2 yildan keyin chetlashtirilgan"},
    "col.unknown_2": {"en": "Not known after 2 years", "ru": "Нет сведений через 2 года",
                      "uz": "2 yildan keyin maʼlumot yoʻq"},
    "col.enrolled_3": {"en": "Enrolled after 3 years", "ru": "Обучаются через 3 года",
                       "uz": "3 yildan keyin oʻqimoqda"},
    "col.graduated_3": {"en": "Graduated after 3 years", "ru": "Окончили через 3 года", "uz": "3 yildan keyin bitirgan"},
    "col.dropped_3": {"en": "Dropped out after 3 years", "ru": "Отчислены через 3 года",
                      "uz": "3 yildan keyin chetlashtirilgan"},
    "col.unknown_3": {"en": "Not known after 3 years", "ru": "Нет сведений через 3 года",
                      "uz": "3 yildan keyin maʼlumot yoʻq"},
    "col.foreign_dropout_rate": {"en": "Drop-out rate, %", "ru": "Доля отчисленных, %",
                                 "uz": "Chetlashtirilganlar ulushi, %"},
    "col.foreign_retention_rate": {"en": "Retention rate, %", "ru": "Доля сохранённых, %",
                                   "uz": "Saqlanganlar ulushi, %"},
    "col.applied": {"en": "Applications", "ru": "Заявления", "uz": "Arizalar"},
    "col.admitted": {"en": "Admitted", "ru": "Рекомендовано", "uz": "Tavsiya etilgan"},
    "col.enrolled": {"en": "Enrolled", "ru": "Зачислено", "uz": "Qabul qilingan"},
    "col.admission_rate": {"en": "Admission rate, %", "ru": "Доля рекомендованных, %",
                           "uz": "Tavsiya etilganlar ulushi, %"},
    "col.enrolment_yield": {"en": "Yield, %", "ru": "Доля зачисленных из рекомендованных, %",
                            "uz": "Tavsiya etilganlardan qabul qilinganlar ulushi, %"},
    "col.rate": {"en": "Rate", "ru": "Показатель", "uz": "Koʻrsatkich"},
    "col.source_concentration": {"en": "HHI", "ru": "Индекс ХХИ", "uz": "XXI indeksi"},
    "col.baseline": {"en": "Projection", "ru": "Прогноз", "uz": "Prognoz"},
    "col.country_projection": {"en": "Projected students of the country", "ru": "Прогноз студентов из страны",
                               "uz": "Davlatdan talabalar prognozi"},
    "col.scenario": {"en": "Scenario", "ru": "Сценарий", "uz": "Ssenariy"},
    "col.scenario_share": {"en": "Scenario share of all students, %", "ru": "Доля сценария среди всех студентов, %",
                           "uz": "Ssenariyning barcha talabalardagi ulushi, %"},
    # --- page sections (metrics.sections): titles of the tables every page and report shows ---------
    "common.total": {"en": "Total", "ru": "Итого", "uz": "Jami"},
    "students.by_country_level": {"en": "Foreign students by country and level of study",
                                  "ru": "Иностранные студенты по странам и уровням обучения",
                                  "uz": "Xorijiy talabalar davlatlar va taʼlim darajalari boʻyicha"},
    "partners.agreements": {"en": "Agreements in force", "ru": "Действующие соглашения",
                            "uz": "Amaldagi shartnomalar"},
    "mobility.table": {"en": "Students and staff by country", "ru": "Студенты и сотрудники по странам",
                       "uz": "Talabalar va xodimlar davlatlar boʻyicha"},
    "science.event_list": {"en": "International events", "ru": "Международные мероприятия",
                           "uz": "Xalqaro tadbirlar"},
    "science.grant_list": {"en": "Grant projects running", "ru": "Выполняемые грантовые проекты",
                           "uz": "Amalga oshirilayotgan grant loyihalari"},
    "col.in_student": {"en": "Inbound students", "ru": "Входящие студенты", "uz": "Kiruvchi talabalar"},
    "col.in_staff": {"en": "Inbound staff", "ru": "Входящие сотрудники", "uz": "Kiruvchi xodimlar"},
    "col.out_student": {"en": "Outbound students", "ru": "Исходящие студенты", "uz": "Chiquvchi talabalar"},
    "col.out_staff": {"en": "Outbound staff", "ru": "Исходящие сотрудники", "uz": "Chiquvchi xodimlar"},
    "col.in": {"en": "Inbound, total", "ru": "Входящая, всего", "uz": "Kiruvchi, jami"},
    "col.out": {"en": "Outbound, total", "ru": "Исходящая, всего", "uz": "Chiquvchi, jami"},
    "col.countries_count": {"en": "Number of countries", "ru": "Число стран", "uz": "Davlatlar soni"},
    "col.total": {"en": "Total", "ru": "Всего", "uz": "Jami"},
    "report.page_of": {"en": "Page {n} of {total}", "ru": "Стр. {n} из {total}", "uz": "Bet {n}/{total}"},
    "map.log_scale": {"en": "log scale", "ru": "логарифмическая шкала", "uz": "logarifmik shkala"},
    "col.kpi_id": {"en": "ID", "ru": "Код", "uz": "Kod"},
    "col.indicator": {"en": "Indicator", "ru": "Показатель", "uz": "Koʻrsatkich"},
    "col.skipped_lines": {"en": "Lines skipped", "ru": "Пропущено строк", "uz": "Oʻtkazib yuborilgan qatorlar"},
    "report.chart_trend": {"en": "Foreign students by year", "ru": "Иностранные студенты по годам",
                           "uz": "Xorijiy talabalar yillar boʻyicha"},
    "report.data_version": {"en": "Data version", "ru": "Версия данных", "uz": "Maʼlumotlar versiyasi"},
    # --- app shell -------------------------------------------------------------------------
    "app.title": {"en": "International cooperation", "ru": "Международное сотрудничество",
                  "uz": "Xalqaro hamkorlik"},
    "app.subtitle": {"en": "Dashboard of the university's international cooperation",
                     "ru": "Панель показателей международного сотрудничества университета",
                     "uz": "Universitet xalqaro hamkorligi koʻrsatkichlari paneli"},
    "page.overview": {"en": "Overview", "ru": "Обзор", "uz": "Umumiy koʻrinish"},
    "page.students": {"en": "Foreign students", "ru": "Иностранные студенты", "uz": "Xorijiy talabalar"},
    "page.partners": {"en": "Partners", "ru": "Партнёры", "uz": "Hamkorlar"},
    "page.programs": {"en": "Joint programs", "ru": "Совместные программы", "uz": "Qoʻshma dasturlar"},
    "page.mobility": {"en": "Mobility", "ru": "Мобильность", "uz": "Mobillik"},
    "page.science": {"en": "Science and events", "ru": "Наука и мероприятия", "uz": "Ilm-fan va tadbirlar"},
    "page.data": {"en": "Data", "ru": "Данные", "uz": "Maʼlumotlar"},
    "page.reports": {"en": "Reports", "ru": "Отчёты", "uz": "Hisobotlar"},
    "page.accreditation": {"en": "Accreditation tables", "ru": "Таблицы для аккредитации",
                           "uz": "Akkreditatsiya jadvallari"},
    "page.cohorts": {"en": "Outcomes", "ru": "Результаты обучения", "uz": "Taʼlim natijalari"},
    "page.recruitment": {"en": "Recruitment", "ru": "Набор", "uz": "Qabul"},
    "page.dependence": {"en": "Dependence and what-if", "ru": "Зависимость и сценарии",
                        "uz": "Bogʻliqlik va ssenariylar"},
    "page.presentation": {"en": "Presentation", "ru": "Презентация", "uz": "Taqdimot"},
    "section.dashboard": {"en": "Dashboard", "ru": "Показатели", "uz": "Koʻrsatkichlar"},
    "section.tools": {"en": "Data and reports", "ru": "Данные и отчёты", "uz": "Maʼlumotlar va hisobotlar"},
    # --- sidebar ---------------------------------------------------------------------------
    "sidebar.language": {"en": "Language", "ru": "Язык", "uz": "Til"},
    "sidebar.filters": {"en": "Filters", "ru": "Фильтры", "uz": "Filtrlar"},
    "sidebar.years": {"en": "Academic years", "ru": "Учебные годы", "uz": "Oʻquv yillari"},
    "sidebar.faculty": {"en": "Faculty", "ru": "Факультет", "uz": "Fakultet"},
    "sidebar.level": {"en": "Level of study", "ru": "Уровень обучения", "uz": "Taʼlim darajasi"},
    "sidebar.region": {"en": "Region", "ru": "Регион", "uz": "Mintaqa"},
    "sidebar.countries": {"en": "Countries (click a map)", "ru": "Страны (щёлкните по карте)",
                          "uz": "Davlatlar (xaritani bosing)"},
    "sidebar.clear_countries": {"en": "Clear countries", "ru": "Сбросить страны", "uz": "Davlatlarni tozalash"},
    "sidebar.reset": {"en": "Reset filters", "ru": "Сбросить фильтры", "uz": "Filtrlarni tiklash"},
    "sidebar.all": {"en": "All", "ru": "Все", "uz": "Barchasi"},
    "sidebar.link_hint": {"en": "The address bar keeps these filters: copy it to share this view.",
                          "ru": "Адресная строка хранит фильтры: скопируйте её, чтобы поделиться видом.",
                          "uz": "Manzil satri filtrlarni saqlaydi: koʻrinishni ulashish uchun nusxa oling."},
    "sidebar.home": {"en": "Home country", "ru": "Страна университета", "uz": "Universitet davlati"},
    "filter.active_universities": {"en": "Universities: {universities}", "ru": "Университеты: {universities}",
                                   "uz": "Universitetlar: {universities}"},
    "filter.active_countries": {"en": "Showing only: {countries}", "ru": "Показаны только: {countries}",
                                "uz": "Faqat koʻrsatilgan: {countries}"},
    "filter.ignored_params": {
        "en": "The link had values this dashboard does not know; these parameters were ignored: {params}.",
        "ru": "В ссылке были неизвестные значения; эти параметры пропущены: {params}.",
        "uz": "Havolada nomaʼlum qiymatlar bor edi; bu parametrlar eʼtiborga olinmadi: {params}."},
    # --- why a part of a page is empty -----------------------------------------------------
    "notice.export_missing": {"en": "No {export} export in the data folder: this part of the page is empty.",
                              "ru": "В папке с данными нет выгрузки {export}: эта часть страницы пуста.",
                              "uz": "Maʼlumotlar papkasida {export} eksporti yoʻq: sahifaning bu qismi boʻsh."},
    "notice.export_unreadable": {"en": "The {export} export ({file}) could not be read: this part of the page is empty.",
                                 "ru": "Выгрузку {export} ({file}) не удалось прочитать: эта часть страницы пуста.",
                                 "uz": "{export} eksportini ({file}) oʻqib boʻlmadi: sahifaning bu qismi boʻsh."},
    "notice.see_data_page": {"en": "What was loaded: the Data page", "ru": "Что загружено: страница «Данные»",
                             "uz": "Nima yuklandi: «Maʼlumotlar» sahifasi"},
    "kpi.not_available": {"en": "not available", "ru": "нет данных", "uz": "mavjud emas"},
    "kpi.not_available_title": {"en": "Not available", "ru": "Недоступные показатели",
                                "uz": "Mavjud boʻlmagan koʻrsatkichlar"},
    "kpi_na.export_missing": {"en": "no {export} export in the data folder",
                              "ru": "в папке с данными нет выгрузки {export}",
                              "uz": "maʼlumotlar papkasida {export} eksporti yoʻq"},
    "kpi_na.export_unreadable": {"en": "the {export} export ({file}) could not be read",
                                 "ru": "выгрузку {export} ({file}) не удалось прочитать",
                                 "uz": "{export} eksportini ({file}) oʻqib boʻlmadi"},
    "kpi_na.values_missing": {"en": "the {export} export has no values in {columns}",
                              "ru": "в выгрузке {export} нет значений в столбцах {columns}",
                              "uz": "{export} eksportida {columns} ustunlarida qiymat yoʻq"},
    "kpi_na.denominator_missing": {
        "en": "the number of all students is unknown: add a totals export, or a students export that lists "
              "home-country students too",
        "ru": "неизвестно общее число студентов: добавьте выгрузку totals или выгрузку students со всеми студентами",
        "uz": "barcha talabalar soni nomaʼlum: totals eksportini yoki barcha talabalar bilan students eksportini qoʻshing"},
    "kpi_na.partner_activity_missing": {
        "en": "no mobility, programs or grants export names partners",
        "ru": "ни в одной из выгрузок mobility, programs, grants не указаны партнёры",
        "uz": "mobility, programs yoki grants eksportlarining birortasida hamkorlar koʻrsatilmagan"},
    "kpi_na.no_value": {"en": "no value for this year (no rows, or a zero or unknown denominator)",
                        "ru": "нет значения за этот год (нет строк или знаменатель равен нулю или неизвестен)",
                        "uz": "bu yil uchun qiymat yoʻq (qatorlar yoʻq yoki maxraj nol yoki nomaʼlum)"},
    "map.click_hint": {"en": "Click a country to narrow the dashboard to it; Shift+click adds another.",
                       "ru": "Щёлкните по стране, чтобы показать только её; Shift+щелчок добавляет ещё одну.",
                       "uz": "Faqat shu davlatni koʻrish uchun uni bosing; Shift+bosish yana birini qoʻshadi."},
    # --- regions ---------------------------------------------------------------------------
    "region.Africa": {"en": "Africa", "ru": "Африка", "uz": "Afrika"},
    "region.Asia": {"en": "Asia", "ru": "Азия", "uz": "Osiyo"},
    "region.Europe": {"en": "Europe", "ru": "Европа", "uz": "Yevropa"},
    "region.North America": {"en": "North America", "ru": "Северная Америка", "uz": "Shimoliy Amerika"},
    "region.South America": {"en": "South America", "ru": "Южная Америка", "uz": "Janubiy Amerika"},
    "region.Americas": {"en": "Americas", "ru": "Америка", "uz": "Amerika"},
    "region.Oceania": {"en": "Oceania", "ru": "Океания", "uz": "Okeaniya"},
    "region.Antarctica": {"en": "Antarctica", "ru": "Антарктида", "uz": "Antarktida"},
    "region.CIS": {"en": "CIS", "ru": "СНГ", "uz": "MDH"},
    "region.non-CIS": {"en": "Non-CIS", "ru": "Вне СНГ", "uz": "MDHdan tashqari"},
    "region.Unknown": {"en": "Unknown", "ru": "Не указано", "uz": "Nomaʼlum"},
    # --- common ----------------------------------------------------------------------------
    "common.table": {"en": "Table", "ru": "Таблица", "uz": "Jadval"},
    "common.download_csv": {"en": "Download CSV", "ru": "Скачать CSV", "uz": "CSV yuklab olish"},
    "common.download_xlsx": {"en": "Download Excel", "ru": "Скачать Excel", "uz": "Excel yuklab olish"},
    "common.no_data": {"en": "No data for this selection.", "ru": "Нет данных для выбранных фильтров.",
                       "uz": "Tanlangan filtrlar uchun maʼlumot yoʻq."},
    "common.no_dataset": {"en": "No data loaded yet. Put the CSV exports in {path} and reload.",
                          "ru": "Данные ещё не загружены. Положите выгрузки CSV в {path} и обновите страницу.",
                          "uz": "Maʼlumot hali yuklanmagan. CSV fayllarini {path} papkasiga qoʻying va sahifani yangilang."},
    "common.year": {"en": "Year", "ru": "Год", "uz": "Yil"},
    "common.scorecard_year": {"en": "Academic year {year}", "ru": "Учебный год {year}",
                              "uz": "{year} oʻquv yili"},
    "common.vs_previous": {"en": "vs previous year", "ru": "к прошлому году", "uz": "oʻtgan yilga nisbatan"},
    "common.target": {"en": "Target", "ru": "План", "uz": "Reja"},
    "common.status": {"en": "Status", "ru": "Статус", "uz": "Holat"},
    "common.show_all": {"en": "Show all", "ru": "Показать все", "uz": "Barchasini koʻrsatish"},
    # --- KPI status ------------------------------------------------------------------------
    "status.met": {"en": "Target met", "ru": "План выполнен", "uz": "Reja bajarildi"},
    "status.on_track": {"en": "On track", "ru": "Идёт по плану", "uz": "Reja boʻyicha"},
    "status.at_risk": {"en": "At risk", "ru": "Под угрозой", "uz": "Xavf ostida"},
    "status.off_track": {"en": "Off track", "ru": "Отставание от плана", "uz": "Rejadan ortda"},
    "status.no_target": {"en": "No target", "ru": "План не задан", "uz": "Reja belgilanmagan"},
    "status.no_data": {"en": "No data", "ru": "Нет данных", "uz": "Maʼlumot yoʻq"},
    # --- overview --------------------------------------------------------------------------
    "overview.scorecard": {"en": "KPI scorecard", "ru": "Ключевые показатели", "uz": "Asosiy koʻrsatkichlar"},
    "overview.headlines": {"en": "Headline trends", "ru": "Основные тенденции", "uz": "Asosiy tendensiyalar"},
    "overview.kpi_table": {"en": "All KPIs", "ru": "Все показатели", "uz": "Barcha koʻrsatkichlar"},
    # --- students --------------------------------------------------------------------------
    "students.map": {"en": "Foreign students by citizenship", "ru": "Иностранные студенты по гражданству",
                     "uz": "Xorijiy talabalar fuqaroligi boʻyicha"},
    "students.trend": {"en": "Foreign students by year", "ru": "Иностранные студенты по годам",
                       "uz": "Xorijiy talabalar yillar boʻyicha"},
    "students.by_faculty": {"en": "By faculty", "ru": "По факультетам", "uz": "Fakultetlar boʻyicha"},
    "students.by_level": {"en": "By level of study", "ru": "По уровню обучения", "uz": "Taʼlim darajasi boʻyicha"},
    "students.top_countries": {"en": "Top countries", "ru": "Основные страны", "uz": "Yetakchi davlatlar"},
    "students.new_countries": {"en": "New source countries", "ru": "Новые страны-источники",
                               "uz": "Yangi manba davlatlar"},
    "students.by_continent": {"en": "By region", "ru": "По регионам", "uz": "Mintaqalar boʻyicha"},
    # --- partners --------------------------------------------------------------------------
    "partners.map": {"en": "Partners around the world", "ru": "Партнёры в мире", "uz": "Dunyodagi hamkorlar"},
    "partners.by_continent": {"en": "Partners by region", "ru": "Партнёры по регионам",
                              "uz": "Hamkorlar mintaqalar boʻyicha"},
    "partners.by_type": {"en": "Partners by type", "ru": "Партнёры по типу", "uz": "Hamkorlar turi boʻyicha"},
    "partners.by_field": {"en": "Fields of cooperation", "ru": "Направления сотрудничества",
                          "uz": "Hamkorlik yoʻnalishlari"},
    "partners.per_year": {"en": "Agreements signed per year", "ru": "Подписано соглашений по годам",
                          "uz": "Yillar boʻyicha imzolangan shartnomalar"},
    "partners.expiring": {"en": "Agreements expiring soon", "ru": "Соглашения, срок которых истекает",
                          "uz": "Muddati tugayotgan shartnomalar"},
    "partners.dormant": {"en": "Dormant partners (no activity)", "ru": "Неактивные партнёры",
                         "uz": "Faol boʻlmagan hamkorlar"},
    # --- programs --------------------------------------------------------------------------
    "programs.growth": {"en": "Joint programs by year", "ru": "Совместные программы по годам",
                        "uz": "Qoʻshma dasturlar yillar boʻyicha"},
    "programs.students": {"en": "Students and graduates", "ru": "Студенты и выпускники",
                          "uz": "Talabalar va bitiruvchilar"},
    "programs.by_country": {"en": "Programs by partner country", "ru": "Программы по странам партнёров",
                            "uz": "Dasturlar hamkor davlatlar boʻyicha"},
    "programs.list": {"en": "Programs", "ru": "Программы", "uz": "Dasturlar"},
    # --- mobility --------------------------------------------------------------------------
    "mobility.by_year": {"en": "Inbound and outbound by year", "ru": "Входящая и исходящая по годам",
                         "uz": "Kiruvchi va chiquvchi yillar boʻyicha"},
    "mobility.by_category": {"en": "By category", "ru": "По категориям", "uz": "Toifalar boʻyicha"},
    "mobility.by_country": {"en": "By country", "ru": "По странам", "uz": "Davlatlar boʻyicha"},
    "mobility.balance": {"en": "Balance by country (inbound − outbound)",
                         "ru": "Баланс по странам (входящая − исходящая)",
                         "uz": "Davlatlar boʻyicha balans (kiruvchi − chiquvchi)"},
    "mobility.map": {"en": "Mobility by country", "ru": "Мобильность по странам",
                     "uz": "Davlatlar boʻyicha mobillik"},
    "direction.in": {"en": "Inbound", "ru": "Входящая", "uz": "Kiruvchi"},
    "direction.out": {"en": "Outbound", "ru": "Исходящая", "uz": "Chiquvchi"},
    "category.student": {"en": "Students", "ru": "Студенты", "uz": "Talabalar"},
    "category.staff": {"en": "Staff", "ru": "Сотрудники", "uz": "Xodimlar"},
    # --- science ---------------------------------------------------------------------------
    "science.events": {"en": "Events by year", "ru": "Мероприятия по годам", "uz": "Tadbirlar yillar boʻyicha"},
    "science.participants": {"en": "International participants", "ru": "Иностранные участники",
                             "uz": "Xorijiy ishtirokchilar"},
    "science.grants": {"en": "International grants", "ru": "Международные гранты", "uz": "Xalqaro grantlar"},
    "science.honorary": {"en": "Honorary doctorates", "ru": "Почётные доктора", "uz": "Faxriy doktorlar"},
    "science.honorary_map": {"en": "Honorary doctorates by country", "ru": "Почётные доктора по странам",
                             "uz": "Faxriy doktorlar davlatlar boʻyicha"},
    "science.event_countries": {"en": "Countries of event participants", "ru": "Страны участников мероприятий",
                                "uz": "Tadbir ishtirokchilari davlatlari"},
    "science.research_list": {"en": "Research projects with foreign partners",
                              "ru": "Научные проекты с зарубежными партнёрами",
                              "uz": "Xorijiy hamkorlar bilan ilmiy loyihalar"},
    "science.research": {"en": "Research projects by year", "ru": "Научные проекты по годам",
                         "uz": "Ilmiy loyihalar yillar boʻyicha"},
    # --- data ------------------------------------------------------------------------------
    "data.files": {"en": "Files loaded", "ru": "Загруженные файлы", "uz": "Yuklangan fayllar"},
    "data.validation": {"en": "Validation report", "ru": "Отчёт о проверке", "uz": "Tekshiruv hisoboti"},
    "data.unresolved": {"en": "Country names not recognised", "ru": "Нераспознанные названия стран",
                        "uz": "Tanilmagan davlat nomlari"},
    "data.none_unresolved": {"en": "Every country name was recognised.",
                             "ru": "Все названия стран распознаны.",
                             "uz": "Barcha davlat nomlari tanildi."},
    "data.not_loaded": {"en": "Files not loaded", "ru": "Незагруженные файлы", "uz": "Yuklanmagan fayllar"},
    "data.all_loaded": {"en": "Every export file found was loaded.", "ru": "Все найденные выгрузки загружены.",
                        "uz": "Topilgan barcha eksport fayllari yuklandi."},
    "data.no_issues": {"en": "No problems found.", "ru": "Проблем не найдено.", "uz": "Muammo topilmadi."},
    "data.version": {"en": "Published version {id} of {created} (UTC); earlier versions are on the History page.",
                     "ru": "Опубликованная версия {id} от {created} (UTC); прежние версии на странице «История».",
                     "uz": "{created} (UTC) dagi {id}-nashr; avvalgi nashrlar «Tarix» sahifasida."},
    "data.version_implicit": {
        "en": "Not versioned yet: the files in the folder are read as they are. The first publish from the Data desk "
              "keeps them as version 000001; from then on the newest published version is read.",
        "ru": "Версий пока нет: файлы папки читаются как есть. Первая публикация на странице загрузки данных сохранит "
              "их как версию 000001; после этого читается последняя опубликованная версия.",
        "uz": "Hali nashrlar yoʻq: papkadagi fayllar shundayligicha oʻqiladi. Maʼlumotlar sahifasidagi birinchi nashr "
              "ularni 000001-nashr sifatida saqlaydi; shundan soʻng eng soʻnggi nashr oʻqiladi."},
    "data.source": {"en": "Data folder: {path}", "ru": "Папка с данными: {path}", "uz": "Maʼlumotlar papkasi: {path}"},
    "severity.error": {"en": "error: row excluded", "ru": "ошибка: строка исключена", "uz": "xato: qator chiqarildi"},
    "severity.warning": {"en": "warning", "ru": "предупреждение", "uz": "ogohlantirish"},
    "severity.info": {"en": "note", "ru": "к сведению", "uz": "maʼlumot uchun"},
    "data.severity": {"en": "Severity", "ru": "Важность", "uz": "Muhimlik"},
    # --- validation messages, by metrics.validation.MESSAGE_CODES ------------------------------
    "issue.personal_data_dropped": {
        "en": "personal data column dropped at ingestion; it is never shown or exported",
        "ru": "столбец с персональными данными удалён при загрузке; он не показывается и не выгружается",
        "uz": "shaxsiy maʼlumotlar ustuni yuklashda olib tashlandi; u koʻrsatilmaydi va eksport qilinmaydi"},
    "issue.column_ignored": {"en": "column not in the data contract; ignored",
                             "ru": "столбца нет в описании данных; пропущен",
                             "uz": "ustun maʼlumotlar tavsifida yoʻq; eʼtiborga olinmadi"},
    "issue.column_duplicate": {"en": "second column for '{field}'; the first one is used",
                               "ru": "второй столбец для «{field}»; используется первый",
                               "uz": "«{field}» uchun ikkinchi ustun; birinchisi ishlatiladi"},
    "issue.row_skipped": {"en": "total, subtotal or repeated header row skipped",
                          "ru": "строка итога, подытога или повтор заголовка пропущена",
                          "uz": "jami, oraliq jami yoki takroriy sarlavha qatori oʻtkazib yuborildi"},
    "issue.mixed_encoding": {"en": "some lines were not valid UTF-8 and were read in another encoding; save the file as UTF-8",
                             "ru": "часть строк не в UTF-8 и прочитана в другой кодировке; сохраните файл в UTF-8",
                             "uz": "baʼzi qatorlar UTF-8 emas va boshqa kodlashda oʻqildi; faylni UTF-8 da saqlang"},
    "issue.value_invalid_excluded": {"en": "not {expected}; row excluded",
                                     "ru": "ожидается {expected}; строка исключена",
                                     "uz": "{expected} kutilgan; qator chiqarib tashlandi"},
    "issue.value_invalid_blanked": {"en": "not {expected}; value left blank",
                                    "ru": "ожидается {expected}; значение оставлено пустым",
                                    "uz": "{expected} kutilgan; qiymat boʻsh qoldirildi"},
    "issue.value_required_empty": {"en": "required value '{field}' is empty; row excluded",
                                   "ru": "обязательное значение «{field}» пусто; строка исключена",
                                   "uz": "majburiy «{field}» qiymati boʻsh; qator chiqarib tashlandi"},
    "issue.country_unresolved": {
        "en": "not one country (an aggregate such as 'Stateless', or an unknown spelling): {n} row(s) kept without a country",
        "ru": "не одна страна (группа вроде «Без гражданства» или неизвестное написание): {n} строк(и) сохранены без страны",
        "uz": "bitta davlat emas («Fuqaroligi yoʻq» kabi guruh yoki nomaʼlum yozuv): {n} qator davlatsiz saqlandi"},
    "issue.country_list_unresolved": {"en": "not a country name I know; left out of the list",
                                      "ru": "неизвестное название страны; не включено в список",
                                      "uz": "nomaʼlum davlat nomi; roʻyxatga kiritilmadi"},
    "issue.no_date_or_year": {"en": "neither date nor year given; row excluded",
                              "ru": "не указаны ни дата, ни год; строка исключена",
                              "uz": "na sana, na yil koʻrsatilgan; qator chiqarib tashlandi"},
    "issue.more_rows": {"en": "{n} more row(s) with the same problem: {message}",
                        "ru": "ещё {n} строк(и) с той же проблемой: {message}",
                        "uz": "yana {n} qatorda xuddi shu muammo: {message}"},
    "issue.file_unsupported": {"en": "{suffix} files cannot be read; save it as .xlsx or CSV (UTF-8)",
                               "ru": "файлы {suffix} не читаются; сохраните как .xlsx или CSV (UTF-8)",
                               "uz": "{suffix} fayllari oʻqilmaydi; .xlsx yoki CSV (UTF-8) sifatida saqlang"},
    "issue.encoding_truncated": {
        "en": "the file ends in the middle of a character (cut short while copying?); unreadable characters are shown as \ufffd. Export it again",
        "ru": "файл обрывается посреди символа (обрезан при копировании?); нечитаемые символы показаны как \ufffd. Выгрузите его заново",
        "uz": "fayl belgi oʻrtasida uzilgan (nusxalashda qirqilganmi?); oʻqilmagan belgilar \ufffd bilan koʻrsatilgan. Qayta eksport qiling"},
    "issue.newline_stray_cr": {
        "en": "stray carriage returns (CR) inside lines were read as spaces; check those cells",
        "ru": "лишние символы возврата каретки (CR) внутри строк прочитаны как пробелы; проверьте эти ячейки",
        "uz": "qatorlar ichidagi ortiqcha CR belgilari boʻsh joy sifatida oʻqildi; bu kataklarni tekshiring"},
    "issue.quote_unbalanced": {
        "en": "an opening quote (\") on this line is never closed; the row is excluded. Remove the stray quote or close it",
        "ru": "открывающая кавычка (\") в этой строке не закрыта; строка исключена. Удалите лишнюю кавычку или закройте её",
        "uz": "bu qatordagi ochiluvchi qoʻshtirnoq (\") yopilmagan; qator chiqarib tashlandi. Ortiqcha qoʻshtirnoqni oʻchiring yoki yoping"},
    "issue.record_joined": {
        "en": "this record spans several lines (a quoted cell with line breaks); they were joined. Check that the row is right",
        "ru": "эта запись занимает несколько строк (ячейка в кавычках с переносами); они объединены. Проверьте строку",
        "uz": "bu yozuv bir necha qatorni egallaydi (qoʻshtirnoqdagi katakda qator uzilishi); ular birlashtirildi. Qatorni tekshiring"},
    "issue.line_torn": {
        "en": "the last line is cut short (was the file still being written?); the row is excluded",
        "ru": "последняя строка оборвана (файл ещё записывался?); строка исключена",
        "uz": "oxirgi qator uzilgan (fayl hali yozilayotgan edimi?); qator chiqarib tashlandi"},
    "issue.cell_too_long": {
        "en": "the cell is longer than the limit and is not read (an error excludes the row, a warning leaves the value blank). Shorten the text",
        "ru": "ячейка длиннее допустимого и не читается (ошибка: строка исключена; предупреждение: значение оставлено пустым). Сократите текст",
        "uz": "katak ruxsat etilganidan uzun va oʻqilmaydi (xato: qator chiqarib tashlandi; ogohlantirish: qiymat boʻsh qoldirildi). Matnni qisqartiring"},
    "issue.formula_without_value": {
        "en": "the cell holds a formula whose result was not saved (an error excludes the row, a warning leaves the value blank); open the file in Excel and save it again (or paste values)",
        "ru": "в ячейке формула без сохранённого значения (ошибка: строка исключена; предупреждение: значение оставлено пустым); откройте файл в Excel и сохраните заново (или вставьте значения)",
        "uz": "katakda natijasi saqlanmagan formula bor (xato: qator chiqarib tashlandi; ogohlantirish: qiymat boʻsh qoldirildi); faylni Excelda ochib qayta saqlang (yoki qiymatlarni qoʻying)"},
    "issue.settings_invalid": {
        "en": "settings.toml could not be used as written; the defaults stand in. Fix the file (see data/README.md)",
        "ru": "settings.toml не удалось применить; используются значения по умолчанию. Исправьте файл (см. data/README.md)",
        "uz": "settings.toml qoʻllanmadi; standart qiymatlar ishlatiladi. Faylni tuzating (data/README.md ga qarang)"},
    "issue.export_ambiguous": {
        "en": "{files} both hold the '{export}' export; neither was read. Keep one file per export",
        "ru": "{files}: оба файла содержат выгрузку «{export}»; ни один не прочитан. Оставьте один файл на выгрузку",
        "uz": "{files}: ikkala fayl ham «{export}» eksportini oʻz ichiga oladi; hech biri oʻqilmadi. Har bir eksport uchun bitta fayl qoldiring"},
    "issue.file_skipped": {
        "en": "skipped: not recognised as an export. Name it after the export it holds (e.g. students.csv)",
        "ru": "пропущен: не распознан как выгрузка. Назовите файл по выгрузке (например, students.csv)",
        "uz": "oʻtkazib yuborildi: eksport sifatida tanilmadi. Faylni eksport nomi bilan ataing (masalan, students.csv)"},
    "issue.file_taken_for": {
        "en": "taken for the '{export}' export (by its columns)",
        "ru": "принят как выгрузка «{export}» (по столбцам)",
        "uz": "«{export}» eksporti sifatida qabul qilindi (ustunlari boʻyicha)"},
    "issue.column_numbering": {"en": "row-number column; ignored", "ru": "столбец с номерами строк; пропущен",
                               "uz": "tartib raqami ustuni; eʼtiborga olinmadi"},
    "issue.validity_not_understood": {
        "en": "the validity is not understood; the agreement counts as open-ended until it is fixed. Write a date, 'до DATE', 'на 5 лет' or 'бессрочно'",
        "ru": "срок действия не распознан; соглашение считается бессрочным, пока это не исправлено. Укажите дату, «до ДАТА», «на 5 лет» или «бессрочно»",
        "uz": "amal qilish muddati tanilmadi; tuzatilguncha kelishuv muddatsiz hisoblanadi. Sana, «SANA gacha», «5 yil» yoki «muddatsiz» deb yozing"},
    "issue.validity_far_future": {
        "en": "an end date in 2100 or later means the agreement is open-ended",
        "ru": "дата окончания в 2100 году или позже означает бессрочное соглашение",
        "uz": "2100-yil yoki undan keyingi tugash sanasi kelishuv muddatsiz ekanini bildiradi"},
    "issue.mapping_invalid": {
        "en": "an entry of mappings.toml cannot be applied and is not used; fix it on the Data desk or in the file",
        "ru": "запись в mappings.toml не может быть применена и не используется; исправьте её на странице загрузки данных или в файле",
        "uz": "mappings.toml dagi yozuv qoʻllanmaydi va ishlatilmaydi; uni maʼlumotlar sahifasida yoki faylda tuzating"},
    "kind.year": {"en": "an academic year such as 2024, 2024/2025 or 2024-25",
                  "ru": "учебный год, например 2024, 2024/2025 или 2024-25",
                  "uz": "oʻquv yili, masalan 2024, 2024/2025 yoki 2024-25"},
    "kind.int": {"en": "a whole number of at least 0", "ru": "целое число не меньше 0",
                 "uz": "0 dan kichik boʻlmagan butun son"},
    "kind.float": {"en": "a number (decimal comma or point)", "ru": "число (с запятой или точкой)",
                   "uz": "son (vergul yoki nuqta bilan)"},
    "kind.date": {"en": "a date as 2024-09-01, 01.09.2024 or 01/09/2024",
                  "ru": "дата вида 2024-09-01, 01.09.2024 или 01/09/2024",
                  "uz": "2024-09-01, 01.09.2024 yoki 01/09/2024 koʻrinishidagi sana"},
    "kind.direction": {"en": "in or out", "ru": "in или out (входящая/исходящая)",
                       "uz": "in yoki out (kiruvchi/chiquvchi)"},
    "kind.category": {"en": "student or staff", "ru": "student или staff (студент/преподаватель)",
                      "uz": "student yoki staff (talaba/oʻqituvchi)"},
    # --- issue 11: contract (accreditation columns: kinds of values and column headings) ---
    "kind.study_form": {"en": "full-time, part-time, evening or distance",
                        "ru": "full-time, part-time, evening или distance (очная/заочная/очно-заочная/дистанционная)",
                        "uz": "full-time, part-time, evening yoki distance (kunduzgi/sirtqi/kechki/masofaviy)"},
    "kind.funding": {"en": "budget, contract or grant",
                     "ru": "budget, contract или grant (бюджет/контракт/грант)",
                     "uz": "budget, contract yoki grant (davlat granti/toʻlov-kontrakt/grant)"},
    "kind.stage": {"en": "applied, admitted or enrolled",
                   "ru": "applied, admitted или enrolled (подано/рекомендован/зачислен)",
                   "uz": "applied, admitted yoki enrolled (ariza/tavsiya etilgan/oʻqishga kirgan)"},
    "kind.course": {"en": "a year of study from 1 to 7", "ru": "курс от 1 до 7",
                    "uz": "1 dan 7 gacha boʻlgan kurs"},
    "kind.language": {"en": "language codes or names separated by ';' (en, ru, uz)",
                      "ru": "коды или названия языков через ';' (en, ru, uz; английский, русский)",
                      "uz": "til kodlari yoki nomlari «;» bilan ajratilgan (en, ru, uz; ingliz, rus)"},
    "col.study_form": {"en": "Form of study", "ru": "Форма обучения", "uz": "Taʼlim shakli"},
    "col.course": {"en": "Year of study", "ru": "Курс", "uz": "Kurs"},
    "col.specialty": {"en": "Specialty", "ru": "Специальность", "uz": "Mutaxassislik"},
    "col.language": {"en": "Language of instruction", "ru": "Язык обучения", "uz": "Taʼlim tili"},
    "col.stage": {"en": "Admission stage", "ru": "Этап приёма", "uz": "Qabul bosqichi"},
    # --- end issue 11: contract ---
    # --- reports ---------------------------------------------------------------------------
    "reports.intro": {"en": "Download the annual report for the selected year and filters.",
                      "ru": "Скачайте годовой отчёт за выбранный год с учётом фильтров.",
                      "uz": "Tanlangan yil va filtrlar boʻyicha yillik hisobotni yuklab oling."},
    "reports.format": {"en": "Format", "ru": "Формат", "uz": "Format"},
    "reports.build": {"en": "Prepare report", "ru": "Подготовить отчёт", "uz": "Hisobotni tayyorlash"},
    "reports.download": {"en": "Download {fmt}", "ru": "Скачать {fmt}", "uz": "{fmt} yuklab olish"},
    "reports.fallback": {"en": "The full report generator is not available; the KPI table is offered as Excel.",
                         "ru": "Генератор отчётов недоступен; доступна таблица показателей в Excel.",
                         "uz": "Hisobot generatori mavjud emas; koʻrsatkichlar jadvali Excel shaklida."},
    "reports.failed": {"en": "The report could not be produced: {error}",
                       "ru": "Не удалось подготовить отчёт: {error}",
                       "uz": "Hisobotni tayyorlab boʻlmadi: {error}"},
    # --- presentation ----------------------------------------------------------------------
    "present.start": {"en": "Presentation mode", "ru": "Режим презентации", "uz": "Taqdimot rejimi"},
    "present.prev": {"en": "Previous", "ru": "Назад", "uz": "Oldingi"},
    "present.next": {"en": "Next", "ru": "Далее", "uz": "Keyingi"},
    "present.autoplay": {"en": "Advance automatically", "ru": "Автоматическое листание",
                         "uz": "Avtomatik almashtirish"},
    "present.interval": {"en": "Seconds per slide", "ru": "Секунд на слайд", "uz": "Slayd uchun soniya"},
    "present.theme": {"en": "Theme", "ru": "Тема", "uz": "Mavzu"},
    "present.light": {"en": "Light", "ru": "Светлая", "uz": "Yorugʻ"},
    "present.dark": {"en": "Dark", "ru": "Тёмная", "uz": "Qorongʻi"},
    "present.exit": {"en": "Exit", "ru": "Выход", "uz": "Chiqish"},
    "present.slide_of": {"en": "Slide {n} of {total}", "ru": "Слайд {n} из {total}", "uz": "{total} dan {n}-slayd"},
    "present.keys": {"en": "Keys: ← previous, → next, Esc exit", "ru": "Клавиши: ← назад, → далее, Esc выход",
                     "uz": "Tugmalar: ← oldingi, → keyingi, Esc chiqish"},
    "present.settings": {"en": "Slide show settings", "ru": "Настройки показа", "uz": "Namoyish sozlamalari"},
    # --- table columns ---------------------------------------------------------------------
    "col.country": {"en": "Country", "ru": "Страна", "uz": "Davlat"},
    "col.country_code": {"en": "ISO code", "ru": "Код ISO", "uz": "ISO kodi"},
    "col.year": {"en": "Year", "ru": "Год", "uz": "Yil"},
    "col.students": {"en": "Students", "ru": "Студенты", "uz": "Talabalar"},
    "col.graduates": {"en": "Graduates", "ru": "Выпускники", "uz": "Bitiruvchilar"},
    "col.count": {"en": "Number", "ru": "Количество", "uz": "Soni"},
    "col.value": {"en": "Value", "ru": "Значение", "uz": "Qiymat"},
    "col.share": {"en": "Share, %", "ru": "Доля, %", "uz": "Ulush, %"},
    "col.faculty": {"en": "Faculty", "ru": "Факультет", "uz": "Fakultet"},
    "col.level": {"en": "Level", "ru": "Уровень", "uz": "Daraja"},
    "col.continent": {"en": "Region", "ru": "Регион", "uz": "Mintaqa"},
    "col.region": {"en": "Region", "ru": "Регион", "uz": "Mintaqa"},
    "col.partner": {"en": "Partner", "ru": "Партнёр", "uz": "Hamkor"},
    "col.partners": {"en": "Partners", "ru": "Партнёры", "uz": "Hamkorlar"},
    "col.type": {"en": "Type", "ru": "Тип", "uz": "Turi"},
    "col.field": {"en": "Field", "ru": "Направление", "uz": "Yoʻnalish"},
    "col.agreements": {"en": "Agreements", "ru": "Соглашения", "uz": "Shartnomalar"},
    "col.signed": {"en": "Signed", "ru": "Подписано", "uz": "Imzolangan"},
    "col.expires": {"en": "Expires", "ru": "Действует до", "uz": "Amal qilish muddati"},
    "col.days_left": {"en": "Days left", "ru": "Осталось дней", "uz": "Qolgan kunlar"},
    "col.last_activity": {"en": "Last activity", "ru": "Последняя активность", "uz": "Soʻnggi faollik"},
    "col.program": {"en": "Program", "ru": "Программа", "uz": "Dastur"},
    "col.programs": {"en": "Programs", "ru": "Программы", "uz": "Dasturlar"},
    "col.direction": {"en": "Direction", "ru": "Направление", "uz": "Yoʻnalish"},
    "col.category": {"en": "Category", "ru": "Категория", "uz": "Toifa"},
    "col.inbound": {"en": "Inbound", "ru": "Входящая", "uz": "Kiruvchi"},
    "col.outbound": {"en": "Outbound", "ru": "Исходящая", "uz": "Chiquvchi"},
    "col.balance": {"en": "Balance", "ru": "Баланс", "uz": "Balans"},
    "col.events": {"en": "Events", "ru": "Мероприятия", "uz": "Tadbirlar"},
    "col.participants": {"en": "Participants", "ru": "Участники", "uz": "Ishtirokchilar"},
    "col.international_participants": {"en": "International participants", "ru": "Иностранные участники",
                                       "uz": "Xorijiy ishtirokchilar"},
    "col.grants": {"en": "Grants", "ru": "Гранты", "uz": "Grantlar"},
    "col.amount": {"en": "Budget", "ru": "Бюджет", "uz": "Byudjet"},
    "col.currency": {"en": "Currency", "ru": "Валюта", "uz": "Valyuta"},
    "col.honorary_doctorates": {"en": "Honorary doctorates", "ru": "Почётные доктора", "uz": "Faxriy doktorlar"},
    "col.first_year": {"en": "First year", "ru": "Первый год", "uz": "Birinchi yil"},
    "col.file": {"en": "File", "ru": "Файл", "uz": "Fayl"},
    "col.reason": {"en": "Reason", "ru": "Причина", "uz": "Sabab"},
    "col.export": {"en": "Export", "ru": "Выгрузка", "uz": "Eksport"},
    "col.rows_read": {"en": "Rows read", "ru": "Прочитано строк", "uz": "Oʻqilgan qatorlar"},
    "col.rows_loaded": {"en": "Rows loaded", "ru": "Загружено строк", "uz": "Yuklangan qatorlar"},
    "col.rows_excluded": {"en": "Rows excluded", "ru": "Исключено строк", "uz": "Chiqarilgan qatorlar"},
    "col.encoding": {"en": "Encoding", "ru": "Кодировка", "uz": "Kodlash"},
    "col.row": {"en": "Row", "ru": "Строка", "uz": "Qator"},
    "col.column": {"en": "Column", "ru": "Столбец", "uz": "Ustun"},
    "col.message": {"en": "Problem", "ru": "Проблема", "uz": "Muammo"},
    "col.severity": {"en": "Severity", "ru": "Важность", "uz": "Muhimlik"},
    "col.name": {"en": "Indicator", "ru": "Показатель", "uz": "Koʻrsatkich"},
    "col.unit": {"en": "Unit", "ru": "Единица измерения", "uz": "Oʻlchov birligi"},
    "col.previous": {"en": "Previous year", "ru": "Предыдущий год", "uz": "Oʻtgan yil"},
    "col.change": {"en": "Change", "ru": "Изменение", "uz": "Oʻzgarish"},
    "col.change_pct": {"en": "Change, %", "ru": "Изменение, %", "uz": "Oʻzgarish, %"},
    "col.target": {"en": "Target", "ru": "План", "uz": "Reja"},
    "col.gap": {"en": "Gap to target", "ru": "Отклонение от плана", "uz": "Rejadan farq"},
    "col.status": {"en": "Status", "ru": "Статус", "uz": "Holat"},
    "col.definition": {"en": "Definition", "ru": "Определение", "uz": "Taʼrif"},
    "col.raw": {"en": "Name as written", "ru": "Название в файле", "uz": "Fayldagi nomi"},
    "col.rows": {"en": "Rows", "ru": "Строк", "uz": "Qatorlar"},
    "col.funder": {"en": "Funder", "ru": "Источник финансирования", "uz": "Moliyalashtiruvchi"},
    "col.grant": {"en": "Grant project", "ru": "Грантовый проект", "uz": "Grant loyihasi"},
    "col.event": {"en": "Event", "ru": "Мероприятие", "uz": "Tadbir"},
    "col.title": {"en": "Project", "ru": "Проект", "uz": "Loyiha"},
    "col.funding": {"en": "Funding", "ru": "Финансирование", "uz": "Moliyalashtirish"},
    "col.projects": {"en": "Projects", "ru": "Проекты", "uz": "Loyihalar"},
    "col.new": {"en": "New", "ru": "Новые", "uz": "Yangi"},
    "col.active": {"en": "Active", "ru": "Действующие", "uz": "Amaldagi"},
    # --- sign-in, roles, users and the audit log (app/auth.py, pages/signin.py, pages/admin.py) ----
    "page.signin": {"en": "Sign in", "ru": "Вход", "uz": "Kirish"},
    "page.desk": {"en": "Data desk", "ru": "Загрузка данных", "uz": "Maʼlumot yuklash"},
    "page.history": {"en": "History", "ru": "История версий", "uz": "Versiyalar tarixi"},
    "page.admin": {"en": "Users and audit log", "ru": "Пользователи и журнал", "uz": "Foydalanuvchilar va jurnal"},
    "signin.intro": {"en": "This dashboard is open to signed-in users only.",
                     "ru": "Панель доступна только после входа.",
                     "uz": "Panel faqat tizimga kirgan foydalanuvchilar uchun ochiq."},
    "signin.name": {"en": "User name", "ru": "Имя пользователя", "uz": "Foydalanuvchi nomi"},
    "signin.password": {"en": "Password", "ru": "Пароль", "uz": "Parol"},
    "signin.submit": {"en": "Sign in", "ru": "Войти", "uz": "Kirish"},
    "signin.empty": {"en": "Enter a user name and a password.", "ru": "Введите имя пользователя и пароль.",
                     "uz": "Foydalanuvchi nomi va parolni kiriting."},
    "signin.wrong": {"en": "Wrong user name or password.", "ru": "Неверное имя пользователя или пароль.",
                     "uz": "Foydalanuvchi nomi yoki parol notoʻgʻri."},
    "signin.locked": {"en": "Too many failed attempts: try again after {time}.",
                      "ru": "Слишком много неудачных попыток: попробуйте снова после {time}.",
                      "uz": "Juda koʻp muvaffaqiyatsiz urinish: {time} dan keyin qayta urinib koʻring."},
    "signin.expired": {"en": "Your session ended after {hours} hours without activity. Please sign in again.",
                       "ru": "Сеанс завершён после {hours} ч без действий. Войдите снова.",
                       "uz": "Seans {hours} soat faolsizlikdan keyin tugadi. Iltimos, qayta kiring."},
    "signin.signed_out": {"en": "You have signed out.", "ru": "Вы вышли из системы.", "uz": "Siz tizimdan chiqdingiz."},
    "signin.oidc": {"en": "Sign in with the university account", "ru": "Войти через учётную запись университета",
                    "uz": "Universitet hisobi bilan kirish"},
    "signin.or_local": {"en": "Or with a local account:", "ru": "Или с локальной учётной записью:",
                        "uz": "Yoki mahalliy hisob bilan:"},
    "signin.no_role": {"en": "{name} has no access to this dashboard. Ask the international office for a role.",
                       "ru": "У {name} нет доступа к этой панели. Запросите роль в международном отделе.",
                       "uz": "{name} bu panelga kira olmaydi. Xalqaro boʻlimdan rol soʻrang."},
    "signin.config_error": {"en": "Sign-in is not available: the account settings cannot be read. "
                                  "Please tell the administrator.",
                            "ru": "Вход недоступен: не удаётся прочитать настройки учётных записей. "
                                  "Сообщите администратору.",
                            "uz": "Kirish imkonsiz: hisob sozlamalarini oʻqib boʻlmadi. Administratorga xabar bering."},
    "account.signed_in": {"en": "Signed in as **{name}** ({role})", "ru": "Вы вошли как **{name}** ({role})",
                          "uz": "**{name}** sifatida kirdingiz ({role})"},
    "account.sign_out": {"en": "Sign out", "ru": "Выйти", "uz": "Chiqish"},
    "role.viewer": {"en": "viewer", "ru": "просмотр", "uz": "koʻruvchi"},
    "role.editor": {"en": "editor", "ru": "редактор", "uz": "muharrir"},
    "role.admin": {"en": "administrator", "ru": "администратор", "uz": "maʼmur"},
    "admin.only": {"en": "Only administrators see this page.", "ru": "Эта страница только для администраторов.",
                   "uz": "Bu sahifa faqat maʼmurlar uchun."},
    "admin.users": {"en": "Local accounts", "ru": "Локальные учётные записи", "uz": "Mahalliy hisoblar"},
    "admin.oidc_note": {"en": "People who sign in with the university account get their role from roles.toml "
                              "and are not listed here.",
                        "ru": "Роли тех, кто входит через учётную запись университета, задаёт roles.toml; "
                              "здесь они не перечислены.",
                        "uz": "Universitet hisobi bilan kiruvchilarning roli roles.toml faylida belgilanadi; "
                              "ular bu yerda koʻrsatilmaydi."},
    "admin.no_users": {"en": "No local accounts.", "ru": "Локальных учётных записей нет.",
                       "uz": "Mahalliy hisoblar yoʻq."},
    "admin.col_user": {"en": "User", "ru": "Пользователь", "uz": "Foydalanuvchi"},
    "admin.col_role": {"en": "Role", "ru": "Роль", "uz": "Rol"},
    "admin.col_failures": {"en": "Failed attempts", "ru": "Неудачных попыток", "uz": "Muvaffaqiyatsiz urinishlar"},
    "admin.col_locked": {"en": "Locked until", "ru": "Заблокирован до", "uz": "Bloklangan muddat"},
    "admin.col_time": {"en": "Time (UTC)", "ru": "Время (UTC)", "uz": "Vaqt (UTC)"},
    "admin.col_event": {"en": "Event", "ru": "Событие", "uz": "Hodisa"},
    "admin.col_address": {"en": "Address", "ru": "Адрес", "uz": "Manzil"},
    "admin.col_details": {"en": "Details", "ru": "Подробности", "uz": "Tafsilotlar"},
    "admin.change_role": {"en": "Change role", "ru": "Изменить роль", "uz": "Rolni oʻzgartirish"},
    "admin.unlock": {"en": "Unlock", "ru": "Разблокировать", "uz": "Blokdan chiqarish"},
    "admin.role_changed": {"en": "{name} now has the role: {role}.", "ru": "Роль {name} теперь: {role}.",
                           "uz": "{name} endi shu rolda: {role}."},
    "admin.unlocked": {"en": "{name} can sign in again.", "ru": "{name} снова может войти.",
                       "uz": "{name} yana kira oladi."},
    "admin.not_self": {"en": "You cannot change your own role, so that an administrator always remains.",
                       "ru": "Нельзя изменить собственную роль: администратор должен оставаться всегда.",
                       "uz": "Oʻz rolingizni oʻzgartira olmaysiz: maʼmur doim qolishi kerak."},
    "admin.audit": {"en": "Audit log: the last {n} entries, newest first",
                    "ru": "Журнал аудита: последние {n} записей, новые сверху",
                    "uz": "Audit jurnali: oxirgi {n} ta yozuv, yangilari yuqorida"},
    "admin.no_audit": {"en": "The audit log is empty.", "ru": "Журнал аудита пуст.", "uz": "Audit jurnali boʻsh."},
    # --- Data desk and History (pages/desk.py, pages/history.py, app/desk.py) -------------------
    "desk.demo": {"en": "This is a local, read-only demo: nobody signs in, so uploads are off. To let editors upload "
                        "and publish data, create accounts on the server, for example:",
                  "ru": "Это локальная демонстрация только для чтения: вход не настроен, поэтому загрузка выключена. "
                        "Чтобы редакторы могли загружать и публиковать данные, создайте учётные записи на сервере, "
                        "например:",
                  "uz": "Bu mahalliy, faqat oʻqish uchun namoyish: tizimga kirish sozlanmagan, shuning uchun yuklash "
                        "oʻchirilgan. Muharrirlar maʼlumot yuklab, eʼlon qilishi uchun serverda hisob yarating, "
                        "masalan:"},
    "desk.demo_after": {"en": "Then restart the dashboard and sign in as that editor.",
                        "ru": "Затем перезапустите панель и войдите как этот редактор.",
                        "uz": "Soʻng panelni qayta ishga tushiring va shu muharrir sifatida kiring."},
    "desk.editors_only": {"en": "Only editors and administrators can upload, publish and roll back data.",
                          "ru": "Загружать, публиковать и откатывать данные могут только редакторы и администраторы.",
                          "uz": "Maʼlumotni faqat muharrirlar va maʼmurlar yuklay, eʼlon qila va qaytara oladi."},
    "desk.intro": {"en": "Nothing changes until you publish. The dashboard now shows version {version}.",
                   "ru": "Ничего не изменится, пока вы не опубликуете. Сейчас панель показывает версию {version}.",
                   "uz": "Eʼlon qilmaguningizcha hech narsa oʻzgarmaydi. Panel hozir {version} versiyani koʻrsatadi."},
    "desk.upload": {"en": "Exports to upload (.csv, .tsv, .txt, .xlsx)",
                    "ru": "Выгрузки для загрузки (.csv, .tsv, .txt, .xlsx)",
                    "uz": "Yuklanadigan eksportlar (.csv, .tsv, .txt, .xlsx)"},
    "desk.upload_help": {"en": "Each file replaces the file of the current version that holds the same export.",
                         "ru": "Каждый файл заменяет файл текущей версии с той же выгрузкой.",
                         "uz": "Har bir fayl joriy versiyadagi xuddi shu eksportli faylni almashtiradi."},
    "desk.reading": {"en": "Reading the files…", "ru": "Чтение файлов…", "uz": "Fayllar oʻqilmoqda…"},
    "desk.conflict": {"en": "Someone published a new version meanwhile; look again: the preview now compares "
                            "your files with it. Your uploads and mappings are kept.",
                      "ru": "Тем временем кто-то опубликовал новую версию; проверьте ещё раз: теперь предпросмотр "
                            "сравнивает ваши файлы с ней. Загруженные файлы и сопоставления сохранены.",
                      "uz": "Shu orada kimdir yangi versiyani eʼlon qildi; qayta koʻrib chiqing: endi oldindan koʻrish "
                            "fayllaringizni u bilan solishtiradi. Yuklangan fayllar va moslashlar saqlangan."},
    "desk.nothing_uploaded": {"en": "Upload one or more exports to see how they are read and what they would change.",
                              "ru": "Загрузите одну или несколько выгрузок, чтобы увидеть, как они прочитаны и что "
                                    "изменят.",
                              "uz": "Qanday oʻqilishini va nimani oʻzgartirishini koʻrish uchun bir yoki bir nechta "
                                    "eksport yuklang."},
    "desk.files": {"en": "How each file was read", "ru": "Как прочитан каждый файл", "uz": "Har bir fayl qanday oʻqildi"},
    "desk.taken_for": {"en": "Taken for the export", "ru": "Принят как выгрузка", "uz": "Qaysi eksport sifatida olindi"},
    "desk.not_recognised": {"en": "Not recognised: choose the export this file holds",
                            "ru": "Не распознан: выберите, какую выгрузку содержит файл",
                            "uz": "Aniqlanmadi: fayl qaysi eksportni saqlashini tanlang"},
    "desk.read_as": {"en": "Encoding {encoding} · delimiter {delimiter}", "ru": "Кодировка {encoding} · разделитель "
                     "{delimiter}", "uz": "Kodlash {encoding} · ajratgich {delimiter}"},
    "desk.lines_skipped": {"en": "Lines skipped", "ru": "Пропущено строк", "uz": "Oʻtkazib yuborilgan qatorlar"},
    "desk.mapping": {"en": "What was not understood", "ru": "Что не удалось понять", "uz": "Nima tushunilmadi"},
    "desk.mapping_intro": {"en": "Say what each one means; nothing is guessed. Your answers are saved with the data "
                                 "(mappings.toml) and applied to every later upload.",
                           "ru": "Укажите, что означает каждое; ничего не угадывается. Ответы сохраняются вместе с "
                                 "данными (mappings.toml) и применяются ко всем следующим загрузкам.",
                           "uz": "Har birining maʼnosini koʻrsating; hech narsa taxmin qilinmaydi. Javoblar "
                                 "maʼlumot bilan (mappings.toml) saqlanadi va keyingi yuklashlarga qoʻllanadi."},
    "desk.not_mapped": {"en": "— not mapped —", "ru": "— не сопоставлено —", "uz": "— moslanmagan —"},
    "desk.nothing_to_map": {"en": "Every header, country name and value was understood.",
                            "ru": "Все заголовки, названия стран и значения распознаны.",
                            "uz": "Barcha sarlavhalar, davlat nomlari va qiymatlar tushunildi."},
    "desk.unknown_headers": {"en": "Unknown columns", "ru": "Неизвестные столбцы", "uz": "Nomaʼlum ustunlar"},
    "desk.map_header": {"en": "Column “{header}” ({export}) holds", "ru": "Столбец «{header}» ({export}) содержит",
                        "uz": "“{header}” ustuni ({export}) quyidagini saqlaydi"},
    "desk.unresolved_countries": {"en": "Country names not recognised", "ru": "Нераспознанные названия стран",
                                  "uz": "Aniqlanmagan davlat nomlari"},
    "desk.keep_without_country": {"en": "keep without a country", "ru": "оставить без страны",
                                  "uz": "davlatsiz qoldirish"},
    "desk.map_country": {"en": "“{name}” is", "ru": "«{name}» — это", "uz": "“{name}” bu"},
    "desk.rows": {"en": "{n} row(s)", "ru": "строк: {n}", "uz": "{n} ta qator"},
    "desk.unknown_values": {"en": "Values not understood", "ru": "Нераспознанные значения",
                            "uz": "Tushunilmagan qiymatlar"},
    "desk.map_direction": {"en": "Direction “{value}” means", "ru": "Направление «{value}» означает",
                           "uz": "“{value}” yoʻnalishi quyidagini bildiradi"},
    "desk.map_category": {"en": "Category “{value}” means", "ru": "Категория «{value}» означает",
                          "uz": "“{value}” toifasi quyidagini bildiradi"},
    "desk.mappings_file": {"en": "The mappings that would be published (mappings.toml)",
                           "ru": "Сопоставления, которые будут опубликованы (mappings.toml)",
                           "uz": "Eʼlon qilinadigan moslashlar (mappings.toml)"},
    "desk.changes": {"en": "What would change", "ru": "Что изменится", "uz": "Nima oʻzgaradi"},
    "desk.changes_intro": {"en": "Compared with version {version}, the one the dashboard shows now.",
                           "ru": "В сравнении с версией {version}, которую панель показывает сейчас.",
                           "uz": "Panel hozir koʻrsatayotgan {version} versiya bilan solishtirilgan."},
    "desk.rows_changed": {"en": "Rows added, removed and changed", "ru": "Добавленные, удалённые и изменённые строки",
                          "uz": "Qoʻshilgan, olib tashlangan va oʻzgargan qatorlar"},
    "desk.no_rows_change": {"en": "No row changes.", "ru": "Строки не меняются.", "uz": "Qatorlar oʻzgarmaydi."},
    "desk.kpis_changed": {"en": "Indicators of the latest two years, before → after",
                          "ru": "Показатели двух последних лет, до → после",
                          "uz": "Soʻnggi ikki yil koʻrsatkichlari, oldin → keyin"},
    "desk.only_changed": {"en": "Only indicators that change", "ru": "Только изменившиеся показатели",
                          "uz": "Faqat oʻzgaradigan koʻrsatkichlar"},
    "desk.no_kpis_change": {"en": "No indicator changes.", "ru": "Показатели не меняются.",
                            "uz": "Koʻrsatkichlar oʻzgarmaydi."},
    "desk.col_kpi": {"en": "Indicator", "ru": "Показатель", "uz": "Koʻrsatkich"},
    "desk.col_before": {"en": "Before", "ru": "До", "uz": "Oldin"},
    "desk.col_after": {"en": "After", "ru": "После", "uz": "Keyin"},
    "desk.col_added": {"en": "Added", "ru": "Добавлено", "uz": "Qoʻshilgan"},
    "desk.col_removed": {"en": "Removed", "ru": "Удалено", "uz": "Olib tashlangan"},
    "desk.col_changed": {"en": "Changed", "ru": "Изменено", "uz": "Oʻzgargan"},
    "desk.publish": {"en": "Publish", "ru": "Публикация", "uz": "Eʼlon qilish"},
    "desk.cannot_publish": {"en": "These files cannot be published yet:", "ru": "Эти файлы пока нельзя опубликовать:",
                            "uz": "Bu fayllarni hozircha eʼlon qilib boʻlmaydi:"},
    "desk.excluded_rows": {"en": "{n} row(s) are excluded by errors (listed above) and would not be counted.",
                           "ru": "{n} строк исключено из-за ошибок (см. выше) и не будет учтено.",
                           "uz": "{n} ta qator xatolar tufayli chiqarilgan (yuqorida) va hisobga olinmaydi."},
    "desk.comment": {"en": "Comment (required)", "ru": "Комментарий (обязательно)", "uz": "Izoh (majburiy)"},
    "desk.comment_hint": {"en": "What is this data, and why is it published?",
                          "ru": "Что это за данные и зачем их публикуют?",
                          "uz": "Bu qanday maʼlumot va nega eʼlon qilinmoqda?"},
    "desk.publish_button": {"en": "Publish as a new version", "ru": "Опубликовать как новую версию",
                            "uz": "Yangi versiya sifatida eʼlon qilish"},
    "desk.comment_required": {"en": "Write a comment first.", "ru": "Сначала напишите комментарий.",
                              "uz": "Avval izoh yozing."},
    "desk.refused": {"en": "Not published:", "ru": "Не опубликовано:", "uz": "Eʼlon qilinmadi:"},
    "desk.published": {"en": "Published as version {version}. The dashboard shows it now.",
                       "ru": "Опубликовано как версия {version}. Панель уже показывает её.",
                       "uz": "{version} versiya sifatida eʼlon qilindi. Panel endi uni koʻrsatadi."},
    "history.action_initial": {"en": "First version", "ru": "Первая версия", "uz": "Birinchi versiya"},
    "history.action_publish": {"en": "Published", "ru": "Публикация", "uz": "Eʼlon qilindi"},
    "history.action_rollback": {"en": "Roll back", "ru": "Откат", "uz": "Qaytarish"},
    "history.restored": {"en": "{action} to {version}", "ru": "{action} к {version}", "uz": "{version} ga {action}"},
    "history.col_version": {"en": "Version", "ru": "Версия", "uz": "Versiya"},
    "history.col_time": {"en": "Time (UTC)", "ru": "Время (UTC)", "uz": "Vaqt (UTC)"},
    "history.col_user": {"en": "By", "ru": "Кто", "uz": "Kim"},
    "history.col_action": {"en": "What", "ru": "Что сделано", "uz": "Nima qilindi"},
    "history.col_comment": {"en": "Comment", "ru": "Комментарий", "uz": "Izoh"},
    "history.col_files": {"en": "Files", "ru": "Файлов", "uz": "Fayllar"},
    "history.col_size": {"en": "Size, bytes", "ru": "Размер, байт", "uz": "Hajmi, bayt"},
    "history.current": {"en": "current", "ru": "текущая", "uz": "joriy"},
    "history.compare": {"en": "Difference between two versions", "ru": "Разница между двумя версиями",
                        "uz": "Ikki versiya orasidagi farq"},
    "history.one_version": {"en": "There is one version so far.", "ru": "Пока есть только одна версия.",
                            "uz": "Hozircha bitta versiya bor."},
    "history.older": {"en": "From version", "ru": "От версии", "uz": "Qaysi versiyadan"},
    "history.newer": {"en": "To version", "ru": "До версии", "uz": "Qaysi versiyagacha"},
    "history.same_version": {"en": "Choose two different versions.", "ru": "Выберите две разные версии.",
                             "uz": "Ikki xil versiyani tanlang."},
    "history.one": {"en": "One version", "ru": "Одна версия", "uz": "Bitta versiya"},
    "history.version": {"en": "Version", "ru": "Версия", "uz": "Versiya"},
    "history.report": {"en": "Report of this version", "ru": "Отчёт по этой версии", "uz": "Shu versiya hisoboti"},
    "history.build_report": {"en": "Build the report of version {version}", "ru": "Сформировать отчёт по версии {version}",
                             "uz": "{version} versiya hisobotini tayyorlash"},
    "history.download_report": {"en": "Download a report of version {version}",
                                "ru": "Скачать отчёт по версии {version}",
                                "uz": "{version} versiya hisobotini yuklab olish"},
    "history.rollback": {"en": "Roll back to this version", "ru": "Откатить к этой версии",
                         "uz": "Shu versiyaga qaytarish"},
    "history.is_current": {"en": "Version {version} is the current one.", "ru": "Версия {version} — текущая.",
                           "uz": "{version} versiya joriy versiyadir."},
    "history.rollback_intro": {"en": "A new version is made with the files and mappings of version {version}; "
                                     "version {current} and every other version are kept.",
                               "ru": "Будет создана новая версия с файлами и сопоставлениями версии {version}; "
                                     "версия {current} и все остальные сохранятся.",
                               "uz": "{version} versiya fayllari va moslashlari bilan yangi versiya yaratiladi; "
                                     "{current} versiya va boshqa barcha versiyalar saqlanadi."},
    "history.rollback_confirm": {"en": "Yes, make the data of version {version} current again",
                                 "ru": "Да, снова сделать текущими данные версии {version}",
                                 "uz": "Ha, {version} versiya maʼlumotlarini yana joriy qilish"},
    "history.rollback_button": {"en": "Roll back to version {version}", "ru": "Откатить к версии {version}",
                                "uz": "{version} versiyaga qaytarish"},
    "history.confirm_first": {"en": "Tick the confirmation first.", "ru": "Сначала поставьте отметку подтверждения.",
                              "uz": "Avval tasdiqlash belgisini qoʻying."},
    "history.rolled_back": {"en": "Version {version} restores version {restored}. The dashboard shows it now.",
                            "ru": "Версия {version} восстанавливает версию {restored}. Панель уже показывает её.",
                            "uz": "{version} versiya {restored} versiyani tiklaydi. Panel endi uni koʻrsatadi."},
    # --- more table columns: every column id of metrics.breakdowns, metrics.kpis.kpi_table and the
    # data contract (metrics.schema) has a heading, so a table never shows a raw id like "Kpi" ----
    "col.kpi": {"en": "KPI code", "ru": "Код показателя", "uz": "Koʻrsatkich kodi"},
    "col.actual": {"en": "Actual", "ru": "Факт", "uz": "Amalda"},
    "col.higher_is_better": {"en": "Higher is better", "ru": "Чем больше, тем лучше", "uz": "Koʻp boʻlgani yaxshi"},
    "col.source": {"en": "Source", "ru": "Источник", "uz": "Manba"},
    "col.version": {"en": "Data version", "ru": "Версия данных", "uz": "Maʼlumotlar versiyasi"},
    "col.sha256": {"en": "SHA-256", "ru": "SHA-256", "uz": "SHA-256"},
    "col.delimiter": {"en": "Delimiter", "ru": "Разделитель", "uz": "Ajratgich"},
    "col.city": {"en": "City", "ru": "Город", "uz": "Shahar"},
    "col.fields": {"en": "Fields", "ru": "Направления", "uz": "Yoʻnalishlar"},
    "col.agreement": {"en": "Agreement", "ru": "Соглашение", "uz": "Shartnoma"},
    "col.in_force": {"en": "In force", "ru": "Действует", "uz": "Amalda"},
    "col.start_year": {"en": "Start", "ru": "Начало", "uz": "Boshlanish"},
    "col.end_year": {"en": "End", "ru": "Окончание", "uz": "Tugash"},
    "col.people": {"en": "People", "ru": "Человек", "uz": "Kishi"},
    "col.date": {"en": "Date", "ru": "Дата", "uz": "Sana"},
    "col.international": {"en": "From abroad", "ru": "Зарубежные", "uz": "Xorijdan"},
    "col.countries": {"en": "Countries", "ru": "Страны", "uz": "Davlatlar"},
    "col.n_countries": {"en": "Number of countries", "ru": "Число стран", "uz": "Davlatlar soni"},
    "col.all_students": {"en": "All students", "ru": "Всего студентов", "uz": "Jami talabalar"},
    "col.total_students": {"en": "All students", "ru": "Всего студентов", "uz": "Jami talabalar"},
    "col.foreign_students": {"en": "Foreign students", "ru": "Иностранные студенты", "uz": "Xorijiy talabalar"},
    "col.new_foreign_students": {"en": "New foreign students", "ru": "Новые иностранные студенты",
                                 "uz": "Yangi xorijiy talabalar"},
    "col.international_events": {"en": "International events", "ru": "Международные мероприятия",
                                  "uz": "Xalqaro tadbirlar"},
    "col.awards": {"en": "Awards", "ru": "Присвоено званий", "uz": "Berilgan unvonlar"},
    "col.citizenship": {"en": "Citizenship", "ru": "Гражданство", "uz": "Fuqarolik"},
    "col.citizenship_raw": {"en": "Citizenship as written", "ru": "Гражданство в файле", "uz": "Fayldagi fuqarolik"},
    "col.cumulative": {"en": "Cumulative", "ru": "Нарастающим итогом", "uz": "Jamlanma"},
    "col.running": {"en": "Running", "ru": "Реализуются", "uz": "Amalda"},
    "col.expiry_month": {"en": "Month of expiry", "ru": "Месяц окончания", "uz": "Tugash oyi"},
    "col.expiry_year": {"en": "Year of expiry", "ru": "Год окончания", "uz": "Tugash yili"},
    "col.growth_pct": {"en": "Growth, %", "ru": "Рост, %", "uz": "Oʻsish, %"},
    "col.group": {"en": "Group", "ru": "Группа", "uz": "Guruh"},
    "col.sex": {"en": "Sex", "ru": "Пол", "uz": "Jinsi"},
    "col.student_id": {"en": "Student ID", "ru": "Номер студента", "uz": "Talaba raqami"},
    "col.affiliation": {"en": "Affiliation", "ru": "Организация", "uz": "Tashkilot"},
    "col.fte": {"en": "Full-time equivalent", "ru": "Ставки (FTE)", "uz": "Shtat birligi (FTE)"},
    "col.partner_id": {"en": "Partner ID", "ru": "Код партнёра", "uz": "Hamkor kodi"},
    "col.purpose": {"en": "Purpose", "ru": "Цель поездки", "uz": "Safar maqsadi"},
    "col.names": {"en": "Names", "ru": "Названия", "uz": "Nomlar"},
    # --- units of a KPI (metrics.catalogue.UNITS) ---------------------------------------------------
    "unit.count": {"en": "number", "ru": "кол-во", "uz": "soni"},
    "unit.percent": {"en": "%", "ru": "%", "uz": "%"},
    "unit.ratio": {"en": "ratio", "ru": "коэфф.", "uz": "nisbat"},
    "unit.index": {"en": "index", "ru": "индекс", "uz": "indeks"},
    # --- the fixed data vocabulary: words the data contract itself writes in English ----------------
    "value.unknown": {"en": "Unknown", "ru": "Не указано", "uz": "Nomaʼlum"},
    "value.other": {"en": "Other", "ru": "Прочие", "uz": "Boshqalar"},
    "level.bachelor": {"en": "Bachelor", "ru": "Бакалавриат", "uz": "Bakalavriat"},
    "level.master": {"en": "Master", "ru": "Магистратура", "uz": "Magistratura"},
    "level.phd": {"en": "PhD", "ru": "Докторантура (PhD)", "uz": "Doktorantura (PhD)"},
    "level.residency": {"en": "Residency", "ru": "Ординатура", "uz": "Klinik ordinatura"},
    "type.university": {"en": "University", "ru": "Университет", "uz": "Universitet"},
    "type.hospital": {"en": "Hospital", "ru": "Клиника", "uz": "Klinika"},
    "type.research centre": {"en": "Research centre", "ru": "Научный центр", "uz": "Ilmiy markaz"},
    "type.society": {"en": "Society", "ru": "Общество", "uz": "Jamiyat"},
    "type.professional society": {"en": "Professional society", "ru": "Профессиональное общество",
                                  "uz": "Kasbiy jamiyat"},
    "type.agency": {"en": "Agency", "ru": "Агентство", "uz": "Agentlik"},
    "type.foundation": {"en": "Foundation", "ru": "Фонд", "uz": "Jamgʻarma"},
    "type.double": {"en": "Double degree", "ru": "Двойной диплом", "uz": "Ikki diplomli"},
    "type.joint": {"en": "Joint degree", "ru": "Совместная программа", "uz": "Qoʻshma dastur"},
    "type.conference": {"en": "Conference", "ru": "Конференция", "uz": "Konferensiya"},
    "type.congress": {"en": "Congress", "ru": "Конгресс", "uz": "Kongress"},
    "type.symposium": {"en": "Symposium", "ru": "Симпозиум", "uz": "Simpozium"},
    "type.workshop": {"en": "Workshop", "ru": "Семинар-практикум", "uz": "Amaliy seminar"},
    "type.master-class": {"en": "Master class", "ru": "Мастер-класс", "uz": "Mahorat darsi"},
    "type.school": {"en": "School", "ru": "Школа", "uz": "Maktab"},
    "type.round table": {"en": "Round table", "ru": "Круглый стол", "uz": "Davra suhbati"},
    "type.webinar": {"en": "Webinar", "ru": "Вебинар", "uz": "Vebinar"},
    "field.education": {"en": "Education", "ru": "Образование", "uz": "Taʼlim"},
    "field.research": {"en": "Research", "ru": "Наука", "uz": "Ilmiy tadqiqot"},
    "field.patient care": {"en": "Patient care", "ru": "Лечебная работа", "uz": "Davolash ishi"},
    "purpose.study": {"en": "Study", "ru": "Обучение", "uz": "Oʻqish"},
    "purpose.internship": {"en": "Internship", "ru": "Стажировка", "uz": "Amaliyot"},
    "purpose.research": {"en": "Research", "ru": "Научная работа", "uz": "Ilmiy ish"},
    "purpose.teaching": {"en": "Teaching", "ru": "Преподавание", "uz": "Dars berish"},
    "purpose.conference": {"en": "Conference", "ru": "Конференция", "uz": "Konferensiya"},
    "purpose.professional development": {"en": "Professional development", "ru": "Повышение квалификации",
                                         "uz": "Malaka oshirish"},
    "sex.F": {"en": "Female", "ru": "Женский", "uz": "Ayol"},
    "sex.M": {"en": "Male", "ru": "Мужской", "uz": "Erkak"},
    "enrolment.new": {"en": "New", "ru": "Новый", "uz": "Yangi"},
    "enrolment.continuing": {"en": "Continuing", "ru": "Продолжает обучение", "uz": "Oʻqishni davom ettirmoqda"},
    "enrolment.graduated": {"en": "Graduated", "ru": "Выпускник", "uz": "Bitirgan"},
    "enrolment.expelled": {"en": "Expelled", "ru": "Отчислен", "uz": "Chetlashtirilgan"},
    "enrolment.withdrawn": {"en": "Withdrawn", "ru": "Выбыл", "uz": "Oʻqishni tark etgan"},
    # --- documents: the annual report (reports/) ----------------------------------------------------
    "report.title": {"en": "International cooperation report", "ru": "Отчёт о международном сотрудничестве",
                     "uz": "Xalqaro hamkorlik boʻyicha hisobot"},
    "report.academic_year": {"en": "Academic year", "ru": "Учебный год", "uz": "Oʻquv yili"},
    "report.years": {"en": "Years", "ru": "Годы", "uz": "Yillar"},
    "report.period": {"en": "Period", "ru": "Период", "uz": "Davr"},
    "report.generated": {"en": "Generated", "ru": "Сформирован", "uz": "Yaratilgan"},
    "report.prepared_for": {"en": "For accreditation and the rectorate", "ru": "Для аккредитации и ректората",
                            "uz": "Akkreditatsiya va rektorat uchun"},
    "report.suppression_note": {
        "en": "Counts from 1 to {m} are shown as <{n} to protect privacy; totals are exact.",
        "ru": "Значения от 1 до {m} показаны как <{n} для защиты персональных данных; итоги точные.",
        "uz": "Shaxsiy maʼlumotlarni himoya qilish uchun 1 dan {m} gacha boʻlgan sonlar <{n} koʻrinishida berilgan; "
              "jami qiymatlar aniq."},
    "report.summary": {"en": "Summary", "ru": "Краткие итоги", "uz": "Qisqacha xulosa"},
    "report.kpis": {"en": "Key performance indicators", "ru": "Ключевые показатели", "uz": "Asosiy koʻrsatkichlar"},
    "report.kpi_sheet": {"en": "KPIs", "ru": "Показатели", "uz": "Koʻrsatkichlar"},
    "report.trend": {"en": "Indicators over the years", "ru": "Динамика показателей", "uz": "Koʻrsatkichlar dinamikasi"},
    "report.trend_sheet": {"en": "Trend", "ru": "Динамика", "uz": "Dinamika"},
    "report.definitions": {"en": "Definitions and data sources", "ru": "Определения и источники данных",
                           "uz": "Taʼriflar va maʼlumot manbalari"},
    "report.definitions_sheet": {"en": "Definitions", "ru": "Определения", "uz": "Taʼriflar"},
    "report.provenance": {"en": "Data files used", "ru": "Использованные файлы данных",
                          "uz": "Foydalanilgan maʼlumot fayllari"},
    "report.about": {"en": "About this report", "ru": "Об отчёте", "uz": "Hisobot haqida"},
    "report.contents": {"en": "Contents", "ru": "Содержание", "uz": "Mundarija"},
    "report.page": {"en": "Page", "ru": "Стр.", "uz": "Bet"},
    "report.no_data": {"en": "No data for this year.", "ru": "Нет данных за этот год.",
                       "uz": "Bu yil uchun maʼlumot yoʻq."},
    "report.chart_unavailable": {"en": "Chart not drawn: {reason}", "ru": "Диаграмма не построена: {reason}",
                                 "uz": "Diagramma chizilmadi: {reason}"},
    "report.col_item": {"en": "Item", "ru": "Параметр", "uz": "Parametr"},
    "report.col_detail": {"en": "Value", "ru": "Значение", "uz": "Qiymat"},
    "report.university": {"en": "University", "ru": "Университет", "uz": "Universitet"},
    "report.suppress_small": {"en": "Small counts suppressed below", "ru": "Малые значения скрыты ниже",
                              "uz": "Kichik sonlar yashirilgan (chegara)"},
    "report.none": {"en": "none", "ru": "нет", "uz": "yoʻq"},
    "report.errors_warnings": {"en": "errors: {e}, warnings: {w}", "ru": "ошибок: {e}, предупреждений: {w}",
                               "uz": "xatolar: {e}, ogohlantirishlar: {w}"},
    "report.validation_issues": {"en": "Validation records", "ru": "Записи проверки данных",
                                 "uz": "Tekshiruv yozuvlari"},
    "report.yes": {"en": "yes", "ru": "да", "uz": "ha"},
    "report.no": {"en": "no", "ru": "нет", "uz": "yoʻq"},
}


# ----------------------------------------------------------------------------------------- lookup

def check_lang(lang: str | None) -> str:
    """``lang`` as one of `LANGUAGES` (case-insensitive; None gives the default); ValueError otherwise."""
    code = (lang or DEFAULT_LANGUAGE).strip().lower() if isinstance(lang, str) or lang is None else lang
    if code not in LANGUAGES:
        raise ValueError(f"Unknown language {lang!r}: use one of {', '.join(LANGUAGES)}.")
    return code


def t(key: str, lang: str = DEFAULT_LANGUAGE, **kwargs: object) -> str:
    """The label ``key`` in ``lang``, its ``{placeholders}`` filled from ``kwargs``.

    KeyError for a key not in `LABELS`, ValueError for a language not in `LANGUAGES`.
    """
    lang = check_lang(lang)
    try:
        entry = LABELS[key]
    except KeyError:
        raise KeyError(f"no label {key!r} in metrics.vocabulary.LABELS") from None
    text = entry[lang]
    return text.format(**kwargs) if kwargs else text


def _label(key: str, lang: str) -> str | None:
    entry = LABELS.get(key)
    return entry[check_lang(lang)] if entry is not None else None


# ----------------------------------------------------------------------------------------- numbers

def present(value: object) -> bool:
    """False for a missing value: None, NaN, pd.NA, pd.NaT (and numpy's NaN/NaT); True otherwise."""
    if value is None:
        return False
    if type(value).__name__ in ("NAType", "NaTType"):
        return False
    try:
        return not bool(value != value)  # NaN and NaT differ from themselves
    except (TypeError, ValueError):  # pd.NA-like: its comparisons are NA, and bool(NA) raises
        return False


def _float(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _digits(magnitude: float, lang: str, decimals: int) -> str:
    """A non-negative number with the language's separators: 3 027, 2.60 (en) / 2,60 (ru, uz)."""
    text = f"{magnitude:,.{int(decimals)}f}"
    decimal = "." if lang == "en" else ","
    return text.replace(",", "\x00").replace(".", decimal).replace("\x00", NARROW_NBSP)


def number(value: object, lang: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    """3027 → '3 027' (U+202F); 2.5977 with 2 decimals → '2.60' (en), '2,60' (ru, uz); missing → '—'.

    Text that is not a number is returned as it is.
    """
    lang = check_lang(lang)
    if not present(value):
        return MISSING
    x = _float(value)
    if x is None:
        return str(value)
    if round(abs(x), int(decimals)) == 0:
        x = 0.0  # no "-0"
    return ("-" if x < 0 else "") + _digits(abs(x), lang, decimals)


def _percent_sign(lang: str) -> str:
    return "%" if lang == "en" else NBSP + "%"


def percent(value: object, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """A percentage: '22.8%' (en), '22,8 %' (ru, uz; U+00A0 before %); missing → '—'."""
    lang = check_lang(lang)
    if not present(value) or _float(value) is None:
        return number(value, lang, decimals)
    return number(value, lang, decimals) + _percent_sign(lang)


PERCENT_UNITS = ("percent", "%", "pct", "share", "ratio_pct")


def _unit(unit: object) -> str | None:
    if not isinstance(unit, str):
        return None
    name = unit.strip().lower()
    return "percent" if name in PERCENT_UNITS else name


def kpi_value(value: object, unit: str | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A KPI value in its unit: count whole ('3 027'), percent one decimal with % ('22.8%'), ratio/index 2 decimals."""
    lang = check_lang(lang)
    if not present(value):
        return MISSING
    unit = _unit(unit)
    if unit == "count":
        return number(value, lang, 0)
    if unit == "percent":
        return percent(value, lang, 1)
    return number(value, lang, 2)


POINTS = {"en": "pp", "ru": "п.п.", "uz": "f.p."}  # percentage points


def _signed(magnitude_text: str, x: float, rounded_zero: bool) -> str:
    # ASCII "-": st.metric reads a leading "-" as a fall
    sign = "" if rounded_zero else ("+" if x > 0 else "-" if x < 0 else "")
    return sign + magnitude_text


def kpi_change(change: object, unit: str | None, lang: str = DEFAULT_LANGUAGE) -> str | None:
    """Signed change against the previous year: '+382', '+3.2 pp' (en), '+3,2 п.п.' (ru), '+3,2 f.p.' (uz).

    A fall starts with an ASCII '-' (st.metric needs it); None when the change is not known.
    """
    lang = check_lang(lang)
    if not present(change):
        return None
    x = _float(change)
    if x is None:
        return None
    unit = _unit(unit)
    decimals = 0 if unit == "count" else 1 if unit == "percent" else 2
    text = _digits(abs(x), lang, decimals)
    if unit == "percent":
        text += " " + POINTS[lang]
    return _signed(text, x, round(abs(x), decimals) == 0)


def change_percent(value: object, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """A signed relative change: '+27.3%' (en), '-5,0 %' (ru, uz); missing → '—'."""
    lang = check_lang(lang)
    if not present(value):
        return MISSING
    x = _float(value)
    if x is None:
        return str(value)
    return _signed(_digits(abs(x), lang, decimals) + _percent_sign(lang), x, round(abs(x), decimals) == 0)


def date_text(value: object, lang: str = DEFAULT_LANGUAGE) -> str:
    """A date: '2026-12-10' (en, ISO), '10.12.2026' (ru, uz).

    Takes a date, a datetime, a pandas Timestamp or an ISO string; missing → '—'; other text unchanged.
    """
    lang = check_lang(lang)
    if not present(value):
        return MISSING
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return MISSING
        try:
            day = _dt.date.fromisoformat(text[:10])
        except ValueError:
            return value
    elif isinstance(value, _dt.datetime):  # pandas' Timestamp is a datetime
        day = value.date()
    elif isinstance(value, _dt.date):
        day = value
    elif hasattr(value, "astype") and hasattr(value, "dtype"):  # numpy datetime64
        return date_text(str(value)[:10], lang)
    else:
        return str(value)
    return day.isoformat() if lang == "en" else day.strftime("%d.%m.%Y")


def academic_year_label(year: object) -> str:
    """The academic year starting in ``year``: 2024 → '2024/25'; missing → '—'."""
    if not present(year):
        return MISSING
    year = int(year)  # type: ignore[call-overload]
    return f"{year}/{(year + 1) % 100:02d}"


# ----------------------------------------------------------------------------------------- words

def unit_label(unit: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A KPI unit for a table: count → 'number' / 'кол-во' / 'soni'; percent → '%'; ratio; index."""
    name = _unit(unit)
    return _label(f"unit.{name}", lang) or str(unit)


STATUS_ALIASES = {"behind": "off_track", "off": "off_track", "on": "on_track", "none": "no_target"}


def status_label(status: object, lang: str = DEFAULT_LANGUAGE) -> str:
    """A KPI status (met, on track, at risk, off track, no target, no data) in ``lang``; '' when missing."""
    if not present(status):
        return ""
    key = str(status).strip().lower().replace(" ", "_").replace("-", "_")
    key = STATUS_ALIASES.get(key, key)
    return _label(f"status.{key}", lang) or str(status).replace("_", " ")


def region_label(region: object, lang: str = DEFAULT_LANGUAGE) -> str:
    """A continent, sub-region or 'CIS' in ``lang``; unknown regions are shown as given."""
    if not present(region):
        return t("region.Unknown", lang)
    return _label(f"region.{region}", lang) or str(region)


def column_label(column: object, lang: str = DEFAULT_LANGUAGE) -> str:
    """The heading of a data column id (country, change_pct, kpi ...) in ``lang``.

    Every column id the metrics produce has a label; an id without one is humanised
    ('days_to_go' → 'Days to go').
    """
    name = str(column)
    return _label(f"col.{name}", lang) or name.replace("_", " ").strip().capitalize()


_VALUE_KEYS = {"direction": "direction", "category": "category", "level": "level", "type": "type",
               "field": "field", "fields": "field", "purpose": "purpose", "study_form": "study_form",
               "funding": "funding", "stage": "stage"}


def _value_key(column: str, value: str) -> str | None:
    text = value.strip()
    folded = text.lower()
    if folded in ("unknown",):
        return "value.unknown"
    if folded in ("other",):
        return "value.other"
    if column in _VALUE_KEYS:
        return f"{_VALUE_KEYS[column]}.{folded}"
    if column == "sex":
        return f"sex.{text.upper()}"
    if column == "status":
        status = STATUS_ALIASES.get(folded.replace(" ", "_"), folded.replace(" ", "_"))
        return f"status.{status}" if f"status.{status}" in LABELS else f"enrolment.{folded}"
    if column in ("continent", "region", "group"):
        return f"region.{text}"
    return None


def data_value_label(column: str, value: object, lang: str = DEFAULT_LANGUAGE) -> object:
    """A value of the fixed data vocabulary in ``lang``; any other value is returned unchanged.

    The fixed vocabulary is the data contract's own English words: direction in/out, category
    student/staff, the 'Unknown'/'Other' buckets of `metrics.breakdowns`, level of study
    (bachelor, master, phd, residency), partner/program/event type (university, hospital,
    double, joint, conference ...), partner fields, mobility purpose, sex F/M, enrolment status
    and KPI status, continents/regions. The university's own words (faculty, partner names) are
    never translated. ``fields`` may hold several values separated by ';'.
    """
    lang = check_lang(lang)
    if not isinstance(value, str) or not value.strip():
        return value
    column = str(column)
    if column == "fields" and ";" in value:
        return "; ".join(str(data_value_label("field", part, lang)) for part in value.split(";") if part.strip())
    key = _value_key(column, value)
    if key is None:
        return value
    return _label(key, lang) or value


# ----------------------------------------------------------------------------------------- messages

def issue_message(code: str, params: dict, fallback: str, lang: str) -> str:
    """A validation record's message in ``lang``, from its code and values; the English text otherwise."""
    if lang == DEFAULT_LANGUAGE or lang not in LANGUAGES or f"issue.{code}" not in LABELS:
        return fallback
    values = dict(params)
    if "kind" in values:
        kind = values.pop("kind")
        values["expected"] = t(f"kind.{kind}", lang) if f"kind.{kind}" in LABELS else str(kind)
    if code == "more_rows":
        values = {"n": values["n"], "message": issue_message(str(values["code"]), dict(values["params"]),
                                                             str(values["message"]), lang)}
    try:
        return t(f"issue.{code}", lang, **values)
    except (KeyError, IndexError):
        return fallback


def unavailable_label(reason, lang: str) -> str:
    """Why a KPI or a part of a page has no value (a metrics.engine.Unavailable) in ``lang``, as plain text."""
    key = f"kpi_na.{reason.code}"
    if key not in LABELS:
        return reason.message
    return t(key, lang, export=reason.export, columns=", ".join(reason.columns), file=reason.file)
