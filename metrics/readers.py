"""Reading raw exports: bytes on disk to a grid of text cells, whatever the exporting system did.

This layer knows nothing of the data contract. It detects the encoding (BOMs, UTF-8,
Windows-1251, KOI8-R, CP866, Western single-byte code pages, and files that mix UTF-8
with stray single-byte lines), sniffs the delimiter, and returns every line of the file
as text cells, so that the next layer (`metrics.ingest`) can find the header below any
title lines and report problems by the line number the user sees in the file.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

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

_CYRILLIC_COMMON = set("оеаинтсрвлкмдпуяызьбгч")
_CYRILLIC_LOWER = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяўқғҳіїєґ")
_CYRILLIC_UPPER = {c.upper() for c in _CYRILLIC_LOWER}
_LATIN_ACCENTED = set("áéíóúñüàèìòùâêîôûçäöëïßãõåæøœÁÉÍÓÚÑÜÀÈÌÒÙÂÊÎÔÛÇÄÖËÏÃÕÅÆØŒ")


@dataclass(frozen=True)
class RawTable:
    """Every line of a file as text cells; ``lines[i]`` is line ``i + 1`` of the file (or sheet)."""

    cells: pd.DataFrame  # all columns str, "" for empty; index 0 = first line
    encoding: str
    delimiter: str
    notes: tuple[str, ...] = ()  # things worth telling the user (e.g. mixed encodings)


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


def decode(raw: bytes) -> tuple[str, str, tuple[str, ...]]:
    """Decode a file's bytes: returns (text, encoding name, notes).

    BOMs decide first (UTF-8, UTF-16 LE/BE, UTF-32). Then strict UTF-8. A file that is UTF-8
    except for a few lines (exports concatenated from several systems) keeps its UTF-8 lines
    and decodes the others with the single-byte encoding that reads best for them. Otherwise
    the best-reading single-byte encoding is chosen by content, never by the file name.
    """
    if raw.startswith(b"\xff\xfe\x00\x00") or raw.startswith(b"\x00\x00\xfe\xff"):
        return raw.decode("utf-32"), "utf-32", ()
    if raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff"):
        return raw.decode("utf-16"), "utf-16", ()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        bom = True
    else:
        bom = False
    try:
        return raw.decode("utf-8"), "utf-8-sig" if bom else "utf-8", ()
    except UnicodeDecodeError:
        pass
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
        return "\n".join(text_lines), f"utf-8+{fallback}", (note,)
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

    Arrow's multithreaded CSV reader does the work; files whose lines have different numbers
    of fields (title lines above the header) fall back to a tolerant reader.
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


def _read_ragged(text: str, delimiter: str) -> pd.DataFrame:
    """Fallback for files whose lines have different numbers of fields (title lines, notes)."""
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    width = max((len(row) for row in rows), default=0)
    return pd.DataFrame([row + [""] * (width - len(row)) for row in rows], dtype=str)


def read_excel_cells(path: Path) -> pd.DataFrame:
    """The first sheet of an .xlsx workbook as str cells, one row per sheet row from row 1."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(["" if value is None else _excel_text(value) for value in row])
    finally:
        workbook.close()
    width = max((len(row) for row in rows), default=0)
    return pd.DataFrame([row + [""] * (width - len(row)) for row in rows], dtype=str)


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
    if path.suffix.lower() in EXCEL_SUFFIXES:
        try:
            cells = read_excel_cells(path)
        except Exception as error:  # openpyxl raises many kinds for damaged files
            raise UnreadableFile(
                f"{path.name}: cannot be opened as an Excel workbook ({type(error).__name__}: {error}). "
                "Save it again from Excel as .xlsx, or export it as CSV."
            ) from error
        return RawTable(cells=_strip_cells(cells), encoding="xlsx", delimiter="")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UnreadableFile(f"{path.name}: cannot be read ({error.strerror}).") from error
    if raw.startswith(b"PK\x03\x04"):
        raise UnreadableFile(f"{path.name}: is an Excel workbook with a text extension; rename it to .xlsx.")
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile(f"{path.name}: is not a text export (it contains binary data). Export it as CSV.")
    text, encoding, notes = decode(raw)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise UnreadableFile(f"{path.name}: is empty.")
    delimiter = sniff_delimiter(text)
    try:
        utf8 = None
        if encoding in ("utf-8", "utf-8-sig"):
            utf8 = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
        cells = read_text_table(text, delimiter, utf8)
    except (pa.ArrowInvalid, ValueError):
        cells = _read_ragged(text, delimiter)
    return RawTable(cells=_strip_cells(cells), encoding=encoding, delimiter=delimiter, notes=notes)


def _strip_cells(cells: pd.DataFrame) -> pd.DataFrame:
    """Cells with surrounding spaces (incl. no-break spaces) removed; column labels 0..n-1."""
    stripped = {}
    for position, column in enumerate(cells.columns):
        values = cells[column].astype(str)
        stripped[position] = values.str.strip(" \t\r\n\u00a0\u202f\ufeff")
    return pd.DataFrame(stripped, index=pd.RangeIndex(len(cells)))
