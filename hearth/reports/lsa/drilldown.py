"""Drill-down and explanation: which people and households an LSA number counts, and why.

Each LSAPerson, LSAHousehold and LSAExit row is a group of per-person or per-household rows kept
by the report (lsa_person_values, lsa_household_rows, lsa_exit_rows); each LSACalculated value
keeps its members in lsa_calculated_members. A drill-down selects those rows by the file's
characteristic columns; an explanation retraces one person through tlsa_Enrollment.

Called with a ``user``, both go through the access policy (``Client.objects.visible_to(user)``)
and the look is written to the audit log (AuditAction.DRILL_DOWN), as the APR's do
(hearth/reports/hmis_programming/result.py).  A household is listed only when the user may see
every person of it, and an id that cannot be traced to people is not listed: what the user may
not see is left out exactly as if it were not there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:
    from hearth.reports.lsa.report import LsaResult
    from hearth.reports.models import ReportRun

# upload file -> (per-member table, the id column returned)
MEMBER_TABLES = {
    "LSAPerson": ("lsa_person_values", "PersonalID"),
    "LSAHousehold": ("lsa_household_members_by_row", "HouseholdID"),
    "LSAExit": ("lsa_exit_rows", "QualifyingExitHHID"),
    "LSACalculated": ("lsa_calculated_members", "MemberID"),
}
# tables kept with a finished run so that drill-down works after the run's DuckDB is gone
KEPT_TABLES = (
    "lsa_Report",
    "tlsa_HHID",
    "tlsa_Enrollment",
    "tlsa_Person",
    "tlsa_Household",
    "tlsa_Exit",
    "tlsa_ExitHoHAdult",
    "lsa_person_values",
    "lsa_household_rows",
    "lsa_household_members_by_row",
    "lsa_exit_rows",
    "lsa_calculated_members",
)
IGNORED_KEY_COLUMNS = frozenset({"RowTotal", "ReportID", "Value", "Step"})
PROJECT_GROUPS = {
    0: "ES entry/exit",
    1: "ES night-by-night",
    2: "TH",
    3: "PSH",
    8: "SH",
    13: "RRH",
    15: "RRH-SO",
}


class DrillDownError(ValueError):
    """The drill-down names a file or column the LSA does not have."""


@dataclass
class EnrollmentExplanation:
    enrollment_id: str
    household_id: str
    project_id: str
    project_type: str
    entry_date: object
    exit_date: object
    rules: list[str] = field(default_factory=list)


@dataclass
class Explanation:
    personal_id: str
    counted_in_lsaperson: bool
    person_values: dict[str, object]
    enrollments: list[EnrollmentExplanation]


def _connection(source: LsaResult | ReportRun | duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    if isinstance(source, duckdb.DuckDBPyConnection):
        return source
    connection = getattr(source, "connection", None)
    if connection is not None:
        return connection
    drilldown_file = getattr(source, "drilldown_file", None)
    if not drilldown_file:
        raise DrillDownError("this report run kept no drill-down data")
    return duckdb.connect(drilldown_file.path, read_only=True)


def drill_down(
    source: LsaResult | ReportRun | duckdb.DuckDBPyConnection,
    file: str,
    key: Mapping[str, object],
    *,
    user: Any = None,
) -> list[str]:
    """The PersonalIDs (LSAPerson), HouseholdIDs (LSAHousehold, LSAExit) or ids (LSACalculated)
    counted in the row of `file` whose characteristic columns have the values in `key`.

    Columns left out of `key` are not filtered on, so {"VetStatus": 1} drills into every
    LSAPerson row of veterans. LSACalculated keys are Cohort, Universe, HHType, Population,
    SystemPath, ProjectID and ReportRow.

    With a ``user``: only if the user's role may drill down from report cells, only the ids whose
    people ``Client.objects.visible_to(user)`` lets them see, and the look is audited.
    """
    if file not in MEMBER_TABLES:
        raise DrillDownError(f"{file} is not an LSA file with drill-down ({', '.join(MEMBER_TABLES)})")
    table, id_column = MEMBER_TABLES[file]
    connection = _connection(source)
    columns = {d[0] for d in connection.execute(f"SELECT * FROM {table} LIMIT 0").description}  # noqa: S608
    conditions, values = [], []
    for name, value in key.items():
        if name in IGNORED_KEY_COLUMNS:
            continue
        if name not in columns:
            raise DrillDownError(f"{file} has no column {name}")
        if value is None or value == "":
            conditions.append(f'"{name}" IS NULL')
        else:
            conditions.append(f'"{name}" = ?')
            values.append(value)
    where = " AND ".join(conditions) or "TRUE"
    rows = connection.execute(
        f'SELECT DISTINCT "{id_column}" FROM {table} WHERE {where} ORDER BY 1',  # noqa: S608 - checked names
        values,
    ).fetchall()
    ids = [str(row[0]) for row in rows]
    if user is None:
        return ids
    people = _people_of(connection, file, ids)
    kept = _visible_ids(user, people, ids)
    shown = sorted(set().union(*(people[i] for i in kept)))  # who the list showed
    detail = {"file": file, "key": _jsonable(key), "count": len(kept), "personal_ids": shown}
    _audit(user, source, purpose="drill-down", detail=detail)
    return kept


def _people_of(connection: duckdb.DuckDBPyConnection, file: str, ids: list[str]) -> dict[str, set[str]]:
    """The PersonalIDs each id stands for: the person (LSAPerson), every member of the household
    and its head (LSAHousehold, LSAExit), whichever of these an LSACalculated id is (a PersonalID or
    HoHID, a HouseholdID, an EnrollmentID, or a head's households as 'HoHID|HHType')."""
    people: dict[str, set[str]] = {i: set() for i in ids}
    if not ids:
        return people
    if file == "LSAPerson":
        return {i: {i} for i in ids}
    by_household = "SELECT d.id, n.PersonalID FROM ids d JOIN tlsa_Enrollment n ON n.HouseholdID = d.id"
    lookups = [by_household]
    if file == "LSAHousehold":
        heads = "SELECT d.id, r.HoHID FROM ids d JOIN lsa_household_members_by_row r "
        lookups.append(heads + "ON r.HouseholdID = d.id")
    elif file == "LSAExit":
        lookups.append("SELECT d.id, x.HoHID FROM ids d JOIN lsa_exit_rows x ON x.QualifyingExitHHID = d.id")
    else:
        lookups += [
            "SELECT d.id, p.PersonalID FROM ids d JOIN tlsa_Person p ON p.PersonalID = d.id",
            "SELECT d.id, n.PersonalID FROM ids d JOIN tlsa_Enrollment n ON n.EnrollmentID = d.id",
            "SELECT d.id, n.PersonalID FROM ids d JOIN tlsa_Enrollment n ON n.PersonalID = d.id",
            # 'HoHID|HHType' (9.3 household counts): everyone who shared a household with that head
            "SELECT d.id, m.PersonalID FROM ids d "
            "JOIN tlsa_Enrollment h ON h.PersonalID = split_part(d.id, '|', 1) "
            "JOIN tlsa_Enrollment m ON m.HouseholdID = h.HouseholdID WHERE d.id LIKE '%|%'",
        ]
    statement = "WITH ids AS (SELECT UNNEST(?::VARCHAR[]) AS id) " + " UNION ".join(lookups)
    for member, person in connection.execute(statement, [ids]).fetchall():
        people[str(member)].add(str(person))
    return people


def _visible_ids(user: Any, people: dict[str, set[str]], ids: list[str]) -> list[str]:
    """The ids whose people the user may all see; an id traced to nobody is not shown."""
    from hearth.reports.hmis_programming.result import visible_personal_ids

    visible = visible_personal_ids(user, set().union(*people.values()))
    return [i for i in ids if people[i] and people[i] <= visible]


def _jsonable(key: Mapping[str, object]) -> dict[str, object]:
    return {
        name: value if value is None or isinstance(value, int | float | str) else str(value)
        for name, value in key.items()
    }


def _audit(
    user: Any,
    source: LsaResult | ReportRun | duckdb.DuckDBPyConnection,
    *,
    purpose: str,
    detail: dict[str, Any],
    personal_id: str = "",
) -> None:
    from hearth.access.audit import Actor, record
    from hearth.access.models import AuditAction

    run_id = getattr(source, "pk", None)
    parameters = getattr(source, "parameters", None)
    if parameters is not None and hasattr(parameters, "as_json"):
        parameters = parameters.as_json()
    record(
        AuditAction.DRILL_DOWN,
        actor=Actor.of(user),
        object_type="report",
        object_id=getattr(source, "report", None) or "lsa",
        personal_id=personal_id,
        detail={"purpose": purpose, "run": run_id, "parameters": parameters, **detail},
    )


def explain(
    source: LsaResult | ReportRun | duckdb.DuckDBPyConnection, personal_id: str, *, user: Any = None
) -> Explanation:
    """Which enrollments placed the person in the LSA, and under which rules of the specification.

    With a ``user`` who may not see the person, the answer is that of a person the LSA does not
    count; a look at one the user may see is audited, naming the person.
    """
    connection = _connection(source)
    if user is not None:
        from hearth.reports.hmis_programming.result import visible_personal_ids

        if not visible_personal_ids(user, {personal_id}):
            return Explanation(personal_id, counted_in_lsaperson=False, person_values={}, enrollments=[])
        _audit(user, source, purpose="explain", detail={}, personal_id=personal_id)
    person = connection.execute("SELECT * FROM lsa_person_values WHERE PersonalID = ?", [personal_id])
    names = [d[0] for d in person.description]
    row = person.fetchone()
    person_values = dict(zip(names, row, strict=True)) if row else {}
    person_values.pop("PersonalID", None)
    report = connection.execute("SELECT ReportStart, ReportEnd, LSAScope FROM lsa_Report").fetchone()
    assert report is not None
    report_start, report_end, _scope = report
    enrollments = []
    for n in connection.execute(
        "SELECT n.EnrollmentID, n.HouseholdID, n.ProjectID, n.LSAProjectType, n.EntryDate, n.ExitDate, "
        "n.MoveInDate, n.RelationshipToHoH, n.ActiveAge, n.Active, n.AIR, n.CH, h.HHChronic "
        "FROM tlsa_Enrollment n JOIN tlsa_HHID h ON h.HouseholdID = n.HouseholdID "
        "WHERE n.PersonalID = ? ORDER BY n.EntryDate, n.EnrollmentID",
        [personal_id],
    ).fetchall():
        (enrollment_id, household_id, project_id, project_type, entry, exit_, move_in, relationship, age,
         active, air, ch, hh_chronic) = n  # fmt: skip
        rules = [
            "3.3/3.4: in a continuum ES/SH/TH/RRH/PSH household of the ReportCoC with one head of household"
        ]
        if active:
            rules.append(
                f"5.2: active, enrolled between {report_start} and {report_end} (ActiveAge group {age})"
            )
        else:
            rules.append("5.2: not active in the report period; used only for history (system use, CH time)")
        if air:
            rules.append("5.2: active in residence, with a bed night in the report period")
        if move_in is not None:
            rules.append(f"3.4: moved into housing on {move_in}")
        if relationship == 1:
            rules.append("5.4: head of household")
        if ch:
            rules.append("5.6: within the three years counted for chronic homelessness (CHTime)")
        if active and hh_chronic == 1:
            rules.append("5.12: in a chronically homeless household")
        enrollments.append(
            EnrollmentExplanation(
                enrollment_id=enrollment_id,
                household_id=household_id,
                project_id=project_id,
                project_type=PROJECT_GROUPS.get(project_type, str(project_type)),
                entry_date=entry,
                exit_date=exit_,
                rules=rules,
            )
        )
    return Explanation(
        personal_id=personal_id,
        counted_in_lsaperson=bool(row),
        person_values=person_values,
        enrollments=enrollments,
    )
