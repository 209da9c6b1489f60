"""The PostgreSQL export path: PostgreSQL formats the rows and streams them with ``COPY ... TO STDOUT``.

The SELECT applies the same HUD formats as export_format.py (quoted strings without < > [ ] { },
YYYY-MM-DD dates, local YYYY-MM-DD hh:mm:ss timestamps, two-decimal money), so the bytes equal
those of the Python path; rows never become Python objects, which keeps the export close to the
speed of a raw COPY of the tables.
"""

from collections.abc import Callable, Sequence

from django.db import connections
from django.db.models import CharField, DecimalField, F, Func, QuerySet, Value
from psycopg import sql

from hearth.hud.columndefs import Column
from hearth.interchange.export_format import FORBIDDEN_CHARACTERS

ALIAS = "hud_c{}"
BlockWriter = Callable[[bytes], object]


def _expression(column: Column, export_id: str, zone: str) -> Func | F | Value:
    if column.name == "ExportID":
        return Value(export_id, output_field=CharField())
    field = F(column.field)
    if column.type_code == "S":
        return Func(
            field, Value(FORBIDDEN_CHARACTERS), Value(""), function="translate", output_field=CharField()
        )
    if column.type_code == "I":
        return field
    if column.type_code == "D":
        return Func(field, Value("YYYY-MM-DD"), function="to_char", output_field=CharField())
    if column.type_code == "T":
        local = Func(field, Value(zone), arg_joiner=" AT TIME ZONE ", template="(%(expressions)s)")
        return Func(local, Value("YYYY-MM-DD HH24:MI:SS"), function="to_char", output_field=CharField())
    if column.type_code in ("M", "M+"):
        return Func(field, Value(2), function="round", output_field=DecimalField())
    raise ValueError(f"{column.file} {column.name}: unknown HUD data type {column.type_code!r}.")


def copy_csv(
    rows: QuerySet,
    columns: Sequence[Column],
    *,
    export_id: str,
    zone: str,
    write: BlockWriter,
    using: str = "default",
) -> int:
    """Stream the formatted rows of ``rows`` (without header) to ``write``; returns the row count."""
    aliases = [ALIAS.format(i) for i in range(len(columns))]
    formatted = rows.annotate(
        **{a: _expression(c, export_id, zone) for a, c in zip(aliases, columns, strict=True)}
    ).values_list(*aliases)
    select, params = formatted.query.sql_with_params()
    quoted = [sql.Identifier(a) for a, c in zip(aliases, columns, strict=True) if c.type_code == "S"]
    options: sql.Composable = sql.SQL("FORMAT csv")
    if quoted:
        options = sql.SQL("FORMAT csv, FORCE_QUOTE ({})").format(sql.SQL(", ").join(quoted))
    statement = sql.SQL("COPY ({}) TO STDOUT WITH ({})").format(sql.SQL(select), options)
    with connections[using].cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor under Django's wrapper
        with raw.copy(statement, params) as copy:
            for block in copy:
                write(bytes(block))
        return max(raw.rowcount, 0)
