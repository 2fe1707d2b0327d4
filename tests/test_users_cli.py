"""`python -m metrics users ...`: accounts from the command line, passwords from standard input, audited."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "a long enough password"


def users(auth_dir: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "IC_AUTH_DIR": str(auth_dir)}
    return subprocess.run([sys.executable, "-m", "metrics", "users", *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_add_with_password_stdin_then_list(tmp_path):
    added = users(tmp_path, "add", "editor1", "--role", "editor", "--password-stdin", stdin=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    listed = users(tmp_path, "list")
    assert listed.returncode == 0
    assert listed.stdout.split() == ["editor1", "editor"]
    assert PASSWORD not in (tmp_path / "users.json").read_text()
    assert PASSWORD not in (tmp_path / "audit.jsonl").read_text()


def test_the_added_password_signs_in(tmp_path):
    users(tmp_path, "add", "editor1", "--role", "editor", "--password-stdin", stdin=PASSWORD)
    from metrics.accounts import verify

    assert verify("editor1", PASSWORD, folder=tmp_path).ok


def test_role_unlock_passwd_and_remove(tmp_path):
    users(tmp_path, "add", "v1", "--role", "viewer", "--password-stdin", stdin=PASSWORD)
    assert users(tmp_path, "role", "v1", "admin").returncode == 0
    assert users(tmp_path, "unlock", "v1").returncode == 0
    assert users(tmp_path, "passwd", "v1", "--password-stdin", stdin="another long password").returncode == 0
    assert users(tmp_path, "remove", "v1").returncode == 0
    assert "no accounts" in users(tmp_path, "list").stdout
    actions = [json.loads(line)["details"]["action"] for line in (tmp_path / "audit.jsonl").read_text().splitlines()]
    assert actions == ["add", "role", "unlock", "passwd", "remove"]


def test_user_changes_are_audited_with_who_ran_the_command(tmp_path):
    users(tmp_path, "add", "editor1", "--role", "editor", "--password-stdin", stdin=PASSWORD)
    (entry,) = [json.loads(line) for line in (tmp_path / "audit.jsonl").read_text().splitlines()]
    assert entry["event"] == "user_change"
    assert entry["user"].startswith("cli:")
    assert entry["details"] == {"target": "editor1", "action": "add", "role": "editor"}


def test_refusals_exit_1_and_say_why(tmp_path):
    users(tmp_path, "add", "editor1", "--role", "editor", "--password-stdin", stdin=PASSWORD)
    taken = users(tmp_path, "add", "editor1", "--role", "viewer", "--password-stdin", stdin=PASSWORD)
    assert (taken.returncode, "already exists" in taken.stderr) == (1, True)
    short = users(tmp_path, "add", "x", "--role", "viewer", "--password-stdin", stdin="short")
    assert (short.returncode, "at least" in short.stderr) == (1, True)
    ghost = users(tmp_path, "remove", "ghost")
    assert (ghost.returncode, "no user 'ghost'" in ghost.stderr) == (1, True)


def test_unknown_role_is_a_usage_error(tmp_path):
    result = users(tmp_path, "add", "x", "--role", "superuser", "--password-stdin", stdin=PASSWORD)
    assert result.returncode == 2
    assert not (tmp_path / "users.json").exists()


def test_auth_dir_option_overrides_the_environment(tmp_path):
    other = tmp_path / "other"
    result = users(tmp_path, "--auth-dir", str(other), "add", "a1", "--role", "admin", "--password-stdin",
                   stdin=PASSWORD)
    assert result.returncode == 0, result.stderr
    assert (other / "users.json").exists() and (other / "audit.jsonl").exists()
    assert not (tmp_path / "users.json").exists()
