"""Writes of one contact (CurrentLivingSituation.csv, HUD 4.12) or one service (Services.csv) in
HUD's column names: recorded through ``services.record_contact`` and ``services.record_service``
(the pages' services), changed and removed here with the same checks.

As in ``stage_records``: only on an enrollment the user may change (not allowed answers as a record
that does not exist); one transaction; UserID, DateCreated and DateUpdated stamped; audited.  Bad
input raises ``EnrollmentError`` naming HUD's columns and writes nothing; a value sent for a field
that does not apply is refused rather than dropped.  Removing is HUD's soft delete.
"""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.access.models import Account
from hearth.enrollments import data_quality as dq
from hearth.enrollments import selectors, service_types, services
from hearth.enrollments.assessments import contact_questionnaire
from hearth.enrollments.data_quality import EnrollmentError, Finding
from hearth.enrollments.models import CurrentLivingSituation, Enrollment, Services
from hearth.enrollments.record_answers import IDENTITY_COLUMNS, checked_values, unwritable_text
from hearth.enrollments.services import _check_activity_date, _service_value_problems, _update, hmis_user_for
from hearth.enrollments.stage_records import enrollment_to_change, record_to_change, remove

__all__ = [
    "EnrollmentError",
    "create_contact",
    "create_service",
    "delete_contact",
    "delete_service",
    "update_contact",
    "update_service",
]

# --- Contacts (4.12) -------------------------------------------------------------------------------

CONTACT_FILE = "CurrentLivingSituation.csv"


def _renamed(error: EnrollmentError, names: Mapping[str, str]) -> EnrollmentError:
    return EnrollmentError(
        Finding(names.get(f.field, f.field), f.message, f.is_error, f.rule) for f in error.findings
    )


def _contact_questions(enrollment: Enrollment) -> Any:
    questions = contact_questionnaire(enrollment.project.project_type)
    if not questions:
        raise EnrollmentError(_("This project does not record current living situations."), "EnrollmentID")
    return questions


def create_contact(
    *, user: Account, enrollment_id: str, information_date: datetime.date | None, values: Mapping[str, Any]
) -> CurrentLivingSituation:
    """Record a contact and the living situation observed (HUD-named ``values``)."""
    with transaction.atomic():
        questions = _contact_questions(enrollment_to_change(user, enrollment_id))
        checked = checked_values(questions, values)
        try:
            return services.record_contact(
                user=user,
                enrollment_id=enrollment_id,
                information_date=information_date,
                answers=checked.answers,
            )
        except EnrollmentError as refused:
            names = {q.name: q.column.name for q in questions.questions} | {
                "information_date": "InformationDate"
            }
            raise _renamed(refused, names) from refused


@transaction.atomic
def update_contact(*, user: Account, contact_id: str, values: Mapping[str, Any]) -> CurrentLivingSituation:
    """Change the fields of ``values`` (HUD-named; InformationDate included) of a contact: dated
    during the stay and not in the future (DT-05)."""
    record, enrollment = record_to_change(CurrentLivingSituation, user, contact_id)
    questions = _contact_questions(enrollment)
    values = dict(values)
    day = values.pop("InformationDate", record.information_date)
    dq.raise_errors(_check_activity_date(enrollment, day, "InformationDate"))
    checked = checked_values(questions, values, record)
    _update(record, user, hmis_user_for(user), {"information_date": day, **checked.values})
    return record


@transaction.atomic
def delete_contact(*, user: Account, contact_id: str) -> None:
    record, _enrollment = record_to_change(CurrentLivingSituation, user, contact_id)
    remove(record, user, hmis_user_for(user))


# --- Services --------------------------------------------------------------------------------------

SERVICE_COLUMNS: Mapping[str, str] = {
    "DateProvided": "date_provided",
    "RecordType": "record_type",
    "TypeProvided": "type_provided",
    **service_types.FIELD_NAMES,
}
_SERVICE_HUD_NAMES = {field: column for column, field in SERVICE_COLUMNS.items()}


def _service_column(field: str) -> str:
    """The HUD column of a field the pages' service checks name (``type_provided-144`` ...)."""
    if field.startswith("type_provided-"):
        return "TypeProvided"
    if field.startswith("sub_type_provided-"):
        return "SubTypeProvided"
    return _SERVICE_HUD_NAMES.get(field, field)


def _in_service_names(findings: Iterable[Finding]) -> list[Finding]:
    return [Finding(_service_column(f.field), f.message, f.is_error, f.rule) for f in findings]


def _not_applying(values: Mapping[str, Any], sent: Mapping[str, Any]) -> list[Finding]:
    """Dependent fields sent with a value where the RecordType and TypeProvided take none (FMT-08)."""
    return [
        dq.error(
            column,
            _("This field does not apply to this kind of service: leave it out or send null."),
            "FMT-08",
        )
        for column in service_types.DEPENDENT_FIELDS
        if sent.get(column) is not None
        and isinstance(values.get("RecordType"), int)
        and not service_types.applies(column, values["RecordType"], values.get("TypeProvided"))
    ]


def _unknown_service_fields(sent: Mapping[str, Any]) -> list[Finding]:
    return [
        dq.error(column, _("This cannot change: remove the record and record a new one."))
        for column in sent
        if column in IDENTITY_COLUMNS
    ]


def create_service(*, user: Account, enrollment_id: str, values: Mapping[str, Any]) -> Services:
    """Record a service, referral, financial assistance or bed night (HUD-named ``values``)."""
    dq.raise_errors(unwritable_text(values) + _not_applying(values, values))
    fields = {SERVICE_COLUMNS[column]: value for column, value in values.items() if column in SERVICE_COLUMNS}
    try:
        return services.record_service(user=user, enrollment_id=enrollment_id, **fields)
    except EnrollmentError as refused:
        raise EnrollmentError(_in_service_names(refused.findings)) from refused


def _service_findings(
    enrollment: Enrollment, values: Mapping[str, Any], record: Services
) -> tuple[dict[str, Any], list[Finding]]:
    """The checks of ``services.record_service``, on a service as it would be after the change."""
    date_provided, record_type, type_provided = (
        values["DateProvided"],
        values["RecordType"],
        values["TypeProvided"],
    )
    facts = selectors.project_facts([enrollment.project])[enrollment.project_id]
    situation = selectors.situation_of(enrollment, facts, on=date_provided or timezone.localdate())
    kinds = {k.record_type: k for k in service_types.service_kinds(situation)}
    findings = _check_activity_date(
        enrollment, date_provided, "DateProvided", before_exit=record_type == service_types.BED_NIGHT
    )
    if record_type not in kinds:
        return {}, [*findings, dq.error("RecordType", _("Choose a kind of service this project records."))]
    if type_provided not in {c.code for c in kinds[record_type].types}:
        findings.append(dq.error("TypeProvided", _("Choose the service provided.")))
    stored: dict[str, Any] = {
        "date_provided": date_provided,
        "record_type": record_type,
        "type_provided": type_provided,
    }
    for column in service_types.DEPENDENT_FIELDS:
        field = SERVICE_COLUMNS[column]
        value = values.get(column)
        if isinstance(value, str):
            value = value.strip() or None
        if not service_types.applies(column, record_type, type_provided):
            stored[field] = None
            continue
        stored[field] = value
        findings += _in_service_names(
            _service_value_problems(column, value, record_type, type_provided, type_provided_field=field)
        )
    if (
        record_type == service_types.BED_NIGHT
        and Services.objects.filter(
            enrollment=enrollment, record_type=record_type, date_provided=date_provided
        )
        .exclude(pk=record.pk)
        .exists()
    ):
        findings.append(dq.error("DateProvided", _("A bed night is already recorded on that date."), "DT-05"))
    return stored, findings


@transaction.atomic
def update_service(*, user: Account, services_id: str, values: Mapping[str, Any]) -> Services:
    """Change the fields of ``values`` (HUD-named) of a service; the result is checked as a new
    service is (DateProvided in the stay, a kind and type the project records, dependent fields)."""
    record, enrollment = record_to_change(Services, user, services_id)
    current = {column: getattr(record, field) for column, field in SERVICE_COLUMNS.items()}
    merged = current | {column: value for column, value in values.items() if column in SERVICE_COLUMNS}
    findings = _unknown_service_fields(values) + unwritable_text(values) + _not_applying(merged, values)
    dq.raise_errors(findings)
    stored, checks = _service_findings(enrollment, merged, record)
    dq.raise_errors(findings + checks)
    _update(record, user, hmis_user_for(user), stored)
    return record


@transaction.atomic
def delete_service(*, user: Account, services_id: str) -> None:
    """Remove a service (soft delete); bed nights too (the roster removes them the same way)."""
    record, _enrollment = record_to_change(Services, user, services_id)
    remove(record, user, hmis_user_for(user))
