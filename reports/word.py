"""Word (.docx) report with python-docx: title page, KPI table, sections with charts, appendix.

Every row of every table is printed; the header row repeats on each page a table spans and a short
row is never split across two pages. Columns are laid out (fixed layout) so identifiers such as
``foreign_student_share`` and file names fit whole, and each SHA-256 is one line in a monospaced
face. Headings and commentary are left-aligned. The footer is a borderless two-cell table: the
university · title · year on the left, 'Стр. 2 из 13' (PAGE and NUMPAGES fields) on the right,
so the two never overlap. The last section is the data version and every file's SHA-256.

Before the document is saved every text run loses its bidi control characters
(`charts.text.strip_bidi`), whatever part of the report it came from.
"""

from __future__ import annotations

import io
import re

import pandas as pd
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from charts.text import strip_bidi
from reports import images
from reports.model import CHART_SCALE
from metrics.vocabulary import t
from reports.model import Chart, ReportContent, Section
from reports.pdf import provenance_parts
from reports.safety import strip_bidi_in_figure

ACCENT = RGBColor(0x1F, 0x4E, 0x79)
ACCENT_HEX = "1F4E79"
BAND_HEX = "EAF0F7"
TOTAL_HEX = "DCE4EE"
GREY = RGBColor(0x5A, 0x5A, 0x5A)
CONTENT_WIDTH_CM = 17.0
MONO = "Consolas"  # the SHA-256 digests (a monospaced face of the reader's system if it is missing)
# The page number in the footer: the word before it is `t("report.page", lang)`, then PAGE and NUMPAGES fields.
# Text widths in cm per character per point, for laying out columns (Calibri: ~0.5 em a character;
# identifiers and digests are measured wider, so they fit whatever face the reader substitutes).
CM_PER_PT = 2.54 / 72
TEXT_EM, IDENTIFIER_EM, MONO_EM = 0.52, 0.62, 0.62
CELL_PADDING_CM = 0.25  # Word's default cell margins, left and right
SPLITTABLE_ROW = 600  # characters: a row with more text may break across pages; shorter rows never do
HEX_HASH = re.compile(r"[0-9a-fA-F]{40,}")
IDENTIFIER = re.compile(r"[A-Za-z0-9]+(?:[_.\-/][A-Za-z0-9]+)+[_.\-/]?")


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
    """Word repeats this row at the top of every page the table spans; the row itself never splits."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
    _keep_row_whole(row)


def _keep_row_whole(row) -> None:
    """The row is not split across two pages (a long row of a long name still may be: not marked)."""
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn("w:cantSplit")) is None:
        keep = OxmlElement("w:cantSplit")
        keep.set(qn("w:val"), "true")
        properties.insert(0, keep)


def _fixed_layout(table, widths_cm: list[float]) -> None:
    """Column widths that Word and LibreOffice both honour: fixed layout, grid and every cell."""
    table.autofit = False
    properties = table._tbl.tblPr
    layout = properties.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        properties.append(layout)
    layout.set(qn("w:type"), "fixed")
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)


def _column_widths(frame: pd.DataFrame, size: float, mono_columns=()) -> list[float]:
    """Column widths in cm that fill CONTENT_WIDTH_CM: every column at least as wide as its longest
    header word and its longest word (identifiers such as ``foreign_student_share`` and file names
    whole up to 6 cm, SHA-256 digests whole), the rest shared in proportion to the text."""
    per_char = size * CM_PER_PT
    natural, minimum = [], []
    for name in frame.columns:
        header_words = str(name).split() or [""]
        head_min = max(len(word) for word in header_words) * per_char * 0.62  # bold
        head_full = len(str(name)) * per_char * 0.62
        longest_line, longest_word = 0.0, 0.0
        mono = name in mono_columns
        for value in frame[name].head(5000):
            text = _text(value)
            for line in text.splitlines() or [""]:
                longest_line = max(longest_line, min(len(line), 4000) * per_char * (MONO_EM if mono else TEXT_EM))
                for word in line.split():
                    if mono or HEX_HASH.fullmatch(word):
                        width = len(word) * per_char * MONO_EM
                    elif IDENTIFIER.fullmatch(word):
                        width = min(len(word) * per_char * IDENTIFIER_EM, 6.0)
                    else:
                        width = min(len(word) * per_char * TEXT_EM, 2.6)
                    longest_word = max(longest_word, width)
        minimum.append(max(head_min, longest_word) + CELL_PADDING_CM)
        natural.append(max(min(longest_line, 9.0), head_full * 0.6, head_min, longest_word) + CELL_PADDING_CM)
    total_natural, total_min = sum(natural), sum(minimum)
    if total_natural <= CONTENT_WIDTH_CM:
        return [w * CONTENT_WIDTH_CM / total_natural for w in natural]
    if total_min >= CONTENT_WIDTH_CM:
        return [w * CONTENT_WIDTH_CM / total_min for w in minimum]
    spare = CONTENT_WIDTH_CM - total_min
    extra = [n - m for n, m in zip(natural, minimum)]
    total_extra = sum(extra) or 1.0
    return [m + spare * e / total_extra for m, e in zip(minimum, extra)]


def _set_cell(cell, text: str, *, bold: bool = False, colour: RGBColor | None = None, size: float = 8,
              align=WD_ALIGN_PARAGRAPH.LEFT, font: str | None = None) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.space_before = Pt(0)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    if font is not None:
        run.font.name = font
    if colour is not None:
        run.font.color.rgb = colour


def _table(doc, frame: pd.DataFrame, *, total_row: bool = False, number_columns=(), size: float = 8,
           widths_cm: list[float] | None = None, mono_columns=()):
    """Every row of ``frame``; the header row repeats on each page the table spans, a row breaks
    across pages only when it is too long to keep whole (`SPLITTABLE_ROW`)."""
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
    widths = widths_cm or _column_widths(frame, size, mono_columns)
    _fixed_layout(table, widths)
    right = [name in number_columns for name in frame.columns]
    mono = [name in mono_columns for name in frame.columns]
    values = frame.to_numpy(dtype=object)
    rows = []
    for i, record in enumerate(values):
        is_total = total_row and i == len(values) - 1
        rows.append(_row_xml([_text(value) for value in record], widths, right=right, mono=mono, size=size,
                             bold=is_total, fill=TOTAL_HEX if is_total else (BAND_HEX if i % 2 == 1 else None)))
    _append_rows(table, rows)
    doc.add_paragraph()
    return table


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # no XML 1.0 document may hold these
_ROWS_PER_PARSE = 200


def _escape(text: str) -> str:
    return _NOT_XML.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _run_xml(text: str, run_properties: str) -> str:
    """A run's XML: line breaks and tabs as Word writes them (as python-docx's ``run.text`` does)."""
    parts = []
    for k, line in enumerate(text.split("\n")):
        if k:
            parts.append("<w:br/>")
        for m, piece in enumerate(line.split("\t")):
            if m:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<w:t xml:space="preserve">{_escape(piece)}</w:t>')
    return f"<w:r>{run_properties}{''.join(parts)}</w:r>"


def _row_xml(texts: list[str], widths_cm: list[float], *, right: list[bool], mono: list[bool], size: float,
             bold: bool, fill: str | None) -> str:
    """One body row as WordprocessingML, written directly: python-docx's cell by cell calls take
    ~1 ms a cell, this a few µs, so a table of thousands of rows is written in a blink. A short
    row is kept on one page (``cantSplit``); a long one may break across pages."""
    keep = "<w:trPr><w:cantSplit/></w:trPr>" if sum(len(text) for text in texts) <= SPLITTABLE_ROW else ""
    shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    half_points = int(round(size * 2))
    cells = []
    for text, width, to_right, monospaced in zip(texts, widths_cm, right, mono):
        fonts = f'<w:rFonts w:ascii="{MONO}" w:hAnsi="{MONO}" w:cs="{MONO}"/>' if monospaced else ""
        run_properties = f'<w:rPr>{fonts}{"<w:b/>" if bold else ""}<w:sz w:val="{half_points}"/></w:rPr>'
        run = _run_xml(text, run_properties) if text else ""
        cells.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{int(round(width * 567))}" w:type="dxa"/>{shade}</w:tcPr>'
            f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/><w:jc w:val="{"right" if to_right else "left"}"/>'
            f"</w:pPr>{run}</w:p></w:tc>")
    return f"<w:tr>{keep}{''.join(cells)}</w:tr>"


def _append_rows(table, rows: list[str]) -> None:
    for start in range(0, len(rows), _ROWS_PER_PARSE):
        block = parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(rows[start:start + _ROWS_PER_PARSE])}</w:tbl>")
        for row in list(block):
            table._tbl.append(row)


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
        _note(doc, t("report.chart_unavailable", lang, reason=str(exc)))
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


def page_of_label(lang: str) -> str:
    """The page label of the language with its two fields left in place."""
    from metrics.vocabulary import LABELS, check_lang

    return LABELS["report.page_of"][check_lang(lang)]


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
    label = t("report.academic_year", c.lang) if c.year_from is None else t("report.period", c.lang)
    run = paragraph.add_run(f"{label}: {c.year_text}")
    run.bold = True
    run.font.size = Pt(16)
    for _ in range(4):
        doc.add_paragraph()
    for line in (t("report.prepared_for", c.lang),
                 f"{t('sidebar.home', c.lang)}: {c.home_name} ({c.home})",
                 f"{t('report.generated', c.lang)}: {c.generated:%Y-%m-%d %H:%M} UTC"):
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(line)
        run.font.size = Pt(11)
        run.font.color.rgb = GREY
    if c.suppress_small:
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(t("report.suppression_note", c.lang, n=c.suppress_small, m=c.suppress_small - 1))
        run.font.size = Pt(9)
        run.font.color.rgb = GREY
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _heading(doc, text: str, level: int = 1):
    heading = doc.add_heading(text, level=level)
    heading.alignment = WD_ALIGN_PARAGRAPH.LEFT  # never justified
    heading.paragraph_format.keep_with_next = True
    for run in heading.runs:
        run.font.color.rgb = ACCENT
    return heading


def _paragraph(doc, text: str, style: str | None = None):
    """Commentary: left-aligned (justified text opens gaps around long names and numbers)."""
    paragraph = doc.add_paragraph(text, style=style)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    return paragraph


def _field(paragraph, instruction: str, placeholder: str, size: float) -> None:
    """A simple field (PAGE, NUMPAGES) that Word and LibreOffice fill in when the page is laid out."""
    field_element = OxmlElement("w:fldSimple")
    field_element.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")  # (schema order: colour before size)
    colour.set(qn("w:val"), "5A5A5A")
    properties.append(colour)
    size_element = OxmlElement("w:sz")
    size_element.set(qn("w:val"), str(int(round(size * 2))))
    properties.append(size_element)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field_element.append(run)
    paragraph._p.append(field_element)


def _footer(doc, c: ReportContent) -> None:
    """University · title · year on the left, 'Стр. 2 из 13' on the right, in two cells of a
    borderless table: the text wraps inside its cell and can never run into the page number.
    The title page has no footer."""
    size = 7.5
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_footer.is_linked_to_previous = False  # an empty footer on the title page
    footer = section.footer
    paragraph = footer.paragraphs[0]
    left_cm, right_cm = 13.5, CONTENT_WIDTH_CM - 13.5
    table = footer.add_table(rows=1, cols=2, width=Cm(CONTENT_WIDTH_CM))
    _fixed_layout(table, [left_cm, right_cm])
    left, right = table.rows[0].cells
    year = f" · {c.year_text}"
    text = " ".join(strip_bidi(f"{c.university} · {c.title}").split())
    room = int((left_cm - CELL_PADDING_CM) / (size * CM_PER_PT * TEXT_EM)) - len(year)  # characters on one line
    if len(text) > room > 10:
        cut = text[:room - 1]
        cut = cut[:cut.rindex(" ")] if " " in cut[int(room * 0.75):] else cut
        text = cut.rstrip(" ·,.-–—") + "…"
    _set_cell(left, text + strip_bidi(year), size=size, colour=GREY)
    # "Стр. {n} из {total}": the words around the two page fields
    before, rest = page_of_label(c.lang).split("{n}")
    between = rest.split("{total}")[0]
    number = right.paragraphs[0]
    _set_cell(right, before, size=size, colour=GREY, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _field(number, "PAGE", "1", size)
    run = number.add_run(between)
    run.font.size = Pt(size)
    run.font.color.rgb = GREY
    _field(number, "NUMPAGES", "1", size)
    footer._element.remove(paragraph._p)  # the footer's empty paragraph would follow the table
    footer._element.append(paragraph._p)  # (a footer must end with a paragraph: keep it, after)
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.space_before = Pt(0)
    for run in paragraph.runs:
        run.font.size = Pt(2)


def _section(doc, section: Section, lang: str) -> None:
    _heading(doc, section.title, 1)
    for sentence in section.commentary:
        _paragraph(doc, sentence)
    for chart in section.charts:
        _chart(doc, chart, lang)
    table = section.printable
    if table is None or table.empty:
        if not section.commentary:
            _note(doc, t("report.no_data", lang))
        return
    _table(doc, table, total_row=section.total_row, number_columns=section.number_columns)


def _provenance(doc, c: ReportContent) -> None:
    """The data version, a table of the files and a table of every file's SHA-256 on one line."""
    versions, files, hashes = provenance_parts(c.provenance, c.lang)
    _heading(doc, t("report.provenance", c.lang), 2)
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    label = paragraph.add_run(f"{t('col.version', c.lang)}: ")
    label.bold = True
    paragraph.add_run(", ".join(versions) if versions else "—")
    numbers = tuple(name for name in files.columns if pd.api.types.is_numeric_dtype(files[name]))
    _table(doc, files, size=7, number_columns=numbers)
    if not hashes.empty:
        sha = hashes.columns[-1]
        _table(doc, hashes, size=7, mono_columns=(sha,))


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
    _heading(doc, t("report.kpis", c.lang), 1)
    _table(doc, c.kpi_print, number_columns=tuple(c.kpi_print.columns[1:-1]),
           widths_cm=_widths(c.kpi_print, 5.0))
    if c.summary:
        _heading(doc, t("report.summary", c.lang), 2)
        for sentence in c.summary:
            _paragraph(doc, sentence, style="List Bullet")
    for note in c.notes:
        _note(doc, note)
    if c.trend is not None and not c.trend.empty:
        _heading(doc, t("report.trend", c.lang), 2)
        if c.trend_chart is not None:
            _chart(doc, c.trend_chart, c.lang)
        _table(doc, c.trend, number_columns=tuple(c.trend.columns[1:]), size=7.5, widths_cm=_widths(c.trend, 5.0))
    for section in c.sections:
        _section(doc, section, c.lang)

    doc.add_page_break()
    _heading(doc, t("report.definitions", c.lang), 1)
    _table(doc, c.definitions, size=7.5)
    _heading(doc, t("report.about", c.lang), 2)
    _table(doc, c.about, size=8, widths_cm=[6.0, 11.0])
    _provenance(doc, c)  # the last section: data version and every file's SHA-256, in full
    _footer(doc, c)

    _strip_bidi_from_document(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
