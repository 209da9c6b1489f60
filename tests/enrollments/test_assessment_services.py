"""Assessments by stage write exactly HUD's rows: the stage, the information date, the user."""

import datetime
from decimal import Decimal

import pytest
from django.http import Http404

from hearth.access.models import AuditEvent
from hearth.enrollments import services
from hearth.enrollments.assessments import Stage
from hearth.enrollments.models import (
    Disabilities,
    EmploymentEducation,
    Enrollment,
    HealthAndDV,
    IncomeBenefits,
    YouthEducationStatus,
)
from hearth.hud.age import anniversary
from tests import factories
from tests.enrollments.conftest import days_ago, origin

pytestmark = pytest.mark.django_db

ENTRY_ANSWERS = {
    "enrollment-disabling_condition": 1,
    "enrollment-living_situation": 435,
    "enrollment-rental_subsidy_type": 431,
    "enrollment-length_of_stay": 3,
    "income-income_from_any_source": 1,
    "income-earned": True,
    "income-earned_amount": Decimal("450.00"),
    "income-ssi": True,
    "income-ssi_amount": Decimal("943.00"),
    "income-benefits_from_any_source": 0,
    "income-snap": True,  # ignored: no benefits
    "income-insurance_from_any_source": 1,
    "income-medicaid": True,
    "disability5-disability_response": 1,
    "disability5-indefinite_and_impairs": 1,
    "disability6-disability_response": 0,
    "disability9-disability_response": 0,
    "disability9-indefinite_and_impairs": 1,  # ignored: only after a yes
    "health-domestic_violence_survivor": 0,
    "health-when_occurred": 1,  # ignored: only for survivors
}


@pytest.fixture
def enrolled(staff, shelter, adult):
    origin(adult, shelter.organization)
    [enrollment] = services.enroll_household(
        user=staff, project_id=shelter.pk, head_personal_id=adult.pk, entry_date=days_ago(10)
    )
    return enrollment


def test_project_start_writes_the_enrollment_fields_and_one_row_per_record_dated_the_start(staff, enrolled):
    saved = services.save_assessment(
        user=staff, enrollment_id=enrolled.pk, stage=Stage.PROJECT_ENTRY, answers=ENTRY_ANSWERS
    )

    enrollment = Enrollment.objects.get()
    assert (
        enrollment.disabling_condition,
        enrollment.living_situation,
        enrollment.rental_subsidy_type,
        enrollment.length_of_stay,
        enrollment.date_to_street_essh,
    ) == (1, 435, 431, 3, None)
    income = IncomeBenefits.objects.get()
    assert (income.data_collection_stage, income.information_date, income.user) == (
        1,
        days_ago(10),
        staff.hmis_user,
    )
    assert (income.income_from_any_source, income.earned, income.earned_amount) == (1, 1, Decimal("450.00"))
    assert (income.ssi, income.ssi_amount, income.unemployment, income.unemployment_amount) == (
        1,
        Decimal("943.00"),
        0,
        None,
    )
    assert income.total_monthly_income == Decimal("1393.00")
    assert (income.benefits_from_any_source, income.snap, income.wic) == (0, 0, 0)
    assert (income.insurance_from_any_source, income.medicaid, income.medicare) == (1, 1, 0)
    assert sorted(
        Disabilities.objects.values_list(
            "disability_type",
            "disability_response",
            "indefinite_and_impairs",
            "data_collection_stage",
            "information_date",
        )
    ) == [
        (5, 1, 1, 1, days_ago(10)),
        (6, 0, None, 1, days_ago(10)),
        (7, 99, None, 1, days_ago(10)),
        (8, 99, None, 1, days_ago(10)),
        (9, 0, None, 1, days_ago(10)),
        (10, 99, None, 1, days_ago(10)),
    ]
    health = HealthAndDV.objects.get()
    assert (health.domestic_violence_survivor, health.when_occurred, health.data_collection_stage) == (
        0,
        None,
        1,
    )
    assert EmploymentEducation.objects.count() == 0  # R4-R6 are not required of an ESG shelter
    assert YouthEducationStatus.objects.count() == 0
    assert len(saved.records) == 1 + 1 + 1 + 6
    assert {w.field for w in saved.warnings} == {
        "disability7-disability_response",
        "disability8-disability_response",
        "disability10-disability_response",
    }
    updates = AuditEvent.objects.filter(action="update", object_type="enrollments.Enrollment").get()
    assert updates.detail["changes"]["living_situation"] == [None, 435]
    assert updates.detail["changes"]["disabling_condition"] == [99, 1]
    assert AuditEvent.objects.filter(action="create", object_type="enrollments.Disabilities").count() == 6


def test_saving_the_project_start_again_corrects_it_in_place(staff, enrolled):
    services.save_assessment(
        user=staff, enrollment_id=enrolled.pk, stage=Stage.PROJECT_ENTRY, answers=ENTRY_ANSWERS
    )

    services.save_assessment(
        user=staff,
        enrollment_id=enrolled.pk,
        stage=Stage.PROJECT_ENTRY,
        answers=ENTRY_ANSWERS | {"income-income_from_any_source": 0},
    )

    income = IncomeBenefits.objects.get()
    assert (
        income.income_from_any_source,
        income.earned,
        income.earned_amount,
        income.total_monthly_income,
    ) == (
        0,
        0,
        None,
        Decimal("0.00"),
    )
    assert Disabilities.objects.count() == 6
    change = AuditEvent.objects.filter(action="update", object_type="enrollments.IncomeBenefits").get()
    assert change.detail["changes"]["earned_amount"] == ["450.00", None]


def test_an_update_adds_new_rows_on_its_date(staff, enrolled):
    services.save_assessment(
        user=staff, enrollment_id=enrolled.pk, stage=Stage.PROJECT_ENTRY, answers=ENTRY_ANSWERS
    )

    services.save_assessment(
        user=staff,
        enrollment_id=enrolled.pk,
        stage=Stage.UPDATE,
        information_date=days_ago(2),
        answers={
            "income-income_from_any_source": 0,
            "health-domestic_violence_survivor": 1,
            "health-when_occurred": 4,
        },
    )

    assert sorted(IncomeBenefits.objects.values_list("data_collection_stage", "information_date")) == [
        (1, days_ago(10)),
        (2, days_ago(2)),
    ]
    update = HealthAndDV.objects.get(data_collection_stage=2)
    assert (update.information_date, update.domestic_violence_survivor, update.when_occurred) == (
        days_ago(2),
        1,
        4,
    )
    assert Disabilities.objects.filter(data_collection_stage=2).count() == 6


def test_an_annual_assessment_is_dated_within_30_days_of_the_heads_anniversary(staff, shelter, adult):
    origin(adult, shelter.organization)
    start = days_ago(370)
    [enrollment] = services.enroll_household(
        user=staff, project_id=shelter.pk, head_personal_id=adult.pk, entry_date=start
    )
    due = anniversary(start, 1)

    with pytest.raises(services.EnrollmentError) as refused:
        services.save_assessment(
            user=staff,
            enrollment_id=enrollment.pk,
            stage=Stage.ANNUAL_ASSESSMENT,
            information_date=due - datetime.timedelta(days=31),
            answers={"income-income_from_any_source": 0},
        )
    services.save_assessment(
        user=staff,
        enrollment_id=enrollment.pk,
        stage=Stage.ANNUAL_ASSESSMENT,
        information_date=due,
        answers={"income-income_from_any_source": 0, "income-benefits_from_any_source": 0},
    )
    services.save_assessment(
        user=staff,
        enrollment_id=enrollment.pk,
        stage=Stage.ANNUAL_ASSESSMENT,
        information_date=due + datetime.timedelta(days=2),
        answers={
            "income-income_from_any_source": 1,
            "income-pension": True,
            "income-pension_amount": Decimal("300"),
        },
    )

    assert refused.value.by_field == {
        "information_date": [
            "An annual assessment is dated within 30 days before or after the anniversary of the head of "
            "household's project start."
        ]
    }
    annual = IncomeBenefits.objects.get()  # the second one that year corrected the first
    assert (annual.data_collection_stage, annual.information_date, annual.pension_amount) == (
        5,
        due + datetime.timedelta(days=2),
        Decimal("300.00"),
    )
    assert Disabilities.objects.count() == 0  # disabilities are not asked at the annual assessment


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            {"enrollment-living_situation": 999},
            {"enrollment-living_situation": ["Choose one of the answers listed."]},
        ),
        (
            {"enrollment-living_situation": 24},
            {"enrollment-living_situation": ["Choose one of the answers listed."]},
        ),
        (
            {"income-income_from_any_source": 1},
            {"income-income_from_any_source": ["You answered yes: tick at least one source."]},
        ),
        (
            {"income-income_from_any_source": 1, "income-earned": True},
            {"income-earned_amount": ["Give the monthly amount of this income."]},
        ),
        (
            {
                "income-income_from_any_source": 1,
                "income-other_income_source": True,
                "income-other_income_amount": Decimal("5"),
                "income-other_income_source_identify": "<script>",
            },
            {
                "income-other_income_source_identify": [
                    "Remove the characters < > [ ] { }: HUD's data format does not carry them."
                ]
            },
        ),
        (
            {
                "income-income_from_any_source": 1,
                "income-earned": True,
                "income-earned_amount": Decimal("-1"),
            },
            {"income-earned_amount": ["Enter an amount in dollars and cents, 0 or more, such as 450.00."]},
        ),
        (
            {"enrollment-date_to_street_essh": days_ago(-1)},
            {
                "enrollment-date_to_street_essh": [
                    f"This date is after the project start date ({days_ago(10)})."
                ]
            },
        ),
    ],
)
def test_bad_answers_are_refused_with_a_message_on_the_field_and_nothing_is_written(
    staff, enrolled, answers, expected
):
    with pytest.raises(services.EnrollmentError) as refused:
        services.save_assessment(
            user=staff, enrollment_id=enrolled.pk, stage=Stage.PROJECT_ENTRY, answers=answers
        )

    assert refused.value.by_field == expected
    assert IncomeBenefits.objects.count() == Disabilities.objects.count() == HealthAndDV.objects.count() == 0
    assert Enrollment.objects.get().living_situation is None
    assert not AuditEvent.objects.filter(action="update").exists()


def test_an_update_dated_before_the_project_start_is_refused(staff, enrolled):
    with pytest.raises(services.EnrollmentError) as refused:
        services.save_assessment(
            user=staff,
            enrollment_id=enrolled.pk,
            stage=Stage.UPDATE,
            information_date=days_ago(11),
            answers={},
        )

    assert refused.value.by_field == {
        "information_date": [f"The date is before the project start date ({days_ago(10)})."]
    }


def test_an_enrollment_of_another_agency_cannot_be_assessed(staff, enrolled):
    outsider = factories.AccountFactory(username="dana", acting_organization=factories.OrganizationFactory())

    with pytest.raises(Http404):
        services.save_assessment(
            user=outsider, enrollment_id=enrolled.pk, stage=Stage.PROJECT_ENTRY, answers=ENTRY_ANSWERS
        )

    assert IncomeBenefits.objects.count() == 0


def test_a_child_is_not_asked_what_hud_asks_of_adults(staff, rapid_rehousing):
    agency = rapid_rehousing.organization
    mother = origin(factories.ClientFactory(dob=datetime.date(1990, 1, 1)), agency)
    child = origin(factories.ClientFactory(dob=datetime.date(2018, 1, 1)), agency)
    [_head, member] = services.enroll_household(
        user=staff,
        project_id=rapid_rehousing.pk,
        head_personal_id=mother.pk,
        entry_date=days_ago(5),
        members=[services.Member(child.pk, 2)],
    )

    services.save_assessment(
        user=staff,
        enrollment_id=member.pk,
        stage=Stage.PROJECT_ENTRY,
        answers={
            "enrollment-living_situation": 116,  # 3.917 is for heads and adults: ignored
            "income-income_from_any_source": 1,  # 4.02 is for heads and adults: ignored
            "income-insurance_from_any_source": 1,
            "income-schip": True,
        },
    )

    child_enrollment = Enrollment.objects.get(pk=member.pk)
    assert child_enrollment.living_situation is None
    income = IncomeBenefits.objects.get(enrollment=member)
    assert (income.income_from_any_source, income.insurance_from_any_source, income.schip) == (None, 1, 1)
    assert HealthAndDV.objects.filter(enrollment=member).count() == 0  # 4.11 is for heads and adults
