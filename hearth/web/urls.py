"""Pages."""

from django.contrib.auth import views as auth_views
from django.urls import path

app_name = "web"

urlpatterns = [
    path("sign-in/", auth_views.LoginView.as_view(), name="sign-in"),
    path("", auth_views.LoginView.as_view(), name="home"),
]
