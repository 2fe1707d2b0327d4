"""The audit log: one JSON line per event, only ever appended, whole lines from concurrent writers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from metrics import audit

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def folder(monkeypatch, tmp_path):
    monkeypatch.setenv("IC_AUTH_DIR", str(tmp_path))
    return tmp_path


def lines(folder) -> list[dict]:
    return [json.loads(line) for line in (folder / "audit.jsonl").read_text(encoding="utf-8").splitlines()]


def test_an_entry_has_time_event_user_address_and_details(folder):
    audit.record("publish", "editor1", "10.0.0.7", version="v0003", comment="spring exports")
    (entry,) = lines(folder)
    assert set(entry) == {"time", "event", "user", "address", "details"}
    assert (entry["event"], entry["user"], entry["address"]) == ("publish", "editor1", "10.0.0.7")
    assert entry["details"] == {"version": "v0003", "comment": "spring exports"}
    assert entry["time"].endswith("Z") and entry["time"][:4].isdigit()


def test_entries_are_appended_never_rewritten(folder):
    audit.record("sign_in", "editor1", None)
    first = (folder / "audit.jsonl").read_bytes()
    audit.record("sign_out", "editor1", None, reason="user")
    assert (folder / "audit.jsonl").read_bytes().startswith(first)
    assert [entry["event"] for entry in lines(folder)] == ["sign_in", "sign_out"]


def test_read_returns_the_newest_first_up_to_the_limit(folder):
    for number in range(10):
        audit.record("rollback", "editor1", None, version=f"v{number}")
    assert [entry["details"]["version"] for entry in audit.read(limit=3)] == ["v9", "v8", "v7"]
    assert len(audit.read(limit=500)) == 10


def test_read_of_a_long_log_reads_only_its_end(folder):
    audit.record("sign_in", "first", None)
    with open(folder / "audit.jsonl", "a", encoding="utf-8") as out:  # a long log, quickly
        for number in range(20000):
            out.write(json.dumps({"time": "t", "event": "sign_in", "user": f"u{number}", "address": None,
                                  "details": {"pad": "x" * 50}}) + "\n")
    assert [entry["user"] for entry in audit.read(limit=2)] == ["u19999", "u19998"]
    assert len(audit.read(limit=500)) == 500


def test_a_torn_line_is_shown_not_hidden(folder):
    audit.record("sign_in", "editor1", None)
    with open(folder / "audit.jsonl", "a", encoding="utf-8") as out:
        out.write('{"time": "2026-0')
    newest, older = audit.read()
    assert newest["event"] == "unreadable"
    assert older["event"] == "sign_in"


def test_no_log_reads_as_empty(folder):
    assert audit.read() == []


def test_unknown_event_is_refused(folder):
    with pytest.raises(ValueError, match="unknown audit event 'pubish'"):
        audit.record("pubish", "editor1", None)
    assert not (folder / "audit.jsonl").exists()


def test_a_password_detail_is_refused(folder):
    with pytest.raises(ValueError, match="password"):
        audit.record("user_change", "admin", None, new_password="hunter22")
    assert not (folder / "audit.jsonl").exists()


def test_control_characters_in_a_typed_name_cannot_forge_lines(folder):
    audit.record("sign_in_failed", 'x"}\n{"event": "sign_in"', None, outcome="wrong")
    (entry,) = lines(folder)
    assert entry["event"] == "sign_in_failed"
    assert "\n" not in entry["user"]


APPEND_MANY = """
import sys
from metrics import audit
for i in range(200):
    audit.record("sign_in", sys.argv[1], None, number=i, pad="x" * 3000)
"""


def test_concurrent_appends_from_processes_are_all_present_and_whole(folder):
    runs = [subprocess.Popen([sys.executable, "-c", APPEND_MANY, writer], cwd=ROOT) for writer in ("a", "b", "c")]
    assert [run.wait(timeout=120) for run in runs] == [0, 0, 0]
    entries = lines(folder)  # every line parses: none was interleaved with another
    for writer in "abc":
        assert [entry["details"]["number"] for entry in entries if entry["user"] == writer] == list(range(200))
