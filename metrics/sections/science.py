"""Science and events: events and their international participants, grants, honorary doctorates, and the
lists of the year's international events and running grants."""

from __future__ import annotations

from typing import Any

import pandas as pd

from metrics import breakdowns as B
from metrics import vocabulary as V
from metrics.sections import Block, Chart, SectionResult, series_names
from metrics.sections.common import (
    countries_phrase, country_name, display_table, export_reason, kpi_values, missing_exports, with_reason, with_total, year_rows,
)
from metrics.years import running_in_year

EXPORTS = ("events", "grants", "honorary_doctorates", "research_projects")


def international_events(data: Any, year: int, filters: Any = None) -> pd.DataFrame | None:
    """The year's events with participants from abroad: event, date, type, participants,
    international_participants, countries (display list of ISO3 codes), countries_count; by date."""
    from metrics.filters import apply_filters

    source = apply_filters(data, filters) if filters is not None else data
    rows = year_rows(source.get("events"), year)
    if rows is None:
        return None
    rows = rows.loc[(pd.to_numeric(rows["international_participants"]).fillna(0) > 0).to_numpy(dtype=bool)]
    codes = rows["countries"] if "countries" in rows.columns else pd.Series(None, index=rows.index, dtype=object)
    lists = [[c for c in str(v).split(";") if c] if V.present(v) else [] for v in codes]
    out = pd.DataFrame({"event": rows["event"].to_numpy(),
                        "date": rows["date"].to_numpy() if "date" in rows.columns else pd.NaT,
                        "type": rows["type"].to_numpy() if "type" in rows.columns else None,
                        "participants": pd.to_numeric(rows["participants"]).astype("Int64").to_numpy(),
                        "international_participants":
                            pd.to_numeric(rows["international_participants"]).astype("Int64").to_numpy(),
                        "countries_count": [len(x) for x in lists],
                        "country_codes": [";".join(x) for x in lists]})
    return out.sort_values(["date", "event"], na_position="last", kind="stable").reset_index(drop=True)


def grants_running(data: Any, year: int, filters: Any = None) -> pd.DataFrame | None:
    """Grants running in the academic year (the rows `active_grants` counts): grant, partner, country, funder,
    start_year, end_year, amount, currency; by start year."""
    from metrics.filters import apply_filters

    source = apply_filters(data, filters) if filters is not None else data
    grants = source.get("grants")
    if grants is None:
        return None
    end = grants["end_year"] if "end_year" in grants.columns else pd.Series(pd.NA, index=grants.index)
    rows = grants.loc[running_in_year(grants["start_year"], end, int(year))]
    columns = [c for c in ("grant", "partner", "country", "funder", "start_year", "end_year", "amount", "currency")
               if c in rows.columns]
    return rows[columns].sort_values(["start_year", "grant"], kind="stable").reset_index(drop=True)


def research_projects_of_year(data: Any, year: int, filters: Any = None) -> pd.DataFrame | None:
    """The year's research projects (every row of the year, home-country ones too): title, partner, country,
    funding; by title."""
    from metrics.filters import apply_filters

    source = apply_filters(data, filters) if filters is not None else data
    rows = year_rows(source.get("research_projects"), year)
    if rows is None:
        return None
    columns = [c for c in ("title", "partner", "country", "funding") if c in rows.columns]
    return rows[columns].sort_values("title", kind="stable").reset_index(drop=True)


def research_projects_per_year(data: Any, filters: Any = None, as_of=None) -> pd.DataFrame | None:
    """Research projects with foreign partners per year (the KPI `active_research_projects`): year, projects."""
    from metrics.engine import kpi_trend

    if data.get("research_projects") is None:
        return None
    trend = kpi_trend(data, "active_research_projects", filters=filters, as_of=as_of)
    if trend.empty or trend["value"].isna().all():
        return None
    return pd.DataFrame({"year": trend["year"].to_numpy(dtype="int64"),
                         "projects": trend["value"].fillna(0).to_numpy(dtype="int64")})


def build(data: Any, year: int, lang: str, filters: Any = None, as_of=None) -> SectionResult:
    """The Science and events page and report section."""
    blocks: list[Block] = []
    year_text = V.academic_year_label(year)
    events = B.events_per_year(data, filters)
    if events is not None:
        blocks.append(Block("science_events", V.t("science.events", lang), display_table(events, lang), data=events,
                            chart=Chart("bar", "year", "events", years=True, value_label=V.t("col.events", lang)),
                            width="half", report=True, file_stem="events_per_year"))
        blocks.append(Block("science_participants", V.t("science.participants", lang),
                            display_table(events[["year", "international_participants", "participants"]], lang),
                            data=events, chart=Chart("line", "year", "international_participants", years=True,
                                                     value_label=V.t("col.participants", lang)), width="half"))
    grants = B.grants_per_year(data, filters)
    if grants is not None:
        long = grants.melt(id_vars=["year"], value_vars=["active", "new"], var_name="series", value_name="value")
        blocks.append(Block("science_grants", V.t("science.grants", lang), display_table(grants, lang), data=long,
                            chart=Chart("bar", "year", "value", color="series", years=True,
                                        value_label=V.t("col.grants", lang),
                                        series_names=series_names({"active": V.t("col.active", lang),
                                                                   "new": V.t("col.new", lang)})), width="half"))
    honorary = B.honorary_doctorates_per_year(data, filters)
    if honorary is not None:
        blocks.append(Block("science_honorary", V.t("science.honorary", lang), display_table(honorary, lang),
                            data=honorary, chart=Chart("bar", "year", "awards", years=True,
                                                       value_label=V.t("col.honorary_doctorates", lang)),
                            width="half"))
    by_country = B.honorary_doctorates_by_country(data, None, filters)
    if by_country is not None:
        shown = by_country[by_country["country"].notna()].assign(name=lambda f: [country_name(c, lang)
                                                                                  for c in f["country"]])
        blocks.append(Block("science_honorary_map", V.t("science.honorary_map", lang), display_table(by_country, lang),
                            data=shown, chart=Chart("map", "country", "awards", names="name", selectable=True,
                                                    value_label=V.t("col.honorary_doctorates", lang)),
                            file_stem="honorary_doctorates_by_country"))
    listed = international_events(data, year, filters)
    if listed is not None:
        table = listed.assign(countries=["; ".join(country_name(c, lang) for c in codes.split(";") if c)
                                         for codes in listed["country_codes"]]).drop(columns="country_codes")
        table = display_table(table, lang)
        if len(table):
            table = with_total(table, V.column_label("event", lang), V.t("common.total", lang), {
                V.column_label("participants", lang): int(listed["participants"].sum()),
                V.column_label("international_participants", lang): int(listed["international_participants"].sum()),
                V.column_label("countries_count", lang): len({c for codes in listed["country_codes"]
                                                              for c in codes.split(";") if c})})
        blocks.append(Block("science_event_list", V.t("science.event_list", lang) + f" — {year_text}", table,
                            report=True, total_row=bool(len(table)),
                            count_columns=(V.column_label("international_participants", lang),),
                            file_stem="international_events"))
    running = grants_running(data, year, filters)
    if running is not None:
        table = display_table(running, lang)
        code = V.column_label("country_code", lang)
        blocks.append(Block("science_grant_list", V.t("science.grant_list", lang) + f" — {year_text}",
                            table.drop(columns=[code]) if code in table.columns else table, report=True,
                            file_stem="grants_running"))
    per_year = research_projects_per_year(data, filters, as_of)
    if per_year is not None:
        blocks.append(Block("science_research", V.t("science.research", lang), display_table(per_year, lang),
                            data=per_year, chart=Chart("bar", "year", "projects", years=True,
                                                       value_label=V.t("col.projects", lang)), width="half"))
    projects = research_projects_of_year(data, year, filters)
    if projects is not None:
        code = V.column_label("country_code", lang)
        table = display_table(projects, lang)
        blocks.append(Block("science_research_list", V.t("science.research_list", lang) + f" — {year_text}",
                            table.drop(columns=[code]) if code in table.columns else table, report=True,
                            file_stem="research_projects"))

    sentences = _sentences(data, year, lang, filters, as_of, listed, running)
    reason = export_reason(data, EXPORTS, lang)
    return SectionResult("science", V.t("page.science", lang), year, lang, EXPORTS, tuple(sentences),
                         tuple(with_reason(b, reason) for b in blocks), missing_exports(data, EXPORTS))


def _sentences(data, year, lang, filters, as_of, listed, running) -> list[str]:
    kpi, _ = kpi_values(data, year, filters, as_of)
    sentences = []
    yl = V.academic_year_label(year)
    n_int = kpi.get("international_events")
    events = year_rows(data.get("events"), year) if filters is None else None
    if n_int is not None and listed is not None:
        e_, p_ = V.number(n_int, lang), V.number(kpi.get("international_event_participants") or 0, lang)
        n_countries = len({c for codes in listed["country_codes"] for c in codes.split(";") if c})
        nc = V.number(n_countries, lang)
        every = f" {V.number(len(events), lang)}" if events is not None else ""
        sentences.append({
            "en": f"Of{every or ' the'} events held in {yl}, {e_} were international, with {p_} participants from "
                  f"abroad from {countries_phrase(n_countries, lang)}.",
            "ru": f"Из{every} мероприятий {yl} учебного года {e_} были международными: {p_} зарубежных участников "
                  f"из {countries_phrase(n_countries, lang)}.",
            "uz": f"{yl} oʻquv yilida oʻtkazilgan{every} tadbirdan {e_} tasi xalqaro boʻldi: {nc} mamlakatdan "
                  f"{p_} nafar xorijiy ishtirokchi.",
        }[lang])
    active = kpi.get("active_grants")
    if active is not None and running is not None:
        new = int((running["start_year"] == int(year)).sum())
        a, nn = V.number(active, lang), V.number(new, lang)
        budget = ""
        if "amount" in running.columns and "currency" in running.columns:
            sums = running.groupby(running["currency"].fillna("?"))["amount"].sum(min_count=1).dropna()
            budget = "; ".join(f"{V.number(v, lang)} {currency}" for currency, v in sums.items())
        new_text = {"en": f", {nn} of them new", "ru": f", из них новых — {nn}", "uz": f", shundan {nn} tasi yangi"}
        budget_text = {"en": f"; total budgets: {budget}", "ru": f"; общий бюджет: {budget}",
                       "uz": f"; umumiy byudjet: {budget}"}
        sentences.append({
            "en": f"{a} grant projects with foreign partners were running in {yl}",
            "ru": f"В {yl} учебном году выполнялось {a} грантовых проектов с зарубежными партнёрами",
            "uz": f"{yl} oʻquv yilida xorijiy hamkorlar bilan {a} ta grant loyihasi amalga oshirildi",
        }[lang] + (new_text[lang] if new else "") + (budget_text[lang] if budget else "") + ".")
    return sentences
