"""Writing the export's zip on a second thread, so compressing overlaps reading from the database.

The thread that reads rows hands over blocks of about a megabyte through a short queue; the
writer thread alone touches the zip file (zlib and the file writes release the GIL, so the two
threads run at once).  The queue bounds the memory held to a few blocks.  An error on the
writer thread is raised on the reading thread at its next write, or when the zip is closed.
"""

import contextlib
import queue
import threading
import zipfile
from typing import IO

BLOCK_BYTES = 1 << 20
QUEUE_BLOCKS = 4
_BEGIN, _DATA, _END, _STOP = "begin", "data", "end", "stop"


class ZipWriter:
    """A zip archive whose members are written in order: ``begin(name)``, ``write(...)``, ``end()``."""

    def __init__(self, target: str | IO[bytes], *, compresslevel: int) -> None:
        self.archive = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel)
        self.commands: queue.Queue[tuple[str, bytes | str]] = queue.Queue(maxsize=QUEUE_BLOCKS)
        self.error: BaseException | None = None
        self.parts: list[bytes] = []
        self.size = 0
        self.thread = threading.Thread(target=self._run, name="hmis-csv-zip", daemon=True)
        self.thread.start()

    def begin(self, name: str) -> None:
        self._put(_BEGIN, name)

    def write(self, data: bytes) -> None:
        self.parts.append(data)
        self.size += len(data)
        if self.size >= BLOCK_BYTES:
            self._flush()

    def end(self) -> None:
        self._flush()
        self._put(_END, b"")

    def close(self) -> None:
        """Finish the archive; raises what went wrong on the writer thread, if anything did."""
        self._put(_STOP, b"")
        self.thread.join()
        self.archive.close()
        if self.error is not None:
            raise self.error

    def abandon(self) -> None:
        """Stop the writer after an error (the archive is incomplete and will be discarded).

        The error that stopped the export is the one to report, so a second one while closing
        the broken archive is left out.
        """
        self.commands.put((_STOP, b""))
        self.thread.join()
        with contextlib.suppress(OSError, ValueError):
            self.archive.close()

    def _flush(self) -> None:
        if self.parts:
            self._put(_DATA, b"".join(self.parts))
            self.parts, self.size = [], 0

    def _put(self, command: str, payload: bytes | str) -> None:
        if self.error is not None:
            raise self.error
        self.commands.put((command, payload))

    def _run(self) -> None:
        member: IO[bytes] | None = None
        while True:
            command, payload = self.commands.get()
            if command == _STOP:
                return
            if self.error is not None:
                continue  # drain the queue so the reading thread never blocks on it
            try:
                if command == _BEGIN:
                    member = self.archive.open(str(payload), "w")
                elif command == _DATA and member is not None:
                    member.write(payload if isinstance(payload, bytes) else payload.encode())
                elif command == _END and member is not None:
                    member.close()
                    member = None
            except BaseException as problem:  # handed over to the reading thread
                self.error = problem
