"""HUD Eva's data-quality checks (EvaChecks.csv sources "dq" and "pdde") on any dataset.

Hearth's own data, an upload before import (file structure first, through
hearth.interchange.eva) and a folder of older CSV exports (upgraded to FY2026 first) all give
findings with Eva's name, severity and guidance text, grouped by project and by client.
"""

import datetime
import zipfile
from pathlib import Path

import pytest
from django.conf import settings

from hearth.access.models import AuditEvent
from hearth.access.permissions import Role
from hearth.hud.generated.lists import DOBDataQuality, ProjectType, RelationshipToHoH, SSNDataQuality
from hearth.reports.dq.eva_checks import EvaSettings, check_database, check_export, eva_checks
from hearth.reports.hmis_programming.parameters import ParameterError
from tests.access import world
from tests.factories import ClientFactory, EnrollmentFactory, ExitFactory, ProjectCoCFactory, ProjectFactory

KIT = Path(__file__).resolve().parents[2] / ".." / "shared" / "kits" / "apr-datalab-fy2022"
KIT_EXPORTS = KIT / "input_hmis_csv_by_project"
KIT_START, KIT_END = datetime.date(2020, 10, 1), datetime.date(2021, 9, 30)
START, END = datetime.date(2025, 10, 1), datetime.date(2026, 9, 30)


@pytest.fixture(scope="module")
def kit_checks():
    return check_export([KIT_EXPORTS], start=KIT_START, end=KIT_END)


def _found(result, check_id: int) -> list[tuple[str, str]]:
    return sorted((f.project_id, f.personal_id) for f in result.findings if f.check.check_id == check_id)


def test_every_finding_carries_evas_issue_severity_and_guidance(kit_checks):
    reference = eva_checks()
    assert kit_checks.analysed
    assert len(kit_checks.findings) > 100
    for finding in kit_checks.findings:
        row = reference[finding.check.check_id]
        assert finding.check.source in ("dq", "pdde")
        assert (finding.check.issue, finding.severity, finding.check.guidance) == (
            row.issue,
            row.severity,
            row.guidance,
        )
        assert finding.check.guidance
    assert "Missing DOB" in kit_checks.guidance()
    assert kit_checks.summary()[0][0] == "Error"  # no High Priority data issue; errors come first


def test_older_exports_are_checked_after_their_upgrade(kit_checks):
    assert len(kit_checks.notes) == 10
    assert all("an FY2022 export, checked after its upgrade to FY2026" in note for note in kit_checks.notes)
    assert kit_checks.structure == []
    assert kit_checks.as_of == datetime.date(2021, 10, 27)  # the exports' ExportDate


def test_known_problems_of_the_kit_are_found(kit_checks):
    # Client 76808 has no date of birth (DOB Data Quality 99) in each of the ten projects.
    missing_dob = _found(kit_checks, 34)
    assert len(missing_dob) == 10
    assert {person for _, person in missing_dob} == {"76808"}
    # A household whose oldest member is a child of five, in every project.
    assert ("942", "76772") in _found(kit_checks, 86)
    # RRH 2: a move-in date before the project start; a household waiting 940 days to move in.
    assert _found(kit_checks, 40) == [("957", "76801")]
    assert _found(kit_checks, 72) == [("957", "76812")]
    # The ES night-by-night shelter records bed nights from the report start only.
    assert ("882", "76773") in _found(kit_checks, 107)
    # Project-level: the shelter's inventory says scattered-site beds in a site-based project.
    assert _found(kit_checks, 135) == [("882", "")]


def test_findings_by_project_and_by_client(kit_checks):
    projects = kit_checks.by_project()
    assert {p.project_id for p in projects} == {
        "1009",
        "239",
        "240",
        "242",
        "441",
        "807",
        "808",
        "882",
        "942",
        "957",
    }
    coordinated_entry = next(p for p in projects if p.project_id == "942")
    assert coordinated_entry.project_name == "DataLab - Coordinated Entry"
    assert coordinated_entry.errors + coordinated_entry.warnings == sum(coordinated_entry.issues.values())
    clients = kit_checks.by_client()
    assert {f.check.issue for f in clients["76808"]} >= {"Missing DOB"}
    assert all(f.personal_id == pid for pid, found in clients.items() for f in found)
    rows = kit_checks.as_csv().splitlines()
    assert rows[0].startswith("Type,Issue,CheckID,DataElement,ProjectID")
    assert len(rows) == 1 + len(kit_checks.findings)


def test_checks_can_be_limited_to_projects_and_local_settings(kit_checks):
    one = check_export([KIT_EXPORTS], start=KIT_START, end=KIT_END, project_ids=["942"])
    assert {f.project_id for f in one.findings} == {"942"}
    assert _found(one, 34) == [("942", "76808")]
    relaxed = check_export(
        [KIT_EXPORTS],
        start=KIT_START,
        end=KIT_END,
        project_ids=["942"],
        settings=EvaSettings(coordinated_entry_days=3650),
    )
    assert _found(one, 103)
    assert not _found(relaxed, 103)
    with pytest.raises(ParameterError, match="No project 999"):
        check_export([KIT_EXPORTS], start=KIT_START, end=KIT_END, project_ids=["999"])


def test_an_export_with_high_priority_structure_issues_is_not_analysed(tmp_path):
    """HUD's FY2026 LSA sample holds 24 Export rows: Eva stops at the upload checks."""
    sample = Path(settings.HUD_SPEC_DIR).parent / "kits" / "lsa-fy2026-sample" / "input_hmis_csv"
    result = check_export([sample], start=START, end=END)
    assert not result.analysed
    assert result.findings == []
    assert [(i.check_id, i.severity) for i in result.structure] == [(140, "High Priority")]
    assert "fix them before the data checks can run" in result.notes[-1]


@pytest.mark.django_db
class TestHearthsOwnData:
    @pytest.fixture
    def shelter(self):
        project = ProjectFactory(project_type=ProjectType.EMERGENCY_SHELTER_ENTRY_EXIT, project_name="Harbor")
        ProjectCoCFactory(project=project)
        no_dob = ClientFactory(dob=None, dob_data_quality=DOBDataQuality.DATA_NOT_COLLECTED)
        refused_ssn = ClientFactory(ssn=None, ssn_data_quality=SSNDataQuality.CLIENT_PREFERS_NOT_TO_ANSWER)
        left_early = ClientFactory()
        first, second = ClientFactory(), ClientFactory()
        EnrollmentFactory(client=no_dob, project=project, entry_date=datetime.date(2026, 2, 1))
        EnrollmentFactory(client=refused_ssn, project=project, entry_date=datetime.date(2026, 2, 1))
        early = EnrollmentFactory(client=left_early, project=project, entry_date=datetime.date(2026, 3, 10))
        ExitFactory(enrollment=early, exit_date=datetime.date(2026, 3, 1))
        for client in (first, second):  # two heads of one household
            EnrollmentFactory(
                client=client,
                project=project,
                household_id="two-heads",
                relationship_to_hoh=RelationshipToHoH.SELF_HEAD_OF_HOUSEHOLD,
                entry_date=datetime.date(2026, 4, 1),
            )
        return {
            "project": project,
            "no_dob": no_dob.pk,
            "refused_ssn": refused_ssn.pk,
            "left_early": left_early.pk,
            "heads": sorted([first.pk, second.pk]),
        }

    def test_hearths_data_is_checked(self, shelter):
        result = check_database(start=START, end=END, as_of=datetime.date(2026, 10, 15))
        project = shelter["project"].pk
        assert _found(result, 34) == [(project, shelter["no_dob"])]
        assert _found(result, 67) == [(project, shelter["refused_ssn"])]
        assert _found(result, 99) == [(project, shelter["left_early"])]
        assert _found(result, 3) == [(project, pid) for pid in shelter["heads"]]
        assert result.by_project()[0].project_name == "Harbor"
        assert result.as_of == datetime.date(2026, 10, 15)

    def test_findings_by_client_go_through_the_access_policy(self, shelter):
        result = check_database(start=START, end=END, project_ids=[shelter["project"].pk])
        lead = world.account("lead", world.organization("City"), Role.HMIS_LEAD_ADMIN)
        other_admin = world.account("other-admin", world.organization("Other agency"), Role.AGENCY_ADMIN)
        everyone = set(result.by_client())
        assert shelter["no_dob"] in everyone
        assert set(result.by_client(user=lead)) == everyone
        assert result.by_client(user=other_admin) == {}
        events = AuditEvent.objects.filter(action="drill_down", object_id="eva-checks").order_by("id")
        assert [(e.username, e.detail["clients"]) for e in events] == [
            ("lead", len(everyone)),
            ("other-admin", 0),
        ]

    def test_an_upload_before_import_gets_the_file_structure_checks_first(self, shelter, tmp_path):
        from hearth.interchange.export import export_hmis_csv

        lead = world.account("lead", world.organization("City"), Role.HMIS_LEAD_ADMIN)
        upload = tmp_path / "upload.zip"
        export_hmis_csv(user=lead, start=START, end=END, output=upload)
        result = check_export([upload], start=START, end=END)
        assert result.analysed
        assert result.structure == []
        assert result.notes == []
        assert _found(result, 34) == [(shelter["project"].pk, shelter["no_dob"])]

        broken = tmp_path / "broken.zip"
        with zipfile.ZipFile(upload) as source, zipfile.ZipFile(broken, "w") as target:
            for name in source.namelist():
                if name != "Enrollment.csv":
                    target.writestr(name, source.read(name))
        result = check_export([broken], start=START, end=END)
        assert not result.analysed
        assert [i.check_id for i in result.structure] == [125]  # a file is missing


def test_the_command_prints_by_project_and_writes_every_finding(tmp_path, capsys):
    from django.core.management import call_command

    output = tmp_path / "findings.csv"
    call_command(
        "dq_check",
        "--csv",
        str(KIT_EXPORTS),
        "--start",
        "2020-10-01",
        "--end",
        "2021-09-30",
        "--output",
        str(output),
    )
    printed = capsys.readouterr().out
    assert "By project:" in printed
    assert "882 DataLab - Emergency Shelter NBN" in printed
    assert output.read_text(encoding="utf-8").splitlines()[0].endswith(",Detail,Guidance")


def test_the_command_ends_bad_input_with_a_message(tmp_path):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="the path does not exist"):
        call_command(
            "dq_check", "--csv", str(tmp_path / "nowhere"), "--start", "2020-10-01", "--end", "2021-09-30"
        )
    with pytest.raises(CommandError, match="is not a date"):
        call_command("dq_check", "--csv", str(KIT_EXPORTS), "--start", "2020-13-01", "--end", "2021-09-30")
    with pytest.raises(CommandError, match="starts 2021-09-30, after it ends"):
        call_command("dq_check", "--csv", str(KIT_EXPORTS), "--start", "2021-09-30", "--end", "2020-10-01")
