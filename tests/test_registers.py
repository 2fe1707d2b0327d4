"""Real agreement-register layouts (Russian and Uzbek) give the right partner KPIs.

The fixtures and the hand-computed values are in `tests/fixtures/registers/` (EXPECTED.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from metrics.ingest import load_dataset
from metrics.engine import compute_kpis

REGISTERS = Path(__file__).resolve().parent / "fixtures" / "registers"
PARTNER_KPIS = ("active_partners", "partner_countries", "agreements_signed")

# Computed by hand from the rows; see EXPECTED.md for the row-by-row reasoning.
EXPECTED = {
    ("ru_cp1251", 2024): {"active_partners": 8, "partner_countries": 7, "agreements_signed": 3},
    ("ru_cp1251", 2026): {"active_partners": 7, "partner_countries": 6, "agreements_signed": 0},
    ("uz_latin", 2024): {"active_partners": 6, "partner_countries": 5, "agreements_signed": 3},
    ("uz_latin", 2026): {"active_partners": 5, "partner_countries": 5, "agreements_signed": 0},
    ("uz_cyrillic", 2024): {"active_partners": 6, "partner_countries": 5, "agreements_signed": 2},
    ("uz_cyrillic", 2026): {"active_partners": 3, "partner_countries": 3, "agreements_signed": 0},
}
AGREEMENT_ROWS = {"ru_cp1251": 11, "uz_latin": 9, "uz_cyrillic": 9}


@pytest.mark.parametrize(("register", "year"), sorted(EXPECTED))
def test_register_gives_the_hand_computed_partner_kpis(register, year):
    data = load_dataset(REGISTERS / register)
    values = compute_kpis(data, year)
    assert {kpi: values[kpi] for kpi in PARTNER_KPIS} == EXPECTED[(register, year)]


@pytest.mark.parametrize("register", sorted(AGREEMENT_ROWS))
def test_register_loads_every_agreement_row(register):
    data = load_dataset(REGISTERS / register)
    assert not data.unreadable
    (report,) = [report for report in data.files if report.export == "partners"]
    assert (report.rows_loaded, report.rows_excluded) == (AGREEMENT_ROWS[register], 0)


@pytest.mark.parametrize("register", sorted(AGREEMENT_ROWS))
def test_register_cells_are_all_understood(register):
    data = load_dataset(REGISTERS / register)
    problems = [(issue.row, issue.column, issue.value, issue.message) for issue in data.issues
                if issue.severity in ("warning", "error")]
    assert problems == []


@pytest.mark.parametrize("register", sorted(AGREEMENT_ROWS))
def test_register_keeps_signing_and_end_dates(register):
    partners = load_dataset(REGISTERS / register).get("partners")
    assert partners["signed"].notna().all()
    assert partners["expires"].notna().any()


def test_register_files_are_what_the_generator_writes(tmp_path):
    sys.path.insert(0, str(REGISTERS))
    try:
        from make_registers import write_registers
    finally:
        sys.path.remove(str(REGISTERS))
    write_registers(tmp_path)
    for written in sorted(path for path in tmp_path.rglob("*") if path.is_file()):
        committed = REGISTERS / written.relative_to(tmp_path)
        assert committed.read_bytes() == written.read_bytes(), f"{committed} is stale: run make_registers.py"
