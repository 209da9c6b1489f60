"""The permission matrix: every route that touches client data, for every kind of viewer.

Each client-data route is listed in CLIENT_ROUTES with how to call it; every other route is
listed in OTHER_ROUTES with the reason it shows no client data.  A new route that is in neither
list fails `test_every_route_is_classified`, so nothing joins the application unchecked.

For each route and viewer: allowed viewers get the page and an audit entry naming the client;
denied viewers get exactly the response of a client that does not exist, no client data, and
nothing is written.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.test import Client as Browser
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from hearth.access.models import Account, AuditEvent, ConsentToShare
from hearth.access.permissions import Role
from hearth.clients.models import Client
from tests.access import world

pytestmark = pytest.mark.django_db
MISSING = "no-such-client"


@dataclass(frozen=True)
class Route:
    pattern: str
    method: str
    url: Callable[[str], str]  # PersonalID -> URL (MISSING gives the URL of a record that does not exist)
    data: Callable[[str], dict] = lambda _pid: {}
    allowed_status: int = 200


def a_consent_of(pid: str) -> int:
    """The id of a live consent of the client (made by its shelter), or of none for MISSING."""
    if pid == MISSING:
        return 999_999
    consent = ConsentToShare.objects.filter(client_id=pid).first()
    if consent is None:
        staff = Account.objects.get(username="casey")
        consent = world.consent(Client.objects.get(pk=pid), by=staff, scope="none")
    return consent.pk


def consent_post(_pid: str) -> dict:
    return {
        "scope": "coc",
        "shares": "full",
        "signed_on": timezone.localdate().isoformat(),
        "expiry": "1y",
        "signed_by_name": "Alexandra Doe",
        "signed_by_relationship": "self",
        "form_language": "en",
    }


CLIENT_ROUTES = [
    Route("clients/<str:personal_id>/access-history/", "get", lambda pid: f"/clients/{pid}/access-history/"),
    Route("clients/<str:personal_id>/consent/", "get", lambda pid: f"/clients/{pid}/consent/"),
    Route(
        "clients/<str:personal_id>/consent/record/",
        "post",
        lambda pid: f"/clients/{pid}/consent/record/",
        consent_post,
        allowed_status=302,
    ),
    Route(
        "clients/<str:personal_id>/consent/<int:consent_id>/revoke/",
        "post",
        lambda pid: f"/clients/{pid}/consent/{a_consent_of(pid)}/revoke/",
        lambda _pid: {"reason": "Client asked"},
        allowed_status=302,
    ),
    Route(
        "clients/<str:personal_id>/consent/<str:kind>-<str:language>.pdf",
        "get",
        lambda pid: f"/clients/{pid}/consent/consent-es.pdf",
    ),
]

OTHER_ROUTES = {
    "i18n/setlang/": "sets the language cookie",
    "account/second-factor/": "the signed-in user's own second factor",
    "account/agreement/": "the signed-in user's own agreement",
    "account/agency/": "switches the signed-in user's own agency",
    "audit/": "audit entries (auditors only; tested in test_audit_pages)",
    "sign-in/": "sign-in form",
    "sign-out/": "sign-out",
    "": "home page: aggregate counts, no client-level data",
}

# Who looks, and whether they may see the client (who is enrolled at the "Shelter" agency).
VIEWERS = {
    "anonymous": False,
    "other agency without consent": False,
    "other agency with consent": True,
    "other agency with expired consent": False,
    "other agency with revoked consent": False,
    "same agency without the role": False,
    "same agency with the right role": True,
    "HMIS Lead": True,
}


def _walk(resolver: URLResolver, prefix: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def test_every_route_is_classified():
    routes = set(_walk(get_resolver()))
    classified = {r.pattern for r in CLIENT_ROUTES} | set(OTHER_ROUTES)
    assert routes - classified == set(), "classify these routes in the permission matrix"
    assert classified - routes == set(), "these classified routes no longer exist"


def build(viewer: str):
    """The client, enrolled at Shelter, and a browser for the viewer described."""
    shelter, clinic, city = (
        world.organization("Shelter"),
        world.organization("Clinic"),
        world.organization("City"),
    )
    person = world.client("Alexandra")
    world.enrollment(person, world.project(shelter))
    staff = world.account("casey", shelter, Role.CASE_MANAGER)
    today = timezone.localdate()
    if viewer == "anonymous":
        return person, Browser()
    if viewer == "same agency with the right role":
        return person, world.browser(staff)
    if viewer == "same agency without the role":
        return person, world.browser(world.account("rae", shelter, Role.REPORT_ANALYST))
    if viewer == "HMIS Lead":
        return person, world.browser(world.account("lee", city, Role.HMIS_LEAD_ADMIN))
    outsider = world.account("dana", clinic, Role.CASE_MANAGER)
    if viewer == "other agency with consent":
        world.consent(person, by=staff, scope="named", named=(clinic,), signed_on=today)
    elif viewer == "other agency with expired consent":
        world.consent(
            person,
            by=staff,
            signed_on=today - datetime.timedelta(days=400),
            expires_on=today - datetime.timedelta(days=1),
        )
    elif viewer == "other agency with revoked consent":
        world.consent(person, by=staff, signed_on=today, revoked=True)
    return person, world.browser(outsider)


def counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"access", "clients", "enrollments", "agencies", "coordinated_entry"}
    }


@pytest.mark.parametrize("route", CLIENT_ROUTES, ids=lambda r: r.pattern)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_matrix(route, viewer):
    person, browser = build(viewer)
    call = getattr(browser, route.method)
    url = route.url(person.pk)
    before = counts()
    response = call(url, route.data(person.pk))
    if VIEWERS[viewer]:
        assert response.status_code == route.allowed_status
        assert AuditEvent.objects.filter(personal_id=person.pk).exists()
        return
    body = response.content.decode()
    after = counts()
    missing = call(route.url(MISSING), route.data(MISSING))
    assert response.status_code == missing.status_code
    assert response.status_code in (302, 404)
    assert body.replace(person.pk, MISSING) == missing.content.decode().replace(
        "999999", str(a_consent_of(person.pk))
    )
    assert "Alexandra" not in body
    assert after == before, "a denied request wrote something"
