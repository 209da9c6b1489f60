"""Every write of coordinated entry data: assessments with their questions and results (HUD 4.19)
and events (HUD 4.20).

Each service is keyword-only and works on an enrollment the user may change: one of a project of
the agency they act as (any project for the HMIS Lead), with the permission to enroll and assess;
seeing another agency's enrollment through a consent to share does not allow changing it, and not
allowed answers exactly as a record that does not exist.  Values are checked with HUD's rules
(``data_quality``), the write runs in one transaction, stamps HUD's UserID (the account's HMISUser),
DateCreated and DateUpdated, and writes an audit entry per record with the fields before and
after.  Bad input raises ``EnrollmentError`` with a message per field (HUD's column names) and
writes nothing.  Removing is HUD's soft delete: DateDeleted is set and the record is kept.
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.access import audit
from hearth.access.models import Account, AuditAction, HMISUser
from hearth.coordinated_entry import data_quality as dq
from hearth.coordinated_entry.models import (
    Assessment,
    AssessmentQuestions,
    AssessmentResults,
    Event,
)
from hearth.enrollments import selectors as enrollment_selectors
from hearth.enrollments.data_quality import Finding, raise_errors
from hearth.enrollments.services import EnrollmentError, hmis_user_for

__all__ = [
    "AssessmentData",
    "EnrollmentError",
    "EventData",
    "QuestionData",
    "ResultData",
    "delete_assessment",
    "delete_event",
    "record_assessment",
    "record_event",
    "update_assessment",
    "update_event",
]

NOT_FOUND = "No record with that ID."
ENROLLMENT_NOT_FOUND = "No enrollment with that ID."
HEAD_OF_HOUSEHOLD = 1  # 3.15 RelationshipToHoH


@dataclass(frozen=True)
class AssessmentData:
    """4.19.1-4.19.4 and 4.19.7: when, where and how the client was assessed, and the outcome."""

    assessment_date: datetime.date | None
    assessment_location: str | None = None
    assessment_type: int | None = None
    assessment_level: int | None = None
    prioritization_status: int | None = None


@dataclass(frozen=True)
class QuestionData:
    """4.19.5 and 4.19.A: one question of the CoC's assessment tool and the client's answer."""

    assessment_question: str | None
    assessment_answer: str | None = None
    assessment_question_group: str | None = None
    assessment_question_order: int | None = None


@dataclass(frozen=True)
class ResultData:
    """4.19.6 and 4.19.B: one result of the assessment (a score, a priority level)."""

    assessment_result_type: str | None
    assessment_result: str | None = None


@dataclass(frozen=True)
class EventData:
    """4.20.1-4.20.E: what happened on a date, and for referrals and diversion, the result."""

    event_date: datetime.date | None
    event: int | None
    prob_sol_div_rr_result: int | None = None
    referral_case_manage_after: int | None = None
    location_crisis_or_ph_housing: str | None = None
    referral_result: int | None = None
    result_date: datetime.date | None = None


# --- Shared steps ----------------------------------------------------------------------------------


def _cleaned(values: Mapping[str, Any]) -> dict[str, Any]:
    """Strings trimmed; an empty string is no answer."""
    return {k: (v.strip() or None) if isinstance(v, str) else v for k, v in values.items()}


_audit = audit.record_change  # one audit entry per record written, with its fields before and after


def _create[R: (Assessment, AssessmentQuestions, AssessmentResults, Event)](
    model: type[R], user: Account, hmis_user: HMISUser, enrollment: Any, **values: Any
) -> R:
    now = timezone.now()
    record = model._default_manager.create(
        enrollment=enrollment,
        client_id=enrollment.client_id,
        user=hmis_user,
        date_created=now,
        date_updated=now,
        **values,
    )
    _audit(user, AuditAction.CREATE, record, {}, {k: getattr(v, "pk", v) for k, v in values.items()})
    return record


def _update(record: Any, user: Account, hmis_user: HMISUser, values: Mapping[str, Any]) -> bool:
    """Write the changed fields only; a record nothing changes in is left as it was."""
    before = {name: getattr(record, name) for name in values}
    changed = audit.changes(before, values)
    if not changed:
        return False
    for name in changed:
        setattr(record, name, values[name])
    record.user = hmis_user
    record.save(update_fields=[*changed, *record.stamp_updated(), "user"])
    _audit(user, AuditAction.UPDATE, record, before, values)
    return True


def _remove(record: Any, user: Account, hmis_user: HMISUser) -> None:
    record.date_deleted = timezone.now()
    record.user = hmis_user
    record.save(update_fields=["date_deleted", "user", *record.stamp_updated()])
    _audit(user, AuditAction.DELETE, record, {"date_deleted": None}, {"date_deleted": record.date_deleted})


def _enrollment_to_change(user: Account, enrollment_id: str) -> Any:
    if not isinstance(enrollment_id, str) or "\x00" in enrollment_id:
        raise Http404(ENROLLMENT_NOT_FOUND)  # no enrollment has such an ID
    enrollment = (
        enrollment_selectors.enrollments_to_work_on(user)
        .filter(pk=enrollment_id)
        .select_related("client")
        .first()
    )
    if enrollment is None:
        raise Http404(ENROLLMENT_NOT_FOUND)
    return enrollment


def _record_to_change[R: (Assessment, AssessmentQuestions, AssessmentResults, Event)](
    model: type[R], user: Account, pk: str
) -> R:
    """The live record, locked, when its enrollment is one the user may change."""
    changeable = enrollment_selectors.enrollments_to_work_on(user).values("pk")
    record = model.objects.select_for_update().filter(pk=pk, enrollment_id__in=changeable).first()
    if record is None:
        raise Http404(NOT_FOUND)
    return record


def _dates_and_head(
    enrollment: Any, field: str, day: datetime.date | None, *, element: str, what: str
) -> list[Finding]:
    """4.19 and 4.20 are collected about the head of household, during the enrollment."""
    findings = []
    about_head = dq.collected_about(element) == "Head of Household"
    if about_head and enrollment.relationship_to_hoh != HEAD_OF_HOUSEHOLD:
        findings.append(
            Finding(
                "EnrollmentID",
                _("%(what)s is recorded on the head of household's enrollment.") % {"what": what},
                True,
                element,
            )
        )
    exit_date = enrollment.exits.values_list("exit_date", flat=True).first()
    findings += dq.check_within_enrollment(
        field,
        day,
        entry_date=enrollment.entry_date,
        exit_date=exit_date,
        today=timezone.localdate(),
        element=element,
    )
    return findings


# --- Assessments (4.19) ----------------------------------------------------------------------------

QUESTIONS = "AssessmentQuestions"
RESULTS = "AssessmentResults"


def _check_assessment(
    enrollment: Any,
    values: Mapping[str, Any],
    kept: Mapping[str, Any],
    questions: Sequence[Mapping[str, Any]] | None,
    results: Sequence[Mapping[str, Any]] | None,
) -> None:
    findings = dq.check_values("Assessment.csv", values, kept=kept)
    findings += _dates_and_head(
        enrollment,
        "AssessmentDate",
        values["assessment_date"],
        element="4.19",
        what=_("A coordinated entry assessment"),
    )
    # REF-10: at least one question and one result per assessment.
    for name, rows, file in (
        (QUESTIONS, questions, "AssessmentQuestions.csv"),
        (RESULTS, results, "AssessmentResults.csv"),
    ):
        if rows is None:
            continue
        if not rows:
            findings.append(Finding(name, _("Give at least one."), True, "REF-10"))
        for index, row in enumerate(rows):
            findings += dq.check_values(file, row, prefix=f"{name}.{index}.")
    raise_errors(findings)


def _sync_rows[R: (AssessmentQuestions, AssessmentResults)](
    model: type[R],
    user: Account,
    hmis_user: HMISUser,
    assessment: Assessment,
    wanted: Sequence[Mapping[str, Any]],
    key: Sequence[str],
) -> bool:
    """Make the assessment's live rows of ``model`` exactly ``wanted``: a row with the same key
    (question or result type) is kept and corrected in place, so its ID stays; a row no longer
    wanted is removed; the others are added.  Returns whether anything changed."""
    kept: dict[tuple[Any, ...], list[Any]] = {}
    for row in model.objects.select_for_update().filter(assessment=assessment).order_by("pk"):
        kept.setdefault(tuple(getattr(row, f) for f in key), []).append(row)
    changed = False
    for values in wanted:
        matching = kept.get(tuple(values[f] for f in key))
        if matching:
            changed |= _update(matching.pop(0), user, hmis_user, values)
        else:
            _create(model, user, hmis_user, assessment.enrollment, assessment=assessment, **values)
            changed = True
    for rows in kept.values():
        for row in rows:
            _remove(row, user, hmis_user)
            changed = True
    return changed


QUESTION_KEY = ("assessment_question_group", "assessment_question_order", "assessment_question")
RESULT_KEY = ("assessment_result_type",)


@transaction.atomic
def record_assessment(
    *,
    user: Account,
    enrollment_id: str,
    data: AssessmentData,
    questions: Sequence[QuestionData],
    results: Sequence[ResultData],
) -> Assessment:
    """Record a coordinated entry assessment (4.19) of the head of household, dated during the
    enrollment, with its questions and answers and its results (at least one of each, REF-10)."""
    enrollment = _enrollment_to_change(user, enrollment_id)
    values = _cleaned(asdict(data))
    wanted_questions = [_cleaned(asdict(q)) for q in questions]
    wanted_results = [_cleaned(asdict(r)) for r in results]
    _check_assessment(enrollment, values, {}, wanted_questions, wanted_results)
    hmis_user = hmis_user_for(user)
    assessment = _create(Assessment, user, hmis_user, enrollment, **values)
    for question in wanted_questions:
        _create(AssessmentQuestions, user, hmis_user, enrollment, assessment=assessment, **question)
    for result in wanted_results:
        _create(AssessmentResults, user, hmis_user, enrollment, assessment=assessment, **result)
    return assessment


@transaction.atomic
def update_assessment(
    *,
    user: Account,
    assessment_id: str,
    data: AssessmentData,
    questions: Sequence[QuestionData] | None = None,
    results: Sequence[ResultData] | None = None,
) -> Assessment:
    """Correct an assessment.  ``questions`` or ``results``, when given, are the whole new set:
    rows with the same question (group, order and text) or result type keep their IDs and take
    the new answer or result; rows left out are removed.  A change to any of them stamps the
    assessment's DateUpdated too, so a sync by DateUpdated sees it."""
    assessment = _record_to_change(Assessment, user, assessment_id)
    enrollment = _enrollment_to_change(user, assessment.enrollment_id)
    values = _cleaned(asdict(data))
    wanted_questions = None if questions is None else [_cleaned(asdict(q)) for q in questions]
    wanted_results = None if results is None else [_cleaned(asdict(r)) for r in results]
    kept = {name: getattr(assessment, name) for name in values}
    _check_assessment(enrollment, values, kept, wanted_questions, wanted_results)
    hmis_user = hmis_user_for(user)
    changed = _update(assessment, user, hmis_user, values)
    rows_changed = False
    if wanted_questions is not None:
        rows_changed |= _sync_rows(
            AssessmentQuestions, user, hmis_user, assessment, wanted_questions, QUESTION_KEY
        )
    if wanted_results is not None:
        rows_changed |= _sync_rows(AssessmentResults, user, hmis_user, assessment, wanted_results, RESULT_KEY)
    if rows_changed and not changed:
        assessment.user = hmis_user
        assessment.save(update_fields=["user", *assessment.stamp_updated()])
    return assessment


@transaction.atomic
def delete_assessment(*, user: Account, assessment_id: str) -> Assessment:
    """Remove an assessment with its questions and results (HUD's DateDeleted)."""
    assessment = _record_to_change(Assessment, user, assessment_id)
    hmis_user = hmis_user_for(user)
    for model in (AssessmentQuestions, AssessmentResults):
        for row in model.objects.select_for_update().filter(assessment=assessment).order_by("pk"):
            _remove(row, user, hmis_user)
    _remove(assessment, user, hmis_user)
    return assessment


# --- Events (4.20) ---------------------------------------------------------------------------------


def _check_event(enrollment: Any, values: Mapping[str, Any], kept: Mapping[str, Any]) -> None:
    findings = dq.check_values("Event.csv", values, kept=kept)
    findings += _dates_and_head(
        enrollment, "EventDate", values["event_date"], element="4.20", what=_("A coordinated entry event")
    )
    findings += dq.check_event_dependents(values, today=timezone.localdate())
    raise_errors(findings)


@transaction.atomic
def record_event(*, user: Account, enrollment_id: str, data: EventData) -> Event:
    """Record a coordinated entry event (4.20) of the head of household, dated during the
    enrollment; a result only with the kind of event it belongs to (4.20.A-E)."""
    enrollment = _enrollment_to_change(user, enrollment_id)
    values = _cleaned(asdict(data))
    _check_event(enrollment, values, {})
    return _create(Event, user, hmis_user_for(user), enrollment, **values)


@transaction.atomic
def update_event(*, user: Account, event_id: str, data: EventData) -> Event:
    """Correct an event, for example to record the referral's result when it comes (4.20.D, E)."""
    event = _record_to_change(Event, user, event_id)
    enrollment = _enrollment_to_change(user, event.enrollment_id)
    values = _cleaned(asdict(data))
    _check_event(enrollment, values, {name: getattr(event, name) for name in values})
    _update(event, user, hmis_user_for(user), values)
    return event


@transaction.atomic
def delete_event(*, user: Account, event_id: str) -> Event:
    """Remove an event (HUD's DateDeleted)."""
    event = _record_to_change(Event, user, event_id)
    _remove(event, user, hmis_user_for(user))
    return event
