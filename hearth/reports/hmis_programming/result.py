"""A finished APR-family report: its tables as the Sage shells lay them out, and every cell's ids.

``drill_down(result, "Q7a", "B2")`` gives the ids a cell counted (PersonalIDs, or HouseholdIDs in
household tables, or the records a table counts); ``explain(result, personal_id)`` says which
enrollment put the person in the report and what the report derived from it. Called with a user,
both go through the access policy (``Client.objects.visible_to(user)``): ids of clients the user
may not see are left out, exactly as if they were not there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc

from hearth.reports.engine import StepTiming
from hearth.reports.hmis_programming.shells import BLANK, COUNT, DECIMAL, RATE, TEXT, find_shell

if TYPE_CHECKING:
    from hearth.reports.hmis_programming.parameters import ReportParameters
    from hearth.reports.hmis_programming.runner import ReportDefinition


class DrillDownError(ValueError):
    """The drill-down names a table or cell the report does not have."""


@dataclass
class ResultTable:
    """One question table: header, and rows of label + formatted cell values ("" = blank)."""

    name: str
    header: list[str]
    rows: list[list[str]]
    formats: dict[str, str] = field(default_factory=dict)  # address -> shell format

    def value(self, address: str) -> str:
        column, row = _split(address)
        return self.rows[row - 2][column]

    def as_csv_rows(self) -> list[list[str]]:
        return [self.header, *self.rows]


@dataclass
class ReportResult:
    definition: ReportDefinition
    parameters: ReportParameters
    source: str
    tables: dict[str, ResultTable]
    members: pa.Table  # question, cell, member_id, personal_id (dictionary-encoded)
    universe: pa.Table  # apr_client: one row per person, their reported enrollment and what was derived
    timings: list[StepTiming] = field(default_factory=list)
    seconds: float = 0.0

    def table(self, name: str) -> ResultTable:
        if name not in self.tables:
            raise DrillDownError(f"The {self.definition.title} has no table {name}.")
        return self.tables[name]


def _split(address: str) -> tuple[int, int]:
    letters = "".join(ch for ch in address if ch.isalpha()).upper()
    digits = "".join(ch for ch in address if ch.isdigit())
    if not letters or not digits:
        raise DrillDownError(f"{address!r} is not a cell address such as B2.")
    column = 0
    for ch in letters:
        column = column * 26 + (ord(ch) - ord("A") + 1)
    return column - 1, int(digits)


def format_value(cell_format: str, count: int | None, value: float | None, text: str | None) -> str:
    """A cell as the Sage CSV writes it."""
    if cell_format == BLANK:
        return ""
    if cell_format == TEXT:
        return text or ""
    if text is not None and value is None:
        return text
    number: float = value if value is not None else float(count or 0)
    if cell_format == COUNT:
        return str(round(number))
    if cell_format == RATE:
        return f"{_round_half_up(number, 4):.4f}"
    if cell_format == DECIMAL:
        return f"{_round_half_up(number, 2):.2f}"
    raise ValueError(f"unknown cell format {cell_format!r}")


def _round_half_up(number: float, places: int) -> float:
    if math.isnan(number) or math.isinf(number):
        return 0.0
    factor = 10**places
    return math.floor(abs(number) * factor + 0.5 + 1e-9) / factor * (1 if number >= 0 else -1)


def build_tables(
    definition: ReportDefinition,
    counts: dict[tuple[str, str], int],
    values: dict[tuple[str, str], tuple[float | None, str | None]],
    listed: dict[str, list[list[str]]] | None = None,
) -> dict[str, ResultTable]:
    tables = {}
    for name in definition.tables:
        shell = find_shell(name, definition.shell_folders)
        if not shell.labels:
            tables[name] = _listed_table(name, list(shell.header), (listed or {}).get(name, []))
            continue
        rows = []
        formats = {}
        for row_index, (label, row_formats) in enumerate(zip(shell.labels, shell.formats, strict=True)):
            row = [label]
            for column_index, cell_format in enumerate(row_formats):
                address = f"{_letter(column_index + 1)}{row_index + 2}"
                formats[address] = cell_format
                value, text = values.get((name, address), (None, None))
                row.append(format_value(cell_format, counts.get((name, address)), value, text))
            rows.append(row)
        tables[name] = ResultTable(name=name, header=list(shell.header), rows=rows, formats=formats)
    return tables


def _listed_table(name: str, header: list[str], rows: list[list[str]]) -> ResultTable:
    """A table whose shell lists one row per item (Q4a: per project); every cell is text."""
    formats = {
        f"{_letter(column)}{row_index + 2}": TEXT
        for row_index in range(len(rows))
        for column in range(1, len(header))
    }
    return ResultTable(name=name, header=header, rows=[row[: len(header)] for row in rows], formats=formats)


def _letter(index: int) -> str:
    from hearth.reports.hmis_programming.shells import column_letter

    return column_letter(index)


def drill_down(result: ReportResult, question: str, cell: str, *, user: Any = None) -> list[str]:
    """The ids counted in ``cell`` of table ``question``, sorted.

    With a ``user``: only if the user's role may drill down from report cells, only the ids whose
    clients ``Client.objects.visible_to(user)`` lets them see, and the look is written to the
    audit log.
    """
    table = result.table(question)
    address = cell.upper()
    if address not in table.formats:
        raise DrillDownError(f"{question} has no cell {cell}.")
    rows = _cell_rows(result, question, address)
    members = rows.column("member_id").to_pylist()
    if user is None:
        return sorted(set(members))
    people = rows.column("personal_id").to_pylist()
    visible = visible_personal_ids(user, set(people))
    pairs = [(member, person) for member, person in zip(members, people, strict=True) if person in visible]
    kept = sorted({member for member, _person in pairs})
    detail = {
        "question": question,
        "cell": address,
        "count": len(kept),
        "personal_ids": sorted({person for _member, person in pairs}),  # who the list showed
    }
    _audit(user, result, purpose="drill-down", detail=detail)
    return kept


def _cell_rows(result: ReportResult, question: str, address: str) -> pa.Table:
    members = result.members
    mask = pc.and_(pc.equal(members.column("question"), question), pc.equal(members.column("cell"), address))
    return members.filter(mask)


def visible_personal_ids(user: Any, personal_ids: set[str]) -> set[str]:
    """The PersonalIDs among ``personal_ids`` the user may see, through the access policy; none
    when the user's role may not drill down from report cells."""
    return set(visible_people(user, personal_ids))


def visible_people(user: Any, personal_ids: set[str]) -> dict[str, str]:
    """The people among ``personal_ids`` the user may see, through the access policy, each with
    their name as recorded ("" when none is); none when the user's role may not drill down."""
    from hearth.access.permissions import Permission
    from hearth.access.policy import viewer_for
    from hearth.clients.models import Client

    if not personal_ids or not viewer_for(user).can(Permission.DRILL_DOWN):
        return {}
    found = Client.objects.visible_to(user).filter(personal_id__in=sorted(personal_ids))
    return {
        personal_id: " ".join(part for part in (first, last) if part)
        for personal_id, first, last in found.values_list("personal_id", "first_name", "last_name")
    }


def _audit(
    user: Any, result: ReportResult, *, purpose: str, detail: dict[str, Any], personal_id: str = ""
) -> None:
    from hearth.access.audit import Actor, record
    from hearth.access.models import AuditAction

    record(
        AuditAction.DRILL_DOWN,
        actor=Actor.of(user),
        object_type="report",
        object_id=result.definition.name,
        personal_id=personal_id,
        detail={"purpose": purpose, "parameters": result.parameters.as_json(), **detail},
    )


@dataclass
class Explanation:
    """Why a person is in the report: the enrollment reported and the facts derived from it."""

    personal_id: str
    enrollment: dict[str, Any]
    cells: list[tuple[str, str]]  # (table, cell) where the person is counted
    rules: list[str]


def explain(result: ReportResult, personal_id: str, *, user: Any = None) -> Explanation | None:
    """The enrollment and rules that placed ``personal_id`` in the report; None if not in it
    (or, with a ``user``, not visible to them; the look is audited)."""
    if user is not None:
        if not visible_personal_ids(user, {personal_id}):
            return None
        _audit(user, result, purpose="explain", detail={}, personal_id=personal_id)
    universe = result.universe
    rows = universe.filter(pc.equal(universe.column("PersonalID"), personal_id)).to_pylist()
    if not rows:
        return None
    enrollment = rows[0]
    members = result.members
    mine = members.filter(pc.equal(members.column("personal_id"), personal_id))
    cells = sorted(
        set(zip(mine.column("question").to_pylist(), mine.column("cell").to_pylist(), strict=True))
    )
    return Explanation(
        personal_id=personal_id,
        enrollment=enrollment,
        cells=cells,
        rules=_rules(enrollment, result),
    )


def _rules(row: dict[str, Any], result: ReportResult) -> list[str]:
    start, end = result.parameters.start, result.parameters.end
    rules = [
        f"Active client (HMIS Reporting Glossary): enrollment {row.get('EnrollmentID')} in project "
        f"{row.get('ProjectID')} overlaps {start} to {end}; it is the client's latest such enrollment "
        "in the report's projects (report universe: most recent enrollment per client)."
    ]
    if row.get("ExitDate") is not None:
        rules.append(f"Leaver: exited on {row['ExitDate']}, within the report date range.")
    else:
        rules.append("Stayer: no exit on or before the report end date.")
    age = row.get("Age")
    if age is not None:
        rules.append(f"Age {age} on {row.get('AgeDate')} (the later of project start and report start).")
    else:
        rules.append(f"Age unknown ({row.get('AgeGroup')}).")
    rules.append(
        f"Household type (from the ages of the household's active members): {row.get('HouseholdType')}."
    )
    if row.get("RelationshipToHoH") == 1:
        rules.append("Head of household.")
    if row.get("ChronicStatus") is not None:
        rules.append(f"Chronically homeless at project start (glossary): {row.get('ChronicStatus')}.")
    if row.get("MoveInDateAdj") is not None:
        rules.append(
            f"Moved into housing on {row['MoveInDateAdj']} (head of household's Housing Move-In Date)."
        )
    return rules
