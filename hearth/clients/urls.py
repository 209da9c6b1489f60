"""Client pages, under /clients/."""

from django.urls import path

from hearth.clients import consent_views, views

app_name = "clients"

urlpatterns = [
    path("<str:personal_id>/access-history/", views.access_history, name="access-history"),
    path("<str:personal_id>/consent/", consent_views.consent_page, name="consent"),
    path("<str:personal_id>/consent/record/", consent_views.consent_record, name="consent-record"),
    path(
        "<str:personal_id>/consent/<int:consent_id>/revoke/",
        consent_views.consent_revoke,
        name="consent-revoke",
    ),
    path(
        "<str:personal_id>/consent/<str:kind>-<str:language>.pdf",
        consent_views.consent_pdf,
        name="consent-pdf",
    ),
]
