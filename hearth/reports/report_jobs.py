"""Running a report asked for on a page in the background, so the page can show its progress.

The same pattern as the HMIS CSV import page (hearth/interchange/import_jobs.py): the run is
recorded as queued (with the uploaded export, if any), a thread of the web process runs it once
the request's transaction has committed, and the page polls the run.  An uploaded export is
deleted when the run ends (it holds client records).  A run left queued or running by a stopped
process is marked failed the next time someone opens the reports page.
"""

import datetime as dt
import logging
import threading
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from hearth.reports import runs
from hearth.reports.models import ReportRun

logger = logging.getLogger(__name__)
# A run that has not ended after this long belongs to a process that stopped.
STALLED_AFTER = dt.timedelta(hours=6)
UNEXPECTED = "The run stopped on an unexpected error, which has been logged for the HMIS Lead; run it again."


def queue_run(
    *, report: str, parameters: dict[str, Any], user: Any, upload: UploadedFile | None
) -> ReportRun:
    """Record a run of ``report`` (parameters checked beforehand, as JSON) asked for by ``user``,
    on ``upload`` or on Hearth's database, and start it after the commit."""
    run = ReportRun(
        report=report,
        parameters=parameters,
        source=(upload.name or "upload.zip")[:500] if upload is not None else runs.DATABASE,
        run_by=user,
        organization_id=user.acting_organization_id,
        status=ReportRun.Status.QUEUED,
    )
    if upload is not None:
        run.upload.save(f"report-{timezone.now():%Y%m%d%H%M%S}.zip", upload, save=False)
    run.save()
    transaction.on_commit(lambda: start(run.pk))
    return run


def start(run_id: int) -> threading.Thread:
    thread = threading.Thread(target=_in_thread, args=(run_id,), name=f"hearth-report-{run_id}", daemon=True)
    thread.start()
    return thread


def _in_thread(run_id: int) -> None:
    close_old_connections()
    try:
        run_job(run_id)
    finally:
        connection.close()  # the thread's own connection


def run_job(run_id: int) -> None:
    """Run a queued report; the run records the outcome (failures included)."""
    run = ReportRun.objects.get(pk=run_id)
    csv_path = run.upload.path if run.upload else None
    try:
        if run.report in runs.LSA_REPORTS:
            runs.execute_lsa(run, runs.lsa_parameters_of(run.parameters), csv_path)
        else:
            csv_paths = [csv_path] if csv_path else []
            runs.execute_apr_family(run, runs.apr_parameters_of(run.parameters), csv_paths)
    except runs.ReportRunError:
        pass  # recorded on the run, with the problem named
    except Exception:
        logger.exception("Report run %s stopped", run_id)
        ReportRun.objects.filter(pk=run_id).update(
            status=ReportRun.Status.FAILED, message=UNEXPECTED, finished_at=timezone.now()
        )
    finally:
        if run.upload:
            run.upload.delete(save=False)
            ReportRun.objects.filter(pk=run_id).update(upload="")


def mark_stalled_runs() -> int:
    """Runs that stopped with their process: say so, so nobody waits on them."""
    cutoff = timezone.now() - STALLED_AFTER
    return ReportRun.objects.filter(
        status__in=(ReportRun.Status.QUEUED, ReportRun.Status.RUNNING), created_at__lt=cutoff
    ).update(
        status=ReportRun.Status.FAILED,
        finished_at=timezone.now(),
        message="The run stopped with the process running it; run the report again.",
    )
