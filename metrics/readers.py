"""Reading raw exports: bytes on disk to a grid of text cells, whatever the exporting system did.

This layer knows nothing of the data contract. It detects the encoding (BOMs, UTF-8,
Windows-1251, KOI8-R, CP866, Western single-byte code pages, and files that mix UTF-8
with stray single-byte lines), sniffs the delimiter, and returns every line of the file
as text cells, so that the next layer (`metrics.ingest`) can find the header below any
title lines and report problems by the line number the user sees in the file.

Every export is treated as hostile. A file over a limit (`LIMITS`) is refused with one message
before it is expanded; a workbook is checked for its real size (not the dimension it claims)
and read without padding; a line the parser cannot take as one record (an unbalanced quote,
a line cut short at the end of a file still being written, an over-long cell) is kept as a
numbered problem of that line (`RawTable.problems`), never merged into its neighbours.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import hashlib
import io
import re
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from metrics.background import InThread
from metrics.codes import small_code_type
from metrics.validation import UnreadableFile

# Single-byte encodings tried when a file is not UTF-8, in order of preference on a tie.
# Cyrillic exports from Windows (1251), old Unix systems (KOI8-R) and DOS/1C (866);
# Western exports (1252, and Mac Roman, seen in OECD files).
SINGLE_BYTE_CANDIDATES = ("cp1251", "koi8_r", "cp866", "cp1252", "mac_roman")
DELIMITER_CANDIDATES = (",", ";", "\t", "|")
SNIFF_LINES = 60  # lines looked at to choose a delimiter
SCORE_SAMPLE_BYTES = 16_000  # non-ASCII lines scored to choose a single-byte encoding
MIXED_LINE_SHARE = 0.2  # at most this share of non-UTF-8 lines makes a file "UTF-8 with stray lines"
EXCEL_SUFFIXES = (".xlsx", ".xlsm")

# Limits that protect the server from a hostile or broken export (documented in data/README.md).
# A real registry export is far below each of them; a file over one is refused with a message.
MAX_FILE_BYTES = 1 << 30  # 1 GiB on disk (about 15 million student rows as CSV)
MAX_ROWS = 20_000_000  # lines of a text file, rows of a sheet
MAX_COLUMNS = 500  # columns of the widest row (an export has about 10)
MAX_CELL_CHARS = 10_000  # characters in one cell; a longer cell makes its row unusable
MAX_RECORD_LINES = 20  # a quoted cell may span at most this many lines before the quote counts as unbalanced
MAX_XLSX_PART_BYTES = 512 << 20  # uncompressed size of one part of a workbook (sheet XML, shared strings)
MAX_XLSX_SHARED_STRINGS_BYTES = 128 << 20  # shared strings are held in memory whole
LIMITS = {
    "file size": f"{MAX_FILE_BYTES >> 20} MB",
    "rows (lines)": f"{MAX_ROWS:,}",
    "columns": f"{MAX_COLUMNS}",
    "characters in one cell": f"{MAX_CELL_CHARS:,}",
    "lines in one quoted cell": f"{MAX_RECORD_LINES}",
    "uncompressed part of an .xlsx (a sheet)": f"{MAX_XLSX_PART_BYTES >> 20} MB",
    "shared strings of an .xlsx": f"{MAX_XLSX_SHARED_STRINGS_BYTES >> 20} MB",
}

csv.field_size_limit(1 << 30)  # long cells are reported by length (MAX_CELL_CHARS), not by a csv.Error

_CYRILLIC_COMMON = set("оеаинтсрвлкмдпуяызьбгч")
_CYRILLIC_LOWER = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяўқғҳіїєґ")
_CYRILLIC_UPPER = {c.upper() for c in _CYRILLIC_LOWER}
_LATIN_ACCENTED = set("áéíóúñüàèìòùâêîôûçäöëïßãõåæøœÁÉÍÓÚÑÜÀÈÌÒÙÂÊÎÔÛÇÄÖËÏÃÕÅÆØŒ")


@dataclass(frozen=True)
class CellProblem:
    """A cell (or, with ``column`` None, a whole row) of a RawTable that cannot be used as read."""

    row: int  # index into RawTable.cells
    column: int | None  # position of the cell; None = the whole row
    code: str  # what kind of problem (see metrics.validation.MESSAGE_CODES)
    message: str  # English text: what is wrong and what to do


@dataclass(frozen=True)
class RawTable:
    """Every record of a file as text cells, with the file line each one starts on."""

    # all columns str ("" for empty), or categorical of str (columns of few distinct values, read as
    # codes into their distinct values); one row per record
    cells: pd.DataFrame
    encoding: str
    delimiter: str
    notes: tuple[tuple[str, str], ...] = ()  # (code, message): things worth telling the user (mixed encodings ...)
    line_numbers: np.ndarray | None = None  # line (1-based) each row starts on; None = row index + 1
    problems: tuple[CellProblem, ...] = field(default_factory=tuple)
    sha256: str | None = None  # SHA-256 of the file's bytes as read (None: not computed)
    digest: _Digest | None = field(default=None, repr=False, compare=False)  # the SHA-256 still being computed

    def file_sha256(self) -> str | None:
        """The file's SHA-256: `sha256`, or the digest computed in a thread once it is done (None: neither)."""
        return self.sha256 if self.sha256 is not None or self.digest is None else self.digest.result()

    def line(self, row: int) -> int:
        """The line of the file (or sheet row) where row ``row`` of `cells` starts."""
        return int(self.line_numbers[row]) if self.line_numbers is not None else row + 1


def _text_score(text: str) -> int:
    """How much a decoded sample looks like real text: higher is more plausible.

    Right decodings give mostly lowercase Cyrillic (or accented Latin inside Latin words);
    wrong ones give uppercase runs, box-drawing characters, symbols, or Cyrillic letters
    glued to Latin ones.
    """
    score = 0
    previous = " "
    for char in text:
        if char.isascii():
            if char.isalpha() and (previous in _CYRILLIC_LOWER or previous in _CYRILLIC_UPPER):
                score -= 5
        elif char in _CYRILLIC_COMMON:
            score += 2
        elif char in _CYRILLIC_LOWER:
            score += 1
        elif char in _CYRILLIC_UPPER:
            score += 0 if previous.isalpha() and previous not in _CYRILLIC_LOWER else 1
        elif char in _LATIN_ACCENTED:
            score += 2 if previous.isascii() and previous.isalpha() else 0
        elif char in "\u00a0«»—–№’“”‘":
            score += 0
        else:
            score -= 3
        if (char in _CYRILLIC_LOWER or char in _CYRILLIC_UPPER) and previous.isascii() and previous.isalpha():
            score -= 5
        previous = char
    return score


def _best_single_byte(raw: bytes) -> str:
    """The single-byte encoding under which ``raw`` reads most like text."""
    sample = b"\n".join(line for line in raw[:200_000].split(b"\n") if re.search(rb"[\x80-\xff]", line))
    sample = sample[:SCORE_SAMPLE_BYTES]
    best, best_score = SINGLE_BYTE_CANDIDATES[0], None
    for encoding in SINGLE_BYTE_CANDIDATES:
        score = _text_score(sample.decode(encoding, errors="replace"))
        if best_score is None or score > best_score:
            best, best_score = encoding, score
    return best


def decode(raw: bytes) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """Decode a file's bytes: returns (text, encoding name, notes as (code, message)).

    BOMs decide first (UTF-8, UTF-16 LE/BE, UTF-32). Then strict UTF-8. A file that is UTF-8
    except for a few lines (exports concatenated from several systems) keeps its UTF-8 lines
    and decodes the others with the single-byte encoding that reads best for them. Otherwise
    the best-reading single-byte encoding is chosen by content, never by the file name.
    """
    for boms, name in (((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"), "utf-32"), ((b"\xff\xfe", b"\xfe\xff"), "utf-16")):
        if raw.startswith(boms):
            try:
                return raw.decode(name), name, ()
            except UnicodeDecodeError as error:  # cut short, or not really that encoding
                note = (f"the file is not valid {name.upper()} from byte {error.start} on (it may have been "
                        "cut short while copying); unreadable characters are shown as \ufffd. Export it again.")
                return raw.decode(name, errors="replace"), name, (("encoding_truncated", note),)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        bom = True
    else:
        bom = False
    try:
        return raw.decode("utf-8"), "utf-8-sig" if bom else "utf-8", ()
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and error.start >= len(raw) - 3:
            try:  # UTF-8 cut inside its last character: a file copied or written only in part
                text = raw[:error.start].decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                note = ("the file ends in the middle of a character: it was cut short (still being written, or "
                        "copied in part). Export it again.")
                return text, "utf-8-sig" if bom else "utf-8", (("encoding_truncated", note),)
    head = raw[:1_000_000].decode("utf-8", errors="replace").split("\n")
    if sum("\ufffd" in line for line in head) > max(1, int(len(head) * MIXED_LINE_SHARE)):
        encoding = _best_single_byte(raw)
        return raw.decode(encoding, errors="replace"), encoding, ()
    replaced = raw.decode("utf-8", errors="replace")
    text_lines = replaced.split("\n")
    bad = [index for index, line in enumerate(text_lines) if "\ufffd" in line]
    has_utf8_multibyte = re.search(rb"[\xc2-\xf4][\x80-\xbf]", raw) is not None
    if has_utf8_multibyte and len(bad) <= max(1, int(len(text_lines) * MIXED_LINE_SHARE)):
        raw_lines = raw.split(b"\n")
        fallback = _best_single_byte(b"\n".join(raw_lines[index] for index in bad))
        for index in bad:
            text_lines[index] = raw_lines[index].decode(fallback, errors="replace")
        note = (f"{len(bad)} line(s) were not valid UTF-8 (first at line {bad[0] + 1}); "
                f"they were read as {fallback}. Save the file as UTF-8 to avoid this.")
        return "\n".join(text_lines), f"utf-8+{fallback}", (("mixed_encoding", note),)
    encoding = _best_single_byte(raw)
    return raw.decode(encoding, errors="replace"), encoding, ()


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most consistent number of fields."""
    sample_lines = [line for line in text[:200_000].splitlines()[:SNIFF_LINES] if line.strip()]
    if not sample_lines:
        return ","
    best, best_key = ",", None
    for delimiter in DELIMITER_CANDIDATES:
        counts = []
        for row in csv.reader(sample_lines, delimiter=delimiter):
            counts.append(len(row))
        widths = [count for count in counts if count > 1]
        if not widths:
            continue
        modal = max(set(widths), key=widths.count)
        key = (widths.count(modal), modal)
        if best_key is None or key > best_key:
            best, best_key = delimiter, key
    return best


def read_text_table(text: str, delimiter: str, utf8: bytes | None = None) -> pd.DataFrame:
    """Split decoded text into a grid of str cells, one row per line (blank lines kept).

    Arrow's multithreaded CSV reader does the work. It raises ValueError (ArrowInvalid) when the
    lines have different numbers of fields, and the caller then reads line by line.
    """
    options = pa_csv.ParseOptions(delimiter=delimiter, quote_char='"', ignore_empty_lines=False)
    read = pa_csv.ReadOptions(autogenerate_column_names=True, block_size=1 << 22)
    first_line = text[: text.find("\n") if "\n" in text else len(text)]
    width = len(next(csv.reader([first_line], delimiter=delimiter), [])) or 1
    convert = pa_csv.ConvertOptions(
        column_types={f"f{index}": pa.string() for index in range(width)},
        strings_can_be_null=False, quoted_strings_can_be_null=False)
    source = utf8 if utf8 is not None else text.encode("utf-8")
    table = pa_csv.read_csv(io.BytesIO(source), read_options=read, parse_options=options,
                            convert_options=convert)
    frame = table.to_pandas(types_mapper=lambda kind: pd.StringDtype("pyarrow", na_value=np.nan)
                            if kind in (pa.string(), pa.large_string(), pa.null()) else None)
    frame.columns = range(frame.shape[1])
    return frame


def physical_lines(text: str) -> int:
    """Number of lines in (newline-normalised) text; a final line without a newline counts."""
    if not text:
        return 0
    return text.count("\n") + (0 if text.endswith("\n") else 1)


def read_lines(text: str, delimiter: str) -> tuple[pd.DataFrame, np.ndarray, list[CellProblem]]:
    """Split text into records line by line, so that no line is ever swallowed by another.

    A line with an unbalanced quote is joined with the following lines only when that closes
    the quote within `MAX_RECORD_LINES` lines and gives no more fields than the widest other
    record (a quoted cell with line breaks, which the export meant); the join is reported.
    Otherwise the line is read on its own with the quote taken as a character, and reported as
    a problem of that line. A last line cut short (no final newline and fewer fields than the
    lines before it) is reported as a file still being written.
    Returns (cells, first line of each record, problems).
    """
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    odd_lines = [number for number, line in enumerate(lines) if '"' in line and line.count('"') % 2]
    odd = set(odd_lines)
    records: list[list[str]] = []
    starts: list[int] = []
    problems: list[CellProblem] = []
    pending: list[tuple[int, int, int]] = []  # (record index, first line, last line) of joined records

    def plain(line: str) -> list[str]:
        return next(csv.reader([line], delimiter=delimiter, quoting=csv.QUOTE_NONE), [""]) if line else [""]

    def balanced(first: int, end: int) -> None:  # lines[first:end] hold no odd quote: one record each
        if end > first:
            records.extend(row or [""] for row in csv.reader(lines[first:end], delimiter=delimiter, strict=False))
            starts.extend(range(first + 1, end + 1))

    # The usual number of fields, from balanced lines: a line that has it on its own is a record
    # of its own, never the continuation of a quoted cell.
    sample = [line for number, line in enumerate(lines[:5000]) if number not in odd and line]
    sample_widths = [len(row) for row in csv.reader(sample, delimiter=delimiter, strict=False)]
    usual = max(set(sample_widths), key=sample_widths.count) if sample_widths else 0

    position = 0  # next line not yet taken
    for index in odd_lines:
        if index < position:  # already joined into a record
            continue
        balanced(position, index)
        closing = next((end for end in range(index + 1, min(len(lines), index + MAX_RECORD_LINES)) if end in odd), None)
        if closing is not None and usual > 1 and any(len(plain(line)) >= usual for line in lines[index:closing + 1]):
            closing = None  # the lines are whole records each: the quote is a stray one
        if closing is not None:
            joined = next(csv.reader(["\n".join(lines[index:closing + 1])], delimiter=delimiter, strict=False), [])
            pending.append((len(records), index + 1, closing + 1))
            records.append([cell.replace("\n", " ") for cell in joined])
            starts.append(index + 1)
            position = closing + 1
        else:
            problems.append(CellProblem(len(records), None, "quote_unbalanced",
                                        f"line {index + 1} has an opening quote (\") that is never closed; the row "
                                        "is excluded. Remove the stray quote or close it, and export again."))
            records.append(plain(lines[index]))
            starts.append(index + 1)
            position = index + 1
    balanced(position, len(lines))
    widths = np.fromiter((len(row) for row in records), dtype=np.int64, count=len(records))
    others = np.delete(widths, [record for record, _, _ in pending]) if pending else widths
    modal = int(np.bincount(others).argmax()) if len(others) else 0
    for record, first, last in pending:
        if widths[record] > max(modal, 1):
            problems.append(CellProblem(record, None, "quote_unbalanced",
                                        f"lines {first}–{last} were taken as one record by a quote (\") that is not "
                                        "closed on its line; the row is excluded. Check the quotes on these lines."))
        else:
            problems.append(CellProblem(record, None, "record_joined",
                                        f"lines {first}–{last} are one record (a quoted cell with line breaks); "
                                        "they were joined. Check that this row is right."))
    if records and not text.endswith("\n") and len(records) > 2 and widths[-1] < modal:
        problems.append(CellProblem(len(records) - 1, None, "line_torn",
                                    f"the last line ({starts[-1]}) is cut short: it has {widths[-1]} of {modal} fields "
                                    "and no line end (was the file still being written?); the row is excluded."))
    width = int(widths.max()) if len(widths) else 0
    if width > MAX_COLUMNS:
        raise UnreadableFile(f"a line has {width:,} columns; at most {MAX_COLUMNS} are read. "
                             "Delete the empty or extra columns and export again.")
    for row in records:
        if len(row) < width:
            row.extend([""] * (width - len(row)))
    return pd.DataFrame(records, dtype=str), np.asarray(starts, dtype=np.int64), problems


def _normalise_newlines(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """CR LF → LF; a file with only CR line ends (old Macs) gets LF; a stray CR inside a line becomes a space."""
    if "\r" not in text:
        return text, ()
    text = text.replace("\r\n", "\n")
    if "\r" not in text:
        return text, ()
    if "\n" not in text.rstrip("\r"):
        return text.replace("\r", "\n"), ()
    first = text[: text.index("\r")].count("\n") + 1
    count = text.count("\r")
    note = (f"{count} stray carriage return(s) (CR) inside lines, first on line {first}, were read as spaces; "
            "check those cells.")
    return text.replace("\r", " "), (("newline_stray_cr", note),)


def _check_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(f"{path.name}: is {size >> 20:,} MB; at most {MAX_FILE_BYTES >> 20:,} MB is read. "
                             "Split the export (e.g. by year) into several folders or files.")


def _oversized_cells(cells: pd.DataFrame) -> list[CellProblem]:
    """A problem for every cell longer than `MAX_CELL_CHARS` (the cell is emptied to free memory)."""
    problems = []
    for position in cells.columns:
        if isinstance(cells[position].dtype, pd.CategoricalDtype):
            categories = cells[position].cat.categories
            lengths = pc.utf8_length(pa.array(categories.array)).to_numpy() if len(categories) else np.zeros(0)
            if not (lengths > MAX_CELL_CHARS).any():
                continue
            cells[position] = cells[position].astype("str")
        lengths = pc.utf8_length(pa.array(cells[position].array))
        over = np.flatnonzero(np.asarray(pc.fill_null(pc.greater(lengths, MAX_CELL_CHARS), False)
                                         .to_numpy(zero_copy_only=False), dtype=bool))
        for row in over:
            length = len(cells.iat[row, position])
            problems.append(CellProblem(int(row), int(position), "cell_too_long",
                                        f"the cell has {length:,} characters; at most {MAX_CELL_CHARS:,} are read. "
                                        "Shorten the text."))
            cells.iat[row, position] = ""
    return problems


# ----------------------------------------------------------------------------------------------
# Workbooks
# ----------------------------------------------------------------------------------------------
_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)")


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _check_workbook_parts(path: Path) -> None:
    """Refuse a workbook whose parts would expand past the limits, before anything is expanded."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise UnreadableFile(f"{path.name}: is not an Excel workbook (.xlsx is a zip archive; this file is not one: "
                             f"{error}). Save it again from Excel as .xlsx, or export it as CSV.") from error
    with archive:
        for info in archive.infolist():
            limit = MAX_XLSX_SHARED_STRINGS_BYTES if info.filename.endswith("sharedStrings.xml") else MAX_XLSX_PART_BYTES
            if info.file_size > limit:
                raise UnreadableFile(
                    f"{path.name}: part '{info.filename}' expands to {info.file_size >> 20:,} MB; at most "
                    f"{limit >> 20:,} MB is read. Save the sheet as CSV, or remove the oversized content.")


_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_FORMULA_WITHOUT_VALUE = ("the cell holds a formula whose result was not saved with the file; the value cannot be "
                          "read. Open the file in Excel and save it again (or paste values).")


def _read_sheet(source, shared_strings, date_styles, timedelta_styles, epoch, name: str):
    """A sheet's XML streamed once: ({row: {column: text}}, [(row, column) of formulas with no saved value]).

    Only cells with a value are kept, so a bogus <dimension>, a stray far cell or a million
    empty rows cost only the time to read them; a value beyond `MAX_COLUMNS` or `MAX_ROWS`
    stops the read at once. Values are written as Excel shows them (`_excel_text`).
    """
    from lxml import etree
    from openpyxl.utils.datetime import from_excel

    row_tag, cell_tag = f"{_SHEET_NS}row", f"{_SHEET_NS}c"
    value_tag, inline_tag, formula_tag = f"{_SHEET_NS}v", f"{_SHEET_NS}is", f"{_SHEET_NS}f"
    values: dict[int, dict[int, str]] = {}
    formulas: list[tuple[int, int]] = []
    row_number = column = 0
    for event, element in etree.iterparse(source, events=("start", "end"), tag=(row_tag, cell_tag)):
        if element.tag == row_tag:
            if event == "start":
                reference = element.get("r")
                row_number = int(reference) if reference and reference.isdigit() else row_number + 1
                column = 0
            else:
                element.clear(keep_tail=False)
                while element.getprevious() is not None:  # keep memory flat over a million rows
                    del element.getparent()[0]
            continue
        if event == "start":
            continue
        match = _CELL_REF.match(element.get("r") or "")
        column = _column_number(match.group(1)) if match else column + 1
        kind = element.get("t")
        value = element.find(value_tag)
        raw = value.text if value is not None else None
        if kind == "inlineStr":
            inline = element.find(inline_tag)
            text = "".join(inline.itertext()) if inline is not None else ""
        elif raw is None or raw == "":
            text = ""
            if element.find(formula_tag) is not None:
                formulas.append((row_number, column))
        elif kind == "s":
            index = int(raw) if raw.isdigit() else -1
            text = str(shared_strings[index]) if 0 <= index < len(shared_strings) else ""
        elif kind in ("str", "e"):
            text = raw
        elif kind == "b":
            text = "True" if raw.strip() == "1" else "False"
        elif kind == "d":
            text = raw[:10] if raw.endswith("T00:00:00") else raw
        else:
            style = element.get("s")
            style_id = int(style) if style and style.isdigit() else 0
            try:
                if style_id in date_styles:
                    text = _excel_text(from_excel(float(raw), epoch))
                elif style_id in timedelta_styles:
                    text = str(from_excel(float(raw), epoch, timedelta=True))
                else:
                    text = str(int(raw)) if raw.lstrip("-").isdigit() else _excel_text(float(raw))
            except (ValueError, OverflowError, TypeError):  # a date beyond Excel's range, a malformed number
                text = raw
        element.clear(keep_tail=False)
        if text == "":
            continue
        if column > MAX_COLUMNS:
            raise UnreadableFile(
                f"{name}: the first sheet has a value in column {column:,}; at most {MAX_COLUMNS} columns are read. "
                "Delete the columns to the right of the table and save again.")
        if row_number > MAX_ROWS:
            raise UnreadableFile(f"{name}: the first sheet has {row_number:,} rows; at most {MAX_ROWS:,} are read.")
        values.setdefault(row_number, {})[column] = text
    return values, formulas


def read_excel_cells(path: Path) -> tuple[pd.DataFrame, list[CellProblem]]:
    """The first sheet of an .xlsx workbook as str cells, one row per sheet row from row 1.

    openpyxl reads the workbook's parts (sheet order, shared strings, which styles are dates);
    the sheet itself is streamed once by `_read_sheet`, so a workbook claiming (or holding one
    stray cell at) XFD1048576 is refused or read only as far as it has values, never padded.
    """
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    _check_workbook_parts(path)
    # openpyxl's own steps of load_workbook() without its worksheet step, which in read-only mode
    # parses every sheet whole just to find a <dimension> that many exporters never write.
    reader = ExcelReader(path, read_only=True, data_only=True)
    try:
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)  # which cell styles are dates
        sheet_path = next((rel.target for _, rel in reader.parser.find_sheets()
                           if rel.target in reader.valid_files and "chartsheet" not in rel.Type), None)
        if sheet_path is None:
            raise UnreadableFile(f"{path.name}: the workbook has no worksheet. Save the table as .xlsx or CSV.")
        workbook = reader.wb
        with reader.archive.open(sheet_path) as source:
            values, formulas = _read_sheet(source, reader.shared_strings, workbook._date_formats,
                                           workbook._timedelta_formats, workbook.epoch, path.name)
    finally:
        reader.archive.close()
    last_row = max(values, default=0)
    width = max((max(row) for row in values.values()), default=0)
    empty = [""] * width
    rows = []
    for number in range(1, last_row + 1):
        found = values.get(number)
        if found is None:
            rows.append(empty)
        else:
            row = list(empty)
            for column, text in found.items():
                row[column - 1] = text
            rows.append(row)
    cells = pd.DataFrame(rows, dtype=str) if rows else pd.DataFrame()
    problems = [CellProblem(row - 1, column - 1, "formula_without_value", _FORMULA_WITHOUT_VALUE)
                for row, column in formulas if 0 < row <= len(cells) and 0 < column <= width]
    return cells, problems


def _excel_text(value: object) -> str:
    """An Excel cell value as the text a user would see in it."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    return str(value)


def read_raw(path: Path) -> RawTable:
    """Read any supported export (.csv, .tsv, .txt, .xlsx) into a RawTable, or raise UnreadableFile."""
    path = Path(path)
    try:
        _check_size(path)
    except OSError as error:
        raise UnreadableFile(f"{path.name}: cannot be read ({error.strerror}).") from error
    if path.suffix.lower() in EXCEL_SUFFIXES:
        try:
            cells, problems = read_excel_cells(path)
        except UnreadableFile:
            raise
        except Exception as error:  # openpyxl and lxml raise many kinds for damaged files
            raise UnreadableFile(
                f"{path.name}: cannot be opened as an Excel workbook ({type(error).__name__}: {str(error)[:200]}). "
                "Save it again from Excel as .xlsx, or export it as CSV."
            ) from error
        cells = _strip_cells(cells)
        problems += _oversized_cells(cells)
        return RawTable(cells=cells, encoding="xlsx", delimiter="", problems=tuple(problems))
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UnreadableFile(f"{path.name}: cannot be read ({error.strerror}).") from error
    if raw.startswith(b"PK\x03\x04"):
        raise UnreadableFile(f"{path.name}: is an Excel workbook with a text extension; rename it to .xlsx.")
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile(f"{path.name}: is not a text export (it contains binary data). Export it as CSV.")
    digest = _Digest(raw)  # the file's SHA-256 for its report, computed in a thread (see `_read_plain`)
    fast = _read_plain(raw, digest)
    if fast is not None:
        return dataclasses.replace(fast, digest=digest)  # still being computed: `RawTable.file_sha256`
    digest.start()
    text, encoding, notes = decode(raw)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise UnreadableFile(f"{path.name}: is empty.")
    text, newline_notes = _normalise_newlines(text)
    notes += newline_notes
    lines = physical_lines(text)
    if lines > MAX_ROWS:
        raise UnreadableFile(f"{path.name}: has {lines:,} lines; at most {MAX_ROWS:,} are read. Split the export.")
    delimiter = sniff_delimiter(text)
    widest = max((line.count(delimiter) + 1 for line in text[:1_000_000].split("\n", SNIFF_LINES)[:SNIFF_LINES]),
                  default=0)
    if widest > MAX_COLUMNS:
        raise UnreadableFile(f"{path.name}: a line near the top has {widest:,} columns; at most {MAX_COLUMNS} are "
                             "read. Delete the empty or extra columns and export again.")
    problems: list[CellProblem] = []
    starts = None
    try:
        utf8 = None
        if encoding in ("utf-8", "utf-8-sig") and b"\r" not in raw:
            utf8 = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
        cells = read_text_table(text, delimiter, utf8)
        if len(cells) != lines or cells.shape[1] > MAX_COLUMNS:  # a quoted cell spanned lines: read line by line
            raise ValueError("records do not match lines")
    except (pa.ArrowInvalid, ValueError):
        try:
            cells, starts, problems = read_lines(text, delimiter)
        except UnreadableFile as error:
            raise UnreadableFile(f"{path.name}: {error}") from error
    cut_short = any(code == "encoding_truncated" for code, _ in notes) and not text.endswith("\n")
    if cut_short and len(cells) > 1 and not any(problem.row == len(cells) - 1 for problem in problems):
        row = len(cells) - 1
        problems.append(CellProblem(row, None, "line_torn",
                                    f"the last line ({row + 1 if starts is None else int(starts[row])}) ends in the "
                                    "middle of a character: the file was cut short; the row is excluded."))
    cells = _strip_cells(cells)
    problems += _oversized_cells(cells)
    return RawTable(cells=cells, encoding=encoding, delimiter=delimiter, notes=notes,
                    line_numbers=starts, problems=tuple(problems), sha256=digest.result())


class _Digest:
    """SHA-256 of bytes, computed in a thread (hashlib releases the GIL) from `start` on, while the caller
    goes on with the bytes: the fast reader starts it once Arrow's parse (on both cores) is done."""

    def __init__(self, data: bytes):
        self._data = data
        self._digest: str | None = None
        self._thread = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Begin computing (at once for a small file); nothing when already begun."""
        with self._lock:
            if self._thread is not None or self._digest is not None:
                return
            if len(self._data) < (4 << 20):
                self._run()
                return
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()

    def _run(self) -> None:
        self._digest = hashlib.sha256(self._data).hexdigest()
        self._data = b""

    def result(self) -> str | None:
        """The hex digest; None when it could not be computed (the caller then hashes the file itself)."""
        self.start()
        if self._thread is not None:
            self._thread.join()
        return self._digest


def _strip_cells(cells: pd.DataFrame) -> pd.DataFrame:
    """Cells with surrounding spaces (incl. no-break spaces) removed; column labels 0..n-1."""
    stripped = {}
    for position, column in enumerate(cells.columns):
        values = cells[column].astype(str)
        stripped[position] = values.str.strip(" \t\r\n\u00a0\u202f\ufeff")
    return pd.DataFrame(stripped, index=pd.RangeIndex(len(cells)))


# ----------------------------------------------------------------------------------------------
# The fast path for the usual export: one encoding throughout, one record per line
# ----------------------------------------------------------------------------------------------
_STRIP = " \t\r\n\u00a0\u202f\ufeff"  # what `_strip_cells` removes around a cell
_HEAD_BYTES = 8_000_100  # bytes decoded to sniff the delimiter: always more than 1,000,000 characters


def _is_utf8(data: bytes) -> bool:
    """True when `data` is valid UTF-8 (Arrow's validation, much faster than decoding to a str)."""
    if not re.search(rb"[\x80-\xff]", data):
        return True
    array = pa.Array.from_buffers(pa.large_binary(), 1, [None, pa.py_buffer(np.array([0, len(data)], dtype=np.int64)),
                                                         pa.py_buffer(data)])
    try:
        array.cast(pa.large_string())
    except pa.ArrowInvalid:
        return False
    return True


def _first_utf8_error(data: bytes) -> UnicodeDecodeError | None:
    """The error of decoding `data` as UTF-8 (None when it is valid), looked for in its first MB first:
    an error there is the first error of the whole (a character cut by the slice is not one)."""
    prefix = 1 << 20
    if len(data) > prefix + 4:
        try:
            codecs.getincrementaldecoder("utf-8")().decode(data[:prefix], final=False)
        except UnicodeDecodeError as error:
            return error
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return error
    return None


def _plain_encoding(raw: bytes) -> tuple[bytes, str] | None:
    """(the bytes without a UTF-8 BOM, encoding) when `decode` would decode the whole file with one
    codec and no note; None for any other file (BOMs of UTF-16/32, mixed or cut-short UTF-8)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return None
    bom = raw.startswith(b"\xef\xbb\xbf")
    body = raw[3:] if bom else raw
    if _is_utf8(body):
        return body, "utf-8-sig" if bom else "utf-8"
    error = _first_utf8_error(body)
    if error is None:  # never: Arrow found it invalid
        return None
    if error.reason == "unexpected end of data" and error.start >= len(body) - 3:
        return None
    head = body[:1_000_000].decode("utf-8", errors="replace").split("\n")
    if sum("\ufffd" in line for line in head) > max(1, int(len(head) * MIXED_LINE_SHARE)):
        return body, _best_single_byte(body)
    return None


def _ascii_only(array: pa.Array) -> bool:
    """True when every byte of a binary/string array's values is ASCII."""
    data = array.buffers()[2]
    if data is None:
        return True
    view = np.frombuffer(data, dtype=np.uint8)
    return len(view) == 0 or int(view.max()) < 0x80


def _decode_binary(array: pa.Array, encoding: str) -> pa.Array:
    """A binary array of single-byte text as a UTF-8 string array: its values decoded as one str.

    A single-byte code page gives one character per byte, so only the cells after a non-ASCII
    byte move, by the extra UTF-8 bytes of the characters before them.
    """
    if array.offset:
        array = pa.concat_arrays([array])  # offsets from 0
    offsets = np.frombuffer(array.buffers()[1], dtype=np.int32)[: len(array) + 1]
    data = array.buffers()[2]
    start, end = int(offsets[0]), int(offsets[-1])
    view = np.frombuffer(data, dtype=np.uint8)[start:end] if data is not None else np.zeros(0, dtype=np.uint8)
    if not len(view) or int(view.max()) < 0x80:  # ASCII is itself in every candidate code page
        return array.cast(pa.string())
    if len(array) > HEAD_ROWS and int(view[int(offsets[HEAD_ROWS]) - start:].max(initial=0)) < 0x80:
        # letters of the code page only in the top rows (a title, the header): those decoded one by one
        head = pa.array([value.decode(encoding, errors="replace") for value in array.slice(0, HEAD_ROWS).to_pylist()],
                        pa.string())
        return pa.concat_arrays([head, array.slice(HEAD_ROWS).cast(pa.string())])
    wide = np.flatnonzero(view >= 0x80)
    if len(wide) <= FEW_WIDE_CELLS:  # a few cells with letters of the code page (a header): decoded one by one
        rows = np.unique(np.searchsorted(offsets[1:].astype(np.int64) - start, wide, side="right"))
        mask = np.zeros(len(array), dtype=bool)
        mask[rows] = True
        texts = [array[int(row)].as_py().decode(encoding, errors="replace").encode("utf-8") for row in rows]
        return pc.replace_with_mask(array, pa.array(mask), pa.array(texts, array.type)).cast(pa.string())
    text = view.tobytes().decode(encoding, errors="replace").encode("utf-8")
    extra = _EXTRA_BYTES[encoding][view[wide]].astype(np.int64).cumsum()
    relative = offsets.astype(np.int64) - start
    moved = relative + np.concatenate(([0], extra))[np.searchsorted(wide, relative, side="left")]
    return pa.Array.from_buffers(pa.large_string(), len(array), [None, pa.py_buffer(moved), pa.py_buffer(text)])


FEW_WIDE_CELLS = 10_000  # a column with at most this many non-ASCII bytes has its cells decoded one by one
HEAD_ROWS = 1000  # top rows of a large column (a title, the header) looked at one by one, the rest as a whole
_EXTRA_BYTES = {encoding: np.array([len(bytes([byte]).decode(encoding, errors="replace").encode("utf-8")) - 1
                                    for byte in range(256)], dtype=np.uint8) for encoding in SINGLE_BYTE_CANDIDATES}


FEW_VALUES_SAMPLE = 20_000  # cells looked at to guess whether a column has few distinct values
FEW_VALUES_SHARE = 4  # a column with at most 1/4 as many distinct values as cells is read as a categorical


def _few_values(column: pa.ChunkedArray, encoding: str | None) -> pd.Series | None:
    """A column of few distinct values (codes, faculties, years ...) as a pandas categorical of str:
    each distinct value decoded and stripped once, the cells kept as codes. None for other columns."""
    size = len(column)
    if size < 2 or column.null_count:
        return None
    sample = column.slice(0, FEW_VALUES_SAMPLE) if size > FEW_VALUES_SAMPLE else column
    if pc.count_distinct(sample).as_py() > len(sample) // FEW_VALUES_SHARE:
        return None
    encoded = pc.dictionary_encode(column)  # chunks share one dictionary
    return _coded_values(encoded, encoding)


def _coded_values(encoded: pa.ChunkedArray, encoding: str | None) -> pd.Series | None:
    """A dictionary-encoded column (one dictionary for all its chunks) as in `_few_values`; None when it
    has too many distinct values or its chunks do not share their dictionary."""
    size = len(encoded)
    if encoded.num_chunks == 0 or size < 2:
        return None
    dictionary = encoded.chunk(encoded.num_chunks - 1).dictionary
    if len(dictionary) > size // FEW_VALUES_SHARE:
        return None
    if not all(chunk.dictionary.equals(dictionary) for chunk in encoded.chunks):
        return None
    if encoding is not None:
        texts = [value.decode(encoding, errors="replace").strip(_STRIP) for value in dictionary.to_pylist()]
    else:
        texts = [value.strip(_STRIP) for value in dictionary.to_pylist()]
    # distinct bytes may give the same text (" x" and "x"): the categories are the distinct texts
    relabel, distinct = pd.factorize(np.array(texts, dtype=object))
    small = small_code_type(len(texts))
    indices = np.concatenate([chunk.indices.to_numpy(zero_copy_only=False) for chunk in encoded.chunks],
                             dtype=small, casting="unsafe")  # indices below len(texts): they fit
    if len(distinct) < len(texts) or not (relabel == np.arange(len(texts))).all():
        indices = relabel.astype(small)[indices]
    categories = pd.Index(pd.array(distinct, dtype="str"))
    return pd.Series(pd.Categorical.from_codes(indices, categories=categories, validate=False), copy=False)


def _text_column(column: pa.ChunkedArray, encoding: str | None) -> pd.Series:
    """One column of cells as pandas str (or categorical of str when it has few distinct values, see
    `_few_values`), decoded from `encoding` (None: already UTF-8) and stripped of `_STRIP`."""
    if pa.types.is_dictionary(column.type):  # read as codes by Arrow (see `_few_value_columns`)
        if column.null_count == 0:
            unified = pa.table([column], names=["cells"]).unify_dictionaries().column(0)
            categorical = _coded_values(unified, encoding)
            if categorical is not None:
                return categorical
        column = pa.chunked_array([chunk.dictionary.take(chunk.indices) for chunk in column.chunks],
                                  column.type.value_type)
    categorical = _few_values(column, encoding)
    if categorical is not None:
        return categorical
    array = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    if array.null_count:
        array = pa.array([None if value is None else value.decode(encoding, errors="replace") if encoding else value
                          for value in array.to_pylist()], pa.large_string())
    elif encoding is not None:
        array = _decode_binary(array, encoding)
    if _may_need_strip(array):
        array = pc.utf8_trim(array, _STRIP)
    return array.to_pandas(types_mapper=_pandas_str)


# First and last bytes of the UTF-8 of every character in `_STRIP` (a superset test: a cell without
# any of them at its ends needs no stripping).
_STRIP_FIRST = np.zeros(256, dtype=bool)
_STRIP_LAST = np.zeros(256, dtype=bool)
for _char in _STRIP:
    _STRIP_FIRST[_char.encode("utf-8")[0]] = _STRIP_LAST[_char.encode("utf-8")[-1]] = True


def _may_need_strip(array: pa.Array) -> bool:
    """False when no cell of a UTF-8 array begins or ends with a byte of a character in `_STRIP`."""
    if array.null_count or len(array) == 0:
        return True
    wide = pa.types.is_large_string(array.type)
    offsets = np.frombuffer(array.buffers()[1], dtype=np.int64 if wide else np.int32)[array.offset:
                                                                                      array.offset + len(array) + 1]
    if array.buffers()[2] is None:
        return False
    data = np.frombuffer(array.buffers()[2], dtype=np.uint8)
    used = data[int(offsets[0]):int(offsets[-1])]
    if not len(used) or (int(used.max()) < 0x80 and int(used.min()) > 0x20):  # ASCII without a space or control
        return False  # character anywhere (two passes without a temporary, not a gather per cell)
    if len(array) > HEAD_ROWS:  # the same below the top rows (a title, the header), and the top rows looked at
        rest = data[int(offsets[HEAD_ROWS]):int(offsets[-1])]  # one by one
        if not len(rest) or (int(rest.max()) < 0x80 and int(rest.min()) > 0x20):
            return any(value != value.strip(_STRIP) for value in array.slice(0, HEAD_ROWS).to_pylist())
    starts, ends = offsets[:-1], offsets[1:]
    filled = ends > starts
    if not filled.all():
        starts, ends = starts[filled], ends[filled]
    return bool(_STRIP_FIRST[data[starts]].any() or _STRIP_LAST[data[ends - 1]].any())


def _pandas_str(kind: pa.DataType):
    return pd.StringDtype("pyarrow", na_value=np.nan) if kind in (pa.string(), pa.large_string()) else None


def _count_byte(data: bytes, byte: int, block: int = 1 << 24) -> int:
    """How many times ``byte`` occurs in ``data`` (by blocks with NumPy: a third of ``bytes.count``'s time)."""
    view = np.frombuffer(data, dtype=np.uint8)
    found = np.empty(min(block, len(view)), dtype=bool)
    total = 0
    for start in range(0, len(view), block):
        size = min(block, len(view) - start)
        np.equal(view[start:start + size], byte, out=found[:size])
        total += int(np.count_nonzero(found[:size]))
    return total


def _bare_return(data: bytes, block: int = 1 << 24) -> bool:
    """True when some CR in `data` is not followed by LF (checked by blocks, with two block-sized masks)."""
    view = np.frombuffer(data, dtype=np.uint8)
    if len(view) and view[-1] == 13:
        return True
    returns = np.empty(min(block, len(view)), dtype=bool)
    others = np.empty_like(returns)
    for start in range(0, len(view) - 1, block):
        size = min(block, len(view) - 1 - start)
        np.equal(view[start:start + size], 13, out=returns[:size])
        np.not_equal(view[start + 1:start + 1 + size], 10, out=others[:size])
        np.logical_and(returns[:size], others[:size], out=returns[:size])
        if returns[:size].any():
            return True
    return False


FEW_VALUES_HEAD_BYTES = 1 << 20  # bytes of a large file read first to find its columns of few distinct values


def _few_value_columns(body: bytes, width: int, kind: pa.DataType, options, read) -> set[int]:
    """Columns of a large file that look like having few distinct values in its first lines: Arrow
    reads them as codes into their distinct values (`_text_column`), never as a string per cell."""
    if len(body) < 4 * FEW_VALUES_HEAD_BYTES:
        return set()
    end = body.rfind(b"\n", 0, FEW_VALUES_HEAD_BYTES)
    if end <= 0:
        return set()
    convert = pa_csv.ConvertOptions(column_types={f"f{index}": kind for index in range(width)},
                                    strings_can_be_null=False, quoted_strings_can_be_null=False)
    try:
        head = pa_csv.read_csv(pa.BufferReader(body[:end + 1]), read_options=read, parse_options=options,
                               convert_options=convert)
    except (pa.ArrowInvalid, ValueError):
        return set()
    few = set()
    for index in range(min(width, head.num_columns)):
        sample = head.column(index).slice(0, FEW_VALUES_SAMPLE)
        if head.column(index).type == kind and len(sample) >= 2 and \
                pc.count_distinct(sample).as_py() <= len(sample) // FEW_VALUES_SHARE:
            few.add(index)
    return few


def _read_plain(raw: bytes, digest: _Digest | None = None) -> RawTable | None:
    """`read_raw` of a text file in one encoding with one record per line, or None for any other file.

    The same cells as the general path, read without decoding the whole file to a str first:
    Arrow splits the bytes (delimiter, quotes and line ends are ASCII in every candidate encoding),
    and single-byte cells are decoded per column, once per distinct value. A file this path does
    not take as it is (stray CRs, quoted line breaks, ragged lines, cut short ...) gets None and
    is read by the general path.
    """
    found = _plain_encoding(raw)
    if found is None:
        return None
    body, encoding = found
    utf8 = encoding in ("utf-8", "utf-8-sig")
    if utf8 and body.startswith(b"\xef\xbb\xbf"):
        body = body[3:]
    if re.search(rb"[!-~]", body) is None:  # perhaps nothing but white space: the general path says so
        return None
    lines = _count_byte(body, 10) + (0 if body.endswith(b"\n") else 1)
    if lines > MAX_ROWS:
        return None
    head = body[:_HEAD_BYTES].decode(encoding, errors="replace").replace("\r\n", "\n")
    if len(body) > _HEAD_BYTES:
        head = head[:-2]  # a character or line end cut by the slice
    if "\n" not in head:
        return None
    delimiter = sniff_delimiter(head)
    widest = max((line.count(delimiter) + 1 for line in head[:1_000_000].split("\n", SNIFF_LINES)[:SNIFF_LINES]),
                  default=0)
    if widest > MAX_COLUMNS:
        return None
    width = len(next(csv.reader([head[: head.find("\n")]], delimiter=delimiter), [])) or 1
    kind = pa.string() if utf8 else pa.binary()
    options = pa_csv.ParseOptions(delimiter=delimiter, quote_char='"', ignore_empty_lines=False)
    read = pa_csv.ReadOptions(autogenerate_column_names=True, block_size=1 << 22)
    few = _few_value_columns(body, width, kind, options, read)
    types = [pa.dictionary(pa.int32(), kind) if index in few else kind for index in range(width)]
    table = None
    while table is None:
        convert = pa_csv.ConvertOptions(column_types={f"f{index}": types[index] for index in range(width)},
                                        strings_can_be_null=False, quoted_strings_can_be_null=False)
        try:
            table = pa_csv.read_csv(pa.BufferReader(body), read_options=read, parse_options=options,
                                    convert_options=convert)
        except (pa.ArrowInvalid, ValueError):
            if not few:
                return None
            few, types = set(), [kind] * width  # read again as plain cells
    # Arrow's parse used both cores; what follows uses one: the file's SHA-256 and the look for a CR
    # without LF (CR LF line ends Arrow reads as line ends; any other CR: the general path, the file is
    # parsed again) are computed meanwhile, in threads (hashlib and NumPy let go of the GIL).
    if digest is not None:
        digest.start()
    bare_return = InThread(_bare_return, body) if b"\r" in body else None
    if table.num_rows != lines or table.num_columns > MAX_COLUMNS:
        return None
    if any(table.column(index).type != (types[index] if index < width else kind) for index in range(table.num_columns)):
        return None  # a column beyond the first line's width, typed by Arrow: the general path
    columns = {index: _text_column(table.column(index), None if utf8 else encoding)
               for index in range(table.num_columns)}
    if bare_return is not None and bare_return.result():
        return None
    cells = pd.DataFrame(columns, index=pd.RangeIndex(table.num_rows))
    problems = _oversized_cells(cells)
    return RawTable(cells=cells, encoding=encoding, delimiter=delimiter, notes=(), line_numbers=None,
                    problems=tuple(problems))
