"""The clients resource: reads through the policy, writes through the services, ETags on both."""

import pytest

from hearth.access.models import AuditEvent
from hearth.access.permissions import Role
from hearth.clients.models import Client
from tests.access import world
from tests.api.helpers import Caller, caller_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelter():
    return world.organization("Shelter")


@pytest.fixture
def staff(shelter):
    return world.account("casey", shelter, Role.CASE_MANAGER)


NEW_CLIENT = {
    "FirstName": "Alexandra",
    "LastName": "Doe",
    "NameDataQuality": 1,
    "DOB": "1990-04-02",
    "DOBDataQuality": 1,
    "SSNDataQuality": 99,
    "White": 1,
    "VeteranStatus": 0,
}


def test_create_read_update_delete(staff):
    api = caller_for(staff)
    created = api.send("post", "/clients", NEW_CLIENT)
    assert created.status_code == 201, created.content
    body = created.json()
    pid = body["PersonalID"]
    assert body["FirstName"] == "Alexandra"
    assert body["DOB"] == "1990-04-02"
    assert created["Location"].endswith(f"/api/v1/clients/{pid}")

    read = api.get(f"/clients/{pid}")
    assert read.status_code == 200
    assert read["ETag"] == created["ETag"]
    assert AuditEvent.objects.filter(action="view", personal_id=pid).exists()

    changed = api.send(
        "patch", f"/clients/{pid}", {"LastName": "Doe-Smith"}, headers={"If-Match": read["ETag"]}
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["LastName"] == "Doe-Smith"
    assert changed.json()["FirstName"] == "Alexandra"
    assert changed["ETag"] != read["ETag"]

    stale = api.send("delete", f"/clients/{pid}", headers={"If-Match": read["ETag"]})
    assert stale.status_code == 412
    assert stale["Content-Type"] == "application/problem+json"
    removed = api.send("delete", f"/clients/{pid}", headers={"If-Match": changed["ETag"]})
    assert removed.status_code == 204
    assert Client.all_objects.get(pk=pid).date_deleted is not None
    assert api.get(f"/clients/{pid}").status_code == 404


def test_update_without_if_match_is_refused(staff):
    api = caller_for(staff)
    pid = api.send("post", "/clients", NEW_CLIENT).json()["PersonalID"]
    response = api.send("patch", f"/clients/{pid}", {"LastName": "X"})
    assert response.status_code == 428
    assert Client.objects.get(pk=pid).last_name == "Doe"


def test_list_shows_only_visible_clients_and_audits_them(shelter, staff):
    mine = world.client("Mine")
    world.enrollment(mine, world.project(shelter))
    theirs = world.client("Theirs")
    world.enrollment(theirs, world.project(world.organization("Clinic")))
    response = caller_for(staff).get("/clients")
    assert response.status_code == 200
    ids = [c["PersonalID"] for c in response.json()["results"]]
    assert ids == [mine.pk]
    event = AuditEvent.objects.filter(action="view", object_type="clients.Client").latest("id")
    assert event.detail["personal_ids"] == [mine.pk]


def test_pages_follow_the_cursor_to_the_end(shelter, staff):
    project = world.project(shelter)
    made = []
    for n in range(7):
        person = world.client(f"Person{n}")
        world.enrollment(person, project)
        made.append(person.pk)
    api = caller_for(staff)
    seen, page = [], api.get("/clients", page_size=3)
    while True:
        body = page.json()
        seen += [c["PersonalID"] for c in body["results"]]
        if body["next"] is None:
            break
        page = api.http.get(body["next"], headers={"Authorization": f"Bearer {api.secret}"})
    assert seen == sorted(made)


def test_a_bad_cursor_is_named(staff):
    response = caller_for(staff).get("/clients", cursor="***")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "cursor"


def test_invalid_values_name_their_fields(staff):
    response = caller_for(staff).send("post", "/clients", {**NEW_CLIENT, "NameDataQuality": 7, "DOB": "soon"})
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"NameDataQuality", "DOB"} <= fields
    assert Client.objects.count() == 0


def test_read_only_token_cannot_write(staff):
    response = caller_for(staff, scope="read").send("post", "/clients", NEW_CLIENT)
    assert response.status_code == 403
    assert Client.objects.count() == 0


def test_no_token_or_a_revoked_one_is_401(staff):
    assert Caller(None).get("/clients").status_code == 401
    assert Caller("hth_nope").get("/clients").status_code == 401
    from hearth.api import tokens

    new = tokens.create_token(
        account=staff, name="old", organization_id=staff.acting_organization_id, scope="read"
    )
    tokens.revoke_token(account=staff, prefix=new.token.prefix)
    response = Caller(new.secret).get("/clients")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_the_token_acts_as_its_own_agency(shelter):
    clinic = world.organization("Clinic")
    person = world.client("Clinical")
    world.enrollment(person, world.project(clinic))
    staff = world.account("casey", shelter, Role.CASE_MANAGER)
    world_membership = staff.memberships.create(organization=clinic, role=Role.CASE_MANAGER)
    assert world_membership.pk
    as_clinic = caller_for(staff, organization_id=clinic.pk)
    as_shelter = caller_for(staff, organization_id=shelter.pk)
    assert as_clinic.get(f"/clients/{person.pk}").status_code == 200
    assert as_shelter.get(f"/clients/{person.pk}").status_code == 404
    staff.refresh_from_db()
    assert staff.acting_organization_id == shelter.pk  # the session's agency is untouched


def test_an_update_is_audited_once_by_its_service(staff):
    api = caller_for(staff)
    created = api.send("post", "/clients", NEW_CLIENT)
    pid = created.json()["PersonalID"]
    views = AuditEvent.objects.filter(action="view", personal_id=pid).count()
    changed = api.send("patch", f"/clients/{pid}", {"LastName": "Roe"}, headers={"If-Match": created["ETag"]})
    assert changed.status_code == 200
    # The service looks the client up (one view, purpose "edit") and writes one update entry.
    assert AuditEvent.objects.filter(action="view", personal_id=pid).count() == views + 1
    assert AuditEvent.objects.filter(action="update", personal_id=pid).count() == 1
