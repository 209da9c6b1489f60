"""Household and date-order rules of an import (validation_rules.csv HH-* and DT-*), in SQL.

HH-01 (exactly one head of household per HouseholdID) rejects; the others are warnings.  Each
is checked on the records as they will be after the import (staged rows plus Hearth's rows that
the import leaves in place), so a delta export is judged together with what Hearth already holds.
"""

# ruff: noqa: S608 - statements are built from quoted identifiers and constants of this module;
# no value from the import is ever put into SQL text.

from hearth.hud.participation import PARTICIPATING_TYPES
from hearth.interchange.validation import IssueLog
from hearth.interchange.validation_keys import StagedImport, report

PERMANENT_HOUSING_TYPES = (3, 9, 10, 13)  # DT-03: move-in dates belong to PH projects (2.02.6)
NIGHT_BY_NIGHT_SHELTER = 1  # 2.02.6 Emergency Shelter - Night-by-Night
BED_NIGHT = 200  # 1.4 RecordType: bed night
HEAD_OF_HOUSEHOLD = 1  # 3.15.1


def check(staged: StagedImport, log: IssueLog) -> None:
    _check_heads_of_household(staged, log)
    _check_households_in_one_project(staged, log)
    _check_members_within_head(staged, log)
    _check_exit_after_entry(staged, log)
    _check_dates_within_stay(staged, log)
    _check_bed_nights(staged, log)
    _check_birth_before_entry(staged, log)
    _check_operating_period(staged, log)
    _check_hmis_participation(staged, log)


def _members(staged: StagedImport) -> str:
    stage = staged.stage("Enrollment.csv")
    return staged.effective(
        "Enrollment.csv",
        ["enrollment_id", "household_id", "relationship_to_hoh", "project_id", "entry_date"],
        restrict=f"AND t.household_id IN (SELECT household_id FROM {stage})",
    )


def _first_of_household(staged: StagedImport, grouped: str, condition: str) -> str:
    """The first staged row of each household the grouped subquery flags, with its findings."""
    stage = staged.stage("Enrollment.csv")
    return (
        f"SELECT s.stage_export, s.stage_row, s.household_id, h.found FROM {grouped} AS h "
        f"JOIN {stage} AS s ON s.household_id = h.household_id AND s.stage_seq = "
        f"(SELECT MIN(f.stage_seq) FROM {stage} AS f WHERE f.household_id = h.household_id) "
        f"WHERE {condition} ORDER BY s.stage_seq"
    )


def _check_heads_of_household(staged: StagedImport, log: IssueLog) -> None:
    """HH-01: exactly one live member with RelationshipToHoH = 1 per HouseholdID."""
    grouped = (
        "(SELECT m.household_id, "
        f"SUM(CASE WHEN m.relationship_to_hoh = {HEAD_OF_HOUSEHOLD} THEN 1 ELSE 0 END) "
        f"AS found FROM {_members(staged)} AS m GROUP BY m.household_id)"
    )

    def message(heads: int) -> str:
        if heads == 0:
            return "has no head of household (no member with RelationshipToHoH 1)"
        return f"has {heads} heads of household; exactly one member has RelationshipToHoH 1"

    report(
        staged,
        log,
        _first_of_household(staged, grouped, "h.found <> 1"),
        file_name="Enrollment.csv",
        rule_id="HH-01",
        column="HouseholdID",
        message=message,
    )


def _check_households_in_one_project(staged: StagedImport, log: IssueLog) -> None:
    """HH-02: a HouseholdID belongs to one household stay in one project."""
    grouped = (
        f"(SELECT m.household_id, COUNT(DISTINCT m.project_id) AS found FROM {_members(staged)} AS m "
        "GROUP BY m.household_id)"
    )
    report(
        staged,
        log,
        _first_of_household(staged, grouped, "h.found > 1"),
        file_name="Enrollment.csv",
        rule_id="HH-02",
        column="HouseholdID",
        message=lambda projects: f"is used in {projects} projects; a HouseholdID is one stay in one project",
    )


def _check_members_within_head(staged: StagedImport, log: IssueLog) -> None:
    """HH-04: members' enrollments start no earlier than the head of household's."""
    stage = staged.stage("Enrollment.csv")
    statement = (
        f"SELECT s.stage_export, s.stage_row, s.entry_date, h.entry_date FROM {stage} AS s "
        f"JOIN {_members(staged)} AS h ON h.household_id = s.household_id AND h.relationship_to_hoh = 1 "
        "WHERE s.date_deleted IS NULL AND s.relationship_to_hoh <> 1 AND s.entry_date < h.entry_date "
        "ORDER BY s.stage_seq, h.entry_date"
    )
    report(
        staged,
        log,
        statement,
        file_name="Enrollment.csv",
        rule_id="HH-04",
        column="EntryDate",
        message=lambda head: f"is before the head of household's EntryDate ({head})",
    )


def _enrollments(staged: StagedImport, columns: list[str], of: str) -> str:
    return staged.effective(
        "Enrollment.csv",
        ["enrollment_id", *columns],
        restrict=f"AND t.enrollment_id IN (SELECT enrollment_id FROM {of})",
    )


def _check_exit_after_entry(staged: StagedImport, log: IssueLog) -> None:
    """DT-01: ExitDate on or after EntryDate."""
    stage = staged.stage("Exit.csv")
    statement = (
        f"SELECT s.stage_export, s.stage_row, s.exit_date, e.entry_date FROM {stage} AS s "
        f"JOIN {_enrollments(staged, ['entry_date'], stage)} AS e ON e.enrollment_id = s.enrollment_id "
        "WHERE s.date_deleted IS NULL AND s.exit_date < e.entry_date ORDER BY s.stage_seq, e.entry_date"
    )
    report(
        staged,
        log,
        statement,
        file_name="Exit.csv",
        rule_id="DT-01",
        column="ExitDate",
        message=lambda entry: f"is before the enrollment's EntryDate ({entry})",
    )


def _check_dates_within_stay(staged: StagedImport, log: IssueLog) -> None:
    """DT-03 (MoveInDate, PH projects only) and DT-04 (DateOfEngagement) fall within the stay."""
    stage = staged.stage("Enrollment.csv")
    exits = staged.effective(
        "Exit.csv",
        ["enrollment_id", "exit_date"],
        restrict=f"AND t.enrollment_id IN (SELECT enrollment_id FROM {stage})",
    )
    projects = staged.effective("Project.csv", ["project_id", "project_type"])
    for column, csv_name, rule_id in (
        ("move_in_date", "MoveInDate", "DT-03"),
        ("date_of_engagement", "DateOfEngagement", "DT-04"),
    ):
        before = (
            f"SELECT s.stage_export, s.stage_row, s.{column}, s.entry_date FROM {stage} AS s "
            f"WHERE s.date_deleted IS NULL AND s.{column} < s.entry_date ORDER BY s.stage_seq"
        )
        report(
            staged,
            log,
            before,
            file_name="Enrollment.csv",
            rule_id=rule_id,
            column=csv_name,
            message=lambda entry: f"is before the EntryDate ({entry})",
        )
        after = (
            f"SELECT s.stage_export, s.stage_row, s.{column}, x.exit_date FROM {stage} AS s "
            f"JOIN {exits} AS x ON x.enrollment_id = s.enrollment_id "
            f"WHERE s.date_deleted IS NULL AND s.{column} > x.exit_date ORDER BY s.stage_seq, x.exit_date"
        )
        report(
            staged,
            log,
            after,
            file_name="Enrollment.csv",
            rule_id=rule_id,
            column=csv_name,
            message=lambda left: f"is after the ExitDate ({left})",
        )
    types = ", ".join(str(t) for t in PERMANENT_HOUSING_TYPES)
    not_housing = (
        f"SELECT s.stage_export, s.stage_row, s.move_in_date, p.project_type FROM {stage} AS s "
        f"JOIN {projects} AS p ON p.project_id = s.project_id WHERE s.date_deleted IS NULL "
        f"AND s.move_in_date IS NOT NULL AND (p.project_type IS NULL OR p.project_type NOT IN ({types})) "
        "ORDER BY s.stage_seq, p.project_type"
    )
    report(
        staged,
        log,
        not_housing,
        file_name="Enrollment.csv",
        rule_id="DT-03",
        column="MoveInDate",
        message=lambda kind: (
            f"is given in a project of type {kind}; only permanent housing ({types}) records one"
        ),
    )


def _check_bed_nights(staged: StagedImport, log: IssueLog) -> None:
    """DT-05: bed nights (RecordType 200) only in night-by-night shelters, on or after EntryDate."""
    stage = staged.stage("Services.csv")
    enrollments = _enrollments(staged, ["project_id", "entry_date"], stage)
    projects = staged.effective("Project.csv", ["project_id", "project_type"])
    statement = (
        f"SELECT s.stage_export, s.stage_row, s.record_type, p.project_type FROM {stage} AS s "
        f"JOIN {enrollments} AS e ON e.enrollment_id = s.enrollment_id "
        f"JOIN {projects} AS p ON p.project_id = e.project_id WHERE s.date_deleted IS NULL "
        f"AND s.record_type = {BED_NIGHT} "
        f"AND (p.project_type IS NULL OR p.project_type <> {NIGHT_BY_NIGHT_SHELTER}) "
        "ORDER BY s.stage_seq, p.project_type"
    )
    report(
        staged,
        log,
        statement,
        file_name="Services.csv",
        rule_id="DT-05",
        column="RecordType",
        message=lambda kind: (
            f"is a bed night in a project of type {kind}; only night-by-night shelters (1) record them"
        ),
    )
    early = (
        f"SELECT s.stage_export, s.stage_row, s.date_provided, e.entry_date FROM {stage} AS s "
        f"JOIN {enrollments} AS e ON e.enrollment_id = s.enrollment_id WHERE s.date_deleted IS NULL "
        f"AND s.record_type = {BED_NIGHT} AND s.date_provided < e.entry_date "
        "ORDER BY s.stage_seq, e.entry_date"
    )
    report(
        staged,
        log,
        early,
        file_name="Services.csv",
        rule_id="DT-05",
        column="DateProvided",
        message=lambda entry: f"is a bed night before the EntryDate ({entry})",
    )


def _check_birth_before_entry(staged: StagedImport, log: IssueLog) -> None:
    """DT-07: the client is born on or before the EntryDate."""
    stage = staged.stage("Enrollment.csv")
    clients = staged.effective(
        "Client.csv", ["personal_id", "dob"], restrict=f"AND t.personal_id IN (SELECT client_id FROM {stage})"
    )
    statement = (
        f"SELECT s.stage_export, s.stage_row, s.entry_date, c.dob FROM {stage} AS s "
        f"JOIN {clients} AS c ON c.personal_id = s.client_id WHERE s.date_deleted IS NULL "
        "AND s.entry_date < c.dob ORDER BY s.stage_seq, c.dob"
    )
    report(
        staged,
        log,
        statement,
        file_name="Enrollment.csv",
        rule_id="DT-07",
        column="EntryDate",
        message=lambda born: f"is before the client's DOB ({born})",
    )


def _check_operating_period(staged: StagedImport, log: IssueLog) -> None:
    """DT-08: enrollments start within the project's operating period."""
    stage = staged.stage("Enrollment.csv")
    projects = staged.effective("Project.csv", ["project_id", "operating_start_date", "operating_end_date"])
    statement = (
        f"SELECT s.stage_export, s.stage_row, s.entry_date, p.operating_start_date, p.operating_end_date "
        f"FROM {stage} AS s JOIN {projects} AS p ON p.project_id = s.project_id WHERE s.date_deleted IS NULL "
        "AND (s.entry_date < p.operating_start_date OR s.entry_date > p.operating_end_date) "
        "ORDER BY s.stage_seq, p.operating_start_date, p.operating_end_date"
    )
    report(
        staged,
        log,
        statement,
        file_name="Enrollment.csv",
        rule_id="DT-08",
        column="EntryDate",
        message=lambda start, end: f"is outside the project's operating period ({start} to {end or 'open'})",
    )


def _check_hmis_participation(staged: StagedImport, log: IssueLog) -> None:
    """DT-08: enrollments start within a period when the project participates in the HMIS (2.08),
    as ``hearth.hud.participation.participates_on`` states it: a project with no period recorded is
    judged by its operating period alone."""
    stage = staged.stage("Enrollment.csv")
    periods = staged.effective(
        "HMISParticipation.csv",
        [
            "project_id",
            "hmis_participation_type",
            "hmis_participation_status_start_date",
            "hmis_participation_status_end_date",
        ],
    )
    participating = ", ".join(str(int(code)) for code in sorted(PARTICIPATING_TYPES))
    statement = (
        f"SELECT s.stage_export, s.stage_row, s.entry_date FROM {stage} AS s WHERE s.date_deleted IS NULL "
        f"AND EXISTS (SELECT 1 FROM {periods} AS p WHERE p.project_id = s.project_id) "
        f"AND NOT EXISTS (SELECT 1 FROM {periods} AS p WHERE p.project_id = s.project_id "
        f"AND p.hmis_participation_type IN ({participating}) "
        "AND p.hmis_participation_status_start_date <= s.entry_date "
        "AND (p.hmis_participation_status_end_date IS NULL "
        "OR p.hmis_participation_status_end_date >= s.entry_date)) "
        "ORDER BY s.stage_seq"
    )
    report(
        staged,
        log,
        statement,
        file_name="Enrollment.csv",
        rule_id="DT-08",
        column="EntryDate",
        message="is outside the project's HMIS participation periods (HMISParticipation.csv)",
    )
