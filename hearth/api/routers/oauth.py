"""The OAuth2 token endpoint for system integrations: the client credentials grant (RFC 6749 section 4.4).

A registered integration (``hearth api-client register``) authenticates with its client ID and
secret, by HTTP Basic (section 2.3.1) or in the form, and receives a bearer token that lasts an hour
and acts exactly as a personal token of the integration's account in its agency.  Answers follow
section 5.1 (success) and 5.2 (errors), never problem details, since OAuth2 clients expect them.
"""

import base64
import binascii
from typing import Any, Literal
from urllib.parse import unquote_plus

from django.http import HttpRequest, HttpResponse
from ninja import Form, Router, Schema, Status
from pydantic import Field

from hearth.api import tokens
from hearth.api.problems import Problem

PREFIX = "/oauth"
router = Router(tags=["OAuth2"])

GRANT_TYPE = "client_credentials"
MAX_CREDENTIAL_LENGTH = 200  # client IDs are 20 characters and secrets 43: anything longer is not one
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


class TokenRequest(Schema):
    grant_type: str | None = Field(None, description="Always `client_credentials`.")
    client_id: str | None = Field(None, description="When not sent by HTTP Basic.")
    client_secret: str | None = Field(None, description="When not sent by HTTP Basic.")
    scope: str | None = Field(None, description="Ignored: a token has its integration's scope.")


class TokenOut(Schema):
    access_token: str
    token_type: Literal["Bearer"]
    expires_in: int = Field(..., description="Seconds until the token expires.")
    scope: Literal["read", "write"]


class OAuthError(Schema):
    error: Literal["invalid_request", "invalid_client", "unsupported_grant_type"]
    error_description: str


class _Refusal(Exception):
    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(description)
        self.status, self.error, self.description = status, error, description


def _basic_credentials(request: HttpRequest) -> tuple[str, str] | None:
    """Client ID and secret from ``Authorization: Basic``, each form-encoded (RFC 6749 section 2.3.1)."""
    header = request.headers.get("Authorization", "")
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError) as error:
        raise _Refusal(401, "invalid_client", "The Basic credentials are not base64 of id:secret.") from error
    client_id, colon, secret = decoded.partition(":")
    if not colon:
        raise _Refusal(401, "invalid_client", "The Basic credentials are not base64 of id:secret.")
    return unquote_plus(client_id), unquote_plus(secret)


def _credentials(request: HttpRequest, form: TokenRequest) -> tuple[str, str]:
    basic = _basic_credentials(request)
    in_form = form.client_id is not None or form.client_secret is not None
    if basic is not None and in_form:
        raise _Refusal(400, "invalid_request", "Authenticate the client one way only: Basic or the form.")
    if basic is None:
        if not form.client_id or not form.client_secret:
            raise _Refusal(
                401, "invalid_client", "Send the client ID and secret by HTTP Basic or in the form."
            )
        basic = (form.client_id, form.client_secret)
    if any(len(part) > MAX_CREDENTIAL_LENGTH for part in basic):
        raise _Refusal(401, "invalid_client", "Unknown client or wrong secret.")
    return basic


def _answer(status: int, body: dict[str, Any], response: HttpResponse, *, challenge: bool = False) -> Any:
    for name, value in NO_STORE.items():
        response[name] = value
    if challenge:
        response["WWW-Authenticate"] = 'Basic realm="hearth"'
    return Status(status, body)


@router.post(
    "/token",
    auth=None,
    response={200: TokenOut, 400: OAuthError, 401: OAuthError, 429: Problem},
    summary="Exchange client credentials for an access token",
    description="OAuth2 client credentials grant (RFC 6749 section 4.4): form-encoded "
    "`grant_type=client_credentials`, the client authenticated by HTTP Basic or by `client_id` and "
    "`client_secret` in the form. The token lasts an hour; use it as `Authorization: Bearer <token>`.",
)
def issue_token(request: HttpRequest, form: Form[TokenRequest], response: HttpResponse) -> Any:
    try:
        if not form.grant_type:
            raise _Refusal(400, "invalid_request", "grant_type is missing.")
        if form.grant_type != GRANT_TYPE:
            raise _Refusal(400, "unsupported_grant_type", "Only client_credentials is supported.")
        client_id, secret = _credentials(request, form)
        issued = tokens.issue_client_token(client_id, secret)
        if issued is None:
            raise _Refusal(401, "invalid_client", "Unknown client or wrong secret.")
    except _Refusal as refusal:
        error = {"error": refusal.error, "error_description": refusal.description}
        return _answer(refusal.status, error, response, challenge=refusal.status == 401)
    body = {
        "access_token": issued.secret,
        "token_type": "Bearer",
        "expires_in": int(tokens.OAUTH_TOKEN_LIFETIME.total_seconds()),
        "scope": issued.token.scope,
    }
    return _answer(200, body, response)
