"""Pages."""

from django.urls import path

from hearth.web import views

app_name = "web"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("", views.home, name="home"),
]
