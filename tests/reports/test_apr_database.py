"""The APR on Hearth's own database (a snapshot into DuckDB), its drill-down and explanations.

Given a PSH project with a family that moved in and left and an adult who is still waiting,
the APR counts them as HUD's tables define, every cell gives back the people it counted, and a
drill-down with a user goes through the access policy and the audit log.
"""

import datetime

import pytest

from hearth.access.models import AuditEvent
from hearth.access.permissions import Role
from hearth.hud.generated.lists import LivingSituation, ProjectType, RelationshipToHoH
from hearth.reports.apr.report import APR
from hearth.reports.datasets import database_snapshot
from hearth.reports.hmis_programming.parameters import ReportParameters
from hearth.reports.hmis_programming.result import DrillDownError, drill_down, explain
from hearth.reports.hmis_programming.runner import run_report
from tests.access import world
from tests.factories import ClientFactory, EnrollmentFactory, ExitFactory, ProjectCoCFactory, ProjectFactory

pytestmark = pytest.mark.django_db

START, END = datetime.date(2025, 10, 1), datetime.date(2026, 9, 30)


@pytest.fixture
def psh():
    """A PSH project: a parent and child who moved in and left; an adult still waiting."""
    project = ProjectFactory(project_type=ProjectType.PH_PERMANENT_SUPPORTIVE_HOUSING)
    ProjectCoCFactory(project=project, coc_code="MD-501")
    parent = ClientFactory(dob=datetime.date(1980, 5, 1))
    child = ClientFactory(dob=datetime.date(2015, 5, 1))
    waiting = ClientFactory(dob=datetime.date(1970, 1, 1))
    head = EnrollmentFactory(
        client=parent,
        project=project,
        entry_date=datetime.date(2025, 11, 1),
        household_id="family",
        move_in_date=datetime.date(2025, 11, 15),
    )
    member = EnrollmentFactory(
        client=child,
        project=project,
        entry_date=datetime.date(2025, 11, 1),
        household_id="family",
        relationship_to_hoh=RelationshipToHoH.HEAD_OF_HOUSEHOLDS_CHILD,
        enrollment_coc=None,
    )
    EnrollmentFactory(client=waiting, project=project, entry_date=datetime.date(2026, 1, 10))
    for enrollment in (head, member):
        ExitFactory(
            enrollment=enrollment,
            exit_date=datetime.date(2026, 3, 1),
            destination=LivingSituation.RENTAL_BY_CLIENT_NO_ONGOING_HOUSING,
        )
    return {"project": project, "parent": parent, "child": child, "waiting": waiting}  # fmt: skip


def _run(project):
    dataset = database_snapshot()
    try:
        parameters = ReportParameters.of(coc="MD-501", start=START, end=END, project_ids=[project.pk])
        return run_report(APR, dataset, parameters)
    finally:
        dataset.close()


def test_the_apr_counts_hearths_own_data(psh):
    result = _run(psh["project"])

    persons = result.table("Q7a")
    assert [persons.value(c) for c in ("B2", "B3", "B6", "C2", "C6", "D2", "D3", "D6", "B7", "D7")] == [
        "2", "1", "3", "1", "1", "1", "1", "2", "2", "2",
    ]  # fmt: skip
    validations = result.table("Q5a")
    assert [validations.value(f"C{row}") for row in (2, 3, 4, 6, 7, 9, 15)] == [
        "3",
        "2",
        "1",
        "2",
        "1",
        "1",
        "2",
    ]
    destinations = result.table("Q23c")
    assert destinations.value("B28") == "2"  # rental by client, no ongoing subsidy
    assert destinations.value("B40") == "2"
    assert destinations.value("B43") == "1.0000"
    assert result.table("Q4a").rows[0][2:5] == [psh["project"].project_name, psh["project"].pk, "3"]


def test_every_cell_gives_back_the_people_it_counted(psh):
    result = _run(psh["project"])

    assert drill_down(result, "Q7a", "B2") == sorted([psh["parent"].pk, psh["waiting"].pk])
    assert drill_down(result, "Q7a", "E3") == []
    assert drill_down(result, "Q8a", "D2") == ["family"]  # households are counted by HouseholdID
    with pytest.raises(DrillDownError, match="Q7a has no cell Z99"):
        drill_down(result, "Q7a", "Z99")
    with pytest.raises(DrillDownError, match="no table Q99"):
        drill_down(result, "Q99", "B2")


def test_explain_names_the_enrollment_and_the_rules(psh):
    result = _run(psh["project"])

    explanation = explain(result, psh["child"].pk)

    assert explanation is not None
    assert explanation.enrollment["HouseholdID"] == "family"
    assert explanation.enrollment["HouseholdType"] == "AC"
    assert ("Q7a", "B3") in explanation.cells
    assert ("Q7a", "B2") not in explanation.cells
    assert any(rule.startswith("Leaver: exited on 2026-03-01") for rule in explanation.rules)
    assert explain(result, "nobody") is None


def test_drill_down_with_a_user_goes_through_the_access_policy_and_the_audit_log(psh):
    result = _run(psh["project"])
    serving = psh["project"].organization
    lead = world.account("lead", world.organization("City"), Role.HMIS_LEAD_ADMIN)
    serving_admin = world.account("serving-admin", serving, Role.AGENCY_ADMIN)
    other_admin = world.account("other-admin", world.organization("Other agency"), Role.AGENCY_ADMIN)
    case_manager = world.account("case-manager", serving, Role.CASE_MANAGER)
    everyone = sorted([psh["parent"].pk, psh["waiting"].pk])

    assert drill_down(result, "Q7a", "B2", user=lead) == everyone
    assert drill_down(result, "Q7a", "B2", user=serving_admin) == everyone
    assert drill_down(result, "Q7a", "B2", user=other_admin) == []
    assert drill_down(result, "Q7a", "B2", user=case_manager) == []  # the role may not drill down
    assert explain(result, psh["child"].pk, user=other_admin) is None
    assert explain(result, psh["child"].pk, user=lead) is not None

    events = AuditEvent.objects.filter(action="drill_down").order_by("id")
    assert [(e.username, e.detail["purpose"], e.detail.get("count")) for e in events] == [
        ("lead", "drill-down", 2),
        ("serving-admin", "drill-down", 2),
        ("other-admin", "drill-down", 0),
        ("case-manager", "drill-down", 0),
        ("lead", "explain", None),
    ]
    assert events.last().personal_id == psh["child"].pk
