"""Write examples/messy_exports/: the sample data as real registries export it.

The same students, totals, partners and mobility as `data/`, but the way exports arrive at an
international office: Windows-1251 with semicolons and Russian headers, a title line and a
total row; an Excel workbook with Uzbek headers and dd.mm.yyyy dates; UTF-16 "Unicode text"
with tabs; KOI8-R; country names in Russian, Uzbek and English variants; a column of
(placeholder) personal names that must be dropped. Loading this folder must give the same
KPIs as `data/` — `tests/test_messy_example.py` checks exactly that.

    python scripts/make_messy_example.py [--out examples/messy_exports]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from metrics.countries import display_name, resolve  # noqa: E402

SOURCE = ROOT / "data"
# Every how-many-th row gets its country written in another language (row position based,
# so the output is deterministic).
RUSSIAN_EVERY, UZBEK_EVERY = 2, 5


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _country_variants(names: pd.Series, encoding: str | None = None) -> pd.Series:
    """Country names as a registry in Uzbekistan writes them: Russian, Uzbek or as they were.

    With a single-byte `encoding`, Uzbek apostrophes become ' and names the code page cannot
    hold are written in Russian, as such a registry would.
    """
    codes = names.map(lambda name: resolve(name))
    russian = codes.map(lambda code: display_name(code, "ru") if isinstance(code, str) else None)
    uzbek = codes.map(lambda code: display_name(code, "uz") if isinstance(code, str) else None)
    position = pd.Series(range(len(names)), index=names.index)
    written = names.where(~((position % RUSSIAN_EVERY == 0) & russian.notna()), russian)
    written = written.where(~((position % UZBEK_EVERY == 0) & uzbek.notna()), uzbek)
    if encoding:
        written = written.str.replace("ʻ", "'").str.replace("ʼ", "'")
        fits = written.map(lambda name: _encodable(name, encoding))
        written = written.where(fits, russian)
    return written


def _academic_year(years: pd.Series, style: str) -> pd.Series:
    if style == "long":
        return years.astype(str) + "/" + (years + 1).astype(str)
    return years.astype(str) + "-" + ((years + 1) % 100).astype(str).str.zfill(2)


def write_students(out: Path) -> None:
    students = pd.read_csv(SOURCE / "students.csv", dtype=str, keep_default_na=False)
    years = students["year"].astype(int)
    table = pd.DataFrame({
        "Учебный год": _academic_year(years, "long"),
        "Гражданство": _country_variants(students["citizenship"], "cp1251"),
        "Кол-во": students["count"],
        "Факультет": students["faculty"],
        "Уровень обучения": students["level"],
        "Пол": students["sex"],
        "Статус": students["status"],
        "ID студента": students["student_id"],
        "ФИО": "Студент " + students.index.astype(str),  # placeholder: never real names
    })
    lines = ["Контингент иностранных обучающихся (выгрузка из АИС)" + ";" * (table.shape[1] - 1), ""]
    lines.append(";".join(table.columns))
    lines.extend(";".join(row) for row in table.itertuples(index=False))
    lines.append("Итого;;" + str(students["count"].astype(int).sum()) + ";" * (table.shape[1] - 3))
    (out / "students.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1251"))


def write_totals(out: Path) -> None:
    totals = pd.read_csv(SOURCE / "totals.csv", dtype=str, keep_default_na=False)
    table = pd.DataFrame({
        "Год": totals["year"],
        "Факультет": totals["faculty"],
        # thousands separated by a space, as Russian-locale spreadsheets write them
        "Всего студентов": totals["total_students"].astype(int).map(lambda n: f"{n:,}".replace(",", " ")),
        "Количество программ": totals["programs"],
    })
    text = table.to_csv(sep=";", index=False, lineterminator="\r\n")
    (out / "totals.csv").write_bytes(text.encode("koi8_r"))


def write_partners(out: Path) -> None:
    partners = pd.read_csv(SOURCE / "partners.csv", dtype=str, keep_default_na=False)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Hamkorlar"
    sheet.append(["Xalqaro hamkorlik shartnomalari reyestri"])
    sheet.append([])
    sheet.append(["Hamkor", "Davlat", "Hamkor ID", "Shahar", "Tashkilot turi", "Sohalar", "Shartnoma",
                  "Imzolangan sana", "Amal qilish muddati", "Telefon"])

    def dotted(value: str) -> str:
        return "" if not value else ".".join(reversed(value.split("-")))

    for row, country in zip(partners.itertuples(index=False), _country_variants(partners["country"])):
        sheet.append([row.partner, country, row.partner_id, row.city, row.type, row.fields, row.agreement,
                      dotted(row.signed), dotted(row.expires), "+000 00 000 00 00"])
    sheet.append(["Jami", None, None, None, None, None, len(partners)])
    workbook.save(out / "partners.xlsx")


def write_mobility(out: Path) -> None:
    mobility = pd.read_csv(SOURCE / "mobility.csv", dtype=str, keep_default_na=False)
    table = pd.DataFrame({
        "O'quv yili": _academic_year(mobility["year"].astype(int), "short"),
        "Направление": mobility["direction"].map({"in": "входящая", "out": "исходящая"}),
        "Категория": mobility["category"].map({"student": "студент", "staff": "преподаватель"}),
        "Страна": _country_variants(mobility["country"]),
        "Партнер": mobility["partner"],
        "Программа": mobility["program"],
        "Цель": mobility["purpose"],
        "Количество": mobility["count"],
    })
    text = table.to_csv(sep="\t", index=False, lineterminator="\r\n")
    (out / "mobility.txt").write_bytes(text.encode("utf-16"))  # Excel "Unicode text": UTF-16 with BOM


def main(out: Path = ROOT / "examples" / "messy_exports") -> None:
    out.mkdir(parents=True, exist_ok=True)
    write_students(out)
    write_totals(out)
    write_partners(out)
    write_mobility(out)
    shutil.copy(SOURCE / "settings.toml", out / "settings.toml")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "examples" / "messy_exports")
    main(parser.parse_args().out)
