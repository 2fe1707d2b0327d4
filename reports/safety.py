"""Safe exports: text that a spreadsheet could run as a formula is written as inert text, and
text cannot reorder itself on screen.

A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a
formula (or becomes one) when Excel or LibreOffice opens the file ("CSV/formula injection":
a partner called ``=HYPERLINK("http://x","y")`` would be a live link). Every export of this
project -- the reports and the dashboard's download buttons -- goes through this module:

- bidirectional control characters (``U+202A``–``U+202E``, ``U+2066``–``U+2069``,
  ``U+200E``/``U+200F``, ``U+061C``) are removed from every data string of every export with
  `charts.text.strip_bidi` (the dashboard's own rule): a partner name holding a right-to-left
  override would be shown reversed, spoofing another name. The Word and PDF writers apply it
  to all their text, :func:`strip_bidi_in_figure` to a chart before it is drawn as an image,
  and :func:`safe_cell` to every cell;
- :func:`safe_cell` removes those controls and prefixes formula-like text with a single quote ``'``;
- :func:`safe_frame` does that to every text cell (and header) of a DataFrame, on a copy;
- :func:`frame_to_xlsx_bytes` writes sheets with openpyxl, every text cell as a string
  cell (``data_type == 's'``), never a formula, with styled, frozen headers and fitted widths
  (text beyond Excel's 32,767 characters per cell is cut and ends with ``…``);
- :func:`frame_to_csv_bytes` writes UTF-8 with a BOM so Excel opens Cyrillic correctly.

Numbers stay numbers: a negative number is not text and is written as it is.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from charts.text import strip_bidi

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"

# Excel's limit on the characters of one cell: a longer cell makes Excel "repair" the workbook.
MAX_CELL_CHARS = 32_767
ELLIPSIS = "…"

# Characters that are illegal in an XML 1.0 worksheet (openpyxl refuses them).
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")

HEADER_FILL = "1F4E79"
HEADER_FONT = "FFFFFF"
MAX_COLUMN_WIDTH = 60
MIN_COLUMN_WIDTH = 6


def strip_bidi_in_figure(figure):
    """A Plotly figure whose every text (labels, titles, hovers) has no bidi controls; the figure
    itself when it had none (so an image already drawn of it is reused)."""
    changed = False

    def clean(value):
        nonlocal changed
        if isinstance(value, str):
            stripped = strip_bidi(value)
            changed = changed or stripped != value
            return stripped
        if isinstance(value, dict):
            return {key: clean(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)) or (isinstance(value, np.ndarray) and value.dtype == object):
            return [clean(item) for item in value]
        return value

    cleaned = clean(figure.to_plotly_json())
    return type(figure)(cleaned) if changed else figure


def is_dangerous_text(value: object) -> bool:
    """True for text that a spreadsheet would treat as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def safe_cell(value: object) -> object:
    """The value to write in a cell: text loses its bidi controls, then dangerous text gets a
    leading ``'``; anything else is unchanged."""
    if not isinstance(value, str):
        return value
    value = strip_bidi(value)
    if is_dangerous_text(value):
        return QUOTE + value
    return value


def _is_text_column(series: pd.Series) -> bool:
    return not (
        pd.api.types.is_numeric_dtype(series.dtype)
        or pd.api.types.is_bool_dtype(series.dtype)
        or pd.api.types.is_datetime64_any_dtype(series.dtype)
        or pd.api.types.is_timedelta64_dtype(series.dtype)
    )


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A new frame whose text cells and headers are safe; the input is left unchanged."""
    out = df.copy()
    for position in range(out.shape[1]):
        series = out.iloc[:, position]
        if _is_text_column(series):
            if isinstance(series.dtype, pd.CategoricalDtype):
                series = series.astype(object)
            out.isetitem(position, series.map(safe_cell, na_action="ignore"))
    out.columns = [safe_cell(column) if isinstance(column, str) else column for column in out.columns]
    if isinstance(out.index, pd.Index) and not isinstance(out.index, pd.RangeIndex):
        if out.index.dtype == object or pd.api.types.is_string_dtype(out.index.dtype):
            out.index = out.index.map(safe_cell)
    return out


def _plain(value: object) -> object:
    """A value openpyxl can write: Python scalars, None for missing, naive datetimes."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)
    if isinstance(value, (pd.Timedelta, dt.timedelta)):
        return str(value)
    if isinstance(value, pd.Period):
        return str(value)
    if isinstance(value, (list, tuple, set, dict)):
        return "; ".join(str(v) for v in value) if not isinstance(value, dict) else str(value)
    return value


def write_value(ws, row: int, column: int, value: object):
    """Write one value into a worksheet cell, text always as an inert string cell (no bidi
    controls, at most `MAX_CELL_CHARS` characters)."""
    value = _plain(value)
    if isinstance(value, str):
        value = strip_bidi(_ILLEGAL_XML.sub("", value))
        if len(value) > MAX_CELL_CHARS - 1:  # room for the quote that safe_cell may add
            value = value[: MAX_CELL_CHARS - 2] + ELLIPSIS
        if not value:
            value = None  # an empty cell, not an empty string
    if isinstance(value, str):
        dangerous = is_dangerous_text(value)
        value = safe_cell(value)
        cell = ws.cell(row=row, column=column)
        cell.value = value
        cell.data_type = "s"  # openpyxl would make "=..." a formula; never let it.
        if dangerous:
            cell.quotePrefix = True
        return cell
    cell = ws.cell(row=row, column=column)
    cell.value = value
    return cell


def safe_sheet_title(title: str, taken: set[str] | None = None) -> str:
    """A valid, unique Excel sheet name (31 characters, no []:*?/\\)."""
    name = _SHEET_NAME_BAD.sub(" ", strip_bidi(str(title))).strip().strip("'") or "Sheet"
    name = name[:31]
    taken = taken if taken is not None else set()
    base, n = name, 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(name)
    return name


def _display_length(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    if isinstance(value, int):
        return len(f"{value:,}")
    if isinstance(value, dt.datetime):
        return 16 if (value.hour or value.minute) else 10
    if isinstance(value, dt.date):
        return 10
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def write_frame(ws, df: pd.DataFrame, *, start_row: int = 1, number_formats: Mapping[str, str] | None = None,
                freeze: bool = True, autofilter: bool = False) -> None:
    """Write a frame as a styled table: bold coloured header, frozen header row, fitted widths.

    Numbers stay numbers (with a thousands format for integers), dates get a date format,
    text cells are inert strings.
    """
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    number_formats = dict(number_formats or {})
    header_font = Font(bold=True, color=HEADER_FONT)
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    header_alignment = Alignment(vertical="center", wrap_text=True)
    columns = [str(c) for c in df.columns]
    widths = [max(MIN_COLUMN_WIDTH, min(MAX_COLUMN_WIDTH, len(c) + 2)) for c in columns]
    for j, name in enumerate(columns, start=1):
        cell = write_value(ws, start_row, j, name)
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = header_alignment
    formats: list[str | None] = []
    for name, (_, series) in zip(columns, df.items()):
        if name in number_formats:
            formats.append(number_formats[name])
        elif pd.api.types.is_float_dtype(series.dtype):
            formats.append("#,##0.0#")
        else:
            formats.append(None)  # chosen per cell: integers '#,##0', other numbers '#,##0.0#'
    values = df.to_numpy(dtype=object, na_value=None) if len(df) else np.empty((0, len(columns)), dtype=object)
    for i, row in enumerate(values, start=start_row + 1):
        for j, value in enumerate(row, start=1):
            cell = write_value(ws, i, j, value)
            fmt = formats[j - 1]
            plain = cell.value
            if isinstance(plain, (int, float)) and not isinstance(plain, bool):
                cell.number_format = fmt or ("#,##0" if isinstance(plain, int) else "#,##0.0#")
            elif isinstance(plain, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm" if (plain.hour or plain.minute) else "yyyy-mm-dd"
            elif isinstance(plain, dt.date):
                cell.number_format = "yyyy-mm-dd"
            length = _display_length(plain)
            if length + 2 > widths[j - 1]:
                widths[j - 1] = min(MAX_COLUMN_WIDTH, length + 2)
            if isinstance(plain, str) and len(plain) > MAX_COLUMN_WIDTH:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for j, width in enumerate(widths, start=1):
        letter = get_column_letter(j)
        # Several tables may share a sheet: keep the widest fit (13 is openpyxl's default).
        current = ws.column_dimensions[letter].width if letter in ws.column_dimensions else 0
        current = 0 if current == 13.0 else (current or 0)
        ws.column_dimensions[letter].width = max(width, current)
    if freeze:
        ws.freeze_panes = ws.cell(row=start_row + 1, column=1)
    if autofilter and columns and len(df):
        ws.auto_filter.ref = f"A{start_row}:{get_column_letter(len(columns))}{start_row + len(df)}"


def _reset_index(df: pd.DataFrame) -> pd.DataFrame:
    if isinstance(df.index, pd.RangeIndex) and df.index.name is None:
        return df
    return df.reset_index()


def frame_to_xlsx_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """An .xlsx workbook with one styled sheet per frame; text is never a formula."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for title, df in sheets.items():
        ws = workbook.create_sheet(safe_sheet_title(title, taken))
        write_frame(ws, _reset_index(df), autofilter=True)
    if not workbook.worksheets:
        workbook.create_sheet("Sheet")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def frame_to_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV text in UTF-8 with a BOM (Excel then reads Cyrillic right), text cells made inert."""
    frame = safe_frame(_reset_index(df))
    return frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
