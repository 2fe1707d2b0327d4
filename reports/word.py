"""Word (.docx) report with python-docx: title page, KPI table, sections with charts, appendix.

Before the document is saved every text run loses its bidi control characters
(`charts.text.strip_bidi`), whatever part of the report it came from.
"""

from __future__ import annotations

import io

import pandas as pd
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from charts.text import strip_bidi
from reports import images
from reports.model import CHART_SCALE
from reports.i18n import t
from reports.model import Chart, ReportContent, Section
from reports.safety import strip_bidi_in_figure

ACCENT = RGBColor(0x1F, 0x4E, 0x79)
ACCENT_HEX = "1F4E79"
BAND_HEX = "EAF0F7"
TOTAL_HEX = "DCE4EE"
GREY = RGBColor(0x5A, 0x5A, 0x5A)
CONTENT_WIDTH_CM = 17.0


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:
        return ""
    if value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _shade(cell, hex_colour: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), hex_colour)
    properties.append(shading)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _set_cell(cell, text: str, *, bold: bool = False, colour: RGBColor | None = None, size: float = 8,
              align=WD_ALIGN_PARAGRAPH.LEFT) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.space_before = Pt(0)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    if colour is not None:
        run.font.color.rgb = colour


def _table(doc, frame: pd.DataFrame, *, total_row: bool = False, number_columns=(), size: float = 8,
           widths_cm: list[float] | None = None):
    if frame is None or frame.empty:
        return None
    columns = [str(c) for c in frame.columns]
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    _repeat_header(header)
    for cell, name in zip(header.cells, columns):
        _set_cell(cell, name, bold=True, colour=RGBColor(0xFF, 0xFF, 0xFF), size=size)
        _shade(cell, ACCENT_HEX)
    right = [name in number_columns for name in frame.columns]
    values = frame.to_numpy(dtype=object)
    for i, record in enumerate(values):
        cells = table.add_row().cells
        is_total = total_row and i == len(values) - 1
        for j, value in enumerate(record):
            _set_cell(cells[j], _text(value), bold=is_total, size=size,
                      align=WD_ALIGN_PARAGRAPH.RIGHT if right[j] else WD_ALIGN_PARAGRAPH.LEFT)
            if is_total:
                _shade(cells[j], TOTAL_HEX)
            elif i % 2 == 1:
                _shade(cells[j], BAND_HEX)
    if widths_cm:
        for row in table.rows:
            for cell, width in zip(row.cells, widths_cm):
                cell.width = Cm(width)
    doc.add_paragraph()
    return table


def _note(doc, text: str) -> None:
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.font.size = Pt(8)
    run.italic = True
    run.font.color.rgb = GREY


def _chart(doc, chart: Chart, lang: str) -> None:
    try:
        png = images.figure_to_png(strip_bidi_in_figure(chart.figure), width=chart.width,
                                   height=chart.height, scale=CHART_SCALE)
    except images.ImageExportUnavailable as exc:
        _note(doc, t("chart_unavailable", lang, reason=str(exc)))
        return
    doc.add_picture(io.BytesIO(png), width=Cm(CONTENT_WIDTH_CM))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _widths(frame: pd.DataFrame, first: float | None = None) -> list[float] | None:
    n = len(frame.columns)
    if not n:
        return None
    if first is None:
        return None
    rest = (CONTENT_WIDTH_CM - first) / max(n - 1, 1)
    return [first] + [rest] * (n - 1)


def _title_page(doc, c: ReportContent) -> None:
    for _ in range(6):
        doc.add_paragraph()
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(c.university)
    run.bold = True
    run.font.size = Pt(26)
    run.font.color.rgb = ACCENT
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(c.title)
    run.font.size = Pt(18)
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    label = t("academic_year", c.lang) if c.year_from is None else t("report_years", c.lang)
    run = paragraph.add_run(f"{label}: {c.year_text}")
    run.bold = True
    run.font.size = Pt(16)
    for _ in range(4):
        doc.add_paragraph()
    for line in (t("prepared_for", c.lang),
                 f"{t('home_country', c.lang)}: {c.home_name} ({c.home})",
                 f"{t('generated', c.lang)}: {c.generated:%Y-%m-%d %H:%M} UTC"):
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(line)
        run.font.size = Pt(11)
        run.font.color.rgb = GREY
    if c.suppress_small:
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(t("suppression_note", c.lang, n=c.suppress_small, m=c.suppress_small - 1))
        run.font.size = Pt(9)
        run.font.color.rgb = GREY
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _heading(doc, text: str, level: int = 1):
    heading = doc.add_heading(text, level=level)
    for run in heading.runs:
        run.font.color.rgb = ACCENT
    return heading


def _section(doc, section: Section, lang: str) -> None:
    _heading(doc, section.title, 1)
    for sentence in section.commentary:
        doc.add_paragraph(sentence)
    for chart in section.charts:
        _chart(doc, chart, lang)
    table = section.printable
    if table is None or table.empty:
        if not section.commentary:
            _note(doc, t("no_data", lang))
        return
    _table(doc, table, total_row=section.total_row, number_columns=section.number_columns)
    if section.more_rows:
        _note(doc, t("more_rows", lang, n=section.more_rows))


def _strip_bidi_from_document(doc) -> None:
    """Remove bidi control characters from every text of the document and its properties."""
    for text in doc.element.body.iter(qn("w:t")):
        if text.text:
            text.text = strip_bidi(text.text)
    properties = doc.core_properties
    properties.title = strip_bidi(properties.title)
    properties.author = strip_bidi(properties.author)
    properties.subject = strip_bidi(properties.subject)


def render(content: ReportContent) -> bytes:
    """The Word report as bytes."""
    c = content
    doc = Document()
    for section in doc.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2.0)
        section.top_margin = section.bottom_margin = Cm(1.8)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    properties = doc.core_properties
    properties.title = f"{c.title} {c.year_text}"
    properties.author = c.university
    properties.subject = c.university
    properties.language = c.lang
    properties.created = c.generated.replace(tzinfo=None)

    _title_page(doc, c)
    _heading(doc, t("kpis", c.lang), 1)
    _table(doc, c.kpi_print, number_columns=tuple(c.kpi_print.columns[1:-1]),
           widths_cm=_widths(c.kpi_print, 5.0))
    if c.summary:
        _heading(doc, t("summary", c.lang), 2)
        for sentence in c.summary:
            doc.add_paragraph(sentence, style="List Bullet")
    for note in c.notes:
        _note(doc, note)
    if c.trend is not None and not c.trend.empty:
        _heading(doc, t("trend", c.lang), 2)
        if c.trend_chart is not None:
            _chart(doc, c.trend_chart, c.lang)
        _table(doc, c.trend, number_columns=tuple(c.trend.columns[1:]), size=7.5, widths_cm=_widths(c.trend, 5.0))
    for section in c.sections:
        _section(doc, section, c.lang)

    doc.add_page_break()
    _heading(doc, t("definitions", c.lang), 1)
    _table(doc, c.definitions, size=7.5)
    _heading(doc, t("provenance", c.lang), 2)
    provenance = c.provenance.copy()
    for name in provenance.columns:
        if "SHA" in str(name).upper():  # 64 hex digits on two lines, so the table fits the page
            provenance[name] = provenance[name].map(
                lambda v: f"{v[:32]}\n{v[32:]}" if isinstance(v, str) and len(v) > 32 else v)
    _table(doc, provenance, size=6.5, number_columns=tuple(c.provenance.columns[-4:]))
    _heading(doc, t("about", c.lang), 2)
    _table(doc, c.about, size=8, widths_cm=[6.0, 11.0])

    _strip_bidi_from_document(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
