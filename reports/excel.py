"""Excel workbook: KPIs, one sheet per breakdown, and a sheet of definitions and provenance.

Every cell goes through `reports.safety.write_frame`: numbers stay numbers, text is an inert
string cell (never a formula), headers are styled and frozen, column widths are fitted.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from metrics.vocabulary import t
from reports.model import ReportContent
from reports.safety import safe_sheet_title, write_frame, write_value


def _title(ws, row: int, text: str) -> None:
    cell = write_value(ws, row, 1, text)
    cell.font = Font(bold=True, size=12, color="1F4E79")


def render(content: ReportContent) -> bytes:
    """The Excel workbook as bytes."""
    c = content
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()

    ws = workbook.create_sheet(safe_sheet_title(t("report.kpi_sheet", c.lang), taken))
    write_frame(ws, c.kpi_sheet, autofilter=True)

    trend = c.trend_sheet if c.trend_sheet is not None else c.trend
    if trend is not None and not trend.empty:
        ws = workbook.create_sheet(safe_sheet_title(t("report.trend_sheet", c.lang), taken))
        write_frame(ws, trend)

    plain = {t(key, c.lang): "0" for key in ("col.start_year", "col.end_year", "col.year")}  # 2024, not 2,024
    for section in c.sections:
        ws = workbook.create_sheet(safe_sheet_title(section.sheet, taken))
        write_frame(ws, section.table, autofilter=True, number_formats=plain)
        if section.total_row and len(section.table):
            for cell in ws[len(section.table) + 1]:
                cell.font = Font(bold=True)

    ws = workbook.create_sheet(safe_sheet_title(t("report.definitions_sheet", c.lang), taken))
    write_frame(ws, c.definitions)
    row = len(c.definitions) + 3
    _title(ws, row, t("report.provenance", c.lang))
    write_frame(ws, c.provenance, start_row=row + 1, freeze=False)
    row += len(c.provenance) + 3
    _title(ws, row, t("report.about", c.lang))
    write_frame(ws, c.about, start_row=row + 1, freeze=False)

    workbook.properties.title = f"{c.title} {c.year_text}"
    workbook.properties.creator = c.university
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
