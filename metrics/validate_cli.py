"""`python -m metrics validate`: the validation report of a data folder, as text.

Exit codes: 0 when clean or only warnings, 1 when rows had errors (they were excluded),
2 when a file cannot be read at all or the folder holds no export.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from metrics.ingest import load_dataset

EXIT_CLEAN, EXIT_ROW_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m metrics validate",
                                     description="Check the exports in a data folder.")
    parser.add_argument("--data", default="data", help="folder with the exports (default: data)")
    parser.add_argument("--home", default=None, help="home country, ISO alpha-3 (overrides settings.toml)")
    args = parser.parse_args(argv)
    if not Path(args.data).is_dir():
        print(f"error: data folder '{args.data}' does not exist")
        return EXIT_UNREADABLE
    try:
        data = load_dataset(args.data, home=args.home)
    except ValueError as error:
        print(f"error: {error}")
        return EXIT_UNREADABLE
    print(f"{data.university} — home country {data.home} — folder {args.data}")
    print()
    print(f"{'file':<28}{'encoding':<16}{'rows read':>10}{'loaded':>10}{'excluded':>10}{'skipped':>9}")
    for report in data.files:
        name = Path(report.path).name
        print(f"{name:<28}{report.encoding:<16}{report.rows_read:>10}{report.rows_loaded:>10}"
              f"{report.rows_excluded:>10}{report.skipped_lines:>9}")
    for issue in data.unreadable:
        print(f"{issue.file:<28}cannot be read")
    if not data.files and not data.unreadable:
        print(f"error: no export found in '{args.data}' (expected e.g. students.csv, partners.csv)")
        return EXIT_UNREADABLE
    problems = list(data.unreadable) + list(data.issues)
    print()
    if not problems:
        print("No problems found.")
    for issue in problems:
        where = issue.file + (f", line {issue.row}" if issue.row else "") + (f", column '{issue.column}'" if issue.column else "")
        value = f" value '{issue.value}'" if issue.value not in (None, "") else ""
        print(f"{issue.severity.upper():<8}{where}:{value} {issue.message}")
    errors = sum(issue.severity == "error" for issue in data.issues)
    warnings = sum(issue.severity == "warning" for issue in data.issues)
    print()
    print(f"{len(data.unreadable)} unreadable file(s), {errors} error(s), {warnings} warning(s).")
    if data.unreadable:
        return EXIT_UNREADABLE
    return EXIT_ROW_ERRORS if errors else EXIT_CLEAN
