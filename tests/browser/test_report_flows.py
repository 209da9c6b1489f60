"""The HMIS Lead runs a CoC APR from the report page in a real browser, waits for it, reads a
question table and drills down from a count to a person and the rules that placed them.

Every page is checked with axe-core (WCAG 2.1 A and AA) as the other browser tests do.
Screenshots go to docs/screenshots/ when HEARTH_SCREENSHOTS=1.
"""

import datetime

import pytest
from django.test import override_settings
from playwright.sync_api import Page, expect

from hearth.access.permissions import Role
from hearth.hud.generated.lists import LivingSituation, ProjectType, RelationshipToHoH
from tests.access import world
from tests.browser import test_enrollment_flows
from tests.browser.test_clients_flows import screenshot_path, sign_in
from tests.browser.test_enrollment_flows import accessibility_violations, labelled
from tests.factories import ClientFactory, EnrollmentFactory, ExitFactory, ProjectCoCFactory, ProjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
serve_axe = test_enrollment_flows.serve_axe  # the fixture: axe served from the page's origin
RUN_TIMEOUT = 90_000  # ms: a run takes seconds, more on a busy machine


@pytest.fixture(autouse=True)
def _media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield


def supportive_housing():
    """A PSH project: a parent and child who moved in and left; an adult still waiting."""
    project = ProjectFactory(
        project_type=ProjectType.PH_PERMANENT_SUPPORTIVE_HOUSING, project_name="Cedar Street Apartments"
    )
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
    return project, parent, waiting


def test_the_lead_runs_an_apr_and_drills_down_to_a_person(
    live_server,
    page: Page,
    console_errors,
    serve_axe,
    tmp_path,
):
    project, parent, waiting = supportive_housing()
    lead = world.account("lee", world.organization("Lead office"), Role.HMIS_LEAD_ADMIN)
    sign_in(page, live_server, lead)

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="HUD reports: run the APR, CAPER, LSA, HIC and others").click()
    expect(page.get_by_role("heading", name="HUD reports", exact=True)).to_be_visible()
    assert accessibility_violations(page) == []
    labelled(page, "Report").select_option(label="CoC Annual Performance Report (APR)")
    labelled(page, "CoC code").fill("MD-501")
    labelled(page, "Report start").fill("2025-10-01")
    labelled(page, "Report end").fill("2026-09-30")
    labelled(page, "Projects").select_option(label=f"Cedar Street Apartments ({project.pk})")
    page.get_by_role("button", name="Run the report").click()

    # The run page follows the run, then reloads with its tables
    expect(page.get_by_role("heading", name="Question tables")).to_be_visible(timeout=RUN_TIMEOUT)
    expect(page.get_by_role("link", name="Download the Sage upload (.zip)")).to_be_visible()
    assert accessibility_violations(page) == []
    page.get_by_role("link", name="Q7a", exact=True).click()

    table = page.locator("#question-table")
    expect(table.locator('td[data-cell="B2"]')).to_have_text("2")
    assert accessibility_violations(page) == []
    page.screenshot(path=screenshot_path("report-apr-table.png", tmp_path), full_page=True)
    table.locator('td[data-cell="B2"] a').click()

    people = page.locator("#cell-people")
    expect(people.get_by_role("link", name=parent.pk)).to_be_visible()
    expect(people.get_by_role("link", name=waiting.pk)).to_be_visible()
    assert accessibility_violations(page) == []
    page.screenshot(path=screenshot_path("report-drill-down.png", tmp_path), full_page=True)
    people.get_by_role("link", name=waiting.pk).click()

    expect(page.get_by_role("heading", name=f"Why {waiting.pk} is in the report")).to_be_visible()
    expect(page.locator("#rules")).to_contain_text("Stayer: no exit on or before the report end date.")
    assert accessibility_violations(page) == []
    assert console_errors == []
