"""Who is calling: a bearer token (personal, or issued to a system integration), acting as one agency.

The account behind the token becomes ``request.user`` (acting as the token's agency for this request
only), so every read and write below goes through the same policy, services and audit as a page.
A read-only token may only read.
"""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from hearth.api import tokens
from hearth.api.models import Scope
from hearth.api.problems import ApiProblem

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = tokens.authenticate(token)
        if found is None:
            return None
        account, api_token = found
        if request.method not in SAFE_METHODS and api_token.scope != Scope.WRITE:
            raise ApiProblem(
                403,
                "read-only-token",
                _("Read-only token"),
                _("This token may only read. Make a read-and-write token to change records."),
            )
        request.user = account
        request.api_token = api_token  # type: ignore[attr-defined]
        return api_token
