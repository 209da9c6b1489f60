"""Correcting and removing enrollments and exits: only what is sent changes, HUD's rules hold,
the agency running the project (or the HMIS Lead) may, and every change is audited."""

import datetime

import pytest
from django.http import Http404
from django.utils import timezone

from hearth.access.models import AuditEvent
from hearth.access.permissions import Role
from hearth.enrollments import services
from hearth.enrollments.assessments import Stage
from hearth.enrollments.models import Enrollment, Exit, IncomeBenefits, Services
from hearth.hud.generated.lists import RecordType, RelationshipToHoH
from tests import factories
from tests.enrollments.conftest import days_ago, member_of, origin

pytestmark = pytest.mark.django_db

CHILD = RelationshipToHoH.HEAD_OF_HOUSEHOLDS_CHILD
PARTNER = RelationshipToHoH.HEAD_OF_HOUSEHOLDS_SPOUSE_OR_PARTNER


@pytest.fixture
def family(staff, shelter):
    """A mother (head) and her son, in the shelter for 20 days."""
    agency = shelter.organization
    mother = origin(factories.ClientFactory(first_name="Dana", dob=datetime.date(1985, 3, 1)), agency)
    son = origin(factories.ClientFactory(first_name="Sam", dob=datetime.date(2016, 7, 9)), agency)
    return services.enroll_household(
        user=staff,
        project_id=shelter.pk,
        head_personal_id=mother.pk,
        entry_date=days_ago(20),
        members=[services.Member(son.pk, CHILD)],
    )


def refused(call, **kwargs) -> services.EnrollmentError:
    with pytest.raises(services.EnrollmentError) as refusal:
        call(**kwargs)
    return refusal.value


def refused_fields(call, **kwargs) -> dict[str, list[str]]:
    return refused(call, **kwargs).by_field


def leave(staff, *enrollments, day: datetime.date) -> list[Exit]:
    answers = {"exit-exit_date": day, "exit-destination": 410}
    return services.exit_household_members(
        user=staff, exits=[services.MemberExit(e.pk, answers) for e in enrollments]
    )


# --- update_enrollment -----------------------------------------------------------------------------


def test_project_start_answers_change_and_dependent_ones_are_cleared(staff, family):
    mother, _son = family
    services.update_enrollment(
        user=staff,
        enrollment_id=mother.pk,
        values={"living_situation": 116, "date_to_street_essh": days_ago(60), "disabling_condition": 0},
    )
    row = Enrollment.objects.get(pk=mother.pk)
    assert (row.living_situation, row.date_to_street_essh, row.disabling_condition) == (116, days_ago(60), 0)
    assert row.user == staff.hmis_user
    event = AuditEvent.objects.filter(action="update", object_id=mother.pk).latest("id")
    assert set(event.detail["changes"]) == {"living_situation", "date_to_street_essh", "disabling_condition"}

    # 3.917A in an emergency shelter asks the rental subsidy only after a rental by client with one.
    services.update_enrollment(
        user=staff, enrollment_id=mother.pk, values={"living_situation": 435, "rental_subsidy_type": 419}
    )
    services.update_enrollment(user=staff, enrollment_id=mother.pk, values={"living_situation": 116})
    row.refresh_from_db()
    assert (row.living_situation, row.rental_subsidy_type) == (116, None)  # FMT-08
    assert row.date_to_street_essh == days_ago(60)  # not sent, kept


def test_an_answer_hud_does_not_ask_here_or_a_wrong_code_is_refused(staff, family):
    mother, _son = family
    before = Enrollment.objects.get(pk=mother.pk).date_updated

    assert set(
        refused_fields(
            services.update_enrollment,
            user=staff,
            enrollment_id=mother.pk,
            values={"date_of_path_status": days_ago(2)},
        )
    ) == {"enrollment-date_of_path_status"}
    assert set(
        refused_fields(
            services.update_enrollment, user=staff, enrollment_id=mother.pk, values={"living_situation": 7}
        )
    ) == {"enrollment-living_situation"}
    assert set(
        refused_fields(
            services.update_enrollment,
            user=staff,
            enrollment_id=mother.pk,
            values={"date_to_street_essh": days_ago(2)},  # after the project start (3.917)
        )
    ) == {"enrollment-date_to_street_essh"}
    assert Enrollment.objects.get(pk=mother.pk).date_updated == before


def test_a_new_project_start_date_keeps_to_the_household_and_the_stay(staff, family):
    mother, son = family
    calls = {"call": services.update_enrollment, "user": staff}

    # HH-04: the head starts first; a member does not start before the head.
    late_head = refused(**calls, enrollment_id=mother.pk, values={"entry_date": days_ago(10)})
    assert [(f.field, f.rule) for f in late_head.findings] == [("entry_date", "HH-04")]
    assert set(refused_fields(**calls, enrollment_id=son.pk, values={"entry_date": days_ago(25)})) == {
        "entry_date"
    }
    # DT-05: a bed night or service recorded before the new start.
    factories.ServicesFactory(
        enrollment=son, client=son.client, date_provided=days_ago(15), record_type=RecordType.SSVF_SERVICE
    )
    assert set(refused_fields(**calls, enrollment_id=son.pk, values={"entry_date": days_ago(12)})) == {
        "entry_date"
    }
    Services.objects.all().delete()
    # A future start (3.10) and one after the exit (DT-01).
    leave(staff, son, day=days_ago(5))
    for day in (timezone.localdate() + datetime.timedelta(days=1), days_ago(3)):
        assert set(refused_fields(**calls, enrollment_id=son.pk, values={"entry_date": day})) == {
            "entry_date"
        }

    services.update_enrollment(user=staff, enrollment_id=son.pk, values={"entry_date": days_ago(12)})
    assert Enrollment.objects.get(pk=son.pk).entry_date == days_ago(12)


def test_project_start_records_are_redated_with_the_start(staff, family):
    mother, _son = family
    services.save_assessment(
        user=staff,
        enrollment_id=mother.pk,
        stage=Stage.PROJECT_ENTRY,
        answers={"enrollment-disabling_condition": 0, "income-income_from_any_source": 0},
    )
    services.update_enrollment(user=staff, enrollment_id=mother.pk, values={"entry_date": days_ago(22)})
    assert IncomeBenefits.objects.get().information_date == days_ago(22)


def test_relationships_between_members_and_the_coc(staff, family, shelter):
    mother, son = family
    services.update_enrollment(user=staff, enrollment_id=son.pk, values={"relationship_to_hoh": PARTNER})
    assert Enrollment.objects.get(pk=son.pk).relationship_to_hoh == PARTNER

    for enrollment, values in (
        (son, {"relationship_to_hoh": 1}),  # a second head (HH-01)
        (mother, {"relationship_to_hoh": CHILD}),  # the head moves through change_head_of_household
        (mother, {"enrollment_coc": "XX-999"}),  # not one of the project's CoCs (REF-06)
        (son, {"enrollment_coc": shelter.project_cocs.get().coc_code}),  # 3.16 is the head's
        (mother, {"move_in_date": days_ago(1)}),  # record_move_in_date's
    ):
        assert (
            len(
                refused_fields(
                    services.update_enrollment, user=staff, enrollment_id=enrollment.pk, values=values
                )
            )
            == 1
        )


def test_another_agency_cannot_correct_or_remove(family):
    mother, _son = family
    outsider = member_of(factories.OrganizationFactory(), username="dana")
    with pytest.raises(Http404):
        services.update_enrollment(user=outsider, enrollment_id=mother.pk, values={"disabling_condition": 1})
    with pytest.raises(Http404):
        services.delete_enrollment(user=outsider, enrollment_id=mother.pk)
    analyst = member_of(mother.project.organization, username="rae", role=Role.REPORT_ANALYST)
    with pytest.raises(Http404):
        services.delete_enrollment(user=analyst, enrollment_id=mother.pk)
    assert Enrollment.objects.count() == 2


# --- delete_enrollment -----------------------------------------------------------------------------


def test_removing_an_enrollment_removes_what_was_collected_during_it(staff, family):
    mother, son = family
    leave(staff, son, day=days_ago(2))
    factories.ServicesFactory(enrollment=son, client=son.client, date_provided=days_ago(3))

    with pytest.raises(services.EnrollmentError):
        services.delete_enrollment(user=staff, enrollment_id=mother.pk)  # other members remain (HH-01)
    services.delete_enrollment(user=staff, enrollment_id=son.pk)

    assert list(Enrollment.objects.values_list("pk", flat=True)) == [mother.pk]
    assert Exit.objects.count() == 0
    assert Services.objects.count() == 0
    assert IncomeBenefits.objects.count() == 0
    assert IncomeBenefits.all_objects.get().date_deleted is not None
    removed = AuditEvent.objects.filter(action="delete", personal_id=son.client_id)
    assert set(removed.values_list("object_type", flat=True)) >= {
        "enrollments.Enrollment",
        "enrollments.Exit",
        "enrollments.Services",
        "enrollments.IncomeBenefits",
    }
    services.delete_enrollment(user=staff, enrollment_id=mother.pk)
    assert Enrollment.objects.count() == 0


# --- update_exit and delete_exit -------------------------------------------------------------------


def test_an_exit_is_corrected_within_hud_date_rules(staff, family):
    mother, son = family
    [son_exit] = leave(staff, son, day=days_ago(5))

    for day in (days_ago(25), timezone.localdate() + datetime.timedelta(days=1)):  # DT-01, DT-02
        assert set(
            refused_fields(services.update_exit, user=staff, exit_id=son_exit.pk, values={"exit_date": day})
        ) == {"exit-exit_date"}
    assert set(
        refused_fields(
            services.update_exit, user=staff, exit_id=son_exit.pk, values={"counseling_received": 1}
        )
    ) == {"exit-counseling_received"}

    services.update_exit(
        user=staff, exit_id=son_exit.pk, values={"exit_date": days_ago(4), "destination": 116}
    )
    son_exit.refresh_from_db()
    assert (son_exit.exit_date, son_exit.destination) == (days_ago(4), 116)
    assert set(
        IncomeBenefits.objects.filter(data_collection_stage=3).values_list("information_date", flat=True)
    ) == {days_ago(4)}

    [mother_exit] = leave(staff, mother, day=days_ago(3))
    # HH-04: the head does not leave before a member.
    assert set(
        refused_fields(
            services.update_exit, user=staff, exit_id=mother_exit.pk, values={"exit_date": days_ago(5)}
        )
    ) == {"exit-exit_date"}


def test_removing_an_exit_enrolls_the_member_again(staff, family):
    mother, son = family
    [son_exit] = leave(staff, son, day=days_ago(5))
    [mother_exit] = leave(staff, mother, day=days_ago(3))

    with pytest.raises(services.EnrollmentError):
        services.delete_exit(user=staff, exit_id=son_exit.pk)  # the head has left (HH-04)
    services.delete_exit(user=staff, exit_id=mother_exit.pk)
    services.delete_exit(user=staff, exit_id=son_exit.pk)

    assert Exit.objects.count() == 0
    assert not IncomeBenefits.objects.filter(data_collection_stage=3).exists()
    assert AuditEvent.objects.filter(action="delete", object_type="enrollments.Exit").count() == 2


def test_a_partial_exit_keeps_the_exit_assessment_already_recorded(staff, family):
    mother, son = family
    [son_exit] = leave(staff, son, day=days_ago(5))
    IncomeBenefits.objects.filter(enrollment=son).update(income_from_any_source=0)
    services.delete_exit(user=staff, exit_id=son_exit.pk)
    IncomeBenefits.all_objects.filter(enrollment=son).update(date_deleted=None)

    services.exit_household_members(
        user=staff,
        exits=[
            services.MemberExit(
                son.pk, {"exit-exit_date": days_ago(4), "exit-destination": 410}, is_partial=True
            )
        ],
    )
    assert IncomeBenefits.objects.get(enrollment=son).income_from_any_source == 0
    mother_leaves = {"exit-exit_date": days_ago(4), "exit-destination": 410, "exit-counseling_received": 1}
    unasked = refused(
        services.exit_household_members,
        user=staff,
        exits=[services.MemberExit(mother.pk, mother_leaves, is_partial=True)],
    )
    assert set(unasked.by_field) == {"exit-counseling_received"}
