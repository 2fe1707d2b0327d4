"""The audit log: one JSON line per sign-in, failed sign-in, sign-out, publish, rollback and user change.

Pure Python, no Streamlit. ``<auth folder>/audit.jsonl`` (see ``metrics.accounts.auth_dir``) is only
ever appended to: each entry is written with one ``write`` on a descriptor opened with O_APPEND
while holding an exclusive lock on that file, so entries from several processes never interleave.
An entry: ``{"time": UTC ISO, "event", "user", "address", "details": {...}}``. Passwords never
reach it: a detail whose name mentions a password is refused.
"""

from __future__ import annotations

import fcntl
import json
import os
from datetime import datetime, timezone
from pathlib import Path

from metrics.accounts import auth_dir

AUDIT_FILE = "audit.jsonl"
EVENTS = ("sign_in", "sign_in_failed", "sign_out", "publish", "rollback", "user_change")
# A typed user name is logged even when the sign-in fails; this bounds what one entry can carry.
MAX_NAME_LENGTH = 128
READ_BLOCK = 64 * 1024


def audit_path(folder: Path | str | None = None) -> Path:
    """<auth folder>/audit.jsonl."""
    return (Path(folder) if folder is not None else auth_dir()) / AUDIT_FILE


def _clean_name(user: str | None) -> str | None:
    if user is None:
        return None
    text = "".join(ch if ch.isprintable() else "?" for ch in str(user))
    return text[:MAX_NAME_LENGTH]


def entry(event: str, user: str | None, address: str | None = None, *, now: datetime | None = None,
          **details: object) -> dict:
    """The entry ``record`` writes (checked: a known event, no password among the details)."""
    if event not in EVENTS:
        raise ValueError(f"unknown audit event '{event}'; events are {', '.join(EVENTS)}")
    secret = [key for key in details if "password" in key.lower()]
    if secret:
        raise ValueError(f"a password never goes into the audit log ({', '.join(secret)})")
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    return {"time": moment.isoformat(timespec="seconds").replace("+00:00", "Z"), "event": event,
            "user": _clean_name(user), "address": address, "details": details}


def record(event: str, user: str | None, address: str | None = None, **details: object) -> dict:
    """Append one entry to the audit log and return it. ``details``: anything JSON can hold (else its str)."""
    line = json.dumps(entry(event, user, address, **details), ensure_ascii=False, default=str) + "\n"
    path = audit_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        data = line.encode("utf-8")
        written = os.write(descriptor, data)
        while written < len(data):  # a short write on a full disk: finish the line or fail loudly
            written += os.write(descriptor, data[written:])
        os.fsync(descriptor)
    finally:
        os.close(descriptor)  # closing releases the lock
    return json.loads(line)


def _last_lines(path: Path, limit: int) -> list[bytes]:
    """The last ``limit`` complete lines of the file, newest first, reading blocks from its end."""
    with open(path, "rb") as handle:
        handle.seek(0, os.SEEK_END)
        position = handle.tell()
        buffer = b""
        while position > 0 and buffer.count(b"\n") <= limit:
            step = min(READ_BLOCK, position)
            position -= step
            handle.seek(position)
            buffer = handle.read(step) + buffer
    lines = [line for line in buffer.split(b"\n") if line.strip()]
    if position > 0:
        lines = lines[1:]  # the first piece may be the end of a longer line
    return lines[::-1][:limit]


def read(limit: int = 500, folder: Path | str | None = None) -> list[dict]:
    """The last ``limit`` entries, newest first. A line that is not JSON (a torn write) is shown as such, not hidden."""
    path = audit_path(folder)
    if limit <= 0 or not path.exists():
        return []
    entries = []
    for line in _last_lines(path, limit):
        try:
            entries.append(json.loads(line))
        except ValueError:
            entries.append({"time": None, "event": "unreadable", "user": None, "address": None,
                            "details": {"line": line.decode("utf-8", "replace")[:200]}})
    return entries
