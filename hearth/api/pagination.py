"""Cursor pagination over a stable order (the primary key), and the audit entry of each page.

The cursor is opaque to callers (the last key of the page, signed so it cannot be forged); a list filtered by
``updated_since`` and walked to its end gives every record changed since then, which is how a
client syncs deltas.
"""

from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode

from django.core import signing
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from hearth.access import audit
from hearth.access.models import AuditAction
from hearth.api.problems import ApiProblem

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


CURSOR_SALT = "hearth.api.cursor"


def _decode(cursor: str) -> str:
    try:
        return str(signing.loads(cursor, salt=CURSOR_SALT))
    except signing.BadSignature as error:
        raise ApiProblem(
            422,
            "invalid",
            _("Invalid request"),
            _("The cursor is not one this API gave."),
            [("cursor", _("The cursor is not one this API gave."))],
        ) from error


def _encode(key: Any) -> str:
    return signing.dumps(str(key), salt=CURSOR_SALT, compress=True)


def paginate(
    request: HttpRequest,
    queryset: QuerySet[Any],
    *,
    cursor: str | None,
    page_size: int | None,
    represent: Callable[[Any], dict[str, Any]],
    client_of: Callable[[Any], str] | None = None,
    object_type: str = "",
) -> dict[str, Any]:
    """One page of ``queryset`` in primary-key order, audited (a view of every client listed)."""
    size = min(max(page_size or DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE)
    rows = queryset.order_by("pk")
    if cursor:
        rows = rows.filter(pk__gt=_decode(cursor))
    items: Sequence[Model] = list(rows[: size + 1])
    more = len(items) > size
    items = items[:size]
    if client_of is not None and items:
        audit.record(
            AuditAction.VIEW,
            actor=audit.Actor.from_request(request),
            object_type=object_type,
            detail={
                "via": "api",
                "path": request.path,
                "personal_ids": sorted({client_of(i) for i in items}),
            },
        )
    next_url = None
    if more:
        query = request.GET.copy()
        query["cursor"] = _encode(items[-1].pk)
        next_url = request.build_absolute_uri(request.path) + "?" + urlencode(sorted(query.items()))
    return {"results": [represent(item) for item in items], "next": next_url}
