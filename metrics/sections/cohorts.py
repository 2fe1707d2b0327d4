"""Outcomes: what became of each entry cohort of new foreign students (still enrolled, graduated, dropped out,
not known) one, two and three years on, with home students for comparison, by citizenship for the latest
cohort that can be followed a year, and the drop-out and retention rates over the years.

Cohorts are those of `metrics.outcomes.retention_cohorts` (followed by student id); the sidebar's country and
faculty filters narrow them, the year range does not (a cohort is followed into the years after it).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd

from metrics import vocabulary as V
from metrics.sections import Block, Chart, SectionResult, series_names
from metrics.sections.common import (
    country_name, display_table, export_reason, missing_exports, with_reason, with_total,
)

EXPORTS = ("students",)
HORIZONS = (1, 2, 3)
OUTCOMES = ("enrolled", "graduated", "dropped", "unknown")
GROUPS = ("foreign", "home")


def _all_years(filters: Any) -> Any:
    return None if filters is None else replace(filters, year_from=None, year_to=None)


def cohorts(data: Any, filters: Any = None) -> pd.DataFrame | None:
    """`metrics.outcomes.retention_cohorts` of every year of the (filtered) data; None when not available."""
    from metrics.engine import available_years, filtered
    from metrics.outcomes import retention_cohorts

    source = filtered(data, _all_years(filters))
    students = source.get("students")
    if students is None:
        return None
    return retention_cohorts(students, source.home, available_years(source))


def _counts(frame: pd.DataFrame) -> list[str]:
    return ["cohort"] + [f"{outcome}_{k}" for k in HORIZONS for outcome in OUTCOMES]


def cohorts_by_year(table: pd.DataFrame) -> pd.DataFrame:
    """Per entry year and group (foreign first): cohort, outcome counts for k = 1, 2, 3 (<NA>: not known yet),
    retained_1 = (enrolled_1 + graduated_1) ÷ cohort × 100."""
    columns = _counts(table)
    grouped = table.groupby(["entry_year", "group"], sort=False)[columns].sum(min_count=1).reset_index()
    grouped["_g"] = grouped["group"].map({g: i for i, g in enumerate(GROUPS)}).fillna(len(GROUPS))
    grouped = grouped.sort_values(["entry_year", "_g"], kind="stable").drop(columns="_g").reset_index(drop=True)
    return _with_retained(grouped)


def _with_retained(frame: pd.DataFrame) -> pd.DataFrame:
    cohort = frame["cohort"].astype("Float64")
    kept = (frame["enrolled_1"].astype("Float64") + frame["graduated_1"].astype("Float64"))
    frame = frame.copy()
    frame["retained_1"] = (kept / cohort.where(cohort > 0) * 100).astype("Float64")
    return frame


def shares_after(by_year: pd.DataFrame, k: int = 1, group: str = "foreign") -> pd.DataFrame:
    """Long: entry_year, outcome, students, share (% of the cohort) for the group's cohorts whose year
    entry_year + k is known."""
    part = by_year.loc[(by_year["group"] == group).to_numpy(dtype=bool)]
    part = part.loc[part[f"enrolled_{k}"].notna().to_numpy(dtype=bool) & (part["cohort"] > 0).to_numpy(dtype=bool)]
    rows = []
    for row in part.itertuples(index=False):
        row = row._asdict()
        for outcome in OUTCOMES:
            n = int(row[f"{outcome}_{k}"])
            rows.append({"entry_year": int(row["entry_year"]), "outcome": outcome, "students": n,
                         "share": n / int(row["cohort"]) * 100})
    return pd.DataFrame(rows, columns=["entry_year", "outcome", "students", "share"])


def latest_followed(by_year: pd.DataFrame, year: int, group: str = "foreign") -> int | None:
    """The latest entry year up to ``year`` − 1 whose foreign cohort is known a year on."""
    part = by_year.loc[(by_year["group"] == group).to_numpy(dtype=bool)
                       & by_year["enrolled_1"].notna().to_numpy(dtype=bool)
                       & (by_year["entry_year"] < int(year)).to_numpy(dtype=bool)
                       & (by_year["cohort"] > 0).to_numpy(dtype=bool)]
    return int(part["entry_year"].max()) if len(part) else None


def by_citizenship(table: pd.DataFrame, entry_year: int) -> pd.DataFrame:
    """The foreign cohort of ``entry_year`` by citizenship (ISO3, <NA> unknown; largest first): cohort,
    enrolled_1, graduated_1, dropped_1, unknown_1, retained_1 (%)."""
    part = table.loc[(table["group"] == "foreign").to_numpy(dtype=bool)
                     & (table["entry_year"] == int(entry_year)).to_numpy(dtype=bool)]
    columns = ["cohort"] + [f"{outcome}_1" for outcome in OUTCOMES]
    key = part["citizenship"].astype("object").where(part["citizenship"].notna(), "~")
    grouped = part.groupby(key.to_numpy(), sort=False)[columns].sum(min_count=1)
    grouped = grouped.assign(_unknown=grouped.index == "~").sort_values(["_unknown", "cohort"],
                                                                        ascending=[True, False], kind="stable")
    out = grouped.drop(columns="_unknown").reset_index(names="country")
    out["country"] = out["country"].where(out["country"] != "~")
    return _with_retained(out)


def _whole(value):
    return int(value) if V.present(value) else None


def _cohort_table(by_year: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = pd.DataFrame({V.column_label("entry_year", lang): [V.academic_year_label(y) for y in by_year["entry_year"]],
                        V.column_label("student_group", lang): [V.t(f"group.{g}", lang) for g in by_year["group"]]})
    for column in _counts(by_year):
        out[V.column_label(column, lang)] = pd.array([_whole(v) for v in by_year[column]], dtype="Int64")
    out[V.column_label("retained_1", lang)] = by_year["retained_1"].round(1).to_numpy()
    return out


def build(data: Any, year: int, lang: str, filters: Any = None, as_of=None, **options) -> SectionResult:
    """The Outcomes page and report section."""
    from metrics.engine import kpi_trend

    reason = export_reason(data, EXPORTS, lang)
    blocks: list[Block] = []
    table = cohorts(data, filters) if reason is None else None
    by_year = cohorts_by_year(table) if table is not None and len(table) else None
    names = series_names({outcome: V.t(f"outcome.{outcome}", lang) for outcome in OUTCOMES})
    if reason is None and table is None:  # no student ids or statuses: no cohort can be followed
        blocks.append(Block("cohorts_table", V.t("cohorts.table", lang), pd.DataFrame(), report=True,
                            reason=V.t("kpi_na.values_missing", lang, export="students", columns="student_id, status")))

    if by_year is not None:
        shares = shares_after(by_year, 1)
        wide = shares.pivot_table(index="entry_year", columns="outcome", values="share").reindex(columns=list(OUTCOMES))
        cohort_sizes = by_year.loc[by_year["group"] == "foreign"].set_index("entry_year")["cohort"]
        shown_table = pd.DataFrame({V.column_label("entry_year", lang): [V.academic_year_label(y) for y in wide.index],
                                    V.column_label("cohort", lang): [_whole(cohort_sizes.get(y)) for y in wide.index]})
        for outcome in OUTCOMES:
            shown_table[f"{V.t(f'outcome.{outcome}', lang)}, %"] = wide[outcome].round(1).to_numpy()
        blocks.append(Block("cohorts_k1", V.t("cohorts.outcomes_k1", lang), shown_table, data=shares,
                            chart=Chart("bar", "entry_year", "share", color="outcome", series_names=names,
                                        stacked=True, unit="percent", years=True,
                                        value_label=V.t("col.share", lang)),
                            file_stem="cohort_outcomes_after_one_year"))
        blocks.append(Block("cohorts_table", V.t("cohorts.table", lang), _cohort_table(by_year, lang), report=True,
                            count_columns=tuple(V.column_label(c, lang) for c in _counts(by_year)),
                            file_stem="cohorts_by_entry_year"))
        latest = latest_followed(by_year, year)
        if latest is not None:
            countries = by_citizenship(table, latest)
            shown = display_table(countries.assign(retained_1=countries["retained_1"].round(1)), lang)
            counts = ["cohort"] + [f"{outcome}_1" for outcome in OUTCOMES]
            if len(shown):
                sums = {V.column_label(c, lang): int(countries[c].sum()) for c in counts}
                total = countries[counts].sum()
                sums[V.column_label("retained_1", lang)] = (
                    round(float(total["enrolled_1"] + total["graduated_1"]) / float(total["cohort"]) * 100, 1)
                    if total["cohort"] else None)
                sums[V.column_label("country_code", lang)] = ""
                shown = with_total(shown, V.column_label("country", lang), V.t("common.total", lang), sums)
            blocks.append(Block("cohorts_country", V.t("cohorts.by_country", lang, year=V.academic_year_label(latest)),
                                shown, total_row=bool(len(shown)),
                                count_columns=tuple(V.column_label(c, lang) for c in counts),
                                file_stem="cohort_by_citizenship"))
    for kpi_id, title in (("foreign_dropout_rate", "cohorts.dropout_trend"),
                          ("foreign_retention_rate", "cohorts.retention_trend")):
        try:
            trend = kpi_trend(data, kpi_id, filters=_all_years(filters), as_of=as_of)
        except KeyError:  # not in the catalogue
            continue
        trend = trend.loc[trend["value"].notna()].rename(columns={"value": kpi_id}).reset_index(drop=True)
        trend[kpi_id] = trend[kpi_id].astype(float)
        blocks.append(Block(f"cohorts_{kpi_id}", V.t(title, lang),
                            display_table(trend.assign(**{kpi_id: trend[kpi_id].round(1)}), lang), data=trend,
                            chart=Chart("line", "year", kpi_id, years=True, unit="percent",
                                        value_label=V.column_label(kpi_id, lang)),
                            width="half", file_stem=kpi_id))

    sentences = _sentences(by_year, year, lang) if by_year is not None else []
    return SectionResult("cohorts", V.t("page.cohorts", lang), year, lang, EXPORTS, tuple(sentences),
                         tuple(with_reason(b, reason) for b in blocks), missing_exports(data, EXPORTS))


def _sentences(by_year: pd.DataFrame, year: int, lang: str) -> list[str]:
    latest = latest_followed(by_year, year)
    if latest is None:
        return []
    rows = by_year.loc[by_year["entry_year"] == latest].set_index("group")
    foreign = rows.loc["foreign"]
    n, share = V.number(int(foreign["cohort"]), lang), V.percent(float(foreign["retained_1"]), lang)
    yl = V.academic_year_label(latest)
    sentence = {"en": f"Of the {n} foreign students who entered in {yl}, {share} were still enrolled or had "
                      f"graduated a year later",
                "ru": f"Из {n} иностранных студентов, поступивших в {yl} учебном году, через год {share} "
                      f"продолжали обучение или окончили его",
                "uz": f"{yl} oʻquv yilida oʻqishga kirgan {n} nafar xorijiy talabadan bir yildan keyin {share}i "
                      f"oʻqishni davom ettirgan yoki bitirgan"}[lang]
    if "home" in rows.index and V.present(rows.loc["home", "retained_1"]):
        home = V.percent(float(rows.loc["home", "retained_1"]), lang)
        sentence += {"en": f"; home students: {home}.", "ru": f"; у отечественных студентов — {home}.",
                     "uz": f"; mahalliy talabalarda — {home}."}[lang]
    else:
        sentence += "."
    sentences = [sentence]
    dropped = int(foreign["dropped_1"]) if V.present(foreign["dropped_1"]) else 0
    if dropped:
        d = V.number(dropped, lang)
        sentences.append({"en": f"{d} of them had dropped out within the year.",
                          "ru": f"Из них {d} были отчислены или выбыли в течение года.",
                          "uz": f"Ulardan {d} nafari bir yil ichida chetlashtirilgan yoki oʻqishni tark etgan."}[lang])
    return sentences
