"""Correcting and removing past records from the enrollment pages: a service, a contact (4.12), or
the update or annual assessment recorded on a day.

Each page works on an enrollment the user may change (others: 404, as for one that does not
exist) and writes through the same one-record services as the API (``activity_records``,
``services.save_assessment`` with ``recorded_on``, ``stage_records.delete_assessment``), with the
checks of a new record; their messages show next to the fields they name.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hearth.enrollments import activity_records, selectors, stage_records
from hearth.enrollments.assessments import Stage, answers_from, contact_questionnaire
from hearth.enrollments.data_quality import EnrollmentError
from hearth.enrollments.forms import QuestionnaireForm, service_initial
from hearth.enrollments.models import CurrentLivingSituation, Enrollment, Services
from hearth.enrollments.record_answers import hud_values, in_input_names
from hearth.enrollments.views import (
    REPEATED_STAGES,
    STAGE_TITLES,
    assessment_page,
    full_name,
    service_form,
    service_page,
    stage_of,
    to_work_on,
    with_renamed,
)


def _recorded_day(stage: str, day: str) -> tuple[Stage, datetime.date]:
    stage_value = stage_of(stage)
    if stage_value not in REPEATED_STAGES:
        raise Http404("Only update and annual assessments are corrected by date.")
    try:
        return stage_value, datetime.date.fromisoformat(day)
    except ValueError:
        raise Http404("No assessment recorded that day.") from None


@require_http_methods(["GET", "POST"])
@login_required
def assessment_edit(request: HttpRequest, enrollment_id: str, stage: str, day: str) -> HttpResponse:
    """Correct the update or annual assessment recorded on ``day``: its answers and its date."""
    stage_value, recorded_on = _recorded_day(stage, day)
    enrollment = to_work_on(request, enrollment_id, f"correct {stage} assessment")
    return assessment_page(
        request, enrollment, stage, stage_value, done=_("Assessment corrected."), recorded_on=recorded_on
    )


@require_http_methods(["GET", "POST"])
@login_required
def assessment_remove(request: HttpRequest, enrollment_id: str, stage: str, day: str) -> HttpResponse:
    """Remove the update or annual assessment recorded on ``day`` (each of its rows, soft deleted)."""
    stage_value, recorded_on = _recorded_day(stage, day)
    enrollment = to_work_on(request, enrollment_id, f"remove {stage} assessment")
    records = selectors.stage_records_of([enrollment.pk])[enrollment.pk]
    if not records.at(stage_value, window=(recorded_on, recorded_on)):
        raise Http404("No assessment of that stage was recorded that day.")
    if request.method == "POST":
        stage_records.delete_assessment(
            user=request.user,  # type: ignore[arg-type]  # login_required: an Account
            enrollment_id=enrollment.pk,
            data_collection_stage=stage_value,
            information_date=recorded_on,
        )
        messages.success(request, _("Assessment removed."))
        return HttpResponseRedirect(reverse("enrollments:enrollment", args=[enrollment.pk]))
    what = _("%(stage)s of %(day)s") % {"stage": STAGE_TITLES[stage_value], "day": recorded_on.isoformat()}
    return _remove_page(request, enrollment, what)


def _remove_page(request: HttpRequest, enrollment: Enrollment, what: str) -> HttpResponse:
    context = {"enrollment": enrollment, "name": full_name(enrollment.client), "what": what}
    return render(request, "enrollments/remove.html", context)


def _record_to_change[R: (Services, CurrentLivingSituation)](
    request: HttpRequest, model: type[R], enrollment_id: str, record_id: str, purpose: str
) -> R:
    """A service or contact of an enrollment the user may work on, as the policy lets them see it
    (otherwise 404, as a missing one)."""
    enrollment = to_work_on(request, enrollment_id, purpose)
    record = model.objects.visible_to(request.user).filter(pk=record_id, enrollment=enrollment).first()
    if record is None:
        raise Http404("No record with that ID.")
    record.enrollment = enrollment
    return record


def _service_to_change(request: HttpRequest, enrollment_id: str, services_id: str, purpose: str) -> Services:
    return _record_to_change(request, Services, enrollment_id, services_id, purpose)


@require_http_methods(["GET", "POST"])
@login_required
def service_edit(request: HttpRequest, enrollment_id: str, services_id: str) -> HttpResponse:
    """Correct a recorded service: its date, kind, type and the fields that depend on them."""
    record = _service_to_change(request, enrollment_id, services_id, "correct a service")
    enrollment = record.enrollment
    form = service_form(request, enrollment, on=record.date_provided, initial=service_initial(record))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                activity_records.update_service(
                    user=request.user,  # type: ignore[arg-type]  # login_required: an Account
                    services_id=record.pk,
                    values=form.hud_values(),
                )
            except EnrollmentError as refused:
                form.add_messages(with_renamed(refused.by_field, form.input_names()))
            else:
                messages.success(request, _("Service corrected."))
                return HttpResponseRedirect(reverse("enrollments:enrollment", args=[enrollment.pk]))
    return service_page(request, enrollment, form, status, record)


@require_http_methods(["GET", "POST"])
@login_required
def service_remove(request: HttpRequest, enrollment_id: str, services_id: str) -> HttpResponse:
    record = _service_to_change(request, enrollment_id, services_id, "remove a service")
    if request.method == "POST":
        activity_records.delete_service(
            user=request.user,  # type: ignore[arg-type]  # login_required: an Account
            services_id=record.pk,
        )
        messages.success(request, _("Service removed."))
        return HttpResponseRedirect(reverse("enrollments:enrollment", args=[record.enrollment.pk]))
    what = _("%(kind)s of %(day)s") % {
        "kind": record.get_record_type_display(),
        "day": record.date_provided.isoformat(),
    }
    return _remove_page(request, record.enrollment, what)


def _contact_to_change(
    request: HttpRequest, enrollment_id: str, contact_id: str, purpose: str
) -> CurrentLivingSituation:
    return _record_to_change(request, CurrentLivingSituation, enrollment_id, contact_id, purpose)


CONTACT_ROW = ("CurrentLivingSituation.csv", None)


@require_http_methods(["GET", "POST"])
@login_required
def contact_edit(request: HttpRequest, enrollment_id: str, contact_id: str) -> HttpResponse:
    """Correct a recorded contact: its date and the living situation observed (4.12)."""
    record = _contact_to_change(request, enrollment_id, contact_id, "correct a contact")
    enrollment = record.enrollment
    q = contact_questionnaire(enrollment.project.project_type)
    if not q:
        raise Http404("This project records no current living situations.")
    kept = answers_from(q, {CONTACT_ROW: record})
    form = QuestionnaireForm(
        q,
        request.POST or None,
        information_date=True,
        initial={**kept, "information_date": record.information_date},
        kept=kept,
    )
    form.fields["information_date"].label = _("Date of contact")
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                activity_records.update_contact(
                    user=request.user,  # type: ignore[arg-type]  # login_required: an Account
                    contact_id=record.pk,
                    values={
                        "InformationDate": form.cleaned_data["information_date"],
                        **hud_values(q, form.answers()),
                    },
                )
            except EnrollmentError as refused:
                form.add_messages(
                    in_input_names(refused.by_field, q, {"InformationDate": "information_date"})
                )
            else:
                messages.success(request, _("Contact corrected."))
                return HttpResponseRedirect(reverse("enrollments:enrollment", args=[enrollment.pk]))
    context = {
        "enrollment": enrollment,
        "name": full_name(enrollment.client),
        "form": form,
        "sections": form.layout(),
        "record": record,
    }
    return render(request, "enrollments/contact.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def contact_remove(request: HttpRequest, enrollment_id: str, contact_id: str) -> HttpResponse:
    record = _contact_to_change(request, enrollment_id, contact_id, "remove a contact")
    if request.method == "POST":
        activity_records.delete_contact(
            user=request.user,  # type: ignore[arg-type]  # login_required: an Account
            contact_id=record.pk,
        )
        messages.success(request, _("Contact removed."))
        return HttpResponseRedirect(reverse("enrollments:enrollment", args=[record.enrollment.pk]))
    what = _("Contact of %(day)s: %(situation)s") % {
        "day": record.information_date.isoformat(),
        "situation": record.get_current_living_situation_display(),
    }
    return _remove_page(request, record.enrollment, what)
