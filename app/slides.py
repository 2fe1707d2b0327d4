"""Slides of the presentation mode: one KPI or one chart each, in large type."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from app import state
from metrics.vocabulary import present
from metrics.vocabulary import t
from charts import basic
from charts.blocks import figure
from charts.style import PRESENTATION_FONT_SIZE
from metrics.vocabulary import academic_year_label as academic_year

# KPIs shown as a big number, in this order (those missing from the catalogue are skipped).
KPI_SLIDES = ("foreign_students", "foreign_student_share", "foreign_student_countries", "active_partners",
              "partner_countries", "joint_programs", "joint_program_students", "inbound_mobility",
              "outbound_mobility", "international_events", "active_grants")
# The page charts shown as slides, in this order: (section, block key), drawn as on their pages.
CHART_SLIDES = (("students", "students_map"), ("students", "students_trend"), ("partners", "partners_map"),
                ("mobility", "mobility_year"), ("programs", "programs_students"))
# Slide height in px: fills a 1080p screen below the slide controls.
SLIDE_HEIGHT = 760
UNIT_SUFFIX = {"percent": "%"}


@dataclass(frozen=True)
class Slide:
    key: str
    title: str
    figure: go.Figure
    is_map: bool = False


def build(lang: str, filters, year: int, template: str) -> list[Slide]:
    """Every slide for the selection: KPI numbers first, then the headline charts."""
    font = PRESENTATION_FONT_SIZE
    slides: list[Slide] = []
    table = state.kpi_table(year, filters, lang)
    rows = {row.kpi: row for row in table.itertuples(index=False)}
    subtitle = t("common.scorecard_year", lang, year=academic_year(year))
    for kpi_id in KPI_SLIDES:
        row = rows.get(kpi_id)
        if row is None or not present(row.value):
            continue
        fig = basic.big_number(row.value, title=f"{row.name}<br><span style='font-size:0.6em'>{subtitle}</span>",
                               previous=row.previous if present(row.previous) else None,
                               unit="%" if row.unit == "percent" else "", template=template, height=SLIDE_HEIGHT,
                               font_size=font, higher_is_better=bool(row.higher_is_better),
                               target=row.target if present(row.target) else None,
                               target_label=t("common.target", lang))
        slides.append(Slide(f"kpi_{kpi_id}", row.name, fig))

    for section, key in CHART_SLIDES:
        result = state.section(section, filters, year, lang)
        if key not in result.keys or result.block(key).empty:  # the export is missing (tests check the keys)
            continue
        block = result.block(key)
        fig = figure(block, lang, template=template, font_size=font, height=SLIDE_HEIGHT)
        slides.append(Slide(key, block.title, fig, is_map=block.chart.kind == "map"))
    return slides
