"""Services, referrals, financial assistance and bed nights (HMIS CSV Services.csv): list, read,
create, update, remove (``hearth.api.stage_records``), written through
``hearth.enrollments.activity_records``."""

from typing import Any

from hearth.access.models import Account
from hearth.api.stage_records import RecordResource, record_router
from hearth.enrollments import activity_records
from hearth.enrollments.models import Services

PREFIX = "/services"


def _create(user: Account, sent: dict[str, Any]) -> Services:
    values = dict(sent)
    return activity_records.create_service(user=user, enrollment_id=values.pop("EnrollmentID"), values=values)


def _update(user: Account, record_id: str, sent: dict[str, Any]) -> Services:
    return activity_records.update_service(user=user, services_id=record_id, values=sent)


def _delete(user: Account, record_id: str) -> None:
    activity_records.delete_service(user=user, services_id=record_id)


resource = RecordResource(
    file="Services",
    model=Services,
    module=__name__,
    noun="service",
    tag="Services",
    date_column="DateProvided",
    create=_create,
    update=_update,
    delete=_delete,
    create_required=["EnrollmentID", "DateProvided", "RecordType", "TypeProvided"],
    filters=["RecordType"],
    description=(
        "A service, referral, financial assistance or bed night on a date during the stay: a kind "
        "(RecordType) the project records for this person, TypeProvided from that kind's list, and "
        "the dependent fields where they apply (others are refused). A bed night (200) only in a "
        "night-by-night shelter, before the exit date and one a night (DT-05)."
    ),
)
router = record_router(resource, "services")
