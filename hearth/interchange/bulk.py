"""Bulk writes of many rows into one model's table, inside the caller's transaction.

``copy_rows(Model, fields, rows)`` streams rows into the table without going through the ORM one
object at a time: PostgreSQL ``COPY ... FROM STDIN`` (psycopg 3), and on SQLite a parameterised
``INSERT`` run with ``executemany`` in batches.  Rows hold raw column values in the order of
``fields``: a foreign key is given by its target's primary key (field ``client`` or ``client_id``
takes the PersonalID), dates as ``datetime.date``, money as ``Decimal``, timestamps as aware
datetimes, and ``None`` for NULL.  Columns not named are left NULL, so every non-nullable column
must be listed (Django's field defaults are not applied here).

``copy_text(rows)`` formats rows as the text ``COPY`` reads, for a process without a connection
(the import's worker processes), and ``copy_formatted(Model, fields, data)`` streams such text in.

Nothing is committed here: run it inside ``transaction.atomic()`` so that a failure leaves nothing
half-written.  The rows are not validated; callers make rows that obey the model (the demo
generator and the import staging both check their data before writing).
"""

import re
from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import connections, models
from django.db.backends.base.base import BaseDatabaseWrapper

SQLITE_BATCH_ROWS = 2000

Adapter = Callable[[Any], Any]


class BulkWriteError(ValueError):
    """The request cannot be written as asked (unknown field, wrong row width...)."""


def copy_rows(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    using: str = "default",
) -> int:
    """Write ``rows`` into ``model``'s table; returns the number of rows written."""
    columns = [_concrete_field(model, name) for name in fields]
    if not columns:
        raise BulkWriteError(f"No fields given for {model.__name__}.")
    if len({_column_name(c) for c in columns}) != len(columns):
        raise BulkWriteError(f"A field is named twice in {list(fields)} for {model.__name__}.")
    connection = connections[using]
    table = model._meta.db_table
    names = [_column_name(c) for c in columns]
    if connection.vendor == "postgresql":
        return _copy_postgresql(connection, table, names, rows)
    return _insert_batches(connection, table, columns, rows)


def _concrete_field(model: type[models.Model], name: str) -> models.Field:
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        by_attname = {f.attname: f for f in model._meta.concrete_fields}
        if name not in by_attname:
            raise BulkWriteError(f"{model.__name__} has no field {name!r}.") from None
        found = by_attname[name]
    if not isinstance(found, models.Field) or not found.concrete or found.many_to_many:
        raise BulkWriteError(f"{model.__name__}.{name} is not a column.")
    return found


def _column_name(field: models.Field) -> str:
    assert field.column is not None  # concrete fields always have a column
    return field.column


def _checked(rows: Iterable[Sequence[Any]], width: int) -> Iterable[Sequence[Any]]:
    for number, row in enumerate(rows, start=1):
        if len(row) != width:
            raise BulkWriteError(f"Row {number} has {len(row)} values; {width} fields were named.")
        yield row


def _copy_postgresql(
    connection: BaseDatabaseWrapper, table: str, names: list[str], rows: Iterable[Sequence[Any]]
) -> int:
    from psycopg import sql

    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(n) for n in names)
    )
    count = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor under Django's wrapper
        with raw.copy(statement) as copy:
            for row in _checked(rows, len(names)):
                copy.write_row(row)
                count += 1
    return count


def _insert_batches(
    connection: BaseDatabaseWrapper,
    table: str,
    columns: list[models.Field],
    rows: Iterable[Sequence[Any]],
) -> int:
    quote = connection.ops.quote_name
    statement = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - identifiers quoted, values bound
        quote(table), ", ".join(quote(_column_name(c)) for c in columns), ", ".join(["%s"] * len(columns))
    )
    adapters = [_sqlite_adapter(connection, c) for c in columns]
    adapting = [(i, a) for i, a in enumerate(adapters) if a is not None]
    count = 0
    checked = iter(_checked(rows, len(columns)))
    with connection.cursor() as cursor:
        while batch := list(islice(checked, SQLITE_BATCH_ROWS)):
            if adapting:
                batch = [_adapt(row, adapting) for row in batch]
            cursor.executemany(statement, batch)
            count += len(batch)
    return count


def _sqlite_adapter(connection: BaseDatabaseWrapper, field: models.Field) -> Adapter | None:
    """How a Python value becomes what Django itself would store (aware datetimes -> naive UTC)."""
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    return None


def _adapt(row: Sequence[Any], adapting: list[tuple[int, Adapter]]) -> list[Any]:
    values = list(row)
    for index, adapter in adapting:
        values[index] = adapter(values[index])
    return values


_COPY_SPECIAL = re.compile(r"[\\\t\n\r]")
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_text(rows: Iterable[Sequence[Any]]) -> bytes:
    """Rows in PostgreSQL's COPY text format, UTF-8: what psycopg's ``write_row`` sends for the
    same values (None, text, whole numbers, ``Decimal``, dates and aware datetimes in ISO form)."""
    lines = []
    for row in rows:
        # Text needs escaping only when it holds a backslash, tab, line feed or carriage return:
        # rare, and found on the whole line at once (each NULL adds one backslash, each column but
        # the last one tab).
        line = "\t".join(["\\N" if v is None else v if type(v) is str else str(v) for v in row])
        if (
            line.count("\\") != row.count(None)
            or line.count("\t") != len(row) - 1
            or "\n" in line
            or "\r" in line
        ):
            line = "\t".join([copy_value(value) for value in row])
        lines.append(line)
    lines.append("")
    return "\n".join(lines).encode()


def copy_value(value: Any) -> str:
    if value is None:
        return "\\N"
    if type(value) is str:
        return value.translate(_COPY_ESCAPES) if _COPY_SPECIAL.search(value) else value
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value)  # int, Decimal; date and datetime as ISO 8601 (with a space before the time)


def copy_formatted(
    model: type[models.Model], fields: Sequence[str], data: bytes, *, using: str = "default"
) -> None:
    """Stream rows already in COPY text format (``copy_text``) into ``model``'s table (PostgreSQL)."""
    from psycopg import sql

    connection = connections[using]
    if connection.vendor != "postgresql":
        raise BulkWriteError("Rows in COPY text format are written on PostgreSQL only.")
    names = [_column_name(_concrete_field(model, name)) for name in fields]
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(model._meta.db_table), sql.SQL(", ").join(sql.Identifier(n) for n in names)
    )
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        copy.write(data)
