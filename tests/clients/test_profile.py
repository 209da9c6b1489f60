"""The client profile: universal data elements, SSN reveal, consent, enrollments, notes, documents;
the new-client page that shows likely duplicates before saving."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from hearth.access.models import AuditEvent, ClientOrigin
from hearth.access.permissions import Role
from hearth.clients import ssn
from hearth.clients.models import CaseNote, Client, ClientDocument
from tests.access import world
from tests.clients.test_search import DOB, person

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield


@pytest.fixture
def shelter():
    return world.organization("Shelter")


@pytest.fixture
def casey(shelter):
    return world.account("casey", shelter, Role.CASE_MANAGER)


@pytest.fixture
def browser(casey):
    return world.browser(casey)


@pytest.fixture
def alex(shelter):
    client = person("Alexandra", "Reyes", dob=DOB, ssn="6789", agency=shelter)
    ssn.store(client, "123456789")
    Client.objects.filter(pk=client.pk).update(
        name_data_quality=1, ssn_data_quality=1, dob_data_quality=1, sex=0, veteran_status=0
    )
    return Client.objects.get(pk=client.pk)


def test_profile_shows_the_universal_data_elements_with_their_quality(browser, alex, shelter):
    world.enrollment(alex, world.project(shelter), entry=datetime.date(2025, 2, 1))
    body = browser.get(f"/clients/{alex.pk}/").content.decode()
    assert "<h1>Alexandra  Reyes </h1>" in body
    assert "Full name reported" in body
    assert "***-**-6789" in body
    assert "123-45-6789" not in body
    assert "Full SSN reported" in body
    assert "1985-03-12" in body
    assert "Full DOB reported" in body
    assert "Reveal full SSN" in body
    assert "No consent to share: only agencies that serve the client see the record." in body
    assert f'href="/clients/{alex.pk}/consent/"' in body
    assert f'href="/clients/{alex.pk}/access-history/"' in body
    assert "2025-02-01" in body
    assert "Still enrolled" in body
    events = AuditEvent.objects.filter(personal_id=alex.pk, action="view")
    assert list(events.values_list("detail", flat=True)) == [{"purpose": "profile"}]


def test_reveal_shows_the_full_ssn_once_and_is_audited(browser, alex):
    response = browser.post(f"/clients/{alex.pk}/reveal-ssn/")
    assert "<strong>123-45-6789</strong>" in response.content.decode()
    partial = browser.post(f"/clients/{alex.pk}/reveal-ssn/", headers={"HX-Request": "true"})
    assert partial.content.decode().startswith('<span id="ssn-value"><strong>123-45-6789</strong>')
    assert AuditEvent.objects.filter(personal_id=alex.pk, action="reveal_ssn").count() == 2


def test_intake_cannot_reveal(shelter, alex):
    intake = world.browser(world.account("ivy", shelter, Role.INTAKE))
    assert "Reveal full SSN" not in intake.get(f"/clients/{alex.pk}/").content.decode()
    assert intake.post(f"/clients/{alex.pk}/reveal-ssn/").status_code == 404
    assert not AuditEvent.objects.filter(action="reveal_ssn").exists()


def test_enrollments_only_as_far_as_the_viewer_may_see(alex, shelter, casey):
    clinic = world.organization("Clinic")
    world.enrollment(alex, world.project(shelter), entry=datetime.date(2025, 2, 1))
    world.enrollment(alex, world.project(clinic), entry=datetime.date(2025, 5, 1))
    dana = world.account("dana", clinic, Role.CASE_MANAGER)
    world.consent(alex, by=casey, scope="coc", shares="profile", signed_on=timezone.localdate())
    body = world.browser(dana).get(f"/clients/{alex.pk}/").content.decode()
    assert "2025-05-01" in body
    assert "2025-02-01" not in body
    assert "Sharing: All CoC partner agencies, Basic profile, for finding duplicates only." in body


def test_case_notes_are_added_audited_and_kept_to_the_agency(browser, alex, casey):
    response = browser.post(f"/clients/{alex.pk}/notes/", {"text": "Met at the day center; wants ID help."})
    assert response.status_code == 302
    note = CaseNote.objects.get()
    assert (note.client_id, note.text, note.written_by, note.written_as_id) == (
        alex.pk,
        "Met at the day center; wants ID help.",
        casey,
        casey.acting_organization_id,
    )
    assert "Met at the day center; wants ID help." in browser.get(f"/clients/{alex.pk}/").content.decode()
    event = AuditEvent.objects.get(action="create", object_type="clients.CaseNote")
    assert (event.personal_id, event.detail) == (alex.pk, {"fields": {"text": [None, "37 characters"]}})
    lead = world.browser(world.account("lee", world.organization("City"), Role.HMIS_LEAD_ADMIN))
    assert "Met at the day center" in lead.get(f"/clients/{alex.pk}/").content.decode()
    clinic = world.organization("Clinic")
    world.consent(alex, by=casey, scope="coc", signed_on=timezone.localdate())
    other = world.browser(world.account("dana", clinic, Role.CASE_MANAGER))
    assert "Met at the day center" not in other.get(f"/clients/{alex.pk}/").content.decode()


def test_an_empty_note_is_refused_with_a_message(browser, alex):
    response = browser.post(f"/clients/{alex.pk}/notes/", {"text": "   "})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not CaseNote.objects.exists()


def test_documents_upload_and_download_audited(browser, alex, tmp_path):
    upload = SimpleUploadedFile("state id.pdf", PDF, content_type="application/pdf")
    response = browser.post(f"/clients/{alex.pk}/documents/", {"title": "State ID", "file": upload})
    assert response.status_code == 302
    document = ClientDocument.objects.get()
    assert (document.title, document.file_name, document.content_type, document.size) == (
        "State ID",
        "state id.pdf",
        "application/pdf",
        len(PDF),
    )
    assert document.file.name.startswith("client-documents/")
    assert (tmp_path / "media" / document.file.name).read_bytes() == PDF
    download = browser.get(f"/clients/{alex.pk}/documents/{document.pk}/")
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"] == f'attachment; filename="document-{document.pk}.pdf"'
    assert list(
        AuditEvent.objects.filter(object_type="clients.ClientDocument").values_list("action", flat=True)
    ) == ["create", "view"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"just text", "Upload a PDF, PNG or JPEG file."),
        ("empty.pdf", b"", "The submitted file is empty."),
    ],
)
def test_bad_documents_are_refused_with_a_message(browser, alex, name, content, message):
    upload = SimpleUploadedFile(name, content)
    response = browser.post(f"/clients/{alex.pk}/documents/", {"title": "Something", "file": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ClientDocument.objects.exists()


def test_another_agencys_document_is_not_found(alex, casey, browser):
    browser.post(
        f"/clients/{alex.pk}/documents/",
        {"title": "State ID", "file": SimpleUploadedFile("id.pdf", PDF)},
    )
    document = ClientDocument.objects.get()
    clinic = world.organization("Clinic")
    world.consent(alex, by=casey, scope="coc", signed_on=timezone.localdate())
    other = world.browser(world.account("dana", clinic, Role.CASE_MANAGER))
    assert other.get(f"/clients/{alex.pk}/documents/{document.pk}/").status_code == 404


@pytest.mark.parametrize("count", [1, 5])
def test_profile_runs_a_fixed_number_of_queries(
    browser, alex, shelter, casey, django_assert_num_queries, count
):
    for n in range(count):
        world.enrollment(
            alex, world.project(shelter), entry=datetime.date(2025, 1, 1) + datetime.timedelta(days=n)
        )
        CaseNote.objects.create(client=alex, text=f"note {n}", written_by=casey, written_as=shelter)
        ClientDocument.objects.create(
            client=alex,
            title=f"doc {n}",
            file="client-documents/x.pdf",
            file_name="x.pdf",
            content_type="application/pdf",
            size=1,
            uploaded_by=casey,
            uploaded_as=shelter,
        )
    browser.get(f"/clients/{alex.pk}/")
    # session, account, second-factor check, role; the client; audit entry (savepoint, chain head,
    # insert, update, release); consents; enrollments with projects, agencies and exit dates; the
    # agency acted as and its list (layout); notes; documents; session save (savepoint, update, release)
    with django_assert_num_queries(19):
        response = browser.get(f"/clients/{alex.pk}/")
    assert response.content.decode().count("<article") == count


# -- the new-client page ---------------------------------------------------------------------------

FORM = {
    "first_name": "Bill",
    "last_name": "Smith",
    "name_data_quality": "1",
    "ssn": "123-45-6789",
    "ssn_data_quality": "1",
    "dob": "1985-03-12",
    "dob_data_quality": "1",
    "sex": "1",
    "white": "on",
    "veteran_status": "0",
}


def test_create_shows_likely_duplicates_first_then_creates_when_confirmed(browser, shelter):
    william = person("William", "Smith", dob=DOB, agency=shelter)
    first = browser.post("/clients/new/", FORM)
    body = first.content.decode()
    assert first.status_code == 200
    assert "This person may already have a record" in body
    assert f'href="/clients/{william.pk}/"' in body
    assert "nickname Bill = William" in body
    assert Client.objects.count() == 1
    confirmed = browser.post("/clients/new/", {**FORM, "checked": "Bill Smith 1985-03-12 6789"})
    created = Client.objects.exclude(pk=william.pk).get()
    assert confirmed["Location"] == f"/clients/{created.pk}/"
    assert (created.first_name, created.last_name, created.dob, created.ssn) == (
        "Bill",
        "Smith",
        DOB,
        "xxxxx6789",
    )
    assert ssn.full_ssn(created) == "123456789"
    assert ClientOrigin.objects.filter(client=created, organization=shelter).exists()


def test_create_without_duplicates_saves_at_once(browser):
    response = browser.post("/clients/new/", FORM)
    client = Client.objects.get()
    assert response["Location"] == f"/clients/{client.pk}/"


def test_create_prefills_from_the_search(browser):
    body = browser.get("/clients/new/", {"q": "García López, María 3/12/1985"}).content.decode()
    assert 'name="first_name" value="María"' in body
    assert 'name="last_name" value="García López"' in body
    assert 'value="1985-03-12"' in body


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"last_name": ""}, "A full name needs a first and a last name; otherwise choose partial name."),
        ({"ssn": "12345"}, "An SSN has nine digits (write x for a digit the client does not know)."),
        ({"ssn": "000-12-3456"}, "***-**-3456 is not a valid SSN: check the first five digits."),
        ({"dob": "2999-01-01"}, "The date of birth cannot be in the future."),
        ({"dob": "31/31/1990"}, "Enter a valid date."),
        ({"white": ""}, "Choose at least one race or ethnicity, or that none was reported."),
        (
            {"dob_data_quality": "99"},
            "Leave the date of birth empty when it was not reported, or choose full DOB.",
        ),
    ],
)
def test_bad_input_names_the_problem_and_saves_nothing(browser, change, message):
    response = browser.post("/clients/new/", {**FORM, **change})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Client.objects.exists()


def test_a_victim_service_provider_stores_no_identifying_data():
    vsp = world.organization("Safe Haven", victim_service_provider=True)
    browser = world.browser(world.account("val", vsp, Role.CASE_MANAGER))
    page = browser.get("/clients/new/").content.decode()
    assert "Hearth does not record names, SSN or date of birth" in page
    assert 'name="first_name"' not in page
    response = browser.post("/clients/new/", FORM)
    client = Client.objects.get()
    assert response.status_code == 302
    assert (client.first_name, client.last_name, client.ssn, client.dob) == (None, None, None, None)
    assert (client.name_data_quality, client.ssn_data_quality, client.dob_data_quality) == (99, 99, 99)
    followed = browser.get(response["Location"]).content.decode()
    assert "Client created without name, SSN or date of birth" in followed


def test_edit_keeps_the_ssn_when_left_empty(browser, alex):
    response = browser.post(
        f"/clients/{alex.pk}/edit/", {**FORM, "first_name": "Alexa", "last_name": "Reyes", "ssn": ""}
    )
    assert response.status_code == 302
    alex.refresh_from_db()
    assert (alex.first_name, alex.ssn, ssn.full_ssn(alex)) == ("Alexa", "xxxxx6789", "123456789")
    event = AuditEvent.objects.get(action="update", personal_id=alex.pk)
    assert event.detail["fields"]["first_name"] == ["Alexandra", "Alexa"]
