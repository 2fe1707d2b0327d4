"""Accreditation tables (metrics/sections/accreditation.py): the layout of the CIS self-evaluation forms."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from tests.conftest import write_csv as _write

from metrics import vocabulary as V
from metrics.engine import available_years, compute_kpis
from metrics.ingest import load_dataset
from metrics.sections import build_section

ROOT = Path(__file__).resolve().parent.parent
YEAR = 2024




@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """2024: Kazakhstan (CIS) 3 F + 2 M, India (non-CIS) 4 F + 6 M, Russia (CIS) 1 M, one unknown citizenship."""
    folder = tmp_path_factory.mktemp("accreditation")
    (folder / "settings.toml").write_text('[university]\nname = "T"\nhome_country = "UZB"\n', encoding="utf-8")
    header = ["year", "citizenship", "count", "level", "sex", "study_form", "funding", "status"]
    _write(folder / "students.csv", header, [
        [YEAR, "Kazakhstan", 3, "Bachelor", "F", "full-time", "contract", "continuing"],
        [YEAR, "Kazakhstan", 2, "Master", "M", "part-time", "budget", "continuing"],
        [YEAR, "India", 4, "Bachelor", "F", "full-time", "contract", "new"],
        [YEAR, "India", 6, "Bachelor", "M", "full-time", "grant", "continuing"],
        [YEAR, "India", 2, "Bachelor", "M", "full-time", "contract", "graduated"],
        [YEAR, "Russia", 1, "Bachelor", "M", "full-time", "contract", "continuing"],
        [YEAR, "Atlantis", 1, "Bachelor", "F", "full-time", "contract", "continuing"],
        [YEAR, "Uzbekistan", 50, "Bachelor", "F", "full-time", "budget", "continuing"],
    ])
    return load_dataset(folder)


def _rows(table: pd.DataFrame) -> dict:
    return {row[0]: dict(zip(table.columns[1:], row[1:])) for row in table.itertuples(index=False)}


def test_students_form_has_cis_and_other_subtotals_that_add_up(small):
    table = build_section("accreditation", small, YEAR, "en").block("accr_students").table
    rows = _rows(table)
    assert list(rows) == ["Kazakhstan", "Russia", "CIS countries, subtotal", "India", "Other countries, subtotal",
                          V.data_value_label("country", "Unknown", "en"), "Total"]
    assert rows["CIS countries, subtotal"]["Total"] == 6  # 3 + 2 + 1
    assert rows["Other countries, subtotal"]["Total"] == 10  # 4 + 6 (graduated rows are not students)
    assert rows["Total"]["Total"] == 17 == compute_kpis(small, YEAR)["foreign_students"]  # 6 + 10 + 1 unknown
    assert rows["Total"]["of them women"] == 8  # 3 + 4 + 1
    assert rows["Kazakhstan"]["Part-time"] == 2 and rows["Kazakhstan"]["Full-time"] == 3
    assert rows["India"]["Grant"] == 6 and rows["India"]["Contract (fee-paying)"] == 4


def test_graduates_by_country(small):
    table = build_section("accreditation", small, YEAR, "en").block("accr_graduates").table
    rows = _rows(table)
    assert rows["India"]["Graduates"] == 2 and rows["Total"]["Graduates"] == 2


def test_headings_are_russian_in_russian(small):
    table = build_section("accreditation", small, YEAR, "ru").block("accr_students").table
    assert list(table.columns[:3]) == ["Страна", "Всего", "из них женщин"]
    assert "Страны СНГ, итого" in set(table.iloc[:, 0])


def test_russian_report_has_the_form_with_every_row_and_subtotals_that_add_up():
    from reports import build_report

    data = load_dataset(ROOT / "data")
    year = available_years(data)[-1]
    workbook = openpyxl.load_workbook(io.BytesIO(build_report(data, year, "xlsx", lang="ru")))
    sheet = workbook[V.t("page.accreditation", "ru")[:31]]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    header = [cell.value for cell in sheet[1]]
    total = header.index("Всего")
    unknown = V.data_value_label("country", "Unknown", "ru")
    # independently: the foreign students of the year from the raw CSV, split by CIS membership
    raw = pd.read_csv(ROOT / "data" / "students.csv", keep_default_na=False)
    from metrics.countries import CIS, resolve

    raw = raw[(raw["year"] == year) & ~raw["status"].isin(["graduated", "expelled", "withdrawn"])]
    codes = raw["citizenship"].map(resolve)
    foreign = raw[codes != "UZB"]
    cis = int(foreign.loc[codes[codes != "UZB"].isin(CIS), "count"].sum())
    assert rows["Страны СНГ, итого"][total] == cis
    assert rows["Итого"][total] == compute_kpis(data, year)["foreign_students"] == int(foreign["count"].sum())
    assert rows["Страны СНГ, итого"][total] + rows["Страны дальнего зарубежья, итого"][total] + sum(
        row[total] for name, row in rows.items() if name == unknown) == rows["Итого"][total]
    countries = {name for name in rows if name not in ("Страны СНГ, итого", "Страны дальнего зарубежья, итого",
                                                      "Итого", unknown)}
    assert len(countries) == foreign.loc[codes[codes != "UZB"].notna(), "citizenship"].map(resolve).nunique()
