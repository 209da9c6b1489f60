"""LSA drill-down with a user: only the people the user may see, and every look audited.

The counted clients of ``shelter_with_two_households`` (a single adult, a parent and a child) are
the shelter agency's; another agency's administrator may see the parent alone (a consent to share
with the CoC), and so may not see the child, nor therefore the parent's household.
"""

import datetime

import pytest
from django.conf import settings

from hearth.access.models import AuditAction, AuditEvent
from hearth.access.permissions import Role
from hearth.reports.lsa.drilldown import drill_down, explain
from hearth.reports.lsa.parameters import LsaParameters
from hearth.reports.runs import run_lsa
from tests.access import world
from tests.reports.test_snapshot import END, START, shelter_with_two_households  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def lsa(shelter_with_two_households):  # noqa: F811 - the fixture above
    single, parent, child = shelter_with_two_households
    run, _upload = run_lsa(
        parameters=LsaParameters.annual(coc=settings.HEARTH_COC_CODE, start=START, end=END)
    )
    return run, single, parent, child


@pytest.fixture
def outsider(lsa):
    """An administrator of another agency, who may see the parent only (a consent to share)."""
    _run, _single, parent, _child = lsa
    admin = world.account("olive", world.organization("Open Door"), Role.AGENCY_ADMIN)
    world.consent(parent.client, by=admin, signed_on=datetime.date(2025, 1, 1))
    return admin


def test_the_lead_drills_down_to_everyone_counted(lsa):
    run, single, parent, child = lsa
    lead = world.account("lee", world.organization("Lead office"), Role.HMIS_LEAD_ADMIN)

    everyone = sorted([single.client.pk, parent.client.pk, child.pk])
    assert drill_down(run, "LSAPerson", {}, user=lead) == everyone == drill_down(run, "LSAPerson", {})
    assert drill_down(run, "LSAHousehold", {"HHType": 2}, user=lead) == [parent.household_id]


def test_a_viewer_sees_only_the_people_they_may_see(lsa, outsider):
    run, single, parent, _child = lsa

    people = drill_down(run, "LSAPerson", {}, user=outsider)
    households = drill_down(run, "LSAHousehold", {}, user=outsider)

    # Then the parent alone: not the single adult, not the child
    assert people == [parent.client.pk]
    # and no household: the parent's holds the child, whom this viewer may not see
    assert drill_down(run, "LSAHousehold", {}) == sorted([single.household_id, parent.household_id])
    assert households == []


def test_explain_answers_for_an_unseen_person_as_for_one_not_counted(lsa, outsider):
    run, _single, parent, child = lsa

    hidden = explain(run, child.pk, user=outsider)
    shown = explain(run, parent.client.pk, user=outsider)

    assert (hidden.counted_in_lsaperson, hidden.person_values, hidden.enrollments) == (False, {}, [])
    assert shown.counted_in_lsaperson is True
    assert [e.enrollment_id for e in shown.enrollments] == [parent.enrollment_id]


def test_every_look_is_audited(lsa, outsider):
    run, _single, parent, child = lsa

    drill_down(run, "LSAPerson", {"VetStatus": 0}, user=outsider)
    explain(run, parent.client.pk, user=outsider)
    explain(run, child.pk, user=outsider)  # not visible: nothing shown, nothing to audit

    events = AuditEvent.objects.filter(action=AuditAction.DRILL_DOWN).order_by("id")
    assert [(e.username, e.object_type, e.object_id, e.personal_id) for e in events] == [
        ("olive", "report", "lsa", ""),
        ("olive", "report", "lsa", parent.client.pk),
    ]
    looked = events[0].detail
    assert (looked["purpose"], looked["file"], looked["key"], looked["count"], looked["run"]) == (
        "drill-down",
        "LSAPerson",
        {"VetStatus": 0},
        1,
        run.pk,
    )


def test_a_role_without_drill_down_sees_no_one(lsa):
    run, _single, _parent, _child = lsa
    staff = world.account("casey", world.organization("Harbor Light"), Role.CASE_MANAGER)

    assert drill_down(run, "LSAPerson", {}, user=staff) == []
    assert drill_down(run, "LSACalculated", {}, user=staff) == []


def test_calculated_values_list_only_ids_traced_to_visible_people(lsa, outsider):
    run, _single, parent, _child = lsa
    lead = world.account("lee", world.organization("Lead office"), Role.HMIS_LEAD_ADMIN)

    everything = drill_down(run, "LSACalculated", {})
    for_lead = drill_down(run, "LSACalculated", {}, user=lead)
    for_outsider = drill_down(run, "LSACalculated", {}, user=outsider)

    assert for_lead == everything
    # the parent, as a person and as an enrollment; not the parent's household, nor anyone else
    assert parent.client.pk in for_outsider
    assert set(for_outsider) <= {parent.client.pk, parent.enrollment_id}
