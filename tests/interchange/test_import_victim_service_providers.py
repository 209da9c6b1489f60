"""Victim service providers hold no identifying client data, whatever an import sends (PD-05, VAWA).

A client whose every enrollment after the import is in a victim service provider's projects comes
with no name, SSN or date of birth, or the import is rejected and writes nothing.  The report names
the file, row, column and rule, and never repeats the identifying value.
"""

import pytest

from hearth.agencies.models import Organization
from hearth.clients.models import Client
from hearth.interchange.models import ImportIssue, ImportStatus
from tests.interchange.test_import_hashed import hashed_export
from tests.interchange.test_import_minimal_export import ExportBuilder, lines, run_import, table_counts

pytestmark = pytest.mark.django_db

REFUSED = (
    "identifies a client enrolled only in projects of victim service providers (organization O1), "
    "which hold no name, SSN or date of birth in the HMIS (VAWA): send it empty, with its data "
    "quality 99 (data not collected) [PD-05]"
)
ENROLLMENT_WARNING = (
    "Enrollment.csv row 2, ProjectID 'P1': belongs to a victim service provider, which keeps client "
    "records out of the HMIS [PD-05]"
)
DE_IDENTIFIED = {
    "FirstName": "",
    "LastName": "",
    "NameDataQuality": "99",
    "SSN": "",
    "SSNDataQuality": "99",
    "DOB": "",
    "DOBDataQuality": "99",
}


def victim_service_export(**client: str) -> ExportBuilder:
    """The minimal export, its one organization a victim service provider."""
    export = ExportBuilder()
    export.first("Organization.csv")["VictimServiceProvider"] = "1"
    export.first("Client.csv").update(client)
    return export


def test_a_named_client_of_a_victim_service_provider_rejects_the_import(tmp_path):
    export = victim_service_export(
        MiddleName="Luz", SSN="123456789", SSNDataQuality="1", DOB="1990-05-01", DOBDataQuality="1"
    )
    before = table_counts()

    result = run_import(export.write(tmp_path / "export"))

    assert result.run.status == ImportStatus.REJECTED
    assert table_counts() == before
    assert [str(i) for i in result.issues if i.is_rejecting] == [
        f"Client.csv row 2, DOB: {REFUSED}",
        f"Client.csv row 2, FirstName: {REFUSED}",
        f"Client.csv row 2, LastName: {REFUSED}",
        f"Client.csv row 2, MiddleName: {REFUSED}",
        f"Client.csv row 2, SSN: {REFUSED}",
    ]
    stored = ImportIssue.objects.filter(run=result.run, is_rejecting=True)
    assert sorted((i.file, i.row, i.column, i.rule_id, i.value) for i in stored) == [
        ("Client.csv", 2, column, "PD-05", None)
        for column in ("DOB", "FirstName", "LastName", "MiddleName", "SSN")
    ]
    # The report itself keeps none of the values it refused.
    kept = " ".join(f"{i.message} {i.value}" for i in ImportIssue.objects.filter(run=result.run))
    assert not {"Ana", "Luz", "Ruiz", "123456789", "6789", "1990-05-01"} & set(kept.replace(",", " ").split())


@pytest.mark.parametrize(
    ("column", "value"),
    [("FirstName", "Ana"), ("NameSuffix", "Jr"), ("SSN", "xxxxx6789"), ("DOB", "1990-05-01")],
)
def test_any_one_identifying_column_rejects(tmp_path, column, value):
    export = victim_service_export(**{**DE_IDENTIFIED, column: value})

    result = run_import(export.write(tmp_path / "export"))

    assert result.run.status == ImportStatus.REJECTED
    assert [str(i) for i in result.issues if i.is_rejecting] == [f"Client.csv row 2, {column}: {REFUSED}"]
    assert not Client.all_objects.exists()


def test_a_hashed_name_identifies_just_the_same(tmp_path):
    export = hashed_export()
    export.first("Organization.csv")["VictimServiceProvider"] = "1"

    result = run_import(export.write(tmp_path / "export"))

    assert [str(i) for i in result.issues if i.is_rejecting] == [
        f"Client.csv row 2, FirstName: {REFUSED}",
        f"Client.csv row 2, LastName: {REFUSED}",
        f"Client.csv row 2, SSN: {REFUSED}",
    ]
    assert not Client.all_objects.exists()


def test_a_de_identified_client_of_a_victim_service_provider_is_imported(tmp_path):
    export = victim_service_export(**DE_IDENTIFIED)

    result = run_import(export.write(tmp_path / "export"))

    assert lines(result) == [ENROLLMENT_WARNING]
    client = Client.objects.get()
    assert (client.first_name, client.last_name, client.ssn, client.dob) == (None, None, None, None)


def test_a_client_also_served_by_another_agency_keeps_the_name_it_holds(tmp_path):
    export = victim_service_export()
    export.add(
        "Organization.csv", OrganizationID="O2", OrganizationName="Open Door", VictimServiceProvider="0"
    )
    export.add("Project.csv", ProjectID="P2", OrganizationID="O2", ProjectName="Open Door Shelter")
    export.add("ProjectCoC.csv", ProjectCoCID="PC2", ProjectID="P2", CoCCode="MD-501")
    export.add("Enrollment.csv", EnrollmentID="EN2", ProjectID="P2", HouseholdID="H2", RelationshipToHoH="1")

    result = run_import(export.write(tmp_path / "export"))

    assert result.run.status == ImportStatus.IMPORTED, lines(result)
    assert lines(result) == [ENROLLMENT_WARNING]
    assert Client.objects.get().first_name == "Ana"


def test_an_organization_hearth_holds_as_a_victim_service_provider_counts_too(tmp_path):
    # Given the provider and a de-identified client of it, already in Hearth
    first = run_import(victim_service_export(**DE_IDENTIFIED).write(tmp_path / "first"))
    assert first.run.status == ImportStatus.IMPORTED
    # When a delta export names a new client into its project, without sending the organization
    delta = ExportBuilder(export_id="E2", base=False)
    delta.add(
        "Export.csv", **{**ExportBuilder().first("Export.csv"), "ExportID": "E2", "ExportDirective": "1"}
    )
    delta.add("Client.csv", PersonalID="C2", FirstName="Bea", LastName="Soto")
    delta.add("Enrollment.csv", EnrollmentID="EN2", PersonalID="C2", HouseholdID="H2", RelationshipToHoH="1")
    before = table_counts()

    result = run_import(delta.write(tmp_path / "delta"))

    # Then nothing is written
    assert [str(i) for i in result.issues if i.is_rejecting] == [
        f"Client.csv row 2, FirstName: {REFUSED}",
        f"Client.csv row 2, LastName: {REFUSED}",
    ]
    assert table_counts() == before
    assert Organization.objects.get().victim_service_provider == 1
