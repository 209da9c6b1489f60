"""The PostgreSQL side of a database snapshot: HUD tables COPYed out as CSV files, concurrently.

Contract: every table (and the SSN vault) is read in one exported PostgreSQL snapshot, so the
tables agree with each other even while Hearth keeps writing. Large tables are cut into ranges of
heap pages (``ctid`` ranges) so that the copies share out evenly over ``COPY_CONNECTIONS``
connections, each its own PostgreSQL backend; ``copies`` yields each finished piece while the
others are still being copied, so DuckDB reads one piece while PostgreSQL writes the next.

Inside a transaction (a test, or a caller's ``atomic`` block) other connections cannot see its
uncommitted rows, so the copies run one after another on the caller's own connection instead.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from psycopg import sql

COPY_CONNECTIONS = 2
CHUNK_PAGES = 16_000  # 125 MB of heap: Services (about 80,000 pages) goes out in five pieces


@dataclass(frozen=True)
class TableCopy:
    """One HUD table to copy: its database table and columns in HMIS CSV order, and which of
    those columns are timestamps (written as wall-clock time in ``time_zone``, to the second)."""

    stem: str
    db_table: str
    db_columns: list[str]
    is_timestamp: list[bool]

    def select_list(self) -> sql.Composable:
        # A timestamptz cast to timestamp is wall-clock time in the session's TimeZone, which
        # every copying session sets to time_zone: the same value as AT TIME ZONE, at less cost.
        return sql.SQL(", ").join(
            sql.SQL("date_trunc('second', {}::timestamp)").format(sql.Identifier(name))
            if is_timestamp
            else sql.Identifier(name)
            for name, is_timestamp in zip(self.db_columns, self.is_timestamp, strict=True)
        )


@dataclass(frozen=True)
class Piece:
    """A finished piece of a table's copy: a headerless CSV file."""

    stem: str
    path: Path


def copies(
    db: Any, tables: list[TableCopy], folder: Path, vault: tuple[str, str, str], time_zone: str
) -> Iterator[Piece | list[tuple[str, str]]]:
    """Copy ``tables`` into CSV files under ``folder``; yield each piece as soon as it is written.

    ``vault`` names the SSN vault (table, PersonalID column, ciphertext column); its rows are read
    in the same snapshot, decrypted, and yielded once as ``(PersonalID, SSN)`` pairs.
    """
    db.ensure_connection()
    if db.in_atomic_block:
        yield from _copies_in_transaction(db.connection, tables, folder, vault, time_zone)
        return
    with ExitStack() as stack:
        exporter = _open(db, stack)
        exporter.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        ((snapshot_id,),) = exporter.execute("SELECT pg_export_snapshot()").fetchall()
        jobs = _pieces(exporter, tables, folder)
        opened = threading.local()
        workers: list[Any] = []
        stack.callback(lambda: [connection.close() for connection in workers])

        def worker() -> Any:
            if not hasattr(opened, "connection"):
                opened.connection = _connect(db)
                workers.append(opened.connection)
                opened.connection.execute("SELECT set_config('TimeZone', %s, false)", [time_zone])
                opened.connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                opened.connection.execute(
                    sql.SQL("SET TRANSACTION SNAPSHOT {}").format(sql.Literal(snapshot_id))
                )
            return opened.connection

        pool = stack.enter_context(ThreadPoolExecutor(COPY_CONNECTIONS, thread_name_prefix="snapshot"))
        futures: list[Future[Any]] = [pool.submit(_read_vault, worker, vault)]
        futures += [pool.submit(_copy_piece, worker, query, piece) for query, piece in jobs]
        try:
            for future in as_completed(futures):
                yield future.result()
        finally:
            for future in futures:
                future.cancel()


def _copies_in_transaction(
    connection: Any, tables: list[TableCopy], folder: Path, vault: tuple[str, str, str], time_zone: str
) -> Iterator[Piece | list[tuple[str, str]]]:
    ((previous,),) = connection.execute("SELECT current_setting('TimeZone')").fetchall()
    connection.execute("SELECT set_config('TimeZone', %s, true)", [time_zone])
    try:
        pieces = [
            _copy_piece(lambda: connection, query, piece)
            for query, piece in _pieces(connection, tables, folder, None)
        ]
    finally:
        connection.execute("SELECT set_config('TimeZone', %s, true)", [previous])
    yield from pieces
    yield _read_vault(lambda: connection, vault)


def _open(db: Any, stack: ExitStack) -> Any:
    connection = _connect(db)
    stack.callback(connection.close)
    return connection


def _connect(db: Any) -> Any:
    connection = db.get_new_connection(db.get_connection_params())
    connection.autocommit = True
    return connection


def _pieces(
    connection: Any, tables: list[TableCopy], folder: Path, chunk_pages: int | None = CHUNK_PAGES
) -> list[tuple[sql.Composed, Piece]]:
    """The COPY statements, largest piece first so that the connections finish close together."""
    sized: list[tuple[int, sql.Composed, Piece]] = []
    for table in tables:
        ((pages,),) = connection.execute(
            "SELECT pg_relation_size(%s::regclass) / current_setting('block_size')::int", [table.db_table]
        ).fetchall()
        bounds = [0] if chunk_pages is None else list(range(0, max(int(pages), 1), chunk_pages))
        for index, start in enumerate(bounds):
            end = bounds[index + 1] if index + 1 < len(bounds) else None
            query = sql.SQL("COPY (SELECT {} FROM {}{}) TO STDOUT WITH (FORMAT csv)").format(
                table.select_list(), sql.Identifier(table.db_table), _page_range(start, end, len(bounds))
            )
            pages_in_piece = (end if end is not None else int(pages)) - start
            sized.append((pages_in_piece, query, Piece(table.stem, folder / f"{table.stem}.{index}.csv")))
    sized.sort(key=lambda item: -item[0])
    return [(query, piece) for _, query, piece in sized]


def _page_range(start: int, end: int | None, count: int) -> sql.Composable:
    """A heap-page range (a TID range scan): the last range is open, taking rows added since."""
    if count == 1:
        return sql.SQL("")
    lower = sql.SQL(" WHERE ctid >= {}::tid").format(sql.Literal(f"({start},0)"))
    if end is None:
        return lower
    return sql.SQL("{} AND ctid < {}::tid").format(lower, sql.Literal(f"({end},0)"))


def _copy_piece(connection_of: Callable[[], Any], query: sql.Composed, piece: Piece) -> Piece:
    connection = connection_of()
    with connection.cursor() as cursor, cursor.copy(query) as copy, piece.path.open("wb") as handle:
        for block in copy:
            handle.write(block)
    return piece


def _read_vault(connection_of: Callable[[], Any], vault: tuple[str, str, str]) -> list[tuple[str, str]]:
    from hearth.clients.ssn import decrypt

    table, personal_id, ciphertext = vault
    query = sql.SQL("SELECT {}, {} FROM {}").format(
        sql.Identifier(personal_id), sql.Identifier(ciphertext), sql.Identifier(table)
    )
    with connection_of().cursor() as cursor:
        cursor.execute(query)
        return [(client_id, decrypt(token)) for client_id, token in cursor.fetchall()]
