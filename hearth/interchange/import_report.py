"""The error report of an import as CSV: one line per problem, rejecting errors first."""

import csv
from collections.abc import Iterator
from typing import TextIO

from hearth.interchange.models import ImportRun

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
