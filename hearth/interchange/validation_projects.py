"""Project descriptor rules of an import (validation_rules.csv PD-02, PD-03, PD-05, PD-06), in SQL.

All are warnings (the records are imported and the problems listed) but one: a client enrolled
only in projects of victim service providers, whose Client.csv row holds a name, SSN or date of
birth, rejects the import (VAWA; see ``_check_victim_service_provider_clients``).  PD-01 (bed
counts) and PD-04 (required project fields) are checks of one record (validation_records,
validation_rows).
"""

# ruff: noqa: S608 - statements are built from quoted identifiers and constants of this module;
# no value from the import is ever put into SQL text.

from hearth.interchange.staging import HASHED_PREFIX
from hearth.interchange.validation import IssueLog
from hearth.interchange.validation_keys import StagedImport, report

RRH = 13  # 2.02.6 PH - Rapid Re-Housing
SERVICES_ONLY = 1  # 2.02.A RRHSubType: RRH: Services Only
VICTIM_SERVICE_PROVIDER = 1  # 2.01.3 / list 1.10 Yes
# Client.csv columns that identify a person (HUD 3.01-3.03), with the staging columns that hold
# them (a hashed export's names and SSN are staged apart, and identify just the same).
IDENTIFYING_COLUMNS = {
    "FirstName": ("first_name", HASHED_PREFIX + "first_name"),
    "MiddleName": ("middle_name", HASHED_PREFIX + "middle_name"),
    "LastName": ("last_name", HASHED_PREFIX + "last_name"),
    "NameSuffix": ("name_suffix",),
    "SSN": ("ssn", HASHED_PREFIX + "ssn"),
    "DOB": ("dob",),
}


def check(staged: StagedImport, log: IssueLog) -> None:
    _check_participation_overlaps(staged, log)
    _check_services_only_inventory(staged, log)
    _check_victim_service_providers(staged, log)
    _check_victim_service_provider_clients(staged, log)
    _check_closed_projects(staged, log)


def _check_participation_overlaps(staged: StagedImport, log: IssueLog) -> None:
    """PD-02: one project's HMIS (or CE) participation periods do not overlap."""
    for file_name, prefix in (
        ("HMISParticipation.csv", "hmis_participation"),
        ("CEParticipation.csv", "ce_participation"),
    ):
        stage, pk = staged.stage(file_name), staged.pk(file_name)
        start, end = f"{prefix}_status_start_date", f"{prefix}_status_end_date"
        periods = staged.effective(
            file_name,
            [staged.pk_column(file_name), "project_id", start, end],
            restrict=f"AND t.project_id IN (SELECT project_id FROM {stage})",
        )
        statement = (
            f"SELECT s.stage_export, s.stage_row, s.{start}, o.{pk} FROM {stage} AS s "
            f"JOIN {periods} AS o ON o.project_id = s.project_id AND o.{pk} <> s.{pk} "
            f"AND o.{start} <= COALESCE(s.{end}, '9999-12-31') "
            f"AND s.{start} <= COALESCE(o.{end}, '9999-12-31') "
            f"WHERE s.date_deleted IS NULL ORDER BY s.stage_seq, o.{pk}"
        )
        column = (
            "HMISParticipationStatusStartDate"
            if prefix.startswith("hmis")
            else "CEParticipationStatusStartDate"
        )
        report(
            staged,
            log,
            statement,
            file_name=file_name,
            rule_id="PD-02",
            column=column,
            message=lambda other: f"starts a period that overlaps period {other} of the same project",
        )


def _check_services_only_inventory(staged: StagedImport, log: IssueLog) -> None:
    """PD-03: an RRH services-only project has no bed inventory."""
    stage = staged.stage("Inventory.csv")
    projects = staged.effective("Project.csv", ["project_id", "project_type", "rrh_sub_type"])
    statement = (
        f"SELECT s.stage_export, s.stage_row, s.project_id FROM {stage} AS s "
        f"JOIN {projects} AS p ON p.project_id = s.project_id WHERE s.date_deleted IS NULL "
        f"AND p.project_type = {RRH} AND p.rrh_sub_type = {SERVICES_ONLY} ORDER BY s.stage_seq"
    )
    report(
        staged,
        log,
        statement,
        file_name="Inventory.csv",
        rule_id="PD-03",
        column="ProjectID",
        message="is an RRH services-only project, which has no bed inventory",
    )


def _check_victim_service_providers(staged: StagedImport, log: IssueLog) -> None:
    """PD-05: victim service providers keep client-level data out of the HMIS (VAWA)."""
    stage = staged.stage("Enrollment.csv")
    projects = staged.effective("Project.csv", ["project_id", "organization_id"])
    organizations = staged.effective("Organization.csv", ["organization_id", "victim_service_provider"])
    statement = (
        f"SELECT s.stage_export, s.stage_row, s.project_id FROM {stage} AS s "
        f"JOIN {projects} AS p ON p.project_id = s.project_id "
        f"JOIN {organizations} AS o ON o.organization_id = p.organization_id "
        f"WHERE s.date_deleted IS NULL AND o.victim_service_provider = {VICTIM_SERVICE_PROVIDER} "
        "ORDER BY s.stage_seq"
    )
    report(
        staged,
        log,
        statement,
        file_name="Enrollment.csv",
        rule_id="PD-05",
        column="ProjectID",
        message="belongs to a victim service provider, which keeps client records out of the HMIS",
    )


def _check_victim_service_provider_clients(staged: StagedImport, log: IssueLog) -> None:
    """PD-05 and VAWA, rejecting: no name, SSN or DOB for a client only a victim service provider serves.

    HUD: a victim service provider enters no personally identifying information into an HMIS (it
    keeps a comparable database), so a client whose every live enrollment after the import is in
    such an organization's projects comes de-identified, as Hearth's own client services require
    (hearth/clients/services.py).  Each identifying column holding a value is one rejecting error;
    the value itself is not repeated in the report, which would store it after all.  A client also
    served by other agencies keeps the identifiers they hold; the enrollments in the victim service
    provider's projects stay listed as warnings (``_check_victim_service_providers``).
    """
    clients = staged.stage("Client.csv")
    enrollments = staged.effective(
        "Enrollment.csv",
        ["client_id", "project_id"],
        restrict=f"AND t.client_id IN (SELECT personal_id FROM {clients})",
    )
    projects = staged.effective("Project.csv", ["project_id", "organization_id"])
    organizations = staged.effective("Organization.csv", ["organization_id", "victim_service_provider"])
    served_by = (
        f"FROM {enrollments} AS e JOIN {projects} AS p ON p.project_id = e.project_id "
        f"JOIN {organizations} AS o ON o.organization_id = p.organization_id "
        "WHERE e.client_id = c.personal_id"
    )
    served_only_by_providers = (
        f"c.date_deleted IS NULL AND EXISTS (SELECT 1 {served_by}) AND NOT EXISTS (SELECT 1 {served_by} "
        f"AND (o.victim_service_provider IS NULL OR o.victim_service_provider <> {VICTIM_SERVICE_PROVIDER}))"
    )
    staged_columns = [name for names in IDENTIFYING_COLUMNS.values() for name in names]
    identified = " OR ".join(f"c.{name} IS NOT NULL" for name in staged_columns)
    # One pass finds whether there is anything to report (almost never), before a pass per column.
    anything = f"SELECT c.stage_seq FROM {clients} AS c WHERE ({identified}) AND {served_only_by_providers}"
    if not staged.fetch(staged.engine.first_rows(anything, 1)):
        return
    for column, names in IDENTIFYING_COLUMNS.items():
        holds_value = " OR ".join(f"c.{name} IS NOT NULL" for name in names)
        statement = (
            f"SELECT c.stage_export, c.stage_row, NULL, (SELECT MIN(o.organization_id) {served_by}) "
            f"FROM {clients} AS c WHERE ({holds_value}) AND {served_only_by_providers} ORDER BY c.stage_seq"
        )
        report(
            staged,
            log,
            statement,
            file_name="Client.csv",
            rule_id="PD-05",
            column=column,
            cannot_import=True,
            message=lambda organization: (
                "identifies a client enrolled only in projects of victim service providers "
                f"(organization {organization}), which hold no name, SSN or date of birth in the HMIS "
                "(VAWA): send it empty, with its data quality 99 (data not collected)"
            ),
        )


def _check_closed_projects(staged: StagedImport, log: IssueLog) -> None:
    """PD-06: when a project closes, its clients have exited on or before its OperatingEndDate."""
    stage = staged.stage("Enrollment.csv")
    projects = staged.effective("Project.csv", ["project_id", "operating_end_date"])
    exits = staged.effective(
        "Exit.csv",
        ["enrollment_id", "exit_date"],
        restrict=f"AND t.enrollment_id IN (SELECT enrollment_id FROM {stage})",
    )
    statement = (
        f"SELECT s.stage_export, s.stage_row, s.enrollment_id, p.operating_end_date FROM {stage} AS s "
        f"JOIN {projects} AS p ON p.project_id = s.project_id "
        f"LEFT JOIN {exits} AS x ON x.enrollment_id = s.enrollment_id "
        "WHERE s.date_deleted IS NULL AND p.operating_end_date IS NOT NULL "
        "AND (x.exit_date IS NULL OR x.exit_date > p.operating_end_date) "
        "ORDER BY s.stage_seq, p.operating_end_date"
    )
    report(
        staged,
        log,
        statement,
        file_name="Enrollment.csv",
        rule_id="PD-06",
        column="EnrollmentID",
        message=lambda end: f"has no exit on or before the project's OperatingEndDate ({end})",
    )
