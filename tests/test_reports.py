"""Reports: every format opened with its own library, KPI values equal to the KPI library's,
sections present, formula text inert, small counts suppressed, maps really drawn in the PDF."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest

from tests.conftest import write_csv as _write
from docx import Document

from benchmarks.bench_report import LONG_NAME_LETTERS, LONG_NAMES, long_name, with_long_partner_names
from metrics.catalogue import CATALOGUE
from metrics.ingest import load_dataset
from metrics.engine import available_years, compute_kpis
from reports import build_content, build_report, images, render
from reports.cli import main as cli_main
from metrics import vocabulary as V

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data"
ATTACK = '=HYPERLINK("http://x","y")'
YEAR = 2024

needs_chrome = pytest.mark.skipif(not images.available(), reason="no Chromium for kaleido: charts cannot be drawn")
needs_pdftoppm = pytest.mark.skipif(shutil.which("pdftoppm") is None,
                                    reason="pdftoppm (poppler-utils) is not installed: PDF pages cannot be rendered")




@pytest.fixture(scope="module")
def small_dir(tmp_path_factory) -> Path:
    """A small data folder: a country with 2 students, a partner named like a formula."""
    folder = tmp_path_factory.mktemp("small")
    (folder / "settings.toml").write_text('[university]\nname = "Test Medical University"\nhome_country = "UZB"\n',
                                          encoding="utf-8")
    students = []
    for year, india, pakistan in ((2023, 25, 8), (2024, 30, 10)):
        students += [[year, "India", india, "Bachelor", ""], [year, "Pakistan", pakistan, "Master", ""],
                     [year, "Uzbekistan", 100, "Bachelor", ""]]
    students += [[2024, "Kazakhstan", 1, "Bachelor", "S9000001"], [2024, "Kazakhstan", 1, "Master", "S9000002"]]
    _write(folder / "students.csv", ["year", "citizenship", "count", "level", "student_id"], students)
    _write(folder / "totals.csv", ["year", "total_students", "programs"], [[2023, 900, 20], [2024, 1000, 20]])
    _write(folder / "partners.csv", ["partner", "country", "type", "agreement", "signed", "expires"], [
        [ATTACK, "Germany", "university", "MoU", "2020-01-01", ""],
        ["Charité", "Germany", "hospital", "bilateral", "2021-03-01", "2030-03-01"],
        ["Kazakh National Medical University", "Kazakhstan", "university", "MoU", "2024-10-01", ""],
        ["Tashkent Clinic", "Uzbekistan", "hospital", "MoU", "2019-01-01", ""],
    ])
    _write(folder / "mobility.csv", ["year", "direction", "category", "country", "partner", "count"], [
        [2023, "in", "student", "Kazakhstan", "Kazakh National Medical University", 2],
        [2024, "in", "student", "Kazakhstan", "Kazakh National Medical University", 3],
        [2024, "out", "staff", "Germany", "Charité", 1],
        [2024, "out", "student", "Germany", ATTACK, 6],
    ])
    _write(folder / "programs.csv", ["program", "partner", "country", "type", "level", "start_year", "end_year"], [
        ["MD double degree", "Charité", "Germany", "double", "Bachelor", 2022, ""],
    ])
    _write(folder / "program_enrollment.csv", ["program", "year", "students", "graduates"], [
        ["MD double degree", 2023, 12, 0], ["MD double degree", 2024, 14, 3],
    ])
    _write(folder / "events.csv", ["event", "date", "type", "participants", "international_participants",
                                   "countries"], [
        ["Congress of surgeons", "2024-10-17", "congress", 300, 40, "Kazakhstan;Germany"],
        ["Local seminar", "2025-02-01", "seminar", 50, 0, ""],
    ])
    _write(folder / "grants.csv", ["grant", "partner", "country", "funder", "start_year", "end_year", "amount",
                                   "currency"], [
        ["Cancer screening", "Charité", "Germany", "DAAD", 2023, 2025, 50000, "EUR"],
    ])
    return folder


@pytest.fixture(scope="module")
def small(small_dir):
    return load_dataset(small_dir)


@pytest.fixture(scope="module")
def sample():
    if not (SAMPLE / "students.csv").exists():
        pytest.skip("sample data not present in data/")
    return load_dataset(SAMPLE)


@pytest.fixture(scope="module")
def sample_year(sample) -> int:
    return available_years(sample)[-1]


@pytest.fixture(scope="module")
def small_xlsx(small):
    return openpyxl.load_workbook(io.BytesIO(build_report(small, YEAR, "xlsx")))


@pytest.fixture(scope="module")
def small_docx(small):
    return Document(io.BytesIO(build_report(small, YEAR, "docx")))


@pytest.fixture(scope="module")
def small_pdf(small):
    return build_report(small, YEAR, "pdf")


def _kpi_rows(ws) -> dict[str, list]:
    header = [cell.value for cell in ws[1]]
    id_col, value_col = header.index(V.column_label("kpi_id")), header.index(V.column_label("value"))
    return {row[id_col].value: row for row in ws.iter_rows(min_row=2) if row[id_col].value}, value_col


def _assert_kpis_equal(ws, expected: dict) -> None:
    rows, value_col = _kpi_rows(ws)
    assert set(rows) == set(CATALOGUE)
    for kpi_id, value in expected.items():
        cell = rows[kpi_id][value_col]
        if value is None:
            assert cell.value is None, kpi_id
        else:
            assert cell.data_type == "n", kpi_id
            assert cell.value == pytest.approx(value, rel=1e-12, abs=1e-12), kpi_id


# ------------------------------------------------------------------------------------ Excel

def test_xlsx_kpis_equal_kpi_library(small, small_xlsx):
    _assert_kpis_equal(small_xlsx[V.t("report.kpi_sheet")], compute_kpis(small, YEAR))


def test_xlsx_sheets_present(small_xlsx):
    # one sheet per page section and per further table of its report blocks, then the definitions
    expected = [V.t("report.kpi_sheet"), V.t("page.students"), V.t("page.partners"), V.t("page.programs"),
                V.t("page.mobility"), V.t("page.science"), V.t("science.grant_list")[:31],
                V.t("page.accreditation"), V.t("accreditation.programs")[:31],  # no status column: no graduates
                V.t("accreditation.partners")[:31], V.t("accreditation.mobility")[:31]]
    assert small_xlsx.sheetnames[:len(expected)] == expected
    assert small_xlsx.sheetnames[-1] == V.t("report.definitions_sheet")
    for ws in small_xlsx.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert ws["A1"].font.bold, ws.title


def test_xlsx_definitions_and_provenance(small, small_xlsx):
    ws = small_xlsx[V.t("report.definitions_sheet")]
    values = [cell.value for row in ws.iter_rows() for cell in row if cell.value is not None]
    for kpi in CATALOGUE.values():
        assert kpi.definition_in("en") in values
    for report in small.files:
        assert report.sha256 in values
        assert report.rows_loaded in values
    assert any(isinstance(v, str) and "(UZB)" in v for v in values)  # home country
    assert any(isinstance(v, str) and v.endswith("UTC") for v in values)  # date of generation


def test_xlsx_formula_partner_is_inert(small_xlsx):
    for ws in small_xlsx.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate)
                if isinstance(cell.value, str) and "HYPERLINK" in cell.value:
                    assert cell.data_type == "s"
                    assert cell.value.startswith("'" + ATTACK)  # alone, or first of a list of names
    partners = small_xlsx[V.t("accreditation.partners")[:31]]
    assert "'" + ATTACK in [row[0].value for row in partners.iter_rows(min_row=2)]


def test_xlsx_numbers_are_numbers(small_xlsx):
    ws = small_xlsx[V.t("page.students")]
    header = [cell.value for cell in ws[1]]
    total_col = header.index(V.t("common.total"))
    totals = [row[total_col] for row in ws.iter_rows(min_row=2)]
    assert all(cell.data_type == "n" for cell in totals)
    assert totals[-1].value == 42  # 30 + 10 + 2 foreign students


def test_no_personal_data_in_any_format(small, small_xlsx, small_docx, small_pdf):
    texts = [str(cell.value) for ws in small_xlsx.worksheets for row in ws.iter_rows() for cell in row]
    texts += [p.text for p in small_docx.paragraphs]
    texts += [cell.text for table in small_docx.tables for row in table.rows for cell in row.cells]
    assert not any("S900000" in text for text in texts)
    assert b"S900000" not in small_pdf


# ------------------------------------------------------------------------------------ suppression

def test_suppress_small_hides_small_counts_but_keeps_totals(small):
    wb = openpyxl.load_workbook(io.BytesIO(build_report(small, YEAR, "xlsx", suppress_small=5)))
    ws = wb[V.t("page.students")]
    header = [cell.value for cell in ws[1]]
    rows = {row[0].value: [cell.value for cell in row] for row in ws.iter_rows(min_row=2)}
    kazakhstan = rows["Kazakhstan"]
    assert kazakhstan[header.index(V.t("common.total"))] == "<5"
    assert kazakhstan[header.index("Bachelor")] == "<5"
    assert kazakhstan[header.index("Master")] == "<5"
    assert rows["India"][header.index(V.t("common.total"))] == 30
    total = rows[V.t("common.total")]
    assert total[header.index(V.t("common.total"))] == 42  # exact, the suppressed 2 included
    assert total[header.index("Master")] == 11
    # mobility: 3 inbound students from Kazakhstan are hidden, the total is exact
    ws = wb[V.t("accreditation.mobility")[:31]]
    header = [cell.value for cell in ws[1]]
    rows = {row[0].value: [cell.value for cell in row] for row in ws.iter_rows(min_row=2)}
    assert rows["Kazakhstan"][header.index(V.column_label("in_student"))] == "<5"
    assert rows[V.t("common.total")][header.index(V.column_label("in_student"))] == 3
    assert rows[V.t("common.total")][header.index(V.t("common.total"))] == 10
    # KPIs are never suppressed
    _assert_kpis_equal(wb[V.t("report.kpi_sheet")], compute_kpis(small, YEAR))


def test_suppress_small_in_word(small):
    doc = Document(io.BytesIO(build_report(small, YEAR, "docx", suppress_small=5)))
    rows = [[cell.text for cell in row.cells] for table in doc.tables for row in table.rows]
    kazakhstan = next(row for row in rows if row[0] == "Kazakhstan" and "<5" in row)
    assert "2" not in kazakhstan[1:]
    assert any(row[0] == V.t("common.total") and "42" in row for row in rows)


# ------------------------------------------------------------------------------------ Word

def test_docx_kpis_equal_kpi_library(small, small_docx):
    expected = compute_kpis(small, YEAR)
    table = small_docx.tables[0]
    header = [cell.text for cell in table.rows[0].cells]
    assert header[0] == V.column_label("indicator") and header[1] == V.column_label("value")
    body = table.rows[1:]
    assert len(body) == len(CATALOGUE)
    for row, kpi in zip(body, CATALOGUE.values()):
        assert row.cells[0].text == kpi.label("en")
        assert row.cells[1].text == V.kpi_value(expected[kpi.id], kpi.unit, "en"), kpi.id


def test_docx_sections_and_title(small, small_docx):
    headings = [p.text for p in small_docx.paragraphs if p.style.name.startswith("Heading")]
    for key in ("report.kpis", "page.students", "page.partners", "page.programs", "page.mobility", "page.science",
                "report.definitions", "report.provenance"):
        assert V.t(key) in headings, key
    text = "\n".join(p.text for p in small_docx.paragraphs)
    assert "Test Medical University" in text
    assert "2024/25" in text
    # commentary states the facts: 33 -> 42 foreign students (+27.3%), India 30 of 42 (71.4%)
    assert ("In 2024/25, foreign students rose 27.3% to 42 from 3 countries; "
            "the largest source country is India (71.4%).") in text


@needs_chrome
def test_docx_has_charts(small_docx):
    assert len(small_docx.inline_shapes) >= 3  # two maps and bar charts


def test_docx_russian_labels(small):
    doc = Document(io.BytesIO(build_report(small, YEAR, "docx", lang="ru")))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Ключевые показатели" in headings
    assert doc.tables[0].rows[1].cells[0].text == CATALOGUE["foreign_students"].label("ru")
    text = "\n".join(p.text for p in doc.paragraphs)
    # percentages as on screen: decimal comma, a no-break space before % (metrics.vocabulary.percent)
    assert ("В 2024/25 учебном году число иностранных студентов выросло на 27,3\u00a0% до 42 из 3 стран; "
            "крупнейшая страна-источник — Индия (71,4\u00a0%).") in text


# ------------------------------------------------------------------------------------ PDF

def _pages(pdf: bytes, tmp_path: Path, dpi: int = 50):
    from PIL import Image

    source = tmp_path / "report.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(source), str(tmp_path / "page")], check=True,
                   timeout=120)
    return [Image.open(path).convert("RGB") for path in sorted(tmp_path.glob("page-*.png"))]


def _masks(image):
    """Boolean masks of light-grey land (countries without data) and blue (countries with data)."""
    import numpy as np

    rgb = np.asarray(image.convert("RGB"), dtype=np.int16)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    land = (r >= 225) & (r <= 240) & (abs(r - g) < 4) & (abs(g - b) < 4)
    blue = (b - r > 40) & (b > 90)
    return land, blue


def _map_pixels(image) -> tuple[float, float]:
    """Shares of land-grey and blue pixels in the whole image."""
    land, blue = _masks(image)
    return float(land.mean()), float(blue.mean())


def _map_region_shares(page) -> tuple[float, float, float]:
    """(land share of the page, land share and blue share inside the box spanned by the land pixels)."""
    import numpy as np

    land, blue = _masks(page)
    rows = np.nonzero(land.mean(axis=1) > 0.03)[0]  # rows crossing the map (stray grey pixels ignored)
    if not len(rows):
        return float(land.mean()), 0.0, 0.0
    top, bottom = rows.min(), rows.max() + 1
    cols = np.nonzero(land[top:bottom].mean(axis=0) > 0.03)[0]
    if not len(cols):
        return float(land.mean()), 0.0, 0.0
    left, right = cols.min(), cols.max() + 1
    box_land, box_blue = land[top:bottom, left:right], blue[top:bottom, left:right]
    return float(land.mean()), float(box_land.mean()), float(box_blue.mean())


def test_pdf_is_a_pdf_with_kpi_values(small, small_pdf, tmp_path):
    assert small_pdf.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    source = tmp_path / "r.pdf"
    source.write_bytes(small_pdf)
    text = subprocess.run(["pdftotext", "-layout", str(source), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Test Medical University" in text
    for key in ("page.students", "page.partners", "page.mobility", "report.definitions"):
        assert V.t(key) in text
    import re

    expected = compute_kpis(small, YEAR)
    for kpi in CATALOGUE.values():  # the KPI table: label, then the actual value
        # (pdftotext gives the narrow no-break space of "5\u202f691.61" as a plain space; columns are 2+ apart)
        pattern = re.compile(r"^\s*" + re.escape(kpi.label("en")) + r"\s{2,}(\S+(?: \S+)*)", re.MULTILINE)
        found = pattern.search(text)
        assert found, kpi.id
        assert found.group(1) == V.kpi_value(expected[kpi.id], kpi.unit, "en").replace("\u202f", " "), kpi.id


@needs_chrome
def test_map_image_has_country_shapes(small):
    from reports.content import build_content

    content = build_content(small, YEAR)
    chart = next(chart for section in content.sections for chart in section.charts if chart.kind == "map")
    from PIL import Image

    image = Image.open(io.BytesIO(images.figure_to_png(chart.figure, width=chart.width, height=chart.height)))
    image = image.convert("RGB")
    assert len(image.getcolors(maxcolors=1 << 20)) > 50  # shapes, borders and a colour bar, not a blank frame
    land, blue = _map_pixels(image)
    assert land > 0.10, land  # world drawn offline from the vendored topojson
    assert blue > 0.005, blue  # the countries with students are coloured


@needs_chrome
@needs_pdftoppm
def test_pdf_pages_show_drawn_map(small_pdf, tmp_path):
    pages = _pages(small_pdf, tmp_path)
    assert len(pages) >= 4
    shares = [_map_region_shares(page) for page in pages]
    # the page with the map: light-grey land over a good part of the page (text pages have ~0.5%)
    page_land, box_land, box_blue = max(shares)
    assert page_land > 0.02, shares
    # inside the map's box: mostly land shapes, and coloured countries with students
    assert box_land > 0.02, shares
    assert box_blue > 0.003, shares


@needs_chrome
@needs_pdftoppm
def test_pdf_cyrillic_renders(small, tmp_path):
    pdf = build_report(small, YEAR, "pdf", lang="ru")
    if shutil.which("pdftotext"):
        source = tmp_path / "ru.pdf"
        source.write_bytes(pdf)
        text = subprocess.run(["pdftotext", str(source), "-"], capture_output=True, text=True, check=True).stdout
        assert "Ключевые показатели" in text
        assert "Иностранные студенты" in text


# ------------------------------------------------------------------------------------ sample data

def test_sample_report_kpis_and_sheets(sample, sample_year):
    wb = openpyxl.load_workbook(io.BytesIO(build_report(sample, sample_year, "xlsx", year_from=sample_year - 3)))
    _assert_kpis_equal(wb[V.t("report.kpi_sheet")], compute_kpis(sample, sample_year))
    assert V.t("report.trend_sheet") in wb.sheetnames
    students = wb[V.t("page.students")]
    header = [cell.value for cell in students[1]]
    last = [cell.value for cell in students[students.max_row]]
    kpis = compute_kpis(sample, sample_year)
    assert last[0] == V.t("common.total")
    assert last[header.index(V.t("common.total"))] == kpis["foreign_students"]

    def total_row(sheet: str) -> dict:
        ws = wb[V.t(sheet)[:31]]
        header = [cell.value for cell in ws[1]]
        return dict(zip(header, [cell.value for cell in ws[ws.max_row]]))

    # every breakdown's total row equals its KPI
    mobility = total_row("accreditation.mobility")
    assert mobility[V.column_label("in")] == kpis["inbound_mobility"]
    assert mobility[V.column_label("out")] == kpis["outbound_mobility"]
    assert mobility[V.column_label("in_student")] == kpis["inbound_student_mobility"]
    assert mobility[V.column_label("out_staff")] == kpis["outbound_staff_mobility"]
    programs = total_row("page.programs")
    assert programs[V.column_label("students")] == kpis["joint_program_students"]
    assert programs[V.column_label("graduates")] == kpis["joint_program_graduates"]
    events = total_row("page.science")
    assert events[V.column_label("international_participants")] == kpis["international_event_participants"]
    grants = wb[V.t("science.grant_list")[:31]]
    assert grants.max_row - 1 == kpis["active_grants"]


# ------------------------------------------------------------------------------------ CLI

def test_cli_rejects_unknown_extension(small_dir, tmp_path, capsys):
    assert cli_main(["--data", str(small_dir), "--year", str(YEAR), "--out", str(tmp_path / "r.txt")]) == 2
    assert ".xlsx" in capsys.readouterr().err


def test_cli_writes_xlsx(small_dir, tmp_path):
    out = tmp_path / "out" / "report.xlsx"
    assert cli_main(["--data", str(small_dir), "--year", str(YEAR), "--out", str(out), "--lang", "uz",
                     "--suppress-small", "5", "--from", "2023"]) == 0
    wb = openpyxl.load_workbook(out)
    assert V.t("report.kpi_sheet", "uz") in wb.sheetnames


def test_cli_bad_arguments(small_dir, tmp_path):
    assert cli_main(["--data", str(small_dir), "--year", str(YEAR), "--out", str(tmp_path / "r.pdf"),
                     "--lang", "fr"]) == 2
    assert cli_main(["--data", str(tmp_path / "missing"), "--year", "2024", "--out", str(tmp_path / "r.pdf")]) == 2


def test_build_report_rejects_unknown_format(small):
    with pytest.raises(ValueError, match="xlsx"):
        build_report(small, YEAR, "odt")


def test_report_without_chromium_still_written(small, monkeypatch):
    """No browser (or kaleido failing): the Word/PDF report is written, each chart replaced by a note."""
    def fail(*args, **kwargs):
        raise images.ImageExportUnavailable("no Chromium here")

    monkeypatch.setattr(images, "figure_to_png", fail)
    monkeypatch.setattr(images, "available", lambda: False)
    doc = Document(io.BytesIO(build_report(small, YEAR, "docx")))
    assert len(doc.inline_shapes) == 0
    assert any("no Chromium here" in p.text for p in doc.paragraphs)
    assert build_report(small, YEAR, "pdf").startswith(b"%PDF")


def test_streamlit_style_default_template_does_not_leak(small, monkeypatch):
    """Importing streamlit makes its own plotly template the default; report images stay white."""
    import plotly.io as pio

    from reports.images import prepare

    monkeypatch.setattr(pio.templates, "default", "plotly_dark")
    import plotly.graph_objects as go

    fig = go.Figure(go.Bar(x=["a"], y=[1]))
    assert prepare(fig)["layout"]["template"]["layout"]["paper_bgcolor"] == "white"


# ------------------------------------------------------------------------------------ long and spoofing text

BIDI = "\u202e\u202a\u2066\u200f\u061c"  # an override, an embedding, an isolate, a mark, the Arabic letter mark


@contextmanager
def _no_chart_images():
    """Charts replaced by a note: these tests are about text, and run without a browser."""
    def fail(*args, **kwargs):
        raise images.ImageExportUnavailable("no charts in this test")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(images, "available", lambda: False)
        patch.setattr(images, "figure_to_png", fail)
        yield


def _pdf_font(size: float = 8):
    from reports.pdf import FONT, _Document

    content = SimpleNamespace(university="U", title="T", year_text="2024/25", lang="en",
                              generated=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))
    document = _Document(content)
    document.add_page()
    document.set_font(FONT, "", size)
    return document


@pytest.mark.parametrize("width", [4.0, 23.5, 61.0])
def test_wrap_cuts_a_long_word_into_greedy_pieces_that_fit(width):
    from reports.pdf import _wrap

    document = _pdf_font()
    word = long_name(3_000) + "Ширококолейный"
    lines = _wrap(document, word, width, {})
    assert "".join(lines) == word
    assert all(document.get_string_width(line) <= width for line in lines)
    # each piece is the longest that fits: one more character would not
    assert all(document.get_string_width(line + following[0]) > width for line, following in zip(lines, lines[1:]))


def test_wrap_keeps_words_whole_and_breaks_only_the_long_one():
    from reports.pdf import _wrap

    document = _pdf_font()
    text = "Kazakh National Medical University " + long_name(400) + " Almaty"
    lines = _wrap(document, text, 30.0, {})
    first_piece = next(i for i, line in enumerate(lines) if LONG_NAME_LETTERS[0] in line)
    assert " ".join(lines[:first_piece]) == "Kazakh National Medical University"  # words packed, none cut
    assert first_piece < 4 and lines[first_piece].startswith(LONG_NAME_LETTERS[:3])  # the long name starts a line
    assert lines[-1].endswith("Almaty")
    assert "".join(lines[first_piece:]).replace(" ", "").removesuffix("Almaty") == long_name(400)
    assert all(document.get_string_width(line) <= 30.0 for line in lines)


@pytest.fixture(scope="module")
def long_names_content(sample, sample_year):
    """The sample data's report content with partners named by 10,000 and 200,000 characters."""
    with _no_chart_images():
        yield build_content(with_long_partner_names(sample, LONG_NAMES), sample_year)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdf_prints_every_piece_of_very_long_names(long_names_content, tmp_path):
    """Timed in benchmarks/bench_report.py; here: the names are printed whole, over as many pages as they need."""
    with _no_chart_images():
        data = render(long_names_content, "pdf")
    source = tmp_path / "long.pdf"
    source.write_bytes(data)
    text = subprocess.run(["pdftotext", str(source), "-"], capture_output=True, text=True, check=True).stdout
    printed = "".join(re.findall(f"[{LONG_NAME_LETTERS}]+", text))
    assert printed == "".join(long_name(n) for n in sorted(LONG_NAMES))


def test_docx_keeps_very_long_names_whole(long_names_content):
    with _no_chart_images():
        doc = Document(io.BytesIO(render(long_names_content, "docx")))
    cells = {cell.text for table in doc.tables for row in table.rows for cell in row.cells}
    assert {long_name(n) for n in LONG_NAMES} <= cells


@pytest.fixture(scope="module")
def spoofing(small):
    """The small data with bidi controls in a partner name and in the university's name."""
    partners = small.get("partners").copy()
    partners.loc[partners["partner"] == "Charité", "partner"] = f"Cha{BIDI}rité"
    return dataclasses.replace(small.replace_frames(partners=partners), university=f"Test {BIDI}Medical University")


def test_docx_has_no_bidi_controls(spoofing):
    with _no_chart_images():
        data = build_report(spoofing, YEAR, "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = "".join(archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".xml"))
    assert not set(BIDI) & set(xml)
    assert "Charité" in xml and "Test Medical University" in xml


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdf_has_no_bidi_controls(spoofing, tmp_path):
    with _no_chart_images():
        data = build_report(spoofing, YEAR, "pdf")
    source = tmp_path / "spoofing.pdf"
    source.write_bytes(data)
    text = subprocess.run(["pdftotext", str(source), "-"], capture_output=True, text=True, check=True).stdout
    info = subprocess.run(["pdfinfo", str(source)], capture_output=True, text=True, check=True).stdout
    assert not set(BIDI) & set(text + info)
    assert "Charité" in text and "Test Medical University" in text


def test_xlsx_has_no_bidi_controls(spoofing):
    wb = openpyxl.load_workbook(io.BytesIO(build_report(spoofing, YEAR, "xlsx")))
    values = [str(cell.value) for ws in wb.worksheets for row in ws.iter_rows() for cell in row if cell.value]
    assert not any(set(BIDI) & set(value) for value in values)
    assert "Charité" in values
