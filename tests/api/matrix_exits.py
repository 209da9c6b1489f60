"""The exits resource in the API matrix.

Reading, changing and removing an exit need an exit, which the matrix's scene does not have: they
are checked for every viewer in tests/api/test_exits_api.py (``PREPARED``, the same checks with the
exit made before the count).
"""

from django.utils import timezone

from hearth.access.models import Account
from hearth.api.concurrency import etag_of
from hearth.api.routers.exits import represent
from hearth.enrollments import services
from hearth.enrollments.models import Exit
from tests.access.test_permission_matrix import MISSING, an_enrollment_of
from tests.api.matrix import CASE_WORK, ApiRoute
from tests.api.prepared_matrix import PreparedRoute


def an_exit_of(pid: str) -> str:
    """The id of the client's exit (made by the shelter's case manager), or of none for MISSING."""
    if pid == MISSING:
        return "no-such-exit"
    found = Exit.objects.filter(client_id=pid).first()
    if found is None:
        leaving = {"exit-exit_date": timezone.localdate(), "exit-destination": 410}
        [found] = services.exit_household_members(
            user=Account.objects.get(username="casey"),
            exits=[services.MemberExit(an_enrollment_of(pid), leaving)],
        )
    return found.pk


def make_exit(pid: str) -> None:
    an_exit_of(pid)


def exit_etag(pid: str) -> str:
    found = Exit.objects.filter(client_id=pid).first()
    return etag_of(represent(found)) if found is not None else '"none"'


def exit_body(pid: str) -> dict:
    return {
        "EnrollmentID": an_enrollment_of(pid),
        "ExitDate": timezone.localdate().isoformat(),
        "Destination": 410,
    }


def list_url(pid: str) -> str:
    an_exit_of(pid)  # a list is not checked for writes: the client's exit is made to be listed
    return "/exits"


ROUTES = [
    ApiRoute("/api/v1/exits", "get", list_url, is_list=True),
    ApiRoute(
        "/api/v1/exits",
        "post",
        lambda _pid: "/exits",
        exit_body,
        allowed_status=201,
        allowed_viewers=CASE_WORK,
    ),
    ApiRoute(
        "/api/v1/exits/household",
        "post",
        lambda _pid: "/exits/household",
        lambda pid: {"exits": [exit_body(pid)]},
        allowed_status=201,
        allowed_viewers=CASE_WORK,
    ),
]

PREPARED = [
    PreparedRoute(
        ApiRoute("/api/v1/exits/{exit_id}", "get", lambda pid: f"/exits/{an_exit_of(pid)}"), make_exit
    ),
    PreparedRoute(
        ApiRoute(
            "/api/v1/exits/{exit_id}",
            "patch",
            lambda pid: f"/exits/{an_exit_of(pid)}",
            lambda _pid: {"Destination": 116},
            etag=exit_etag,
            allowed_viewers=CASE_WORK,
        ),
        make_exit,
    ),
    PreparedRoute(
        ApiRoute(
            "/api/v1/exits/{exit_id}",
            "delete",
            lambda pid: f"/exits/{an_exit_of(pid)}",
            etag=exit_etag,
            allowed_status=204,
            allowed_viewers=CASE_WORK,
        ),
        make_exit,
    ),
]

OTHER_OPERATIONS = {
    (p.route.path, p.route.method): "needs an exit the scene lacks: checked for every viewer by "
    "tests/api/test_exits_api.py::test_matrix_of_prepared_operations"
    for p in PREPARED
}
