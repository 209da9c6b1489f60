"""The consent page: status at a glance, recording with clear errors, revoking, printable forms."""

import pytest
from django.utils import timezone

from hearth.access.models import ConsentToShare
from hearth.access.permissions import Role
from tests.access import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    shelter, clinic = world.organization("Shelter"), world.organization("Clinic")
    person = world.client("Alexandra")
    world.enrollment(person, world.project(shelter))
    browser = world.browser(world.account("casey", shelter, Role.CASE_MANAGER))
    return person, clinic, browser


def test_record_named_agencies_then_revoke(page):
    person, clinic, browser = page
    assert b"No consent to share" in browser.get(f"/clients/{person.pk}/consent/").content
    response = browser.post(
        f"/clients/{person.pk}/consent/record/",
        {
            "scope": "named",
            "named_organizations": [clinic.pk],
            "shares": "profile",
            "signed_on": timezone.localdate().isoformat(),
            "expiry": "2y",
            "signed_by_name": "Alexandra Doe",
            "signed_by_relationship": "self",
            "form_language": "es",
        },
    )
    assert response.status_code == 302
    consent = ConsentToShare.objects.get(client=person)
    assert (consent.scope, consent.shares, consent.form_language) == ("named", "profile", "es")
    assert list(consent.named_organizations.values_list("pk", flat=True)) == [clinic.pk]
    shown = browser.get(f"/clients/{person.pk}/consent/").content.decode()
    assert "Sharing: Named agencies, Basic profile" in shown

    browser.post(f"/clients/{person.pk}/consent/{consent.pk}/revoke/", {"reason": "Client asked"})
    consent.refresh_from_db()
    assert consent.revoked_at is not None
    assert "Revoked on" in browser.get(f"/clients/{person.pk}/consent/").content.decode()


def test_bad_consent_shows_the_problem_and_records_nothing(page):
    person, _clinic, browser = page
    response = browser.post(
        f"/clients/{person.pk}/consent/record/",
        {
            "scope": "named",
            "shares": "full",
            "signed_on": timezone.localdate().isoformat(),
            "expiry": "1y",
            "signed_by_name": "Alexandra Doe",
            "signed_by_relationship": "self",
            "form_language": "en",
        },
    )
    assert response.status_code == 400
    assert "Name at least one agency" in response.content.decode()
    assert not ConsentToShare.objects.exists()


def test_printable_form_is_a_pdf_prefilled_with_the_client(page):
    person, _clinic, browser = page
    response = browser.get(f"/clients/{person.pk}/consent/consent-en.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert b"Alexandra" in response.content
    assert browser.get(f"/clients/{person.pk}/consent/consent-fr.pdf").status_code == 404
