"""API test set-up.

The API matrix (test_api_matrix.py) counts every record before it works out a route's URL, so the
records a route names must exist by then: a matrix module's ``prepare(pid)`` makes them right after
the scene, for that module's routes only.

The enrollments and exits resources' tests work in the agency of the enrollment services' tests
(tests/enrollments/conftest.py): its fixtures are imported here, so both suites share one set-up.
"""

import pytest

from tests.enrollments.conftest import agency, rapid_rehousing, shelter, staff

__all__ = ["agency", "rapid_rehousing", "shelter", "staff"]


@pytest.fixture(autouse=True)
def _matrix_records_made_with_the_scene(request, monkeypatch):
    if request.module.__name__ != "tests.api.test_api_matrix" or not hasattr(request.node, "callspec"):
        return
    route = request.node.callspec.params.get("route")
    module = next((m for m in request.module._MODULES if route in m.ROUTES), None)
    prepare = getattr(module, "prepare", None)
    if prepare is None:
        return
    scene = request.module.scene

    def scene_with_records(viewer):
        person, account = scene(viewer)
        prepare(person.pk)
        return person, account

    monkeypatch.setattr(request.module, "scene", scene_with_records)
