"""The Sage upload: a zip of one CSV per question table, in HUD's table-shell layout.

HUD's Sage HMIS Reporting Repository takes the CoC APR, ESG CAPER and CE APR as a zip of CSV
files named after their tables (``Q4a.csv``, ``Q7a.csv``...). Each file is the table as the shell
lays it out: row 1 the header, column A the row labels, and the values at their Excel-style
addresses (``B2`` is the first value). Counts are written as integers, rates as fractions with
four decimals, amounts and averages with two; a blank cell is empty.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from typing import IO

from hearth.reports.hmis_programming.result import ReportResult, ResultTable

INTEGER = re.compile(r"^-?[0-9]+$")


def table_csv(table: ResultTable) -> str:
    """One table as Sage CSV text: labels and text quoted, integers bare."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    writer.writerow(table.header)
    for row in table.rows:
        writer.writerow([row[0], *(_cell(value) for value in row[1:])])
    return buffer.getvalue()


def _cell(value: str) -> str | int:
    return int(value) if INTEGER.match(value) else value


def write_zip(result: ReportResult, target: str | Path | IO[bytes]) -> list[str]:
    """Write the report's Sage zip to a path or binary file; returns the file names, in order."""
    names = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in result.definition.tables:
            file_name = f"{name}.csv"
            archive.writestr(file_name, table_csv(result.tables[name]))
            names.append(file_name)
    return names


def zip_bytes(result: ReportResult) -> bytes:
    buffer = io.BytesIO()
    write_zip(result, buffer)
    return buffer.getvalue()
