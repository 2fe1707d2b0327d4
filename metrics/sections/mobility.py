"""Academic mobility: inbound and outbound by year and category, the balance by country, and the
accreditation table (students and staff in and out per country)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from metrics import breakdowns as B
from metrics import vocabulary as V
from metrics.rows import international_mobility
from metrics.sections import Block, Chart, SectionResult, series_names
from metrics.sections.common import (
    change_percent, country_name, display_table, export_reason, kpi_values, missing_exports, with_reason, with_total,
    year_rows,
)

EXPORTS = ("mobility",)
# Columns of the mobility-by-country table, in order: (direction, category) pairs, then the subtotals.
FLOWS = (("in", "student"), ("in", "staff"), ("in", None), ("out", "student"), ("out", "staff"), ("out", None),
         (None, None))


def mobility_by_country_and_category(data: Any, year: int, filters: Any = None) -> pd.DataFrame | None:
    """International mobility of the year by country: country (ISO3, <NA> unknown), in_student, in_staff, in,
    out_student, out_staff, out, total (people); largest flow first, countries without a flow left out."""
    from metrics.filters import apply_filters

    source = apply_filters(data, filters) if filters is not None else data
    if source.get("mobility") is None:
        return None
    rows = year_rows(international_mobility(source.get("mobility"), source.home), year)
    counts = rows["count"] if "count" in rows.columns else pd.Series(1, index=rows.index)
    frame = pd.DataFrame({"country": rows["country"].astype("object").where(rows["country"].notna(), "~").to_numpy(),
                          "flow": (rows["direction"].astype("str") + "_" + rows["category"].astype("str")).to_numpy(),
                          "n": counts.fillna(0).astype("int64").to_numpy()})
    wide = frame.pivot_table(index="country", columns="flow", values="n", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=["in_student", "in_staff", "out_student", "out_staff"], fill_value=0)
    wide["in"] = wide["in_student"] + wide["in_staff"]
    wide["out"] = wide["out_student"] + wide["out_staff"]
    wide["total"] = wide["in"] + wide["out"]
    wide = wide.loc[wide["total"] > 0]
    wide = wide.assign(_unknown=wide.index == "~").sort_values(["_unknown", "total"], ascending=[True, False])
    out = wide.drop(columns="_unknown")[["in_student", "in_staff", "in", "out_student", "out_staff", "out", "total"]]
    out = out.reset_index()
    out["country"] = out["country"].where(out["country"] != "~")
    out.columns.name = None
    return out.astype({c: "int64" for c in out.columns if c != "country"})


def build(data: Any, year: int, lang: str, filters: Any = None, as_of=None) -> SectionResult:
    """The Mobility page and report section."""
    reason = export_reason(data, EXPORTS, lang)
    count = V.t("col.count", lang)
    directions = series_names({"in": V.t("direction.in", lang), "out": V.t("direction.out", lang)})
    blocks: list[Block] = []

    per_year = B.mobility_per_year(data, filters)
    if per_year is not None:
        totals = per_year.groupby(["year", "direction"], as_index=False)["people"].sum()
        blocks.append(Block("mobility_year", V.t("mobility.by_year", lang), display_table(totals, lang), data=totals,
                            chart=Chart("bar", "year", "people", color="direction", years=True, value_label=count,
                                        series_names=directions),
                            report=True, file_stem="mobility_per_year"))
        categories = series_names({"student": V.t("category.student", lang), "staff": V.t("category.staff", lang)})
        for direction, name in directions:
            part = per_year[per_year["direction"] == direction].reset_index(drop=True)
            blocks.append(Block(f"mobility_category_{direction}", f"{V.t('mobility.by_category', lang)}: {name.lower()}",
                                display_table(part, lang), data=part,
                                chart=Chart("bar", "year", "people", color="category", years=True, stacked=True,
                                            value_label=count, series_names=categories), width="half"))
    year_text = V.academic_year_label(year)
    balance = B.mobility_balance_by_country(data, year, filters)
    if balance is not None:
        shown = balance[balance["country"].notna()].assign(name=lambda f: [country_name(c, lang) for c in f["country"]])
        blocks.append(Block("mobility_map", V.t("mobility.balance", lang) + f" — {year_text}",
                            display_table(balance, lang), data=shown,
                            chart=Chart("map", "country", "balance", value_label=V.t("col.balance", lang),
                                        names="name", diverging=True, selectable=True),
                            file_stem="mobility_balance"))
    by_country = B.mobility_by_country(data, year, filters)
    if by_country is not None:
        shown = by_country.assign(label=[country_name(c, lang) for c in by_country["country"]])
        blocks.append(Block("mobility_country", V.t("mobility.by_country", lang) + f" — {year_text}",
                            display_table(by_country, lang), data=shown,
                            chart=Chart("bar", "label", "people", color="direction", value_label=count,
                                        series_names=directions)))
    wide = mobility_by_country_and_category(data, year, filters)
    if wide is not None:
        table = display_table(wide, lang).drop(columns=[V.column_label("country_code", lang)])
        flows = [V.column_label(c, lang) for c in wide.columns if c != "country"]
        if len(table):
            table = with_total(table, V.column_label("country", lang), V.t("common.total", lang),
                               {name: int(wide[c].sum()) for name, c in zip(flows, wide.columns[1:])})
        # in the report: the accreditation tables carry the same table
        blocks.append(Block("mobility_table", V.t("mobility.table", lang) + f" — {year_text}", table,
                            total_row=bool(len(table)), count_columns=tuple(flows), file_stem="mobility_by_country"))

    sentences = _sentences(data, year, lang, filters, as_of, wide) if reason is None else []
    return SectionResult("mobility", V.t("page.mobility", lang), year, lang, EXPORTS, tuple(sentences),
                         tuple(with_reason(b, reason) for b in blocks), missing_exports(data, EXPORTS))


def _sentences(data, year, lang, filters, as_of, wide) -> list[str]:
    kpi, previous = kpi_values(data, year, filters, as_of)
    inbound, outbound = kpi.get("inbound_mobility"), kpi.get("outbound_mobility")
    if inbound is None:
        return []
    n = {key: V.number(kpi.get(key) or 0, lang) for key in ("inbound_student_mobility", "inbound_staff_mobility",
                                                            "outbound_student_mobility", "outbound_staff_mobility")}
    i, o = V.number(inbound, lang), V.number(outbound or 0, lang)
    i_s, i_f, o_s, o_f = n.values()
    sentences = [{
        "en": f"Inbound mobility: {i} people ({i_s} students, {i_f} staff); outbound: {o} ({o_s} students, {o_f} staff).",
        "ru": f"Входящая мобильность: {i} человек ({i_s} студентов, {i_f} сотрудников); исходящая: {o} "
              f"({o_s} студентов, {o_f} сотрудников).",
        "uz": f"Kiruvchi mobillik: {i} kishi ({i_s} talaba, {i_f} xodim); chiquvchi: {o} kishi ({o_s} talaba, "
              f"{o_f} xodim).",
    }[lang]]
    for direction, kpi_id in (("in", "inbound_mobility"), ("out", "outbound_mobility")):
        pct = change_percent(kpi.get(kpi_id), previous.get(kpi_id))
        if pct is None or abs(pct) <= 0.05:
            continue
        word, p, up = V.t(f"direction.{direction}", lang), V.percent(abs(pct), lang), pct > 0
        sentences.append({
            "en": f"{word} mobility {'rose' if up else 'fell'} {p} on the previous year.",
            "ru": f"{word} мобильность {'выросла' if up else 'снизилась'} на {p} к прошлому году.",
            "uz": f"{word} mobillik oʻtgan yilga nisbatan {p} ga {'oshdi' if up else 'kamaydi'}.",
        }[lang])
    known = wide.loc[wide["country"].notna()] if wide is not None else None
    if known is not None and len(known):
        top, value = country_name(known["country"].iloc[0], lang), V.number(int(known["total"].iloc[0]), lang)
        sentences.append({"en": f"The main mobility country is {top} ({value} people).",
                          "ru": f"Основная страна мобильности — {top} ({value} чел.).",
                          "uz": f"Asosiy mobillik mamlakati — {top} ({value} kishi)."}[lang])
    return sentences
