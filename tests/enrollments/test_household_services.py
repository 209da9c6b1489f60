"""Enrolling households: one head, members with relationships, one HouseholdID, HUD's rules enforced."""

import datetime

import pytest
from django.conf import settings
from django.http import Http404

from hearth.access.models import AuditEvent
from hearth.access.permissions import Role
from hearth.agencies.models import HMISParticipation
from hearth.enrollments import services
from hearth.enrollments.models import Enrollment
from hearth.hud.generated.lists import HMISParticipationType, RelationshipToHoH
from tests import factories
from tests.enrollments.conftest import days_ago, member_of, origin, project_of

pytestmark = pytest.mark.django_db

CHILD = RelationshipToHoH.HEAD_OF_HOUSEHOLDS_CHILD


def errors_of(refusal: services.EnrollmentError) -> dict[str, list[str]]:
    return refusal.by_field


def test_a_single_adult_is_enrolled_as_head_of_their_own_household(staff, shelter, adult):
    origin(adult, shelter.organization)
    start = days_ago(3)

    [enrollment] = services.enroll_household(
        user=staff, project_id=shelter.pk, head_personal_id=adult.pk, entry_date=start
    )

    row = Enrollment.objects.get()
    assert row == enrollment
    assert (row.client_id, row.project_id, row.entry_date) == (adult.pk, shelter.pk, start)
    assert row.relationship_to_hoh == RelationshipToHoH.SELF_HEAD_OF_HOUSEHOLD
    assert row.enrollment_coc == settings.HEARTH_COC_CODE
    assert row.disabling_condition == 99
    assert len(row.household_id) == 32
    assert row.user == staff.hmis_user
    assert row.date_created == row.date_updated
    created = AuditEvent.objects.get(action="create", object_type="enrollments.Enrollment")
    assert created.object_id == row.pk
    assert created.personal_id == adult.pk
    assert created.detail["changes"]["entry_date"] == [None, start.isoformat()]
    assert created.detail["changes"]["project"] == [None, shelter.pk]
    assert created.username == "casey"


def test_a_family_shares_one_household_id_and_members_may_join_later(staff, rapid_rehousing):
    agency = rapid_rehousing.organization
    mother = origin(factories.ClientFactory(first_name="Dana", dob=datetime.date(1990, 3, 2)), agency)
    son = origin(factories.ClientFactory(first_name="Sam", dob=datetime.date(2016, 7, 9)), agency)
    baby = origin(factories.ClientFactory(first_name="Lee", dob=datetime.date(2024, 1, 5)), agency)

    enrollments = services.enroll_household(
        user=staff,
        project_id=rapid_rehousing.pk,
        head_personal_id=mother.pk,
        entry_date=days_ago(20),
        members=[
            services.Member(son.pk, CHILD),
            services.Member(baby.pk, CHILD, entry_date=days_ago(5)),
        ],
    )

    assert [(e.client_id, e.relationship_to_hoh, e.entry_date, e.enrollment_coc) for e in enrollments] == [
        (mother.pk, 1, days_ago(20), settings.HEARTH_COC_CODE),
        (son.pk, 2, days_ago(20), None),
        (baby.pk, 2, days_ago(5), None),
    ]
    assert len({e.household_id for e in Enrollment.objects.all()}) == 1
    assert AuditEvent.objects.filter(action="create", object_type="enrollments.Enrollment").count() == 3


def test_a_member_added_later_joins_the_same_household(staff, rapid_rehousing):
    agency = rapid_rehousing.organization
    mother = origin(factories.ClientFactory(first_name="Dana"), agency)
    partner = origin(factories.ClientFactory(first_name="Kim"), agency)
    [head] = services.enroll_household(
        user=staff, project_id=rapid_rehousing.pk, head_personal_id=mother.pk, entry_date=days_ago(20)
    )

    joined = services.add_household_member(
        user=staff,
        enrollment_id=head.pk,
        personal_id=partner.pk,
        relationship_to_hoh=RelationshipToHoH.HEAD_OF_HOUSEHOLDS_SPOUSE_OR_PARTNER,
        entry_date=days_ago(2),
    )

    assert (joined.household_id, joined.project_id, joined.entry_date, joined.relationship_to_hoh) == (
        head.household_id,
        rapid_rehousing.pk,
        days_ago(2),
        3,
    )
    assert joined.enrollment_coc is None


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"entry_date": days_ago(-1)}, "entry_date", "The project start date cannot be in the future."),
        (
            {"entry_date": datetime.date(2019, 12, 31)},
            "entry_date",
            "The project was not operating on that date.",
        ),
        (
            {"entry_date": datetime.date(2021, 1, 1)},
            "entry_date",
            "The project start date is before the client's date of birth (2022-05-17).",
        ),
    ],
)
def test_bad_dates_are_refused_with_a_message_on_the_field(staff, shelter, adult, change, field, message):
    if change["entry_date"].year == 2021:
        adult.dob = datetime.date(2022, 5, 17)
        adult.save()
    origin(adult, shelter.organization)
    arguments = {
        "user": staff,
        "project_id": shelter.pk,
        "head_personal_id": adult.pk,
        "entry_date": days_ago(1),
    }

    with pytest.raises(services.EnrollmentError) as refused:
        services.enroll_household(**(arguments | change))

    assert errors_of(refused.value) == {field: [message]}
    assert Enrollment.objects.count() == 0
    assert not AuditEvent.objects.filter(action="create").exists()


def participation(project, kind: int, start: datetime.date, end: datetime.date | None = None) -> None:
    HMISParticipation.objects.create(
        project=project,
        hmis_participation_type=kind,
        hmis_participation_status_start_date=start,
        hmis_participation_status_end_date=end,
        user=factories.HMISUserFactory(),
    )


def test_dt08_a_project_start_inside_an_hmis_participation_period_is_accepted(staff, shelter, adult):
    origin(adult, shelter.organization)
    participation(shelter, HMISParticipationType.NOT_PARTICIPATING, datetime.date(2020, 1, 1), days_ago(31))
    participation(shelter, HMISParticipationType.HMIS_PARTICIPATING, days_ago(30))

    [enrollment] = services.enroll_household(
        user=staff, project_id=shelter.pk, head_personal_id=adult.pk, entry_date=days_ago(30)
    )

    assert Enrollment.objects.get() == enrollment


@pytest.mark.parametrize("start", [40, 31], ids=["before participating", "in the not participating period"])
def test_dt08_a_project_start_outside_the_hmis_participation_periods_is_refused(staff, shelter, adult, start):
    origin(adult, shelter.organization)
    participation(shelter, HMISParticipationType.NOT_PARTICIPATING, days_ago(35), days_ago(31))
    participation(shelter, HMISParticipationType.HMIS_PARTICIPATING, days_ago(30))

    with pytest.raises(services.EnrollmentError) as refused:
        services.enroll_household(
            user=staff, project_id=shelter.pk, head_personal_id=adult.pk, entry_date=days_ago(start)
        )

    assert errors_of(refused.value) == {
        "entry_date": ["The project was not participating in the HMIS on that date (HUD 2.08)."]
    }
    assert [f.rule for f in refused.value.findings] == ["DT-08"]
    assert Enrollment.objects.count() == 0


def test_a_member_cannot_be_a_second_head_or_start_before_the_head(staff, rapid_rehousing):
    agency = rapid_rehousing.organization
    mother = origin(factories.ClientFactory(dob=datetime.date(1990, 1, 1)), agency)
    father = origin(factories.ClientFactory(dob=datetime.date(1989, 1, 1)), agency)
    son = origin(factories.ClientFactory(dob=datetime.date(2015, 1, 1)), agency)

    with pytest.raises(services.EnrollmentError) as refused:
        services.enroll_household(
            user=staff,
            project_id=rapid_rehousing.pk,
            head_personal_id=mother.pk,
            entry_date=days_ago(10),
            members=[
                services.Member(father.pk, RelationshipToHoH.SELF_HEAD_OF_HOUSEHOLD),
                services.Member(son.pk, CHILD, entry_date=days_ago(11)),
            ],
        )

    assert errors_of(refused.value) == {
        "members": ["A household has exactly one head of household."],
        "member-1": [
            "The household already has a head of household: choose how this member relates to them."
        ],
        "member-2": [f"A member cannot start before the head of household ({days_ago(10)})."],
    }
    assert Enrollment.objects.count() == 0


def test_an_open_stay_in_the_same_project_is_not_opened_twice(staff, shelter, adult):
    origin(adult, shelter.organization)
    services.enroll_household(
        user=staff, project_id=shelter.pk, head_personal_id=adult.pk, entry_date=days_ago(9)
    )

    with pytest.raises(services.EnrollmentError) as refused:
        services.enroll_household(
            user=staff, project_id=shelter.pk, head_personal_id=adult.pk, entry_date=days_ago(1)
        )

    assert errors_of(refused.value) == {
        "entry_date": [f"Alex Rivera already has a stay in this project from {days_ago(9)}."]
    }
    assert Enrollment.objects.count() == 1


def test_only_the_agencys_own_projects_take_enrollments(staff, adult):
    other = project_of(factories.OrganizationFactory(), 0, funder=None)
    origin(adult, staff.acting_organization)

    with pytest.raises(services.EnrollmentError) as refused:
        services.enroll_household(
            user=staff, project_id=other.pk, head_personal_id=adult.pk, entry_date=days_ago(1)
        )

    assert errors_of(refused.value) == {"project": ["Choose one of your agency's projects."]}
    assert Enrollment.objects.count() == 0


def test_a_client_the_user_cannot_see_is_not_found(staff, shelter, adult):
    with pytest.raises(Http404):
        services.enroll_household(
            user=staff, project_id=shelter.pk, head_personal_id=adult.pk, entry_date=days_ago(1)
        )

    assert Enrollment.objects.count() == 0


def test_a_role_without_the_permission_to_enroll_finds_nothing(agency, shelter, adult):
    analyst = member_of(agency, username="rae", role=Role.REPORT_ANALYST)
    origin(adult, agency)

    with pytest.raises(Http404):
        services.enroll_household(
            user=analyst, project_id=shelter.pk, head_personal_id=adult.pk, entry_date=days_ago(1)
        )

    assert Enrollment.objects.count() == 0


def test_a_victim_service_provider_takes_only_de_identified_clients(staff, adult):
    agency = staff.acting_organization
    agency.victim_service_provider = 1
    agency.save()
    shelter = project_of(agency, 0, funder=None)
    origin(adult, agency)
    anonymous = origin(
        factories.ClientFactory(first_name=None, last_name=None, ssn=None, dob=None, name_data_quality=99),
        agency,
    )

    with pytest.raises(services.EnrollmentError) as refused:
        services.enroll_household(
            user=staff, project_id=shelter.pk, head_personal_id=adult.pk, entry_date=days_ago(1)
        )
    [enrollment] = services.enroll_household(
        user=staff, project_id=shelter.pk, head_personal_id=anonymous.pk, entry_date=days_ago(1)
    )

    assert list(errors_of(refused.value)) == ["personal_id"]
    assert "victim service provider" in errors_of(refused.value)["personal_id"][0]
    assert Enrollment.objects.get() == enrollment


def test_an_account_without_a_hud_user_gets_one(shelter, adult):
    staff = member_of(shelter.organization, username="new")
    staff.hmis_user = None
    staff.first_name, staff.last_name, staff.email = "Nia", "Okafor", "nia@example.org"
    staff.save()
    origin(adult, shelter.organization)

    [enrollment] = services.enroll_household(
        user=staff, project_id=shelter.pk, head_personal_id=adult.pk, entry_date=days_ago(1)
    )

    staff.refresh_from_db()
    assert enrollment.user == staff.hmis_user
    assert (staff.hmis_user.user_first_name, staff.hmis_user.user_last_name, staff.hmis_user.user_email) == (
        "Nia",
        "Okafor",
        "nia@example.org",
    )


def test_another_member_becomes_head_of_household_and_the_former_head_can_leave_first(staff, rapid_rehousing):
    agency = rapid_rehousing.organization
    mother = origin(factories.ClientFactory(first_name="Dana"), agency)
    son = origin(factories.ClientFactory(first_name="Sam", dob=datetime.date(2004, 1, 1)), agency)
    head, member = services.enroll_household(
        user=staff,
        project_id=rapid_rehousing.pk,
        head_personal_id=mother.pk,
        entry_date=days_ago(20),
        members=[services.Member(son.pk, CHILD)],
    )

    services.change_head_of_household(
        user=staff,
        enrollment_id=member.pk,
        former_head_relationship=RelationshipToHoH.HEAD_OF_HOUSEHOLDS_OTHER_RELATION_MEMBER,
    )
    services.exit_household_members(
        user=staff,
        exits=[services.MemberExit(head.pk, {"exit-exit_date": days_ago(0), "exit-destination": 410})],
    )

    assert sorted(
        Enrollment.objects.values_list("client_id", "relationship_to_hoh", "enrollment_coc")
    ) == sorted([(mother.pk, 4, None), (son.pk, 1, settings.HEARTH_COC_CODE)])
    change = AuditEvent.objects.filter(action="update", object_id=member.pk).get()
    assert change.detail["changes"]["relationship_to_hoh"] == [2, 1]


def test_a_member_who_joined_later_cannot_head_those_who_came_first(staff, rapid_rehousing):
    agency = rapid_rehousing.organization
    mother = origin(factories.ClientFactory(), agency)
    partner = origin(factories.ClientFactory(), agency)
    child = origin(factories.ClientFactory(dob=datetime.date(2015, 1, 1)), agency)
    _head, later, _child = services.enroll_household(
        user=staff,
        project_id=rapid_rehousing.pk,
        head_personal_id=mother.pk,
        entry_date=days_ago(20),
        members=[services.Member(partner.pk, 3, entry_date=days_ago(5)), services.Member(child.pk, CHILD)],
    )

    with pytest.raises(services.EnrollmentError) as refused:
        services.change_head_of_household(user=staff, enrollment_id=later.pk, former_head_relationship=3)

    assert refused.value.by_field == {
        "enrollment_id": [
            f"Another member started before this member ({days_ago(20)}): the head starts first."
        ]
    }
    assert Enrollment.objects.filter(relationship_to_hoh=1).get().client_id == mother.pk
