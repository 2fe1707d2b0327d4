"""The shared content of every report: KPI table, sections (tables, charts, commentary), appendix.

`build_content` turns a loaded `metrics.ingest.Dataset` into a `reports.model.ReportContent`
once; the Excel, Word and PDF writers only lay it out. All numbers come from the KPI
library (`metrics.kpis`): the breakdown tables are built from the same row selections as
the KPIs (`foreign_student_rows`, `partner_agreements`, `running_programs`,
`international_mobility`), so a table's total row equals the KPI shown in the KPI table.

Privacy: tables never hold personal data (no student ids, no names of people; partners
are institutions). With ``suppress_small=N`` every count from 1 to N−1 in a breakdown
table (and in the commentary about one country) is shown as ``<N``; total rows stay exact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.text import plotly_labels

from metrics import countries
from metrics import kpis as K
from reports.i18n import LABELS, check_lang, fmt_change, fmt_number, fmt_pct, fmt_value, is_missing, t, year_label
from reports.model import Chart, ReportContent, Section

PRINT_ROWS = 30  # rows of a breakdown shown in Word/PDF; the workbook has them all
CHART_TOP = 15  # bars in a top-N chart
TEMPLATE = "plotly_white"
PRIMARY = "#0072B2"
SECONDARY = "#E69F00"
FONT = "DejaVu Sans, Arial, sans-serif"
# Printed maps use the 1:110m shapes: a state missing from them (Singapore, Malta) is under a
# pixel wide on an A4 page anyway, and each 1:50m map costs ~2 s more to draw.
PRINT_MAP_RESOLUTION = 110
PRINT_MAP_COLOURS = [[0.0, "#b9d3ec"], [0.5, "#4a90c8"], [1.0, "#08306b"]]


# --------------------------------------------------------------------------------------- helpers

def _int(value) -> int | None:
    if is_missing(value):
        return None
    return int(value)


def _num(value):
    """A plain Python number (int when integral) or None."""
    if is_missing(value):
        return None
    value = float(value)
    return int(value) if value.is_integer() else value


def suppress(value, n: int | None):
    """A count for a breakdown table: '<n' for 1..n-1 when suppression is on, else the count."""
    if n is None or is_missing(value):
        return _num(value)
    if 0 < float(value) < n:
        return f"<{n}"
    return _num(value)


def _people(value, n: int | None, lang: str) -> str:
    """A count of people about one country/program in a sentence, suppressed like the tables."""
    shown = suppress(value, n)
    return shown if isinstance(shown, str) else fmt_number(shown, lang)


def country_name(code, lang: str) -> str:
    if is_missing(code) or code == "":
        return t("unknown", lang)
    return countries.display_name(code, lang)


def _region(code, lang: str) -> str:
    if is_missing(code):
        return ""
    name = countries.continent(code) or ""
    return t(f"continent_{name}", lang) if f"continent_{name}" in LABELS else name


def _text(value) -> str:
    return "" if is_missing(value) else str(value).strip()


def _year_rows(frame: pd.DataFrame | None, year: int) -> pd.DataFrame | None:
    if frame is None or "year" not in frame.columns:
        return None
    return frame.loc[(frame["year"] == year).fillna(False).to_numpy(dtype=bool)]


def _running(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    start = frame["start_year"]
    end = frame["end_year"] if "end_year" in frame.columns else pd.Series(pd.NA, index=frame.index)
    mask = (start <= year).fillna(False).to_numpy(dtype=bool) & (end.isna() | (end >= year)).fillna(True).to_numpy(dtype=bool)
    return frame.loc[mask]


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(template=TEMPLATE, title={"text": title, "x": 0.0, "xanchor": "left", "font": {"size": 18}},
                      height=height, font={"family": FONT, "size": 13}, margin=dict(l=10, r=10, t=55, b=10),
                      separators=". ")  # as the dashboard: 1 234.5 reads the same in en/ru/uz
    return fig


def _hbar(labels: Sequence[str], values: Sequence[float], title: str, *, show_text: bool = True,
          second: Sequence[float] | None = None, names: tuple[str, str] = ("", "")) -> go.Figure:
    """Horizontal bars, largest on top; an optional second series stacked (e.g. inbound/outbound)."""
    labels, values = plotly_labels(list(labels)[::-1]), list(values)[::-1]  # data names are text, not markup
    fig = go.Figure()
    kwargs = dict(texttemplate="%{x:,}", textposition="auto") if show_text else {}
    fig.add_bar(y=labels, x=values, orientation="h", marker_color=PRIMARY, name=names[0] or None,
                text=values if show_text else None, **kwargs)
    if second is not None:
        second = list(second)[::-1]
        fig.add_bar(y=labels, x=second, orientation="h", marker_color=SECONDARY, name=names[1] or None,
                    text=second if show_text else None, **kwargs)
        fig.update_layout(barmode="stack", legend={"orientation": "h", "y": 1.06, "x": 1, "xanchor": "right"})
    else:
        fig.update_layout(showlegend=False)
    height = max(380, 90 + 28 * len(labels))
    _layout(fig, title, height)
    fig.update_yaxes(type="category", automargin=True)
    return fig


def _map(codes: Sequence[str], values: Sequence[float], names: Sequence[str], title: str, label: str) -> go.Figure:
    """World choropleth (ISO3): the dashboard's map when available, else a plain one; always plotly_white."""
    frame = pd.DataFrame({"country": list(codes), "value": list(values)})
    try:
        from charts.maps import choropleth

        fig = choropleth(frame, value="value", country="country", names=list(names), title=title,
                         value_label=label, template=TEMPLATE, height=520)
    except Exception:  # noqa: BLE001 - charts is optional for reports; draw our own
        fig = go.Figure(go.Choropleth(locations=frame["country"], z=frame["value"], locationmode="ISO-3",
                                      colorscale="Blues", zmin=0, marker_line_color="white",
                                      marker_line_width=0.5, colorbar={"title": {"text": label}}))
        fig.update_geos(resolution=50, projection_type="natural earth", showframe=False, showcoastlines=False,
                        showcountries=True, countrycolor="white", showland=True, landcolor="#ececec",
                        lataxis_range=[-58, 85])
        _layout(fig, title, 520)
    fig.update_layout(template=TEMPLATE, title={"text": title, "x": 0.0, "xanchor": "left", "font": {"size": 18}},
                      font={"family": FONT, "size": 13}, margin=dict(l=0, r=0, t=55, b=0))
    # Full world across the width; every country with data a visible blue (not white on grey).
    fig.update_geos(resolution=PRINT_MAP_RESOLUTION, lataxis_range=[-58, 85], lonaxis_range=[-170, 190])
    fig.update_traces(colorscale=PRINT_MAP_COLOURS, selector={"type": "choropleth"})
    if values and max(values) <= 10:  # whole numbers on the colour bar of small counts
        fig.update_traces(colorbar={"dtick": 1}, selector={"type": "choropleth"})
    return fig


def _with_total(frame: pd.DataFrame, label_column: str, total_label: str, sums: dict) -> pd.DataFrame:
    row = {column: "" for column in frame.columns}
    row[label_column] = total_label
    row.update(sums)
    return pd.concat([frame, pd.DataFrame([row], columns=frame.columns)], ignore_index=True)


YEAR_COLUMN_KEYS = ("col_start_year", "col_end_year", "col_year")


def _cell(value, lang: str, plain: bool) -> str:
    if value is None or is_missing(value):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (dt.date, dt.datetime, pd.Timestamp)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, (bool, np.bool_)):
        return t("yes" if value else "no", lang)
    if isinstance(value, (int, float, np.integer, np.floating)):
        if plain:
            return str(int(value)) if float(value).is_integer() else str(value)
        return fmt_number(value, lang)
    return str(value)


def format_print(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every cell as text for Word/PDF: numbers with the language's separators, years plain, dates ISO."""
    years = {t(key, lang) for key in YEAR_COLUMN_KEYS}
    out = pd.DataFrame(index=range(len(table)))
    for name in table.columns:
        plain = name in years
        out[name] = [_cell(v, lang, plain) for v in table[name].tolist()]
    return out


def _print_cut(table: pd.DataFrame, total_row: bool, rows: int = PRINT_ROWS, lang: str = "en") -> tuple[pd.DataFrame, int]:
    """The first ``rows`` body rows (+ the total row) for print, formatted as text, and how many were left out."""
    body = table.iloc[:-1] if total_row else table
    if len(body) <= rows:
        return format_print(table, lang), 0
    cut = body.iloc[:rows]
    if total_row:
        cut = pd.concat([cut, table.iloc[[-1]]], ignore_index=True)
    return format_print(cut, lang), len(body) - rows


def _countries(n, lang: str) -> str:
    """'1 country' / '3 countries'; Russian genitive after 'из': '1 страны', '21 страны', '3 стран'."""
    n = int(n or 0)
    number = fmt_number(n, lang)
    if lang == "en":
        return f"{number} {'country' if n == 1 else 'countries'}"
    if lang == "ru":
        return f"{number} {'страны' if n % 10 == 1 and n % 100 != 11 else 'стран'}"
    return f"{number} mamlakat"


def _change_phrase(value, previous, lang: str) -> tuple[str, float | None]:
    """'rose'/'fell'/'unchanged' and the percent change, in ``lang``."""
    if previous in (None, 0) or value is None:
        return "", None
    pct = (value - previous) / previous * 100
    return ("up" if pct > 0.05 else "down" if pct < -0.05 else "same"), pct


# --------------------------------------------------------------------------------------- sections

def _students_section(data, year: int, lang: str, n: int | None, kpi: dict, previous: dict) -> Section | None:
    students = data.get("students")
    if students is None:
        return None
    foreign = K.foreign_student_rows(students, data.home)
    rows = _year_rows(foreign, year)
    counts = rows["count"] if "count" in rows.columns else pd.Series(1, index=rows.index)
    frame = pd.DataFrame({"country": rows["citizenship"].astype("object").where(rows["citizenship"].notna(), None),
                          "level": rows["level"].astype("object") if "level" in rows.columns else None,
                          "n": counts.astype("int64").to_numpy()})
    frame["level"] = frame["level"].map(lambda v: _text(v) or t("unknown", lang))
    frame["country"] = frame["country"].fillna("")
    pivot = frame.pivot_table(index="country", columns="level", values="n", aggfunc="sum", fill_value=0)
    levels = list(pivot.sum().sort_values(ascending=False).index)
    pivot = pivot[levels]
    pivot["__total"] = pivot.sum(axis=1)
    pivot = pivot.sort_values("__total", ascending=False)
    total = int(pivot["__total"].sum())
    c_country, c_iso, c_region = t("col_country", lang), t("col_country_code", lang), t("col_continent", lang)
    c_total, c_share = t("total", lang), t("col_share", lang)
    table = pd.DataFrame({
        c_country: [country_name(code or None, lang) for code in pivot.index],
        c_iso: [code for code in pivot.index],
        c_region: [_region(code or None, lang) for code in pivot.index],
    })
    for level in levels:
        table[str(level)] = [suppress(v, n) for v in pivot[level]]
    table[c_total] = [suppress(v, n) for v in pivot["__total"]]
    shares = (pivot["__total"] / total * 100).round(1) if total else pivot["__total"] * 0.0
    table[c_share] = [None if isinstance(s, str) else float(sh) for s, sh in zip(table[c_total], shares)]
    sums = {str(level): int(pivot[level].sum()) for level in levels}
    sums.update({c_total: total, c_share: 100.0 if total else None, c_iso: "", c_region: ""})
    table = _with_total(table, c_country, c_total, sums)
    print_table, more = _print_cut(table.drop(columns=[c_iso, c_region]), True, lang=lang)

    # commentary
    value, prev = kpi.get("foreign_students"), previous.get("foreign_students")
    n_countries = kpi.get("foreign_student_countries")
    known = pivot.loc[[c for c in pivot.index if c]]
    top_code = known.index[0] if len(known) else None
    top_share = float(known["__total"].iloc[0] / total * 100) if len(known) and total else None
    direction, pct = _change_phrase(value, prev, lang)
    sentences = []
    if value is not None:
        v, c = fmt_number(value, lang), fmt_number(n_countries or 0, lang)
        p = fmt_pct(abs(pct), lang) if pct is not None else ""
        yl = year_label(year)
        if lang == "en":
            verb = {"up": f"rose {p} to", "down": f"fell {p} to", "same": "stayed at"}.get(direction, "numbered")
            s = f"In {yl}, foreign students {verb} {v} from {_countries(n_countries, lang)}"
        elif lang == "ru":
            verb = {"up": f"выросло на {p} до", "down": f"снизилось на {p} до", "same": "не изменилось:"}.get(
                direction, "составило")
            s = f"В {yl} учебном году число иностранных студентов {verb} {v} из {_countries(n_countries, lang)}"
        else:
            verb = {"up": f"{p} ga oshib, {v} nafarga yetdi", "down": f"{p} ga kamayib, {v} nafarni tashkil etdi",
                    "same": f"o‘zgarmadi ({v} nafar)"}.get(direction, f"{v} nafarni tashkil etdi")
            s = f"{yl} o‘quv yilida {c} mamlakatdan kelgan xorijiy talabalar soni {verb}"
        if top_code:
            name, share = country_name(top_code, lang), fmt_pct(top_share, lang)
            s += {"en": f"; the largest source country is {name} ({share}).",
                  "ru": f"; крупнейшая страна-источник — {name} ({share}).",
                  "uz": f"; eng yirik manba mamlakat — {name} ({share})."}[lang]
        else:
            s += "."
        sentences.append(s)
        share_kpi = kpi.get("foreign_student_share")
        if share_kpi is not None:
            sp = fmt_pct(share_kpi, lang)
            sentences.append({"en": f"Foreign students are {sp} of all students.",
                              "ru": f"Иностранные студенты составляют {sp} всех обучающихся.",
                              "uz": f"Xorijiy talabalar barcha talabalarning {sp} ini tashkil etadi."}[lang])
        if len(levels) > 1 and total:
            top_level = levels[0]
            lv = int(pivot[top_level].sum())
            sentences.append({"en": f"Most study at the {top_level} level ({fmt_number(lv, lang)}, {fmt_pct(lv / total * 100, lang)}).",
                              "ru": f"Больше всего обучается на уровне «{top_level}» ({fmt_number(lv, lang)}, {fmt_pct(lv / total * 100, lang)}).",
                              "uz": f"Ko‘pchilik «{top_level}» darajasida tahsil oladi ({fmt_number(lv, lang)}, {fmt_pct(lv / total * 100, lang)})."}[lang])

    charts = []
    if len(known):
        charts.append(Chart("students_map", t("chart_students_map", lang),
                            _map(list(known.index), [int(v) for v in known["__total"]],
                                 [country_name(c, lang) for c in known.index], t("chart_students_map", lang),
                                 t("col_students", lang)), kind="map", width=1000, height=520))
    number_columns = tuple([str(level) for level in levels] + [c_total, c_share])
    return Section("students", t("sec_students", lang), t("sheet_students", lang), sentences, table,
                   print_table, charts, total_row=True, more_rows=more, number_columns=number_columns)


def _partners_section(data, year: int, lang: str, n: int | None, kpi: dict, as_of) -> Section | None:
    partners = data.get("partners")
    if partners is None:
        return None
    agreements = K.partner_agreements(partners, data.home)
    if len(agreements):
        valid = K._valid_matrix(agreements, [year])[:, 0]  # noqa: SLF001 - same rule as the KPI
        agreements = agreements.loc[valid]
    start, end = K.academic_year_bounds(year)
    cols = {
        "partner": t("col_partner", lang), "country": t("col_country", lang), "city": t("col_city", lang),
        "type": t("col_type", lang), "agreement": t("col_agreement", lang), "fields": t("col_fields", lang),
        "signed": t("col_signed", lang), "expires": t("col_expires", lang),
    }
    table = pd.DataFrame({cols["partner"]: agreements["partner"].map(_text).to_numpy(),
                          cols["country"]: [country_name(c, lang) for c in agreements["country"]]})
    for key in ("city", "type", "agreement", "fields"):
        if key in agreements.columns:
            table[cols[key]] = agreements[key].map(_text).to_numpy()
    for key in ("signed", "expires"):
        table[cols[key]] = [None if pd.isna(d) else d.date() for d in agreements[key]]
    table = table.sort_values([cols["country"], cols["partner"]], kind="stable").reset_index(drop=True)
    printable = table.drop(columns=[c for c in (cols["fields"], cols["city"]) if c in table.columns])
    printable = printable.assign(**{c: printable[c].map(lambda d: "" if d is None else d.isoformat())
                                    for c in (cols["signed"], cols["expires"])})
    print_table, more = _print_cut(printable, False, 40, lang=lang)

    active, n_countries = kpi.get("active_partners"), kpi.get("partner_countries")
    signed, expiring = kpi.get("agreements_signed"), kpi.get("agreements_expiring")
    sentences = []
    if active is not None:
        a, c = fmt_number(active, lang), fmt_number(n_countries or 0, lang)
        s_, e_ = fmt_number(signed or 0, lang), fmt_number(expiring or 0, lang)
        sentences.append({
            "en": f"In {year_label(year)} the university had {a} active foreign "
                  f"partner{'' if active == 1 else 's'} in {_countries(n_countries, 'en')} "
                  f"({fmt_number(len(agreements), lang)} agreements in force); {s_} agreements were signed this year.",
            "ru": f"В {year_label(year)} учебном году у университета {a} действующих зарубежных партнёров "
                  f"из {_countries(n_countries, 'ru')} "
                  f"({fmt_number(len(agreements), lang)} действующих соглашений); подписано соглашений: {s_}.",
            "uz": f"{year_label(year)} o‘quv yilida universitetning {c} mamlakatdagi {a} ta faol xorijiy hamkori bor "
                  f"({fmt_number(len(agreements), lang)} ta amaldagi shartnoma); shu yili {s_} ta shartnoma imzolandi.",
        }[lang])
        if expiring:
            sentences.append({"en": f"{e_} agreements expire within 180 days: renew them in time.",
                              "ru": f"Истекают в ближайшие 180 дней: {e_} соглашений — их нужно своевременно продлить.",
                              "uz": f"{e_} ta shartnomaning muddati 180 kun ichida tugaydi: ularni o‘z vaqtida uzaytiring."}[lang])
        by_country = agreements.drop_duplicates("key").groupby("country", dropna=True).size().sort_values(ascending=False)
        if len(by_country):
            top = country_name(by_country.index[0], lang)
            sentences.append({"en": f"Most partners are in {top} ({fmt_number(int(by_country.iloc[0]), lang)}).",
                              "ru": f"Больше всего партнёров в стране {top} ({fmt_number(int(by_country.iloc[0]), lang)}).",
                              "uz": f"Hamkorlarning eng ko‘pi — {top} ({fmt_number(int(by_country.iloc[0]), lang)})."}[lang])
    charts = []
    by_country = agreements.drop_duplicates("key").groupby("country", dropna=True).size()
    if len(by_country):
        charts.append(Chart("partners_map", t("chart_partners_map", lang),
                            _map(list(by_country.index), [int(v) for v in by_country],
                                 [country_name(c, lang) for c in by_country.index], t("chart_partners_map", lang),
                                 t("col_partners", lang)), kind="map", width=1000, height=520))
    weights = {cols["partner"]: 60, cols["country"]: 22, cols["type"]: 18, cols["agreement"]: 24,
               cols["signed"]: 18, cols["expires"]: 18}
    return Section("partners", t("sec_partners", lang), t("sheet_partners", lang), sentences, table, print_table,
                   charts, more_rows=more, column_weights=weights)


def _programs_section(data, year: int, lang: str, n: int | None, kpi: dict) -> Section | None:
    programs, enrollment = data.get("programs"), data.get("program_enrollment")
    if programs is None and enrollment is None:
        return None
    c = {k: t(f"col_{k}", lang) for k in ("program", "partner", "country", "type", "level", "start_year",
                                           "end_year", "students", "graduates")}
    running = _running(programs, year) if programs is not None else pd.DataFrame(columns=["program"])
    enrol = _year_rows(enrollment, year) if enrollment is not None else None
    rows = []
    seen = set()
    enrol_by = {}
    if enrol is not None and len(enrol):
        grads = enrol["graduates"] if "graduates" in enrol.columns else pd.Series(pd.NA, index=enrol.index)
        for name, students, graduates in zip(K.fold_name(enrol["program"]), enrol["students"], grads):
            s0, g0 = enrol_by.get(name, (0, None))
            g = None if is_missing(graduates) else int(graduates)
            enrol_by[name] = (s0 + (0 if is_missing(students) else int(students)),
                              g0 if g is None else (g0 or 0) + g)
    for _, row in running.iterrows():
        key = K.fold_name(pd.Series([row["program"]])).iloc[0]
        seen.add(key)
        students, graduates = enrol_by.get(key, (None, None))
        rows.append({c["program"]: _text(row["program"]), c["partner"]: _text(row.get("partner")),
                     c["country"]: country_name(row.get("country"), lang), c["type"]: _text(row.get("type")),
                     c["level"]: _text(row.get("level")), c["start_year"]: _int(row.get("start_year")),
                     c["end_year"]: _int(row.get("end_year")), "_s": students, "_g": graduates})
    if enrol is not None:  # enrolment of programs missing from programs.csv still counts in the KPI
        names = dict(zip(K.fold_name(enrol["program"]), enrol["program"]))
        for key, (students, graduates) in enrol_by.items():
            if key not in seen:
                rows.append({c["program"]: _text(names.get(key)), c["partner"]: "", c["country"]: "", c["type"]: "",
                             c["level"]: "", c["start_year"]: None, c["end_year"]: None, "_s": students, "_g": graduates})
    table = pd.DataFrame(rows, columns=[*c.values(), "_s", "_g"][:7] + ["_s", "_g"])
    table = table.sort_values("_s", ascending=False, na_position="last", kind="stable").reset_index(drop=True)
    students_total = (int(np.nansum([v for v in table["_s"] if v is not None])) if len(table) else 0) \
        if enrollment is not None else None  # no enrolment export: not available, not zero
    grads_known = [v for v in table["_g"] if v is not None and not is_missing(v)]
    table[c["students"]] = [suppress(v, n) for v in table["_s"]]
    table[c["graduates"]] = [suppress(v, n) for v in table["_g"]]
    chart_data = table[[c["program"], "_s"]].dropna()
    table = table.drop(columns=["_s", "_g"])
    if len(table):
        table = _with_total(table, c["program"], t("total", lang),
                            {c["students"]: students_total, c["graduates"]: int(sum(grads_known)) if grads_known else None,
                             c["start_year"]: None, c["end_year"]: None})
    print_table, more = _print_cut(table.drop(columns=[c["end_year"]]), bool(len(table)), lang=lang)

    sentences = []
    jp, js, jg = kpi.get("joint_programs"), kpi.get("joint_program_students"), kpi.get("joint_program_graduates")
    if jp is not None or js is not None:
        p_, s_, g_ = fmt_number(jp or 0, lang), fmt_number(js or 0, lang), fmt_number(jg or 0, lang)
        if js is None:  # no enrolment export: say only what is known
            tail = {"en": ".", "ru": ".", "uz": "."}
        elif jg is None:
            tail = {"en": f" with {s_} students.", "ru": f": {s_} студентов.", "uz": f": {s_} talaba."}
        else:
            tail = {"en": f" with {s_} students and {g_} graduates.", "ru": f": {s_} студентов, {g_} выпускников.",
                    "uz": f": {s_} talaba, {g_} bitiruvchi."}
        sentences.append({
            "en": f"{p_} joint and double-degree programs ran in {year_label(year)}",
            "ru": f"В {year_label(year)} учебном году реализовывалось {p_} совместных программ и программ двух дипломов",
            "uz": f"{year_label(year)} o‘quv yilida {p_} ta qo‘shma va ikki diplomli dastur amalda bo‘ldi",
        }[lang] + tail[lang])
        share = kpi.get("joint_program_share")
        if share is not None:
            sp = fmt_pct(share, lang)
            sentences.append({"en": f"They are {sp} of all degree programs.",
                              "ru": f"Это {sp} всех образовательных программ.",
                              "uz": f"Bu barcha ta’lim dasturlarining {sp} i."}[lang])
    charts = []
    if len(chart_data):
        top = chart_data.sort_values("_s", ascending=False).head(CHART_TOP)
        labels = [_short(p, 60) for p in top[c["program"]]]
        charts.append(Chart("programs_bar", t("chart_programs", lang),
                            _hbar(labels, [int(v) for v in top["_s"]], t("chart_programs", lang), show_text=n is None)))
    weights = {c["program"]: 70, c["partner"]: 45, c["country"]: 20, c["type"]: 14, c["level"]: 18,
               c["start_year"]: 12, c["students"]: 15, c["graduates"]: 17}
    return Section("programs", t("sec_programs", lang), t("sheet_programs", lang), sentences, table, print_table,
                   charts, total_row=bool(len(table)), more_rows=more,
                   number_columns=(c["start_year"], c["end_year"], c["students"], c["graduates"]),
                   column_weights=weights)


def _short(text: str, length: int) -> str:
    text = str(text)
    return text if len(text) <= length else text[: length - 1] + "…"


def _mobility_section(data, year: int, lang: str, n: int | None, kpi: dict, previous: dict) -> Section | None:
    mobility = data.get("mobility")
    if mobility is None:
        return None
    rows = _year_rows(K.international_mobility(mobility, data.home), year)
    counts = rows["count"] if "count" in rows.columns else pd.Series(1, index=rows.index)
    frame = pd.DataFrame({"country": rows["country"].astype("object").where(rows["country"].notna(), "").to_numpy(),
                          "key": (rows["direction"].astype("str") + "_" + rows["category"].astype("str")).to_numpy(),
                          "n": counts.fillna(0).astype("int64").to_numpy()})
    keys = ["in_student", "in_staff", "out_student", "out_staff"]
    pivot = frame.pivot_table(index="country", columns="key", values="n", aggfunc="sum", fill_value=0)
    pivot = pivot.reindex(columns=keys, fill_value=0)
    pivot["in"] = pivot["in_student"] + pivot["in_staff"]
    pivot["out"] = pivot["out_student"] + pivot["out_staff"]
    pivot["all"] = pivot["in"] + pivot["out"]
    pivot = pivot.loc[pivot["all"] > 0].sort_values("all", ascending=False)
    names = {"in_student": t("col_in_students", lang), "in_staff": t("col_in_staff", lang),
             "out_student": t("col_out_students", lang), "out_staff": t("col_out_staff", lang),
             "in": t("col_inbound", lang), "out": t("col_outbound", lang), "all": t("total", lang)}
    c_country = t("col_country", lang)
    table = pd.DataFrame({c_country: [country_name(code or None, lang) for code in pivot.index],
                          t("col_country_code", lang): list(pivot.index)})
    order = ["in_student", "in_staff", "in", "out_student", "out_staff", "out", "all"]
    for key in order:
        table[names[key]] = [suppress(v, n) for v in pivot[key]]
    table = _with_total(table, c_country, t("total", lang), {names[k]: int(pivot[k].sum()) for k in order})
    print_table, more = _print_cut(table.drop(columns=[t("col_country_code", lang)]), True, lang=lang)

    sentences = []
    inbound, outbound = kpi.get("inbound_mobility"), kpi.get("outbound_mobility")
    if inbound is not None:
        i_s, i_f = fmt_number(kpi.get("inbound_student_mobility") or 0, lang), fmt_number(kpi.get("inbound_staff_mobility") or 0, lang)
        o_s, o_f = fmt_number(kpi.get("outbound_student_mobility") or 0, lang), fmt_number(kpi.get("outbound_staff_mobility") or 0, lang)
        i, o = fmt_number(inbound, lang), fmt_number(outbound or 0, lang)
        sentences.append({
            "en": f"Inbound mobility: {i} people ({i_s} students, {i_f} staff); outbound: {o} ({o_s} students, {o_f} staff).",
            "ru": f"Входящая мобильность: {i} человек ({i_s} студентов, {i_f} сотрудников); исходящая: {o} ({o_s} студентов, {o_f} сотрудников).",
            "uz": f"Kiruvchi mobillik: {i} kishi ({i_s} talaba, {i_f} xodim); chiquvchi: {o} kishi ({o_s} talaba, {o_f} xodim).",
        }[lang])
        for label_key, kpi_id in (("in", "inbound_mobility"), ("out", "outbound_mobility")):
            value, prev = kpi.get(kpi_id), previous.get(kpi_id)
            direction, pct = _change_phrase(value, prev, lang)
            if pct is None:
                continue
            word = t("col_inbound" if label_key == "in" else "col_outbound", lang)
            p = fmt_pct(abs(pct), lang)
            if direction == "same":
                continue
            sentences.append({
                "en": f"{word} mobility {'rose' if direction == 'up' else 'fell'} {p} on the previous year.",
                "ru": f"{word} мобильность {'выросла' if direction == 'up' else 'снизилась'} на {p} к прошлому году.",
                "uz": f"{word} mobillik o‘tgan yilga nisbatan {p} ga {'oshdi' if direction == 'up' else 'kamaydi'}.",
            }[lang])
        known = pivot.loc[[c for c in pivot.index if c]]
        if len(known):
            top, value = country_name(known.index[0], lang), _people(known["all"].iloc[0], n, lang)
            sentences.append({"en": f"The main mobility country is {top} ({value} people).",
                              "ru": f"Основная страна мобильности — {top} ({value} чел.).",
                              "uz": f"Asosiy mobillik mamlakati — {top} ({value} kishi)."}[lang])
    charts = []
    known = pivot.loc[[c for c in pivot.index if c]].head(CHART_TOP)
    if len(known):
        charts.append(Chart("mobility_bar", t("chart_mobility", lang),
                            _hbar([country_name(c, lang) for c in known.index], [int(v) for v in known["in"]],
                                  t("chart_mobility", lang), show_text=n is None,
                                  second=[int(v) for v in known["out"]],
                                  names=(t("col_inbound", lang), t("col_outbound", lang)))))
    number_columns = tuple(names[k] for k in order)
    return Section("mobility", t("sec_mobility", lang), t("sheet_mobility", lang), sentences, table, print_table,
                   charts, total_row=True, more_rows=more, number_columns=number_columns,
                   column_weights={c_country: 28})


def _events_section(data, year: int, lang: str, n: int | None, kpi: dict) -> Section | None:
    events = data.get("events")
    if events is None:
        return None
    rows = _year_rows(events, year)
    c = {k: t(f"col_{k}", lang) for k in ("event", "date", "type", "participants", "international", "n_countries",
                                           "countries")}
    codes = rows["countries"] if "countries" in rows.columns else pd.Series(None, index=rows.index)
    lists = [[x for x in str(v).split(";") if x] if not is_missing(v) else [] for v in codes]
    table = pd.DataFrame({
        c["event"]: rows["event"].map(_text).to_numpy(),
        c["date"]: [None if "date" not in rows.columns or pd.isna(d) else pd.Timestamp(d).date()
                    for d in (rows["date"] if "date" in rows.columns else [None] * len(rows))],
        c["type"]: rows["type"].map(_text).to_numpy(),
        c["participants"]: [_int(v) for v in rows["participants"]],
        c["international"]: [_int(v) for v in rows["international_participants"]],
        c["n_countries"]: [len(x) for x in lists],
        c["countries"]: ["; ".join(country_name(x, lang) for x in codes_) for codes_ in lists],
    })
    table = table.sort_values([c["date"], c["event"]], na_position="last", kind="stable").reset_index(drop=True)
    total_all = int(np.nansum([v for v in table[c["participants"]] if v is not None])) if len(table) else 0
    total_int = int(np.nansum([v for v in table[c["international"]] if v is not None])) if len(table) else 0
    # small numbers of foreign participants at one event can identify people
    table[c["international"]] = [suppress(v, n) for v in table[c["international"]]]
    all_countries = sorted({x for codes_ in lists for x in codes_})
    if len(table):
        table = _with_total(table, c["event"], t("total", lang),
                            {c["participants"]: total_all, c["international"]: total_int,
                             c["n_countries"]: len(all_countries), c["date"]: None})
    international = table.iloc[:-1] if len(table) else table
    if len(international):
        mask = [not (v in (0, None)) for v in international[c["international"]]]
        international_rows = international.loc[mask]
    else:
        international_rows = international
    printable = pd.concat([international_rows, table.iloc[[-1]]], ignore_index=True) if len(table) else table
    printable = printable.drop(columns=[c["countries"]])
    printable[c["date"]] = printable[c["date"]].map(lambda d: "" if d is None or is_missing(d) else d.isoformat())
    print_table, more = _print_cut(printable, bool(len(table)), lang=lang)

    sentences = []
    n_int = kpi.get("international_events")
    if n_int is not None:
        e_, p_ = fmt_number(n_int, lang), fmt_number(kpi.get("international_event_participants") or 0, lang)
        all_, nc = fmt_number(len(rows), lang), fmt_number(len(all_countries), lang)
        sentences.append({
            "en": f"Of {all_} events held in {year_label(year)}, {e_} were international, with {p_} participants from "
                  f"abroad from {_countries(len(all_countries), 'en')} (of {fmt_number(total_all, lang)} participants in all).",
            "ru": f"Из {all_} мероприятий {year_label(year)} учебного года {e_} были международными: {p_} зарубежных "
                  f"участников из {_countries(len(all_countries), 'ru')} (всего участников — {fmt_number(total_all, lang)}).",
            "uz": f"{year_label(year)} o‘quv yilida o‘tkazilgan {all_} ta tadbirdan {e_} tasi xalqaro bo‘ldi: "
                  f"{nc} mamlakatdan {p_} nafar xorijiy ishtirokchi (jami ishtirokchilar — {fmt_number(total_all, lang)}).",
        }[lang])
    charts = []
    if len(rows):
        by_type = rows.groupby(rows["type"].map(_text))[["participants", "international_participants"]].sum()
        by_type = by_type.sort_values("participants", ascending=False)
        local = (by_type["participants"] - by_type["international_participants"]).clip(lower=0)
        charts.append(Chart("events_bar", t("chart_events", lang),
                            _hbar(list(by_type.index), [int(v) for v in by_type["international_participants"]],
                                  t("chart_events", lang), second=[int(v) for v in local],
                                  names=(t("col_international", lang), t("col_participants", lang) + " (" +
                                         {"en": "home", "ru": "местные", "uz": "mahalliy"}[lang] + ")"))))
    return Section("events", t("sec_events", lang), t("sheet_events", lang), sentences, table, print_table, charts,
                   total_row=bool(len(table)), more_rows=more,
                   number_columns=(c["participants"], c["international"], c["n_countries"]),
                   column_weights={c["event"]: 90, c["date"]: 20, c["type"]: 22})


def _grants_section(data, year: int, lang: str, n: int | None, kpi: dict) -> Section | None:
    grants = data.get("grants")
    if grants is None:
        return None
    rows = _running(grants, year)
    c = {k: t(f"col_{k}", lang) for k in ("grant", "partner", "country", "funder", "start_year", "end_year",
                                           "amount", "currency")}
    table = pd.DataFrame({
        c["grant"]: rows["grant"].map(_text).to_numpy(),
        c["partner"]: rows["partner"].map(_text).to_numpy() if "partner" in rows.columns else "",
        c["country"]: [country_name(v, lang) if not is_missing(v) else "" for v in rows["country"]]
        if "country" in rows.columns else "",
        c["funder"]: rows["funder"].map(_text).to_numpy() if "funder" in rows.columns else "",
        c["start_year"]: [_int(v) for v in rows["start_year"]],
        c["end_year"]: [_int(v) for v in rows["end_year"]] if "end_year" in rows.columns else None,
        c["amount"]: [_num(v) for v in rows["amount"]] if "amount" in rows.columns else None,
        c["currency"]: rows["currency"].map(_text).to_numpy() if "currency" in rows.columns else "",
    })
    table = table.sort_values([c["start_year"], c["grant"]], kind="stable").reset_index(drop=True)
    printable = table.copy()
    printable[c["amount"]] = [fmt_number(v, lang, 0) if v is not None else "" for v in printable[c["amount"]]]
    print_table, more = _print_cut(printable, False, lang=lang)

    sentences = []
    active = kpi.get("active_grants")
    if active is not None:
        budgets = table.groupby(c["currency"])[c["amount"]].sum(min_count=1).dropna() if len(table) else pd.Series()
        budget_text = "; ".join(f"{fmt_number(v, lang, 0)} {cur or '?'}" for cur, v in budgets.items())
        a = fmt_number(active, lang)
        new = int((table[c["start_year"]] == year).sum()) if len(table) else 0
        nn = fmt_number(new, lang)
        new_text = {"en": f", {nn} of them new" if new else "",
                    "ru": f", из них новых — {nn}" if new else "",
                    "uz": f", shundan {nn} tasi yangi" if new else ""}[lang]
        budget = {"en": f"; total budgets: {budget_text}." if budget_text else ".",
                  "ru": f"; общий бюджет: {budget_text}." if budget_text else ".",
                  "uz": f"; umumiy byudjet: {budget_text}." if budget_text else "."}[lang]
        sentences.append({
            "en": f"{a} grant projects with foreign partners were running in {year_label(year)}{new_text}{budget}",
            "ru": f"В {year_label(year)} учебном году выполнялось {a} грантовых проектов с зарубежными партнёрами"
                  f"{new_text}{budget}",
            "uz": f"{year_label(year)} o‘quv yilida xorijiy hamkorlar bilan {a} ta grant loyihasi amalga oshirildi"
                  f"{new_text}{budget}",
        }[lang])
    charts = []
    if len(rows) and "country" in rows.columns:
        by_country = rows.groupby("country").size().sort_values(ascending=False).head(CHART_TOP)
        if len(by_country) > 1 and by_country.max() > 1:
            charts.append(Chart("grants_bar", t("chart_grants", lang),
                                _hbar([country_name(x, lang) for x in by_country.index], [int(v) for v in by_country],
                                      t("chart_grants", lang))))
    weights = {c["grant"]: 70, c["partner"]: 45, c["country"]: 20, c["funder"]: 22, c["start_year"]: 12,
               c["end_year"]: 12, c["amount"]: 18, c["currency"]: 12}
    return Section("grants", t("sec_grants", lang), t("sheet_grants", lang), sentences, table, print_table, charts,
                   more_rows=more, number_columns=(c["start_year"], c["end_year"], c["amount"]),
                   column_weights=weights)


# --------------------------------------------------------------------------------------- KPIs

def _status(row, lang: str) -> str:
    status = row["status"]
    if is_missing(row["value"]):
        return t("status_no_data", lang)
    if is_missing(status) or status in ("", None):
        return t("status_no_target", lang) if is_missing(row["target"]) else "–"
    key = "status_" + str(status).strip().lower().replace(" ", "_")
    return t(key, lang) if key in LABELS else str(status)


def _kpi_frames(table: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(sheet, print) versions of the KPI library's kpi_table: numbers kept for Excel, text for print."""
    unit_names = {"count": {"en": "count", "ru": "кол-во", "uz": "soni"},
                  "percent": {"en": "%", "ru": "%", "uz": "%"},
                  "ratio": {"en": "ratio", "ru": "коэфф.", "uz": "nisbat"},
                  "index": {"en": "index", "ru": "индекс", "uz": "indeks"}}
    sheet = pd.DataFrame({
        t("col_id", lang): table["kpi"].to_numpy(),
        t("col_kpi", lang): table["name"].to_numpy(),
        t("col_unit", lang): [unit_names.get(u, {}).get(lang, u) for u in table["unit"]],
        t("col_value", lang): [_num(v) for v in table["value"]],
        t("col_previous", lang): [_num(v) for v in table["previous"]],
        t("col_change", lang): [_num(v) for v in table["change"]],
        t("col_change_pct", lang): [None if is_missing(v) else round(float(v), 1) for v in table["change_pct"]],
        t("col_target", lang): [_num(v) for v in table["target"]],
        t("col_gap", lang): [_num(v) for v in table["gap"]],
        t("col_status", lang): [_status(row, lang) for _, row in table.iterrows()],
        t("col_higher", lang): [t("yes" if h else "no", lang) for h in table["higher_is_better"]],
    })
    printed = pd.DataFrame({
        t("col_kpi", lang): table["name"].to_numpy(),
        t("col_value", lang): [fmt_value(v, u, lang) for v, u in zip(table["value"], table["unit"])],
        t("col_previous", lang): [fmt_value(v, u, lang) for v, u in zip(table["previous"], table["unit"])],
        t("col_change", lang): [fmt_change(v, u, lang) for v, u in zip(table["change"], table["unit"])],
        t("col_target", lang): [fmt_value(v, u, lang) for v, u in zip(table["target"], table["unit"])],
        t("col_status", lang): sheet[t("col_status", lang)].to_numpy(),
    })
    return sheet, printed


def _trend(data, year_from: int, year: int, lang: str):
    from metrics.catalogue import CATALOGUE

    years = list(range(int(year_from), int(year) + 1))
    table = K.kpis_by_year(data, years=years)
    out = pd.DataFrame({t("col_kpi", lang): [CATALOGUE[k].label(lang) for k in table.columns]})
    printed = out.copy()
    for y in years:
        values = [_num(table.at[y, k]) for k in table.columns]
        out[year_label(y)] = values
        printed[year_label(y)] = [fmt_value(v, CATALOGUE[k].unit, lang) for v, k in zip(values, table.columns)]
    chart = None
    if "foreign_students" in table.columns and table["foreign_students"].notna().any():
        series = table["foreign_students"]
        fig = go.Figure(go.Scatter(x=[year_label(y) for y in years], y=[_num(v) for v in series],
                                   mode="lines+markers+text", line={"width": 3, "color": PRIMARY},
                                   text=[fmt_number(v, lang) if not is_missing(v) else "" for v in series],
                                   textposition="top center"))
        _layout(fig, t("chart_trend", lang), 380)
        fig.update_yaxes(rangemode="tozero")
        fig.update_xaxes(type="category")
        chart = Chart("trend", t("chart_trend", lang), fig, kind="line", width=1000, height=380)
    return out, printed, chart


def _definitions(lang: str) -> pd.DataFrame:
    from metrics.catalogue import CATALOGUE

    return pd.DataFrame({
        t("col_kpi", lang): [k.label(lang) for k in CATALOGUE.values()],
        t("col_unit", lang): [k.unit for k in CATALOGUE.values()],
        t("col_definition", lang): [k.definition for k in CATALOGUE.values()],
        t("col_source", lang): [", ".join(k.sources + tuple(getattr(k, "optional_sources", ()) or ()))
                                for k in CATALOGUE.values()],
        "QS / THE / IMPI": ["; ".join(getattr(k, "indicators", ()) or ()) for k in CATALOGUE.values()],
        t("col_id", lang): [k.id for k in CATALOGUE.values()],
    })


def _provenance(data, lang: str) -> pd.DataFrame:
    from pathlib import Path

    files = list(getattr(data, "files", ()) or ())
    version = getattr(data, "version", "") or ""  # the published version the files are (metrics.store)
    return pd.DataFrame({
        t("col_version", lang): [version for _ in files],
        t("col_export", lang): [f.export for f in files],
        t("col_file", lang): [Path(str(f.path)).name for f in files],
        t("col_sha256", lang): [f.sha256 for f in files],
        t("col_encoding", lang): [f.encoding for f in files],
        t("col_rows_read", lang): [int(f.rows_read) for f in files],
        t("col_rows_loaded", lang): [int(f.rows_loaded) for f in files],
        t("col_rows_excluded", lang): [int(f.rows_excluded) for f in files],
        t("col_skipped", lang): [int(f.skipped_lines) for f in files],
    })


# --------------------------------------------------------------------------------------- entry point

def build_content(data, year: int, *, year_from: int | None = None, lang: str = "en",
                  suppress_small: int | None = None, as_of: dt.date | None = None,
                  generated: dt.datetime | None = None) -> ReportContent:
    """Everything a report of ``year`` says, in ``lang``; see the module docstring."""
    lang = check_lang(lang)
    year = int(year)
    if year_from is not None:
        year_from = int(year_from)
        if year_from > year:
            raise ValueError(f"--from {year_from} is after the report year {year}.")
        if year_from == year:
            year_from = None
    if suppress_small is not None:
        suppress_small = int(suppress_small)
        if suppress_small < 2:
            suppress_small = None  # nothing between 1 and N-1 to hide
    n = suppress_small
    generated = generated or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)

    table = K.kpi_table(data, year, as_of=as_of, lang=lang)
    kpi = {k: _num(v) for k, v in zip(table["kpi"], table["value"])}
    previous = {k: _num(v) for k, v in zip(table["kpi"], table["previous"])}
    kpi_sheet, kpi_print = _kpi_frames(table, lang)

    sections = [s for s in (
        _students_section(data, year, lang, n, kpi, previous),
        _partners_section(data, year, lang, n, kpi, as_of),
        _programs_section(data, year, lang, n, kpi),
        _mobility_section(data, year, lang, n, kpi, previous),
        _events_section(data, year, lang, n, kpi),
        _grants_section(data, year, lang, n, kpi),
    ) if s is not None]
    summary = [s.commentary[0] for s in sections if s.commentary]

    trend = trend_chart = None
    trend_sheet = None
    if year_from is not None:
        trend_sheet, trend, trend_chart = _trend(data, year_from, year, lang)

    home = getattr(data, "home", "") or ""
    home_name = country_name(home, lang) if home else ""
    year_text = year_label(year) if year_from is None else f"{year_label(year_from)} – {year_label(year)}"
    issues = list(getattr(data, "issues", ()) or ())
    errors = sum(1 for i in issues if getattr(i, "severity", "") == "error")
    warnings = sum(1 for i in issues if getattr(i, "severity", "") == "warning")
    about = pd.DataFrame({
        t("col_item", lang): [t("university", lang), t("home_country", lang),
                              t("academic_year", lang) if year_from is None else t("report_years", lang),
                              t("generated", lang), t("suppress_small", lang), t("validation_issues", lang)],
        t("col_detail", lang): [data.university_name(lang), f"{home_name} ({home})", year_text,
                                f"{generated:%Y-%m-%d %H:%M} UTC",
                                str(n) if n else t("none", lang),
                                t("errors_warnings", lang, e=errors, w=warnings)],
    })
    notes = [t("suppression_note", lang, n=n, m=n - 1)] if n else []
    content = ReportContent(
        lang=lang, university=data.university_name(lang), home=home, home_name=home_name,
        year=year, year_from=year_from, title=t("report_title", lang), year_text=year_text, generated=generated,
        suppress_small=n, kpis=table, kpi_sheet=kpi_sheet, kpi_print=kpi_print, summary=summary,
        sections=sections, trend=trend, trend_chart=trend_chart, definitions=_definitions(lang),
        provenance=_provenance(data, lang), about=about, notes=notes, trend_sheet=trend_sheet,
    )
    return content
