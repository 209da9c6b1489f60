"""Reading one file of one export into staging rows: the same code in the importing process and in
the worker processes that read large files beside it (read_workers).

A ``FileTask`` is what the reading needs to know about the export (picklable, for a worker);
``opened`` checks the header, ``staged_rows`` turns the file's rows into staging rows, adding
every problem to the log given.  ``stage_seq`` numbers rows in the order they arrive: each file
read takes the range above ``first_seq`` (its ordinal in the import shifted by ``SEQ_BITS``), so
files read at the same time in several processes keep the order they have in the export.
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import count
from typing import Any

from hearth.hud.generated.columns import FILES
from hearth.interchange import import_clients, staging
from hearth.interchange.import_exports import columns_of
from hearth.interchange.reader import ByteCounter, CsvMember, CsvRows, RowError
from hearth.interchange.staging import HASH_COLUMNS
from hearth.interchange.validation import IssueLog, issue
from hearth.interchange.validation_rows import FileReader

EXPORT_FILE = "Export.csv"
# The order files are read and written in: users first (every record names its UserID), then the
# spec's order, parents before children.
WRITE_ORDER = [EXPORT_FILE, "User.csv", *(f.name for f in FILES if f.name not in (EXPORT_FILE, "User.csv"))]
SEQ_BITS = 32  # rows of one file at most (about four billion)

# An older export's row as FY2026 cells (None: it makes no row of this file); reports its own problems.
Upgrade = Callable[[int, list[str]], list[str] | None]


@dataclass(frozen=True)
class FileTask:
    """One file of one export to read."""

    file_name: str  # the HUD file name: "Enrollment.csv"
    path: str  # as the report names it: "Enrollment.csv", "rrh/Enrollment.csv"
    export_index: int  # the export's position in the batch
    export_id: str | None  # the ExportID of its Export.csv row
    hash_status: int
    ordinal: int  # the file's place in the order of reading (stage_seq above ordinal << SEQ_BITS)

    @property
    def first_seq(self) -> int:
        return self.ordinal << SEQ_BITS


@contextmanager
def opened(
    member: CsvMember,
    task: FileTask,
    log: IssueLog,
    on_bytes: ByteCounter | None = None,
    header_of: Callable[[list[str]], list[str]] | None = None,
) -> Iterator[tuple[CsvRows, FileReader] | None]:
    """The file's rows and its reader, or None when it cannot be read (the reason is logged).

    ``header_of`` maps an older export's header onto FY2026 columns."""
    try:
        rows = member.rows(on_bytes)
    except RowError as error:
        message = f"{error.message}; the file was not read"
        log.add(issue("FMT-01", member.path, message, row=error.row, cannot_import=True))
        yield None
        return
    with rows:
        if rows.header is None:
            log.add(
                issue("FMT-01", member.path, "is empty; its first row must be the header", cannot_import=True)
            )
            yield None
            return
        header = rows.header if header_of is None else header_of(rows.header)
        reader = FileReader(task.file_name, member.path, columns_of(task.file_name), header, task.hash_status)
        log.extend(reader.header_issues)
        yield rows, reader


@dataclass
class Tally:
    rows: int = 0  # rows read (converted and checked), whether or not they could be staged


def staged_rows(
    task: FileTask,
    reader: FileReader,
    rows: Iterable[tuple[int, list[str]]],
    log: IssueLog,
    tally: Tally,
    upgrade: Upgrade | None = None,
) -> Iterator[list[Any]]:
    """Staging rows of one file (``staging.stage_fields`` order); problems go to ``log``."""
    export_at = reader.position["ExportID"]
    is_client = task.file_name == "Client.csv"
    is_hashed_client = is_client and task.hash_status != 1
    ssn_at = len(staging.BOOKKEEPING) + reader.position.get("SSN", 0)
    checks_export_id = task.file_name != EXPORT_FILE
    seq = count(task.first_seq + 1)
    try:
        for number, cells in rows:
            if upgrade is not None:
                upgraded = upgrade(number, cells)
                if upgraded is None:
                    continue
                cells = upgraded
            values, problems = reader.read(number, cells)
            tally.rows += 1
            log.extend(problems)
            if values is None:
                continue
            if checks_export_id and values[export_at] is not None and values[export_at] != task.export_id:
                message = f"is not the ExportID of this export's Export.csv ({task.export_id})"
                found = issue(
                    "FMT-11", reader.path, message, row=number, column="ExportID", value=values[export_at]
                )
                log.add(found)
            staged = [next(seq), task.export_index, number, *values]
            if is_hashed_client:
                staged = import_clients.hashed_client(staged, reader.position, task.hash_status)
            elif is_client:
                staged = import_clients.partial_ssn_masked(staged, ssn_at)
                staged += [None] * (len(HASH_COLUMNS) + 1)
            yield staged
    except RowError as error:
        message = f"{error.message}; the rest of the file was not read"
        log.add(issue("FMT-01", reader.path, message, row=error.row, cannot_import=True))
