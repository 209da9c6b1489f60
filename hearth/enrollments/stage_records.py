"""Writes of one record collected at a data collection stage: IncomeBenefits, HealthAndDV,
EmploymentEducation, Disabilities or YouthEducationStatus, one at a time (the API's way in; the
assessment forms write a whole stage through ``services.save_assessment``).

Each service is keyword-only and works on an enrollment the user may change (a project of the
agency they act as, any project for the HMIS Lead; ``selectors.enrollments_to_work_on``): not
allowed answers exactly as a record that does not exist.  Values are HUD-named (CSV column names)
and checked as the forms check them (``record_answers``), with the stage's dates and rows as HUD
sets them (REF-09: one project start and one exit row per file, per DisabilityType, dated the
project start and the exit date; DT-06: an annual assessment within 30 days of the anniversary of
the head of household's start, one a year; an update within the stay).  The write runs in one
transaction, stamps UserID, DateCreated and DateUpdated, and is audited with the fields before and
after.  Bad input raises ``EnrollmentError`` naming HUD's columns and writes nothing.  Removing is
HUD's soft delete: DateDeleted is set and the record is kept.
"""

import datetime
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.access.models import Account, AuditAction, HMISUser
from hearth.enrollments import data_quality as dq
from hearth.enrollments import selectors
from hearth.enrollments.assessments import DISABILITY_ELEMENTS, annual_window_holding
from hearth.enrollments.data_quality import EnrollmentError, Finding
from hearth.enrollments.models import Enrollment, Exit
from hearth.enrollments.record_answers import checked_values, file_questions
from hearth.enrollments.services import (
    STAGE_MODELS,
    _audit,
    _create,
    _lock_household,
    _update,
    hmis_user_for,
)
from hearth.hud.generated.lists import DataCollectionStage

__all__ = [
    "STAGE_FILES",
    "EnrollmentError",
    "create_stage_record",
    "delete_assessment",
    "delete_stage_record",
    "update_stage_record",
]

NOT_FOUND = "No record with that ID."
STAGE_FILES = tuple(STAGE_MODELS)
# DataCollectionStage 6 "Post-exit (not used in CSV)".
RECORDED_STAGES = frozenset(
    {
        DataCollectionStage.PROJECT_ENTRY,
        DataCollectionStage.UPDATE,
        DataCollectionStage.PROJECT_EXIT,
        DataCollectionStage.ANNUAL_ASSESSMENT,
    }
)
ONE_PER_ENROLLMENT = frozenset({DataCollectionStage.PROJECT_ENTRY, DataCollectionStage.PROJECT_EXIT})


# --- Shared with the other one-record services -----------------------------------------------------


def enrollment_to_change(user: Account, enrollment_id: str) -> Enrollment:
    """An enrollment the user may change, with its client and project (not allowed: 404)."""
    enrollment = (
        selectors.enrollments_to_work_on(user)
        .filter(pk=enrollment_id)
        .select_related("client", "project__organization")
        .first()
    )
    if enrollment is None:
        raise Http404(selectors.gate.NOT_FOUND)
    return enrollment


def record_to_change(model: type[Any], user: Account, pk: str) -> tuple[Any, Enrollment]:
    """A live record, locked, whose enrollment the user may change; and that enrollment."""
    changeable = selectors.enrollments_to_work_on(user).values("pk")
    record = model.objects.select_for_update().filter(pk=pk, enrollment_id__in=changeable).first()
    if record is None:
        raise Http404(NOT_FOUND)
    enrollment = Enrollment.objects.select_related("client", "project__organization").get(
        pk=record.enrollment_id
    )
    return record, enrollment


def remove(record: Any, user: Account, hmis_user: HMISUser) -> None:
    """HUD's soft delete: DateDeleted set, the record kept; audited."""
    record.date_deleted = timezone.now()
    record.user = hmis_user
    record.save(update_fields=["date_deleted", "user", *record.stamp_updated()])
    _audit(user, AuditAction.DELETE, record, {"date_deleted": None}, {"date_deleted": record.date_deleted})


def exit_date_of(enrollment: Enrollment) -> datetime.date | None:
    return Exit.objects.filter(enrollment=enrollment).values_list("exit_date", flat=True).first()


# --- The stage's date and rows ---------------------------------------------------------------------


def _model(file: str) -> type[Any]:
    if file not in STAGE_MODELS:
        raise ValueError(f"not a file collected by stage: {file!r}")
    return STAGE_MODELS[file]


def _head_entry_date(enrollment: Enrollment) -> datetime.date:
    return selectors.head_entry_dates([enrollment.household_id]).get(
        enrollment.household_id, enrollment.entry_date
    )


def _information_date(
    enrollment: Enrollment, stage: int, sent: datetime.date | None, *, is_sent: bool
) -> tuple[datetime.date | None, list[Finding]]:
    """REF-09: project start is dated the project start date, exit the exit date (taken when not
    sent); an update within the stay; an annual assessment also in its window (DT-06)."""
    field = "InformationDate"
    exit_date = exit_date_of(enrollment)
    if stage not in RECORDED_STAGES:
        return None, [dq.error("DataCollectionStage", _("Record stages 1, 2, 3 or 5."))]
    if stage in ONE_PER_ENROLLMENT:
        expected = enrollment.entry_date if stage == DataCollectionStage.PROJECT_ENTRY else exit_date
        if expected is None:
            message = _("The enrollment has no exit yet: record the exit first.")
            return None, [dq.error("DataCollectionStage", message, "REF-09")]
        if is_sent and sent != expected:
            message = (
                _("A project start record is dated the project start date (%(day)s).")
                if stage == DataCollectionStage.PROJECT_ENTRY
                else _("An exit record is dated the exit date (%(day)s).")
            )
            return None, [dq.error(field, message % {"day": expected}, "REF-09")]
        return expected, []
    if sent is None:
        return None, [dq.error(field, _("Give the date of the assessment."))]
    today = timezone.localdate()
    # The window is looked for only around a date of the stay (an absurd year has no anniversary).
    window = annual_window_holding(_head_entry_date(enrollment), sent) if sent <= today else None
    return sent, dq.check_information_date(
        field,
        sent,
        entry_date=enrollment.entry_date,
        exit_date=exit_date,
        today=today,
        window=window,
        is_annual=stage == DataCollectionStage.ANNUAL_ASSESSMENT,
    )


def _duplicates(
    model: type[Any],
    enrollment: Enrollment,
    stage: int,
    day: datetime.date,
    disability_type: int | None,
    record: Any | None,
) -> list[Finding]:
    """REF-09: one project start and one exit row per file (per DisabilityType); DT-06: one annual
    assessment a year."""
    if stage not in ONE_PER_ENROLLMENT and stage != DataCollectionStage.ANNUAL_ASSESSMENT:
        return []
    rows = model.objects.filter(enrollment=enrollment, data_collection_stage=stage)
    if disability_type is not None:
        rows = rows.filter(disability_type=disability_type)
    if record is not None:
        rows = rows.exclude(pk=record.pk)
    if stage in ONE_PER_ENROLLMENT:
        other = rows.values_list("pk", flat=True).first()
        if other is None:
            return []
        message = _("This enrollment already has this record for that stage (%(id)s): change that one.")
        return [dq.error("DataCollectionStage", message % {"id": other}, "REF-09")]
    window = annual_window_holding(_head_entry_date(enrollment), day)
    if window is None:
        return []
    other = rows.filter(information_date__range=(window.opens, window.closes)).values_list("pk", flat=True)
    if not other:
        return []
    message = _("An annual assessment of that year is already recorded (%(id)s): change that one.")
    return [dq.error("InformationDate", message % {"id": other[0]}, "DT-06")]


def _checked(
    file: str,
    enrollment: Enrollment,
    stage: int,
    day: datetime.date,
    disability_type: int | None,
    values: Mapping[str, Any],
    record: Any | None = None,
) -> dict[str, Any]:
    facts = selectors.project_facts([enrollment.project])[enrollment.project_id]
    situation = selectors.situation_of(enrollment, facts, on=day)
    questions = file_questions(file, situation, disability_type)
    return checked_values(questions, values, record, disability_type=disability_type).values


# --- The services ----------------------------------------------------------------------------------


@transaction.atomic
def create_stage_record(
    *,
    user: Account,
    file: str,
    enrollment_id: str,
    data_collection_stage: int,
    information_date: datetime.date | None = None,
    disability_type: int | None = None,
    values: Mapping[str, Any],
) -> Any:
    """Record one row of ``file`` ("IncomeBenefits.csv"...) at a stage of the enrollment.
    ``values`` are the row's other fields, HUD-named; Disabilities.csv needs ``disability_type``."""
    model = _model(file)
    enrollment = enrollment_to_change(user, enrollment_id)
    _lock_household(enrollment.household_id)
    findings: list[Finding] = []
    if file == "Disabilities.csv" and disability_type not in DISABILITY_ELEMENTS.values():
        findings.append(dq.error("DisabilityType", _("Choose the disability type (5 to 10).")))
    day, date_findings = _information_date(
        enrollment, data_collection_stage, information_date, is_sent=information_date is not None
    )
    dq.raise_errors(findings + date_findings)
    assert day is not None  # no errors: the date is known
    dq.raise_errors(_duplicates(model, enrollment, data_collection_stage, day, disability_type, None))
    stored = _checked(file, enrollment, data_collection_stage, day, disability_type, values)
    extra = {"disability_type": disability_type} if file == "Disabilities.csv" else {}
    return _create(
        model,
        user,
        hmis_user_for(user),
        enrollment=enrollment,
        client=enrollment.client,
        data_collection_stage=data_collection_stage,
        information_date=day,
        **extra,
        **stored,
    )


@transaction.atomic
def update_stage_record(*, user: Account, file: str, record_id: str, values: Mapping[str, Any]) -> Any:
    """Change the fields of ``values`` (HUD-named; InformationDate included) of one stage record.
    A project start or exit record takes the project start or exit date when InformationDate is
    not sent (REF-09)."""
    record, enrollment = record_to_change(_model(file), user, record_id)
    values = dict(values)
    is_sent = "InformationDate" in values
    sent_date = values.pop("InformationDate", record.information_date)
    stage = record.data_collection_stage
    day, date_findings = _information_date(enrollment, stage, sent_date, is_sent=is_sent)
    dq.raise_errors(date_findings)
    assert day is not None
    disability_type = getattr(record, "disability_type", None)
    dq.raise_errors(_duplicates(type(record), enrollment, stage, day, disability_type, record))
    stored = _checked(file, enrollment, stage, day, disability_type, values, record)
    _update(record, user, hmis_user_for(user), {"information_date": day, **stored})
    return record


@transaction.atomic
def delete_stage_record(*, user: Account, file: str, record_id: str) -> None:
    """Remove one stage record (soft delete)."""
    record, _enrollment = record_to_change(_model(file), user, record_id)
    remove(record, user, hmis_user_for(user))


@transaction.atomic
def delete_assessment(
    *, user: Account, enrollment_id: str, data_collection_stage: int, information_date: datetime.date
) -> int:
    """Remove the update or annual assessment of an enrollment dated ``information_date``: each of
    its rows, as ``delete_stage_record`` removes one.  Returns how many rows were removed; a day
    with none answers as a record that does not exist."""
    if data_collection_stage not in (DataCollectionStage.UPDATE, DataCollectionStage.ANNUAL_ASSESSMENT):
        raise EnrollmentError(
            _("Only an update or annual assessment is removed this way."), "DataCollectionStage"
        )
    enrollment = enrollment_to_change(user, enrollment_id)
    _lock_household(enrollment.household_id)
    rows = [
        (file, pk)
        for file, model in STAGE_MODELS.items()
        for pk in model.objects.filter(
            enrollment=enrollment,
            data_collection_stage=data_collection_stage,
            information_date=information_date,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    ]
    if not rows:
        raise Http404(NOT_FOUND)
    for file, pk in rows:
        delete_stage_record(user=user, file=file, record_id=pk)
    return len(rows)
