"""Account pages: second factor, user agreement, acting agency; and the audit log for auditors."""

import datetime
from typing import Any

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hearth.access import accounts, audit, mfa
from hearth.access.models import Account, AuditAction, AuditEvent
from hearth.access.permissions import Permission
from hearth.access.policy import viewer_for


def _account(request: HttpRequest) -> Account:
    assert isinstance(request.user, Account)
    return request.user


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@login_required
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    account = _account(request)
    device = mfa.confirmed_device(account)
    setting_up = device is None
    error = ""
    if request.method == "POST":
        if mfa.verify(request, account, request.POST.get("token", "")):
            return HttpResponseRedirect(_safe_next(request, reverse("web:home")))
        error = _("That code is not right. Enter the six digits your app shows now.")
    context = {"setting_up": setting_up, "error": error}
    if setting_up:
        pending = mfa.pending_device(account)
        context |= {"qr": mfa.qr_data_uri(pending), "secret": mfa.secret_text(pending)}
    return render(request, "access/second_factor.html", context, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def agreement(request: HttpRequest) -> HttpResponse:
    account = _account(request)
    if request.method == "POST":
        if request.POST.get("accept") != "yes":
            return render(
                request,
                "access/agreement.html",
                {"error": _("Tick the box to accept the agreement.")},
                status=400,
            )
        accounts.accept_agreement(account, ip_address=request.META.get("REMOTE_ADDR"))
        return HttpResponseRedirect(_safe_next(request, reverse("web:home")))
    return render(request, "access/agreement.html", {"has_training": accounts.has_current_training(account)})


@login_required
@require_POST
def switch_agency(request: HttpRequest) -> HttpResponse:
    account = _account(request)
    accounts.switch_agency(
        account, request.POST.get("organization", ""), ip_address=request.META.get("REMOTE_ADDR")
    )
    messages.success(
        request, _("You are now acting as %(agency)s.") % {"agency": account.acting_organization}
    )
    return HttpResponseRedirect(reverse("web:home"))


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """The auditor's page: query the log by person, client, action and dates."""
    if not viewer_for(request.user).can(Permission.VIEW_AUDIT_LOG):
        raise Http404("No such page.")
    events = AuditEvent.objects.order_by("-id")
    filters = {
        "username": request.GET.get("username", "").strip(),
        "personal_id": request.GET.get("personal_id", "").strip(),
        "action": request.GET.get("action", "").strip(),
        "since": request.GET.get("since", "").strip(),
        "until": request.GET.get("until", "").strip(),
    }
    if filters["username"]:
        events = events.filter(username=filters["username"])
    if filters["personal_id"]:
        events = events.filter(personal_id=filters["personal_id"])
    if filters["action"] in AuditAction.values:
        events = events.filter(action=filters["action"])
    errors = []
    for name, lookup in (("since", "occurred_at__date__gte"), ("until", "occurred_at__date__lte")):
        if filters[name]:
            try:
                events = events.filter(**{lookup: datetime.date.fromisoformat(filters[name])})
            except ValueError:
                errors.append(_("%(value)s is not a date (YYYY-MM-DD).") % {"value": filters[name]})
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    audit.record(
        AuditAction.SEARCH,
        actor=audit.Actor.from_request(request),
        object_type="access.AuditEvent",
        detail={k: v for k, v in filters.items() if v},
    )
    context = {
        "page": page,
        "rows": with_agencies(page),
        "filters": filters,
        "actions": AuditAction.choices,
        "errors": errors,
    }
    return render(request, "access/audit_log.html", context)


def with_agencies(page: Any) -> list[tuple[AuditEvent, str]]:
    """Audit entries paired with the name of the agency each was made as."""
    ids = {event.acting_organization_id for event in page if event.acting_organization_id}
    names = dict(
        apps.get_model("agencies", "Organization")
        .all_objects.filter(pk__in=ids)
        .values_list("organization_id", "organization_name")
    )
    return [(event, names.get(event.acting_organization_id, event.acting_organization_id)) for event in page]
