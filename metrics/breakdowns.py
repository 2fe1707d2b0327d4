"""Breakdowns and trends: tidy frames for charts, tables and maps.

Every function is pure (its inputs are never changed), named after what it returns, and
its docstring is its definition. They take a Dataset (``data``) and optional `Filters`
and return a new ``pd.DataFrame``, or ``None`` when the export they need is absent (not
available is not the same as empty). The counting rules are those of `metrics.kpis` (rows
selected by `metrics.rows`, years by `metrics.years`), so
a breakdown sums to its KPI:

- country breakdowns use ISO alpha-3 codes in a ``country`` column; unresolved and
  stateless countries are one row with ``country`` <NA> (labelled `UNKNOWN` where the
  column holds names, e.g. continents), so the rows sum to the total;
- ``share`` columns are percents of the breakdown's total (they sum to 100).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pandas as pd

from metrics import kpis as k
from metrics import rows as R
from metrics.engine import available_years, filtered
from metrics.rows import (
    active_partner_years,
    agreement_valid_matrix,
    dormant_partner_keys,
    fold_name,
    foreign_student_rows,
    international_mobility,
    partner_agreements,
    running_programs,
)
from metrics.years import academic_year_of, per_year, year_series

UNKNOWN = "Unknown"  # label of the bucket of rows whose country / category is not known
OTHER = "Other"  # label of the remainder row of a top-N table
DEFAULT_TOP_N = 10


# --------------------------------------------------------------------------- helpers

def _data(data: Any, filters: Any) -> Any:
    return filtered(data, filters)


def _frame(data: Any, name: str) -> pd.DataFrame | None:
    return data.get(name) if hasattr(data, "get") else None


def _with_share(frame: pd.DataFrame, value: str) -> pd.DataFrame:
    total = frame[value].sum()
    frame = frame.copy()
    frame["share"] = (frame[value] / total * 100.0).astype("Float64") if total else pd.Series(pd.NA, index=frame.index, dtype="Float64")
    return frame


def _label(values: pd.Series, mapper: Any) -> pd.Series:
    """Map ISO3 codes to a label (continent, region); <NA> and unmapped codes become UNKNOWN."""
    uniques = {code: (mapper(code) if isinstance(code, str) else None) for code in pd.unique(values.dropna())}
    return values.map(uniques).fillna(UNKNOWN).astype("str")


def _sorted(frame: pd.DataFrame, value: str, key: str) -> pd.DataFrame:
    """Largest first; the unknown bucket last; ties by key."""
    unknown = frame[key].isna() | (frame[key].astype("str") == UNKNOWN)
    frame = frame.assign(_unknown=unknown.to_numpy(dtype=bool))
    return (frame.sort_values(["_unknown", value, key], ascending=[True, False, True], na_position="last")
            .drop(columns="_unknown").reset_index(drop=True))


def _weights(frame: pd.DataFrame) -> pd.Series:
    return frame["count"] if "count" in frame.columns else pd.Series(1, index=frame.index, dtype="int64")


# --------------------------------------------------------------------------- foreign students

def foreign_student_rows_in_year(data: Any, year: int, filters: Any = None) -> pd.DataFrame | None:
    """Active foreign student rows of one year (the rows `foreign_students` counts); None without students."""
    data = _data(data, filters)
    students = _frame(data, "students")
    if students is None:
        return None
    rows = foreign_student_rows(students, data.home)
    return rows.loc[(rows["year"] == int(year)).to_numpy(dtype=bool)]


def foreign_students_per_year(data: Any, filters: Any = None) -> pd.DataFrame | None:
    """Foreign students per year: year, foreign_students, new_foreign_students, all_students, share (%).

    all_students and share are <NA> where the number of all students is not known.
    """
    data = _data(data, filters)
    students = _frame(data, "students")
    if students is None:
        return None
    years = available_years(data)
    foreign = k.foreign_students_by_year(students, years=years, home=data.home)
    new = k.new_foreign_students_by_year(students, years=years, home=data.home)
    total = k.all_students_by_year(students, _frame(data, "totals"), years=years, home=data.home)
    out = pd.DataFrame({"year": np.asarray(years, dtype="int64"),
                        "foreign_students": foreign.to_numpy(),
                        "new_foreign_students": (new if new is not None else year_series(pd.NA, years)).astype("Int64").to_numpy(),
                        "all_students": (total if total is not None else year_series(pd.NA, years)).astype("Float64").to_numpy()})
    out["share"] = (out["foreign_students"].astype("Float64") / out["all_students"].where(out["all_students"] != 0) * 100).astype("Float64")
    return out


def foreign_students_by_country_and_year(data: Any, filters: Any = None) -> pd.DataFrame | None:
    """Foreign students per year and citizenship: year, country (ISO3, <NA> = unknown), students."""
    data = _data(data, filters)
    students = _frame(data, "students")
    if students is None:
        return None
    out = R.foreign_students_by_country_and_year(students, data.home)
    return out.sort_values(["year", "students"], ascending=[True, False]).reset_index(drop=True)


def foreign_students_by_country(data: Any, year: int, filters: Any = None) -> pd.DataFrame | None:
    """Foreign students in a year by citizenship: country (ISO3; <NA> = unknown/stateless), students, share (%).

    Rows sum to `foreign_students` for the year; largest first, the unknown row last.
    """
    rows = foreign_student_rows_in_year(data, year, filters)
    if rows is None:
        return None
    counts = _weights(rows).groupby(rows["citizenship"], dropna=False).sum()
    out = pd.DataFrame({"country": counts.index.astype("str"), "students": counts.to_numpy(dtype="int64")})
    out["country"] = out["country"].where(counts.index.notna())
    return _sorted(_with_share(out, "students"), "students", "country")


def _students_by_label(data: Any, year: int, filters: Any, mapper: Any, column: str) -> pd.DataFrame | None:
    by_country = foreign_students_by_country(data, year, filters)
    if by_country is None:
        return None
    labels = _label(by_country["country"], mapper)
    out = by_country.groupby(labels.to_numpy())["students"].sum().rename_axis(column).reset_index()
    return _sorted(_with_share(out, "students"), "students", column)


def foreign_students_by_continent(data: Any, year: int, filters: Any = None) -> pd.DataFrame | None:
    """Foreign students in a year by continent of citizenship: continent, students, share (%).

    Continents as in `metrics.countries.continent`; unresolved countries are the `UNKNOWN` row.
    """
    from metrics.countries import continent
    return _students_by_label(data, year, filters, continent, "continent")


def foreign_students_by_region(data: Any, year: int, filters: Any = None) -> pd.DataFrame | None:
    """Foreign students in a year by UN M49 sub-region of citizenship: region, students, share (%); `UNKNOWN` row."""
    from metrics.countries import region
    return _students_by_label(data, year, filters, region, "region")


def foreign_students_cis_split(data: Any, year: int, filters: Any = None) -> pd.DataFrame | None:
    """Foreign students in a year from CIS and non-CIS countries: group ('CIS', 'non-CIS', UNKNOWN), students, share."""
    from metrics.countries import is_cis
    return _students_by_label(data, year, filters, lambda code: "CIS" if is_cis(code) else "non-CIS", "group")


def _students_by_column(data: Any, year: int, filters: Any, column: str) -> pd.DataFrame | None:
    rows = foreign_student_rows_in_year(data, year, filters)
    if rows is None or column not in rows.columns:
        return None
    labels = rows[column].astype("str").str.strip()
    labels = labels.where(rows[column].notna() & (labels != ""), UNKNOWN)
    out = _weights(rows).groupby(labels.to_numpy()).sum().rename_axis(column).rename("students").reset_index()
    return _sorted(_with_share(out, "students"), "students", column)


def foreign_students_by_faculty(data: Any, year: int, filters: Any = None) -> pd.DataFrame | None:
    """Foreign students in a year by faculty: faculty, students, share (%); blank faculty is `UNKNOWN`. None without the column."""
    return _students_by_column(data, year, filters, "faculty")


def foreign_students_by_level(data: Any, year: int, filters: Any = None) -> pd.DataFrame | None:
    """Foreign students in a year by level of study: level, students, share (%); blank level is `UNKNOWN`."""
    return _students_by_column(data, year, filters, "level")


def foreign_students_by_sex(data: Any, year: int, filters: Any = None) -> pd.DataFrame | None:
    """Foreign students in a year by sex as recorded: sex, students, share (%); blank is `UNKNOWN`."""
    return _students_by_column(data, year, filters, "sex")


def foreign_students_map(data: Any, year: int, filters: Any = None, lang: str = "en") -> pd.DataFrame | None:
    """Map data: the resolved rows of `foreign_students_by_country` with a display ``name`` (in ``lang``).

    Columns: country (ISO3), name, students, share (% of all foreign students, the unknown
    row included in the denominator, as in the table). The unknown row cannot be mapped
    and is left out.
    """
    table = foreign_students_by_country(data, year, filters)
    if table is None:
        return None
    from metrics.countries import display_name
    out = table.loc[table["country"].notna()].reset_index(drop=True)
    out.insert(1, "name", [display_name(code, lang) for code in out["country"]])
    return out


def top_source_countries(data: Any, year: int, n: int = DEFAULT_TOP_N, *, other: bool = True,
                         filters: Any = None) -> pd.DataFrame | None:
    """The ``n`` largest source countries in a year: country, students, share (%).

    With ``other`` a last row ``country = "Other"`` (`OTHER`) holds every remaining
    country and the unknown bucket, so the table sums to `foreign_students`.
    """
    table = foreign_students_by_country(data, year, filters)
    if table is None:
        return None
    known = table.loc[table["country"].notna()]
    top = known.head(n)
    if not other:
        return top.reset_index(drop=True)
    rest = table.drop(index=top.index)
    if rest.empty:
        return top.reset_index(drop=True)
    total = table["students"].sum()
    remainder = pd.DataFrame({"country": [OTHER], "students": [int(rest["students"].sum())],
                              "share": pd.array([rest["students"].sum() / total * 100 if total else pd.NA],
                                                dtype="Float64")})
    out = pd.concat([top, remainder], ignore_index=True)
    out["country"] = out["country"].astype("str")
    return out


def new_source_countries(data: Any, year: int, filters: Any = None) -> pd.DataFrame | None:
    """Countries with foreign students in ``year`` and none in any earlier year of the data: country, students.

    Not meaningful for the first year of the data (every country is new); unknown excluded.
    """
    by_year = foreign_students_by_country_and_year(data, filters)
    if by_year is None:
        return None
    known = by_year.loc[by_year["country"].notna() & (by_year["students"] > 0)]
    earlier = set(known.loc[known["year"] < int(year), "country"])
    now = known.loc[known["year"] == int(year)]
    out = now.loc[~now["country"].isin(earlier), ["country", "students"]]
    return out.sort_values(["students", "country"], ascending=[False, True]).reset_index(drop=True)


# --------------------------------------------------------------------------- partners

def _active_partners(data: Any, year: int, filters: Any) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    data = _data(data, filters)
    partners = _frame(data, "partners")
    if partners is None:
        return None
    agreements = partner_agreements(partners, data.home)
    active = active_partner_years(partners, [int(year)], data.home)
    return active, agreements


def active_partner_list(data: Any, year: int, filters: Any = None) -> pd.DataFrame | None:
    """The active foreign partners of a year: partner (name as written), country, type, agreements (valid that year)."""
    found = _active_partners(data, year, filters)
    if found is None:
        return None
    active, agreements = found
    valid = agreements.loc[agreement_valid_matrix(agreements, [int(year)])[:, 0]] if len(agreements) else agreements
    first = valid.groupby("key", sort=False).first()
    out = pd.DataFrame({"key": active["key"].to_numpy()})
    out["partner"] = out["key"].map(first["partner"])
    out["country"] = active["country"].to_numpy()
    if "type" in first.columns:
        out["type"] = out["key"].map(first["type"])
    out["agreements"] = out["key"].map(valid.groupby("key").size()).astype("int64")
    return out.drop(columns="key").sort_values(["country", "partner"], na_position="last").reset_index(drop=True)


def dormant_partner_list(data: Any, year: int, filters: Any = None) -> pd.DataFrame | None:
    """The dormant partners of a year (the rows `dormant_partners` counts): partner, country, type.

    Active foreign partners with no mobility, running joint program or active grant naming
    them in years Y-1 and Y. None when partners.csv is absent or no activity export has a
    partner column.
    """
    data = _data(data, filters)
    partners = _frame(data, "partners")
    if partners is None:
        return None
    keys = dormant_partner_keys(partners, _frame(data, "mobility"), _frame(data, "programs"),
                                  _frame(data, "grants"), [int(year)], data.home)
    if keys is None:
        return None
    agreements = partner_agreements(partners, data.home)
    latest = agreements.sort_values("signed", na_position="first").drop_duplicates("key", keep="last")
    out = pd.DataFrame({"partner": keys["key"].map(latest.set_index("key")["partner"]),
                        "country": keys["country"]})
    out["type"] = (keys["key"].map(latest.set_index("key")["type"]) if "type" in latest.columns
                   else pd.Series(pd.NA, index=keys.index, dtype="str"))
    return out.sort_values(["country", "partner"], na_position="last").reset_index(drop=True)


def partners_by_country(data: Any, year: int, filters: Any = None) -> pd.DataFrame | None:
    """Active foreign partners in a year by country: country (ISO3; <NA> = unknown), partners, share (%).

    The resolved rows number `partner_countries`; all rows sum to `active_partners`.
    """
    found = _active_partners(data, year, filters)
    if found is None:
        return None
    active, _ = found
    counts = active.groupby("country", dropna=False)["key"].nunique()
    out = pd.DataFrame({"country": counts.index.astype("str"), "partners": counts.to_numpy(dtype="int64")})
    out["country"] = out["country"].where(counts.index.notna())
    return _sorted(_with_share(out, "partners"), "partners", "country")


def partners_by_continent(data: Any, year: int, filters: Any = None) -> pd.DataFrame | None:
    """Active foreign partners in a year by continent: continent, partners, share (%); `UNKNOWN` row for unresolved."""
    table = partners_by_country(data, year, filters)
    if table is None:
        return None
    from metrics.countries import continent
    labels = _label(table["country"], continent)
    out = table.groupby(labels.to_numpy())["partners"].sum().rename_axis("continent").reset_index()
    return _sorted(_with_share(out, "partners"), "partners", "continent")


def _partner_attribute(data: Any, year: int, filters: Any, column: str, split: bool) -> pd.DataFrame | None:
    found = _active_partners(data, year, filters)
    if found is None:
        return None
    active, agreements = found
    if column not in agreements.columns:
        return None
    values = agreements[["key", column]].copy()
    values[column] = values[column].astype("str").str.lower()
    if split:
        values[column] = values[column].str.split(";")
        values = values.explode(column)
    values[column] = values[column].map(lambda v: v.strip() if isinstance(v, str) else None)  # empty: no str dtype
    values = values.loc[values[column].notna() & (values[column] != "") & (values[column] != "nan")]
    values = values.loc[values["key"].isin(set(active["key"]))].drop_duplicates()
    keys_with = set(values["key"])
    out = values.groupby(column)["key"].nunique().rename("partners").reset_index()
    missing = len(set(active["key"]) - keys_with)
    if missing:
        out = pd.concat([out, pd.DataFrame({column: [UNKNOWN], "partners": [missing]})], ignore_index=True)
    return _sorted(out.astype({"partners": "int64"}), "partners", column)


def partners_by_type(data: Any, year: int, filters: Any = None) -> pd.DataFrame | None:
    """Active foreign partners in a year by type (lower-cased): type, partners; `UNKNOWN` for partners without a type.

    A partner whose agreements give two types is counted under each.
    """
    return _partner_attribute(data, year, filters, "type", split=False)


def partners_by_field(data: Any, year: int, filters: Any = None) -> pd.DataFrame | None:
    """Active foreign partners in a year by field of cooperation (fields split on ';'): field, partners.

    A partner counts once under each of its fields, so the rows may sum to more than
    `active_partners`; `UNKNOWN` for partners without fields.
    """
    out = _partner_attribute(data, year, filters, "fields", split=True)
    return out.rename(columns={"fields": "field"}) if out is not None else None


def agreements_signed_per_year(data: Any, filters: Any = None) -> pd.DataFrame | None:
    """Agreements with foreign partners signed per academic year: year, agreements (every year with a signing)."""
    data = _data(data, filters)
    partners = _frame(data, "partners")
    if partners is None:
        return None
    signed = academic_year_of(partner_agreements(partners, data.home)["signed"]).dropna()
    if signed.empty:
        return pd.DataFrame({"year": pd.Series(dtype="int64"), "agreements": pd.Series(dtype="int64")})
    years = list(range(int(signed.min()), int(signed.max()) + 1))
    counts = per_year(signed.astype("int64").value_counts(), years)
    return pd.DataFrame({"year": np.asarray(years, dtype="int64"), "agreements": counts.to_numpy(dtype="int64")})


def expiry_calendar(data: Any, as_of: dt.date | None = None, *, horizon_days: int | None = None,
                    filters: Any = None) -> pd.DataFrame | None:
    """Agreements by expiry date from ``as_of`` (default today) on: expiry_year, expiry_month, expires,
    days_left, partner, country, agreement.

    Agreements signed after ``as_of`` are included (they will expire too); open-ended
    agreements are not. ``horizon_days`` limits the calendar (e.g. `EXPIRY_WINDOW_DAYS`).
    """
    data = _data(data, filters)
    partners = _frame(data, "partners")
    if partners is None:
        return None
    agreements = partner_agreements(partners, data.home)
    start = pd.Timestamp(as_of or dt.date.today())
    keep = (agreements["expires"] >= start).fillna(False)
    if horizon_days is not None:
        keep &= (agreements["expires"] <= start + pd.Timedelta(days=horizon_days)).fillna(False)
    rows = agreements.loc[keep.to_numpy(dtype=bool)]
    out = pd.DataFrame({
        "expiry_year": rows["expires"].dt.year.astype("int64"),
        "expiry_month": rows["expires"].dt.month.astype("int64"),
        "expires": rows["expires"],
        "days_left": (rows["expires"] - start).dt.days.astype("int64"),
        "partner": rows["partner"],
        "country": rows["country"],
        "agreement": rows["agreement"] if "agreement" in rows.columns else pd.Series(pd.NA, index=rows.index, dtype="str"),
    })
    return out.sort_values(["expires", "partner"]).reset_index(drop=True)


# --------------------------------------------------------------------------- joint programs

def joint_programs_per_year(data: Any, filters: Any = None) -> pd.DataFrame | None:
    """Joint/double-degree programs per year: year, running, new (start_year = Y), cumulative (started by Y)."""
    data = _data(data, filters)
    programs = _frame(data, "programs")
    if programs is None:
        return None
    years = available_years(data)
    if not programs.empty:
        years = sorted(set(years) | set(range(int(programs["start_year"].min()), max(years or [0]) + 1)))
    running = k.joint_programs_by_year(programs, years=years)
    keys = fold_name(programs["program"])
    first = programs["start_year"].groupby(keys).min()
    new = per_year(first.value_counts(), years)
    out = pd.DataFrame({"year": np.asarray(years, dtype="int64"), "running": running.to_numpy(dtype="int64"),
                        "new": new.to_numpy(dtype="int64")})
    out["cumulative"] = out["new"].cumsum() + int((first < (years[0] if years else 0)).sum())
    return out


def joint_programs_by_partner_country(data: Any, year: int | None = None, filters: Any = None) -> pd.DataFrame | None:
    """Joint programs by partner country: country (ISO3; <NA> = unknown), programs (running in ``year``; all when None)."""
    data = _data(data, filters)
    programs = _frame(data, "programs")
    if programs is None:
        return None
    rows = running_programs(programs, [int(year)]) if year is not None else programs.assign(program_key=fold_name(programs["program"]))
    counts = rows.groupby("country", dropna=False)["program_key"].nunique()
    out = pd.DataFrame({"country": counts.index.astype("str"), "programs": counts.to_numpy(dtype="int64")})
    out["country"] = out["country"].where(counts.index.notna())
    return _sorted(out, "programs", "country")


def joint_program_enrollment_per_year(data: Any, filters: Any = None) -> pd.DataFrame | None:
    """Joint program students and graduates per year: year, students, graduates (<NA> without the column)."""
    data = _data(data, filters)
    enrollment = _frame(data, "program_enrollment")
    if enrollment is None:
        return None
    years = available_years(data)
    students = k.joint_program_students_by_year(enrollment, years=years)
    graduates = k.joint_program_graduates_by_year(enrollment, years=years)
    return pd.DataFrame({"year": np.asarray(years, dtype="int64"), "students": students.to_numpy(),
                         "graduates": (graduates if graduates is not None else year_series(pd.NA, years)).astype("Int64").to_numpy()})


# --------------------------------------------------------------------------- mobility

def _international_mobility(data: Any, filters: Any, year: int | None = None) -> pd.DataFrame | None:
    data = _data(data, filters)
    mobility = _frame(data, "mobility")
    if mobility is None:
        return None
    rows = international_mobility(mobility, data.home)
    if year is not None:
        rows = rows.loc[(rows["year"] == int(year)).to_numpy(dtype=bool)]
    return rows


def mobility_per_year(data: Any, filters: Any = None) -> pd.DataFrame | None:
    """International mobility per year, direction and category: year, direction, category, people (sum of count).

    Every (year, direction, category) combination of the data's years is present (0 when none).
    """
    rows = _international_mobility(data, filters)
    if rows is None:
        return None
    years = available_years(_data(data, filters))
    grid = pd.MultiIndex.from_product([years, ["in", "out"], ["student", "staff"]],
                                      names=["year", "direction", "category"])
    sums = _weights(rows).groupby([rows["year"], rows["direction"], rows["category"]]).sum()
    out = sums.reindex(grid, fill_value=0).rename("people").reset_index()
    return out.astype({"year": "int64", "people": "int64"})


def mobility_by_country(data: Any, year: int | None = None, filters: Any = None) -> pd.DataFrame | None:
    """International mobility by country and direction: country (ISO3; <NA> = unknown), direction, people.

    For one year, or every year when ``year`` is None.
    """
    rows = _international_mobility(data, filters, year)
    if rows is None:
        return None
    sums = _weights(rows).groupby([rows["country"], rows["direction"]], dropna=False).sum()
    out = sums.rename("people").reset_index()
    return out.sort_values(["direction", "people", "country"], ascending=[True, False, True],
                           na_position="last").reset_index(drop=True)


def mobility_balance_by_country(data: Any, year: int | None = None, filters: Any = None) -> pd.DataFrame | None:
    """Mobility balance by country: country, inbound, outbound, balance (inbound − outbound); largest flow first."""
    table = mobility_by_country(data, year, filters)
    if table is None:
        return None
    wide = table.pivot_table(index="country", columns="direction", values="people", aggfunc="sum",
                             fill_value=0, dropna=False)
    wide = wide.reindex(columns=["in", "out"], fill_value=0)
    out = pd.DataFrame({"country": wide.index.astype("str"), "inbound": wide["in"].to_numpy(dtype="int64"),
                        "outbound": wide["out"].to_numpy(dtype="int64")})
    out["country"] = out["country"].where(wide.index.notna())
    out["balance"] = out["inbound"] - out["outbound"]
    order = (out["inbound"] + out["outbound"]).to_numpy()
    return out.iloc[np.lexsort((out["country"].fillna("~").to_numpy(), -order))].reset_index(drop=True)


# --------------------------------------------------------------------------- events, grants, honours

def events_per_year(data: Any, filters: Any = None) -> pd.DataFrame | None:
    """Events per year: year, events, international_events (with international participants), participants,
    international_participants."""
    data = _data(data, filters)
    events = _frame(data, "events")
    if events is None:
        return None
    years = available_years(data)
    grouped = events.groupby("year")
    out = pd.DataFrame({"year": np.asarray(years, dtype="int64")})
    out["events"] = per_year(grouped.size(), years).to_numpy(dtype="int64")
    out["international_events"] = k.international_events_by_year(events, years=years).to_numpy(dtype="int64")
    out["participants"] = per_year(grouped["participants"].sum(), years).to_numpy(dtype="int64")
    out["international_participants"] = k.international_event_participants_by_year(events, years=years).to_numpy(dtype="int64")
    return out


def events_by_type(data: Any, year: int | None = None, filters: Any = None) -> pd.DataFrame | None:
    """Events by type (lower-cased; blank = `UNKNOWN`): type, events, participants, international_participants."""
    data = _data(data, filters)
    events = _frame(data, "events")
    if events is None:
        return None
    if year is not None:
        events = events.loc[(events["year"] == int(year)).fillna(False).to_numpy(dtype=bool)]
    kind = events["type"].astype("str").str.strip().str.lower()
    kind = kind.where(events["type"].notna() & (kind != ""), UNKNOWN)
    grouped = events.groupby(kind.to_numpy())
    out = pd.DataFrame({"events": grouped.size(), "participants": grouped["participants"].sum(),
                        "international_participants": grouped["international_participants"].sum()})
    out = out.rename_axis("type").reset_index().astype({"events": "int64"})
    return _sorted(out, "events", "type")


def grants_per_year(data: Any, filters: Any = None) -> pd.DataFrame | None:
    """Grant projects per year: year, active (running in Y), new (start_year = Y)."""
    data = _data(data, filters)
    grants = _frame(data, "grants")
    if grants is None:
        return None
    years = available_years(data)
    active = k.active_grants_by_year(grants, years=years)
    new = per_year(grants["start_year"].value_counts(), years)
    return pd.DataFrame({"year": np.asarray(years, dtype="int64"), "active": active.to_numpy(dtype="int64"),
                         "new": new.to_numpy(dtype="int64")})


def honorary_doctorates_per_year(data: Any, filters: Any = None) -> pd.DataFrame | None:
    """Honorary doctorates awarded per year: year, awards."""
    data = _data(data, filters)
    honours = _frame(data, "honorary_doctorates")
    if honours is None:
        return None
    years = available_years(data)
    counts = k.honorary_doctorates_by_year(honours, years=years)
    return pd.DataFrame({"year": np.asarray(years, dtype="int64"), "awards": counts.to_numpy(dtype="int64")})


def honorary_doctorates_by_country(data: Any, year: int | None = None, filters: Any = None) -> pd.DataFrame | None:
    """Honorary doctorates by country of the honoree: country (ISO3; <NA> = unknown), awards (one year or all)."""
    data = _data(data, filters)
    honours = _frame(data, "honorary_doctorates")
    if honours is None:
        return None
    if year is not None:
        honours = honours.loc[(honours["year"] == int(year)).to_numpy(dtype=bool)]
    counts = honours.groupby("country", dropna=False).size()
    out = pd.DataFrame({"country": counts.index.astype("str"), "awards": counts.to_numpy(dtype="int64")})
    out["country"] = out["country"].where(counts.index.notna())
    return _sorted(out, "awards", "country")


# --------------------------------------------------------------------------- growth

def _trend_frame(trend: pd.DataFrame | pd.Series) -> pd.DataFrame:
    if isinstance(trend, pd.Series):
        return pd.DataFrame({"year": trend.index.to_numpy(dtype="int64"), "value": trend.astype("Float64").to_numpy()})
    return trend[["year", "value"]].astype({"year": "int64", "value": "Float64"}).sort_values("year").reset_index(drop=True)


def year_over_year(trend: pd.DataFrame | pd.Series) -> pd.DataFrame:
    """Year-over-year change of a trend (year, value): year, value, change (value − previous year's),
    change_pct (change ÷ previous × 100; <NA> when the previous value is 0 or missing)."""
    out = _trend_frame(trend)
    previous = out["value"].shift(1)
    consecutive = (out["year"].diff() == 1).to_numpy()
    previous = previous.where(consecutive)
    out["change"] = (out["value"] - previous).astype("Float64")
    out["change_pct"] = (out["change"] / previous.where(previous != 0) * 100).astype("Float64")
    return out


def cagr(trend: pd.DataFrame | pd.Series, start_year: int, end_year: int) -> float | None:
    """Compound annual growth rate between two years, in %: ((end ÷ start)^(1 / years) − 1) × 100.

    None when either value is missing, the start value is ≤ 0, the end value < 0, or end ≤ start.
    """
    frame = _trend_frame(trend).set_index("year")["value"]
    if end_year <= start_year or start_year not in frame.index or end_year not in frame.index:
        return None
    first, last = frame[start_year], frame[end_year]
    if pd.isna(first) or pd.isna(last) or first <= 0 or last < 0:
        return None
    return (math.pow(float(last) / float(first), 1.0 / (end_year - start_year)) - 1.0) * 100.0


def cumulative_growth(trend: pd.DataFrame | pd.Series, base_year: int | None = None) -> pd.DataFrame:
    """Growth of a trend relative to a base year (default: the first year): year, value, growth_pct
    ((value ÷ base − 1) × 100; <NA> when the base is 0 or missing)."""
    out = _trend_frame(trend)
    if out.empty:
        out["growth_pct"] = pd.Series(dtype="Float64")
        return out
    base_year = int(out["year"].iloc[0]) if base_year is None else int(base_year)
    base = out.loc[out["year"] == base_year, "value"]
    base_value = base.iloc[0] if len(base) else pd.NA
    if pd.isna(base_value) or base_value == 0:
        out["growth_pct"] = pd.Series(pd.NA, index=out.index, dtype="Float64")
    else:
        out["growth_pct"] = ((out["value"] / base_value - 1) * 100).astype("Float64")
    return out
