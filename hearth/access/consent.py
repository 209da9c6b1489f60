"""Consent to share (release of information): record it, revoke it, and say where it stands.

Every write is a service here: it checks the actor's permission and their access to the client,
validates, runs in one transaction and writes its audit entry.  Visibility itself is computed at
query time from the stored consents (policy.py), so expiry needs no job and a revocation takes
effect on the next query.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.access import audit
from hearth.access.models import AuditAction, ConsentScope, ConsentShares, ConsentToShare, FormLanguage
from hearth.access.permissions import Permission
from hearth.access.policy import client_filter, viewer_for
from hearth.hud.age import ADULT_AGE, age_on

EXPIRY_CHOICES = ("1y", "2y", "date", "none")


class ConsentError(ValueError):
    """A consent that cannot be recorded as asked; the message says why, in plain words."""


def expiry_date(
    signed_on: datetime.date, expiry: str, on_date: datetime.date | None = None
) -> datetime.date | None:
    """The first day the consent no longer applies, from the choice on the form."""
    if expiry == "none":
        return None
    if expiry in ("1y", "2y"):
        years = int(expiry[0])
        try:
            return signed_on.replace(year=signed_on.year + years)
        except ValueError:  # signed on 29 February
            return datetime.date(signed_on.year + years, 3, 1)
    if expiry == "date":
        if on_date is None:
            raise ConsentError(_("Give the date the consent ends."))
        if on_date <= signed_on:
            raise ConsentError(_("The consent must end after the day it was signed."))
        return on_date
    raise ConsentError(_("Choose when the consent ends: one year, two years, a date, or never."))


def _visible_client(user: Any, personal_id: str) -> Any:
    client = apps.get_model("clients", "Client").objects.filter(pk=personal_id)
    found = client.filter(client_filter(viewer_for(user))).first()
    if found is None:
        raise Http404("No client with that ID.")
    return found


@transaction.atomic
def record_consent(
    *,
    user: Any,
    personal_id: str,
    scope: str,
    shares: str,
    signed_on: datetime.date,
    expiry: str,
    expires_on: datetime.date | None = None,
    signed_by_name: str,
    signed_by_relationship: str = "self",
    named_organization_ids: list[str] | None = None,
    form_language: str = FormLanguage.ENGLISH,
    signed_form: UploadedFile | None = None,
) -> ConsentToShare:
    viewer = viewer_for(user)
    if not viewer.can(Permission.MANAGE_CONSENT):
        raise Http404("No client with that ID.")
    client = _visible_client(user, personal_id)
    if scope not in ConsentScope.values:
        raise ConsentError(_("Choose who the record is shared with."))
    if shares not in ConsentShares.values:
        raise ConsentError(_("Choose what is shared."))
    if signed_on > timezone.localdate():
        raise ConsentError(_("The consent cannot be signed in the future."))
    if not signed_by_name.strip():
        raise ConsentError(_("Give the name of the person who signed."))
    if form_language not in FormLanguage.values:
        raise ConsentError(_("Choose the language of the form."))
    named = list(dict.fromkeys(named_organization_ids or []))
    organizations = apps.get_model("agencies", "Organization").objects.filter(pk__in=named)
    if scope == ConsentScope.NAMED_AGENCIES and (not named or organizations.count() != len(named)):
        raise ConsentError(_("Name at least one agency, from the list of CoC agencies."))
    is_minor = (
        client.dob is not None and client.dob <= signed_on and age_on(client.dob, signed_on) < ADULT_AGE
    )
    if is_minor and signed_by_relationship == "self":
        raise ConsentError(_("A minor's consent is signed by the Head of Household or a guardian."))
    consent = ConsentToShare.objects.create(
        client=client,
        scope=scope,
        shares=shares,
        signed_on=signed_on,
        expires_on=expiry_date(signed_on, expiry, expires_on),
        signed_by_name=signed_by_name.strip(),
        signed_by_relationship=signed_by_relationship,
        form_language=form_language,
        recorded_by=user,
        recorded_as_id=viewer.organization_id or "",
    )
    if scope == ConsentScope.NAMED_AGENCIES:
        consent.named_organizations.set(organizations)
    if signed_form is not None:
        consent.signed_form.save(signed_form.name or "consent.pdf", signed_form, save=True)
    audit.record(
        AuditAction.CONSENT,
        actor=audit.Actor.of(user),
        object_type="access.ConsentToShare",
        object_id=str(consent.pk),
        personal_id=client.pk,
        detail={
            "scope": scope,
            "shares": shares,
            "signed_on": signed_on.isoformat(),
            "expires_on": consent.expires_on.isoformat() if consent.expires_on else None,
            "named": named,
        },
    )
    return consent


@transaction.atomic
def revoke_consent(
    *, user: Any, consent_id: int, reason: str, revocation_form: UploadedFile | None = None
) -> ConsentToShare:
    """Revoke at once, forward only: what was shared stays shared, nothing more is shown."""
    viewer = viewer_for(user)
    consent = ConsentToShare.objects.select_for_update().filter(pk=consent_id).first()
    if consent is None or not viewer.can(Permission.MANAGE_CONSENT):
        raise Http404("No consent with that ID.")
    _visible_client(user, consent.client_id)
    if consent.revoked_at is not None:
        raise ConsentError(_("This consent was already revoked."))
    if not reason.strip():
        raise ConsentError(_("Give the reason for the revocation."))
    consent.revoked_at = timezone.now()
    consent.revoked_by = user
    consent.revocation_reason = reason.strip()
    consent.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    if revocation_form is not None:
        consent.revocation_form.save(revocation_form.name or "revocation.pdf", revocation_form, save=True)
    audit.record(
        AuditAction.REVOKE_CONSENT,
        actor=audit.Actor.of(user),
        object_type="access.ConsentToShare",
        object_id=str(consent.pk),
        personal_id=consent.client_id,
        detail={"reason": consent.revocation_reason},
    )
    return consent


@dataclass(frozen=True)
class ConsentStatus:
    state: str  # "none", "active", "expired", "revoked"
    consent: ConsentToShare | None

    @property
    def is_sharing(self) -> bool:
        return self.state == "active"


def consent_status(personal_id: str, day: datetime.date | None = None) -> ConsentStatus:
    """Where a client's consent stands today: the active one if any, else the latest one's state."""
    day = day or timezone.localdate()
    consents = list(ConsentToShare.objects.filter(client_id=personal_id).order_by("-signed_on", "-pk"))
    for consent in consents:
        if consent.is_active_on(day):
            return ConsentStatus("active", consent)
    if not consents:
        return ConsentStatus("none", None)
    latest = consents[0]
    if latest.revoked_at is not None:
        return ConsentStatus("revoked", latest)
    if latest.scope == ConsentScope.NO_SHARING:
        return ConsentStatus("none", latest)
    return ConsentStatus("expired" if latest.expires_on and latest.expires_on <= day else "none", latest)
