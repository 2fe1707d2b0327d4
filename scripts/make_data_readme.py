"""Write data/README.md, the data contract, from metrics/schema.py (the single definition).

    python scripts/make_data_readme.py [--check]

With --check, exits 1 when data/README.md is out of date instead of writing it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from metrics.ingest import (CATEGORY_VALUES, DIRECTION_VALUES, FUNDING_VALUES, STAGE_VALUES,  # noqa: E402
                            STUDY_FORM_VALUES, TOTAL_WORDS)
from metrics.schema import EXPORTS, PERSONAL_DATA_HEADERS  # noqa: E402

KIND_TEXT = {
    "year": "academic year",
    "int": "whole number",
    "float": "number",
    "date": "date",
    "validity": "end date or term",
    "country": "country",
    "countries": "list of countries",
    "direction": "in / out",
    "category": "student / staff",
    "study_form": "full-time / part-time / evening / distance",
    "funding": "budget / contract / grant",
    "course": "year of study (1-7)",
    "language": "language codes (ISO 639-1)",
    "stage": "applied / admitted / enrolled",
    "text": "text",
}

INTRODUCTION = """# Data contract

The dashboard reads one file per export from a data folder (default `data/`, the bundled
synthetic sample). Each export may be `<name>.csv`, `.tsv`, `.txt` or `.xlsx` (first sheet).
This file is generated from `metrics/schema.py` by `scripts/make_data_readme.py`; edit the
schema, not this file.

## How files are read
- **Encodings** are detected from the content: UTF-8 (with or without BOM), UTF-16 with BOM
  (Excel "Unicode text"), Windows-1251, KOI8-R, CP866, Windows-1252. A UTF-8 file with a few
  lines in another encoding keeps every line (a warning names the first such line).
- **Delimiters** `,` `;` tab `|` are sniffed.
- **Headers** may be in English, Russian or Uzbek (Latin or Cyrillic); matching ignores case,
  spaces, punctuation and apostrophe styles (`o'quv yili` = `Oʻquv_yili`). Long official headers
  are matched on their words (`Наименование организации-партнёра` is `partner`, `Дата заключения
  договора` is `signed`, `Срок действия договора` is `expires`); a header whose words fit two
  columns is left unmatched, never guessed. A row-number column (`№ п/п`, `T/r`) is ignored. The
  header may stand below title lines; the first {rows} lines are searched.
- **Mappings**: what a person decided about a header, a country name or a value the reader does
  not know is kept in `mappings.toml` in the data folder (`[files]`, `[headers.<export>]`,
  `[countries]`, `[values.direction]`, `[values.category]`) and applied to every load.
- **Rows** that are blank, repeat the header, or start with a total word ({totals}) are
  skipped and counted, not loaded.
- **Numbers** accept decimal commas and spaces or no-break spaces as thousands separators
  (`1 234,5`). **Dates**: `2024-09-01`, `01.09.2024`, `01/09/2024` (day first).
- **Academic years** are written as their first calendar year: `2024` means 2024/25; `2024/2025`,
  `2024-25` and `2024/25` are accepted too. An academic year runs from September to August.
- **Countries** may be ISO alpha-2 or alpha-3 codes or names in English, Russian, Uzbek, Kazakh,
  Spanish, French or Chinese; they become ISO alpha-3 codes (`XKX` for Kosovo). Namibia's `NA`
  is Namibia. A name that is not one country (`Stateless`, `Europe`, an unknown spelling) is
  kept without a country and listed in the validation report with its row count.
- **Personal data** columns (names, passport numbers, phones, e-mails, addresses, birth dates)
  are dropped at ingestion and never shown or exported. Recognised headers: {personal}.
- **Problems** become records with file, line, column, value and message. A row whose required
  value is unusable is excluded and counted (error); an unusable optional value is left blank
  (warning). `python -m metrics validate --data DIR` prints the report (exit 0: clean or only
  warnings; 1: rows excluded, or lines that were not one record each; 2: a file or the
  settings cannot be read).
- **Files** are found by name in any letter case (`students.csv`, `Students.CSV`). A file with
  another name (`students_2019.xlsx`, `Контингент иностранцев.xlsx`) is taken for the export
  whose required columns its header has (an export named at the start of the file name wins a
  tie; otherwise nothing is guessed); the report says which export it was taken for. Two files
  for one export are an error naming both, and neither is read. Every other file is listed as
  skipped with the reason. A file that cannot be read is one error for that file: the other
  exports still load.
- **Lines and records**: each line is one record. A quoted cell with line breaks is joined and
  reported; a quote that is never closed, a last line cut short (a file still being written) or
  a cell over the limit excludes only its own row, with its line number. Stray carriage returns
  inside a line are read as spaces; files with only CR line ends are read as they are.
- **Workbooks** are checked before they are expanded: the real extent of the first sheet (not
  the dimension it claims), the size of every part and of the shared strings. A formula cell
  whose result was not saved is an error in a required or counted column (never a default 1).
- **Out-of-range values**: numbers beyond {max_number:g}, `inf` and `NaN` are not numbers;
  counts above {max_count:,} are not counts; dates before {date_from} or after {date_to} are not
  dates.

### Limits

A file over a limit is answered with one message naming it; the rest of the folder loads.

| limit | value |
|---|---|
{limits}

- **Settings**: `data/settings.toml` (`[university] name`, optional `name_ru` and `name_uz` for
  Russian and Uzbek pages and reports, `home_country` as ISO alpha-3);
  `--home ISO3` on the command line overrides it. "Foreign" means a citizenship other than the
  home country; partners and mobility in the home country are domestic and not international.

Direction values: {directions}. Category values: {categories}.

Study form values (`study_form`): {study_forms}. Funding values (`funding`): {fundings}. Admission
stages (`stage`): {stages}. A value of these kinds that is not in the lists is left blank with a
warning naming its cell (a required `stage` excludes its row); `course` outside 1-7 likewise.
Languages (`language`) are written as ISO 639-1 codes or names in English, Russian or Uzbek.
"""


def render() -> str:
    from metrics.ingest import DATE_YEAR_RANGE, HEADER_SEARCH_ROWS, MAX_COUNT, MAX_NUMBER
    from metrics.readers import LIMITS

    parts = [INTRODUCTION.format(
        rows=HEADER_SEARCH_ROWS,
        max_number=MAX_NUMBER, max_count=MAX_COUNT, date_from=DATE_YEAR_RANGE[0], date_to=DATE_YEAR_RANGE[1],
        limits="\n".join(f"| {name} | {value} |" for name, value in LIMITS.items()),
        totals=", ".join(f"`{word}`" for word in TOTAL_WORDS[:8]),
        personal=", ".join(f"`{header}`" for header in PERSONAL_DATA_HEADERS[:18]) + " …",
        directions="; ".join(f"**{key}**: " + ", ".join(values) for key, values in DIRECTION_VALUES.items()),
        categories="; ".join(f"**{key}**: " + ", ".join(values[:10]) + " …" for key, values in CATEGORY_VALUES.items()),
        study_forms=_values(STUDY_FORM_VALUES), fundings=_values(FUNDING_VALUES), stages=_values(STAGE_VALUES),
    )]
    for export in EXPORTS.values():
        parts.append(f"\n## `{export.file_name}`\n\n{export.description}\n")
        if export.one_of:
            parts.append("At least one of " + "; ".join(" or ".join(f"`{c}`" for c in group) for group in export.one_of)
                         + " is required.\n")
        parts.append("| column | type | required | meaning | also accepted as header |")
        parts.append("|---|---|---|---|---|")
        for column in export.columns:
            required = "yes" if column.required else ("no (default {})".format(column.default)
                                                       if column.default is not None else "no")
            aliases = ", ".join(f"`{alias}`" for alias in column.aliases[:8])
            if len(column.aliases) > 8:
                aliases += f" and {len(column.aliases) - 8} more"
            parts.append(f"| `{column.name}` | {KIND_TEXT[column.kind]} | {required} | {column.description} | {aliases} |")
        if export.examples:
            names = [column.name for column in export.columns]
            parts.append("\nExample rows:\n\n```csv")
            parts.append(",".join(names))
            for example in export.examples:
                parts.append(",".join(_csv_value(example.get(name, "")) for name in names))
            parts.append("```")
    return "\n".join(parts) + "\n"


def _values(table: dict[str, tuple[str, ...]], shown: int = 8) -> str:
    return "; ".join(f"**{key}**: " + ", ".join(values[:shown]) + (" …" if len(values) > shown else "")
                     for key, values in table.items())


def _csv_value(value) -> str:
    text = "" if value is None else str(value)
    return f'"{text}"' if any(char in text for char in ',;"') else text


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    target = ROOT / "data" / "README.md"
    text = render()
    if args.check:
        return 0 if target.exists() and target.read_text(encoding="utf-8") == text else 1
    target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
