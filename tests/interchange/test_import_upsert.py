"""Upsert by source identifiers: re-import changes nothing, newer records update, DateDeleted
soft-deletes, and several exports (one per project) load side by side sharing clients."""

import pytest

from hearth.access.models import HMISUser
from hearth.agencies.models import Project
from hearth.clients.models import Client
from hearth.enrollments.models import Enrollment
from hearth.interchange.models import Export, ImportStatus
from tests.interchange.test_import_minimal_export import ExportBuilder, lines, run_import, table_counts

pytestmark = pytest.mark.django_db

UNCHANGED_CLIENT = {"read": 1, "inserted": 0, "updated": 0, "unchanged": 1, "deleted": 0, "warnings": 0}


def client_rows() -> list[tuple]:
    return list(Client.all_objects.values_list("personal_id", "first_name", "date_updated", "date_deleted"))


def test_importing_the_same_export_again_changes_nothing(tmp_path):
    export = ExportBuilder()
    export.first("Client.csv").update(SSN="123456789", SSNDataQuality="1")
    folder = export.write(tmp_path / "export")
    run_import(folder)
    before = (client_rows(), list(Enrollment.all_objects.values()), table_counts())

    again = run_import(folder)

    assert again.run.status == ImportStatus.IMPORTED
    assert (client_rows(), list(Enrollment.all_objects.values()), table_counts()) == before
    assert again.counts["Client.csv"] == UNCHANGED_CLIENT
    assert again.run.total("inserted") == 0
    assert again.run.total("updated") == 0
    assert again.run.total("deleted") == 0


def test_a_newer_record_updates_and_an_older_one_is_ignored(tmp_path):
    run_import(ExportBuilder().write(tmp_path / "first"))
    newer = ExportBuilder(export_id="E2")
    newer.first("Client.csv").update(FirstName="Anita", DateUpdated="2025-06-01 10:00:00")
    older = ExportBuilder(export_id="E3")
    older.first("Client.csv").update(FirstName="Old", DateUpdated="2024-01-01 10:00:00")

    updated = run_import(newer.write(tmp_path / "newer"))
    ignored = run_import(older.write(tmp_path / "older"))

    assert updated.counts["Client.csv"] == {**UNCHANGED_CLIENT, "updated": 1, "unchanged": 0}
    assert ignored.counts["Client.csv"] == UNCHANGED_CLIENT
    client = Client.all_objects.get()
    assert (client.first_name, client.export_id) == ("Anita", "E2")
    assert list(Export.objects.values_list("export_id", flat=True)) == ["E1", "E2", "E3"]


def test_a_changed_record_with_the_same_date_updated_updates(tmp_path):
    run_import(ExportBuilder().write(tmp_path / "first"))
    corrected = ExportBuilder()
    corrected.first("Client.csv")["LastName"] = "Ruíz"

    result = run_import(corrected.write(tmp_path / "corrected"))

    assert result.counts["Client.csv"]["updated"] == 1
    assert Client.all_objects.get().last_name == "Ruíz"


def test_date_deleted_soft_deletes(tmp_path):
    export = ExportBuilder()
    export.add("Exit.csv", ExitID="X1", ExitDate="2025-04-01", Destination="410")
    run_import(export.write(tmp_path / "first"))
    export.first("Exit.csv").update(DateUpdated="2025-05-01 08:00:00", DateDeleted="2025-05-01 08:00:00")

    result = run_import(export.write(tmp_path / "deleting"))

    assert result.counts["Exit.csv"] == {
        "read": 1,
        "inserted": 0,
        "updated": 0,
        "unchanged": 0,
        "deleted": 1,
        "warnings": 0,
    }
    enrollment = Enrollment.objects.get()
    assert list(enrollment.exits.all()) == []
    assert enrollment.exits.model.all_objects.get().date_deleted is not None


def test_exports_of_two_projects_share_their_client(tmp_path):
    first = ExportBuilder()
    second = ExportBuilder(export_id="E2")
    second.first("Project.csv").update(
        ProjectID="P2", ProjectName="Harbor Light RRH", ProjectType="13", RRHSubType="2"
    )
    second.first("ProjectCoC.csv").update(ProjectCoCID="PC2", ProjectID="P2")
    second.first("Enrollment.csv").update(EnrollmentID="EN2", ProjectID="P2", HouseholdID="H2")

    run_import(first.write(tmp_path / "shelter"))
    result = run_import(second.write(tmp_path / "rrh"))

    assert lines(result) == []
    assert list(Client.all_objects.values_list("personal_id", flat=True)) == ["C1"]
    assert sorted(Enrollment.all_objects.values_list("enrollment_id", "project_id")) == [
        ("EN1", "P1"),
        ("EN2", "P2"),
    ]
    assert sorted(Project.all_objects.values_list("project_id", flat=True)) == ["P1", "P2"]
    assert result.counts["Client.csv"] == UNCHANGED_CLIENT


def test_a_folder_of_exports_imports_as_one_batch_and_the_latest_record_wins(tmp_path):
    first = ExportBuilder()
    second = ExportBuilder(export_id="E2")
    second.first("Client.csv").update(FirstName="Anita", DateUpdated="2025-06-01 10:00:00")
    second.first("Project.csv").update(
        ProjectID="P2", ProjectName="Harbor Light RRH", ProjectType="13", RRHSubType="2"
    )
    second.first("ProjectCoC.csv").update(ProjectCoCID="PC2", ProjectID="P2")
    second.first("Enrollment.csv").update(EnrollmentID="EN2", ProjectID="P2", HouseholdID="H2")
    first.write(tmp_path / "batch" / "shelter")
    second.write(tmp_path / "batch" / "rrh")

    result = run_import(tmp_path / "batch")

    assert lines(result) == []
    assert result.run.export_ids == ["E2", "E1"]  # sub-folders in name order: rrh, shelter
    assert result.counts["Client.csv"] == {
        "read": 2,
        "inserted": 1,
        "updated": 0,
        "unchanged": 1,
        "deleted": 0,
        "warnings": 0,
    }
    assert Client.all_objects.get().first_name == "Anita"
    assert Enrollment.all_objects.count() == 2


def test_a_delta_export_may_refer_to_records_already_in_hearth(tmp_path):
    run_import(ExportBuilder().write(tmp_path / "full"))
    delta = ExportBuilder(export_id="E2", base=False)
    delta.add(
        "Export.csv", **{**ExportBuilder().first("Export.csv"), "ExportID": "E2", "ExportDirective": "1"}
    )
    delta.add("Exit.csv", ExitID="X1", ExitDate="2025-04-01", Destination="410")

    result = run_import(delta.write(tmp_path / "delta"))

    assert lines(result) == []
    assert Enrollment.objects.get().exits.get().exit_id == "X1"


def test_household_rules_count_the_members_already_in_hearth(tmp_path):
    run_import(ExportBuilder().write(tmp_path / "full"))
    delta = ExportBuilder(export_id="E2", base=False)
    delta.add(
        "Export.csv", **{**ExportBuilder().first("Export.csv"), "ExportID": "E2", "ExportDirective": "1"}
    )
    delta.add("Client.csv", PersonalID="C2")
    delta.add("Enrollment.csv", EnrollmentID="EN2", PersonalID="C2", RelationshipToHoH="1")
    before = table_counts()

    result = run_import(delta.write(tmp_path / "delta"))

    assert [str(i) for i in result.issues if i.is_rejecting] == [
        "Enrollment.csv row 2, HouseholdID 'H1': has 2 heads of household; "
        "exactly one member has RelationshipToHoH 1 [HH-01]"
    ]
    assert table_counts() == before


def test_a_user_id_missing_from_user_csv_gets_a_user_record_once(tmp_path):
    export = ExportBuilder()
    export.first("Client.csv")["UserID"] = "U7"
    folder = export.write(tmp_path / "export")

    first = run_import(folder)
    again = run_import(folder)

    assert lines(first) == [
        "Client.csv row 2, UserID 'U7': is not in User.csv nor already in Hearth (1 row uses it); "
        "a User record holding only this UserID is added; imported as sent [REF-04]"
    ]
    assert first.counts["User.csv"]["added_for_references"] == 1
    assert lines(again) == []
    assert again.counts["User.csv"]["added_for_references"] == 0
    assert sorted(HMISUser.all_objects.values_list("user_id", "user_first_name")) == [
        ("U1", None),
        ("U7", None),
    ]
