"""What every resource router shares: list filters, responses with ETags, the audit of reads."""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Schema, Status
from pydantic import Field, field_validator

from hearth.access.models import Account
from hearth.api.concurrency import etag_of
from hearth.api.pagination import MAX_PAGE_SIZE
from hearth.api.problems import Problem

# The error answers every operation may give, for the OpenAPI document.
READ_ERRORS: dict[int, Any] = {401: Problem, 404: Problem, 422: Problem, 429: Problem}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 403: Problem, 412: Problem, 428: Problem}


class ListQuery(Schema):
    cursor: str | None = Field(None, max_length=400, description="From the previous page's `next` link.")
    page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)
    updated_since: datetime.datetime | None = Field(
        None,
        description="Only records whose DateUpdated is at or after this time, removed ones included "
        "(their DateDeleted is set): walk every page to sync all changes since your last sync.",
    )

    @field_validator("updated_since")
    @classmethod
    def _in_utc(cls, value: datetime.datetime | None) -> datetime.datetime | None:
        """Any offset ISO 8601 allows, as UTC (databases refuse offsets beyond their range); a time
        without an offset is UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=datetime.UTC)
        try:
            return value.astimezone(datetime.UTC)
        except OverflowError as error:
            raise ValueError("is out of range") from error


def changed_since(
    live: QuerySet[Any], everything: QuerySet[Any], since: datetime.datetime | None
) -> QuerySet[Any]:
    """Live records, or with ``since`` every record changed since then, removed ones included."""
    if since is None:
        return live
    return everything.filter(date_updated__gte=since)


def with_etag(response: HttpResponse, representation: dict[str, Any]) -> dict[str, Any]:
    """The representation, its ETag set on the response: the answer of a read or a change."""
    response["ETag"] = etag_of(representation)
    return representation


def created(request: HttpRequest, response: HttpResponse, representation: dict[str, Any], pk: Any) -> Status:
    """201 with the new record, its ETag and its Location (the collection's path and ``pk``)."""
    with_etag(response, representation)
    response["Location"] = request.build_absolute_uri(f"{request.path.rstrip('/')}/{pk}")
    return Status(201, representation)


def account_of(request: HttpRequest) -> Account:
    """The account the request's token acts for (TokenAuth has set it; an unauthenticated request
    never reaches a router)."""
    user = request.user
    assert isinstance(user, Account)
    return user
