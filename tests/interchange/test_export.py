"""HMIS CSV export: the 24 FY2026 files, HUD formats, reporting-period selection, visibility, audit."""

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.test import override_settings

from hearth.access.models import AuditEvent, Membership
from hearth.access.permissions import Role
from hearth.clients import ssn
from hearth.enrollments.models import IncomeBenefits
from hearth.hud.generated.columns import COLUMNS, FILES
from hearth.hud.generated.lists import DataCollectionStage
from hearth.interchange import export as export_module
from hearth.interchange.export import ExportError, export_hmis_csv
from hearth.interchange.hashing import hash_name, sha256_hex
from hearth.interchange.models import Export
from tests import factories
from tests.access import world

pytestmark = pytest.mark.django_db

START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
# 16:30:05 UTC is 11:30:05 in New York in winter (EST) and 12:30:05 in summer (EDT).
WINTER = dt.datetime(2025, 1, 15, 16, 30, 5, tzinfo=dt.UTC)
SUMMER = dt.datetime(2025, 7, 15, 16, 30, 5, tzinfo=dt.UTC)


def account(username: str, organization, role: Role):
    person = factories.AccountFactory(username=username, acting_organization=organization)
    Membership.objects.create(account=person, organization=organization, role=role)
    return person


class CoC:
    """Two agencies; the shelter's clients show every selection rule once."""

    def __init__(self) -> None:
        self.user = factories.HMISUserFactory(user_id="U-CLERK", user_first_name="Ana", user_last_name="Diaz")
        self.idle_user = factories.HMISUserFactory(user_id="U-IDLE")
        self.lead = world.organization("HMIS Lead")
        self.shelter_org = factories.OrganizationFactory(organization_id="ORG-S", user=self.user)
        self.outreach_org = factories.OrganizationFactory(organization_id="ORG-O", user=self.user)
        self.shelter = factories.ProjectFactory(
            project_id="P-SHELTER", organization=self.shelter_org, user=self.user
        )
        self.outreach = factories.ProjectFactory(
            project_id="P-OUTREACH",
            organization=self.outreach_org,
            project_type=4,
            housing_type=None,
            user=self.user,
        )
        factories.FunderFactory(project=self.shelter, funder_id="F1", user=self.user)
        factories.ProjectCoCFactory(project=self.shelter, project_coc_id="PC1", user=self.user)
        factories.InventoryFactory(project=self.shelter, inventory_id="I1", user=self.user)

        self.pat = self.client(
            "C-PAT", first_name='Pat "PJ"', last_name="O'Neil <Jr> [x] {y}", ssn="123456789"
        )
        self.active = self.enroll("E-ACTIVE", self.pat, self.shelter, dt.date(2024, 12, 1))
        factories.ExitFactory(
            exit_id="X-LATE", enrollment=self.active, exit_date=dt.date(2026, 1, 10), user=self.user
        )
        factories.ServicesFactory(
            services_id="S-IN", enrollment=self.active, date_provided=dt.date(2025, 3, 1), user=self.user
        )
        factories.ServicesFactory(
            services_id="S-AFTER", enrollment=self.active, date_provided=dt.date(2026, 1, 2), user=self.user
        )
        IncomeBenefits.objects.create(
            income_benefits_id="IB1",
            enrollment=self.active,
            client=self.pat,
            information_date=dt.date(2024, 12, 1),
            income_from_any_source=1,
            total_monthly_income=Decimal("1234.5"),
            earned=1,
            earned_amount=Decimal("1234.5"),
            data_collection_stage=DataCollectionStage.PROJECT_ENTRY,
            date_created=WINTER,
            date_updated=SUMMER,
            user=self.user,
        )
        self.gone = self.client("C-GONE")
        gone = self.enroll("E-GONE", self.gone, self.shelter, dt.date(2024, 1, 1))
        factories.ExitFactory(
            exit_id="X-GONE", enrollment=gone, exit_date=dt.date(2024, 12, 31), user=self.user
        )
        self.later = self.client("C-LATER")
        self.enroll("E-LATER", self.later, self.shelter, dt.date(2026, 1, 1))
        self.street = self.client("C-STREET")
        self.enroll("E-STREET", self.street, self.outreach, dt.date(2025, 6, 1))

        self.admin = account("lead-admin", self.lead, Role.HMIS_LEAD_ADMIN)
        self.shelter_admin = account("shelter-admin", self.shelter_org, Role.AGENCY_ADMIN)
        self.intake = account("shelter-intake", self.shelter_org, Role.INTAKE)

    def client(self, personal_id: str, ssn_number: str | None = None, **fields):
        number = fields.pop("ssn", ssn_number)
        person = factories.ClientFactory(
            personal_id=personal_id,
            date_created=WINTER,
            date_updated=SUMMER,
            user=self.user,
            ssn=None,
            **fields,
        )
        ssn.store(person, number)
        return person

    def enroll(self, enrollment_id: str, person, project, entry: dt.date):
        return factories.EnrollmentFactory(
            enrollment_id=enrollment_id,
            client=person,
            project=project,
            entry_date=entry,
            household_id=f"H-{enrollment_id}",
            date_created=WINTER,
            date_updated=SUMMER,
            user=self.user,
        )


@pytest.fixture
def coc():
    return CoC()


def read_zip(data: bytes) -> dict[str, list[dict[str, str]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"), newline="")))
            for name in archive.namelist()
        }


def raw_files(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def export_bytes(**kwargs) -> tuple[export_module.ExportResult, bytes]:
    buffer = io.BytesIO()
    kwargs.setdefault("start", START)
    kwargs.setdefault("end", END)
    result = export_hmis_csv(output=buffer, **kwargs)
    return result, buffer.getvalue()


def ids(rows: list[dict[str, str]], column: str) -> list[str]:
    return sorted(r[column] for r in rows)


def test_the_24_files_have_the_fy2026_headers_and_one_export_id(coc):
    result, data = export_bytes(user=coc.admin)
    files = raw_files(data)
    assert list(files) == [f.name for f in FILES]
    for csv_file in FILES:
        header = files[csv_file.name].split("\n", 1)[0]
        assert header == ",".join(c.name for c in COLUMNS if c.file == csv_file.name)
    for name, rows in read_zip(data).items():
        assert {r["ExportID"] for r in rows} <= {result.export_id}, name
    assert result.row_counts == {name: len(rows) for name, rows in read_zip(data).items()}


@override_settings(HEARTH_COC_CODE="XX-501")
def test_export_row_says_who_made_it_and_how(coc):
    result, data = export_bytes(user=coc.admin)
    (row,) = read_zip(data)["Export.csv"]
    record = Export.objects.get(pk=result.export_id)
    assert {k: v for k, v in row.items() if k not in ("ExportDate", "SoftwareVersion")} == {
        "ExportID": result.export_id,
        "SourceType": "1",
        "SourceID": "XX-501",
        "SourceName": "",
        "SourceContactFirst": "",
        "SourceContactLast": "",
        "SourceContactPhone": "",
        "SourceContactExtension": "",
        "SourceContactEmail": "lead-admin@example.org",
        "ExportStartDate": "2025-01-01",
        "ExportEndDate": "2025-12-31",
        "SoftwareName": "Hearth",
        "CSVVersion": "2026 v1.0",
        "ExportPeriodType": "3",
        "ExportDirective": "2",
        "HashStatus": "1",
        "ImplementationID": "Hearth XX-501",
    }
    local = record.export_date.astimezone(dt.timezone(dt.timedelta(0))).astimezone(export_module.local_zone())
    assert row["ExportDate"] == local.strftime("%Y-%m-%d %H:%M:%S")


def test_reporting_period_selects_active_enrollments_and_their_dated_records(coc):
    _result, data = export_bytes(user=coc.admin)
    files = read_zip(data)
    assert ids(files["Enrollment.csv"], "EnrollmentID") == ["E-ACTIVE", "E-STREET"]
    assert ids(files["Client.csv"], "PersonalID") == ["C-PAT", "C-STREET"]
    assert files["Exit.csv"] == []  # the exit falls after the period
    assert ids(files["Services.csv"], "ServicesID") == ["S-IN"]
    assert ids(files["IncomeBenefits.csv"], "IncomeBenefitsID") == ["IB1"]
    assert ids(files["Project.csv"], "ProjectID") == ["P-OUTREACH", "P-SHELTER"]
    # Organizations of the exported projects only: the HMIS Lead runs no project here.
    assert ids(files["Organization.csv"], "OrganizationID") == ["ORG-O", "ORG-S"]
    assert ids(files["Funder.csv"], "FunderID") == ["F1"]
    assert ids(files["User.csv"], "UserID") == ["U-CLERK"]  # not U-IDLE, who entered nothing exported


def test_a_period_that_holds_every_enrollment_selects_by_date_alone(coc):
    _result, data = export_bytes(user=coc.admin, start=dt.date(2024, 1, 1), end=dt.date(2026, 1, 5))
    files = read_zip(data)
    assert ids(files["Enrollment.csv"], "EnrollmentID") == ["E-ACTIVE", "E-GONE", "E-LATER", "E-STREET"]
    assert ids(files["Exit.csv"], "ExitID") == ["X-GONE"]  # X-LATE is dated 2026-01-10
    assert ids(files["Services.csv"], "ServicesID") == ["S-AFTER", "S-IN"]
    assert ids(files["Client.csv"], "PersonalID") == ["C-GONE", "C-LATER", "C-PAT", "C-STREET"]


def test_values_are_written_in_hud_formats(coc):
    result, data = export_bytes(user=coc.admin)
    lines = raw_files(data)
    client_line = next(x for x in lines["Client.csv"].splitlines() if x.startswith('"C-PAT"'))
    pat = coc.pat
    names = ['"C-PAT"', '"Pat ""PJ"""', "", '"O\'Neil Jr x y"', ""]
    quality_and_ssn = ["1", '"123456789"', "1", pat.dob.isoformat(), "1"]
    sex_race_veteran = ["0", "0", "0", "1", "0", "0", "0", "0", "", "", "0"] + [""] * 12
    metadata = ["2025-01-15 11:30:05", "2025-07-15 12:30:05", '"U-CLERK"', "", f'"{result.export_id}"']
    assert client_line == ",".join(names + quality_and_ssn + sex_race_veteran + metadata)
    income = read_zip(data)["IncomeBenefits.csv"][0]
    assert (income["TotalMonthlyIncome"], income["EarnedAmount"], income["UnemploymentAmount"]) == (
        "1234.50",
        "1234.50",
        "",
    )
    assert (income["InformationDate"], income["DateCreated"]) == ("2024-12-01", "2025-01-15 11:30:05")


def test_hashed_export_hashes_names_and_ssn(coc):
    _result, data = export_bytes(user=coc.admin, hashed=True)
    files = read_zip(data)
    pat = next(r for r in files["Client.csv"] if r["PersonalID"] == "C-PAT")
    assert files["Export.csv"][0]["HashStatus"] == "4"
    assert pat["FirstName"] == sha256_hex("P312") == hash_name('Pat "PJ"')
    assert pat["LastName"] == sha256_hex("O542")  # O'Neil <Jr> [x] {y}: O, N, L, J
    assert pat["MiddleName"] == ""
    assert pat["SSN"] == "6789" + sha256_hex("123456789")


def test_agency_admin_exports_only_what_the_agency_may_see(coc):
    _result, data = export_bytes(user=coc.shelter_admin)
    files = read_zip(data)
    assert ids(files["Enrollment.csv"], "EnrollmentID") == ["E-ACTIVE"]
    assert ids(files["Client.csv"], "PersonalID") == ["C-PAT"]
    assert next(r for r in files["Client.csv"])["SSN"] == "123456789"  # agency admins may reveal SSNs


def test_project_filter_limits_enrollments_and_descriptors(coc):
    result, data = export_bytes(user=coc.admin, project_ids=["P-OUTREACH"])
    files = read_zip(data)
    assert ids(files["Enrollment.csv"], "EnrollmentID") == ["E-STREET"]
    assert ids(files["Project.csv"], "ProjectID") == ["P-OUTREACH"]
    assert ids(files["Organization.csv"], "OrganizationID") == ["ORG-O"]
    assert files["Funder.csv"] == []
    assert result.project_ids == ("P-OUTREACH",)


def test_export_is_recorded_and_audited(coc):
    result, _data = export_bytes(user=coc.admin, project_ids=["P-SHELTER"], hashed=True)
    event = AuditEvent.objects.get(action="export")
    assert (event.username, event.object_type, event.object_id) == (
        "lead-admin",
        "interchange.Export",
        result.export_id,
    )
    assert event.detail == {
        "period": ["2025-01-01", "2025-12-31"],
        "period_type": 3,
        "directive": 2,
        "projects": ["P-SHELTER"],
        "hashed": True,
        "counts": result.row_counts,
    }
    assert result.row_counts["Enrollment.csv"] == 1
    assert Export.objects.filter(pk=result.export_id, hash_status=4).count() == 1


def test_user_without_the_export_permission_gets_nothing(coc, tmp_path):
    target = tmp_path / "export.zip"
    with pytest.raises(PermissionDenied, match="Export HMIS CSV permission"):
        export_hmis_csv(user=coc.intake, start=START, end=END, output=target)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []
    assert Export.objects.count() == 0
    assert AuditEvent.objects.filter(action="export").count() == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start": END, "end": START}, "The period starts (2025-12-31) after it ends (2025-01-01)."),
        ({"project_ids": ["P-NOPE", "P-SHELTER"]}, "No project with ProjectID P-NOPE."),
        ({"project_ids": []}, "No project was chosen"),
        ({"period_type": 1}, "ExportPeriodType 1 is not supported"),
        ({"directive": 7}, "ExportDirective 7 is not in HUD list 1.2"),
    ],
)
def test_bad_requests_are_refused_with_a_message(coc, changes, message):
    arguments = {"user": coc.admin, "start": START, "end": END, "output": io.BytesIO(), **changes}
    with pytest.raises(ExportError) as refused:
        export_hmis_csv(**arguments)
    assert str(refused.value).startswith(message)
    assert Export.objects.count() == 0


def test_command_writes_the_zip(coc, tmp_path):
    target = tmp_path / "hmis.zip"
    out = io.StringIO()
    call_command(
        "export_csv",
        "--user",
        "lead-admin",
        "--start",
        "2025-01-01",
        "--end",
        "2025-12-31",
        "--hashed",
        "--project",
        "P-SHELTER",
        "--output",
        str(target),
        stdout=out,
    )
    files = read_zip(target.read_bytes())
    assert ids(files["Enrollment.csv"], "EnrollmentID") == ["E-ACTIVE"]
    assert files["Export.csv"][0]["HashStatus"] == "4"
    assert "  Enrollment.csv: 1 rows" in out.getvalue()
    assert [p.name for p in tmp_path.iterdir()] == ["hmis.zip"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--start", "2025-13-01"], "'2025-13-01' is not a date in the form YYYY-MM-DD."),
        (["--user", "nobody"], "No active account named 'nobody'."),
        (["--output", "/no/such/folder/x.zip"], "The folder '/no/such/folder' does not exist."),
        (["--output", "x.csv"], "The output must be a .zip file, not 'x.csv'."),
        (["--user", "shelter-intake"], "Exporting HMIS CSV needs the Export HMIS CSV permission"),
    ],
)
def test_command_refuses_bad_arguments_with_a_message(coc, tmp_path, arguments, message):
    base = {
        "--user": "lead-admin",
        "--start": "2025-01-01",
        "--end": "2025-12-31",
        "--output": str(tmp_path / "a.zip"),
    }
    base.update(dict(zip(arguments[::2], arguments[1::2], strict=True)))
    with pytest.raises(CommandError) as refused:
        call_command("export_csv", *[x for pair in base.items() for x in pair])
    assert str(refused.value).startswith(message)


@pytest.mark.parametrize("hashed", [False, True], ids=["unhashed", "hashed"])
@pytest.mark.parametrize("who", ["admin", "shelter_admin"])
def test_copy_and_python_paths_write_the_same_bytes(coc, monkeypatch, hashed, who):
    user = getattr(coc, who)
    first, by_default = export_bytes(user=user, hashed=hashed)
    monkeypatch.setattr(export_module, "use_copy", lambda: False)
    second, by_python = export_bytes(user=user, hashed=hashed)
    default_files, python_files = raw_files(by_default), raw_files(by_python)
    for csv_file in FILES:
        if csv_file.name == "Export.csv":
            continue
        from_python = python_files[csv_file.name].replace(second.export_id, first.export_id)
        # Rows come in no particular order; the header comes first.
        default_lines, python_lines = default_files[csv_file.name].split("\n"), from_python.split("\n")
        assert default_lines[0] == python_lines[0]
        assert sorted(default_lines[1:]) == sorted(python_lines[1:]), csv_file.name


class FullDisk(io.RawIOBase):
    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        raise OSError(28, "No space left on device")


def test_a_failed_write_records_and_audits_nothing(coc, tmp_path):
    with pytest.raises(OSError, match="No space left on device"):
        export_hmis_csv(user=coc.admin, start=START, end=END, output=FullDisk())
    assert Export.objects.count() == 0
    assert AuditEvent.objects.filter(action="export").count() == 0


def test_an_ssn_that_cannot_be_decrypted_stops_the_export_with_its_own_message(coc, monkeypatch):
    from hearth.clients import models as client_models

    client_models.SocialSecurityNumber.objects.filter(client=coc.pat).update(ciphertext="not-a-fernet-token")
    with pytest.raises(ssn.SSNError, match="cannot be decrypted with the configured keys"):
        export_hmis_csv(user=coc.admin, start=START, end=END, output=io.BytesIO())
    assert Export.objects.count() == 0
