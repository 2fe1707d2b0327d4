"""Validated snapshots (metrics.snapshot): an unchanged export is read back from Parquet, exactly as parsed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from metrics import ingest, snapshot, store
from metrics.ingest import identify_files, load_dataset
from metrics.snapshot import SNAPSHOT_DIR, load_dataset_cached

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data"


@pytest.fixture
def folder(tmp_path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    for path in SAMPLE.iterdir():
        if path.is_file():
            shutil.copy2(path, data / path.name)
    return data


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The exports parsed by `metrics.ingest.load_export` (a spy: read back from a snapshot is not parsed)."""
    parsed: list[str] = []
    original = ingest.load_export

    def spy(path, export, raw=None, mappings=None):
        parsed.append(export.name)
        return original(path, export, raw, mappings)

    monkeypatch.setattr(ingest, "load_export", spy)
    return parsed


def assert_same(cached, parsed) -> None:
    assert sorted(cached.frames) == sorted(parsed.frames)
    for name, frame in parsed.frames.items():
        other = cached.frames[name]
        assert list(other.columns) == list(frame.columns), name
        assert [repr(dtype) for dtype in other.dtypes] == [repr(dtype) for dtype in frame.dtypes], name
        assert other.equals(frame), name
        assert type(other.index) is type(frame.index) and other.index.equals(frame.index), name
    assert cached.issues == parsed.issues
    assert cached.files == parsed.files
    assert cached.unreadable == parsed.unreadable
    assert (cached.university, cached.home, cached.settings, cached.source) == \
        (parsed.university, parsed.home, parsed.settings, parsed.source)


def test_second_load_comes_from_the_snapshot_and_equals_the_parse(folder, parses):
    reference = load_dataset(folder)
    exports = sorted(reference.frames)
    assert "events" in exports and len(exports) >= 10
    parses.clear()
    first = load_dataset_cached(folder)
    assert sorted(parses) == exports  # nothing to read back yet: every export parsed, and snapshotted
    assert (folder / SNAPSHOT_DIR).is_dir()
    parses.clear()
    stats: dict = {}
    second = load_dataset_cached(folder, stats=stats)
    assert parses == []  # every export read back, none parsed
    assert sorted(stats["read"]) == exports
    assert_same(first, reference)
    assert_same(second, reference)


def test_every_dtype_of_the_sample_round_trips(folder):
    reference = load_dataset(folder)
    load_dataset_cached(folder)
    cached = load_dataset_cached(folder)
    kinds = {repr(dtype) for frame in cached.frames.values() for dtype in frame.dtypes}
    assert {"Int64Dtype()", "Float64Dtype()", "dtype('<M8[ns]')", "dtype('int64')"} <= kinds
    assert any("StringDtype" in kind for kind in kinds)
    for name, frame in reference.frames.items():
        assert cached.frames[name].equals(frame) and (cached.frames[name].dtypes == frame.dtypes).all(), name
    assert cached.frames["events"]["countries"].equals(reference.frames["events"]["countries"])


def test_load_version_uses_the_snapshot(folder, parses):
    first = store.load_version(folder)
    assert parses
    parses.clear()
    second = store.load_version(folder)
    assert parses == []
    assert second.version == first.version == store.FIRST_ID
    assert_same(second, first)


def test_a_changed_export_alone_is_parsed_again(folder, parses):
    load_dataset_cached(folder)
    path = folder / "partners.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")  # one partner less
    parses.clear()
    changed = load_dataset_cached(folder)
    assert parses == ["partners"]
    assert_same(changed, load_dataset(folder))
    parses.clear()
    load_dataset_cached(folder)
    assert parses == []  # the new partners.csv has its snapshot now


def test_a_touched_but_unchanged_file_is_recognised_by_its_hash(folder, parses):
    load_dataset_cached(folder)
    later = (folder / "staff.csv").stat().st_mtime + 100
    os.utime(folder / "staff.csv", (later, later))
    parses.clear()
    data = load_dataset_cached(folder)
    assert parses == []
    assert_same(data, load_dataset(folder))


def test_a_new_code_version_invalidates_every_snapshot(folder, parses, monkeypatch):
    reference = load_dataset_cached(folder)
    monkeypatch.setattr(snapshot, "code_version", lambda: "another version of the ingestion code")
    parses.clear()
    data = load_dataset_cached(folder)
    assert sorted(parses) == sorted(reference.frames)
    assert_same(data, reference)
    parts = [path for path in (folder / SNAPSHOT_DIR).iterdir() if path.is_dir()]
    assert len(parts) == len(reference.frames)  # the stale parts were removed when the new ones were written


def test_other_mappings_are_other_snapshots(folder, parses):
    load_dataset_cached(folder)
    (folder / "mappings.toml").write_text('[countries]\n"Afghanistan" = "PAK"\n', encoding="utf-8")
    parses.clear()
    data = load_dataset_cached(folder)
    assert sorted(parses) == sorted(data.frames)  # mappings change how every file reads
    assert_same(data, load_dataset(folder))


def test_a_corrupt_snapshot_falls_back_to_parsing(folder, parses, caplog):
    reference = load_dataset_cached(folder)
    root = folder / SNAPSHOT_DIR
    students = next(path for path in root.iterdir() if path.is_dir()
                    and '"export": "students"' in (path / snapshot.PART_FILE).read_text(encoding="utf-8"))
    (students / snapshot.FRAME_FILE).write_bytes(b"PAR1 this is not parquet")
    events = next(path for path in root.iterdir() if path.is_dir()
                  and '"export": "events"' in (path / snapshot.PART_FILE).read_text(encoding="utf-8"))
    (events / snapshot.PART_FILE).write_text("{not json", encoding="utf-8")
    parses.clear()
    with caplog.at_level("INFO"):
        data = load_dataset_cached(folder)
    assert sorted(parses) == ["events", "students"]
    assert not [record for record in caplog.records if record.levelno >= 20 and record.name.startswith("metrics")]
    assert_same(data, reference)
    parses.clear()
    assert_same(load_dataset_cached(folder), reference)  # rewritten
    assert parses == []


def test_a_corrupt_index_falls_back_to_hashing(folder, parses):
    reference = load_dataset_cached(folder)
    for index in (folder / SNAPSHOT_DIR).glob(f"{snapshot.INDEX_PREFIX}*"):
        index.write_text("[", encoding="utf-8")
    parses.clear()
    assert_same(load_dataset_cached(folder), reference)
    assert parses == []


def test_a_read_only_folder_loads_without_snapshots(folder, parses, monkeypatch):
    reference = load_dataset(folder)
    real_mkdir = os.mkdir

    def read_only(path, *args, **kwargs):
        if Path(path).resolve().is_relative_to(folder.resolve()):
            raise PermissionError(30, "Read-only file system", str(path))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", read_only)  # as root, chmod would not stop writing
    mode = folder.stat().st_mode
    folder.chmod(0o555)
    try:
        for _ in range(2):
            parses.clear()
            data = load_dataset_cached(folder)
            assert sorted(parses) == sorted(reference.frames)
            assert_same(data, reference)
        assert not (folder / SNAPSHOT_DIR).exists()
    finally:
        folder.chmod(mode)


def test_snapshots_are_never_data(folder):
    load_dataset_cached(folder)
    assert (folder / SNAPSHOT_DIR).is_dir()
    (folder / SNAPSHOT_DIR / "students.csv").write_text("year,citizenship\n2020,India\n", encoding="utf-8")
    found, records = identify_files(folder)
    assert not any(SNAPSHOT_DIR in name for name in found) and not any(r.file == SNAPSHOT_DIR for r in records)
    assert found["students.csv"] == "students"
    data = load_dataset(folder)
    assert not any(SNAPSHOT_DIR in report.path for report in data.files)
    assert not any(SNAPSHOT_DIR in issue.file for issue in data.unreadable)
    assert all(file.name != SNAPSHOT_DIR for file in store.current_version(folder).files)


def test_issues_with_nested_parameters_and_empty_frames_round_trip(tmp_path, parses):
    data = tmp_path / "data"
    data.mkdir()
    rows = ["year,citizenship,count,faculty,level,sex"]
    rows += [f"20x{index},India,1,Medicine,Bachelor,M" for index in range(80)]  # 80 bad years: capped records
    rows += ["2020,Atlantis,2,Medicine,Bachelor,F", "2021,India,1,Medicine,Bachelor,F"]
    (data / "students.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (data / "events.csv").write_text("event,date,year,type,participants,international_participants,countries\n"
                                     "Webinar,,,webinar,10,2,India\n", encoding="utf-8")  # no row left: empty frame
    reference = load_dataset(data)
    assert len(reference.frames["events"]) == 0
    assert any(issue.code == "more_rows" for issue in reference.issues)
    load_dataset_cached(data)
    parses.clear()
    cached = load_dataset_cached(data)
    assert parses == []
    assert_same(cached, reference)


def test_a_published_version_shares_the_snapshots_of_its_files(folder, parses):
    load_dataset_cached(folder)
    draft = store.stage(folder, [("partners.csv", (folder / "partners.csv").read_bytes())])
    version = store.publish(folder, draft, "tester", "the same partners again")
    assert version.id == "000002"
    parses.clear()
    data = store.load_version(folder)
    assert parses == []  # the files of 000002 are those of the plain folder: their snapshots are shared
    assert data.version == "000002"
    assert not (version.folder / SNAPSHOT_DIR).exists()
    assert_same(data, load_dataset(version.folder))


# ---------------------------------------------------------------------------------------------- id codes
def _same_partition(codes, ids) -> None:
    """``codes`` tell ids apart exactly as the id strings do: equal ids one code, blank ids -1."""
    ids = [None if value is None or (isinstance(value, float)) or not str(value).strip() else value for value in ids]
    assert [code == -1 for code in codes] == [value is None for value in ids]
    for i, left in enumerate(ids):
        for j, right in enumerate(ids):
            if left is not None and right is not None:
                assert (codes[i] == codes[j]) == (left == right), (left, right)


def test_students_row_values_are_kept_with_the_snapshot_and_give_the_same_kpis(tmp_path):
    from metrics.engine import kpis_by_year
    from metrics.memo import ROWS, clear_all
    from metrics.rows import ACTIVE_MASK, FIRST_SEEN, ID_CODES

    data = tmp_path / "data"
    data.mkdir()
    ids = ["S1", "S2", "S1", "", "S3", "S2", "S4", "S1"]
    lines = ["year,citizenship,student_id,status"]
    lines += [f"{2020 + index % 3},{'India' if index % 2 else 'Kazakhstan'},{sid},continuing"
              for index, sid in enumerate(ids)]
    (data / "students.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    reference = load_dataset(data)
    expected = kpis_by_year(reference)
    load_dataset_cached(data)  # writes the snapshot with the codes
    assert any(path.name.startswith(snapshot.ROWS_PREFIX) for path in (data / SNAPSHOT_DIR).rglob("*"))
    clear_all()
    cached = load_dataset_cached(data)
    frame = cached.frames["students"]
    found, codes = ROWS.get(frame, ID_CODES)
    assert found  # adopted from the snapshot: not hashed again
    _same_partition(list(codes), list(frame["student_id"]))
    found, active = ROWS.get(frame, ACTIVE_MASK)
    # continuing rows: active unless the same id was seen earlier in the same year (none is here)
    assert found and list(active) == [True] * 8
    found, first = ROWS.get(frame, FIRST_SEEN)
    assert found and list(first) == [2020, 2021, 2020, -1, 2021, 2021, 2020, 2020]
    result = kpis_by_year(cached)
    assert result.equals(expected)
    # mapped copy-on-write: a write stays in this process, the kept file is unchanged
    codes[:] = -7
    clear_all()
    found, again = ROWS.get(load_dataset_cached(data).frames["students"], ID_CODES)
    assert found and -7 not in list(again)
    _same_partition(list(again), list(frame["student_id"]))


def test_filtered_frames_carry_their_parents_id_codes():
    import numpy as np
    import pandas as pd

    from metrics.filters import Filters, filter_frame
    from metrics.memo import ROWS
    from metrics.rows import ID_CODES, id_codes, student_id_codes

    ids = ["a", "b", "a", None, "c", "b", " "]
    frame = pd.DataFrame({"year": [2020, 2021, 2022, 2022, 2023, 2023, 2023],
                          "citizenship": pd.Series(["IND"] * 7, dtype="category"),
                          "student_id": pd.Series(ids, dtype="str")})
    parent = student_id_codes(frame)
    assert list(parent) == list(id_codes(frame["student_id"]))
    child = filter_frame(frame, "students", Filters(year_from=2022))
    assert list(child["year"]) == [2022, 2022, 2023, 2023, 2023]
    found, carried = ROWS.get(child, ID_CODES)
    assert found and list(carried) == list(np.asarray(parent)[2:])
    _same_partition(list(carried), ["a", None, "c", "b", None])


def test_group_previous_points_to_the_previous_row_of_the_same_student_and_year():
    import pandas as pd

    from metrics.rows import group_previous

    frame = pd.DataFrame({"year": [2020, 2020, 2021, 2020, 2021, 2020, 2020],
                          "student_id": pd.Series(["a", "b", "a", "a", "a", None, "a"], dtype="str")})
    # a/2020: rows 0, 3, 6; a/2021: rows 2, 4; b/2020: row 1; no id: row 5
    assert list(group_previous(frame)) == [-1, -1, -1, 0, 2, -1, 3]


def _active_by_hand(frame):
    """Active rows computed another way: status not inactive, first row of each (year, id) with an id."""
    import numpy as np

    from metrics.rows import INACTIVE_STATUSES

    has_id = frame["student_id"].notna() & (frame["student_id"].astype("object").fillna("").str.strip() != "")
    dup = frame.assign(_id=frame["student_id"].astype("object")).duplicated(["year", "_id"]) & has_id
    status = frame["status"].astype("object").fillna("").str.strip().str.lower()
    return (~status.isin(INACTIVE_STATUSES) & ~dup).to_numpy(dtype=bool) & np.ones(len(frame), bool)


def test_filtered_frames_find_their_first_rows_from_the_parents_groups():
    """A filtered frame's active rows, followed back through its parent's groups (long groups included, and
    groups whose first rows were filtered away), are those found by hand on the filtered rows themselves."""
    import numpy as np
    import pandas as pd

    from metrics.filters import Filters, filter_frame
    from metrics.memo import ROWS
    from metrics.rows import CHAIN_STEPS, PARENT_ROWS, active_student_mask, group_previous

    rng = np.random.default_rng(3)
    rows = 3000
    ids = rng.integers(0, 300, rows).astype(str).astype(object)
    ids[rng.random(rows) < 0.05] = None
    ids[:200] = "long"  # one student with 200 rows in a year: longer than the steps followed back
    frame = pd.DataFrame({
        "year": np.where(np.arange(rows) < 200, 2020, rng.integers(2018, 2024, rows)),
        "citizenship": pd.Categorical(rng.choice(["IND", "CHN", "KAZ"], rows)),
        "faculty": pd.Categorical(rng.choice(["Medicine", "Dentistry"], rows)),
        "status": pd.Categorical(rng.choice(["enrolled", "graduated", "Enrolled"], rows)),
        "student_id": pd.Series(ids, dtype="str")})
    assert CHAIN_STEPS < 200
    group_previous(frame)
    assert list(active_student_mask(frame)) == list(_active_by_hand(frame))
    for filters in (Filters(year_from=2020), Filters(faculties=("Dentistry",)), Filters(countries=("CHN",)),
                    Filters(year_to=2021, faculties=("Medicine",), countries=("IND", "KAZ"))):
        child = filter_frame(frame, "students", filters)
        assert ROWS.get(child, PARENT_ROWS)[0]
        expected = _active_by_hand(child.reset_index(drop=True))
        assert list(active_student_mask(child)) == list(expected), filters
    # positions (as university_parts selects): every 7th row, and of the long student's rows only the first
    # and the last, 199 rows apart (further than the steps followed back: found by hashing instead)
    keep = np.zeros(rows, dtype=bool)
    keep[::7] = True
    keep[:200] = False
    keep[[0, 199]] = True
    child = frame.iloc[np.flatnonzero(keep)]
    from metrics.rows import carry_rows

    carry_rows(frame, child, np.flatnonzero(keep))
    assert list(active_student_mask(child)) == list(_active_by_hand(child.reset_index(drop=True)))


def test_text_columns_read_back_in_one_chunk():
    """Parquet hands text back in one Arrow chunk per batch; taking a university's rows from a chunked column
    costs as much as the whole column, so a read-back frame has each text column in one chunk, same values."""
    import pandas as pd
    import pyarrow as pa

    from metrics.snapshot import _one_chunk

    chunked = pd.Series(pd.array(["S1", None, "S2"], dtype="str"))
    arrow = pa.chunked_array([pa.array(["S1", None], pa.large_string()), pa.array(["S2"], pa.large_string())])
    chunked = pd.Series(type(chunked.array)(arrow), dtype=chunked.dtype)
    frame = pd.DataFrame({"student_id": chunked, "year": [2020, 2021, 2022]})
    assert frame["student_id"].array.__arrow_array__().num_chunks == 2
    out = _one_chunk(frame)
    assert out["student_id"].array.__arrow_array__().num_chunks == 1
    assert out["student_id"].dtype == frame["student_id"].dtype
    assert out["student_id"].tolist()[0] == "S1" and out["student_id"].isna().tolist() == [False, True, False]
    assert out["student_id"].iloc[[2, 0]].tolist() == ["S2", "S1"]
    assert out["year"].tolist() == [2020, 2021, 2022]


def _kpi_files(folder: Path) -> list[Path]:
    return sorted((folder / SNAPSHOT_DIR).glob(f"{snapshot.KPI_PREFIX}*.json"))


def _doctor(path: Path, kpi: str, value: float) -> None:
    """Change the last year's ``kpi`` in a kept KPI table: what a start then shows tells read from computed."""
    import json

    record = json.loads(path.read_text(encoding="utf-8"))
    record["values"][record["columns"].index(kpi)][-1] = value
    path.write_text(json.dumps(record), encoding="utf-8")


def test_the_unfiltered_kpi_table_is_kept_with_the_snapshot_and_read_on_the_next_start(folder):
    import pandas as pd

    from metrics import memo
    from metrics.engine import kpis_by_year
    from metrics.filters import Filters

    reference = kpis_by_year(load_dataset(folder))  # a plain parse: nothing kept anywhere
    assert _kpi_files(folder) == []
    pd.testing.assert_frame_equal(kpis_by_year(load_dataset_cached(folder)), reference)  # computed and kept
    [kept] = _kpi_files(folder)
    memo.clear_all()  # a new start
    pd.testing.assert_frame_equal(kpis_by_year(load_dataset_cached(folder)), reference)  # read back: the same
    _doctor(kept, "foreign_students", 12345.0)
    memo.clear_all()
    data = load_dataset_cached(folder)
    assert kpis_by_year(data)["foreign_students"].iloc[-1] == 12345  # read from the file, not computed
    # filtered KPIs are computed, never read
    india = Filters(countries=("IND",))
    pd.testing.assert_frame_equal(kpis_by_year(data, filters=india), kpis_by_year(load_dataset(folder), filters=india))
    # another home country is another table
    memo.clear_all()
    other_home = kpis_by_year(load_dataset_cached(folder, home="KAZ"))
    assert other_home["foreign_students"].iloc[-1] != 12345
    pd.testing.assert_frame_equal(other_home, kpis_by_year(load_dataset(folder, home="KAZ")))
    assert len(_kpi_files(folder)) == 2


def test_a_changed_export_or_a_corrupt_kept_table_computes_the_kpis_again(folder):
    import pandas as pd

    from metrics import memo
    from metrics.engine import kpis_by_year

    kpis_by_year(load_dataset_cached(folder))
    [kept] = _kpi_files(folder)
    _doctor(kept, "foreign_students", 12345.0)
    lines = (folder / "partners.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "partners.csv").write_text("".join(lines[:-1]), encoding="utf-8")  # one agreement fewer
    memo.clear_all()
    changed = kpis_by_year(load_dataset_cached(folder))
    reference = kpis_by_year(load_dataset(folder))
    pd.testing.assert_frame_equal(changed, reference)  # the students' KPIs too: computed, not the doctored file
    assert len(_kpi_files(folder)) == 2
    for path in _kpi_files(folder):
        path.write_text('{"columns": [', encoding="utf-8")  # cut short
    memo.clear_all()
    pd.testing.assert_frame_equal(kpis_by_year(load_dataset_cached(folder)), reference)


def test_no_kpi_table_is_kept_when_turned_off(folder, monkeypatch):
    from metrics.engine import kpis_by_year

    monkeypatch.setattr(snapshot, "KPI_TABLES_STORED", False)
    kpis_by_year(load_dataset_cached(folder))
    assert _kpi_files(folder) == []
