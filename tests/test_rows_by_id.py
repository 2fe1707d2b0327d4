"""Student ids numbered by one sort of their bytes (`metrics.rows._rows_by_id`), checked against a plain
Python reading of the same rows: equal ids share a code and only they do, blank ids get -1, the first row
of a student in a year is the one counted, and a student's first year is the earliest year of their rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from metrics import codes, rows
from metrics.memo import clear_all


def _by_hand(years: list[int], ids: list) -> tuple[list, list[bool], list[int]]:
    """(the ids with blanks as None, first row of the (id, year)?, first year of the id or -1), in Python."""
    cleaned = [None if value is None or not str(value).strip() else value for value in ids]
    first_year: dict = {}
    for year, value in zip(years, cleaned):
        if value is not None:
            first_year[value] = min(first_year.get(value, year), year)
    seen: set = set()
    first_rows = []
    for year, value in zip(years, cleaned):
        first_rows.append(value is None or (value, year) not in seen)
        if value is not None:
            seen.add((value, year))
    return cleaned, first_rows, [-1 if value is None else first_year[value] for value in cleaned]


def _check(years: list[int], ids: list, dtype: str = "str", expect_sorted: bool | None = True) -> bool:
    clear_all()
    frame = pd.DataFrame({"year": years, "student_id": pd.Series(ids, dtype=dtype)})
    cleaned, first_rows, first_seen = _by_hand(years, ids)
    by_id = rows._rows_by_id(frame)
    assert expect_sorted is None or (by_id is not None) == expect_sorted
    codes = list(rows.student_id_codes(frame))
    assert [code == -1 for code in codes] == [value is None for value in cleaned]
    pairs = {(code, value) for code, value in zip(codes, cleaned) if value is not None}
    assert len(pairs) == len({code for code, _ in pairs}) == len({value for _, value in pairs})  # one code per id
    if pairs and by_id is not None:
        assert sorted({code for code, _ in pairs}) == list(range(len(pairs)))  # numbered by the sort: 0 .. ids - 1
    assert list(rows.first_year_seen(frame)) == first_seen
    assert list(rows.active_student_mask(frame)) == first_rows
    return by_id is not None


def test_ids_of_one_length_are_numbered_from_their_bytes():
    years = [2020, 2021, 2020, 2020, 2022, 2021, 2019]
    ids = ["S1000001", "S1000002", "S1000001", "S1000001", "S1000002", "S9999999", "S1000002"]
    _check(years, ids)


def test_ids_of_different_lengths_blank_and_missing():
    years = [2020, 2020, 2021, 2021, 2022, 2022, 2020, 2023, 2023]
    ids = ["12", "012", "12", None, "", "7", "0012", "120", "12"]  # "12" and "012" are different students
    _check(years, ids)


def test_letters_digits_and_cyrillic_ids():
    years = [2021, 2021, 2022, 2022, 2023, 2021]
    ids = ["АБ-17", "AB-17", "АБ-17", "ab-17", "Z", "АБ-17"]
    _check(years, ids)


def test_white_space_ids_go_back_to_hashing_and_count_as_blank():
    years = [2020, 2020, 2021]
    ids = ["A1", " ", "A1"]
    _check(years, ids, expect_sorted=False)
    _check(years, ["A1", "\u00a0", "A1"], expect_sorted=False)  # a no-break space is white space too


def test_an_id_with_a_nul_byte_or_too_long_is_hashed():
    _check([2020, 2021, 2021], ["a\x00", "a", "a\x00"], expect_sorted=False)
    long_id = "x" * (codes.PACK_WIDTH + 1)
    _check([2020, 2021, 2021], [long_id, "a", long_id], expect_sorted=False)


def test_numbers_too_wide_for_64_bits_are_hashed():
    # 32 bytes of any value at every position: the ids' number needs 256 bits
    rng = np.random.default_rng(3)
    ids = ["".join(chr(33 + int(c)) for c in rng.integers(0, 90, codes.PACK_WIDTH)) for _ in range(50)]
    ids += ids[:10]
    years = [2020 + i % 3 for i in range(len(ids))]
    _check(years, ids, expect_sorted=False)


def test_category_ids_and_a_single_year():
    years = [2024] * 6
    ids = ["b", "a", "b", None, "c", "a"]
    _check(years, ids, dtype="category")


def test_random_frames_agree_with_python():
    """Ids of up to 23 characters (up to 46 bytes): short ones are sorted, the widest hashed; both agree."""
    rng = np.random.default_rng(11)
    sorted_frames = 0
    for trial in range(60):
        size = int(rng.integers(1, 400))
        width = int(rng.integers(1, 24))
        pool = ["".join(rng.choice(list("0123456789AZaz-Ж"), int(rng.integers(1, width + 1)))) for _ in range(size // 3 + 1)]
        ids = [pool[int(i)] if rng.random() > 0.1 else rng.choice([None, ""]) for i in rng.integers(0, len(pool), size)]
        years = [int(y) for y in rng.integers(1990, 1990 + int(rng.integers(1, 40)), size)]
        sorted_frames += _check(years, ids, expect_sorted=None if width > 5 else True)
    assert 20 < sorted_frames < 55


def test_frames_without_ids_or_rows():
    _check([2020, 2021], [None, ""])
    clear_all()
    empty = pd.DataFrame({"year": pd.Series([], dtype="int64"), "student_id": pd.Series([], dtype="str")})
    assert list(rows.active_student_mask(empty)) == []


@pytest.mark.parametrize("ids", [["S1", "S2", "S1"], ["S1", None, "S1"]])
def test_filtered_frame_keeps_its_parents_codes(ids):
    """Codes carried from a parent are the numbers the child's rows are sorted by: the same codes."""
    from metrics.filters import Filters, filter_frame
    clear_all()
    frame = pd.DataFrame({"year": [2020, 2021, 2021], "citizenship": pd.Series(["IND"] * 3, dtype="category"),
                          "student_id": pd.Series(ids, dtype="str")})
    parent = rows.student_id_codes(frame)
    child = filter_frame(frame, "students", Filters(year_from=2021))
    assert list(rows.student_id_codes(child)) == list(parent[1:])
    assert list(rows.first_year_seen(child)) == [-1 if ids[1] is None else 2021, 2021]




def test_ids_numbered_ahead_in_a_thread_are_taken_once_for_the_same_buffers(monkeypatch):
    """Ingestion numbers a long id column in a thread (`prefetch_byte_numbers`); the first `byte_numbers`
    of an array with the same buffers takes that result (equal to computing it), and only once."""
    import pyarrow as pa

    monkeypatch.setattr(codes, "PREFETCH_ROWS", 10)
    ids = pd.Series([f"S{index % 7:03d}" for index in range(50)] + [None, ""], dtype="str")
    expected = codes.byte_numbers(pa.array(ids.array), 64, prefetched=False)
    assert codes.prefetch_byte_numbers(ids)
    assert codes._PREFETCHED
    other = pd.Series(ids.tolist(), dtype="str")  # equal values, other buffers: not taken
    assert codes._prefetched(pa.array(other.array)) is None and codes._PREFETCHED
    taken = codes.byte_numbers(pa.array(ids.array), 64)
    assert not codes._PREFETCHED  # taken once
    for left, right in zip(taken[:2], expected[:2]):
        assert left.tolist() == right.tolist()
    assert taken[2] == expected[2]
    assert not codes.prefetch_byte_numbers(ids.iloc[:5])  # short: not worth a thread
    assert not codes.prefetch_byte_numbers(pd.Series(range(50)))  # not Arrow text


def test_a_loaded_export_counts_each_student_once_with_the_ids_numbered_ahead(tmp_path, monkeypatch):
    """The whole way: a students export whose ids were numbered in a thread during ingestion gives the
    first rows and first years a Python reading of the file gives."""
    from metrics.ingest import load_dataset

    monkeypatch.setattr(codes, "PREFETCH_ROWS", 10)
    years = [2020 + (index * 7) % 4 for index in range(60)]
    ids = [f"A{(index * 5) % 13}" if index % 9 else "" for index in range(60)]
    lines = ["year;citizenship;student_id"] + [f"{year};India;{value}" for year, value in zip(years, ids)]
    (tmp_path / "students.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    clear_all()
    frame = load_dataset(tmp_path).get("students")
    assert list(frame["student_id"].fillna("")) == ids
    _, first_rows, first_seen = _by_hand(years, ids)
    assert list(rows.active_student_mask(frame)) == first_rows
    assert list(rows.first_year_seen(frame)) == first_seen
