"""The gate: with accounts configured, nobody who is not signed in sees anything but the sign-in form;
signed-in people see the pages of their role; sessions end when idle; every sign-in is audited."""

from __future__ import annotations

import json
import shutil
import time
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import dashboard_pages
from streamlit.proto.TextInput_pb2 import TextInput as TextInputProto

from app import auth
from metrics import accounts

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 180  # generous: two slow shared cores, and a signed-in run loads the sample data
PASSWORD = "a long enough password"
DASHBOARD_PAGES = {Path(page).stem for page in dashboard_pages()}  # what everyone sees (dashboard.py)

pytestmark = pytest.mark.skipif(not (ROOT / "data" / "students.csv").exists(), reason="sample data not generated")


@pytest.fixture(scope="module")
def accounts_template(tmp_path_factory):
    """users.json with one viewer, one editor and one admin, hashed once for the module."""
    folder = tmp_path_factory.mktemp("auth_template")
    for name, role in (("viewer1", "viewer"), ("editor1", "editor"), ("admin1", "admin")):
        accounts.add_user(name, PASSWORD, role, folder)
    return folder / "users.json"


@pytest.fixture
def auth_dir(accounts_template, tmp_path, monkeypatch):
    folder = tmp_path / "auth"
    folder.mkdir()
    shutil.copy(accounts_template, folder / "users.json")
    monkeypatch.setenv("IC_AUTH_DIR", str(folder))
    return folder


@pytest.fixture
def new_app(streamlit_v2_pages, monkeypatch):
    """A fresh AppTest of dashboard.py (not run yet), from the repository root."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.chdir(ROOT)
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)


def listed_pages(at) -> set[str]:
    """File names (stems) of the pages the last run put in the navigation (AppTest keeps the registry privately)."""
    pages = {Path(info["script_path"]).stem for info in at._registered_pages.values() if info.get("script_path")}
    assert pages, "the run registered no navigation"
    return pages


def signed_in_as(at, name: str, role: str, idle_seconds: float = 0):
    """Sign in by session state (what a successful form submission leaves behind)."""
    moment = time.time() - idle_seconds
    at.session_state[auth.USER_KEY] = {"name": name, "role": role, "via": "local"}
    at.session_state[auth.SIGNED_IN_KEY] = moment
    at.session_state[auth.ACTIVITY_KEY] = moment
    return at


def submit(at, name: str, password: str):
    at.text_input(key="signin_name").input(name)
    at.text_input(key="signin_password").input(password)
    at.button(key="signin_submit").click()
    return at.run()


def audit_events(folder: Path) -> list[dict]:
    path = folder / "audit.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def assert_sign_in_form_only(at):
    assert not at.exception, [item.value for item in at.exception]
    assert listed_pages(at) == {"signin"}
    assert at.text_input(key="signin_name") is not None
    assert at.text_input(key="signin_password").proto.type == TextInputProto.PASSWORD
    # Nothing of the data: no numbers, tables, charts or filters.
    assert len(at.metric) == 0 and len(at.dataframe) == 0 and len(at.get("plotly_chart")) == 0
    assert len(at.sidebar.multiselect) == 0 and len(at.sidebar.slider) == 0


@pytest.fixture
def no_data_access(monkeypatch):
    """Fail the test if a run asked for the data (every data access goes through app.state.data_key).

    The calls are counted rather than refused: the app catches loading errors to show them.
    """
    import app.state

    calls = []
    original = app.state.data_key

    def counted():
        calls.append(1)
        return original()

    monkeypatch.setattr(app.state, "data_key", counted)
    yield
    assert calls == [], "the data was asked for"


def test_not_signed_in_sees_only_the_sign_in_form(auth_dir, new_app, no_data_access):
    at = new_app.run()
    assert_sign_in_form_only(at)
    assert auth.auth_mode() == "accounts"


def test_direct_address_of_a_page_still_shows_the_sign_in_form(auth_dir, new_app, no_data_access):
    # Before the first run AppTest addresses a page by its file name, i.e. its URL path: a bookmark.
    at = new_app.switch_page("pages/overview.py").run()
    assert_sign_in_form_only(at)
    at.switch_page("pages/signin.py").run()
    assert_sign_in_form_only(at)


def test_admin_page_by_direct_address_shows_the_sign_in_form(auth_dir, new_app):
    at = new_app.switch_page("pages/admin.py").run()
    assert_sign_in_form_only(at)


def test_wrong_password_and_unknown_name_get_the_same_message(auth_dir, new_app):
    at = submit(new_app.run(), "editor1", "not the password")
    wrong = [error.value for error in at.error]
    at = submit(at, "nobody", PASSWORD)
    assert [error.value for error in at.error] == wrong == ["Wrong user name or password."]
    assert_sign_in_form_only(at)
    assert [(entry["event"], entry["user"]) for entry in audit_events(auth_dir)] == [
        ("sign_in_failed", "editor1"), ("sign_in_failed", "nobody")]


def lock_out(name: str) -> datetime:
    """Lock an account by failing MAX_FAILURES times now; returns until when it is locked."""
    now = datetime.now(timezone.utc)
    for _ in range(accounts.MAX_FAILURES):
        accounts.verify(name, "guess", now)
    return accounts.get_user(name).locked_until


def test_locked_account_says_until_when(auth_dir, new_app):
    until = lock_out("editor1")
    at = submit(new_app.run(), "editor1", PASSWORD)  # the right password: still locked
    assert [error.value for error in at.error] == [f"Too many failed attempts: try again after {until:%H:%M} UTC."]
    assert_sign_in_form_only(at)


def test_locked_time_is_shown_in_the_browsers_time_zone(auth_dir, new_app):
    until = lock_out("editor1").astimezone(ZoneInfo("Asia/Tashkent"))
    new_app.context["timezone"] = "Asia/Tashkent"
    at = submit(new_app.run(), "editor1", PASSWORD)
    assert [error.value for error in at.error] == [f"Too many failed attempts: try again after {until:%H:%M}."]


def test_viewer_signs_in_and_sees_no_desk_history_or_admin(auth_dir, new_app):
    at = submit(new_app.run(), "viewer1", PASSWORD)
    assert not at.exception, [item.value for item in at.exception]
    assert listed_pages(at) == DASHBOARD_PAGES
    assert len(at.metric) > 0  # the overview with its numbers
    assert "viewer1" in " ".join(caption.value for caption in at.sidebar.caption)
    (entry,) = audit_events(auth_dir)
    assert (entry["event"], entry["user"], entry["details"]) == ("sign_in", "viewer1", {"via": "local", "role": "viewer"})
    # The form was cleared on submit: the password does not stay in the session.
    assert "signin_password" not in at.session_state or at.session_state["signin_password"] == ""


def test_viewer_cannot_open_the_desk_by_address(auth_dir, new_app):
    at = signed_in_as(new_app, "viewer1", "viewer").run()
    for page in ("pages/desk.py", "pages/history.py", "pages/admin.py"):
        if (ROOT / page).exists():
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                at.switch_page(page)


def test_editor_sees_desk_and_history_when_their_files_exist(auth_dir, new_app):
    at = signed_in_as(new_app, "editor1", "editor").run()
    assert not at.exception, [item.value for item in at.exception]
    expected = DASHBOARD_PAGES | {page for page in ("desk", "history") if (ROOT / "pages" / f"{page}.py").exists()}
    assert listed_pages(at) == expected


def test_admin_sees_users_and_the_audit_log(auth_dir, new_app):
    at = signed_in_as(new_app, "admin1", "admin").switch_page("pages/admin.py").run()
    assert not at.exception, [item.value for item in at.exception]
    assert "admin" in listed_pages(at)
    users_table = at.dataframe[0].value  # the users table (dataframes carry no key in AppTest)
    assert list(users_table.iloc[:, 0]) == ["admin1", "editor1", "viewer1"]


def change_role_as_admin(at, target: str, role: str):
    """As admin1, on the admin page: pick a user and a role, and submit."""
    at = signed_in_as(at, "admin1", "admin").switch_page("pages/admin.py").run()
    at.selectbox(key="admin_role_user").select(target)
    at.selectbox(key="admin_role").select(role)
    at.button(key="admin_role_submit").click()
    return at.run()


def test_admin_changes_a_role_and_it_is_audited(auth_dir, new_app):
    at = change_role_as_admin(new_app, "viewer1", "editor")
    assert not at.exception, [item.value for item in at.exception]
    assert accounts.get_user("viewer1").role == "editor"
    (entry,) = audit_events(auth_dir)
    assert (entry["event"], entry["user"], entry["details"]) == (
        "user_change", "admin1", {"target": "viewer1", "action": "role", "role": "editor"})
    assert list(at.dataframe[1].value.iloc[:, 1]) == ["user_change"]


def test_admin_cannot_change_their_own_role(auth_dir, new_app):
    at = change_role_as_admin(new_app, "admin1", "viewer")
    assert accounts.get_user("admin1").role == "admin"
    assert len(at.warning) == 1


def test_sign_out_returns_to_the_form_and_is_audited(auth_dir, new_app):
    at = signed_in_as(new_app, "viewer1", "viewer").run()
    at.sidebar.button(key="sign_out").click()
    at.run()
    assert_sign_in_form_only(at)
    assert [info.value for info in at.info] == ["You have signed out."]
    assert [(entry["event"], entry["details"]["reason"]) for entry in audit_events(auth_dir)] == [("sign_out", "user")]


def test_idle_session_expires(auth_dir, new_app):
    idle = auth.SESSION_HOURS * 3600 + 60
    at = signed_in_as(new_app, "editor1", "editor", idle_seconds=idle).run()
    assert_sign_in_form_only(at)
    assert [info.value for info in at.info] == [
        f"Your session ended after {auth.SESSION_HOURS} hours without activity. Please sign in again."]
    assert [(entry["event"], entry["details"]["reason"]) for entry in audit_events(auth_dir)] == [
        ("sign_out", "expired")]


def test_session_within_the_idle_limit_stays(auth_dir, new_app):
    at = signed_in_as(new_app, "editor1", "editor", idle_seconds=auth.SESSION_HOURS * 3600 - 60).run()
    assert listed_pages(at) != {"signin"}
    assert time.time() - at.session_state[auth.ACTIVITY_KEY] < 60  # the run counts as activity


def test_removed_account_is_signed_out(auth_dir, new_app):
    accounts.remove_user("editor1")
    at = signed_in_as(new_app, "editor1", "editor").run()
    assert_sign_in_form_only(at)


def test_role_change_applies_to_a_running_session(auth_dir, new_app):
    accounts.set_role("editor1", "viewer")
    at = signed_in_as(new_app, "editor1", "editor").run()
    assert listed_pages(at) == DASHBOARD_PAGES
    assert at.session_state[auth.USER_KEY]["role"] == "viewer"


def test_sign_in_page_follows_the_language_of_the_link(auth_dir, new_app):
    new_app.query_params["lang"] = "ru"
    at = new_app.run()
    assert at.title[0].value == "Вход"
    assert at.text_input(key="signin_name").label == "Имя пользователя"


def test_demo_mode_without_accounts_lists_the_desk_when_present(tmp_path, monkeypatch, new_app):
    monkeypatch.setenv("IC_AUTH_DIR", str(tmp_path / "no_auth"))
    assert auth.auth_mode() == "demo"
    at = new_app.switch_page("pages/data.py").run()
    assert not at.exception, [item.value for item in at.exception]
    expected = DASHBOARD_PAGES | ({"desk"} if (ROOT / "pages" / "desk.py").exists() else set())
    assert listed_pages(at) == expected
    assert [button.key for button in at.sidebar.button if button.key == "sign_out"] == []


# --- university sign-in (OIDC): st.user is simulated; the identity provider itself is not ---------

OIDC_SECRETS = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                "client_id": "dashboard", "client_secret": "s",
                "server_metadata_url": "https://login.uni.uz/.well-known/openid-configuration"}


@pytest.fixture
def oidc_app(tmp_path, monkeypatch, new_app):
    folder = tmp_path / "auth"
    folder.mkdir()
    (folder / "roles.toml").write_text('[emails]\n"head@uni.uz" = "admin"\n[groups]\n"intl-office" = "editor"\n')
    monkeypatch.setenv("IC_AUTH_DIR", str(folder))
    new_app.secrets["auth"] = OIDC_SECRETS
    return new_app


def test_oidc_not_signed_in_offers_the_university_account(oidc_app, no_data_access):
    oidc_app.user = {"is_logged_in": False}
    at = oidc_app.run()
    assert not at.exception, [item.value for item in at.exception]
    assert listed_pages(at) == {"signin"}
    assert at.button(key="signin_oidc").label == "Sign in with the university account"
    assert [widget.key for widget in at.text_input] == []  # no users.json: no name-and-password form


def test_oidc_role_comes_from_roles_toml(oidc_app):
    oidc_app.user = {"is_logged_in": True, "email": "someone@uni.uz", "groups": ["intl-office"]}
    at = oidc_app.run()
    assert not at.exception, [item.value for item in at.exception]
    assert at.session_state[auth.USER_KEY] == {"name": "someone@uni.uz", "role": "editor", "via": "oidc"}
    assert "admin" not in listed_pages(at) and "signin" not in listed_pages(at)
    (entry,) = audit_events(Path(accounts.auth_dir()))
    assert (entry["event"], entry["user"], entry["details"]["via"]) == ("sign_in", "someone@uni.uz", "oidc")


def test_oidc_admin_by_email(oidc_app):
    oidc_app.user = {"is_logged_in": True, "email": "head@uni.uz"}
    at = oidc_app.switch_page("pages/admin.py").run()
    assert not at.exception, [item.value for item in at.exception]
    assert "admin" in listed_pages(at)


def test_oidc_without_a_role_sees_only_the_sign_in_page_and_why(oidc_app, no_data_access):
    oidc_app.user = {"is_logged_in": True, "email": "student@uni.uz", "groups": ["students"]}
    at = oidc_app.run()
    assert listed_pages(at) == {"signin"}
    assert len(at.warning) == 1 and "has no access" in at.warning[0].value
    assert at.button(key="signin_oidc_sign_out") is not None
    at.run()  # audited once per session, not on every run
    assert [(entry["event"], entry["details"]["outcome"]) for entry in audit_events(Path(accounts.auth_dir()))] == [
        ("sign_in_failed", "no_role")]


def test_unreadable_secrets_file_keeps_the_app_closed(tmp_path, monkeypatch, new_app, no_data_access):
    import streamlit as st
    from streamlit import config

    broken = tmp_path / "secrets.toml"
    broken.write_text("[auth\nclient_id = ")
    monkeypatch.setenv("IC_AUTH_DIR", str(tmp_path / "no_auth"))
    original = config.get_option("secrets.files")
    config.set_option("secrets.files", [str(broken)])
    st.secrets._reset()
    try:
        assert auth.auth_mode() == "oidc"
        at = new_app.run()
    finally:
        config.set_option("secrets.files", original)
        st.secrets._reset()
    assert listed_pages(at) == {"signin"}
    assert [error.value for error in at.error] == [
        "Sign-in is not available: the account settings cannot be read. Please tell the administrator."]
