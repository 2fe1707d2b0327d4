"""Filters: a year range, faculties, levels, regions and countries applied to a whole Dataset.

`apply_filters` returns a new Dataset whose frames keep only the matching rows; the input
Dataset and its frames are never changed. Every KPI and breakdown computed on the result
is "the same KPI, for the selection".

- **Year range** (``year_from``/``year_to``, inclusive, academic years): rows with a
  ``year`` column; programs and grants running at some point of the range (start_year ≤
  year_to and end_year blank or ≥ year_from); agreements valid at some point of the range.
- **Faculties / levels**: students and totals, where the column exists (compared
  case- and space-insensitively). Totals have no level column, so a level filter leaves
  them whole; a faculty filter keeps the selected faculty rows, whose sum becomes the
  denominator of the shares.
- **Regions** (continent names: Asia, Europe, Africa, North America, South America,
  Oceania; ``CIS``; or UN M49 sub-regions such as Central Asia) and **countries** (ISO
  alpha-3): every frame with a country column (the schema's column of kind ``country``: students
  and staff: citizenship; partners, mobility, programs, grants, honorary doctorates, research
  projects: country); events whose ``countries`` list names a matching country; joint-program
  enrolment rows of the programs kept.
  Rows with an unresolved country match no region or country. Totals have no country, so shares under a country filter divide by all students.
- **Universities** (issue 12: a ministry's folder of several universities): every export with a ``university``
  column keeps the rows of the selected universities (compared case- and space-insensitively), targets
  included; an export without the column (or with it blank throughout) is left whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

from metrics.rows import blank, carry_rows, fold_name, folded_codes
from metrics.schema import EXPORTS
from metrics.years import academic_year_bounds

CIS_REGION = "CIS"
# export -> its country column: the schema's column of kind "country" (derived, so that a new export
# needs no entry here).
COUNTRY_COLUMNS = {name: column.name for name, export in EXPORTS.items()
                   for column in export.columns if column.kind == "country"}
COUNTRY_LIST_COLUMNS = {"events": "countries"}
FACULTY_LEVEL_EXPORTS = ("students", "totals")
INTERVAL_EXPORTS = ("programs", "grants")  # start_year / end_year
UNFILTERED_EXPORTS = ("targets",)  # targets look ahead: never filtered (but by university, see below)
UNIVERSITY_COLUMN = "university"  # the schema's optional column of every export (issue 12)


def _tuple(values: Any) -> tuple:
    if values is None:
        return ()
    if isinstance(values, str):
        return (values,)
    return tuple(values)


@dataclass(frozen=True)
class Filters:
    """A selection: year range (inclusive), faculties, levels, regions (continents, CIS, M49 sub-regions), countries (ISO3),
    universities (names as in the data's ``university`` column; the last field, so that ``astuple`` keys grow only).

    Empty tuples select everything. Lists given to the constructor are stored as tuples,
    so a Filters is hashable.
    """

    year_from: int | None = None
    year_to: int | None = None
    faculties: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    universities: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("faculties", "levels", "regions", "countries", "universities"):
            object.__setattr__(self, name, _tuple(getattr(self, name)))
        for name in ("year_from", "year_to"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, int(value))

    @property
    def is_empty(self) -> bool:
        """True when the filters select everything."""
        return (self.year_from is None and self.year_to is None and not self.faculties and not self.levels
                and not self.regions and not self.countries and not self.universities)

    @property
    def filters_countries(self) -> bool:
        return bool(self.regions or self.countries)


def _region_match(code: str, regions: frozenset[str]) -> bool:
    from metrics import countries

    if CIS_REGION.lower() in regions and countries.is_cis(code):
        return True
    for name in (countries.continent(code), countries.region(code)):
        if name and name.lower() in regions:
            return True
    return False


def country_mask(values: pd.Series, filters: Filters) -> np.ndarray:
    """True where an ISO3 country passes the region and country filters (<NA> never passes a set filter)."""
    if not filters.filters_countries:
        return np.ones(len(values), dtype=bool)
    uniques = [u for u in pd.unique(values.dropna()) if isinstance(u, str)]
    allowed = set(uniques)
    if filters.countries:
        wanted = {c.strip().upper() for c in filters.countries}
        allowed &= wanted
    if filters.regions:
        regions = frozenset(r.strip().lower() for r in filters.regions)
        allowed = {code for code in allowed if _region_match(code, regions)}
    return values.isin(allowed).fillna(False).to_numpy(dtype=bool)


def _country_list_mask(values: pd.Series, filters: Filters) -> np.ndarray:
    if not filters.filters_countries:
        return np.ones(len(values), dtype=bool)
    exploded = values.astype("str").str.split(";").explode().str.strip()
    exploded = exploded.where(exploded.notna() & (exploded != "") & (exploded != "nan"))
    ok = pd.Series(country_mask(exploded, filters), index=exploded.index)
    return ok.groupby(level=0).any().reindex(values.index, fill_value=False).to_numpy(dtype=bool)


def _text_mask(values: pd.Series, wanted: tuple[str, ...]) -> np.ndarray:
    folded = fold_name(values)
    targets = set(fold_name(pd.Series(list(wanted), dtype="str")).dropna())
    return folded.isin(targets).fillna(False).to_numpy(dtype=bool)


def _year_mask(frame: pd.DataFrame, name: str, filters: Filters) -> np.ndarray:
    keep = np.ones(len(frame), dtype=bool)
    low, high = filters.year_from, filters.year_to
    if low is None and high is None:
        return keep
    if "year" in frame.columns:
        year = frame["year"].astype("Float64")
        if low is not None:
            keep &= (year >= low).fillna(False).to_numpy(dtype=bool)
        if high is not None:
            keep &= (year <= high).fillna(False).to_numpy(dtype=bool)
    elif name in INTERVAL_EXPORTS and "start_year" in frame.columns:
        start = frame["start_year"].astype("Float64")
        end = frame["end_year"].astype("Float64") if "end_year" in frame.columns else None
        if high is not None:
            keep &= (start <= high).fillna(False).to_numpy(dtype=bool)
        if low is not None and end is not None:
            keep &= ((end >= low).fillna(False) | end.isna()).to_numpy(dtype=bool)
    elif name == "partners":
        if high is not None and "signed" in frame.columns:
            last_day = academic_year_bounds(high)[1]
            keep &= ((frame["signed"] <= last_day) | frame["signed"].isna()).to_numpy(dtype=bool)
        if low is not None and "expires" in frame.columns:
            first_day = academic_year_bounds(low)[0]
            keep &= ((frame["expires"] >= first_day) | frame["expires"].isna()).to_numpy(dtype=bool)
    return keep


def has_universities(frame: pd.DataFrame) -> bool:
    """True when the frame names universities: the column is there (ingestion adds it, blank, to an export
    without it) and holds at least one name."""
    if UNIVERSITY_COLUMN not in frame.columns:
        return False
    return not bool(blank(frame[UNIVERSITY_COLUMN]).all())


def filter_frame(frame: pd.DataFrame, name: str, filters: Filters) -> pd.DataFrame:
    """One export's frame with the filters applied (a new frame; the input is unchanged)."""
    keep = _year_mask(frame, name, filters)
    if name in FACULTY_LEVEL_EXPORTS:
        if filters.faculties and "faculty" in frame.columns:
            keep &= _text_mask(frame["faculty"], filters.faculties)
        if filters.levels and "level" in frame.columns:
            keep &= _text_mask(frame["level"], filters.levels)
    if name in COUNTRY_COLUMNS and COUNTRY_COLUMNS[name] in frame.columns:
        keep &= country_mask(frame[COUNTRY_COLUMNS[name]], filters)
    if name in COUNTRY_LIST_COLUMNS and filters.filters_countries:
        column = COUNTRY_LIST_COLUMNS[name]
        if column in frame.columns:
            keep &= _country_list_mask(frame[column], filters)
        else:
            keep &= False
    if filters.universities and has_universities(frame):
        keep &= _text_mask(frame[UNIVERSITY_COLUMN], filters.universities)
    # Copy-on-write: the result shares the parent's data until either is changed (no copy of ten million rows).
    result = frame.copy(deep=False) if keep.all() else frame.loc[keep]
    carry_rows(frame, result, keep)
    return result


def apply_filters(data: Any, filters: Filters | None) -> Any:
    """A new Dataset with every frame filtered (see the module docstring); ``data`` is not changed."""
    if filters is None or filters.is_empty:
        return data.replace_frames()
    frames = {name: filter_frame(frame, name, filters) for name, frame in data.frames.items()
              if name not in UNFILTERED_EXPORTS}
    for name in UNFILTERED_EXPORTS:  # targets: only the selected universities' own
        frame = data.frames.get(name)
        if frame is not None and filters.universities and has_universities(frame):
            frames[name] = frame.loc[_text_mask(frame[UNIVERSITY_COLUMN], filters.universities)].copy()
    enrollment, programs = frames.get("program_enrollment"), frames.get("programs")
    if filters.filters_countries and enrollment is not None and programs is not None:
        # Enrolment has no country: keep the rows of the programs the filters keep.
        kept = set(fold_name(programs["program"]).dropna())
        frames["program_enrollment"] = enrollment.loc[
            fold_name(enrollment["program"]).isin(kept).fillna(False).to_numpy(dtype=bool)].copy()
    return data.replace_frames(**frames)


def university_parts(data: Any, names: list[str]) -> Iterator[tuple[str, Any]]:
    """(name, the data narrowed to that university) for each of ``names`` in turn: what `apply_filters` with
    ``Filters(universities=(name,))`` gives (frames naming universities keep that one's rows, in their order;
    the others stay whole). Each frame is grouped once, not searched once per university, and one part is
    held at a time."""
    keys = fold_name(pd.Series(list(names), dtype="str")).tolist()
    groups = {}  # export -> (rows grouped by university, group bounds, folded name -> group)
    for export, frame in data.frames.items():
        if frame is not None and has_universities(frame):
            codes, uniques = folded_codes(frame[UNIVERSITY_COLUMN])
            if len(uniques) < 2**15:  # a stable sort of 16-bit numbers is a radix sort: 10 M rows 1 s -> 0.1 s
                codes = codes.astype(np.int16)
            order = np.argsort(codes, kind="stable")  # each group's rows in frame order
            bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
            groups[export] = (order, bounds, {key: index for index, key in enumerate(uniques)})
    for name, key in zip(names, keys):
        frames = {}
        for export, (order, bounds, position) in groups.items():
            index = position.get(key)
            rows = order[bounds[index]:bounds[index + 1]] if index is not None else order[:0]
            frames[export] = data.frames[export].iloc[rows]
            carry_rows(data.frames[export], frames[export], rows)
        yield name, data.replace_frames(**frames)


def universities(data: Any) -> list[str]:
    """The universities a data set holds (issue 12): the distinct names of every export's ``university`` column
    (names differing only in case or spacing are one, shown in their most frequent spelling), sorted; [] when no
    export has the column."""
    spellings: dict[str, dict[str, int]] = {}
    for frame in data.frames.values():
        if frame is None or UNIVERSITY_COLUMN not in frame.columns:
            continue
        raw = frame[UNIVERSITY_COLUMN].value_counts(dropna=True)  # per distinct spelling (a category: its codes)
        raw = raw[raw > 0]
        counts = raw.groupby([" ".join(str(v).split()) for v in raw.index], sort=False).sum()
        folded = fold_name(pd.Series(counts.index, dtype="object"))
        for spelling, key, n in zip(counts.index, folded.tolist(), counts.tolist()):
            if isinstance(key, str) and key:
                seen = spellings.setdefault(key, {})
                seen[spelling] = seen.get(spelling, 0) + int(n)
    names = [max(seen.items(), key=lambda item: item[1])[0] for seen in spellings.values()]
    return sorted(names, key=str.casefold)
