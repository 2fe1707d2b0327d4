"""PDF report with fpdf2 and the vendored DejaVu Sans font (Cyrillic and Uzbek Latin render).

Every text reaches the page through fpdf2's `normalize_text`, where bidi control characters are
removed (`charts.text.strip_bidi`). Table text is wrapped in linear time, and a row
taller than a page continues on the next page, so no name is too long to print whole.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from charts.text import strip_bidi
from reports import images
from reports.model import CHART_SCALE
from reports.i18n import t
from reports.model import Chart, ReportContent, Section
from reports.safety import strip_bidi_in_figure

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"
ACCENT = (31, 78, 121)  # #1F4E79, as the Excel headers
LIGHT = (234, 240, 247)
GREY = (90, 90, 90)
PAGE_WIDTH = 210
MARGIN = 15
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN


class _Document(FPDF):
    def __init__(self, content: ReportContent):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.content = content
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=18)
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_font(FONT, size=10)
        self.set_title(strip_bidi(f"{content.university} — {content.title} {content.year_text}"))
        self.set_author(strip_bidi(content.university))
        self.set_creator("reports (international cooperation dashboard)")
        self.set_lang({"en": "en", "ru": "ru", "uz": "uz"}[content.lang])
        self.set_creation_date(content.generated)

    def normalize_text(self, text: str) -> str:
        """Every text fpdf2 draws or measures passes here: data cannot reorder itself on the page."""
        return super().normalize_text(strip_bidi(text))

    def footer(self):
        if self.page_no() == 1:
            return
        self.set_y(-12)
        self.set_font(FONT, size=7.5)
        self.set_text_color(*GREY)
        left = f"{self.content.university} · {self.content.title} · {self.content.year_text}"
        self.cell(CONTENT_WIDTH * 0.8, 5, left[:120], align="L")
        self.cell(CONTENT_WIDTH * 0.2, 5, f"{t('page', self.content.lang)} {self.page_no()}/{{nb}}", align="R")
        self.set_text_color(0, 0, 0)


def _heading(pdf: _Document, text: str, size: float = 14, new_page: bool = False, keep: float = 60):
    if new_page:
        pdf.add_page()
    elif pdf.get_y() + keep > pdf.h - pdf.b_margin:
        pdf.add_page()
    else:
        pdf.ln(3)
    pdf.set_font(FONT, "B", size)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(CONTENT_WIDTH, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(1.5)
    return pdf


def _paragraphs(pdf: _Document, sentences: list[str], size: float = 10):
    pdf.set_font(FONT, "", size)
    for sentence in sentences:
        pdf.multi_cell(CONTENT_WIDTH, size * 0.5, sentence, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)


def _note(pdf: _Document, text: str):
    pdf.set_font(FONT, "", 8)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(CONTENT_WIDTH, 4, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:
            return ""
    if value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _col_widths(pdf: _Document, frame: pd.DataFrame, font_size: float, padding: float = 2.0) -> list[float]:
    """Column widths in mm that fit CONTENT_WIDTH: every column at least as wide as its longest
    header word (and its longest word, up to 22 mm); the rest shared in proportion to the text."""
    natural, minimum = [], []
    for name in frame.columns:
        pdf.set_font(FONT, "B", font_size)
        header_words = str(name).split() or [""]
        head_min = max(pdf.get_string_width(word) for word in header_words)
        head_full = pdf.get_string_width(str(name))
        pdf.set_font(FONT, "", font_size)
        longest_line, longest_word = 0.0, 0.0
        for value in frame[name].head(120):
            text = _cell_text(value)
            for line in text.splitlines() or [""]:
                longest_line = max(longest_line, pdf.get_string_width(line))
                for word in line.split():
                    longest_word = max(longest_word, pdf.get_string_width(word))
        minimum.append(max(head_min, min(longest_word, 22.0)) + padding)
        natural.append(max(min(longest_line, 90.0), head_full * 0.6, head_min) + padding)
    total_natural, total_min = sum(natural), sum(minimum)
    if total_natural <= CONTENT_WIDTH:
        return [w * CONTENT_WIDTH / total_natural for w in natural]
    if total_min >= CONTENT_WIDTH:
        return [w * CONTENT_WIDTH / total_min for w in minimum]
    spare = CONTENT_WIDTH - total_min
    extra = [n - m for n, m in zip(natural, minimum)]
    total_extra = sum(extra) or 1.0
    return [m + spare * e / total_extra for m, e in zip(minimum, extra)]


PT = 0.3528  # mm per point
PAD = 0.9  # cell padding, mm


def _wrap(pdf: _Document, text: str, width: float, cache: dict) -> list[str]:
    """Greedy word wrap of ``text`` into lines no wider than ``width`` (mm) in the current font.

    A word wider than the cell is cut into the longest pieces that fit (`_cut_word`). The time is
    linear in the length of the text: a partner name of 200,000 characters wraps in well under a second.
    """
    def measure(value: str) -> float:
        found = cache.get(value)
        if found is None:
            found = cache[value] = pdf.get_string_width(value)
        return found

    lines: list[str] = []
    space = measure(" ")
    for paragraph in text.split("\n"):
        current, current_width = "", 0.0
        for word in paragraph.split():
            word_width = measure(word)
            if word_width > width and len(word) > 1:  # a word wider than the cell: break it
                if current:
                    lines.append(current)
                    current, current_width = "", 0.0
                *pieces, word = _cut_word(pdf, word, width, measure)
                lines.extend(pieces)
                word_width = measure(word)
            if not current:
                current, current_width = word, word_width
            elif current_width + space + word_width <= width:
                current, current_width = current + " " + word, current_width + space + word_width
            else:
                lines.append(current)
                current, current_width = word, word_width
        lines.append(current)
    return lines or [""]


def _cut_word(pdf: _Document, word: str, width: float, measure) -> list[str]:
    """``word`` cut into pieces, each the longest run of the characters left that fits ``width``
    (at least one character), so only the last piece may be shorter.

    Each character's width is looked up once and summed along the word; fpdf2's own measure of
    the piece (``measure``) then settles the cut exactly, so the lines are the ones that measuring
    every prefix would give, in time linear in the word instead of quadratic.
    """
    char_width: dict[str, float] = {}
    pieces: list[str] = []
    start, length = 0, len(word)
    while start < length:
        end, used = start, 0.0
        while end < length:
            character = word[end]
            advance = char_width.get(character)
            if advance is None:
                advance = char_width[character] = pdf.get_string_width(character)
            if used + advance > width:
                break
            used += advance
            end += 1
        end = max(end, start + 1)
        # The sum of character widths and fpdf2's width of the piece may differ in the last bit.
        while end > start + 1 and measure(word[start:end]) > width:
            end -= 1
        while end < length and measure(word[start:end + 1]) <= width:
            end += 1
        pieces.append(word[start:end])
        start = end
    return pieces


def _table(pdf: _Document, frame: pd.DataFrame, *, total_row: bool = False, number_columns=(),
           weights: dict[str, float] | None = None, font_size: float = 8):
    """A table drawn directly (fpdf2's table() is ~10x slower on a few thousand cells):
    coloured header repeated on every page, banded rows, bold total row, wrapped text."""
    if frame is None or frame.empty:
        return
    columns = [str(c) for c in frame.columns]
    widths = _col_widths(pdf, frame, font_size)
    right = [c in number_columns for c in frame.columns]
    line_height = font_size * PT * 1.22
    ascent = font_size * PT * 0.78
    bottom = pdf.h - pdf.b_margin
    cache_regular: dict = {}
    cache_bold: dict = {}
    pdf.set_draw_color(170, 180, 195)
    pdf.set_line_width(0.15)

    def draw_row(cells: list[str], *, bold: bool, fill, colour, header: bool = False) -> None:
        pdf.set_font(FONT, "B" if bold else "", font_size)
        cache = cache_bold if bold else cache_regular
        wrapped = [_wrap(pdf, text, w - 2 * PAD, cache) for text, w in zip(cells, widths)]
        line_count = max(len(lines) for lines in wrapped)
        if pdf.get_y() + line_count * line_height + 2 * PAD > bottom and not header:
            pdf.add_page()
            draw_header()
            pdf.set_font(FONT, "B" if bold else "", font_size)
        first = 0
        while True:  # a row taller than a page goes on over as many pages as it needs
            room = int((bottom - pdf.get_y() - 2 * PAD) // line_height)
            last = line_count if header else min(line_count, first + max(room, 1))
            draw_lines(wrapped, first, last, cache, fill=fill, colour=colour, header=header)
            if last >= line_count:
                return
            first = last
            pdf.add_page()
            draw_header()
            pdf.set_font(FONT, "B" if bold else "", font_size)

    def draw_lines(wrapped: list[list[str]], first: int, last: int, cache: dict, *, fill, colour,
                   header: bool) -> None:
        """Lines ``first`` to ``last`` of every cell of a row, as one band of cells."""
        height = (last - first) * line_height + 2 * PAD
        y = pdf.get_y()
        x = MARGIN
        pdf.set_fill_color(*fill)
        pdf.set_text_color(*colour)
        for j, (lines, w) in enumerate(zip(wrapped, widths)):
            pdf.rect(x, y, w, height, style="DF")
            for k, line in enumerate(lines[first:last]):
                if not line:
                    continue
                if header:
                    tx = x + (w - cache.get(line, pdf.get_string_width(line))) / 2
                elif right[j]:
                    tx = x + w - PAD - cache.get(line, pdf.get_string_width(line))
                else:
                    tx = x + PAD
                pdf.text(tx, y + PAD + k * line_height + ascent, line)
            x += w
        pdf.set_text_color(0, 0, 0)
        pdf.set_xy(MARGIN, y + height)

    def draw_header() -> None:
        draw_row(columns, bold=True, fill=ACCENT, colour=(255, 255, 255), header=True)

    # keep the header with at least a couple of rows
    if pdf.get_y() + 4 * (line_height + 2 * PAD) > bottom:
        pdf.add_page()
    draw_header()
    values = frame.to_numpy(dtype=object)
    for i, record in enumerate(values):
        is_total = total_row and i == len(values) - 1
        fill = (220, 228, 238) if is_total else (LIGHT if i % 2 else (255, 255, 255))
        draw_row([_cell_text(v) for v in record], bold=is_total, fill=fill, colour=(0, 0, 0))
    pdf.ln(2)


def _chart(pdf: _Document, chart: Chart, lang: str):
    try:
        png = images.figure_to_png(strip_bidi_in_figure(chart.figure), width=chart.width,
                                   height=chart.height, scale=CHART_SCALE)
    except images.ImageExportUnavailable as exc:
        _note(pdf, t("chart_unavailable", lang, reason=str(exc)))
        return
    height = CONTENT_WIDTH * chart.height / chart.width
    if pdf.get_y() + height + 6 > pdf.h - pdf.b_margin:
        pdf.add_page()
    pdf.image(io.BytesIO(png), x=MARGIN, w=CONTENT_WIDTH, h=height, title=chart.title, alt_text=chart.title)
    pdf.ln(2)


def _title_page(pdf: _Document, c: ReportContent):
    pdf.add_page()
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 0, PAGE_WIDTH, 12, style="F")
    pdf.set_y(70)
    pdf.set_font(FONT, "B", 24)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(CONTENT_WIDTH, 11, c.university, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.set_font(FONT, "", 17)
    pdf.set_text_color(0, 0, 0)
    pdf.multi_cell(CONTENT_WIDTH, 9, c.title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.set_font(FONT, "B", 15)
    label = t("academic_year", c.lang) if c.year_from is None else t("report_years", c.lang)
    pdf.multi_cell(CONTENT_WIDTH, 8, f"{label}: {c.year_text}", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(20)
    pdf.set_font(FONT, "", 10.5)
    pdf.set_text_color(*GREY)
    lines = [t("prepared_for", c.lang),
             f"{t('home_country', c.lang)}: {c.home_name} ({c.home})",
             f"{t('generated', c.lang)}: {c.generated:%Y-%m-%d %H:%M} UTC"]
    for line in lines:
        pdf.multi_cell(CONTENT_WIDTH, 6, line, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if c.suppress_small:
        pdf.ln(4)
        pdf.set_font(FONT, "", 9)
        pdf.multi_cell(CONTENT_WIDTH, 5, t("suppression_note", c.lang, n=c.suppress_small, m=c.suppress_small - 1),
                       align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)


def _section(pdf: _Document, section: Section, lang: str):
    _heading(pdf, section.title, 13, keep=90)
    _paragraphs(pdf, section.commentary)
    for chart in section.charts:
        _chart(pdf, chart, lang)
    table = section.printable
    if table is None or table.empty:
        if not section.commentary:
            _note(pdf, t("no_data", lang))
        return
    _table(pdf, table, total_row=section.total_row, number_columns=section.number_columns,
           weights=section.column_weights)
    if section.more_rows:
        _note(pdf, t("more_rows", lang, n=section.more_rows))


def render(content: ReportContent) -> bytes:
    """The PDF report as bytes."""
    c = content
    pdf = _Document(c)
    _title_page(pdf, c)

    _heading(pdf, t("kpis", c.lang), 15, new_page=True)
    kpi_columns = list(c.kpi_print.columns)
    _table(pdf, c.kpi_print, number_columns=tuple(kpi_columns[1:-1]),
           weights={kpi_columns[0]: 62, **{name: 17 for name in kpi_columns[1:-1]}, kpi_columns[-1]: 20},
           font_size=8)
    if c.summary:
        _heading(pdf, t("summary", c.lang), 13, keep=40)
        _paragraphs(pdf, c.summary)
    if c.notes:
        for note in c.notes:
            _note(pdf, note)
    if c.trend is not None and not c.trend.empty:
        _heading(pdf, t("trend", c.lang), 13, keep=80)
        if c.trend_chart is not None:
            _chart(pdf, c.trend_chart, c.lang)
        _table(pdf, c.trend, number_columns=tuple(c.trend.columns[1:]), weights={c.trend.columns[0]: 50},
               font_size=7.5)

    for section in c.sections:
        _section(pdf, section, c.lang)

    _heading(pdf, t("definitions", c.lang), 15, new_page=True)
    defs = c.definitions
    _table(pdf, defs, weights=_definition_weights(defs), font_size=7.5)
    _heading(pdf, t("provenance", c.lang), 13, keep=40)
    _table(pdf, _provenance_print(c.provenance), font_size=6.5,
           number_columns=tuple(c.provenance.columns[-4:]))
    _heading(pdf, t("about", c.lang), 13, keep=40)
    _table(pdf, c.about, font_size=8, weights={c.about.columns[0]: 35, c.about.columns[1]: 65})
    return bytes(pdf.output())


def _definition_weights(defs: pd.DataFrame) -> dict[str, float]:
    cols = list(defs.columns)
    weights = {name: 20 for name in cols}
    if len(cols) >= 6:  # name, unit, definition, sources, ranking indicators, id
        weights.update({cols[0]: 30, cols[1]: 12, cols[2]: 75, cols[3]: 20, cols[4]: 24, cols[5]: 30})
    return weights


def _provenance_print(provenance: pd.DataFrame) -> pd.DataFrame:
    """SHA-256 split over two lines so the table fits the page."""
    frame = provenance.copy()
    for name in frame.columns:
        if "SHA" in str(name).upper():
            frame[name] = frame[name].map(lambda v: f"{v[:32]}\n{v[32:]}" if isinstance(v, str) and len(v) > 32 else v)
    return frame
