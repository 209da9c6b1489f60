"""Project descriptor rules of an import (validation_rules.csv PD-02, PD-03, PD-05, PD-06), in SQL.

All are warnings: the records are imported and the problems listed.  PD-01 (bed counts) and
PD-04 (required project fields) are checks of one record (validation_records, validation_rows).
"""

# ruff: noqa: S608 - statements are built from quoted identifiers and constants of this module;
# no value from the import is ever put into SQL text.

from hearth.interchange.validation import IssueLog
from hearth.interchange.validation_keys import StagedImport, report

RRH = 13  # 2.02.6 PH - Rapid Re-Housing
SERVICES_ONLY = 1  # 2.02.A RRHSubType: RRH: Services Only
VICTIM_SERVICE_PROVIDER = 1  # 2.01.3 / list 1.10 Yes


def check(staged: StagedImport, log: IssueLog) -> None:
    _check_participation_overlaps(staged, log)
    _check_services_only_inventory(staged, log)
    _check_victim_service_providers(staged, log)
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
            f"WHERE s.date_deleted IS NULL ORDER BY s.stage_seq"
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
        "AND (x.exit_date IS NULL OR x.exit_date > p.operating_end_date) ORDER BY s.stage_seq"
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
