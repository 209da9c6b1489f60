"""Loading many rows into an empty table: its indexes and foreign keys are made again afterwards.

An import into an empty Hearth (a first load from another HMIS, the largest import an
installation makes) writes millions of rows into tables with up to eight indexes and three
foreign keys each.  Row by row, PostgreSQL updates every index and runs one foreign-key check
per reference; building an index over the loaded table and checking a foreign key with one join
is several times faster.  So, on PostgreSQL and above ``LOAD_ROWS_AT_LEAST`` rows, the table's
plain indexes and its foreign keys are dropped before the insert and made again, exactly as the
catalog defined them, after it.  The primary key and unique constraints stay (the insert needs
them), and so does every constraint of other tables.

A load that is only a ``COPY`` of rows already checked unique (the DuckDB engine, duck_write.py)
sets aside the keys as well: ``foreign_keys_made_after`` takes out every foreign key on the tables
it loads, then ``indexes_made_after(model, with_keys=True)`` drops the primary key and unique
constraints too, with the foreign keys of other tables to it (a primary key cannot go while
another table's foreign key needs it).  A
btree built by one sort is several times faster than millions of inserts at random places in it.

All of it runs inside the import's transaction, so an error leaves the table as it was.  Dropping
an index takes the table's ACCESS EXCLUSIVE lock until the import commits: other sessions wait to
read that (empty) table meanwhile.
"""

# Statements hold names and definitions read from PostgreSQL's catalog; no value from the import
# is ever put into SQL text.

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import connection, models

LOAD_ROWS_AT_LEAST = 100_000
INDEX_BUILD_MEMORY = "256MB"
FOREIGN_KEY_CHECK_MEMORY = "64MB"


def is_worth_it(rows: int) -> bool:
    return connection.vendor == "postgresql" and rows >= LOAD_ROWS_AT_LEAST


@contextmanager
def indexes_made_after(model: type[models.Model], *, with_keys: bool = False) -> Iterator[None]:
    """Drop ``model``'s plain indexes and foreign keys, let the caller load it, then make them again.

    ``with_keys`` drops its primary key and unique constraints as well (made again first), and the
    foreign keys of other tables to it (made again last).
    """
    table = model._meta.db_table
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index AS x "
            "JOIN pg_class AS i ON i.oid = x.indexrelid WHERE x.indrelid = %s::regclass "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c WHERE c.conindid = x.indexrelid) "
            "ORDER BY i.relname",
            [quote(table)],
        )
        indexes = cursor.fetchall()
        keys: list[tuple[str, str]] = []
        if with_keys:
            # The primary key first when made again: the other indexes need not wait for it, but
            # its NOT NULL columns are what the table was defined with.
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype IN ('p', 'u') "
                "ORDER BY contype, conname",
                [quote(table)],
            )
            keys = cursor.fetchall()
    # Its own foreign keys; with its keys, every other table's foreign key to it as well (an empty
    # Hearth's SSN vault, case notes...: those tables are locked until the transaction ends).
    made_again = _foreign_keys_of([table], referring=with_keys)
    _drop_constraints(made_again)
    with connection.cursor() as cursor:
        for name, _definition in keys:
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    with connection.cursor() as cursor:
        # Sorting for an index build in memory rather than on disk (for this transaction only).
        cursor.execute(f"SET LOCAL maintenance_work_mem TO '{INDEX_BUILD_MEMORY}'")
        for name, definition in keys:
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
        for _name, definition in indexes:
            cursor.execute(definition)
    _add_constraints(made_again)


@contextmanager
def foreign_keys_made_after(tables: Iterable[str]) -> Iterator[None]:
    """Drop every foreign key on ``tables``, let the caller load them, then make the foreign keys
    again (each checked over the loaded rows with one join).

    Another table's foreign key to one of them stays, unless the load sets aside that table's
    primary key (``indexes_made_after(with_keys=True)`` takes it out then, and makes it again with
    the key): a small table keeps its key, and the tables that refer to it stay readable (Hearth's
    accounts name their HUD User record and acting agency; every page reads the accounts).
    """
    foreign_keys = _foreign_keys_of(tables)
    _drop_constraints(foreign_keys)
    yield
    _add_constraints(foreign_keys)


def _foreign_keys_of(tables: Iterable[str], *, referring: bool = False) -> list[tuple[str, str, str]]:
    """(table, name, definition) of the foreign keys on ``tables`` (and, with ``referring``, of the
    foreign keys of any table to them)."""
    quote = connection.ops.quote_name
    names = [quote(t) for t in tables]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND (conrelid = ANY(%s::regclass[]) "
            "OR (%s AND confrelid = ANY(%s::regclass[]))) ORDER BY conrelid::regclass::text, conname",
            [names, referring, names],
        )
        return cursor.fetchall()


def _drop_constraints(constraints: list[tuple[str, str, str]]) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, name, _definition in constraints:
            # ``table`` is regclass text: already quoted where it needs to be.
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")


def _add_constraints(constraints: list[tuple[str, str, str]]) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if constraints:
            # Checking a foreign key is one join over the loaded rows: hashed in memory rather than
            # in batches on disk (for this transaction only).
            cursor.execute(f"SET LOCAL work_mem TO '{FOREIGN_KEY_CHECK_MEMORY}'")
        for table, name, definition in constraints:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}")
