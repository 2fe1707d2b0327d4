"""Interface labels in English, Russian and Uzbek (Latin script).

Every key maps to {"en", "ru", "uz"}; tests/test_i18n.py checks that none is missing.
KPI names come from the KPI library (``kpi_table(..., lang=...)``) and country names from
``metrics.countries.display_name``; everything else the dashboard shows is here.
"""

from __future__ import annotations

LANGUAGES = ("en", "ru", "uz")
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "uz": "Oʻzbekcha"}
DEFAULT_LANGUAGE = "en"

LABELS: dict[str, dict[str, str]] = {
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
    "page.mobility": {"en": "Mobility", "ru": "Мобильность", "uz": "Akademik harakatchanlik"},
    "page.science": {"en": "Science and events", "ru": "Наука и мероприятия", "uz": "Ilm-fan va tadbirlar"},
    "page.data": {"en": "Data", "ru": "Данные", "uz": "Maʼlumotlar"},
    "page.reports": {"en": "Reports", "ru": "Отчёты", "uz": "Hisobotlar"},
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
    "map.click_hint": {"en": "Click a country to narrow the dashboard to it.",
                       "ru": "Щёлкните по стране, чтобы показать только её.",
                       "uz": "Faqat shu davlatni koʻrish uchun uni bosing."},
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
    "common.target": {"en": "Target", "ru": "Цель", "uz": "Maqsad"},
    "common.status": {"en": "Status", "ru": "Статус", "uz": "Holat"},
    "common.show_all": {"en": "Show all", "ru": "Показать все", "uz": "Barchasini koʻrsatish"},
    # --- KPI status ------------------------------------------------------------------------
    "status.on_track": {"en": "On track", "ru": "В плане", "uz": "Rejada"},
    "status.met": {"en": "Target met", "ru": "Цель достигнута", "uz": "Maqsadga erishildi"},
    "status.at_risk": {"en": "At risk", "ru": "Под угрозой", "uz": "Xavf ostida"},
    "status.no_target": {"en": "No target", "ru": "Цель не задана", "uz": "Maqsad belgilanmagan"},
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
                     "uz": "Davlatlar boʻyicha harakatchanlik"},
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
    "data.source": {"en": "Data folder: {path}", "ru": "Папка с данными: {path}", "uz": "Maʼlumotlar papkasi: {path}"},
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
                               "uz": "'{field}' uchun ikkinchi ustun; birinchisi ishlatiladi"},
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
                                   "uz": "majburiy '{field}' qiymati boʻsh; qator chiqarib tashlandi"},
    "issue.country_unresolved": {
        "en": "not one country (an aggregate such as 'Stateless', or an unknown spelling): {n} row(s) kept without a country",
        "ru": "не одна страна (группа вроде «Без гражданства» или неизвестное написание): {n} строк(и) сохранены без страны",
        "uz": "bitta davlat emas ('Fuqaroligi yoʻq' kabi guruh yoki nomaʼlum yozuv): {n} qator davlatsiz saqlandi"},
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
        "uz": "{files}: ikkala fayl ham '{export}' eksportini oʻz ichiga oladi; hech biri oʻqilmadi. Har bir eksport uchun bitta fayl qoldiring"},
    "issue.file_skipped": {
        "en": "skipped: not recognised as an export. Name it after the export it holds (e.g. students.csv)",
        "ru": "пропущен: не распознан как выгрузка. Назовите файл по выгрузке (например, students.csv)",
        "uz": "oʻtkazib yuborildi: eksport sifatida tanilmadi. Faylni eksport nomi bilan ataing (masalan, students.csv)"},
    "issue.file_taken_for": {
        "en": "taken for the '{export}' export (by its columns)",
        "ru": "принят как выгрузка «{export}» (по столбцам)",
        "uz": "'{export}' eksporti sifatida qabul qilindi (ustunlari boʻyicha)"},
    "issue.column_numbering": {"en": "row-number column; ignored", "ru": "столбец с номерами строк; пропущен",
                               "uz": "tartib raqami ustuni; eʼtiborga olinmadi"},
    "issue.validity_not_understood": {
        "en": "the validity is not understood; the agreement counts as open-ended until it is fixed. Write a date, 'до DATE', 'на 5 лет' or 'бессрочно'",
        "ru": "срок действия не распознан; соглашение считается бессрочным, пока это не исправлено. Укажите дату, «до ДАТА», «на 5 лет» или «бессрочно»",
        "uz": "amal qilish muddati tanilmadi; tuzatilguncha kelishuv muddatsiz hisoblanadi. Sana, 'SANA gacha', '5 yil' yoki 'muddatsiz' deb yozing"},
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
    "col.count": {"en": "Count", "ru": "Количество", "uz": "Soni"},
    "col.value": {"en": "Value", "ru": "Значение", "uz": "Qiymat"},
    "col.share": {"en": "Share", "ru": "Доля", "uz": "Ulush"},
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
    "col.expires": {"en": "Expires", "ru": "Истекает", "uz": "Tugaydi"},
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
    "col.amount": {"en": "Amount", "ru": "Сумма", "uz": "Miqdor"},
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
    "col.unit": {"en": "Unit", "ru": "Единица", "uz": "Birlik"},
    "col.previous": {"en": "Previous year", "ru": "Прошлый год", "uz": "Oʻtgan yil"},
    "col.change": {"en": "Change", "ru": "Изменение", "uz": "Oʻzgarish"},
    "col.change_pct": {"en": "Change, %", "ru": "Изменение, %", "uz": "Oʻzgarish, %"},
    "col.target": {"en": "Target", "ru": "Цель", "uz": "Maqsad"},
    "col.gap": {"en": "Gap to target", "ru": "Отклонение от цели", "uz": "Maqsaddan farq"},
    "col.status": {"en": "Status", "ru": "Статус", "uz": "Holat"},
    "col.definition": {"en": "Definition", "ru": "Определение", "uz": "Taʼrif"},
    "col.raw": {"en": "Name as written", "ru": "Название в файле", "uz": "Fayldagi nomi"},
    "col.rows": {"en": "Rows", "ru": "Строк", "uz": "Qatorlar"},
    "col.funder": {"en": "Funder", "ru": "Источник финансирования", "uz": "Moliyalashtiruvchi"},
    "col.grant": {"en": "Grant", "ru": "Грант", "uz": "Grant"},
    "col.event": {"en": "Event", "ru": "Мероприятие", "uz": "Tadbir"},
    "col.new": {"en": "New", "ru": "Новые", "uz": "Yangi"},
    "col.active": {"en": "Active", "ru": "Действующие", "uz": "Amaldagi"},
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The label for ``key`` in ``lang``; English when a language is missing, the key when unknown."""
    entry = LABELS.get(key)
    if entry is None:
        text = key.split(".", 1)[-1].replace("_", " ")
    else:
        text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def column_label(name: str, lang: str) -> str:
    """Header for a table column: the translated label when one exists, else the name itself."""
    entry = LABELS.get(f"col.{name}")
    if entry is None:
        return name.replace("_", " ").capitalize()
    return entry.get(lang) or entry[DEFAULT_LANGUAGE]


def region_label(region: str, lang: str) -> str:
    """A continent or "CIS" in the chosen language; unknown regions are shown as given."""
    entry = LABELS.get(f"region.{region}")
    return (entry.get(lang) or entry[DEFAULT_LANGUAGE]) if entry else str(region)


def status_label(status: str, lang: str) -> str:
    """A KPI status (on_track, behind, ...) in the chosen language."""
    if status is None or status != status:  # None or NaN
        return ""
    entry = LABELS.get("status." + str(status).strip().replace(" ", "_"))
    return (entry.get(lang) or entry[DEFAULT_LANGUAGE]) if entry else str(status).replace("_", " ")


def issue_message(code: str, params: dict, fallback: str, lang: str) -> str:
    """A validation record's message in ``lang``, from its code and values; the English text otherwise."""
    if lang == DEFAULT_LANGUAGE or f"issue.{code}" not in LABELS:
        return fallback
    values = dict(params)
    if "kind" in values:
        values["expected"] = t(f"kind.{values.pop('kind')}", lang)
    if code == "more_rows":
        values = {"n": values["n"], "message": issue_message(str(values["code"]), dict(values["params"]),
                                                             str(values["message"]), lang)}
    try:
        return t(f"issue.{code}", lang, **values)
    except (KeyError, IndexError):
        return fallback


def unavailable_label(reason, lang: str) -> str:
    """Why a KPI or a part of a page has no value (a metrics.kpis.Unavailable) in ``lang``, as plain text."""
    key = f"kpi_na.{reason.code}"
    if key not in LABELS:
        return reason.message
    return t(key, lang, export=reason.export, columns=", ".join(reason.columns), file=reason.file)
