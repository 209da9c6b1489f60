"""Request and response schemas in HUD's vocabulary, made from the HMIS CSV specification.

A resource's fields are HUD's CSV column names (``PersonalID``, ``DOBDataQuality``), typed as the
specification types them (S with its length, I, D, T, M) and, where a HUD code list applies, limited
to that list's codes: nothing here is retyped by hand, so the API changes when the spec does.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from django.db import models
from ninja import Schema
from pydantic import Field, create_model

from hearth.hud.columndefs import Column
from hearth.hud.generated.columns import COLUMNS
from hearth.hud.generated.lists import LISTS

# Columns Hearth writes itself: never taken from a request.
SYSTEM_COLUMNS = frozenset({"DateCreated", "DateUpdated", "UserID", "DateDeleted", "ExportID"})


@cache
def columns(file: str) -> dict[str, Column]:
    """The FY2026 columns of one HMIS CSV file (``"Client"``), by HUD name, in the spec's order."""
    wanted = f"{file}.csv"
    found: dict[str, Column] = {}
    for column in COLUMNS:
        if column.file == wanted and column.name not in found:
            found[column.name] = column
    if not found:
        raise KeyError(f"no HMIS CSV file {file!r}")
    return found


def _base_type(column: Column) -> Any:
    if column.list and column.list in LISTS:
        codes = sorted(LISTS[column.list].codes, key=str)
        return Literal[tuple(codes)]
    return {
        "S": str,
        "I": int,
        "D": datetime.date,
        "T": datetime.datetime,
        "M": Decimal,
        "M+": Decimal,
    }[column.type_code]


def _field(column: Column, *, required: bool) -> tuple[Any, Any]:
    kind = _base_type(column)
    constraints: dict[str, Any] = {}
    if column.type_code == "S" and column.max_length:
        constraints["max_length"] = column.max_length
    if column.type_code in ("M", "M+"):
        constraints.update(max_digits=14, decimal_places=2)
    if column.type_code == "I" and not (column.list and column.list in LISTS):
        constraints.update(ge=-2_147_483_648, le=2_147_483_647)
    description = f"HUD {column.data_element}" if column.data_element else None
    if column.list:
        description = f"{description or 'HUD'}; list {column.list}"
    if required:
        return kind, Field(..., description=description, **constraints)
    return kind | None, Field(None, description=description, **constraints)


def record_schema(
    name: str,
    file: str,
    names: Sequence[str] | None = None,
    *,
    required: Iterable[str] = (),
    all_optional: bool = False,
    extra: Mapping[str, tuple[Any, Any]] | None = None,
) -> type[Schema]:
    """A schema with the named columns of ``file`` (all of them when ``names`` is None).

    ``required`` columns must be sent; the others may be null or left out.  ``all_optional``
    makes every field optional (a PATCH body: what is sent changes, what is left out stays).
    """
    available = columns(file)
    chosen = list(names) if names is not None else list(available)
    must = set(required)
    fields: dict[str, Any] = {}
    for column_name in chosen:
        column = available[column_name]
        fields[column_name] = _field(column, required=column_name in must and not all_optional)
    fields.update(extra or {})
    return create_model(name, __base__=Schema, **fields)


def output_columns(file: str, *, hide: Iterable[str] = ("ExportID",)) -> list[str]:
    hidden = set(hide)
    return [name for name in columns(file) if name not in hidden]


def input_columns(file: str, *, hide: Iterable[str] = ()) -> list[str]:
    hidden = set(hide) | SYSTEM_COLUMNS
    primary = [c.name for c in columns(file).values() if c.key == "PK"]
    return [name for name in columns(file) if name not in hidden and name not in primary]


def to_api(record: models.Model, file: str, names: Iterable[str]) -> dict[str, Any]:
    """A record's values under HUD's names (foreign keys as the IDs they hold)."""
    available = columns(file)
    return {name: getattr(record, available[name].field) for name in names}


def from_api(payload: Mapping[str, Any], file: str) -> dict[str, Any]:
    """A request's HUD-named values as model field names (``DOBDataQuality`` -> ``dob_data_quality``)."""
    available = columns(file)
    return {available[name].field: value for name, value in payload.items() if name in available}


class Page(Schema):
    """One page of a list: ``next`` is the URL of the following page, null on the last one."""

    next: str | None = None


def page_schema(name: str, item: type[Schema]) -> type[Schema]:
    return create_model(name, __base__=Page, results=(list[item], ...))  # type: ignore[valid-type]
