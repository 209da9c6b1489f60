"""`hearth report lsa`: the upload zip, and a clear message for every kind of bad input."""

import zipfile

import pytest
from django.core.management import CommandError, call_command

from hearth.reports.models import ReportRun
from tests.reports.conftest import KIT_INPUT

pytestmark = pytest.mark.django_db

ANNUAL = ["--coc", "XX-501", "--start", "2025-10-01", "--end", "2026-09-30"]
UPLOAD_FILES = [
    "LSAReport.csv", "LSAPerson.csv", "LSAHousehold.csv", "LSAExit.csv", "LSACalculated.csv",
    "Organization.csv", "Project.csv", "Funder.csv", "ProjectCoC.csv", "Inventory.csv",
    "HMISParticipation.csv", "Affiliation.csv",
]  # fmt: skip


def test_the_annual_lsa_writes_the_twelve_files_and_records_the_run(tmp_path):
    output = tmp_path / "lsa.zip"
    call_command("report", "lsa", "--csv", str(KIT_INPUT), *ANNUAL, "--output", str(output))
    with zipfile.ZipFile(output) as archive:
        assert archive.namelist() == UPLOAD_FILES
        person_rows = archive.read("LSAPerson.csv").decode().splitlines()
    assert len(person_rows) == 3670  # header and 3,669 rows
    run = ReportRun.objects.get()
    assert (run.report, run.status, run.progress) == ("lsa", ReportRun.Status.SUCCEEDED, 100)
    assert run.parameters["report_coc"] == "XX-501"
    assert [t["step"] for t in run.step_timings][:2] == ["00_00_helpers", "03_02_cohort_dates"]
    assert run.result_file.name.endswith(".zip")


def test_the_hic_scope_is_one_day(tmp_path):
    output = tmp_path / "hic.zip"
    call_command(
        "report", "lsa", "--csv", str(KIT_INPUT), "--coc", "XX-501", "--scope", "hic", "--date", "2026-01-28",
        "--output", str(output),
    )  # fmt: skip
    with zipfile.ZipFile(output) as archive:
        report = archive.read("LSAReport.csv").decode().splitlines()[1].split(",")
        exits = archive.read("LSAExit.csv").decode().splitlines()
    assert report[2:4] == ["2026-01-28", "2026-01-28"]
    assert report[9] == "3"  # LSAScope
    assert len(exits) == 1  # no exit cohorts in the HIC
    assert ReportRun.objects.get().report == "hic"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--csv", "/no/such/export", *ANNUAL], "No HMIS CSV export at /no/such/export"),
        (["--csv", str(KIT_INPUT), "--coc", "XX-999", "--start", "2025-10-01", "--end", "2026-09-30"],
         "CoC XX-999 is not the CoC of any project"),
        (["--csv", str(KIT_INPUT), "--coc", "XX501", "--start", "2025-10-01", "--end", "2026-09-30"],
         "is not of the form XX-999"),
        (["--csv", str(KIT_INPUT), "--coc", "XX-501", "--start", "2025-13-01", "--end", "2026-09-30"],
         "--start '2025-13-01' is not a date"),
        (["--csv", str(KIT_INPUT), "--coc", "XX-501", "--start", "2026-10-01", "--end", "2026-09-30"],
         "end date is before its start date"),
        (["--csv", str(KIT_INPUT), "--coc", "XX-501", "--start", "2025-10-01"], "needs --start and --end"),
        (["--csv", str(KIT_INPUT), "--coc", "XX-501", "--scope", "hic"], "needs --date"),
        (["--csv", str(KIT_INPUT), "--coc", "XX-501", "--start", "2010-10-01", "--end", "2011-09-30"],
         "cannot start before 2018-10-01"),
    ],
)  # fmt: skip
def test_bad_input_ends_with_a_message_naming_the_problem(tmp_path, arguments, message):
    output = tmp_path / "lsa.zip"
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(".", r"\.")):
        call_command("report", "lsa", *arguments, "--output", str(output))
    assert not output.exists()


def test_a_failed_run_is_recorded_with_its_problem(tmp_path):
    with pytest.raises(CommandError):
        call_command(
            "report", "lsa", "--csv", "/no/such/export", *ANNUAL, "--output", str(tmp_path / "x.zip")
        )
    run = ReportRun.objects.get()
    assert run.status == ReportRun.Status.FAILED
    assert run.message == "No HMIS CSV export at /no/such/export: the path does not exist."


def test_an_output_folder_that_does_not_exist_is_named(tmp_path):
    with pytest.raises(CommandError, match=r"the folder .*missing does not exist"):
        call_command(
            "report", "lsa", "--csv", str(KIT_INPUT), *ANNUAL, "--output", str(tmp_path / "missing" / "x.zip")
        )
    assert ReportRun.objects.count() == 0
