"""What the result pages read from a finished run, without recomputing it: the APR family's
tables (kept on the run as JSON, laid out with their labels) and the LSA's upload files (kept in
the run's DuckDB file).

Reading a file's rows shows no client: LSA files hold counts and characteristics only.  The ids
behind a row come from the drill-down functions (lsa/drilldown.py), which apply the access policy.
"""

from dataclasses import dataclass
from typing import Any

import duckdb

from hearth.reports.hmis_programming.shells import COUNT, column_letter
from hearth.reports.lsa.drilldown import MEMBER_TABLES, DrillDownError
from hearth.reports.lsa.hdx import FILE_TABLES, dictionary_columns
from hearth.reports.models import ReportRun

ROWS_PER_PAGE = 100


@dataclass(frozen=True)
class FilePage:
    """One page of an LSA upload file's rows, in the file's column order."""

    name: str
    columns: list[str]
    rows: list[tuple[Any, ...]]
    first_row: int  # the position of rows[0] in the whole file (0-based)
    total: int

    @property
    def is_drillable(self) -> bool:
        return self.name in MEMBER_TABLES

    @property
    def number(self) -> int:
        return self.first_row // ROWS_PER_PAGE + 1

    @property
    def last_page(self) -> int:
        return max(1, -(-self.total // ROWS_PER_PAGE))


def apr_table(run: ReportRun, name: str) -> dict[str, Any] | None:
    """The kept table ``name`` of an APR-family run: header, rows and each cell's format."""
    return next((table for table in run.tables if table.get("name") == name and "header" in table), None)


def table_rows(table: dict[str, Any]) -> list[tuple[str, list[tuple[str, str, bool]]]]:
    """Each row of an APR-family table: its label, and per cell its address, its value and
    whether it is a count of people (or households) with someone to drill down to."""
    rows = []
    for index, row in enumerate(table["rows"]):
        cells = []
        for column, value in enumerate(row[1:], start=1):
            address = f"{column_letter(column)}{index + 2}"
            is_count = table["formats"].get(address) == COUNT and value not in ("", "0")
            cells.append((address, value, is_count))
        rows.append((row[0], cells))
    return rows


def cell_label(table: dict[str, Any], address: str) -> str:
    """A cell's row label and column header, as the Sage shell names them ("a. Adults · Total")."""
    letters = "".join(ch for ch in address if ch.isalpha())
    digits = "".join(ch for ch in address if ch.isdigit())
    column = 0
    for ch in letters:
        column = column * 26 + ord(ch) - ord("A") + 1
    row = int(digits or 0) - 2
    header, rows = table.get("header", []), table.get("rows", [])
    row_label = rows[row][0] if 0 <= row < len(rows) else ""
    column_label = header[column - 1] if 0 < column <= len(header) else ""
    return " · ".join(part for part in (row_label, column_label) if part)


def _kept(run: ReportRun) -> duckdb.DuckDBPyConnection:
    if run.status != ReportRun.Status.SUCCEEDED or not run.drilldown_file:
        raise DrillDownError("This report run kept no result tables.")
    return duckdb.connect(run.drilldown_file.path, read_only=True)


def _select(name: str) -> tuple[list[str], str]:
    columns = [column.name for column in dictionary_columns(name)]
    # the upload's own order (hdx.read_upload_files), so a row's position is stable
    names = ", ".join(f'"{c}"' for c in columns)
    return columns, f"SELECT {names} FROM {FILE_TABLES[name]} ORDER BY ALL"  # noqa: S608 - dictionary names


def lsa_file_page(run: ReportRun, name: str, *, page: int) -> FilePage:
    """Page ``page`` (1-based) of the LSA upload file ``name`` as the run wrote it."""
    if name not in FILE_TABLES:
        raise DrillDownError(f"{name} is not an LSA upload file.")
    columns, select = _select(name)
    kept = _kept(run)
    try:
        total_row = kept.execute(f"SELECT count(*) FROM {FILE_TABLES[name]}").fetchone()  # noqa: S608
        total = int(total_row[0]) if total_row else 0
        last_page = max(1, -(-total // ROWS_PER_PAGE))
        page = min(max(page, 1), last_page)
        first = (page - 1) * ROWS_PER_PAGE
        rows = kept.execute(f"{select} LIMIT ? OFFSET ?", [ROWS_PER_PAGE, first]).fetchall()
    finally:
        kept.close()
    return FilePage(name=name, columns=columns, rows=rows, first_row=first, total=total)


def lsa_row_key(run: ReportRun, name: str, position: int) -> dict[str, Any]:
    """The characteristic columns of row ``position`` (0-based) of file ``name``: the key
    lsa.drilldown.drill_down selects the row's members by."""
    if name not in MEMBER_TABLES:
        raise DrillDownError(f"{name} is not an LSA file with drill-down.")
    columns, select = _select(name)
    kept = _kept(run)
    try:
        row = kept.execute(f"{select} LIMIT 1 OFFSET ?", [max(position, 0)]).fetchone()
        member_table = MEMBER_TABLES[name][0]
        member_columns = {d[0] for d in kept.execute(f"SELECT * FROM {member_table} LIMIT 0").description}  # noqa: S608
    finally:
        kept.close()
    if row is None:
        raise DrillDownError(f"{name} has no row {position + 1}.")
    return {column: value for column, value in zip(columns, row, strict=True) if column in member_columns}
