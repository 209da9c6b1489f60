"""The exits resource: members leave through the services (one, or several of one household),
exits are read, corrected and removed, HUD's date rules answered under HUD's field names."""

import datetime

import pytest
from django.db import connection, transaction
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.access.models import AuditEvent
from hearth.api.records import locked_record
from hearth.api.routers import exits
from hearth.enrollments import services
from hearth.enrollments.models import Enrollment, Exit, IncomeBenefits
from hearth.hud.generated.lists import RelationshipToHoH
from tests import factories
from tests.access.test_permission_matrix import VIEWERS
from tests.api.helpers import caller_for, fields_of
from tests.api.matrix_exits import PREPARED
from tests.api.prepared_matrix import check
from tests.enrollments.conftest import days_ago, origin, project_of

pytestmark = pytest.mark.django_db

CHILD = RelationshipToHoH.HEAD_OF_HOUSEHOLDS_CHILD
RENTAL, STREET = 410, 116


@pytest.fixture
def family(agency, staff, shelter):
    """A mother and her son, in the shelter for 20 days."""
    mother = origin(factories.ClientFactory(first_name="Dana", dob=datetime.date(1985, 3, 1)), agency)
    son = origin(factories.ClientFactory(first_name="Sam", dob=datetime.date(2016, 7, 9)), agency)
    return services.enroll_household(
        user=staff,
        project_id=shelter.pk,
        head_personal_id=mother.pk,
        entry_date=days_ago(20),
        members=[services.Member(son.pk, CHILD)],
    )


def leaving(enrollment, day: datetime.date, destination: int = RENTAL) -> dict:
    return {"EnrollmentID": enrollment.pk, "ExitDate": day.isoformat(), "Destination": destination}


def test_record_read_change_and_remove_an_exit(staff, family):
    _mother, son = family
    api = caller_for(staff)

    created = api.send("post", "/exits", leaving(son, days_ago(3)))

    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["EnrollmentID"], body["PersonalID"]) == (son.pk, son.client_id)
    assert (body["ExitDate"], body["Destination"]) == (days_ago(3).isoformat(), RENTAL)
    assert created["Location"].endswith(f"/api/v1/exits/{body['ExitID']}")
    # The exit assessment HUD requires of the ESG shelter is written as not collected.
    assert IncomeBenefits.objects.get(enrollment=son).data_collection_stage == 3
    assert IncomeBenefits.objects.get(enrollment=son).information_date == days_ago(3)

    path = f"/exits/{body['ExitID']}"
    read = api.get(path)
    assert read.status_code == 200
    assert read["ETag"] == created["ETag"]
    assert AuditEvent.objects.filter(
        action="view", object_id=body["ExitID"], personal_id=son.client_id
    ).exists()

    changed = api.send(
        "patch",
        path,
        {"ExitDate": days_ago(2).isoformat(), "Destination": STREET},
        headers={"If-Match": read["ETag"]},
    )
    assert changed.status_code == 200, changed.content
    assert (changed.json()["ExitDate"], changed.json()["Destination"]) == (days_ago(2).isoformat(), STREET)
    assert IncomeBenefits.objects.get(enrollment=son).information_date == days_ago(2)

    stale = api.send("delete", path, headers={"If-Match": read["ETag"]})
    assert stale.status_code == 412
    removed = api.send("delete", path, headers={"If-Match": changed["ETag"]})
    assert removed.status_code == 204
    assert Exit.objects.count() == 0
    assert IncomeBenefits.objects.count() == 0
    assert Exit.all_objects.get().date_deleted is not None
    assert api.get(path).status_code == 404


def test_a_household_leaves_together_and_the_head_leaves_last(staff, family):
    mother, son = family
    api = caller_for(staff)

    head_alone = api.send("post", "/exits", leaving(mother, days_ago(1)))
    assert head_alone.status_code == 422
    assert fields_of(head_alone) == {"EnrollmentID"}
    head_first = api.send(
        "post", "/exits/household", {"exits": [leaving(son, days_ago(1)), leaving(mother, days_ago(2))]}
    )
    assert head_first.status_code == 422
    assert fields_of(head_first) == {"exits.0.ExitDate"}
    assert Exit.all_objects.count() == 0

    together = api.send(
        "post", "/exits/household", {"exits": [leaving(mother, days_ago(1)), leaving(son, days_ago(1))]}
    )
    assert together.status_code == 201, together.content
    assert [e["EnrollmentID"] for e in together.json()["results"]] == [mother.pk, son.pk]

    # HH-04 in corrections: the son cannot leave after his mother, nor stay on once she has left.
    son_exit = Exit.objects.get(enrollment=son)
    path = f"/exits/{son_exit.pk}"
    etag = api.get(path)["ETag"]
    later = api.send(
        "patch", path, {"ExitDate": timezone.localdate().isoformat()}, headers={"If-Match": etag}
    )
    assert later.status_code == 422
    assert fields_of(later) == {"ExitDate"}
    reopened = api.send("delete", path, headers={"If-Match": etag})
    assert reopened.status_code == 422
    assert fields_of(reopened) == {"ExitID"}
    assert Exit.objects.count() == 2


def test_refusals_name_hud_fields_and_write_nothing(staff, family):
    _mother, son = family
    api = caller_for(staff)
    before = AuditEvent.objects.count()

    for body, field in (
        (leaving(son, days_ago(30)), "ExitDate"),  # before the project start (DT-01)
        (leaving(son, timezone.localdate() + datetime.timedelta(days=1)), "ExitDate"),  # DT-02
        ({**leaving(son, days_ago(1)), "Destination": 7}, "Destination"),  # not a destination
        ({**leaving(son, days_ago(1)), "CounselingReceived": 1}, "CounselingReceived"),  # RHY only
        ({"EnrollmentID": son.pk, "Destination": RENTAL}, "ExitDate"),
    ):
        refused = api.send("post", "/exits", body)
        assert refused.status_code == 422, body
        assert fields_of(refused) == {field}, refused.json()
    assert Exit.all_objects.count() == 0
    assert IncomeBenefits.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_lists_filter_by_exit_date_and_sync_removals(staff, family, shelter):
    mother, son = family
    api = caller_for(staff)
    api.send(
        "post", "/exits/household", {"exits": [leaving(mother, days_ago(5)), leaving(son, days_ago(10))]}
    )
    mother_exit, son_exit = Exit.objects.get(enrollment=mother), Exit.objects.get(enrollment=son)
    elsewhere = factories.EnrollmentFactory(
        project=project_of(factories.OrganizationFactory(), 0, funder=None)
    )
    factories.ExitFactory(enrollment=elsewhere, client=elsewhere.client)

    def ids(**params):
        response = api.get("/exits", **params)
        assert response.status_code == 200
        return [e["ExitID"] for e in response.json()["results"]]

    assert ids() == sorted([mother_exit.pk, son_exit.pk])
    assert ids(PersonalID=son.client_id) == [son_exit.pk]
    assert ids(EnrollmentID=mother.pk) == [mother_exit.pk]
    assert ids(ProjectID=shelter.pk) == sorted([mother_exit.pk, son_exit.pk])
    assert ids(on_or_after=days_ago(7).isoformat()) == [mother_exit.pk]
    assert ids(on_or_before=days_ago(7).isoformat()) == [son_exit.pk]

    since = timezone.now()
    etag = api.get(f"/exits/{mother_exit.pk}")["ETag"]
    assert api.send("delete", f"/exits/{mother_exit.pk}", headers={"If-Match": etag}).status_code == 204
    synced = api.get("/exits", updated_since=since.isoformat()).json()["results"]
    assert [(e["ExitID"], e["DateDeleted"] is not None) for e in synced] == [(mother_exit.pk, True)]
    assert Enrollment.objects.count() == 3


@pytest.mark.parametrize("prepared", PREPARED, ids=str)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_matrix_of_prepared_operations(prepared, viewer):
    check(prepared, viewer)


def test_a_member_listed_twice_leaves_once(staff, family):
    _mother, son = family
    twice = {"exits": [leaving(son, days_ago(1)), leaving(son, days_ago(2))]}

    response = caller_for(staff).send("post", "/exits/household", twice)

    assert response.status_code == 422
    assert fields_of(response) == {"exits"}
    assert Exit.all_objects.count() == 0


@pytest.mark.skipif(not connection.features.has_select_for_update, reason="the database takes no row locks")
def test_a_change_locks_the_household_before_the_exit(staff, family):
    """The household's enrollments first, in the order every enrollment service locks them, then the
    exit (records.locked_record): the API and the pages wait for each other rather than deadlock."""
    _mother, son = family
    api = caller_for(staff)
    created = api.send("post", "/exits", leaving(son, days_ago(3)))
    path = f"/exits/{created.json()['ExitID']}"

    with CaptureQueriesContext(connection) as queries:
        changed = api.send("patch", path, {"Destination": STREET}, headers={"If-Match": created["ETag"]})

    assert changed.status_code == 200, changed.content
    locks = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
    assert '"enrollments_enrollment"."household_id" =' in locks[0]
    assert locks[1].startswith('SELECT "enrollments_exit".')


def test_an_exit_removed_while_waiting_for_the_lock_answers_not_found(staff, family):
    """Removed by another caller between the look and the lock: as a record that does not exist."""
    _mother, son = family
    api = caller_for(staff)
    created = api.send("post", "/exits", leaving(son, days_ago(3)))
    exit_id = created.json()["ExitID"]
    request = RequestFactory().patch(f"/api/v1/exits/{exit_id}", headers={"If-Match": created["ETag"]})
    request.user = staff

    def removed_meanwhile(exit_record: Exit) -> str:
        Exit.objects.filter(pk=exit_record.pk).update(date_deleted=timezone.now())
        return exit_record.enrollment.household_id

    with transaction.atomic(), pytest.raises(Http404):
        locked_record(request, Exit, "Exit", exits.OUTPUT, exit_id, household_of=removed_meanwhile)
    assert Exit.all_objects.get(pk=exit_id).destination == RENTAL
