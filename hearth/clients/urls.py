"""Client pages, under /clients/."""

from django.urls import path

from hearth.clients import consent_views, merge_views, views

app_name = "clients"

urlpatterns = [
    path("", views.search, name="search"),
    path("new/", views.create, name="create"),
    path("<str:personal_id>/", views.profile, name="profile"),
    path("<str:personal_id>/edit/", views.edit, name="edit"),
    path("<str:personal_id>/reveal-ssn/", views.reveal_ssn, name="reveal-ssn"),
    path("<str:personal_id>/notes/", views.add_note, name="add-note"),
    path("<str:personal_id>/documents/", views.upload_document, name="upload-document"),
    path("<str:personal_id>/documents/<int:document_id>/", views.download_document, name="document"),
    path("<str:personal_id>/merge/", merge_views.compare, name="merge"),
    path("<str:personal_id>/merges/<int:merge_id>/undo/", merge_views.undo, name="undo-merge"),
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
