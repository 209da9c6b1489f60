"""A client's consent to share: status, history, record, revoke, and the printable forms."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hearth.access import audit
from hearth.access.consent import ConsentError, consent_status, record_consent, revoke_consent
from hearth.access.consent_forms import FormFacts, consent_form_pdf, revocation_form_pdf
from hearth.access.forms import ConsentForm, RevocationForm
from hearth.access.models import ConsentToShare
from hearth.access.permissions import Permission
from hearth.access.policy import viewer_for
from hearth.clients.gate import access_client
from hearth.clients.models import Client


def _client(request: HttpRequest, personal_id: str, purpose: str) -> Client:
    return access_client(request.user, personal_id, actor=audit.Actor.from_request(request), purpose=purpose)


def _page(
    request: HttpRequest, client: Client, form: ConsentForm | None = None, status: int = 200
) -> HttpResponse:
    consents = ConsentToShare.objects.filter(client_id=client.pk).prefetch_related("named_organizations")
    context = {
        "client": client,
        "status": consent_status(client.pk),
        "consents": consents.order_by("-signed_on", "-pk"),
        "form": form
        or ConsentForm(initial={"signed_on": timezone.localdate(), "expiry": "1y", "shares": "full"}),
        "revocation_form": RevocationForm(),
        "may_manage": viewer_for(request.user).can(Permission.MANAGE_CONSENT),
    }
    return render(request, "clients/consent.html", context, status=status)


@require_GET
@login_required
def consent_page(request: HttpRequest, personal_id: str) -> HttpResponse:
    return _page(request, _client(request, personal_id, "consent"))


@require_POST
@login_required
def consent_record(request: HttpRequest, personal_id: str) -> HttpResponse:
    client = _client(request, personal_id, "record consent")
    form = ConsentForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            record_consent(
                user=request.user,
                personal_id=client.pk,
                scope=data["scope"],
                shares=data["shares"],
                signed_on=data["signed_on"],
                expiry=data["expiry"],
                expires_on=data["expires_on"],
                signed_by_name=data["signed_by_name"],
                signed_by_relationship=data["signed_by_relationship"],
                named_organization_ids=data["named_organizations"],
                form_language=data["form_language"],
                signed_form=data["signed_form"],
            )
        except ConsentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Consent recorded."))
            return HttpResponseRedirect(reverse("clients:consent", args=[client.pk]))
    return _page(request, client, form, status=400)


@require_POST
@login_required
def consent_revoke(request: HttpRequest, personal_id: str, consent_id: int) -> HttpResponse:
    client = _client(request, personal_id, "revoke consent")
    if not ConsentToShare.objects.filter(pk=consent_id, client_id=client.pk).exists():
        raise Http404("No consent with that ID.")
    form = RevocationForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            revoke_consent(
                user=request.user,
                consent_id=consent_id,
                reason=form.cleaned_data["reason"],
                revocation_form=form.cleaned_data["revocation_form"],
            )
        except ConsentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Consent revoked. Other agencies no longer see this client."))
    else:
        messages.error(request, _("Give the reason for the revocation."))
    return HttpResponseRedirect(reverse("clients:consent", args=[client.pk]))


@require_GET
@login_required
def consent_pdf(request: HttpRequest, personal_id: str, kind: str, language: str) -> HttpResponse:
    if kind not in ("consent", "revocation") or language not in ("en", "es"):
        raise Http404("No such form.")
    client = _client(request, personal_id, f"print {kind} form")
    name = " ".join(p for p in (client.first_name, client.middle_name, client.last_name) if p)
    agency = request.user.acting_organization  # type: ignore[union-attr]  # login_required: an Account
    facts = FormFacts(
        client_name=name,
        date_of_birth=client.dob,
        agency_name=str(agency) if agency else "",
        coc_code=settings.HEARTH_COC_CODE,
        today=timezone.localdate(),
    )
    pdf = consent_form_pdf(facts, language) if kind == "consent" else revocation_form_pdf(facts, language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{kind}-{language}-{client.pk}.pdf"'
    return response
