"""The clients resource in the API matrix."""

from hearth.api.concurrency import etag_of
from hearth.api.routers.clients import represent
from hearth.clients.models import Client
from tests.api.matrix import HMIS_LEAD, ApiRoute


def client_etag(pid: str) -> str:
    client = Client.objects.filter(pk=pid).first()
    return etag_of(represent(client)) if client is not None else '"none"'


CLIENT_PATCH = {"LastName": "Doe-Smith"}

# Removing a client: the HMIS Lead (the shelter did not create this record; tests/api covers that case).
ROUTES = [
    ApiRoute("/api/v1/clients", "get", lambda _pid: "/clients", is_list=True),
    ApiRoute("/api/v1/clients/{personal_id}", "get", lambda pid: f"/clients/{pid}"),
    ApiRoute(
        "/api/v1/clients/{personal_id}",
        "patch",
        lambda pid: f"/clients/{pid}",
        lambda _pid: CLIENT_PATCH,
        etag=client_etag,
    ),
    ApiRoute(
        "/api/v1/clients/{personal_id}",
        "delete",
        lambda pid: f"/clients/{pid}",
        etag=client_etag,
        allowed_status=204,
        allowed_viewers=HMIS_LEAD,
    ),
]

OTHER_OPERATIONS = {
    ("/api/v1/clients", "post"): "creates a client; shows no existing one (tests/api/test_clients_api.py)",
}
