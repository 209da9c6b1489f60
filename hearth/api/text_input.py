"""Text a request carries into a query: identifiers and free text without the NUL character.

PostgreSQL's text cannot hold NUL, so a value with one would fail in the database as a server
error; these types refuse it as invalid input instead (422, naming the field), as the OpenAPI
document says.  An identifier is at most 32 characters, as every HUD ID is.
"""

from typing import Annotated, Any

from ninja import Path
from pydantic import Field, StringConstraints

from hearth.api.records import RecordQuery

NO_NUL = r"^[^\x00]*$"

HudId = Annotated[str, StringConstraints(max_length=32, pattern=NO_NUL)]


IdInPath = Annotated[str, Path(..., max_length=32, pattern=NO_NUL)]


def id_in_query(description: str | None = None) -> Any:
    return Field(None, max_length=32, pattern=NO_NUL, description=description)


def text(default: Any = ..., *, max_length: int, description: str | None = None) -> Any:
    return Field(default, max_length=max_length, pattern=NO_NUL, description=description)


class RecordFilters(RecordQuery):
    """RecordQuery (hearth.api.records) with its identifiers checked as above."""

    EnrollmentID: str | None = id_in_query()
    PersonalID: str | None = id_in_query()
    ProjectID: str | None = id_in_query()
