"""One stage record at a time (stage_records): exactly the row asked for, checked as the forms check
it, dated as HUD dates its stage, or nothing written and a message naming HUD's column."""

from decimal import Decimal

import pytest
from django.http import Http404

from hearth.access.models import AuditEvent
from hearth.access.permissions import Role
from hearth.enrollments import services, stage_records
from hearth.enrollments.data_quality import EnrollmentError
from hearth.enrollments.models import (
    Disabilities,
    EmploymentEducation,
    Enrollment,
    Exit,
    HealthAndDV,
    IncomeBenefits,
    YouthEducationStatus,
)
from tests import factories
from tests.access import world
from tests.enrollments.conftest import days_ago, member_of, origin

pytestmark = pytest.mark.django_db

INCOME = "IncomeBenefits.csv"
ENTRY, UPDATE, EXIT, ANNUAL = 1, 2, 3, 5
ALL_STAGE_MODELS = (IncomeBenefits, HealthAndDV, Disabilities, EmploymentEducation, YouthEducationStatus)


def enroll(staff, project, person, *, days: int = 10) -> Enrollment:
    origin(person, project.organization)
    [enrollment] = services.enroll_household(
        user=staff, project_id=project.pk, head_personal_id=person.pk, entry_date=days_ago(days)
    )
    return enrollment


@pytest.fixture
def enrolled(staff, shelter, adult):
    return enroll(staff, shelter, adult)


def create(staff, enrollment, file=INCOME, stage=UPDATE, day=None, **values):
    return stage_records.create_stage_record(
        user=staff,
        file=file,
        enrollment_id=enrollment.pk,
        data_collection_stage=stage,
        information_date=day if day is not None or stage in (ENTRY, EXIT) else days_ago(2),
        disability_type=values.pop("DisabilityType", None),
        values=values,
    )


def refused(call, *args, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(EnrollmentError) as error:
        call(*args, **kwargs)
    return error.value.by_field


def stage_rows() -> int:
    return sum(model.all_objects.count() for model in ALL_STAGE_MODELS)


# --- Create ----------------------------------------------------------------------------------------


def test_an_update_record_writes_one_row_with_its_values_stamped_and_audited(staff, enrolled):
    record = create(
        staff,
        enrolled,
        IncomeFromAnySource=1,
        Earned=1,
        EarnedAmount=Decimal("450.00"),
        SSI=1,
        SSIAmount=Decimal("943.00"),
    )

    row = IncomeBenefits.objects.get()
    assert row == record
    assert (row.enrollment_id, row.client_id, row.data_collection_stage, row.information_date) == (
        enrolled.pk,
        enrolled.client_id,
        UPDATE,
        days_ago(2),
    )
    assert (row.income_from_any_source, row.earned, row.earned_amount, row.ssi, row.ssi_amount) == (
        1,
        1,
        Decimal("450.00"),
        1,
        Decimal("943.00"),
    )
    # IB-01: the other sources are no, the total is the sum of the amounts.
    assert (row.unemployment, row.pension, row.total_monthly_income) == (0, 0, Decimal("1393.00"))
    assert row.user == staff.hmis_user
    assert stage_rows() == 1, "no other file's row is written"
    event = AuditEvent.objects.get(action="create", object_type="enrollments.IncomeBenefits")
    assert (event.object_id, event.personal_id) == (row.pk, enrolled.client_id)


def test_project_start_is_dated_the_project_start_and_there_is_one_per_file(staff, enrolled):
    record = create(staff, enrolled, HealthAndDV.hud_file, ENTRY, DomesticViolenceSurvivor=0)
    assert (record.data_collection_stage, record.information_date) == (ENTRY, enrolled.entry_date)

    again = refused(create, staff, enrolled, HealthAndDV.hud_file, ENTRY, DomesticViolenceSurvivor=1)
    assert list(again) == ["DataCollectionStage"]
    other_day = refused(create, staff, enrolled, INCOME, ENTRY, days_ago(1), IncomeFromAnySource=0)
    assert list(other_day) == ["InformationDate"]
    assert stage_rows() == 1


def test_one_project_start_row_per_disability_type(staff, enrolled):
    create(staff, enrolled, Disabilities.hud_file, ENTRY, DisabilityType=5, DisabilityResponse=0)
    create(staff, enrolled, Disabilities.hud_file, ENTRY, DisabilityType=6, DisabilityResponse=1)

    again = refused(
        create, staff, enrolled, Disabilities.hud_file, ENTRY, DisabilityType=5, DisabilityResponse=1
    )
    assert list(again) == ["DataCollectionStage"]
    assert sorted(Disabilities.objects.values_list("disability_type", "disability_response")) == [
        (5, 0),
        (6, 1),
    ]


def test_an_exit_record_needs_the_exit_and_is_dated_it(staff, enrolled):
    assert list(refused(create, staff, enrolled, INCOME, EXIT, IncomeFromAnySource=0)) == [
        "DataCollectionStage"
    ]
    Exit.objects.create(
        enrollment=enrolled,
        client=enrolled.client,
        exit_date=days_ago(1),
        destination=410,
        user=staff.hmis_user,
    )

    record = create(staff, enrolled, INCOME, EXIT, IncomeFromAnySource=0)

    assert (record.data_collection_stage, record.information_date) == (EXIT, days_ago(1))


def test_an_update_is_dated_during_the_stay(staff, enrolled):
    before = refused(create, staff, enrolled, day=days_ago(11), IncomeFromAnySource=0)
    future = refused(create, staff, enrolled, day=days_ago(-1), IncomeFromAnySource=0)
    assert (list(before), list(future)) == (["InformationDate"], ["InformationDate"])
    assert list(refused(create, staff, enrolled, stage=6, IncomeFromAnySource=0)) == ["DataCollectionStage"]
    assert stage_rows() == 0


def test_an_annual_assessment_is_in_its_window_and_one_a_year(staff, shelter, adult):
    enrollment = enroll(staff, shelter, adult, days=370)  # anniversary 5 days ago

    outside = refused(create, staff, enrollment, INCOME, ANNUAL, days_ago(40), IncomeFromAnySource=0)
    assert list(outside) == ["InformationDate"]
    create(staff, enrollment, INCOME, ANNUAL, days_ago(3), IncomeFromAnySource=0)
    second = refused(create, staff, enrollment, INCOME, ANNUAL, days_ago(1), IncomeFromAnySource=1)
    assert list(second) == ["InformationDate"]
    assert IncomeBenefits.objects.count() == 1


# --- HUD's rules on the values ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "values", "field"),
    [
        # FMT-08: a dependent field whose condition does not hold.
        (HealthAndDV.hud_file, {"DomesticViolenceSurvivor": 0, "WhenOccurred": 1}, "WhenOccurred"),
        (EmploymentEducation.hud_file, {"Employed": 1, "NotEmployedReason": 1}, "NotEmployedReason"),
        (YouthEducationStatus.hud_file, {"CurrentSchoolAttend": 0, "CurrentEdStatus": 1}, "CurrentEdStatus"),
        (
            INCOME,
            {"IncomeFromAnySource": 1, "Earned": 0, "EarnedAmount": Decimal(10), "SSI": 1},
            "EarnedAmount",
        ),
        # IB-01 and IB-02: sources against "from any source".
        (INCOME, {"IncomeFromAnySource": 1}, "IncomeFromAnySource"),
        (INCOME, {"IncomeFromAnySource": 1, "SSI": 1}, "SSIAmount"),
        (INCOME, {"IncomeFromAnySource": 0, "SSI": 1}, "SSI"),
        (INCOME, {"IncomeFromAnySource": 1, "SSI": 99}, "SSI"),
        # FMT-03: codes HUD's lists offer; the total is computed; 4.04.A is HOPWA's question.
        (HealthAndDV.hud_file, {"DomesticViolenceSurvivor": 7}, "DomesticViolenceSurvivor"),
        (INCOME, {"IncomeFromAnySource": 0, "TotalMonthlyIncome": Decimal(5)}, "TotalMonthlyIncome"),
        (INCOME, {"InsuranceFromAnySource": 1, "Medicaid": 0, "NoMedicaidReason": 1}, "NoMedicaidReason"),
        (INCOME, {"OtherIncomeSourceIdentify": "Gifts"}, "OtherIncomeSourceIdentify"),
    ],
)
def test_values_hud_refuses_name_the_column_and_write_nothing(staff, enrolled, file, values, field):
    found = refused(create, staff, enrolled, file, **values)
    assert field in found
    assert stage_rows() == 0
    assert (
        not AuditEvent.objects.filter(action="create", object_type__startswith="enrollments.")
        .exclude(object_type="enrollments.Enrollment")
        .exists()
    )


def test_disability_responses_come_from_the_list_of_their_type(staff, enrolled):
    file = Disabilities.hud_file
    assert list(refused(create, staff, enrolled, file, DisabilityType=5, DisabilityResponse=2)) == [
        "DisabilityResponse"
    ]
    substance = create(staff, enrolled, file, DisabilityType=10, DisabilityResponse=2, IndefiniteAndImpairs=1)
    assert (substance.disability_response, substance.indefinite_and_impairs) == (2, 1)
    unanswered = create(staff, enrolled, file, DisabilityType=6)
    assert unanswered.disability_response == 99  # FMT-07
    assert list(refused(create, staff, enrolled, file, DisabilityResponse=0)) == ["DisabilityType"]


# --- Update and delete -----------------------------------------------------------------------------


def test_an_update_changes_the_fields_sent_and_clears_what_no_longer_applies(staff, enrolled):
    record = create(staff, enrolled, HealthAndDV.hud_file, DomesticViolenceSurvivor=1, WhenOccurred=2)

    stage_records.update_stage_record(
        user=staff, file=HealthAndDV.hud_file, record_id=record.pk, values={"CurrentlyFleeing": 1}
    )
    record.refresh_from_db()
    assert (record.domestic_violence_survivor, record.when_occurred, record.currently_fleeing) == (1, 2, 1)

    stage_records.update_stage_record(
        user=staff, file=HealthAndDV.hud_file, record_id=record.pk, values={"DomesticViolenceSurvivor": 0}
    )
    record.refresh_from_db()
    assert (record.domestic_violence_survivor, record.when_occurred, record.currently_fleeing) == (
        0,
        None,
        None,
    )
    changes = AuditEvent.objects.filter(action="update", object_id=record.pk).order_by("pk")
    assert [sorted(e.detail["changes"]) for e in changes] == [
        ["currently_fleeing"],
        ["currently_fleeing", "domestic_violence_survivor", "when_occurred"],
    ]


def test_an_update_is_checked_as_a_new_record_and_refused_whole(staff, enrolled):
    record = create(staff, enrolled, IncomeFromAnySource=0)
    first_update = record.date_updated

    found = refused(
        stage_records.update_stage_record,
        user=staff,
        file=INCOME,
        record_id=record.pk,
        values={"IncomeFromAnySource": 1, "InformationDate": days_ago(-3)},
    )

    assert list(found) == ["InformationDate"]
    record.refresh_from_db()
    assert (record.income_from_any_source, record.date_updated) == (0, first_update)
    fixed = refused(
        stage_records.update_stage_record,
        user=staff,
        file=INCOME,
        record_id=record.pk,
        values={"DataCollectionStage": ENTRY},
    )
    assert list(fixed) == ["DataCollectionStage"]


def test_delete_sets_date_deleted_and_keeps_the_row(staff, enrolled):
    record = create(staff, enrolled, IncomeFromAnySource=0)

    stage_records.delete_stage_record(user=staff, file=INCOME, record_id=record.pk)

    assert not IncomeBenefits.objects.exists()
    kept = IncomeBenefits.all_objects.get()
    assert kept.date_deleted is not None
    assert AuditEvent.objects.filter(
        action="delete", object_id=record.pk, personal_id=enrolled.client_id
    ).exists()
    with pytest.raises(Http404):
        stage_records.delete_stage_record(user=staff, file=INCOME, record_id=record.pk)


# --- Who may write ---------------------------------------------------------------------------------


def test_another_agency_seeing_the_client_by_consent_cannot_write(staff, enrolled):
    record = create(staff, enrolled, IncomeFromAnySource=0)
    clinic = factories.OrganizationFactory(organization_name="Clinic")
    outsider = member_of(clinic, username="dana")
    world.consent(enrolled.client, by=staff, scope="named", named=(clinic,), signed_on=days_ago(1))
    assert Enrollment.objects.visible_to(outsider).filter(pk=enrolled.pk).exists()
    events = AuditEvent.objects.count()

    with pytest.raises(Http404):
        create(outsider, enrolled, IncomeFromAnySource=1)
    with pytest.raises(Http404):
        stage_records.update_stage_record(
            user=outsider, file=INCOME, record_id=record.pk, values={"IncomeFromAnySource": 1}
        )
    with pytest.raises(Http404):
        stage_records.delete_stage_record(user=outsider, file=INCOME, record_id=record.pk)

    record.refresh_from_db()
    assert (IncomeBenefits.all_objects.count(), record.income_from_any_source, record.date_deleted) == (
        1,
        0,
        None,
    )
    assert AuditEvent.objects.count() == events


def test_the_hmis_lead_may_write(enrolled):
    lead = member_of(
        factories.OrganizationFactory(organization_name="City"), username="lee", role=Role.HMIS_LEAD_ADMIN
    )
    record = create(lead, enrolled, IncomeFromAnySource=0)
    assert record.user == lead.hmis_user


def test_not_a_stage_file(staff, enrolled):
    with pytest.raises(ValueError, match="not a file collected by stage"):
        create(staff, enrolled, "Exit.csv")
