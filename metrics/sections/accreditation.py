"""Accreditation tables, in the layout of the self-evaluation and monitoring forms used across the CIS:
foreign students by country × level × form of study × funding with CIS / non-CIS subtotals and women,
foreign graduates by country, joint and foreign-language programmes, agreements with foreign partners,
and mobility of students and staff by country. Every table is also a section of the reports."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from metrics import breakdowns as B
from metrics import countries
from metrics import vocabulary as V
from metrics.rows import in_folded, is_foreign
from metrics.sections import Block, SectionResult
from metrics.sections.common import (
    country_name, display_table, export_reason, kpi_values, missing_exports, with_reason, with_total, year_rows,
)
from metrics.sections.mobility import mobility_by_country_and_category
from metrics.sections.partners import agreements_in_force
from metrics.sections.programs import programs_running

EXPORTS = ("students", "programs", "partners", "mobility")
# Columns split out beside the total, in this order, when the students export has them.
SPLIT_COLUMNS = ("level", "study_form", "funding")
GRADUATED = frozenset({"graduated", "graduate", "выпущен", "выпускник", "окончил", "bitirgan", "bitiruvchi"})


def _source(data: Any, filters: Any):
    from metrics.filters import apply_filters

    return apply_filters(data, filters) if filters is not None else data


def _values(rows: pd.DataFrame, column: str) -> pd.Series:
    if column not in rows.columns:
        return pd.Series(B.UNKNOWN, index=rows.index, dtype=object)
    codes, uniques = pd.factorize(rows[column])  # each distinct value once; -1 (missing) takes the last label
    labels = [str(v).strip() if V.present(v) and str(v).strip() else B.UNKNOWN for v in uniques.tolist()]
    return pd.Series(np.array(labels + [B.UNKNOWN], dtype=object)[codes], index=rows.index, dtype=object)


def _is_women(values: pd.Series) -> np.ndarray:
    """True where sex is recorded F (stripped, any case), decided once per distinct value."""
    codes, uniques = pd.factorize(values)
    return np.array([str(v).strip().upper() == "F" for v in uniques.tolist()] + [False], dtype=bool)[codes]


def foreign_students_by_country_and_split(data: Any, year: int, filters: Any = None) -> pd.DataFrame | None:
    """Foreign students of the year (the rows `foreign_students` counts) by citizenship: country (ISO3,
    <NA> unknown), cis (True/False, <NA> unknown), total, women (sex F; <NA> without a sex column), then one
    column per value of level, study_form and funding present in the data, named ``<column>:<value>``.
    Rows sum to `foreign_students`."""
    rows = B.foreign_student_rows_in_year(data, year, filters)
    if rows is None:
        return None
    counts = (rows["count"] if "count" in rows.columns else pd.Series(1, index=rows.index)).astype("int64")
    country = rows["citizenship"].astype("object").where(rows["citizenship"].notna(), "~")
    parts = {"total": counts}
    if "sex" in rows.columns:
        parts["women"] = counts.where(_is_women(rows["sex"]), 0)
    for column in SPLIT_COLUMNS:
        if column in rows.columns and rows[column].notna().any():
            values = _values(rows, column)
            for value in sorted(values.unique(), key=lambda v: (v == B.UNKNOWN, -int(counts[values == v].sum()))):
                parts[f"{column}:{value}"] = counts.where(values == value, 0)
    frame = pd.DataFrame(parts).groupby(country.to_numpy()).sum()
    frame = frame.assign(_known=frame.index != "~").sort_values(["_known", "total"], ascending=[False, False])
    out = frame.drop(columns="_known").reset_index(names="country")
    out["country"] = out["country"].where(out["country"] != "~")
    out.insert(1, "cis", [countries.is_cis(c) if isinstance(c, str) else pd.NA for c in out["country"]])
    if "women" not in out.columns:
        out.insert(3, "women", pd.NA)
    return out


def _split_heading(name: str, lang: str) -> str:
    if ":" not in name:
        return V.column_label(name, lang)
    column, value = name.split(":", 1)
    return str(V.data_value_label(column, value, lang))


def students_table(matrix: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """The form's layout: CIS countries and their subtotal, the other countries and theirs, unknown
    citizenship, the total; headings in the language. Returns (table, count columns)."""
    numbers = [c for c in matrix.columns if c not in ("country", "cis")]
    headings = [_split_heading(c, lang) for c in numbers]
    label = V.column_label("country", lang)

    def rows_of(part: pd.DataFrame) -> list[dict]:
        return [{label: country_name(code, lang), **dict(zip(headings, values))}
                for code, values in zip(part["country"], part[numbers].itertuples(index=False, name=None))]

    def subtotal(part: pd.DataFrame, key: str) -> dict:
        return {label: V.t(key, lang), **{h: int(part[c].sum()) if part[c].notna().any() else None
                                          for h, c in zip(headings, numbers)}}

    cis = matrix[matrix["cis"].eq(True).fillna(False).to_numpy(dtype=bool)]
    other = matrix[matrix["cis"].eq(False).fillna(False).to_numpy(dtype=bool)]
    unknown = matrix[matrix["country"].isna()]
    rows = rows_of(cis) + [subtotal(cis, "accreditation.cis_subtotal")]
    rows += rows_of(other) + [subtotal(other, "accreditation.non_cis_subtotal")]
    rows += rows_of(unknown) + [subtotal(matrix, "common.total")]
    return pd.DataFrame(rows, columns=[label, *headings]), tuple(headings)


def foreign_graduates_by_country(data: Any, year: int, filters: Any = None) -> pd.DataFrame | None:
    """Foreign students who graduated in the academic year, by citizenship: country (<NA> unknown), graduates,
    women (sex F; <NA> without a sex column); None without a status column."""
    source = _source(data, filters)
    rows = year_rows(source.get("students"), year)
    if rows is None or "status" not in rows.columns:
        return None
    rows = rows.loc[is_foreign(rows["citizenship"], source.home) & in_folded(rows["status"], GRADUATED)]
    counts = (rows["count"] if "count" in rows.columns else pd.Series(1, index=rows.index)).astype("int64")
    women = (counts.where(rows["sex"].astype("object").map(lambda v: str(v).strip().upper() == "F"), 0)
             if "sex" in rows.columns else pd.Series(pd.NA, index=rows.index))
    country = rows["citizenship"].astype("object").where(rows["citizenship"].notna(), "~")
    out = pd.DataFrame({"graduates": counts, "women": women}).groupby(country.to_numpy()).sum(min_count=1)
    out = out.assign(_known=out.index != "~").sort_values(["_known", "graduates"], ascending=[False, False])
    out = out.drop(columns="_known").reset_index(names="country")
    out["country"] = out["country"].where(out["country"] != "~")
    return out


def programs_table(data: Any, year: int, filters: Any, lang: str) -> pd.DataFrame | None:
    """Joint programmes running in the year and their languages of instruction, with a yes/no column for
    "taught in a language other than the home country's official ones"."""
    running = programs_running(data, year, filters)
    if running is None:
        return None
    source = _source(data, filters)
    programs = source.get("programs")
    languages = {}
    if programs is not None and "language" in programs.columns:
        languages = {str(p): v for p, v in zip(programs["program"], programs["language"]) if V.present(v)}
    home = set(countries.official_languages(source.home)) if hasattr(countries, "official_languages") else set()
    codes = [str(languages.get(str(p), "") or "") for p in running["program"]]
    out = running.drop(columns=[c for c in ("end_year", "graduates") if c in running.columns])
    out = out.assign(languages=[code.upper().replace(";", "; ") for code in codes],
                     foreign_language=[V.t("report.yes" if code and set(code.split(";")) - home else "report.no", lang)
                                       if code else "" for code in codes])
    return out


def build(data: Any, year: int, lang: str, filters: Any = None, as_of=None, **options) -> SectionResult:
    """The Accreditation tables page and report section."""
    year_text = V.academic_year_label(year)
    blocks: list[Block] = []
    matrix = foreign_students_by_country_and_split(data, year, filters)
    if matrix is not None:
        table, numbers = students_table(matrix, lang)
        blocks.append(Block("accr_students", V.t("accreditation.students", lang) + f" — {year_text}", table,
                            report=True, total_row=True, count_columns=numbers, file_stem="foreign_students_form"))
    graduates = foreign_graduates_by_country(data, year, filters)
    if graduates is not None:
        table = display_table(graduates, lang).drop(columns=[V.column_label("country_code", lang)])
        if len(table):
            table = with_total(table, V.column_label("country", lang), V.t("common.total", lang), {
                V.column_label("graduates", lang): int(graduates["graduates"].sum()),
                V.column_label("women", lang): (int(graduates["women"].sum()) if graduates["women"].notna().any()
                                                else None)})
        blocks.append(Block("accr_graduates", V.t("accreditation.graduates", lang) + f" — {year_text}", table,
                            report=True, total_row=bool(len(table)),
                            count_columns=(V.column_label("graduates", lang), V.column_label("women", lang)),
                            file_stem="foreign_graduates"))
    programs = programs_table(data, year, filters, lang)
    if programs is not None:
        table = display_table(programs, lang).drop(columns=[V.column_label("country_code", lang)])
        blocks.append(Block("accr_programs", V.t("accreditation.programs", lang) + f" — {year_text}", table,
                            report=True, file_stem="joint_and_foreign_language_programmes"))
    agreements = agreements_in_force(data, year, filters)
    if agreements is not None:
        shown = agreements[[c for c in ("partner", "country", "type", "agreement", "signed", "expires")
                            if c in agreements.columns]]
        table = display_table(shown, lang).drop(columns=[V.column_label("country_code", lang)])
        blocks.append(Block("accr_partners", V.t("accreditation.partners", lang) + f" — {year_text}", table,
                            report=True, file_stem="agreements"))
    mobility = mobility_by_country_and_category(data, year, filters)
    if mobility is not None:
        table = display_table(mobility, lang).drop(columns=[V.column_label("country_code", lang)])
        flows = tuple(V.column_label(c, lang) for c in mobility.columns if c != "country")
        if len(table):
            table = with_total(table, V.column_label("country", lang), V.t("common.total", lang),
                               {name: int(mobility[c].sum()) for name, c in zip(flows, mobility.columns[1:])})
        blocks.append(Block("accr_mobility", V.t("accreditation.mobility", lang) + f" — {year_text}", table,
                            report=True, total_row=bool(len(table)), count_columns=flows, file_stem="mobility_form"))

    reason = export_reason(data, EXPORTS[:1], lang)
    sentences = _sentences(data, year, lang, filters, as_of, matrix) if reason is None else []
    return SectionResult("accreditation", V.t("page.accreditation", lang), year, lang, EXPORTS, tuple(sentences),
                         tuple(with_reason(b, reason) for b in blocks), missing_exports(data, EXPORTS))


def _sentences(data, year, lang, filters, as_of, matrix) -> list[str]:
    kpi, _ = kpi_values(data, year, filters, as_of)
    total = kpi.get("foreign_students")
    if total is None or matrix is None:
        return []
    cis = int(matrix.loc[matrix["cis"].eq(True).fillna(False).to_numpy(dtype=bool), "total"].sum())
    other = int(matrix.loc[matrix["cis"].eq(False).fillna(False).to_numpy(dtype=bool), "total"].sum())
    n, c, o, yl = V.number(total, lang), V.number(cis, lang), V.number(other, lang), V.academic_year_label(year)
    sentence = {"en": f"In {yl}, {n} foreign students: {c} from CIS countries and {o} from other countries",
                "ru": f"В {yl} учебном году обучалось {n} иностранных студентов: {c} из стран СНГ и {o} из стран "
                      f"дальнего зарубежья",
                "uz": f"{yl} oʻquv yilida {n} nafar xorijiy talaba tahsil oldi: {c} nafari MDH davlatlaridan, "
                      f"{o} nafari boshqa davlatlardan"}[lang]
    women = matrix["women"]
    if women.notna().any() and total:
        w = int(women.sum())
        share = V.percent(w / total * 100, lang)
        sentence += {"en": f"; {V.number(w, lang)} of them women ({share}).",
                     "ru": f"; из них женщин — {V.number(w, lang)} ({share}).",
                     "uz": f"; shundan {V.number(w, lang)} nafari ayollar ({share})."}[lang]
    else:
        sentence += "."
    return [sentence]
