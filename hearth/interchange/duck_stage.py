"""Staging an import in DuckDB: the tables an import into an empty Hearth is read, checked and written from.

An import into a Hearth whose HUD tables are all empty (a first load from another HMIS: the
largest import an installation makes) stages its rows in a DuckDB database of its own instead of
PostgreSQL's temporary tables.  DuckDB reads and checks CSV files column by column on every core,
and the merge into empty tables needs no join with what Hearth holds, so the rows then go to
PostgreSQL with one ``COPY`` per table.

The DuckDB tables mirror the PostgreSQL ones, name for name and column for column:

* ``hearth_stage_<table>``: the staging table of a HUD model (``staging.stage_fields`` columns:
  bookkeeping, the model's columns, and for clients the hashed identifiers);
* ``<table>``: an empty copy of the model's own table, so that the checks' "already in Hearth"
  halves find nothing, as they would in PostgreSQL.

The cross-file checks run on these tables unchanged (``check_engines.DuckEngine``).  They read no
Hearth table but the HUD models' own: every foreign key of a HUD model points at another HUD model,
and the checks' SQL names only staging tables and those (on DuckDB any other name would fail, as no
other table is there).  ``duck_engine`` stages in DuckDB only when every one of those tables is
empty; ``create_targets`` still copies Hearth's User records (``access_hmisuser``, of which Hearth
makes one on an account's first use of a HUD record), so that REF-04 would find on DuckDB exactly
the UserIDs it finds on PostgreSQL should that condition ever be loosened.

Timestamps are held as ``TIMESTAMP`` in UTC (DuckDB's naive timestamps), never in local time.
The database lives in a temporary folder, with a memory limit, so memory stays bounded whatever
the size of the import; it is deleted when the import ends.
"""

import datetime as dt
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import duckdb
from django.db import connection as hearth_connection
from django.db import models

from hearth.interchange import staging

# DuckDB's buffer pool: what it holds in memory before it spills to its file.
MEMORY_LIMIT = "512MB"


@contextmanager
def opened() -> Iterator[duckdb.DuckDBPyConnection]:
    """A DuckDB database in a temporary folder, deleted on exit."""
    with tempfile.TemporaryDirectory(prefix="hearth-import-") as folder:
        connection = duckdb.connect(os.path.join(folder, "stage.duckdb"))
        try:
            connection.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
            connection.execute(f"SET temp_directory = '{os.path.join(folder, 'spill')}'")
            connection.execute("SET preserve_insertion_order = true")
            yield connection
        finally:
            connection.close()


def duck_type(field: models.Field) -> str:
    """The DuckDB type of a model field's column (a foreign key holds its target's key)."""
    if field.is_relation:
        return "VARCHAR"
    kind = field.get_internal_type()
    if kind in ("CharField", "TextField"):
        return "VARCHAR"
    if kind in ("PositiveSmallIntegerField", "SmallIntegerField"):
        return "SMALLINT"
    if kind in ("PositiveIntegerField", "IntegerField"):
        return "INTEGER"
    if kind in ("BigIntegerField", "PositiveBigIntegerField"):
        return "BIGINT"
    if kind == "DateField":
        return "DATE"
    if kind == "DateTimeField":
        return "TIMESTAMP"  # UTC
    if kind == "DecimalField":
        return f"DECIMAL({field.max_digits}, {field.decimal_places})"  # type: ignore[attr-defined]
    if kind == "BooleanField":
        return "BOOLEAN"
    raise ValueError(f"No DuckDB type for {field!r} ({kind})")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def stage_columns(model: type[models.Model]) -> list[tuple[str, str]]:
    """(column, DuckDB type) of ``model``'s staging table, in ``staging.stage_fields`` order."""
    stage = staging.stage_model(model)
    columns = []
    for name in staging.stage_fields(model):
        field = stage._meta.get_field(name)
        assert isinstance(field, models.Field)  # a staging model has no reverse relations
        column = field.column
        assert column is not None
        columns.append((column, "BIGINT" if name == "stage_seq" else duck_type(field)))
    return columns


def create_stage(connection: duckdb.DuckDBPyConnection, model: type[models.Model]) -> None:
    """The (empty) staging table of ``model``, named as in PostgreSQL."""
    listed = ", ".join(f"{_quote(c)} {t}" for c, t in stage_columns(model))
    connection.execute(f"CREATE OR REPLACE TABLE {_quote(staging.stage_table(model))} ({listed})")


def create_target(connection: duckdb.DuckDBPyConnection, model: type[models.Model]) -> None:
    """An empty copy of ``model``'s table (Hearth holds none of its rows when DuckDB stages)."""
    listed = ", ".join(f"{_quote(staging.column_of(f))} {duck_type(f)}" for f in model._meta.concrete_fields)
    connection.execute(f"CREATE OR REPLACE TABLE {_quote(model._meta.db_table)} ({listed})")


def create_targets(
    connection: duckdb.DuckDBPyConnection, models_by_file: dict[str, type[models.Model]]
) -> None:
    """Hearth's tables as an import into an empty Hearth finds them: empty, but for the User records
    Hearth holds (see above)."""
    for model in models_by_file.values():
        create_target(connection, model)
    users = models_by_file["User.csv"]
    copy_from_hearth(
        connection, users._meta.db_table, [staging.column_of(f) for f in users._meta.concrete_fields]
    )


def copy_from_hearth(connection: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str]) -> int:
    """Copy ``columns`` of Hearth's ``table`` (or a staging table of this session) into the DuckDB
    table of the same name; returns the rows copied.  For small tables: the rows pass through Python."""
    listed = ", ".join(_quote(c) for c in columns)
    with hearth_connection.cursor() as cursor:
        cursor.execute(f"SELECT {listed} FROM {_quote(table)}")  # noqa: S608 - quoted identifiers only
        rows = [utc_row(row) for row in cursor.fetchall()]
    if rows:
        marks = ", ".join("?" for _ in columns)
        connection.executemany(f"INSERT INTO {_quote(table)} ({listed}) VALUES ({marks})", rows)  # noqa: S608
    return len(rows)


def utc_row(row: Iterable[Any]) -> tuple[Any, ...]:
    """A row from PostgreSQL as DuckDB holds it: aware timestamps in UTC, without their zone."""
    return tuple(
        value.astimezone(dt.UTC).replace(tzinfo=None)
        if isinstance(value, dt.datetime) and value.tzinfo is not None
        else value
        for value in row
    )
