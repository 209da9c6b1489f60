"""The REST API, version 1: ``/api/v1/``, its OpenAPI 3.1 document and readable docs.

Routers stay thin: each reads through the access gate and selectors and writes through the domain
services, exactly as the pages do (docs/api.md).
"""

from django.conf import settings
from ninja import NinjaAPI
from ninja.throttling import AuthRateThrottle

from hearth.api import problems
from hearth.api.auth import TokenAuth

api = NinjaAPI(
    title="Hearth HMIS API",
    version="1",
    description=(
        "Every HMIS record in HUD's vocabulary (HMIS CSV FY2026 column names). Authenticate with a "
        "personal API token or an OAuth2 client-credentials token: `Authorization: Bearer <token>`. "
        "Lists are cursor-paginated; updates and deletes need `If-Match` with the record's ETag; "
        "errors are RFC 9457 problem details."
    ),
    urls_namespace="api-v1",
    auth=TokenAuth(),
    throttle=[AuthRateThrottle(settings.HEARTH_API_RATE)],
    openapi_url="/openapi.json",
    docs_url="/docs",
)
problems.install(api)


def _register() -> None:
    from hearth.api.routers import clients

    api.add_router("/clients", clients.router)


_register()
