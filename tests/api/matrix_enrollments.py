"""The enrollments resource in the API matrix.

Enrolling (POST /enrollments) and adding a member need a second project or client, which the
matrix's scene does not have: they are checked for every viewer in tests/api/test_enrollments_api.py
(``PREPARED``, the same checks with the records made before the count).
"""

from django.utils import timezone

from hearth.access.models import Account
from hearth.agencies.models import Project, ProjectCoC
from hearth.api.concurrency import etag_of
from hearth.api.routers.enrollments import represent
from hearth.clients.models import Client
from hearth.enrollments.models import Enrollment
from tests.access import world
from tests.access.test_permission_matrix import OWN_AGENCY, an_enrollment_of
from tests.api.matrix import CASE_WORK, ApiRoute
from tests.api.prepared_matrix import PreparedRoute


def enrollment_etag(pid: str) -> str:
    enrollment = Enrollment.objects.filter(client_id=pid).first()
    return etag_of(represent(enrollment)) if enrollment is not None else '"none"'


def _today() -> str:
    return timezone.localdate().isoformat()


def a_second_shelter_project(pid: str) -> None:
    """Another project of the client's shelter, with its Continuum of Care, to enroll the client in."""
    shelter = Enrollment.objects.get(client_id=pid).project.organization
    project = world.project(shelter)
    Project.objects.filter(pk=project.pk).update(project_name="Second shelter")
    ProjectCoC.objects.create(
        project=project,
        coc_code="MD-501",
        geocode="240000",
        geography_type=1,
        zip="21201",
        user=world.hmis_user(),
    )


def enroll_body(pid: str) -> dict:
    project = Project.objects.get(project_name="Second shelter")
    return {"ProjectID": project.pk, "PersonalID": pid, "EntryDate": _today()}


def another_client(pid: str) -> None:
    """A client the shelter created, to join the client's household."""
    robin = world.client("Robin")
    world.origin(robin, Account.objects.get(username="casey").acting_organization)
    Client.objects.filter(pk=robin.pk).update(last_name="Member")


def member_body(_pid: str) -> dict:
    robin = Client.objects.get(last_name="Member")
    return {"PersonalID": robin.pk, "RelationshipToHoH": 3, "EntryDate": _today()}


ROUTES = [
    ApiRoute("/api/v1/enrollments", "get", lambda _pid: "/enrollments", is_list=True),
    ApiRoute(
        "/api/v1/enrollments/{enrollment_id}", "get", lambda pid: f"/enrollments/{an_enrollment_of(pid)}"
    ),
    ApiRoute(
        "/api/v1/enrollments/{enrollment_id}",
        "patch",
        lambda pid: f"/enrollments/{an_enrollment_of(pid)}",
        lambda _pid: {"DisablingCondition": 1, "LivingSituation": 116},
        etag=enrollment_etag,
        allowed_viewers=CASE_WORK,
    ),
    ApiRoute(
        "/api/v1/enrollments/{enrollment_id}",
        "delete",
        lambda pid: f"/enrollments/{an_enrollment_of(pid)}",
        etag=enrollment_etag,
        allowed_status=204,
        allowed_viewers=CASE_WORK,
    ),
]

PREPARED = [
    # Enrolling: in one of the caller's agency's projects (the HMIS Lead acts as its own agency).
    PreparedRoute(
        ApiRoute(
            "/api/v1/enrollments",
            "post",
            lambda _pid: "/enrollments",
            enroll_body,
            allowed_status=201,
            allowed_viewers=OWN_AGENCY,
        ),
        a_second_shelter_project,
    ),
    PreparedRoute(
        ApiRoute(
            "/api/v1/enrollments/{enrollment_id}/members",
            "post",
            lambda pid: f"/enrollments/{an_enrollment_of(pid)}/members",
            member_body,
            allowed_status=201,
            allowed_viewers=CASE_WORK,
        ),
        another_client,
    ),
]

OTHER_OPERATIONS = {
    (p.route.path, p.route.method): "needs a record the scene lacks: checked for every viewer by "
    "tests/api/test_enrollments_api.py::test_matrix_of_prepared_operations"
    for p in PREPARED
}
