"""Clients (HMIS CSV Client.csv): list, read, create, update, remove.

Reads go through the policy (``Client.objects.visible_to``, ``access_client``) and are audited;
writes go through ``hearth.clients.services``.  The SSN is shown as stored at rest (masked: last
four digits); a full SSN is written, never read, through the API.
"""

from dataclasses import fields
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status

from hearth.api.common import READ_ERRORS, WRITE_ERRORS, ListQuery, account_of, created, with_etag
from hearth.api.records import list_records, locked_record
from hearth.api.schemas import columns, output_columns, page_schema, record_schema, to_api
from hearth.clients import services
from hearth.clients.gate import access_client
from hearth.clients.models import Client

PREFIX = "/clients"
router = Router(tags=["Clients"])

FILE = "Client"
OUTPUT = output_columns(FILE)
# What a case manager enters (HUD 3.01-3.04, 3.07, 4.21): the fields of services.ClientData.
_BY_FIELD = {column.field: name for name, column in columns(FILE).items()}
INPUT = [_BY_FIELD[f.name] for f in fields(services.ClientData)]

ClientOut = record_schema("Client", FILE, OUTPUT, required=["PersonalID"])
ClientPage = page_schema("ClientPage", ClientOut)
ClientIn = record_schema("ClientCreate", FILE, INPUT)
ClientPatch = record_schema("ClientUpdate", FILE, INPUT, all_optional=True)


def represent(client: Client) -> dict[str, Any]:
    return to_api(client, FILE, OUTPUT)


def _data(values: dict[str, Any]) -> services.ClientData:
    """ClientData from HUD-named values; a null sent for a field HUD requires takes its default."""
    chosen = {columns(FILE)[name].field: value for name, value in values.items()}
    if "race_none" not in chosen and any(chosen.get(race) == 1 for race in services.RACE_FIELDS):
        chosen["race_none"] = None  # races given: "none reported" does not apply
    return services.ClientData(
        **{k: v for k, v in chosen.items() if v is not None or columns(FILE)[_BY_FIELD[k]].nullable}
    )


@router.get("", response={200: ClientPage, **READ_ERRORS}, summary="List clients you may see")
def list_clients(request: HttpRequest, query: Query[ListQuery]) -> Any:
    return list_records(request, Client, FILE, OUTPUT, query, project_path=None, client_of=lambda c: c.pk)


@router.get("/{personal_id}", response={200: ClientOut, **READ_ERRORS}, summary="Read a client")
def read_client(request: HttpRequest, personal_id: str, response: HttpResponse) -> Any:
    return with_etag(response, represent(access_client(request.user, personal_id, purpose="api")))


@router.post("", response={201: ClientOut, **WRITE_ERRORS}, summary="Create a client")
def create_client(request: HttpRequest, payload: ClientIn, response: HttpResponse) -> Any:
    client = services.create_client(
        user=account_of(request), data=_data(payload.model_dump(exclude_unset=True))
    )
    return created(request, response, represent(client), client.pk)


@router.patch("/{personal_id}", response={200: ClientOut, **WRITE_ERRORS}, summary="Change a client")
def update_client(
    request: HttpRequest, personal_id: str, payload: ClientPatch, response: HttpResponse
) -> Any:
    with transaction.atomic():
        # Visible, locked, unchanged since read; the service audits the write (and its own look).
        current = locked_record(request, Client, FILE, OUTPUT, personal_id)
        changes = payload.model_dump(exclude_unset=True)
        values = {_BY_FIELD[f.name]: getattr(current, f.name) for f in fields(services.ClientData)}
        # The SSN at rest is a mask: an update that does not send one keeps the one on file.
        keep_ssn = "SSN" not in changes
        values["SSN"] = None
        values.update(changes)
        client = services.update_client(
            user=account_of(request), personal_id=current.pk, data=_data(values), keep_ssn=keep_ssn
        )
    return with_etag(response, represent(client))


@router.delete("/{personal_id}", response={204: None, **WRITE_ERRORS}, summary="Remove a client")
def delete_client(request: HttpRequest, personal_id: str) -> Any:
    with transaction.atomic():
        # Visible, locked, unchanged since read; the service audits the write (and its own look).
        current = locked_record(request, Client, FILE, OUTPUT, personal_id)
        services.delete_client(user=account_of(request), personal_id=current.pk)
    return Status(204, None)
