"""The enrollment pages: what they show, how they answer bad input, and how many queries they make."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains, assertRedirects

from hearth.enrollments import services
from hearth.enrollments.assessments import Stage
from hearth.enrollments.models import Enrollment, Exit, IncomeBenefits, Services
from tests import factories
from tests.access import world
from tests.enrollments.conftest import days_ago, origin

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(staff):
    return world.browser(staff)


def enroll(staff, project, *people, start=None):
    clients = [origin(person, project.organization) for person in people]
    return services.enroll_household(
        user=staff,
        project_id=project.pk,
        head_personal_id=clients[0].pk,
        entry_date=start or days_ago(10),
        members=[services.Member(c.pk, 2) for c in clients[1:]],
    )


def children(count):
    return [
        factories.ClientFactory(first_name=f"Child{i}", dob=datetime.date(2015, 1, 1)) for i in range(count)
    ]


def queries_of(browser, url) -> int:
    """Queries of a page once the session is warm (the first request of a session records when the
    account was last seen)."""
    browser.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = browser.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


# --- Enroll ----------------------------------------------------------------------------------------


def test_enrolling_starts_the_project_start_assessment(browser, staff, shelter, adult):
    origin(adult, shelter.organization)

    page = browser.get(f"/enrollments/new/{adult.pk}/")
    response = browser.post(
        f"/enrollments/new/{adult.pk}/", {"project": shelter.pk, "entry_date": days_ago(2).isoformat()}
    )

    assertContains(page, f'<option value="{shelter.pk}">Harbor Light Shelter</option>', html=True)
    enrollment = Enrollment.objects.get()
    assertRedirects(response, f"/enrollments/{enrollment.pk}/assessments/entry/")
    assert (enrollment.client_id, enrollment.entry_date) == (adult.pk, days_ago(2))


def test_a_bad_enrollment_is_refused_with_the_message_on_its_field(browser, shelter, adult):
    origin(adult, shelter.organization)

    response = browser.post(
        f"/enrollments/new/{adult.pk}/", {"project": shelter.pk, "entry_date": days_ago(-3).isoformat()}
    )

    assert response.status_code == 400
    assertInHTML(
        '<span class="usa-error-message" id="id_entry_date-error" role="alert">'
        "The project start date cannot be in the future.</span>",
        response.content.decode(),
    )
    assertContains(response, 'aria-describedby="id_entry_date-error"', status_code=400)
    assert Enrollment.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"project": "nonsense", "entry_date": "2025-13-45"},
        {"project": "x" * 5000, "entry_date": "0000-00-00"},
        {"entry_date": ["2025-01-01", "2025-01-02"]},
    ],
)
def test_garbage_never_breaks_the_enroll_page(browser, shelter, adult, data):
    origin(adult, shelter.organization)

    response = browser.post(f"/enrollments/new/{adult.pk}/", data)

    assert response.status_code == 400
    assert Enrollment.objects.count() == 0


# --- The enrollment page ---------------------------------------------------------------------------


def test_the_enrollment_page_shows_the_household_and_completeness(browser, staff, rapid_rehousing):
    mother = factories.ClientFactory(first_name="Dana", last_name="Cole", dob=datetime.date(1990, 3, 2))
    head, child = enroll(staff, rapid_rehousing, mother, *children(1))
    services.save_assessment(
        user=staff,
        enrollment_id=head.pk,
        stage=Stage.PROJECT_ENTRY,
        answers={"enrollment-disabling_condition": 0, "enrollment-living_situation": 116},
    )

    response = browser.get(f"/enrollments/{head.pk}/")

    assertContains(response, "<h1>Dana Cole in Home Again</h1>", html=True)
    assertContains(
        response,
        f'<a class="usa-link" href="/enrollments/{child.pk}/">Child0 {child.client.last_name}</a>',
        html=True,
    )
    assertContains(response, "2 of 12 required elements answered (17%).")
    assertContains(response, '<h2 id="move-in-heading">Housing move-in date</h2>', html=True)
    assertContains(response, f'href="/enrollments/{head.pk}/exit/household/"')


def test_the_move_in_date_is_saved_from_the_enrollment_page(browser, staff, rapid_rehousing, adult):
    [head] = enroll(staff, rapid_rehousing, adult)

    bad = browser.post(f"/enrollments/{head.pk}/move-in/", {"move_in_date": days_ago(11).isoformat()})
    good = browser.post(f"/enrollments/{head.pk}/move-in/", {"move_in_date": days_ago(1).isoformat()})

    assert bad.status_code == 400
    assertInHTML(
        '<span class="usa-error-message" id="id_move_in_date-error" role="alert">'
        f"The move-in date is before the project start date ({days_ago(10)}).</span>",
        bad.content.decode(),
    )
    assertRedirects(good, f"/enrollments/{head.pk}/")
    assert Enrollment.objects.get().move_in_date == days_ago(1)


def test_the_enrollment_page_makes_the_same_queries_for_any_household(browser, staff, rapid_rehousing):
    [alone] = enroll(staff, rapid_rehousing, factories.ClientFactory())
    big = enroll(staff, rapid_rehousing, factories.ClientFactory(), *children(4))
    for member in big:
        services.save_assessment(
            user=staff,
            enrollment_id=member.pk,
            stage=Stage.PROJECT_ENTRY,
            answers={"income-insurance_from_any_source": 0},
        )

    small_count = queries_of(browser, f"/enrollments/{alone.pk}/")
    big_count = queries_of(browser, f"/enrollments/{big[0].pk}/")

    assert small_count == big_count == 25


# --- Assessments -----------------------------------------------------------------------------------


def test_the_project_start_page_asks_hud_s_questions_and_saves_them(browser, staff, shelter, adult):
    [enrollment] = enroll(staff, shelter, adult)
    url = f"/enrollments/{enrollment.pk}/assessments/entry/"

    page = browser.get(url)
    response = browser.post(
        url,
        {
            "enrollment-disabling_condition": "0",
            "enrollment-living_situation": "116",
            "income-income_from_any_source": "1",
            "income-earned": "on",
            "income-earned_amount": "320.50",
        },
    )

    html = page.content.decode()
    headings = re.findall(r'<h2 id="q-[^"]+">([^<]+)</h2>', html)
    assert headings == [
        "Disabling condition",
        "Prior living situation",
        "Income and sources",
        "Non-cash benefits",
        "Health insurance",
        "Physical disability",
        "Developmental disability",
        "Chronic health condition",
        "HIV/AIDS",
        "Mental health disorder",
        "Substance use disorder",
        "Domestic violence",
    ]
    assert (
        'data-show-if="{&quot;field&quot;:&quot;income-earned&quot;,&quot;op&quot;:&quot;in&quot;,&quot;values&quot;:[1]}"'
        in html
    )
    assertRedirects(response, f"/enrollments/{enrollment.pk}/")
    income = IncomeBenefits.objects.get()
    assert (income.data_collection_stage, income.information_date, str(income.earned_amount)) == (
        1,
        days_ago(10),
        "320.50",
    )


def test_an_inconsistent_answer_is_marked_on_its_field_and_nothing_is_saved(browser, staff, shelter, adult):
    [enrollment] = enroll(staff, shelter, adult)

    response = browser.post(
        f"/enrollments/{enrollment.pk}/assessments/entry/",
        {"income-income_from_any_source": "1", "income-earned": "on"},
    )

    assert response.status_code == 400
    assertInHTML(
        '<span class="usa-error-message" id="id_income-earned_amount-error" role="alert">'
        "Give the monthly amount of this income.</span>",
        response.content.decode(),
    )
    assert IncomeBenefits.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [
        {"income-earned_amount": "lots", "enrollment-living_situation": "'; drop table"},
        {"enrollment-disabling_condition": "7", "disability5-disability_response": "-1"},
        {"information_date": "yesterday", "income-other_income_source_identify": "x" * 500},
    ],
)
def test_garbage_never_breaks_an_assessment(browser, staff, shelter, adult, data):
    [enrollment] = enroll(staff, shelter, adult)

    for stage in ("entry", "update"):
        response = browser.post(f"/enrollments/{enrollment.pk}/assessments/{stage}/", data)
        assert response.status_code == 400
    assert IncomeBenefits.objects.count() == 0


def test_the_live_check_lists_the_problems_without_saving(browser, staff, shelter, adult):
    [enrollment] = enroll(staff, shelter, adult)

    response = browser.post(
        f"/enrollments/{enrollment.pk}/assessments/entry/check/",
        {"income-income_from_any_source": "1", "enrollment-living_situation": "8"},
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Income from any source</strong>: You answered yes: tick at least one source." in html
    assert "<strong>Prior living situation</strong>: The client did not know or would not answer" in html
    assert IncomeBenefits.objects.count() == 0
    assert Enrollment.objects.get().living_situation is None


def test_the_assessment_page_makes_the_same_queries_whatever_was_recorded(browser, staff, shelter):
    [fresh] = enroll(staff, shelter, factories.ClientFactory())
    [busy] = enroll(staff, shelter, factories.ClientFactory())
    for day in range(1, 6):
        services.save_assessment(
            user=staff,
            enrollment_id=busy.pk,
            stage=Stage.UPDATE,
            information_date=days_ago(day),
            answers={"income-income_from_any_source": 0},
        )

    assert (
        queries_of(browser, f"/enrollments/{fresh.pk}/assessments/update/")
        == queries_of(browser, f"/enrollments/{busy.pk}/assessments/update/")
        == 23
    )


# --- Exits -----------------------------------------------------------------------------------------


def test_the_household_exits_together_from_one_form(browser, staff, rapid_rehousing):
    head, child = enroll(staff, rapid_rehousing, factories.ClientFactory(), *children(1))
    url = f"/enrollments/{head.pk}/exit/household/"

    page = browser.get(url)
    response = browser.post(
        url,
        {
            f"{head.pk}-exit-exit_date": days_ago(0).isoformat(),
            f"{head.pk}-exit-destination": "410",
            f"{child.pk}-exit-exit_date": days_ago(0).isoformat(),
            f"{child.pk}-exit-destination": "410",
        },
    )

    assertContains(page, f'data-prefix="{child.pk}-"')
    assertRedirects(response, f"/enrollments/{head.pk}/")
    assert Exit.objects.count() == 2


def test_a_destination_that_is_not_one_is_refused_on_the_exit_page(browser, staff, shelter, adult):
    [enrollment] = enroll(staff, shelter, adult)

    response = browser.post(
        f"/enrollments/{enrollment.pk}/exit/",
        {
            f"{enrollment.pk}-exit-exit_date": days_ago(0).isoformat(),
            f"{enrollment.pk}-exit-destination": "336",
        },
    )

    assert response.status_code == 400
    assertContains(
        response, "Select a valid choice. 336 is not one of the available choices.", status_code=400
    )
    assertNotContains(response, '<option value="336"', status_code=400)
    assert Exit.objects.count() == 0


# --- Services, contacts and members ----------------------------------------------------------------


def test_a_bed_night_service_is_recorded_from_the_service_page(browser, staff, night_shelter, adult):
    [enrollment] = enroll(staff, night_shelter, adult)

    response = browser.post(
        f"/enrollments/{enrollment.pk}/services/new/",
        {"date_provided": days_ago(1).isoformat(), "record_type": "200", "type_provided-200": "200"},
    )

    assertRedirects(response, f"/enrollments/{enrollment.pk}/")
    assert list(Services.objects.values_list("record_type", "type_provided", "date_provided")) == [
        (200, 200, days_ago(1))
    ]


def test_a_contact_is_recorded_from_the_contact_page(browser, staff, outreach, adult):
    [enrollment] = enroll(staff, outreach, adult)

    response = browser.post(
        f"/enrollments/{enrollment.pk}/contacts/new/",
        {"information_date": days_ago(0).isoformat(), "contact-current_living_situation": "116"},
    )

    assertRedirects(response, f"/enrollments/{enrollment.pk}/")
    assert enrollment.current_living_situations.get().current_living_situation == 116


def test_a_member_is_found_by_name_and_added(browser, staff, rapid_rehousing):
    [head] = enroll(staff, rapid_rehousing, factories.ClientFactory(first_name="Dana"))
    son = origin(factories.ClientFactory(first_name="Samuel", last_name="Cole"), rapid_rehousing.organization)
    factories.ClientFactory(first_name="Samantha")  # not visible to this agency

    found = browser.get(f"/enrollments/{head.pk}/members/?q=sam")
    added = browser.post(
        f"/enrollments/{head.pk}/members/?q=sam",
        {
            "member-personal_id": son.pk,
            "member-relationship_to_hoh": "2",
            "member-entry_date": days_ago(3).isoformat(),
        },
    )

    assertContains(found, "<h3>Samuel Cole", count=1)
    assertNotContains(found, "Samantha")
    joined = Enrollment.objects.get(client=son)
    assertRedirects(added, f"/enrollments/{joined.pk}/assessments/entry/")
    assert (joined.household_id, joined.relationship_to_hoh, joined.entry_date) == (
        head.household_id,
        2,
        days_ago(3),
    )


# --- Project pages ---------------------------------------------------------------------------------


def test_the_nightly_check_in_saves_the_whole_roster_in_one_post(browser, staff, night_shelter):
    enrollments = [
        enroll(staff, night_shelter, factories.ClientFactory(), start=days_ago(5))[0] for _ in range(3)
    ]
    url = f"/projects/{night_shelter.pk}/bed-nights/"

    response = browser.post(url, {"night": days_ago(1).isoformat(), "everyone": "1"})

    assertRedirects(response, f"{url}?night={days_ago(1).isoformat()}")
    assert sorted(Services.objects.values_list("enrollment_id", flat=True)) == sorted(
        e.pk for e in enrollments
    )


def test_the_roster_pages_make_the_same_queries_for_any_number_of_people(browser, staff, night_shelter):
    url = f"/projects/{night_shelter.pk}/"
    nights = f"/projects/{night_shelter.pk}/bed-nights/"
    enroll(staff, night_shelter, factories.ClientFactory(), start=days_ago(5))
    one = (queries_of(browser, url), queries_of(browser, nights))
    for _ in range(5):
        enroll(staff, night_shelter, factories.ClientFactory(), start=days_ago(5))
    six = (queries_of(browser, url), queries_of(browser, nights))

    assert one == six == (24, 17)


def test_the_annual_assessments_due_are_listed(browser, staff, shelter):
    today = datetime.date.today()
    due = factories.ClientFactory(first_name="Due", last_name="Now")
    [due_enrollment] = enroll(
        staff, shelter, due, start=today.replace(year=today.year - 1) + datetime.timedelta(days=10)
    )
    enroll(staff, shelter, factories.ClientFactory(first_name="Not", last_name="Yet"), start=days_ago(100))

    response = browser.get(f"/projects/{shelter.pk}/annual-assessments/")

    assertContains(
        response, f'<a class="usa-link" href="/enrollments/{due_enrollment.pk}/">Due Now</a>', html=True
    )
    assertNotContains(response, "Not Yet")


def test_projects_list_only_the_agency_s_own(browser, staff, shelter):
    other = factories.ProjectFactory(project_name="Someone Else's Shelter")

    response = browser.get("/projects/")

    assertContains(response, "Harbor Light Shelter")
    assertNotContains(response, other.project_name)


def test_the_pages_speak_spanish(browser, staff, shelter, adult):
    [enrollment] = enroll(staff, shelter, adult)
    browser.cookies["hearth_language"] = "es"

    with translation.override("en"):  # the requests switch this thread to Spanish; switch it back after
        page = browser.get(f"/enrollments/{enrollment.pk}/")
        assessment = browser.get(f"/enrollments/{enrollment.pk}/assessments/entry/")

    assertContains(page, '<html lang="es">')
    assertContains(page, "<h1>Alex Rivera en Harbor Light Shelter</h1>", html=True)
    assertContains(page, "Refugio de emergencia – Entrada y salida")
    assertContains(page, "Registrar la salida de este miembro")
    assertContains(assessment, '<h2 id="q-402">Ingresos y fuentes</h2>', html=True)
    assertContains(assessment, '<h2 id="q-405">Discapacidad física</h2>', html=True)
    assertContains(assessment, "Guardar la evaluación")
    assertContains(
        assessment, '<optgroup label="Situaciones sin hogar"><option value="116">Lugar no apto para vivir'
    )
    assertContains(
        assessment,
        '<label class="usa-radio__label" for="id_enrollment-disabling_condition_2">El cliente no lo sabe</label>',
    )


def test_a_client_s_enrollments_for_the_profile_are_those_the_user_may_see(staff, shelter, adult):
    from hearth.enrollments.selectors import enrollments_of_client

    [mine] = enroll(staff, shelter, adult, start=days_ago(3))
    other_agency = factories.ProjectFactory()
    factories.EnrollmentFactory(client=adult, project=other_agency, entry_date=days_ago(1))

    assert enrollments_of_client(staff, adult.pk) == [mine]


def test_a_long_roster_comes_in_pages_of_fifty(browser, staff, night_shelter):
    for number in range(51):
        enroll(
            staff, night_shelter, factories.ClientFactory(last_name=f"Person{number:02d}"), start=days_ago(5)
        )

    first = browser.get(f"/projects/{night_shelter.pk}/")
    second = browser.get(f"/projects/{night_shelter.pk}/?page=2")

    assertContains(first, "51 people enrolled on")
    assertContains(first, "Page 1 of 2")
    assert first.content.decode().count('<th scope="row">') == 50
    assert second.content.decode().count('<th scope="row">') == 1
    assertContains(second, "Person50")


GARBAGE = [
    {},
    {"date_provided": "not a date", "record_type": "abc", "type_provided-200": "x" * 3000},
    {"night": "2025-02-30", "present": ["nobody", "' OR 1=1 --"], "everyone": "1"},
    {"move_in_date": "31/12/2025", "information_date": "soon", "contact-current_living_situation": "-5"},
    {"member-personal_id": "no-such-client", "member-relationship_to_hoh": "1", "member-entry_date": "x"},
    {"enrollment_id": "no-such-enrollment", "former_head_relationship": "77"},
]


@pytest.mark.parametrize("data", GARBAGE)
def test_garbage_never_breaks_a_form_and_writes_nothing(
    browser, staff, night_shelter, outreach, rapid_rehousing, data
):
    [shelter_stay] = enroll(staff, night_shelter, factories.ClientFactory(), start=days_ago(5))
    [street] = enroll(staff, outreach, factories.ClientFactory(), start=days_ago(5))
    family = enroll(staff, rapid_rehousing, factories.ClientFactory(), *children(1), start=days_ago(5))
    before = (Enrollment.objects.count(), Services.all_objects.count(), Exit.objects.count())

    statuses = {
        url: browser.post(url, data).status_code
        for url in (
            f"/enrollments/{shelter_stay.pk}/services/new/",
            f"/projects/{night_shelter.pk}/bed-nights/",
            f"/enrollments/{street.pk}/contacts/new/",
            f"/enrollments/{family[0].pk}/move-in/",
            f"/enrollments/{family[0].pk}/members/",
            f"/enrollments/{family[0].pk}/head/",
            f"/enrollments/{family[0].pk}/exit/household/",
        )
    }

    move_in = statuses.pop(f"/enrollments/{family[0].pk}/move-in/")
    assert set(statuses.values()) <= {400, 404}, statuses
    # An empty move-in date clears it (there was none): the only answer that is not refused.
    assert move_in == (302 if "move_in_date" not in data else 400)
    assert (Enrollment.objects.count(), Services.all_objects.count(), Exit.objects.count()) == before
    assert Enrollment.objects.get(pk=family[0].pk).move_in_date is None
