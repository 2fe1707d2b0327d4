"""Universities side by side (issue 12: a ministry's folder of several universities).

For one KPI of the catalogue (option ``kpi``, default ``foreign_students``) and the academic year: every
university's value ranked (a horizontal bar chart and a table with rank, university, value and the change
against the previous year), the national total (the KPI over all universities together, computed on the whole
data, never a sum of shares) as the table's last row, and sentences naming the first and the last.

Each university's value is `metrics.engine.compute_kpis` with the sidebar filters narrowed to that
university (``dataclasses.replace(filters, universities=(name,))``); the national total is the same with
the university filter removed. When the sidebar selects some universities, only those are compared.
A folder without a ``university`` column is one university (named by its settings.toml): the result holds
that one row and the total (the page itself says there is nothing to compare and shows nothing else).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd

from metrics import vocabulary as V
from metrics.catalogue import CATALOGUE
from metrics.filters import Filters, universities, university_parts
from metrics.sections import Block, Chart, SectionResult
from metrics.sections.common import export_reason, missing_exports, with_reason

DEFAULT_KPI = "foreign_students"
EXPORTS = CATALOGUE[DEFAULT_KPI].sources  # the default KPI's exports; a chosen KPI's sources otherwise
CHART_UNITS = {"count": "count", "percent": "percent"}  # anything else (ratio, index) is drawn as a ratio


def check_kpi(kpi: str | None) -> str:
    """``kpi`` as a catalogue id (None gives the default); KeyError for an unknown one."""
    kpi = DEFAULT_KPI if kpi is None else str(kpi)
    if kpi not in CATALOGUE:
        raise KeyError(f"unknown KPI {kpi!r}; known: {', '.join(CATALOGUE)}")
    return kpi


def compared_universities(data: Any, filters: Any = None) -> list[str]:
    """The universities on the page: the data's, or those the filters select (in the data's spelling)."""
    names = universities(data)
    chosen = getattr(filters, "universities", ()) or ()
    if chosen:
        wanted = {" ".join(str(name).split()).casefold() for name in chosen}
        names = [name for name in names if name.casefold() in wanted]
    return names


def _own_name(data: Any, lang: str) -> str:
    namer = getattr(data, "university_name", None)
    return str(namer(lang)) if callable(namer) else str(getattr(data, "university", ""))


def comparison_values(data: Any, year: int, kpi: str = DEFAULT_KPI, filters: Any = None,
                      as_of=None, lang: str = "en") -> tuple[pd.DataFrame, dict]:
    """Per university: a frame with university, value, previous, change (value − previous; None where either
    is missing), rank (1 = best: the highest value, or the lowest for a KPI where lower is better; <NA> without
    a value), sorted by rank; and the national total {value, previous, change} over all universities together."""
    from metrics.engine import compute_kpi

    kpi = check_kpi(kpi)
    year = int(year)
    base = filters if isinstance(filters, Filters) else Filters()
    whole = replace(base, universities=())

    def values(part: Any, selection: Filters) -> tuple:
        now = compute_kpi(part, year, kpi, filters=selection, as_of=as_of)
        before = None if CATALOGUE[kpi].snapshot else compute_kpi(part, year - 1, kpi, filters=selection, as_of=as_of)
        change = now - before if now is not None and before is not None else None
        return now, before, change

    rows = []
    names = compared_universities(data, base)
    # Each university's part once (a ministry's folder holds hundreds), the other filters applied within it.
    for name, part in university_parts(data, names):
        now, before, change = values(part, whole)
        rows.append({"university": name, "value": now, "previous": before, "change": change})
    if not names and not universities(data):  # one university: the whole data, under its own name
        now, before, change = values(data, whole)
        rows.append({"university": _own_name(data, lang), "value": now, "previous": before, "change": change})
    frame = pd.DataFrame(rows, columns=["university", "value", "previous", "change"])
    for column in ("value", "previous", "change"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Float64")
    ascending = not CATALOGUE[kpi].higher_is_better
    frame["rank"] = frame["value"].rank(method="min", ascending=ascending).astype("Int64")
    frame = frame.sort_values(["rank", "university"], na_position="last", kind="stable").reset_index(drop=True)
    now, before, change = values(data, whole)
    return frame, {"value": now, "previous": before, "change": change}


def build(data: Any, year: int, lang: str, filters: Any = None, as_of=None, kpi: str = DEFAULT_KPI) -> SectionResult:
    """The Universities page: the KPI of every university side by side, ranked, with the national total."""
    kpi = check_kpi(kpi)
    info = CATALOGUE[kpi]
    sources = tuple(info.sources)
    title = V.t("page.comparison", lang)
    reason = export_reason(data, sources, lang)
    frame, total = comparison_values(data, year, kpi, filters, as_of, lang)
    name, year_label = info.label(lang), V.academic_year_label(year)

    shown = frame.loc[frame["value"].notna(), ["university", "value"]].copy()
    shown["value"] = shown["value"].astype("float64")
    chart = Chart("bar", "university", "value", horizontal=True, unit=CHART_UNITS.get(info.unit, "ratio"),
                  value_label=name)
    rank_name, university_name = V.t("col.rank", lang), V.t("col.university", lang)
    value_name, change_name = V.t("col.value", lang), V.t("col.change", lang)
    table = pd.DataFrame({
        rank_name: [str(int(r)) if V.present(r) else "" for r in frame["rank"]],
        university_name: frame["university"].astype("object").to_numpy(),
        value_name: [V.kpi_value(v, info.unit, lang) for v in frame["value"]],
        change_name: [V.kpi_change(c, info.unit, lang) or V.MISSING for c in frame["change"]],
    })
    table.loc[len(table)] = ["", V.t("comparison.national", lang), V.kpi_value(total["value"], info.unit, lang),
                             V.kpi_change(total["change"], info.unit, lang) or V.MISSING]
    blocks = [
        Block("comparison_chart", V.t("comparison.chart", lang, kpi=name, year=year_label), None, data=shown,
              chart=chart, file_stem=f"{kpi}_by_university"),
        Block("comparison_table", V.t("comparison.table", lang, kpi=name, year=year_label), table, total_row=True,
              file_stem=f"{kpi}_by_university_ranked"),
    ]
    sentences = _sentences(frame, total, info, year_label, lang) if reason is None else ()
    blocks = [with_reason(block, reason or V.t("comparison.no_values", lang)) for block in blocks]
    return SectionResult("comparison", title, year, lang, sources, tuple(sentences), tuple(blocks),
                         missing_exports(data, sources))


def _sentences(frame: pd.DataFrame, total: dict, info, year_label: str, lang: str) -> list[str]:
    ranked = frame.loc[frame["value"].notna()]
    sentences = []
    if len(ranked) >= 2:
        top, bottom = ranked.iloc[0], ranked.iloc[-1]
        sentences.append(V.t("comparison.summary", lang, kpi=info.label(lang), year=year_label, n=len(frame),
                             top=top["university"], top_value=V.kpi_value(top["value"], info.unit, lang),
                             bottom=bottom["university"], bottom_value=V.kpi_value(bottom["value"], info.unit, lang)))
    elif not len(ranked):
        sentences.append(V.t("comparison.no_values", lang))
    sentences.append(V.t("comparison.total_sentence", lang, value=V.kpi_value(total["value"], info.unit, lang)))
    return sentences
