"""Reading an import's large files in worker processes, beside the importing process.

Reading (parsing, converting and checking every value, formatting the rows for ``COPY``) is the
largest part of an import, and it is Python work on one core.  On PostgreSQL, the large files of
a current (FY2026) export are read by a pool of worker processes instead, one file per worker at
a time, with the very same code as in the importing process (import_files).  A worker sends
blocks of staging rows already in COPY text format, then the file's problems (its own IssueLog)
and row count; the importing process only streams the blocks into the staging tables (it holds
the connection and its temporary tables) and takes in the logs in the order of the files.  So
the report, the rows staged and their ``stage_seq`` order are those of a reading in one process.

Memory stays bounded: a worker holds one batch of rows, and the queue between the processes at
most ``QUEUED_PER_WORKER`` blocks per worker (a worker waits while it is full).  Workers are
started fresh (``spawn``: imports run in threads of the web process, which must not be forked)
and set Django up on their own; they never use the database.

``HEARTH_IMPORT_WORKERS`` (settings) sets how many workers there are (0: read in one process);
small imports and files (under ``FROM_BYTES`` and ``FILE_FROM_BYTES``) are read in one process,
since a worker takes a second or two to start.
"""

import logging
import multiprocessing
import os
import queue
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from multiprocessing.synchronize import Event
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection, models

from hearth.interchange import bulk, import_files, read_worker_process, staging
from hearth.interchange.import_files import FileTask, Tally
from hearth.interchange.import_progress import Progress
from hearth.interchange.reader import CsvMember, ExportSource, reopened
from hearth.interchange.validation import IssueLog

if TYPE_CHECKING:
    from hearth.interchange.import_exports import ExportPlan

logger = logging.getLogger(__name__)

FROM_BYTES = 16 << 20  # an import with less CSV than this in large files is read in one process
FILE_FROM_BYTES = 1 << 20  # smaller files are read by the importing process, meanwhile
BLOCK_ROWS = 20_000  # rows per block sent (as the importing process stages them)
QUEUED_PER_WORKER = 2
POLL_SECONDS = read_worker_process.POLL_SECONDS
MOST_WORKERS = 4


class ReadWorkerError(RuntimeError):
    """A worker process stopped on an unexpected error (the import then fails, nothing written)."""


@dataclass(frozen=True)
class _Job:
    """What a worker needs to read one file (picklable)."""

    task: FileTask
    size: int
    location: tuple[str, str]
    per_kind: int
    is_strict: bool


def worker_count() -> int:
    configured = getattr(settings, "HEARTH_IMPORT_WORKERS", None)
    if configured is not None:
        return max(int(configured), 0)
    return min(os.cpu_count() or 1, MOST_WORKERS)


@contextmanager
def for_source(
    found: ExportSource,
    *,
    models_by_file: dict[str, type[models.Model]],
    log: IssueLog,
    progress: Progress,
    tally: Callable[[FileTask], Tally],
) -> Iterator["ReadWorkers | None"]:
    """Worker processes for the reading of ``found``, or None where one process reads it all."""
    count = worker_count()
    large = sum(
        m.size for e in found.exports for m in e.members.values() if m.location and m.size >= FILE_FROM_BYTES
    )
    if connection.vendor != "postgresql" or count == 0 or large < FROM_BYTES:
        yield None
        return
    workers = ReadWorkers(count, models_by_file, log, progress, tally)
    try:
        yield workers
    finally:
        workers.close()


class ReadWorkers:
    def __init__(
        self,
        count: int,
        models_by_file: dict[str, type[models.Model]],
        log: IssueLog,
        progress: Progress,
        tally: Callable[[FileTask], Tally],
    ) -> None:
        self.models = models_by_file
        self.log = log
        self.progress = progress
        self.tally = tally
        context = multiprocessing.get_context("spawn")
        self.queue: multiprocessing.Queue[Any] = context.Queue(maxsize=QUEUED_PER_WORKER * count)
        self.stop: Event = context.Event()
        self.pool = ProcessPoolExecutor(
            max_workers=count,
            mp_context=context,
            initializer=read_worker_process.start,
            initargs=(self.queue, self.stop, settings.TIME_ZONE),
        )
        self.pending: dict[int, FileTask] = {}
        self.futures: list[Future[None]] = []
        self.logs: dict[int, IssueLog] = {}

    def takes(self, member: CsvMember, plan: "ExportPlan") -> bool:
        """Whether a worker reads this file: a large file of a current export, that a worker can open."""
        return plan.is_current and member.location is not None and member.size >= FILE_FROM_BYTES

    def read(self, member: CsvMember, task: FileTask) -> None:
        assert member.location is not None  # takes() said so
        job = _Job(task, member.size, member.location, self.log.per_kind, self.log.is_strict)
        self.pending[task.ordinal] = task
        self.futures.append(self.pool.submit(_read, job))
        self._receive(wait=False)

    def finish(self) -> None:
        """Stage every block still to come; then the files' problems, in the order of the files."""
        if self.pending:
            self.progress.step(f"Reading the large files ({len(self.pending)} left)")
        while self.pending:
            self._receive(wait=True)
        for ordinal in sorted(self.logs):
            self.log.merge(self.logs.pop(ordinal))

    def close(self) -> None:
        self.stop.set()  # workers still sending give up (only when the reading stopped early)
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.queue.close()

    def _receive(self, *, wait: bool) -> None:
        """Handle the messages waiting (and, with ``wait``, wait for the next one)."""
        while True:
            try:
                message = self.queue.get(timeout=POLL_SECONDS) if wait else self.queue.get_nowait()
            except queue.Empty:
                self._check_workers()
                if not wait:
                    return
                continue
            self._handle(*message)
            wait = False

    def _handle(self, kind: str, ordinal: int, *content: Any) -> None:
        task = self.pending[ordinal]
        if kind == "rows":
            data, byte_count = content
            model = self.models[task.file_name]
            staging.write_formatted(model, staging.stage_fields(model), data)
            self.progress.add_bytes(byte_count)
            self.progress.store()
        elif kind == "done":
            rows, byte_count, file_log = content
            self.tally(task).rows += rows
            self.progress.add_bytes(byte_count)
            self.logs[ordinal] = file_log
            del self.pending[ordinal]
        else:
            (text,) = content
            raise ReadWorkerError(f"Reading {task.path} stopped in a worker process:\n{text}")

    def _check_workers(self) -> None:
        for future in self.futures:
            if future.done() and future.exception() is not None:
                raise ReadWorkerError("A worker process reading the import stopped") from future.exception()


# --- in a worker process ---------------------------------------------------------------------


def _read(job: _Job) -> None:
    task = job.task
    try:
        log = IssueLog(job.per_kind, is_strict=job.is_strict)
        tally = Tally()
        counted = [0]

        def on_bytes(count: int) -> None:
            counted[0] += count

        member = reopened(task.path, task.file_name, job.size, job.location)
        with import_files.opened(member, task, log, on_bytes) as found:
            if found is not None:
                rows, reader = found
                staged = import_files.staged_rows(task, reader, rows, log, tally)
                while batch := list(islice(staged, BLOCK_ROWS)):
                    data = bulk.copy_text(batch)
                    read_worker_process.send(("rows", task.ordinal, data, counted[0]))
                    counted[0] = 0
        read_worker_process.send(("done", task.ordinal, tally.rows, counted[0], log))
    except read_worker_process.Stopped:
        return
    except Exception:  # reported to the importing process, which fails the import
        read_worker_process.send(("failed", task.ordinal, traceback.format_exc()))
