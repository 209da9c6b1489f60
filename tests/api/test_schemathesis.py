"""Every operation of the OpenAPI document, called with generated requests (schemathesis).

The document is the app's own (``api.get_openapi_schema()``), so a new router is checked as soon as
it is mounted.  Each operation gets a bounded, derandomized set of examples against a small seeded
world, and each example is sent twice: as generated (mostly records that do not exist), and with
its path naming a record of the world (for writes, with that record's current ETag), so reads find
records and writes reach the services.  Every answer must be declared by the document: no 5xx, the
declared status codes, content types and bodies.
"""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from werkzeug.test import Client

from hearth.access.permissions import Role
from hearth.api.main import api
from tests.access import world
from tests.api.helpers import caller_for

pytestmark = pytest.mark.django_db

# Fuzzing with a bounded, derandomized number of examples per operation.  The coverage phase (every
# parameter's boundary values) adds seconds per operation: `schemathesis run` against a server can
# do it outside `make test`.
CONFIG = schemathesis.Config.from_dict({"phases": {"coverage": {"enabled": False}}})
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(), config=CONFIG)
APP = WSGIHandler()
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def seeded(monkeypatch):
    """An agency with a project, three clients enrolled there, and a case manager's write token; the
    IDs a path parameter may name."""
    for throttle in api.throttle:  # type: ignore[union-attr]
        monkeypatch.setattr(throttle, "num_requests", 1_000_000)
    # As Django's test client does: the test's transaction outlives each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield _world()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _world():
    shelter = world.organization("Shelter")
    project = world.project(shelter)
    enrollments = [world.enrollment(world.client(name), project) for name in ("Ana", "Ben", "Cy")]
    staff = world.account("casey", shelter, Role.CASE_MANAGER)
    first = enrollments[0]
    known = {
        "personal_id": first.client_id,
        "enrollment_id": first.pk,
        "household_id": first.household_id,
        "project_id": project.pk,
        "organization_id": shelter.pk,
    }
    return {"Authorization": f"Bearer {caller_for(staff).secret}"}, known


def _with_known_records(case, known, auth):
    """The case with its path naming records of the world; for a write, with their current ETag."""
    names = set(case.path_parameters or {})
    if not names or not names <= set(known):
        return None
    case.path_parameters = {name: known[name] for name in names}
    headers = dict(auth)
    if case.method.upper() in ("PATCH", "PUT", "DELETE"):
        path = case.formatted_path
        current = Client(APP).get(path, headers=auth)
        if current.status_code == 200:
            headers["If-Match"] = current.headers["ETag"]
    return headers


@schema.parametrize()
@EXAMPLES
def test_every_operation_answers_as_documented(case, seeded):
    auth, known = seeded
    case.call_and_validate(headers=auth, checks=CHECKS, app=APP)
    headers = _with_known_records(case, known, auth)
    if headers is not None:
        case.call_and_validate(headers=headers, checks=CHECKS, app=APP)
