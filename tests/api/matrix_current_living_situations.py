"""Current living situations (contacts) in the API matrix: the client met by a street outreach team.

Read by every viewer who may see the client; written by the agency running the project and the
HMIS Lead (CASE_WORK).
"""

import datetime

from django.utils import timezone

from hearth.api.concurrency import etag_of
from hearth.api.routers import current_living_situations
from hearth.api.schemas import to_api
from hearth.enrollments.models import CurrentLivingSituation
from tests.access import world
from tests.access.test_permission_matrix import MISSING, STREET_OUTREACH, an_enrollment_of
from tests.api.matrix import CASE_WORK, ApiRoute

MET_ON = datetime.date(2025, 2, 1)
PLACE_NOT_MEANT_FOR_HABITATION = 116


def a_contact_of(pid: str) -> str:
    """The client's contact with the outreach team (the shelter's project, now street outreach)."""
    if pid == MISSING:
        return "no-such-contact"
    enrollment_id = an_enrollment_of(pid, project_type=STREET_OUTREACH)
    found = CurrentLivingSituation.objects.filter(client_id=pid).first()
    if found is None:
        found = CurrentLivingSituation.objects.create(
            enrollment_id=enrollment_id,
            client_id=pid,
            information_date=MET_ON,
            current_living_situation=PLACE_NOT_MEANT_FOR_HABITATION,
            user=world.hmis_user(),
        )
    return found.pk


def prepare(pid: str) -> None:
    """Made with the scene, before the matrix counts the records (tests/api/conftest.py)."""
    a_contact_of(pid)


def contact_etag(pid: str) -> str:
    found = CurrentLivingSituation.objects.filter(pk=a_contact_of(pid)).first()
    output = current_living_situations.resource.output
    return etag_of(to_api(found, "CurrentLivingSituation", output)) if found is not None else '"none"'


def new_contact(pid: str) -> dict:
    return {
        "EnrollmentID": an_enrollment_of(pid, project_type=STREET_OUTREACH),
        "InformationDate": timezone.localdate().isoformat(),
        "CurrentLivingSituation": PLACE_NOT_MEANT_FOR_HABITATION,
    }


PATH = "/current-living-situations"
ONE = "/api/v1/current-living-situations/{record_id}"
ROUTES = [
    ApiRoute(f"/api/v1{PATH}", "get", lambda _pid: PATH, is_list=True),
    ApiRoute(ONE, "get", lambda pid: f"{PATH}/{a_contact_of(pid)}"),
    ApiRoute(
        f"/api/v1{PATH}",
        "post",
        lambda _pid: PATH,
        new_contact,
        allowed_status=201,
        allowed_viewers=CASE_WORK,
    ),
    ApiRoute(
        ONE,
        "patch",
        lambda pid: f"{PATH}/{a_contact_of(pid)}",
        lambda _pid: {"LocationDetails": "Under the Howard Street bridge"},
        etag=contact_etag,
        allowed_viewers=CASE_WORK,
    ),
    ApiRoute(
        ONE,
        "delete",
        lambda pid: f"{PATH}/{a_contact_of(pid)}",
        etag=contact_etag,
        allowed_status=204,
        allowed_viewers=CASE_WORK,
    ),
]

OTHER_OPERATIONS: dict = {}
