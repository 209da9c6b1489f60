"""Hearth's URL map: pages under /, the language switch under /i18n/, the REST API under /api/v1/
(its tokens' pages under /api-tokens/)."""

from django.urls import include, path

from hearth.api.main import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("api-tokens/", include("hearth.api.urls")),
    path("", include("hearth.access.urls")),
    path("clients/", include("hearth.clients.urls")),
    path("enrollments/", include("hearth.enrollments.urls")),
    path("projects/", include("hearth.enrollments.project_urls")),
    path("interchange/", include("hearth.interchange.urls")),
    path("reports/", include("hearth.reports.urls")),
    path("", include("hearth.web.urls")),
]
