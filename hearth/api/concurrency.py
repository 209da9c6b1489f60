"""ETags and ``If-Match`` (RFC 9110 sections 8.8.3 and 13.1.1): optimistic concurrency.

A record's ETag is a digest of its representation, so any change to any field changes it.  An
update or delete must name the ETag the caller last read; when the record changed since, the write
is refused with 412 and nothing is written, so no caller's change is silently lost.
"""

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from hearth.api.problems import ApiProblem


def etag_of(representation: Mapping[str, Any]) -> str:
    payload = json.dumps(representation, sort_keys=True, default=str, separators=(",", ":"))
    return '"' + hashlib.sha256(payload.encode()).hexdigest()[:32] + '"'


def require_match(request: HttpRequest, current: Mapping[str, Any]) -> None:
    """Refuse the write unless ``If-Match`` names the current ETag (428 when it is missing)."""
    header = request.headers.get("If-Match")
    if not header:
        raise ApiProblem(
            428,
            "precondition-required",
            _("If-Match required"),
            _("Send If-Match with the ETag of the record as you last read it."),
        )
    offered = [tag.strip() for tag in header.split(",")]
    if "*" in offered or etag_of(current) in offered:
        return
    raise ApiProblem(
        412,
        "precondition-failed",
        _("The record changed"),
        _("Someone changed this record after you read it. Read it again, apply your change, and resend."),
        headers={"ETag": etag_of(current)},
    )
