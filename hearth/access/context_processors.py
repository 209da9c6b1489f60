"""The agency the signed-in user acts as, and the others they may switch to, for every page."""

from typing import Any

from django.apps import apps
from django.http import HttpRequest

from hearth.access.models import Account, Membership


def acting_as(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if not isinstance(user, Account) or user.acting_organization_id is None:
        return {}

    def agencies() -> list[tuple[str, str]]:
        memberships = Membership.objects.filter(account=user, is_active=True)
        ids = memberships.values_list("organization_id", flat=True)
        return list(
            apps.get_model("agencies", "Organization")
            .objects.filter(pk__in=ids)
            .order_by("organization_name")
            .values_list("organization_id", "organization_name")
        )

    return {"acting_as": user.acting_organization, "member_agencies": agencies}
