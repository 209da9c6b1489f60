"""Coordinated entry assessments and events in the API matrix.

Writes belong to the agency running the enrollment's project and to the HMIS Lead (CASE_WORK): a
viewer who sees the client through a consent to share reads them but does not change them.
"""

import datetime

from django.utils import timezone

from hearth.api.concurrency import etag_of
from hearth.api.routers import ce_assessments, ce_events
from hearth.coordinated_entry.models import Assessment, AssessmentQuestions, AssessmentResults, Event
from hearth.enrollments.models import Enrollment
from tests.access import world
from tests.access.test_permission_matrix import MISSING, an_enrollment_of
from tests.api.matrix import CASE_WORK, ApiRoute

ASSESSED_ON = datetime.date(2025, 2, 1)


def an_assessment_of(pid: str) -> str:
    """The client's coordinated entry assessment (with a question and a result), or an id of none."""
    if pid == MISSING:
        return "no-such-assessment"
    found = Assessment.objects.filter(client_id=pid).first()
    if found is not None:
        return found.pk
    enrollment = Enrollment.objects.get(pk=an_enrollment_of(pid))
    common = {"enrollment": enrollment, "client_id": pid, "user": world.hmis_user()}
    assessment = Assessment.objects.create(assessment_date=ASSESSED_ON, assessment_level=1, **common)
    AssessmentQuestions.objects.create(
        assessment=assessment,
        assessment_question="Where did you sleep last night?",
        assessment_answer="Car",
        **common,
    )
    AssessmentResults.objects.create(
        assessment=assessment, assessment_result_type="Score", assessment_result="9", **common
    )
    return assessment.pk


def an_event_of(pid: str) -> str:
    """The client's coordinated entry event (a referral to a PSH opening), or an id of none."""
    if pid == MISSING:
        return "no-such-event"
    found = Event.objects.filter(client_id=pid).first()
    if found is None:
        found = Event.objects.create(
            enrollment_id=an_enrollment_of(pid),
            client_id=pid,
            event_date=ASSESSED_ON,
            event=14,
            user=world.hmis_user(),
        )
    return found.pk


def prepare(pid: str) -> None:
    """Made with the scene, before the matrix counts the records (tests/api/conftest.py)."""
    an_assessment_of(pid)
    an_event_of(pid)


def assessment_etag(pid: str) -> str:
    found = Assessment.objects.filter(pk=an_assessment_of(pid)).first()
    return etag_of(ce_assessments.represent(found)) if found is not None else '"none"'


def event_etag(pid: str) -> str:
    found = Event.objects.filter(pk=an_event_of(pid)).first()
    return etag_of(ce_events.represent(found)) if found is not None else '"none"'


def new_assessment(pid: str) -> dict:
    return {
        "EnrollmentID": an_enrollment_of(pid),
        "AssessmentDate": timezone.localdate().isoformat(),
        "AssessmentLevel": 2,
        "AssessmentQuestions": [
            {"AssessmentQuestion": "Are you safe where you are?", "AssessmentAnswer": "Yes"}
        ],
        "AssessmentResults": [{"AssessmentResultType": "Score", "AssessmentResult": "12"}],
    }


def new_event(pid: str) -> dict:
    return {"EnrollmentID": an_enrollment_of(pid), "EventDate": timezone.localdate().isoformat(), "Event": 2}


ROUTES = [
    ApiRoute("/api/v1/ce-assessments", "get", lambda _pid: "/ce-assessments", is_list=True),
    ApiRoute(
        "/api/v1/ce-assessments/{assessment_id}",
        "get",
        lambda pid: f"/ce-assessments/{an_assessment_of(pid)}",
    ),
    ApiRoute(
        "/api/v1/ce-assessments",
        "post",
        lambda _pid: "/ce-assessments",
        new_assessment,
        allowed_status=201,
        allowed_viewers=CASE_WORK,
    ),
    ApiRoute(
        "/api/v1/ce-assessments/{assessment_id}",
        "patch",
        lambda pid: f"/ce-assessments/{an_assessment_of(pid)}",
        lambda _pid: {"AssessmentLocation": "Library"},
        etag=assessment_etag,
        allowed_viewers=CASE_WORK,
    ),
    ApiRoute(
        "/api/v1/ce-assessments/{assessment_id}",
        "delete",
        lambda pid: f"/ce-assessments/{an_assessment_of(pid)}",
        etag=assessment_etag,
        allowed_status=204,
        allowed_viewers=CASE_WORK,
    ),
    ApiRoute("/api/v1/ce-events", "get", lambda _pid: "/ce-events", is_list=True),
    ApiRoute("/api/v1/ce-events/{event_id}", "get", lambda pid: f"/ce-events/{an_event_of(pid)}"),
    ApiRoute(
        "/api/v1/ce-events",
        "post",
        lambda _pid: "/ce-events",
        new_event,
        allowed_status=201,
        allowed_viewers=CASE_WORK,
    ),
    ApiRoute(
        "/api/v1/ce-events/{event_id}",
        "patch",
        lambda pid: f"/ce-events/{an_event_of(pid)}",
        lambda _pid: {"ReferralResult": 1, "ResultDate": timezone.localdate().isoformat()},
        etag=event_etag,
        allowed_viewers=CASE_WORK,
    ),
    ApiRoute(
        "/api/v1/ce-events/{event_id}",
        "delete",
        lambda pid: f"/ce-events/{an_event_of(pid)}",
        etag=event_etag,
        allowed_status=204,
        allowed_viewers=CASE_WORK,
    ),
]

OTHER_OPERATIONS: dict = {}
