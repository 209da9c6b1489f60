"""The signed-in user's API token pages: list, make (the secret shown once), revoke."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from hearth.access.models import AuditEvent
from hearth.access.permissions import Role
from hearth.api import tokens
from hearth.api.models import ApiToken
from tests.access import world
from tests.api.helpers import Caller

pytestmark = pytest.mark.django_db
PAGE = "/api-tokens/"


@pytest.fixture
def shelter():
    return world.organization("Shelter")


@pytest.fixture
def casey(shelter):
    return world.account("casey", shelter, Role.CASE_MANAGER)


def make(browser, **values):
    form = {"name": "Bed board", "organization": "", "scope": "read", "expires_on": ""} | values
    return browser.post(PAGE, form)


def test_making_a_token_shows_its_secret_once(casey, shelter):
    browser = world.browser(casey)
    made = make(browser, organization=shelter.pk, scope="write")
    assert made.status_code == 200
    token = ApiToken.objects.get(account=casey)
    assert (token.name, token.organization_id, token.scope) == ("Bed board", shelter.pk, "write")
    secret = made.context["new"].secret
    page = made.content.decode()
    assert secret in page
    assert Caller(secret).get("/clients").status_code == 200
    listed = browser.get(PAGE)
    assert listed.status_code == 200
    body = listed.content.decode()
    assert secret not in body
    assert "Bed board" in body
    assert f"hth_{token.prefix}_" in body
    assert AuditEvent.objects.filter(
        action="create", object_type="api.ApiToken", object_id=token.prefix
    ).exists()


def test_the_list_shows_each_tokens_facts(casey, shelter):
    expires = timezone.localdate() + datetime.timedelta(days=30)
    new = tokens.create_token(
        account=casey, name="Nightly sync", organization_id=shelter.pk, scope="read", expires_on=expires
    )
    Caller(new.secret).get("/clients")  # sets last used
    body = world.browser(casey).get(PAGE).content.decode()
    row = body[body.index("Nightly sync") :]
    row = row[: row.index("</tr>")]
    assert "Shelter" in row
    assert "Read only" in row
    assert expires.isoformat() in row
    assert timezone.localtime().strftime("%Y-%m-%d") in row  # created and last used today
    assert "Never" not in row


def test_an_expiry_date_is_kept(casey, shelter):
    expires = timezone.localdate() + datetime.timedelta(days=7)
    make(world.browser(casey), organization=shelter.pk, expires_on=expires.isoformat())
    assert timezone.localdate(ApiToken.objects.get(account=casey).expires_at) == expires


def test_revoking_stops_the_token_and_is_audited(casey, shelter):
    new = tokens.create_token(account=casey, name="Old", organization_id=shelter.pk, scope="read")
    browser = world.browser(casey)
    response = browser.post(f"{PAGE}{new.token.prefix}/revoke/")
    assert response.status_code == 302
    new.token.refresh_from_db()
    assert new.token.revoked_at is not None
    assert Caller(new.secret).get("/clients").status_code == 401
    assert AuditEvent.objects.filter(
        action="delete", object_type="api.ApiToken", object_id=new.token.prefix, username="casey"
    ).exists()
    assert "Revoke</button>" not in browser.get(PAGE).content.decode()


def test_another_users_token_cannot_be_revoked(casey, shelter):
    theirs = tokens.create_token(
        account=world.account("dana", shelter, Role.CASE_MANAGER), name="Theirs", organization_id=shelter.pk,
        scope="read",
    )  # fmt: skip
    browser = world.browser(casey)
    assert browser.post(f"{PAGE}{theirs.token.prefix}/revoke/").status_code == 404
    theirs.token.refresh_from_db()
    assert theirs.token.revoked_at is None
    assert "Theirs" not in browser.get(PAGE).content.decode()
    assert not AuditEvent.objects.filter(object_type="api.ApiToken", action="delete").exists()


def test_a_token_for_an_agency_without_membership_is_refused(casey):
    clinic = world.organization("Clinic")
    response = make(world.browser(casey), organization=clinic.pk)
    assert response.status_code == 400
    assert "You hold no active role in that agency." in response.content.decode()
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"name": "  "}, "Give the token a name"),
        ({"scope": "admin"}, "Choose read only or read and write."),
        ({"expires_on": "2001-01-01"}, "The expiry date must be in the future."),
        ({"expires_on": "soon"}, "soon is not a date"),
    ],
)
def test_bad_values_are_named(casey, shelter, values, message):
    response = make(world.browser(casey), organization=shelter.pk, **values)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_pages_need_the_second_factor(casey):
    from django.test import Client as Browser

    casey.mfa_required = True
    casey.save(update_fields=["mfa_required"])
    browser = Browser()
    browser.force_login(casey)
    assert browser.get(PAGE)["Location"] == "/account/second-factor/"
    assert browser.post(PAGE, {"name": "X", "organization": casey.acting_organization_id}).status_code == 302
    assert not ApiToken.objects.exists()
    assert Browser().get(PAGE)["Location"].startswith("/sign-in/")


def test_the_user_menu_links_the_page(casey):
    assert 'href="/api-tokens/"' in world.browser(casey).get("/").content.decode()


def test_the_page_is_in_spanish(casey):
    browser = world.browser(casey)
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    body = browser.get(PAGE).content.decode()
    assert "Tokens de la API" in body
