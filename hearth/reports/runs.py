"""Report runs: the one way to run a report and record it (parameters, progress, timings, result)."""

from __future__ import annotations

import csv
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
from django.core.files.base import ContentFile, File
from django.utils import timezone

from hearth.reports.datasets import Dataset, DatasetError, csv_dataset, database_snapshot
from hearth.reports.engine import ReportError
from hearth.reports.hmis_programming.parameters import ParameterError as AprParameterError
from hearth.reports.hmis_programming.parameters import ReportParameters
from hearth.reports.hmis_programming.result import DrillDownError, ReportResult
from hearth.reports.hmis_programming.runner import KEPT_UNIVERSE, run_report
from hearth.reports.hmis_programming.shells import ShellError
from hearth.reports.lsa import drilldown, report
from hearth.reports.lsa.hdx import FILE_TABLES, HdxCheckError
from hearth.reports.lsa.parameters import HIC, LsaParameters, ParameterError
from hearth.reports.models import ReportRun

RUN_PROBLEMS = (DatasetError, ParameterError, HdxCheckError, ReportError)
DATABASE = "database default"  # the source of a run on a snapshot of Hearth's database
LSA_REPORTS = ("lsa", "hic")


class ReportRunError(RuntimeError):
    """A report run failed; the message names the problem and the run records it."""

    def __init__(self, message: str, run: ReportRun) -> None:
        super().__init__(message)
        self.run = run


def run_lsa(
    *, parameters: LsaParameters, csv_path: str | Path | None = None, run_by: Any = None
) -> tuple[ReportRun, bytes]:
    """Run the LSA (or the HIC) on an HMIS CSV export, or on a snapshot of Hearth's database.

    Returns the finished run and the HDX upload zip; a failure is recorded on the run and raised
    as ReportRunError naming the problem.
    """
    run = ReportRun.objects.create(
        report="hic" if parameters.lsa_scope == HIC else "lsa",
        parameters=parameters.as_json(),
        source=str(csv_path) if csv_path else DATABASE,
        run_by=run_by,
        status=ReportRun.Status.RUNNING,
        started_at=timezone.now(),
    )
    return run, execute_lsa(run, parameters, csv_path)


def execute_lsa(run: ReportRun, parameters: LsaParameters, csv_path: str | Path | None = None) -> bytes:
    """Run the LSA or HIC of a recorded run; keeps the zip, the drill-down tables and the counts
    of the upload files on the run. A failure is recorded and raised as ReportRunError."""
    _mark_running(run)
    dataset: Dataset | None = None
    try:
        dataset = csv_dataset(csv_path) if csv_path else database_snapshot()
        result = report.run_lsa(dataset, parameters, on_progress=_progress_recorder(run))
        upload = report.upload_zip(result)
        run.step_timings = [{"step": t.name, "seconds": t.seconds} for t in result.timings]
        run.result_file.save(f"{run.report}-{run.pk}.zip", ContentFile(upload), save=False)
        _keep_drilldown(run, result.connection)
        run.tables = [
            {"name": name, "rows": _count(result.connection, table)} for name, table in FILE_TABLES.items()
        ]
    except RUN_PROBLEMS as problem:
        _fail(run, str(problem))
        raise ReportRunError(str(problem), run) from problem
    finally:
        if dataset is not None:
            dataset.close()
    _succeed(run)
    return upload


def execute_apr_family(
    run: ReportRun, parameters: ReportParameters, csv_paths: Sequence[str | Path] = ()
) -> bytes:
    """Run a recorded APR, CAPER, CE APR or data-quality run (``run.report`` names it) on the
    exports at ``csv_paths`` or a snapshot of Hearth's database. Keeps the Sage zip, the tables
    the pages show and, for drill-down, every cell's members and the report's universe. A
    failure is recorded on the run and raised as ReportRunError naming the problem."""
    from hearth.reports import sage
    from hearth.reports.registry import REPORTS

    _mark_running(run)
    dataset: Dataset | None = None
    try:
        if run.report not in REPORTS:
            raise ReportError(f"There is no report named {run.report!r}.")
        if csv_paths:
            from hearth.reports.hmis_programming.loading import load_exports

            dataset = load_exports(csv_paths)
        else:
            dataset = database_snapshot()
        definition = REPORTS[run.report].definition()
        result = run_report(definition, dataset, parameters, on_progress=_progress_recorder(run))
        upload = sage.zip_bytes(result)
        run.step_timings = [{"step": t.name, "seconds": t.seconds} for t in result.timings]
        run.result_file.save(f"{run.report}-{run.pk}.zip", ContentFile(upload), save=False)
        run.tables = [
            {"name": name, "header": table.header, "rows": table.rows, "formats": table.formats}
            for name, table in result.tables.items()
        ]
        _keep_apr_drilldown(run, result)
    except (*RUN_PROBLEMS, AprParameterError, ShellError) as problem:
        _fail(run, str(problem))
        raise ReportRunError(str(problem), run) from problem
    except (OSError, zipfile.BadZipFile, csv.Error, UnicodeDecodeError) as problem:
        message = f"The export cannot be read: {problem}"
        _fail(run, message)
        raise ReportRunError(message, run) from problem
    finally:
        if dataset is not None:
            dataset.close()
    _succeed(run)
    return upload


def lsa_parameters_of(recorded: dict[str, Any]) -> LsaParameters:
    """The LsaParameters a run recorded (LsaParameters.as_json)."""
    report_date = recorded.get("report_date")
    parameters = LsaParameters(
        report_coc=recorded["report_coc"],
        report_start=date.fromisoformat(recorded["report_start"]),
        report_end=date.fromisoformat(recorded["report_end"]),
        lsa_scope=int(recorded["lsa_scope"]),
        report_id=int(recorded.get("report_id") or 1),
        report_date=datetime.fromisoformat(report_date) if report_date else None,
    )
    parameters.check()
    return parameters


def apr_parameters_of(recorded: dict[str, Any]) -> ReportParameters:
    """The ReportParameters a run recorded (ReportParameters.as_json)."""
    return ReportParameters.of(
        coc=recorded["coc"],
        start=date.fromisoformat(recorded["start"]),
        end=date.fromisoformat(recorded["end"]),
        project_ids=recorded["project_ids"],
    )


def _mark_running(run: ReportRun) -> None:
    if run.status != ReportRun.Status.RUNNING or run.started_at is None:
        run.status = ReportRun.Status.RUNNING
        run.started_at = timezone.now()
        run.save(update_fields=["status", "started_at"])


def _fail(run: ReportRun, message: str) -> None:
    run.status = ReportRun.Status.FAILED
    run.message = message
    run.finished_at = timezone.now()
    run.save()


def _succeed(run: ReportRun) -> None:
    run.status = ReportRun.Status.SUCCEEDED
    run.progress = 100
    run.current_step = ""
    run.finished_at = timezone.now()
    run.save()


def _count(connection: duckdb.DuckDBPyConnection, table: str) -> int:
    row = connection.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608 - our table names
    return int(row[0]) if row else 0


def _progress_recorder(run: ReportRun) -> Callable[[int, int, str], None]:
    def record(done: int, total: int, step: str) -> None:
        run.progress = int(100 * done / total) if total else 100
        run.current_step = step
        run.save(update_fields=["progress", "current_step"])

    return record


def _keep_drilldown(run: ReportRun, connection: duckdb.DuckDBPyConnection) -> None:
    """Copy the tables drill-down reads into a DuckDB file kept with the run."""
    with tempfile.TemporaryDirectory(prefix="hearth-lsa-") as folder:
        path = Path(folder) / "drilldown.duckdb"
        connection.execute("ATTACH ? AS kept", [str(path)])
        try:
            for table in (*drilldown.KEPT_TABLES, *FILE_TABLES.values()):
                connection.execute(f"CREATE TABLE kept.{table} AS SELECT * FROM {table}")  # noqa: S608
        finally:
            connection.execute("DETACH kept")
        with path.open("rb") as handle:
            run.drilldown_file.save(f"{run.report}-{run.pk}.duckdb", File(handle), save=False)


def _keep_apr_drilldown(run: ReportRun, result: ReportResult) -> None:
    """Keep each cell's members and the report's universe in a DuckDB file with the run."""
    with tempfile.TemporaryDirectory(prefix="hearth-apr-") as folder:
        path = Path(folder) / "drilldown.duckdb"
        kept = duckdb.connect(str(path))
        try:
            kept.register("run_members", result.members)
            kept.register("run_universe", result.universe)
            kept.execute(
                "CREATE TABLE report_cells AS SELECT CAST(question AS VARCHAR) AS question, "
                "CAST(cell AS VARCHAR) AS cell, CAST(member_id AS VARCHAR) AS member_id, "
                "CAST(personal_id AS VARCHAR) AS personal_id FROM run_members"
            )
            kept.execute(f"CREATE TABLE {KEPT_UNIVERSE} AS SELECT * FROM run_universe")  # noqa: S608
        finally:
            kept.close()
        with path.open("rb") as handle:
            run.drilldown_file.save(f"{run.report}-{run.pk}.duckdb", File(handle), save=False)


def kept_apr_result(
    run: ReportRun, *, question: str | None = None, cell: str | None = None, personal_id: str | None = None
) -> ReportResult:
    """A finished APR-family run as the ReportResult drill-down and explanation read, from what
    the run kept: its tables, and only the members of one cell (question and cell) or of one
    person (personal_id), so that a CoC-wide report's millions of pairs are never all loaded."""
    from hearth.reports.hmis_programming.result import ResultTable
    from hearth.reports.registry import REPORTS

    if run.report not in REPORTS or run.status != ReportRun.Status.SUCCEEDED or not run.drilldown_file:
        raise DrillDownError("This report run kept no drill-down data.")
    conditions, values = [], []
    for column, value in (("question", question), ("cell", cell), ("personal_id", personal_id)):
        if value is not None:
            conditions.append(f"{column} = ?")
            values.append(value)
    where = " AND ".join(conditions) or "TRUE"
    kept = duckdb.connect(run.drilldown_file.path, read_only=True)
    try:
        members = kept.sql(
            f"SELECT question, cell, member_id, personal_id FROM report_cells WHERE {where}",  # noqa: S608
            params=values,
        ).to_arrow_table()
        universe_where = "PersonalID = ?" if personal_id is not None else "FALSE"
        universe = kept.sql(
            f"SELECT * FROM {KEPT_UNIVERSE} WHERE {universe_where}",  # noqa: S608 - our names
            params=[personal_id] if personal_id is not None else [],
        ).to_arrow_table()
    finally:
        kept.close()
    return ReportResult(
        definition=REPORTS[run.report].definition(),
        parameters=apr_parameters_of(run.parameters),
        source=run.source,
        tables={
            t["name"]: ResultTable(name=t["name"], header=t["header"], rows=t["rows"], formats=t["formats"])
            for t in run.tables
        },
        members=members,
        universe=universe,
    )
