"""The shape every resource of records collected during an enrollment shares: list, read, create,
update (PATCH), remove, in HUD's names.

Each resource (a router module in ``hearth.api.routers``: income and benefits, health and DV,
disabilities, employment and education, youth education status, services, current living
situations) describes itself with a ``RecordResource`` (what differs: its file, words, date, filters
and the enrollment services that write it) and mounts ``record_router(resource)``.
Reads go through the policy (``visible_to``) and are audited; writes go through the enrollment
services, which allow them to the agency running the project and to the HMIS Lead; updates and
removals need ``If-Match``.  This module sits outside ``hearth.api.routers`` because every module
there is mounted as a resource.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Model, Q
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status
from pydantic import Field, create_model

from hearth.api.common import READ_ERRORS, WRITE_ERRORS, account_of, created, with_etag
from hearth.api.records import RecordQuery, list_records, locked_record, read_record
from hearth.api.schemas import (
    columns,
    input_columns,
    output_columns,
    page_schema,
    record_schema,
    to_api,
)
from hearth.enrollments import stage_records
from hearth.hud.naming import field_name

# A record's identity and HUD's computed total: never taken from an update.
FIXED = frozenset(
    {"EnrollmentID", "PersonalID", "DataCollectionStage", "DisabilityType", "TotalMonthlyIncome"}
)


@dataclass(frozen=True)
class RecordResource:
    """One HMIS CSV file served as a resource.

    Its services are called by keyword, as the enrollment services are declared:
    ``create(user=, values=, <create_arguments>)`` with each of ``create_arguments`` taken out of
    the values sent (snake_case, None when not sent), ``update(user=, values=, <record_argument>=)``
    and ``delete(user=, <record_argument>=)``.
    """

    file: str  # "IncomeBenefits"
    model: type[Model]
    module: str  # the router module: operation ids ("hearth_api_routers_income_benefits_list_...")
    noun: str  # "income and benefits record", for summaries
    tag: str
    date_column: str  # the column on_or_after/on_or_before filter on
    create: Callable[..., Any]
    update: Callable[..., Any]
    delete: Callable[..., None]
    record_argument: str = "record_id"  # the services' name for the record's ID
    create_arguments: Sequence[str] = ("EnrollmentID",)  # HUD columns the create service takes by name
    create_required: Sequence[str] = ("EnrollmentID",)
    create_only: Sequence[str] = ("EnrollmentID",)  # sent on create, fixed after
    filters: Sequence[str] = ()  # HUD columns lists filter on by equality
    description: str = ""
    hidden_inputs: Sequence[str] = field(default=("PersonalID", "TotalMonthlyIncome"))

    @property
    def output(self) -> list[str]:
        return output_columns(self.file)

    @property
    def patch_input(self) -> list[str]:
        hidden = set(self.hidden_inputs) | set(self.create_only) | FIXED
        return [name for name in input_columns(self.file) if name not in hidden]

    @property
    def create_input(self) -> list[str]:
        return [*self.create_only, *self.patch_input]

    @property
    def slug(self) -> str:
        """What names its operations: the router module's name (``income_benefits``)."""
        return self.module.rpartition(".")[2]

    def field_of(self, name: str) -> str:
        return columns(self.file)[name].field


def _named(function: Callable[..., Any], name: str, module: str) -> Callable[..., Any]:
    """Name the view for its resource: OpenAPI operation ids and URL names come from these."""
    function.__name__ = function.__qualname__ = name
    function.__module__ = module
    return function


def _query_schema(resource: RecordResource) -> type[RecordQuery]:
    """RecordQuery and an equality filter per code column of ``resource.filters`` (a query string
    carries text, so the code is an integer here; one outside the list matches nothing)."""
    available = columns(resource.file)
    fields = {
        name: (
            int | None,
            Field(None, ge=0, le=2_147_483_647, description=f"HUD list {available[name].list}"),
        )
        for name in resource.filters
    }
    return create_model(f"{resource.file}Query", __base__=RecordQuery, **fields)  # type: ignore[call-overload]  # fields made at run time


def record_router(resource: RecordResource) -> Router:
    """The five operations of ``resource``."""
    router = Router(tags=[resource.tag])
    slug = resource.slug
    file, model, output = resource.file, resource.model, resource.output
    # Schemas made at run time: typed Any for mypy, exact in the OpenAPI document.
    out_schema: Any = record_schema(file, file, output, required=[output[0], "EnrollmentID", "PersonalID"])
    page = page_schema(f"{file}Page", out_schema)
    in_schema: Any = record_schema(
        f"{file}Create", file, resource.create_input, required=resource.create_required
    )
    patch_schema: Any = record_schema(f"{file}Update", file, resource.patch_input, all_optional=True)
    query_schema: Any = _query_schema(resource)
    date_field = resource.field_of(resource.date_column)

    def represent(record: Any) -> dict[str, Any]:
        return to_api(record, file, output)

    def fresh(record: Any) -> dict[str, Any]:
        """As stored (amounts to the cent), so the ETag is the one a later read gives."""
        return represent(model.all_objects.get(pk=record.pk))  # type: ignore[attr-defined]

    def list_view(request: HttpRequest, query: Query[query_schema]) -> Any:
        values = query.model_dump()
        chosen = Q(**{resource.field_of(n): values[n] for n in resource.filters if values.get(n) is not None})
        return list_records(request, model, file, output, query, date_field=date_field, extra=chosen)

    def read_view(request: HttpRequest, record_id: str, response: HttpResponse) -> Any:
        return with_etag(response, read_record(request, model, file, output, record_id))

    def create_view(request: HttpRequest, payload: in_schema, response: HttpResponse) -> Any:
        values = payload.model_dump(exclude_unset=True)
        arguments = {field_name(name): values.pop(name, None) for name in resource.create_arguments}
        record = resource.create(user=account_of(request), values=values, **arguments)
        return created(request, response, fresh(record), record.pk)

    def update_view(
        request: HttpRequest,
        record_id: str,
        payload: patch_schema,
        response: HttpResponse,
    ) -> Any:
        with transaction.atomic():
            current = locked_record(request, model, file, output, record_id)
            record = resource.update(
                user=account_of(request),
                values=payload.model_dump(exclude_unset=True),
                **{resource.record_argument: current.pk},
            )
        return with_etag(response, fresh(record))

    def delete_view(request: HttpRequest, record_id: str) -> Any:
        with transaction.atomic():
            current = locked_record(request, model, file, output, record_id)
            resource.delete(user=account_of(request), **{resource.record_argument: current.pk})
        return Status(204, None)

    dates = f"`on_or_after` and `on_or_before` filter on {resource.date_column}."
    router.get(
        "",
        response={200: page, **READ_ERRORS},
        summary=f"List {resource.noun}s you may see",
        description=dates,
    )(_named(list_view, f"list_{slug}", resource.module))
    router.get("/{record_id}", response={200: out_schema, **READ_ERRORS}, summary=f"Read a {resource.noun}")(
        _named(read_view, f"read_{slug}", resource.module)
    )
    router.post(
        "",
        response={201: out_schema, **WRITE_ERRORS},
        summary=f"Record a {resource.noun}",
        description=resource.description
        + " Allowed to the agency running the enrollment's project and the HMIS Lead.",
    )(_named(create_view, f"create_{slug}", resource.module))
    router.patch(
        "/{record_id}",
        response={200: out_schema, **WRITE_ERRORS},
        summary=f"Change a {resource.noun}",
        description="Only the fields sent change; send If-Match with the ETag you last read.",
    )(_named(update_view, f"update_{slug}", resource.module))
    router.delete(
        "/{record_id}",
        response={204: None, **WRITE_ERRORS},
        summary=f"Remove a {resource.noun}",
        description="HUD's soft delete: DateDeleted is set. Send If-Match with the ETag you last read.",
    )(_named(delete_view, f"delete_{slug}", resource.module))
    return router


# --- The five files collected by stage -------------------------------------------------------------


def stage_resource(file: str, model: type[Model], *, module: str, noun: str, tag: str) -> RecordResource:
    """A file collected at a data collection stage (IncomeBenefits, HealthAndDV, ...), written
    through ``hearth.enrollments.stage_records``."""
    hud_file = f"{file}.csv"
    identity = ["EnrollmentID", "DataCollectionStage"] + (
        ["DisabilityType"] if file == "Disabilities" else []
    )
    return RecordResource(
        file=file,
        model=model,
        module=module,
        noun=noun,
        tag=tag,
        date_column="InformationDate",
        create=partial(stage_records.create_stage_record, file=hud_file),
        update=partial(stage_records.update_stage_record, file=hud_file),
        delete=partial(stage_records.delete_stage_record, file=hud_file),
        create_arguments=["EnrollmentID", "DataCollectionStage", "InformationDate", "DisabilityType"],
        create_required=identity,
        create_only=identity,
        filters=["DataCollectionStage", *identity[2:]],
        description=(
            "One record of a data collection stage (HUD 5.03). Project start (1) is dated the project "
            "start date and exit (3) the exit date, one per enrollment (REF-09; InformationDate may be "
            "left out); an update (2) is dated during the stay; an annual assessment (5) within 30 days "
            "of the anniversary of the head of household's project start, one a year (DT-06). Fields "
            "that do not apply given the other answers (HUD's dependent fields) are refused."
        ),
    )
