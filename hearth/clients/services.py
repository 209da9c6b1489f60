"""Every write to a client: create, update, case notes, documents.  (Merges: merge.py.)

Each service is keyword-only, checks the actor's permission and access to the client (a client
the actor may not see answers as one that does not exist), validates with plain-worded errors,
runs in one transaction, keeps the search keys current and writes its audit entry with the fields
before and after.
"""

import datetime
from dataclasses import dataclass, fields, replace
from typing import Any

from django.apps import apps
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.access import audit
from hearth.access.models import Account, AuditAction, ClientOrigin, HMISUser
from hearth.access.permissions import Permission
from hearth.access.policy import viewer_for
from hearth.clients import search_keys, ssn
from hearth.clients.gate import NOT_FOUND, access_client
from hearth.clients.models import CaseNote, Client, ClientDocument
from hearth.clients.selectors import documents_of
from hearth.hud.generated.lists import (
    DOBDataQuality,
    NameDataQuality,
    NoYes,
    NoYesReasonsForMissingData,
    RaceNone,
    Sex,
    SSNDataQuality,
)

RACE_FIELDS = (
    "am_ind_ak_native",
    "asian",
    "black_af_american",
    "hispanic_latinao",
    "mid_east_n_african",
    "native_hi_pacific",
    "white",
)
IDENTIFYING = ("first_name", "middle_name", "last_name", "name_suffix", "ssn", "dob")
MISSING_CODES = (8, 9, 99)
MAX_NOTE = 10_000
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# What a document may be, by its first bytes: PDF, PNG, JPEG.
DOCUMENT_SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}


class ClientError(ValueError):
    """A client record that cannot be written as asked; the message says why, in plain words."""


@dataclass(frozen=True)
class ClientData:
    """The universal data elements a case manager enters (HUD 3.01-3.04, 3.07, 4.21)."""

    first_name: str | None = None
    middle_name: str | None = None
    last_name: str | None = None
    name_suffix: str | None = None
    name_data_quality: int = NameDataQuality.DATA_NOT_COLLECTED
    ssn: str | None = None  # nine digits, x for unknown digits; stored encrypted, masked in Client.ssn
    ssn_data_quality: int = SSNDataQuality.DATA_NOT_COLLECTED
    dob: datetime.date | None = None
    dob_data_quality: int = DOBDataQuality.DATA_NOT_COLLECTED
    sex: int | None = None
    am_ind_ak_native: int = NoYes.NO
    asian: int = NoYes.NO
    black_af_american: int = NoYes.NO
    hispanic_latinao: int = NoYes.NO
    mid_east_n_african: int = NoYes.NO
    native_hi_pacific: int = NoYes.NO
    white: int = NoYes.NO
    race_none: int | None = RaceNone.DATA_NOT_COLLECTED
    additional_race_ethnicity: str | None = None
    veteran_status: int = NoYesReasonsForMissingData.DATA_NOT_COLLECTED

    def without_identifiers(self) -> "ClientData":
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(dict.fromkeys(IDENTIFYING))
        values.update(
            name_data_quality=NameDataQuality.DATA_NOT_COLLECTED,
            ssn_data_quality=SSNDataQuality.DATA_NOT_COLLECTED,
            dob_data_quality=DOBDataQuality.DATA_NOT_COLLECTED,
        )
        return ClientData(**values)

    @property
    def has_identifiers(self) -> bool:
        return any(getattr(self, name) for name in IDENTIFYING)


def _clean_text(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def validate(data: ClientData, *, keep_ssn: bool = False) -> ClientData:
    """The data, tidied, or a ClientError naming the first problem (HUD data quality rules)."""
    data = replace(
        data,
        first_name=_clean_text(data.first_name),
        middle_name=_clean_text(data.middle_name),
        last_name=_clean_text(data.last_name),
        name_suffix=_clean_text(data.name_suffix),
        ssn=_clean_text(data.ssn),
        additional_race_ethnicity=_clean_text(data.additional_race_ethnicity),
    )
    choices = [
        (data.name_data_quality, NameDataQuality, _("Choose the quality of the name.")),
        (data.ssn_data_quality, SSNDataQuality, _("Choose the quality of the SSN.")),
        (data.dob_data_quality, DOBDataQuality, _("Choose the quality of the date of birth.")),
        (data.veteran_status, NoYesReasonsForMissingData, _("Choose the veteran status.")),
    ]
    for value, codes, message in choices:
        if value not in codes.values:
            raise ClientError(message)
    for name in RACE_FIELDS:
        if getattr(data, name) not in NoYes.values:
            raise ClientError(_("Answer each race and ethnicity with yes or no."))
    if data.race_none is not None and data.race_none not in RaceNone.values:
        raise ClientError(_("Choose why no race or ethnicity was reported."))
    if data.sex is not None and data.sex not in Sex.values:
        raise ClientError(_("Choose the client's sex from the list."))
    for name in ("first_name", "middle_name", "last_name", "name_suffix"):
        if len(getattr(data, name) or "") > 50:
            raise ClientError(_("A name can have at most 50 characters."))
    if data.name_data_quality == NameDataQuality.FULL_NAME_REPORTED and not (
        data.first_name and data.last_name
    ):
        raise ClientError(_("A full name needs a first and a last name; otherwise choose partial name."))
    if data.name_data_quality == NameDataQuality.PARTIAL_STREET_NAME_OR_CODE_NAME and not (
        data.first_name or data.last_name
    ):
        raise ClientError(_("Give the partial, street or code name the client goes by."))
    _validate_ssn(data, keep_ssn=keep_ssn)
    _validate_dob(data)
    _validate_race(data)
    return data


def _validate_ssn(data: ClientData, *, keep_ssn: bool = False) -> None:
    number = (data.ssn or "").replace("-", "")
    if keep_ssn and not number and data.ssn_data_quality not in MISSING_CODES:
        return
    if data.ssn_data_quality in MISSING_CODES:
        if number:
            raise ClientError(
                _("Leave the SSN empty when it was not reported, or choose full or partial SSN.")
            )
        return
    if not ssn.HUD_SSN.match(number):
        raise ClientError(_("An SSN has nine digits (write x for a digit the client does not know)."))
    if data.ssn_data_quality == SSNDataQuality.FULL_SSN_REPORTED and not number.isdigit():
        raise ClientError(_("A full SSN has nine digits with none unknown; otherwise choose partial SSN."))
    if number.isdigit() and (number[:3] in ("000", "666") or number[0] == "9" or number[3:5] == "00"):
        raise ClientError(
            _("%(ssn)s is not a valid SSN: check the first five digits.") % {"ssn": ssn.display(number)}
        )


def _validate_dob(data: ClientData) -> None:
    if data.dob_data_quality in MISSING_CODES:
        if data.dob is not None:
            raise ClientError(
                _("Leave the date of birth empty when it was not reported, or choose full DOB.")
            )
        return
    if data.dob is None:
        raise ClientError(_("Give the date of birth, or choose that it was not reported."))
    if data.dob > timezone.localdate():
        raise ClientError(_("The date of birth cannot be in the future."))
    if data.dob.year < 1900:
        raise ClientError(_("The date of birth cannot be before 1900."))


def _validate_race(data: ClientData) -> None:
    chosen = [name for name in RACE_FIELDS if getattr(data, name) == NoYes.YES]
    if chosen and data.race_none is not None:
        raise ClientError(_("Choose races and ethnicities, or that none was reported, not both."))
    if not chosen and data.race_none is None:
        raise ClientError(_("Choose at least one race or ethnicity, or that none was reported."))


def hmis_user_of(account: Account) -> HMISUser:
    """The HUD User record written as UserID on the records this account changes (made on first use)."""
    if account.hmis_user_id is not None:
        return account.hmis_user  # type: ignore[return-value]  # set whenever the id is
    user = HMISUser.objects.create(
        user_first_name=account.first_name or account.get_username(),
        user_last_name=account.last_name or None,
        user_email=account.email or None,
    )
    account.hmis_user = user
    account.save(update_fields=["hmis_user"])
    return user


def _require(user: Any, permission: Permission) -> str:
    """The id of the agency the user acts as, when their role there has the permission."""
    viewer = viewer_for(user)
    if not viewer.can(permission) or viewer.organization_id is None:
        raise Http404(NOT_FOUND)
    return viewer.organization_id


def is_victim_service_provider(user: Any) -> bool:
    organization = getattr(user, "acting_organization", None)
    return organization is not None and organization.victim_service_provider == NoYes.YES


def client_values(client: Client) -> dict[str, Any]:
    """The client's universal data elements as audit and merge records keep them (SSN masked)."""
    return {f.name: getattr(client, f.name) for f in fields(ClientData)}


@transaction.atomic
def create_client(*, user: Account, data: ClientData) -> Client:
    """A new client, seen by the agency that made it; a victim service provider stores no identifiers.

    VAWA: victim service providers may not enter identifying information into an HMIS, so when
    the acting agency is one, names, SSN and date of birth must come empty (and are recorded
    "data not collected").
    """
    agency_id = _require(user, Permission.CREATE_CLIENT)
    if is_victim_service_provider(user):
        if data.has_identifiers:
            raise ClientError(
                _(
                    "Your agency is a victim service provider: Hearth stores no name, SSN or date of "
                    "birth for its clients (VAWA). Leave them empty."
                )
            )
        data = data.without_identifiers()
    data = validate(data)
    values = {f.name: getattr(data, f.name) for f in fields(data) if f.name != "ssn"}
    client = Client.objects.create(user=hmis_user_of(user), **values)
    if data.ssn:
        ssn.store(client, data.ssn.replace("-", ""))
    ClientOrigin.objects.create(client=client, organization_id=agency_id)
    search_keys.refresh([client.pk])
    audit.record(
        AuditAction.CREATE,
        actor=audit.Actor.of(user),
        object_type="clients.Client",
        object_id=client.pk,
        personal_id=client.pk,
        detail={"fields": audit.changes({}, client_values(client))},
    )
    return client


@transaction.atomic
def update_client(*, user: Account, personal_id: str, data: ClientData, keep_ssn: bool = False) -> Client:
    """Change a client's universal data elements; with ``keep_ssn`` an empty SSN keeps the one on file
    (unless the SSN is now recorded as not reported)."""
    _require(user, Permission.EDIT_CLIENT)
    client = access_client(user, personal_id, purpose="edit")
    client = Client.objects.select_for_update().get(pk=client.pk)
    if is_victim_service_provider(user) and data.has_identifiers:
        raise ClientError(
            _(
                "Your agency is a victim service provider: Hearth stores no name, SSN or date of "
                "birth for its clients (VAWA). Leave them empty."
            )
        )
    data = validate(data, keep_ssn=keep_ssn)
    before = client_values(client)
    for f in fields(data):
        if f.name != "ssn":
            setattr(client, f.name, getattr(data, f.name))
    client.user = hmis_user_of(user)
    client.save(
        update_fields=[*(f.name for f in fields(data) if f.name != "ssn"), "user", *client.stamp_updated()]
    )
    new_ssn = data.ssn.replace("-", "") if data.ssn else None
    keeps = keep_ssn and new_ssn is None and data.ssn_data_quality not in MISSING_CODES
    if not keeps and new_ssn != (ssn.full_ssn(client) if client.ssn else None):
        ssn.store(client, new_ssn)
    search_keys.refresh([client.pk])
    changed = audit.changes(before, client_values(client))
    audit.record(
        AuditAction.UPDATE,
        actor=audit.Actor.of(user),
        object_type="clients.Client",
        object_id=client.pk,
        personal_id=client.pk,
        detail={"fields": changed},
    )
    return client


@transaction.atomic
def add_case_note(*, user: Account, personal_id: str, text: str) -> CaseNote:
    agency_id = _require(user, Permission.EDIT_CLIENT)
    client = access_client(user, personal_id, purpose="add case note")
    text = text.strip()
    if not text:
        raise ClientError(_("Write the note before saving it."))
    if len(text) > MAX_NOTE:
        raise ClientError(_("A note can have at most %(count)s characters.") % {"count": f"{MAX_NOTE:,}"})
    note = CaseNote.objects.create(client=client, text=text, written_by=user, written_as_id=agency_id)
    audit.record(
        AuditAction.CREATE,
        actor=audit.Actor.of(user),
        object_type="clients.CaseNote",
        object_id=str(note.pk),
        personal_id=client.pk,
        detail={"fields": {"text": [None, f"{len(text)} characters"]}},
    )
    return note


@transaction.atomic
def add_document(*, user: Account, personal_id: str, title: str, upload: UploadedFile) -> ClientDocument:
    """Store an uploaded PDF, PNG or JPEG (at most 10 MB) under MEDIA_ROOT, with a random name."""
    agency_id = _require(user, Permission.EDIT_CLIENT)
    client = access_client(user, personal_id, purpose="upload document")
    title = " ".join(title.split())
    if not title:
        raise ClientError(_("Give the document a title, e.g. “State ID”."))
    if len(title) > 200:
        raise ClientError(_("A title can have at most 200 characters."))
    if upload.size is None or upload.size == 0:
        raise ClientError(_("The file is empty."))
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ClientError(_("The file is larger than 10 MB."))
    head = upload.read(8)
    upload.seek(0)
    content_type = next((t for sig, t in DOCUMENT_SIGNATURES.items() if head.startswith(sig)), None)
    if content_type is None:
        raise ClientError(_("Upload a PDF, PNG or JPEG file."))
    name = (upload.name or "document").rsplit("/", 1)[-1][:200]
    document = ClientDocument(
        client=client,
        title=title,
        file_name=name,
        content_type=content_type,
        size=upload.size,
        uploaded_by=user,
        uploaded_as_id=agency_id,
    )
    # Written before the row; a failure after this leaves an unreferenced file, never a row without one.
    document.file.save(name, upload, save=False)
    document.save()
    audit.record(
        AuditAction.CREATE,
        actor=audit.Actor.of(user),
        object_type="clients.ClientDocument",
        object_id=str(document.pk),
        personal_id=client.pk,
        detail={"fields": {"title": [None, title], "file_name": [None, name], "size": [None, upload.size]}},
    )
    return document


def open_document(*, user: Account, personal_id: str, document_id: int) -> ClientDocument:
    """A document for download, its download audited.  Another agency's document is not found, and
    asking for it leaves no trace, exactly as for a client that does not exist."""
    client = Client.objects.visible_to(user).filter(pk=personal_id).first()
    document = documents_of(user, client).filter(pk=document_id).first() if client else None
    if document is None:
        raise Http404(NOT_FOUND)
    actor = audit.Actor.of(user)
    access_client(user, personal_id, actor=actor, purpose="download document")
    audit.record(
        AuditAction.VIEW,
        actor=actor,
        object_type="clients.ClientDocument",
        object_id=str(document.pk),
        personal_id=personal_id,
    )
    return document


@transaction.atomic
def delete_client(*, user: Account, personal_id: str) -> Client:
    """Remove a client record (HUD's DateDeleted: kept, no longer shown or reported).

    The HMIS Lead may remove any client; an agency may remove a record it created while no project
    has enrolled the client (a record made by mistake).  Removal is audited and reversible only
    by the HMIS Lead's database tools, so it is refused rather than guessed at.
    """
    agency_id = _require(user, Permission.EDIT_CLIENT)
    client = access_client(user, personal_id, purpose="delete")
    client = Client.objects.select_for_update().get(pk=client.pk)
    if not viewer_for(user).is_system_wide:
        if not ClientOrigin.objects.filter(client=client, organization_id=agency_id).exists():
            raise ClientError(
                _("Only the agency that created this client record, or the HMIS Lead, may remove it.")
            )
        # enrollments sit above clients (docs/architecture.md): reached by label, not imported
        if apps.get_model("enrollments", "Enrollment").objects.filter(client=client).exists():
            raise ClientError(_("This client has enrollments; ask the HMIS Lead to remove the record."))
    client.date_deleted = timezone.now()
    client.user = hmis_user_of(user)
    client.save(update_fields=["date_deleted", "user", *client.stamp_updated()])
    audit.record(
        AuditAction.DELETE,
        actor=audit.Actor.of(user),
        object_type="clients.Client",
        object_id=client.pk,
        personal_id=client.pk,
    )
    return client
