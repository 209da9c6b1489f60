"""Contacts and the living situation observed at each (HMIS CSV CurrentLivingSituation.csv, HUD
4.12): list, read, create, update, remove (``hearth.api.stage_records``), written through
``hearth.enrollments.activity_records``."""

from typing import Any

from hearth.access.models import Account
from hearth.api.stage_records import RecordResource, record_router
from hearth.enrollments import activity_records
from hearth.enrollments.models import CurrentLivingSituation

PREFIX = "/current-living-situations"


def _create(user: Account, sent: dict[str, Any]) -> CurrentLivingSituation:
    values = dict(sent)
    return activity_records.create_contact(
        user=user,
        enrollment_id=values.pop("EnrollmentID"),
        information_date=values.pop("InformationDate", None),
        values=values,
    )


def _update(user: Account, record_id: str, sent: dict[str, Any]) -> CurrentLivingSituation:
    return activity_records.update_contact(user=user, contact_id=record_id, values=sent)


def _delete(user: Account, record_id: str) -> None:
    activity_records.delete_contact(user=user, contact_id=record_id)


resource = RecordResource(
    file="CurrentLivingSituation",
    model=CurrentLivingSituation,
    module=__name__,
    noun="current living situation",
    tag="Current living situation",
    date_column="InformationDate",
    create=_create,
    update=_update,
    delete=_delete,
    create_required=["EnrollmentID", "InformationDate", "CurrentLivingSituation"],
    filters=["CurrentLivingSituation"],
    description=(
        "A contact during the stay (not in the future), in a project type that records 4.12 (street "
        "outreach, night-by-night shelter, services only, coordinated entry). Fields that do not apply "
        "given the living situation (HUD's dependent fields) are refused."
    ),
)
router = record_router(resource, "current_living_situations")
