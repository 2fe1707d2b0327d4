"""Versions of a data folder (metrics.store): stage, publish, history, roll back, crashes and races.

Tiny hand-written folders; KPI values are worked out by hand (foreign students of 2024 with
home country UZB = the sum of `count` over non-UZB rows of 2024).
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import random
import shutil
import signal
import sys
import time
import types
from pathlib import Path

import pytest

from metrics import store
from metrics.engine import compute_kpis
from metrics.mappings import Mappings, read_mappings

OLD_STUDENTS = (b"year,citizenship,count,student_id\n"
                b"2023,Kazakhstan,2,S1\n"
                b"2024,Kazakhstan,1,S2\n"
                b"2024,India,3,S3\n"
                b"2024,Uzbekistan,10,S4\n")  # foreign students 2024: 1 + 3 = 4
NEW_STUDENTS = (b"year,citizenship,count,student_id\n"
                b"2023,Kazakhstan,2,S1\n"
                b"2024,Kazakhstan,1,S2\n"
                b"2024,India,3,S3\n"
                b"2024,Nepal,5,S5\n")  # foreign students 2024: 1 + 3 + 5 = 9
# The same students export as a registry writes it: Russian headers, a name that is no export.
REGISTRY_STUDENTS = ("Учебный год;Гражданство;Факультет;Количество\n"
                     "2024;Индия;Педиатрия;7\n").encode("cp1251")  # 7 foreign students in 2024
MOBILITY = b"year,direction,category,country,count\n2024,in,student,Russia,2\n"
SETTINGS = b'[university]\nname = "Test University"\nhome_country = "UZB"\n'
MAPPINGS = b'[countries]\n"Narnia" = "KAZ"\n'
OLD_KPI, NEW_KPI = 4, 9


@pytest.fixture(autouse=True)
def audit_calls(monkeypatch) -> list:
    """metrics.audit.record replaced by a recorder (the audit log is another module's business)."""
    calls: list = []
    fake = types.ModuleType("metrics.audit")
    fake.record = lambda event, user, address=None, **details: calls.append((event, user, address, details))
    monkeypatch.setitem(sys.modules, "metrics.audit", fake)
    return calls


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    for name, content in (("students.csv", OLD_STUDENTS), ("mobility.csv", MOBILITY), ("settings.toml", SETTINGS),
                          ("mappings.toml", MAPPINGS), ("README.md", b"notes\n")):
        (data / name).write_bytes(content)
    return data


def sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def top_level(folder: Path) -> dict[str, str]:
    """Hashes of the plain files of the data folder."""
    return {path.name: sha(path.read_bytes()) for path in folder.iterdir() if path.is_file()}


def foreign_students_2024(data) -> int:
    return compute_kpis(data, 2024)["foreign_students"]


def publish_new(folder: Path, content: bytes = NEW_STUDENTS, user: str = "ann") -> store.Version:
    return store.publish(folder, store.stage(folder, [("students.csv", content)]), user, "new students")


def test_plain_folder_is_the_implicit_first_version(folder):
    version = store.current_version(folder)
    assert (version.id, version.parent, version.action, version.folder) == ("000001", None, "initial", folder)
    assert {file.name: (file.sha256, file.size, file.export) for file in version.files} == {
        "mobility.csv": (sha(MOBILITY), len(MOBILITY), "mobility"),
        "students.csv": (sha(OLD_STUDENTS), len(OLD_STUDENTS), "students")}
    assert version.mappings_sha256 == sha(MAPPINGS)
    assert [v.id for v in store.versions(folder)] == ["000001"]
    data = store.load_version(folder)
    assert data.version == "000001" and foreign_students_2024(data) == OLD_KPI
    assert not (folder / store.VERSIONS_DIR).exists()


def test_stage_puts_the_upload_in_place_of_the_export_it_holds(folder):
    before = top_level(folder)
    draft = store.stage(folder, [("Контингент.csv", REGISTRY_STUDENTS)])
    assert draft.parent == "000001"
    assert draft.exports == {"Контингент.csv": "students"}
    assert draft.replaced == ("students.csv",)
    assert sorted(path.name for path in draft.folder.iterdir()) == [
        "mappings.toml", "mobility.csv", "settings.toml", "Контингент.csv"]
    assert (draft.folder / "Контингент.csv").read_bytes() == REGISTRY_STUDENTS
    assert draft.folder.parent == folder / store.VERSIONS_DIR / store.STAGING_DIR
    assert foreign_students_2024(store.load_dataset(draft.folder)) == 7
    assert top_level(folder) == before


def test_stage_merges_mappings_and_writes_export_overrides_as_file_entries(folder):
    odd = b"when,from,how many\n2024,Narnia,6\n"
    draft = store.stage(folder, [("odd.csv", odd)],
                        mappings=Mappings().with_entries(headers={"students": {"when": "year", "from": "citizenship",
                                                                               "how many": "count"}}),
                        exports={"odd.csv": "students"})
    assert draft.exports == {"odd.csv": "students"}
    written, problems = read_mappings(draft.folder)
    assert problems == []
    assert written.export_for_file("odd.csv") == "students"
    assert written.country("Narnia") == "KAZ"  # the parent's entry kept
    assert written.header("students", "how many") == "count"
    assert not (draft.folder / "students.csv").exists()
    assert foreign_students_2024(store.load_dataset(draft.folder)) == 6  # Narnia → KAZ by the parent's mapping


def test_restage_recognises_an_upload_after_a_mapping_and_swaps_the_parent_file(folder):
    odd = b"when,from,how many\n2024,India,6\n"
    draft = store.stage(folder, [("odd.csv", odd)])
    assert draft.exports == {"odd.csv": None}
    assert (draft.folder / "students.csv").exists()
    assert [record.code for record in draft.records] == ["file_skipped"]
    draft = store.restage(draft, Mappings().with_entries(
        headers={"students": {"when": "year", "from": "citizenship", "how many": "count"}}))
    assert draft.exports == {"odd.csv": "students"}
    assert not (draft.folder / "students.csv").exists()
    assert foreign_students_2024(store.load_dataset(draft.folder)) == 6
    draft = store.restage(draft, exports={"odd.csv": "students"})
    assert read_mappings(draft.folder)[0].export_for_file("odd.csv") == "students"
    assert (folder / "students.csv").read_bytes() == OLD_STUDENTS


def test_first_publish_keeps_the_plain_folder_as_000001_and_publishes_000002(folder, audit_calls):
    before = top_level(folder)
    version = publish_new(folder)
    assert (version.id, version.parent, version.action, version.user) == ("000002", "000001", "publish", "ann")
    history = store.versions(folder)
    assert [(v.id, v.parent, v.action, v.comment) for v in history] == [
        ("000001", None, "initial", "the folder as it was"), ("000002", "000001", "publish", "new students")]
    manifest = json.loads((folder / ".versions" / "000002" / "manifest.json").read_text(encoding="utf-8"))
    assert {entry["name"]: entry["sha256"] for entry in manifest["files"]} == {
        "students.csv": sha(NEW_STUDENTS), "mobility.csv": sha(MOBILITY)}
    assert manifest["mappings_sha256"] == sha(MAPPINGS) and manifest["settings_sha256"] == sha(SETTINGS)
    assert {"id", "parent", "created", "user", "comment", "action", "restored_from"} <= set(manifest)
    for stored in history:
        for file in stored.files:
            assert sha((stored.folder / file.name).read_bytes()) == file.sha256
    assert (history[0].folder / "students.csv").read_bytes() == OLD_STUDENTS
    assert top_level(folder) == before  # the plain files are left as they are
    assert foreign_students_2024(store.load_version(folder)) == NEW_KPI
    assert foreign_students_2024(store.load_version(folder, "000001")) == OLD_KPI
    assert store.load_version(folder).version == "000002"
    assert not list((folder / ".versions" / ".staging").iterdir())  # the published draft is cleaned up
    assert audit_calls == [("publish", "ann", None, {"version": "000002", "comment": "new students",
                                                      "files": ["mobility.csv", "students.csv"],
                                                      "restored_from": None})]


def test_publish_and_rollback_write_the_audit_log(folder, tmp_path, monkeypatch):
    monkeypatch.delitem(sys.modules, "metrics.audit")  # the real log, in a folder of the test's own
    monkeypatch.setenv("IC_AUTH_DIR", str(tmp_path / "auth"))
    publish_new(folder)
    store.rollback(folder, "1", "bob", "undo", address="10.0.0.7")
    from metrics.audit import read

    entries = read(folder=tmp_path / "auth")  # newest first
    assert [(e["event"], e["user"], e["address"], e["details"]["version"]) for e in entries] == [
        ("rollback", "bob", "10.0.0.7", "000003"), ("publish", "ann", None, "000002")]


def test_later_versions_hard_link_unchanged_files(folder):
    publish_new(folder)
    third = publish_new(folder, NEW_STUDENTS.replace(b"Nepal", b"China"))
    assert third.id == "000003" and third.parent == "000002"
    second = store.get_version(folder, "2")
    assert os.stat(third.folder / "mobility.csv").st_ino == os.stat(second.folder / "mobility.csv").st_ino
    assert os.stat(second.folder / "students.csv").st_ino != os.stat(folder / "students.csv").st_ino


def test_rollback_restores_the_old_files_byte_for_byte_and_the_old_kpi(folder, audit_calls):
    publish_new(folder)
    restored = store.rollback(folder, "000001", "bob", "wrong file", address="10.0.0.7")
    assert (restored.id, restored.parent, restored.action, restored.restored_from) == (
        "000003", "000002", "rollback", "000001")
    assert (restored.folder / "students.csv").read_bytes() == OLD_STUDENTS
    assert (restored.folder / "mappings.toml").read_bytes() == MAPPINGS
    assert {f.name: f.sha256 for f in restored.files} == {f.name: f.sha256 for f in store.get_version(folder, "1").files}
    assert foreign_students_2024(store.load_version(folder)) == OLD_KPI
    assert audit_calls[-1][:3] == ("rollback", "bob", "10.0.0.7")
    assert audit_calls[-1][3]["restored_from"] == "000001"
    assert [v.id for v in store.versions(folder)] == ["000001", "000002", "000003"]


def test_rollback_to_an_unknown_version_is_refused(folder):
    with pytest.raises(store.VersionNotFound):
        store.rollback(folder, "000007", "bob")
    with pytest.raises(store.VersionNotFound):
        store.load_version(folder, "000002")


def test_publish_refuses_an_upload_that_holds_no_export(folder):
    draft = store.stage(folder, [("notes.csv", b"a,b\n1,2\n")])
    with pytest.raises(store.PublishRefused) as refused:
        store.publish(folder, draft, "ann", "x")
    assert [(problem.file, problem.code) for problem in refused.value.problems] == [("notes.csv", "file_skipped")]
    assert not refused.value.unreadable
    assert not (folder / store.VERSIONS_DIR / "000001").exists()


def test_publish_refuses_an_upload_that_ingestion_would_skip_silently(folder):
    draft = store.stage(folder, [("readme.txt", b"year,citizenship,count\n2024,India,1\n")])
    with pytest.raises(store.PublishRefused) as refused:
        store.publish(folder, draft, "ann", "x")
    assert [(problem.file, problem.code) for problem in refused.value.problems] == [("readme.txt", "file_skipped")]


def test_publish_refuses_two_uploads_of_one_export(folder):
    draft = store.stage(folder, [("students.csv", NEW_STUDENTS), ("Контингент.csv", REGISTRY_STUDENTS)])
    with pytest.raises(store.PublishRefused) as refused:
        store.publish(folder, draft, "ann", "x")
    assert {(problem.file, problem.code) for problem in refused.value.problems} == {
        ("students.csv", "export_ambiguous"), ("Контингент.csv", "export_ambiguous")}


def test_publish_refuses_an_unreadable_upload(folder):
    draft = store.stage(folder, [("students.csv", b"nothing,useful\n1,2\n")])
    with pytest.raises(store.PublishRefused) as refused:
        store.publish(folder, draft, "ann", "x")
    assert refused.value.unreadable
    assert refused.value.problems[0].code == "file_unreadable"


def test_excluded_rows_are_published_unless_strict(folder):
    bad = NEW_STUDENTS + b"20x4,India,1,S9\n"  # line 6: not a year, the row is excluded
    draft = store.stage(folder, [("students.csv", bad)])
    with pytest.raises(store.PublishRefused) as refused:
        store.publish(folder, draft, "ann", "x", allow_excluded_rows=False)
    assert [(p.file, p.row, p.column, p.value) for p in refused.value.problems] == [("students.csv", 6, "year", "20x4")]
    version = store.publish(folder, draft, "ann", "x")
    assert foreign_students_2024(store.load_version(folder, version.id)) == NEW_KPI


def test_publish_takes_the_preview_instead_of_reading_the_draft_again(folder, monkeypatch):
    draft = store.stage(folder, [("students.csv", NEW_STUDENTS)])
    preview = store.load_dataset(draft.folder)

    def no_second_read(*args, **kwargs):
        raise AssertionError("the draft was read again")

    monkeypatch.setattr(store, "load_dataset", no_second_read)
    version = store.publish(folder, draft, "ann", "x", preview=preview)
    assert {file.name: file.export for file in version.files} == {"students.csv": "students", "mobility.csv": "mobility"}


def test_publish_on_a_stale_parent_is_a_conflict_and_keeps_the_draft(folder):
    first = store.stage(folder, [("students.csv", NEW_STUDENTS)])
    second = store.stage(folder, [("students.csv", OLD_STUDENTS + b"2024,China,1,S8\n")])
    store.publish(folder, first, "ann", "first")
    with pytest.raises(store.PublishConflict):
        store.publish(folder, second, "bob", "second")
    assert second.folder.is_dir()  # nothing lost: the editor can look again
    assert [v.id for v in store.versions(folder)] == ["000001", "000002"]


def test_readers_ignore_temporary_staging_and_incomplete_folders(folder):
    publish_new(folder)
    root = folder / store.VERSIONS_DIR
    (root / ".tmp-deadbeef" / "files").mkdir(parents=True)
    (root / ".tmp-deadbeef" / "manifest.json").write_text('{"id": "000003"}')
    (root / "000003" / "files").mkdir(parents=True)  # no manifest: not complete
    (root / "000004").mkdir()
    (root / "000004" / "manifest.json").write_text("{torn")
    assert store.current_version_id(folder) == "000002"
    assert [v.id for v in store.versions(folder)] == ["000001", "000002"]
    assert store.load_version(folder).version == "000002"


def test_upload_names_must_be_plain_file_names(folder):
    for name in ("../students.csv", ".hidden.csv", "mappings.toml", "a/b.csv", ""):
        with pytest.raises(ValueError):
            store.stage(folder, [(name, NEW_STUDENTS)])
    with pytest.raises(ValueError):
        store.stage(folder, [("students.csv", NEW_STUDENTS), ("Students.csv", NEW_STUDENTS)])


# ----------------------------------------------------------------------------------------------
# Crashes and races: publishes run in forked processes (they inherit the imported modules)
# ----------------------------------------------------------------------------------------------
FORK = multiprocessing.get_context("fork")
OLD_FILES = {"students.csv": sha(OLD_STUDENTS), "mobility.csv": sha(MOBILITY)}
NEW_FILES = {"students.csv": sha(NEW_STUDENTS), "mobility.csv": sha(MOBILITY)}


def _child_publish(folder: Path, crash_at: int | None, ready=None, go=None) -> None:
    if crash_at is not None:
        os.environ[store.CRASH_ENV] = str(crash_at)
    store._checkpoints_reached = 0
    draft = store.stage(folder, [("students.csv", NEW_STUDENTS)])
    if ready is not None:
        ready.set()
        go.wait()
    store.publish(folder, draft, "ann", "new students")
    os._exit(0)


def assert_old_or_new(folder: Path) -> str:
    """The current version is exactly the old or exactly the new one (files and KPI); says which."""
    version = store.current_version(folder)
    files = {file.name: file.sha256 for file in version.files}
    for file in version.files:
        assert sha((version.folder / file.name).read_bytes()) == file.sha256
    data = store.load_version(folder)
    if files == OLD_FILES:
        assert foreign_students_2024(data) == OLD_KPI
        return "old"
    assert files == NEW_FILES
    assert foreign_students_2024(data) == NEW_KPI
    return "new"


def assert_next_publish_works(folder: Path) -> None:
    current = store.current_version_id(folder)
    version = publish_new(folder, NEW_STUDENTS.replace(b"Nepal,5", b"Nepal,6"))
    assert int(version.id) == int(current) + 1
    assert foreign_students_2024(store.load_version(folder)) == NEW_KPI + 1


@pytest.mark.parametrize("versioned", [False, True], ids=["plain folder", "versioned folder"])
def test_killed_at_every_step_of_publish_leaves_the_old_or_the_new_version(folder, tmp_path, versioned):
    if versioned:  # the old version is a published one (a roll back to the plain files)
        publish_new(folder, NEW_STUDENTS.replace(b"Nepal", b"China"))
        store.rollback(folder, "000001", "bob")
    outcomes = {}
    step = 1
    while True:
        copy = tmp_path / f"crash-{step}"
        shutil.copytree(folder, copy, symlinks=True)
        process = FORK.Process(target=_child_publish, args=(copy, step))
        process.start()
        process.join(60)
        if process.exitcode == 0:  # the publish ran past its last checkpoint
            assert assert_old_or_new(copy) == "new"
            break
        assert process.exitcode == store.CRASH_EXIT, process.exitcode
        outcomes[step] = assert_old_or_new(copy)
        assert_next_publish_works(copy)
        step += 1
    assert len(outcomes) >= (20 if not versioned else 10)
    assert set(outcomes.values()) == {"old", "new"}  # crashes both before and after the rename


def test_random_sigkills_during_publish_leave_the_old_or_the_new_version(folder, tmp_path):
    started = time.perf_counter()
    publish_new(shutil.copytree(folder, tmp_path / "timing"))
    duration = time.perf_counter() - started
    randomness = random.Random(20261123)
    for attempt in range(8):
        copy = shutil.copytree(folder, tmp_path / f"kill-{attempt}")
        ready, go = FORK.Event(), FORK.Event()
        process = FORK.Process(target=_child_publish, args=(copy, None, ready, go))
        process.start()
        assert ready.wait(30)
        go.set()
        time.sleep(randomness.uniform(0, duration))
        os.kill(process.pid, signal.SIGKILL)
        process.join(30)
        assert_old_or_new(copy)
        assert_next_publish_works(copy)


def _racer(folder: Path, content: bytes, barrier, results) -> None:
    draft = store.stage(folder, [("students.csv", content)])
    barrier.wait()
    try:
        version = store.publish(folder, draft, f"editor-{os.getpid()}", "race")
        results.put(("published", version.id, sha(content)))
    except store.PublishConflict:
        results.put(("conflict", None, sha(content)))
    results.close()
    results.join_thread()  # flushed before the process ends without clean-up
    os._exit(0)


@pytest.mark.parametrize("round_", range(3))
def test_two_concurrent_publishes_one_wins_one_is_told_to_look_again(folder, round_):
    if round_ == 2:
        publish_new(folder)  # race on a versioned folder too
    parent = int(store.current_version_id(folder))
    barrier, results = FORK.Barrier(2), FORK.Queue()
    contents = [NEW_STUDENTS.replace(b"Nepal", name) for name in (b"China", b"Egypt")]
    processes = [FORK.Process(target=_racer, args=(folder, content, barrier, results)) for content in contents]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(30)
        assert process.exitcode == 0
    assert sorted(outcome[0] for outcome in outcomes) == ["conflict", "published"]
    winner = next(outcome for outcome in outcomes if outcome[0] == "published")
    assert winner[1] == f"{parent + 1:06d}"
    history = store.versions(folder)
    assert [v.id for v in history] == [f"{n:06d}" for n in range(1, parent + 2)]
    assert [v.parent for v in history[1:]] == [f"{n:06d}" for n in range(1, parent + 1)]
    assert {f.name: f.sha256 for f in history[-1].files}["students.csv"] == winner[2]
    assert not [path for path in (folder / store.VERSIONS_DIR).iterdir() if path.name.startswith(store.TMP_PREFIX)]


def test_abandoned_drafts_are_removed_and_recent_ones_kept(tmp_path):
    import os

    from metrics.store import DRAFT_MAX_AGE_HOURS, STAGING_DIR, VERSIONS_DIR, stage

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "students.csv").write_text("year,citizenship\n2024,India\n", encoding="utf-8")
    first = stage(data_dir, [("students.csv", b"year,citizenship\n2024,Iran\n")])
    old = time.time() - (DRAFT_MAX_AGE_HOURS + 1) * 3600
    os.utime(first.folder, (old, old))
    second = stage(data_dir, [("students.csv", b"year,citizenship\n2024,Iraq\n")])
    third = stage(data_dir, [("students.csv", b"year,citizenship\n2024,Oman\n")])
    drafts = sorted(path.name for path in (data_dir / VERSIONS_DIR / STAGING_DIR).iterdir())
    assert not first.folder.exists() and drafts == sorted([second.folder.name, third.folder.name])


def test_restage_with_only_country_decisions_keeps_the_identified_exports(tmp_path):
    from metrics.mappings import MAPPINGS_FILE, Mappings, read_mappings
    from metrics.store import restage, stage

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "students.csv").write_text("year,citizenship\n2024,India\n", encoding="utf-8")
    upload = "Контингент.csv", "year,citizenship,faculty\n2024,Atlantis,GM\n".encode()
    draft = stage(data_dir, [upload])
    assert draft.exports == {"Контингент.csv": "students"} and draft.replaced == ("students.csv",)
    again = restage(draft, Mappings().with_entries(countries={"Atlantis": ""}))
    assert again is draft  # which file holds which export cannot change: nothing is read again
    assert read_mappings(draft.folder)[0].country("atlantis") == "" and (draft.folder / MAPPINGS_FILE).exists()
    moved = restage(draft, Mappings().with_entries(headers={"students": {"faculty": "level"}}))
    assert moved is not draft and moved.exports == {"Контингент.csv": "students"}
