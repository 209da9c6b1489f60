"""Writing an import staged in DuckDB (duck_stage.py) into Hearth's empty PostgreSQL tables.

What the PostgreSQL merge does into an empty Hearth, done with one ``COPY`` per table: every staged
row is inserted (a soft-deleted one too, and counted as deleted), the UserIDs that neither User.csv
nor Hearth has get a User row of their own (REF-04), a hashed export's hashes go to
HashedClientIdentifiers, and a full SSN is sealed on its way in (Client.ssn gets the mask, the
SocialSecurityNumber vault the ciphertext), so no full SSN is ever written in the clear.

A file DuckDB read whole is copied as it is, its bytes streamed to ``COPY``, where PostgreSQL
provably reads from it the rows staged (duck_file_copy).  Every other table's rows leave DuckDB as
Arrow record batches, become CSV (pyarrow.csv: a NULL is an empty field, an empty string ``""``, a
timestamp carries ``Z``) and stream to PostgreSQL's ``COPY``; memory holds a batch at a time.
Every foreign key of the loaded tables is set aside for the whole load, and above
``empty_table_load.LOAD_ROWS_AT_LEAST`` rows a table's primary key, unique constraints and
indexes too, made again right after its COPY.

The importer (importer.py) makes an ``EmptyHearthWriter`` inside the import's transaction, after
``staging.lock_for_writing()`` has found Hearth empty, and before reading: each clean file is
copied while DuckDB reads the next (``copy_file``); after the checks the reading thread computes
the clients' search keys from the stage (``prepare_search_keys``); once nothing rejects,
``finish`` copies the rest, keys included; then the importer records the audit event.  A rejected
import rolls the transaction back: nothing stays written.  ``write_into_empty_hearth`` does the
copying at once, for a stage already read and checked; its caller renews the search keys
(``import_clients.index_clients(written.client_ids)``: the SSNs are sealed already).
"""

# ruff: noqa: S608 - statements are built from quoted identifiers and constants of this module;
# no value from the import is ever put into SQL text.

import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import duckdb
import psycopg
import pyarrow as pa
import pyarrow.csv as pa_csv
from django.db import DatabaseError, connection, models, transaction
from psycopg import sql

from hearth.clients import search_keys
from hearth.clients import ssn as client_ssn
from hearth.clients.models import ClientSearchKey, SocialSecurityNumber
from hearth.interchange import duck_file_copy, empty_table_load, staging
from hearth.interchange.duck_stage import _quote
from hearth.interchange.import_files import EXPORT_FILE, WRITE_ORDER
from hearth.interchange.models import HashedClientIdentifiers
from hearth.interchange.staging import HASH_COLUMNS, HASHED_PREFIX

logger = logging.getLogger(__name__)

# Rows per Arrow batch: what the writing holds in memory at once (a few MB of CSV).
BATCH_ROWS = 50_000
# Batches formatted ahead of the one being sent.
BATCHES_AHEAD = 4
CSV_OPTIONS = pa_csv.WriteOptions(include_header=False, quoting_style="needed", batch_size=BATCH_ROWS)
# Files whose written rows are not the file's: SSNs masked and sealed, hashes set apart (Client),
# users added for references (User), the export's own row (Export).
NEVER_COPIED_AS_FILES = frozenset({EXPORT_FILE, "User.csv", "Client.csv"})


@dataclass
class Written:
    """What ``write_into_empty_hearth`` did: the run's counts per file, as the PostgreSQL merge
    gives them, the clients written (for ``import_clients.index_clients``), seconds per step, and
    the files copied as they are, and the search keys written, if any."""

    counts: dict[str, dict[str, int]]
    client_ids: list[str]
    seconds: dict[str, float] = field(default_factory=dict)
    copied_files: list[str] = field(default_factory=list)
    search_keys: int | None = None  # keys written (``prepare_search_keys``); None: none written


def write_into_empty_hearth(
    duck: duckdb.DuckDBPyConnection,
    models_by_file: dict[str, type[models.Model]],
    read: dict[str, int],
    raw_files: dict[str, str] | None = None,
) -> Written:
    """Copy every checked stage table of ``duck`` into Hearth's tables, which must all be empty.

    ``models_by_file``: the model of each HUD file; ``read``: the rows read per file (the run's
    ``read`` count); ``raw_files``: the local path of each file DuckDB read whole, when it is its
    stage table's only source (an import of one export).  Runs in the caller's transaction; an
    error leaves every table as it was.
    """
    writer = EmptyHearthWriter(duck, models_by_file, files_are_sources=bool(raw_files))
    with writer.keys_aside():
        for file_name, path in (raw_files or {}).items():
            file = writer.file_copy(file_name, path, read.get(file_name, 0))
            if file is not None:
                writer.copy_file(file)
        written = writer.finish(read)
    return written


@dataclass(frozen=True)
class FileCopy:
    """A clean file to copy as it is: its HUD name, local path, rows, and whether it holds a quoted
    empty value (duck_file_copy.has_quoted_empty)."""

    name: str
    path: str
    rows: int
    has_quoted_empty: bool


class EmptyHearthWriter:
    """One load of Hearth's empty tables from ``duck``'s stage tables, in the caller's transaction.

    ``keys_aside`` holds every foreign key of the loaded tables out until the load ends;
    ``copy_file`` copies a clean file as it is, as soon as DuckDB has read it (while it reads the
    next: the importer's reading runs in a thread of its own); ``finish`` copies every other
    table from DuckDB and gives the run's counts.  Only the thread that owns the transaction calls
    ``copy_file`` and ``finish``; ``file_copy`` reads DuckDB and the file only, and is the reading
    thread's.
    """

    def __init__(
        self,
        duck: duckdb.DuckDBPyConnection,
        models_by_file: dict[str, type[models.Model]],
        *,
        files_are_sources: bool,
    ) -> None:
        self.duck = duck
        self.models = models_by_file
        self.written = Written({}, [])
        self.copied: dict[str, int] = {}  # file name -> rows copied from the file itself
        self.search_keys: tuple[Path, int] | None = None  # COPY text of the keys, and how many
        # A file is copied as it is only when it is its stage table's only source (one export)
        # and PostgreSQL can read its local times as Hearth does.
        self.files_are_sources = files_are_sources and duck_file_copy.zone_is_known()

    @contextmanager
    def keys_aside(self) -> Iterator[None]:
        """Every foreign key of the loaded tables out while inside, made again on leaving."""
        tables = [m._meta.db_table for m in [*self.models.values(), *_CLIENT_SIDE_TABLES]]
        with _timed(
            self.written, "foreign keys made again", empty_table_load.foreign_keys_made_after(tables)
        ):
            yield

    def file_copy(self, file_name: str, path: str, read: int) -> FileCopy | None:
        """The COPY of the file itself, when it gives exactly its stage table (all of it read,
        staged whole, and no time of it in a repeated fall-back hour); else None."""
        if not self.files_are_sources or file_name in NEVER_COPIED_AS_FILES:
            return None
        model = self.models[file_name]
        rows, _deleted = _staged(self.duck, model)
        if rows != read or duck_file_copy.file_columns(file_name, model) is None:
            return None
        if duck_file_copy.has_repeated_times(self.duck, model):
            return None
        return FileCopy(file_name, path, rows, duck_file_copy.has_quoted_empty(path))

    def copy_file(self, file: FileCopy) -> bool:
        """COPY the file into its empty table (``file`` from ``file_copy``).

        The file is copied before the checks have run: one that PostgreSQL refuses (a key twice,
        which the checks will report) is rolled back to before its COPY, and False returned; then
        ``finish`` copies its rows from DuckDB, should the checks find nothing to reject."""
        model = self.models[file.name]
        columns = duck_file_copy.file_columns(file.name, model)
        assert columns is not None
        table = model._meta.db_table

        def copy() -> int:
            copied = duck_file_copy.copy_file(table, columns, file.path, force_null=file.has_quoted_empty)
            if copied != file.rows:
                raise RuntimeError(f"{file.name}: {copied} rows copied from the file, {file.rows} staged")
            return copied

        try:
            with transaction.atomic():
                _load(self.written, model, copy, rows=file.rows, keys_aside=True)
        except (DatabaseError, psycopg.Error) as error:  # the COPY itself runs on psycopg's cursor
            logger.info("%s not copied as it is: %s", file.name, error)
            return False
        self.copied[file.name] = file.rows
        self.written.copied_files.append(file.name)
        return True

    def prepare_search_keys(self, folder: Path) -> None:
        """Compute the live clients' search keys from the stage into a file in ``folder`` (the reading
        thread's, after the checks, while this transaction still copies files): the keys
        search_keys.rebuild would compute from the clients written; ``finish`` copies them."""
        client = self.models["Client.csv"]
        query = (
            f"SELECT personal_id, first_name, last_name, dob, {_MASKED_SSN} FROM {_stage(client)} "
            "WHERE date_deleted IS NULL ORDER BY personal_id"
        )
        batches = self.duck.sql(query).to_arrow_reader(BATCH_ROWS)
        clients = (
            row for batch in batches for row in zip(*(c.to_pylist() for c in batch.columns), strict=True)
        )
        path, count = folder / "search-keys.copy", 0
        with path.open("wb") as keys:
            for keyed in search_keys.keyed_batches(clients):
                keys.write(search_keys.copy_text(keyed))
                count += sum(len(client_keys) for _client, client_keys in keyed)
        self.search_keys = (path, count)

    def finish(self, read: dict[str, int]) -> Written:
        """Copy every table not copied from its file, from DuckDB; the counts of the whole load."""
        client = self.models["Client.csv"]
        written = self.written
        for file_name in WRITE_ORDER:
            model = self.models[file_name]
            rows, deleted = _staged(self.duck, model)
            copied = self.copied.get(file_name)
            if copied is None:
                is_user = file_name == "User.csv"
                query = _users_query(self.models) if is_user else _stage_query(model)
                copy = _arrow_copy(self.duck, model, _columns(model), query)
                copied = _load(written, model, copy, rows=rows, keys_aside=not is_user)
            elif copied != rows:  # the stage changed after its file was copied
                raise RuntimeError(f"{file_name}: {copied} rows copied from the file, {rows} staged")
            written.counts[file_name] = {
                "read": read.get(file_name, 0),
                "inserted": rows - deleted,
                "updated": 0,
                "unchanged": read.get(file_name, 0) - rows,
                "deleted": deleted,
                "warnings": 0,
            }
            if file_name == "User.csv":
                written.counts[file_name]["added_for_references"] = copied - rows
            if file_name == "Client.csv":
                _seal_ssns(self.duck, written, client, rows=rows, keys_aside=True)
                hashed = _arrow_copy(
                    self.duck, HashedClientIdentifiers, list(_HASHED_SELECT), _hashed_query(client)
                )
                _load(written, HashedClientIdentifiers, hashed, rows=0, keys_aside=False)
                if self.search_keys is not None:
                    path, count = self.search_keys
                    copy = partial(
                        _copy_text_file, ClientSearchKey._meta.db_table, ["client_id", "key"], path
                    )
                    _load(written, ClientSearchKey, copy, rows=count, keys_aside=True)
                    written.search_keys = count
        written.client_ids = [
            key for (key,) in self.duck.execute(f"SELECT personal_id FROM {_stage(client)}").fetchall()
        ]
        return written


# Tables of clients' data that an import writes apart from the HUD files.
_CLIENT_SIDE_TABLES: tuple[type[models.Model], ...] = (
    SocialSecurityNumber,
    HashedClientIdentifiers,
    ClientSearchKey,
)
# HashedClientIdentifiers' columns, from the staged Client row (import_clients.merge_hashed_identifiers).
_HASHED_SELECT = {
    "client_id": "personal_id",
    "hash_status": f"{HASHED_PREFIX}status",
    **{name: f"{HASHED_PREFIX}{name}" for name in HASH_COLUMNS},
    "date_updated": "date_updated",
    "export_id": "export_id",
}
# An SSN with a known digit among its first five (hearth/clients/ssn.py seals only those).
_FULL_SSN = (
    f"ssn IS NOT NULL AND NOT starts_with(ssn, '{client_ssn.MASK}') "
    "AND regexp_matches(substr(ssn, 1, 5), '[0-9]')"
)


def _stage(model: type[models.Model]) -> str:
    return _quote(staging.stage_table(model))


def _columns(model: type[models.Model]) -> list[str]:
    return [staging.column_of(f) for f in model._meta.concrete_fields]


def _has(model: type[models.Model], column: str) -> bool:
    return column in _columns(model)


def _staged(duck: duckdb.DuckDBPyConnection, model: type[models.Model]) -> tuple[int, int]:
    """(rows staged, rows staged soft-deleted): what the merge into an empty table inserts and
    counts as deleted (staging.count)."""
    deleted = "COUNT(date_deleted)" if _has(model, "date_deleted") else "0"
    found = duck.execute(f"SELECT COUNT(*), {deleted} FROM {_stage(model)}").fetchall()[0]
    assert found is not None
    return int(found[0]), int(found[1])


# A client's SSN as Hearth stores it: masked (its full number is sealed apart: ``_seal_ssns``), as
# ``ssn.seal_plaintext`` leaves it after the PostgreSQL merge.
_MASKED_SSN = (
    f"CASE WHEN ssn IS NULL OR starts_with(ssn, '{client_ssn.MASK}') THEN ssn "
    f"ELSE '{client_ssn.MASK}' || substr(ssn, 6, 4) END"
)


def _stage_query(model: type[models.Model]) -> str:
    """The staged rows as the model's columns; a client's SSN masked (``_MASKED_SSN``)."""
    expressions = [
        _MASKED_SSN if model._meta.label == "clients.Client" and column == "ssn" else _quote(column)
        for column in _columns(model)
    ]
    return f"SELECT {', '.join(expressions)} FROM {_stage(model)}"


def _users_query(models_by_file: dict[str, type[models.Model]]) -> str:
    """User.csv's rows, then a User holding only the UserID for every UserID the staged rows use
    that User.csv lacks (REF-04; staging.add_missing_users)."""
    user = models_by_file["User.csv"]
    columns = _columns(user)
    used = " UNION ALL ".join(
        f"SELECT user_id, date_created, date_updated, export_id FROM {_stage(m)}"
        for m in models_by_file.values()
        if any(f.attname == "user_id" for f in m._meta.concrete_fields if f.is_relation)
    )
    added = {
        "user_id": "u.user_id",
        "date_created": "MIN(u.date_created)",
        "date_updated": "MAX(u.date_updated)",
        "export_id": "MIN(u.export_id)",
    }
    return (
        f"({_stage_query(user)}) "
        f"UNION ALL (SELECT {', '.join(added.get(c, 'NULL') for c in columns)} FROM ({used}) AS u "
        f"WHERE u.user_id IS NOT NULL AND u.user_id NOT IN (SELECT user_id FROM {_stage(user)} "
        "WHERE user_id IS NOT NULL) GROUP BY u.user_id ORDER BY u.user_id)"
    )


def _hashed_query(client: type[models.Model]) -> str:
    expressions = ", ".join(_HASHED_SELECT.values())
    return f"SELECT {expressions} FROM {_stage(client)} WHERE {HASHED_PREFIX}status IS NOT NULL"


def _arrow_copy(
    duck: duckdb.DuckDBPyConnection, model: type[models.Model], columns: list[str], query: str
) -> Callable[[], int]:
    """The COPY of ``query``'s rows, formatted as CSV from Arrow batches."""
    return lambda: _copy(model._meta.db_table, columns, duck.sql(query).to_arrow_reader(BATCH_ROWS))


def _load(
    written: Written, model: type[models.Model], copy: Callable[[], int], *, rows: int, keys_aside: bool
) -> int:
    """Run ``copy`` into ``model``'s table, its keys and indexes set aside when worth it; returns
    the rows copied."""
    aside = keys_aside and empty_table_load.is_worth_it(rows)
    table = model._meta.db_table
    started = time.perf_counter()
    with empty_table_load.indexes_made_after(model, with_keys=True) if aside else _nothing():
        copied = copy()
        written.seconds[f"{table} copy"] = time.perf_counter() - started
        started = time.perf_counter()
    if aside:
        written.seconds[f"{table} keys and indexes"] = time.perf_counter() - started
    logger.debug("%s: %d rows copied in %.1f s", table, copied, written.seconds[f"{table} copy"])
    return copied


def _copy(table: str, columns: list[str], batches: Iterable[pa.RecordBatch]) -> int:
    """Stream Arrow batches into ``table`` as CSV through COPY; returns the rows written.

    A thread reads and formats the next batches (DuckDB and pyarrow let go of the GIL) while this
    one sends the last to PostgreSQL; at most ``BATCHES_AHEAD`` wait in memory.
    """
    statement = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT csv)").format(
        sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    )
    ready: queue.Queue[tuple[memoryview, int] | BaseException | None] = queue.Queue(BATCHES_AHEAD)
    is_stopped = threading.Event()

    def produce() -> None:
        try:
            for batch in batches:
                if is_stopped.is_set():
                    return
                ready.put((_csv(batch), batch.num_rows))
            ready.put(None)
        except BaseException as error:  # handed to the writing thread, which raises it
            ready.put(error)

    producer = threading.Thread(target=produce, name=f"duck_write {table}", daemon=True)
    producer.start()
    copied = 0
    try:
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            while (item := ready.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                data, rows = item
                copy.write(data)
                copied += rows
    finally:
        is_stopped.set()
        while producer.is_alive():  # let a producer blocked on a full queue end
            with contextlib.suppress(queue.Empty):
                ready.get(timeout=0.1)
        producer.join()
    return copied


def _copy_text_file(table: str, columns: list[str], path: Path) -> int:
    """Stream a file of COPY text into ``table``; returns the rows written."""
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    )
    with connection.cursor() as wrapper:
        with path.open("rb") as stream, wrapper.cursor.copy(statement) as copy:
            while block := stream.read(duck_file_copy.BLOCK_BYTES):
                copy.write(block)
        return int(wrapper.cursor.rowcount)


def _csv(batch: pa.RecordBatch) -> memoryview:
    """A batch as CSV: DuckDB's timestamps are UTC without a zone, so they get one (``Z``), and
    whole seconds when none has a fraction (shorter text for PostgreSQL to parse)."""
    for index, kind in enumerate(batch.schema.types):
        if pa.types.is_timestamp(kind) and kind.tz is None:
            column = batch.column(index)
            try:
                utc = column.cast(pa.timestamp("s", tz="UTC"))
            except pa.ArrowInvalid:  # a fraction of a second, kept
                utc = column.cast(pa.timestamp(kind.unit, tz="UTC"))
            batch = batch.set_column(index, batch.schema.field(index).with_type(utc.type), utc)
    sink = pa.BufferOutputStream()
    pa_csv.write_csv(batch, sink, CSV_OPTIONS)
    return memoryview(sink.getvalue())


def _seal_ssns(
    duck: duckdb.DuckDBPyConnection,
    written: Written,
    client: type[models.Model],
    *,
    rows: int,
    keys_aside: bool,
) -> None:
    """Encrypt the staged full SSNs into the SocialSecurityNumber vault (ssn.seal_plaintext's rule)."""
    started = time.perf_counter()
    aside = keys_aside and empty_table_load.is_worth_it(rows)
    query = f"SELECT personal_id, ssn FROM {_stage(client)} WHERE {_FULL_SSN}"
    with empty_table_load.indexes_made_after(SocialSecurityNumber, with_keys=True) if aside else _nothing():
        batches = duck.sql(query).to_arrow_reader(BATCH_ROWS)
        sealed = (
            pa.RecordBatch.from_arrays(
                [batch.column(0), pa.array(client_ssn.encrypt_many(batch.column(1).to_pylist()))],
                names=["client_id", "ciphertext"],
            )
            for batch in batches
        )
        _copy(SocialSecurityNumber._meta.db_table, ["client_id", "ciphertext"], sealed)
    written.seconds[f"{SocialSecurityNumber._meta.db_table} sealed"] = time.perf_counter() - started


@contextmanager
def _nothing() -> Iterator[None]:
    yield


@contextmanager
def _timed(written: Written, step: str, inner: AbstractContextManager[None]) -> Iterator[None]:
    with inner:
        yield
        started = time.perf_counter()
    written.seconds[step] = time.perf_counter() - started
