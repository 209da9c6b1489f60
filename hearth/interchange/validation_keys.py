"""Checks across rows and files, in SQL over the staging tables and Hearth's own tables.

Keys are unique within a file (FMT-17); every reference finds its record in the export or
already in Hearth (REF-01..04, and EnrollmentID / AssessmentID references, which the database
could not store otherwise); the rules of validation_rules.csv on references (REF-05..11).
Nothing is held in memory but the first ``PER_KIND`` findings of each kind: the database does the
work, with the staging tables indexed on their keys.

"After the import" means the staged rows plus Hearth's rows that the import does not replace
(``effective``): a delta export that sends one household member is checked against the members
already in Hearth.
"""

# ruff: noqa: S608 - statements are built from quoted identifiers and constants of this module;
# no value from the import is ever put into SQL text.

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, models

from hearth.interchange import staging
from hearth.interchange.import_exports import ExportPlan
from hearth.interchange.validation import PER_KIND, Issue, IssueLog, issue

# The rule a broken reference is filed under, by the file referred to.
REFERENCE_RULES = {
    "Client.csv": "REF-01",
    "Project.csv": "REF-02",
    "Organization.csv": "REF-03",
    "User.csv": "REF-04",
    "Enrollment.csv": "REF-09",
    "Assessment.csv": "REF-10",
}
STAGE_FILES = (
    "IncomeBenefits.csv",
    "HealthAndDV.csv",
    "EmploymentEducation.csv",
    "Disabilities.csv",
    "YouthEducationStatus.csv",
)
PROJECT_ENTRY, PROJECT_EXIT = 1, 3  # list 5.03.1 DataCollectionStage


def q(name: str) -> str:
    return connection.ops.quote_name(name)


@dataclass
class StagedImport:
    """The staged files of an import, and where each export's files were found."""

    models: dict[str, type[models.Model]]
    plans: Sequence[ExportPlan]

    def stage(self, file_name: str) -> str:
        return q(staging.stage_table(self.models[file_name]))

    def table(self, file_name: str) -> str:
        return q(self.models[file_name]._meta.db_table)

    def pk(self, file_name: str) -> str:
        return q(self.pk_column(file_name))

    def pk_column(self, file_name: str) -> str:
        return staging.pk_column(self.models[file_name])

    def path(self, export_index: int, file_name: str) -> str:
        label = self.plans[export_index].folder.label if export_index < len(self.plans) else ""
        return f"{label}/{file_name}" if label else file_name

    def effective(self, file_name: str, columns: Sequence[str], restrict: str = "") -> str:
        """Live rows after the import (staged, plus Hearth's rows not replaced), as a subquery."""
        stage, table, pk = self.stage(file_name), self.table(file_name), self.pk(file_name)
        listed = ", ".join(q(c) for c in columns)
        return (
            f"(SELECT {listed} FROM {stage} WHERE date_deleted IS NULL UNION ALL "
            f"SELECT {', '.join(f't.{q(c)}' for c in columns)} FROM {table} AS t "
            "WHERE t.date_deleted IS NULL "
            f"AND NOT EXISTS (SELECT 1 FROM {stage} AS r WHERE r.{pk} = t.{pk}) {restrict})"
        )


def report(
    staged: StagedImport,
    log: IssueLog,
    statement: str,
    *,
    file_name: str,
    rule_id: str,
    column: str,
    message: Any,
    cannot_import: bool = False,
    is_tolerated: bool = False,
) -> None:
    """Run a check; each row it returns (stage_export, stage_row, value, *details) is a problem.

    ``message`` is a text, or a function of the row's details giving the text.
    """
    # Materialized, so the planner evaluates the check as a whole: with the LIMIT in view it picks
    # fast-start nested loops, which take minutes when there is nothing to find.
    counted = (
        f"WITH found AS MATERIALIZED ({statement}) SELECT *, COUNT(*) OVER () FROM found LIMIT {PER_KIND}"
    )
    with connection.cursor() as cursor:
        cursor.execute(counted)
        rows = cursor.fetchall()
    total = rows[0][-1] if rows else 0
    found = [row[:-1] for row in rows]
    last: Issue | None = None
    for export_index, row, value, *details in found:
        text = message(*details) if callable(message) else message
        last = issue(
            rule_id,
            staged.path(export_index, file_name),
            text,
            row=row,
            column=column,
            value=None if value is None else str(value),
            cannot_import=cannot_import,
            is_tolerated=is_tolerated,
        )
        log.add(last)
    if last is not None:
        log.add_more(last, total - len(found))


def index_stages(staged: StagedImport) -> None:
    for file_name, model in staged.models.items():
        staging.index(model, staging.pk_column(model))
        if file_name == "Enrollment.csv":
            staging.index(model, "household_id")
            staging.index(model, "client_id")
        elif any(f.column == "enrollment_id" for f in model._meta.concrete_fields):
            staging.index(model, "enrollment_id")
        staging.analyze(model)


def check_unique_keys(staged: StagedImport, log: IssueLog) -> None:
    """FMT-17: a key appears once in its file (FMT-11 for Export.csv)."""
    for file_name, model in staged.models.items():
        stage, pk = staged.stage(file_name), staged.pk(file_name)
        statement = (
            f"SELECT s.stage_export, s.stage_row, s.{pk}, (SELECT MIN(d.stage_row) FROM {stage} AS d "
            f"WHERE d.{pk} = s.{pk} AND d.stage_export = s.stage_export) FROM {stage} AS s "
            f"WHERE s.{pk} IS NOT NULL AND EXISTS (SELECT 1 FROM {stage} AS d WHERE d.{pk} = s.{pk} "
            "AND d.stage_export = s.stage_export AND d.stage_seq < s.stage_seq) ORDER BY s.stage_seq"
        )
        column = _csv_name(file_name, staging.pk_column(model))
        report(
            staged,
            log,
            statement,
            file_name=file_name,
            rule_id="FMT-11" if file_name == "Export.csv" else "FMT-17",
            column=column,
            message=lambda first: f"is a key already used on row {first}; keys must be unique in a file",
            cannot_import=True,
        )


def check_references(staged: StagedImport, log: IssueLog) -> None:
    _check_foreign_keys(staged, log)
    _check_clients_have_enrollments(staged, log)
    _check_project_cocs(staged, log)
    _check_affiliations(staged, log)
    _check_one_exit(staged, log)
    _check_collection_stages(staged, log)
    _check_assessment_parts(staged, log)
    _check_duplicate_enrollments(staged, log)


def _csv_name(file_name: str, column: str) -> str:
    from hearth.interchange.import_exports import columns_of

    by_field = {c.field: c.name for c in columns_of(file_name)}
    return by_field.get(column, column)


def _check_foreign_keys(staged: StagedImport, log: IssueLog) -> None:
    files_by_label = {m._meta.label: name for name, m in staged.models.items()}
    for file_name, model in staged.models.items():
        for field in model._meta.concrete_fields:
            if not field.is_relation:
                continue
            parent = files_by_label[field.related_model._meta.label]  # type: ignore[union-attr]
            stage, parent_stage, parent_table = (
                staged.stage(file_name),
                staged.stage(parent),
                staged.table(parent),
            )
            column, parent_pk = q(staging.column_of(field)), staged.pk(parent)
            name = _csv_name(file_name, staging.column_of(field))
            if parent == "User.csv":
                _check_users(staged, log, file_name, column, name)
                continue
            statement = (
                f"SELECT s.stage_export, s.stage_row, s.{column} FROM {stage} AS s "
                f"WHERE s.{column} IS NOT NULL "
                f"AND NOT EXISTS (SELECT 1 FROM {parent_stage} AS p WHERE p.{parent_pk} = s.{column}) "
                f"AND NOT EXISTS (SELECT 1 FROM {parent_table} AS t WHERE t.{parent_pk} = s.{column}) "
                "ORDER BY s.stage_seq"
            )
            if file_name == "Exit.csv" and parent == "Enrollment.csv":
                rule_id = "REF-08"
            else:
                rule_id = REFERENCE_RULES[parent]
            report(
                staged,
                log,
                statement,
                file_name=file_name,
                rule_id=rule_id,
                column=name,
                message=f"is not in {parent} nor already in Hearth",
                cannot_import=True,
            )


def _check_users(staged: StagedImport, log: IssueLog, file_name: str, column: str, name: str) -> None:
    """REF-04, tolerated: a UserID with no User.csv row gets a User record holding only the ID."""
    stage, users, table = staged.stage(file_name), staged.stage("User.csv"), staged.table("User.csv")
    statement = (
        f"SELECT MIN(s.stage_export), MIN(s.stage_row), s.{column}, COUNT(*) FROM {stage} AS s "
        f"WHERE s.{column} IS NOT NULL "
        f"AND NOT EXISTS (SELECT 1 FROM {users} AS u WHERE u.user_id = s.{column}) "
        f"AND NOT EXISTS (SELECT 1 FROM {table} AS t WHERE t.user_id = s.{column}) "
        f"GROUP BY s.{column} ORDER BY MIN(s.stage_seq)"
    )
    report(
        staged,
        log,
        statement,
        file_name=file_name,
        rule_id="REF-04",
        column=name,
        is_tolerated=True,
        message=lambda rows: (
            f"is not in User.csv nor already in Hearth "
            f"({rows:,} {'row uses' if rows == 1 else 'rows use'} it); "
            "a User record holding only this UserID is added"
        ),
    )


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
                "ORDER BY s.stage_seq"
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
        "WHERE s.date_deleted IS NULL ORDER BY s.stage_seq"
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
