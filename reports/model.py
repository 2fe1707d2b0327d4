"""The report as data: what every writer (Excel, Word, PDF) renders, built once by `reports.content`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go


CHART_SCALE = 1.6  # image pixels per layout pixel: sharp at print size, small files


@dataclass
class Chart:
    """One chart of a section; ``kind`` is 'map' or 'bar'/'line' (maps are drawn wider)."""

    key: str
    title: str
    figure: go.Figure
    kind: str = "bar"
    width: int = 1000
    height: int = 480


@dataclass
class Section:
    """One breakdown: a heading, commentary sentences, a table and charts.

    ``table`` is the full table with localized headers as written to Excel (counts may be
    the text '<N' when small counts are suppressed); ``print_table`` is the (possibly
    shortened) table shown in Word/PDF. ``total_row`` marks the last row as a total.
    """

    key: str
    title: str
    sheet: str
    commentary: list[str]
    table: pd.DataFrame
    print_table: pd.DataFrame | None = None
    charts: list[Chart] = field(default_factory=list)
    total_row: bool = False
    number_columns: tuple[str, ...] = ()  # right-aligned in print
    column_weights: dict[str, float] = field(default_factory=dict)  # relative widths in print

    @property
    def printable(self) -> pd.DataFrame:
        return self.table if self.print_table is None else self.print_table


@dataclass
class ReportContent:
    """Everything one report says, in one language."""

    lang: str
    university: str
    home: str
    home_name: str
    year: int
    year_from: int | None
    title: str
    year_text: str  # '2024/25' or '2020/21 – 2024/25'
    generated: dt.datetime
    suppress_small: int | None
    kpis: pd.DataFrame  # the KPI library's kpi_table, unchanged (raw numbers)
    kpi_sheet: pd.DataFrame  # localized KPI table for Excel (numbers as numbers)
    kpi_print: pd.DataFrame  # localized, formatted KPI table for Word/PDF (text)
    summary: list[str]
    sections: list[Section]
    trend: pd.DataFrame | None  # KPIs by year, formatted (rows: KPI, columns: years) when year_from is given
    trend_chart: Chart | None
    definitions: pd.DataFrame  # KPI id, name, unit, definition, source
    provenance: pd.DataFrame  # data files with SHA-256 and row counts
    about: pd.DataFrame  # item/value pairs: university, home country, period, generated, suppression
    notes: list[str] = field(default_factory=list)
    trend_sheet: pd.DataFrame | None = None  # `trend` with numbers (for Excel); `trend` is formatted text
