"""Exits, services, bed nights, contacts and move-in dates: exactly HUD's rows, or nothing and a message."""

import datetime
from decimal import Decimal

import pytest
from django.http import Http404

from hearth.access.models import AuditEvent
from hearth.enrollments import services
from hearth.enrollments.models import (
    CurrentLivingSituation,
    Disabilities,
    Enrollment,
    Exit,
    IncomeBenefits,
    Services,
)
from hearth.hud.generated.lists import FundingSource, ProjectType, RecordType
from tests import factories
from tests.enrollments.conftest import days_ago, origin, project_of

pytestmark = pytest.mark.django_db

LEAVING = {"exit-exit_date": days_ago(0), "exit-destination": 410}


def enroll(staff, project, *people, start=None, relationships=None):
    agency = project.organization
    clients = [origin(person, agency) for person in people]
    return services.enroll_household(
        user=staff,
        project_id=project.pk,
        head_personal_id=clients[0].pk,
        entry_date=start or days_ago(10),
        members=[
            services.Member(c.pk, (relationships or {}).get(i, 2)) for i, c in enumerate(clients[1:], 1)
        ],
    )


def family(count):
    return [factories.ClientFactory(dob=datetime.date(1990 + 10 * (i > 0), 1, 1)) for i in range(count)]


# --- Exits -----------------------------------------------------------------------------------------


def test_an_exit_writes_the_exit_and_the_exit_assessment_dated_the_exit(staff, shelter, adult):
    [enrollment] = enroll(staff, shelter, adult)

    [exit_record] = services.exit_household_members(
        user=staff,
        exits=[
            services.MemberExit(
                enrollment.pk,
                LEAVING | {"income-income_from_any_source": 0, "disability5-disability_response": 0},
            )
        ],
    )

    row = Exit.objects.get()
    assert row == exit_record
    assert (
        row.enrollment_id,
        row.client_id,
        row.exit_date,
        row.destination,
        row.destination_subsidy_type,
    ) == (
        enrollment.pk,
        adult.pk,
        days_ago(0),
        410,
        None,
    )
    assert row.user == staff.hmis_user
    income = IncomeBenefits.objects.get()
    assert (income.data_collection_stage, income.information_date, income.income_from_any_source) == (
        3,
        days_ago(0),
        0,
    )
    assert sorted(
        Disabilities.objects.values_list("disability_type", "disability_response", "data_collection_stage")
    ) == [
        (5, 0, 3),
        (6, 99, 3),
        (7, 99, 3),
        (8, 99, 3),
        (9, 99, 3),
        (10, 99, 3),
    ]
    created = AuditEvent.objects.get(action="create", object_type="enrollments.Exit")
    assert created.detail["changes"]["destination"] == [None, 410]


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            {"exit-exit_date": days_ago(11), "exit-destination": 410},
            [f"The exit date is before the project start date ({days_ago(10)})."],
        ),
        (
            {"exit-exit_date": days_ago(-1), "exit-destination": 410},
            ["The exit date cannot be in the future."],
        ),
    ],
)
def test_a_bad_exit_date_is_refused(staff, shelter, adult, answers, expected):
    [enrollment] = enroll(staff, shelter, adult)

    with pytest.raises(services.EnrollmentError) as refused:
        services.exit_household_members(user=staff, exits=[services.MemberExit(enrollment.pk, answers)])

    assert [(f.enrollment_id, f.field, f.message) for f in refused.value.findings] == [
        (enrollment.pk, "exit-exit_date", message) for message in expected
    ]
    assert Exit.objects.count() == IncomeBenefits.objects.count() == 0


@pytest.mark.parametrize("code", [336, 335, 37, 12345])
def test_only_destination_codes_are_accepted(staff, shelter, adult, code):
    [enrollment] = enroll(staff, shelter, adult)

    with pytest.raises(services.EnrollmentError) as refused:
        services.exit_household_members(
            user=staff, exits=[services.MemberExit(enrollment.pk, LEAVING | {"exit-destination": code})]
        )

    assert refused.value.by_field == {"exit-destination": ["Choose one of the answers listed."]}
    assert Exit.objects.count() == 0


def test_a_destination_with_a_subsidy_keeps_its_type_and_others_drop_it(staff, shelter, adult):
    [enrollment] = enroll(staff, shelter, adult)

    services.exit_household_members(
        user=staff,
        exits=[
            services.MemberExit(
                enrollment.pk,
                LEAVING
                | {
                    "exit-destination": 435,
                    "exit-destination_subsidy_type": 433,
                    "exit-other_destination": "ignored",
                },
            )
        ],
    )

    assert Exit.objects.values_list("destination", "destination_subsidy_type", "other_destination").get() == (
        435,
        433,
        None,
    )


def test_the_household_leaves_together(staff, rapid_rehousing):
    head, child = enroll(staff, rapid_rehousing, *family(2))

    services.exit_household_members(
        user=staff, exits=[services.MemberExit(head.pk, LEAVING), services.MemberExit(child.pk, LEAVING)]
    )

    assert sorted(Exit.objects.values_list("enrollment_id", "exit_date")) == sorted(
        [(head.pk, days_ago(0)), (child.pk, days_ago(0))]
    )


def test_one_member_leaves_earlier_but_the_head_does_not_leave_others_behind(staff, rapid_rehousing):
    head, child = enroll(staff, rapid_rehousing, *family(2))

    with pytest.raises(services.EnrollmentError) as refused:
        services.exit_household_members(user=staff, exits=[services.MemberExit(head.pk, LEAVING)])
    services.exit_household_members(
        user=staff, exits=[services.MemberExit(child.pk, LEAVING | {"exit-exit_date": days_ago(3)})]
    )

    assert refused.value.by_field == {
        "": [
            "The head of household cannot leave while other members stay: exit the whole household, "
            "or make another member the head of household first."
        ]
    }
    assert list(Exit.objects.values_list("enrollment_id", "exit_date")) == [(child.pk, days_ago(3))]


def test_a_member_cannot_leave_after_the_head(staff, rapid_rehousing):
    head, child = enroll(staff, rapid_rehousing, *family(2))

    with pytest.raises(services.EnrollmentError) as refused:
        services.exit_household_members(
            user=staff,
            exits=[
                services.MemberExit(head.pk, LEAVING | {"exit-exit_date": days_ago(2)}),
                services.MemberExit(child.pk, LEAVING),
            ],
        )

    assert [(f.enrollment_id, f.message) for f in refused.value.findings] == [
        (child.pk, f"A member cannot leave after the head of household ({days_ago(2)}).")
    ]
    assert Exit.objects.count() == 0


def test_a_member_who_left_cannot_leave_again(staff, shelter, adult):
    [enrollment] = enroll(staff, shelter, adult)
    services.exit_household_members(user=staff, exits=[services.MemberExit(enrollment.pk, LEAVING)])

    with pytest.raises(services.EnrollmentError) as refused:
        services.exit_household_members(user=staff, exits=[services.MemberExit(enrollment.pk, LEAVING)])

    assert refused.value.by_field == {"": ["This member has already left."]}
    assert Exit.objects.count() == 1


# --- Move-in date ----------------------------------------------------------------------------------


def test_the_move_in_date_is_recorded_for_the_head_in_permanent_housing(staff, rapid_rehousing):
    head, _child = enroll(staff, rapid_rehousing, *family(2))

    services.record_move_in_date(user=staff, enrollment_id=head.pk, move_in_date=days_ago(4))

    assert Enrollment.objects.get(pk=head.pk).move_in_date == days_ago(4)
    change = AuditEvent.objects.get(action="update", object_type="enrollments.Enrollment")
    assert change.detail["changes"] == {"move_in_date": [None, days_ago(4).isoformat()]}


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (days_ago(11), f"The move-in date is before the project start date ({days_ago(10)})."),
        (days_ago(-1), "The move-in date cannot be in the future."),
    ],
)
def test_a_move_in_date_outside_the_stay_is_refused(staff, rapid_rehousing, adult, day, message):
    [head] = enroll(staff, rapid_rehousing, adult)

    with pytest.raises(services.EnrollmentError) as refused:
        services.record_move_in_date(user=staff, enrollment_id=head.pk, move_in_date=day)

    assert refused.value.by_field == {"move_in_date": [message]}
    assert Enrollment.objects.get().move_in_date is None


def test_a_move_in_date_after_the_exit_is_refused(staff, rapid_rehousing, adult):
    [head] = enroll(staff, rapid_rehousing, adult)
    services.exit_household_members(
        user=staff, exits=[services.MemberExit(head.pk, LEAVING | {"exit-exit_date": days_ago(5)})]
    )

    with pytest.raises(services.EnrollmentError) as refused:
        services.record_move_in_date(user=staff, enrollment_id=head.pk, move_in_date=days_ago(4))

    assert refused.value.by_field == {
        "move_in_date": [f"The move-in date is after the exit date ({days_ago(5)})."]
    }


def test_a_shelter_records_no_move_in_date(staff, shelter, adult):
    [enrollment] = enroll(staff, shelter, adult)

    with pytest.raises(services.EnrollmentError) as refused:
        services.record_move_in_date(user=staff, enrollment_id=enrollment.pk, move_in_date=days_ago(1))

    assert refused.value.by_field == {
        "move_in_date": ["Only permanent housing projects record a housing move-in date."]
    }


# --- Bed nights ------------------------------------------------------------------------------------


def test_the_nightly_roster_is_saved_in_one_write_and_unticked_nights_are_removed(staff, night_shelter):
    people = [factories.ClientFactory() for _ in range(3)]
    enrollments = [enroll(staff, night_shelter, person, start=days_ago(5))[0] for person in people]
    night = days_ago(1)

    first = services.record_bed_nights(
        user=staff,
        project_id=night_shelter.pk,
        night=night,
        present_enrollment_ids=[e.pk for e in enrollments],
    )
    second = services.record_bed_nights(
        user=staff, project_id=night_shelter.pk, night=night, present_enrollment_ids=[enrollments[0].pk]
    )

    assert (first.added, first.removed, second.added, second.removed) == (3, 0, 0, 2)
    assert list(
        Services.objects.values_list("enrollment_id", "date_provided", "record_type", "type_provided")
    ) == [(enrollments[0].pk, night, RecordType.BED_NIGHT, 200)]
    assert Services.all_objects.filter(date_deleted__isnull=False).count() == 2
    assert Services.objects.get().user == staff.hmis_user
    assert AuditEvent.objects.filter(object_type="enrollments.Services", action="create").count() == 3
    assert AuditEvent.objects.filter(object_type="enrollments.Services", action="delete").count() == 2


def test_only_people_staying_that_night_can_be_marked(staff, night_shelter):
    [stayed] = enroll(staff, night_shelter, factories.ClientFactory(), start=days_ago(5))
    [came_later] = enroll(staff, night_shelter, factories.ClientFactory(), start=days_ago(1))

    with pytest.raises(services.EnrollmentError) as refused:
        services.record_bed_nights(
            user=staff,
            project_id=night_shelter.pk,
            night=days_ago(2),
            present_enrollment_ids=[stayed.pk, came_later.pk],
        )

    assert refused.value.by_field == {
        "present": ["Only people staying in the shelter that night can be marked."]
    }
    assert Services.all_objects.count() == 0


def test_bed_nights_belong_to_night_by_night_shelters_only(staff, shelter, adult):
    [enrollment] = enroll(staff, shelter, adult)

    with pytest.raises(Http404):
        services.record_bed_nights(
            user=staff, project_id=shelter.pk, night=days_ago(1), present_enrollment_ids=[enrollment.pk]
        )

    assert Services.all_objects.count() == 0


def test_an_exit_after_the_last_bed_night(staff, night_shelter, adult):
    [enrollment] = enroll(staff, night_shelter, adult, start=days_ago(5))
    services.record_bed_nights(
        user=staff, project_id=night_shelter.pk, night=days_ago(2), present_enrollment_ids=[enrollment.pk]
    )

    with pytest.raises(services.EnrollmentError) as refused:
        services.exit_household_members(
            user=staff, exits=[services.MemberExit(enrollment.pk, LEAVING | {"exit-exit_date": days_ago(2)})]
        )
    services.exit_household_members(
        user=staff, exits=[services.MemberExit(enrollment.pk, LEAVING | {"exit-exit_date": days_ago(1)})]
    )

    assert refused.value.by_field == {
        "exit-exit_date": [
            f"A bed night is recorded on {days_ago(2)}: the exit date is the day after the last night."
        ]
    }
    assert Exit.objects.get().exit_date == days_ago(1)


# --- Services --------------------------------------------------------------------------------------


def test_a_path_service_is_recorded_with_its_type(staff, agency, adult):
    outreach = project_of(
        agency, ProjectType.STREET_OUTREACH, funder=FundingSource.HHS_PATH_STREET_OUTREACH_SUPPORTIVE_SERVICES
    )
    [enrollment] = enroll(staff, outreach, adult)

    service = services.record_service(
        user=staff,
        enrollment_id=enrollment.pk,
        date_provided=days_ago(1),
        record_type=RecordType.PATH_SERVICE,
        type_provided=1,
        fa_amount=Decimal("25.00"),  # not a financial assistance record: dropped
    )

    assert Services.objects.values_list(
        "record_type", "type_provided", "date_provided", "fa_amount"
    ).get() == (
        141,
        1,
        days_ago(1),
        None,
    )
    assert service.user == staff.hmis_user


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (
            {"record_type": RecordType.SSVF_SERVICE, "type_provided": 1},
            {"record_type": ["Choose a kind of service this project records."]},
        ),
        (
            {"record_type": RecordType.PATH_SERVICE, "type_provided": 999},
            {"type_provided-141": ["Choose the service provided."]},
        ),
        (
            {"record_type": RecordType.PATH_SERVICE, "type_provided": 1, "date_provided": days_ago(11)},
            {"date_provided": [f"The date is before the project start date ({days_ago(10)})."]},
        ),
        (
            {"record_type": RecordType.PATH_REFERRAL, "type_provided": 1, "date_provided": None},
            {"date_provided": ["Give the date."]},
        ),
    ],
)
def test_bad_services_are_refused(staff, agency, adult, arguments, expected):
    outreach = project_of(
        agency, ProjectType.STREET_OUTREACH, funder=FundingSource.HHS_PATH_STREET_OUTREACH_SUPPORTIVE_SERVICES
    )
    [enrollment] = enroll(staff, outreach, adult)

    with pytest.raises(services.EnrollmentError) as refused:
        services.record_service(
            user=staff, enrollment_id=enrollment.pk, **({"date_provided": days_ago(1)} | arguments)
        )

    assert refused.value.by_field == expected
    assert Services.all_objects.count() == 0


def test_ssvf_financial_assistance_needs_its_amount_and_dates(staff, agency):
    ssvf = project_of(
        agency,
        ProjectType.PH_RAPID_RE_HOUSING,
        funder=FundingSource.VA_SUPPORTIVE_SERVICES_FOR_VETERAN_FAMILIES,
        rrh_sub_type=2,
    )
    veteran = factories.ClientFactory(veteran_status=1)
    [enrollment] = enroll(staff, ssvf, veteran)

    with pytest.raises(services.EnrollmentError) as refused:
        services.record_service(
            user=staff,
            enrollment_id=enrollment.pk,
            date_provided=days_ago(1),
            record_type=152,
            type_provided=1,
        )
    services.record_service(
        user=staff,
        enrollment_id=enrollment.pk,
        date_provided=days_ago(1),
        record_type=152,
        type_provided=1,
        fa_amount=Decimal("1200.00"),
        fa_start_date=days_ago(1),
        fa_end_date=days_ago(-29),
    )

    assert refused.value.by_field == {
        "fa_amount": ["Answer this question."],
        "fa_start_date": ["Answer this question."],
        "fa_end_date": ["Answer this question."],
    }
    assert Services.objects.values_list("fa_amount", "fa_start_date", "fa_end_date").get() == (
        Decimal("1200.00"),
        days_ago(1),
        days_ago(-29),
    )


# --- Contacts --------------------------------------------------------------------------------------


def test_a_street_outreach_contact_records_the_current_living_situation(staff, outreach, adult):
    [enrollment] = enroll(staff, outreach, adult)

    contact = services.record_contact(
        user=staff,
        enrollment_id=enrollment.pk,
        information_date=days_ago(1),
        answers={
            "contact-current_living_situation": 116,
            "contact-leave_situation14_days": 1,  # not asked of someone on the street: dropped
            "contact-location_details": "Under the Jones Falls overpass",
            "contact-verified_by": "dropped: coordinated entry only",
        },
    )

    row = CurrentLivingSituation.objects.get()
    assert row == contact
    assert (
        row.information_date,
        row.current_living_situation,
        row.leave_situation14_days,
        row.location_details,
        row.verified_by,
        row.user,
    ) == (days_ago(1), 116, None, "Under the Jones Falls overpass", None, staff.hmis_user)


def test_a_contact_needs_a_current_living_situation_of_hud_s_list(staff, outreach, adult):
    [enrollment] = enroll(staff, outreach, adult)

    with pytest.raises(services.EnrollmentError) as refused:
        services.record_contact(
            user=staff,
            enrollment_id=enrollment.pk,
            information_date=days_ago(1),
            answers={"contact-current_living_situation": 410 + 2},
        )

    assert refused.value.by_field == {
        "contact-current_living_situation": ["Choose one of the answers listed."]
    }
    assert CurrentLivingSituation.objects.count() == 0


def test_a_shelter_records_no_contacts(staff, shelter, adult):
    [enrollment] = enroll(staff, shelter, adult)

    with pytest.raises(services.EnrollmentError):
        services.record_contact(
            user=staff,
            enrollment_id=enrollment.pk,
            information_date=days_ago(1),
            answers={"contact-current_living_situation": 116},
        )

    assert CurrentLivingSituation.objects.count() == 0
