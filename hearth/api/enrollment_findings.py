"""HUD's rules refusing an enrollment or exit write, answered under the API's field names.

The enrollment services name their findings as the pages name their inputs (``exit-destination``,
``entry_date``, ``member-2``); the API answers with the names of the document the caller sent
(``Destination``, ``EntryDate``, ``members.1``; ``exits.0.ExitDate`` in a household's exits), so a
caller can put each message next to the value it sent.
"""

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from hearth.api.problems import ApiProblem
from hearth.api.schemas import columns
from hearth.enrollments.assessments import PREFIXES
from hearth.enrollments.data_quality import EnrollmentError, Finding

_FILE_OF_PREFIX = {prefix: file.removesuffix(".csv") for file, prefix in PREFIXES.items()}
# Service arguments that are not a column of the record written.
_ARGUMENTS = {
    "personal_id": "PersonalID",
    "project": "ProjectID",
    "members": "members",
    "former_head_relationship": "FormerHeadRelationshipToHoH",
}


def _column(file: str, field: str) -> str | None:
    return next((name for name, column in columns(file).items() if column.field == field), None)


def api_field(field: str, *, file: str, default: str = "request") -> str:
    """The API name of a finding's field: a column of ``file`` (the resource's own HMIS CSV file),
    ``File.Column`` for another file's question (``Disabilities.5.Column`` for a disability)."""
    if not field:
        return default
    if field in _ARGUMENTS:
        return _ARGUMENTS[field]
    if member := re.fullmatch(r"member-(\d+)", field):
        return f"members.{int(member[1]) - 1}"
    prefix, _dash, name = field.partition("-")
    if not name:
        return _column(file, field) or _column(file, f"{field}_id") or field
    parts = re.fullmatch(r"([a-z]+)(\d*)", prefix)
    other = _FILE_OF_PREFIX.get(parts[1]) if parts else None
    if other is None:
        return field
    column = _column(other, name) or name
    if other == file:
        return column
    return ".".join(p for p in (other, parts[2] if parts else "", column) if p)


def _name(finding: Finding, file: str, batch: Sequence[str] | None, default: str) -> str:
    if batch is not None and finding.enrollment_id in batch:
        where = f"exits.{batch.index(finding.enrollment_id)}"
        return f"{where}.{api_field(finding.field, file=file)}" if finding.field else where
    return api_field(finding.field, file=file, default=default)


@contextmanager
def hud_refusals(
    file: str, *, batch: Sequence[str] | None = None, default: str = "request"
) -> Iterator[None]:
    """Answer an ``EnrollmentError`` as a 422 problem naming the API's fields.  ``batch`` lists
    the EnrollmentIDs of a household's exits in the order sent (its findings name their member);
    ``default`` names a finding about the record as a whole."""
    try:
        yield
    except EnrollmentError as refused:
        errors = [(_name(f, file, batch, default), f.message) for f in refused.findings]
        raise ApiProblem(
            422,
            "refused",
            "Not saved",
            "HUD's rules refuse these values; see errors.",
            errors or [(default, str(refused))],
        ) from refused
