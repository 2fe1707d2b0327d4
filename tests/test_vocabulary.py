"""metrics.vocabulary: the one table of words and number formats of the screen, the documents and the CLI."""

from __future__ import annotations

import ast
import datetime as dt
import math
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from metrics import vocabulary as v

ROOT = Path(__file__).resolve().parents[1]
NNBSP = "\u202f"
NBSP = "\u00a0"


# ------------------------------------------------------------------------------- the table

def test_every_key_has_every_language_and_no_other():
    assert [(key, lang) for key, entry in v.LABELS.items() for lang in v.LANGUAGES
            if not str(entry.get(lang, "")).strip()] == []
    assert [key for key, entry in v.LABELS.items() if set(entry) != set(v.LANGUAGES)] == []


def test_the_table_has_no_key_twice():
    source = (ROOT / "metrics" / "vocabulary.py").read_text(encoding="utf-8")
    table = next(node.value for node in ast.walk(ast.parse(source))
                 if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "LABELS")
    keys = [key.value for key in table.keys]
    assert sorted({k for k in keys if keys.count(k) > 1}) == []


def test_keys_are_dotted():
    assert [key for key in v.LABELS if "." not in key] == []


def test_placeholders_are_the_same_in_every_language():
    for key, entry in v.LABELS.items():
        fields = {lang: frozenset(re.findall(r"{(\w*)}", text)) for lang, text in entry.items()}
        assert len(set(fields.values())) == 1, (key, fields)


def test_uzbek_apostrophes():
    """oʻ/gʻ with U+02BB, the tutuq belgisi with U+02BC; never U+2018, U+2019, ' or ` in Uzbek."""
    wrong = re.compile("[\u2018\u2019'`]")
    assert [key for key, entry in v.LABELS.items() if wrong.search(entry["uz"])] == []
    assert [key for key, entry in v.LABELS.items() if re.search("[oOgG]\u02bc", entry["uz"])] == []
    assert [key for key, entry in v.LABELS.items() if re.search("[^oOgG]\u02bb", entry["uz"])] == []
    assert v.LABELS["page.data"]["uz"] == "Ma\u02bclumotlar"
    assert v.LABELS["report.title"]["uz"] == "Xalqaro hamkorlik bo\u02bbyicha hisobot"


def test_uzbek_apostrophes_in_the_kpi_catalogue():
    from metrics.catalogue import GROUPS, KPIS

    names = [kpi.name_uz for kpi in KPIS] + [group[2] for group in GROUPS.values()]
    assert [name for name in names if re.search("[\u2018\u2019'`]", name)] == []
    assert [name for name in names if re.search("[oOgG]\u02bc|[^oOgG]\u02bb", name)] == []


def test_uzbek_is_latin_script():
    assert [key for key, entry in v.LABELS.items() if re.search("[\u0400-\u04ff]", entry["uz"])] == []


def test_one_word_for_a_target_and_one_set_of_status_words():
    for key in ("common.target", "col.target"):
        assert v.LABELS[key]["ru"] == "План" and v.LABELS[key]["uz"] == "Reja", key
    target_words = [key for key in v.LABELS if key.startswith("status.") or key in ("col.gap", "common.target")]
    assert [key for key in target_words if "Цел" in v.LABELS[key]["ru"] or "Maqsad" in v.LABELS[key]["uz"]] == []
    statuses = {key.split(".", 1)[1] for key in v.LABELS if key.startswith("status.")}
    assert statuses == {"met", "on_track", "at_risk", "off_track", "no_target", "no_data"}


def test_t():
    assert v.t("page.students", "ru") == "Иностранные студенты"
    assert v.t("present.slide_of", "uz", n=2, total=5) == "5 dan 2-slayd"
    assert v.t("common.target") == "Target"
    with pytest.raises(KeyError):
        v.t("no.such_key", "en")
    with pytest.raises(ValueError):
        v.t("page.students", "de")
    with pytest.raises(ValueError):
        v.check_lang("fr")
    assert v.check_lang("RU") == "ru" and v.check_lang(None) == "en"


# ------------------------------------------------------------------------------- numbers

def test_present():
    for missing in (None, float("nan"), pd.NA, pd.NaT):
        assert not v.present(missing), missing
    for value in (0, 0.0, "", "x", 3, dt.date(2024, 1, 1)):
        assert v.present(value), value


def test_number():
    assert v.number(3027) == "3" + NNBSP + "027"
    assert v.number(3027, "ru") == "3" + NNBSP + "027"
    assert v.number(1234567, "uz") == "1" + NNBSP + "234" + NNBSP + "567"
    assert v.number(2.5977, "en", 2) == "2.60"
    assert v.number(2.5977, "ru", 2) == "2,60"
    assert v.number(2.5977, "uz", 2) == "2,60"
    assert v.number(-1234.5, "ru", 1) == "-1" + NNBSP + "234,5"
    assert v.number(-0.001, "en", 1) == "0.0"
    assert v.number(None) == v.MISSING == "—"
    assert v.number(float("nan"), "ru") == "—"


def test_percent():
    assert v.percent(22.84, "en") == "22.8%"
    assert v.percent(22.84, "ru") == "22,8" + NBSP + "%"
    assert v.percent(22.84, "uz") == "22,8" + NBSP + "%"
    assert v.percent(pd.NA, "ru") == "—"


def test_kpi_value():
    assert v.kpi_value(3027, "count", "en") == "3" + NNBSP + "027"
    assert v.kpi_value(22.84, "percent", "en") == "22.8%"
    assert v.kpi_value(22.84, "percent", "ru") == "22,8" + NBSP + "%"
    assert v.kpi_value(2.5977, "ratio", "ru") == "2,60"
    assert v.kpi_value(12.345, "index", "en") == "12.35"  # 12.345 is stored as 12.3449999...
    assert v.kpi_value(None, "count", "ru") == "—"
    assert v.kpi_value(float("nan"), "percent") == "—"


def test_kpi_change():
    assert v.kpi_change(3.2, "percent", "en") == "+3.2 pp"
    assert v.kpi_change(3.2, "percent", "ru") == "+3,2 п.п."
    assert v.kpi_change(3.2, "percent", "uz") == "+3,2 f.p."
    assert v.kpi_change(-1.44, "percent", "en") == "-1.4 pp"
    assert v.kpi_change(382, "count", "en") == "+382"
    assert v.kpi_change(-1500, "count", "ru") == "-1" + NNBSP + "500"
    assert v.kpi_change(0.126, "ratio", "ru") == "+0,13"
    assert v.kpi_change(0, "count") == "0"
    assert v.kpi_change(None, "count") is None
    assert v.kpi_change(pd.NA, "percent", "ru") is None


def test_change_percent():
    assert v.change_percent(27.27, "en") == "+27.3%"
    assert v.change_percent(27.27, "ru") == "+27,3" + NBSP + "%"
    assert v.change_percent(-5, "uz") == "-5,0" + NBSP + "%"
    assert v.change_percent(None, "en") == "—"


def test_date_text():
    for value in (dt.date(2026, 12, 10), dt.datetime(2026, 12, 10, 15, 30), pd.Timestamp("2026-12-10"),
                  "2026-12-10", "2026-12-10T08:00:00"):
        assert v.date_text(value, "en") == "2026-12-10", value
        assert v.date_text(value, "ru") == "10.12.2026", value
        assert v.date_text(value, "uz") == "10.12.2026", value
    assert v.date_text(None, "ru") == v.date_text(pd.NaT, "en") == "—"
    assert v.date_text("бессрочно", "ru") == "бессрочно"


def test_academic_year_label():
    assert v.academic_year_label(2024) == "2024/25"
    assert v.academic_year_label(1999) == "1999/00"
    assert v.academic_year_label("2030") == "2030/31"


def test_unit_label():
    assert v.unit_label("count", "en") == "number"
    assert v.unit_label("count", "ru") == "кол-во"
    assert v.unit_label("count", "uz") == "soni"
    assert v.unit_label("percent", "ru") == "%"
    assert v.unit_label("ratio", "ru") == "коэфф."
    assert v.unit_label("index", "uz") == "indeks"


# ------------------------------------------------------------------------------- words

def test_status_label():
    assert v.status_label("met", "ru") == "План выполнен"
    assert v.status_label("on track", "en") == "On track"
    assert v.status_label("at risk", "uz") == "Xavf ostida"
    assert v.status_label("behind", "ru") == v.status_label("off track", "ru") == "Отставание от плана"
    assert v.status_label("no_target", "ru") == "План не задан"
    assert v.status_label(None, "ru") == "" and v.status_label(float("nan"), "ru") == ""


def test_region_label():
    assert v.region_label("CIS", "ru") == "СНГ"
    assert v.region_label("North America", "uz") == "Shimoliy Amerika"
    assert v.region_label("Unknown", "ru") == "Не указано"
    assert v.region_label("Atlantis", "ru") == "Atlantis"


def _every_column_the_metrics_produce() -> set[str]:
    import inspect

    from metrics import breakdowns as b
    from metrics.ingest import load_dataset
    from metrics.engine import kpi_table

    data = load_dataset(ROOT / "data")
    columns: set[str] = set()
    per_year = b.foreign_students_per_year(data).set_index("year")["foreign_students"]
    for name, function in inspect.getmembers(b, inspect.isfunction):
        if name.startswith("_") or function.__module__ != b.__name__:
            continue
        parameters = inspect.signature(function).parameters
        if "trend" in parameters:
            result = function(per_year) if "start_year" not in parameters else None
        else:
            kwargs = {key: value for key, value in (("year", 2024), ("lang", "en")) if key in parameters}
            result = function(data, **kwargs)
        if isinstance(result, pd.DataFrame):
            columns |= {str(c) for c in result.columns}
    columns |= set(kpi_table(data, 2024).columns)
    return columns


def test_every_column_of_the_metrics_has_a_heading_in_every_language():
    from metrics import schema

    columns = _every_column_the_metrics_produce()
    assert {"kpi", "name", "unit", "value", "previous", "change", "change_pct", "target", "gap", "status",
            "definition", "reason", "higher_is_better"} <= columns
    for export in vars(schema).values():
        if isinstance(export, schema.Export):
            columns |= {column.name for column in export.columns}
    assert sorted(c for c in columns if f"col.{c}" not in v.LABELS) == []
    for lang in v.LANGUAGES:
        headings = {c: v.column_label(c, lang) for c in columns}
        assert headings["kpi"] != "Kpi"
        assert [c for c, h in headings.items() if h == c.replace("_", " ").capitalize() and lang != "en"] == []


def test_column_label():
    assert v.column_label("country", "uz") == "Davlat"
    assert v.column_label("target", "ru") == "План"
    assert v.column_label("kpi", "ru") == "Код показателя"
    assert v.column_label("days_to_go", "ru") == "Days to go"  # not a column of ours: humanised


def test_data_value_label():
    assert v.data_value_label("direction", "in", "ru") == "Входящая"
    assert v.data_value_label("direction", "out", "uz") == "Chiquvchi"
    assert v.data_value_label("category", "staff", "ru") == "Сотрудники"
    assert v.data_value_label("country", "Unknown", "ru") == "Не указано"
    assert v.data_value_label("country", "Other", "uz") == "Boshqalar"
    assert v.data_value_label("level", "Bachelor", "ru") == "Бакалавриат"
    assert v.data_value_label("level", "PhD", "uz") == "Doktorantura (PhD)"
    assert v.data_value_label("type", "university", "ru") == "Университет"
    assert v.data_value_label("type", "research centre", "en") == "Research centre"
    assert v.data_value_label("fields", "education;research", "ru") == "Образование; Наука"
    assert v.data_value_label("status", "met", "ru") == "План выполнен"
    assert v.data_value_label("group", "non-CIS", "ru") == "Вне СНГ"
    # the university's own words are left as they are
    assert v.data_value_label("faculty", "General Medicine", "ru") == "General Medicine"
    assert v.data_value_label("type", "consortium", "ru") == "consortium"
    assert v.data_value_label("level", None, "ru") is None
    assert v.data_value_label("count", 3, "ru") == 3


def test_every_data_contract_word_of_the_sample_is_translated():
    data = {name: pd.read_csv(ROOT / "data" / f"{name}.csv", dtype=str) for name in
            ("students", "programs", "partners", "mobility", "events")}
    words = {("level", w) for w in data["students"]["level"].dropna()} | {("level", w) for w in data["programs"]["level"].dropna()}
    words |= {("type", w) for name in ("programs", "partners", "events") for w in data[name]["type"].dropna()}
    words |= {("direction", w) for w in data["mobility"]["direction"].dropna()}
    words |= {("category", w) for w in data["mobility"]["category"].dropna()}
    words |= {("purpose", w) for w in data["mobility"]["purpose"].dropna()}
    words |= {("field", w) for f in data["partners"]["fields"].dropna() for w in f.split(";")}
    for column, word in sorted(words):
        assert v.data_value_label(column, word, "ru") != word, (column, word)


def test_messages():
    from metrics.engine import Unavailable

    reason = Unavailable("export_missing", export="students")
    assert v.unavailable_label(reason, "ru") == "в папке с данными нет выгрузки students"
    params = {"n": 7, "code": "no_date_or_year", "params": (), "message": "neither date nor year given; row excluded"}
    assert v.issue_message("more_rows", params, "fallback", "ru") == (
        "ещё 7 строк(и) с той же проблемой: не указаны ни дата, ни год; строка исключена")
    assert v.issue_message("more_rows", params, "fallback", "en") == "fallback"


def test_no_streamlit_no_plotly_no_pandas():
    code = ("import sys, metrics.vocabulary\n"
            "print(sorted(m for m in ('streamlit', 'plotly', 'pandas') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ------------------------------------------------------------------------------- one vocabulary

def test_the_old_label_tables_are_gone():
    import importlib.util

    for name in ("app.i18n", "app.format", "reports.i18n"):
        assert importlib.util.find_spec(name) is None, name


def test_nan_is_not_a_number_anywhere():
    assert v.number(math.nan) == v.percent(math.nan) == v.kpi_value(math.nan, "ratio") == "—"
