"""Pages for the signed-in user's personal API tokens: list, make (the secret shown once), revoke.

Under /api-tokens/, not /account/: making a credential needs the second factor, and pages under
/account/ are open before it (hearth/access/middleware.py OPEN_PREFIXES).
"""

import datetime
from typing import Any

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hearth.access.models import Account, Membership
from hearth.api import tokens
from hearth.api.models import Scope


def _account(request: HttpRequest) -> Account:
    assert isinstance(request.user, Account)
    return request.user


def _agencies(account: Account) -> list[tuple[str, str]]:
    """The agencies in which the account holds an active role: the ones a token may act as."""
    ids = Membership.objects.filter(account=account, is_active=True).values_list("organization_id", flat=True)
    return list(
        apps.get_model("agencies", "Organization")
        .objects.filter(pk__in=ids)
        .order_by("organization_name")
        .values_list("organization_id", "organization_name")
    )


def _expiry(value: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise tokens.TokenError(_("%(value)s is not a date (YYYY-MM-DD).") % {"value": value}) from error


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    """The user's tokens and the form to make one; after making one, its secret, this once."""
    account = _account(request)
    form = {
        "name": "",
        "organization": account.acting_organization_id or "",
        "scope": Scope.READ.value,
        "expires_on": "",
    }
    error, new = "", None
    status = 200
    if request.method == "POST":
        form |= {key: request.POST.get(key, "").strip() for key in form}
        try:
            new = tokens.create_token(
                account=account,
                name=form["name"],
                organization_id=form["organization"],
                scope=form["scope"],
                expires_on=_expiry(form["expires_on"]),
            )
        except tokens.TokenError as refusal:
            error, status = str(refusal), 400
        else:
            form["name"] = form["expires_on"] = ""
    context: dict[str, Any] = {
        "tokens": tokens.tokens_of(account),
        "agencies": _agencies(account),
        "scopes": Scope.choices,
        "form": form,
        "error": error,
        "new": new,
    }
    return render(request, "api/tokens.html", context, status=status)


@login_required
@require_POST
def revoke_api_token(request: HttpRequest, prefix: str) -> HttpResponse:
    try:
        token = tokens.revoke_token(account=_account(request), prefix=prefix)
    except tokens.TokenError as error:
        raise Http404(str(error)) from error
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return HttpResponseRedirect(reverse("api:tokens"))
