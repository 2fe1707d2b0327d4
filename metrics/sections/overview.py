"""Overview: every KPI of the year (value, change, target, status) in the reader's language, and the
headline trends."""

from __future__ import annotations

from typing import Any

import pandas as pd

from metrics import vocabulary as V
from metrics.sections import Block, Chart, SectionResult, series_names
from metrics.sections.common import projection_to_target, targets_of

EXPORTS = ("students", "partners", "mobility", "program_enrollment")
# The headline trends: (block key, KPI, chart kind, value label key).
HEADLINES = (("ov_foreign_trend", "foreign_students", "line", "col.students"),
             ("ov_partners_trend", "active_partners", "line", "col.partners"),
             ("ov_jp_trend", "joint_program_students", "bar", "col.students"))


def kpi_table(data: Any, year: int, lang: str, filters: Any = None, as_of=None) -> pd.DataFrame:
    """The KPI library's table for the year (`metrics.engine.kpi_table`, definitions in the language) with
    ``reason`` in the language."""
    from metrics.engine import kpi_table as table_of, kpi_unavailable_reasons, no_value_reason

    table = table_of(data, int(year), filters=filters, as_of=as_of, lang=lang)
    reasons = kpi_unavailable_reasons(data, filters=filters, as_of=as_of)
    reason = [None if V.present(value) else V.unavailable_label(reasons.get(kpi, no_value_reason(kpi)), lang)
              for kpi, value in zip(table["kpi"], table["value"])]
    return table.assign(reason=pd.Series(reason, index=table.index, dtype=object))


def kpi_display_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The KPI table as a reader sees it, every cell text in the language's formats ("—" where there is no
    value): indicator, unit, value, previous year, change, target, status, definition, why not available.
    The screen, the Word and the PDF report print exactly these cells."""
    def status(row) -> str:
        if not V.present(row.value):
            return V.status_label("no_data", lang)
        if not isinstance(row.status, str) or not row.status:
            return V.status_label("no_target", lang) if not V.present(row.target) else V.MISSING
        return V.status_label(row.status, lang)

    rows = list(table.itertuples(index=False))
    columns = {
        "indicator": [row.name for row in rows],
        "unit": [V.unit_label(row.unit, lang) for row in rows],
        "value": [V.kpi_value(row.value, row.unit, lang) for row in rows],
        "previous": [V.kpi_value(row.previous, row.unit, lang) for row in rows],
        "change": [V.kpi_change(row.change, row.unit, lang) or V.MISSING for row in rows],
        "target": [V.kpi_value(row.target, row.unit, lang) for row in rows],
        "status": [status(row) for row in rows],
        "definition": [row.definition for row in rows],
        "reason": [row.reason if isinstance(row.reason, str) else "" for row in rows],
    }
    return pd.DataFrame({V.column_label(name, lang): values for name, values in columns.items()})


def build(data: Any, year: int, lang: str, filters: Any = None, as_of=None) -> SectionResult:
    """The Overview page: the headline trends and the table of every KPI."""
    from metrics.engine import kpi_trend

    table = kpi_table(data, year, lang, filters, as_of)
    reasons = dict(zip(table["kpi"], table["reason"]))
    blocks = []
    for key, kpi_id, kind, label in HEADLINES[:1]:
        blocks.append(_trend_block(data, key, kpi_id, kind, label, lang, filters, reasons))
    both = pd.concat([kpi_trend(data, kpi_id, filters=filters).assign(series=series)
                      for kpi_id, series in (("inbound_mobility", "in"), ("outbound_mobility", "out"))],
                     ignore_index=True)
    blocks.append(Block("ov_mobility_trend", V.t("mobility.by_year", lang), _trend_table(both, lang), data=both,
                        chart=Chart("line", "year", "value", color="series", years=True,
                                    value_label=V.t("col.count", lang),
                                    series_names=series_names({"in": V.t("direction.in", lang),
                                                               "out": V.t("direction.out", lang)})),
                        reason=reasons.get("inbound_mobility"), width="half", file_stem="mobility"))
    for key, kpi_id, kind, label in HEADLINES[1:]:
        blocks.append(_trend_block(data, key, kpi_id, kind, label, lang, filters, reasons))
    blocks.append(Block("kpi_table", V.t("overview.kpi_table", lang), kpi_display_table(table, lang),
                        file_stem=f"kpis_{year}"))
    return SectionResult("overview", V.t("page.overview", lang), year, lang, EXPORTS, (), tuple(blocks))


def _trend_table(trend: pd.DataFrame, lang: str) -> pd.DataFrame:
    from metrics.sections.common import display_table

    return display_table(trend, lang)


def _trend_block(data, key, kpi_id, kind, label, lang, filters, reasons) -> Block:
    from metrics.catalogue import CATALOGUE
    from metrics.engine import kpi_trend

    trend = kpi_trend(data, kpi_id, filters=filters)
    name = CATALOGUE[kpi_id].label(lang)
    target = targets_of(data, kpi_id, filters) if kind == "line" else None
    unit = CATALOGUE[kpi_id].unit
    band = projection_to_target(trend, target, unit) if target is not None else None
    return Block(key, name, _trend_table(trend, lang), data=trend,
                 chart=Chart(kind, "year", "value", years=True, value_label=V.t(label, lang), target=target,
                             target_label=V.t("common.target", lang), unit=unit, band=band,
                             band_label=V.t("chart.interval", lang), projection_label=V.t("chart.projection", lang)),
                 reason=reasons.get(kpi_id), width="half", file_stem=kpi_id)
