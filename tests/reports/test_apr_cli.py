"""`hearth report apr|caper|ce-apr|dq ...` (hearth.reports.registry.main): the Sage zip, and bad
input ending with a clear message and exit status 2, never a traceback."""

import io
import zipfile
from pathlib import Path

import pytest

from hearth.reports import registry
from hearth.reports.apr.report import TABLES as APR_TABLES
from hearth.reports.caper.report import TABLES as CAPER_TABLES
from hearth.reports.ce_apr.report import TABLES as CE_APR_TABLES
from hearth.reports.dq.report import TABLES as DQ_TABLES
from tests.reports.test_apr_kit import KIT

EXPORTS = KIT / "input_hmis_csv_by_project"
PERIOD = ["--coc", "XX-500", "--start", "2020-10-01", "--end", "2021-09-30"]


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = registry.main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("report", "projects", "tables"),
    [
        ("apr", ["808", "957"], APR_TABLES),
        ("caper", ["882"], CAPER_TABLES),
        ("ce-apr", ["942", "240"], CE_APR_TABLES),
        ("dq", ["441", "239"], DQ_TABLES),
    ],
)
def test_writes_the_sage_zip_from_several_exports(tmp_path: Path, report, projects, tables):
    output = tmp_path / f"{report}.zip"
    project_args = [arg for project in projects for arg in ("--project", project)]
    csv_args = [arg for folder in ("rrh", "rrh_2", "es_nbn", "coordinated_entry", "es_with_ce", "psh", "so")
                for arg in ("--csv", str(EXPORTS / folder))]  # fmt: skip

    status, out, err = _run(report, *csv_args, *PERIOD, *project_args, "--output", str(output))

    assert (status, err) == (0, "")
    assert f"{len(tables)} tables for {len(projects)} project(s), 2020-10-01 to 2021-09-30" in out
    with zipfile.ZipFile(output) as archive:
        assert archive.namelist() == [f"{table}.csv" for table in tables]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "error: name a report (apr, caper, ce-apr, dq)."),
        (["spm"], "error: name a report (apr, caper, ce-apr, dq)."),
        (["apr", "--csv", "/no/such/export", *PERIOD, "--project", "1", "--output", "x.zip"],
         "error: No HMIS CSV export at /no/such/export: the path does not exist."),
        (["apr", "--csv", str(EXPORTS / "psh"), "--coc", "XX-500", "--start", "2020-13-01", "--end",
          "2021-09-30", "--project", "441", "--output", "x.zip"],
         "error: --start '2020-13-01' is not a date in the form YYYY-MM-DD."),
        (["apr", "--csv", str(EXPORTS / "psh"), "--coc", "Baltimore", "--start", "2020-10-01", "--end",
          "2021-09-30", "--project", "441", "--output", "x.zip"],
         "error: CoC 'BALTIMORE' is not a HUD CoC code (two letters, a dash, three digits)."),
        (["apr", "--csv", str(EXPORTS / "psh"), "--coc", "XX-500", "--start", "2021-10-01", "--end",
          "2021-09-30", "--project", "441", "--output", "x.zip"],
         "error: The report ends (2021-09-30) before it starts (2021-10-01)."),
        (["apr", "--csv", str(EXPORTS / "psh"), *PERIOD, "--project", "999", "--output", "x.zip"],
         f"error: No project 999 in {EXPORTS / 'psh'} (HMIS CSV FY2022, read as FY2026)."),
        (["apr", "--csv", str(EXPORTS / "psh"), *PERIOD, "--output", "x.zip"],
         "error: the following arguments are required: --project"),
        (["apr", "--csv", str(EXPORTS / "psh"), *PERIOD, "--project", "441", "--output", "x.csv"],
         "error: --output x.csv must name a .zip file."),
    ],
)  # fmt: skip
def test_bad_input_ends_with_a_clear_message(argv, message):
    status, out, err = _run(*argv)

    assert (status, out) == (registry.EXIT_BAD_INPUT, "")
    assert err.strip() == message


def test_a_file_that_is_no_export_is_named(tmp_path: Path):
    not_a_zip = tmp_path / "export.zip"
    not_a_zip.write_text("not a zip")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "Export.csv").write_text("ExportID,CSVVersion\n1,2026 v1.0\n")
    (broken / "Client.csv").write_text("PersonalID,Nonsense\n1,2\n")

    first = _run(
        "apr", "--csv", str(not_a_zip), *PERIOD, "--project", "1", "--output", str(tmp_path / "a.zip")
    )
    second = _run("apr", "--csv", str(broken), *PERIOD, "--project", "1", "--output", str(tmp_path / "b.zip"))

    assert first == (2, "", f"error: {not_a_zip} is neither a folder of HMIS CSV files nor a zip of them.\n")
    assert second[0] == 2
    assert second[2].startswith(f"error: The HMIS CSV export at {broken} lacks Organization.csv, User.csv")
    assert not (tmp_path / "a.zip").exists()
    assert not (tmp_path / "b.zip").exists()
