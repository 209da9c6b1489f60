"""The Sage upload zip: one CSV per table, in the table shell's exact rows and columns.

Each file opens in a CSV reader with the shell's header as row 1 and its labels in column A.
Against HUD Data Lab's FY2022 kit, every table has the kit's shape except the tables whose
layout the FY2024 and FY2026 specifications changed (LAYOUT_CHANGES, with the change).
"""

import csv
import io
import zipfile

import pytest

from hearth.reports import sage
from hearth.reports.hmis_programming.shells import find_shell
from tests.reports.test_apr_kit import KIT, Scope, run_scope

LAYOUT_CHANGES = {
    "Q4a": "FY2024: RRH subtype, CE access point, active clients and households; one row per project",
    "Q5a": "FY2024: a header row and a column for the data-quality universe",
    "Q6a": "FY2024/FY2026: race and ethnicity in one row; no ethnicity or gender rows",
    "Q6b": "FY2024: issues split into DK/PNTA, missing and data issues, with their total",
    "Q6c": "FY2024: issues split into DK/PNTA, missing and data issues, with their total",
    "Q6d": "FY2024: CE and SSO/day shelter/HP rows",
    "Q6e": "FY2024: a '< 0 days' row",
    "Q14b": "FY2024: when the experience occurred, seven rows",
    "Q15": "FY2024: living situations regrouped (list 3.12.1)",
    "Q22a1": "FY2024: no Data Not Collected row",
    "Q22a2": "FY2024: no Data Not Collected row",
    "Q22c": "FY2024: 61-90 and 91-180 days apart",
    "Q22d": "FY2024: 731 days or more in one row, no Data Not Collected row",
    "Q22e": "FY2024: 61-90 and 91-180 days apart",
    "Q23c": "FY2024: destinations regrouped (list 3.12.1)",
    "Q25i": "FY2024: destinations regrouped (list 3.12.1)",
    "Q27d": "FY2024: living situations regrouped (list 3.12.1)",
    "Q27e": "FY2024: no Data Not Collected row",
}
SAMPLES = [("apr", "psh", ("441",)), ("caper", "hp", ("807",)), ("ce_apr", "ce_only", ("942",))]


def _definition(report: str):
    if report == "apr":
        from hearth.reports.apr.report import APR

        return APR
    if report == "caper":
        from hearth.reports.caper.report import CAPER

        return CAPER
    from hearth.reports.ce_apr.report import CE_APR

    return CE_APR


def _read(archive: zipfile.ZipFile, name: str) -> list[list[str]]:
    with archive.open(name) as handle:
        return list(csv.reader(io.TextIOWrapper(handle, encoding="utf-8", newline="")))


@pytest.mark.parametrize(("report", "scope", "projects"), SAMPLES, ids=[s[0] for s in SAMPLES])
def test_each_file_has_the_shells_rows_and_columns(report, scope, projects):
    definition = _definition(report)
    result = run_scope(definition, Scope(report, scope, projects))

    archive = zipfile.ZipFile(io.BytesIO(sage.zip_bytes(result)))

    assert archive.namelist() == [f"{table}.csv" for table in definition.tables]
    for table in definition.tables:
        shell = find_shell(table, definition.shell_folders)
        rows = _read(archive, f"{table}.csv")
        assert rows[0] == list(shell.header), table
        assert all(len(row) == len(shell.header) for row in rows), table
        if shell.labels:  # Q4a lists one row per project instead
            assert [row[0] for row in rows[1:]] == list(shell.labels), table
    assert _read(archive, "Q4a.csv")[1][3] == projects[0]


@pytest.mark.parametrize(("report", "scope", "projects"), SAMPLES, ids=[s[0] for s in SAMPLES])
def test_each_file_has_the_kits_shape_unless_the_layout_changed(report, scope, projects):
    definition = _definition(report)
    archive = zipfile.ZipFile(
        io.BytesIO(sage.zip_bytes(run_scope(definition, Scope(report, scope, projects))))
    )
    expected_dir = KIT / "expected" / report / scope

    same, changed, in_both = [], [], []
    for table in definition.tables:
        kit_file = expected_dir / ("Q24.csv" if table == "Q24a" else f"{table}.csv")
        if not kit_file.exists():
            continue
        in_both.append(table)
        with kit_file.open(encoding="utf-8", newline="") as handle:
            expected = list(csv.reader(handle))
        ours = _read(archive, f"{table}.csv")
        shape_matches = [len(row) for row in ours] == [len(row) for row in expected]
        (same if shape_matches else changed).append(table)

    print(f"\n{report} {scope}: {len(same)} files in the kit's shape; layout changed: {', '.join(changed)}")
    assert set(changed) == set(LAYOUT_CHANGES) & set(in_both)
    assert len(same) == len(in_both) - len(changed)


def test_counts_are_bare_integers_and_labels_are_quoted():
    from hearth.reports.hmis_programming.result import ResultTable

    table = ResultTable(
        name="Q9b", header=[" ", "Total"], rows=[["Once", "3"], ["Rate of Engagement", "0.5000"]]
    )

    assert sage.table_csv(table) == '" ","Total"\r\n"Once",3\r\n"Rate of Engagement","0.5000"\r\n'
