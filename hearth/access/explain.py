"""Who can see a client, and why: the question every privacy officer asks.

The answer is computed from the same policy the gates use (policy.client_filter), asked once per
active membership, so it cannot drift from what the system actually enforces.
"""

from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone

from hearth.access.accounts import may_see_client_data
from hearth.access.models import ClientOrigin, ClientRestriction, ConsentToShare, Membership
from hearth.access.permissions import Permission, Role
from hearth.access.policy import Viewer, client_filter, enrollment_filter


@dataclass(frozen=True)
class AccessReason:
    username: str
    organization_id: str
    organization_name: str
    role: str
    reach: str  # "full record", "profile only", "profile and own enrollments"
    why: str


def _why(viewer: Viewer, personal_id: str) -> str:
    Enrollment = apps.get_model("enrollments", "Enrollment")
    if viewer.is_system_wide:
        return "HMIS Lead administrator: sees every client"
    reasons = []
    if Enrollment.objects.filter(
        client_id=personal_id, project__organization_id=viewer.organization_id
    ).exists():
        reasons.append("the agency serves the client (enrollment)")
    if ClientOrigin.objects.filter(client_id=personal_id, organization_id=viewer.organization_id).exists():
        reasons.append("the agency created the client record")
    today = timezone.localdate()
    for consent in ConsentToShare.objects.filter(client_id=personal_id).prefetch_related(
        "named_organizations"
    ):
        named = {o.pk for o in consent.named_organizations.all()}
        if consent.is_active_on(today) and (consent.scope == "coc" or viewer.organization_id in named):
            until = f" until {consent.expires_on}" if consent.expires_on else ""
            reasons.append(
                f"consent signed {consent.signed_on} ({consent.get_scope_display()}, "
                f"{consent.get_shares_display()}){until}"
            )
    return "; ".join(reasons)


def who_can_see(personal_id: str) -> list[AccessReason]:
    """Every active account that can see the client now, with its reach and the reason."""
    Client = apps.get_model("clients", "Client")
    Enrollment = apps.get_model("enrollments", "Enrollment")
    memberships = (
        Membership.objects.filter(is_active=True, account__is_active=True)
        .select_related("account", "organization")
        .order_by("organization__organization_name", "account__username")
    )
    restricted = ClientRestriction.objects.filter(client_id=personal_id).exists()
    answers = []
    for membership in memberships:
        viewer = Viewer(
            account_id=membership.account_id,
            organization_id=membership.organization_id,
            role=Role(membership.role),
            may_see_client_data=may_see_client_data(membership.account),
        )
        if not viewer.can(Permission.VIEW_CLIENT):
            continue
        if not Client.all_objects.filter(pk=personal_id).filter(client_filter(viewer)).exists():
            continue
        enrollments = Enrollment.objects.filter(client_id=personal_id)
        all_count = enrollments.count()
        seen = enrollments.filter(enrollment_filter(viewer)).count()
        reach = (
            "full record"
            if seen == all_count
            else ("profile only" if seen == 0 else "profile and some enrollments")
        )
        why = _why(viewer, personal_id)
        if restricted and not viewer.is_system_wide:
            why += " (client is restricted: only serving agencies)"
        answers.append(
            AccessReason(
                username=membership.account.get_username(),
                organization_id=membership.organization_id,
                organization_name=membership.organization.organization_name,
                role=membership.get_role_display(),
                reach=reach,
                why=why,
            )
        )
    return answers
