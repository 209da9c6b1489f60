"""Report runs: the one way to run a report and record it (parameters, progress, timings, result)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
from django.core.files.base import ContentFile, File
from django.utils import timezone

from hearth.reports.datasets import Dataset, DatasetError, csv_dataset, database_snapshot
from hearth.reports.engine import ReportError
from hearth.reports.lsa import drilldown, report
from hearth.reports.lsa.hdx import HdxCheckError
from hearth.reports.lsa.parameters import HIC, LsaParameters, ParameterError
from hearth.reports.models import ReportRun

RUN_PROBLEMS = (DatasetError, ParameterError, HdxCheckError, ReportError)


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
        source=str(csv_path) if csv_path else "database default",
        run_by=run_by,
        status=ReportRun.Status.RUNNING,
        started_at=timezone.now(),
    )
    dataset: Dataset | None = None
    try:
        dataset = csv_dataset(csv_path) if csv_path else database_snapshot()
        result = report.run_lsa(dataset, parameters, on_progress=_progress_recorder(run))
        upload = report.upload_zip(result)
        run.step_timings = [{"step": t.name, "seconds": t.seconds} for t in result.timings]
        run.result_file.save(f"{run.report}-{run.pk}.zip", ContentFile(upload), save=False)
        _keep_drilldown(run, result.connection)
    except RUN_PROBLEMS as problem:
        run.status = ReportRun.Status.FAILED
        run.message = str(problem)
        run.finished_at = timezone.now()
        run.save()
        raise ReportRunError(str(problem), run) from problem
    finally:
        if dataset is not None:
            dataset.close()
    run.status = ReportRun.Status.SUCCEEDED
    run.progress = 100
    run.current_step = ""
    run.finished_at = timezone.now()
    run.save()
    return run, upload


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
            for table in drilldown.KEPT_TABLES:
                connection.execute(f"CREATE TABLE kept.{table} AS SELECT * FROM {table}")  # noqa: S608
        finally:
            connection.execute("DETACH kept")
        with path.open("rb") as handle:
            run.drilldown_file.save(f"{run.report}-{run.pk}.duckdb", File(handle), save=False)
