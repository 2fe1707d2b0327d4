"""Partners: map with partner names, region, type, field, agreements per year, the agreements in force,
those expiring soon and the dormant partners."""

from __future__ import annotations

from typing import Any

import pandas as pd

from metrics import breakdowns as B
from metrics import vocabulary as V
from metrics.kpis import EXPIRY_WINDOW_DAYS
from metrics.rows import agreement_valid_matrix, partner_agreements
from metrics.sections import Block, Chart, SectionResult
from metrics.sections.common import (
    countries_phrase, country_name, display_table, export_reason, kpi_values, missing_exports, region_name, with_reason,
)

EXPORTS = ("partners",)


def agreements_in_force(data: Any, year: int, filters: Any = None) -> pd.DataFrame | None:
    """Agreements with foreign partners valid in the academic year (the rows `active_partners` counts):
    partner, country, city, type, agreement, fields, signed, expires; by country and partner."""
    from metrics.filters import apply_filters

    source = apply_filters(data, filters) if filters is not None else data
    partners = source.get("partners")
    if partners is None:
        return None
    agreements = partner_agreements(partners, source.home)
    if len(agreements):
        agreements = agreements.loc[agreement_valid_matrix(agreements, [int(year)])[:, 0]]
    columns = [c for c in ("partner", "country", "city", "type", "agreement", "fields", "signed", "expires")
               if c in agreements.columns]
    out = agreements[columns].copy()
    return out.sort_values(["country", "partner"], na_position="last", kind="stable").reset_index(drop=True)


def build(data: Any, year: int, lang: str, filters: Any = None, as_of=None) -> SectionResult:
    """The Partners page and report section."""
    reason = export_reason(data, EXPORTS, lang)
    label = V.t("col.partners", lang)
    blocks: list[Block] = []

    counts = B.partners_by_country(data, year, filters)
    if counts is not None:
        listing = B.active_partner_list(data, year, filters)
        resolved = counts[counts["country"].notna()][["country", "partners"]].reset_index(drop=True)
        names: dict = {}
        if listing is not None:
            for country, partner in zip(listing["country"], listing["partner"]):
                if isinstance(country, str) and V.present(partner):
                    names.setdefault(country, set()).add(str(partner))
        listed = [sorted(names.get(code, ())) for code in resolved["country"]]
        shown = resolved.assign(name=[country_name(c, lang) for c in resolved["country"]], partner_names=listed)
        table = resolved.assign(names=["; ".join(n) for n in listed])
        blocks.append(Block("partners_map", V.t("partners.map", lang), display_table(table, lang), data=shown,
                            chart=Chart("map", "country", "partners", value_label=label, names="name", hover="partner_names",
                                        selectable=True),
                            report=True, file_stem="partners_by_country"))
    region = B.partners_by_continent(data, year, filters)
    if region is not None:
        shown = region.assign(continent=[region_name(c, lang) for c in region["continent"]])
        blocks.append(Block("partners_continent", V.t("partners.by_continent", lang), display_table(region, lang),
                            data=shown, chart=Chart("bar", "continent", "partners", horizontal=True, value_label=label),
                            width="half"))
    for key, function, column, title in (("partners_type", B.partners_by_type, "type", "partners.by_type"),
                                         ("partners_field", B.partners_by_field, "field", "partners.by_field")):
        table = function(data, year, filters)
        if table is not None:
            shown = table.assign(**{column: [V.data_value_label(column, v, lang) for v in table[column]]})
            blocks.append(Block(key, V.t(title, lang), display_table(table, lang), data=shown,
                                chart=Chart("bar", column, "partners", horizontal=True, value_label=label),
                                width="half"))
    signed = B.agreements_signed_per_year(data, filters)
    if signed is not None:
        blocks.append(Block("partners_signed", V.t("partners.per_year", lang), display_table(signed, lang), data=signed,
                            chart=Chart("bar", "year", "agreements", years=True,
                                        value_label=V.t("col.agreements", lang)), width="half"))
    in_force = agreements_in_force(data, year, filters)
    if in_force is not None:
        printed = in_force.drop(columns=[c for c in ("fields", "city") if c in in_force.columns])
        blocks.append(Block("partners_agreements",
                            V.t("partners.agreements", lang) + f" — {V.academic_year_label(year)}",
                            display_table(printed, lang).drop(columns=[V.column_label("country_code", lang)]),
                            file_stem="agreements_in_force"))  # in the report: the accreditation tables
    expiring = B.expiry_calendar(data, as_of, horizon_days=EXPIRY_WINDOW_DAYS, filters=filters)
    if expiring is not None:
        blocks.append(Block("partners_expiring", V.t("partners.expiring", lang),
                            display_table(expiring[["partner", "country", "agreement", "expires", "days_left"]], lang),
                            report=True, file_stem="agreements_expiring"))
    dormant = B.dormant_partner_list(data, year, filters)
    if dormant is not None:
        blocks.append(Block("partners_dormant", V.t("partners.dormant", lang), display_table(dormant, lang),
                            file_stem="dormant_partners"))

    sentences = _sentences(data, year, lang, filters, as_of, in_force) if reason is None else []
    return SectionResult("partners", V.t("page.partners", lang), year, lang, EXPORTS, tuple(sentences),
                         tuple(with_reason(b, reason) for b in blocks), missing_exports(data, EXPORTS))


def _sentences(data, year, lang, filters, as_of, in_force) -> list[str]:
    kpi, _ = kpi_values(data, year, filters, as_of)
    active = kpi.get("active_partners")
    if active is None:
        return []
    n_countries = kpi.get("partner_countries") or 0
    a, s_ = V.number(active, lang), V.number(kpi.get("agreements_signed") or 0, lang)
    n_agreements = V.number(len(in_force) if in_force is not None else 0, lang)
    yl = V.academic_year_label(year)
    sentences = [{
        "en": f"In {yl} the university had {a} active foreign partner{'' if active == 1 else 's'} in "
              f"{countries_phrase(n_countries, lang)} ({n_agreements} agreements in force); {s_} agreements were "
              f"signed this year.",
        "ru": f"В {yl} учебном году у университета {a} действующих зарубежных партнёров из "
              f"{countries_phrase(n_countries, lang)} ({n_agreements} действующих соглашений); "
              f"подписано соглашений: {s_}.",
        "uz": f"{yl} oʻquv yilida universitetning {V.number(n_countries, lang)} mamlakatdagi {a} ta faol xorijiy "
              f"hamkori bor ({n_agreements} ta amaldagi shartnoma); shu yili {s_} ta shartnoma imzolandi.",
    }[lang]]
    expiring = kpi.get("agreements_expiring")
    if expiring:
        e_, days = V.number(expiring, lang), V.number(EXPIRY_WINDOW_DAYS, lang)
        sentences.append({"en": f"{e_} agreements expire within {days} days: renew them in time.",
                          "ru": f"Истекают в ближайшие {days} дней: {e_} соглашений — их нужно своевременно продлить.",
                          "uz": f"{e_} ta shartnomaning muddati {days} kun ichida tugaydi: ularni oʻz vaqtida "
                                f"uzaytiring."}[lang])
    if in_force is not None and len(in_force):
        by_country = in_force.dropna(subset=["country"]).drop_duplicates(["partner", "country"]).groupby(
            "country").size().sort_values(ascending=False)
        if len(by_country):
            top, n = country_name(by_country.index[0], lang), V.number(int(by_country.iloc[0]), lang)
            sentences.append({"en": f"Most partners are in {top} ({n}).",
                              "ru": f"Больше всего партнёров в стране {top} ({n}).",
                              "uz": f"Hamkorlarning eng koʻpi — {top} ({n})."}[lang])
    return sentences

