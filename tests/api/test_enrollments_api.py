"""The enrollments resource: households enrolled, read with their members, corrected and removed
through the services, with HUD's rules answered under HUD's field names."""

import datetime

import pytest
from django.utils import timezone

from hearth.access.models import AuditEvent
from hearth.access.permissions import Role
from hearth.enrollments import services
from hearth.enrollments.assessments import Stage
from hearth.enrollments.models import Enrollment, Exit, IncomeBenefits
from tests import factories
from tests.access.test_permission_matrix import VIEWERS
from tests.api.helpers import caller_for, fields_of
from tests.api.matrix_enrollments import PREPARED
from tests.api.prepared_matrix import check
from tests.enrollments.conftest import days_ago, member_of, origin, project_of

pytestmark = pytest.mark.django_db

CHILD, PARTNER = 2, 3


def person(agency, first_name: str, dob: datetime.date = datetime.date(1985, 3, 1)):
    return origin(factories.ClientFactory(first_name=first_name, dob=dob), agency)


def enroll(api, project, head, *members, entry: datetime.date | None = None):
    body = {
        "ProjectID": project.pk,
        "PersonalID": head.pk,
        "EntryDate": (entry or days_ago(10)).isoformat(),
        "members": [{"PersonalID": m.pk, "RelationshipToHoH": CHILD} for m in members],
    }
    return api.send("post", "/enrollments", body)


def test_enroll_read_change_and_remove_a_household(agency, staff, shelter):
    mother, son = person(agency, "Dana"), person(agency, "Sam", datetime.date(2016, 7, 9))
    api = caller_for(staff)

    created = enroll(api, shelter, mother, son)

    assert created.status_code == 201, created.content
    head = created.json()
    assert (head["PersonalID"], head["ProjectID"], head["RelationshipToHoH"]) == (mother.pk, shelter.pk, 1)
    assert head["EntryDate"] == days_ago(10).isoformat()
    assert head["DisablingCondition"] == 99
    assert created["Location"].endswith(f"/api/v1/enrollments/{head['EnrollmentID']}")
    members = {m["PersonalID"]: m for m in head["household"]}
    assert set(members) == {mother.pk, son.pk}
    assert members[son.pk]["RelationshipToHoH"] == CHILD
    assert members[son.pk]["ExitDate"] is None
    son_enrollment = members[son.pk]["EnrollmentID"]
    assert Enrollment.objects.get(pk=son_enrollment).household_id == head["HouseholdID"]

    read = api.get(f"/enrollments/{head['EnrollmentID']}")
    assert read.status_code == 200
    assert read["ETag"] == created["ETag"]
    assert [m["PersonalID"] for m in read.json()["household"]] == [mother.pk, son.pk]
    household_view = AuditEvent.objects.filter(action="view", detail__household_id=head["HouseholdID"])
    assert household_view.latest("id").detail["personal_ids"] == [son.pk]

    changed = api.send(
        "patch",
        f"/enrollments/{head['EnrollmentID']}",
        {"DisablingCondition": 0, "LivingSituation": 116},
        headers={"If-Match": read["ETag"]},
    )
    assert changed.status_code == 200, changed.content
    assert (changed.json()["DisablingCondition"], changed.json()["LivingSituation"]) == (0, 116)
    assert changed.json()["EntryDate"] == head["EntryDate"]
    assert changed["ETag"] != read["ETag"]

    stale = api.send("delete", f"/enrollments/{head['EnrollmentID']}", headers={"If-Match": read["ETag"]})
    assert stale.status_code == 412
    head_first = api.send(
        "delete", f"/enrollments/{head['EnrollmentID']}", headers={"If-Match": changed["ETag"]}
    )
    assert head_first.status_code == 422
    assert fields_of(head_first) == {"EnrollmentID"}
    son_etag = api.get(f"/enrollments/{son_enrollment}")["ETag"]
    assert (
        api.send("delete", f"/enrollments/{son_enrollment}", headers={"If-Match": son_etag}).status_code
        == 204
    )
    removed = api.send(
        "delete", f"/enrollments/{head['EnrollmentID']}", headers={"If-Match": changed["ETag"]}
    )
    assert removed.status_code == 204
    assert Enrollment.objects.count() == 0
    assert Enrollment.all_objects.filter(date_deleted__isnull=False).count() == 2
    assert api.get(f"/enrollments/{head['EnrollmentID']}").status_code == 404


def test_a_member_joins_and_becomes_head_of_household(agency, staff, shelter):
    mother, partner = person(agency, "Dana"), person(agency, "Kim")
    api = caller_for(staff)
    head = enroll(api, shelter, mother).json()

    joined = api.send(
        "post",
        f"/enrollments/{head['EnrollmentID']}/members",
        {"PersonalID": partner.pk, "RelationshipToHoH": PARTNER, "EntryDate": days_ago(10).isoformat()},
    )

    assert joined.status_code == 201, joined.content
    member = joined.json()
    assert (member["PersonalID"], member["RelationshipToHoH"]) == (partner.pk, PARTNER)
    assert member["HouseholdID"] == head["HouseholdID"]
    assert joined["Location"].endswith(f"/api/v1/enrollments/{member['EnrollmentID']}")
    assert len(member["household"]) == 2

    path = f"/enrollments/{member['EnrollmentID']}"
    unnamed = api.send("patch", path, {"RelationshipToHoH": 1}, headers={"If-Match": joined["ETag"]})
    assert unnamed.status_code == 422
    assert fields_of(unnamed) == {"FormerHeadRelationshipToHoH"}
    made_head = api.send(
        "patch",
        path,
        {"RelationshipToHoH": 1, "FormerHeadRelationshipToHoH": PARTNER},
        headers={"If-Match": joined["ETag"]},
    )
    assert made_head.status_code == 200, made_head.content
    relationships = {m["PersonalID"]: m["RelationshipToHoH"] for m in made_head.json()["household"]}
    assert relationships == {partner.pk: 1, mother.pk: PARTNER}


def test_the_move_in_date_is_recorded_by_its_own_rules(agency, staff, rapid_rehousing):
    api = caller_for(staff)
    head = enroll(api, rapid_rehousing, person(agency, "Dana")).json()
    path = f"/enrollments/{head['EnrollmentID']}"
    etag = api.get(path)["ETag"]

    early = api.send("patch", path, {"MoveInDate": days_ago(30).isoformat()}, headers={"If-Match": etag})
    assert early.status_code == 422
    assert fields_of(early) == {"MoveInDate"}
    moved = api.send("patch", path, {"MoveInDate": days_ago(2).isoformat()}, headers={"If-Match": etag})
    assert moved.status_code == 200, moved.content
    assert moved.json()["MoveInDate"] == days_ago(2).isoformat()


def test_a_new_project_start_date_redates_project_start_records(agency, staff, shelter):
    api = caller_for(staff)
    head = enroll(api, shelter, person(agency, "Dana")).json()
    services.save_assessment(
        user=staff,
        enrollment_id=head["EnrollmentID"],
        stage=Stage.PROJECT_ENTRY,
        answers={"enrollment-disabling_condition": 0, "income-income_from_any_source": 0},
    )
    path = f"/enrollments/{head['EnrollmentID']}"

    moved = api.send(
        "patch", path, {"EntryDate": days_ago(12).isoformat()}, headers={"If-Match": api.get(path)["ETag"]}
    )

    assert moved.status_code == 200, moved.content
    assert moved.json()["EntryDate"] == days_ago(12).isoformat()
    assert IncomeBenefits.objects.get().information_date == days_ago(12)


def test_refusals_name_hud_fields_and_write_nothing(agency, staff, shelter):
    api = caller_for(staff)
    mother, son = person(agency, "Dana"), person(agency, "Sam", datetime.date(2016, 7, 9))
    before = AuditEvent.objects.count()

    future = enroll(api, shelter, mother, entry=timezone.localdate() + datetime.timedelta(days=3))
    bad_code = api.send(
        "post",
        "/enrollments",
        {
            "ProjectID": shelter.pk,
            "PersonalID": mother.pk,
            "EntryDate": "soon",
            "members": [{"PersonalID": son.pk, "RelationshipToHoH": 42}],
        },
    )
    not_ours = enroll(api, project_of(factories.OrganizationFactory(), 0, funder=None), mother)

    assert future.status_code == 422
    assert fields_of(future) == {"EntryDate"}
    assert bad_code.status_code == 422
    assert fields_of(bad_code) == {"EntryDate", "members.0.RelationshipToHoH"}
    assert not_ours.status_code == 422
    assert fields_of(not_ours) == {"ProjectID"}
    assert Enrollment.all_objects.count() == 0
    assert AuditEvent.objects.count() == before

    head = enroll(api, shelter, mother, son).json()
    path = f"/enrollments/{head['EnrollmentID']}"
    etag = api.get(path)["ETag"]
    changed_before = Enrollment.objects.get(pk=head["EnrollmentID"]).date_updated
    for body, field in (
        ({"EntryDate": days_ago(5).isoformat()}, "EntryDate"),  # after a member's start (HH-04)
        ({"DateOfPATHStatus": days_ago(5).isoformat()}, "DateOfPATHStatus"),  # not collected here
        ({"LivingSituation": 999}, "LivingSituation"),
        ({"EnrollmentCoC": "XX-999"}, "EnrollmentCoC"),
    ):
        refused = api.send("patch", path, body, headers={"If-Match": etag})
        assert refused.status_code == 422, body
        assert fields_of(refused) == {field}, refused.json()
    assert Enrollment.objects.get(pk=head["EnrollmentID"]).date_updated == changed_before
    assert api.send("patch", path, {"LivingSituation": 116}).status_code == 428


def test_lists_filter_and_sync_removals(agency, staff, shelter, rapid_rehousing):
    api = caller_for(staff)
    dana, kim = person(agency, "Dana"), person(agency, "Kim")
    first = enroll(api, shelter, dana, entry=days_ago(40)).json()
    second = enroll(api, rapid_rehousing, kim, entry=days_ago(5)).json()
    elsewhere = project_of(factories.OrganizationFactory(), 0, funder=None)
    factories.EnrollmentFactory(client=factories.ClientFactory(), project=elsewhere)

    def ids(**params):
        response = api.get("/enrollments", **params)
        assert response.status_code == 200
        return [e["EnrollmentID"] for e in response.json()["results"]]

    assert ids() == sorted([first["EnrollmentID"], second["EnrollmentID"]])
    assert ids(ProjectID=shelter.pk) == [first["EnrollmentID"]]
    assert ids(PersonalID=kim.pk) == [second["EnrollmentID"]]
    assert ids(HouseholdID=first["HouseholdID"]) == [first["EnrollmentID"]]
    assert ids(on_or_after=days_ago(10).isoformat()) == [second["EnrollmentID"]]
    assert ids(on_or_before=days_ago(10).isoformat()) == [first["EnrollmentID"]]
    listed = AuditEvent.objects.filter(action="view", object_type="enrollments.Enrollment").latest("id")
    assert listed.detail["personal_ids"] == [dana.pk]

    since = timezone.now()
    etag = api.get(f"/enrollments/{second['EnrollmentID']}")["ETag"]
    api.send("delete", f"/enrollments/{second['EnrollmentID']}", headers={"If-Match": etag})
    synced = api.get("/enrollments", updated_since=since.isoformat()).json()["results"]
    assert [(e["EnrollmentID"], e["DateDeleted"] is not None) for e in synced] == [
        (second["EnrollmentID"], True)
    ]
    assert ids() == [first["EnrollmentID"]]


def test_another_agency_sees_nothing_and_changes_nothing(agency, staff, shelter):
    head = enroll(caller_for(staff), shelter, person(agency, "Dana")).json()
    outsider = member_of(factories.OrganizationFactory(), username="dana", role=Role.CASE_MANAGER)
    api = caller_for(outsider)

    assert api.get(f"/enrollments/{head['EnrollmentID']}").status_code == 404
    assert api.get("/enrollments").json()["results"] == []
    refused = api.send(
        "patch", f"/enrollments/{head['EnrollmentID']}", {"LivingSituation": 116}, headers={"If-Match": "*"}
    )
    assert refused.status_code == 404
    assert Enrollment.objects.get().living_situation is None


def test_exits_are_removed_with_their_enrollment(agency, staff, shelter):
    api = caller_for(staff)
    head = enroll(api, shelter, person(agency, "Dana")).json()
    services.exit_household_members(
        user=staff,
        exits=[
            services.MemberExit(
                head["EnrollmentID"], {"exit-exit_date": days_ago(1), "exit-destination": 410}
            )
        ],
    )
    path = f"/enrollments/{head['EnrollmentID']}"

    assert api.send("delete", path, headers={"If-Match": api.get(path)["ETag"]}).status_code == 204

    assert Exit.objects.count() == 0
    assert Exit.all_objects.get().date_deleted is not None


@pytest.mark.parametrize("prepared", PREPARED, ids=str)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_matrix_of_prepared_operations(prepared, viewer):
    check(prepared, viewer)
