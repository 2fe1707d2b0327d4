"""Validation records: every problem found while reading an export, said so a user can fix it.

A record names the file, the row number as the user sees it in the file (1 = first line),
the column, the value, what is wrong, and how serious it is:
- ``error``: the row was excluded (and counted);
- ``warning``: the row was kept, but part of it could not be used (e.g. an unknown country);
- ``info``: something the user may want to know (a personal-data column dropped, a total row skipped).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Issue:
    """One problem in one place of one file."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str
    severity: str = "error"


@dataclass(frozen=True)
class FileReport:
    """What was read from one export file."""

    export: str
    path: str
    sha256: str
    encoding: str
    delimiter: str
    rows_read: int  # data rows found below the header, title/blank/total rows not included
    rows_loaded: int  # rows kept
    rows_excluded: int  # rows excluded by an error (rows_read == rows_loaded + rows_excluded)
    skipped_lines: int  # title, blank and total lines not counted as data


class UnreadableFile(Exception):
    """A file that cannot be read at all; its message says what to do."""


def issues_frame(issues: list[Issue]) -> pd.DataFrame:
    """All records as one table: file, row, column, value, message, severity."""
    columns = ["file", "row", "column", "value", "message", "severity"]
    if not issues:
        return pd.DataFrame({column: pd.Series(dtype="object") for column in columns})
    return pd.DataFrame([asdict(issue) for issue in issues], columns=columns)
