"""Coordinated entry events (HMIS CSV Event.csv, HUD 4.20): referrals, diversion, and their
results: list, read, create, update, remove.

An event is visible exactly when its enrollment is (``Event.objects.visible_to``), and every read
is audited; writes go through ``hearth.coordinated_entry.services``, which allows them to the agency
running the enrollment's project and to the HMIS Lead.
"""

from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status

from hearth.api.common import READ_ERRORS, WRITE_ERRORS, account_of, created, with_etag
from hearth.api.records import hud_field, list_records, locked_record, read_record
from hearth.api.schemas import output_columns, page_schema, record_schema, to_api
from hearth.api.text_input import IdInPath, RecordFilters
from hearth.coordinated_entry import services
from hearth.coordinated_entry.models import Event

PREFIX = "/ce-events"
router = Router(tags=["Coordinated entry"])

FILE = "Event"
OUTPUT = output_columns(FILE)
DATA = [
    "EventDate",
    "Event",
    "ProbSolDivRRResult",
    "ReferralCaseManageAfter",
    "LocationCrisisOrPHHousing",
    "ReferralResult",
    "ResultDate",
]

CEEventOut = record_schema(
    "CEEvent", FILE, OUTPUT, required=["EventID", "EnrollmentID", "PersonalID", "EventDate", "Event"]
)
CEEventPage = page_schema("CEEventPage", CEEventOut)
CEEventIn = record_schema(
    "CEEventCreate", FILE, ["EnrollmentID", *DATA], required=["EnrollmentID", "EventDate", "Event"]
)
CEEventPatch = record_schema("CEEventUpdate", FILE, DATA, all_optional=True)

_RULES = (
    "HUD 4.20, for the head of household, dated during the enrollment. Each result goes with its "
    "event: ProbSolDivRRResult with event 2, ReferralCaseManageAfter with 5, LocationCrisisOrPHHousing "
    "and ReferralResult with referrals to a housing opening (10-15, 18); ResultDate with ReferralResult. "
    "Allowed to the agency running the enrollment's project and the HMIS Lead."
)


def represent(event: Event) -> dict[str, Any]:
    return to_api(event, FILE, OUTPUT)


def _data(values: dict[str, Any]) -> services.EventData:
    return services.EventData(**{hud_field(FILE, name): values.get(name) for name in DATA})


@router.get(
    "",
    response={200: CEEventPage, **READ_ERRORS},
    summary="List coordinated entry events you may see",
    description="`on_or_after` and `on_or_before` filter on EventDate.",
)
def list_events(request: HttpRequest, query: Query[RecordFilters]) -> Any:
    return list_records(request, Event, FILE, OUTPUT, query, date_field="event_date")


@router.get(
    "/{event_id}", response={200: CEEventOut, **READ_ERRORS}, summary="Read a coordinated entry event"
)
def read_event(request: HttpRequest, event_id: IdInPath, response: HttpResponse) -> Any:
    return with_etag(response, read_record(request, Event, FILE, OUTPUT, event_id))


@router.post(
    "",
    response={201: CEEventOut, **WRITE_ERRORS},
    summary="Record a coordinated entry event",
    description=_RULES,
)
def create_event(request: HttpRequest, payload: CEEventIn, response: HttpResponse) -> Any:
    values = payload.model_dump()
    event = services.record_event(
        user=account_of(request), enrollment_id=values["EnrollmentID"], data=_data(values)
    )
    return created(request, response, represent(event), event.pk)


@router.patch(
    "/{event_id}",
    response={200: CEEventOut, **WRITE_ERRORS},
    summary="Change a coordinated entry event",
    description="Only the fields sent change, for example the referral's result when it comes. " + _RULES,
)
def update_event(
    request: HttpRequest, event_id: IdInPath, payload: CEEventPatch, response: HttpResponse
) -> Any:
    with transaction.atomic():
        current = locked_record(request, Event, FILE, OUTPUT, event_id)
        values = to_api(current, FILE, DATA) | payload.model_dump(exclude_unset=True)
        event = services.update_event(user=account_of(request), event_id=current.pk, data=_data(values))
    return with_etag(response, represent(event))


@router.delete(
    "/{event_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Remove a coordinated entry event",
    description="DateDeleted is set; lists with updated_since show it.",
)
def delete_event(request: HttpRequest, event_id: IdInPath) -> Any:
    with transaction.atomic():
        current = locked_record(request, Event, FILE, OUTPUT, event_id)
        services.delete_event(user=account_of(request), event_id=current.pk)
    return Status(204, None)
