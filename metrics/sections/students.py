"""Foreign students: map by citizenship, trend against the target, faculty, level, region, top and new
source countries, and the accreditation table (country × level with totals)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from metrics import breakdowns as B
from metrics import vocabulary as V
from metrics.sections import Block, Chart, SectionResult
from metrics.sections.common import (
    change_percent, countries_phrase, country_name, display_table, export_reason, kpi_values, missing_exports,
    projection_to_target, region_name, targets_of, with_reason, with_total,
)

EXPORTS = ("students",)


def foreign_students_by_country_and_level(data: Any, year: int, filters: Any = None) -> pd.DataFrame | None:
    """Foreign students of a year by citizenship (rows) and level (columns): country (ISO3, <NA> unknown),
    one column per level (largest first; blank level = "Unknown"), total, share (% of all foreign students).
    Rows sum to `foreign_students`."""
    rows = B.foreign_student_rows_in_year(data, year, filters)
    if rows is None:
        return None
    counts = rows["count"] if "count" in rows.columns else pd.Series(1, index=rows.index)
    level = rows["level"].astype("object") if "level" in rows.columns else pd.Series(None, index=rows.index)
    level = level.map(lambda v: str(v).strip() if V.present(v) and str(v).strip() else B.UNKNOWN)
    frame = pd.DataFrame({"country": rows["citizenship"].astype("object").where(rows["citizenship"].notna(), "~"),
                          "level": level.to_numpy(), "n": counts.astype("int64").to_numpy()})
    if not len(frame):
        return pd.DataFrame(columns=["country", "total", "share"])
    pivot = frame.pivot_table(index="country", columns="level", values="n", aggfunc="sum", fill_value=0)
    levels = list(pivot.sum().sort_values(ascending=False).index)
    pivot = pivot[levels]
    pivot["total"] = pivot.sum(axis=1)
    pivot = pivot.assign(_unknown=pivot.index == "~").sort_values(["_unknown", "total"], ascending=[True, False])
    total = int(pivot["total"].sum())
    out = pivot.drop(columns="_unknown").reset_index()
    out["country"] = out["country"].where(out["country"] != "~")
    out["share"] = (out["total"] / total * 100).round(1) if total else pd.NA
    out.columns.name = None
    return out


def map_block(data: Any, year: int, lang: str, filters: Any = None) -> Block | None:
    """The page's world map of foreign students by citizenship (None without the export): built alone for a
    map that shows every country whatever the country filter (`selectable_maps`)."""
    by_country = B.foreign_students_map(data, year, filters, lang=lang)
    if by_country is None:
        return None
    label = V.t("col.students", lang)
    return Block("students_map", V.t("students.map", lang), display_table(by_country.drop(columns="name"), lang),
                 data=by_country, chart=Chart("map", "country", "students", value_label=label, names="name",
                                              selectable=True),
                 report=True, file_stem="foreign_students_by_country", count_columns=(label,))


def build(data: Any, year: int, lang: str, filters: Any = None, as_of=None) -> SectionResult:
    """The Foreign students page and report section."""
    reason = export_reason(data, EXPORTS, lang)
    blocks: list[Block] = []
    label = V.t("col.students", lang)

    world = map_block(data, year, lang, filters)
    if world is not None:
        blocks.append(world)
    per_year = B.foreign_students_per_year(data, filters)
    if per_year is not None:
        target = targets_of(data, "foreign_students", filters)
        band = projection_to_target(per_year.rename(columns={"foreign_students": "value"}), target)
        blocks.append(Block("students_trend", V.t("students.trend", lang), display_table(per_year, lang), data=per_year,
                            chart=Chart("line", "year", "foreign_students", years=True, value_label=label,
                                        target=target, target_label=V.t("common.target", lang), band=band,
                                        band_label=V.t("chart.interval", lang),
                                        projection_label=V.t("chart.projection", lang)),
                            report=True, file_stem="foreign_students_per_year"))
    for key, function, column, title in (
            ("students_faculty", B.foreign_students_by_faculty, "faculty", "students.by_faculty"),
            ("students_level", B.foreign_students_by_level, "level", "students.by_level")):
        table = function(data, year, filters)
        if table is not None:
            shown = table.assign(**{column: [V.data_value_label(column, v, lang) for v in table[column]]})
            blocks.append(Block(key, V.t(title, lang), display_table(table, lang), data=shown,
                                chart=Chart("bar", column, "students", horizontal=True, value_label=label),
                                width="half"))
    top = B.top_source_countries(data, year, other=False, filters=filters)
    if top is not None:
        shown = top.assign(label=[country_name(c, lang) for c in top["country"]])
        blocks.append(Block("students_top", V.t("students.top_countries", lang), display_table(top, lang), data=shown,
                            chart=Chart("bar", "label", "students", horizontal=True, value_label=label), width="half"))
    by_region = B.foreign_students_by_continent(data, year, filters)
    if by_region is not None:
        shown = by_region.assign(continent=[region_name(c, lang) for c in by_region["continent"]])
        blocks.append(Block("students_continent", V.t("students.by_continent", lang), display_table(by_region, lang),
                            data=shown, chart=Chart("bar", "continent", "students", horizontal=True, value_label=label),
                            width="half"))
    matrix = foreign_students_by_country_and_level(data, year, filters)
    levels: list[str] = []
    if matrix is not None:
        levels = [c for c in matrix.columns if c not in ("country", "total", "share")]
        table = pd.DataFrame({V.t("col.country", lang): [country_name(c, lang) for c in matrix["country"]],
                              V.t("col.country_code", lang): matrix["country"].fillna("").to_numpy()})
        level_names = [V.data_value_label("level", level, lang) for level in levels]
        for level, name in zip(levels, level_names):
            table[name] = matrix[level].astype("int64").to_numpy()
        total_name, share_name = V.t("common.total", lang), V.t("col.share", lang)
        table[total_name] = matrix["total"].astype("int64").to_numpy() if len(matrix) else []
        table[share_name] = matrix["share"].to_numpy() if len(matrix) else []
        if len(table):
            sums = {name: int(matrix[level].sum()) for level, name in zip(levels, level_names)}
            sums.update({total_name: int(matrix["total"].sum()), share_name: 100.0,
                         V.t("col.country_code", lang): ""})
            table = with_total(table, V.t("col.country", lang), total_name, sums)
        blocks.append(Block("students_country_level", V.t("students.by_country_level", lang), table, report=True,
                            total_row=bool(len(table)), count_columns=tuple(level_names) + (total_name,),
                            file_stem="foreign_students_by_country_and_level"))
    new = B.new_source_countries(data, year, filters)
    if new is not None:
        blocks.append(Block("students_new", V.t("students.new_countries", lang) + f" — {V.academic_year_label(year)}",
                            display_table(new, lang), file_stem="new_source_countries"))

    sentences = _sentences(data, year, lang, filters, as_of, matrix, levels) if reason is None else ()
    blocks = [with_reason(block, reason) for block in blocks]
    return SectionResult("students", V.t("page.students", lang), year, lang, EXPORTS, tuple(sentences), tuple(blocks),
                         missing_exports(data, EXPORTS))


def _sentences(data, year, lang, filters, as_of, matrix, levels) -> list[str]:
    kpi, previous = kpi_values(data, year, filters, as_of)
    value = kpi.get("foreign_students")
    if value is None:
        return []
    n_countries = kpi.get("foreign_student_countries") or 0
    pct = change_percent(value, previous.get("foreign_students"))
    direction = None if pct is None else ("up" if pct > 0.05 else "down" if pct < -0.05 else "same")
    v, p, yl = V.number(value, lang), V.percent(abs(pct or 0), lang), V.academic_year_label(year)
    if lang == "en":
        verb = {"up": f"rose {p} to", "down": f"fell {p} to", "same": "stayed at"}.get(direction, "numbered")
        sentence = f"In {yl}, foreign students {verb} {v} from {countries_phrase(n_countries, lang)}"
    elif lang == "ru":
        verb = {"up": f"выросло на {p} до", "down": f"снизилось на {p} до", "same": "не изменилось:"}.get(
            direction, "составило")
        sentence = f"В {yl} учебном году число иностранных студентов {verb} {v} из {countries_phrase(n_countries, lang)}"
    else:
        verb = {"up": f"{p} ga oshib, {v} nafarga yetdi", "down": f"{p} ga kamayib, {v} nafarni tashkil etdi",
                "same": f"oʻzgarmadi ({v} nafar)"}.get(direction, f"{v} nafarni tashkil etdi")
        sentence = f"{yl} oʻquv yilida {V.number(n_countries, lang)} mamlakatdan kelgan xorijiy talabalar soni {verb}"
    total = int(matrix["total"].sum()) if matrix is not None and len(matrix) else 0
    known = matrix.loc[matrix["country"].notna()] if matrix is not None else None
    if known is not None and len(known) and total:
        name, share = country_name(known["country"].iloc[0], lang), V.percent(known["total"].iloc[0] / total * 100, lang)
        sentence += {"en": f"; the largest source country is {name} ({share}).",
                     "ru": f"; крупнейшая страна-источник — {name} ({share}).",
                     "uz": f"; eng yirik manba mamlakat — {name} ({share})."}[lang]
    else:
        sentence += "."
    sentences = [sentence]
    share_kpi = kpi.get("foreign_student_share")
    if share_kpi is not None:
        sp = V.percent(share_kpi, lang)
        sentences.append({"en": f"Foreign students are {sp} of all students.",
                          "ru": f"Иностранные студенты составляют {sp} всех обучающихся.",
                          "uz": f"Xorijiy talabalar barcha talabalarning {sp}ini tashkil etadi."}[lang])
    if len(levels) > 1 and total:
        top_level = V.data_value_label("level", levels[0], lang)
        n_level = int(matrix[levels[0]].sum())
        numbers = f"{V.number(n_level, lang)}, {V.percent(n_level / total * 100, lang)}"
        sentences.append({"en": f"Most study at the {top_level} level ({numbers}).",
                          "ru": f"Больше всего обучается на уровне «{top_level}» ({numbers}).",
                          "uz": f"Koʻpchilik «{top_level}» darajasida tahsil oladi ({numbers})."}[lang])
    return sentences
