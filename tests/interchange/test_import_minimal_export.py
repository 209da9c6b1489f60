"""A minimal valid FY2026 export, built in the test (``ExportBuilder``), imports cleanly and exactly.

Other import tests build their exports with ``ExportBuilder``: every non-null column gets a valid
value (the first code of its list, the day EntryDate uses...), keys point at the one record of
each parent file, and a test states only the values it is about.
"""

import csv
import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from hearth.access.audit import Actor
from hearth.access.models import AuditEvent, HMISUser
from hearth.agencies.models import Organization, Project, ProjectCoC
from hearth.clients.models import Client, ClientSearchKey
from hearth.clients.ssn import full_ssn
from hearth.enrollments.models import Enrollment, Exit
from hearth.hud.generated.columns import COLUMNS, FILES
from hearth.hud.generated.lists import LISTS
from hearth.interchange.importer import ImportResult, import_hmis_csv
from hearth.interchange.models import Export, ImportStatus

pytestmark = pytest.mark.django_db

DAY = "2025-03-01"
TIMESTAMP = "2025-03-01 09:00:00"
KEYS = {
    "ExportID": "E1",
    "UserID": "U1",
    "OrganizationID": "O1",
    "ProjectID": "P1",
    "ResProjectID": "P1",
    "PersonalID": "C1",
    "EnrollmentID": "EN1",
    "HouseholdID": "H1",
    "AssessmentID": "A1",
}
# One record in each of these files unless a test says otherwise.
BASE = {
    "Export.csv": {
        "SourceType": "1",
        "SourceID": "MD-501",
        "SoftwareName": "Test HMIS",
        "CSVVersion": "2026 v1.0",
        "ExportPeriodType": "3",
        "ExportDirective": "2",
        "HashStatus": "1",
        "ImplementationID": "IMPL-1",
    },
    "User.csv": {},
    "Organization.csv": {"OrganizationName": "Harbor Light"},
    "Project.csv": {"ProjectName": "Harbor Light Shelter", "ProjectType": "0", "ContinuumProject": "1"},
    "ProjectCoC.csv": {"ProjectCoCID": "PC1", "CoCCode": "MD-501"},
    "Client.csv": {"FirstName": "Ana", "LastName": "Ruiz"},
    "Enrollment.csv": {"RelationshipToHoH": "1"},
}


def default_value(column: Any) -> str:
    if column.name in KEYS:
        return KEYS[column.name]
    if column.key == "PK":
        return f"{column.file.removesuffix('.csv')}-1"
    if column.nullable:
        return ""
    if column.list and not column.list.startswith("("):
        return str(min(LISTS[column.list].codes, key=str))
    return {"I": "0", "D": DAY, "T": TIMESTAMP, "M": "0.00", "M+": "0.00"}.get(column.type_code, "x")


class ExportBuilder:
    """The files of one export, as text; ``write`` lays them out in a folder, ``zip`` in a zip file."""

    def __init__(self, *, export_id: str = "E1", base: bool = True) -> None:
        self.export_id = export_id
        self.columns = {f.name: [c for c in COLUMNS if c.file == f.name] for f in FILES}
        self.rows: dict[str, list[dict[str, str]]] = {f.name: [] for f in FILES}
        if base:
            for file_name, values in BASE.items():
                self.add(file_name, **values)

    def add(self, file_name: str, **values: str) -> dict[str, str]:
        row = {c.name: default_value(c) for c in self.columns[file_name]}
        row["ExportID"] = self.export_id
        row.update(values)
        self.rows[file_name].append(row)
        return row

    def first(self, file_name: str) -> dict[str, str]:
        return self.rows[file_name][0]

    def header(self, file_name: str) -> list[str]:
        """The spec's columns, or the first row's keys when a test changed them."""
        rows = self.rows[file_name]
        return list(rows[0]) if rows else [c.name for c in self.columns[file_name]]

    def text(self, file_name: str) -> str:
        header = self.header(file_name)
        columns = self.columns[file_name]
        lines = [",".join(header)]
        for row in self.rows[file_name]:
            lines.append(",".join(_quoted(row.get(name, ""), _column(columns, name)) for name in header))
        return "\r\n".join(lines) + "\r\n"

    def write(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        for file_name in self.rows:
            (folder / file_name).write_text(self.text(file_name), encoding="utf-8", newline="")
        return folder

    def zip(self, path: Path) -> Path:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for file_name in self.rows:
                archive.writestr(file_name, self.text(file_name))
        return path


def _column(columns: list[Any], name: str) -> Any:
    return next((c for c in columns if c.name == name), None)


def _quoted(value: str, column: Any) -> str:
    """HUD's style: strings in double quotes (doubled inside), numbers and dates bare."""
    if value == "" or (column is not None and column.type_code != "S"):
        return value
    return '"' + value.replace('"', '""') + '"'


def run_import(source: Path, **options: Any) -> ImportResult:
    return import_hmis_csv(source, actor=Actor.system("test"), **options)


def lines(result: ImportResult) -> list[str]:
    return [str(found) for found in result.issues]


def table_counts() -> dict[str, int]:
    """Rows in every HUD table, deleted or not, and in the tables an import writes besides them."""
    from django.apps import apps

    counts = {f.name: apps.get_model(f.model)._base_manager.count() for f in FILES}
    counts["HashedClientIdentifiers"] = apps.get_model(
        "interchange", "HashedClientIdentifiers"
    ).objects.count()
    return counts


def test_a_minimal_export_imports_with_no_problem_and_exactly_its_values(tmp_path):
    export = ExportBuilder()
    export.first("Client.csv").update(
        SSN="123456789", SSNDataQuality="1", DOB="1990-07-04", DOBDataQuality="1"
    )
    export.add("Exit.csv", ExitID="X1", ExitDate="2025-04-02", Destination="410")

    result = run_import(export.write(tmp_path / "export"))

    assert lines(result) == []
    assert result.run.status == ImportStatus.IMPORTED
    assert result.run.rejecting_count == 0
    assert result.run.warning_count == 0
    assert result.run.export_ids == ["E1"]
    assert result.run.csv_version == "2026"
    assert result.counts["Client.csv"] == {
        "read": 1,
        "inserted": 1,
        "updated": 0,
        "unchanged": 0,
        "deleted": 0,
        "warnings": 0,
    }
    zone = timezone.get_default_timezone()
    client = Client.all_objects.get()
    assert (client.personal_id, client.first_name, client.last_name, client.ssn) == (
        "C1",
        "Ana",
        "Ruiz",
        "xxxxx6789",
    )
    assert full_ssn(client) == "123456789"  # encrypted apart, as every SSN at rest
    assert "s:6789" in set(ClientSearchKey.objects.filter(client=client).values_list("key", flat=True))
    assert client.dob == dt.date(1990, 7, 4)
    assert client.date_created == dt.datetime(2025, 3, 1, 9, 0, 0, tzinfo=zone)
    assert client.user_id == "U1"
    assert client.export_id == "E1"
    enrollment = Enrollment.all_objects.get()
    assert (enrollment.enrollment_id, enrollment.client_id, enrollment.project_id) == ("EN1", "C1", "P1")
    assert (enrollment.entry_date, enrollment.household_id, enrollment.relationship_to_hoh) == (
        dt.date(2025, 3, 1),
        "H1",
        1,
    )
    exit_ = Exit.all_objects.get()
    assert (exit_.exit_id, exit_.exit_date, exit_.destination) == ("X1", dt.date(2025, 4, 2), 410)
    assert list(Project.all_objects.values_list("project_id", "organization_id", "project_type")) == [
        ("P1", "O1", 0)
    ]
    assert list(Organization.all_objects.values_list("organization_id", "organization_name")) == [
        ("O1", "Harbor Light")
    ]
    assert list(ProjectCoC.all_objects.values_list("project_coc_id", "coc_code")) == [("PC1", "MD-501")]
    assert list(HMISUser.all_objects.values_list("user_id", flat=True)) == ["U1"]
    export_row = Export.objects.get()
    assert (export_row.export_id, export_row.hash_status, export_row.implementation_id) == ("E1", 1, "IMPL-1")
    assert AuditEvent.objects.filter(action="import", object_id=str(result.run.pk)).count() == 1


def test_a_zip_imports_the_same_as_a_folder(tmp_path):
    export = ExportBuilder()
    export.add(
        "IncomeBenefits.csv",
        IncomeBenefitsID="IB1",
        IncomeFromAnySource="1",
        Earned="1",
        EarnedAmount="1250.50",
        TotalMonthlyIncome="1250.50",
        DataCollectionStage="1",
    )

    result = run_import(export.zip(tmp_path / "export.zip"))

    assert lines(result) == []
    assert result.run.source_name == "export.zip"
    income = Client.all_objects.get().income_benefits.get()
    assert (income.earned, income.earned_amount, income.total_monthly_income) == (
        1,
        Decimal("1250.50"),
        Decimal("1250.50"),
    )


def test_the_staging_tables_are_gone_after_an_import(tmp_path):
    run_import(ExportBuilder().write(tmp_path / "export"))

    tables = connection.introspection.table_names(include_views=False)
    assert [t for t in tables if t.startswith("hearth_stage_")] == []


def test_the_builder_writes_hud_quoting(tmp_path):
    export = ExportBuilder()
    export.first("Client.csv")["FirstName"] = 'Ana "Nita", Jr'
    folder = export.write(tmp_path / "export")

    with (folder / "Client.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))

    assert rows[1][1] == 'Ana "Nita", Jr'
    assert (folder / "Client.csv").read_bytes().splitlines()[1].startswith(b'"C1","Ana ""Nita"", Jr",')
