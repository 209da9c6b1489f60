"""Checks across rows and files, in SQL over the staging tables and Hearth's own tables.

Keys are unique within a file (FMT-17); every reference finds its record in the export or
already in Hearth (REF-01..04, and EnrollmentID / AssessmentID references, which the database
could not store otherwise).  The other reference rules are in validation_references; the
household and date rules in household_rules; all use ``StagedImport`` and ``report``.
Nothing is held in memory but the first ``PER_KIND`` findings of each kind: the database does the
work, with the staging tables indexed on their keys.

"After the import" means the staged rows plus Hearth's rows that the import does not replace
(``effective``): a delta export that sends one household member is checked against the members
already in Hearth.
"""

# ruff: noqa: S608 - statements are built from quoted identifiers and constants of this module;
# no value from the import is ever put into SQL text.

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models

from hearth.interchange import staging
from hearth.interchange.check_engines import CheckEngine, DjangoEngine
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


def q(name: str) -> str:
    """An identifier, quoted as both engines read it."""
    return '"' + name.replace('"', '""') + '"'


@dataclass
class StagedImport:
    """The staged files of an import, where each export's files were found, and the engine that
    holds the staging tables (Hearth's database unless told; ``check_engines``)."""

    models: dict[str, type[models.Model]]
    plans: Sequence[ExportPlan]
    engine: CheckEngine = dataclasses.field(default_factory=DjangoEngine)

    def fetch(self, statement: str) -> list[tuple[Any, ...]]:
        return self.engine.fetch(statement)

    def execute(self, statement: str) -> int:
        return self.engine.execute(statement)

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
    rows = staged.fetch(staged.engine.first_rows(statement, PER_KIND))
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
    """Index the staging tables on the columns the checks join on, and gather their statistics,
    where the engine needs them (PostgreSQL: ``check_engines``)."""
    if not staged.engine.is_indexed:
        return
    for file_name, model in staged.models.items():
        staged.execute(staging.index_statement(model, staging.pk_column(model)))
        if file_name == "Enrollment.csv":
            staged.execute(staging.index_statement(model, "household_id"))
            staged.execute(staging.index_statement(model, "client_id"))
        elif any(f.column == "enrollment_id" for f in model._meta.concrete_fields):
            staged.execute(staging.index_statement(model, "enrollment_id"))
        staged.execute(staging.analyze_statement(model))


def keep_latest(staged: StagedImport) -> None:
    """A batch of exports: one staged row per key, the latest (``staging.keep_latest``)."""
    for model in staged.models.values():
        staging.keep_latest(model, staged.engine)


def check_unique_keys(staged: StagedImport, log: IssueLog) -> None:
    """FMT-17: a key appears once in its file (FMT-11 for Export.csv)."""
    for file_name, model in staged.models.items():
        stage, pk = staged.stage(file_name), staged.pk(file_name)
        statement = (
            f"SELECT s.stage_export, s.stage_row, s.{pk}, (SELECT MIN(d.stage_row) FROM {stage} AS d "
            f"WHERE d.{pk} = s.{pk} AND d.stage_export = s.stage_export) FROM {stage} AS s "
            f"WHERE s.{pk} IN (SELECT {pk} FROM {stage} GROUP BY {pk} HAVING COUNT(*) > 1) "
            f"AND EXISTS (SELECT 1 FROM {stage} AS d WHERE d.{pk} = s.{pk} "
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
    """Every reference finds its record, in the export or already in Hearth."""
    _check_foreign_keys(staged, log)


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
