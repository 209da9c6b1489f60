"""Exits (HMIS CSV Exit.csv): list, read, record, correct, remove.

Reads go through the policy (``Exit.objects.visible_to``: visible exactly when the enrollment is)
and are audited.  Writes go through ``hearth.enrollments.services``: one member or several members
of one household leave together (``exit_household_members``: the head leaves last, HH-04), an exit
is corrected (``update_exit``) or removed (``delete_exit``).
"""

from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status
from pydantic import Field

from hearth.api.common import READ_ERRORS, WRITE_ERRORS, account_of, created, with_etag
from hearth.api.enrollment_findings import hud_refusals
from hearth.api.records import RecordQuery, list_records, locked_record, read_record
from hearth.api.schemas import from_api, input_columns, output_columns, page_schema, record_schema, to_api
from hearth.enrollments import services
from hearth.enrollments.assessments import input_name
from hearth.enrollments.models import Exit

PREFIX = "/exits"
router = Router(tags=["Exits"])

FILE = "Exit"
OUTPUT = output_columns(FILE)
INPUT = [name for name in input_columns(FILE) if name != "PersonalID"]  # EnrollmentID, ExitDate, ...
NOTE = (
    "The exit assessment's other records (income, health... at exit, DataCollectionStage 3) keep what "
    "is recorded; those HUD requires and nobody recorded are written as not collected (99)."
)

ExitOut = record_schema("Exit", FILE, OUTPUT, required=["ExitID"])
ExitPage = page_schema("ExitPage", ExitOut)
ExitIn = record_schema("ExitCreate", FILE, INPUT, required=["EnrollmentID", "ExitDate", "Destination"])
ExitPatch = record_schema("ExitUpdate", FILE, [n for n in INPUT if n != "EnrollmentID"], all_optional=True)


class HouseholdExitIn(Schema):
    exits: list[ExitIn] = Field(..., min_length=1, max_length=30)


class HouseholdExitOut(Schema):
    results: list[ExitOut]


def represent(exit_record: Exit) -> dict[str, Any]:
    return to_api(exit_record, FILE, OUTPUT)


def _member_exit(values: dict[str, Any]) -> services.MemberExit:
    """The answers of one member's exit under the exit form's names; nulls are left unanswered."""
    answers = {
        input_name("Exit.csv", name): value
        for name, value in values.items()
        if name != "EnrollmentID" and value is not None
    }
    return services.MemberExit(values["EnrollmentID"], answers, is_partial=True)


def _locked(request: HttpRequest, exit_id: str) -> Exit:
    """The exit to change, its household locked first (``records.locked_record``)."""
    found: Exit = locked_record(
        request, Exit, FILE, OUTPUT, exit_id, household_of=lambda e: e.enrollment.household_id
    )
    return found


@router.get(
    "",
    response={200: ExitPage, **READ_ERRORS},
    summary="List exits you may see",
    description="Filters: EnrollmentID, PersonalID, ProjectID; on_or_after and on_or_before compare "
    "the exit date (ExitDate).",
)
def list_exits(request: HttpRequest, query: Query[RecordQuery]) -> Any:
    return list_records(request, Exit, FILE, OUTPUT, query, date_field="exit_date")


@router.post(
    "",
    response={201: ExitOut, **WRITE_ERRORS},
    summary="Record a member's exit",
    description="The member leaves the project (a head of household leaves last: exit the household "
    "together with POST /exits/household). " + NOTE,
)
def create_exit(request: HttpRequest, payload: ExitIn, response: HttpResponse) -> Any:
    with hud_refusals(FILE, default="EnrollmentID"):
        [exit_record] = services.exit_household_members(
            user=account_of(request), exits=[_member_exit(payload.model_dump())]
        )
    return created(request, response, represent(exit_record), exit_record.pk)


# Declared before "/{exit_id}", whose pattern would otherwise take this path.
@router.post(
    "/household",
    response={201: HouseholdExitOut, **WRITE_ERRORS},
    summary="Record the exits of several members of one household",
    description="All or nothing; errors name the member by position (exits.0.ExitDate). " + NOTE,
)
def create_household_exits(request: HttpRequest, payload: HouseholdExitIn) -> Any:
    exits = [_member_exit(member.model_dump()) for member in payload.exits]
    with hud_refusals(FILE, batch=[e.enrollment_id for e in exits], default="exits"):
        written = services.exit_household_members(user=account_of(request), exits=exits)
    return Status(201, {"results": [represent(e) for e in written]})


@router.get("/{exit_id}", response={200: ExitOut, **READ_ERRORS}, summary="Read an exit")
def read_exit(request: HttpRequest, exit_id: str, response: HttpResponse) -> Any:
    return with_etag(response, read_record(request, Exit, FILE, OUTPUT, exit_id))


@router.patch(
    "/{exit_id}",
    response={200: ExitOut, **WRITE_ERRORS},
    summary="Change an exit",
    description="Only the fields sent change; the answers are those HUD asks of this client at exit. "
    "A new ExitDate re-dates the exit assessment.",
)
def update_exit(request: HttpRequest, exit_id: str, payload: ExitPatch, response: HttpResponse) -> Any:
    with transaction.atomic():
        current = _locked(request, exit_id)
        with hud_refusals(FILE):
            exit_record = services.update_exit(
                user=account_of(request),
                exit_id=current.pk,
                values=from_api(payload.model_dump(exclude_unset=True), FILE),
            )
    return with_etag(response, represent(exit_record))


@router.delete(
    "/{exit_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Remove an exit",
    description="With its exit assessment (DateDeleted set): the member is enrolled again.",
)
def delete_exit(request: HttpRequest, exit_id: str) -> Any:
    with transaction.atomic():
        current = _locked(request, exit_id)
        with hud_refusals(FILE, default="ExitID"):
            services.delete_exit(user=account_of(request), exit_id=current.pk)
    return Status(204, None)
