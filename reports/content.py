"""The report's content: the dashboard's own page results laid out for Excel, Word and PDF.

`build_content` computes nothing of its own: the KPI table is `metrics.sections.overview.kpi_table`
(the screen's), and each report section is a page's `metrics.sections.SectionResult` — its
sentences, the charts of its report blocks (drawn by `charts.blocks.figure`, as on screen) and
their tables. This module only chooses print sizes, turns cells into text in the report's
language (`metrics.vocabulary`) and hides small counts when asked.

Privacy: tables never hold personal data (no student ids, no names of people; partners
are institutions). With ``suppress_small=N`` every count from 1 to N−1 in a section table's
count columns is shown as ``<N``; total rows stay exact.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from charts.blocks import figure
from metrics import vocabulary as V
from metrics.sections import REPORT_SECTION_IDS, Block, Chart as ChartSpec, SectionResult, build_section
from metrics.sections.common import country_name
from metrics.sections.overview import kpi_display_table, kpi_table
from reports.model import Chart, ReportContent, Section

# Printed maps use the 1:110m shapes: a state missing from them (Singapore, Malta) is under a
# pixel wide on an A4 page anyway, and each 1:50m map costs ~2 s more to draw.
PRINT_MAP_RESOLUTION = 110
PRINT_WIDTH = 1000
PRINT_HEIGHT = {"map": 520, "line": 380, "bar": 420}
# Font size of printed charts (px at CHART_SCALE): readable at A4 width.
PRINT_FONT_SIZE = 13
# Excel sheet names are at most this long.
SHEET_NAME_LENGTH = 31


def suppress(value, n: int | None):
    """A count for a section table: '<n' for 1..n-1 when suppression is on, else the count."""
    if n is None or not V.present(value) or isinstance(value, str):
        return value
    return f"<{n}" if 0 < float(value) < n else value


def suppressed(block: Block, n: int | None) -> pd.DataFrame:
    """The block's table with small counts hidden in its count columns (the total row stays exact)."""
    table = block.table
    if n is None or table is None or not block.count_columns:
        return table
    body = len(table) - 1 if block.total_row else len(table)
    out = table.astype(object)
    for column in block.count_columns:
        if column in out.columns:
            out.iloc[:body, out.columns.get_loc(column)] = [suppress(v, n) for v in out[column].iloc[:body]]
    return out


def _year_columns(lang: str) -> set[str]:
    return {V.column_label(name, lang) for name in ("year", "start_year", "end_year", "expiry_year")}


def cell_text(value, lang: str, plain: bool = False) -> str:
    """A table cell as printed: numbers in the language's format, dates as the language writes them,
    years plain, missing as empty."""
    if value is None or (not isinstance(value, str) and not V.present(value)):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (dt.date, dt.datetime, pd.Timestamp, np.datetime64)):
        return V.date_text(value, lang)
    if isinstance(value, (bool, np.bool_)):
        return V.t("report.yes" if value else "report.no", lang)
    if isinstance(value, (int, float, np.integer, np.floating)):
        if plain:
            return str(int(value)) if float(value).is_integer() else str(value)
        return V.number(value, lang, 0 if float(value).is_integer() else 1)
    return str(value)


def format_print(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every cell as text for Word/PDF (see `cell_text`)."""
    years = _year_columns(lang)
    out = pd.DataFrame(index=range(len(table)))
    for name in table.columns:
        out[name] = [cell_text(v, lang, plain=name in years) for v in table[name].tolist()]
    return out


def number_columns(table: pd.DataFrame) -> tuple[str, ...]:
    """Columns whose cells are numbers (right-aligned in print)."""
    out = []
    for name in table.columns:
        values = [v for v in table[name].tolist() if V.present(v) and v != ""]
        if values and all(isinstance(v, (int, float, np.integer, np.floating)) or
                          (isinstance(v, str) and v.startswith("<")) for v in values):
            out.append(name)
    return tuple(out)


def print_figure(block: Block, lang: str):
    """The block's chart as printed: the screen's figure at print size (maps at 1:110m)."""
    kind = block.chart.kind
    fig = figure(block, lang, font_size=PRINT_FONT_SIZE, height=PRINT_HEIGHT[kind])
    if kind == "map":
        fig.update_geos(resolution=PRINT_MAP_RESOLUTION)
    return Chart(block.key, block.title, fig, kind="map" if kind == "map" else kind, width=PRINT_WIDTH,
                 height=PRINT_HEIGHT[kind])


def _sheet(name: str, used: set[str]) -> str:
    base = "".join(c for c in name if c not in "[]:*?/\\")[:SHEET_NAME_LENGTH].strip() or "Sheet"
    sheet, i = base, 2
    while sheet.lower() in used:
        suffix = f" ({i})"
        sheet, i = base[:SHEET_NAME_LENGTH - len(suffix)] + suffix, i + 1
    used.add(sheet.lower())
    return sheet


def report_sections(result: SectionResult, lang: str, n: int | None, used: set[str]) -> list[Section]:
    """A page result as report sections: the first carries the sentences, the charts and the first table;
    each further table of the page's report blocks is a section of its own."""
    blocks = [block for block in result.blocks if block.report and not block.empty]
    if not blocks:
        return []
    charts = [print_figure(block, lang) for block in blocks if block.chart is not None and not block.empty]
    # the page's tables; a page of charts alone prints the table of its first chart
    tables = [block for block in blocks if block.chart is None] or [block for block in blocks if block.table is not None][:1]
    sections = []
    for i, block in enumerate(tables or [None]):
        table = suppressed(block, n) if block is not None else pd.DataFrame()
        first = i == 0
        sections.append(Section(
            key=result.id if first else f"{result.id}:{block.key}",
            title=result.title if first else block.title,
            sheet=_sheet(result.title if first else block.title.split(" — ")[0], used),
            commentary=list(result.sentences) if first else [],
            table=table, print_table=format_print(table, lang),
            charts=charts if first else [],
            total_row=bool(block is not None and block.total_row),
            number_columns=number_columns(table),
        ))
    return sections


def kpi_sheet(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The KPI table for Excel: the screen's headings, numbers kept as exact numbers (the cells' format rounds)."""
    shown = kpi_display_table(table, lang)
    out = pd.DataFrame({V.column_label("kpi_id", lang): table["kpi"].to_numpy()})
    for name in ("indicator", "unit"):
        out[V.column_label(name, lang)] = shown[V.column_label(name, lang)].to_numpy()
    for column in ("value", "previous", "change", "target", "gap"):
        out[V.column_label(column, lang)] = [_plain(v) for v in table[column]]
    out[V.column_label("change_pct", lang)] = [round(float(v), 1) if V.present(v) else None
                                               for v in table["change_pct"]]
    for name in ("status", "definition", "reason"):
        out[V.column_label(name, lang)] = shown[V.column_label(name, lang)].to_numpy()
    return out


def _plain(value):
    """A plain Python number (int when whole) or None: what Excel stores."""
    if not V.present(value):
        return None
    value = float(value)
    return int(value) if value.is_integer() else value


def kpi_print(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The KPI table for Word/PDF: the screen's cells, without the long definition and reason columns."""
    shown = kpi_display_table(table, lang)
    return shown.drop(columns=[V.column_label(c, lang) for c in ("unit", "definition", "reason")])


def definitions(lang: str) -> pd.DataFrame:
    """Every KPI's name, unit, definition and sources in the report's language, and its id."""
    from metrics.catalogue import CATALOGUE

    kpis = list(CATALOGUE.values())
    return pd.DataFrame({
        V.column_label("indicator", lang): [k.label(lang) for k in kpis],
        V.column_label("unit", lang): [V.unit_label(k.unit, lang) for k in kpis],
        V.column_label("definition", lang): [k.definition_in(lang) for k in kpis],
        V.column_label("source", lang): [", ".join(k.sources + tuple(k.optional_sources)) for k in kpis],
        "QS / THE / IMPI": ["; ".join(k.indicators) for k in kpis],
        V.column_label("kpi_id", lang): [k.id for k in kpis],
    })


def provenance(data, lang: str) -> pd.DataFrame:
    """The data version and every file read, with its SHA-256 and row counts."""
    files = list(getattr(data, "files", ()) or ())
    version = getattr(data, "version", "") or ""
    return pd.DataFrame({
        V.column_label("version", lang): [version for _ in files],
        V.column_label("export", lang): [f.export for f in files],
        V.column_label("file", lang): [Path(str(f.path)).name for f in files],
        V.column_label("sha256", lang): [f.sha256 for f in files],
        V.column_label("encoding", lang): [f.encoding for f in files],
        V.column_label("rows_read", lang): [int(f.rows_read) for f in files],
        V.column_label("rows_loaded", lang): [int(f.rows_loaded) for f in files],
        V.column_label("rows_excluded", lang): [int(f.rows_excluded) for f in files],
        V.column_label("skipped_lines", lang): [int(f.skipped_lines) for f in files],
    })


def trend(data, year_from: int, year: int, lang: str, filters, as_of):
    """Every KPI over the report's years: (sheet with numbers, printed text, chart of foreign students)."""
    from metrics.catalogue import CATALOGUE
    from metrics.engine import kpis_by_year, round_kpi

    years = list(range(int(year_from), int(year) + 1))
    table = kpis_by_year(data, years=years, filters=filters, as_of=as_of)
    name = V.column_label("indicator", lang)
    sheet = pd.DataFrame({name: [CATALOGUE[k].label(lang) for k in table.columns]})
    printed = sheet.copy()
    for y in years:
        values = [round_kpi(table.at[y, k] if V.present(table.at[y, k]) else None, CATALOGUE[k].unit)
                  for k in table.columns]
        sheet[V.academic_year_label(y)] = values
        printed[V.academic_year_label(y)] = [V.kpi_value(v, CATALOGUE[k].unit, lang)
                                             for v, k in zip(values, table.columns)]
    chart = None
    series = table["foreign_students"]
    if series.notna().any():
        frame = pd.DataFrame({"year": years, "value": series.to_numpy()})
        block = Block("trend", V.t("report.chart_trend", lang), None, data=frame,
                      chart=ChartSpec("line", "year", "value", years=True, value_label=V.t("col.students", lang)))
        chart = print_figure(block, lang)
    return sheet, printed, chart


def build_content(data, year: int, *, year_from: int | None = None, lang: str = "en",
                  suppress_small: int | None = None, as_of: dt.date | None = None,
                  generated: dt.datetime | None = None, filters=None) -> ReportContent:
    """Everything a report of ``year`` says, in ``lang``; see the module docstring."""
    lang = V.check_lang(lang)
    year = int(year)
    if year_from is not None:
        year_from = int(year_from)
        if year_from > year:
            raise ValueError(f"--from {year_from} is after the report year {year}.")
        if year_from == year:
            year_from = None
    n = int(suppress_small) if suppress_small is not None and int(suppress_small) >= 2 else None
    generated = generated or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)

    table = kpi_table(data, year, lang, filters, as_of)
    used: set[str] = set()
    for reserved in ("report.kpi_sheet", "report.trend_sheet", "report.definitions_sheet", "report.provenance",
                     "report.about"):
        used.add(V.t(reserved, lang)[:SHEET_NAME_LENGTH].lower())
    results = [build_section(name, data, year, lang, filters, as_of=as_of) for name in REPORT_SECTION_IDS]
    sections = [section for result in results if not _absent(result)
                for section in report_sections(result, lang, n, used)]
    summary = [result.sentences[0] for result in results if result.sentences]

    trend_sheet = trend_print = trend_chart = None
    if year_from is not None:
        trend_sheet, trend_print, trend_chart = trend(data, year_from, year, lang, filters, as_of)

    home = getattr(data, "home", "") or ""
    home_name = country_name(home, lang) if home else ""
    year_text = (V.academic_year_label(year) if year_from is None
                 else f"{V.academic_year_label(year_from)} – {V.academic_year_label(year)}")
    issues = list(getattr(data, "issues", ()) or ())
    errors = sum(1 for i in issues if getattr(i, "severity", "") == "error")
    warnings = sum(1 for i in issues if getattr(i, "severity", "") == "warning")
    # A ministry's folder narrowed to some universities: the report is theirs, and says so on its cover.
    chosen = tuple(getattr(filters, "universities", ()) or ())
    university = "; ".join(chosen) if chosen else data.university_name(lang)
    about = pd.DataFrame({
        V.t("report.col_item", lang): [V.t("report.university", lang), V.t("sidebar.home", lang),
                                       V.t("report.academic_year" if year_from is None else "report.years", lang),
                                       V.t("report.generated", lang), V.t("report.suppress_small", lang),
                                       V.t("report.data_version", lang), V.t("report.validation_issues", lang)],
        V.t("report.col_detail", lang): [university, f"{home_name} ({home})", year_text,
                                         f"{V.date_text(generated, lang)} {generated:%H:%M} UTC",
                                         str(n) if n else V.t("report.none", lang),
                                         getattr(data, "version", "") or "—",
                                         V.t("report.errors_warnings", lang, e=errors, w=warnings)],
    })
    return ReportContent(
        lang=lang, university=university, home=home, home_name=home_name,
        year=year, year_from=year_from, title=V.t("report.title", lang), year_text=year_text, generated=generated,
        suppress_small=n, kpis=table, kpi_sheet=kpi_sheet(table, lang), kpi_print=kpi_print(table, lang),
        summary=summary, sections=sections, trend=trend_print, trend_chart=trend_chart,
        definitions=definitions(lang), provenance=provenance(data, lang), about=about,
        notes=[V.t("report.suppression_note", lang, n=n, m=n - 1)] if n else [], trend_sheet=trend_sheet,
    )


def _absent(result: SectionResult) -> bool:
    """True when none of the page's exports is there (the section would be empty)."""
    return len(result.missing) == len(result.exports)
