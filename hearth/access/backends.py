"""Sign-in with lockout: Django's password check, wrapped in Hearth's account rules."""

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from hearth.access.accounts import record_failed_sign_in, sign_in_refusal
from hearth.access.models import Account


class AccountBackend(ModelBackend):
    """Refuses locked and long-idle accounts, and counts failed passwords towards the lockout.

    A refusal is kept on the request as ``hearth_sign_in_refusal`` so the sign-in form can say why.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Account | None:
        if username is None or password is None:
            return None
        account = Account._default_manager.filter(username=username).first()
        if account is None:
            Account().set_password(password)  # spend the same time as a real check
            return None
        refusal = sign_in_refusal(account)
        if refusal is not None:
            if request is not None:
                request.hearth_sign_in_refusal = refusal  # type: ignore[attr-defined]  # read by the form
            raise PermissionDenied(refusal)
        if not account.check_password(password):
            ip = request.META.get("REMOTE_ADDR") if request is not None else None
            record_failed_sign_in(account, ip_address=ip)
            return None
        return account if self.user_can_authenticate(account) else None
