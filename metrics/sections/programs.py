"""Joint and double-degree programs: growth, students and graduates, partner countries, and the list of
programs running in the year with their enrolment."""

from __future__ import annotations

from typing import Any

import pandas as pd

from metrics import breakdowns as B
from metrics import vocabulary as V
from metrics.rows import fold_name, running_programs
from metrics.sections import Block, Chart, SectionResult, series_names
from metrics.sections.common import (
    country_name, display_table, export_reason, kpi_values, missing_exports, with_reason, with_total,
    year_rows,
)

EXPORTS = ("programs", "program_enrollment")


def programs_running(data: Any, year: int, filters: Any = None) -> pd.DataFrame | None:
    """Joint programs running in the year with their enrolment: program, partner, country, type, level,
    start_year, end_year, students, graduates (<NA> where the enrolment export has no row for the program).
    Programs with enrolment but no row in programs.csv are listed too (they count in the KPI)."""
    from metrics.filters import apply_filters

    source = apply_filters(data, filters) if filters is not None else data
    programs, enrollment = source.get("programs"), source.get("program_enrollment")
    if programs is None and enrollment is None:
        return None
    columns = ["program", "partner", "country", "type", "level", "start_year", "end_year"]
    running = (running_programs(programs, [int(year)]) if programs is not None
               else pd.DataFrame(columns=columns + ["program_key"]))
    running = running.drop_duplicates("program_key")
    out = pd.DataFrame({c: running[c].to_numpy() if c in running.columns else None for c in columns})
    out["key"] = running["program_key"].to_numpy()
    enrol = year_rows(enrollment, year)
    if enrol is not None and len(enrol):
        keys = fold_name(enrol["program"])
        graduates = enrol["graduates"] if "graduates" in enrol.columns else pd.Series(pd.NA, index=enrol.index)
        sums = pd.DataFrame({"key": keys.to_numpy(), "students": pd.to_numeric(enrol["students"]).to_numpy(),
                             "graduates": pd.to_numeric(graduates).to_numpy(), "name": enrol["program"].to_numpy()})
        by_key = sums.groupby("key").agg(students=("students", "sum"),
                                         graduates=("graduates", lambda g: g.sum() if g.notna().any() else pd.NA),
                                         name=("name", "first"))
        extra = by_key.loc[~by_key.index.isin(set(out["key"]))]
        out = pd.concat([out, pd.DataFrame({"program": extra["name"].to_numpy(), "key": extra.index.to_numpy()})],
                        ignore_index=True)
        out["students"] = out["key"].map(by_key["students"])
        out["graduates"] = out["key"].map(by_key["graduates"])
    else:
        out["students"] = pd.NA
        out["graduates"] = pd.NA
    out = out.astype({"start_year": "Int64", "end_year": "Int64"})
    out = out.sort_values("students", ascending=False, na_position="last", kind="stable")
    return out.drop(columns="key").reset_index(drop=True)


def build(data: Any, year: int, lang: str, filters: Any = None, as_of=None) -> SectionResult:
    """The Joint programs page and report section."""
    reason = export_reason(data, EXPORTS[:1], lang)
    blocks: list[Block] = []
    programs_label, students_label = V.t("col.programs", lang), V.t("col.students", lang)

    growth = B.joint_programs_per_year(data, filters)
    if growth is not None:
        long = growth.melt(id_vars=["year"], value_vars=["running", "new"], var_name="series", value_name="value")
        blocks.append(Block("programs_growth", V.t("programs.growth", lang), display_table(growth, lang), data=long,
                            chart=Chart("bar", "year", "value", color="series", years=True, value_label=programs_label,
                                        series_names=series_names({"running": V.t("col.active", lang),
                                                                   "new": V.t("col.new", lang)})),
                            report=True, file_stem="joint_programs_per_year"))
    enrolment = B.joint_program_enrollment_per_year(data, filters)
    if enrolment is not None:
        long = enrolment.melt(id_vars=["year"], value_vars=["students", "graduates"], var_name="series",
                              value_name="value")
        blocks.append(Block("programs_students", V.t("programs.students", lang), display_table(enrolment, lang),
                            data=long, chart=Chart("line", "year", "value", color="series", years=True,
                                                   value_label=students_label,
                                                   series_names=series_names({"students": students_label,
                                                                              "graduates": V.t("col.graduates", lang)})),
                            file_stem="joint_program_enrolment"))
    by_country = B.joint_programs_by_partner_country(data, year, filters)
    if by_country is not None:
        title = V.t("programs.by_country", lang) + f" — {V.academic_year_label(year)}"
        shown = by_country.assign(name=[country_name(c, lang) for c in by_country["country"]])
        resolved = shown[shown["country"].notna()]
        blocks.append(Block("programs_map", title, None, data=resolved,
                            chart=Chart("map", "country", "programs", value_label=programs_label, names="name",
                                        selectable=True), width="half"))
        blocks.append(Block("programs_country", title, display_table(by_country, lang), data=shown,
                            chart=Chart("bar", "name", "programs", horizontal=True, value_label=programs_label),
                            width="half", file_stem="programs_by_country"))
    running = programs_running(data, year, filters)
    if running is not None:
        table = display_table(running, lang).drop(columns=[V.column_label("country_code", lang)])
        program_col, students_col = V.column_label("program", lang), V.column_label("students", lang)
        graduates_col = V.column_label("graduates", lang)
        if len(table):
            students = pd.to_numeric(running["students"])
            graduates = pd.to_numeric(running["graduates"])
            table = with_total(table, program_col, V.t("common.total", lang), {
                students_col: int(students.sum()) if students.notna().any() else None,
                graduates_col: int(graduates.sum()) if graduates.notna().any() else None})
        blocks.append(Block("programs_list", V.t("programs.list", lang) + f" — {V.academic_year_label(year)}", table,
                            report=True, total_row=bool(len(table)), count_columns=(students_col, graduates_col),
                            file_stem="joint_programs"))

    sentences = _sentences(data, year, lang, filters, as_of) if reason is None else []
    return SectionResult("programs", V.t("page.programs", lang), year, lang, EXPORTS, tuple(sentences),
                         tuple(with_reason(b, reason) for b in blocks), missing_exports(data, EXPORTS))


def _sentences(data, year, lang, filters, as_of) -> list[str]:
    kpi, _ = kpi_values(data, year, filters, as_of)
    jp, js, jg = kpi.get("joint_programs"), kpi.get("joint_program_students"), kpi.get("joint_program_graduates")
    if jp is None and js is None:
        return []
    p_, s_, g_ = V.number(jp or 0, lang), V.number(js or 0, lang), V.number(jg or 0, lang)
    if js is None:  # no enrolment export: say only what is known
        tail = {"en": ".", "ru": ".", "uz": "."}
    elif jg is None:
        tail = {"en": f" with {s_} students.", "ru": f": {s_} студентов.", "uz": f": {s_} talaba."}
    else:
        tail = {"en": f" with {s_} students and {g_} graduates.", "ru": f": {s_} студентов, {g_} выпускников.",
                "uz": f": {s_} talaba, {g_} bitiruvchi."}
    yl = V.academic_year_label(year)
    sentences = [{"en": f"{p_} joint and double-degree programs ran in {yl}",
                  "ru": f"В {yl} учебном году реализовывалось {p_} совместных программ и программ двух дипломов",
                  "uz": f"{yl} oʻquv yilida {p_} ta qoʻshma va ikki diplomli dastur amalda boʻldi"}[lang] + tail[lang]]
    share = kpi.get("joint_program_share")
    if share is not None:
        sp = V.percent(share, lang)
        sentences.append({"en": f"They are {sp} of all degree programs.",
                          "ru": f"Это {sp} всех образовательных программ.",
                          "uz": f"Bu barcha taʼlim dasturlarining {sp}i."}[lang])
    return sentences



