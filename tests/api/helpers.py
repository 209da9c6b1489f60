"""API callers for tests: a token for an account acting as an agency, and a client that sends it;
what an answer names."""

import json
from typing import Any

from django.test import Client as HttpClient

from hearth.access.models import Account
from hearth.api import tokens


class Caller:
    """Calls /api/v1/ with a bearer token; JSON in, JSON out."""

    def __init__(self, secret: str | None) -> None:
        self.secret = secret
        self.http = HttpClient()

    def _headers(self, extra: dict[str, str] | None) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.secret}"} if self.secret else {}
        return headers | (extra or {})

    def get(self, path: str, **params: Any):
        return self.http.get(f"/api/v1{path}", params, headers=self._headers(None))

    def send(self, method: str, path: str, body: Any = None, *, headers: dict[str, str] | None = None):
        call = getattr(self.http, method)
        data = json.dumps(body) if body is not None else ""
        return call(f"/api/v1{path}", data, content_type="application/json", headers=self._headers(headers))


def caller_for(account: Account, *, scope: str = "write", organization_id: str | None = None) -> Caller:
    new = tokens.create_token(
        account=account,
        name="test",
        organization_id=organization_id or account.acting_organization_id,
        scope=scope,
    )
    return Caller(new.secret)


def fields_of(response) -> set[str]:
    """The fields a problem answer names (its ``errors``)."""
    return {e["field"] for e in response.json()["errors"]}
