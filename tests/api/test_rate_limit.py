"""Each token may make HEARTH_API_RATE requests; over it, 429 with Retry-After and a problem body."""

import pytest

from hearth.access.permissions import Role
from hearth.api.main import api
from tests.access import world
from tests.api.helpers import caller_for

pytestmark = pytest.mark.django_db
LIMIT = 3


@pytest.fixture
def three_a_minute(monkeypatch):
    """The limiter as HEARTH_API_RATE=3/m would make it (the setting is read when the API is built)."""
    for throttle in api.throttle:  # type: ignore[union-attr]
        monkeypatch.setattr(throttle, "num_requests", LIMIT)
        monkeypatch.setattr(throttle, "duration", 60)


def test_a_token_over_the_rate_gets_429(three_a_minute):
    shelter = world.organization("Shelter")
    casey = world.account("casey", shelter, Role.CASE_MANAGER)
    caller = caller_for(casey)
    assert [caller.get("/clients").status_code for _ in range(LIMIT)] == [200] * LIMIT
    refused = caller.get("/clients")
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert 1 <= int(refused["Retry-After"]) <= 60
    body = refused.json()
    assert body["type"] == "urn:hearth:problem:rate-limited"
    assert body["status"] == 429
    assert refused["Retry-After"] in body["detail"]
    # The limit is per token: another token of the same account is not held back.
    assert caller_for(casey).get("/clients").status_code == 200
