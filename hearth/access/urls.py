"""Account and audit pages, under /account/ and /audit/."""

from django.urls import path

from hearth.access import views

app_name = "access"

urlpatterns = [
    path("account/second-factor/", views.second_factor, name="mfa"),
    path("account/agreement/", views.agreement, name="agreement"),
    path("account/agency/", views.switch_agency, name="switch-agency"),
    path("audit/", views.audit_log, name="audit-log"),
]
