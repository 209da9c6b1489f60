"""Client pages, under /clients/."""

from django.urls import path

from hearth.clients import views

app_name = "clients"

urlpatterns = [
    path("<str:personal_id>/access-history/", views.access_history, name="access-history"),
]
