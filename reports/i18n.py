"""Report labels in English, Russian and Uzbek (Latin script), and number formatting."""

from __future__ import annotations

import math

LANGS = ("en", "ru", "uz")

LABELS: dict[str, dict[str, str]] = {
    "report_title": {
        "en": "International cooperation report",
        "ru": "Отчёт о международном сотрудничестве",
        "uz": "Xalqaro hamkorlik bo‘yicha hisobot",
    },
    "academic_year": {"en": "Academic year", "ru": "Учебный год", "uz": "O‘quv yili"},
    "years": {"en": "Years", "ru": "Годы", "uz": "Yillar"},
    "home_country": {"en": "Home country", "ru": "Страна вуза", "uz": "OTM mamlakati"},
    "generated": {"en": "Generated", "ru": "Сформирован", "uz": "Yaratilgan"},
    "prepared_for": {
        "en": "For accreditation and the rectorate",
        "ru": "Для аккредитации и ректората",
        "uz": "Akkreditatsiya va rektorat uchun",
    },
    "suppression_note": {
        "en": "Counts from 1 to {m} are shown as <{n} to protect privacy; totals are exact.",
        "ru": "Значения от 1 до {m} показаны как <{n} для защиты персональных данных; итоги точные.",
        "uz": "Shaxsiy ma’lumotlarni himoya qilish uchun 1 dan {m} gacha bo‘lgan sonlar <{n} ko‘rinishida berilgan; jami qiymatlar aniq.",
    },
    "summary": {"en": "Summary", "ru": "Краткие итоги", "uz": "Qisqacha xulosa"},
    "kpis": {"en": "Key performance indicators", "ru": "Ключевые показатели", "uz": "Asosiy ko‘rsatkichlar"},
    "kpi_sheet": {"en": "KPIs", "ru": "Показатели", "uz": "Ko‘rsatkichlar"},
    "trend": {"en": "Indicators over the years", "ru": "Динамика показателей", "uz": "Ko‘rsatkichlar dinamikasi"},
    "trend_sheet": {"en": "Trend", "ru": "Динамика", "uz": "Dinamika"},
    "definitions": {
        "en": "Definitions and data sources",
        "ru": "Определения и источники данных",
        "uz": "Ta’riflar va ma’lumot manbalari",
    },
    "definitions_sheet": {"en": "Definitions", "ru": "Определения", "uz": "Ta’riflar"},
    "provenance": {"en": "Data files used", "ru": "Использованные файлы данных", "uz": "Foydalanilgan ma’lumot fayllari"},
    "about": {"en": "About this report", "ru": "Об отчёте", "uz": "Hisobot haqida"},
    "contents": {"en": "Contents", "ru": "Содержание", "uz": "Mundarija"},
    "page": {"en": "Page", "ru": "Стр.", "uz": "Bet"},
    "more_rows": {
        "en": "… and {n} more rows (see the Excel workbook).",
        "ru": "… и ещё {n} строк (см. книгу Excel).",
        "uz": "… va yana {n} qator (Excel faylida).",
    },
    "no_data": {"en": "No data for this year.", "ru": "Нет данных за этот год.", "uz": "Bu yil uchun ma’lumot yo‘q."},
    "chart_unavailable": {
        "en": "Chart not drawn: {reason}",
        "ru": "Диаграмма не построена: {reason}",
        "uz": "Diagramma chizilmadi: {reason}",
    },
    "total": {"en": "Total", "ru": "Итого", "uz": "Jami"},
    "other": {"en": "Other", "ru": "Прочие", "uz": "Boshqalar"},
    "other_countries": {"en": "Other countries", "ru": "Прочие страны", "uz": "Boshqa mamlakatlar"},
    "unknown": {"en": "Not stated", "ru": "Не указано", "uz": "Ko‘rsatilmagan"},
    # KPI table columns
    "col_kpi": {"en": "Indicator", "ru": "Показатель", "uz": "Ko‘rsatkich"},
    "col_id": {"en": "ID", "ru": "Код", "uz": "Kod"},
    "col_unit": {"en": "Unit", "ru": "Ед.", "uz": "Birlik"},
    "col_value": {"en": "Actual", "ru": "Факт", "uz": "Amalda"},
    "col_previous": {"en": "Previous year", "ru": "Пред. год", "uz": "O‘tgan yil"},
    "col_change": {"en": "Change", "ru": "Изменение", "uz": "O‘zgarish"},
    "col_change_pct": {"en": "Change, %", "ru": "Изменение, %", "uz": "O‘zgarish, %"},
    "col_target": {"en": "Target", "ru": "План", "uz": "Reja"},
    "col_gap": {"en": "Gap to target", "ru": "Отклонение от плана", "uz": "Rejadan farq"},
    "col_status": {"en": "Status", "ru": "Статус", "uz": "Holat"},
    "col_definition": {"en": "Definition", "ru": "Определение", "uz": "Ta’rif"},
    "col_source": {"en": "Source", "ru": "Источник", "uz": "Manba"},
    "col_higher": {"en": "Higher is better", "ru": "Чем больше, тем лучше", "uz": "Ko‘p bo‘lgani yaxshi"},
    "col_year": {"en": "Year", "ru": "Год", "uz": "Yil"},
    # provenance columns
    "col_version": {"en": "Data version", "ru": "Версия данных", "uz": "Ma’lumotlar versiyasi"},
    "col_export": {"en": "Export", "ru": "Выгрузка", "uz": "Eksport"},
    "col_file": {"en": "File", "ru": "Файл", "uz": "Fayl"},
    "col_sha256": {"en": "SHA-256", "ru": "SHA-256", "uz": "SHA-256"},
    "col_encoding": {"en": "Encoding", "ru": "Кодировка", "uz": "Kodlash"},
    "col_delimiter": {"en": "Delimiter", "ru": "Разделитель", "uz": "Ajratgich"},
    "col_rows_read": {"en": "Rows read", "ru": "Строк прочитано", "uz": "O‘qilgan qatorlar"},
    "col_rows_loaded": {"en": "Rows loaded", "ru": "Строк загружено", "uz": "Yuklangan qatorlar"},
    "col_rows_excluded": {"en": "Rows excluded", "ru": "Строк исключено", "uz": "Chiqarilgan qatorlar"},
    "col_skipped": {"en": "Lines skipped", "ru": "Строк пропущено", "uz": "O‘tkazilgan qatorlar"},
    "col_item": {"en": "Item", "ru": "Параметр", "uz": "Parametr"},
    "col_detail": {"en": "Value", "ru": "Значение", "uz": "Qiymat"},
    "university": {"en": "University", "ru": "Университет", "uz": "Universitet"},
    "report_years": {"en": "Period", "ru": "Период", "uz": "Davr"},
    "suppress_small": {"en": "Small counts suppressed below", "ru": "Малые значения скрыты ниже",
                       "uz": "Kichik sonlar yashirilgan (chegara)"},
    "none": {"en": "none", "ru": "нет", "uz": "yo‘q"},
    "errors_warnings": {"en": "errors: {e}, warnings: {w}", "ru": "ошибок: {e}, предупреждений: {w}",
                        "uz": "xatolar: {e}, ogohlantirishlar: {w}"},
    "validation_issues": {"en": "Validation records", "ru": "Записи проверки данных", "uz": "Tekshiruv yozuvlari"},
    # status words
    "status_met": {"en": "met", "ru": "выполнен", "uz": "bajarildi"},
    "status_on_track": {"en": "on track", "ru": "в норме", "uz": "me’yorda"},
    "status_at_risk": {"en": "at risk", "ru": "под угрозой", "uz": "xavf ostida"},
    "status_behind": {"en": "behind", "ru": "отставание", "uz": "ortda"},
    "status_no_target": {"en": "no target", "ru": "нет плана", "uz": "reja yo‘q"},
    "status_no_data": {"en": "no data", "ru": "нет данных", "uz": "ma’lumot yo‘q"},
    "yes": {"en": "yes", "ru": "да", "uz": "ha"},
    "no": {"en": "no", "ru": "нет", "uz": "yo‘q"},
    # sections
    "sec_students": {
        "en": "Foreign students by country and level",
        "ru": "Иностранные студенты по странам и уровням обучения",
        "uz": "Xorijiy talabalar mamlakatlar va ta’lim darajalari bo‘yicha",
    },
    "sheet_students": {"en": "Foreign students", "ru": "Иностранные студенты", "uz": "Xorijiy talabalar"},
    "sec_partners": {"en": "Partner institutions", "ru": "Партнёрские организации", "uz": "Hamkor tashkilotlar"},
    "sheet_partners": {"en": "Partners", "ru": "Партнёры", "uz": "Hamkorlar"},
    "sec_programs": {
        "en": "Joint and double-degree programs",
        "ru": "Совместные образовательные программы и программы двух дипломов",
        "uz": "Qo‘shma va ikki diplomli ta’lim dasturlari",
    },
    "sheet_programs": {"en": "Joint programs", "ru": "Совместные программы", "uz": "Qo‘shma dasturlar"},
    "sec_mobility": {
        "en": "Academic mobility by country and direction",
        "ru": "Академическая мобильность по странам и направлениям",
        "uz": "Akademik mobillik mamlakatlar va yo‘nalishlar bo‘yicha",
    },
    "sheet_mobility": {"en": "Mobility", "ru": "Мобильность", "uz": "Mobillik"},
    "sec_events": {
        "en": "International scientific events",
        "ru": "Международные научные мероприятия",
        "uz": "Xalqaro ilmiy tadbirlar",
    },
    "sheet_events": {"en": "Events", "ru": "Мероприятия", "uz": "Tadbirlar"},
    "sec_grants": {
        "en": "Grant projects with foreign partners",
        "ru": "Грантовые проекты с зарубежными партнёрами",
        "uz": "Xorijiy hamkorlar bilan grant loyihalari",
    },
    "sheet_grants": {"en": "Grants", "ru": "Гранты", "uz": "Grantlar"},
    # breakdown columns
    "col_country": {"en": "Country", "ru": "Страна", "uz": "Mamlakat"},
    "col_country_code": {"en": "ISO3", "ru": "ISO3", "uz": "ISO3"},
    "col_continent": {"en": "Region", "ru": "Регион", "uz": "Mintaqa"},
    "col_level": {"en": "Level", "ru": "Уровень", "uz": "Daraja"},
    "col_students": {"en": "Students", "ru": "Студенты", "uz": "Talabalar"},
    "col_share": {"en": "Share, %", "ru": "Доля, %", "uz": "Ulush, %"},
    "col_partner": {"en": "Partner", "ru": "Партнёр", "uz": "Hamkor"},
    "col_city": {"en": "City", "ru": "Город", "uz": "Shahar"},
    "col_type": {"en": "Type", "ru": "Тип", "uz": "Turi"},
    "col_fields": {"en": "Fields", "ru": "Направления", "uz": "Sohalar"},
    "col_agreement": {"en": "Agreement", "ru": "Соглашение", "uz": "Shartnoma"},
    "col_signed": {"en": "Signed", "ru": "Подписано", "uz": "Imzolangan"},
    "col_expires": {"en": "Expires", "ru": "Действует до", "uz": "Amal qilish muddati"},
    "col_active": {"en": "Active", "ru": "Действует", "uz": "Amalda"},
    "col_program": {"en": "Program", "ru": "Программа", "uz": "Dastur"},
    "col_start_year": {"en": "Start", "ru": "Начало", "uz": "Boshlanish"},
    "col_end_year": {"en": "End", "ru": "Окончание", "uz": "Tugash"},
    "col_graduates": {"en": "Graduates", "ru": "Выпускники", "uz": "Bitiruvchilar"},
    "col_direction": {"en": "Direction", "ru": "Направление", "uz": "Yo‘nalish"},
    "col_category": {"en": "Category", "ru": "Категория", "uz": "Toifa"},
    "col_inbound": {"en": "Inbound", "ru": "Входящая", "uz": "Kiruvchi"},
    "col_outbound": {"en": "Outbound", "ru": "Исходящая", "uz": "Chiquvchi"},
    "col_in_students": {"en": "Inbound students", "ru": "Входящие студенты", "uz": "Kiruvchi talabalar"},
    "col_in_staff": {"en": "Inbound staff", "ru": "Входящие сотрудники", "uz": "Kiruvchi xodimlar"},
    "col_out_students": {"en": "Outbound students", "ru": "Исходящие студенты", "uz": "Chiquvchi talabalar"},
    "col_out_staff": {"en": "Outbound staff", "ru": "Исходящие сотрудники", "uz": "Chiquvchi xodimlar"},
    "col_people": {"en": "People", "ru": "Человек", "uz": "Kishi"},
    "col_event": {"en": "Event", "ru": "Мероприятие", "uz": "Tadbir"},
    "col_date": {"en": "Date", "ru": "Дата", "uz": "Sana"},
    "col_participants": {"en": "Participants", "ru": "Участники", "uz": "Ishtirokchilar"},
    "col_international": {"en": "From abroad", "ru": "Зарубежные", "uz": "Xorijdan"},
    "col_countries": {"en": "Countries", "ru": "Страны", "uz": "Mamlakatlar"},
    "col_n_countries": {"en": "Number of countries", "ru": "Число стран", "uz": "Mamlakatlar soni"},
    "col_grant": {"en": "Project", "ru": "Проект", "uz": "Loyiha"},
    "col_funder": {"en": "Funder", "ru": "Источник финансирования", "uz": "Moliyalashtiruvchi"},
    "col_amount": {"en": "Budget", "ru": "Бюджет", "uz": "Byudjet"},
    "col_currency": {"en": "Currency", "ru": "Валюта", "uz": "Valyuta"},
    "col_count": {"en": "Number", "ru": "Количество", "uz": "Soni"},
    "col_partners": {"en": "Partners", "ru": "Партнёры", "uz": "Hamkorlar"},
    "col_agreements": {"en": "Agreements", "ru": "Соглашения", "uz": "Shartnomalar"},
    "col_events": {"en": "Events", "ru": "Мероприятия", "uz": "Tadbirlar"},
    "col_grants": {"en": "Grants", "ru": "Гранты", "uz": "Grantlar"},
    "continent_Africa": {"en": "Africa", "ru": "Африка", "uz": "Afrika"},
    "continent_Asia": {"en": "Asia", "ru": "Азия", "uz": "Osiyo"},
    "continent_Europe": {"en": "Europe", "ru": "Европа", "uz": "Yevropa"},
    "continent_North America": {"en": "North America", "ru": "Северная Америка", "uz": "Shimoliy Amerika"},
    "continent_South America": {"en": "South America", "ru": "Южная Америка", "uz": "Janubiy Amerika"},
    "continent_Oceania": {"en": "Oceania", "ru": "Океания", "uz": "Okeaniya"},
    "continent_Antarctica": {"en": "Antarctica", "ru": "Антарктида", "uz": "Antarktida"},
    "direction_in": {"en": "inbound", "ru": "входящая", "uz": "kiruvchi"},
    "direction_out": {"en": "outbound", "ru": "исходящая", "uz": "chiquvchi"},
    "category_student": {"en": "students", "ru": "студенты", "uz": "talabalar"},
    "category_staff": {"en": "staff", "ru": "сотрудники", "uz": "xodimlar"},
    # chart titles
    "chart_students_map": {
        "en": "Foreign students by country of citizenship",
        "ru": "Иностранные студенты по странам гражданства",
        "uz": "Xorijiy talabalar fuqaroligi bo‘yicha",
    },
    "chart_students_level": {"en": "Foreign students by level", "ru": "Иностранные студенты по уровням",
                             "uz": "Xorijiy talabalar darajalar bo‘yicha"},
    "chart_partners_map": {"en": "Partners by country", "ru": "Партнёры по странам", "uz": "Hamkorlar mamlakatlar bo‘yicha"},
    "chart_programs": {"en": "Students in joint programs", "ru": "Студенты совместных программ",
                       "uz": "Qo‘shma dasturlar talabalari"},
    "chart_mobility": {"en": "Mobility by country (top 15)", "ru": "Мобильность по странам (топ-15)",
                       "uz": "Mobillik mamlakatlar bo‘yicha (top-15)"},
    "chart_events": {"en": "Participants by event type", "ru": "Участники по типам мероприятий",
                     "uz": "Tadbir turlari bo‘yicha ishtirokchilar"},
    "chart_grants": {"en": "Grant projects by partner country", "ru": "Грантовые проекты по странам партнёров",
                     "uz": "Grant loyihalari hamkor mamlakatlari bo‘yicha"},
    "chart_trend": {"en": "Foreign students over the years", "ru": "Иностранные студенты по годам",
                    "uz": "Xorijiy talabalar yillar bo‘yicha"},
}


def t(key: str, lang: str = "en", **kwargs) -> str:
    """The label ``key`` in ``lang`` (English when missing), formatted with ``kwargs``."""
    entry = LABELS.get(key)
    if entry is None:
        text = key
    else:
        text = entry.get(lang) or entry["en"]
    return text.format(**kwargs) if kwargs else text


def check_lang(lang: str) -> str:
    lang = (lang or "en").lower()
    if lang not in LANGS:
        raise ValueError(f"Unknown language {lang!r}: use one of {', '.join(LANGS)}.")
    return lang


def year_label(year: int) -> str:
    """The academic year 2024 as '2024/25'."""
    year = int(year)
    return f"{year}/{(year + 1) % 100:02d}"


def _sep(lang: str) -> tuple[str, str]:
    """Thousands separator and decimal mark: '3,412.5' in English, '3 412,5' in Russian/Uzbek."""
    return (",", ".") if lang == "en" else ("\u00a0", ",")


def is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return True
    except ImportError:  # pragma: no cover
        pass
    return isinstance(value, float) and math.isnan(value)


def fmt_number(value: object, lang: str = "en", decimals: int | None = None) -> str:
    """A number for people: integers with thousands separators, others with 1 decimal."""
    if is_missing(value):
        return "–"
    if isinstance(value, str):
        return value
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if decimals is None:
        decimals = 0 if float(number).is_integer() else 1
    text = f"{number:,.{decimals}f}"
    thousands, decimal = _sep(lang)
    return text.replace(",", "\x00").replace(".", decimal).replace("\x00", thousands)


PERCENT_UNITS = ("%", "percent", "pct", "share", "ratio_pct")


def is_percent_unit(unit: object) -> bool:
    return isinstance(unit, str) and unit.strip().lower() in PERCENT_UNITS


def fmt_value(value: object, unit: object = None, lang: str = "en") -> str:
    """A KPI value in its unit: '3,412', '12.5%'."""
    if is_missing(value):
        return "–"
    if isinstance(value, str):
        return value
    if is_percent_unit(unit):
        return fmt_number(value, lang, 1) + "%"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if number.is_integer():
        return fmt_number(number, lang, 0)
    return fmt_number(number, lang, 2 if abs(number) < 10 else 1)


def fmt_change(value: object, unit: object = None, lang: str = "en") -> str:
    """A signed change: '+240', '−3.1 pp' for percentages."""
    if is_missing(value):
        return "–"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    sign = "+" if number > 0 else ("−" if number < 0 else "±")
    body = fmt_value(abs(number), None, lang) if not is_percent_unit(unit) else fmt_number(abs(number), lang, 1)
    suffix = {"en": " pp", "ru": " п.п.", "uz": " f.p."}[lang] if is_percent_unit(unit) else ""
    return f"{sign}{body}{suffix}"


def fmt_pct(value: object, lang: str = "en", signed: bool = False) -> str:
    if is_missing(value):
        return "–"
    number = float(value)
    text = fmt_number(abs(number) if signed else number, lang, 1) + "%"
    if signed:
        text = ("+" if number > 0 else ("−" if number < 0 else "±")) + text
    return text
