"""API matrix checks for operations that need a record the matrix's scene does not have.

``tests/api/test_api_matrix.py`` counts the database before it calls an operation, so an operation
whose record (an exit, a second client to enroll) must be made first cannot be listed there: making
it would count as a write.  These routes make their record in ``prepare`` before the count, then
get exactly the same checks, for the same viewers.  A denied create that names another agency's
project answers as it does for a client that does not exist (422, same body): nothing tells the
caller whether the client exists.
"""

from collections.abc import Callable
from dataclasses import dataclass

from tests.access.test_permission_matrix import MISSING, VIEWERS, counts, names_the_client, scene
from tests.api.helpers import Caller, caller_for
from tests.api.matrix import ApiRoute, call


@dataclass(frozen=True)
class PreparedRoute:
    route: ApiRoute
    prepare: Callable[[str], None]  # PersonalID -> makes what the call needs (before the count)

    def __str__(self) -> str:
        return f"{self.route.method} {self.route.path}"


def check(prepared: PreparedRoute, viewer: str) -> None:
    """The checks of test_api_matrix for one operation and one kind of viewer."""
    route = prepared.route
    person, account = scene(viewer)
    prepared.prepare(person.pk)
    caller = caller_for(account) if account is not None else Caller(None)
    before = {k: v for k, v in counts().items() if k != "api.ApiToken"}
    response = call(caller, route, person.pk)
    allowed = VIEWERS[viewer] if route.allowed_viewers is None else viewer in route.allowed_viewers
    body = response.content.decode()
    if allowed:
        assert response.status_code == route.allowed_status, body
        assert names_the_client(person.pk)
        return
    after = {k: v for k, v in counts().items() if k != "api.ApiToken"}
    if VIEWERS[viewer]:
        assert response.status_code in (403, 404, 422), body
        assert after == before, "a refused request wrote something"
        return
    missing = call(caller, route, MISSING)
    assert response.status_code == missing.status_code
    assert response.status_code in ((401, 404, 422) if route.method == "post" else (401, 404))
    assert body.replace(person.pk, MISSING) == missing.content.decode()
    assert "Alexandra" not in body
    assert after == before, "a denied request wrote something"
