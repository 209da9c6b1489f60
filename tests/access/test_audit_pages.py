"""The auditor's audit-log page and a client's "who has seen my record" page."""

import pytest

from hearth.access import audit
from hearth.access.models import AuditAction, AuditEvent
from hearth.access.permissions import Role
from tests.access import world

pytestmark = pytest.mark.django_db


def test_auditor_queries_the_log_and_the_query_is_logged():
    city = world.organization("City")
    auditor = world.account("aud", city, Role.AUDITOR)
    actor = audit.Actor(account_id=1, username="casey", organization_id=city.pk)
    audit.record(
        AuditAction.VIEW, actor=actor, object_type="clients.Client", object_id="c1", personal_id="c1"
    )
    audit.record(
        AuditAction.VIEW, actor=actor, object_type="clients.Client", object_id="c2", personal_id="c2"
    )

    response = world.browser(auditor).get("/audit/", {"personal_id": "c1"})

    assert response.status_code == 200
    rows = response.context["rows"]
    assert [(event.personal_id, agency) for event, agency in rows] == [("c1", "City")]
    assert AuditEvent.objects.filter(action="search", username="aud", detail__personal_id="c1").count() == 1


@pytest.mark.parametrize("role", [Role.CASE_MANAGER, Role.AGENCY_ADMIN, Role.REPORT_ANALYST])
def test_audit_log_is_for_auditors_only(role):
    other = world.account("x", world.organization(), role)
    assert world.browser(other).get("/audit/").status_code == 404


def test_who_has_seen_my_record_lists_the_views_of_that_client_only():
    shelter = world.organization("Shelter")
    person, stranger_client = world.client(), world.client()
    world.enrollment(person, world.project(shelter))
    casey = world.account("casey", shelter, Role.CASE_MANAGER)
    audit.record(
        AuditAction.VIEW,
        actor=audit.Actor.of(casey),
        object_type="clients.Client",
        object_id=person.pk,
        personal_id=person.pk,
    )
    audit.record(
        AuditAction.VIEW,
        actor=audit.Actor.of(casey),
        object_type="clients.Client",
        object_id=stranger_client.pk,
        personal_id=stranger_client.pk,
    )

    response = world.browser(casey).get(f"/clients/{person.pk}/access-history/")

    assert response.status_code == 200
    rows = response.context["rows"]
    assert {event.personal_id for event, _agency in rows} == {person.pk}
    assert [agency for _event, agency in rows] == [
        "Shelter",
        "Shelter",
    ]  # this page view, then the earlier one
    assert world.browser(casey).get(f"/clients/{stranger_client.pk}/access-history/").status_code == 404


def test_a_bad_date_is_named_not_a_server_error():
    auditor = world.account("aud", world.organization("City"), Role.AUDITOR)
    response = world.browser(auditor).get("/audit/", {"since": "2026-13-45"})
    assert response.status_code == 200
    assert "2026-13-45 is not a date (YYYY-MM-DD)." in response.content.decode()
