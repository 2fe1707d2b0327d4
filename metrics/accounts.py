"""Who may sign in and with which role: local accounts and the role rules for university (OIDC) sign-in.

Pure Python, no Streamlit. Everything lives in the auth folder: ``$IC_AUTH_DIR``, else ``<repo>/auth``.

- ``users.json``: local accounts, ``{"users": {name: {"role", "hash", "failures", "locked_until"}}}``.
  ``hash`` is an argon2id hash (salted, slow); the password itself is never stored or logged.
  Every change is read-modify-write under a lock file and written to a temporary file that
  replaces ``users.json`` in one step, so two processes never lose each other's updates and a
  reader never sees half a file.
- ``roles.toml``: roles for people who sign in with the university account, from their e-mail
  or group claims::

      default = "viewer"            # optional: role of anyone else who signs in; omit = no access
      group_claim = "groups"        # optional: the claim that lists a person's groups
      [emails]
      "head@uni.uz" = "admin"
      [groups]
      "intl-office" = "editor"
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Literal, TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

ROOT = Path(__file__).resolve().parent.parent
AUTH_DIR_ENV = "IC_AUTH_DIR"
USERS_FILE = "users.json"
ROLES_FILE = "roles.toml"
LOCK_FILE = "users.lock"

# Roles from least to most: each may do everything the one before it may.
ROLES = ("viewer", "editor", "admin")
# Consecutive wrong passwords that lock an account, and for how long (guessing 5 passwords per
# 15 minutes is about 500 a day: too slow to matter against any real password).
MAX_FAILURES = 5
LOCKOUT_MINUTES = 15
MIN_PASSWORD_LENGTH = 8
MAX_NAME_LENGTH = 64
DEFAULT_GROUP_CLAIM = "groups"

_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters
_dummy_hash: str | None = None

T = TypeVar("T")


class AccountError(ValueError):
    """A change that cannot be made (unknown user, name taken, bad role or password); the message says why."""


class AuthConfigError(ValueError):
    """users.json or roles.toml cannot be read or holds an invalid entry; the message names it."""


@dataclass(frozen=True)
class Account:
    """One local account as the app sees it (never the hash)."""

    name: str
    role: str
    failures: int
    locked_until: datetime | None

    def locked(self, now: datetime) -> bool:
        """Whether sign-in is refused at ``now`` because of too many failures."""
        return self.locked_until is not None and now < self.locked_until


@dataclass(frozen=True)
class SignInResult:
    """The outcome of one sign-in attempt.

    ``outcome`` is "ok", "wrong" (unknown name or wrong password: the two are never told apart)
    or "locked" (``locked_until`` says until when). ``role`` is set only when ``ok``.
    """

    outcome: Literal["ok", "wrong", "locked"]
    name: str
    role: str | None = None
    locked_until: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


@dataclass(frozen=True)
class RoleRules:
    """roles.toml: role by e-mail, role by group, and the role of anyone else (None = no access)."""

    emails: dict[str, str]
    groups: dict[str, str]
    default: str | None = None
    group_claim: str = DEFAULT_GROUP_CLAIM


# --- where ----------------------------------------------------------------------------------

def auth_dir() -> Path:
    """The auth folder: $IC_AUTH_DIR, else <repo>/auth."""
    configured = os.environ.get(AUTH_DIR_ENV, "").strip()
    return Path(configured) if configured else ROOT / "auth"


def _folder(folder: Path | str | None) -> Path:
    return Path(folder) if folder is not None else auth_dir()


def _now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(timezone.utc)
    if now.tzinfo is None:
        raise ValueError("now must carry a time zone")
    return now


# --- users.json -----------------------------------------------------------------------------

@contextmanager
def _lock(folder: Path) -> Iterator[None]:
    """Exclusive lock on <folder>/users.lock for one read-modify-write of users.json."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_FILE, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _read(folder: Path) -> dict[str, dict]:
    path = folder / USERS_FILE
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise AuthConfigError(f"{USERS_FILE} cannot be read: {error}") from error
    users = content.get("users") if isinstance(content, dict) else None
    if not isinstance(users, dict):
        raise AuthConfigError(f'{USERS_FILE} has no "users" table')
    return users


def _write(folder: Path, users: dict[str, dict]) -> None:
    """Write users.json in one step: a temporary file in the same folder, flushed, then renamed over it."""
    handle, temporary = tempfile.mkstemp(prefix=".users-", suffix=".json", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"users": users}, out, ensure_ascii=False, indent=1, sort_keys=True)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o600)  # hashes are not secrets, but nobody else needs to read them
        os.replace(temporary, folder / USERS_FILE)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _update(folder: Path | str | None, change: Callable[[dict[str, dict]], T]) -> T:
    """Apply ``change`` to the accounts under the lock and save them; returns what ``change`` returns."""
    path = _folder(folder)
    with _lock(path):
        users = _read(path)
        result = change(users)
        _write(path, users)
    return result


def _account(name: str, entry: dict) -> Account:
    locked = entry.get("locked_until")
    return Account(name=name, role=entry["role"], failures=int(entry.get("failures", 0)),
                   locked_until=datetime.fromisoformat(locked) if locked else None)


def _check_name(name: str) -> str:
    name = str(name).strip()
    if not name or len(name) > MAX_NAME_LENGTH or not name.isprintable():
        raise AccountError(f"a user name is 1 to {MAX_NAME_LENGTH} printable characters")
    return name


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"unknown role '{role}'; roles are {', '.join(ROLES)}")
    return role


def _hash(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"a password has at least {MIN_PASSWORD_LENGTH} characters")
    return _HASHER.hash(password)


def _existing(users: dict[str, dict], name: str) -> dict:
    if name not in users:
        raise AccountError(f"no user '{name}'")
    return users[name]


def list_users(folder: Path | str | None = None) -> list[Account]:
    """Every local account, by name."""
    return [_account(name, entry) for name, entry in sorted(_read(_folder(folder)).items())]


def get_user(name: str, folder: Path | str | None = None) -> Account | None:
    """The account called ``name``, or None."""
    entry = _read(_folder(folder)).get(name)
    return _account(name, entry) if entry else None


def accounts_configured(folder: Path | str | None = None) -> bool:
    """Whether local accounts are in use: users.json holds a user, or exists and cannot be read (fail closed)."""
    path = _folder(folder)
    if not (path / USERS_FILE).exists():
        return False
    try:
        return bool(_read(path))
    except AuthConfigError:
        return True


def add_user(name: str, password: str, role: str, folder: Path | str | None = None) -> Account:
    """Create an account; refuses a name that is taken."""
    name, role = _check_name(name), _check_role(role)
    hashed = _hash(password)  # slow: done before taking the lock

    def change(users: dict[str, dict]) -> Account:
        if name in users:
            raise AccountError(f"user '{name}' already exists")
        users[name] = {"role": role, "hash": hashed, "failures": 0, "locked_until": None}
        return _account(name, users[name])

    return _update(folder, change)


def set_role(name: str, role: str, folder: Path | str | None = None) -> Account:
    """Give an existing account another role."""
    role = _check_role(role)

    def change(users: dict[str, dict]) -> Account:
        _existing(users, name)["role"] = role
        return _account(name, users[name])

    return _update(folder, change)


def remove_user(name: str, folder: Path | str | None = None) -> None:
    """Delete an account."""
    def change(users: dict[str, dict]) -> None:
        _existing(users, name)
        del users[name]

    _update(folder, change)


def set_password(name: str, password: str, folder: Path | str | None = None) -> None:
    """Replace an account's password; this also lifts a lock."""
    hashed = _hash(password)

    def change(users: dict[str, dict]) -> None:
        _existing(users, name).update(hash=hashed, failures=0, locked_until=None)

    _update(folder, change)


def unlock(name: str, folder: Path | str | None = None) -> Account:
    """Lift a lock and forget earlier failures."""
    def change(users: dict[str, dict]) -> Account:
        _existing(users, name).update(failures=0, locked_until=None)
        return _account(name, users[name])

    return _update(folder, change)


def _password_matches(hashed: str | None, password: str) -> bool:
    """argon2 check; an unknown user is checked against a dummy hash so both take about as long."""
    global _dummy_hash
    if hashed is None:
        _dummy_hash = _dummy_hash or _HASHER.hash("not a password of anyone")
        hashed = _dummy_hash
    try:
        return _HASHER.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def verify(name: str, password: str, now: datetime | None = None,
           folder: Path | str | None = None) -> SignInResult:
    """One sign-in attempt at ``now`` (UTC now when omitted).

    A locked account is refused whatever the password. A wrong password counts one failure;
    the MAX_FAILURES-th in a row locks the account for LOCKOUT_MINUTES. A right one clears
    the count. An unknown name is "wrong", after the same amount of hashing work.
    """
    now = _now(now)
    name = str(name).strip()
    path = _folder(folder)
    entry = _read(path).get(name)
    matches = _password_matches(entry["hash"] if entry else None, password)
    if entry is None:
        return SignInResult("wrong", name)

    def change(users: dict[str, dict]) -> SignInResult:
        current = users.get(name)
        if current is None:  # removed meanwhile
            return SignInResult("wrong", name)
        account = _account(name, current)
        still_matches = matches if current["hash"] == entry["hash"] else _password_matches(current["hash"], password)
        if account.locked(now):
            return SignInResult("locked", name, locked_until=account.locked_until)
        if still_matches:
            current.update(failures=0, locked_until=None)
            if _HASHER.check_needs_rehash(current["hash"]):
                current["hash"] = _HASHER.hash(password)
            return SignInResult("ok", name, role=current["role"])
        failures = account.failures + 1 if account.locked_until is None else 1  # a lock that ran out starts over
        if failures >= MAX_FAILURES:
            until = now + timedelta(minutes=LOCKOUT_MINUTES)
            current.update(failures=failures, locked_until=until.isoformat())
            return SignInResult("locked", name, locked_until=until)
        current.update(failures=failures, locked_until=None)
        return SignInResult("wrong", name)

    return _update(path, change)


# --- roles.toml -----------------------------------------------------------------------------

def load_role_rules(folder: Path | str | None = None) -> RoleRules:
    """roles.toml of the auth folder; no file = nobody gets a role. Any invalid entry is named in the error."""
    path = _folder(folder) / ROLES_FILE
    try:
        content = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return RoleRules(emails={}, groups={})
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise AuthConfigError(f"{ROLES_FILE} cannot be read: {error}") from error
    known = {"default", "group_claim", "emails", "groups"}
    problems = [f"unknown key '{key}'" for key in content if key not in known]
    tables = {}
    for table in ("emails", "groups"):
        entries = content.get(table, {})
        if not isinstance(entries, dict):
            problems.append(f"[{table}] must be a table")
            entries = {}
        problems += [f"[{table}] \"{key}\": unknown role '{role}'" for key, role in entries.items() if role not in ROLES]
        tables[table] = {str(key).strip() if table == "groups" else str(key).strip().lower(): role
                         for key, role in entries.items()}
    default = content.get("default")
    if default is not None and default not in ROLES:
        problems.append(f"default: unknown role '{default}'")
    group_claim = content.get("group_claim", DEFAULT_GROUP_CLAIM)
    if not isinstance(group_claim, str) or not group_claim:
        problems.append("group_claim must be a claim name")
    if problems:
        raise AuthConfigError(f"{ROLES_FILE}: " + "; ".join(problems))
    return RoleRules(emails=tables["emails"], groups=tables["groups"], default=default, group_claim=group_claim)


def _highest(roles: list[str]) -> str | None:
    ranked = sorted(roles, key=ROLES.index)
    return ranked[-1] if ranked else None


def role_for_claims(claims: dict, rules: RoleRules | None = None) -> str | None:
    """The role of a person signed in with the university account, from their ID-token claims.

    The highest role among the rules their e-mail and groups match; none matching, the default
    (None = no access). An e-mail the provider marks unverified (``email_verified`` false) is not used.
    """
    rules = load_role_rules() if rules is None else rules
    matched: list[str] = []
    email = claims.get("email")
    if isinstance(email, str) and claims.get("email_verified", True) not in (False, "false"):
        role = rules.emails.get(email.strip().lower())
        matched += [role] if role else []
    groups = claims.get(rules.group_claim) or []
    for group in [groups] if isinstance(groups, str) else list(groups):
        role = rules.groups.get(str(group).strip())
        matched += [role] if role else []
    return _highest(matched) or rules.default
