"""Loading many rows into an empty table: its indexes and foreign keys are made again afterwards.

An import into an empty Hearth (a first load from another HMIS, the largest import an
installation makes) writes millions of rows into tables with up to eight indexes and three
foreign keys each.  Row by row, PostgreSQL updates every index and runs one foreign-key check
per reference; building an index over the loaded table and checking a foreign key with one join
is several times faster.  So, on PostgreSQL and above ``LOAD_ROWS_AT_LEAST`` rows, the table's
plain indexes and its foreign keys are dropped before the insert and made again, exactly as the
catalog defined them, after it.  The primary key and unique constraints stay (the insert needs
them), and so does every constraint of other tables.

All of it runs inside the import's transaction, so an error leaves the table as it was.  Dropping
an index takes the table's ACCESS EXCLUSIVE lock until the import commits: other sessions wait to
read that (empty) table meanwhile.
"""

# Statements hold names and definitions read from PostgreSQL's catalog; no value from the import
# is ever put into SQL text.

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, models

LOAD_ROWS_AT_LEAST = 100_000
INDEX_BUILD_MEMORY = "256MB"


def is_worth_it(rows: int) -> bool:
    return connection.vendor == "postgresql" and rows >= LOAD_ROWS_AT_LEAST


@contextmanager
def indexes_made_after(model: type[models.Model]) -> Iterator[None]:
    """Drop ``model``'s plain indexes and foreign keys, let the caller load it, then make them again."""
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
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
            [quote(table)],
        )
        foreign_keys = cursor.fetchall()
        for name, _definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    with connection.cursor() as cursor:
        # Sorting for an index build in memory rather than on disk (for this transaction only).
        cursor.execute(f"SET LOCAL maintenance_work_mem TO '{INDEX_BUILD_MEMORY}'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for name, definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
