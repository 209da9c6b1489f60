"""Enrollment pages: enroll a household, the enrollment, its assessments, exits, services and contacts.

Views stay thin: they read through the selectors (scoped by the access policy), write through the
services, and show the services' messages next to the fields they name.  A page about an
enrollment the user may not see, or may not change, answers as one that does not exist.
"""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hearth.access import audit
from hearth.access.models import AuditAction
from hearth.access.permissions import Permission
from hearth.access.policy import viewer_for
from hearth.clients.gate import access_client
from hearth.clients.models import Client
from hearth.enrollments import selectors, service_types, services
from hearth.enrollments.assessments import (
    CONTACT_PROJECT_TYPES,
    Stage,
    annual_window_holding,
    answers_from,
    contact_questionnaire,
    questionnaire,
)
from hearth.enrollments.data_quality import EnrollmentError, Finding
from hearth.enrollments.forms import (
    EnrollForm,
    HeadForm,
    MemberForm,
    MemberSearchForm,
    MoveInForm,
    QuestionnaireForm,
    ServiceForm,
)
from hearth.enrollments.gate import access_enrollment
from hearth.enrollments.household_rules import HEAD
from hearth.enrollments.models import CurrentLivingSituation, Enrollment, Services
from hearth.hud.generated.lists import DataCollectionStage

STAGES: dict[str, Stage] = {
    "entry": Stage.PROJECT_ENTRY,
    "update": Stage.UPDATE,
    "annual": Stage.ANNUAL_ASSESSMENT,
}
# The stages recorded again and again, whose past assessments are corrected or removed by date.
REPEATED_STAGES: dict[int, str] = {Stage.UPDATE: "update", Stage.ANNUAL_ASSESSMENT: "annual"}
STAGE_TITLES = {
    Stage.PROJECT_ENTRY: gettext_lazy("Project start assessment"),
    Stage.UPDATE: gettext_lazy("Update assessment"),
    Stage.ANNUAL_ASSESSMENT: gettext_lazy("Annual assessment"),
    Stage.PROJECT_EXIT: gettext_lazy("Exit assessment"),
}
MEMBER_SEARCH_LIMIT = 20


def _actor(request: HttpRequest) -> audit.Actor:
    return audit.Actor.from_request(request)


def to_work_on(request: HttpRequest, enrollment_id: str, purpose: str) -> Enrollment:
    return selectors.enrollment_to_work_on(
        request.user, enrollment_id, purpose=purpose, actor=_actor(request)
    )


def client_profile_url(personal_id: str) -> str | None:
    """The client's profile page, where the client pages provide one."""
    for name in ("clients:profile", "clients:detail", "clients:client"):
        try:
            return reverse(name, args=[personal_id])
        except NoReverseMatch:
            continue
    return None


def full_name(client: Client) -> str:
    return " ".join(p for p in (client.first_name, client.middle_name, client.last_name) if p) or _(
        "Client %(id)s"
    ) % {"id": client.personal_id}


def _may_change(request: HttpRequest, enrollment: Enrollment) -> bool:
    viewer = viewer_for(request.user)
    return viewer.can(Permission.ENROLL) and (
        viewer.is_system_wide or enrollment.project.organization_id == viewer.organization_id
    )


# --- Enroll a household ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def enroll(request: HttpRequest, personal_id: str) -> HttpResponse:
    """Enroll the client as head of a household in one of the agency's projects."""
    client = access_client(request.user, personal_id, actor=_actor(request), purpose="enroll")
    projects = list(selectors.projects_to_work_on(request.user))
    facts = selectors.project_facts(projects, with_coc_codes=True)
    form = EnrollForm(
        request.POST or None,
        projects=[(p.pk, p.project_name) for p in projects],
        coc_codes=[code for f in facts.values() for code in f.coc_codes],
        initial={"entry_date": timezone.localdate()},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                [head, *_members] = services.enroll_household(
                    user=request.user,  # type: ignore[arg-type]  # login_required: an Account
                    project_id=form.cleaned_data["project"],
                    head_personal_id=client.pk,
                    entry_date=form.cleaned_data["entry_date"],
                    enrollment_coc=form.cleaned_data.get("enrollment_coc") or None,
                )
            except EnrollmentError as refused:
                form.add_messages(with_renamed(refused.by_field, {"personal_id": "project", "members": ""}))
            else:
                messages.success(request, _("Enrolled. Now record the project start assessment."))
                return HttpResponseRedirect(reverse("enrollments:assessment", args=[head.pk, "entry"]))
    context = {
        "client": client,
        "name": full_name(client),
        "form": form,
        "has_projects": bool(projects),
        "profile_url": client_profile_url(client.pk),
    }
    return render(request, "enrollments/enroll.html", context, status=status)


def with_renamed(by_field: dict[str, list[str]], names: dict[str, str]) -> dict[str, list[str]]:
    renamed: dict[str, list[str]] = {}
    for name, found in by_field.items():
        renamed.setdefault(names.get(name, name), []).extend(found)
    return renamed


# --- The enrollment page ---------------------------------------------------------------------------


@require_GET
@login_required
def enrollment_page(request: HttpRequest, enrollment_id: str) -> HttpResponse:
    enrollment = access_enrollment(request.user, enrollment_id, actor=_actor(request), purpose="enrollment")
    return _enrollment_page(request, enrollment)


def _enrollment_page(
    request: HttpRequest, enrollment: Enrollment, *, move_in_form: MoveInForm | None = None, status: int = 200
) -> HttpResponse:
    today = timezone.localdate()
    client = enrollment.client
    project = enrollment.project
    facts = selectors.project_facts([project])[project.pk]
    household = selectors.household_of(request.user, enrollment)
    records = selectors.stage_records_of([enrollment.pk])[enrollment.pk]
    may_change = _may_change(request, enrollment)
    is_open = records.exit is None
    is_head = enrollment.relationship_to_hoh == HEAD
    situation = selectors.situation_of(enrollment, facts, on=today, has_hiv_aids=records.has_hiv_aids)
    head_entry = next(
        (m.entry_date for m in household if m.relationship_to_hoh == HEAD), enrollment.entry_date
    )
    context = {
        "enrollment": enrollment,
        "client": client,
        "name": full_name(client),
        "project": project,
        "profile_url": client_profile_url(client.pk),
        "household": [(m, full_name(m.client), next(iter(m.exits.all()), None)) for m in household],
        "open_members": sum(1 for m in household if not m.exits.all()),
        "exit": records.exit,
        "completeness": selectors.completeness_of(enrollment, facts, records),
        "assessments": [
            (DataCollectionStage(stage).label, day, REPEATED_STAGES.get(stage))
            for stage, day in records.assessments()
        ],
        "services": Services.objects.filter(enrollment=enrollment).order_by("-date_provided", "-pk")[:20],
        "contacts": CurrentLivingSituation.objects.filter(enrollment=enrollment).order_by(
            "-information_date", "-pk"
        )[:20],
        "may_change": may_change,
        "is_open": is_open,
        "is_head": is_head,
        "records_services": bool(service_types.service_kinds(situation)),
        "records_contacts": project.project_type in CONTACT_PROJECT_TYPES,
        "records_move_in": project.project_type in services.MOVE_IN_PROJECT_TYPES and is_head,
        "move_in_form": move_in_form or MoveInForm(initial={"move_in_date": enrollment.move_in_date}),
        "annual_window": annual_window_holding(head_entry, today),
    }
    return render(request, "enrollments/enrollment.html", context, status=status)


@require_POST
@login_required
def move_in(request: HttpRequest, enrollment_id: str) -> HttpResponse:
    enrollment = to_work_on(request, enrollment_id, "move-in date")
    form = MoveInForm(request.POST)
    if form.is_valid():
        try:
            services.record_move_in_date(
                user=request.user,  # type: ignore[arg-type]  # login_required: an Account
                enrollment_id=enrollment.pk,
                move_in_date=form.cleaned_data["move_in_date"],
            )
        except EnrollmentError as refused:
            form.add_messages(refused.by_field)
        else:
            messages.success(request, _("Housing move-in date saved."))
            return HttpResponseRedirect(reverse("enrollments:enrollment", args=[enrollment.pk]))
    return _enrollment_page(request, enrollment, move_in_form=form, status=400)


# --- Household members -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def members(request: HttpRequest, enrollment_id: str) -> HttpResponse:
    """Find a client and add them to the household, with their relationship and project start."""
    enrollment = to_work_on(request, enrollment_id, "household members")
    search = MemberSearchForm(request.GET or None)
    household = selectors.household_of(request.user, enrollment)
    in_household = {m.client_id for m in household}
    found: list[Client] = []
    query = ""
    if search.is_valid() and (query := search.cleaned_data["q"].strip()):
        found = _find_clients(request, query, exclude=in_household)
    posted: MemberForm | None = None
    status = 200
    if request.method == "POST":
        chosen = request.POST.get("member-personal_id", "")
        posted = MemberForm(request.POST, prefix="member", auto_id=f"id_%s_{chosen}")
        status = 400
        if posted.is_valid():
            try:
                joined = services.add_household_member(
                    user=request.user,  # type: ignore[arg-type]  # login_required: an Account
                    enrollment_id=enrollment.pk,
                    personal_id=posted.cleaned_data["personal_id"],
                    relationship_to_hoh=posted.cleaned_data["relationship_to_hoh"],
                    entry_date=posted.cleaned_data["entry_date"],
                )
            except EnrollmentError as refused:
                posted.add_messages(refused.by_field)
            else:
                messages.success(
                    request, _("Added to the household. Now record their project start assessment.")
                )
                return HttpResponseRedirect(reverse("enrollments:assessment", args=[joined.pk, "entry"]))
        if chosen and chosen not in {c.pk for c in found}:
            found.insert(
                0, access_client(request.user, chosen, actor=_actor(request), purpose="add to household")
            )
    head_entry = next(
        (m.entry_date for m in household if m.relationship_to_hoh == HEAD), enrollment.entry_date
    )
    rows = []
    for client in found:
        if posted is not None and posted.data.get("member-personal_id") == client.pk:
            rows.append((client, full_name(client), posted))
        else:
            # One form per client found: ids carry the client's, so each label names its own field.
            form = MemberForm(
                prefix="member",
                auto_id=f"id_%s_{client.pk}",
                initial={"personal_id": client.pk, "entry_date": head_entry},
            )
            rows.append((client, full_name(client), form))
    context = {
        "enrollment": enrollment,
        "name": full_name(enrollment.client),
        "household": [(m, full_name(m.client)) for m in household],
        "search": search,
        "query": query,
        "rows": rows,
    }
    return render(request, "enrollments/members.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def head_of_household(request: HttpRequest, enrollment_id: str) -> HttpResponse:
    """Make another member the head of household (HH-04), e.g. before the head leaves first."""
    enrollment = to_work_on(request, enrollment_id, "change the head of household")
    household = selectors.household_of(request.user, enrollment)
    candidates = [
        (m.pk, full_name(m.client)) for m in household if m.relationship_to_hoh != HEAD and not m.exits.all()
    ]
    if not candidates:
        raise Http404("No other member can become the head of household.")
    form = HeadForm(request.POST or None, members=candidates)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                head = services.change_head_of_household(
                    user=request.user,  # type: ignore[arg-type]  # login_required: an Account
                    enrollment_id=form.cleaned_data["enrollment_id"],
                    former_head_relationship=form.cleaned_data["former_head_relationship"],
                )
            except EnrollmentError as refused:
                form.add_messages(refused.by_field)
            else:
                messages.success(request, _("The head of household is changed."))
                return HttpResponseRedirect(reverse("enrollments:enrollment", args=[head.pk]))
    context = {
        "enrollment": enrollment,
        "name": full_name(enrollment.client),
        "household": [(m, full_name(m.client)) for m in household],
        "form": form,
    }
    return render(request, "enrollments/head.html", context, status=status)


def _find_clients(request: HttpRequest, query: str, *, exclude: set[str]) -> list[Client]:
    """Clients the user may see whose first or last name starts with each word typed."""
    clients = Client.objects.visible_to(request.user).exclude(pk__in=exclude)
    for word in query.split()[:3]:
        clients = clients.filter(first_name__istartswith=word) | clients.filter(last_name__istartswith=word)
    found = list(clients.order_by("last_name", "first_name", "pk")[:MEMBER_SEARCH_LIMIT])
    audit.record(
        AuditAction.SEARCH,
        actor=_actor(request),
        object_type="clients.Client",
        detail={"purpose": "household member search", "results": len(found)},
    )
    return found


# --- Assessments -----------------------------------------------------------------------------------


def stage_of(stage: str) -> Stage:
    if stage not in STAGES:
        raise Http404("No such assessment.")
    return STAGES[stage]


def assessment_form(
    request: HttpRequest,
    enrollment: Enrollment,
    stage: Stage,
    *,
    data: Any = None,
    recorded_on: datetime.date | None = None,
) -> tuple[QuestionnaireForm, datetime.date]:
    """The stage's form: a new assessment, or with ``recorded_on`` the update or annual assessment
    recorded that day, its answers shown to correct (no such assessment: 404)."""
    today = timezone.localdate()
    records = selectors.stage_records_of([enrollment.pk])[enrollment.pk]
    household_heads = selectors.head_entry_dates([enrollment.household_id])
    head_entry = household_heads.get(enrollment.household_id, enrollment.entry_date)
    on = enrollment.entry_date if stage == Stage.PROJECT_ENTRY else today
    if recorded_on is not None:
        return _recorded_assessment_form(enrollment, stage, records, recorded_on, data)
    if stage == Stage.ANNUAL_ASSESSMENT:
        window = annual_window_holding(head_entry, today)
        on = window.anniversary if window and window.anniversary <= today else today
    if data is not None and stage != Stage.PROJECT_ENTRY:
        posted = QuestionnaireForm(
            questionnaire_for(enrollment, stage, on, records), data, information_date=True
        )
        posted.is_valid()
        on = posted.cleaned_data.get("information_date") or on
    q = questionnaire_for(enrollment, stage, on, records)
    if stage == Stage.PROJECT_ENTRY:
        existing = {("Enrollment.csv", None): enrollment, **records.at(stage)}
        initial: dict[str, Any] = answers_from(q, existing)
        kept = initial
    else:
        window = annual_window_holding(head_entry, on) if stage == Stage.ANNUAL_ASSESSMENT else None
        existing = records.at(stage, window=(window.opens, window.closes)) if window else {}
        initial = answers_from(q, {("Enrollment.csv", None): enrollment, **records.latest(), **existing})
        initial["information_date"] = on
        kept = answers_from(q, existing)
    form = QuestionnaireForm(
        q, data, initial=initial, kept=kept, information_date=stage != Stage.PROJECT_ENTRY
    )
    return form, on


def _recorded_assessment_form(
    enrollment: Enrollment,
    stage: Stage,
    records: selectors.StageRecords,
    recorded_on: datetime.date,
    data: Any,
) -> tuple[QuestionnaireForm, datetime.date]:
    existing = records.at(stage, window=(recorded_on, recorded_on))
    if not existing:
        raise Http404("No assessment of that stage was recorded that day.")
    on = recorded_on
    if data is not None:
        posted = QuestionnaireForm(
            questionnaire_for(enrollment, stage, on, records), data, information_date=True
        )
        posted.is_valid()
        on = posted.cleaned_data.get("information_date") or on
    q = questionnaire_for(enrollment, stage, on, records)
    initial = answers_from(q, {("Enrollment.csv", None): enrollment, **existing})
    initial["information_date"] = recorded_on
    form = QuestionnaireForm(q, data, initial=initial, kept=answers_from(q, existing), information_date=True)
    return form, on


def questionnaire_for(
    enrollment: Enrollment, stage: Stage, on: datetime.date, records: selectors.StageRecords
) -> Any:
    facts = selectors.project_facts([enrollment.project])[enrollment.project_id]
    situation = selectors.situation_of(enrollment, facts, on=on, has_hiv_aids=records.has_hiv_aids)
    return questionnaire(situation, stage)


@require_http_methods(["GET", "POST"])
@login_required
def assessment(request: HttpRequest, enrollment_id: str, stage: str) -> HttpResponse:
    """The project start, update or annual assessment of one member: exactly HUD's elements for
    the project type, its funders that day and the person."""
    stage_value = stage_of(stage)
    enrollment = to_work_on(request, enrollment_id, f"{stage} assessment")
    return assessment_page(request, enrollment, stage, stage_value, done=_("Assessment saved."))


def assessment_page(
    request: HttpRequest,
    enrollment: Enrollment,
    stage: str,
    stage_value: Stage,
    *,
    done: str,
    recorded_on: datetime.date | None = None,
) -> HttpResponse:
    """The assessment form of a stage and its saving: a new assessment, or with ``recorded_on``
    the correction of the update or annual assessment recorded that day.  ``done`` is said on
    success."""
    form, on = assessment_form(
        request, enrollment, stage_value, data=request.POST or None, recorded_on=recorded_on
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved = services.save_assessment(
                    user=request.user,  # type: ignore[arg-type]  # login_required: an Account
                    enrollment_id=enrollment.pk,
                    stage=stage_value,
                    answers=form.answers(),
                    information_date=form.cleaned_data.get("information_date"),
                    recorded_on=recorded_on,
                )
            except EnrollmentError as refused:
                form.add_messages(refused.by_field)
            else:
                for warning in saved.warnings:
                    if not warning.field:
                        messages.warning(request, warning.message)
                messages.success(request, done)
                return HttpResponseRedirect(reverse("enrollments:enrollment", args=[enrollment.pk]))
    context = assessment_context(enrollment, stage, stage_value, form, on, recorded_on)
    return render(request, "enrollments/assessment.html", context, status=status)


def assessment_context(
    enrollment: Enrollment,
    stage: str,
    stage_value: Stage,
    form: QuestionnaireForm,
    on: datetime.date,
    recorded_on: datetime.date | None = None,
) -> dict[str, Any]:
    return {
        "enrollment": enrollment,
        "name": full_name(enrollment.client),
        "stage": stage,
        "title": STAGE_TITLES[stage_value],
        "form": form,
        "sections": form.layout(),
        "on": on,
        "recorded_on": recorded_on,
        "check_url": reverse("enrollments:assessment-check", args=[enrollment.pk, stage]),
    }


@require_POST
@login_required
def assessment_check(request: HttpRequest, enrollment_id: str, stage: str) -> HttpResponse:
    """HTMX: the data quality messages for the answers as typed so far; saves nothing."""
    stage_value = stage_of(stage)
    enrollment = to_work_on(request, enrollment_id, f"check {stage} assessment")
    form, _on = assessment_form(request, enrollment, stage_value, data=request.POST)
    form.is_valid()
    answers = {name: form.cleaned_data.get(name) for name in form.questions}
    review = services.review_assessment(
        enrollment=enrollment,
        stage=stage_value,
        answers=answers,
        information_date=form.cleaned_data.get("information_date"),
    )
    labels = {name: field.label for name, field in form.fields.items()}
    findings = [(f, labels.get(f.field, "")) for f in review.findings]
    type_errors = [
        (Finding(name, " ".join(str(e) for e in errors), True), labels.get(name, ""))
        for name, errors in form.errors.items()
    ]
    return render(request, "enrollments/_checks.html", {"checks": type_errors + findings})


# --- Exits -----------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def exit_members(request: HttpRequest, enrollment_id: str, household: bool = False) -> HttpResponse:
    """The exit of one member, or of every member still in the household: exit date, destination
    and the exit assessment of each, saved together."""
    enrollment = to_work_on(request, enrollment_id, "exit")
    everyone = selectors.household_of(request.user, enrollment)
    leaving = [m for m in everyone if not m.exits.all() and (household or m.pk == enrollment.pk)]
    if not leaving:
        raise Http404("No one to exit.")
    records = selectors.stage_records_of([m.pk for m in leaving])
    today = timezone.localdate()
    forms = []
    for member in leaving:
        data = request.POST or None
        on = today
        if data is not None:
            probe = QuestionnaireForm(
                questionnaire_for(member, Stage.PROJECT_EXIT, today, records[member.pk]),
                data,
                prefix=member.pk,
            )
            probe.is_valid()
            exit_date = probe.cleaned_data.get("exit-exit_date")
            on = exit_date if isinstance(exit_date, datetime.date) and exit_date <= today else today
        q = questionnaire_for(member, Stage.PROJECT_EXIT, on, records[member.pk])
        initial = answers_from(q, {("Enrollment.csv", None): member, **records[member.pk].latest()})
        initial["exit-exit_date"] = on
        forms.append(
            (member, full_name(member.client), QuestionnaireForm(q, data, initial=initial, prefix=member.pk))
        )
    status = 200
    if request.method == "POST":
        status = 400
        if all(form.is_valid() for _m, _n, form in forms):
            try:
                services.exit_household_members(
                    user=request.user,  # type: ignore[arg-type]  # login_required: an Account
                    exits=[services.MemberExit(m.pk, form.answers()) for m, _n, form in forms],
                )
            except EnrollmentError as refused:
                _spread(refused, forms)
            else:
                messages.success(request, _("Exit saved."))
                return HttpResponseRedirect(reverse("enrollments:enrollment", args=[enrollment.pk]))
    context = {
        "enrollment": enrollment,
        "name": full_name(enrollment.client),
        "household": household,
        "members": [(m, name, form, form.layout()) for m, name, form in forms],
        "errors": [],
    }
    return render(request, "enrollments/exit.html", context, status=status)


def _spread(refused: EnrollmentError, forms: list[tuple[Enrollment, str, QuestionnaireForm]]) -> None:
    """Each member's messages onto their form; messages about the household onto the first."""
    for member, _name, form in forms:
        mine = [f for f in refused.findings if f.enrollment_id == member.pk]
        if member is forms[0][0]:
            mine += [f for f in refused.findings if not f.enrollment_id]
        by_field: dict[str, list[str]] = {}
        for finding in mine:
            by_field.setdefault(finding.field, []).append(finding.message)
        form.add_messages(by_field)


# --- Services and contacts -------------------------------------------------------------------------


def service_form(
    request: HttpRequest, enrollment: Enrollment, *, on: datetime.date, initial: Any
) -> ServiceForm:
    """The service form with the kinds of service the project records for this member on ``on``."""
    facts = selectors.project_facts([enrollment.project])[enrollment.project_id]
    kinds = service_types.service_kinds(selectors.situation_of(enrollment, facts, on=on))
    if not kinds:
        raise Http404("This project records no HUD services.")
    if initial.get("record_type") is None and len(kinds) == 1:
        initial["record_type"] = kinds[0].record_type
    return ServiceForm(
        request.POST or None, kinds=kinds, fields=service_types.service_fields(kinds), initial=initial
    )


def service_page(
    request: HttpRequest,
    enrollment: Enrollment,
    form: ServiceForm,
    status: int,
    record: Services | None = None,
) -> HttpResponse:
    fields = [
        (form[name], form.condition_of(name))
        for name in form.fields
        if name not in ("date_provided", "record_type")
    ]
    context = {
        "enrollment": enrollment,
        "name": full_name(enrollment.client),
        "form": form,
        "fields": fields,
        "record": record,
    }
    return render(request, "enrollments/service.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def service(request: HttpRequest, enrollment_id: str) -> HttpResponse:
    """Record a service, referral, financial assistance or bed night of the kinds the project records."""
    enrollment = to_work_on(request, enrollment_id, "record a service")
    today = timezone.localdate()
    form = service_form(request, enrollment, on=today, initial={"date_provided": today})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.record_service(
                    user=request.user,  # type: ignore[arg-type]  # login_required: an Account
                    enrollment_id=enrollment.pk,
                    **form.chosen(),
                )
            except EnrollmentError as refused:
                form.add_messages(refused.by_field)
            else:
                messages.success(request, _("Service recorded."))
                return HttpResponseRedirect(reverse("enrollments:enrollment", args=[enrollment.pk]))
    return service_page(request, enrollment, form, status)


@require_http_methods(["GET", "POST"])
@login_required
def contact(request: HttpRequest, enrollment_id: str) -> HttpResponse:
    """Record a contact and the client's current living situation (4.12)."""
    enrollment = to_work_on(request, enrollment_id, "record a contact")
    q = contact_questionnaire(enrollment.project.project_type)
    if not q:
        raise Http404("This project records no current living situations.")
    form = QuestionnaireForm(
        q, request.POST or None, information_date=True, initial={"information_date": timezone.localdate()}
    )
    form.fields["information_date"].label = _("Date of contact")
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.record_contact(
                    user=request.user,  # type: ignore[arg-type]  # login_required: an Account
                    enrollment_id=enrollment.pk,
                    information_date=form.cleaned_data["information_date"],
                    answers=form.answers(),
                )
            except EnrollmentError as refused:
                form.add_messages(refused.by_field)
            else:
                messages.success(request, _("Contact recorded."))
                return HttpResponseRedirect(reverse("enrollments:enrollment", args=[enrollment.pk]))
    context = {
        "enrollment": enrollment,
        "name": full_name(enrollment.client),
        "form": form,
        "sections": form.layout(),
    }
    return render(request, "enrollments/contact.html", context, status=status)
