"""The cross-file checks give the same report on PostgreSQL and on DuckDB.

Each export is read as the import reads it, into PostgreSQL's staging tables; the staged rows are
copied into a DuckDB stage (``duck_stage``), and the checks (``validation_staged``) run on both
engines into two logs.  Hearth holds no HUD record when a test starts, as DuckDB stages only
imports into an empty Hearth, so both engines' "already in Hearth" halves find nothing.
"""

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest
from django.db import connection

from hearth.access.models import HMISUser
from hearth.interchange import duck_stage, importer, staging, validation_keys, validation_staged
from hearth.interchange.check_engines import DuckEngine
from hearth.interchange.validation import PER_KIND, Issue, IssueLog
from hearth.interchange.validation_keys import StagedImport
from tests.interchange.test_import_hashed import hashed_export
from tests.interchange.test_import_minimal_export import ExportBuilder, run_import, table_counts
from tests.interchange.test_import_victim_service_providers import DE_IDENTIFIED, victim_service_export

pytestmark = pytest.mark.django_db


class _ReadingDone(Exception):
    def __init__(self, staged: StagedImport) -> None:
        super().__init__("the export is staged")
        self.staged = staged


def staged_in_postgresql(folder: Path, monkeypatch: pytest.MonkeyPatch) -> StagedImport:
    """The export read as the import reads it, into PostgreSQL's staging tables, kept for the test."""

    def stop(staged: StagedImport) -> None:
        raise _ReadingDone(staged)

    with monkeypatch.context() as patch:
        patch.setattr(validation_keys, "index_stages", stop)
        patch.setattr(importer._Import, "drop_staging", lambda self: None)
        with pytest.raises(_ReadingDone) as done:
            run_import(folder)
    return done.value.staged


def copy_to_duckdb(staged: StagedImport, duck: duckdb.DuckDBPyConnection) -> None:
    """Every staging table's rows into DuckDB's, and Hearth's tables as ``duck_stage`` sets them up."""
    for model in staged.models.values():
        duck_stage.create_stage(duck, model)
        columns = [column for column, _ in duck_stage.stage_columns(model)]
        duck_stage.copy_from_hearth(duck, staging.stage_table(model), columns)
    duck_stage.create_targets(duck, staged.models)


def staged_keys(staged: StagedImport) -> dict[str, list[int]]:
    """The staged rows left in each table, by stage_seq."""
    return {
        file_name: [
            seq
            for (seq,) in staged.fetch(f"SELECT stage_seq FROM {staged.stage(file_name)} ORDER BY 1")  # noqa: S608
        ]
        for file_name in staged.models
    }


def _refused(execute, sql, params, many, context):
    raise AssertionError(f"a check on DuckDB ran SQL on PostgreSQL: {sql}")


def reports(tmp_path: Path, export: ExportBuilder | Path, monkeypatch: pytest.MonkeyPatch) -> Iterator:
    folder = export if isinstance(export, Path) else export.write(tmp_path / "export")
    on_postgresql = staged_in_postgresql(folder, monkeypatch)
    # An empty Hearth, as DuckDB stages only into one (User records aside: see duck_stage).
    assert {name: n for name, n in table_counts().items() if n and name != "User.csv"} == {}
    with duck_stage.opened() as duck:
        copy_to_duckdb(on_postgresql, duck)
        on_duckdb = StagedImport(on_postgresql.models, on_postgresql.plans, engine=DuckEngine(duck))
        duck_log, postgresql_log = IssueLog(), IssueLog()
        with connection.execute_wrapper(_refused):  # DuckDB's checks never reach PostgreSQL
            validation_staged.check(on_duckdb, duck_log)
        validation_staged.check(on_postgresql, postgresql_log)
        yield postgresql_log, duck_log, staged_keys(on_postgresql), staged_keys(on_duckdb)


def compared(tmp_path: Path, export: ExportBuilder | Path, monkeypatch: pytest.MonkeyPatch) -> list[Issue]:
    """The checks' report, the same from both engines."""
    for postgresql_log, duck_log, postgresql_keys, duck_keys in reports(tmp_path, export, monkeypatch):
        assert duck_log.report() == postgresql_log.report()
        assert (duck_log.rejecting, duck_log.warnings) == (postgresql_log.rejecting, postgresql_log.warnings)
        assert duck_keys == postgresql_keys
        return postgresql_log.report()
    raise AssertionError("no report")


# --- broken exports: each builds an export and names the rules the checks find in it -------------


def clean() -> ExportBuilder:
    export = ExportBuilder()
    export.first("Client.csv").update(
        SSN="123456789", SSNDataQuality="1", DOB="1990-07-04", DOBDataQuality="1"
    )
    export.add("Exit.csv", ExitID="X1", ExitDate="2025-04-02", Destination="410")
    return export


def repeated_keys() -> ExportBuilder:
    export = ExportBuilder()
    export.first("Enrollment.csv")["MoveInDate"] = "2025-02-01"  # joined with both rows of P1
    export.add("Client.csv", PersonalID="C1", FirstName="Bea")
    export.add("Client.csv", PersonalID="C1", FirstName="Cy")
    export.add("Project.csv", ProjectID="P1", ProjectName="Again", ProjectType="1")
    return export


def bad_value(file_name: str, column: str, value: str) -> Callable[[], ExportBuilder]:
    def build() -> ExportBuilder:
        export = ExportBuilder()
        export.first(file_name)[column] = value
        return export

    return build


def dangling_exits() -> ExportBuilder:
    export = ExportBuilder()
    export.add("Exit.csv", ExitID="X1", EnrollmentID="EN9", ExitDate="2025-04-01", Destination="410")
    return export


def two_exits() -> ExportBuilder:
    export = ExportBuilder()
    export.first("Enrollment.csv")["MoveInDate"] = "2025-05-01"
    export.add("Exit.csv", ExitID="X2", ExitDate="2025-04-02", Destination="410")
    export.add("Exit.csv", ExitID="X1", ExitDate="2025-02-01", Destination="410")
    return export


def users_missing() -> ExportBuilder:
    export = ExportBuilder()
    export.first("Client.csv")["UserID"] = "U7"
    export.first("Enrollment.csv")["UserID"] = "U7"
    export.first("Project.csv")["UserID"] = "U8"
    return export


def heads(relationships: tuple[str, str]) -> Callable[[], ExportBuilder]:
    def build() -> ExportBuilder:
        export = ExportBuilder()
        export.first("Enrollment.csv")["RelationshipToHoH"] = relationships[0]
        export.add("Client.csv", PersonalID="C2")
        export.add("Enrollment.csv", EnrollmentID="EN2", PersonalID="C2", RelationshipToHoH=relationships[1])
        return export

    return build


def household_in_two_projects() -> ExportBuilder:
    export = ExportBuilder()
    export.add(
        "Project.csv", ProjectID="P2", ProjectName="Harbor Light RRH", ProjectType="13", RRHSubType="2"
    )
    export.add("ProjectCoC.csv", ProjectCoCID="PC2", ProjectID="P2", CoCCode="MD-501")
    export.add("Client.csv", PersonalID="C2")
    export.add("Enrollment.csv", EnrollmentID="EN2", PersonalID="C2", ProjectID="P2", RelationshipToHoH="2")
    return export


def member_before_head() -> ExportBuilder:
    export = ExportBuilder()
    export.add("Client.csv", PersonalID="C2")
    export.add(
        "Enrollment.csv", EnrollmentID="EN2", PersonalID="C2", RelationshipToHoH="2", EntryDate="2025-02-01"
    )
    return export


def dates_out_of_order() -> ExportBuilder:
    export = ExportBuilder()
    export.first("Client.csv").update(DOB="2025-06-01", DOBDataQuality="1")
    export.first("Enrollment.csv").update(MoveInDate="2025-02-01", DateOfEngagement="2025-05-01")
    export.first("Project.csv")["OperatingStartDate"] = "2025-04-01"
    export.add("Exit.csv", ExitID="X1", ExitDate="2025-02-15", Destination="410")
    export.add(
        "Services.csv", ServicesID="S1", RecordType="200", TypeProvided="200", DateProvided="2025-02-01"
    )
    return export


def participation(participation_type: str, start: str) -> Callable[[], ExportBuilder]:
    def build() -> ExportBuilder:
        export = ExportBuilder()
        export.add(
            "HMISParticipation.csv",
            HMISParticipationID="HP1",
            HMISParticipationType=participation_type,
            HMISParticipationStatusStartDate=start,
        )
        return export

    return build


def project_rules() -> ExportBuilder:
    export = ExportBuilder()
    export.first("Organization.csv")["VictimServiceProvider"] = "1"
    export.first("Client.csv").update(FirstName="", LastName="", NameDataQuality="99")
    export.first("Project.csv")["OperatingEndDate"] = "2025-06-30"
    for number, start in enumerate(("2025-01-01", "2025-02-01", "2025-06-01"), start=1):
        export.add(
            "HMISParticipation.csv",
            HMISParticipationID=f"HP{number}",
            HMISParticipationType="1",
            HMISParticipationStatusStartDate=start,
        )
    export.add(
        "CEParticipation.csv",
        CEParticipationID="CE1",
        CEParticipationStatusStartDate="2025-01-01",
    )
    export.add(
        "CEParticipation.csv",
        CEParticipationID="CE2",
        CEParticipationStatusStartDate="2025-03-01",
    )
    return export


def services_only_inventory() -> ExportBuilder:
    export = ExportBuilder()
    export.first("Project.csv").update(ProjectType="13", RRHSubType="1")
    export.add("Inventory.csv", InventoryID="I1", CoCCode="MD-501")
    export.add("Inventory.csv", InventoryID="I2", CoCCode="MD-600")
    return export


def affiliations() -> ExportBuilder:
    export = ExportBuilder()
    export.add("Affiliation.csv", AffiliationID="AF1", ProjectID="P1", ResProjectID="P1")
    return export


def collection_stages() -> ExportBuilder:
    export = ExportBuilder()
    export.add("Exit.csv", ExitID="X1", ExitDate="2025-04-02", Destination="410")
    for number, (stage, day) in enumerate(((1, "2025-03-01"), (1, "2025-03-02"), (3, "2025-04-01")), start=1):
        export.add(
            "Disabilities.csv",
            DisabilitiesID=f"D{number}",
            DisabilityType="5",
            DisabilityResponse="1",
            DataCollectionStage=str(stage),
            InformationDate=day,
        )
        export.add(
            "HealthAndDV.csv",
            HealthAndDVID=f"HD{number}",
            DataCollectionStage=str(stage),
            InformationDate=day,
        )
    return export


def assessment_without_parts() -> ExportBuilder:
    export = ExportBuilder()
    export.add("Assessment.csv", AssessmentID="A1")
    return export


def duplicate_enrollments() -> ExportBuilder:
    export = ExportBuilder()
    export.add("Enrollment.csv", EnrollmentID="EN0", HouseholdID="H2")
    export.add("Enrollment.csv", EnrollmentID="EN2", HouseholdID="H3")
    return export


def victim_service_clients() -> ExportBuilder:
    return victim_service_export(MiddleName="Luz", SSN="123456789", SSNDataQuality="1", DOB="1990-05-01")


def hashed_victim_service_clients() -> ExportBuilder:
    export = hashed_export()
    export.first("Organization.csv")["VictimServiceProvider"] = "1"
    return export


def de_identified_victim_service_client() -> ExportBuilder:
    return victim_service_export(**DE_IDENTIFIED)


def beyond_per_kind() -> ExportBuilder:
    """More problems of each kind than the report lists one by one."""
    export = ExportBuilder()
    extra = PER_KIND + 20
    for number in range(extra):
        export.add("Client.csv", PersonalID=f"C{number + 2}", UserID=f"U{number + 2}")
        export.add("Client.csv", PersonalID="C1")
        export.add("Exit.csv", ExitID=f"X{number}", EnrollmentID=f"EN{number + 2}", ExitDate="2025-04-01")
        export.add(  # a household with no head, each entered on another day (no REF-11)
            "Enrollment.csv",
            EnrollmentID=f"EM{number}",
            HouseholdID=f"H{number + 2}",
            RelationshipToHoH="2",
            EntryDate=(dt.date(2025, 3, 2) + dt.timedelta(days=number)).isoformat(),
        )
    return export


BROKEN = {
    "clean": (clean, set()),
    "repeated keys": (repeated_keys, {"FMT-17", "DT-03"}),
    "dangling PersonalID": (bad_value("Enrollment.csv", "PersonalID", "C9"), {"REF-01"}),
    "dangling ProjectID": (bad_value("Enrollment.csv", "ProjectID", "P9"), {"REF-02"}),
    "dangling OrganizationID": (bad_value("Project.csv", "OrganizationID", "O9"), {"REF-03"}),
    "EnrollmentCoC not the project's": (bad_value("Enrollment.csv", "EnrollmentCoC", "MD-600"), {"REF-06"}),
    "dangling EnrollmentID": (dangling_exits, {"REF-08"}),
    "two exits": (two_exits, {"REF-08", "DT-01", "DT-03"}),
    "users missing": (users_missing, {"REF-04"}),
    "two heads": (heads(("1", "1")), {"HH-01"}),
    "no head": (heads(("2", "3")), {"HH-01"}),
    "household in two projects": (household_in_two_projects, {"HH-02"}),
    "member before head": (member_before_head, {"HH-04", "DT-08"}),
    "dates out of order": (dates_out_of_order, {"DT-01", "DT-03", "DT-04", "DT-05", "DT-07", "DT-08"}),
    "participation starts late": (participation("1", "2025-03-02"), {"DT-08"}),
    "not participating": (participation("0", "2025-01-01"), {"DT-08"}),
    "project rules": (project_rules, {"PD-02", "PD-05", "PD-06"}),
    "services-only inventory": (services_only_inventory, {"PD-03", "REF-05"}),
    "affiliations": (affiliations, {"REF-07"}),
    "collection stages": (collection_stages, {"REF-09"}),
    "assessment without parts": (assessment_without_parts, {"REF-10"}),
    "duplicate enrollments": (duplicate_enrollments, {"REF-11"}),
    "victim service clients": (victim_service_clients, {"PD-05"}),
    "hashed victim service clients": (hashed_victim_service_clients, {"PD-05"}),
    "de-identified victim service client": (de_identified_victim_service_client, {"PD-05"}),
    "beyond PER_KIND": (beyond_per_kind, {"FMT-17", "REF-01", "REF-04", "REF-08", "HH-01"}),
}


@pytest.mark.parametrize(("build", "rules"), BROKEN.values(), ids=BROKEN.keys())
def test_both_engines_report_the_same(tmp_path, monkeypatch, build, rules):
    report = compared(tmp_path, build(), monkeypatch)

    assert {found.rule_id for found in report} == rules


def test_the_counts_beyond_the_listed_problems_are_the_same(tmp_path, monkeypatch):
    report = compared(tmp_path, beyond_per_kind(), monkeypatch)

    summaries = [str(found) for found in report if found.row is None]
    assert summaries == [
        "Client.csv: 20 more rows with this problem in PersonalID (not listed one by one) [FMT-17]",
        "Client.csv: 20 more rows with this problem in PersonalID (not listed one by one) [REF-01]",
        "Enrollment.csv: 20 more rows with this problem in HouseholdID (not listed one by one) [HH-01]",
        "Exit.csv: 20 more rows with this problem in EnrollmentID (not listed one by one) [REF-08]",
        "Client.csv: 20 more rows with this problem in UserID (not listed one by one); imported as sent "
        "[REF-04]",
    ]


def test_a_batch_keeps_the_latest_rows_on_both_engines(tmp_path, monkeypatch):
    first = ExportBuilder()
    first.first("Client.csv").update(DOB="2025-06-01", DOBDataQuality="1")  # replaced by the later row
    second = ExportBuilder(export_id="E2")
    second.first("Client.csv").update(FirstName="Anita", DateUpdated="2025-06-01 10:00:00")
    second.first("Project.csv").update(
        ProjectID="P2", ProjectName="Harbor Light RRH", ProjectType="13", RRHSubType="2"
    )
    second.first("ProjectCoC.csv").update(ProjectCoCID="PC2", ProjectID="P2")
    second.first("Enrollment.csv").update(EnrollmentID="EN2", ProjectID="P2", HouseholdID="H2")
    second.add("Exit.csv", ExitID="X1", EnrollmentID="EN2", ExitDate="2025-02-15", Destination="410")
    first.write(tmp_path / "batch" / "shelter")
    second.write(tmp_path / "batch" / "rrh")

    report = compared(tmp_path, tmp_path / "batch", monkeypatch)

    assert [str(found) for found in report] == [
        "rrh/Exit.csv row 2, ExitDate '2025-02-15': is before the enrollment's EntryDate (2025-03-01) [DT-01]"
    ]


def test_the_user_records_hearth_holds_are_found_on_both_engines(tmp_path, monkeypatch):
    HMISUser.objects.create(user_id="U7")  # an account's User record, made on its first use

    report = compared(tmp_path, users_missing(), monkeypatch)

    assert [(found.rule_id, found.file, found.value) for found in report] == [("REF-04", "Project.csv", "U8")]
