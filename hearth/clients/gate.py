"""The one door to a single client record: allowed, it is returned and the view is audited;
not allowed, it answers exactly as a record that does not exist."""

from typing import Any

from django.http import Http404

from hearth.access import audit
from hearth.access.models import AuditAction
from hearth.clients.models import Client

NOT_FOUND = "No client with that ID."


def access_client(
    user: Any, personal_id: str, *, actor: audit.Actor | None = None, purpose: str = ""
) -> Client:
    client = Client.objects.visible_to(user).filter(pk=personal_id).first()
    if client is None:
        raise Http404(NOT_FOUND)
    audit.record(
        AuditAction.VIEW,
        actor=actor or audit.Actor.of(user),
        object_type="clients.Client",
        object_id=client.pk,
        personal_id=client.pk,
        detail={"purpose": purpose} if purpose else None,
    )
    return client
