"""`metrics.rows.has_values`: whether a column the file may not have had holds any value."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics.memo import clear_all
from metrics.rows import HAS_VALUES_HEAD, has_values


@pytest.mark.parametrize("dtype", ["str", "category", "object"])
def test_a_value_after_the_first_rows_is_found_and_blank_columns_have_none(dtype):
    clear_all()
    blanks = [None, "", "  ", "\u00a0"] * (HAS_VALUES_HEAD // 2)
    late = pd.DataFrame({"student_id": pd.Series(blanks + ["S1"], dtype=dtype)})
    early = pd.DataFrame({"student_id": pd.Series(["S1"] + blanks, dtype=dtype)})
    none = pd.DataFrame({"student_id": pd.Series(blanks, dtype=dtype)})
    assert has_values(late, "student_id") is True
    assert has_values(early, "student_id") is True
    assert has_values(none, "student_id") is False
    assert has_values(none, "status") is False  # no such column
    assert has_values(none.iloc[:0], "student_id") is True  # no rows: cannot tell, kept
