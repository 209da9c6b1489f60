"""Hearth's URL map: pages under /, the language switch under /i18n/."""

from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("hearth.access.urls")),
    path("clients/", include("hearth.clients.urls")),
    path("enrollments/", include("hearth.enrollments.urls")),
    path("projects/", include("hearth.enrollments.project_urls")),
    path("interchange/", include("hearth.interchange.urls")),
    path("", include("hearth.web.urls")),
]
