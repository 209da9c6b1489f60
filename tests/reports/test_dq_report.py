"""The HUD Data Quality report: the APR's data-quality tables (Q4a, Q5a, Q6a-Q6f) for any set of
projects, checked against the same tables of HUD Data Lab's APR kit (rules in test_apr_kit.py)."""

import csv
import io
import zipfile

import pytest

from hearth.reports import sage
from hearth.reports.dq.report import DATA_QUALITY, TABLES
from hearth.reports.hmis_programming.parameters import ReportParameters
from hearth.reports.hmis_programming.runner import run_report
from tests.reports.test_apr_kit import KIT_COC, KIT_END, KIT_START, Scope, check_scope, kit_dataset, scopes


@pytest.mark.parametrize("scope", scopes("apr"), ids=lambda s: s.name)
def test_data_quality_report_matches_the_apr_kit(scope: Scope) -> None:
    check_scope(DATA_QUALITY, scope, tables=TABLES, minimum=20)


def test_data_quality_report_covers_any_set_of_projects() -> None:
    every_project = sorted(
        {p for report in ("apr", "caper", "ce_apr") for s in scopes(report) for p in s.project_ids}
    )
    parameters = ReportParameters.of(coc=KIT_COC, start=KIT_START, end=KIT_END, project_ids=every_project)
    result = run_report(DATA_QUALITY, kit_dataset(), parameters)

    assert sorted(row[3] for row in result.table("Q4a").rows) == every_project
    assert list(result.tables) == list(TABLES)
    with zipfile.ZipFile(io.BytesIO(sage.zip_bytes(result))) as archive:
        assert sorted(archive.namelist()) == sorted(f"{t}.csv" for t in TABLES)
        q6a = list(csv.reader(io.TextIOWrapper(archive.open("Q6a.csv"), encoding="utf-8")))
    assert q6a[0][0] == "Data Element"
    assert len(q6a) == 6
    # Every person served counts once in Q5a, however many projects they were in.
    total = int(result.table("Q5a").value("B2"))
    assert 0 < total <= sum(int(row[4]) for row in result.table("Q4a").rows)
