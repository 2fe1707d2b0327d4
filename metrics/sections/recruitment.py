"""Recruitment: foreign applicants from application to admission to enrolment (the applications export): the
funnel of the year, the admission rate and the enrolment yield over the years, applications by country (map
and table with conversion rates).

Foreign: citizenship not the home country (an unresolved one counts as foreign), as in `metrics.kpis`
(foreign_applications, foreign_admission_rate = admitted ÷ applied, foreign_enrolment_yield = enrolled ÷
admitted), so the numbers here are those KPIs.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from metrics import vocabulary as V
from metrics.sections import Block, Chart, SectionResult, series_names
from metrics.sections.common import (
    country_name, display_table, export_reason, missing_exports, with_reason, with_total,
)

EXPORTS = ("applications",)
STAGES = ("applied", "admitted", "enrolled")
RATES = ("admission_rate", "enrolment_yield")


def foreign_applications(data: Any, filters: Any = None) -> pd.DataFrame | None:
    """Rows of the applications export of foreign citizens: year, country (ISO3, <NA> unresolved), stage, count."""
    from metrics.engine import filtered
    from metrics.rows import is_foreign

    source = filtered(data, filters)
    frame = source.get("applications")
    if frame is None:
        return None
    rows = frame.loc[is_foreign(frame["citizenship"], source.home)]
    stage = rows["stage"].astype("object").map(lambda v: str(v).strip().lower() if V.present(v) else "")
    counts = pd.to_numeric(rows["count"], errors="coerce").fillna(0) if "count" in rows.columns else 1
    out = pd.DataFrame({"year": rows["year"].astype("int64").to_numpy(),
                        "country": rows["citizenship"].astype("object").to_numpy(),
                        "stage": stage.to_numpy(), "count": pd.Series(counts, index=rows.index).to_numpy()})
    return out.loc[out["stage"].isin(STAGES)].reset_index(drop=True)


def _rates(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    for stage in STAGES:
        frame[stage] = frame[stage].astype("int64")
    applied, admitted = frame["applied"].astype(float), frame["admitted"].astype(float)
    frame["admission_rate"] = (frame["admitted"] / applied.where(applied > 0) * 100).astype("Float64")
    frame["enrolment_yield"] = (frame["enrolled"] / admitted.where(admitted > 0) * 100).astype("Float64")
    return frame


def funnel_by_year(rows: pd.DataFrame) -> pd.DataFrame:
    """Per year: applied, admitted, enrolled, admission_rate (%), enrolment_yield (%)."""
    wide = rows.pivot_table(index="year", columns="stage", values="count", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=list(STAGES), fill_value=0).reset_index()
    wide.columns.name = None
    return _rates(wide)


def by_country(rows: pd.DataFrame, year: int) -> pd.DataFrame:
    """The year's foreign applicants by citizenship (ISO3, <NA> unresolved; most applications first):
    applied, admitted, enrolled, admission_rate (%), enrolment_yield (%)."""
    part = rows.loc[rows["year"] == int(year)]
    key = part["country"].where(part["country"].notna(), "~")
    wide = part.assign(country=key).pivot_table(index="country", columns="stage", values="count", aggfunc="sum",
                                                fill_value=0)
    wide = wide.reindex(columns=list(STAGES), fill_value=0)
    wide = wide.assign(_unknown=wide.index == "~").sort_values(["_unknown", "applied", "enrolled"],
                                                               ascending=[True, False, False], kind="stable")
    out = wide.drop(columns="_unknown").reset_index()
    out.columns.name = None
    out["country"] = out["country"].where(out["country"] != "~")
    return _rates(out)


def build(data: Any, year: int, lang: str, filters: Any = None, as_of=None, **options) -> SectionResult:
    """The Recruitment page and report section."""
    reason = export_reason(data, EXPORTS, lang)
    blocks: list[Block] = []
    rows = foreign_applications(data, filters) if reason is None else None
    yl = V.academic_year_label(year)
    stage_names = {stage: V.t(f"stage.{stage}", lang) for stage in STAGES}
    count = V.t("col.count", lang)
    per_year = funnel_by_year(rows) if rows is not None else None
    this_year = per_year.loc[per_year["year"] == int(year)] if per_year is not None else None

    funnel = pd.DataFrame({"stage": list(STAGES), "label": [stage_names[s] for s in STAGES],
                           "count": [int(this_year[s].iloc[0]) if this_year is not None and len(this_year) else 0
                                     for s in STAGES]})
    if this_year is None or not len(this_year) or not funnel["count"].any():
        funnel = funnel.iloc[:0]
    first = float(funnel["count"].iloc[0]) if len(funnel) else 0.0
    table = pd.DataFrame({V.column_label("stage", lang): list(funnel["label"]),
                          count: pd.array(list(funnel["count"]), dtype="Int64"),
                          V.t("col.share", lang): [round(c / first * 100, 1) if first else None
                                                   for c in funnel["count"]]})
    blocks.append(Block("recruitment_funnel", f"{V.t('recruitment.funnel', lang)} — {yl}", table, data=funnel,
                        chart=Chart("funnel", "label", "count", value_label=count), width="half",
                        count_columns=(count,), file_stem="application_funnel"))

    rates = pd.DataFrame(columns=["year", "rate", "value"])
    if per_year is not None and len(per_year):
        rates = per_year.melt(id_vars="year", value_vars=list(RATES), var_name="rate", value_name="value")
        rates = rates.loc[rates["value"].notna()].astype({"value": float}).reset_index(drop=True)
    shown = (per_year if per_year is not None else pd.DataFrame(columns=["year", *STAGES, *RATES])).copy()
    for rate in RATES:
        shown[rate] = pd.to_numeric(shown[rate], errors="coerce").round(1)
    blocks.append(Block("recruitment_rates", V.t("recruitment.rates", lang), display_table(shown, lang), data=rates,
                        chart=Chart("line", "year", "value", color="rate", years=True, unit="percent",
                                    series_names=series_names({r: V.column_label(r, lang).removesuffix(", %")
                                                               for r in RATES}),
                                    value_label=V.t("col.share", lang)),
                        width="half", file_stem="admission_rate_and_yield"))

    countries = by_country(rows, year) if rows is not None else None
    if countries is not None:
        known = countries.loc[countries["country"].notna() & (countries["applied"] > 0)]
        shown_map = pd.DataFrame({"country": known["country"].to_numpy(), "applied": known["applied"].to_numpy(),
                                  "name": [country_name(c, lang) for c in known["country"]]})
        blocks.append(Block("recruitment_map", f"{V.t('recruitment.map', lang)} — {yl}",
                            display_table(known[["country", "applied"]].reset_index(drop=True), lang), data=shown_map,
                            chart=Chart("map", "country", "applied", value_label=V.t("col.applied", lang),
                                        names="name", selectable=True),
                            file_stem="applications_map", count_columns=(V.column_label("applied", lang),)))
        table = display_table(countries.assign(**{r: countries[r].round(1) for r in RATES}), lang)
        if len(table):
            totals = countries[list(STAGES)].sum()
            sums = {V.column_label(s, lang): int(totals[s]) for s in STAGES}
            sums[V.column_label("admission_rate", lang)] = (
                round(totals["admitted"] / totals["applied"] * 100, 1) if totals["applied"] else None)
            sums[V.column_label("enrolment_yield", lang)] = (
                round(totals["enrolled"] / totals["admitted"] * 100, 1) if totals["admitted"] else None)
            sums[V.column_label("country_code", lang)] = ""
            table = with_total(table, V.column_label("country", lang), V.t("common.total", lang), sums)
        blocks.append(Block("recruitment_country", f"{V.t('recruitment.by_country', lang)} — {yl}", table,
                            report=True, total_row=bool(len(table)),
                            count_columns=tuple(V.column_label(s, lang) for s in STAGES),
                            file_stem="applications_by_country"))

    sentences = _sentences(this_year, countries, year, lang) if rows is not None else []
    return SectionResult("recruitment", V.t("page.recruitment", lang), year, lang, EXPORTS, tuple(sentences),
                         tuple(with_reason(b, reason) for b in blocks), missing_exports(data, EXPORTS))


def _sentences(this_year, countries, year, lang) -> list[str]:
    if this_year is None or not len(this_year) or not int(this_year["applied"].iloc[0]):
        return []
    row = this_year.iloc[0]
    a, m, e = (V.number(int(row[s]), lang) for s in STAGES)
    rate, yld = V.percent(row["admission_rate"], lang), V.percent(row["enrolment_yield"], lang)
    yl = V.academic_year_label(year)
    sentences = [{"en": f"In {yl}, foreign citizens filed {a} applications; {m} were admitted ({rate}) and {e} "
                        f"enrolled ({yld} of those admitted).",
                  "ru": f"В {yl} учебном году иностранные граждане подали {a} заявлений; рекомендовано к зачислению "
                        f"{m} ({rate}), зачислено {e} ({yld} от рекомендованных).",
                  "uz": f"{yl} oʻquv yilida xorijiy fuqarolar {a} ta ariza topshirdi; {m} nafari tavsiya etildi "
                        f"({rate}), {e} nafari oʻqishga qabul qilindi (tavsiya etilganlarning {yld}i)."}[lang]]
    known = countries.loc[countries["country"].notna()] if countries is not None else None
    if known is not None and len(known) and int(known["applied"].iloc[0]):
        top = known.iloc[0]
        name, n = country_name(top["country"], lang), V.number(int(top["applied"]), lang)
        sentences.append({"en": f"Most applications came from {name} ({n}).",
                          "ru": f"Больше всего заявлений поступило из страны «{name}» ({n}).",
                          "uz": f"Eng koʻp ariza {name}dan kelgan ({n} ta)."}[lang])
    return sentences
