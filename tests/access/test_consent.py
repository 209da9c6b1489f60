"""Recording and revoking consent: validated, audited, and read by the policy at once."""

import datetime

import pytest
from django.http import Http404
from django.utils import timezone

from hearth.access.consent import ConsentError, consent_status, expiry_date, record_consent, revoke_consent
from hearth.access.consent_forms import FormFacts, consent_form_pdf, revocation_form_pdf
from hearth.access.models import AuditEvent
from hearth.access.permissions import Role
from hearth.clients.models import Client
from tests.access import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    shelter, clinic = world.organization("Shelter"), world.organization("Clinic")
    person = world.client()
    world.enrollment(person, world.project(shelter))
    manager = world.account("casey", shelter, Role.CASE_MANAGER)
    outsider = world.account("dana", clinic, Role.CASE_MANAGER)
    return shelter, clinic, person, manager, outsider


def record(manager, person, **overrides):
    values = {
        "user": manager,
        "personal_id": person.pk,
        "scope": "coc",
        "shares": "full",
        "signed_on": timezone.localdate(),
        "expiry": "1y",
        "signed_by_name": "Pat Doe",
    }
    return record_consent(**(values | overrides))


@pytest.mark.parametrize(
    ("signed", "choice", "on", "expected"),
    [
        (datetime.date(2026, 3, 10), "1y", None, datetime.date(2027, 3, 10)),
        (datetime.date(2026, 3, 10), "2y", None, datetime.date(2028, 3, 10)),
        (datetime.date(2024, 2, 29), "1y", None, datetime.date(2025, 3, 1)),
        (datetime.date(2026, 3, 10), "date", datetime.date(2026, 6, 1), datetime.date(2026, 6, 1)),
        (datetime.date(2026, 3, 10), "none", None, None),
    ],
)
def test_expiry_choices(signed, choice, on, expected):
    assert expiry_date(signed, choice, on) == expected


def test_consent_shares_at_once_and_revocation_stops_it(setting):
    _shelter, _clinic, person, manager, outsider = setting
    assert not Client.objects.visible_to(outsider).filter(pk=person.pk).exists()

    consent = record(manager, person)
    assert Client.objects.visible_to(outsider).filter(pk=person.pk).exists()
    assert consent_status(person.pk).state == "active"
    assert AuditEvent.objects.filter(action="consent", personal_id=person.pk).count() == 1

    revoke_consent(user=manager, consent_id=consent.pk, reason="Client asked")
    assert not Client.objects.visible_to(outsider).filter(pk=person.pk).exists()
    assert consent_status(person.pk).state == "revoked"
    assert AuditEvent.objects.filter(action="revoke_consent", personal_id=person.pk).count() == 1
    with pytest.raises(ConsentError, match="already revoked"):
        revoke_consent(user=manager, consent_id=consent.pk, reason="again")


def test_expired_consent_shares_nothing(setting):
    _shelter, _clinic, person, manager, outsider = setting
    record(manager, person, signed_on=timezone.localdate() - datetime.timedelta(days=800), expiry="2y")
    assert consent_status(person.pk).state == "expired"
    assert not Client.objects.visible_to(outsider).filter(pk=person.pk).exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"scope": "named"}, "Name at least one agency"),
        ({"scope": "named", "named_organization_ids": ["no-such-agency"]}, "Name at least one agency"),
        ({"signed_on": timezone.localdate() + datetime.timedelta(days=1)}, "signed in the future"),
        ({"signed_by_name": "  "}, "name of the person who signed"),
        ({"expiry": "date"}, "date the consent ends"),
        ({"expiry": "forever"}, "Choose when the consent ends"),
        ({"scope": "everyone"}, "Choose who the record is shared with"),
    ],
)
def test_bad_consent_is_refused_with_a_message_and_writes_nothing(setting, overrides, message):
    _shelter, _clinic, person, manager, _outsider = setting
    before = AuditEvent.objects.count()
    with pytest.raises(ConsentError, match=message):
        record(manager, person, **overrides)
    assert AuditEvent.objects.count() == before
    assert consent_status(person.pk).state == "none"


def test_minor_consent_is_signed_by_head_of_household(setting):
    _shelter, _clinic, person, manager, _outsider = setting
    Client.objects.filter(pk=person.pk).update(dob=timezone.localdate() - datetime.timedelta(days=365 * 10))
    with pytest.raises(ConsentError, match="minor"):
        record(manager, person)
    consent = record(manager, person, signed_by_name="Alex Doe", signed_by_relationship="head of household")
    assert consent.signed_by_relationship == "head of household"


def test_only_who_may_manage_consent_for_a_visible_client(setting):
    shelter, _clinic, person, _manager, outsider = setting
    analyst = world.account("rae", shelter, Role.REPORT_ANALYST)
    for user in (analyst, outsider):
        with pytest.raises(Http404):
            record(user, person)
    assert consent_status(person.pk).state == "none"


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", b"Consent to Share Information"),
        ("es", "Consentimiento para compartir información".encode("latin-1")),
    ],
)
def test_printable_forms_are_prefilled_pdfs(language, title):
    facts = FormFacts("Pat Doe", datetime.date(1990, 5, 1), "Shelter", "MD-501", datetime.date(2026, 11, 25))
    consent = consent_form_pdf(facts, language)
    revocation = revocation_form_pdf(facts, language)
    assert consent.startswith(b"%PDF-")
    assert title in consent
    assert b"Pat Doe" in consent
    assert b"1990-05-01" in consent
    assert revocation.startswith(b"%PDF-")
    assert b"Pat Doe" in revocation
