"""Enrollments (HMIS CSV Enrollment.csv) and their households: list, read, enroll, correct, remove.

Reads go through the policy (``Enrollment.objects.visible_to``, ``access_enrollment``) and are
audited; a read shows the enrollment's household (the members the caller may see).  Writes go
through ``hearth.enrollments.services``: a household is enrolled with its head
(``enroll_household``), a member joins later (``add_household_member``), the head changes
(``change_head_of_household``), the move-in date has its own rules (``record_move_in_date``), and
the other fields are corrected by ``update_enrollment``.
"""

import datetime
from typing import Any, Literal

from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router, Status
from pydantic import Field

from hearth.access import audit
from hearth.access.models import AuditAction
from hearth.api.common import READ_ERRORS, WRITE_ERRORS, account_of, with_etag
from hearth.api.enrollment_findings import hud_refusals
from hearth.api.problems import ApiProblem
from hearth.api.records import RecordQuery, list_records, locked_record
from hearth.api.schemas import from_api, input_columns, output_columns, page_schema, record_schema, to_api
from hearth.enrollments import selectors, services
from hearth.enrollments.gate import NOT_FOUND, access_enrollment
from hearth.enrollments.household_rules import HEAD
from hearth.enrollments.models import Enrollment
from hearth.hud.generated.lists import RelationshipToHoH

PREFIX = "/enrollments"
router = Router(tags=["Enrollments"])

FILE = "Enrollment"
OUTPUT = output_columns(FILE)
# What a correction may send: the record's own fields (the client, project and household are fixed).
PATCHABLE = [name for name in input_columns(FILE) if name not in ("PersonalID", "ProjectID", "HouseholdID")]

HouseholdMember = record_schema(
    "HouseholdMember",
    FILE,
    ["EnrollmentID", "PersonalID", "RelationshipToHoH", "EntryDate"],
    required=["EnrollmentID", "PersonalID", "RelationshipToHoH", "EntryDate"],
    extra={"ExitDate": (datetime.date | None, Field(None, description="HUD 3.11.1; null while enrolled"))},
)
EnrollmentOut = record_schema("Enrollment", FILE, OUTPUT, required=["EnrollmentID"])
EnrollmentPage = page_schema("EnrollmentPage", EnrollmentOut)
EnrollmentDetail = record_schema(
    "EnrollmentWithHousehold",
    FILE,
    OUTPUT,
    required=["EnrollmentID"],
    extra={
        "household": (
            list[HouseholdMember],
            Field(..., description="The members of the household (HouseholdID) you may see, head first."),
        )
    },
)
MemberIn = record_schema(
    "HouseholdMemberCreate",
    FILE,
    ["PersonalID", "RelationshipToHoH", "EntryDate"],
    required=["PersonalID", "RelationshipToHoH"],
)
HouseholdIn = record_schema(
    "EnrollmentCreate",
    FILE,
    ["ProjectID", "PersonalID", "EntryDate", "EnrollmentCoC"],
    required=["ProjectID", "PersonalID", "EntryDate"],
    extra={
        "members": (
            list[MemberIn],
            Field(
                default_factory=list,
                max_length=30,
                description="The other members, each with their relationship to the head of household "
                "(PersonalID) and their own project start when they join later (EntryDate; the head's "
                "when null).",
            ),
        )
    },
)
MemberAdd = record_schema(
    "HouseholdMemberAdd",
    FILE,
    ["PersonalID", "RelationshipToHoH", "EntryDate"],
    required=["PersonalID", "RelationshipToHoH", "EntryDate"],
)
EnrollmentPatch = record_schema(
    "EnrollmentUpdate",
    FILE,
    PATCHABLE,
    all_optional=True,
    extra={
        "FormerHeadRelationshipToHoH": (
            Literal[tuple(RelationshipToHoH.values)] | None,
            Field(
                None,
                description="With RelationshipToHoH 1 sent for a member: the relationship the former "
                "head of household takes to the new one (list 3.15.1).",
            ),
        )
    },
)


class EnrollmentQuery(RecordQuery):
    HouseholdID: str | None = Field(None, max_length=32)


def represent(enrollment: Enrollment) -> dict[str, Any]:
    """The enrollment's own fields: what its ETag is computed on."""
    return to_api(enrollment, FILE, OUTPUT)


def _detail(request: HttpRequest, enrollment: Enrollment, response: HttpResponse) -> dict[str, Any]:
    """The enrollment with its household; the other members shown are audited as viewed."""
    representation = represent(enrollment)
    with_etag(response, representation)
    members = selectors.household_of(request.user, enrollment)
    others = sorted({m.client_id for m in members} - {enrollment.client_id})
    if others:
        audit.record(
            AuditAction.VIEW,
            actor=audit.Actor.from_request(request),
            object_type="enrollments.Enrollment",
            object_id=enrollment.pk,
            personal_id=enrollment.client_id,
            detail={"via": "api", "household_id": enrollment.household_id, "personal_ids": others},
        )
    household = [
        {
            "EnrollmentID": m.pk,
            "PersonalID": m.client_id,
            "RelationshipToHoH": m.relationship_to_hoh,
            "EntryDate": m.entry_date,
            "ExitDate": next((e.exit_date for e in m.exits.all()), None),
        }
        for m in members
    ]
    return {**representation, "household": household}


def _visible(request: HttpRequest, enrollment_id: str) -> Enrollment:
    found = Enrollment.objects.visible_to(request.user).filter(pk=enrollment_id).first()
    if found is None:
        raise Http404(NOT_FOUND)
    return found


def _locked(request: HttpRequest, enrollment_id: str) -> Enrollment:
    """The enrollment to change, its household locked first (``records.locked_record``)."""
    found: Enrollment = locked_record(
        request, Enrollment, FILE, OUTPUT, enrollment_id, household_of=lambda e: e.household_id
    )
    return found


def _created(request: HttpRequest, enrollment: Enrollment, response: HttpResponse) -> Any:
    collection = request.path[: request.path.index(PREFIX) + len(PREFIX)]
    response["Location"] = request.build_absolute_uri(f"{collection}/{enrollment.pk}")
    return Status(201, _detail(request, enrollment, response))


@router.get(
    "",
    response={200: EnrollmentPage, **READ_ERRORS},
    summary="List enrollments you may see",
    description="Filters: ProjectID, PersonalID, HouseholdID, EnrollmentID; on_or_after and "
    "on_or_before compare the project start date (EntryDate).  Read one to see its household.",
)
def list_enrollments(request: HttpRequest, query: Query[EnrollmentQuery]) -> Any:
    household = Q(household_id=query.HouseholdID) if query.HouseholdID else None
    return list_records(
        request,
        Enrollment,
        FILE,
        OUTPUT,
        query,
        date_field="entry_date",
        project_path="project_id",
        extra=household,
    )


@router.get(
    "/{enrollment_id}",
    response={200: EnrollmentDetail, **READ_ERRORS},
    summary="Read an enrollment and its household",
)
def read_enrollment(request: HttpRequest, enrollment_id: str, response: HttpResponse) -> Any:
    enrollment = access_enrollment(
        request.user, enrollment_id, actor=audit.Actor.from_request(request), purpose="api"
    )
    return _detail(request, enrollment, response)


@router.post(
    "",
    response={201: EnrollmentDetail, **WRITE_ERRORS},
    summary="Enroll a household in a project",
    description="The head of household (PersonalID) and the other members, in one of your agency's "
    "projects; they share a new HouseholdID.  Answers with the head's enrollment.  Record the "
    "project start answers with PATCH.",
)
def create_enrollment(request: HttpRequest, payload: HouseholdIn, response: HttpResponse) -> Any:
    with hud_refusals(FILE):
        head, *_members = services.enroll_household(
            user=account_of(request),
            project_id=payload.ProjectID,
            head_personal_id=payload.PersonalID,
            entry_date=payload.EntryDate,
            members=[
                services.Member(m.PersonalID, m.RelationshipToHoH, m.EntryDate) for m in payload.members
            ],
            enrollment_coc=payload.EnrollmentCoC,
        )
    return _created(request, head, response)


@router.post(
    "/{enrollment_id}/members",
    response={201: EnrollmentDetail, **WRITE_ERRORS},
    summary="Add a member to the household",
    description="The client joins the household of this enrollment (any member's) in the same "
    "project, from EntryDate.  Answers with the new member's enrollment.",
)
def add_member(request: HttpRequest, enrollment_id: str, payload: MemberAdd, response: HttpResponse) -> Any:
    with hud_refusals(FILE):
        member = services.add_household_member(
            user=account_of(request),
            enrollment_id=enrollment_id,
            personal_id=payload.PersonalID,
            relationship_to_hoh=payload.RelationshipToHoH,
            entry_date=payload.EntryDate,
        )
    return _created(request, member, response)


@router.patch(
    "/{enrollment_id}",
    response={200: EnrollmentDetail, **WRITE_ERRORS},
    summary="Change an enrollment",
    description="Only the fields sent change.  RelationshipToHoH 1 makes this member the head of "
    "household (send FormerHeadRelationshipToHoH for the former head); MoveInDate is the head's, in "
    "permanent housing; the project start answers are those HUD asks of this client in this project.",
)
def update_enrollment(
    request: HttpRequest, enrollment_id: str, payload: EnrollmentPatch, response: HttpResponse
) -> Any:
    sent = payload.model_dump(exclude_unset=True)
    former_head = sent.pop("FormerHeadRelationshipToHoH", None)
    user = account_of(request)
    with transaction.atomic():
        current = _locked(request, enrollment_id)
        changes = from_api(sent, FILE)
        becomes_head = changes.get("relationship_to_hoh") == HEAD and current.relationship_to_hoh != HEAD
        if becomes_head:
            del changes["relationship_to_hoh"]
            if former_head is None:
                raise ApiProblem(
                    422,
                    "invalid",
                    "Invalid request",
                    "Some values are not valid; see errors.",
                    [("FormerHeadRelationshipToHoH", "Give the former head's relationship to the new head.")],
                )
        has_move_in = "move_in_date" in changes
        move_in = changes.pop("move_in_date", None)
        with hud_refusals(FILE):
            if becomes_head:
                services.change_head_of_household(
                    user=user, enrollment_id=current.pk, former_head_relationship=former_head
                )
            services.update_enrollment(user=user, enrollment_id=current.pk, values=changes)
            if has_move_in and move_in != current.move_in_date:
                services.record_move_in_date(user=user, enrollment_id=current.pk, move_in_date=move_in)
        enrollment = _visible(request, current.pk)
    return _detail(request, enrollment, response)


@router.delete(
    "/{enrollment_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Remove an enrollment",
    description="With its exit and every record collected during it (DateDeleted set).  A head of "
    "household is removed after the other members.",
)
def delete_enrollment(request: HttpRequest, enrollment_id: str) -> Any:
    with transaction.atomic():
        current = _locked(request, enrollment_id)
        with hud_refusals(FILE):
            services.delete_enrollment(user=account_of(request), enrollment_id=current.pk)
    return Status(204, None)
