"""The rules of validation_rules.csv on references, in SQL (REF-01's second half, REF-05..11).

Each runs on the records as they will be after the import (``StagedImport.effective``).  Broken
references themselves (a PersonalID that exists nowhere...) are validation_keys' job.
"""

# ruff: noqa: S608 - statements are built from quoted identifiers and constants of this module;
# no value from the import is ever put into SQL text.

from hearth.interchange.validation import IssueLog
from hearth.interchange.validation_keys import StagedImport, report

STAGE_FILES = (
    "IncomeBenefits.csv",
    "HealthAndDV.csv",
    "EmploymentEducation.csv",
    "Disabilities.csv",
    "YouthEducationStatus.csv",
)
PROJECT_ENTRY, PROJECT_EXIT = 1, 3  # list 5.03.1 DataCollectionStage


def check(staged: StagedImport, log: IssueLog) -> None:
    _check_clients_have_enrollments(staged, log)
    _check_project_cocs(staged, log)
    _check_affiliations(staged, log)
    _check_one_exit(staged, log)
    _check_collection_stages(staged, log)
    _check_assessment_parts(staged, log)
    _check_duplicate_enrollments(staged, log)


def _check_clients_have_enrollments(staged: StagedImport, log: IssueLog) -> None:
    """REF-01: no Client rows without an enrollment (in the export or already in Hearth)."""
    clients, enrollments = staged.stage("Client.csv"), staged.stage("Enrollment.csv")
    table = staged.table("Enrollment.csv")
    statement = (
        f"SELECT c.stage_export, c.stage_row, c.personal_id FROM {clients} AS c "
        "WHERE c.date_deleted IS NULL AND c.personal_id IS NOT NULL "
        f"AND NOT EXISTS (SELECT 1 FROM {enrollments} AS e WHERE e.client_id = c.personal_id) "
        f"AND NOT EXISTS (SELECT 1 FROM {table} AS t WHERE t.client_id = c.personal_id) ORDER BY c.stage_seq"
    )
    report(
        staged,
        log,
        statement,
        file_name="Client.csv",
        rule_id="REF-01",
        column="PersonalID",
        message="has no enrollment in Enrollment.csv nor in Hearth",
    )


def _check_project_cocs(staged: StagedImport, log: IssueLog) -> None:
    """REF-05 (Inventory) and REF-06 (Enrollment): the CoC code is one of the project's ProjectCoC codes."""
    cocs = staged.effective(
        "ProjectCoC.csv",
        ["project_id", "coc_code"],
        restrict=f"AND t.project_id IN (SELECT project_id FROM {staged.stage('Inventory.csv')} "
        f"UNION SELECT project_id FROM {staged.stage('Enrollment.csv')})",
    )
    for file_name, column, csv_name, rule_id in (
        ("Inventory.csv", "coc_code", "CoCCode", "REF-05"),
        ("Enrollment.csv", "enrollment_coc", "EnrollmentCoC", "REF-06"),
    ):
        stage = staged.stage(file_name)
        statement = (
            f"SELECT s.stage_export, s.stage_row, s.{column}, s.project_id FROM {stage} AS s "
            f"WHERE s.{column} IS NOT NULL AND s.date_deleted IS NULL AND NOT EXISTS "
            f"(SELECT 1 FROM {cocs} AS c WHERE c.project_id = s.project_id AND c.coc_code = s.{column}) "
            "ORDER BY s.stage_seq"
        )
        report(
            staged,
            log,
            statement,
            file_name=file_name,
            rule_id=rule_id,
            column=csv_name,
            message=lambda project: f"is not a CoC code of project {project} in ProjectCoC.csv",
        )


def _check_affiliations(staged: StagedImport, log: IssueLog) -> None:
    """REF-07: services-only projects affiliate with residential ones (list_rules.csv)."""
    projects = staged.effective("Project.csv", ["project_id", "project_type", "rrh_sub_type"])
    stage = staged.stage("Affiliation.csv")
    for column, csv_name, allowed, wording in (
        (
            "project_id",
            "ProjectID",
            "p.project_type = 6 OR (p.project_type = 13 AND p.rrh_sub_type = 1)",
            "is not a Services Only (6) or RRH services-only (13, subtype 1) project",
        ),
        (
            "res_project_id",
            "ResProjectID",
            "p.project_type IN (0, 1, 2, 3, 8, 9, 10) OR (p.project_type = 13 AND p.rrh_sub_type = 2)",
            "is not a residential project (type 0, 1, 2, 3, 8, 9, 10, or 13 with subtype 2)",
        ),
    ):
        statement = (
            f"SELECT a.stage_export, a.stage_row, a.{column} FROM {stage} AS a "
            f"JOIN {projects} AS p ON p.project_id = a.{column} WHERE a.date_deleted IS NULL "
            f"AND NOT ({allowed}) ORDER BY a.stage_seq"
        )
        report(
            staged,
            log,
            statement,
            file_name="Affiliation.csv",
            rule_id="REF-07",
            column=csv_name,
            message=wording,
        )


def _check_one_exit(staged: StagedImport, log: IssueLog) -> None:
    """REF-08: at most one Exit per EnrollmentID."""
    stage = staged.stage("Exit.csv")
    exits = staged.effective(
        "Exit.csv",
        ["exit_id", "enrollment_id"],
        restrict=f"AND t.enrollment_id IN (SELECT enrollment_id FROM {stage})",
    )
    statement = (
        f"SELECT s.stage_export, s.stage_row, s.enrollment_id FROM {stage} AS s "
        f"WHERE s.date_deleted IS NULL AND EXISTS (SELECT 1 FROM {exits} AS o "
        "WHERE o.enrollment_id = s.enrollment_id AND o.exit_id < s.exit_id) ORDER BY s.stage_seq"
    )
    report(
        staged,
        log,
        statement,
        file_name="Exit.csv",
        rule_id="REF-08",
        column="EnrollmentID",
        message="has another exit already; an enrollment has at most one",
    )


def _check_collection_stages(staged: StagedImport, log: IssueLog) -> None:
    """REF-09: one record at project start and one at exit per enrollment (per DisabilityType),
    dated the EntryDate and the ExitDate."""
    enrollments = staged.effective("Enrollment.csv", ["enrollment_id", "entry_date"])
    exits = staged.effective("Exit.csv", ["enrollment_id", "exit_date"])
    for file_name in STAGE_FILES:
        stage, pk = staged.stage(file_name), staged.pk(file_name)
        per_type = " AND o.disability_type = s.disability_type" if file_name == "Disabilities.csv" else ""
        others = staged.effective(
            file_name,
            ["enrollment_id", "data_collection_stage", staged.pk_column(file_name)]
            + (["disability_type"] if per_type else []),
            restrict=f"AND t.enrollment_id IN (SELECT enrollment_id FROM {stage})",
        )
        twice = (
            f"SELECT s.stage_export, s.stage_row, s.data_collection_stage FROM {stage} AS s "
            f"WHERE s.date_deleted IS NULL AND s.data_collection_stage IN ({PROJECT_ENTRY}, {PROJECT_EXIT}) "
            f"AND EXISTS (SELECT 1 FROM {others} AS o WHERE o.enrollment_id = s.enrollment_id "
            f"AND o.data_collection_stage = s.data_collection_stage AND o.{pk} < s.{pk}{per_type}) "
            "ORDER BY s.stage_seq"
        )
        report(
            staged,
            log,
            twice,
            file_name=file_name,
            rule_id="REF-09",
            column="DataCollectionStage",
            message="is a second record for this stage of the enrollment"
            + (" and DisabilityType" if per_type else "")
            + "; at most one at project start (1) and one at exit (3)",
            is_tolerated=True,
        )
        for stage_code, dates, date_column, label in (
            (PROJECT_ENTRY, enrollments, "entry_date", "EntryDate"),
            (PROJECT_EXIT, exits, "exit_date", "ExitDate"),
        ):
            dated = (
                f"SELECT s.stage_export, s.stage_row, s.information_date, d.{date_column} FROM {stage} AS s "
                f"JOIN {dates} AS d ON d.enrollment_id = s.enrollment_id WHERE s.date_deleted IS NULL "
                f"AND s.data_collection_stage = {stage_code} AND s.information_date <> d.{date_column} "
                f"ORDER BY s.stage_seq, d.{date_column}"
            )
            report(
                staged,
                log,
                dated,
                file_name=file_name,
                rule_id="REF-09",
                column="InformationDate",
                message=lambda day, label=label, stage_code=stage_code: (
                    f"is not the {label} ({day}) of the enrollment, "
                    f"as DataCollectionStage {stage_code} requires"
                ),
            )


def _check_assessment_parts(staged: StagedImport, log: IssueLog) -> None:
    """REF-10: every assessment has its questions and its results."""
    stage = staged.stage("Assessment.csv")
    for file_name in ("AssessmentQuestions.csv", "AssessmentResults.csv"):
        parts = staged.effective(
            file_name,
            ["assessment_id"],
            restrict=f"AND t.assessment_id IN (SELECT assessment_id FROM {stage})",
        )
        statement = (
            f"SELECT s.stage_export, s.stage_row, s.assessment_id FROM {stage} AS s "
            f"WHERE s.date_deleted IS NULL AND NOT EXISTS (SELECT 1 FROM {parts} AS p "
            "WHERE p.assessment_id = s.assessment_id) ORDER BY s.stage_seq"
        )
        report(
            staged,
            log,
            statement,
            file_name="Assessment.csv",
            rule_id="REF-10",
            column="AssessmentID",
            message=f"has no rows in {file_name}",
        )


def _check_duplicate_enrollments(staged: StagedImport, log: IssueLog) -> None:
    """REF-11: the same client entering the same project on the same day twice is a probable duplicate."""
    stage = staged.stage("Enrollment.csv")
    others = staged.effective(
        "Enrollment.csv",
        ["enrollment_id", "client_id", "project_id", "entry_date"],
        restrict=f"AND t.client_id IN (SELECT client_id FROM {stage})",
    )
    statement = (
        f"SELECT s.stage_export, s.stage_row, s.entry_date, o.enrollment_id FROM {stage} AS s "
        f"JOIN {others} AS o ON o.client_id = s.client_id AND o.project_id = s.project_id "
        "AND o.entry_date = s.entry_date AND o.enrollment_id < s.enrollment_id "
        "WHERE s.date_deleted IS NULL ORDER BY s.stage_seq, o.enrollment_id"
    )
    report(
        staged,
        log,
        statement,
        file_name="Enrollment.csv",
        rule_id="REF-11",
        column="EntryDate",
        message=lambda other: f"is also the entry date of enrollment {other} of this client in this project",
    )
