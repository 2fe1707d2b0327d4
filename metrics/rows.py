"""Row selections: which rows of an export a KPI or a breakdown counts.

The KPIs (`metrics.kpis`), the breakdowns (`metrics.breakdowns`) and the reports count
the same rows because they take them from here:

- **Foreign** (`is_foreign`): a country other than the home country (ISO alpha-3). Rows
  whose country could not be resolved, and stateless persons, are foreign (not home).
- **Active students** (`active_students`): rows whose ``status`` is in
  `INACTIVE_STATUSES` are left out (where the column exists) and a ``student_id`` seen
  twice in the same year counts once.
- **Partners** (`partner_agreements`): agreements with foreign partners, one identity per
  partner (``partner_id``, else the case- and space-folded name); a partner is active in
  a year when one of its agreements is valid at some point of it (`agreement_valid_matrix`).
- **Running programs and grants**: the rule of `metrics.years` (`running_in_year`).
- **International mobility** (`international_mobility`): mobility rows abroad.

Selections of a frame that are asked for again and again are remembered per frame object
in `metrics.memo` (the frames are never changed in place). Every function returns new
frames or arrays; its inputs are not changed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa

from metrics.codes import byte_numbers, through_codes
from metrics.memo import ROWS, per_frame
from metrics.years import academic_year_bounds, per_year, running_pairs

DORMANT_YEARS = 2  # dormant partners: no activity in this many academic years (Y-1 and Y)

# Enrolment statuses that mean the student is no longer studying (compared case-folded).
INACTIVE_STATUSES = frozenset({
    "graduated", "expelled", "withdrawn", "graduate", "dismissed", "dropped out",
    "выпущен", "выпускник", "окончил", "отчислен", "отчислена", "выбыл", "выбыла",
    "bitirgan", "bitiruvchi", "chetlashtirilgan", "chiqarilgan", "o'qishdan chetlashtirilgan",
})

Frame = pd.DataFrame | None


# --------------------------------------------------------------------------- columns and values

def has_columns(frame: Frame, *columns: str) -> bool:
    """True when the frame exists and has every one of the columns."""
    return frame is not None and all(column in frame.columns for column in columns)


def has_values(frame: Frame, column: str) -> bool:
    """True when the frame has the column with at least one non-blank value (or has no rows at all).

    Ingestion gives every export all its contract's columns, blank where the file has
    none, so a column being there does not mean the file had it. A frame without rows
    cannot tell, and keeps its column (a year or faculty with no students counts 0).
    """
    if frame is None or column not in frame.columns:
        return False
    if not len(frame):
        return True

    def compute() -> bool:  # the first rows usually answer: ten million ids are not stripped to see one
        values = frame[column]
        head = values.iloc[:HAS_VALUES_HEAD]
        return not bool(blank(head).all()) or (len(values) > len(head) and not bool(blank(values).all()))
    return per_frame(frame, ("has_values", column), compute)


HAS_VALUES_HEAD = 1000  # rows of a column looked at first for a value


def blank(values: pd.Series) -> np.ndarray:
    """True where a text value is missing or only whitespace."""
    if isinstance(values.dtype, pd.CategoricalDtype):  # decided once per category
        categories = values.cat.categories
        blank_category = np.asarray(categories.astype("str").str.strip() == "", dtype=bool)
        return through_codes(blank_category, values.cat.codes.to_numpy(), True)  # code -1: missing, blank
    missing = values.isna().to_numpy(dtype=bool)
    stripped = values.astype("str").str.strip()
    return missing | (stripped == "").to_numpy(dtype=bool)


def is_in(values: pd.Series, accepted) -> np.ndarray:
    """True where a value is one of ``accepted`` (False where missing). A category column is looked up
    through its codes: a table of its few categories, not a hash of every row."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        hits = np.asarray(values.cat.categories.isin(list(accepted)), dtype=bool)
        return through_codes(hits, values.cat.codes.to_numpy(), False)  # code -1 (missing): False
    return values.isin(list(accepted)).fillna(False).to_numpy(dtype=bool)


def in_folded(values: pd.Series, accepted: frozenset[str]) -> np.ndarray:
    """True where a text value, stripped and lower-cased, is in ``accepted`` (computed on the distinct values)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        uniques = values.cat.categories.tolist()
    else:
        uniques = pd.unique(values.dropna()).tolist()
    hits = [u for u in uniques if isinstance(u, str) and u.strip().lower() in accepted]
    return is_in(values, hits)


def is_foreign(country: pd.Series, home: str) -> np.ndarray:
    """True where a country is not the home country; unresolved (<NA>) counts as foreign."""
    if isinstance(country.dtype, pd.CategoricalDtype):  # through the codes: missing is not home
        return ~is_in(country, (home,))
    same = country.eq(home)
    return ~same.fillna(False).to_numpy(dtype=bool)


def _fold_text(text: str) -> str | None:
    folded = " ".join(str(text).lower().split())
    return folded or None


def fold_name(values: pd.Series) -> pd.Series:
    """Names compared case- and space-insensitively: lower case, whitespace collapsed (<NA> when blank).

    Folds each distinct value once, so it is cheap on long columns with few names.
    """
    codes, uniques = pd.factorize(values)
    folded = np.array([_fold_text(u) for u in uniques.tolist()] + [None], dtype=object)
    return pd.Series(folded[codes], index=values.index, dtype="str", name=values.name)


def folded_codes(values: pd.Series) -> tuple[np.ndarray, list]:
    """(a code per value, the folded names in code order): `pd.factorize(fold_name(values))`, numbering aside;
    a category column folds its categories, not every row. Blank and missing values get -1."""
    if not isinstance(values.dtype, pd.CategoricalDtype):
        codes, uniques = pd.factorize(fold_name(values))
        return codes, uniques.tolist()
    per_name, uniques = pd.factorize(fold_name(pd.Series(values.cat.categories, dtype="object")))
    return through_codes(per_name, values.cat.codes.to_numpy(), -1), uniques.tolist()  # code -1 stays -1


def id_codes(values: pd.Series) -> np.ndarray:
    """Integer codes of ids (ingestion strips text, so ids compare as written); -1 for missing or blank ids."""
    if isinstance(values.dtype, pd.CategoricalDtype):  # ingestion keeps ids as categories: the codes are there
        codes, uniques = values.cat.codes.to_numpy().astype(np.int64), values.cat.categories
    else:
        codes, uniques = pd.factorize(values)
    if not len(uniques):
        return codes
    blanks = np.flatnonzero(np.asarray(pd.Series(uniques).str.strip() == "", dtype=bool))
    if len(blanks):
        codes = np.where(np.isin(codes, blanks), -1, codes)
    return codes


# --------------------------------------------------------------------------- students

ID_CODES = ("id_codes",)


def student_id_codes(students: pd.DataFrame) -> np.ndarray:
    """Integer codes of the student ids; -1 for missing or blank ids. Computed once per frame.

    Numbered by one sort of the ids' bytes where they allow it (`_rows_by_id`), else by hashing them;
    the codes are also kept with a frame's snapshot (`adopt_student_row_arrays`) and carried to the
    frames filtered from it (`carry_rows`).
    """
    def compute() -> np.ndarray:
        by_id = _rows_by_id(students)
        return by_id["id_codes"] if by_id is not None else id_codes(students["student_id"])
    return per_frame(students, ID_CODES, compute)


BY_ID = ("rows_by_id",)
FIRST_ROWS = ("first_rows",)


def _id_numbers(students: pd.DataFrame, bits: int) -> tuple[np.ndarray, np.ndarray, int, bool] | None:
    """(the rows with an id, a number per such row, a bound of the numbers, whether they are dense codes):
    equal numbers for equal ids and only for them, below ``2**bits``. Codes already known (a snapshot's, a parent's, a
    category column's) are the numbers; an Arrow text column's ids are read as numbers from their bytes
    (`metrics.codes.byte_numbers`). None for any other column: its ids are hashed."""
    found, codes = ROWS.get(students, ID_CODES)
    values = students["student_id"]
    if not found and isinstance(values.dtype, pd.CategoricalDtype):
        found, codes = True, id_codes(values)
    if found:
        codes = np.asarray(codes)
        valid = codes >= 0
        return valid, codes[valid].astype(np.uint64), int(codes.max()) + 1 if valid.any() else 1, True
    if not (isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow"):
        return None
    found = byte_numbers(pa.array(values.array), bits)
    return None if found is None else (*found, False)


def _rows_by_id(students: pd.DataFrame) -> dict[str, np.ndarray] | None:
    """Every row's id code, whether it is the first row of its student in its year and its student's first
    year, from one sort of (id number, year, row) packed in 64-bit integers (`_id_numbers`); None when
    the ids are hashed instead. Computed once per frame."""
    def compute() -> dict[str, np.ndarray] | None:
        year = students["year"].to_numpy(dtype="int64")
        size = len(students)
        low = int(year.min()) if size else 0
        year_bits, row_bits = (int(year.max()) - low).bit_length() if size else 0, max(1, (size - 1).bit_length())
        found = _id_numbers(students, 64 - year_bits - row_bits)
        if found is None:
            return None
        valid, numbers, bound, dense = found
        count = len(numbers)
        out = {"id_codes": np.full(size, -1, dtype=np.int64), "first_rows": np.ones(size, dtype=bool),
               "first_seen": np.full(size, -1, dtype=np.int64)}
        if not count:
            return out
        all_rows = count == size
        year = year if all_rows else year[valid]
        if (bound - 1).bit_length() + year_bits + row_bits > 64:
            return None
        u64 = np.uint64
        key = numbers << u64(year_bits + row_bits)  # (id, year, row) in one number (few arrays: each costs)
        part = np.subtract(year, low, dtype=np.int64).view(np.uint64)
        part <<= u64(row_bits)
        key |= part
        key |= np.arange(count, dtype=np.uint64)
        key.sort()  # by id, then year, then row: each group's first row first
        rows = np.bitwise_and(key, u64((1 << row_bits) - 1), out=part).view(np.int64)  # positions (< 2**63)
        key >>= u64(row_bits)  # (id, year)
        new_group = np.empty(count, dtype=bool)
        new_group[0] = True
        np.not_equal(key[1:], key[:-1], out=new_group[1:])
        ids = key >> u64(year_bits)
        new_id = np.empty(count, dtype=bool)
        new_id[0] = True
        np.not_equal(ids[1:], ids[:-1], out=new_id[1:])
        start = ids  # reused: for each sorted row, where its id's rows start (the first: its first year)
        start[:] = 0
        start[new_id] = np.flatnonzero(new_id)
        np.maximum.accumulate(start, out=start)
        packed = key[start]  # (id, first year)
        packed &= u64((1 << year_bits) - 1)
        packed <<= u64(1)
        code = start  # reused: the id's number in sorted order
        np.cumsum(new_id, out=code)
        code -= u64(1)
        code <<= u64(year_bits + 1)
        packed |= code
        packed |= new_group
        del key, start, code
        by_row = np.empty(count, dtype=np.uint64)
        by_row[rows] = packed  # back in row order: one scatter for the three values
        del packed, rows
        first = (by_row & u64(1)).astype(bool)
        by_row >>= u64(1)
        seen = (by_row & u64((1 << year_bits) - 1)).view(np.int64)
        seen += low
        codes = (by_row >> u64(year_bits)).view(np.int64)
        if dense:  # the codes already known stay the codes
            codes = numbers.astype(np.int64)
        if all_rows:
            return {"id_codes": codes, "first_rows": first, "first_seen": seen}
        out["id_codes"][valid], out["first_rows"][valid], out["first_seen"][valid] = codes, first, seen
        return out
    return per_frame(students, BY_ID, compute)


ACTIVE_MASK = ("active_mask",)
FIRST_SEEN = ("first_seen",)
GROUP_PREVIOUS = ("group_previous",)
PARENT_ROWS = ("parent_rows",)  # a filtered frame: (its parent's GROUP_PREVIOUS, the parent rows it kept)
CHAIN_STEPS = 32  # a filtered frame's first rows: looked for this far back in a group, else computed anew


def student_row_arrays(students: pd.DataFrame) -> dict[str, np.ndarray]:
    """The row-wise values of a students frame that depend on that frame alone (its id codes, which rows
    are active, each row's first year seen): what `metrics.snapshot` keeps with the frame."""
    arrays = {"active_mask": active_student_mask(students)}
    if "student_id" in students.columns:
        arrays.update(id_codes=student_id_codes(students), first_seen=first_year_seen(students).to_numpy(),
                      group_previous=group_previous(students))
    return arrays


def group_previous(students: pd.DataFrame) -> np.ndarray:
    """For every row, the position of the previous row of the same student id in the same year (-1 for a
    student's first row of a year and for rows without an id). Computed once per frame (a sort of ten
    million keys: kept with the snapshot); a filtered frame finds its rows counted once from it."""
    def compute() -> np.ndarray:
        position = np.int32 if len(students) < 2**31 else np.int64
        previous = np.full(len(students), -1, dtype=position)
        if not len(students):
            return previous
        key = _student_year_keys(students)
        order = np.argsort(key, kind="stable")  # within a key, rows in their order
        ordered = key[order]
        same = (ordered[1:] == ordered[:-1]) & (ordered[1:] >= 0)
        previous[order[1:][same]] = order[:-1][same]
        return previous
    return per_frame(students, GROUP_PREVIOUS, compute)


def adopt_student_row_arrays(students: pd.DataFrame, arrays: dict[str, np.ndarray]) -> None:
    """Take ``arrays`` (`student_row_arrays` of an equal frame) as this frame's: not computed again."""
    keys = {"id_codes": ID_CODES, "active_mask": ACTIVE_MASK, "first_seen": FIRST_SEEN,
            "group_previous": GROUP_PREVIOUS}
    if set(arrays) - set(keys) or any(len(values) != len(students) for values in arrays.values()):
        raise ValueError("row values of another frame")
    for name, values in arrays.items():
        ROWS.put(students, keys[name], pd.Series(values, index=students.index) if name == "first_seen" else values)


def carry_rows(parent: pd.DataFrame, child: pd.DataFrame, keep: np.ndarray) -> None:
    """``child`` is ``parent.loc[keep]`` (or ``parent.iloc[keep]``, positions): give it the row-wise values
    already computed for the parent.

    Values of a row alone (an id's code) are carried as they are. Those that depend on the other rows
    (first row of a student in a year, first year seen) are carried only when every row is kept; else the
    child keeps which parent rows it has, and finds its first rows through the parent's `group_previous`
    (`_first_rows_kept`) instead of hashing every (year, id) again. The first year seen is computed anew.
    """
    found, codes = ROWS.get(parent, ID_CODES)
    if found:
        ROWS.put(child, ID_CODES, codes[keep])
    keep = np.asarray(keep)
    if keep.dtype == bool and len(keep) == len(parent) and keep.all():  # every row: every value is the same
        for key in (ACTIVE_MASK, FIRST_SEEN, GROUP_PREVIOUS):
            found, values = ROWS.get(parent, key)
            if found:
                ROWS.put(child, key, values.copy(deep=False) if isinstance(values, pd.Series) else values)
        return
    found, previous = ROWS.get(parent, GROUP_PREVIOUS)
    if found and (keep.dtype == bool or len(keep) < 2 or bool((np.diff(keep) > 0).all())):
        ROWS.put(child, PARENT_ROWS, (previous, keep))  # (positions only in the parent's order, each once)


def _first_rows_kept(previous: np.ndarray, kept: np.ndarray) -> np.ndarray | None:
    """For the rows of a filtered frame (``kept``: a mask of its parent's rows, or their positions, ascending):
    True where no earlier row of the same student and year was kept, from the parent's `group_previous`;
    None when a group is too long to follow."""
    if kept.dtype == bool:
        positions = np.flatnonzero(kept)

        def was_kept(rows: np.ndarray) -> np.ndarray:
            return kept[rows]
    else:
        positions = kept

        def was_kept(rows: np.ndarray) -> np.ndarray:
            if not len(positions):
                return np.zeros(len(rows), dtype=bool)
            found = np.minimum(np.searchsorted(positions, rows), len(positions) - 1)
            return positions[found] == rows
    first = np.ones(len(positions), dtype=bool)
    back = previous[positions].astype(np.int64)
    open_ = np.flatnonzero(back >= 0)  # rows with an earlier row in the parent: was one of those kept?
    back = back[open_]
    for _ in range(CHAIN_STEPS):
        if not len(open_):
            return first
        hit = was_kept(back)
        first[open_[hit]] = False
        open_, back = open_[~hit], previous[back[~hit]].astype(np.int64)
        more = back >= 0
        open_, back = open_[more], back[more]
    return first if not len(open_) else None


def active_student_mask(students: pd.DataFrame) -> np.ndarray:
    """True for the student rows that count in their year (see `active_students`); computed once per frame."""
    return per_frame(students, ACTIVE_MASK, lambda: _active_student_mask(students))


def _active_student_mask(students: pd.DataFrame) -> np.ndarray:
    keep = np.ones(len(students), dtype=bool)
    if "status" in students.columns:
        keep &= ~in_folded(students["status"], INACTIVE_STATUSES)
    if "student_id" in students.columns and len(students):
        found, carried = ROWS.get(students, PARENT_ROWS)
        first = _first_rows_kept(*carried) if found else None
        if first is not None:  # a filtered frame: its parent's groups, followed back
            return keep & first
        keep &= _first_rows(students)
    return keep


def _first_rows(students: pd.DataFrame) -> np.ndarray:
    """True where no earlier row has the same student id and year (always for rows without an id)."""
    def compute() -> np.ndarray:
        by_id = _rows_by_id(students)
        if by_id is not None:
            return by_id["first_rows"]
        key = _student_year_keys(students)
        return ~((key >= 0) & pd.Series(key).duplicated().to_numpy(dtype=bool))
    return per_frame(students, FIRST_ROWS, compute)


def _student_year_keys(students: pd.DataFrame) -> np.ndarray:
    """One number per (year, student id) of each row; -1 for rows without an id."""
    codes = student_id_codes(students)
    year = students["year"].to_numpy(dtype="int64")
    return np.where(codes >= 0, (year - year.min()) * (int(codes.max()) + 2) + codes, -1)


def active_students(students: pd.DataFrame) -> pd.DataFrame:
    """Student rows that count in their year: status not inactive, one row per student_id and year.

    Rows whose ``status`` (case-folded) is in `INACTIVE_STATUSES` are dropped where the
    column exists; a non-blank ``student_id`` appearing more than once in a year keeps
    its first row. Returns a new frame; the input is not changed.
    """
    return students.loc[active_student_mask(students)]


def foreign_student_mask(students: pd.DataFrame, home: str) -> np.ndarray:
    """True for the active student rows (see `active_students`) whose citizenship is not ``home``
    (unresolved counted as foreign); computed once per frame. Counting through the mask selects no rows."""
    return per_frame(students, ("foreign_mask", home),
                     lambda: active_student_mask(students) & is_foreign(students["citizenship"], home))


def foreign_student_rows(students: pd.DataFrame, home: str) -> pd.DataFrame:
    """Active student rows (see `active_students`) whose citizenship is not ``home``; computed once per frame."""
    def compute() -> pd.DataFrame:
        return students.loc[foreign_student_mask(students, home)]
    return per_frame(students, ("foreign", home), compute).copy(deep=False)  # copy-on-write: callers may modify it


def first_year_seen(students: pd.DataFrame) -> pd.Series:
    """For every student row, the first year its student_id appears in the export (-1 without an id)."""
    def compute() -> pd.Series:
        by_id = _rows_by_id(students) if "student_id" in students.columns else None
        if by_id is not None:
            return pd.Series(by_id["first_seen"], index=students.index)
        codes = student_id_codes(students)
        year = students["year"].to_numpy(dtype="int64")
        valid = codes >= 0
        first = np.full(int(codes.max()) + 1 if valid.any() else 0, np.iinfo("int64").max, dtype="int64")
        np.minimum.at(first, codes[valid], year[valid])  # (faster than one pass per year, or a sort by year)
        out = np.full(len(students), -1, dtype="int64")
        out[valid] = first[codes[valid]]
        return pd.Series(out, index=students.index)
    return per_frame(students, FIRST_SEEN, compute)


def foreign_students_by_country_and_year(students: pd.DataFrame, home: str) -> pd.DataFrame:
    """Foreign students per year and citizenship (ISO3; <NA> = unknown): year, country, students."""
    def compute() -> pd.DataFrame:
        mask = foreign_student_mask(students, home)
        if isinstance(students["citizenship"].dtype, pd.CategoricalDtype) and mask.any():
            return _by_country_and_year_codes(students, mask)
        counts = students["count"].to_numpy()[mask] if "count" in students.columns else np.ones(int(mask.sum()), int)
        keys = [pd.Series(students["year"].to_numpy()[mask], name="year"),
                pd.Series(students["citizenship"].array[mask], name="citizenship")]
        return (pd.Series(counts).groupby(keys, dropna=False).sum()
                .rename("students").reset_index().rename(columns={"citizenship": "country"}))
    return per_frame(students, ("by_country", home), compute).copy()


def _by_country_and_year_codes(students: pd.DataFrame, mask: np.ndarray) -> pd.DataFrame:
    """`foreign_students_by_country_and_year` of a category citizenship column, by one bincount over
    (year, country code) of the rows of ``mask``: the groups of a groupby by year and country (its order:
    years ascending, countries in category order, unknown last), without sorting ten million keys."""
    citizenship = students["citizenship"]
    width = len(citizenship.cat.categories) + 1  # the last: unknown (code -1)
    year = students["year"].to_numpy()
    low = int(year.min())
    span = int(year.max()) - low + 1
    if span * width < 2**16 and unit_counts(students):  # every row one student: count cells of two bytes
        cells = (year - low).astype(np.uint16)
        cells *= np.uint16(width)
        cells += through_codes(np.arange(width - 1, dtype=np.uint16), citizenship.cat.codes.to_numpy(), width - 1)
        np.putmask(cells, ~np.asarray(mask, dtype=bool), span * width)  # rows not counted: one cell past the end
        rows = np.bincount(cells, minlength=span * width + 1)[:span * width].astype(np.int64)
        sums = rows
    else:
        codes = citizenship.cat.codes.to_numpy()[mask].astype(np.intp)
        codes[codes < 0] = width - 1
        cells = (year[mask] - low).astype(np.intp) * width + codes
        rows = np.bincount(cells)
        if "count" in students.columns:
            counts = students["count"].to_numpy()[mask]
            sums = np.rint(np.bincount(cells, weights=counts)).astype(counts.dtype)
        else:
            sums = rows
    seen = np.flatnonzero(rows)  # the groups that have rows, in order
    code = seen % width
    country = pd.Categorical.from_codes(np.where(code == width - 1, -1, code), dtype=citizenship.dtype)
    return pd.DataFrame({"year": (seen // width + low).astype(year.dtype), "country": country,
                         "students": sums[seen]})


def unit_counts(frame: pd.DataFrame) -> bool:
    """True when every row of the frame counts one (no ``count`` column, or all 1); computed once per frame."""
    return per_frame(frame, ("unit_counts",), lambda: "count" not in frame.columns
                     or bool((frame["count"].to_numpy() == 1).all()))


def university_total(totals: pd.DataFrame, column: str, years: Sequence[int]) -> pd.Series:
    """A totals column for the whole university per year: the blank-faculty row, else the faculty sum."""
    if "faculty" in totals.columns:
        university = blank(totals["faculty"])
    else:
        university = np.ones(len(totals), dtype=bool)
    frame = pd.DataFrame({"year": totals["year"].to_numpy(), "value": totals[column].astype("Float64").to_numpy(),
                          "university": university})
    has_row = frame.groupby("year")["university"].transform("any").to_numpy(dtype=bool)
    chosen = frame.loc[has_row == frame["university"].to_numpy()]
    sums = chosen.groupby("year")["value"].sum(min_count=1)
    return per_year(sums, years, fill=None, dtype="Float64")


# --------------------------------------------------------------------------- partners

def partner_agreements(partners: pd.DataFrame, home: str) -> pd.DataFrame:
    """Agreements with foreign partners, with a partner identity ``key`` and the folded ``name``.

    The identity is ``partner_id`` when given (rows without an id take the id another row
    gives the same folded name), else the folded name. Partners in the home country are
    left out; partners with an unresolved country are kept. Returns a new frame with
    columns key, name, partner, country, signed, expires (+ type, fields when present).
    """
    foreign = partners.loc[is_foreign(partners["country"], home)]
    name = fold_name(foreign["partner"])
    key = pd.Series("name:" + name.astype("str"), index=foreign.index).where(name.notna())
    if "partner_id" in foreign.columns:
        has_id = ~blank(foreign["partner_id"])
        ids = "id:" + foreign["partner_id"].astype("str").str.strip()
        named_ids = pd.Series(ids[has_id].to_numpy(), index=name[has_id].to_numpy(), dtype="str")
        named_ids = named_ids[~named_ids.index.duplicated()]
        by_name = name.map(named_ids).astype("str").fillna(key)
        key = pd.Series(np.where(has_id, ids, by_name), index=foreign.index, dtype="str")
    out = pd.DataFrame({"key": key, "name": name, "partner": foreign["partner"], "country": foreign["country"]},
                       index=foreign.index)
    for column in ("signed", "expires"):
        out[column] = (pd.to_datetime(foreign[column]) if column in foreign.columns
                       else pd.Series(pd.NaT, index=foreign.index, dtype="datetime64[ns]"))
    for column in ("type", "fields", "city", "agreement", "partner_id"):
        if column in foreign.columns:
            out[column] = foreign[column]
    return out.loc[out["key"].notna()].reset_index(drop=True)


def agreement_valid_matrix(agreements: pd.DataFrame, years: Sequence[int]) -> np.ndarray:
    """agreements × years booleans: the agreement is valid at some point of academic year Y.

    Valid from ``signed`` (blank: always) to ``expires`` (blank: open-ended): signed on or
    before 31 Aug Y+1 and expiring on or after 1 Sep Y.
    """
    starts = np.array([academic_year_bounds(y)[0].value for y in years], dtype="int64")[None, :]
    ends = np.array([academic_year_bounds(y)[1].value for y in years], dtype="int64")[None, :]
    signed = agreements["signed"].astype("datetime64[ns]").to_numpy()
    expires = agreements["expires"].astype("datetime64[ns]").to_numpy()
    s = np.where(np.isnat(signed), np.iinfo("int64").min, signed.astype("int64"))[:, None]
    e = np.where(np.isnat(expires), np.iinfo("int64").max, expires.astype("int64"))[:, None]
    return (s <= ends) & (e >= starts)


def partner_country(agreements: pd.DataFrame) -> pd.Series:
    """A partner key's country: the first resolved country among its agreements (<NA> if none)."""
    return agreements.groupby("key", sort=False)["country"].first()


def active_partner_years(partners: pd.DataFrame, years: Sequence[int], home: str) -> pd.DataFrame:
    """One row per active foreign partner and year: year, key, country (the partner's first known country).

    A partner is active in Y when at least one of its agreements is valid at some point
    of the academic year (1 Sep Y – 31 Aug Y+1); see `agreement_valid_matrix`.
    """
    agreements = partner_agreements(partners, home)
    years = list(years)
    if agreements.empty or not years:
        return pd.DataFrame({"year": pd.Series(dtype="int64"), "key": pd.Series(dtype="str"),
                             "country": pd.Series(dtype="str")})
    valid = agreement_valid_matrix(agreements, years)
    rows, cols = np.nonzero(valid)
    country = partner_country(agreements)
    pairs = pd.DataFrame({"year": np.asarray(years, dtype="int64")[cols],
                          "key": agreements["key"].to_numpy()[rows]}).drop_duplicates()
    pairs["country"] = pairs["key"].map(country).astype(agreements["country"].dtype)
    return pairs.reset_index(drop=True)


def partner_activity(mobility: Frame, programs: Frame, grants: Frame, years: Sequence[int]) -> pd.DataFrame | None:
    """Years (among ``years``) in which a partner (folded name) had mobility, a running joint program
    or an active grant: columns year, name.

    None when none of the three exports has a partner column. Events have no partner
    column and do not count.
    """
    if not any(has_values(frame, "partner") for frame in (mobility, programs, grants)):
        return None
    years = list(years)
    pieces = [pd.DataFrame({"year": pd.Series(dtype="int64"), "name": pd.Series(dtype="str")})]
    if has_columns(mobility, "partner", "year"):
        in_years = mobility["year"].isin(years).to_numpy(dtype=bool)
        rows = mobility.loc[in_years]
        pieces.append(pd.DataFrame({"year": rows["year"].to_numpy(dtype="int64"),
                                    "name": fold_name(rows["partner"]).to_numpy()}))
    for frame in (programs, grants):
        if has_columns(frame, "partner", "start_year") and years:
            rows, cols = running_pairs(frame, years)
            pieces.append(pd.DataFrame({"year": np.asarray(years, dtype="int64")[cols],
                                        "name": fold_name(frame["partner"]).to_numpy()[rows]}))
    activity = pd.concat(pieces, ignore_index=True).dropna().drop_duplicates()
    return activity.astype({"year": "int64"})


def dormant_partner_keys(partners: pd.DataFrame, mobility: Frame, programs: Frame, grants: Frame,
                         years: Sequence[int], home: str) -> pd.DataFrame | None:
    """Active partners (year, key, country) with no activity in academic years Y-1 and Y.

    Activity: a mobility row, a running joint program or an active grant naming the
    partner (matched on the folded name of any of the partner's agreements). None when
    no activity export with a partner column exists.
    """
    lookback = sorted({y - shift for y in years for shift in range(DORMANT_YEARS)})
    activity = partner_activity(mobility, programs, grants, lookback)
    if activity is None:
        return None
    active = active_partner_years(partners, years, home)
    agreements = partner_agreements(partners, home)
    names = agreements[["key", "name"]].drop_duplicates()
    # An activity in year a covers the partner in years a .. a + DORMANT_YEARS - 1.
    covered = pd.concat([activity.assign(year=activity["year"] + shift) for shift in range(DORMANT_YEARS)],
                        ignore_index=True).drop_duplicates()
    busy = names.merge(covered, on="name")[["year", "key"]].drop_duplicates()
    merged = active.merge(busy, on=["year", "key"], how="left", indicator=True)
    return merged.loc[merged["_merge"] == "left_only", ["year", "key", "country"]].reset_index(drop=True)


# --------------------------------------------------------------------------- programs, mobility, staff

def running_programs(programs: pd.DataFrame, years: Sequence[int]) -> pd.DataFrame:
    """One row per program and year it runs: year + the program's columns (start_year ≤ Y, end blank or ≥ Y)."""
    rows, cols = running_pairs(programs, years)
    out = programs.iloc[rows].reset_index(drop=True)
    out.insert(0, "year", np.asarray(list(years), dtype="int64")[cols])
    out["program_key"] = fold_name(out["program"])
    return out


def international_mobility(mobility: pd.DataFrame, home: str) -> pd.DataFrame:
    """Mobility rows with a country other than the home country (unresolved countries kept); computed once per frame."""
    return per_frame(mobility, ("international", home),
                     lambda: mobility.loc[is_foreign(mobility["country"], home)]).copy(deep=False)


def staff_weights(staff: pd.DataFrame) -> pd.Series:
    """Each staff row's weight: its FTE when the fte column has values (a blank fte counts as
    ``count`` full-time posts), else its headcount ``count``."""
    count = staff["count"] if "count" in staff.columns else pd.Series(1, index=staff.index)
    if "fte" in staff.columns and staff["fte"].notna().any():
        return staff["fte"].astype("Float64").fillna(count.astype("Float64"))
    return count.astype("Float64")
