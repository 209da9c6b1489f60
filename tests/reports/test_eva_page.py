"""HUD Eva's data-quality checks from a page: on Hearth's data or an upload before import.

Given the Harbor shelter of test_dq_eva (a client without a date of birth, one who refused the
SSN, an exit before its entry, two heads of one household), the page shows Eva's issues with
HUD's guidance, by project, and by client only for the clients the viewer may see.
"""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from hearth.access.models import AuditEvent
from hearth.access.permissions import Role
from hearth.reports.dq.eva_checks import eva_checks
from tests.access import world
from tests.reports.test_dq_eva import END, START, TestHearthsOwnData

pytestmark = pytest.mark.django_db
MISSING_DOB = 34


@pytest.fixture
def shelter():
    return TestHearthsOwnData.shelter.__wrapped__(None)


def check_form(**changes: object) -> dict[str, object]:
    return {"source": "database", "start": START.isoformat(), "end": END.isoformat(), **changes}


def test_the_lead_checks_hearths_data(shelter):
    lead = world.account("lee", world.organization("City"), Role.HMIS_LEAD_ADMIN)
    browser = world.browser(lead)

    response = browser.post("/reports/data-quality/", check_form())

    body = response.content.decode()
    assert response.status_code == 200
    missing_dob = eva_checks()[MISSING_DOB]
    assert f'<th scope="row">{escape(missing_dob.issue)}</th>' in body
    assert escape(missing_dob.guidance) in body
    assert f"Harbor ({shelter['project'].pk})" in body
    for pid in (shelter["no_dob"], shelter["refused_ssn"], shelter["left_early"], *shelter["heads"]):
        assert f">{pid}</th>" in body
    event = AuditEvent.objects.get(object_id="eva-checks")
    assert shelter["no_dob"] in event.detail["personal_ids"]


def test_another_agency_sees_no_client_of_the_shelter(shelter):
    # An agency administrator elsewhere: its own projects (none here) and none of Harbor's clients
    admin = world.account("ola", world.organization("Open Door"), Role.AGENCY_ADMIN)
    browser = world.browser(admin)

    form = browser.get("/reports/data-quality/").content.decode()
    response = browser.post("/reports/data-quality/", check_form(projects=[shelter["project"].pk]))
    everything = browser.post("/reports/data-quality/", check_form()).content.decode()

    assert shelter["project"].pk not in form
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    for pid in (shelter["no_dob"], shelter["refused_ssn"], *shelter["heads"]):
        assert pid not in everything
    assert "Harbor" not in everything


def test_the_shelters_administrator_sees_its_clients_and_its_case_manager_the_counts(shelter):
    # Findings by client are a drill-down: drill_down (agency administrator), not run_reports alone
    organization = shelter["project"].organization
    admin = world.account("ada", organization, Role.AGENCY_ADMIN)
    staff = world.account("casey", organization, Role.CASE_MANAGER)

    by_admin = world.browser(admin).post("/reports/data-quality/", check_form()).content.decode()
    by_staff = world.browser(staff).post("/reports/data-quality/", check_form()).content.decode()

    assert f">{shelter['no_dob']}</th>" in by_admin
    assert f"Harbor ({shelter['project'].pk})" in by_admin
    assert f"Harbor ({shelter['project'].pk})" in by_staff
    assert shelter["no_dob"] not in by_staff


def test_an_upload_gets_the_file_structure_checks_first(shelter, tmp_path):
    from hearth.interchange.export import export_hmis_csv

    lead = world.account("lee", world.organization("City"), Role.HMIS_LEAD_ADMIN)
    path = tmp_path / "upload.zip"
    export_hmis_csv(user=lead, start=START, end=END, output=path)
    broken = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            if name != "Enrollment.csv":
                target.writestr(name, source.read(name))
    browser = world.browser(lead)

    whole = browser.post(
        "/reports/data-quality/",
        check_form(source="upload", export=SimpleUploadedFile("upload.zip", path.read_bytes())),
    ).content.decode()
    missing_file = browser.post(
        "/reports/data-quality/",
        check_form(source="upload", export=SimpleUploadedFile("broken.zip", broken.getvalue())),
    ).content.decode()

    assert f'<th scope="row">{escape(eva_checks()[MISSING_DOB].issue)}</th>' in whole
    assert 'id="eva-structure"' not in whole
    assert 'id="eva-structure"' in missing_file
    assert "High Priority" in missing_file
    assert "fix them before the data checks can run" in missing_file


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end": "2025-01-01"}, "The period ends before it starts."),
        ({"start": ""}, "This field is required."),
        ({"source": "upload"}, "Choose the export&#x27;s .zip file, or check Hearth&#x27;s own data."),
        (
            {"source": "upload", "export": SimpleUploadedFile("x.zip", b"not a zip")},
            "x.zip is neither a folder of HMIS CSV files nor a zip of them.",
        ),
        (
            {"source": "upload", "export": SimpleUploadedFile("x.csv", b"a,b")},
            "Upload a .zip file holding the export&#x27;s CSV files.",
        ),
    ],
)
def test_bad_input_gets_a_form_error(changes, message):
    lead = world.account("lee", world.organization("City"), Role.HMIS_LEAD_ADMIN)

    response = world.browser(lead).post("/reports/data-quality/", check_form(**changes))

    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize("role", [Role.INTAKE, Role.AUDITOR])
def test_without_a_reporting_role_the_page_does_not_exist(role):
    browser = world.browser(world.account("ira", world.organization("Shelter"), role))

    assert browser.get("/reports/data-quality/").status_code == 404
    assert browser.post("/reports/data-quality/", check_form()).status_code == 404
    assert not AuditEvent.objects.filter(object_id="eva-checks").exists()
