"""Local accounts (argon2 hashes, lockout, atomic shared updates) and roles from university sign-in claims."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from metrics import accounts
from metrics.accounts import AccountError, AuthConfigError, RoleRules, role_for_claims

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
PASSWORD = "correct horse battery"


@pytest.fixture
def folder(tmp_path):
    accounts.add_user("editor1", PASSWORD, "editor", tmp_path)
    return tmp_path


def fail(folder, times: int, now: datetime = NOW) -> list[str]:
    return [accounts.verify("editor1", "wrong password", now, folder).outcome for _ in range(times)]


def test_users_file_holds_an_argon2_hash_never_the_password(folder):
    text = (folder / "users.json").read_text()
    entry = json.loads(text)["users"]["editor1"]
    assert PASSWORD not in text
    assert entry["hash"].startswith("$argon2id$")
    assert entry["role"] == "editor"


def test_two_accounts_with_one_password_get_different_salted_hashes(folder):
    accounts.add_user("editor2", PASSWORD, "editor", folder)
    users = json.loads((folder / "users.json").read_text())["users"]
    assert users["editor1"]["hash"] != users["editor2"]["hash"]


def test_right_password_signs_in_with_the_role(folder):
    result = accounts.verify("editor1", PASSWORD, NOW, folder)
    assert (result.ok, result.role, result.name) == (True, "editor", "editor1")


def test_wrong_password_and_unknown_name_look_the_same(folder):
    wrong = accounts.verify("editor1", "not it at all", NOW, folder)
    unknown = accounts.verify("nobody", PASSWORD, NOW, folder)
    assert (wrong.outcome, wrong.role, wrong.locked_until) == (unknown.outcome, unknown.role, unknown.locked_until)
    assert wrong.outcome == "wrong"


def test_unknown_name_is_not_added_to_the_users_file(folder):
    accounts.verify("nobody", PASSWORD, NOW, folder)
    assert [user.name for user in accounts.list_users(folder)] == ["editor1"]


def test_lockout_after_max_failures(folder):
    outcomes = fail(folder, accounts.MAX_FAILURES)
    assert outcomes == ["wrong"] * (accounts.MAX_FAILURES - 1) + ["locked"]
    assert accounts.get_user("editor1", folder).locked_until == NOW + timedelta(minutes=accounts.LOCKOUT_MINUTES)


def test_locked_account_refuses_even_the_right_password(folder):
    fail(folder, accounts.MAX_FAILURES)
    result = accounts.verify("editor1", PASSWORD, NOW + timedelta(minutes=1), folder)
    assert result.outcome == "locked"
    assert result.role is None


def test_lock_lifts_after_lockout_minutes(folder):
    fail(folder, accounts.MAX_FAILURES)
    later = NOW + timedelta(minutes=accounts.LOCKOUT_MINUTES, seconds=1)
    assert accounts.verify("editor1", PASSWORD, later, folder).ok


def test_after_a_lock_runs_out_the_count_starts_over(folder):
    fail(folder, accounts.MAX_FAILURES)
    later = NOW + timedelta(minutes=accounts.LOCKOUT_MINUTES, seconds=1)
    assert fail(folder, accounts.MAX_FAILURES - 1, later) == ["wrong"] * (accounts.MAX_FAILURES - 1)
    assert accounts.get_user("editor1", folder).failures == accounts.MAX_FAILURES - 1


def test_right_password_resets_the_failure_count(folder):
    fail(folder, accounts.MAX_FAILURES - 1)
    assert accounts.verify("editor1", PASSWORD, NOW, folder).ok
    assert fail(folder, accounts.MAX_FAILURES - 1) == ["wrong"] * (accounts.MAX_FAILURES - 1)


def test_unlock_lifts_a_lock(folder):
    fail(folder, accounts.MAX_FAILURES)
    accounts.unlock("editor1", folder)
    assert accounts.verify("editor1", PASSWORD, NOW, folder).ok


def test_set_password_replaces_the_hash_and_lifts_a_lock(folder):
    fail(folder, accounts.MAX_FAILURES)
    accounts.set_password("editor1", "a new long password", folder)
    assert not accounts.verify("editor1", PASSWORD, NOW, folder).ok
    assert accounts.verify("editor1", "a new long password", NOW, folder).ok


def test_set_role_and_remove_user(folder):
    accounts.set_role("editor1", "admin", folder)
    assert accounts.get_user("editor1", folder).role == "admin"
    accounts.remove_user("editor1", folder)
    assert accounts.list_users(folder) == []
    assert not accounts.accounts_configured(folder)


def test_refused_changes_say_why(folder):
    with pytest.raises(AccountError, match="already exists"):
        accounts.add_user("editor1", PASSWORD, "viewer", folder)
    with pytest.raises(AccountError, match="unknown role 'editr'"):
        accounts.add_user("someone", PASSWORD, "editr", folder)
    with pytest.raises(AccountError, match="at least"):
        accounts.add_user("someone", "short", "viewer", folder)
    with pytest.raises(AccountError, match="no user 'ghost'"):
        accounts.set_role("ghost", "viewer", folder)
    with pytest.raises(AccountError, match="no user 'ghost'"):
        accounts.remove_user("ghost", folder)


def test_verify_needs_a_time_zone_aware_now(folder):
    with pytest.raises(ValueError, match="time zone"):
        accounts.verify("editor1", PASSWORD, datetime(2026, 3, 1, 9, 0), folder)


def test_no_users_file_means_no_accounts(tmp_path):
    assert not accounts.accounts_configured(tmp_path)
    assert accounts.list_users(tmp_path) == []


def test_unreadable_users_file_fails_closed(tmp_path):
    (tmp_path / "users.json").write_text("{not json")
    assert accounts.accounts_configured(tmp_path)  # the app asks for sign-in instead of opening up
    with pytest.raises(AuthConfigError, match="users.json"):
        accounts.verify("editor1", PASSWORD, NOW, tmp_path)


def test_auth_dir_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(accounts.AUTH_DIR_ENV, str(tmp_path))
    assert accounts.auth_dir() == tmp_path
    monkeypatch.delenv(accounts.AUTH_DIR_ENV)
    assert accounts.auth_dir() == ROOT / "auth"


ADD_MANY = """
import sys
from metrics import accounts
prefix, folder = sys.argv[1], sys.argv[2]
for i in range(8):
    accounts.add_user(f"{prefix}{i}", "long enough password", "viewer", folder)
"""


def test_concurrent_adds_from_two_processes_lose_nothing(tmp_path):
    runs = [subprocess.Popen([sys.executable, "-c", ADD_MANY, prefix, str(tmp_path)], cwd=ROOT)
            for prefix in ("a", "b")]
    assert [run.wait(timeout=120) for run in runs] == [0, 0]
    names = {user.name for user in accounts.list_users(tmp_path)}
    assert names == {f"{prefix}{i}" for prefix in "ab" for i in range(8)}
    assert not list(tmp_path.glob(".users-*"))  # no temporary file left behind


# --- roles from claims ----------------------------------------------------------------------

RULES = RoleRules(emails={"head@uni.uz": "admin"}, groups={"intl-office": "editor", "staff": "viewer"})


def test_role_from_email_is_case_insensitive():
    assert role_for_claims({"email": "Head@Uni.UZ"}, RULES) == "admin"


def test_role_from_a_group():
    assert role_for_claims({"email": "x@uni.uz", "groups": ["library", "intl-office"]}, RULES) == "editor"


def test_highest_matching_role_wins():
    assert role_for_claims({"email": "head@uni.uz", "groups": ["staff"]}, RULES) == "admin"
    assert role_for_claims({"groups": ["staff", "intl-office"]}, RULES) == "editor"


def test_a_single_group_given_as_a_string():
    assert role_for_claims({"groups": "intl-office"}, RULES) == "editor"


def test_no_match_and_no_default_means_no_access():
    assert role_for_claims({"email": "student@uni.uz", "groups": ["students"]}, RULES) is None


def test_no_match_gets_the_default():
    rules = RoleRules(emails={}, groups={}, default="viewer")
    assert role_for_claims({"email": "student@uni.uz"}, rules) == "viewer"


def test_unverified_email_is_not_trusted():
    assert role_for_claims({"email": "head@uni.uz", "email_verified": False}, RULES) is None


def test_group_claim_name_is_configurable():
    rules = RoleRules(emails={}, groups={"intl-office": "editor"}, group_claim="roles")
    assert role_for_claims({"roles": ["intl-office"], "groups": []}, rules) == "editor"


def test_roles_toml_is_read(tmp_path):
    (tmp_path / "roles.toml").write_text('default = "viewer"\n[emails]\n"Head@uni.uz" = "admin"\n'
                                         '[groups]\n"intl-office" = "editor"\n')
    rules = accounts.load_role_rules(tmp_path)
    assert rules == RoleRules(emails={"head@uni.uz": "admin"}, groups={"intl-office": "editor"}, default="viewer")


def test_roles_toml_reads_from_the_auth_dir_by_default(monkeypatch, tmp_path):
    monkeypatch.setenv(accounts.AUTH_DIR_ENV, str(tmp_path))
    (tmp_path / "roles.toml").write_text('[groups]\n"intl-office" = "editor"\n')
    assert role_for_claims({"groups": ["intl-office"]}) == "editor"


def test_no_roles_toml_gives_nobody_a_role(tmp_path):
    assert role_for_claims({"email": "head@uni.uz"}, accounts.load_role_rules(tmp_path)) is None


def test_misspelt_roles_and_keys_in_roles_toml_are_named(tmp_path):
    (tmp_path / "roles.toml").write_text('defualt = "viewer"\n[emails]\n"a@uni.uz" = "admn"\n')
    with pytest.raises(AuthConfigError) as error:
        accounts.load_role_rules(tmp_path)
    assert "unknown key 'defualt'" in str(error.value)
    assert "\"a@uni.uz\": unknown role 'admn'" in str(error.value)
