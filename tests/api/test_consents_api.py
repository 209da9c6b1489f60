"""Consents to share through the API: seen with the client, recorded and revoked through the
consent services, never edited or deleted."""

import datetime

import pytest
from django.utils import timezone

from hearth.access.models import AuditEvent, ConsentToShare
from hearth.access.permissions import Role
from hearth.clients.models import Client
from tests.access import world
from tests.api.helpers import caller_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelter():
    return world.organization("Shelter")


@pytest.fixture
def staff(shelter):
    return world.account("casey", shelter, Role.CASE_MANAGER)


@pytest.fixture
def person(shelter):
    client = world.client("Alexandra")
    world.enrollment(client, world.project(shelter))
    return client


def today() -> str:
    return timezone.localdate().isoformat()


def new_consent(person, **changes):
    return {
        "PersonalID": person.pk,
        "scope": "coc",
        "shares": "full",
        "signed_on": today(),
        "expiry": "1y",
        "signed_by_name": "Alexandra Doe",
    } | changes


def test_record_read_and_revoke(staff, shelter, person):
    api = caller_for(staff)
    created = api.send("post", "/consents", new_consent(person))
    assert created.status_code == 201, created.content
    body = created.json()
    cid = body["id"]
    assert created["Location"].endswith(f"/api/v1/consents/{cid}")
    signed = timezone.localdate()
    assert body == {
        "id": cid,
        "PersonalID": person.pk,
        "scope": "coc",
        "shares": "full",
        "named_organizations": [],
        "signed_on": signed.isoformat(),
        "expires_on": signed.replace(year=signed.year + 1).isoformat(),
        "signed_by_name": "Alexandra Doe",
        "signed_by_relationship": "self",
        "form_language": "en",
        "has_signed_form": False,
        "recorded_as": shelter.pk,
        "recorded_at": body["recorded_at"],
        "revoked_at": None,
        "revocation_reason": "",
        "has_revocation_form": False,
        "state": "active",
    }
    assert AuditEvent.objects.filter(action="consent", personal_id=person.pk).count() == 1

    read = api.get(f"/consents/{cid}")
    assert (read.status_code, read.json(), read["ETag"]) == (200, body, created["ETag"])
    assert AuditEvent.objects.filter(action="view", object_id=str(cid), personal_id=person.pk).exists()

    revoked = api.send("post", f"/consents/{cid}/revoke", {"reason": "Client asked"})
    assert revoked.status_code == 200, revoked.content
    assert (revoked.json()["state"], revoked.json()["revocation_reason"]) == ("revoked", "Client asked")
    assert revoked.json()["revoked_at"] is not None
    assert revoked["ETag"] != read["ETag"]
    assert AuditEvent.objects.filter(action="revoke_consent", personal_id=person.pk).count() == 1

    again = api.send("post", f"/consents/{cid}/revoke", {"reason": "Twice"})
    assert again.status_code == 422
    assert [e["field"] for e in again.json()["errors"]] == ["revoked_at"]
    assert ConsentToShare.objects.get().revocation_reason == "Client asked"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"scope": "everyone"}, "scope"),
        ({"shares": "some"}, "shares"),
        ({"signed_on": "2999-01-01"}, "signed_on"),
        ({"expiry": "date"}, "expires_on"),
        ({"expiry": "date", "expires_on": "2000-01-01"}, "expires_on"),
        ({"expiry": "5y"}, "expiry"),
        ({"signed_by_name": "  "}, "signed_by_name"),
        ({"scope": "named"}, "named_organizations"),
        ({"scope": "named", "named_organizations": ["no-such-org"]}, "named_organizations"),
        ({"form_language": "fr"}, "form_language"),
        ({"signed_by_name": "Alex\x00"}, "signed_by_name"),
        ({"PersonalID": "a\x00"}, "PersonalID"),
    ],
)
def test_bad_consents_name_their_field_and_write_nothing(staff, person, changes, field):
    response = caller_for(staff).send("post", "/consents", new_consent(person, **changes))
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert not ConsentToShare.objects.exists()
    assert not AuditEvent.objects.filter(action="consent").exists()


def test_a_minor_does_not_sign_for_themselves(staff, person):
    Client.objects.filter(pk=person.pk).update(dob=timezone.localdate() - datetime.timedelta(days=365 * 12))
    api = caller_for(staff)
    refused = api.send("post", "/consents", new_consent(person))
    assert [e["field"] for e in refused.json()["errors"]] == ["signed_by_relationship"]
    accepted = api.send("post", "/consents", new_consent(person, signed_by_relationship="Mother (guardian)"))
    assert accepted.status_code == 201
    assert accepted.json()["signed_by_relationship"] == "Mother (guardian)"


def test_a_revocation_needs_a_reason(staff, person):
    consent = world.consent(person, by=staff, signed_on=timezone.localdate())
    response = caller_for(staff).send("post", f"/consents/{consent.pk}/revoke", {"reason": " "})
    assert [e["field"] for e in response.json()["errors"]] == ["reason"]
    assert ConsentToShare.objects.get().revoked_at is None


def test_named_agencies(staff, person):
    clinic, city = world.organization("Clinic"), world.organization("City")
    response = caller_for(staff).send(
        "post", "/consents", new_consent(person, scope="named", named_organizations=[clinic.pk, city.pk])
    )
    assert response.status_code == 201, response.content
    assert response.json()["named_organizations"] == sorted([clinic.pk, city.pk])


def test_only_the_consents_of_clients_you_may_see(staff, shelter, person):
    mine = world.consent(person, by=staff, signed_on=timezone.localdate())
    other = world.client("Sam")
    world.enrollment(other, world.project(world.organization("Clinic")))
    hidden = world.consent(other, by=staff, scope="none")
    api = caller_for(staff)
    listed = api.get("/consents")
    assert [c["id"] for c in listed.json()["results"]] == [mine.pk]
    assert api.get("/consents", PersonalID=other.pk).json()["results"] == []
    assert api.get("/consents", PersonalID=person.pk).json()["results"][0]["id"] == mine.pk
    event = AuditEvent.objects.filter(action="view", object_type="access.ConsentToShare").latest("id")
    assert event.detail["personal_ids"] == [person.pk]
    missing = api.get("/consents/999999")
    assert api.get(f"/consents/{hidden.pk}").content == missing.content
    assert missing.status_code == 404
    refused = api.send("post", f"/consents/{hidden.pk}/revoke", {"reason": "Not mine"})
    assert refused.status_code == 404
    assert api.send("post", "/consents", new_consent(other)).status_code == 404
    assert ConsentToShare.objects.get(pk=hidden.pk).revoked_at is None
    assert ConsentToShare.objects.count() == 2


def test_an_agency_revoking_the_consent_it_sees_through_gets_the_answer_then_loses_the_client(staff, person):
    clinic = world.organization("Clinic")
    consent = world.consent(person, by=staff, scope="named", named=(clinic,), signed_on=timezone.localdate())
    outsider = caller_for(world.account("dana", clinic, Role.CASE_MANAGER))
    revoked = outsider.send(
        "post", f"/consents/{consent.pk}/revoke", {"reason": "Client asked at the clinic"}
    )
    assert revoked.status_code == 200, revoked.content
    assert revoked.json()["state"] == "revoked"
    assert outsider.get(f"/consents/{consent.pk}").status_code == 404
    assert outsider.get(f"/clients/{person.pk}").status_code == 404


def test_consents_are_never_deleted(staff, person):
    consent = world.consent(person, by=staff, signed_on=timezone.localdate())
    api = caller_for(staff)
    response = api.send("delete", f"/consents/{consent.pk}")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert response["Allow"] == "GET"
    assert "Revoke" in response.json()["detail"]
    assert api.send("delete", "/consents/999999").content == response.content
    assert ConsentToShare.objects.filter(pk=consent.pk, revoked_at__isnull=True).exists()


def test_a_read_only_token_cannot_record_or_revoke(staff, person):
    consent = world.consent(person, by=staff, signed_on=timezone.localdate())
    reader = caller_for(staff, scope="read")
    assert reader.send("post", "/consents", new_consent(person)).status_code == 403
    assert reader.send("post", f"/consents/{consent.pk}/revoke", {"reason": "x"}).status_code == 403
    assert ConsentToShare.objects.count() == 1
    assert ConsentToShare.objects.get().revoked_at is None
