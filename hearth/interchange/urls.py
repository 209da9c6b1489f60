"""HMIS CSV interchange pages, under /interchange/."""

from django.urls import path

from hearth.interchange import views

app_name = "interchange"

urlpatterns = [
    path("import/", views.import_page, name="import"),
    path("import/<int:run_id>/", views.import_run, name="import-run"),
    path("import/<int:run_id>/progress/", views.import_progress, name="import-progress"),
    path("import/<int:run_id>/report.csv", views.import_report, name="import-report"),
]
