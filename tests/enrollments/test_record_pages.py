"""Correcting and removing a past service, contact or update/annual assessment from the pages:
through the one-record services, with the checks of a new record, messages on the fields, an audit
entry per row written, and only for the agency running the project (others: 404, nothing changed)."""

from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains, assertInHTML, assertRedirects

from hearth.access.models import AuditEvent
from hearth.enrollments import services
from hearth.enrollments.assessments import Stage
from hearth.enrollments.models import CurrentLivingSituation, IncomeBenefits, Services
from hearth.hud.generated.lists import FundingSource, ProjectType
from tests import factories
from tests.access import world
from tests.enrollments.conftest import days_ago, member_of, origin, project_of
from tests.enrollments.test_pages import enroll

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(staff):
    return world.browser(staff)


@pytest.fixture
def outsider():
    """A case manager of another agency."""
    return member_of(factories.OrganizationFactory(organization_name="Elsewhere"), username="dana")


def error_on(response, field: str, message: str) -> None:
    assertInHTML(
        f'<span class="usa-error-message" id="id_{field}-error" role="alert">{message}</span>',
        response.content.decode(),
    )


def audited(action: str, record) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action, object_id=record.pk))


# --- Services --------------------------------------------------------------------------------------


@pytest.fixture
def bed_night(staff, night_shelter, adult):
    [enrollment] = enroll(staff, night_shelter, adult)
    return services.record_service(
        user=staff,
        enrollment_id=enrollment.pk,
        date_provided=days_ago(2),
        record_type=200,
        type_provided=200,
    )


def test_a_service_is_shown_corrected_and_audited(browser, bed_night):
    url = f"/enrollments/{bed_night.enrollment_id}/services/{bed_night.pk}/edit/"

    page = browser.get(url)
    response = browser.post(
        url, {"date_provided": days_ago(3).isoformat(), "record_type": "200", "type_provided-200": "200"}
    )

    assertContains(page, "<h1>Correct a service: Alex Rivera</h1>", html=True)
    assertContains(page, f'value="{days_ago(2).isoformat()}"')
    assertRedirects(response, f"/enrollments/{bed_night.enrollment_id}/")
    bed_night.refresh_from_db()
    assert bed_night.date_provided == days_ago(3)
    [event] = audited("update", bed_night)
    assert event.detail["changes"] == {"date_provided": [days_ago(2).isoformat(), days_ago(3).isoformat()]}


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (-1, "The date cannot be in the future."),
        (40, "The date is before the project start date"),
    ],
)
def test_a_service_correction_keeps_to_the_stay(browser, bed_night, day, message):
    url = f"/enrollments/{bed_night.enrollment_id}/services/{bed_night.pk}/edit/"

    response = browser.post(
        url, {"date_provided": days_ago(day).isoformat(), "record_type": "200", "type_provided-200": "200"}
    )

    assert response.status_code == 400
    assertContains(response, 'aria-describedby="id_date_provided-error"', status_code=400)
    assertContains(response, message, status_code=400)
    bed_night.refresh_from_db()
    assert bed_night.date_provided == days_ago(2)
    assert audited("update", bed_night) == []


def test_a_service_is_removed_after_confirming(browser, bed_night):
    url = f"/enrollments/{bed_night.enrollment_id}/services/{bed_night.pk}/remove/"

    page = browser.get(url)
    still_there = Services.objects.filter(pk=bed_night.pk).exists()
    response = browser.post(url)

    assertContains(page, f"Remove Bed night of {days_ago(2).isoformat()}?")
    assert still_there
    assertRedirects(response, f"/enrollments/{bed_night.enrollment_id}/")
    assert not Services.objects.filter(pk=bed_night.pk).exists()
    assert Services.all_objects.get(pk=bed_night.pk).date_deleted is not None
    assert len(audited("delete", bed_night)) == 1


def test_another_agency_cannot_correct_or_remove_a_service(outsider, bed_night):
    other = world.browser(outsider)
    base = f"/enrollments/{bed_night.enrollment_id}/services/{bed_night.pk}"

    responses = [
        other.get(f"{base}/edit/"),
        other.post(f"{base}/edit/", {"date_provided": days_ago(3).isoformat(), "record_type": "200"}),
        other.post(f"{base}/remove/"),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404]
    bed_night.refresh_from_db()
    assert (bed_night.date_provided, bed_night.date_deleted) == (days_ago(2), None)


def test_a_service_of_another_enrollment_is_not_found_under_this_one(
    browser, staff, night_shelter, bed_night
):
    [other] = enroll(staff, night_shelter, factories.ClientFactory())

    response = browser.get(f"/enrollments/{other.pk}/services/{bed_night.pk}/edit/")

    assert response.status_code == 404


# --- Contacts --------------------------------------------------------------------------------------


@pytest.fixture
def contact(staff, outreach, adult):
    [enrollment] = enroll(staff, outreach, adult)
    return services.record_contact(
        user=staff,
        enrollment_id=enrollment.pk,
        information_date=days_ago(2),
        answers={"contact-current_living_situation": 116},
    )


def test_a_contact_is_corrected_and_audited(browser, contact):
    url = f"/enrollments/{contact.enrollment_id}/contacts/{contact.pk}/edit/"

    page = browser.get(url)
    response = browser.post(
        url,
        {"information_date": days_ago(1).isoformat(), "contact-current_living_situation": "101"},
    )

    assertContains(page, "<h1>Correct a contact: Alex Rivera</h1>", html=True)
    assertContains(page, '<option value="116" selected>')
    assertRedirects(response, f"/enrollments/{contact.enrollment_id}/")
    contact.refresh_from_db()
    assert (contact.information_date, contact.current_living_situation) == (days_ago(1), 101)
    assert len(audited("update", contact)) == 1


def test_a_contact_correction_is_checked_as_a_new_contact(browser, contact):
    url = f"/enrollments/{contact.enrollment_id}/contacts/{contact.pk}/edit/"

    future = browser.post(
        url, {"information_date": days_ago(-2).isoformat(), "contact-current_living_situation": "101"}
    )
    not_a_code = browser.post(
        url, {"information_date": days_ago(1).isoformat(), "contact-current_living_situation": "4242"}
    )

    assert (future.status_code, not_a_code.status_code) == (400, 400)
    error_on(future, "information_date", "The date cannot be in the future.")
    assertContains(
        not_a_code, 'aria-describedby="id_contact-current_living_situation-error"', status_code=400
    )
    contact.refresh_from_db()
    assert (contact.information_date, contact.current_living_situation) == (days_ago(2), 116)
    assert audited("update", contact) == []


def test_a_contact_is_removed(browser, contact, outsider):
    url = f"/enrollments/{contact.enrollment_id}/contacts/{contact.pk}/remove/"

    denied = world.browser(outsider).post(url)
    response = browser.post(url)

    assert denied.status_code == 404
    assertRedirects(response, f"/enrollments/{contact.enrollment_id}/")
    assert not CurrentLivingSituation.objects.filter(pk=contact.pk).exists()
    assert len(audited("delete", contact)) == 1


# --- Update and annual assessments -----------------------------------------------------------------


@pytest.fixture
def updated(staff, shelter, adult):
    """An enrollment with an update assessment recorded 3 days ago: income, $200 earned."""
    [enrollment] = enroll(staff, shelter, adult, start=days_ago(20))
    services.save_assessment(
        user=staff,
        enrollment_id=enrollment.pk,
        stage=Stage.UPDATE,
        information_date=days_ago(3),
        answers={
            "income-income_from_any_source": 1,
            "income-earned": True,
            "income-earned_amount": Decimal("200.00"),
        },
    )
    return enrollment


def test_an_update_assessment_shows_its_answers_and_is_corrected_in_place(browser, updated):
    url = f"/enrollments/{updated.pk}/assessments/update/{days_ago(3).isoformat()}/edit/"

    page = browser.get(url)
    response = browser.post(
        url,
        {
            "information_date": days_ago(4).isoformat(),
            "income-income_from_any_source": "1",
            "income-earned": "on",
            "income-earned_amount": "250.00",
        },
    )

    assertContains(page, f"Correcting the assessment recorded on {days_ago(3).isoformat()}.")
    assertContains(page, 'name="income-earned_amount" step="0.01" type="number" value="200.00"')
    assertRedirects(response, f"/enrollments/{updated.pk}/")
    [income] = IncomeBenefits.objects.filter(enrollment=updated, data_collection_stage=Stage.UPDATE)
    assert (income.information_date, str(income.earned_amount), str(income.total_monthly_income)) == (
        days_ago(4),
        "250.00",
        "250.00",
    )
    assert len(audited("update", income)) == 1


def test_an_update_correction_is_checked_as_a_new_assessment(browser, updated):
    url = f"/enrollments/{updated.pk}/assessments/update/{days_ago(3).isoformat()}/edit/"

    response = browser.post(
        url,
        {
            "information_date": days_ago(3).isoformat(),
            "income-income_from_any_source": "1",
            "income-earned": "on",
        },
    )
    before_start = browser.post(url, {"information_date": days_ago(30).isoformat()})

    assert (response.status_code, before_start.status_code) == (400, 400)
    error_on(response, "income-earned_amount", "Give the monthly amount of this income.")
    assertContains(before_start, 'aria-describedby="id_information_date-error"', status_code=400)
    income = IncomeBenefits.objects.get(enrollment=updated, data_collection_stage=Stage.UPDATE)
    assert (income.information_date, str(income.earned_amount)) == (days_ago(3), "200.00")


def test_an_update_assessment_is_removed_with_all_its_rows(browser, updated):
    url = f"/enrollments/{updated.pk}/assessments/update/{days_ago(3).isoformat()}/remove/"
    rows = list(IncomeBenefits.objects.filter(enrollment=updated, data_collection_stage=Stage.UPDATE))

    page = browser.get(url)
    response = browser.post(url)

    assertContains(page, f"Remove Update assessment of {days_ago(3).isoformat()}?")
    assertRedirects(response, f"/enrollments/{updated.pk}/")
    assert not IncomeBenefits.objects.filter(enrollment=updated, data_collection_stage=Stage.UPDATE).exists()
    assert [len(audited("delete", row)) for row in rows] == [1] * len(rows)


@pytest.mark.parametrize(
    "path",
    [
        "update/{day}/edit/",
        "update/{day}/remove/",
        "update/2025-02-30/edit/",
        "entry/{day}/edit/",
        "update/{other}/remove/",
    ],
    ids=[
        "another agency edits",
        "another agency removes",
        "not a date",
        "project start",
        "no update that day",
    ],
)
def test_an_assessment_that_is_not_there_or_not_theirs_is_not_found(browser, outsider, updated, path):
    url = f"/enrollments/{updated.pk}/assessments/" + path.format(
        day=days_ago(3).isoformat(), other=days_ago(5).isoformat()
    )
    who = world.browser(outsider) if path.startswith("update/{day}") else browser

    responses = [who.get(url), who.post(url, {"information_date": days_ago(1).isoformat()})]

    assert [r.status_code for r in responses] == [404, 404]
    income = IncomeBenefits.objects.get(enrollment=updated, data_collection_stage=Stage.UPDATE)
    assert (income.information_date, income.date_deleted) == (days_ago(3), None)


def test_an_annual_assessment_cannot_move_into_a_year_that_has_one(staff, adult, agency):
    shelter = project_of(
        agency,
        ProjectType.EMERGENCY_SHELTER_ENTRY_EXIT,
        funder=FundingSource.HUD_ESG_EMERGENCY_SHELTER_OPERATING_AND,
    )
    origin(adult, agency)
    [enrollment] = services.enroll_household(
        user=staff, project_id=shelter.pk, head_personal_id=adult.pk, entry_date=days_ago(2 * 365 + 5)
    )
    for years in (1, 2):
        services.save_assessment(
            user=staff,
            enrollment_id=enrollment.pk,
            stage=Stage.ANNUAL_ASSESSMENT,
            information_date=enrollment.entry_date.replace(year=enrollment.entry_date.year + years),
            answers={"income-income_from_any_source": 0},
        )
    first = enrollment.entry_date.replace(year=enrollment.entry_date.year + 1)
    second = enrollment.entry_date.replace(year=enrollment.entry_date.year + 2)

    with pytest.raises(services.EnrollmentError) as refused:
        services.save_assessment(
            user=staff,
            enrollment_id=enrollment.pk,
            stage=Stage.ANNUAL_ASSESSMENT,
            information_date=second,
            answers={"income-income_from_any_source": 0},
            recorded_on=first,
        )

    assert refused.value.by_field == {
        "information_date": [
            f"An annual assessment of that year is already recorded ({second}): change that one."
        ]
    }
    assert sorted(
        IncomeBenefits.objects.filter(enrollment=enrollment, data_collection_stage=5).values_list(
            "information_date", flat=True
        )
    ) == [first, second]


# --- The enrollment page links to them ---------------------------------------------------------------


def test_the_enrollment_page_links_each_past_record_to_its_correction(browser, staff, outsider, updated):
    page = browser.get(f"/enrollments/{updated.pk}/")
    day = days_ago(3).isoformat()

    assertContains(page, f'href="/enrollments/{updated.pk}/assessments/update/{day}/edit/"')
    assertContains(page, f'href="/enrollments/{updated.pk}/assessments/update/{day}/remove/"')
    assert f"/enrollments/{updated.pk}/assessments/entry/" + day not in page.content.decode()


CORRECTION_GARBAGE = [
    {},
    {"date_provided": "not a date", "record_type": "abc", "type_provided-200": "x" * 3000},
    {"information_date": "soon", "contact-current_living_situation": "-5"},
    {"information_date": "9999-12-31", "income-earned_amount": "lots", "income-income_from_any_source": "7"},
    {"information_date": "0001-01-01", "date_provided": "0001-01-01", "record_type": "200"},
    {"information_date": ["2025-01-01", "2025-01-02"], "contact-current_living_situation": "' OR 1=1 --"},
]


@pytest.mark.parametrize("data", CORRECTION_GARBAGE)
def test_garbage_never_breaks_a_correction_and_changes_nothing(
    browser, staff, bed_night, outreach, shelter, data
):
    [met] = enroll(staff, outreach, factories.ClientFactory())
    contact = services.record_contact(
        user=staff,
        enrollment_id=met.pk,
        information_date=days_ago(2),
        answers={"contact-current_living_situation": 116},
    )
    [annual] = enroll(staff, shelter, factories.ClientFactory(), start=days_ago(370))
    services.save_assessment(
        user=staff,
        enrollment_id=annual.pk,
        stage=Stage.ANNUAL_ASSESSMENT,
        information_date=days_ago(5),
        answers={"income-income_from_any_source": 0},
    )
    urls = [
        f"/enrollments/{bed_night.enrollment_id}/services/{bed_night.pk}/edit/",
        f"/enrollments/{contact.enrollment_id}/contacts/{contact.pk}/edit/",
        f"/enrollments/{annual.pk}/assessments/annual/{days_ago(5).isoformat()}/edit/",
    ]
    before = AuditEvent.objects.filter(action__in=["update", "create", "delete"]).count()

    statuses = [browser.post(url, data).status_code for url in urls]

    assert statuses == [400, 400, 400]
    assert AuditEvent.objects.filter(action__in=["update", "create", "delete"]).count() == before
