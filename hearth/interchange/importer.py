"""Importing an HMIS CSV export: ``import_hmis_csv`` is the one service the page, the command and the
API call.

1. Read: every file of every export is streamed, each row converted and checked on its own
   (validation_rows, validation_records) and written to its staging table (staging).
2. Check: keys, references, households and date order are checked in SQL over the staging
   tables and the data already in Hearth (validation_staged: validation_keys, household_rules...).
3. Write: only when nothing rejects, one transaction merges every staging table into Hearth's
   tables by source identifiers (the records' HUD keys).  A rejected import writes nothing.

Where the rows are staged (duck_engine): in PostgreSQL's temporary tables, or, for a large import
into a Hearth that holds no HUD record yet, in a DuckDB database of the import's own (duck_stage).
There a file whose every row is clean is read and converted by DuckDB itself (duck_rows), any
other file row by row in Python as above; the same checks run on DuckDB (check_engines), and the
rows go to Hearth's empty tables with one COPY per table (duck_write).

The run (``ImportRun``) records progress while it goes, then the counts per file and the report.
"""

import logging
import os
import queue
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, nullcontext
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

import duckdb
from django.apps import apps
from django.db import connection, connections, transaction
from django.utils import timezone

from hearth.access.audit import Actor, record
from hearth.access.models import AuditAction
from hearth.hud.generated.columns import FILES
from hearth.interchange import (
    check_engines,
    duck_engine,
    duck_rows,
    duck_stage,
    duck_write,
    empty_table_load,
    import_clients,
    import_files,
    import_report,
    read_workers,
    staging,
    validation_staged,
)
from hearth.interchange.import_exports import ExportPlan, plan_export
from hearth.interchange.import_files import WRITE_ORDER, FileTask
from hearth.interchange.import_progress import CHECK_SHARE, READ_SHARE, Progress, ProgressCallback
from hearth.interchange.models import ImportRun, ImportStatus
from hearth.interchange.reader import CsvMember, SourceError, open_source
from hearth.interchange.validation import Issue, IssueLog, issue
from hearth.interchange.validation_keys import StagedImport
from hearth.interchange.validation_rows import FileReader

logger = logging.getLogger(__name__)

# Rows staged per COPY: bounds memory, and lets progress be stored between batches.
STAGE_BATCH_ROWS = 20_000


class _Rejected(Exception):
    """Raised inside the import's transaction to roll it back: the checks found a rejecting error."""


class _Stopped(Exception):
    """Raised in the reading thread when the writing side stopped on an error of its own."""


@dataclass(frozen=True)
class ImportResult:
    run: ImportRun
    issues: list[Issue]

    @property
    def is_imported(self) -> bool:
        return self.run.status == ImportStatus.IMPORTED

    @property
    def counts(self) -> dict[str, dict[str, int]]:
        return self.run.counts


def import_hmis_csv(
    source: str | os.PathLike[str] | BinaryIO,
    *,
    actor: Actor,
    progress: ProgressCallback | None = None,
    run: ImportRun | None = None,
    source_name: str = "",
    is_strict: bool = False,
) -> ImportResult:
    """Import an HMIS CSV zip or folder (one export or several); nothing is written unless all of it can be.

    ``source`` is a path to a zip or folder, or an open binary zip file.  ``run`` is an ImportRun
    created beforehand (the upload page creates it so it can show progress); otherwise one is made.
    ``is_strict`` rejects what HUD's rules reject but Hearth tolerates (see validation.py).
    """
    name = source_name or (os.fspath(source) if isinstance(source, str | os.PathLike) else "upload.zip")
    if run is None:
        run = ImportRun.objects.create(
            account_id=actor.account_id, username=actor.username, source_name=os.path.basename(name)[:255]
        )
    job = _Import(run, actor, progress, is_strict=is_strict)
    try:
        with ExitStack() as stack:
            stack.callback(job.drop_staging)
            try:
                found = open_source(source, stack, name=os.path.basename(name))
            except SourceError as error:
                job.log.add(issue("FMT-20", os.path.basename(name), str(error), cannot_import=True))
                return job.finish(ImportStatus.REJECTED)
            job.execute(found)
    except Exception:
        logger.exception("Import %s failed", run.pk)
        job.fail()
        raise
    return job.result


class _Import:
    def __init__(
        self, run: ImportRun, actor: Actor, progress: ProgressCallback | None, *, is_strict: bool
    ) -> None:
        self.run = run
        self.actor = actor
        self.log = IssueLog(is_strict=is_strict)
        self.progress = Progress(run, progress)
        self.models = {f.name: apps.get_model(f.model) for f in FILES}
        self.tallies: dict[str, import_files.Tally] = {}
        self.plans: list[ExportPlan] = []
        # Rows an older export implies for a later file, by (export, FY2026 file): FY2022 Projects'
        # HMISParticipation rows (one per project).
        self.derived: dict[tuple[int, str], list[tuple[int, dict[str, str]]]] = {}
        self.files_read = 0
        self.workers: read_workers.ReadWorkers | None = None
        self.staged = False  # PostgreSQL staging tables made (and to be dropped)
        self.duck: duckdb.DuckDBPyConnection | None = None  # the import is staged in DuckDB
        self.extracted: Path | None = None  # where zip members are copied for DuckDB to read
        # While a reading thread runs beside the writing (_read_and_check_alongside): the event that
        # stops it, and where it hands each file DuckDB read whole (name, local path, rows read).
        self.stop_reading: threading.Event | None = None
        self.hand_over: Callable[[str, str, int], None] | None = None
        self.clock = _Clock()
        self.result = ImportResult(run, [])

    def execute(self, found: Any) -> None:
        self.run.status = ImportStatus.RUNNING
        self.run.save(update_fields=["status"])
        if found.is_nested:
            message = "holds the CSV files in a sub-folder; HUD expects them at the top level of the zip"
            self.log.add(issue("FMT-20", found.name, message))
        if duck_engine.is_chosen(found, list(self.models.values())) and self._execute_in_duck(found):
            return
        for model in self.models.values():
            staging.create(model)
        self.staged = True
        self._read(found)
        self.progress.step("Checking keys, references and households", READ_SHARE)
        self._check()
        if self.log.has_rejecting:
            self.finish(ImportStatus.REJECTED)
            return
        self.progress.step("Writing", READ_SHARE + CHECK_SHARE)
        self.clock.start("writing")
        self.finish(ImportStatus.IMPORTED, self._write())

    def _execute_in_duck(self, found: Any) -> bool:
        """Stage the import in DuckDB and write it into Hearth's empty tables as it is read.

        The import's transaction begins first, holding the turn to write, and Hearth is found
        empty inside it; a thread of its own reads every file into DuckDB and checks the stage,
        while this one copies each clean file into its table as soon as it is read
        (duck_write.EmptyHearthWriter).  When anything rejects, the transaction is rolled back:
        nothing stays written.  False (nothing done) when Hearth holds records by this import's
        turn: then it is staged in PostgreSQL.
        """
        with ExitStack() as stack:
            stack.callback(self._leave_duck)
            self.duck = stack.enter_context(duck_stage.opened())
            self.extracted = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="hearth-csv-")))
            for model in self.models.values():
                duck_stage.create_stage(self.duck, model)
            duck_stage.create_targets(self.duck, self.models)
            try:
                written = self._load_empty_hearth(found, self.duck)
            except _Rejected:
                self.finish(ImportStatus.REJECTED)
                return True
            if written is None:
                return False
        self.finish(ImportStatus.IMPORTED, written.counts)
        return True

    def _load_empty_hearth(self, found: Any, duck: duckdb.DuckDBPyConnection) -> duck_write.Written | None:
        """The transaction of ``_execute_in_duck``: None when Hearth is not empty (nothing written);
        raises ``_Rejected`` (everything rolled back) when the checks reject."""
        with transaction.atomic():
            staging.lock_for_writing()
            if not duck_engine.hearth_is_empty(list(self.models.values())):
                return None
            staging.check_constraints_per_statement()
            writer = duck_write.EmptyHearthWriter(
                duck, self.models, files_are_sources=len(found.exports) == 1
            )
            with writer.keys_aside():
                self._read_and_check_alongside(found, writer)
                if self.log.has_rejecting:
                    raise _Rejected
                self.clock.start("writing")
                written = writer.finish(self.read)
            logger.debug(
                "Import %s: written from DuckDB %s (files copied as they are: %s; %s search keys)",
                self.run.pk,
                written.seconds,
                written.copied_files,
                written.search_keys,
            )
            staging.check_constraints_at_commit()
            self._record_import(written.counts)
        return written

    def _leave_duck(self) -> None:
        self.duck = None
        self.extracted = None

    def _read_and_check_alongside(self, found: Any, writer: duck_write.EmptyHearthWriter) -> None:
        """Read and check in a thread of its own (DuckDB), copying each clean file as it comes.

        The reading thread never touches this transaction: the progress it stores goes through a
        connection of its own (so the page shows it while the import runs), and it hands each
        clean file over through ``ready``.  An error on either side stops both and is raised here.
        """
        ready: queue.Queue[duck_write.FileCopy | BaseException | None] = queue.Queue()
        is_stopped = threading.Event()

        def hand_over(file_name: str, path: str, read: int) -> None:
            file = writer.file_copy(file_name, path, read)
            if file is not None:
                ready.put(file)

        def read_and_check() -> None:
            try:
                self._read(found)
                self.progress.step("Checking keys, references and households", READ_SHARE)
                self._check()
                if not self.log.has_rejecting:
                    assert self.extracted is not None
                    writer.prepare_search_keys(self.extracted)
                self.progress.step("Writing", READ_SHARE + CHECK_SHARE)
                ready.put(None)
            except BaseException as error:  # handed to the writing thread, which raises it
                ready.put(error)
            finally:
                connections.close_all()  # this thread's own connection

        self.progress.is_best_effort = True
        self.stop_reading, self.hand_over = is_stopped, hand_over
        reading = threading.Thread(target=read_and_check, name=f"import {self.run.pk} reading", daemon=True)
        reading.start()
        try:
            while (item := ready.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                writer.copy_file(item)
        finally:
            is_stopped.set()
            reading.join()
            self.progress.is_best_effort = False
            self.stop_reading = self.hand_over = None

    def _read(self, found: Any) -> None:
        self.progress.start_reading(found.size)
        self.clock.start("reading")
        reading = (
            nullcontext(None)
            if self.duck is not None
            else read_workers.for_source(
                found, models_by_file=self.models, log=self.log, progress=self.progress, tally=self.tally
            )
        )
        with reading as self.workers:
            for index, folder in enumerate(found.exports):
                plan = plan_export(index, folder, self.log)
                self.plans.append(plan)
                if plan.is_readable:
                    for file_name in WRITE_ORDER:
                        self._read_file(plan, file_name)
            if self.workers is not None:
                self.workers.finish()
        self.workers = None

    def _check(self) -> None:
        self.clock.start("checking")
        engine = check_engines.DjangoEngine() if self.duck is None else check_engines.DuckEngine(self.duck)
        validation_staged.check(StagedImport(self.models, self.plans, engine), self.log)

    # --- reading ---------------------------------------------------------------------------

    def _read_file(self, plan: ExportPlan, file_name: str) -> None:
        if self.stop_reading is not None and self.stop_reading.is_set():
            raise _Stopped
        member = plan.member(file_name)
        derived = self.derived.pop((plan.index, file_name), [])
        if member is None:
            if plan.is_expected(file_name):
                message = (
                    "is missing; every file of an export must be present, with its header, even when empty"
                )
                self.log.add(issue("FMT-01", plan.path(file_name), message, cannot_import=True))
            elif derived:
                self._stage_derived(plan, file_name, derived)
            return
        task = self._task(plan, file_name, member.path)
        if self.workers is not None and self.workers.takes(member, plan):
            self.workers.read(member, task)
            return
        self.progress.step(f"Reading {member.path}")
        if self.duck is not None and plan.is_current and not derived and self._read_in_duck(member, task):
            return
        header_of = None if plan.is_current else (lambda header: plan.upgrade_header(file_name, header))
        with import_files.opened(member, task, self.log, self.progress.add_bytes, header_of) as found:
            if found is not None:
                rows, reader = found
                upgrade = None if plan.is_current else self._upgrade(plan, file_name, reader, rows.header)
                self._stage(
                    task, import_files.staged_rows(task, reader, rows, self.log, self.tally(task), upgrade)
                )
        if derived:
            self._stage_derived(plan, file_name, derived)

    def _read_in_duck(self, member: CsvMember, task: FileTask) -> bool:
        """Read a file in DuckDB when every row of it is clean (duck_rows); False: read it in Python."""
        assert self.duck is not None
        assert self.extracted is not None
        path = duck_engine.local_csv(member, self.extracted)
        rows = duck_rows.stage_clean_file(self.duck, path, task, self.models[task.file_name])
        if rows is None:
            return False
        self.tally(task).rows += rows
        if self.hand_over is not None and not self.log.has_rejecting:
            self.hand_over(task.file_name, path, self.tally(task).rows)
        self.progress.add_bytes(member.size)
        self.progress.store()
        return True

    def _task(self, plan: ExportPlan, file_name: str, path: str) -> FileTask:
        self.files_read += 1
        return FileTask(file_name, path, plan.index, plan.export_id, plan.hash_status, self.files_read)

    def tally(self, task: FileTask) -> import_files.Tally:
        return self.tallies.setdefault(task.file_name, import_files.Tally())

    def _stage_derived(
        self, plan: ExportPlan, file_name: str, derived: list[tuple[int, dict[str, str]]]
    ) -> None:
        """Rows an older export implies (FY2022 Project -> HMISParticipation), numbered as their source."""
        header = [c.name for c in plan.columns(file_name)]
        task = self._task(plan, file_name, plan.path(file_name))
        reader = FileReader(file_name, task.path, plan.columns(file_name), header, plan.hash_status)
        rows = ((number, [row.get(name, "") for name in header]) for number, row in derived)
        self._stage(task, import_files.staged_rows(task, reader, rows, self.log, self.tally(task)))

    def _upgrade(
        self, plan: ExportPlan, file_name: str, reader: FileReader, raw_header: list[str] | None
    ) -> import_files.Upgrade:
        """An older export's row as FY2026 cells, keeping the rows it implies for later files."""
        header = raw_header or []

        def upgrade(number: int, cells: list[str]) -> list[str] | None:
            if len(cells) != len(header):
                message = f"has {len(cells)} values; the header has {len(header)} columns"
                self.log.add(issue("FMT-01", reader.path, message, row=number, cannot_import=True))
                return None
            upgraded, implied = plan.upgrade(file_name, header, cells)
            for other_file, other_row in implied:
                self.derived.setdefault((plan.index, other_file), []).append((number, other_row))
            if upgraded is None:
                return None
            return [upgraded.get(name, "") for name in reader.header]

        return upgrade

    def _stage(self, task: FileTask, staged: Iterator[list[Any]]) -> None:
        model = self.models[task.file_name]
        fields = staging.stage_fields(model)
        while batch := list(islice(staged, STAGE_BATCH_ROWS)):
            if self.duck is None:
                staging.write(model, fields, batch)
            else:
                duck_rows.stage_rows(self.duck, model, batch)
            self.progress.store()

    @property
    def read(self) -> dict[str, int]:
        """Rows read per HUD file."""
        return {name: self.tallies[name].rows if name in self.tallies else 0 for name in self.models}

    # --- writing ---------------------------------------------------------------------------

    def _write(self) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = {}
        share = (1 - READ_SHARE - CHECK_SHARE) / len(WRITE_ORDER)
        with transaction.atomic():
            staging.lock_for_writing()
            staging.check_constraints_per_statement()
            referring = [
                m
                for m in self.models.values()
                if any(f.attname == "user_id" for f in m._meta.concrete_fields if f.is_relation)
            ]
            users_added = staging.add_missing_users(self.models["User.csv"], referring)
            changed_clients = staging.changed_keys(self.models["Client.csv"])
            read = self.read
            for done, file_name in enumerate(WRITE_ORDER):
                self.progress.step(f"Writing {file_name}", READ_SHARE + CHECK_SHARE + done * share)
                model = self.models[file_name]
                started = time.perf_counter()
                is_empty = not staging.has_rows(model)
                merged = staging.count(model)
                if is_empty and empty_table_load.is_worth_it(merged.staged):
                    with empty_table_load.indexes_made_after(model):
                        staging.merge(model, into_empty=True)
                elif merged.inserted or merged.updated or merged.deleted:
                    staging.merge(model, into_empty=is_empty)
                logger.debug(
                    "Import %s: %s merged in %.1f s", self.run.pk, file_name, time.perf_counter() - started
                )
                counts[file_name] = {
                    "read": read[file_name],
                    "inserted": merged.inserted,
                    "updated": merged.updated,
                    "unchanged": read[file_name] - merged.inserted - merged.updated - merged.deleted,
                    "deleted": merged.deleted,
                    "warnings": 0,
                }
            counts["User.csv"]["added_for_references"] = users_added
            started = time.perf_counter()
            import_clients.secure_and_index_clients(changed_clients)
            logger.debug(
                "Import %s: SSNs sealed, search keys renewed in %.1f s",
                self.run.pk,
                time.perf_counter() - started,
            )
            if any(plan.is_hashed for plan in self.plans):
                import_clients.merge_hashed_identifiers(self.models["Client.csv"])
            staging.check_constraints_at_commit()
            self._record_import(counts)
        return counts

    def _record_import(self, counts: dict[str, dict[str, int]]) -> None:
        record(
            AuditAction.IMPORT,
            actor=self.actor,
            object_type="interchange.ImportRun",
            object_id=str(self.run.pk),
            detail={
                "source": self.run.source_name,
                "exports": [p.export_id for p in self.plans],
                "counts": counts,
            },
        )

    # --- ending ----------------------------------------------------------------------------

    def finish(self, status: ImportStatus, counts: dict[str, dict[str, int]] | None = None) -> ImportResult:
        report = self.log.report()
        counts = counts or {
            name: {"read": n, "inserted": 0, "updated": 0, "unchanged": 0, "deleted": 0, "warnings": 0}
            for name, n in self.read.items()
        }
        for file_name, per_file in counts.items():
            per_file["warnings"] = sum(
                n for path, n in self.log.warnings_by_file.items() if path.rsplit("/", 1)[-1] == file_name
            )
        run = self.run
        run.status = status
        run.counts = counts
        run.finished_at = timezone.now()
        run.progress = 1.0
        run.phase = str(status.label)
        run.rejecting_count = self.log.rejecting
        run.warning_count = self.log.warnings
        run.export_ids = [p.export_id for p in self.plans if p.export_id]
        run.csv_version = ",".join(sorted({p.version for p in self.plans}))
        hashed = {p.hash_status for p in self.plans}
        run.hash_status = max(hashed) if hashed else None
        run.message = import_report.summary(status, self.log)
        run.timings = self.clock.stop()
        run.save()
        import_report.save_issues(run, report)
        if status == ImportStatus.REJECTED:
            record(
                AuditAction.IMPORT,
                actor=self.actor,
                object_type="interchange.ImportRun",
                object_id=str(run.pk),
                detail={"source": run.source_name, "status": status, "rejecting": self.log.rejecting},
            )
        self.result = ImportResult(run, report)
        return self.result

    def fail(self) -> None:
        ImportRun.objects.filter(pk=self.run.pk).update(
            status=ImportStatus.FAILED,
            finished_at=timezone.now(),
            message="The import stopped on an unexpected error; nothing was imported. The log has the error.",
        )

    def drop_staging(self) -> None:
        if self.staged and not connection.needs_rollback:
            for model in self.models.values():
                staging.drop(model)


class _Clock:
    """Seconds spent in each phase of an import (reading, checking, writing)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.phase = ""
        self.since = 0.0

    def start(self, phase: str) -> None:
        self.stop()
        self.phase, self.since = phase, time.perf_counter()

    def stop(self) -> dict[str, float]:
        if self.phase:
            self.seconds[self.phase] = round(time.perf_counter() - self.since, 2)
            self.phase = ""
        return self.seconds
