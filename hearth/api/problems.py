"""Errors as RFC 9457 problem details (``application/problem+json``), with a message per field.

Every error the API can give goes through here, so a caller never sees a traceback or an HTML
page: bad input names the field and the problem, a record the caller may not see answers exactly
as one that does not exist.
"""

import logging
import math
from collections.abc import Iterable, Mapping
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from hearth.access.consent import ConsentError
from hearth.clients.services import ClientError
from hearth.enrollments.data_quality import EnrollmentError

logger = logging.getLogger(__name__)
PROBLEM_TYPE = "urn:hearth:problem:"  # each type is listed in docs/api.md
CONTENT_TYPE = "application/problem+json"
UNPARSABLE_BODY = "Cannot parse request body"  # django-ninja's message (ninja/params/models.py)


class FieldError(Schema):
    field: str
    message: str


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] = []


class ApiProblem(Exception):
    """Raise to answer with a problem; ``errors`` maps a field (HUD name) to its message."""

    def __init__(
        self,
        status: int,
        kind: str,
        title: str,
        detail: str,
        errors: Iterable[tuple[str, str]] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status, self.kind, self.title, self.detail = status, kind, title, detail
        self.errors = list(errors)
        self.headers = dict(headers or {})


def problem_response(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    kind: str,
    title: str,
    detail: str,
    errors: Iterable[tuple[str, str]] = (),
    headers: Mapping[str, str] | None = None,
) -> HttpResponse:
    body = {
        "type": PROBLEM_TYPE + kind,
        "title": title,
        "status": status,
        "detail": detail,
        "errors": [{"field": f, "message": m} for f, m in errors],
    }
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = CONTENT_TYPE
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _location(loc: Iterable[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "payload")]
    return ".".join(parts) or "request"


def _validation_errors(errors: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    return [(_location(e.get("loc", ())), str(e.get("msg", "is not valid"))) for e in errors]


def _finding_errors(error: EnrollmentError) -> list[tuple[str, str]]:
    findings = getattr(error, "findings", None) or ()
    listed = [(str(getattr(f, "field", "") or "request"), str(f.message)) for f in findings if f.is_error]
    return listed or [("request", str(error))]


def _declare_problem_media_type(document: dict[str, Any]) -> None:
    """Every answer whose body is a Problem is documented as ``application/problem+json``, the
    content type it is sent with (django-ninja documents every body as ``application/json``)."""
    problem = "#/components/schemas/Problem"
    for item in document.get("paths", {}).values():
        for operation in item.values():
            for answer in operation.get("responses", {}).values():
                body = answer.get("content", {}).get("application/json")
                if body is not None and body.get("schema", {}).get("$ref") == problem:
                    answer["content"] = {CONTENT_TYPE: body}


def install(api: NinjaAPI) -> None:
    """Register the problem handlers on the API, and document problems with their content type."""
    generate = api.get_openapi_schema

    def get_openapi_schema(**kwargs: Any) -> Any:
        document = generate(**kwargs)
        _declare_problem_media_type(document)
        return document

    api.get_openapi_schema = get_openapi_schema  # type: ignore[method-assign]

    @api.exception_handler(ApiProblem)
    def _problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
        return problem_response(
            api, request, exc.status, exc.kind, exc.title, exc.detail, exc.errors, exc.headers
        )

    @api.exception_handler(ValidationError)
    def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = _validation_errors(exc.errors)
        return problem_response(
            api, request, 422, "invalid", "Invalid request", "Some values are not valid; see errors.", errors
        )

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return problem_response(
            api,
            request,
            401,
            "unauthenticated",
            "Not authenticated",
            "Send a valid API token: Authorization: Bearer <token>.",
            headers={"WWW-Authenticate": 'Bearer realm="hearth"'},
        )

    @api.exception_handler(Throttled)
    def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        # Whole seconds, rounded up as django-ninja rounds the Retry-After it sets after this handler.
        seconds = getattr(exc, "wait", None)
        wait = max(1, math.ceil(seconds)) if seconds else 1
        return problem_response(
            api,
            request,
            429,
            "rate-limited",
            "Too many requests",
            f"This token made too many requests; try again in {wait} seconds.",
            headers={"Retry-After": str(wait)},
        )

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        detail = str(exc) or "No such record."
        return problem_response(api, request, 404, "not-found", "Not found", detail)

    @api.exception_handler(HttpError)
    def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400 and str(exc).startswith(UNPARSABLE_BODY):
            # django-ninja's answer to a body that is not JSON: bad input, so a 422 naming the body.
            message = "The body is not valid JSON."
            return problem_response(
                api, request, 422, "invalid", "Invalid request", message, [("body", message)]
            )
        return problem_response(api, request, exc.status_code, "error", "Request refused", str(exc))

    @api.exception_handler(ClientError)
    @api.exception_handler(ConsentError)
    def _refused(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem_response(api, request, 422, "refused", "Not saved", str(exc), [("request", str(exc))])

    @api.exception_handler(EnrollmentError)
    def _enrollment_refused(request: HttpRequest, exc: EnrollmentError) -> HttpResponse:
        return problem_response(
            api,
            request,
            422,
            "refused",
            "Not saved",
            "HUD's rules refuse these values; see errors.",
            _finding_errors(exc),
        )

    @api.exception_handler(Exception)
    def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s %s", request.method, request.path)
        return problem_response(
            api, request, 500, "server-error", "Server error", "Something went wrong; nothing was saved."
        )
