"""Enrollment pages, under /enrollments/."""

from django.urls import path

from hearth.enrollments import correction_views, views

app_name = "enrollments"

urlpatterns = [
    path("new/<str:personal_id>/", views.enroll, name="enroll"),
    path("<str:enrollment_id>/", views.enrollment_page, name="enrollment"),
    path("<str:enrollment_id>/members/", views.members, name="members"),
    path("<str:enrollment_id>/head/", views.head_of_household, name="head"),
    path("<str:enrollment_id>/move-in/", views.move_in, name="move-in"),
    path("<str:enrollment_id>/assessments/<str:stage>/", views.assessment, name="assessment"),
    path(
        "<str:enrollment_id>/assessments/<str:stage>/check/", views.assessment_check, name="assessment-check"
    ),
    path("<str:enrollment_id>/exit/", views.exit_members, name="exit"),
    path(
        "<str:enrollment_id>/exit/household/", views.exit_members, {"household": True}, name="exit-household"
    ),
    path("<str:enrollment_id>/services/new/", views.service, name="service"),
    path("<str:enrollment_id>/contacts/new/", views.contact, name="contact"),
    path(
        "<str:enrollment_id>/assessments/<str:stage>/<str:day>/edit/",
        correction_views.assessment_edit,
        name="assessment-edit",
    ),
    path(
        "<str:enrollment_id>/assessments/<str:stage>/<str:day>/remove/",
        correction_views.assessment_remove,
        name="assessment-remove",
    ),
    path(
        "<str:enrollment_id>/services/<str:services_id>/edit/",
        correction_views.service_edit,
        name="service-edit",
    ),
    path(
        "<str:enrollment_id>/services/<str:services_id>/remove/",
        correction_views.service_remove,
        name="service-remove",
    ),
    path(
        "<str:enrollment_id>/contacts/<str:contact_id>/edit/",
        correction_views.contact_edit,
        name="contact-edit",
    ),
    path(
        "<str:enrollment_id>/contacts/<str:contact_id>/remove/",
        correction_views.contact_remove,
        name="contact-remove",
    ),
]
