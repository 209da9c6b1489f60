"""Writing an import staged in DuckDB (duck_stage.py) into Hearth's empty PostgreSQL tables.

What the PostgreSQL merge does into an empty Hearth, done with one ``COPY`` per table: every staged
row is inserted (a soft-deleted one too, and counted as deleted), the UserIDs that neither User.csv
nor Hearth has get a User row of their own (REF-04), a hashed export's hashes go to
HashedClientIdentifiers, and a full SSN is sealed on its way in (Client.ssn gets the mask, the
SocialSecurityNumber vault the ciphertext), so no full SSN is ever written in the clear.

A file DuckDB read whole (``raw_files``) is copied as it is, its bytes streamed to ``COPY``, where
PostgreSQL provably reads from it the rows staged (duck_file_copy).  Every other table's rows
leave DuckDB as Arrow record batches, become CSV (pyarrow.csv: a NULL is an
empty field, an empty string ``""``, a timestamp carries ``Z``) and stream to PostgreSQL's ``COPY``;
memory holds a batch at a time.  Above ``empty_table_load.LOAD_ROWS_AT_LEAST`` rows, the foreign
keys, primary keys, unique constraints and indexes are set aside and made again after the load.

The caller (importer.py) runs ``write_into_empty_hearth`` inside the import's transaction, after
``staging.lock_for_writing()``, once the checks found nothing rejecting; then it renews the
written clients' search keys (``import_clients.index_clients(written.client_ids)``: their SSNs
are sealed already) and records the audit event.
"""

# ruff: noqa: S608 - statements are built from quoted identifiers and constants of this module;
# no value from the import is ever put into SQL text.

import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa
import pyarrow.csv as pa_csv
from django.db import connection, models
from psycopg import sql

from hearth.clients import ssn as client_ssn
from hearth.clients.models import SocialSecurityNumber
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
    the files copied as they are."""

    counts: dict[str, dict[str, int]]
    client_ids: list[str]
    seconds: dict[str, float] = field(default_factory=dict)
    copied_files: list[str] = field(default_factory=list)


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
    client = models_by_file["Client.csv"]
    staged = {name: _staged(duck, model) for name, model in models_by_file.items()}
    written = Written({}, [])
    raw_files = raw_files or {}
    is_zone_known = bool(raw_files) and duck_file_copy.zone_is_known()
    is_large = empty_table_load.is_worth_it(max(rows for rows, _deleted in staged.values()))
    with ExitStack() as keys_aside:
        if is_large:
            tables = [m._meta.db_table for m in [*models_by_file.values(), *_CLIENT_SIDE_TABLES]]
            aside = empty_table_load.foreign_keys_made_after(tables)
            keys_aside.enter_context(_timed(written, "foreign keys made again", aside))
        for file_name in WRITE_ORDER:
            model = models_by_file[file_name]
            rows, deleted = staged[file_name]
            path = raw_files.get(file_name) if is_zone_known else None
            copy = _file_copy(duck, model, file_name, path, rows=rows, read=read)
            if copy is not None:
                written.copied_files.append(file_name)
            else:
                query = _users_query(models_by_file) if file_name == "User.csv" else _stage_query(model)
                copy = _arrow_copy(duck, model, _columns(model), query)
            copied = _load(written, model, copy, rows=rows, keys_aside=is_large)
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
                _seal_ssns(duck, written, client, rows=rows, keys_aside=is_large)
                hashed = _arrow_copy(
                    duck, HashedClientIdentifiers, list(_HASHED_SELECT), _hashed_query(client)
                )
                _load(written, HashedClientIdentifiers, hashed, rows=0, keys_aside=False)
    written.client_ids = [
        key for (key,) in duck.execute(f"SELECT personal_id FROM {_stage(client)}").fetchall()
    ]
    return written


# Tables of clients' data that an import writes apart from the HUD files.
_CLIENT_SIDE_TABLES: tuple[type[models.Model], ...] = (SocialSecurityNumber, HashedClientIdentifiers)
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


def _stage_query(model: type[models.Model]) -> str:
    """The staged rows as the model's columns; a client's SSN masked (its full number is sealed
    apart: ``_seal_ssns``), as ``ssn.seal_plaintext`` leaves it after the PostgreSQL merge."""
    expressions = []
    for column in _columns(model):
        if model._meta.label == "clients.Client" and column == "ssn":
            mask = client_ssn.MASK
            expressions.append(
                f"CASE WHEN ssn IS NULL OR starts_with(ssn, '{mask}') THEN ssn "
                f"ELSE '{mask}' || substr(ssn, 6, 4) END"
            )
        else:
            expressions.append(_quote(column))
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


def _file_copy(
    duck: duckdb.DuckDBPyConnection,
    model: type[models.Model],
    file_name: str,
    path: str | None,
    *,
    rows: int,
    read: dict[str, int],
) -> Callable[[], int] | None:
    """The COPY of the file itself, when it gives exactly the staged rows (duck_file_copy); else None."""
    if path is None or file_name in NEVER_COPIED_AS_FILES or read.get(file_name) != rows:
        return None
    columns = duck_file_copy.file_columns(file_name, model)
    if columns is None or duck_file_copy.has_repeated_times(duck, model):
        return None
    table = model._meta.db_table

    def copy() -> int:
        copied = duck_file_copy.copy_file(table, columns, path)
        if copied != rows:
            raise RuntimeError(f"{file_name}: {copied} rows copied from the file, {rows} staged")
        return copied

    return copy


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
