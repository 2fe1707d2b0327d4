"""PDF report with fpdf2 and the vendored DejaVu Sans font (Cyrillic and Uzbek Latin render).

Every text reaches the page through fpdf2's `normalize_text`, where bidi control characters are
removed (`charts.text.strip_bidi`). Table text is wrapped in linear time, and a row
taller than a page continues on the next page, so no name is too long to print whole.

Every row of every table is printed, the header row repeated after each page break. Identifiers
(``foreign_student_share``, file names) get columns wide enough to stay on one line, and if one
ever must wrap it breaks after a ``_``, ``.``, ``-`` or ``/``, never inside a word; a SHA-256 is
printed on one line (cut only in chunks of 16 hex digits if it could not fit). Headings and
paragraphs are left-aligned. The footer's text is cut with an ellipsis to the room the page number
('Стр. 2 из 13') leaves, at least FOOTER_GAP mm away. The last section is the data version and
every file's SHA-256.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from charts.text import strip_bidi
from reports import images
from reports.model import CHART_SCALE
from metrics.vocabulary import t
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
FOOTER_GAP = 5.0  # mm at least between the footer's text and the page number
ELLIPSIS = "…"
# "Page 2 of 13" in each language; the word before the number is `t("report.page", lang)`.

HEX_HASH = re.compile(r"[0-9a-fA-F]{40,}")  # a SHA-1/SHA-256 digest: wrapped only in chunks of HASH_CHUNK
HASH_CHUNK = 16
IDENTIFIER = re.compile(r"[A-Za-z0-9]+(?:[_.\-/][A-Za-z0-9]+)+[_.\-/]?")  # snake_case ids, file names
BREAK_AFTER = re.compile(r"[^_.\-/]*[_.\-/]+|[^_.\-/]+")  # a word's pieces, each ending at a _ . - /


def page_label(lang: str, page, total) -> str:
    """'Стр. 2 из 13', 'Page 2 of 13', 'Bet 2/13'."""
    return t("report.page_of", lang, n=page, total=total)


def ellipsize(measure, text: str, width: float) -> str:
    """``text``, or its longest prefix with an ellipsis, no wider than ``width`` by ``measure``."""
    if measure(text) <= width:
        return text
    low, high = 0, len(text)  # the longest prefix that fits with the ellipsis: binary search
    while low < high:
        middle = (low + high + 1) // 2
        if measure(text[:middle].rstrip(" ·,.-–—") + ELLIPSIS) <= width:
            low = middle
        else:
            high = middle - 1
    prefix = text[:low]
    if low < len(text) and text[low] != " " and " " in prefix:  # cut at a word's end if that keeps most
        at_word = prefix[:prefix.rindex(" ")]
        if measure(at_word) >= 0.75 * width:
            prefix = at_word
    prefix = prefix.rstrip(" ·,.-–—")
    return prefix + ELLIPSIS if prefix else ""


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
        """University · title · year on the left, cut with an ellipsis to the room the page number
        leaves; 'Стр. 2 из 13' on the right, at least FOOTER_GAP mm away."""
        if self.page_no() == 1:
            return
        self.set_y(-12)
        y = self.get_y()
        self.set_font(FONT, size=7.5)
        self.set_text_color(*GREY)
        alias = self.str_alias_nb_pages or "{nb}"
        label = page_label(self.content.lang, self.page_no(), alias)
        # the total is not known yet: measured as three digits (fpdf2 draws the alias in that room)
        label_width = self.get_string_width(label.replace(alias, "000")) + 0.5
        room = CONTENT_WIDTH - label_width - FOOTER_GAP
        year = f" · {self.content.year_text}"  # the year is kept; the names before it are cut if need be
        left = " ".join(f"{self.content.university} · {self.content.title}".split())
        year_width = self.get_string_width(year)
        if self.get_string_width(left) + year_width > room and year_width < room / 2:
            left = ellipsize(self.get_string_width, left, room - year_width) + year
        else:
            left = ellipsize(self.get_string_width, left + year, room)
        self.set_xy(MARGIN, y)
        self.cell(room, 5, left, align="L")
        self.set_xy(PAGE_WIDTH - MARGIN - label_width, y)
        self.cell(label_width, 5, label, align="R")
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
    pdf.multi_cell(CONTENT_WIDTH, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
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


WORD_MIN = 22.0  # mm: a column is at least as wide as its longest word, up to this
IDENTIFIER_MIN = 60.0  # mm: ... or its longest identifier (snake_case id, file name), up to this
HASH_MIN = 110.0  # mm: ... or its longest hash (a SHA-256 on one line), up to this
MEASURED_ROWS = 5000  # rows measured for the widths of a very long table


def _unbreakable(word: str) -> tuple[float, float]:
    """(cap, priority) of a word for the column minimum: hashes and identifiers are kept whole."""
    if HEX_HASH.fullmatch(word):
        return HASH_MIN, 2
    if IDENTIFIER.fullmatch(word):
        return IDENTIFIER_MIN, 1
    return WORD_MIN, 0


def _col_widths(pdf: _Document, frame: pd.DataFrame, font_size: float, padding: float = 2.0) -> list[float]:
    """Column widths in mm that fit CONTENT_WIDTH: every column at least as wide as its longest
    header word and its longest word (up to 22 mm; identifiers such as ``foreign_student_share`` and
    file names up to 60 mm, SHA-256 digests up to 110 mm, so they print on one line); the rest
    shared in proportion to the text."""
    natural, minimum = [], []
    cache: dict[str, float] = {}

    def measure(text: str) -> float:
        found = cache.get(text)
        if found is None:
            found = cache[text] = pdf.get_string_width(text)
        return found

    for name in frame.columns:
        pdf.set_font(FONT, "B", font_size)
        header_words = str(name).split() or [""]
        head_min = max(pdf.get_string_width(word) for word in header_words)
        head_full = pdf.get_string_width(str(name))
        pdf.set_font(FONT, "", font_size)
        longest_line, longest_word = 0.0, 0.0
        for value in frame[name].head(MEASURED_ROWS):
            text = _cell_text(value)
            for line in text.splitlines() or [""]:
                if len(line) > 2000:  # a very long name: wrapped anyway, measured by its start
                    line = line[:2000]
                longest_line = max(longest_line, measure(line))
                for word in line.split():
                    cap, _ = _unbreakable(word)
                    longest_word = max(longest_word, min(measure(word), cap))
        minimum.append(max(head_min, longest_word) + padding)
        natural.append(max(min(longest_line, 90.0), head_full * 0.6, head_min, longest_word) + padding)
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
                *pieces, word = _break_word(pdf, word, width, measure)
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


def _break_word(pdf: _Document, word: str, width: float, measure) -> list[str]:
    """``word`` (wider than ``width``) in pieces that fit, broken where a reader expects it.

    A hex digest is cut in chunks of HASH_CHUNK characters (as many whole chunks on a line as fit);
    an identifier or file name after its ``_``, ``.``, ``-`` or ``/`` (``foreign_student_`` /
    ``share``); anything else, or a piece still too wide, by `_cut_word`.
    """
    if HEX_HASH.fullmatch(word):
        parts = [word[i:i + HASH_CHUNK] for i in range(0, len(word), HASH_CHUNK)]
    else:
        parts = BREAK_AFTER.findall(word)
    if len(parts) < 2 or "".join(parts) != word:
        return _cut_word(pdf, word, width, measure)
    pieces: list[str] = []
    current = ""
    for part in parts:
        if current and measure(current + part) <= width:
            current += part
            continue
        if current:
            pieces.append(current)
        if measure(part) > width:
            *cut, current = _cut_word(pdf, part, width, measure)
            pieces.extend(cut)
        else:
            current = part
    pieces.append(current)
    return pieces


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
        _note(pdf, t("report.chart_unavailable", lang, reason=str(exc)))
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
    label = t("report.academic_year", c.lang) if c.year_from is None else t("report.period", c.lang)
    pdf.multi_cell(CONTENT_WIDTH, 8, f"{label}: {c.year_text}", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(20)
    pdf.set_font(FONT, "", 10.5)
    pdf.set_text_color(*GREY)
    lines = [t("report.prepared_for", c.lang),
             f"{t('sidebar.home', c.lang)}: {c.home_name} ({c.home})",
             f"{t('report.generated', c.lang)}: {c.generated:%Y-%m-%d %H:%M} UTC"]
    for line in lines:
        pdf.multi_cell(CONTENT_WIDTH, 6, line, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if c.suppress_small:
        pdf.ln(4)
        pdf.set_font(FONT, "", 9)
        pdf.multi_cell(CONTENT_WIDTH, 5, t("report.suppression_note", c.lang, n=c.suppress_small, m=c.suppress_small - 1),
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
            _note(pdf, t("report.no_data", lang))
        return
    _table(pdf, table, total_row=section.total_row, number_columns=section.number_columns,
           weights=section.column_weights)


def render(content: ReportContent) -> bytes:
    """The PDF report as bytes."""
    c = content
    pdf = _Document(c)
    _title_page(pdf, c)

    _heading(pdf, t("report.kpis", c.lang), 15, new_page=True)
    kpi_columns = list(c.kpi_print.columns)
    _table(pdf, c.kpi_print, number_columns=tuple(kpi_columns[1:-1]),
           weights={kpi_columns[0]: 62, **{name: 17 for name in kpi_columns[1:-1]}, kpi_columns[-1]: 20},
           font_size=8)
    if c.summary:
        _heading(pdf, t("report.summary", c.lang), 13, keep=40)
        _paragraphs(pdf, c.summary)
    if c.notes:
        for note in c.notes:
            _note(pdf, note)
    if c.trend is not None and not c.trend.empty:
        _heading(pdf, t("report.trend", c.lang), 13, keep=80)
        if c.trend_chart is not None:
            _chart(pdf, c.trend_chart, c.lang)
        _table(pdf, c.trend, number_columns=tuple(c.trend.columns[1:]), weights={c.trend.columns[0]: 50},
               font_size=7.5)

    for section in c.sections:
        _section(pdf, section, c.lang)

    _heading(pdf, t("report.definitions", c.lang), 15, new_page=True)
    defs = c.definitions
    _table(pdf, defs, weights=_definition_weights(defs), font_size=7.5)
    _heading(pdf, t("report.about", c.lang), 13, keep=40)
    _table(pdf, c.about, font_size=8, weights={c.about.columns[0]: 35, c.about.columns[1]: 65})
    _provenance(pdf, c)  # the last section: data version and every file's SHA-256, in full
    return bytes(pdf.output())


# Height of one row of the digest table (7 pt text on one line), for keeping it on one page.
HASH_ROW_HEIGHT = 4.2


def _provenance(pdf: _Document, c: ReportContent) -> None:
    """The data version, a table of the files (export, file, encoding, rows) and a table of
    every file's SHA-256 on one line (the digest would be cut in chunks of 16 only if it did not fit)."""
    versions, files, hashes = provenance_parts(c.provenance, c.lang)
    _heading(pdf, t("report.provenance", c.lang), 13, keep=70)
    if not files.empty:
        _table(pdf, files, font_size=7, number_columns=tuple(n for n in files.columns if n in _count_columns(c)))
        pdf.ln(2)
    # the version and the digests stay together, on the last page
    needed = 12 + HASH_ROW_HEIGHT * (len(hashes) + 1)
    if pdf.get_y() + needed > pdf.page_break_trigger and needed < pdf.page_break_trigger - MARGIN:
        pdf.add_page()
    version_label = t("col.version", c.lang)
    pdf.set_font(FONT, "B", 9.5)
    pdf.multi_cell(CONTENT_WIDTH, 5, f"{version_label}: {', '.join(versions) if versions else '—'}", align="L",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)
    if not hashes.empty:
        _table(pdf, hashes, font_size=7)


def _count_columns(c: ReportContent) -> set:
    return {name for name in c.provenance.columns if pd.api.types.is_numeric_dtype(c.provenance[name])}


def provenance_parts(provenance: pd.DataFrame, lang: str) -> tuple[list[str], pd.DataFrame, pd.DataFrame]:
    """(data versions, files without version and hash, file name + SHA-256) of a provenance frame.

    The columns are found by their localized names (`t('col.version')`, `t('col.file')`,
    `t('col.sha256')`), or by 'SHA' in the name; a frame without them is returned as the files table.
    """
    frame = provenance if provenance is not None else pd.DataFrame()
    columns = [str(name) for name in frame.columns]
    version = t("col.version", lang) if t("col.version", lang) in columns else None
    sha = next((name for name in columns if name == t("col.sha256", lang)), None) or next(
        (name for name in columns if "SHA" in name.upper()), None)
    file = t("col.file", lang) if t("col.file", lang) in columns else None
    versions: list[str] = []
    if version is not None:
        for value in frame[version]:
            text = _cell_text(value).strip()
            if text and text not in versions:
                versions.append(text)
    files = frame.drop(columns=[name for name in (version, sha) if name is not None])
    if file is not None and file in files.columns:  # the file first: what the reader looks for
        files = files[[file] + [name for name in files.columns if name != file]]
    if sha is None:
        return versions, files, pd.DataFrame()
    hashes = frame[[name for name in (file, sha) if name is not None]]
    return versions, files, hashes


def _definition_weights(defs: pd.DataFrame) -> dict[str, float]:
    cols = list(defs.columns)
    weights = {name: 20 for name in cols}
    if len(cols) >= 6:  # name, unit, definition, sources, ranking indicators, id
        weights.update({cols[0]: 30, cols[1]: 12, cols[2]: 75, cols[3]: 20, cols[4]: 24, cols[5]: 30})
    return weights
