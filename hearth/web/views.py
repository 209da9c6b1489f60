"""Pages: sign-in, sign-out and the HMIS Lead's home page."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from hearth.access import accounts
from hearth.agencies import selectors as agency_selectors
from hearth.enrollments import selectors as enrollment_selectors
from hearth.reports import selectors as report_selectors
from hearth.web.forms import SignInForm


class SignInView(auth_views.LoginView):
    template_name = "web/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        accounts.record_sign_in(
            form.get_user(),
            session_key=self.request.session.session_key or "",
            ip_address=self.request.META.get("REMOTE_ADDR"),
        )
        return response


class SignOutView(auth_views.LogoutView):
    """Signs out on POST only (a link could be followed by a prefetch or a third-party page)."""


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The Continuum at a glance: clients served this year, active enrollments, beds by project type."""
    today = timezone.localdate()
    period_start, period_end = enrollment_selectors.one_year_period(end=today)
    beds_by_project_type = agency_selectors.beds_by_project_type(on=today)
    context = {
        "today": today,
        "period_start": period_start,
        "period_end": period_end,
        "clients_served": enrollment_selectors.count_clients_served(period_end=today),
        "active_enrollments": enrollment_selectors.count_active_enrollments(on=today),
        "beds_by_project_type": beds_by_project_type,
        "total_beds": sum(row.beds for row in beds_by_project_type),
        "may_run_reports": report_selectors.may_run_reports(request.user),
    }
    return render(request, "web/home.html", context)
