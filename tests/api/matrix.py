"""How the API matrix (test_api_matrix.py) calls one operation."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Viewers (see tests/access/test_permission_matrix.py VIEWERS) for operations not every viewer who
# may see the client may use.
HMIS_LEAD = frozenset({"HMIS Lead"})
CASE_WORK = frozenset({"same agency with the right role", "HMIS Lead"})


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


def call(caller: Any, route: ApiRoute, pid: str) -> Any:
    """Call ``route`` for the client ``pid`` as ``caller`` (a tests.api.helpers.Caller)."""
    headers = dict(route.headers)
    if route.etag is not None:
        headers["If-Match"] = route.etag(pid)
    if route.method == "get":
        return caller.http.get(f"/api/v1{route.url(pid)}", headers=caller._headers(headers))
    return caller.send(route.method, route.url(pid), route.body(pid), headers=headers)
