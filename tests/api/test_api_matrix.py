"""The permission matrix of the API: every operation, for every kind of viewer.

The same viewers as the page matrix (tests/access/test_permission_matrix.py).  Every operation of
the OpenAPI document is in API_ROUTES (how to call it) or OTHER_OPERATIONS (why it shows no client
data); an operation in neither fails `test_every_operation_is_classified`.

Allowed viewers get the answer and an audit entry naming the client; denied viewers get exactly the
answer about a record that does not exist (anonymous callers: 401), no client data, and nothing is
written; viewers who may see the client but not use the operation are refused and nothing is written.  A list answers allowed viewers with the client in it and denied viewers without.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from hearth.api.concurrency import etag_of
from hearth.api.main import api
from hearth.api.routers.clients import represent
from hearth.clients.models import Client
from tests.access.test_permission_matrix import MISSING, VIEWERS, counts, names_the_client, scene
from tests.api.helpers import Caller, caller_for

pytestmark = pytest.mark.django_db


def client_etag(pid: str) -> str:
    client = Client.objects.filter(pk=pid).first()
    return etag_of(represent(client)) if client is not None else '"none"'


@dataclass(frozen=True)
class ApiRoute:
    path: str  # as the OpenAPI document names it
    method: str
    url: Callable[[str], str]  # PersonalID -> path under /api/v1 (MISSING: of a record that does not exist)
    body: Callable[[str], Any] = lambda _pid: None
    etag: Callable[[str], str] | None = None  # the If-Match to send (updates and deletes)
    allowed_status: int = 200
    is_list: bool = False  # a list: denied viewers get it without the client
    allowed_viewers: frozenset[str] | None = None
    headers: dict[str, str] = field(default_factory=dict)


CLIENT_PATCH = {"LastName": "Doe-Smith"}
NEW_CLIENT = {"FirstName": "Robin", "LastName": "Roe", "NameDataQuality": 1, "VeteranStatus": 0}
# Removing a client: the HMIS Lead (the shelter did not create this record; tests/api covers that case).
HMIS_LEAD = frozenset({"HMIS Lead"})

API_ROUTES = [
    ApiRoute("/api/v1/clients", "get", lambda _pid: "/clients", is_list=True),
    ApiRoute("/api/v1/clients/{personal_id}", "get", lambda pid: f"/clients/{pid}"),
    ApiRoute(
        "/api/v1/clients/{personal_id}",
        "patch",
        lambda pid: f"/clients/{pid}",
        lambda _pid: CLIENT_PATCH,
        etag=client_etag,
    ),
    ApiRoute(
        "/api/v1/clients/{personal_id}",
        "delete",
        lambda pid: f"/clients/{pid}",
        etag=client_etag,
        allowed_status=204,
        allowed_viewers=HMIS_LEAD,
    ),
]

OTHER_OPERATIONS = {
    (
        "/api/v1/clients",
        "post",
    ): "creates a new client; shows no existing client (tests/api/test_clients_api.py)",
}


def test_every_operation_is_classified():
    document = api.get_openapi_schema()
    operations = {(path, method) for path, item in document["paths"].items() for method in item}
    classified = {(r.path, r.method) for r in API_ROUTES} | set(OTHER_OPERATIONS)
    assert operations - classified == set(), "classify these API operations in the API matrix"
    assert classified - operations == set(), "these classified API operations no longer exist"


def _call(caller: Caller, route: ApiRoute, pid: str):
    headers = dict(route.headers)
    if route.etag is not None:
        headers["If-Match"] = route.etag(pid)
    if route.method == "get":
        return caller.http.get(f"/api/v1{route.url(pid)}", headers=caller._headers(headers))
    return caller.send(route.method, route.url(pid), route.body(pid), headers=headers)


@pytest.mark.parametrize("route", API_ROUTES, ids=lambda r: f"{r.method} {r.path}")
@pytest.mark.parametrize("viewer", VIEWERS)
def test_api_matrix(route, viewer):
    person, account = scene(viewer)
    caller = caller_for(account) if account is not None else Caller(None)
    before = counts()
    response = _call(caller, route, person.pk)
    allowed = VIEWERS[viewer] if route.allowed_viewers is None else viewer in route.allowed_viewers
    body = response.content.decode()
    if route.is_list:
        if account is None:
            assert response.status_code == 401
            return
        assert response.status_code == 200
        listed = person.pk in body
        assert listed == allowed
        if allowed:
            assert names_the_client(person.pk)
        return
    if allowed:
        assert response.status_code == route.allowed_status, body
        assert names_the_client(person.pk)
        return
    after = {k: v for k, v in counts().items() if k != "api.ApiToken"}
    unchanged = {k: v for k, v in before.items() if k != "api.ApiToken"}
    if VIEWERS[viewer]:
        # May see the client but not do this: refused in plain words, nothing written.
        assert response.status_code in (403, 404, 422), body
        assert after == unchanged, "a refused request wrote something"
        return
    missing = _call(caller, route, MISSING)
    assert response.status_code == missing.status_code
    assert response.status_code in (401, 404)
    assert body.replace(person.pk, MISSING) == missing.content.decode()
    assert "Alexandra" not in body
    assert after == unchanged, "a denied request wrote something"
