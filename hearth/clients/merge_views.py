"""Merging duplicate clients (the HMIS Lead): compare two records field by field, merge, undo."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hearth.access import audit
from hearth.access.permissions import Permission
from hearth.access.policy import viewer_for
from hearth.clients import ssn
from hearth.clients.forms import MergeForm
from hearth.clients.gate import NOT_FOUND, access_client
from hearth.clients.merge import FIELD_GROUPS, merge_clients, undo_merge
from hearth.clients.models import Client, ClientMerge
from hearth.clients.services import ClientError


def _shown(client: Client, column: str) -> str:
    value = getattr(client, column)
    if value is None or value == "":
        return "—"
    if column == "ssn":
        return ssn.display(value)
    display = getattr(client, f"get_{column}_display", None)
    return str(display()) if display else str(value)


def _rows(survivor: Client, merged: Client, form: MergeForm) -> list[dict[str, Any]]:
    rows = []
    for group in FIELD_GROUPS:
        mine = "; ".join(_shown(survivor, c) for c in group.columns)
        theirs = "; ".join(_shown(merged, c) for c in group.columns)
        rows.append(
            {
                "group": group,
                "field": form[group.key],
                "survivor": mine,
                "merged": theirs,
                "same": mine == theirs,
            }
        )
    return rows


@require_http_methods(["GET", "POST"])
@login_required
def compare(request: HttpRequest, personal_id: str) -> HttpResponse:
    """The two records side by side; for each field, keep the survivor's value or take the other's."""
    if not viewer_for(request.user).can(Permission.MERGE_CLIENTS):
        raise Http404(NOT_FOUND)
    actor = audit.Actor.from_request(request)
    survivor = access_client(request.user, personal_id, actor=actor, purpose="compare for merge")
    other_id = (request.POST.get("duplicate") or request.GET.get("duplicate") or "").strip()
    if not other_id:
        messages.error(request, _("Give the PersonalID of the duplicate to merge into this client."))
        return HttpResponseRedirect(reverse("clients:profile", args=[survivor.pk]))
    if other_id == survivor.pk:
        messages.error(request, _("A client cannot be merged with itself: give another PersonalID."))
        return HttpResponseRedirect(reverse("clients:profile", args=[survivor.pk]))
    merged = Client.objects.visible_to(request.user).filter(pk=other_id).first()
    if merged is None:
        messages.error(request, _("No client with the PersonalID %(id)s.") % {"id": other_id})
        return HttpResponseRedirect(reverse("clients:profile", args=[survivor.pk]))
    access_client(request.user, merged.pk, actor=actor, purpose="compare for merge")
    form = MergeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            merge = merge_clients(
                user=request.user,  # type: ignore[arg-type]  # login_required: an Account
                survivor_id=survivor.pk,
                merged_id=merged.pk,
                choices=form.cleaned_data,
            )
        except ClientError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Merged %(merged)s into this client. The merge can be undone below.")
                % {"merged": merge.merged_id},
            )
            return HttpResponseRedirect(reverse("clients:profile", args=[survivor.pk]) + "#merges")
    context = {"survivor": survivor, "merged": merged, "form": form, "rows": _rows(survivor, merged, form)}
    return render(request, "clients/merge.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def undo(request: HttpRequest, personal_id: str, merge_id: int) -> HttpResponse:
    if not viewer_for(request.user).can(Permission.MERGE_CLIENTS):
        raise Http404(NOT_FOUND)
    survivor = access_client(
        request.user, personal_id, actor=audit.Actor.from_request(request), purpose="undo merge"
    )
    if not ClientMerge.objects.filter(pk=merge_id, survivor=survivor).exists():
        raise Http404(_("No merge with that ID."))
    try:
        merge = undo_merge(user=request.user, merge_id=merge_id)  # type: ignore[arg-type]  # login_required: an Account
    except ClientError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Merge undone: %(merged)s is a separate client again.") % {"merged": merge.merged_id}
        )
    return HttpResponseRedirect(reverse("clients:profile", args=[survivor.pk]) + "#merges")
