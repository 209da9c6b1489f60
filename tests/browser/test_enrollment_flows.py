"""Case managers walk the enrollment flows in a real browser, as a new user would.

* A single adult in a night-by-night emergency shelter: enrolled, project start assessment, bed
  nights at the nightly check-in, exit.
* A family with children in rapid re-housing: the household, the move-in date, the annual
  assessment, the household's exit.
* A street outreach contact, with the keyboard only.
* Past records (a bed night, a contact, an update assessment) corrected and removed.

Every page is checked with axe-core (WCAG 2.1 A and AA) in English and Spanish, under the
application's Content Security Policy: axe is served from the page's own origin by Playwright.
Screenshots go to docs/screenshots/ when HEARTH_SCREENSHOTS=1.
"""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from hearth.access.models import ClientOrigin, Membership
from hearth.access.permissions import Role
from hearth.enrollments import services
from hearth.enrollments.assessments import Stage
from hearth.enrollments.models import (
    CurrentLivingSituation,
    Enrollment,
    Exit,
    HealthAndDV,
    IncomeBenefits,
    Services,
)
from hearth.hud.age import anniversary
from hearth.hud.generated.lists import FundingSource, ProjectType
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_PATH = "/__tests__/axe.min.js"  # answered by Playwright, never by Hearth
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
STREET = (
    "Place not meant for habitation (e.g., a vehicle, an abandoned building, bus/train/subway "
    "station/airport or anywhere outside)"
)


def today(offset: int = 0) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


def screenshot(page: Page, name: str, tmp_path: Path) -> None:
    folder = SCREENSHOTS if os.environ.get("HEARTH_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / name), full_page=True)


def accessibility_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now, one line each."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=re.sub(r"^(https?://[^/]+).*$", r"\1", page.url) + AXE_PATH)
    found = page.evaluate(
        "async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))",
        WCAG_21_AA,
    )
    return list(found)


def assert_accessible_in_english_and_spanish(page: Page) -> None:
    """The page passes axe in English, then in Spanish, then switches back to English, with the
    page's own language button reached by keyboard (switching reloads the page: check a form
    before filling it)."""
    assert accessibility_violations(page) == []
    page.keyboard.press("Home")
    tab_to(page, page.get_by_role("button", name="Español"))
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert accessibility_violations(page) == []
    tab_to(page, page.get_by_role("button", name="English"))
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")


@pytest.fixture
def serve_axe(page: Page) -> None:
    page.route(f"**{AXE_PATH}", lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))


def sign_in(page: Page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/sign-in/")
    labelled(page, "Username").fill(username)
    labelled(page, "Password").fill(factories.DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live_server.url}/")


def labelled(scope: Page | Locator, text: str) -> Locator:
    """The field labelled ``text``, with or without the required-field mark after it."""
    field = scope.get_by_label(re.compile("^" + re.escape(text) + r"( \*)?$"))
    return field.and_(scope.locator("input, select, textarea"))


def question(page: Page, legend: str) -> Locator:
    """The fieldset of a radio question, by the start of its legend."""
    return page.locator("fieldset").filter(
        has=page.locator("legend", has_text=re.compile("^" + re.escape(legend)))
    )


def answer(page: Page, legend: str, choice: str) -> None:
    """Choose a radio answer by clicking its label (USWDS draws the label; the input is hidden)."""
    question(page, legend).locator("label.usa-radio__label").filter(
        has_text=re.compile(f"^{re.escape(choice)}$")
    ).click()


def tick(scope: Page | Locator, text: str) -> None:
    """Tick a checkbox by clicking its label, as USWDS draws it."""
    scope.locator("label.usa-checkbox__label").filter(has_text=re.compile(f"^{re.escape(text)}$")).click()


def case_manager(agency, username: str = "casey"):
    account = factories.AccountFactory(username=username, acting_organization=agency)
    Membership.objects.create(account=account, organization=agency, role=Role.CASE_MANAGER)
    return account


def project(agency, project_type: int, funder: int, name: str, **fields):
    built = factories.ProjectFactory(
        organization=agency, project_type=project_type, project_name=name, **fields
    )
    factories.ProjectCoCFactory(project=built)
    factories.FunderFactory(project=built, funder=funder, start_date=datetime.date(2020, 1, 1))
    return built


def client_of(agency, first: str, last: str, dob: datetime.date, **fields):
    person = factories.ClientFactory(first_name=first, last_name=last, dob=dob, **fields)
    ClientOrigin.objects.create(client=person, organization=agency)
    return person


def enroll(page: Page, live_server, person, project_name: str, start: datetime.date) -> None:
    page.goto(f"{live_server.url}/enrollments/new/{person.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enroll a household")
    labelled(page, "Project").select_option(label=project_name)
    labelled(page, "Project start date").fill(start.isoformat())
    page.get_by_role("button", name="Enroll").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Project start assessment: {person.first_name} {person.last_name}"
    )


def answer_no_to_disabilities(page: Page) -> None:
    for legend in (
        "Physical disability",
        "Developmental disability",
        "Chronic health condition",
        "HIV/AIDS",
        "Mental health disorder",
    ):
        answer(page, legend, "No")
    labelled(page, "Substance use disorder").select_option(label="No")


# --- A single adult in a night-by-night shelter ----------------------------------------------------------


def test_a_single_adult_in_an_emergency_shelter(live_server, page: Page, console_errors, serve_axe, tmp_path):
    agency = factories.OrganizationFactory(organization_name="Harbor Light")
    case_manager(agency)
    shelter = project(
        agency,
        ProjectType.EMERGENCY_SHELTER_NIGHT_BY_NIGHT,
        FundingSource.HUD_ESG_EMERGENCY_SHELTER_OPERATING_AND,
        "Harbor Light Night Shelter",
    )
    alex = client_of(agency, "Alex", "Rivera", datetime.date(1980, 5, 17))
    sign_in(page, live_server, "casey")

    enroll(page, live_server, alex, "Harbor Light Night Shelter", today(-3))
    assert_accessible_in_english_and_spanish(page)

    # The project start assessment asks what HUD requires of an ESG night-by-night shelter: the
    # disabling condition, the prior living situation and domestic violence.  A dependent
    # question shows only when it applies.
    expect(page.locator("h2[id^=q-]")).to_have_text(
        ["Disabling condition", "Prior living situation", "Domestic violence"]
    )
    rental_subsidy = labelled(page, "Rental subsidy type")
    expect(rental_subsidy).to_be_hidden()
    prior = labelled(page, "Prior living situation")
    prior.select_option(label="Rental by client, with ongoing housing subsidy")
    expect(rental_subsidy).to_be_visible()
    # The live data quality check answers as staff type.
    prior.select_option(label="Client doesn't know")
    expect(rental_subsidy).to_be_hidden()
    expect(page.locator("#data-quality")).to_contain_text("The client did not know or would not answer")
    prior.select_option(label=STREET)
    expect(page.locator("#data-quality")).not_to_contain_text("The client did not know")
    answer(page, "Disabling condition", "No")
    fleeing = question(page, "Currently fleeing")
    expect(fleeing).to_be_hidden()
    answer(page, "Survivor of domestic violence", "Yes")
    expect(fleeing).to_be_visible()
    labelled(page, "When the experience occurred").select_option(label="One year or more")
    answer(page, "Currently fleeing", "No")
    screenshot(page, "enrollment-assessment.png", tmp_path)
    assert accessibility_violations(page) == []  # with the questions the answers revealed
    page.get_by_role("button", name="Save the assessment").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Alex Rivera in Harbor Light Night Shelter")
    expect(page.get_by_role("status")).to_have_text("Assessment saved.")
    expect(page.get_by_text("3 of 3 required elements answered (100%).")).to_be_visible()
    screenshot(page, "enrollment.png", tmp_path)
    assert_accessible_in_english_and_spanish(page)
    enrollment_url = page.url

    # Bed nights: the nightly check-in marks the roster in one save.
    page.goto(f"{live_server.url}/projects/{shelter.pk}/bed-nights/?night={today(-2).isoformat()}")
    tick(page, "Alex Rivera")
    page.get_by_role("button", name="Save the ticked people").click()
    expect(page.get_by_role("status")).to_have_text(
        f"Bed nights of {today(-2).isoformat()} saved: 1 added, 0 removed."
    )
    page.get_by_role("link", name="Next night").click()
    expect(labelled(page, "Alex Rivera")).not_to_be_checked()
    page.get_by_role("button", name="Everyone stayed: save all").click()
    expect(page.get_by_role("status")).to_have_text(
        f"Bed nights of {today(-1).isoformat()} saved: 1 added, 0 removed."
    )
    screenshot(page, "enrollment-bed-nights.png", tmp_path)
    assert_accessible_in_english_and_spanish(page)

    # Exit: the day after the last bed night, to a rental.
    page.goto(enrollment_url)
    page.get_by_role("link", name="Exit this member").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Exit: Alex Rivera")
    assert_accessible_in_english_and_spanish(page)
    labelled(page, "Project exit date").fill(today().isoformat())
    labelled(page, "Destination").select_option(label="Rental by client, no ongoing housing subsidy")
    screenshot(page, "enrollment-exit.png", tmp_path)
    assert accessibility_violations(page) == []  # with the questions the answers revealed
    page.get_by_role("button", name="Save the exit").click()

    expect(page.get_by_role("status")).to_have_text("Exit saved.")
    expect(page.locator(".hearth-facts")).to_contain_text("Rental by client, no ongoing housing subsidy")
    expect(page.get_by_text("5 of 5 required elements answered (100%).")).to_be_visible()
    exit_record = Exit.objects.get()
    assert (exit_record.exit_date, exit_record.destination) == (today(), 410)
    assert sorted(Services.objects.values_list("date_provided", flat=True)) == [today(-2), today(-1)]
    enrollment = Enrollment.objects.get()
    assert (enrollment.disabling_condition, enrollment.living_situation, enrollment.rental_subsidy_type) == (
        0,
        116,
        None,
    )
    assert HealthAndDV.objects.values_list(
        "data_collection_stage", "domestic_violence_survivor", "when_occurred"
    ).get() == (
        1,
        1,
        4,
    )
    assert console_errors == []


# --- A family in rapid re-housing -------------------------------------------------------------------------


def test_a_family_with_children_in_rapid_re_housing(
    live_server, page: Page, console_errors, serve_axe, tmp_path
):
    agency = factories.OrganizationFactory(organization_name="Home Again")
    case_manager(agency)
    project(
        agency,
        ProjectType.PH_RAPID_RE_HOUSING,
        FundingSource.HUD_COC_RAPID_RE_HOUSING,
        "Home Again Rapid Re-Housing",
        rrh_sub_type=2,
    )
    dana = client_of(agency, "Dana", "Cole", datetime.date(1990, 3, 2))
    sam = client_of(agency, "Sam", "Cole", datetime.date(2016, 7, 9))
    lee = client_of(agency, "Lee", "Cole", datetime.date(2024, 1, 5))
    start = today(-360)  # the first anniversary is five days away: the annual assessment is due
    sign_in(page, live_server, "casey")

    enroll(page, live_server, dana, "Home Again Rapid Re-Housing", start)
    answer(page, "Disabling condition", "No")
    page.get_by_role("button", name="Save the assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dana Cole in Home Again Rapid Re-Housing")
    dana_url = page.url

    # The children join the household: Sam from the start, Lee later.
    for child, joined in ((sam, start), (lee, start + datetime.timedelta(days=40))):
        page.get_by_role("link", name="Add a household member").click()
        page.get_by_role("searchbox", name="First or last name").fill("Cole")
        page.get_by_role("button", name="Search").click()
        row = page.get_by_role("form", name=f"Add {child.first_name} Cole")
        labelled(row, "Relationship to the head of household").select_option(
            label="Head of household's child"
        )
        labelled(row, "Joins the project on").fill(joined.isoformat())
        row.get_by_role("button", name=f"Add {child.first_name} Cole").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            f"Project start assessment: {child.first_name} Cole"
        )
        # A child is not asked the prior living situation (3.917: heads of household and adults).
        expect(labelled(page, "Prior living situation")).to_have_count(0)
        answer(page, "Covered by health insurance", "Yes")
        tick(page, "State Children's Health Insurance Program")
        page.get_by_role("button", name="Save the assessment").click()
        expect(page.get_by_role("status")).to_have_text("Assessment saved.")
        page.goto(dana_url)
    expect(page.get_by_role("table").filter(has_text="Relationship").get_by_role("row")).to_have_count(4)

    # The move-in date.
    labelled(page, "Housing move-in date").fill(today(-300).isoformat())
    page.get_by_role("button", name="Save the move-in date").click()
    expect(page.get_by_role("status")).to_have_text("Housing move-in date saved.")
    expect(page.locator(".hearth-facts")).to_contain_text(today(-300).isoformat())
    screenshot(page, "enrollment-household.png", tmp_path)
    assert_accessible_in_english_and_spanish(page)

    # The annual assessment, within 30 days of the anniversary of Dana's start.
    page.get_by_role("link", name="Annual assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Annual assessment: Dana Cole")
    assert_accessible_in_english_and_spanish(page)
    expect(labelled(page, "Date of the assessment")).to_have_value(today().isoformat())
    answer(page, "Income from any source", "Yes")
    tick(page, "Temporary Assistance for Needy Families (TANF)")
    labelled(page, "Temporary Assistance for Needy Families (TANF): monthly amount").fill("480")
    answer(page, "Non-cash benefits from any source", "Yes")
    tick(page, "Supplemental Nutrition Assistance Program (SNAP)")
    answer(page, "Covered by health insurance", "Yes")
    tick(page, "Medicaid")
    screenshot(page, "enrollment-annual-assessment.png", tmp_path)
    assert accessibility_violations(page) == []  # with the questions the answers revealed
    page.get_by_role("button", name="Save the assessment").click()
    expect(page.get_by_role("status")).to_have_text("Assessment saved.")
    assert IncomeBenefits.objects.filter(data_collection_stage=5).values_list(
        "information_date", "tanf_amount"
    ).get() == (
        today(),
        480,
    )
    due = anniversary(start, 1)
    page.goto(f"{live_server.url}/projects/")
    page.get_by_role("link", name="Annual assessments due in Home Again Rapid Re-Housing").click()
    expect(page.get_by_role("row", name=re.compile("^Sam Cole"))).to_contain_text(due.isoformat())
    expect(page.get_by_role("row", name=re.compile("^Lee Cole"))).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("^Dana Cole"))).to_have_count(0)
    assert_accessible_in_english_and_spanish(page)

    # The household leaves together.
    page.goto(dana_url)
    page.get_by_role("link", name="Exit the household").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Exit the household")
    assert_accessible_in_english_and_spanish(page)
    for member in ("Dana Cole", "Sam Cole", "Lee Cole"):
        part = page.get_by_role("region", name=member)
        labelled(part, "Project exit date").fill(today().isoformat())
        labelled(part, "Destination").select_option(label="Rental by client, with ongoing housing subsidy")
        labelled(part, "Rental subsidy type at the destination").select_option(
            label="RRH or equivalent subsidy"
        )
    screenshot(page, "enrollment-household-exit.png", tmp_path)
    assert accessibility_violations(page) == []  # with the questions the answers revealed
    page.get_by_role("button", name="Save the exit").click()

    expect(page.get_by_role("status")).to_have_text("Exit saved.")
    assert (
        sorted(Exit.objects.values_list("destination", "destination_subsidy_type", "exit_date"))
        == [(435, 431, today())] * 3
    )
    assert Enrollment.objects.get(client=dana).move_in_date == today(-300)
    assert console_errors == []


# --- A street outreach contact, with the keyboard only -----------------------------------------------------


def tab_to(page: Page, target: Locator, limit: int = 80) -> None:
    """Press Tab until ``target`` has the focus, as a keyboard user moves through the page."""
    for _ in range(limit):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def test_a_street_outreach_contact_with_the_keyboard_only(
    live_server, page: Page, console_errors, serve_axe, tmp_path
):
    agency = factories.OrganizationFactory(organization_name="Street Team")
    case_manager(agency)
    outreach = project(
        agency, ProjectType.STREET_OUTREACH, FundingSource.HUD_ESG_STREET_OUTREACH, "Downtown Street Outreach"
    )
    jordan = client_of(agency, "Jordan", "Hill", datetime.date(1975, 9, 30))

    page.goto(f"{live_server.url}/sign-in/")
    tab_to(page, labelled(page, "Username"))
    page.keyboard.type("casey")
    page.keyboard.press("Tab")
    page.keyboard.type(factories.DEFAULT_PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/enrollments/new/{jordan.pk}/")
    tab_to(page, labelled(page, "Project"))
    page.keyboard.press("ArrowDown")
    expect(labelled(page, "Project")).to_have_value(outreach.pk)
    page.keyboard.press("Tab")
    expect(labelled(page, "Project start date")).to_be_focused()
    page.keyboard.type(today(-1).strftime("%m%d%Y"))
    tab_to(page, page.get_by_role("button", name="Enroll"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Project start assessment: Jordan Hill")
    enrollment = Enrollment.objects.get()
    assert (enrollment.project_id, enrollment.entry_date) == (outreach.pk, today(-1))

    page.goto(f"{live_server.url}/enrollments/{enrollment.pk}/")
    tab_to(page, page.get_by_role("link", name="Contact"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a contact: Jordan Hill")
    assert_accessible_in_english_and_spanish(page)
    situation = labelled(page, "Current living situation")
    tab_to(page, situation)
    situation.press("Home")  # keyboard selection of an option: type its first letters
    page.keyboard.type("Staying or living in a friend")
    expect(situation).to_have_value("336")
    leave = question(page, "Must the client leave this living situation within 14 days?")
    expect(leave).to_be_visible()
    tab_to(page, labelled(leave, "No"))
    page.keyboard.press("ArrowRight")  # radios move with the arrow keys: No -> Yes
    expect(labelled(leave, "Yes")).to_be_checked()
    next_place = question(page, "Has a next place to live been found?")
    expect(next_place).to_be_visible()
    tab_to(page, labelled(next_place, "No"))
    page.keyboard.press("Space")
    tab_to(page, labelled(page, "Location details"))
    page.keyboard.type("Couch at a friend's apartment on North Avenue")
    screenshot(page, "enrollment-contact.png", tmp_path)
    assert accessibility_violations(page) == []  # with the questions the answers revealed
    tab_to(page, page.get_by_role("button", name="Record the contact"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_have_text("Contact recorded.")
    contact = CurrentLivingSituation.objects.get()
    assert (
        contact.information_date,
        contact.current_living_situation,
        contact.leave_situation14_days,
        contact.subsequent_residence,
        contact.location_details,
    ) == (today(), 336, 1, 0, "Couch at a friend's apartment on North Avenue")
    assert console_errors == []


# --- Correcting and removing past records -------------------------------------------------------------------


def test_past_records_are_corrected_and_removed(live_server, page: Page, console_errors, serve_axe):
    agency = factories.OrganizationFactory(organization_name="Harbor Light")
    staff = case_manager(agency)
    shelter = project(
        agency,
        ProjectType.EMERGENCY_SHELTER_NIGHT_BY_NIGHT,
        FundingSource.HUD_ESG_EMERGENCY_SHELTER_OPERATING_AND,
        "Harbor Light Night Shelter",
    )
    alex = client_of(agency, "Alex", "Rivera", datetime.date(1980, 5, 17))
    [enrollment] = services.enroll_household(
        user=staff, project_id=shelter.pk, head_personal_id=alex.pk, entry_date=today(-10)
    )
    services.record_service(
        user=staff, enrollment_id=enrollment.pk, date_provided=today(-3), record_type=200, type_provided=200
    )
    services.record_contact(
        user=staff,
        enrollment_id=enrollment.pk,
        information_date=today(-2),
        answers={"contact-current_living_situation": 116},
    )
    services.save_assessment(
        user=staff,
        enrollment_id=enrollment.pk,
        stage=Stage.UPDATE,
        information_date=today(-1),
        answers={"health-domestic_violence_survivor": 0},
    )
    sign_in(page, live_server, "casey")
    enrollment_url = f"{live_server.url}/enrollments/{enrollment.pk}/"
    page.goto(enrollment_url)
    assert_accessible_in_english_and_spanish(page)

    # A bed night moves to the night before.
    page.get_by_role("link", name=f"Correct the service of {today(-3).isoformat()}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Correct a service: Alex Rivera")
    assert_accessible_in_english_and_spanish(page)
    labelled(page, "Date provided").fill(today(-4).isoformat())
    page.get_by_role("button", name="Save the correction").click()
    expect(page.get_by_role("status")).to_have_text("Service corrected.")
    assert list(Services.objects.values_list("date_provided", flat=True)) == [today(-4)]

    # The contact's living situation is corrected.
    page.get_by_role("link", name=f"Correct the contact of {today(-2).isoformat()}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Correct a contact: Alex Rivera")
    assert_accessible_in_english_and_spanish(page)
    labelled(page, "Current living situation").select_option(
        label="Emergency shelter, including hotel or motel paid for with emergency shelter voucher, Host Home shelter"
    )
    page.get_by_role("button", name="Save the correction").click()
    expect(page.get_by_role("status")).to_have_text("Contact corrected.")
    assert CurrentLivingSituation.objects.get().current_living_situation == 101

    # The update assessment: corrected, then removed.
    day = today(-1).isoformat()
    page.get_by_role("link", name=f"Correct the Update of {day}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Update assessment: Alex Rivera")
    assert_accessible_in_english_and_spanish(page)
    answer(page, "Survivor of domestic violence", "Yes")
    labelled(page, "When the experience occurred").select_option(label="One year or more")
    answer(page, "Currently fleeing", "No")
    assert accessibility_violations(page) == []  # with the questions the answers revealed
    page.get_by_role("button", name="Save the correction").click()
    expect(page.get_by_role("status")).to_have_text("Assessment corrected.")
    assert HealthAndDV.objects.filter(data_collection_stage=2).values_list(
        "information_date", "domestic_violence_survivor", "when_occurred", "currently_fleeing"
    ).get() == (today(-1), 1, 4, 0)
    page.get_by_role("link", name=f"Remove the Update of {day}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Remove a record: Alex Rivera")
    assert_accessible_in_english_and_spanish(page)
    page.get_by_role("button", name="Remove").click()
    expect(page.get_by_role("status")).to_have_text("Assessment removed.")
    assert not HealthAndDV.objects.filter(data_collection_stage=2).exists()

    # The bed night and the contact are removed.
    page.get_by_role("link", name=f"Remove the service of {today(-4).isoformat()}").click()
    page.get_by_role("button", name="Remove").click()
    expect(page.get_by_role("status")).to_have_text("Service removed.")
    page.get_by_role("link", name=f"Remove the contact of {today(-2).isoformat()}").click()
    page.get_by_role("button", name="Remove").click()
    expect(page.get_by_role("status")).to_have_text("Contact removed.")
    expect(page.get_by_text("No service recorded yet.")).to_be_visible()
    expect(page.get_by_text("No contact recorded yet.")).to_be_visible()
    assert (Services.objects.count(), CurrentLivingSituation.objects.count()) == (0, 0)
    assert console_errors == []
