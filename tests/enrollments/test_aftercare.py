"""R20 Aftercare Plans on the exit page: asked when the project's funders collect it (RHY, except
street outreach), each dependent field shown only when it applies, saved in Exit.csv's columns,
and refused with a message on the field outside HUD's window (DT-09)."""

import datetime
import json
import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from hearth.enrollments import services
from hearth.enrollments.models import Exit
from hearth.hud.generated.lists import FundingSource, ProjectType
from tests import factories
from tests.access import world
from tests.enrollments.conftest import days_ago, project_of
from tests.enrollments.test_pages import enroll

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(staff):
    return world.browser(staff)


@pytest.fixture
def youth():
    return factories.ClientFactory(
        first_name="Jo", last_name="Lane", dob=datetime.date.today().replace(year=2006)
    )


@pytest.fixture
def living_program(agency):
    """An RHY Transitional Living Program (transitional housing)."""
    return project_of(
        agency,
        ProjectType.TRANSITIONAL_HOUSING,
        funder=FundingSource.HHS_RHY_TRANSITIONAL_LIVING_PROGRAM,
        name="Youth Living Program",
    )


@pytest.fixture
def youth_outreach(agency):
    return project_of(
        agency,
        ProjectType.STREET_OUTREACH,
        funder=FundingSource.HHS_RHY_STREET_OUTREACH_PROJECT,
        name="Youth Outreach",
    )


def condition_of(html: str, name: str) -> dict | None:
    """The show-if condition of the form group holding input ``name`` (None: always shown)."""
    match = re.search(
        r'<div class="usa-form-group"( data-show-if="([^"]*)")?>(?:(?!<div class="usa-form-group").)*?'
        rf'name="{re.escape(name)}"',
        html,
        re.S,
    )
    assert match is not None, f"no field {name}"
    return json.loads(match[2].replace("&quot;", '"')) if match[1] else None


def test_the_exit_page_asks_aftercare_with_each_field_shown_only_when_it_applies(
    browser, staff, living_program, youth
):
    [enrollment] = enroll(staff, living_program, youth)
    prefix = f"{enrollment.pk}-exit-"

    html = browser.get(f"/enrollments/{enrollment.pk}/exit/").content.decode()

    assert f'<h3 id="{enrollment.pk}-r20">Aftercare plans</h3>' in html
    assert condition_of(html, f"{prefix}aftercare_date") is None
    assert condition_of(html, f"{prefix}aftercare_provided") == {
        "field": "exit-aftercare_date",
        "op": "not null",
        "values": [],
    }
    for method in ("email_social_media", "telephone", "in_person_individual", "in_person_group"):
        assert condition_of(html, f"{prefix}{method}") == {
            "field": "exit-aftercare_provided",
            "op": "in",
            "values": [1],
        }


@pytest.mark.parametrize("project", ["youth_outreach", "shelter"])
def test_projects_whose_funders_do_not_collect_aftercare_do_not_ask_it(
    browser, staff, youth, project, request
):
    [enrollment] = enroll(staff, request.getfixturevalue(project), youth)

    response = browser.get(f"/enrollments/{enrollment.pk}/exit/")

    assertContains(response, "exit-destination")
    assertNotContains(response, "aftercare")


def exit_form(enrollment, **answers) -> dict:
    data = {"exit-exit_date": days_ago(0).isoformat(), "exit-destination": "410", **answers}
    return {f"{enrollment.pk}-{name}": value for name, value in data.items()}


def test_aftercare_is_saved_in_exit_csv_columns(browser, staff, living_program, youth):
    [enrollment] = enroll(staff, living_program, youth)

    response = browser.post(
        f"/enrollments/{enrollment.pk}/exit/",
        exit_form(
            enrollment,
            **{
                "exit-aftercare_date": days_ago(0).isoformat(),
                "exit-aftercare_provided": "1",
                "exit-telephone": "1",
                "exit-email_social_media": "0",
            },
        ),
    )

    assertRedirects(response, f"/enrollments/{enrollment.pk}/")
    saved = Exit.objects.get()
    assert (
        saved.aftercare_date,
        saved.aftercare_provided,
        saved.telephone,
        saved.email_social_media,
        saved.in_person_group,
    ) == (days_ago(0), 1, 1, 0, None)


def test_answers_that_do_not_apply_are_not_stored(browser, staff, living_program, youth):
    [enrollment] = enroll(staff, living_program, youth)

    browser.post(
        f"/enrollments/{enrollment.pk}/exit/",
        exit_form(enrollment, **{"exit-aftercare_provided": "0", "exit-telephone": "1"}),
    )

    saved = Exit.objects.get()
    assert (saved.aftercare_date, saved.aftercare_provided, saved.telephone) == (None, None, None)


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        (
            {"exit-aftercare_date": days_ago(1).isoformat(), "exit-aftercare_provided": "0"},
            "exit-aftercare_date",
            f"The aftercare date is from the exit date ({days_ago(0)}) to 180 days after it "
            f"({days_ago(0) + datetime.timedelta(days=180)}).",
        ),
        (
            {"exit-aftercare_date": days_ago(-1).isoformat(), "exit-aftercare_provided": "0"},
            "exit-aftercare_date",
            "The aftercare date cannot be in the future.",
        ),
        (
            {"exit-aftercare_date": days_ago(0).isoformat()},
            "exit-aftercare_provided",
            "Answer whether aftercare was provided.",
        ),
    ],
    ids=["before the exit", "in the future", "date without an answer"],
)
def test_aftercare_outside_hud_s_rules_is_refused_on_its_field(
    browser, staff, living_program, youth, answers, field, message
):
    [enrollment] = enroll(staff, living_program, youth)

    response = browser.post(f"/enrollments/{enrollment.pk}/exit/", exit_form(enrollment, **answers))

    assert response.status_code == 400
    assertContains(response, f'aria-describedby="id_{enrollment.pk}-{field}-error"', status_code=400)
    assertContains(response, message, status_code=400)
    assert Exit.objects.count() == 0


def test_aftercare_recorded_after_the_exit_is_checked_the_same_way(staff, living_program, youth):
    [enrollment] = enroll(staff, living_program, youth, start=days_ago(40))
    [exit_record] = services.exit_household_members(
        user=staff,
        exits=[services.MemberExit(enrollment.pk, {"exit-exit_date": days_ago(30), "exit-destination": 410})],
    )

    with pytest.raises(services.EnrollmentError) as refused:
        services.update_exit(
            user=staff,
            exit_id=exit_record.pk,
            values={"aftercare_date": days_ago(31), "aftercare_provided": 1},
        )
    services.update_exit(
        user=staff, exit_id=exit_record.pk, values={"aftercare_date": days_ago(2), "aftercare_provided": 1}
    )

    assert [(f.field, f.rule) for f in refused.value.findings] == [("exit-aftercare_date", "DT-09")]
    exit_record.refresh_from_db()
    assert (exit_record.aftercare_date, exit_record.aftercare_provided) == (days_ago(2), 1)
