"""A client's consents to share (releases of information): list, read, record, revoke.

Consents are not HUD CSV records, so their fields keep the plain names of the model; the client is
named by HUD's PersonalID.  A caller sees the consents of the clients they may see
(``Client.objects.visible_to``), each read audited; recording and revoking go through
``hearth.access.consent`` and need the manage_consent permission.

A consent is a signed document: its terms are never edited and it is never deleted.  When the client
withdraws it, it is revoked (at once, forward only), and a new consent is recorded for new terms.
The signed and revocation forms are attached on the client's consent page, not through this API.
"""

import datetime
from typing import Any, Literal

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from hearth.access import audit
from hearth.access.consent import EXPIRY_CHOICES, ConsentError, record_consent, revoke_consent
from hearth.access.models import AuditAction, ConsentScope, ConsentShares, ConsentToShare, FormLanguage
from hearth.api.common import READ_ERRORS, WRITE_ERRORS, account_of, created, with_etag
from hearth.api.pagination import MAX_PAGE_SIZE, paginate
from hearth.api.problems import ApiProblem, Problem
from hearth.api.schemas import page_schema
from hearth.api.text_input import HudId, id_in_query, text
from hearth.clients.models import Client

PREFIX = "/consents"
router = Router(tags=["Consents to share"])
NOT_FOUND = "No consent with that ID."

Scope = Literal[tuple(ConsentScope.values)]
Shares = Literal[tuple(ConsentShares.values)]
Language = Literal[tuple(FormLanguage.values)]
Expiry = Literal[EXPIRY_CHOICES]
State = Literal["active", "not_sharing", "expired", "revoked", "not_yet_signed"]


class ConsentOut(Schema):
    id: int
    PersonalID: str
    scope: Scope = Field(..., description="Shared with: none, named agencies, or every CoC partner agency.")
    shares: Shares = Field(..., description="The basic profile (to find duplicates) or the full record.")
    named_organizations: list[str] = Field(..., description="OrganizationIDs, when scope is named.")
    signed_on: datetime.date
    expires_on: datetime.date | None = Field(..., description="The first day it no longer applies.")
    signed_by_name: str
    signed_by_relationship: str = Field(..., description="'self', or the signer's relation.")
    form_language: Language
    has_signed_form: bool
    recorded_as: str = Field(..., description="The OrganizationID of the agency that recorded it.")
    recorded_at: datetime.datetime
    revoked_at: datetime.datetime | None
    revocation_reason: str
    has_revocation_form: bool
    state: State = Field(..., description="Where this consent stands today.")


ConsentPage = page_schema("ConsentPage", ConsentOut)


class ConsentQuery(Schema):
    cursor: str | None = Field(None, max_length=400, description="From the previous page's `next` link.")
    page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)
    PersonalID: str | None = id_in_query()


class ConsentIn(Schema):
    PersonalID: HudId
    scope: Scope
    shares: Shares = ConsentShares.FULL_RECORD.value
    signed_on: datetime.date
    expiry: Expiry = Field(
        ..., description="When it ends: one or two years after signing, on expires_on, or never."
    )
    expires_on: datetime.date | None = Field(
        None, description="With expiry 'date': the first day it no longer applies."
    )
    signed_by_name: str = text(max_length=200)
    signed_by_relationship: str = text("self", max_length=32, description="'self', or the signer's relation.")
    named_organizations: list[HudId] = Field(
        default_factory=list, max_length=500, description="OrganizationIDs, when scope is named."
    )
    form_language: Language = FormLanguage.ENGLISH.value


class RevocationIn(Schema):
    reason: str = text(max_length=2000, description="Why the client withdrew the consent.")


def _state(consent: ConsentToShare, today: datetime.date) -> str:
    if consent.revoked_at is not None:
        return "revoked"
    if consent.scope == ConsentScope.NO_SHARING:
        return "not_sharing"
    if consent.expires_on is not None and consent.expires_on <= today:
        return "expired"
    return "active" if consent.signed_on <= today else "not_yet_signed"


def represent(consent: ConsentToShare) -> dict[str, Any]:
    return {
        "id": consent.pk,
        "PersonalID": consent.client_id,
        "scope": consent.scope,
        "shares": consent.shares,
        "named_organizations": sorted(o.pk for o in consent.named_organizations.all()),
        "signed_on": consent.signed_on,
        "expires_on": consent.expires_on,
        "signed_by_name": consent.signed_by_name,
        "signed_by_relationship": consent.signed_by_relationship,
        "form_language": consent.form_language,
        "has_signed_form": bool(consent.signed_form),
        "recorded_as": consent.recorded_as_id,
        "recorded_at": consent.recorded_at,
        "revoked_at": consent.revoked_at,
        "revocation_reason": consent.revocation_reason,
        "has_revocation_form": bool(consent.revocation_form),
        "state": _state(consent, timezone.localdate()),
    }


def _visible(request: HttpRequest) -> Any:
    clients = Client.objects.visible_to(request.user).values("pk")
    return ConsentToShare.objects.filter(client_id__in=clients).prefetch_related("named_organizations")


def _one(request: HttpRequest, consent_id: int) -> ConsentToShare:
    consent = _visible(request).filter(pk=consent_id).first()
    if consent is None:
        raise Http404(NOT_FOUND)
    return consent


def _refused(error: ConsentError) -> ApiProblem:
    """The consent service's refusal as a problem naming the field it is about."""
    message = str(error)
    fields = {
        _("Give the date the consent ends."): "expires_on",
        _("The consent must end after the day it was signed."): "expires_on",
        _("Choose when the consent ends: one year, two years, a date, or never."): "expiry",
        _("Choose who the record is shared with."): "scope",
        _("Choose what is shared."): "shares",
        _("The consent cannot be signed in the future."): "signed_on",
        _("Give the name of the person who signed."): "signed_by_name",
        _("Choose the language of the form."): "form_language",
        _("Name at least one agency, from the list of CoC agencies."): "named_organizations",
        _("A minor's consent is signed by the Head of Household or a guardian."): "signed_by_relationship",
        _("This consent was already revoked."): "revoked_at",
        _("Give the reason for the revocation."): "reason",
    }
    return ApiProblem(422, "refused", _("Not saved"), message, [(fields.get(message, "request"), message)])


@router.get(
    "",
    response={200: ConsentPage, **READ_ERRORS},
    summary="List consents to share",
    description="The consents of the clients you may see, in the order recorded; filter by PersonalID.",
)
def list_consents(request: HttpRequest, query: Query[ConsentQuery]) -> Any:
    consents = _visible(request)
    if query.PersonalID:
        consents = consents.filter(client_id=query.PersonalID)
    return paginate(
        request,
        consents,
        cursor=query.cursor,
        page_size=query.page_size,
        represent=represent,
        client_of=lambda consent: consent.client_id,
        object_type="access.ConsentToShare",
    )


@router.get("/{consent_id}", response={200: ConsentOut, **READ_ERRORS}, summary="Read a consent to share")
def read_consent(request: HttpRequest, consent_id: int, response: HttpResponse) -> Any:
    consent = _one(request, consent_id)
    audit.record(
        AuditAction.VIEW,
        actor=audit.Actor.from_request(request),
        object_type="access.ConsentToShare",
        object_id=str(consent.pk),
        personal_id=consent.client_id,
        detail={"via": "api"},
    )
    return with_etag(response, represent(consent))


@router.post(
    "",
    response={201: ConsentOut, **WRITE_ERRORS},
    summary="Record a consent to share",
    description=(
        "A consent the client signed: who it shares with, what, from when and until when. A minor's "
        "consent is signed by the head of household or a guardian. Needs the manage_consent permission "
        "and a client you may see."
    ),
)
def create_consent(request: HttpRequest, payload: ConsentIn, response: HttpResponse) -> Any:
    try:
        consent = record_consent(
            user=account_of(request),
            personal_id=payload.PersonalID,
            scope=payload.scope,
            shares=payload.shares,
            signed_on=payload.signed_on,
            expiry=payload.expiry,
            expires_on=payload.expires_on,
            signed_by_name=payload.signed_by_name,
            signed_by_relationship=payload.signed_by_relationship.strip() or "self",
            named_organization_ids=payload.named_organizations,
            form_language=payload.form_language,
        )
    except ConsentError as error:
        raise _refused(error) from error
    return created(request, response, represent(_one(request, consent.pk)), consent.pk)


@router.post(
    "/{consent_id}/revoke",
    response={200: ConsentOut, **WRITE_ERRORS},
    summary="Revoke a consent to share",
    description=(
        "The only change a consent takes. A consent is a document the client signed, so its terms are "
        "never edited: to share differently, revoke it and record a new one. Revocation takes effect at "
        "once and forward only (what was shared stays shared; nothing more is shown): the answer shows "
        "the revoked consent even when it ends your own view of the client. Needs the manage_consent "
        "permission and a client you may see."
    ),
)
def revoke(request: HttpRequest, consent_id: int, payload: RevocationIn, response: HttpResponse) -> Any:
    with transaction.atomic():
        consent = _one(request, consent_id)
        try:
            revoked = revoke_consent(user=account_of(request), consent_id=consent.pk, reason=payload.reason)
        except ConsentError as error:
            raise _refused(error) from error
    # Shown even when the revocation ends the caller's own view of the client (an agency that saw
    # the client through this very consent): it is the answer to what they just did.
    return with_etag(response, represent(revoked))


@router.delete(
    "/{consent_id}",
    response={405: Problem, 401: Problem, 403: Problem, 422: Problem, 429: Problem},
    summary="Consents are not deleted",
    description=(
        "Always refused (405), whatever the id: a consent is a signed document kept as the record of "
        "what the client agreed to and when. Revoke it instead (POST /consents/{consent_id}/revoke)."
    ),
)
def delete_consent(request: HttpRequest, consent_id: int) -> Any:
    raise ApiProblem(
        405,
        "not-deletable",
        _("Consents are not deleted"),
        _("A consent is a signed document: it is kept. Revoke it instead: POST /consents/{id}/revoke."),
        headers={"Allow": "GET"},
    )
