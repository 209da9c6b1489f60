"""Progress of an import: told to a callback (the command's progress bar) and stored on the ImportRun.

Reading takes the first three quarters of the bar, in proportion to the bytes read; checking and
writing share the rest.  The callback hears every move; the run is stored only when the importer
says it may (``store``, between the batches it writes: never while a COPY is streaming on the
connection) and at most twice a second.  While the final transaction runs, PostgreSQL shows other
sessions the last value stored before it began.  An import staged in DuckDB reads in a thread of
its own beside its transaction (importer.py): that thread stores progress through its own
connection, committed at once, and ``is_best_effort``: a store that cannot be made within
``LOCK_TIMEOUT`` is logged and skipped rather than wait on the import's own locks.
"""

import logging
import time
from collections.abc import Callable

from django.db import DatabaseError, connection, transaction

from hearth.interchange.models import ImportRun

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[float, str], None]
READ_SHARE, CHECK_SHARE = 0.75, 0.10
STORE_EVERY_SECONDS = 0.5
LOCK_TIMEOUT = "2s"


class Progress:
    def __init__(self, run: ImportRun, callback: ProgressCallback | None) -> None:
        self.run = run
        self.callback = callback
        self.fraction = 0.0
        self.phase = ""
        self.total_bytes = 0
        self.bytes_read = 0
        self.stored_at = 0.0
        self.is_best_effort = False

    def start_reading(self, total_bytes: int) -> None:
        self.total_bytes = max(total_bytes, 1)

    def add_bytes(self, count: int) -> None:
        self.bytes_read += count
        self._tell(READ_SHARE * min(self.bytes_read / self.total_bytes, 1.0))

    def step(self, phase: str, fraction: float | None = None) -> None:
        """A new phase; stored at once (call it only when the connection is free)."""
        self.phase = phase
        self._tell(self.fraction if fraction is None else fraction)
        self.store(force=True)

    def store(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self.stored_at >= STORE_EVERY_SECONDS:
            self.stored_at = now
            if self.is_best_effort:
                self._store_best_effort()
            else:
                self._store()

    def _store(self) -> None:
        ImportRun.objects.filter(pk=self.run.pk).update(
            progress=round(self.fraction, 4), phase=self.phase[:200]
        )

    def _store_best_effort(self) -> None:
        try:
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute(f"SET LOCAL lock_timeout TO '{LOCK_TIMEOUT}'")
                self._store()
        except DatabaseError:
            logger.warning("Import %s: progress not stored", self.run.pk, exc_info=True)

    def _tell(self, fraction: float) -> None:
        self.fraction = max(self.fraction, fraction)
        if self.callback is not None:
            self.callback(self.fraction, self.phase)
