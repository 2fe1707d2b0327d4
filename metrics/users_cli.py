"""``python -m metrics users add|list|role|remove|unlock|passwd``: local accounts from the command line.

Passwords are asked twice at a prompt (not echoed), or read from the first line of standard input
with ``--password-stdin`` (for automation); they are never taken as an argument, where they would
be visible in the process list and the shell history. Every change goes into the audit log as a
``user_change`` by ``cli:<login name>``. Exit 0 done, 1 refused (the message says why), 2 usage.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from metrics import accounts, audit


def _operator() -> str:
    """Who ran the command, for the audit log."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return f"cli:uid {os.getuid()}"


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        raise accounts.AccountError("the two passwords differ")
    return first


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m metrics users", description="Local accounts of the dashboard.")
    parser.add_argument("--auth-dir", type=Path, default=None,
                        help=f"folder of users.json and the audit log (default ${accounts.AUTH_DIR_ENV}, else ./auth)")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="create an account")
    add.add_argument("name")
    add.add_argument("--role", choices=accounts.ROLES, required=True)
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    commands.add_parser("list", help="accounts with role and lock state")
    role = commands.add_parser("role", help="change an account's role")
    role.add_argument("name")
    role.add_argument("role", choices=accounts.ROLES)
    remove = commands.add_parser("remove", help="delete an account")
    remove.add_argument("name")
    unlock = commands.add_parser("unlock", help="lift a lock after too many failed sign-ins")
    unlock.add_argument("name")
    passwd = commands.add_parser("passwd", help="set a new password")
    passwd.add_argument("name")
    passwd.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    return parser


def _list(folder: Path | None) -> None:
    users = accounts.list_users(folder)
    if not users:
        print("no accounts: the dashboard runs as a local read-only demo")
        return
    width = max(len(user.name) for user in users)
    for user in users:
        state = f"locked until {user.locked_until:%Y-%m-%d %H:%M} UTC" if user.locked_until else ""
        print(f"{user.name:<{width}}  {user.role:<6}  {state}".rstrip())


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    folder = args.auth_dir
    if folder is not None:
        os.environ[accounts.AUTH_DIR_ENV] = str(folder)  # the audit log lives in the same folder
    try:
        if args.command == "list":
            _list(folder)
            return 0
        if args.command == "add":
            accounts.add_user(args.name, _password(args.password_stdin), args.role, folder)
            change = {"action": "add", "role": args.role}
        elif args.command == "role":
            accounts.set_role(args.name, args.role, folder)
            change = {"action": "role", "role": args.role}
        elif args.command == "remove":
            accounts.remove_user(args.name, folder)
            change = {"action": "remove"}
        elif args.command == "unlock":
            accounts.unlock(args.name, folder)
            change = {"action": "unlock"}
        else:
            accounts.set_password(args.name, _password(args.password_stdin), folder)
            change = {"action": "passwd"}
    except (accounts.AccountError, accounts.AuthConfigError) as error:
        print(f"refused: {error}", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("cancelled", file=sys.stderr)
        return 1
    audit.record("user_change", _operator(), None, target=args.name.strip(), **change)
    print(f"{args.command}: {args.name.strip()} done")
    return 0
