"""The REST API, version 1: ``/api/v1/``, its OpenAPI 3.1 document and readable docs.

Each module of ``hearth.api.routers`` holds one resource: a ``router`` mounted at its ``PREFIX``.
Routers stay thin: they read through the access gate and selectors and write through the domain
services, exactly as the pages do (docs/api.md).
"""

import importlib
import pkgutil

from django.conf import settings
from ninja import NinjaAPI
from ninja.throttling import AuthRateThrottle

from hearth.api import problems, routers
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

for _module in sorted(m.name for m in pkgutil.iter_modules(routers.__path__)):
    _resource = importlib.import_module(f"{routers.__name__}.{_module}")
    api.add_router(_resource.PREFIX, _resource.router)
