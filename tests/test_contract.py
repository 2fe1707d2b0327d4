"""The data contract: its documentation is generated from the schema, and its examples load cleanly."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from metrics.ingest import load_dataset
from metrics.schema import EXPORTS

ROOT = Path(__file__).resolve().parents[1]


def test_data_readme_is_generated_from_the_schema():
    result = subprocess.run([sys.executable, "scripts/make_data_readme.py", "--check"], cwd=ROOT)
    assert result.returncode == 0, "data/README.md is out of date: run `python scripts/make_data_readme.py`"


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_contract_examples_load_without_problems(tmp_path, name):
    export = EXPORTS[name]
    columns = [column.name for column in export.columns]
    with (tmp_path / export.file_name).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for example in export.examples:
            writer.writerow({column: example.get(column, "") for column in columns})
    data = load_dataset(tmp_path)
    assert [issue for issue in data.issues if issue.severity != "info"] == []
    assert len(data.get(name)) == len(export.examples)


def test_sample_data_loads_with_no_errors():
    data = load_dataset(ROOT / "data")
    assert set(data.frames) == set(EXPORTS)
    assert data.errors == [] and data.unreadable == ()
    for report in data.files:
        assert report.rows_read == report.rows_loaded + report.rows_excluded
