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
    code: str = ""  # what kind of problem, for translations of `message` (see MESSAGE_CODES)
    params: tuple[tuple[str, object], ...] = ()  # the values the message was made from

    @property
    def parameters(self) -> dict[str, object]:
        return dict(self.params)


# The kinds of problem ingestion reports; `message` is their English text, and the dashboard
# shows them in the user's language from these codes and `params`.
MESSAGE_CODES = (
    "personal_data_dropped", "column_ignored", "column_duplicate", "row_skipped", "mixed_encoding",
    "value_invalid_excluded", "value_invalid_blanked", "value_required_empty", "country_unresolved",
    "country_list_unresolved", "no_date_or_year", "more_rows", "file_unsupported", "file_unreadable",
    # reader: lines and cells that cannot be taken as they are, files over a limit, odd files in a folder
    "encoding_truncated", "newline_stray_cr", "quote_unbalanced", "record_joined", "line_torn", "cell_too_long",
    "formula_without_value", "settings_invalid", "export_ambiguous", "file_skipped", "file_taken_for",
    "column_numbering", "validity_not_understood", "validity_far_future", "mapping_invalid",
)


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


def issues_frame(issues: list[Issue], message=None) -> pd.DataFrame:
    """All records as one table: file, row, column, value, message, severity.

    `message`, when given, is a function Issue → text (e.g. a translation) used for the
    message column instead of the English text.
    """
    columns = ["file", "row", "column", "value", "message", "severity"]
    if not issues:
        return pd.DataFrame({column: pd.Series(dtype="object") for column in columns})
    rows = [asdict(issue) for issue in issues]
    if message is not None:
        for row, issue in zip(rows, issues):
            row["message"] = message(issue)
    return pd.DataFrame(rows, columns=columns)
