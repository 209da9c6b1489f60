"""Project pages of the agency the user acts as: its projects, who is enrolled, the nightly
bed-night check-in of night-by-night shelters, and the annual assessments due."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hearth.access import audit
from hearth.access.models import AuditAction
from hearth.agencies.models import Project
from hearth.enrollments import selectors, service_types, services
from hearth.enrollments.data_quality import EnrollmentError
from hearth.enrollments.forms import BedNightsForm, NightForm
from hearth.enrollments.models import Services
from hearth.enrollments.views import full_name
from hearth.hud.generated.lists import RecordType

ONE_DAY = datetime.timedelta(days=1)
ROSTER_PAGE_SIZE = 50


def _project(request: HttpRequest, project_id: str) -> Project:
    project = selectors.projects_to_work_on(request.user).filter(pk=project_id).first()
    if project is None:
        raise Http404("No project with that ID.")
    return project


def _audit_roster(request: HttpRequest, project: Project, purpose: str, personal_ids: list[str]) -> None:
    """A list of clients is one view of each: one entry naming them all."""
    audit.record(
        AuditAction.VIEW,
        actor=audit.Actor.from_request(request),
        object_type="agencies.Project",
        object_id=project.pk,
        detail={"purpose": purpose, "personal_ids": personal_ids},
    )


@require_GET
@login_required
def projects(request: HttpRequest) -> HttpResponse:
    """The agency's projects with the number of people enrolled today; no client-level data."""
    today = timezone.localdate()
    projects = list(selectors.projects_to_work_on(request.user))
    enrolled = selectors.count_enrolled(projects, on=today)
    rows = [(project, enrolled.get(project.pk, 0)) for project in projects]
    context = {"rows": rows, "bed_night_types": service_types.BED_NIGHT_PROJECT_TYPES}
    return render(request, "enrollments/projects.html", context)


@require_GET
@login_required
def roster(request: HttpRequest, project_id: str) -> HttpResponse:
    """Who is enrolled in the project today, with each enrollment's completeness."""
    project = _project(request, project_id)
    today = timezone.localdate()
    page = Paginator(selectors.active_enrollments(project, on=today), ROSTER_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    enrollments = list(page)
    facts = selectors.project_facts([project])[project.pk]
    records = selectors.stage_records_of([e.pk for e in enrollments])
    rows = [(e, full_name(e.client), selectors.completeness_of(e, facts, records[e.pk])) for e in enrollments]
    _audit_roster(request, project, "roster", [e.client_id for e in enrollments])
    context = {
        "project": project,
        "rows": rows,
        "page": page,
        "today": today,
        "has_bed_nights": project.project_type in service_types.BED_NIGHT_PROJECT_TYPES,
    }
    return render(request, "enrollments/roster.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def bed_nights(request: HttpRequest, project_id: str) -> HttpResponse:
    """The nightly check-in of a night-by-night shelter: tick who stayed, save the whole roster at once."""
    project = _project(request, project_id)
    if project.project_type not in service_types.BED_NIGHT_PROJECT_TYPES:
        raise Http404("Only night-by-night shelters record bed nights.")
    today = timezone.localdate()
    asked = NightForm(request.GET or None)
    night = (asked.cleaned_data.get("night") if asked.is_valid() else None) or today
    if request.method == "POST":
        posted_night = NightForm(request.POST)
        night = (posted_night.cleaned_data.get("night") if posted_night.is_valid() else None) or night
    night = min(night, today)
    roster = list(selectors.bed_night_roster(project, night))
    choices = [(e.pk, full_name(e.client)) for e in roster]
    present = set(
        Services.objects.filter(
            enrollment__in=[e.pk for e in roster], record_type=RecordType.BED_NIGHT, date_provided=night
        ).values_list("enrollment_id", flat=True)
    )
    form = BedNightsForm(
        request.POST or None, roster=choices, initial={"night": night, "present": sorted(present)}
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            chosen = (
                [pk for pk, _name in choices] if "everyone" in request.POST else form.cleaned_data["present"]
            )
            try:
                saved = services.record_bed_nights(
                    user=request.user,  # type: ignore[arg-type]  # login_required: an Account
                    project_id=project.pk,
                    night=form.cleaned_data["night"],
                    present_enrollment_ids=chosen,
                )
            except EnrollmentError as refused:
                form.add_messages(refused.by_field)
            else:
                messages.success(
                    request,
                    _("Bed nights of %(night)s saved: %(added)d added, %(removed)d removed.")
                    % {"night": saved.night, "added": saved.added, "removed": saved.removed},
                )
                url = reverse("projects:bed-nights", args=[project.pk])
                return HttpResponseRedirect(f"{url}?night={saved.night.isoformat()}")
    _audit_roster(request, project, "bed nights", [e.client_id for e in roster])
    context = {
        "project": project,
        "form": form,
        "night": night,
        "roster": roster,
        "previous_night": night - ONE_DAY,
        "next_night": night + ONE_DAY if night < today else None,
        "present_count": len(present),
    }
    return render(request, "enrollments/bed_nights.html", context, status=status)


@require_GET
@login_required
def annual_due(request: HttpRequest, project_id: str) -> HttpResponse:
    """Members whose annual assessment is due or overdue (DT-06)."""
    project = _project(request, project_id)
    today = timezone.localdate()
    facts = selectors.project_facts([project])[project.pk]
    due = selectors.annual_assessments_due(project, facts, today=today)
    _audit_roster(request, project, "annual assessments due", [d.enrollment.client_id for d in due])
    rows = [(d, full_name(d.enrollment.client)) for d in due]
    return render(request, "enrollments/annual_due.html", {"project": project, "rows": rows, "today": today})
