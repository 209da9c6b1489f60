"""Contacts and services one at a time in HUD's names (activity_records): recorded through the pages'
services, changed and removed with the same checks, or nothing written and HUD's column named."""

from decimal import Decimal

import pytest
from django.http import Http404

from hearth.access.models import AuditEvent
from hearth.enrollments import activity_records, services
from hearth.enrollments.data_quality import EnrollmentError
from hearth.enrollments.models import CurrentLivingSituation, Enrollment, Exit, Services
from tests import factories
from tests.access import world
from tests.enrollments.conftest import days_ago, member_of, origin

pytestmark = pytest.mark.django_db

BED_NIGHT = 200
PLACE_NOT_MEANT_FOR_HABITATION, STAYING_WITH_FAMILY = 116, 335


def enroll(staff, project, person, *, days: int = 10) -> Enrollment:
    origin(person, project.organization)
    [enrollment] = services.enroll_household(
        user=staff, project_id=project.pk, head_personal_id=person.pk, entry_date=days_ago(days)
    )
    return enrollment


def refused(call, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(EnrollmentError) as error:
        call(**kwargs)
    return error.value.by_field


@pytest.fixture
def met(staff, outreach, adult):
    return enroll(staff, outreach, adult)


@pytest.fixture
def staying(staff, night_shelter, adult):
    return enroll(staff, night_shelter, adult)


# --- Contacts --------------------------------------------------------------------------------------


def test_a_contact_in_hud_names_is_recorded_by_record_contact(staff, met):
    contact = activity_records.create_contact(
        user=staff,
        enrollment_id=met.pk,
        information_date=days_ago(1),
        values={
            "CurrentLivingSituation": STAYING_WITH_FAMILY,
            "LeaveSituation14Days": 1,
            "SubsequentResidence": 0,
        },
    )

    row = CurrentLivingSituation.objects.get()
    assert row == contact
    assert (
        row.information_date,
        row.current_living_situation,
        row.leave_situation14_days,
        row.subsequent_residence,
        row.resources_to_obtain,
    ) == (days_ago(1), STAYING_WITH_FAMILY, 1, 0, None)
    assert AuditEvent.objects.filter(action="create", object_id=row.pk, personal_id=met.client_id).exists()


@pytest.mark.parametrize(
    ("information_date", "values", "field"),
    [
        (
            1,
            {"CurrentLivingSituation": PLACE_NOT_MEANT_FOR_HABITATION, "LeaveSituation14Days": 1},
            "LeaveSituation14Days",
        ),
        (1, {"CurrentLivingSituation": 312}, "CurrentLivingSituation"),  # not a current living situation
        (1, {"LocationDetails": "Park"}, "CurrentLivingSituation"),
        (-1, {"CurrentLivingSituation": PLACE_NOT_MEANT_FOR_HABITATION}, "InformationDate"),
        (11, {"CurrentLivingSituation": PLACE_NOT_MEANT_FOR_HABITATION}, "InformationDate"),
        (1, {"CurrentLivingSituation": PLACE_NOT_MEANT_FOR_HABITATION, "VerifiedBy": "CE"}, "VerifiedBy"),
    ],
)
def test_a_contact_hud_refuses_names_the_column(staff, met, information_date, values, field):
    found = refused(
        activity_records.create_contact,
        user=staff,
        enrollment_id=met.pk,
        information_date=days_ago(information_date),
        values=values,
    )
    assert field in found
    assert not CurrentLivingSituation.all_objects.exists()


def test_a_project_that_does_not_record_contacts(staff, shelter, adult):
    enrollment = enroll(staff, shelter, adult)
    found = refused(
        activity_records.create_contact,
        user=staff,
        enrollment_id=enrollment.pk,
        information_date=days_ago(1),
        values={"CurrentLivingSituation": PLACE_NOT_MEANT_FOR_HABITATION},
    )
    assert list(found) == ["EnrollmentID"]


def test_a_contact_changes_and_is_removed(staff, met):
    contact = activity_records.create_contact(
        user=staff,
        enrollment_id=met.pk,
        information_date=days_ago(2),
        values={
            "CurrentLivingSituation": STAYING_WITH_FAMILY,
            "LeaveSituation14Days": 1,
            "MovedTwoOrMore": 0,
        },
    )

    activity_records.update_contact(
        user=staff,
        contact_id=contact.pk,
        values={"CurrentLivingSituation": PLACE_NOT_MEANT_FOR_HABITATION, "InformationDate": days_ago(1)},
    )
    contact.refresh_from_db()
    assert (
        contact.information_date,
        contact.current_living_situation,
        contact.leave_situation14_days,
        contact.moved_two_or_more,
    ) == (days_ago(1), PLACE_NOT_MEANT_FOR_HABITATION, None, None)
    assert list(
        refused(
            activity_records.update_contact,
            user=staff,
            contact_id=contact.pk,
            values={"InformationDate": days_ago(30)},
        )
    ) == ["InformationDate"]

    activity_records.delete_contact(user=staff, contact_id=contact.pk)
    assert CurrentLivingSituation.all_objects.get().date_deleted is not None
    assert [e.action for e in AuditEvent.objects.filter(object_id=contact.pk).order_by("pk")] == [
        "create",
        "update",
        "delete",
    ]


# --- Services --------------------------------------------------------------------------------------


def test_a_service_in_hud_names_is_recorded_by_record_service(staff, staying):
    service = activity_records.create_service(
        user=staff,
        enrollment_id=staying.pk,
        values={"DateProvided": days_ago(3), "RecordType": BED_NIGHT, "TypeProvided": BED_NIGHT},
    )
    row = Services.objects.get()
    assert row == service
    assert (row.date_provided, row.record_type, row.type_provided, row.fa_amount) == (
        days_ago(3),
        BED_NIGHT,
        BED_NIGHT,
        None,
    )


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"RecordType": BED_NIGHT, "TypeProvided": 7}, "TypeProvided"),
        ({"RecordType": 144, "TypeProvided": 1}, "RecordType"),
        ({"RecordType": BED_NIGHT, "TypeProvided": BED_NIGHT, "FAAmount": Decimal(10)}, "FAAmount"),
        ({"RecordType": BED_NIGHT, "TypeProvided": BED_NIGHT, "DateProvided": None}, "DateProvided"),
    ],
)
def test_a_service_hud_refuses_names_the_column(staff, staying, values, field):
    found = refused(
        activity_records.create_service,
        user=staff,
        enrollment_id=staying.pk,
        values={"DateProvided": days_ago(1)} | values,
    )
    assert field in found
    assert not Services.all_objects.exists()


def test_a_service_changes_as_a_new_one_is_checked(staff, staying):
    first, second = (
        activity_records.create_service(
            user=staff,
            enrollment_id=staying.pk,
            values={"DateProvided": days_ago(days), "RecordType": BED_NIGHT, "TypeProvided": BED_NIGHT},
        )
        for days in (3, 2)
    )

    same_night = refused(
        activity_records.update_service,
        user=staff,
        services_id=second.pk,
        values={"DateProvided": days_ago(3)},
    )
    assert list(same_night) == ["DateProvided"]
    not_applying = refused(
        activity_records.update_service, user=staff, services_id=second.pk, values={"FAAmount": Decimal(5)}
    )
    assert list(not_applying) == ["FAAmount"]
    fixed = refused(
        activity_records.update_service, user=staff, services_id=second.pk, values={"EnrollmentID": first.pk}
    )
    assert list(fixed) == ["EnrollmentID"]
    second.refresh_from_db()
    assert second.date_provided == days_ago(2)

    activity_records.update_service(user=staff, services_id=second.pk, values={"DateProvided": days_ago(1)})
    second.refresh_from_db()
    assert second.date_provided == days_ago(1)
    assert AuditEvent.objects.filter(action="update", object_id=second.pk).count() == 1


def test_a_bed_night_is_before_the_exit(staff, staying):
    service = activity_records.create_service(
        user=staff,
        enrollment_id=staying.pk,
        values={"DateProvided": days_ago(3), "RecordType": BED_NIGHT, "TypeProvided": BED_NIGHT},
    )
    Exit.objects.create(
        enrollment=staying,
        client=staying.client,
        exit_date=days_ago(2),
        destination=410,
        user=staff.hmis_user,
    )
    found = refused(
        activity_records.update_service,
        user=staff,
        services_id=service.pk,
        values={"DateProvided": days_ago(2)},
    )
    assert list(found) == ["DateProvided"]


def test_only_the_agency_running_the_project_writes(staff, staying):
    service = activity_records.create_service(
        user=staff,
        enrollment_id=staying.pk,
        values={"DateProvided": days_ago(3), "RecordType": BED_NIGHT, "TypeProvided": BED_NIGHT},
    )
    clinic = factories.OrganizationFactory(organization_name="Clinic")
    outsider = member_of(clinic, username="dana")
    world.consent(staying.client, by=staff, scope="named", named=(clinic,), signed_on=days_ago(1))

    with pytest.raises(Http404):
        activity_records.update_service(
            user=outsider, services_id=service.pk, values={"DateProvided": days_ago(1)}
        )
    with pytest.raises(Http404):
        activity_records.delete_service(user=outsider, services_id=service.pk)
    with pytest.raises(Http404):
        activity_records.create_service(
            user=outsider,
            enrollment_id=staying.pk,
            values={"DateProvided": days_ago(1), "RecordType": BED_NIGHT, "TypeProvided": BED_NIGHT},
        )
    service.refresh_from_db()
    assert (Services.all_objects.count(), service.date_provided, service.date_deleted) == (
        1,
        days_ago(3),
        None,
    )

    activity_records.delete_service(user=staff, services_id=service.pk)
    assert not Services.objects.exists()
