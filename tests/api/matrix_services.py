"""Services in the API matrix: the client's bed nights in a night-by-night shelter.

Read by every viewer who may see the client; written by the agency running the project and the
HMIS Lead (CASE_WORK).
"""

import datetime

from django.utils import timezone

from hearth.api.concurrency import etag_of
from hearth.api.routers import services
from hearth.api.schemas import to_api
from hearth.enrollments.models import Services
from tests.access import world
from tests.access.test_permission_matrix import MISSING, NIGHT_BY_NIGHT, an_enrollment_of
from tests.api.matrix import CASE_WORK, ApiRoute

BED_NIGHT = 200
STAYED_ON = datetime.date(2025, 2, 1)


def a_service_of(pid: str) -> str:
    """The client's bed night in the shelter (now night-by-night), or an id of none."""
    if pid == MISSING:
        return "no-such-service"
    enrollment_id = an_enrollment_of(pid, project_type=NIGHT_BY_NIGHT)
    found = Services.objects.filter(client_id=pid).first()
    if found is None:
        found = Services.objects.create(
            enrollment_id=enrollment_id,
            client_id=pid,
            date_provided=STAYED_ON,
            record_type=BED_NIGHT,
            type_provided=BED_NIGHT,
            user=world.hmis_user(),
        )
    return found.pk


def prepare(pid: str) -> None:
    """Made with the scene, before the matrix counts the records (tests/api/conftest.py)."""
    a_service_of(pid)


def service_etag(pid: str) -> str:
    found = Services.objects.filter(pk=a_service_of(pid)).first()
    return etag_of(to_api(found, "Services", services.resource.output)) if found is not None else '"none"'


def new_service(pid: str) -> dict:
    return {
        "EnrollmentID": an_enrollment_of(pid, project_type=NIGHT_BY_NIGHT),
        "DateProvided": timezone.localdate().isoformat(),
        "RecordType": BED_NIGHT,
        "TypeProvided": BED_NIGHT,
    }


ONE = "/api/v1/services/{record_id}"
ROUTES = [
    ApiRoute("/api/v1/services", "get", lambda _pid: "/services", is_list=True),
    ApiRoute(ONE, "get", lambda pid: f"/services/{a_service_of(pid)}"),
    ApiRoute(
        "/api/v1/services",
        "post",
        lambda _pid: "/services",
        new_service,
        allowed_status=201,
        allowed_viewers=CASE_WORK,
    ),
    ApiRoute(
        ONE,
        "patch",
        lambda pid: f"/services/{a_service_of(pid)}",
        lambda _pid: {"DateProvided": "2025-02-02"},
        etag=service_etag,
        allowed_viewers=CASE_WORK,
    ),
    ApiRoute(
        ONE,
        "delete",
        lambda pid: f"/services/{a_service_of(pid)}",
        etag=service_etag,
        allowed_status=204,
        allowed_viewers=CASE_WORK,
    ),
]

OTHER_OPERATIONS: dict = {}
