"""Slides of the presentation mode: one KPI or one chart each, in large type."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from app import state
from app.format import present
from app.i18n import t
from charts import basic, maps
from charts.style import INBOUND_COLOUR, OUTBOUND_COLOUR, PRESENTATION_FONT_SIZE, academic_year

# KPIs shown as a big number, in this order (those missing from the catalogue are skipped).
KPI_SLIDES = ("foreign_students", "foreign_student_share", "foreign_student_countries", "active_partners",
              "partner_countries", "joint_programs", "joint_program_students", "inbound_mobility",
              "outbound_mobility", "international_events", "active_grants")
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

    by_country = state.breakdown("foreign_students_map", filters, year=year, lang=lang)
    if by_country is not None and len(by_country):
        title = t("students.map", lang) + f" — {academic_year(year)}"
        fig = maps.choropleth(by_country, value="students", names=by_country["name"], title=title,
                              value_label=t("col.students", lang), template=template, height=SLIDE_HEIGHT,
                              font_size=font)
        slides.append(Slide("students_map", title, fig, is_map=True))
    per_year = state.breakdown("foreign_students_per_year", filters)
    if per_year is not None and len(per_year):
        title = t("students.trend", lang)
        fig = basic.line(per_year, "year", "foreign_students", title=title, y_label=t("col.students", lang),
                         target=state.targets_for("foreign_students", filters), target_label=t("common.target", lang),
                         template=template, height=SLIDE_HEIGHT, font_size=font)
        slides.append(Slide("students_trend", title, fig))
    partners = state.partner_names_by_country(year, filters)
    if partners is not None and len(partners):
        title = t("partners.map", lang) + f" — {academic_year(year)}"
        names = state.country_names(partners["country"], lang)
        fig = maps.choropleth(partners, value="partners", names=[names.get(c, c) for c in partners["country"]],
                              title=title, value_label=t("col.partners", lang), template=template,
                              height=SLIDE_HEIGHT, font_size=font, hover_extra=maps.names_hover(partners["names"]))
        slides.append(Slide("partners_map", title, fig, is_map=True))
    mobility = state.breakdown("mobility_per_year", filters)
    if mobility is not None and len(mobility):
        title = t("mobility.by_year", lang)
        totals = state.sum_by(mobility, ["year", "direction"], "people")
        fig = basic.bar(totals, "year", "people", color="direction", years=True, title=title,
                        y_label=t("col.count", lang), colour_map={"in": INBOUND_COLOUR, "out": OUTBOUND_COLOUR},
                        series_names={"in": t("direction.in", lang), "out": t("direction.out", lang)},
                        template=template, height=SLIDE_HEIGHT, font_size=font)
        slides.append(Slide("mobility_year", title, fig))
    programs = state.breakdown("joint_program_enrollment_per_year", filters)
    if programs is not None and len(programs):
        title = t("programs.students", lang)
        long = state.melt(programs, "year", {"students": t("col.students", lang),
                                             "graduates": t("col.graduates", lang)})
        fig = basic.line(long, "year", "value", color="series", title=title, y_label=t("col.students", lang),
                         template=template, height=SLIDE_HEIGHT, font_size=font)
        slides.append(Slide("programs_students", title, fig))
    return slides
