"""The permission matrix of the API: every operation, for every kind of viewer.

The same viewers as the page matrix (tests/access/test_permission_matrix.py).  Each resource lists
its operations in a module ``tests/api/matrix_<resource>.py``: ``ROUTES`` (how to call each one)
and ``OTHER_OPERATIONS`` (why it shows no client data).  An operation of the OpenAPI document in
neither fails `test_every_operation_is_classified`.

Allowed viewers get the answer and an audit entry naming the client; denied viewers get exactly the
answer about a record that does not exist (anonymous callers: 401), no client data, and nothing is
written; viewers who may see the client but not use the operation are refused and nothing is written.
A list answers allowed viewers with the client in it and denied viewers without.
"""

import importlib
import pkgutil

import pytest

import tests.api
from hearth.api.main import api
from tests.access.test_permission_matrix import MISSING, VIEWERS, counts, names_the_client, scene
from tests.api.helpers import Caller, caller_for
from tests.api.matrix import ApiRoute, call

pytestmark = pytest.mark.django_db

_MODULES = [
    importlib.import_module(f"tests.api.{m.name}")
    for m in pkgutil.iter_modules(tests.api.__path__)
    if m.name.startswith("matrix_")
]
API_ROUTES: list[ApiRoute] = [route for module in _MODULES for route in module.ROUTES]
OTHER_OPERATIONS: dict[tuple[str, str], str] = {
    key: why for module in _MODULES for key, why in module.OTHER_OPERATIONS.items()
}


def test_every_operation_is_classified():
    document = api.get_openapi_schema()
    operations = {(path, method) for path, item in document["paths"].items() for method in item}
    classified = {(r.path, r.method) for r in API_ROUTES} | set(OTHER_OPERATIONS)
    assert operations - classified == set(), "classify these API operations in the API matrix"
    assert classified - operations == set(), "these classified API operations no longer exist"


@pytest.mark.parametrize("route", API_ROUTES, ids=lambda r: f"{r.method} {r.path}")
@pytest.mark.parametrize("viewer", VIEWERS)
def test_api_matrix(route, viewer):
    person, account = scene(viewer)
    caller = caller_for(account) if account is not None else Caller(None)
    before = counts()
    response = call(caller, route, person.pk)
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
    missing = call(caller, route, MISSING)
    assert response.status_code == missing.status_code
    assert response.status_code in (401, 404)
    assert body.replace(person.pk, MISSING) == missing.content.decode()
    assert "Alexandra" not in body
    assert after == unchanged, "a denied request wrote something"
