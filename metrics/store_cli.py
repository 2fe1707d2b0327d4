"""`python -m metrics publish|history|rollback|diff`: the versions of a data folder from the command line.

- ``publish --data DIR FILE... --comment TEXT --user NAME [--strict]``: stage the files over
  the current version and publish them (``--strict``: refuse when any row was excluded).
  Prints the new version id.
- ``history --data DIR [--json]``: every version, oldest first (``--json``: a list of objects
  with id, parent, created, user, comment, action, restored_from, files, current).
- ``rollback --data DIR VERSION --user NAME [--comment TEXT]``: a new version restoring an old one.
- ``diff --data DIR A B [--json]``: rows added/removed/changed per export and year, KPIs before → after.

Exit codes: 0 done; 1 refused (the problems are listed: file, line, column, value, message);
2 a file cannot be read, the data folder or a version does not exist, or wrong arguments;
3 someone else published meanwhile (look again: nothing was lost).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import pandas as pd

from metrics.store import (
    PublishConflict,
    PublishRefused,
    VersionNotFound,
    current_version_id,
    discard,
    manifest_of,
    publish,
    rollback,
    stage,
    versions,
)

EXIT_DONE, EXIT_REFUSED, EXIT_UNREADABLE, EXIT_CONFLICT = 0, 1, 2, 3


def _start(parser: argparse.ArgumentParser, argv: list[str]) -> tuple[argparse.Namespace, Path] | int:
    """The parsed arguments and the data folder, or the exit status when either is wrong (or --help)."""
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits 2 on errors, 0 on --help
        return int(exit_.code or 0)
    folder = Path(args.data)
    if not folder.is_dir():
        print(f"error: data folder '{args.data}' does not exist", file=sys.stderr)
        return EXIT_UNREADABLE
    return args, folder


def publish_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m metrics publish",
                                     description="Publish export files as a new version of a data folder.")
    parser.add_argument("--data", default="data", help="data folder (default: data)")
    parser.add_argument("files", nargs="+", metavar="FILE", help="export files to publish (.csv, .tsv, .txt, .xlsx)")
    parser.add_argument("--comment", required=True, help="what this version changes")
    parser.add_argument("--user", required=True, help="who publishes")
    parser.add_argument("--strict", action="store_true", help="refuse when any row of the files was excluded")
    started = _start(parser, argv)
    if isinstance(started, int):
        return started
    args, folder = started
    uploads = []
    for name in args.files:
        try:
            uploads.append((Path(name).name, Path(name).read_bytes()))
        except OSError as error:
            print(f"error: {name} cannot be read ({error.strerror})", file=sys.stderr)
            return EXIT_UNREADABLE
    try:
        draft = stage(folder, uploads)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        version = publish(folder, draft, args.user, args.comment, allow_excluded_rows=not args.strict)
    except PublishRefused as refused:
        from metrics.validate_cli import print_issues

        discard(draft)
        print(f"not published: {len(refused.problems)} problem(s)")
        print_issues(refused.problems)
        return EXIT_UNREADABLE if refused.unreadable else EXIT_REFUSED
    except PublishConflict as conflict:
        discard(draft)
        print(f"not published: {conflict}", file=sys.stderr)
        return EXIT_CONFLICT
    print(version.id)
    return EXIT_DONE


def history_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m metrics history", description="List the versions of a data folder.")
    parser.add_argument("--data", default="data", help="data folder (default: data)")
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    started = _start(parser, argv)
    if isinstance(started, int):
        return started
    args, folder = started
    found = versions(folder)
    current = current_version_id(folder)
    if args.json:
        print(json.dumps([dict(manifest_of(version), current=version.id == current) for version in found],
                         ensure_ascii=False, indent=2))
        return EXIT_DONE
    print(f"{'':2}{'version':<9}{'created (UTC)':<27}{'user':<16}{'action':<22}{'files':>6}  comment")
    for version in found:
        action = version.action + (f" of {version.restored_from}" if version.restored_from else "")
        mark = "* " if version.id == current else "  "
        print(f"{mark}{version.id:<9}{version.created:<27}{version.user[:15]:<16}{action:<22}{len(version.files):>6}"
              f"  {version.comment}")
    return EXIT_DONE


def rollback_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m metrics rollback",
                                     description="Make an old version current again (as a new version).")
    parser.add_argument("--data", default="data", help="data folder (default: data)")
    parser.add_argument("version", metavar="VERSION", help="id of the version to restore (see history)")
    parser.add_argument("--user", required=True, help="who rolls back")
    parser.add_argument("--comment", default="", help="why")
    started = _start(parser, argv)
    if isinstance(started, int):
        return started
    args, folder = started
    try:
        version = rollback(folder, args.version, args.user, args.comment)
    except VersionNotFound as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    except PublishConflict as conflict:
        print(f"not rolled back: {conflict}", file=sys.stderr)
        return EXIT_CONFLICT
    print(version.id)
    return EXIT_DONE


def _json_value(value):
    """A frame cell for JSON: <NA> and NaN as null, numpy numbers as Python ones."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{key: _json_value(value) for key, value in row.items()} for row in frame.to_dict("records")]


def _kpi_changed(kpis: pd.DataFrame) -> pd.Series:
    """KPIs whose value differs before and after (a value appearing or disappearing included)."""
    before, after = kpis["before"].astype("Float64"), kpis["after"].astype("Float64")
    return (before.isna() != after.isna()) | (before != after).fillna(False)


def diff_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m metrics diff", description="What changed between two versions.")
    parser.add_argument("--data", default="data", help="data folder (default: data)")
    parser.add_argument("before", metavar="A", help="the older version id")
    parser.add_argument("after", metavar="B", help="the newer version id")
    parser.add_argument("--years", type=int, default=2, help="KPIs of the latest N years (default: 2)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    started = _start(parser, argv)
    if isinstance(started, int):
        return started
    args, folder = started
    from metrics.compare import compare
    from metrics.store import load_version

    try:
        before, after = load_version(folder, args.before), load_version(folder, args.after)
    except VersionNotFound as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    result = compare(before, after, years=args.years)
    rows = result.rows[(result.rows[["added", "removed", "changed"]] != 0).any(axis=1)]
    kpis = result.kpis[_kpi_changed(result.kpis)]
    if args.json:
        print(json.dumps({"before": before.version, "after": after.version, "rows": _records(result.rows),
                          "kpis": _records(result.kpis)}, ensure_ascii=False, indent=2))
        return EXIT_DONE
    print(f"{before.version} → {after.version}")
    if rows.empty:
        print("No rows added, removed or changed.")
    else:
        print(rows.to_string(index=False))
    print()
    if kpis.empty:
        print("No KPI changed.")
    else:
        print(kpis.to_string(index=False))
    return EXIT_DONE


# The commands `python -m metrics` hands over to this module: name → main(argv) → exit status.
COMMANDS = {"publish": publish_main, "history": history_main, "rollback": rollback_main, "diff": diff_main}
