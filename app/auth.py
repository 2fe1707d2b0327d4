"""Who is signed in and what they may do: the app side of ``metrics.accounts`` and ``metrics.audit``.

Three modes (:func:`auth_mode`):
- "oidc": ``.streamlit/secrets.toml`` has an ``[auth]`` section; people sign in with the university
  account (``st.login``) and get a role from ``roles.toml`` (local accounts, if any, work beside it);
- "accounts": ``users.json`` holds local accounts; people sign in with name and password;
- "demo": neither; nobody signs in, everyone is a read-only visitor (no uploads).

A local sign-in lives in the session state of one browser tab: a reload signs out. A session
idle for SESSION_HOURS ends. dashboard.py calls :func:`refresh_session` once per run, before
anything else is drawn; pages ask :func:`current_user`, :func:`can_edit` and :func:`is_admin`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

import streamlit as st

from metrics import accounts, audit

# A session with no click for this long is signed out (a shared office computer left unlocked).
SESSION_HOURS = 8

# Session-state keys (tests set them to sign in or to age a session).
USER_KEY = "_auth_user"  # {"name", "role", "via"} of the person signed in
SIGNED_IN_KEY = "_auth_signed_in_at"  # epoch seconds of the sign-in
ACTIVITY_KEY = "_auth_last_activity"  # epoch seconds of the last run of the script
NOTICE_KEY = "_auth_notice"  # "expired" or "signed_out": said once on the sign-in form
NO_ROLE_KEY = "_auth_no_role_audited"  # a university sign-in without a role was audited in this session

Mode = Literal["accounts", "oidc", "demo"]


@dataclass(frozen=True)
class User:
    """The person signed in: their name (an e-mail for OIDC), role and how they signed in."""

    name: str
    role: str
    via: Literal["local", "oidc"]


# --- configuration --------------------------------------------------------------------------

def _oidc_section() -> dict:
    """The [auth] section of secrets.toml, empty when there is none.

    A secrets.toml that exists but cannot be parsed raises AuthConfigError: it may have been
    meant to configure sign-in, so the app stays closed rather than opening as a demo.
    """
    try:
        return st.secrets["auth"].to_dict() if "auth" in st.secrets else {}
    except FileNotFoundError as error:  # StreamlitSecretNotFoundError: no file, or one that does not parse
        if any(Path(path).exists() for path in st.get_option("secrets.files")):
            raise accounts.AuthConfigError(f"secrets.toml cannot be read: {error}") from error
        return {}


def oidc_configured() -> bool:
    """Whether secrets.toml configures sign-in with the university's identity provider."""
    return bool(_oidc_section())


def oidc_provider() -> str | None:
    """The provider name for ``st.login``: None when [auth] itself holds client_id, else its first provider table."""
    section = _oidc_section()
    if "client_id" in section:
        return None
    return next((name for name, value in section.items() if isinstance(value, dict) and "client_id" in value), None)


def auth_mode() -> Mode:
    """"oidc" when secrets.toml has [auth], "accounts" when users.json holds users, else "demo"."""
    try:
        if oidc_configured():
            return "oidc"
    except accounts.AuthConfigError:
        return "oidc"  # fail closed; the sign-in page says the settings cannot be read
    if accounts.accounts_configured():
        return "accounts"
    return "demo"


def local_accounts_enabled() -> bool:
    """Whether the name-and-password form is offered (users.json holds users)."""
    return accounts.accounts_configured()


# --- who is there ---------------------------------------------------------------------------

def oidc_claims() -> dict | None:
    """The one place ``st.user`` is read: the ID-token claims of a university sign-in, else None."""
    if not st.user.get("is_logged_in", False):
        return None
    return {key: value for key, value in st.user.to_dict().items() if key not in ("is_logged_in", "tokens")}


def _oidc_name(claims: dict) -> str:
    return str(claims.get("email") or claims.get("preferred_username") or claims.get("name") or claims.get("sub"))


def client_address() -> str | None:
    """The client's address as the server saw it (None for a browser on this machine, and under AppTest).

    A proxy's X-Forwarded-For is kept beside it, marked as such: anyone can send that header.
    """
    try:
        address = st.context.ip_address
        forwarded = st.context.headers.get("X-Forwarded-For")
    except Exception:  # noqa: BLE001 - no client context (bare script run)
        return None
    if forwarded:
        return f"{address or 'local'} (forwarded for {forwarded.strip()[:200]})"
    return address


def _store(user: User, now: float) -> User:
    st.session_state[USER_KEY] = {"name": user.name, "role": user.role, "via": user.via}
    st.session_state.setdefault(SIGNED_IN_KEY, now)
    st.session_state[ACTIVITY_KEY] = now
    return user


def _forget() -> None:
    for key in (USER_KEY, SIGNED_IN_KEY, ACTIVITY_KEY):
        st.session_state.pop(key, None)


def current_user() -> User | None:
    """The person signed in in this session (as of this run's :func:`refresh_session`), else None."""
    stored = st.session_state.get(USER_KEY)
    return User(**stored) if stored else None


def refresh_session(now: float | None = None) -> User | None:
    """Once per run, from dashboard.py: end an idle session, follow role changes, note the activity.

    A local account that was removed meanwhile signs out; one whose role changed gets the new role.
    An OIDC session takes its role from roles.toml on every run.
    """
    now = time.time() if now is None else now
    stored = current_user()
    last = st.session_state.get(ACTIVITY_KEY)
    if stored is not None and last is not None and now - last > SESSION_HOURS * 3600:
        sign_out(reason="expired")
        return None
    if stored is not None and stored.via == "local":
        account = accounts.get_user(stored.name) if local_accounts_enabled() else None
        if account is None:
            sign_out(reason="account_removed")
            return None
        return _store(User(stored.name, account.role, "local"), now)
    claims = oidc_claims() if oidc_configured() else None
    if claims is None:
        if stored is not None:  # the OIDC cookie is gone
            _forget()
        return None
    role = accounts.role_for_claims(claims)
    if role is None:
        _forget()
        if not st.session_state.get(NO_ROLE_KEY):  # audited once per session, not on every click
            st.session_state[NO_ROLE_KEY] = True
            audit.record("sign_in_failed", _oidc_name(claims), client_address(), via="oidc", outcome="no_role")
        return None
    if stored is None:
        audit.record("sign_in", _oidc_name(claims), client_address(), via="oidc", role=role)
    return _store(User(_oidc_name(claims), role, "oidc"), now)


def oidc_without_role() -> str | None:
    """The name of someone signed in with the university account whom roles.toml gives no role, else None."""
    claims = oidc_claims() if oidc_configured() else None
    if claims is None or accounts.role_for_claims(claims) is not None:
        return None
    return _oidc_name(claims)


def can_edit() -> bool:
    """Whether the person may upload, publish and roll back (editors and admins; never in demo mode)."""
    user = current_user()
    return user is not None and user.role in ("editor", "admin")


def is_admin() -> bool:
    """Whether the person may manage users and read the audit log."""
    user = current_user()
    return user is not None and user.role == "admin"


# --- signing in and out ---------------------------------------------------------------------

def sign_in(name: str, password: str, now: datetime | None = None) -> accounts.SignInResult:
    """Check a local name and password; on success the session is signed in. Every attempt is audited."""
    result = accounts.verify(name, password, now=now)
    if result.ok:
        _forget()
        st.session_state.pop(NOTICE_KEY, None)
        _store(User(result.name, result.role, "local"), time.time())
        audit.record("sign_in", result.name, client_address(), via="local", role=result.role)
    else:
        audit.record("sign_in_failed", result.name, client_address(), via="local", outcome=result.outcome)
    return result


def sign_in_with_oidc() -> None:
    """Hand over to the university's identity provider (the browser comes back signed in)."""
    st.login(oidc_provider())


def sign_out(reason: str = "user") -> None:
    """End the session (audited); the next run shows the sign-in form, with a word on why when it expired."""
    user = current_user()
    if user is not None:
        audit.record("sign_out", user.name, client_address(), via=user.via, reason=reason)
    _forget()
    st.session_state[NOTICE_KEY] = "expired" if reason == "expired" else "signed_out"
    if oidc_configured() and oidc_claims() is not None:  # the browser's university sign-in ends too
        st.logout()


def locked_until_text(until: datetime) -> str:
    """HH:MM of a lock's end in the browser's time zone when known, else in UTC (said so)."""
    zone_name = None
    try:
        zone_name = st.context.timezone
    except Exception:  # noqa: BLE001 - no client context
        pass
    if zone_name:
        try:
            from zoneinfo import ZoneInfo

            return until.astimezone(ZoneInfo(zone_name)).strftime("%H:%M")
        except (KeyError, ValueError):
            pass
    return until.astimezone(timezone.utc).strftime("%H:%M UTC")
