"""Each rule the import checks: the exact report line, and whether the import is rejected.

A rejected import writes nothing: every HUD table keeps its row count.
"""

import pytest

from hearth.enrollments.models import Enrollment
from hearth.interchange.models import ImportIssue, ImportStatus
from tests.interchange.test_import_minimal_export import ExportBuilder, lines, run_import, table_counts

pytestmark = pytest.mark.django_db


def rejected(tmp_path, export: ExportBuilder, **options) -> list[str]:
    before = table_counts()
    result = run_import(export.write(tmp_path / "export"), **options)
    assert result.run.status == ImportStatus.REJECTED
    assert table_counts() == before
    return [str(i) for i in result.issues if i.is_rejecting]


def imported(tmp_path, export: ExportBuilder, **options) -> list[str]:
    result = run_import(export.write(tmp_path / "export"), **options)
    assert result.run.status == ImportStatus.IMPORTED, lines(result)
    return lines(result)


@pytest.mark.parametrize(
    ("file_name", "column", "value", "expected"),
    [
        (
            "Enrollment.csv",
            "EntryDate",
            "2021-13-01",
            "Enrollment.csv row 2, EntryDate '2021-13-01': is not a date (YYYY-MM-DD) [FMT-02]",
        ),
        (
            "Enrollment.csv",
            "EntryDate",
            "03/01/2025",
            "Enrollment.csv row 2, EntryDate '03/01/2025': is not a date (YYYY-MM-DD) [FMT-02]",
        ),
        (
            "Client.csv",
            "DateUpdated",
            "2025-03-01T09:00:00",
            "Client.csv row 2, DateUpdated '2025-03-01T09:00:00': is not a date and time (YYYY-MM-DD "
            "hh:mm:ss) [FMT-02]",
        ),
        (
            "Enrollment.csv",
            "RelationshipToHoH",
            "one",
            "Enrollment.csv row 2, RelationshipToHoH 'one': is not a whole number (digits only, 0 or "
            "more) [FMT-03]",
        ),
        (
            "Enrollment.csv",
            "RelationshipToHoH",
            "-1",
            "Enrollment.csv row 2, RelationshipToHoH '-1': is not a whole number (digits only, 0 or "
            "more) [FMT-03]",
        ),
        (
            "Enrollment.csv",
            "RelationshipToHoH",
            "40000",
            "Enrollment.csv row 2, RelationshipToHoH '40000': is larger than 32,767, the largest "
            "number this column holds [FMT-03]",
        ),
        (
            "Client.csv",
            "FirstName",
            "A" * 51,
            f"Client.csv row 2, FirstName '{'A' * 51}': is 51 characters long; at most 50 are allowed "
            "[FMT-05]",
        ),
        (
            "Client.csv",
            "NameDataQuality",
            "",
            "Client.csv row 2, NameDataQuality '': is empty; this column must hold a value [FMT-07]",
        ),
        (
            "Client.csv",
            "SSN",
            "12345678",
            "Client.csv row 2, SSN '12345678': is not an SSN (9 digits, x for a missing digit) [FMT-10]",
        ),
        (
            "ProjectCoC.csv",
            "ZIP",
            "2120A",
            "ProjectCoC.csv row 2, ZIP '2120A': is not a ZIP code (the first 5 digits only) [FMT-10]",
        ),
        (
            "ProjectCoC.csv",
            "ZIP",
            "21201-1234",
            "ProjectCoC.csv row 2, ZIP '21201-1234': is 10 characters long; at most 5 are allowed [FMT-05]",
        ),
        (
            "Enrollment.csv",
            "ExportID",
            "E2",
            "Enrollment.csv row 2, ExportID 'E2': is not the ExportID of this export's Export.csv "
            "(E1) [FMT-11]",
        ),
        (
            "Enrollment.csv",
            "PersonalID",
            "C9",
            "Enrollment.csv row 2, PersonalID 'C9': is not in Client.csv nor already in Hearth [REF-01]",
        ),
        (
            "Enrollment.csv",
            "ProjectID",
            "P9",
            "Enrollment.csv row 2, ProjectID 'P9': is not in Project.csv nor already in Hearth [REF-02]",
        ),
        (
            "Project.csv",
            "OrganizationID",
            "O9",
            "Project.csv row 2, OrganizationID 'O9': is not in Organization.csv nor already in "
            "Hearth [REF-03]",
        ),
        (
            "Enrollment.csv",
            "EnrollmentCoC",
            "MD-600",
            "Enrollment.csv row 2, EnrollmentCoC 'MD-600': is not a CoC code of project P1 in "
            "ProjectCoC.csv [REF-06]",
        ),
    ],
)
def test_a_bad_value_rejects_the_import_with_a_report_line_naming_it(
    tmp_path, file_name, column, value, expected
):
    export = ExportBuilder()
    export.first(file_name)[column] = value

    assert expected in rejected(tmp_path, export)


def test_a_money_value_with_three_decimals_rejects(tmp_path):
    export = ExportBuilder()
    export.add(
        "IncomeBenefits.csv",
        IncomeFromAnySource="1",
        Earned="1",
        EarnedAmount="12.505",
        DataCollectionStage="1",
    )

    assert rejected(tmp_path, export) == [
        "IncomeBenefits.csv row 2, EarnedAmount '12.505': is not an amount of 0 or more "
        "(digits with up to two decimals, e.g. 1250.00) [FMT-04]"
    ]


def test_an_unknown_column_and_a_missing_column_reject_at_the_header(tmp_path):
    export = ExportBuilder()
    for row in export.rows["Organization.csv"]:
        row["Nickname"] = "x"
        del row["OrganizationCommonName"]

    assert rejected(tmp_path, export) == [
        "Organization.csv row 1: 'Nickname' is not a column of Organization.csv (column 9 of the "
        "header) [FMT-01]",
        "Organization.csv row 1: the header lacks OrganizationCommonName [FMT-01]",
    ]


def test_a_row_of_the_wrong_width_rejects(tmp_path):
    folder = ExportBuilder().write(tmp_path / "export")
    path = folder / "User.csv"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\r\n") + ',"extra"\r\n', encoding="utf-8")

    result = run_import(folder)

    assert [str(i) for i in result.issues if i.is_rejecting] == [
        "User.csv row 2: has 11 values; the header has 10 columns [FMT-01]"
    ]


def test_a_missing_file_rejects(tmp_path):
    folder = ExportBuilder().write(tmp_path / "export")
    (folder / "Services.csv").unlink()

    result = run_import(folder)

    assert [str(i) for i in result.issues if i.is_rejecting] == [
        "Services.csv: is missing; every file of an export must be present, with its header, even "
        "when empty [FMT-01]"
    ]


def test_a_repeated_key_rejects_naming_the_first_row(tmp_path):
    export = ExportBuilder()
    export.add("Client.csv", PersonalID="C1", FirstName="Bea")

    assert rejected(tmp_path, export) == [
        "Client.csv row 3, PersonalID 'C1': is a key already used on row 2; keys must be unique in a "
        "file [FMT-17]"
    ]


@pytest.mark.parametrize(
    ("relationships", "expected"),
    [
        (
            ["1", "1"],
            "Enrollment.csv row 2, HouseholdID 'H1': has 2 heads of household; exactly one member "
            "has RelationshipToHoH 1 [HH-01]",
        ),
        (
            ["2", "3"],
            "Enrollment.csv row 2, HouseholdID 'H1': has no head of household (no member with "
            "RelationshipToHoH 1) [HH-01]",
        ),
    ],
)
def test_a_household_without_exactly_one_head_rejects(tmp_path, relationships, expected):
    export = ExportBuilder()
    export.first("Enrollment.csv")["RelationshipToHoH"] = relationships[0]
    export.add("Client.csv", PersonalID="C2")
    export.add("Enrollment.csv", EnrollmentID="EN2", PersonalID="C2", RelationshipToHoH=relationships[1])

    assert rejected(tmp_path, export) == [expected]


def test_a_dangling_enrollment_reference_rejects(tmp_path):
    export = ExportBuilder()
    export.add("Exit.csv", ExitID="X1", EnrollmentID="EN9", ExitDate="2025-04-01", Destination="410")

    assert rejected(tmp_path, export) == [
        "Exit.csv row 2, EnrollmentID 'EN9': is not in Enrollment.csv nor already in Hearth [REF-08]"
    ]


def test_two_exits_of_one_enrollment_reject(tmp_path):
    export = ExportBuilder()
    export.add("Exit.csv", ExitID="X1", ExitDate="2025-04-01", Destination="410")
    export.add("Exit.csv", ExitID="X2", ExitDate="2025-04-02", Destination="410")

    assert rejected(tmp_path, export) == [
        "Exit.csv row 3, EnrollmentID 'EN1': has another exit already; an enrollment has at most one [REF-08]"
    ]


def test_aftercare_outside_180_days_of_exit_rejects(tmp_path):
    export = ExportBuilder()
    export.add(
        "Exit.csv",
        ExitID="X1",
        ExitDate="2025-04-01",
        Destination="410",
        AftercareDate="2025-12-01",
        AftercareProvided="1",
    )

    assert rejected(tmp_path, export) == [
        "Exit.csv row 2, AftercareDate '2025-12-01': is not within 180 days after ExitDate [DT-09]"
    ]


def test_warnings_are_imported_and_listed(tmp_path):
    export = ExportBuilder()
    export.first("Client.csv").update(
        SSN="000000000", SSNDataQuality="1", YearEnteredService="1900", VeteranStatus="1", NameSuffix="<Jr>"
    )
    export.first("Enrollment.csv")["MoveInDate"] = "2025-02-01"
    export.add("Exit.csv", ExitID="X1", ExitDate="2025-02-15", Destination="410")

    assert imported(tmp_path, export) == [
        "Client.csv row 2, NameSuffix '<Jr>': holds one of < > [ ] { }, which HUD asks exporters to strip "
        "(FY2026) [FMT-06]",
        "Client.csv row 2, SSN '000000000': is a placeholder with no information; it should be empty "
        "[FMT-09]",
        "Client.csv row 2, YearEnteredService '1900': is not a year from 1920 to 2026 [CL-03]",
        "Enrollment.csv row 2, MoveInDate '2025-02-01': is before the EntryDate (2025-03-01) [DT-03]",
        "Enrollment.csv row 2, MoveInDate '2025-02-01': is given in a project of type 0; only "
        "permanent housing (3, 9, 10, 13) records one [DT-03]",
        "Exit.csv row 2, ExitDate '2025-02-15': is before the enrollment's EntryDate (2025-03-01) [DT-01]",
    ]
    assert Enrollment.objects.get().move_in_date.isoformat() == "2025-02-01"


def test_tolerated_findings_import_as_sent_and_strict_rejects_them(tmp_path):
    export = ExportBuilder()
    export.add("Exit.csv", ExitID="X1", ExitDate="2025-04-01", Destination="419")
    expected = (
        "Exit.csv row 2, Destination '419': is not a code of HUD list 3.12.1 LivingSituation "
        "(8, 9, 17, 24, 30, 37, 99, 101, 116, 118, 204, 205, 206, 207, 215, 225, 302, 312, 313, 314, ...)"
    )

    assert rejected(tmp_path, export, is_strict=True) == [f"{expected} [FMT-03]"]
    assert imported(tmp_path, export) == [f"{expected}; imported as sent [FMT-03]"]
    assert Enrollment.objects.get().exits.get().destination == 419


def test_a_dependent_value_is_tolerated(tmp_path):
    export = ExportBuilder()
    export.first("Enrollment.csv")["RentalSubsidyType"] = "419"

    assert imported(tmp_path, export) == [
        "Enrollment.csv row 2, RentalSubsidyType '419': must be empty unless LivingSituation = 435; "
        "imported as sent [FMT-08]"
    ]


def test_a_column_name_in_other_letter_case_is_read_as_that_column(tmp_path):
    export = ExportBuilder()
    row = export.first("ProjectCoC.csv")
    row["Zip"] = row.pop("ZIP")
    row["Zip"] = "21201"

    assert imported(tmp_path, export) == [
        "ProjectCoC.csv row 1: spells 'Zip' the column HUD spells 'ZIP'; read as that column; "
        "imported as sent [FMT-01]"
    ]


def test_the_report_is_stored_with_the_run_in_order(tmp_path):
    export = ExportBuilder()
    export.first("Client.csv")["DOB"] = "1990-13-01"
    export.first("Client.csv")["SSN"] = "000000000"

    result = run_import(export.write(tmp_path / "export"))

    stored = [
        (i.is_rejecting, i.rule_id, i.file, i.row, i.column, i.value)
        for i in ImportIssue.objects.filter(run=result.run)
    ]
    assert stored == [
        (True, "FMT-02", "Client.csv", 2, "DOB", "1990-13-01"),
        (False, "FMT-09", "Client.csv", 2, "SSN", "000000000"),
    ]
    assert result.run.rejecting_count == 1
    assert result.run.warning_count == 1
    assert result.run.message == (
        "Rejected: 1 rejecting error(s), 1 warning(s). Nothing was imported; fix the errors listed "
        "and import again."
    )


def test_project_rules_are_listed_as_warnings(tmp_path):
    export = ExportBuilder()
    export.first("Organization.csv")["VictimServiceProvider"] = "1"
    export.first("Client.csv").update(FirstName="", LastName="", NameDataQuality="99")  # VAWA: de-identified
    export.first("Project.csv")["OperatingEndDate"] = "2025-06-30"
    export.add(
        "HMISParticipation.csv",
        HMISParticipationID="HP1",
        HMISParticipationType="1",
        HMISParticipationStatusStartDate="2025-01-01",
    )
    export.add(
        "HMISParticipation.csv",
        HMISParticipationID="HP2",
        HMISParticipationType="1",
        HMISParticipationStatusStartDate="2025-06-01",
        HMISParticipationStatusEndDate="2025-06-30",
    )

    assert imported(tmp_path, export) == [
        "Enrollment.csv row 2, EnrollmentID 'EN1': has no exit on or before the project's OperatingEndDate "
        "(2025-06-30) [PD-06]",
        "Enrollment.csv row 2, ProjectID 'P1': belongs to a victim service provider, which keeps client "
        "records out of the HMIS [PD-05]",
        "HMISParticipation.csv row 2, HMISParticipationStatusStartDate '2025-01-01': starts a period that "
        "overlaps period HP2 of the same project [PD-02]",
        "HMISParticipation.csv row 3, HMISParticipationStatusStartDate '2025-06-01': starts a period that "
        "overlaps period HP1 of the same project [PD-02]",
    ]


@pytest.mark.parametrize(
    ("participation_type", "start", "end", "expected"),
    [
        ("1", "2025-01-01", "", []),  # HMIS participating from before the EntryDate
        ("2", "2025-03-01", "2025-03-01", []),  # comparable database, the EntryDate its one day
        (
            "1",
            "2025-03-02",
            "",
            [
                "Enrollment.csv row 2, EntryDate '2025-03-01': is outside the project's HMIS "
                "participation periods (HMISParticipation.csv) [DT-08]"
            ],
        ),
        (
            "0",
            "2025-01-01",
            "",
            [
                "Enrollment.csv row 2, EntryDate '2025-03-01': is outside the project's HMIS "
                "participation periods (HMISParticipation.csv) [DT-08]"
            ],
        ),
    ],
)
def test_dt08_an_enrollment_starts_inside_an_hmis_participation_period(
    tmp_path, participation_type, start, end, expected
):
    export = ExportBuilder()
    export.add(
        "HMISParticipation.csv",
        HMISParticipationID="HP1",
        HMISParticipationType=participation_type,
        HMISParticipationStatusStartDate=start,
        HMISParticipationStatusEndDate=end,
    )

    assert imported(tmp_path, export) == expected
