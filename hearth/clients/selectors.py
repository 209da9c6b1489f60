"""Reads of client data, already scoped: the client through the access gate, notes and documents
by the agency that wrote them."""

from typing import Any

from django.db.models import QuerySet

from hearth.access.policy import viewer_for
from hearth.clients.models import CaseNote, Client, ClientDocument


def _written_by_my_agency(user: Any) -> dict[str, Any]:
    """Case notes and documents are the agency's own: seen by it and by the HMIS Lead only."""
    viewer = viewer_for(user)
    return {} if viewer.is_system_wide else {"organization_id": viewer.organization_id}


def notes_of(user: Any, client: Client) -> QuerySet[CaseNote]:
    scope = _written_by_my_agency(user)
    notes = CaseNote.objects.filter(client=client).select_related("written_by", "written_as")
    return notes.filter(written_as_id=scope["organization_id"]) if scope else notes


def documents_of(user: Any, client: Client) -> QuerySet[ClientDocument]:
    scope = _written_by_my_agency(user)
    documents = ClientDocument.objects.filter(client=client).select_related("uploaded_by", "uploaded_as")
    return documents.filter(uploaded_as_id=scope["organization_id"]) if scope else documents
