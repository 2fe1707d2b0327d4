"""metrics.compare: rows added/removed/changed per export and year, KPIs before → after (values by hand)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandas.testing as pdt

from metrics.compare import compare, row_changes
from metrics.ingest import load_dataset


def frame(rows: list[tuple], columns=("year", "country", "count")) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=list(columns))
    return out.astype({"year": "int64", "count": "int64"})


def expected(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["export", "year", "added", "removed", "changed"]).astype(
        {"year": "Int64", "added": "int64", "removed": "int64", "changed": "int64"})


def test_rows_are_compared_as_multisets_per_year():
    before = frame([(2023, "KAZ", 1), (2023, "KAZ", 1), (2023, "IND", 2), (2024, "NPL", 1)])
    after = frame([(2023, "KAZ", 1), (2023, "IND", 2), (2023, "IND", 2), (2024, "NPL", 1), (2024, "CHN", 4)])
    result = row_changes("mobility", before, after)
    # 2023: one of the two KAZ rows removed, a second IND row added; 2024: CHN added
    pdt.assert_frame_equal(result, expected([("mobility", 2023, 1, 1, 0), ("mobility", 2024, 1, 0, 0)]))


def test_a_row_with_the_same_id_and_other_values_is_changed_not_added_and_removed():
    columns = ("year", "country", "count", "student_id")
    before = frame([(2024, "KAZ", 1, "S1"), (2024, "IND", 1, "S2"), (2024, "NPL", 1, None)], columns)
    after = frame([(2024, "KAZ", 1, "S1"), (2024, "CHN", 1, "S2"), (2024, "EGY", 1, None), (2024, "TUR", 1, "S3")],
                  columns)
    result = row_changes("students", before, after)
    # S2 changed; the row without an id is one removed and one added; S3 added
    pdt.assert_frame_equal(result, expected([("students", 2024, 2, 1, 1)]))


def test_raw_country_text_is_not_compared():
    before = frame([(2024, "KAZ", 1)]).assign(country_raw="Казахстан")
    after = frame([(2024, "KAZ", 1)]).assign(country_raw="Kazakhstan")
    pdt.assert_frame_equal(row_changes("mobility", before, after), expected([("mobility", 2024, 0, 0, 0)]))


def test_an_export_on_one_side_only_is_all_added_or_all_removed():
    rows = frame([(2023, "KAZ", 1), (2024, "IND", 2)])
    pdt.assert_frame_equal(row_changes("mobility", None, rows),
                           expected([("mobility", 2023, 1, 0, 0), ("mobility", 2024, 1, 0, 0)]))
    pdt.assert_frame_equal(row_changes("mobility", rows, None),
                           expected([("mobility", 2023, 0, 1, 0), ("mobility", 2024, 0, 1, 0)]))


def test_an_export_without_years_has_one_row_with_no_year():
    before = pd.DataFrame({"partner": ["A", "B"], "country": ["KAZ", "IND"]})
    after = pd.DataFrame({"partner": ["A", "C"], "country": ["KAZ", "NPL"]})
    pdt.assert_frame_equal(row_changes("partners", before, after), expected([("partners", pd.NA, 1, 1, 0)]))


def write(folder: Path, students: str) -> Path:
    folder.mkdir()
    (folder / "students.csv").write_text(students, encoding="utf-8")
    return folder


def test_kpis_before_and_after_for_the_latest_years(tmp_path):
    before = load_dataset(write(tmp_path / "a", "year,citizenship,count\n2022,India,1\n2023,India,2\n2024,India,3\n"
                                                "2024,Uzbekistan,5\n"))
    after = load_dataset(write(tmp_path / "b", "year,citizenship,count\n2022,India,1\n2023,India,2\n2024,India,3\n"
                                               "2024,Nepal,4\n2025,Nepal,6\n"))
    result = compare(before, after, years=2)
    foreign = result.kpis[result.kpis["kpi"] == "foreign_students"].reset_index(drop=True)
    pdt.assert_frame_equal(foreign, pd.DataFrame({"kpi": ["foreign_students"] * 2, "year": [2024, 2025],
                                                  "before": [3, 0], "after": [7, 6], "change": [4, 6]}),
                           check_dtype=False)
    assert list(result.kpis.columns) == ["kpi", "year", "before", "after", "change"]
    students = result.rows.set_index("year")
    assert set(result.rows["export"]) == {"students"}
    assert students.loc[2024, ["added", "removed"]].tolist() == [1, 1]  # Uzbekistan row out, Nepal in
    assert students.loc[2025, ["added", "removed"]].tolist() == [1, 0]
    assert students.loc[2022, ["added", "removed"]].tolist() == [0, 0]


def test_compare_leaves_its_inputs_unchanged(tmp_path):
    before = load_dataset(write(tmp_path / "a", "year,citizenship,count\n2024,India,3\n"))
    after = load_dataset(write(tmp_path / "b", "year,citizenship,count\n2024,Nepal,3\n"))
    copies = before.get("students").copy(), after.get("students").copy()
    compare(before, after)
    pdt.assert_frame_equal(before.get("students"), copies[0])
    pdt.assert_frame_equal(after.get("students"), copies[1])
