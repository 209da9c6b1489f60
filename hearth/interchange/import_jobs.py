"""Running an uploaded import in the background, so the upload page can show its progress.

The upload is stored with its ImportRun, and a thread of the web process runs
``import_hmis_csv`` once the request's transaction has committed; the page polls the run.  The
stored upload is deleted when the import ends (it holds client records).  A run left "running"
by a stopped process is marked failed the next time someone opens the import page.
"""

import datetime as dt
import logging
import threading

from django.core.files.uploadedfile import UploadedFile
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from hearth.access.audit import Actor
from hearth.interchange.importer import import_hmis_csv
from hearth.interchange.models import ImportRun, ImportStatus

logger = logging.getLogger(__name__)
# A run that has not moved for this long belongs to a process that stopped.
STALLED_AFTER = dt.timedelta(hours=6)


def queue_upload(upload: UploadedFile, *, actor: Actor) -> ImportRun:
    """Store an uploaded zip as a new ImportRun and start importing it after the commit."""
    run = ImportRun(
        account_id=actor.account_id, username=actor.username, source_name=(upload.name or "upload.zip")[:255]
    )
    run.upload.save(f"import-{timezone.now():%Y%m%d%H%M%S}.zip", upload, save=False)
    run.save()
    transaction.on_commit(lambda: start(run.pk, actor))
    return run


def start(run_id: int, actor: Actor) -> threading.Thread:
    thread = threading.Thread(
        target=run_job, args=(run_id, actor), name=f"hearth-import-{run_id}", daemon=True
    )
    thread.start()
    return thread


def _in_thread(run_id: int, actor: Actor) -> None:
    close_old_connections()
    try:
        run_job(run_id, actor)
    finally:
        connection.close()  # the thread's own connection


def run_job(run_id: int, actor: Actor) -> None:
    """Import a queued run's upload; the run records the outcome (failures included)."""
    run = ImportRun.objects.get(pk=run_id)
    try:
        import_hmis_csv(run.upload.path, actor=actor, run=run, source_name=run.source_name)
    except Exception:
        logger.exception("Import %s stopped", run_id)
    finally:
        run.upload.delete(save=False)
        ImportRun.objects.filter(pk=run_id).update(upload="")


def mark_stalled_runs() -> int:
    """Runs that stopped with their process: say so, so nobody waits on them."""
    cutoff = timezone.now() - STALLED_AFTER
    return ImportRun.objects.filter(
        status__in=(ImportStatus.QUEUED, ImportStatus.RUNNING), created_at__lt=cutoff
    ).update(
        status=ImportStatus.FAILED,
        finished_at=timezone.now(),
        message="The import stopped with the process running it; nothing was imported. Upload it again.",
    )
