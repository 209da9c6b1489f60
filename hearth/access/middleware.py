"""Per-request account rules: one active session, second factor, yearly user agreement."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.access.accounts import has_current_agreement, requires_mfa
from hearth.access.models import Account

LAST_SEEN_RESOLUTION = 300  # seconds: how stale last_seen_at may get before it is written again
MFA_VERIFIED = "hearth_mfa_verified"
# Paths a signed-in user may reach before the second factor and the agreement are done.
# The API authenticates each request by its token (hearth/api/auth.py), never by the session.
OPEN_PREFIXES = ("/account/", "/sign-out/", "/static/", "/i18n/", "/api/")


class AccountSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if isinstance(user, Account) and user.is_authenticated:
            redirect = self._check(request, user)
            if redirect is not None:
                return redirect
        return self.get_response(request)

    def _check(self, request: HttpRequest, account: Account) -> HttpResponse | None:
        if account.current_session_key and request.session.session_key != account.current_session_key:
            logout(request)
            messages.info(request, _("You were signed out because your account signed in somewhere else."))
            return HttpResponseRedirect(reverse("web:sign-in"))
        now = timezone.now()
        if (
            account.last_seen_at is None
            or (now - account.last_seen_at).total_seconds() > LAST_SEEN_RESOLUTION
        ):
            Account.objects.filter(pk=account.pk).update(last_seen_at=now)
        if request.path.startswith(OPEN_PREFIXES):
            return None
        if requires_mfa(account) and not request.session.get(MFA_VERIFIED):
            return HttpResponseRedirect(reverse("access:mfa"))
        if not has_current_agreement(account, now):
            return HttpResponseRedirect(reverse("access:agreement") + f"?next={request.path}")
        return None
