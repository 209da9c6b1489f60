"""The current living situations resource (contacts, HUD 4.12) in HUD's names."""

import datetime

import pytest

from hearth.access.models import AuditEvent
from hearth.access.permissions import Role
from hearth.enrollments.models import CurrentLivingSituation
from tests.access import world
from tests.api.helpers import caller_for

pytestmark = pytest.mark.django_db

STREET_OUTREACH = 4
PLACE_NOT_MEANT_FOR_HABITATION, STAYING_WITH_FAMILY = 116, 335
PATH = "/current-living-situations"


@pytest.fixture
def outreach():
    return world.organization("Outreach")


@pytest.fixture
def staff(outreach):
    return world.account("casey", outreach, Role.CASE_MANAGER)


@pytest.fixture
def enrollment(outreach):
    project = world.project(outreach, project_type=STREET_OUTREACH)
    return world.enrollment(world.client("Alexandra"), project, entry=datetime.date(2025, 1, 1))


def contact(enrollment, day: str, **values) -> dict:
    return {
        "EnrollmentID": enrollment.pk,
        "InformationDate": day,
        "CurrentLivingSituation": PLACE_NOT_MEANT_FOR_HABITATION,
    } | values


def test_create_read_update_delete(staff, enrollment):
    api = caller_for(staff)
    created = api.send(
        "post",
        PATH,
        contact(
            enrollment,
            "2025-02-01",
            CurrentLivingSituation=STAYING_WITH_FAMILY,
            LeaveSituation14Days=1,
            MovedTwoOrMore=0,
        ),
    )
    assert created.status_code == 201, created.content
    pk = created.json()["CurrentLivingSitID"]
    assert created["Location"].endswith(f"/api/v1{PATH}/{pk}")
    read = api.get(f"{PATH}/{pk}")
    assert (read.status_code, read["ETag"]) == (200, created["ETag"])
    assert {
        k: read.json()[k] for k in ("CurrentLivingSituation", "LeaveSituation14Days", "MovedTwoOrMore")
    } == {
        "CurrentLivingSituation": STAYING_WITH_FAMILY,
        "LeaveSituation14Days": 1,
        "MovedTwoOrMore": 0,
    }

    changed = api.send(
        "patch",
        f"{PATH}/{pk}",
        {"CurrentLivingSituation": PLACE_NOT_MEANT_FOR_HABITATION, "LocationDetails": "Under the bridge"},
        headers={"If-Match": read["ETag"]},
    )
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert (
        body["CurrentLivingSituation"],
        body["LeaveSituation14Days"],
        body["MovedTwoOrMore"],
        body["LocationDetails"],
    ) == (
        PLACE_NOT_MEANT_FOR_HABITATION,
        None,
        None,
        "Under the bridge",
    )
    assert api.send("delete", f"{PATH}/{pk}").status_code == 428
    removed = api.send("delete", f"{PATH}/{pk}", headers={"If-Match": changed["ETag"]})
    assert removed.status_code == 204
    assert CurrentLivingSituation.all_objects.get().date_deleted is not None
    assert [e.action for e in AuditEvent.objects.filter(object_id=pk).order_by("pk")] == [
        "create",
        "view",
        "update",
        "delete",
    ]


def test_refusals_name_hud_columns_and_write_nothing(staff, enrollment):
    api = caller_for(staff)
    cases = [
        (contact(enrollment, "2025-02-01", LeaveSituation14Days=1), "LeaveSituation14Days"),
        (contact(enrollment, "2099-02-01"), "InformationDate"),
        (contact(enrollment, "2024-12-01"), "InformationDate"),
        (contact(enrollment, "2025-02-01", CurrentLivingSituation=312), "CurrentLivingSituation"),
        (contact(enrollment, "2025-02-01", CurrentLivingSituation=12345), "CurrentLivingSituation"),
        (contact(enrollment, "2025-02-01", LocationDetails="<b>"), "LocationDetails"),
        (contact(enrollment, "2025-02-01", LocationDetails="Park\x00"), "LocationDetails"),
    ]
    for body, field in cases:
        response = api.send("post", PATH, body)
        assert response.status_code == 422, (body, response.content)
        assert field in [e["field"] for e in response.json()["errors"]], response.content
    assert not CurrentLivingSituation.all_objects.exists()


def test_lists_filter_by_situation_and_date(staff, enrollment):
    api = caller_for(staff)
    api.send("post", PATH, contact(enrollment, "2025-02-01"))
    api.send("post", PATH, contact(enrollment, "2025-03-01", CurrentLivingSituation=STAYING_WITH_FAMILY))

    def days(**filters) -> list[str]:
        return sorted(r["InformationDate"] for r in api.get(PATH, **filters).json()["results"])

    assert days() == ["2025-02-01", "2025-03-01"]
    assert days(CurrentLivingSituation=STAYING_WITH_FAMILY) == ["2025-03-01"]
    assert days(on_or_after="2025-02-15") == ["2025-03-01"]
    assert days(on_or_before="2025-01-15") == []


def test_another_agency_reads_by_consent_but_does_not_write(staff, enrollment):
    api = caller_for(staff)
    pk = api.send("post", PATH, contact(enrollment, "2025-02-01")).json()["CurrentLivingSitID"]
    clinic = world.organization("Clinic")
    outsider = caller_for(world.account("dana", clinic, Role.CASE_MANAGER))
    world.consent(
        enrollment.client, by=staff, scope="named", named=(clinic,), signed_on=datetime.date.today()
    )
    read = outsider.get(f"{PATH}/{pk}")
    assert read.status_code == 200
    removed = outsider.send("delete", f"{PATH}/{pk}", headers={"If-Match": read["ETag"]})
    made = outsider.send("post", PATH, contact(enrollment, "2025-02-02"))
    assert (removed.status_code, made.status_code) == (404, 404)
    assert CurrentLivingSituation.all_objects.get().date_deleted is None
    assert CurrentLivingSituation.all_objects.count() == 1
