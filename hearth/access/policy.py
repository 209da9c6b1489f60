"""The visibility policy: which clients and enrollments a user may see, and why.

This module is the one place that decides.  It answers in Django ``Q`` filters over a field path
that names the client (or enrollment) in the caller's query, so the domain apps apply it
without this module importing them (models are looked up by label at call time).

The rules (HUD 2004 HMIS Privacy Standards 4.2; VAWA; 42 CFR Part 2):

* No client data at all before the user agreement and privacy/security training are current.
* A user acts as one agency, in the role they hold there.  No active membership, no access.
* The HMIS Lead administrator role sees every client and enrollment (every view is audited).
* A role with ``view_client`` sees a client when the agency acted as serves the client (a live
  enrollment in one of its projects) or created the client record, or when the client's consent
  to share is active today and covers that agency (CoC-wide, or named).  A restricted client
  (e.g. a survivor of domestic violence) is seen only by agencies that serve them.
* Enrollments follow: an agency sees its own projects' enrollments, and through an active consent
  that shares the full record, other agencies' enrollments, except those in 42 CFR Part 2
  programs, which a general consent never shares.
* A consent that shares only the basic profile makes the client findable (for de-duplication)
  but shares no enrollment.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from hearth.access.accounts import may_see_client_data
from hearth.access.permissions import SYSTEM_WIDE_ROLES, Permission, Role, permissions_of

NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class Viewer:
    """A user as the policy sees them: the agency acted as and the role held there."""

    account_id: int | None
    organization_id: str | None
    role: Role | None
    may_see_client_data: bool = True  # the user agreement and training are on file (accounts.py)

    @property
    def permissions(self) -> frozenset[Permission]:
        return permissions_of(self.role)

    @property
    def is_system_wide(self) -> bool:
        return self.role in SYSTEM_WIDE_ROLES

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions


ANONYMOUS = Viewer(account_id=None, organization_id=None, role=None)


def viewer_for(account: Any) -> Viewer:
    """The Viewer of an account (or AnonymousUser): its active role in the agency it acts as.

    Cached on the account object for the length of a request.
    """
    if account is None or not getattr(account, "is_authenticated", False) or not account.is_active:
        return ANONYMOUS
    key = (account.acting_organization_id, account.agreement_accepted_at, account.training_completed_on)
    cached = getattr(account, "_hearth_viewer", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    organization_id = account.acting_organization_id
    role = None
    if organization_id is not None:
        role = (
            apps.get_model("access", "Membership")
            .objects.filter(account_id=account.pk, organization_id=organization_id, is_active=True)
            .values_list("role", flat=True)
            .first()
        )
    viewer = Viewer(
        account_id=account.pk,
        organization_id=organization_id,
        role=Role(role) if role else None,
        may_see_client_data=may_see_client_data(account),
    )
    account._hearth_viewer = (key, viewer)
    return viewer


def _active_consents(day: datetime.date, client_ref: OuterRef) -> QuerySet:
    return (
        apps.get_model("access", "ConsentToShare")
        .objects.filter(client_id=client_ref, signed_on__lte=day, revoked_at__isnull=True)
        .exclude(scope="none")
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gt=day))
    )


def _consent_covers(viewer: Viewer, client_ref: OuterRef, day: datetime.date, *, full_record: bool) -> Exists:
    consents = _active_consents(day, client_ref).filter(
        Q(scope="coc") | Q(scope="named", named_organizations__pk=viewer.organization_id)
    )
    if full_record:
        consents = consents.filter(shares="full")
    return Exists(consents)


def _served_by(viewer: Viewer, client_ref: OuterRef) -> Q:
    enrollments = apps.get_model("enrollments", "Enrollment").objects.filter(
        client_id=client_ref, project__organization_id=viewer.organization_id
    )
    origins = apps.get_model("access", "ClientOrigin").objects.filter(
        client_id=client_ref, organization_id=viewer.organization_id
    )
    return Q(Exists(enrollments)) | Q(Exists(origins))


def _restricted(client_ref: OuterRef) -> Exists:
    return Exists(apps.get_model("access", "ClientRestriction").objects.filter(client_id=client_ref))


def client_filter(viewer: Viewer, *, client_path: str = "pk", day: datetime.date | None = None) -> Q:
    """Rows whose client (at ``client_path``) the viewer may see."""
    if not viewer.may_see_client_data:
        return NOTHING
    if viewer.is_system_wide:
        return Q()
    if not viewer.can(Permission.VIEW_CLIENT) or viewer.organization_id is None:
        return NOTHING
    day = day or timezone.localdate()
    ref = OuterRef(client_path)
    shared = Q(_consent_covers(viewer, ref, day, full_record=False)) & ~Q(_restricted(ref))
    return _served_by(viewer, ref) | shared


def enrollment_filter(viewer: Viewer, *, enrollment_path: str = "pk", day: datetime.date | None = None) -> Q:
    """Rows whose enrollment (at ``enrollment_path``) the viewer may see."""
    if not viewer.may_see_client_data:
        return NOTHING
    if viewer.is_system_wide:
        return Q()
    if not viewer.can(Permission.VIEW_CLIENT) or viewer.organization_id is None:
        return NOTHING
    day = day or timezone.localdate()
    prefix = "" if enrollment_path == "pk" else f"{enrollment_path}__"
    own = Q(**{f"{prefix}project__organization_id": viewer.organization_id})
    client_ref = OuterRef(f"{prefix}client_id")
    part2 = Exists(
        apps.get_model("access", "Part2Program").objects.filter(project_id=OuterRef(f"{prefix}project_id"))
    )
    shared = (
        Q(_consent_covers(viewer, client_ref, day, full_record=True))
        & ~Q(_restricted(client_ref))
        & ~Q(part2)
    )
    return own | shared
