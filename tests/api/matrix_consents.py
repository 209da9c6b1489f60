"""Consents to share in the API matrix: every viewer who may see the client reads, records and
revokes them (each of those viewers' roles has manage_consent), as on the client's consent page."""

from django.utils import timezone

from tests.access.test_permission_matrix import a_consent_of
from tests.api.matrix import ApiRoute


def prepare(pid: str) -> None:
    """Made with the scene, before the matrix counts the records (tests/api/conftest.py)."""
    a_consent_of(pid)


def new_consent(pid: str) -> dict:
    return {
        "PersonalID": pid,
        "scope": "coc",
        "shares": "full",
        "signed_on": timezone.localdate().isoformat(),
        "expiry": "1y",
        "signed_by_name": "Alexandra Doe",
    }


ROUTES = [
    ApiRoute("/api/v1/consents", "get", lambda _pid: "/consents", is_list=True),
    ApiRoute("/api/v1/consents/{consent_id}", "get", lambda pid: f"/consents/{a_consent_of(pid)}"),
    ApiRoute("/api/v1/consents", "post", lambda _pid: "/consents", new_consent, allowed_status=201),
    ApiRoute(
        "/api/v1/consents/{consent_id}/revoke",
        "post",
        lambda pid: f"/consents/{a_consent_of(pid)}/revoke",
        lambda _pid: {"reason": "Client asked"},
    ),
]

OTHER_OPERATIONS = {
    (
        "/api/v1/consents/{consent_id}",
        "delete",
    ): "always refused (405) whatever the id: consents are revoked, "
    "never deleted; shows no client data (tests/api/test_consents_api.py)",
}
