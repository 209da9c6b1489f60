"""Client pages."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hearth.access import audit
from hearth.access.models import AuditAction, AuditEvent
from hearth.access.views import with_agencies
from hearth.clients.gate import access_client


@require_GET
@login_required
def access_history(request: HttpRequest, personal_id: str) -> HttpResponse:
    """Who has seen this client's record (HUD privacy: a client may ask who accessed their data)."""
    access_client(
        request.user, personal_id, actor=audit.Actor.from_request(request), purpose="access history"
    )
    events = (
        AuditEvent.objects.filter(personal_id=personal_id).exclude(action=AuditAction.SEARCH).order_by("-id")
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    context = {"page": page, "rows": with_agencies(page), "personal_id": personal_id}
    return render(request, "access/client_access_history.html", context)
