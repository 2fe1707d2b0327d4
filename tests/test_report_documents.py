"""Word and PDF reports an accreditation committee accepts: every row of a long table printed, its
header repeated on every page it spans, identifiers and SHA-256 digests never broken mid-word, a
footer whose text never runs into the page number, and the data version and every file's digest
on the last page.

Two contents are checked: one built by hand (a report of 150 partners, independent of the
computation of the KPIs) and the sample data's Russian report with a 150-row table put in.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from metrics.catalogue import CATALOGUE
from reports import images, render
from metrics.vocabulary import t
from reports.model import ReportContent, Section

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data"
ROWS = 150
LABELS = [f"Организация {i:03d}" for i in range(1, ROWS + 1)]
COLUMNS = ["Организация", "Страна", "Тип", "Соглашение", "Подписано", "Студенты"]
HEADER_LINE = re.compile(r"Организация\s+Страна\s+Тип\s+Соглашение\s+Подписано\s+Студенты")
ROW_LABEL = re.compile(r"Организация (\d{3})\b")
VERSION = "2025-11-23T10:15:00Z-7f3a9c2e"
PAGE_GLUED = re.compile(r"\S(Стр\.|Page|Bet) \d")
MM = 72 / 25.4  # points per millimetre

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="pdftotext (poppler-utils) is not installed")


@pytest.fixture(autouse=True, scope="module")
def _no_chart_images():
    """Charts are replaced by a note: these tests are about text and layout, not pictures."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(images, "available", lambda: False)

        def unavailable(*args, **kwargs):
            raise images.ImageExportUnavailable("no browser in this test")

        patch.setattr(images, "figure_to_png", unavailable)
        yield


def _long_table() -> pd.DataFrame:
    countries = ["Германия", "Казахстан", "Индия", "Турция", "Корея"]
    return pd.DataFrame({
        "Организация": LABELS,
        "Страна": [countries[i % 5] for i in range(ROWS)],
        "Тип": ["университет" if i % 3 else "клиника" for i in range(ROWS)],
        "Соглашение": ["меморандум" if i % 2 else "двустороннее" for i in range(ROWS)],
        "Подписано": [f"20{10 + i % 15}-0{1 + i % 9}-1{i % 10}" for i in range(ROWS)],
        "Студенты": [str(i * 7 % 113) for i in range(ROWS)],
    })


def _long_section() -> Section:
    table = _long_table()
    return Section(key="partners_long", title="Партнёры: полный список организаций", sheet="Партнёры",
                   commentary=["Все действующие соглашения с зарубежными организациями, без сокращений."],
                   table=table, print_table=table, number_columns=("Студенты",))


def _provenance(lang: str, version: str) -> pd.DataFrame:
    files = sorted(SAMPLE.glob("*.csv"))[:8] or [Path(__file__)]
    return pd.DataFrame({
        t("col.version", lang): [version] * len(files),
        t("col.export", lang): [f.stem for f in files],
        t("col.file", lang): [f.name for f in files],
        t("col.sha256", lang): [hashlib.sha256(f.read_bytes()).hexdigest() for f in files],
        t("col.encoding", lang): ["utf-8"] * len(files),
        t("col.rows_read", lang): [100 + i for i in range(len(files))],
        t("col.rows_loaded", lang): [100 + i for i in range(len(files))],
        t("col.rows_excluded", lang): [0] * len(files),
        t("desk.lines_skipped", lang): [0] * len(files),
    })


def _definitions(lang: str) -> pd.DataFrame:
    kpis = list(CATALOGUE.values())
    return pd.DataFrame({
        t("col.name", lang): [f"Показатель «{k.id.replace('_', ' ')}»" for k in kpis],
        t("col.unit", lang): [k.unit for k in kpis],
        t("col.definition", lang): ["Число записей выгрузки за учебный год; см. методику расчёта." for _ in kpis],
        t("col.source", lang): [", ".join(k.sources) for k in kpis],
        "QS / THE / IMPI": ["" for _ in kpis],
        t("col.kpi_id", lang): [k.id for k in kpis],
    })


def _hand_content(lang: str = "ru", university: str = "Государственный медицинский университет «Шёлковый путь»",
                  ) -> ReportContent:
    kpi_print = pd.DataFrame({"Показатель": ["Иностранные студенты", "Партнёры"], "2024/25": ["1 204", "54"],
                              "2023/24": ["1 100", "50"], "Источник": ["students", "partners"]})
    about = pd.DataFrame({t("report.col_item", lang): [t("report.university", lang)], t("report.col_detail", lang): [university]})
    return ReportContent(
        lang=lang, university=university, home="UZB", home_name="Узбекистан", year=2024, year_from=None,
        title=t("report.title", lang), year_text="2024/25",
        generated=dt.datetime(2025, 11, 23, 10, 15, tzinfo=dt.timezone.utc), suppress_small=None,
        kpis=pd.DataFrame(), kpi_sheet=kpi_print, kpi_print=kpi_print,
        summary=["Сводка: число иностранных студентов выросло."], sections=[_long_section()], trend=None,
        trend_chart=None, definitions=_definitions(lang), provenance=_provenance(lang, VERSION), about=about)


@pytest.fixture(scope="module")
def real_content() -> ReportContent:
    """The sample data's Russian report, every table whole, the first one replaced by 150 rows, a data version set."""
    if not (SAMPLE / "students.csv").exists():
        pytest.skip("sample data not present in data/")
    from metrics.ingest import load_dataset
    from metrics.engine import available_years
    from reports import build_content

    data = load_dataset(SAMPLE)
    content = build_content(data, available_years(data)[-1], lang="ru")
    # every table printed whole, as the content gives it
    sections = [dataclasses.replace(s, print_table=s.table) for s in content.sections]
    long = _long_section()
    sections[0] = dataclasses.replace(sections[0], title=long.title, commentary=long.commentary + sections[0].commentary,
                                      table=long.table, print_table=long.print_table,
                                      total_row=False, number_columns=long.number_columns, charts=[])
    provenance = content.provenance.copy()
    provenance[t("col.version", "ru")] = VERSION
    return dataclasses.replace(content, sections=sections, provenance=provenance)


@pytest.fixture(scope="module", params=["hand", "real"])
def content(request) -> ReportContent:
    return _hand_content() if request.param == "hand" else request.getfixturevalue("real_content")


@pytest.fixture(scope="module")
def pdf_path(content, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    path.write_bytes(render(content, "pdf"))
    return path


@pytest.fixture(scope="module")
def docx(content):
    return Document(io.BytesIO(render(content, "docx")))


def _pdftotext(path: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _pages(path: Path, *options: str) -> list[str]:
    pages = _pdftotext(path, *options).split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


# ------------------------------------------------------------------------------------------------ PDF

@needs_poppler
def test_pdf_prints_every_row_once(pdf_path):
    text = _pdftotext(pdf_path, "-layout")
    found = ROW_LABEL.findall(text)
    assert sorted(found) == [f"{i:03d}" for i in range(1, ROWS + 1)]  # each of the 150, exactly once
    assert "см. книгу Excel" not in text  # nothing left out


@needs_poppler
def test_pdf_repeats_the_header_on_every_page_of_the_table(pdf_path):
    pages = _pages(pdf_path, "-layout")
    with_rows = [i for i, page in enumerate(pages) if ROW_LABEL.search(page)]
    with_header = [i for i, page in enumerate(pages) if HEADER_LINE.search(page)]
    assert len(with_rows) >= 2, "150 rows fit one page?"
    assert len(with_header) >= 2
    for i in with_rows:
        page = pages[i]
        assert HEADER_LINE.search(page), f"page {i + 1} has rows but no header"
        assert HEADER_LINE.search(page).start() < ROW_LABEL.search(page).start()  # the header above the rows


@needs_poppler
def test_pdf_footer_never_touches_the_page_number(pdf_path):
    text = _pdftotext(pdf_path, "-layout")
    assert not [line for line in text.splitlines() if PAGE_GLUED.search(line)]
    pages = _pages(pdf_path, "-layout")
    assert re.search(rf"Стр\. 2 из {len(pages)}\b", pages[1])
    _assert_footer_gap(pdf_path, "Стр.")


def _assert_footer_gap(pdf_path: Path, label: str) -> None:
    """On every page but the title page: the footer's text ends ≥ 4 mm before the page label starts."""
    html = _pdftotext(pdf_path, "-bbox")
    pages = html.split("<page ")[1:]
    assert len(pages) >= 3
    for number, page in enumerate(pages[1:], start=2):
        words = [(float(x0), float(y0), float(x1), w) for x0, y0, x1, w in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
                            page)]
        labels = [w for w in words if w[3] == label and w[1] > 780]  # in the footer band of an A4 page
        assert len(labels) == 1, (number, labels)
        x0, y0 = labels[0][0], labels[0][1]
        before = [w for w in words if abs(w[1] - y0) < 1.5 and w[2] <= x0 + 0.1 and w is not labels[0]]
        assert before, number
        gap = x0 - max(w[2] for w in before)
        assert gap >= 4 * MM, (number, gap / MM)


@needs_poppler
def test_pdf_footer_with_a_very_long_name_is_cut_with_an_ellipsis(tmp_path):
    long_name = "Государственный медицинский университет имени " + " ".join(["Очень-Длинного"] * 30)
    content = dataclasses.replace(_hand_content(university=long_name), lang="en", title="International cooperation")
    path = tmp_path / "long.pdf"
    path.write_bytes(render(content, "pdf"))
    pages = _pages(path, "-layout")
    footer = [line for line in pages[1].splitlines() if "Page 2 of" in line]
    assert footer and "…" in footer[0] and "2024/25" in footer[0], footer  # cut, the year kept
    assert not PAGE_GLUED.search(footer[0])
    _assert_footer_gap(path, "Page")


@needs_poppler
def test_pdf_prints_kpi_ids_whole(pdf_path, content):
    text = _pdftotext(pdf_path, "-raw")
    ids = list(content.definitions[t("col.kpi_id", "ru")])
    assert ids
    for kpi_id in ids:
        assert re.search(rf"(?<![\w-]){re.escape(kpi_id)}(?![\w-])", text), kpi_id
    assert not re.search(r"[a-z]-\n[a-z]", text)  # no word hyphenated over two lines


@needs_poppler
def test_pdf_last_page_has_the_version_and_every_digest(pdf_path, content):
    pages = _pages(pdf_path, "-raw")
    last = pages[-1]
    assert VERSION in last
    # the provenance is the last section: its heading is on the last pages, after everything else
    tail = "".join(pages[-2:])
    assert t("report.provenance", "ru") in tail
    assert tail.rindex(t("report.provenance", "ru")) > tail.rfind(t("report.about", "ru"))
    joined = re.sub(r"\s+", "", tail)  # a digest cut in chunks would be joined back
    for digest in content.provenance[t("col.sha256", "ru")]:
        assert len(digest) == 64 and digest in joined, digest


@needs_poppler
def test_pdf_headings_are_left_aligned(pdf_path):
    """A heading's words are set with ordinary spaces: no justified gaps between them."""
    html = _pdftotext(pdf_path, "-bbox")
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                       html)
    heading = "Партнёры: полный список организаций".split()
    for i in range(len(words) - len(heading)):
        if [w[4] for w in words[i:i + len(heading)]] == heading:
            line = words[i:i + len(heading)]
            assert abs(float(line[0][0]) - 15 * MM) < 1.5 * MM  # starts at the left margin (and cell padding)
            gaps = [float(b[0]) - float(a[2]) for a, b in zip(line, line[1:])]
            assert max(gaps) < 2.5 * MM, gaps
            return
    pytest.fail("heading not found")


def test_wrap_breaks_identifiers_at_their_separators_and_digests_in_chunks():
    from reports.pdf import FONT, HASH_CHUNK, _Document, _wrap

    document = _Document(SimpleNamespace(university="U", title="T", year_text="2024/25", lang="ru",
                                         generated=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)))
    document.add_page()
    document.set_font(FONT, "", 8)
    kpi_id = "international_event_participants"
    lines = _wrap(document, kpi_id, document.get_string_width("international_event_") + 0.5, {})
    assert lines == ["international_event_", "participants"]
    assert _wrap(document, "program_enrollment.csv", document.get_string_width("program_enrollment.") + 1,
                 {}) == ["program_enrollment.", "csv"]
    digest = hashlib.sha256(b"x").hexdigest()
    lines = _wrap(document, digest, document.get_string_width(digest[:40]), {})
    assert "".join(lines) == digest
    assert all(len(line) % HASH_CHUNK == 0 for line in lines)  # whole chunks of 16 only


# ----------------------------------------------------------------------------------------------- Word

def _cells(doc) -> list[str]:
    return [cell.text for table in doc.tables for row in table.rows for cell in row.cells]


def test_docx_prints_every_row_once(docx):
    found = [match for text in _cells(docx) for match in ROW_LABEL.findall(text)]
    assert sorted(found) == [f"{i:03d}" for i in range(1, ROWS + 1)]
    assert not any("см. книгу Excel" in p.text for p in docx.paragraphs)


def test_docx_every_table_repeats_its_header_and_keeps_short_rows_whole(docx):
    assert docx.tables
    for table in docx.tables:
        first = table.rows[0]._tr.trPr
        assert first is not None and first.find(qn("w:tblHeader")) is not None
    long_table = next(table for table in docx.tables if table.rows[0].cells[0].text == "Организация")
    assert len(long_table.rows) == ROWS + 1
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in long_table.rows)


def test_docx_footer_has_page_fields_apart_from_the_text(docx, content):
    section = docx.sections[0]
    assert section.different_first_page_header_footer  # no footer on the title page
    xml = section.footer._element.xml
    assert 'w:instr="PAGE"' in xml and 'w:instr="NUMPAGES"' in xml
    table = section.footer.tables[0]
    left, right = table.rows[0].cells
    assert content.year_text in left.text and "Стр." not in left.text
    assert right.text.startswith("Стр.") and " из " in right.text


def test_docx_headings_and_commentary_are_left_aligned(docx):
    headings = [p for p in docx.paragraphs if p.style.name.startswith("Heading")]
    assert headings
    justified = {WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.DISTRIBUTE, WD_ALIGN_PARAGRAPH.JUSTIFY_LOW,
                 WD_ALIGN_PARAGRAPH.JUSTIFY_MED, WD_ALIGN_PARAGRAPH.JUSTIFY_HI}
    assert not [p.text for p in docx.paragraphs if p.alignment in justified]
    commentary = next(p for p in docx.paragraphs if p.text.startswith("Все действующие соглашения"))
    assert commentary.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.LEFT for p in headings)


def test_docx_ends_with_the_version_and_every_digest(docx, content):
    headings = [p.text for p in docx.paragraphs if p.style.name.startswith("Heading")]
    assert headings[-1] == t("report.provenance", "ru")
    body = [p.text for p in docx.paragraphs]
    assert any(VERSION in text for text in body[body.index(t("report.provenance", "ru")):])
    cells = set(_cells(docx))
    for digest in content.provenance[t("col.sha256", "ru")]:
        assert digest in cells  # whole, in one cell, on one line
    ids = set(content.definitions[t("col.kpi_id", "ru")])
    assert ids <= cells
