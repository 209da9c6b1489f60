"""Client pages: search before create, the profile, edit, SSN reveal, case notes, documents.

Views stay thin: client data is read through ``access_client`` and the search (which reads through
``Client.objects.visible_to``), and written through hearth/clients/services.py, whose plain-worded
errors are shown on the form.  A client the user may not see answers as one that does not exist.
"""

from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hearth.access import audit
from hearth.access.consent import consent_status
from hearth.access.models import AuditAction, AuditEvent
from hearth.access.permissions import Permission
from hearth.access.policy import viewer_for
from hearth.access.views import with_agencies
from hearth.clients import ssn
from hearth.clients.forms import ClientForm, DocumentForm, NoteForm, SearchForm
from hearth.clients.gate import access_client
from hearth.clients.models import Client, ClientMerge
from hearth.clients.query import parse
from hearth.clients.search import search_clients
from hearth.clients.selectors import documents_of, notes_of
from hearth.clients.services import (
    RACE_FIELDS,
    ClientError,
    add_case_note,
    add_document,
    create_client,
    is_victim_service_provider,
    open_document,
    update_client,
)
from hearth.hud.age import age_on
from hearth.hud.generated.lists import NoYes

DUPLICATE_CHECK_LIMIT = 10


def _actor(request: HttpRequest) -> audit.Actor:
    return audit.Actor.from_request(request)


def _client(request: HttpRequest, personal_id: str, purpose: str = "") -> Client:
    return access_client(request.user, personal_id, actor=_actor(request), purpose=purpose)


def _require(request: HttpRequest, permission: Permission) -> None:
    if not viewer_for(request.user).can(permission):
        raise PermissionDenied(_("Your role in this agency does not allow this."))


@require_GET
@login_required
def search(request: HttpRequest) -> HttpResponse:
    """Find a client before creating one: one box, results ranked with why each matched."""
    _require(request, Permission.SEARCH_CLIENTS)
    form = SearchForm(request.GET or None)
    result = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        result = search_clients(request.user, form.cleaned_data["q"], actor=_actor(request))
    may_create = viewer_for(request.user).can(Permission.CREATE_CLIENT)
    context = {
        "form": form,
        "result": result,
        "may_create": may_create,
        "create_url": reverse("clients:create")
        + (f"?{urlencode({'q': form.data['q']})}" if form.data.get("q") else ""),
    }
    return render(request, "clients/search.html", context)


def _initial_from_query(text: str) -> dict[str, Any]:
    """Prefill the new-client form from what was searched: names in typed order, the DOB."""
    query = parse(text)
    initial: dict[str, Any] = {}
    words = [w for w in text.replace(",", " ").split() if w.isalpha() or "-" in w or "'" in w]
    if len(words) >= 2 and not query.surname_first:
        initial["first_name"], initial["last_name"] = words[0], " ".join(words[1:])
    elif len(words) >= 2:
        surname_words = len(text.partition(",")[0].split())
        initial["last_name"] = " ".join(words[:surname_words])
        initial["first_name"] = " ".join(words[surname_words:])
    elif words:
        initial["first_name"] = words[0]
    if query.dob:
        initial["dob"] = query.dob
    return initial


def _duplicate_query(data: dict[str, Any]) -> str:
    parts = [data.get("first_name") or "", data.get("last_name") or ""]
    if data.get("dob"):
        parts.append(data["dob"].isoformat())
    number = (data.get("ssn") or "").replace("-", "")
    if len(number) >= 4 and number[-4:].isdigit():
        parts.append(number[-4:])
    return " ".join(p for p in parts if p)


@require_http_methods(["GET", "POST"])
@login_required
def create(request: HttpRequest) -> HttpResponse:
    """A new client; the same search runs first and likely duplicates are shown before saving."""
    _require(request, Permission.CREATE_CLIENT)
    is_vsp = is_victim_service_provider(request.user)
    duplicates, query = None, ""
    if request.method == "POST":
        form = ClientForm(request.POST, victim_service_provider=is_vsp)
        if form.is_valid():
            query = "" if is_vsp else _duplicate_query(form.cleaned_data)
            if query and request.POST.get("checked") != query:
                found = search_clients(
                    request.user, query, actor=_actor(request), limit=DUPLICATE_CHECK_LIMIT
                )
                duplicates = found.matches
            if not duplicates:
                try:
                    client = create_client(user=request.user, data=form.data_for_service())  # type: ignore[arg-type]  # login_required: an Account
                except ClientError as error:
                    form.add_error(None, str(error))
                else:
                    if is_vsp:
                        messages.info(
                            request,
                            _(
                                "Client created without name, SSN or date of birth: your agency is a "
                                "victim service provider (VAWA)."
                            ),
                        )
                    else:
                        messages.success(request, _("Client created."))
                    return HttpResponseRedirect(reverse("clients:profile", args=[client.pk]))
        context = {"form": form, "duplicates": duplicates, "checked": query}
        return render(
            request, "clients/create.html", {**context, "is_vsp": is_vsp}, status=200 if duplicates else 400
        )
    form = ClientForm(initial=_initial_from_query(request.GET.get("q", "")), victim_service_provider=is_vsp)
    return render(request, "clients/create.html", {"form": form, "is_vsp": is_vsp})


def _enrollment_url(enrollment_id: str) -> str | None:
    try:
        return reverse("enrollments:enrollment", args=[enrollment_id])
    except NoReverseMatch:
        return None


def _enrollments(request: HttpRequest, client: Client) -> list[dict[str, Any]]:
    """The client's enrollments that the user may see, newest first, with exit dates."""
    enrollment_model = apps.get_model("enrollments", "Enrollment")
    exit_model = apps.get_model("enrollments", "Exit")
    exits = exit_model.objects.filter(enrollment_id=OuterRef("pk")).values("exit_date")[:1]
    rows = list(
        enrollment_model.objects.visible_to(request.user)
        .filter(client=client)
        .select_related("project__organization")
        .annotate(exit_date=Subquery(exits))
        .order_by("-entry_date", "-pk")
    )
    return [{"enrollment": row, "url": _enrollment_url(row.pk)} for row in rows]


def _races(client: Client) -> list[str]:
    labels = {name: ClientForm.base_fields[name].label for name in RACE_FIELDS}
    chosen = [str(labels[name]) for name in RACE_FIELDS if getattr(client, name) == NoYes.YES]
    if client.race_none is not None:
        chosen.append(client.get_race_none_display())
    return chosen


def _profile_context(request: HttpRequest, client: Client, **extra: Any) -> dict[str, Any]:
    viewer = viewer_for(request.user)
    today = timezone.localdate()
    may_merge = viewer.can(Permission.MERGE_CLIENTS)
    merges = (
        list(
            ClientMerge.objects.filter(survivor=client)
            .select_related("merged", "merged_by")
            .order_by("-merged_at")
        )
        if may_merge
        else []
    )
    return {
        "client": client,
        "age": age_on(client.dob, today) if client.dob else None,
        "races": _races(client),
        "ssn_masked": ssn.display(client.ssn),
        "consent": consent_status(client.pk, today),
        "enrollments": _enrollments(request, client),
        "notes": notes_of(request.user, client),
        "documents": documents_of(request.user, client),
        "note_form": extra.pop("note_form", None) or NoteForm(),
        "document_form": extra.pop("document_form", None) or DocumentForm(),
        "may_reveal": viewer.can(Permission.REVEAL_SSN) and bool(client.ssn),
        "may_edit": viewer.can(Permission.EDIT_CLIENT),
        "may_enroll": viewer.can(Permission.ENROLL),
        "may_merge": may_merge,
        "merges": merges,
        "enroll_url": _enroll_url(client.pk),
        **extra,
    }


def _enroll_url(personal_id: str) -> str | None:
    try:
        return reverse("enrollments:enroll", args=[personal_id])
    except NoReverseMatch:
        return None


@require_GET
@login_required
def profile(request: HttpRequest, personal_id: str) -> HttpResponse:
    client = _client(request, personal_id, "profile")
    return render(request, "clients/profile.html", _profile_context(request, client))


@require_POST
@login_required
def reveal_ssn(request: HttpRequest, personal_id: str) -> HttpResponse:
    """The full SSN, shown once on purpose; the reveal is audited (hearth.clients.ssn.reveal)."""
    full = ssn.reveal(request.user, personal_id, actor=_actor(request))
    revealed = f"{full[:3]}-{full[3:5]}-{full[5:]}" if full else ""
    if request.htmx:  # type: ignore[attr-defined]  # django-htmx middleware
        return render(request, "clients/_ssn.html", {"revealed": revealed})
    client = Client.objects.visible_to(request.user).get(pk=personal_id)
    return render(request, "clients/profile.html", _profile_context(request, client, revealed=revealed))


@require_http_methods(["GET", "POST"])
@login_required
def edit(request: HttpRequest, personal_id: str) -> HttpResponse:
    client = _client(request, personal_id, "edit")
    if not viewer_for(request.user).can(Permission.EDIT_CLIENT):
        raise Http404("No client with that ID.")
    is_vsp = is_victim_service_provider(request.user)
    if request.method == "POST":
        form = ClientForm(request.POST, victim_service_provider=is_vsp)
        if form.is_valid():
            try:
                update_client(
                    user=request.user,  # type: ignore[arg-type]  # login_required: an Account
                    personal_id=client.pk,
                    data=form.data_for_service(),
                    keep_ssn=True,
                )
            except ClientError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Client record saved."))
                return HttpResponseRedirect(reverse("clients:profile", args=[client.pk]))
        return render(
            request, "clients/edit.html", {"form": form, "client": client, "is_vsp": is_vsp}, status=400
        )
    form = ClientForm(initial=ClientForm.initial_from(client), victim_service_provider=is_vsp)
    return render(request, "clients/edit.html", {"form": form, "client": client, "is_vsp": is_vsp})


@require_POST
@login_required
def add_note(request: HttpRequest, personal_id: str) -> HttpResponse:
    client = _client(request, personal_id, "add case note")
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            add_case_note(user=request.user, personal_id=client.pk, text=form.cleaned_data["text"])  # type: ignore[arg-type]  # login_required: an Account
        except ClientError as error:
            form.add_error("text", str(error))
        else:
            messages.success(request, _("Case note saved."))
            return HttpResponseRedirect(reverse("clients:profile", args=[client.pk]) + "#case-notes")
    context = _profile_context(request, client, note_form=form)
    return render(request, "clients/profile.html", context, status=400)


@require_POST
@login_required
def upload_document(request: HttpRequest, personal_id: str) -> HttpResponse:
    client = _client(request, personal_id, "upload document")
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            add_document(
                user=request.user,  # type: ignore[arg-type]  # login_required: an Account
                personal_id=client.pk,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except ClientError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, _("Document uploaded."))
            return HttpResponseRedirect(reverse("clients:profile", args=[client.pk]) + "#documents")
    context = _profile_context(request, client, document_form=form)
    return render(request, "clients/profile.html", context, status=400)


@require_GET
@login_required
def download_document(request: HttpRequest, personal_id: str, document_id: int) -> FileResponse:
    document = open_document(user=request.user, personal_id=personal_id, document_id=document_id)  # type: ignore[arg-type]  # login_required: an Account
    response = FileResponse(document.file.open("rb"), content_type=document.content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="document-{document.pk}{_suffix(document.file_name)}"'
    )
    return response


def _suffix(file_name: str) -> str:
    suffix = file_name.rpartition(".")[2].lower() if "." in file_name else ""
    return f".{suffix}" if suffix.isalnum() and len(suffix) <= 5 else ""


@require_GET
@login_required
def access_history(request: HttpRequest, personal_id: str) -> HttpResponse:
    """Who has seen this client's record (HUD privacy: a client may ask who accessed their data)."""
    access_client(
        request.user, personal_id, actor=audit.Actor.from_request(request), purpose="access history"
    )
    events = (
        AuditEvent.objects.filter(personal_id=personal_id).exclude(action=AuditAction.SEARCH).order_by("-id")
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    context = {"page": page, "rows": with_agencies(page), "personal_id": personal_id}
    return render(request, "access/client_access_history.html", context)
