"""Dependence and what-if: how concentrated the foreign students are on a few source countries, and a scenario.

The scenario (``scenario=(country ISO3 | None, change in %)``) changes one source country's intake: for every
year after the scorecard year up to the latest target year of ``foreign_students`` (or three years on), the
total of foreign students and the country's foreign students are projected with `metrics.targets.projection`
(the same window of years for both), and

    scenario = projected total + change % × projected students of the country

so −100 % takes exactly the country's projected students away and 0 % is the baseline. The scenario's share of
all students divides it by the projection of all students (when their numbers are known); its status against
the target of the year follows `metrics.targets.target_status` on the scenario line. A scenario is not a fact:
the section is not part of the report and its sentences say so.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd

from metrics import breakdowns as B
from metrics import vocabulary as V
from metrics.sections import Block, Chart, SectionResult, series_names
from metrics.sections.common import (
    country_name, export_reason, missing_exports, targets_of, with_reason, with_total,
)

EXPORTS = ("students",)
KPI = "foreign_students"
HORIZON = 3  # years projected when there is no later target
CHANGE_RANGE = (-100, 100)
SERIES = ("actual", "baseline", "scenario")


def _all_years(filters: Any) -> Any:
    """The filters without the year range: a trend and a projection need every year."""
    return None if filters is None else replace(filters, year_from=None, year_to=None)


def source_countries(data: Any, year: int, filters: Any = None) -> pd.DataFrame | None:
    """Foreign students of the year by known citizenship, largest first: country, students, share (%)."""
    table = B.foreign_students_by_country(data, year, filters)
    if table is None:
        return None
    return table.loc[table["country"].notna()].reset_index(drop=True)


def largest_share_per_year(data: Any, filters: Any = None) -> pd.DataFrame | None:
    """Per year: the largest source country (ISO3), its students and its share (%) of all foreign students."""
    frame = B.foreign_students_by_country_and_year(data, filters)
    if frame is None:
        return None
    rows = []
    for year, part in frame.groupby("year", sort=True):
        total = int(part["students"].sum())
        known = part.loc[part["country"].notna()].sort_values("students", ascending=False, kind="stable")
        if not total or not len(known):
            continue
        rows.append({"year": int(year), "country": known["country"].iloc[0], "students": int(known["students"].iloc[0]),
                     "share": float(known["students"].iloc[0]) / total * 100})
    return pd.DataFrame(rows, columns=["year", "country", "students", "share"])


def _actuals(data: Any, filters: Any, year: int, country: str | None) -> tuple[pd.Series, pd.Series, pd.Series | None]:
    """(total foreign students, the country's foreign students, all students) per year up to ``year``."""
    per_year = B.foreign_students_per_year(data, filters)
    per_year = per_year.loc[per_year["year"] <= year]
    years = per_year["year"].astype("int64").to_numpy()
    total = pd.Series(per_year["foreign_students"].to_numpy(dtype=float), index=years)
    by_country = B.foreign_students_by_country_and_year(data, filters)
    mine = by_country.loc[by_country["country"].eq(country).fillna(False).to_numpy(dtype=bool)] if country else None
    counts = (mine.groupby("year")["students"].sum() if mine is not None else pd.Series(dtype=float))
    country_series = pd.Series([float(counts.get(y, 0)) for y in years], index=years)
    all_students = pd.Series(pd.to_numeric(per_year["all_students"], errors="coerce").to_numpy(dtype=float),
                             index=years)
    return total, country_series, (all_students if all_students.notna().any() else None)


def horizon(data: Any, year: int, filters: Any = None) -> list[int]:
    """The years projected: after ``year`` up to the latest target year of foreign_students (else ``year`` + 3)."""
    targets = targets_of(data, KPI, filters)
    last = int(targets["year"].max()) if len(targets) else None
    end = last if last is not None and last > year else year + HORIZON
    return list(range(int(year) + 1, end + 1))


def scenario_frame(data: Any, year: int, country: str | None, change: int, filters: Any = None) -> pd.DataFrame | None:
    """Year by year after ``year``: year, baseline (projected foreign students), country (the country's projected
    students), scenario, all_students (projected, <NA> unknown), scenario_share (%), target, status.

    None without students or with too few years to project (`metrics.targets.projection`)."""
    from metrics.targets import TREND_YEARS, projection, target_status

    if data.get("students") is None:
        return None
    filters = _all_years(filters)
    total, mine, everyone = _actuals(data, filters, year, country)
    rows = []
    for future in horizon(data, year, filters):
        base = projection(total, future, window=TREND_YEARS)
        if base is None:
            return None
        part = projection(mine, future, window=TREND_YEARS) if country else None
        part_value = part.value if part is not None else 0.0
        scenario = max(base.value + change / 100 * part_value, 0.0)
        all_value = None
        if everyone is not None:
            projected = projection(everyone, future, window=TREND_YEARS)
            all_value = projected.value if projected is not None else None
        rows.append({"year": future, "baseline": base.value, "country": part_value, "scenario": scenario,
                     "all_students": all_value,
                     "scenario_share": scenario / all_value * 100 if all_value else None})
    frame = pd.DataFrame(rows, columns=["year", "baseline", "country", "scenario", "all_students", "scenario_share"])
    targets = targets_of(data, KPI, filters)
    wanted = dict(zip(targets["year"].astype(int), targets["target"].astype(float)))
    frame["target"] = [wanted.get(int(y)) for y in frame["year"]]
    line = total.copy()
    statuses = []
    targets_frame = pd.DataFrame({"kpi": KPI, "year": targets["year"], "target": targets["target"]})
    for future, value in zip(frame["year"], frame["scenario"]):
        line.loc[int(future)] = value
        if int(future) in wanted:
            statuses.append(target_status(KPI, int(future), line.sort_index(), targets_frame).status)
        else:
            statuses.append(None)
    frame["status"] = statuses
    return frame


def _scenario(data, year, filters, options) -> tuple[str | None, int]:
    country, change = (options.get("scenario") or (None, 0))
    try:
        change = int(change)
    except (TypeError, ValueError):
        change = 0
    change = min(max(change, CHANGE_RANGE[0]), CHANGE_RANGE[1])
    sources = source_countries(data, year, filters)
    codes = list(sources["country"]) if sources is not None else []
    if country not in codes:
        country = codes[0] if codes else None
    return country, change


def change_label(change: int, lang: str) -> str:
    """+30 % / −30 % / 0 % in the language (a real minus sign)."""
    sign = "+" if change > 0 else "\u2212" if change < 0 else ""
    return sign + V.percent(abs(change), lang, decimals=0)


def build(data: Any, year: int, lang: str, filters: Any = None, as_of=None, **options) -> SectionResult:
    """The Dependence and what-if page (not part of the report: a scenario is not a fact)."""
    from metrics.engine import kpi_trend

    reason = export_reason(data, EXPORTS, lang)
    blocks: list[Block] = []
    trend_filters = _all_years(filters)

    try:
        hhi = kpi_trend(data, "source_concentration", filters=trend_filters, as_of=as_of)
    except KeyError:  # the KPI is not in the catalogue (yet)
        hhi = None
    if hhi is not None:
        hhi = hhi.loc[hhi["value"].notna()].rename(columns={"value": "source_concentration"}).reset_index(drop=True)
        hhi["source_concentration"] = hhi["source_concentration"].astype(float)
        blocks.append(Block("dependence_hhi", V.t("dependence.hhi", lang),
                            _table(hhi.assign(source_concentration=hhi["source_concentration"].round(0)), lang), data=hhi,
                            chart=Chart("line", "year", "source_concentration", years=True, unit="index",
                                        value_label=V.t("col.source_concentration", lang)),
                            width="half", file_stem="source_concentration"))
    largest = largest_share_per_year(data, trend_filters)
    if largest is not None:
        shown = largest.assign(country_name=[country_name(c, lang) for c in largest["country"]])
        table = _table(largest.assign(share=largest["share"].round(1)), lang)
        blocks.append(Block("dependence_largest", V.t("dependence.largest_share", lang), table, data=shown,
                            chart=Chart("line", "year", "share", years=True, unit="percent",
                                        value_label=V.t("col.share", lang)),
                            width="half", file_stem="largest_source_country_share"))
    sources = source_countries(data, year, filters)
    if sources is not None:
        shown = sources.assign(name=[country_name(c, lang) for c in sources["country"]])
        table = _table(sources.assign(share=sources["share"].astype(float).round(1)), lang)
        if len(table):
            table = with_total(table, V.column_label("country", lang), V.t("common.total", lang),
                               {V.column_label("students", lang): int(sources["students"].sum()),
                                V.column_label("share", lang): 100.0, V.column_label("country_code", lang): ""})
        blocks.append(Block("dependence_sources", V.t("dependence.sources", lang) + f" — {V.academic_year_label(year)}",
                            table, data=shown, total_row=bool(len(table)),
                            count_columns=(V.column_label("students", lang),), file_stem="source_countries"))

    country, change = _scenario(data, year, filters, options)
    frame = scenario_frame(data, year, country, change, filters) if country else None
    label = scenario_label(country, change, lang)
    if frame is not None:
        blocks.append(_scenario_chart(data, year, frame, filters, label, lang))
        blocks.append(Block("dependence_scenario_table", V.t("dependence.scenario_table", lang) + f" — {label}",
                            _scenario_table(frame, lang), file_stem="scenario"))
    elif country and reason is None:
        blocks.append(Block("dependence_scenario_table", V.t("dependence.scenario_table", lang) + f" — {label}",
                            pd.DataFrame(), reason=V.t("dependence.too_few_years", lang)))

    sentences = _sentences(year, lang, country, change, frame, largest) if reason is None else []
    return SectionResult("dependence", V.t("page.dependence", lang), year, lang, EXPORTS, tuple(sentences),
                         tuple(with_reason(b, reason) for b in blocks), missing_exports(data, EXPORTS))


def scenario_label(country: str | None, change: int, lang: str) -> str:
    """«Scenario: India −30 %» in the language."""
    name = country_name(country, lang) if country else V.t("value.unknown", lang)
    return V.t("dependence.scenario_label", lang, country=name, change=change_label(change, lang))


def _table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    from metrics.sections.common import display_table

    return display_table(frame, lang)


def _scenario_chart(data, year, frame, filters, label, lang) -> Block:
    per_year = B.foreign_students_per_year(data, _all_years(filters))
    actual = per_year.loc[per_year["year"] <= year, ["year", "foreign_students"]]
    actual = pd.DataFrame({"year": actual["year"].astype("int64"), "value": actual["foreign_students"].astype(float),
                           "series": "actual"})
    last = actual.iloc[-1:] if len(actual) else actual
    parts = [actual]
    for name in ("baseline", "scenario"):
        start = last.assign(series=name)  # the projection starts at the latest actual
        parts.append(pd.concat([start, pd.DataFrame({"year": frame["year"].astype("int64"),
                                                     "value": frame[name].astype(float), "series": name})]))
    long = pd.concat(parts, ignore_index=True)
    names = series_names({"actual": V.t("dependence.actual", lang), "baseline": V.t("dependence.baseline", lang),
                          "scenario": label})
    target = targets_of(data, KPI, filters)
    return Block("dependence_scenario", f"{V.t('dependence.scenario_chart', lang)} — {label}",
                 _scenario_table(frame, lang), data=long,
                 chart=Chart("line", "year", "value", color="series", series_names=names, years=True,
                             value_label=V.t("col.foreign_students", lang), target=target,
                             target_label=V.t("common.target", lang)),
                 file_stem="scenario_chart")


def _scenario_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Years × (baseline, the country's projected students, scenario, share of all students, target, status)."""
    out = pd.DataFrame({"year": [V.academic_year_label(y) for y in frame["year"]],
                        "baseline": [_whole(v) for v in frame["baseline"]],
                        "country_projection": [_whole(v) for v in frame["country"]],
                        "scenario": [_whole(v) for v in frame["scenario"]]})
    if frame["scenario_share"].notna().any():
        out["scenario_share"] = pd.Series([round(float(v), 1) if V.present(v) else None
                                           for v in frame["scenario_share"]], dtype=object)
    out["target"] = [_whole(v) for v in frame["target"]]
    out["status"] = [V.status_label(s, lang) if isinstance(s, str) else "" for s in frame["status"]]
    out["baseline"] = out["baseline"].astype("Int64")
    out["country_projection"] = out["country_projection"].astype("Int64")
    out["scenario"] = out["scenario"].astype("Int64")
    out["target"] = out["target"].astype("Int64")
    out.columns = [V.column_label(c, lang) for c in out.columns]
    return out


def _whole(value) -> int | None:
    return int(round(float(value))) if V.present(value) else None


def _sentences(year, lang, country, change, frame, largest) -> list[str]:
    sentences = []
    if largest is not None and len(largest):
        now = largest.loc[largest["year"] == year]
        if len(now):
            name, share = country_name(now["country"].iloc[0], lang), V.percent(now["share"].iloc[0], lang)
            sentences.append({"en": f"In {V.academic_year_label(year)}, the largest source country, {name}, "
                                    f"accounts for {share} of foreign students.",
                              "ru": f"В {V.academic_year_label(year)} учебном году на крупнейшую страну-источник "
                                    f"({name}) приходится {share} иностранных студентов.",
                              "uz": f"{V.academic_year_label(year)} oʻquv yilida eng yirik manba mamlakat ({name}) "
                                    f"xorijiy talabalarning {share}ini tashkil etadi."}[lang])
    if frame is not None and len(frame) and country:
        row = frame.iloc[-1]
        end = V.academic_year_label(int(row["year"]))
        name, ch = country_name(country, lang), change_label(change, lang)
        base, scen = V.number(row["baseline"], lang), V.number(row["scenario"], lang)
        sentences.append({
            "en": f"This is a scenario, not a forecast: if the intake from {name} changed by {ch}, the university "
                  f"would have about {scen} foreign students in {end} instead of the projected {base}.",
            "ru": f"Это сценарий, а не прогноз: если набор из страны «{name}» изменится на {ch}, в {end} учебном году "
                  f"у университета будет около {scen} иностранных студентов вместо прогнозных {base}.",
            "uz": f"Bu prognoz emas, balki ssenariy: agar {name}dan qabul {ch} ga oʻzgarsa, {end} oʻquv yilida "
                  f"universitetda prognozdagi {base} oʻrniga taxminan {scen} nafar xorijiy talaba boʻladi.",
        }[lang])
        status = row["status"] if isinstance(row["status"], str) else None
        if status and V.present(row["target"]):
            target, word = V.number(row["target"], lang), V.status_label(status, lang)
            sentences.append({"en": f"Against the target of {target} for {end}, the scenario is: {word}.",
                              "ru": f"Относительно плана {target} на {end} учебный год сценарий: {word}.",
                              "uz": f"{end} oʻquv yili uchun {target} rejaga nisbatan ssenariy holati: {word}."}[lang])
    return sentences
