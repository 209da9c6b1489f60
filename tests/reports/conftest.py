"""The LSA conformance kit, run once per test session (it needs no database)."""

from datetime import date, datetime
from pathlib import Path

import pytest

from hearth.reports.datasets import csv_dataset
from hearth.reports.lsa.parameters import LsaParameters
from hearth.reports.lsa.report import LsaResult, run_lsa

KIT = Path(__file__).resolve().parents[2] / ".." / "shared" / "kits" / "lsa-fy2026-sample"
KIT_INPUT = KIT / "input_hmis_csv"
KIT_EXPECTED = KIT / "expected_lsa_output"
# SOURCE.md: ReportStart 2025-10-01, ReportEnd 2026-09-30, ReportCoC XX-501, LSAScope 1, ReportID 608011156
KIT_PARAMETERS = LsaParameters.annual(
    coc="XX-501",
    start=date(2025, 10, 1),
    end=date(2026, 9, 30),
    report_id=608011156,
    report_date=datetime(2026, 8, 1, 12, 23, 30),
)


@pytest.fixture(scope="session")
def kit_result() -> LsaResult:
    dataset = csv_dataset(KIT_INPUT)
    return run_lsa(dataset, KIT_PARAMETERS)
