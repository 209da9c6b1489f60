"""The report of an import: stored with its run, summed up in a sentence, and written as CSV."""

import csv
from collections.abc import Iterator
from typing import TextIO

from hearth.interchange.models import ImportIssue, ImportRun, ImportStatus
from hearth.interchange.validation import Issue, IssueLog

ISSUE_BATCH = 500
REPORT_HEADER = ["Severity", "File", "Row", "Column", "Value", "Rule", "Problem", "Report line"]


class _Echo:
    """A file-like object whose write returns the text, for streaming CSV lines."""

    def write(self, text: str) -> str:
        return text


def report_lines(run: ImportRun) -> Iterator[str]:
    """The report as CSV text, line by line (for a streaming download)."""
    writer = csv.writer(_Echo())
    yield writer.writerow(REPORT_HEADER)
    for found in run.issues.order_by("position").iterator(chunk_size=2000):
        severity = "reject" if found.is_rejecting else ("tolerated" if found.is_tolerated else "warning")
        yield writer.writerow(
            [
                severity,
                found.file,
                found.row or "",
                found.column,
                found.value or "",
                found.rule_id,
                found.message,
                found.text,
            ]
        )


def write_report(run: ImportRun, stream: TextIO) -> int:
    """Write the report to ``stream``; returns the number of problems written."""
    count = -1
    for line in report_lines(run):
        stream.write(line)
        count += 1
    return count


def save_issues(run: ImportRun, report: list[Issue]) -> None:
    """Store the report with its run, in report order."""
    rows = (
        ImportIssue(
            run=run,
            position=position,
            is_rejecting=found.is_rejecting,
            is_tolerated=found.is_tolerated,
            rule_id=found.rule_id,
            file=found.file[:255],
            row=found.row,
            column=found.column[:64],
            value=found.value,
            message=found.message,
        )
        for position, found in enumerate(report)
    )
    batch: list[ImportIssue] = []
    for row in rows:
        batch.append(row)
        if len(batch) == ISSUE_BATCH:
            ImportIssue.objects.bulk_create(batch)
            batch = []
    if batch:
        ImportIssue.objects.bulk_create(batch)


def summary(status: ImportStatus, log: IssueLog) -> str:
    """The run's outcome in a sentence."""
    if status == ImportStatus.REJECTED:
        return (
            f"Rejected: {log.rejecting:,} rejecting error(s), {log.warnings:,} warning(s). "
            "Nothing was imported; fix the errors listed and import again."
        )
    return f"Imported with {log.warnings:,} warning(s)."
