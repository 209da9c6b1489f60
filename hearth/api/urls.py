"""The signed-in user's API token pages, under /api-tokens/."""

from django.urls import path

from hearth.api import views

app_name = "api"

urlpatterns = [
    path("", views.api_tokens, name="tokens"),
    path("<str:prefix>/revoke/", views.revoke_api_token, name="revoke-token"),
]
