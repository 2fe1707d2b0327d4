"""Values looked up through category codes (`metrics.codes`), against plain Python on the same codes."""

from __future__ import annotations

import numpy as np
import pytest

from metrics.codes import through_codes, used_categories


@pytest.mark.parametrize("rows", [5000, 200_000])  # NumPy's indexing, then Arrow's take
@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int32, np.int64])
def test_through_codes_gives_each_rows_category_value_and_missing_for_minus_one(dtype, rows):
    rng = np.random.default_rng(1)
    count = 100 if dtype == np.int8 else 300
    per_category = rng.integers(0, 1000, count)
    codes = rng.integers(-1, count, rows).astype(dtype)
    expected = [-7 if code == -1 else per_category[code] for code in codes.tolist()]
    assert through_codes(per_category, codes, -7).tolist() == expected
    flags = per_category % 2 == 0
    looked = through_codes(flags, codes, True)
    assert looked.dtype == bool
    assert looked.tolist() == [True if code == -1 else bool(flags[code]) for code in codes.tolist()]


def test_through_codes_of_no_categories_and_no_rows():
    assert through_codes(np.zeros(0, dtype=bool), np.full(4, -1, dtype=np.int8), True).tolist() == [True] * 4
    assert through_codes(np.arange(3), np.zeros(0, dtype=np.int8), -1).tolist() == []


@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int64])
def test_used_categories_are_the_codes_that_occur(dtype):
    codes = np.array([3, -1, 0, 3, 5, -1], dtype=dtype)
    assert used_categories(codes, 7).tolist() == [i in {0, 3, 5} for i in range(7)]
    assert used_categories(np.full(3, -1, dtype=dtype), 2).tolist() == [False, False]
    assert used_categories(codes[:0], 4).tolist() == [False] * 4
    assert used_categories(codes, 0).tolist() == []


def test_looked_up_values_can_be_changed_in_place():
    codes = np.tile(np.array([0, 1, -1], dtype=np.int8), 100_000)  # Arrow's take: its result copied, writable
    looked = through_codes(np.array([True, False]), codes, False)
    looked &= np.ones(len(codes), dtype=bool)
    looked[0] = False
    assert looked[:3].tolist() == [False, False, False] and int(looked.sum()) == 100_000 - 1


def test_through_codes_keeps_the_tables_small_type():
    codes = np.array([0, -1, 1], dtype=np.int8)
    assert through_codes(np.array([5, 6], dtype=np.int8), codes, -1).dtype == np.int8
    assert through_codes(np.array([5, 6], dtype=np.uint16), codes, 9).tolist() == [5, 9, 6]
    assert through_codes(np.array([5, 6], dtype=np.uint16), codes, 9).dtype == np.uint16
    assert through_codes(np.array(["a", "b"], dtype=object), codes, None).tolist() == ["a", None, "b"]
