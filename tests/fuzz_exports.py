"""Seeded fuzz generator of hostile export folders, and the harness that runs ingestion on them.

`write_case(number, root)` writes one data folder for case `number`: the case class is chosen
round-robin from `CASE_CLASSES` (so any run of `len(CASE_CLASSES)` consecutive cases covers every
class) and its details from `random.Random` seeded by (seed, number), so a case id alone
reproduces a folder. The generator is pure: it touches nothing but the folder it writes.

The harness half runs ingestion on a folder and checks the promises of issue 8:
- `ingestion_summary(folder)`: `load_dataset` in this process, as plain data (files, problems),
  with any escaping exception caught and recorded;
- `ingestion_violations(summary, folder, named)`: the broken promises (rows not accounted
  for, a problem naming no file, a hostile file never mentioned);
- `run_validate(folder)`: `python -m metrics validate` in a subprocess under a wall-clock
  timeout and an address-space limit, with its exit code, output, time and peak RSS;
- `validate_failure(run, named)`: why such a run fails the "answered within 10 s and 1 GB,
  exit 0/1/2, no traceback, names the file" promise, or None.

Reproduce one case by hand:

    .venv/bin/python tests/fuzz_exports.py 37 /tmp/case37
    .venv/bin/python -m metrics validate --data /tmp/case37
"""

from __future__ import annotations

import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DATA = ROOT / "data"
DEFAULT_SEED = 20240811

VALIDATE_TIMEOUT_SECONDS = 10.0  # issue 8: every malformed file is answered within 10 s ...
MEMORY_LIMIT_BYTES = 1 << 30  # ... and 1 GB
POLL_SECONDS = 0.02  # how often a running validate is checked against the limits
SAMPLE_MUTATION_MAX_LINES = 3000  # sample exports are cut to this many lines so a case stays fast
GIANT_CELL_CHARS = 200_000
GIANT_HEADER_COLUMNS = 20_000
LONG_LINE_CHARS = 140_000  # over csv's default field limit of 131,072 characters
XLSX_MAX_ROW, XLSX_MAX_COLUMN = 1_048_576, "XFD"
HUGE_SHARED_STRING_MB = (50, 400)  # range of the one shared string's size; compressed it is tiny
RATIO_BOMB_MB = (100, 300)  # white space inside the sheet XML
CHUNK = 1 << 20

STUDENTS_HEADER = ("year", "citizenship", "count", "faculty", "level", "sex", "status", "student_id")
PARTNERS_HEADER = ("partner", "country", "partner_id", "city", "type", "fields", "agreement", "signed", "expires")
EVENTS_HEADER = ("event", "date", "year", "type", "participants", "international_participants", "countries")
COUNTRIES = ("India", "Pakistan", "Kazakhstan", "Turkmenistan", "China", "Tajikistan")
COUNTRIES_RU = ("Индия", "Казахстан", "Туркменистан", "Россия")
FACULTIES = ("General Medicine", "Pediatrics", "Dentistry", "Pharmacy")
FACULTIES_RU = ("Лечебный", "Педиатрия", "Стоматология", "Фармация")

ABSURD_NUMBERS = ("1e20", "12345678901234567890", "-5", "inf", "NaN", "1e309", "-inf", "9" * 40, "1e-400")
ODD_DATES = ("31.12.9999", "01.01.0001", "00.00.0000", "2024-02-30", "9999-12-31", "0001-01-01",
             "32.13.2024", "29.02.2023", "31.12.99999")

CASE_CLASSES = (
    "random_bytes",
    "sample_mutation",
    "truncated_encoding",
    "giant_cell",
    "giant_header",
    "long_line",
    "cr_line_endings",
    "unbalanced_quote",
    "torn_last_line",
    "absurd_number",
    "out_of_range_date",
    "xlsx_far_cell",
    "xlsx_bogus_dimension",
    "xlsx_huge_shared_string",
    "xlsx_million_rows",
    "xlsx_ratio_bomb",
    "xlsx_not_a_zip",
    "xlsx_missing_parts",
    "xlsx_formula_no_value",
    "hostile_settings",
    "odd_file_names",
    "empty_file",
    "directory_as_file",
    "unreadable_file",
)
XLSX_BOMB_CLASSES = frozenset(kind for kind in CASE_CLASSES if kind.startswith("xlsx_"))


@dataclass(frozen=True)
class FuzzCase:
    """One generated folder: its class, what was done (enough to recognise it) and the files to name."""

    number: int
    kind: str
    detail: str
    folder: Path
    named: tuple[str, ...]  # hostile files the report must mention by name


def case_class(number: int) -> str:
    """The class of case `number` (round-robin over CASE_CLASSES)."""
    return CASE_CLASSES[number % len(CASE_CLASSES)]


def write_case(number: int, root: Path, seed: int = DEFAULT_SEED) -> FuzzCase:
    """Write the folder of fuzz case `number` under `root` and describe it."""
    kind = case_class(number)
    rng = random.Random(f"{seed}:{number}")
    folder = Path(root) / f"case{number:05d}"
    folder.mkdir(parents=True, exist_ok=False)
    detail, named = _WRITERS[kind](rng, folder)
    return FuzzCase(number, kind, detail, folder, tuple(named))


# ----------------------------------------------------------------------------------------------
# Building blocks: clean rows, CSV text, xlsx parts
# ----------------------------------------------------------------------------------------------
def student_rows(rng: random.Random, count: int, cyrillic: bool = False) -> list[list[str]]:
    """`count` clean students rows (every count is 1, every country resolves)."""
    countries = COUNTRIES_RU if cyrillic else COUNTRIES
    faculties = FACULTIES_RU if cyrillic else FACULTIES
    return [[str(rng.randint(2016, 2025)), rng.choice(countries), "1", rng.choice(faculties), "Bachelor",
             rng.choice("FM"), rng.choice(("new", "continuing")), f"S{index:07d}"] for index in range(count)]


def partner_rows(rng: random.Random, count: int) -> list[list[str]]:
    """`count` clean partners rows with ISO dates."""
    rows = []
    for index in range(count):
        signed_year = rng.randint(2010, 2024)
        rows.append([f"Partner University {index}", rng.choice(COUNTRIES), f"P{index:03d}", "City", "university",
                     "education", "MoU", f"{signed_year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                     f"{signed_year + 5}-06-30"])
    return rows


def event_rows(rng: random.Random, count: int) -> list[list[str]]:
    """`count` clean events rows with a date and no year."""
    return [[f"Conference {index}", f"2023-1{rng.randint(0, 2)}-1{rng.randint(0, 9)}", "", "conference",
             str(rng.randint(50, 300)), str(rng.randint(0, 40)), "Kazakhstan;China"] for index in range(count)]


def csv_text(header, rows, delimiter: str = ",", newline: str = "\n") -> str:
    """Header and rows as delimited text, every line ended by `newline` (no quoting)."""
    return "".join(delimiter.join(row) + newline for row in [list(header), *rows])


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def column_letters(index: int) -> str:
    """Spreadsheet column letters of a 0-based column index (0 → A, 16383 → XFD)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def sheet_cell(row: int, column: int, value) -> str:
    """One `<c>`: numbers as values, text inline."""
    ref = f"{column_letters(column)}{row}"
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{_xml_text(str(value))}</t></is></c>'


def sheet_rows(rows, first_row: int = 1) -> str:
    """`<row>` elements for a list of rows of values (None leaves a cell out)."""
    parts = []
    for offset, row in enumerate(rows):
        number = first_row + offset
        cells = "".join(sheet_cell(number, column, value) for column, value in enumerate(row) if value is not None)
        parts.append(f'<row r="{number}">{cells}</row>')
    return "".join(parts)


def sheet_xml(rows_xml, dimension: str | None = None):
    """The chunks of a worksheet part: `rows_xml` is a string or an iterable of string chunks."""
    yield ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
    if dimension:
        yield f'<dimension ref="{dimension}"/>'
    yield "<sheetData>"
    if isinstance(rows_xml, str):
        yield rows_xml
    else:
        yield from rows_xml
    yield "</sheetData></worksheet>"


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '</Types>')
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    '<Relationship Id="rId3" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>')
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>')
EMPTY_SHARED_STRINGS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" '
                        'uniqueCount="0"></sst>')


def write_xlsx(path: Path, sheet, shared_strings=EMPTY_SHARED_STRINGS, omit: tuple[str, ...] = ()) -> None:
    """A minimal valid OOXML workbook, written by hand; `sheet` and `shared_strings` may be chunk iterables.

    Large parts are streamed into the zip in chunks, so a 400 MB part never sits in memory.
    """
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/styles.xml": STYLES,
        "xl/sharedStrings.xml": shared_strings,
        "xl/worksheets/sheet1.xml": sheet,
    }
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            if name in omit:
                continue
            if isinstance(content, str):
                archive.writestr(name, content)
                continue
            with archive.open(name, "w", force_zip64=True) as handle:
                for chunk in content:
                    handle.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)


def students_sheet_rows(rng: random.Random, count: int, first_row: int = 2) -> str:
    """Header (row 1) and `count` clean students rows with year, citizenship, count."""
    rows = [[int(row[0]), row[1], 1] for row in student_rows(rng, count)]
    return sheet_rows([["year", "citizenship", "count"]]) + sheet_rows(rows, first_row)


def _repeat(piece: str, total_chars: int):
    """Chunks repeating `piece` to `total_chars` characters."""
    block = piece * max(1, CHUNK // len(piece))
    written = 0
    while written < total_chars:
        chunk = block[: total_chars - written]
        written += len(chunk)
        yield chunk


# ----------------------------------------------------------------------------------------------
# Case writers: (rng, folder) → (detail, files the report must name)
# ----------------------------------------------------------------------------------------------
EXPORT_NAMES = ("students", "partners", "mobility", "events", "totals", "grants", "staff", "programs")


def _random_bytes(rng, folder):
    name = f"{rng.choice(EXPORT_NAMES)}{rng.choice(('.csv', '.csv', '.txt', '.tsv', '.xlsx'))}"
    size = rng.choice((1, 2, 3, 17, 512, 4096, 65_536))
    prefix = rng.choice((b"", b"", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"PK\x03\x04", b"year,citizenship\n"))
    (folder / name).write_bytes(prefix + rng.randbytes(size))
    return f"{name}: {len(prefix) + size} random bytes after prefix {prefix!r}", [name]


def _sample_mutation(rng, folder):
    samples = sorted(SAMPLE_DATA.glob("*.csv"))
    chosen = rng.sample(samples, rng.randint(1, 3))
    details, named = [], []
    for sample in chosen:
        lines = sample.read_bytes().split(b"\n")[:SAMPLE_MUTATION_MAX_LINES]
        done = []
        for _ in range(rng.randint(1, 4)):
            mutation = rng.choice(("flip", "delete", "duplicate", "delimiter", "header", "quote", "nul"))
            done.append(mutation)
            if mutation == "flip":
                data = bytearray(b"\n".join(lines))
                for _ in range(rng.randint(1, 20)):
                    data[rng.randrange(len(data))] = rng.randrange(256)
                lines = bytes(data).split(b"\n")
            elif mutation == "delete":
                for _ in range(rng.randint(1, 10)):
                    if len(lines) > 1:
                        del lines[rng.randrange(len(lines))]
            elif mutation == "duplicate":
                for _ in range(rng.randint(1, 10)):
                    index = rng.randrange(len(lines))
                    lines.insert(index, lines[index])
            elif mutation == "delimiter":
                new = rng.choice((b";", b"\t", b"|"))
                every = rng.random() < 0.5
                lines = [line.replace(b",", new) if every or rng.random() < 0.3 else line for line in lines]
            elif mutation == "header":
                garbage = rng.choice((b"\x00\x01", b"\xd0", '"Ïñ†ërnâtïønål\u202e'.encode(), b'"', b",,,,",
                                      bytes(rng.randrange(32, 127) for _ in range(40))))
                position = rng.choice(("prepend", "replace", "append"))
                lines[0] = {"prepend": garbage + lines[0], "append": lines[0] + garbage, "replace": garbage}[position]
            elif mutation == "quote":
                for _ in range(rng.randint(1, 3)):
                    index = rng.randrange(len(lines))
                    cut = rng.randint(0, len(lines[index]))
                    lines[index] = lines[index][:cut] + b'"' + lines[index][cut:]
            elif mutation == "nul":
                index = rng.randrange(len(lines))
                lines[index] = lines[index] + b"\x00" * rng.randint(1, 8)
        (folder / sample.name).write_bytes(b"\n".join(lines))
        details.append(f"{sample.name}: {'+'.join(done)}")
        named.append(sample.name)
    return "; ".join(details), named


def _truncated_encoding(rng, folder):
    variant = rng.choice(("utf-16-le", "utf-16-be", "utf-8", "cp1251"))
    rows = student_rows(rng, rng.randint(5, 60), cyrillic=True)
    text = csv_text(STUDENTS_HEADER, rows)
    if variant == "utf-16-le":
        data = b"\xff\xfe" + text.encode("utf-16-le")
        cut = len(data) - rng.choice((1, 3, 5, 7))  # mid code unit
    elif variant == "utf-16-be":
        data = b"\xfe\xff" + text.encode("utf-16-be")
        cut = len(data) - rng.choice((1, 3, 5, 7))
    elif variant == "utf-8":
        data = text.encode("utf-8")
        # cut inside the last multi-byte character of the file
        last = max(index for index, byte in enumerate(data) if byte >= 0xC0)
        cut = last + 1
    else:
        data = text.encode("cp1251")
        cut = len(data) - rng.randint(2, 12)
    (folder / "students.csv").write_bytes(data[:cut])
    return f"students.csv: {variant}, {len(rows)} rows, cut to {cut} of {len(data)} bytes", ["students.csv"]


def _giant_cell(rng, folder):
    rows = student_rows(rng, rng.randint(5, 30))
    row = rng.randrange(len(rows))
    column = rng.choice((1, 2, 3, 7))
    fill = rng.choice(("x", "Ж", " ", "1"))
    rows[row][column] = fill * GIANT_CELL_CHARS
    quoted = rng.random() < 0.5
    if quoted:
        rows[row][column] = '"' + rows[row][column] + '"'
    (folder / "students.csv").write_text(csv_text(STUDENTS_HEADER, rows), encoding="utf-8")
    return (f"students.csv: line {row + 2} column {STUDENTS_HEADER[column]} holds {GIANT_CELL_CHARS} x {fill!r}"
            f"{' (quoted)' if quoted else ''}"), ["students.csv"]


def _giant_header(rng, folder):
    rows = student_rows(rng, rng.randint(3, 20))
    extra = [f"extra{index}" for index in range(GIANT_HEADER_COLUMNS - len(STUDENTS_HEADER))]
    full_rows = rng.random() < 0.5
    if full_rows:
        rows = [row + [""] * len(extra) for row in rows]
    (folder / "students.csv").write_text(csv_text(list(STUDENTS_HEADER) + extra, rows), encoding="utf-8")
    return (f"students.csv: {GIANT_HEADER_COLUMNS}-column header, {len(rows)} rows "
            f"{'padded to full width' if full_rows else 'of 8 fields'}"), ["students.csv"]


def _long_line(rng, folder):
    rows = student_rows(rng, rng.randint(5, 30))
    variant = rng.choice(("cell", "title", "delimiters", "count"))
    if variant == "cell":
        rows[rng.randrange(len(rows))][3] = "Medicine " * (LONG_LINE_CHARS // 9)
        text = csv_text(STUDENTS_HEADER, rows)
    elif variant == "title":
        text = "Report " * (LONG_LINE_CHARS // 7) + "\n" + csv_text(STUDENTS_HEADER, rows)
    elif variant == "delimiters":
        text = csv_text(STUDENTS_HEADER, rows) + "," * LONG_LINE_CHARS + "\n"
    else:
        rows[rng.randrange(len(rows))][2] = "1" * LONG_LINE_CHARS
        text = csv_text(STUDENTS_HEADER, rows)
    (folder / "students.csv").write_text(text, encoding="utf-8")
    return f"students.csv: a line over {LONG_LINE_CHARS} chars ({variant})", ["students.csv"]


def _cr_line_endings(rng, folder):
    rows = student_rows(rng, rng.randint(5, 60))
    variant = rng.choice(("cr-only", "stray-unquoted", "stray-quoted", "mixed"))
    if variant == "cr-only":
        text = csv_text(STUDENTS_HEADER, rows, newline="\r")
    elif variant == "mixed":
        text = "".join(",".join(row) + rng.choice(("\r", "\n", "\r\n")) for row in [list(STUDENTS_HEADER), *rows])
    else:
        row = rng.randrange(len(rows))
        rows[row][3] = '"General\rMedicine"' if variant == "stray-quoted" else "General\rMedicine"
        text = csv_text(STUDENTS_HEADER, rows)
    (folder / "students.csv").write_text(text, encoding="utf-8", newline="")
    return f"students.csv: {variant}, {len(rows)} rows", ["students.csv"]


def unbalanced_quote_students(rng: random.Random, rows: int = 100, line: int = 11) -> str:
    """A students file of `rows` data rows whose line `line` is `2024,"India,1` (quote never closed)."""
    data = [",".join(row[:3]) for row in student_rows(rng, rows)]
    data[line - 2] = '2024,"India,1'
    return "year,citizenship,count\n" + "\n".join(data) + "\n"


def _unbalanced_quote(rng, folder):
    rows = rng.choice((100, 100, 20, 500))
    line = rng.randint(2, rows + 1)
    (folder / "students.csv").write_text(unbalanced_quote_students(rng, rows, line), encoding="utf-8")
    return f"students.csv: {rows} rows, unbalanced quote on line {line}", ["students.csv"]


def _torn_last_line(rng, folder):
    export = rng.choice(("students", "partners", "events"))
    header, rows = {"students": (STUDENTS_HEADER, student_rows(rng, rng.randint(3, 40))),
                    "partners": (PARTNERS_HEADER, partner_rows(rng, rng.randint(3, 40))),
                    "events": (EVENTS_HEADER, event_rows(rng, rng.randint(3, 40)))}[export]
    text = csv_text(header, rows)
    last = ",".join(rows[-1])
    cut = rng.randint(1, len(last) - 1)
    if rng.random() < 0.3:  # torn inside an opened quote
        text = text[: len(text) - len(last) - 1] + last[:cut] + ',"unfinis'
    else:
        text = text[: len(text) - len(last) - 1] + last[:cut]
    (folder / f"{export}.csv").write_text(text, encoding="utf-8")
    return f"{export}.csv: {len(rows)} rows, last line torn after {cut} chars", [f"{export}.csv"]


def _absurd_number(rng, folder):
    target = rng.choice(("students.count", "mobility.count", "events.participants", "totals.total_students",
                         "grants.amount", "staff.fte", "program_enrollment.students"))
    export, column = target.split(".")
    lines = (SAMPLE_DATA / f"{export}.csv").read_text(encoding="utf-8").splitlines()[:200]
    header = lines[0].split(",")
    position = header.index(column)
    values = []
    for _ in range(rng.randint(1, 4)):
        index = rng.randint(1, len(lines) - 1)
        cells = lines[index].split(",")
        if len(cells) != len(header):  # a quoted comma: leave the line alone
            continue
        value = rng.choice(ABSURD_NUMBERS)
        cells[position] = value
        lines[index] = ",".join(cells)
        values.append(f"line {index + 1}={value}")
    (folder / f"{export}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f"{export}.csv column {column}: {', '.join(values) or 'no line changed'}", [f"{export}.csv"]


def _out_of_range_date(rng, folder):
    target = rng.choice(("partners.expires", "partners.signed", "events.date"))
    export, column = target.split(".")
    if export == "partners":
        header, rows = PARTNERS_HEADER, partner_rows(rng, rng.randint(3, 30))
    else:
        header, rows = EVENTS_HEADER, event_rows(rng, rng.randint(3, 30))
    position = header.index(column)
    values = []
    for _ in range(rng.randint(1, 3)):
        index = rng.randrange(len(rows))
        value = rng.choice(ODD_DATES)
        rows[index][position] = value
        values.append(f"line {index + 2}={value}")
    (folder / f"{export}.csv").write_text(csv_text(header, rows), encoding="utf-8")
    return f"{export}.csv column {column}: {', '.join(values)}", [f"{export}.csv"]


def _xlsx_far_cell(rng, folder):
    rows = students_sheet_rows(rng, 2)
    far = f'<row r="{XLSX_MAX_ROW}"><c r="{XLSX_MAX_COLUMN}{XLSX_MAX_ROW}" t="inlineStr"><is><t>x</t></is></c></row>'
    dimension = rng.choice((f"A1:{XLSX_MAX_COLUMN}{XLSX_MAX_ROW}", None))
    write_xlsx(folder / "students.xlsx", sheet_xml(rows + far, dimension))
    return f"students.xlsx: header + 2 rows and a cell at XFD1048576, dimension {dimension}", ["students.xlsx"]


def _xlsx_bogus_dimension(rng, folder):
    count = rng.randint(1, 5)
    dimension = rng.choice((f"A1:{XLSX_MAX_COLUMN}{XLSX_MAX_ROW}", f"A1:C{XLSX_MAX_ROW}", f"A1:{XLSX_MAX_COLUMN}4"))
    write_xlsx(folder / "students.xlsx", sheet_xml(students_sheet_rows(rng, count), dimension))
    return f"students.xlsx: header + {count} rows, bogus dimension {dimension}", ["students.xlsx"]


def huge_shared_string_parts(megabytes: int):
    """(sheet chunks, sharedStrings chunks): header in shared strings, and one string of `megabytes` MB in D2."""
    def shared():
        yield ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">'
               "<si><t>year</t></si><si><t>citizenship</t></si><si><t>count</t></si><si><t>faculty</t></si><si><t>")
        yield from _repeat("A", megabytes * CHUNK)
        yield "</t></si></sst>"

    rows = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>'
            '<c r="D1" t="s"><v>3</v></c></row>'
            '<row r="2"><c r="A2"><v>2024</v></c><c r="B2" t="inlineStr"><is><t>India</t></is></c>'
            '<c r="C2"><v>1</v></c><c r="D2" t="s"><v>4</v></c></row>')
    return sheet_xml(rows, "A1:D2"), shared()


def _xlsx_huge_shared_string(rng, folder):
    megabytes = rng.randint(*HUGE_SHARED_STRING_MB)
    sheet, shared = huge_shared_string_parts(megabytes)
    write_xlsx(folder / "students.xlsx", sheet, shared)
    return f"students.xlsx: one shared string of {megabytes} MB in D2", ["students.xlsx"]


def million_rows_sheet(rng: random.Random, data_rows: int = 2, empty_rows: int = XLSX_MAX_ROW - 3):
    """Header, `data_rows` rows and then `empty_rows` empty `<row>` elements."""
    first_empty = data_rows + 2

    def empty():
        batch = 50_000
        for start in range(first_empty, first_empty + empty_rows, batch):
            stop = min(start + batch, first_empty + empty_rows)
            yield "".join(f'<row r="{number}"/>' for number in range(start, stop))

    return sheet_xml([students_sheet_rows(rng, data_rows), *empty()], f"A1:C{first_empty + empty_rows - 1}")


def _xlsx_million_rows(rng, folder):
    empty_rows = rng.choice((XLSX_MAX_ROW - 3, 1_000_000, 500_000))
    write_xlsx(folder / "students.xlsx", million_rows_sheet(rng, 2, empty_rows))
    return f"students.xlsx: header + 2 rows + {empty_rows} empty <row>s", ["students.xlsx"]


def ratio_bomb_sheet(rng: random.Random, megabytes: int):
    """Header and 2 rows with `megabytes` MB of white space between the rows (ratio about 1000:1)."""
    return sheet_xml([students_sheet_rows(rng, 1), *_repeat(" ", megabytes * CHUNK),
                      sheet_rows([[2024, "India", 1]], 3)], "A1:C3")


def _xlsx_ratio_bomb(rng, folder):
    megabytes = rng.randint(*RATIO_BOMB_MB)
    write_xlsx(folder / "students.xlsx", ratio_bomb_sheet(rng, megabytes))
    size = (folder / "students.xlsx").stat().st_size
    return f"students.xlsx: {megabytes} MB of sheet XML in a {size} byte file", ["students.xlsx"]


def _xlsx_not_a_zip(rng, folder):
    variant = rng.choice(("csv text", "random", "truncated zip", "html"))
    if variant == "csv text":
        data = csv_text(STUDENTS_HEADER, student_rows(rng, 5)).encode()
    elif variant == "random":
        data = rng.randbytes(rng.randint(1, 8000))
    elif variant == "html":
        data = b"<html><body><table><tr><td>year</td><td>citizenship</td></tr></table></body></html>"
    else:
        write_xlsx(folder / "students.xlsx", sheet_xml(students_sheet_rows(rng, 3), "A1:C4"))
        full = (folder / "students.xlsx").read_bytes()
        data = full[: rng.randint(4, len(full) - 1)]
    (folder / "students.xlsx").write_bytes(data)
    return f"students.xlsx: not a zip ({variant}, {len(data)} bytes)", ["students.xlsx"]


XLSX_REQUIRED_PARTS = ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                       "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml")


def _xlsx_missing_parts(rng, folder):
    omit = tuple(rng.sample(XLSX_REQUIRED_PARTS, rng.randint(1, 2)))
    write_xlsx(folder / "students.xlsx", sheet_xml(students_sheet_rows(rng, 3), "A1:C4"), omit=omit)
    return f"students.xlsx: parts missing: {', '.join(omit)}", ["students.xlsx"]


def formula_sheet(formula_rows: tuple[int, ...], data_rows: int = 3):
    """Header and `data_rows` rows; the count cell of each row in `formula_rows` is `<f>SUM(A1)</f>` with no `<v>`."""
    rows = ['<row r="1">' + sheet_cell(1, 0, "year") + sheet_cell(1, 1, "citizenship") + sheet_cell(1, 2, "count")
            + "</row>"]
    for number in range(2, data_rows + 2):
        count = f'<c r="C{number}"><f>SUM(A1)</f></c>' if number in formula_rows else sheet_cell(number, 2, 1)
        rows.append(f'<row r="{number}">{sheet_cell(number, 0, 2024)}{sheet_cell(number, 1, "India")}{count}</row>')
    return sheet_xml("".join(rows), f"A1:C{data_rows + 1}")


def _xlsx_formula_no_value(rng, folder):
    data_rows = rng.randint(2, 20)
    formula_rows = tuple(sorted(rng.sample(range(2, data_rows + 2), rng.randint(1, min(3, data_rows)))))
    write_xlsx(folder / "students.xlsx", formula_sheet(formula_rows, data_rows))
    return f"students.xlsx: {data_rows} rows, count formula without cached value on rows {formula_rows}", [
        "students.xlsx"]


HOSTILE_SETTINGS = {
    # name: (settings.toml bytes, must the report name settings.toml?)
    "malformed table": (b'[university\nname = "x"\n', True),
    "unterminated string": (b'[university]\nname = "Silk Road\n', True),
    "binary": (b"\xff\xfe\x00[\x00u\x00", True),
    "name is a number": (b"[university]\nname = 5\n", False),
    "unknown home country": (b'[university]\nname = "U"\nhome_country = "XXX"\n', True),
    "home country is a number": (b"[university]\nhome_country = 5\n", True),
    "home country is a list": (b'[university]\nhome_country = ["UZB"]\n', True),
    "university is a string": (b'university = "Silk Road"\n', True),
    "name is a table": (b"[university]\nname = { en = 1 }\n", False),
    "1 MB name": (b'[university]\nname = "' + b"N" * (1 << 20) + b'"\n', False),
}


def _hostile_settings(rng, folder):
    variant = rng.choice(sorted(HOSTILE_SETTINGS))
    content, must_name = HOSTILE_SETTINGS[variant]
    (folder / "settings.toml").write_bytes(content)
    (folder / "students.csv").write_text(csv_text(STUDENTS_HEADER, student_rows(rng, 10)), encoding="utf-8")
    return f"settings.toml: {variant}", ["settings.toml"] if must_name else []


def _odd_file_names(rng, folder):
    variant = rng.choice(("Students.CSV", "students_2019.xlsx", "students.xlsx+students.csv",
                          "Контингент иностранцев.xlsx", "PARTNERS.Csv"))
    if variant in ("Students.CSV", "PARTNERS.Csv"):
        text = (csv_text(STUDENTS_HEADER, student_rows(rng, 5)) if variant.startswith("S")
                else csv_text(PARTNERS_HEADER, partner_rows(rng, 5)))
        (folder / variant).write_text(text, encoding="utf-8")
        named = [variant]
    elif variant == "students.xlsx+students.csv":
        write_xlsx(folder / "students.xlsx", sheet_xml(students_sheet_rows(rng, 3), "A1:C4"))
        (folder / "students.csv").write_text(csv_text(STUDENTS_HEADER, student_rows(rng, 5)), encoding="utf-8")
        named = ["students.xlsx", "students.csv"]
    else:
        write_xlsx(folder / variant, sheet_xml(students_sheet_rows(rng, 3), "A1:C4"))
        named = [variant]
    return f"odd name: {variant}", named


def _empty_file(rng, folder):
    name = f"{rng.choice(EXPORT_NAMES)}{rng.choice(('.csv', '.xlsx', '.tsv'))}"
    content = rng.choice((b"", b"\xef\xbb\xbf", b"\n\n\n", b"\xff\xfe", b" \t \r\n"))
    (folder / name).write_bytes(content)
    return f"{name}: {content!r}", [name]


def _directory_as_file(rng, folder):
    name = rng.choice(("students.csv", "partners.xlsx", "events.csv"))
    (folder / name).mkdir()
    if rng.random() < 0.5:
        (folder / name / "inner.csv").write_text("year,citizenship\n2024,India\n", encoding="utf-8")
    return f"{name} is a directory", [name]


def _unreadable_file(rng, folder):
    (folder / "students.csv").write_text(csv_text(STUDENTS_HEADER, student_rows(rng, 5)), encoding="utf-8")
    (folder / "students.csv").chmod(0)
    as_root = os.geteuid() == 0
    return f"students.csv: chmod 000{' (no effect: running as root)' if as_root else ''}", ["students.csv"]


_WRITERS = {
    "random_bytes": _random_bytes,
    "sample_mutation": _sample_mutation,
    "truncated_encoding": _truncated_encoding,
    "giant_cell": _giant_cell,
    "giant_header": _giant_header,
    "long_line": _long_line,
    "cr_line_endings": _cr_line_endings,
    "unbalanced_quote": _unbalanced_quote,
    "torn_last_line": _torn_last_line,
    "absurd_number": _absurd_number,
    "out_of_range_date": _out_of_range_date,
    "xlsx_far_cell": _xlsx_far_cell,
    "xlsx_bogus_dimension": _xlsx_bogus_dimension,
    "xlsx_huge_shared_string": _xlsx_huge_shared_string,
    "xlsx_million_rows": _xlsx_million_rows,
    "xlsx_ratio_bomb": _xlsx_ratio_bomb,
    "xlsx_not_a_zip": _xlsx_not_a_zip,
    "xlsx_missing_parts": _xlsx_missing_parts,
    "xlsx_formula_no_value": _xlsx_formula_no_value,
    "hostile_settings": _hostile_settings,
    "odd_file_names": _odd_file_names,
    "empty_file": _empty_file,
    "directory_as_file": _directory_as_file,
    "unreadable_file": _unreadable_file,
}
assert set(_WRITERS) == set(CASE_CLASSES)


# ----------------------------------------------------------------------------------------------
# Harness: ingestion in this process
# ----------------------------------------------------------------------------------------------
def ingestion_summary(folder: Path) -> dict:
    """`load_dataset(folder)` as plain data: files read, unreadable files, problems; or the escaped exception."""
    from metrics.ingest import load_dataset

    try:
        data = load_dataset(folder)
    except Exception as error:  # the promise under test is that nothing escapes
        return {"exception": f"{type(error).__name__}: {str(error)[:300]}"}
    return {
        "exception": None,
        "files": [{"name": Path(report.path).name, "rows_read": report.rows_read, "rows_loaded": report.rows_loaded,
                   "rows_excluded": report.rows_excluded} for report in data.files],
        "unreadable": [{"file": issue.file, "message": issue.message[:300]} for issue in data.unreadable],
        "issues": [{"file": issue.file, "row": issue.row, "column": issue.column, "severity": issue.severity,
                    "code": issue.code, "message": issue.message[:300]} for issue in data.issues],
        "university": str(data.university)[:100],
        "home": data.home,
        "frames": {name: len(frame) for name, frame in data.frames.items()},
    }


def ingestion_violations(summary: dict, folder: Path, named: tuple[str, ...] = ()) -> list[str]:
    """The ingestion promises a summary breaks: nothing escapes, rows add up, every problem names a file."""
    if summary["exception"]:
        return [f"exception escaped load_dataset: {summary['exception']}"]
    violations = []
    for report in summary["files"]:
        if report["rows_read"] != report["rows_loaded"] + report["rows_excluded"]:
            violations.append(f"{report['name']}: rows read {report['rows_read']} != loaded {report['rows_loaded']}"
                              f" + excluded {report['rows_excluded']}")
    entries = {entry.name for entry in Path(folder).iterdir()}
    for problem in summary["unreadable"] + summary["issues"]:
        if not problem["file"] or Path(problem["file"]).name not in entries:
            violations.append(f"problem names no file of the folder: {problem}")
    mentioned = ({report["name"] for report in summary["files"]}
                 | {Path(problem["file"]).name for problem in summary["unreadable"] + summary["issues"] if problem["file"]})
    for name in named:
        if name not in mentioned:
            violations.append(f"{name} is neither loaded nor reported")
    return violations


# ----------------------------------------------------------------------------------------------
# Harness: a subprocess under limits
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LimitedRun:
    """A subprocess run under the time and memory limits."""

    exit_code: int | None  # None when killed
    stdout: str
    stderr: str
    seconds: float
    peak_rss_bytes: int
    timed_out: bool

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def _limit_address_space(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def run_limited(argv: list[str], *, timeout: float = VALIDATE_TIMEOUT_SECONDS,
                memory_limit: int = MEMORY_LIMIT_BYTES, code_root: Path = ROOT) -> LimitedRun:
    """Run `argv` in `code_root` with RLIMIT_AS = `memory_limit`; killed after `timeout` seconds.

    `code_root` is the checkout whose `metrics` package runs (default: this one). Peak RSS is
    the larger of /proc polling and the child's own `ru_maxrss` (from wait4).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=code_root, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                   preexec_fn=lambda: _limit_address_space(memory_limit))
        timed_out, peak = False, 0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, _rss_bytes(process.pid))
            if time.perf_counter() - start > timeout:
                timed_out = True
                process.send_signal(signal.SIGKILL)
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(POLL_SECONDS)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        return LimitedRun(
            exit_code=None if timed_out else process.returncode,
            stdout=out.read().decode("utf-8", errors="replace"),
            stderr=err.read().decode("utf-8", errors="replace"),
            seconds=seconds,
            peak_rss_bytes=max(peak, usage.ru_maxrss * 1024),
            timed_out=timed_out,
        )


def run_validate(folder: Path, **limits) -> LimitedRun:
    """`python -m metrics validate --data folder` under the limits."""
    return run_limited([sys.executable, "-m", "metrics", "validate", "--data", str(folder)], **limits)


def ingestion_summary_in_child(folder: Path, **limits) -> tuple[LimitedRun, dict | None]:
    """`ingestion_summary` in a subprocess under the limits (for cases that may exhaust memory)."""
    run = run_limited([sys.executable, __file__, "--summary", str(folder)], **limits)
    try:
        summary = json.loads(run.stdout.strip().splitlines()[-1]) if run.exit_code == 0 else None
    except (json.JSONDecodeError, IndexError):
        summary = None
    return run, summary


MEMORY_MARKERS = ("MemoryError", "std::bad_alloc", "Cannot allocate memory", "out of memory")
FAILURE_KINDS = ("timeout", "memory", "traceback", "bad_exit", "unnamed")


def validate_failure(run: LimitedRun, named: tuple[str, ...] = (),
                     memory_limit: int = MEMORY_LIMIT_BYTES) -> str | None:
    """Why a validate run breaks the promise (one of FAILURE_KINDS), or None when it keeps it."""
    if run.timed_out:
        return "timeout"
    if (run.peak_rss_bytes > memory_limit or any(marker in run.output for marker in MEMORY_MARKERS)
            or (run.exit_code is not None and run.exit_code < 0)):
        return "memory"
    if "Traceback" in run.output:
        return "traceback"
    if run.exit_code not in (0, 1, 2):
        return "bad_exit"
    if any(name not in run.output for name in named):
        return "unnamed"
    return None


def first_error_line(run: LimitedRun) -> str:
    """The last line of a traceback, or the first line of output: what went wrong, in one line."""
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    if lines:
        return lines[-1][:200]
    lines = [line for line in run.stdout.splitlines() if line.strip()]
    return lines[0][:200] if lines else ""


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--summary":
        sys.path.insert(0, str(ROOT))
        print(json.dumps(ingestion_summary(Path(sys.argv[2]))))
    elif len(sys.argv) in (3, 4) and sys.argv[1].isdigit():
        written = write_case(int(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) == 4 else DEFAULT_SEED)
        print(f"case {written.number} ({written.kind}): {written.detail}\n{written.folder}")
    else:
        print("usage: fuzz_exports.py CASE ROOT [SEED]  |  fuzz_exports.py --summary FOLDER", file=sys.stderr)
        sys.exit(2)
