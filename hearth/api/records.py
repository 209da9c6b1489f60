"""Reading HUD records through the policy, the same way for every resource.

``list_records`` and ``read_record`` take a model whose ``objects``/``all_objects`` managers have
``visible_to(user)`` (the policy's filter), answer in HUD's names and audit what was shown;
``locked_record`` is the first step of every update and delete: the record, visible to the caller,
locked (with its household, for household records), with ``If-Match`` checked against what the
caller last read.
"""

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Model, Q
from django.http import Http404, HttpRequest
from ninja import Schema
from pydantic import Field

from hearth.access import audit
from hearth.access.models import AuditAction
from hearth.api.common import ListQuery, changed_since
from hearth.api.concurrency import require_match
from hearth.api.pagination import paginate
from hearth.api.schemas import columns, to_api
from hearth.enrollments.services import lock_household

NOT_FOUND = "No record with that ID."


class RecordQuery(ListQuery):
    """Filters every enrollment-level list takes (HUD names)."""

    EnrollmentID: str | None = Field(None, max_length=32)
    PersonalID: str | None = Field(None, max_length=32)
    ProjectID: str | None = Field(None, max_length=32)
    on_or_after: datetime.date | None = Field(
        None, description="The record's date (see the operation) from this day."
    )
    on_or_before: datetime.date | None = Field(None, description="The record's date up to this day.")


def _filters(query: Schema, *, date_field: str | None, project_path: str | None) -> Q:
    found = Q()
    values = query.model_dump()
    if values.get("EnrollmentID"):
        found &= Q(enrollment_id=values["EnrollmentID"])
    if values.get("PersonalID"):
        found &= Q(client_id=values["PersonalID"])
    if values.get("ProjectID") and project_path:
        found &= Q(**{project_path: values["ProjectID"]})
    if date_field and values.get("on_or_after"):
        found &= Q(**{f"{date_field}__gte": values["on_or_after"]})
    if date_field and values.get("on_or_before"):
        found &= Q(**{f"{date_field}__lte": values["on_or_before"]})
    return found


def list_records(
    request: HttpRequest,
    model: type[Model],
    file: str,
    names: Iterable[str],
    query: Any,
    *,
    date_field: str | None = None,
    project_path: str | None = "enrollment__project_id",
    client_of: Callable[[Any], str] = lambda record: record.client_id,
    extra: Q | None = None,
) -> dict[str, Any]:
    """One audited page of the records of ``model`` the caller may see, filtered by ``query``: its
    RecordQuery fields, and ``extra`` for the filters a resource adds (HouseholdID, a code column)."""
    fields = list(names)
    live = model.objects.visible_to(request.user)  # type: ignore[attr-defined]
    everything = model.all_objects.visible_to(request.user)  # type: ignore[attr-defined]
    rows = changed_since(live, everything, query.updated_since).filter(
        _filters(query, date_field=date_field, project_path=project_path), extra or Q()
    )
    return paginate(
        request,
        rows,
        cursor=query.cursor,
        page_size=query.page_size,
        represent=lambda record: to_api(record, file, fields),
        client_of=client_of,
        object_type=model._meta.label,
    )


def _visible(request: HttpRequest, model: type[Model], pk: str) -> Any:
    record = model.objects.visible_to(request.user).filter(pk=pk).first()  # type: ignore[attr-defined]
    if record is None:
        raise Http404(NOT_FOUND)
    return record


def read_record(
    request: HttpRequest, model: type[Model], file: str, names: Iterable[str], pk: str
) -> dict[str, Any]:
    """One record the caller may see, in HUD's names; the view is audited.  Not visible answers as
    a record that does not exist."""
    record = _visible(request, model, pk)
    audit.record(
        AuditAction.VIEW,
        actor=audit.Actor.from_request(request),
        object_type=model._meta.label,
        object_id=record.pk,
        personal_id=getattr(record, "client_id", "") or "",
        detail={"via": "api"},
    )
    return to_api(record, file, names)


def locked_record(
    request: HttpRequest,
    model: type[Model],
    file: str,
    names: Iterable[str],
    pk: str,
    *,
    household_of: Callable[[Any], str] | None = None,
) -> Any:
    """The record to change: visible to the caller, locked until the transaction ends, and unchanged
    since the caller read it (``If-Match``).  Call inside ``transaction.atomic()``.

    A record of a household (an enrollment, an exit) names its HouseholdID with ``household_of``:
    the household's enrollments are locked first, in the one order every enrollment service locks
    them, so an API write and a page's write wait for each other rather than deadlock.  A record
    removed while the caller waited for the lock answers as one that does not exist."""
    record = _visible(request, model, pk)
    if household_of is not None:
        lock_household(household_id=household_of(record))
    record = model._default_manager.select_for_update().filter(pk=record.pk).first()
    if record is None:
        raise Http404(NOT_FOUND)
    require_match(request, to_api(record, file, names))
    return record


def hud_field(file: str, name: str) -> str:
    """The model field that holds HUD column ``name`` of ``file``."""
    return columns(file)[name].field
