"""Two API callers change the same client from the same ETag: one wins, the other gets 412, and no
change is lost or half-applied; the loser re-reads and retries, and both changes are then stored.

Once one after the other, and once truly at the same time (two threads on PostgreSQL, both having
read before either writes): the row lock taken before the If-Match check (hearth/api/records.py
``locked_record``, the clients router) serialises the two writes.
"""

import threading

import pytest
from django.db import connection

from hearth.access.permissions import Role
from hearth.clients.models import Client
from tests.access import world
from tests.api.helpers import caller_for


def _scene():
    shelter = world.organization("Shelter")
    person = world.client("Alexandra")
    world.enrollment(person, world.project(shelter))
    first = caller_for(world.account("casey", shelter, Role.CASE_MANAGER))
    second = caller_for(world.account("drew", shelter, Role.CASE_MANAGER))
    return person, first, second


CHANGES = ({"FirstName": "Alexa"}, {"LastName": "Doe-Smith"})


def _patch(caller, pid, change, etag):
    return caller.send("patch", f"/clients/{pid}", change, headers={"If-Match": etag})


def _check_outcome(person, callers, responses, original_last_name):
    """One 200 and one 412; the winner's change stored, nothing of the loser's; then the loser
    re-reads, retries with the new ETag, and both changes are present."""
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200, 412], [r.content for r in responses]
    winner = next(i for i, r in enumerate(responses) if r.status_code == 200)
    loser = 1 - winner
    assert responses[loser]["Content-Type"] == "application/problem+json"
    assert responses[loser].json()["type"] == "urn:hearth:problem:precondition-failed"
    stored = Client.objects.get(pk=person.pk)
    expected = {"FirstName": "Alexandra", "LastName": original_last_name} | CHANGES[winner]
    assert (stored.first_name, stored.last_name) == (expected["FirstName"], expected["LastName"])
    assert responses[loser]["ETag"] == responses[winner]["ETag"]  # the 412 names the current ETag

    fresh = callers[loser].get(f"/clients/{person.pk}")
    assert fresh["ETag"] == responses[winner]["ETag"]
    retried = _patch(callers[loser], person.pk, CHANGES[loser], fresh["ETag"])
    assert retried.status_code == 200, retried.content
    stored.refresh_from_db()
    assert (stored.first_name, stored.last_name) == ("Alexa", "Doe-Smith")
    assert retried.json()["FirstName"] == "Alexa"
    assert retried.json()["LastName"] == "Doe-Smith"


@pytest.mark.django_db
def test_one_after_the_other():
    person, first, second = _scene()
    original_last_name = person.last_name
    etag = first.get(f"/clients/{person.pk}")["ETag"]
    assert second.get(f"/clients/{person.pk}")["ETag"] == etag
    responses = [_patch(first, person.pk, CHANGES[0], etag)]
    responses.append(_patch(second, person.pk, CHANGES[1], etag))
    assert [r.status_code for r in responses] == [200, 412]
    _check_outcome(person, (first, second), responses, original_last_name)


@pytest.mark.django_db(transaction=True)
def test_at_the_same_time():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: two threads writing through row locks (SELECT ... FOR UPDATE); the SQLite "
            "test database is one in-memory connection that threads cannot share"
        )
    person, first, second = _scene()
    original_last_name = person.last_name
    both_read = threading.Barrier(2, timeout=30)
    responses: list = [None, None]
    errors: list[BaseException] = []

    def work(index, caller):
        try:
            etag = caller.get(f"/clients/{person.pk}")["ETag"]
            both_read.wait()  # neither writes before both have read the same ETag
            responses[index] = _patch(caller, person.pk, CHANGES[index], etag)
        except BaseException as error:  # reported by the main thread
            errors.append(error)
            both_read.abort()
        finally:
            connection.close()  # each thread's own connection

    threads = [threading.Thread(target=work, args=(i, c)) for i, c in enumerate((first, second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    _check_outcome(person, (first, second), responses, original_last_name)
