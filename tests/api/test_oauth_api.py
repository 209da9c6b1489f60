"""System integrations: registering them, the client credentials grant (RFC 6749 section 4.4), revoking."""

import base64
import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client as HttpClient
from django.utils import timezone

from hearth.access.models import AuditEvent
from hearth.access.permissions import Role
from hearth.api import tokens
from hearth.api.models import ApiToken, OAuthClient
from tests.access import world
from tests.api.helpers import Caller

pytestmark = pytest.mark.django_db
TOKEN_URL = "/api/v1/oauth/token"


@pytest.fixture
def shelter():
    return world.organization("Shelter")


@pytest.fixture
def lead():
    return world.account("lee", world.organization("City"), Role.HMIS_LEAD_ADMIN)


@pytest.fixture
def service(shelter):
    return world.account("bed-registry", shelter, Role.CASE_MANAGER)


@pytest.fixture
def registered(lead, service, shelter):
    return tokens.register_client(
        by=lead, name="Bed registry", account=service, organization_id=shelter.pk, scope="write"
    )


def basic(client_id: str, secret: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()}


def ask(form: dict[str, str], headers: dict[str, str] | None = None):
    return HttpClient().post(TOKEN_URL, form, headers=headers or {})


def test_basic_credentials_give_a_bearer_token_for_an_hour(registered):
    response = ask(
        {"grant_type": "client_credentials"}, basic(registered.client.client_id, registered.secret)
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"access_token", "token_type", "expires_in", "scope"}
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 3600
    assert body["scope"] == "write"
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(oauth_client=registered.client)
    assert abs(token.expires_at - (timezone.now() + datetime.timedelta(hours=1))) < datetime.timedelta(
        minutes=1
    )
    assert AuditEvent.objects.filter(action="sign_in", object_id=registered.client.client_id).exists()
    listed = Caller(body["access_token"]).get("/clients")
    assert listed.status_code == 200


def test_form_credentials_work_too(registered):
    response = ask(
        {
            "grant_type": "client_credentials",
            "client_id": registered.client.client_id,
            "client_secret": registered.secret,
        }
    )
    assert response.status_code == 200, response.content
    assert response.json()["access_token"].startswith(tokens.TOKEN_PREFIX)


@pytest.mark.parametrize(
    ("form", "use_basic", "status", "error"),
    [
        ({"grant_type": "client_credentials"}, False, 401, "invalid_client"),
        ({"grant_type": "password"}, True, 400, "unsupported_grant_type"),
        ({}, True, 400, "invalid_request"),
        (
            {"grant_type": "client_credentials", "client_id": "x", "client_secret": "y"},
            True,
            400,
            "invalid_request",
        ),
    ],
    ids=["no credentials", "other grant", "no grant type", "two ways of authenticating"],
)
def test_malformed_requests_are_refused(registered, form, use_basic, status, error):
    headers = basic(registered.client.client_id, registered.secret) if use_basic else {}
    response = ask(form, headers)
    assert response.status_code == status
    assert response.json()["error"] == error
    assert response["Cache-Control"] == "no-store"
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("which", ["wrong secret", "unknown client", "not base64"])
def test_wrong_credentials_are_invalid_client(registered, which):
    headers = {
        "wrong secret": basic(registered.client.client_id, "guess"),
        "unknown client": basic("hth-0000000000000000", registered.secret),
        "not base64": {"Authorization": "Basic ***"},
    }[which]
    response = ask({"grant_type": "client_credentials"}, headers)
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
    assert response["WWW-Authenticate"] == 'Basic realm="hearth"'
    assert not ApiToken.objects.exists()


def test_a_revoked_integration_gets_no_token_and_its_tokens_stop_working(lead, registered):
    credentials = basic(registered.client.client_id, registered.secret)
    secret = ask({"grant_type": "client_credentials"}, credentials).json()["access_token"]
    tokens.revoke_client(by=lead, client_id=registered.client.client_id)
    assert Caller(secret).get("/clients").status_code == 401
    refused = ask({"grant_type": "client_credentials"}, credentials)
    assert refused.status_code == 401
    assert refused.json()["error"] == "invalid_client"
    assert AuditEvent.objects.filter(action="delete", object_type="api.OAuthClient").count() == 1


def test_a_read_only_integration_may_not_write(lead, service, shelter):
    new = tokens.register_client(
        by=lead, name="Dashboard", account=service, organization_id=shelter.pk, scope="read"
    )
    body = ask({"grant_type": "client_credentials"}, basic(new.client.client_id, new.secret)).json()
    assert body["scope"] == "read"
    refused = Caller(body["access_token"]).send("post", "/clients", {"FirstName": "X"})
    assert refused.status_code == 403


def test_only_the_hmis_lead_registers(service, shelter):
    with pytest.raises(tokens.TokenError):
        tokens.register_client(
            by=service, name="Mine", account=service, organization_id=shelter.pk, scope="read"
        )
    assert not OAuthClient.objects.exists()


def test_the_command_prints_the_secret_once_and_revokes(lead, service, shelter):
    out = StringIO()
    call_command(
        "api_client", "register", "--name", "Bed registry", "--account", "bed-registry",
        "--agency", shelter.pk, "--scope", "read", "--by", "lee", stdout=out,
    )  # fmt: skip
    lines = dict(line.split(":", 1) for line in out.getvalue().splitlines() if line.startswith("client_"))
    client_id, secret = lines["client_id"].strip(), lines["client_secret"].strip()
    client = OAuthClient.objects.get(client_id=client_id)
    assert secret not in client.secret_hash
    assert tokens.issue_client_token(client_id, secret) is not None
    listed = StringIO()
    call_command("api_client", "list", stdout=listed)
    assert secret not in listed.getvalue()
    assert client_id in listed.getvalue()
    call_command("api_client", "revoke", client_id, "--by", "lee", stdout=StringIO())
    assert tokens.issue_client_token(client_id, secret) is None


def test_the_command_names_what_is_wrong(lead, service, shelter):
    with pytest.raises(CommandError, match="No account 'nobody'"):
        call_command(
            "api_client", "register", "--name", "X", "--account", "nobody", "--agency", shelter.pk,
            "--scope", "read", "--by", "lee",
        )  # fmt: skip
    with pytest.raises(CommandError, match="Only the HMIS Lead"):
        call_command(
            "api_client", "register", "--name", "X", "--account", "bed-registry", "--agency", shelter.pk,
            "--scope", "read", "--by", "bed-registry",
        )  # fmt: skip
    with pytest.raises(CommandError, match="No system integration"):
        call_command("api_client", "revoke", "hth-nope", "--by", "lee")
