"""Command line: `python -m metrics validate|kpis|report ...`.

- ``validate [--data DIR] [--home ISO3]``: prints the validation report; exit 0 when clean or
  only warnings, 1 when rows had errors, 2 when a file cannot be read.
- ``kpis``: every KPI for a year (see ``metrics.kpi_cli``).
- ``report``: an Excel, Word or PDF report (see ``reports.cli``).
- ``publish``, ``history``, ``rollback``, ``diff``: versions of a data folder (see ``metrics.store_cli``).
- ``users``: local accounts: add, list, role, remove, unlock, passwd (see ``metrics.users_cli``).
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    usage = ("usage: python -m metrics {validate,kpis,report,publish,history,rollback,diff,users} [options]"
             "  (add --help after a command)")
    if not argv or argv[0] in ("-h", "--help"):
        print(usage)
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command == "validate":
        from metrics.validate_cli import main as run
    elif command == "kpis":
        from metrics.kpi_cli import main as run
    elif command == "report":
        from reports.cli import main as run
    elif command in ("publish", "history", "rollback", "diff"):
        from metrics.store_cli import COMMANDS

        run = COMMANDS[command]
    elif command == "users":
        from metrics.users_cli import main as run
    else:
        print(f"unknown command '{command}'\n{usage}", file=sys.stderr)
        return 2
    return run(rest)


if __name__ == "__main__":
    sys.exit(main())
