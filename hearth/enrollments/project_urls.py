"""Project pages of the agency acted as, under /projects/."""

from django.urls import path

from hearth.enrollments import project_views

app_name = "projects"

urlpatterns = [
    path("", project_views.projects, name="projects"),
    path("<str:project_id>/", project_views.roster, name="roster"),
    path("<str:project_id>/bed-nights/", project_views.bed_nights, name="bed-nights"),
    path("<str:project_id>/annual-assessments/", project_views.annual_due, name="annual-due"),
]
