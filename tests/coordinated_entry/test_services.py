"""Coordinated entry services: HUD 4.19 assessments and 4.20 events, checked, stamped, audited."""

import datetime

import pytest
from django.http import Http404
from django.utils import timezone

from hearth.access.models import AuditEvent
from hearth.access.permissions import Role
from hearth.coordinated_entry import services
from hearth.coordinated_entry.models import Assessment, AssessmentQuestions, AssessmentResults, Event
from hearth.coordinated_entry.services import (
    AssessmentData,
    EnrollmentError,
    EventData,
    QuestionData,
    ResultData,
)
from hearth.enrollments.models import Enrollment, Exit
from hearth.hud.generated.lists import EventType
from tests.access import world

pytestmark = pytest.mark.django_db

ENTRY = datetime.date(2025, 1, 1)
COORDINATED_ENTRY = 14


@pytest.fixture
def shelter():
    return world.organization("Shelter")


@pytest.fixture
def staff(shelter):
    return world.account("casey", shelter, Role.CASE_MANAGER)


@pytest.fixture
def enrollment(shelter):
    return world.enrollment(world.client("Alexandra"), world.project(shelter, project_type=COORDINATED_ENTRY))


def day(n: int) -> datetime.date:
    return ENTRY + datetime.timedelta(days=n)


ASSESSED = AssessmentData(
    assessment_date=day(10),
    assessment_location="Front desk",
    assessment_type=3,
    assessment_level=2,
    prioritization_status=1,
)
QUESTIONS = [
    QuestionData("Where did you sleep last night?", "Car", "Housing", 1),
    QuestionData("Are you fleeing violence?", "No", "Safety", 2),
]
RESULTS = [ResultData("VI-SPDAT score", "11"), ResultData("Priority", "High")]


def record(staff, enrollment, **changes):
    given = {"data": ASSESSED, "questions": QUESTIONS, "results": RESULTS} | changes
    return services.record_assessment(user=staff, enrollment_id=enrollment.pk, **given)


def fields_of(error: EnrollmentError) -> dict[str, str]:
    return {f.field: f.rule for f in error.findings}


def nothing_written() -> bool:
    return not (
        Assessment.all_objects.exists()
        or AssessmentQuestions.all_objects.exists()
        or AssessmentResults.all_objects.exists()
        or Event.all_objects.exists()
    )


# --- Assessments -----------------------------------------------------------------------------------


def test_an_assessment_is_recorded_with_its_questions_and_results(staff, enrollment):
    assessment = record(staff, enrollment)

    stored = Assessment.objects.get()
    assert stored.pk == assessment.pk
    assert (stored.enrollment_id, stored.client_id) == (enrollment.pk, enrollment.client_id)
    assert (stored.assessment_date, stored.assessment_location) == (day(10), "Front desk")
    assert (stored.assessment_type, stored.assessment_level, stored.prioritization_status) == (3, 2, 1)
    assert stored.user_id == staff.hmis_user_id
    assert stored.date_created == stored.date_updated
    questions = list(
        AssessmentQuestions.objects.filter(assessment=assessment).values_list(
            "assessment_question_group",
            "assessment_question_order",
            "assessment_question",
            "assessment_answer",
        )
    )
    assert sorted(questions) == [
        ("Housing", 1, "Where did you sleep last night?", "Car"),
        ("Safety", 2, "Are you fleeing violence?", "No"),
    ]
    results = AssessmentResults.objects.filter(assessment=assessment)
    assert sorted(results.values_list("assessment_result_type", "assessment_result")) == [
        ("Priority", "High"),
        ("VI-SPDAT score", "11"),
    ]
    assert {r.client_id for r in results} == {enrollment.client_id}
    created = AuditEvent.objects.filter(action="create", personal_id=enrollment.client_id)
    assert sorted(created.values_list("object_type", flat=True)) == [
        "coordinated_entry.Assessment",
        "coordinated_entry.AssessmentQuestions",
        "coordinated_entry.AssessmentQuestions",
        "coordinated_entry.AssessmentResults",
        "coordinated_entry.AssessmentResults",
    ]


@pytest.mark.parametrize(
    ("changes", "field", "rule"),
    [
        ({"data": AssessmentData(assessment_date=None)}, "AssessmentDate", "FMT-07"),
        ({"data": AssessmentData(assessment_date=day(-1))}, "AssessmentDate", "4.19"),
        ({"data": AssessmentData(assessment_date=datetime.date(2999, 1, 1))}, "AssessmentDate", "4.19"),
        ({"data": AssessmentData(assessment_date=day(1), assessment_type=7)}, "AssessmentType", "FMT-03"),
        ({"data": AssessmentData(assessment_date=day(1), assessment_level=3)}, "AssessmentLevel", "FMT-03"),
        (
            {"data": AssessmentData(assessment_date=day(1), prioritization_status=99)},
            "PrioritizationStatus",
            "FMT-03",
        ),
        (
            {"data": AssessmentData(assessment_date=day(1), assessment_location="x" * 251)},
            "AssessmentLocation",
            "FMT-05",
        ),
        (
            {"data": AssessmentData(assessment_date=day(1), assessment_location="<b>")},
            "AssessmentLocation",
            "FMT-06",
        ),
        ({"questions": []}, "AssessmentQuestions", "REF-10"),
        ({"results": []}, "AssessmentResults", "REF-10"),
        ({"questions": [QuestionData("  ")]}, "AssessmentQuestions.0.AssessmentQuestion", "FMT-07"),
        ({"questions": [QuestionData("Q", "a" * 501)]}, "AssessmentQuestions.0.AssessmentAnswer", "FMT-05"),
        ({"questions": [QuestionData("Q", "a\x00")]}, "AssessmentQuestions.0.AssessmentAnswer", "FMT-06"),
        ({"results": [RESULTS[0], ResultData(None)]}, "AssessmentResults.1.AssessmentResultType", "FMT-07"),
    ],
)
def test_an_assessment_against_hud_rules_is_refused_and_nothing_written(
    staff, enrollment, changes, field, rule
):
    with pytest.raises(EnrollmentError) as refused:
        record(staff, enrollment, **changes)
    assert fields_of(refused.value) == {field: rule}
    assert nothing_written()
    assert not AuditEvent.objects.filter(action="create").exists()


def test_an_assessment_after_the_exit_is_refused(staff, enrollment):
    Exit.objects.create(
        enrollment=enrollment,
        client=enrollment.client,
        exit_date=day(5),
        destination=410,
        user=world.hmis_user(),
    )
    with pytest.raises(EnrollmentError) as refused:
        record(staff, enrollment)
    assert fields_of(refused.value) == {"AssessmentDate": "4.19"}
    assert "after the exit date" in str(refused.value)
    assert nothing_written()


def test_assessments_and_events_are_recorded_for_the_head_of_household(staff, enrollment):
    Enrollment.objects.filter(pk=enrollment.pk).update(relationship_to_hoh=2)
    with pytest.raises(EnrollmentError) as refused:
        record(staff, enrollment)
    assert fields_of(refused.value) == {"EnrollmentID": "4.19"}
    with pytest.raises(EnrollmentError) as refused:
        services.record_event(user=staff, enrollment_id=enrollment.pk, data=EventData(day(1), 1))
    assert fields_of(refused.value) == {"EnrollmentID": "4.20"}
    assert nothing_written()


@pytest.mark.parametrize("who", ["other agency with consent", "same agency without the role", "other agency"])
def test_only_the_agency_running_the_project_writes(enrollment, staff, who):
    clinic = world.organization("Clinic")
    if who == "same agency without the role":
        someone = world.account("rae", enrollment.project.organization, Role.REPORT_ANALYST)
    else:
        someone = world.account("dana", clinic, Role.CASE_MANAGER)
    if who == "other agency with consent":
        world.consent(enrollment.client, by=staff, scope="coc", signed_on=timezone.localdate())
        assert Enrollment.objects.visible_to(someone).filter(pk=enrollment.pk).exists()
    with pytest.raises(Http404):
        record(someone, enrollment)
    with pytest.raises(Http404):
        services.record_event(user=someone, enrollment_id=enrollment.pk, data=EventData(day(1), 1))
    assessment = record(staff, enrollment)
    with pytest.raises(Http404):
        services.update_assessment(user=someone, assessment_id=assessment.pk, data=ASSESSED)
    with pytest.raises(Http404):
        services.delete_assessment(user=someone, assessment_id=assessment.pk)
    assert Assessment.objects.get().date_updated == assessment.date_updated


def test_the_hmis_lead_writes_in_any_project(enrollment):
    lead = world.account("lee", world.organization("City"), Role.HMIS_LEAD_ADMIN)
    assessment = record(lead, enrollment)
    assert assessment.user_id == lead.hmis_user_id


def test_an_update_keeps_the_rows_that_stay_and_removes_the_others(staff, enrollment):
    assessment = record(staff, enrollment)
    kept_question = AssessmentQuestions.objects.get(assessment_question="Where did you sleep last night?")
    dropped_result = AssessmentResults.objects.get(assessment_result_type="Priority")
    before = Assessment.objects.get().date_updated

    services.update_assessment(
        user=staff,
        assessment_id=assessment.pk,
        data=ASSESSED,
        questions=[QuestionData("Where did you sleep last night?", "Shelter", "Housing", 1)],
        results=[ResultData("VI-SPDAT score", "11"), ResultData("Score band", "8+")],
    )

    live_questions = AssessmentQuestions.objects.filter(assessment=assessment)
    assert list(live_questions.values_list("pk", "assessment_answer")) == [(kept_question.pk, "Shelter")]
    assert AssessmentQuestions.all_objects.filter(assessment=assessment).count() == 2
    results = AssessmentResults.objects.filter(assessment=assessment)
    assert sorted(results.values_list("assessment_result_type", flat=True)) == [
        "Score band",
        "VI-SPDAT score",
    ]
    assert AssessmentResults.all_objects.get(pk=dropped_result.pk).date_deleted is not None
    # The assessment's own fields did not change, but a sync by DateUpdated must see it.
    assert Assessment.objects.get().date_updated > before
    assert (
        AuditEvent.objects.filter(action="delete", object_type="coordinated_entry.AssessmentResults").count()
        == 1
    )


def test_an_update_that_changes_nothing_writes_nothing(staff, enrollment):
    assessment = record(staff, enrollment)
    entries = AuditEvent.objects.count()
    services.update_assessment(
        user=staff, assessment_id=assessment.pk, data=ASSESSED, questions=QUESTIONS, results=RESULTS
    )
    assert AuditEvent.objects.count() == entries
    assert Assessment.objects.get().date_updated == assessment.date_updated


def test_an_update_is_checked_like_a_new_assessment(staff, enrollment):
    assessment = record(staff, enrollment)
    with pytest.raises(EnrollmentError) as refused:
        services.update_assessment(
            user=staff,
            assessment_id=assessment.pk,
            data=AssessmentData(assessment_date=day(-3)),
            questions=[],
        )
    assert fields_of(refused.value) == {"AssessmentDate": "4.19", "AssessmentQuestions": "REF-10"}
    assert Assessment.objects.get().assessment_date == day(10)
    assert AssessmentQuestions.objects.count() == 2


def test_removing_an_assessment_removes_its_questions_and_results(staff, enrollment):
    assessment = record(staff, enrollment)
    services.delete_assessment(user=staff, assessment_id=assessment.pk)
    assert not Assessment.objects.exists()
    assert not AssessmentQuestions.objects.exists()
    assert not AssessmentResults.objects.exists()
    assert Assessment.all_objects.get().date_deleted is not None
    assert AssessmentQuestions.all_objects.count() == 2
    removed = AuditEvent.objects.filter(action="delete", personal_id=enrollment.client_id)
    assert removed.count() == 5
    with pytest.raises(Http404):
        services.delete_assessment(user=staff, assessment_id=assessment.pk)


# --- Events ----------------------------------------------------------------------------------------

REFERRAL_TO_PSH = EventType.REFERRAL_TO_PSH_PROJECT_RESOURCE_OPENING


def test_an_event_is_recorded_and_its_result_added_later(staff, enrollment):
    event = services.record_event(
        user=staff,
        enrollment_id=enrollment.pk,
        data=EventData(day(3), REFERRAL_TO_PSH, location_crisis_or_ph_housing="Elm Street Apartments"),
    )
    assert (event.event, event.referral_result, event.user_id) == (14, None, staff.hmis_user_id)
    services.update_event(
        user=staff,
        event_id=event.pk,
        data=EventData(
            day(3),
            REFERRAL_TO_PSH,
            location_crisis_or_ph_housing="Elm Street Apartments",
            referral_result=1,
            result_date=day(20),
        ),
    )
    stored = Event.objects.get()
    assert (stored.referral_result, stored.result_date) == (1, day(20))
    assert stored.date_updated > stored.date_created
    change = AuditEvent.objects.get(action="update", object_type="coordinated_entry.Event")
    assert change.personal_id == enrollment.client_id
    assert change.detail["changes"] == {"referral_result": [None, 1], "result_date": [None, str(day(20))]}


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (EventData(None, None), {"EventDate": "FMT-07", "Event": "FMT-07"}),
        (EventData(day(1), 19), {"Event": "FMT-03"}),
        (EventData(day(1), EventType.REFERRAL_TO_EMERGENCY_HOUSING_VOUCHER_EHV), {"Event": "FMT-03"}),
        (EventData(day(-1), 1), {"EventDate": "4.20"}),
        (EventData(day(1), 1, prob_sol_div_rr_result=1), {"ProbSolDivRRResult": "FMT-08"}),
        (EventData(day(1), 2, prob_sol_div_rr_result=7), {"ProbSolDivRRResult": "FMT-03"}),
        (EventData(day(1), 2, referral_case_manage_after=1), {"ReferralCaseManageAfter": "FMT-08"}),
        (EventData(day(1), 1, location_crisis_or_ph_housing="Elm"), {"LocationCrisisOrPHHousing": "FMT-08"}),
        (
            EventData(day(1), 1, referral_result=1, result_date=day(2)),
            {"ReferralResult": "FMT-08"},
        ),
        (EventData(day(1), REFERRAL_TO_PSH, result_date=day(2)), {"ResultDate": "FMT-08"}),
        (EventData(day(1), REFERRAL_TO_PSH, referral_result=2), {"ResultDate": "4.20.E"}),
        (EventData(day(5), REFERRAL_TO_PSH, referral_result=2, result_date=day(4)), {"ResultDate": "4.20.E"}),
    ],
)
def test_an_event_against_hud_rules_is_refused(staff, enrollment, data, errors):
    with pytest.raises(EnrollmentError) as refused:
        services.record_event(user=staff, enrollment_id=enrollment.pk, data=data)
    assert fields_of(refused.value) == errors
    assert nothing_written()


@pytest.mark.parametrize(
    ("event", "field", "value"),
    [
        (EventType.PROBLEM_SOLVING_DIVERSION_RAPID_RESOLUTION_INTERVENTION, "prob_sol_div_rr_result", 1),
        (EventType.REFERRAL_TO_POST_PLACEMENT_FOLLOW_UP, "referral_case_manage_after", 0),
        (EventType.REFERRAL_TO_EMERGENCY_SHELTER_BED_OPENING, "location_crisis_or_ph_housing", "Harbor"),
        (
            EventType.REFERRAL_TO_A_HOUSING_STABILITY_VOUCHER,
            "location_crisis_or_ph_housing",
            "Voucher office",
        ),
    ],
)
def test_each_result_goes_with_its_event(staff, enrollment, event, field, value):
    data = EventData(day(1), event, **{field: value})
    saved = services.record_event(user=staff, enrollment_id=enrollment.pk, data=data)
    assert getattr(Event.objects.get(pk=saved.pk), field) == value


def test_a_legacy_event_code_already_on_record_may_stay(staff, enrollment):
    legacy = Event.objects.create(
        enrollment=enrollment,
        client=enrollment.client,
        event_date=day(1),
        event=EventType.REFERRAL_TO_EMERGENCY_HOUSING_VOUCHER_EHV,
        user=world.hmis_user(),
    )
    services.update_event(
        user=staff,
        event_id=legacy.pk,
        data=EventData(day(1), 17, referral_result=1, result_date=day(2)),
    )
    assert Event.objects.get().referral_result == 1


def test_removing_an_event(staff, enrollment):
    event = services.record_event(user=staff, enrollment_id=enrollment.pk, data=EventData(day(1), 1))
    services.delete_event(user=staff, event_id=event.pk)
    assert not Event.objects.exists()
    assert Event.all_objects.get().date_deleted is not None
    assert AuditEvent.objects.filter(action="delete", object_id=event.pk).count() == 1


# --- Visibility ------------------------------------------------------------------------------------


def test_records_are_visible_exactly_when_their_enrollment_is(staff, enrollment):
    assessment = record(staff, enrollment)
    event = services.record_event(user=staff, enrollment_id=enrollment.pk, data=EventData(day(1), 1))
    outsider = world.account("dana", world.organization("Clinic"), Role.CASE_MANAGER)
    for model, pk in ((Assessment, assessment.pk), (Event, event.pk)):
        assert model.objects.visible_to(staff).filter(pk=pk).exists()
        assert not model.objects.visible_to(outsider).filter(pk=pk).exists()
    assert AssessmentQuestions.objects.visible_to(staff).count() == 2
    assert AssessmentQuestions.objects.visible_to(outsider).count() == 0
    world.consent(enrollment.client, by=staff, scope="coc", signed_on=timezone.localdate())
    assert Assessment.objects.visible_to(outsider).filter(pk=assessment.pk).exists()
    assert AssessmentResults.objects.visible_to(outsider).count() == 2
