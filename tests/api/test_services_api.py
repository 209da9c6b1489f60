"""The services resource: bed nights and services in HUD's names, through the pages' services."""

import datetime

import pytest

from hearth.access.models import AuditEvent
from hearth.access.permissions import Role
from hearth.enrollments.models import Services
from tests.access import world
from tests.api.helpers import caller_for

pytestmark = pytest.mark.django_db

NIGHT_BY_NIGHT, BED_NIGHT = 1, 200


@pytest.fixture
def shelter():
    return world.organization("Shelter")


@pytest.fixture
def staff(shelter):
    return world.account("casey", shelter, Role.CASE_MANAGER)


@pytest.fixture
def enrollment(shelter):
    project = world.project(shelter, project_type=NIGHT_BY_NIGHT)
    return world.enrollment(world.client("Alexandra"), project, entry=datetime.date(2025, 1, 1))


def bed_night(enrollment, night: str) -> dict:
    return {
        "EnrollmentID": enrollment.pk,
        "DateProvided": night,
        "RecordType": BED_NIGHT,
        "TypeProvided": BED_NIGHT,
    }


def test_create_read_update_delete(staff, enrollment):
    api = caller_for(staff)
    created = api.send("post", "/services", bed_night(enrollment, "2025-02-01"))
    assert created.status_code == 201, created.content
    pk = created.json()["ServicesID"]
    assert created["Location"].endswith(f"/api/v1/services/{pk}")
    assert {k: created.json()[k] for k in ("PersonalID", "DateProvided", "RecordType", "TypeProvided")} == {
        "PersonalID": enrollment.client_id,
        "DateProvided": "2025-02-01",
        "RecordType": BED_NIGHT,
        "TypeProvided": BED_NIGHT,
    }
    read = api.get(f"/services/{pk}")
    assert (read.status_code, read["ETag"]) == (200, created["ETag"])

    moved = api.send(
        "patch", f"/services/{pk}", {"DateProvided": "2025-02-02"}, headers={"If-Match": read["ETag"]}
    )
    assert moved.status_code == 200, moved.content
    assert moved.json()["DateProvided"] == "2025-02-02"
    stale = api.send(
        "patch", f"/services/{pk}", {"DateProvided": "2025-02-03"}, headers={"If-Match": read["ETag"]}
    )
    assert stale.status_code == 412
    assert Services.objects.get().date_provided == datetime.date(2025, 2, 2)

    removed = api.send("delete", f"/services/{pk}", headers={"If-Match": moved["ETag"]})
    assert removed.status_code == 204
    assert Services.all_objects.get().date_deleted is not None
    assert AuditEvent.objects.filter(action="delete", object_id=pk, personal_id=enrollment.client_id).exists()


def test_refusals_name_hud_columns_and_write_nothing(staff, enrollment):
    api = caller_for(staff)
    cases = [
        (bed_night(enrollment, "2025-02-01") | {"TypeProvided": 7}, "TypeProvided"),
        (bed_night(enrollment, "2025-02-01") | {"RecordType": 144, "TypeProvided": 1}, "RecordType"),
        (bed_night(enrollment, "2025-02-01") | {"FAAmount": "10.00"}, "FAAmount"),
        (bed_night(enrollment, "2024-12-31"), "DateProvided"),
        (bed_night(enrollment, "2025-02-01") | {"RecordType": 999}, "RecordType"),
    ]
    for body, field in cases:
        response = api.send("post", "/services", body)
        assert response.status_code == 422, (body, response.content)
        assert field in [e["field"] for e in response.json()["errors"]], response.content
    assert not Services.all_objects.exists()

    pk = api.send("post", "/services", bed_night(enrollment, "2025-02-01")).json()["ServicesID"]
    api.send("post", "/services", bed_night(enrollment, "2025-02-02"))
    etag = api.get(f"/services/{pk}")["ETag"]
    same_night = api.send(
        "patch", f"/services/{pk}", {"DateProvided": "2025-02-02"}, headers={"If-Match": etag}
    )
    assert same_night.status_code == 422
    assert [e["field"] for e in same_night.json()["errors"]] == ["DateProvided"]
    assert api.get(f"/services/{pk}")["ETag"] == etag


def test_lists_filter_by_kind_and_date(staff, enrollment):
    api = caller_for(staff)
    for night in ("2025-02-01", "2025-02-02", "2025-03-01"):
        api.send("post", "/services", bed_night(enrollment, night))

    def nights(**filters) -> list[str]:
        return sorted(r["DateProvided"] for r in api.get("/services", **filters).json()["results"])

    assert nights(on_or_before="2025-02-28") == ["2025-02-01", "2025-02-02"]
    assert nights(on_or_after="2025-02-02", RecordType=BED_NIGHT) == ["2025-02-02", "2025-03-01"]
    assert nights(RecordType=144) == []
    assert nights(EnrollmentID="no-such-enrollment") == []


def test_another_agency_reads_by_consent_but_does_not_write(staff, enrollment):
    api = caller_for(staff)
    pk = api.send("post", "/services", bed_night(enrollment, "2025-02-01")).json()["ServicesID"]
    clinic = world.organization("Clinic")
    outsider = caller_for(world.account("dana", clinic, Role.CASE_MANAGER))
    world.consent(
        enrollment.client, by=staff, scope="named", named=(clinic,), signed_on=datetime.date.today()
    )
    read = outsider.get(f"/services/{pk}")
    assert read.status_code == 200
    moved = outsider.send(
        "patch", f"/services/{pk}", {"DateProvided": "2025-02-05"}, headers={"If-Match": read["ETag"]}
    )
    made = outsider.send("post", "/services", bed_night(enrollment, "2025-02-06"))
    assert (moved.status_code, made.status_code) == (404, 404)
    assert list(Services.all_objects.values_list("date_provided", flat=True)) == [datetime.date(2025, 2, 1)]
