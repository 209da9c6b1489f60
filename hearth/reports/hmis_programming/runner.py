"""Run an APR-family report (CoC APR, ESG CAPER, CE APR, HUD data quality) over a dataset.

A report is a list of Sage tables plus folders of SQL steps (hearth.reports.engine): the shared
universe of HUD's HMIS Programming Specifications (hmis_programming/sql), then one SQL file per
question table. A question file is named after its table (``q07a_persons_served.sql`` computes
Q7a) and runs only when the report includes that table. Each question writes

* ``report_cells(question, cell, member_id, personal_id, enrollment_id)``: the people (or
  households, or records) it counts in each cell; a cell's count is its distinct members;
* ``report_values(question, cell, value, text)``: cells that are not counts (rates, averages,
  amounts, medians, project descriptors).

The runner then lays the cells into the table shells (hmis_programming/shells.py).
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from hearth.reports.datasets import Dataset
from hearth.reports.engine import ProgressCallback, Step, run_steps, steps_in
from hearth.reports.hmis_programming.parameters import ParameterError, ReportParameters
from hearth.reports.hmis_programming.result import ReportResult, build_tables

HERE = Path(__file__).resolve().parent
UNIVERSE_SQL = HERE / "sql"
SHARED_QUESTIONS = HERE / "questions"
SHARED_SHELLS = HERE / "shells"
QUESTION_FILE = re.compile(r"^q0*(\d+)([a-z]?\d?)_")
# Tables the runner keeps from a run, for drill-down and explanation after the dataset moves on.
KEPT_UNIVERSE = "apr_client"


@dataclass(frozen=True)
class ReportDefinition:
    """One of HUD's APR-family reports: its Sage tables, its SQL and its shells."""

    name: str  # "apr", "caper", "ce-apr", "dq"
    title: str
    tables: tuple[str, ...]  # the Sage files, in upload order
    sql_folders: tuple[Path, ...]  # question SQL, searched after the shared universe
    shell_folders: tuple[Path, ...]
    universe_folder: Path = UNIVERSE_SQL

    universe: str = "active"  # "active" clients (APR, CAPER, DQ) or "assessed" households (CE APR)

    def question_steps(self) -> list[Step]:
        """The SQL of the report's tables and its helper steps, in file-name order. A report's own
        folder comes first: its file for a table replaces the shared one."""
        wanted = set(self.tables)
        steps: dict[str, Step] = {}
        claimed: set[str] = set()
        for folder in self.sql_folders:
            found = steps_in(folder)
            for step in found:
                table = table_of(step.path.name)
                if table is None or (table in wanted and table not in claimed):
                    steps.setdefault(step.path.name, step)
            claimed |= {t for step in found if (t := table_of(step.path.name)) is not None}
        return [steps[name] for name in sorted(steps)]


def table_of(file_name: str) -> str | None:
    """``q07a_persons_served.sql`` -> "Q7a"; helper steps (no question prefix) -> None."""
    match = QUESTION_FILE.match(file_name)
    if not match:
        return None
    return f"Q{int(match.group(1))}{match.group(2)}"


def run_report(
    definition: ReportDefinition,
    dataset: Dataset,
    parameters: ReportParameters,
    *,
    on_progress: ProgressCallback | None = None,
) -> ReportResult:
    """Compute every table of the report; the result keeps its cells and the ids they count."""
    parameters.check()
    started = time.perf_counter()
    cursor = dataset.connection.cursor()
    check_projects(cursor, parameters, dataset.source)
    create_parameter_tables(cursor, parameters, definition.universe)
    steps = steps_in(definition.universe_folder) + definition.question_steps()
    timings = run_steps(cursor, steps, on_progress=on_progress)
    members = kept_members(cursor)
    values = {
        (question, cell): (value, text)
        for question, cell, value, text in cursor.execute(
            "SELECT question, cell, value, text FROM report_values"
        ).fetchall()
    }
    counts = {
        (question, cell): int(count)
        for question, cell, count in cursor.execute(
            "SELECT question, cell, count(DISTINCT member_id) FROM report_cells GROUP BY ALL"
        ).fetchall()
    }
    universe = cursor.sql(f"SELECT * FROM {KEPT_UNIVERSE}").to_arrow_table()  # noqa: S608 - our table
    tables = build_tables(definition, counts, values, listed_rows(cursor, definition))
    return ReportResult(
        definition=definition,
        parameters=parameters,
        source=dataset.source,
        tables=tables,
        members=members,
        universe=universe,
        timings=timings,
        seconds=round(time.perf_counter() - started, 3),
    )


def kept_members(cursor: duckdb.DuckDBPyConnection) -> pa.Table:
    """report_cells as Arrow, every column dictionary-encoded: a CoC-wide APR counts millions of
    (cell, person) pairs over some tens of thousands of people, so the ids repeat."""
    reader = cursor.sql("SELECT question, cell, member_id, personal_id FROM report_cells").to_arrow_reader(
        1_000_000
    )
    names = ["question", "cell", "member_id", "personal_id"]
    batches = [
        pa.RecordBatch.from_arrays(
            [pc.dictionary_encode(batch.column(i)) for i in range(len(names))], names=names
        )
        for batch in reader
    ]
    schema = pa.schema([(name, pa.dictionary(pa.int32(), pa.string())) for name in names])
    return pa.Table.from_batches(batches, schema=schema)


def listed_rows(
    cursor: duckdb.DuckDBPyConnection, definition: ReportDefinition
) -> dict[str, list[list[str]]]:
    """Tables whose rows are listed rather than fixed (Q4a: one row per project): the rows a
    question wrote into ``report_rows_<table>``, as text."""
    found = {
        name
        for (name,) in cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'report_rows_%'"
        ).fetchall()
    }
    rows = {}
    for table in definition.tables:
        name = f"report_rows_{table}"
        if name in found:
            result = cursor.execute(f"SELECT * FROM {name}").fetchall()  # noqa: S608 - our table names
            rows[table] = [["" if value is None else str(value) for value in row] for row in result]
            cursor.execute(f"DROP TABLE {name}")
    return rows


def check_projects(cursor: duckdb.DuckDBPyConnection, parameters: ReportParameters, source: str) -> None:
    found = {
        row[0]
        for row in cursor.execute(
            "SELECT ProjectID FROM hmis_Project WHERE DateDeleted IS NULL AND list_contains(?, ProjectID)",
            [list(parameters.project_ids)],
        ).fetchall()
    }
    missing = [p for p in parameters.project_ids if p not in found]
    if missing:
        raise ParameterError(f"No project {', '.join(missing)} in {source}.")


def create_parameter_tables(
    cursor: duckdb.DuckDBPyConnection, parameters: ReportParameters, universe: str = "active"
) -> None:
    """rpt_parameters (one row) and rpt_projects: what the report SQL reads as its parameters."""
    cursor.execute(
        "CREATE OR REPLACE TABLE rpt_parameters AS SELECT CAST(? AS DATE) AS ReportStart, "
        "CAST(? AS DATE) AS ReportEnd, CAST(? AS VARCHAR) AS CoCCode, CAST(? AS VARCHAR) AS Universe",
        [parameters.start, parameters.end, parameters.coc, universe],
    )
    cursor.execute(
        "CREATE OR REPLACE TABLE rpt_projects AS SELECT unnest(CAST(? AS VARCHAR[])) AS ProjectID",
        [list(parameters.project_ids)],
    )
    cursor.execute(
        "CREATE OR REPLACE TABLE report_cells (question VARCHAR, cell VARCHAR, member_id VARCHAR, "
        "personal_id VARCHAR, enrollment_id VARCHAR)"
    )
    cursor.execute(
        "CREATE OR REPLACE TABLE report_values (question VARCHAR, cell VARCHAR, value DOUBLE, text VARCHAR)"
    )


def definition_for(
    name: str,
    title: str,
    tables: Sequence[str],
    own_folder: Path,
    *,
    universe: str = "active",
) -> ReportDefinition:
    """A report whose own SQL and shells sit in ``own_folder`` (sql/ and shells/), before the
    shared ones."""
    return ReportDefinition(
        name=name,
        title=title,
        tables=tuple(tables),
        sql_folders=(own_folder / "sql", SHARED_QUESTIONS),
        shell_folders=(own_folder / "shells", SHARED_SHELLS),
        universe=universe,
    )
