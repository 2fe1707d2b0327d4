"""`python -m metrics validate`: the validation report of a data folder, as text.

Exit codes: 0 when clean or only warnings, 1 when rows had errors (they were excluded) or
lines could not be read one record per line, 2 when a file cannot be read at all, the
settings are invalid, or the folder holds no export. Never a traceback: an unexpected failure
is one message and exit 2.

``--version ID`` checks a published version of the folder (see ``python -m metrics history``);
the default is the current one, and a plain folder with no history is read as it is.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from metrics.store import VERSIONS_DIR, VersionNotFound, load_version

EXIT_CLEAN, EXIT_ROW_ERRORS, EXIT_UNREADABLE = 0, 1, 2
SHOWN_VALUE_CHARS = 80  # a value longer than this is cut in the report (the cell may be 10,000 characters)
# Problems that mean lines and records of a file did not match: never a clean exit.
LINE_MISMATCH_CODES = ("record_joined", "quote_unbalanced", "line_torn")


def _shown(value: object, limit: int = SHOWN_VALUE_CHARS) -> str:
    """A value for one line of the report: line breaks as spaces, cut after `limit` characters."""
    text = str(value).replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + f"… ({len(text):,} characters)"


def print_issues(issues) -> None:
    """One line per record: severity, file, line, column, value, message."""
    for issue in issues:
        if issue.message.startswith(f"{issue.file}:"):  # a file-level record names its file itself
            print(f"{issue.severity.upper():<8}{_shown(issue.message, 10 * SHOWN_VALUE_CHARS)}")
            continue
        where = issue.file + (f", line {issue.row}" if issue.row else "") + (f", column '{issue.column}'" if issue.column else "")
        value = f" value '{_shown(issue.value)}'" if issue.value not in (None, "") else ""
        print(f"{issue.severity.upper():<8}{where}:{value} {issue.message}")


def main(argv: list[str]) -> int:
    try:
        return _run(argv)
    except SystemExit:
        raise
    except Exception as error:  # noqa: BLE001 - a user never sees a traceback
        print(f"error: validation stopped unexpectedly ({type(error).__name__}: {str(error)[:300]}). "
              "Please report this with the files that caused it.")
        return EXIT_UNREADABLE


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m metrics validate",
                                     description="Check the exports in a data folder.")
    parser.add_argument("--data", default="data", help="folder with the exports (default: data)")
    parser.add_argument("--home", default=None, help="home country, ISO alpha-3 (overrides settings.toml)")
    parser.add_argument("--version", default=None, metavar="ID",
                        help="published version to check (default: the current one; see `history`)")
    args = parser.parse_args(argv)
    if not Path(args.data).is_dir():
        print(f"error: data folder '{args.data}' does not exist")
        return EXIT_UNREADABLE
    try:
        data = load_version(args.data, args.version, home=args.home)
    except (ValueError, VersionNotFound) as error:
        print(f"error: {error}")
        return EXIT_UNREADABLE
    versioned = f" — version {data.version}" if (Path(args.data) / VERSIONS_DIR).is_dir() else ""
    print(f"{_shown(data.university)} — home country {data.home} — folder {args.data}{versioned}")
    print()
    print(f"{'file':<28}{'export':<20}{'encoding':<16}{'rows read':>10}{'loaded':>10}{'excluded':>10}{'skipped':>9}")
    for report in data.files:
        name = _shown(Path(report.path).name)
        print(f"{name:<28}{report.export:<20}{report.encoding:<16}{report.rows_read:>10}{report.rows_loaded:>10}"
              f"{report.rows_excluded:>10}{report.skipped_lines:>9}")
    file_errors = [issue for issue in data.unreadable if issue.severity == "error"]
    for issue in file_errors:
        print(f"{_shown(issue.file):<28}cannot be read")
    problems = list(data.unreadable) + list(data.issues)
    print()
    if not problems:
        print("No problems found.")
    print_issues(problems)
    errors = sum(issue.severity == "error" for issue in data.issues)
    warnings = sum(issue.severity == "warning" for issue in problems)
    print()
    print(f"{len(file_errors)} unreadable file(s), {errors} error(s), {warnings} warning(s).")
    if not data.files and not file_errors:
        print(f"error: no export found in '{args.data}' (expected e.g. students.csv, partners.csv)")
        return EXIT_UNREADABLE
    if file_errors:
        return EXIT_UNREADABLE
    mismatch = any(issue.code in LINE_MISMATCH_CODES for issue in data.issues)
    return EXIT_ROW_ERRORS if errors or mismatch else EXIT_CLEAN
