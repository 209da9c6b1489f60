"""The PostgreSQL export path: PostgreSQL formats the rows and streams them with ``COPY ... TO STDOUT``.

The SELECT applies the same HUD formats as export_format.py (quoted strings without < > [ ] { },
YYYY-MM-DD dates, local YYYY-MM-DD hh:mm:ss timestamps, two-decimal money), so the bytes equal
those of the Python path; rows never become Python objects, which keeps the export close to the
speed of a raw COPY of the tables.
"""

from collections.abc import Callable, Mapping, Sequence

from django.db import connections
from django.db.models import CharField, DecimalField, Expression, F, Func, QuerySet, Value
from psycopg import sql

from hearth.hud.columndefs import Column
from hearth.interchange.export_format import FORBIDDEN_CHARACTERS

ALIAS = "hud_c{}"
FORBIDDEN_BYTES = FORBIDDEN_CHARACTERS.encode("ascii")
BLOCK_ROWS = 4096  # about a megabyte of HMIS CSV
BlockWriter = Callable[[bytes], object]


def _expression(column: Column, export_id: str, zone: str) -> Func | F | Value:
    """The SQL that writes one column in its HUD format (DateStyle ISO, set by ``copy_csv``)."""
    if column.name == "ExportID":
        return Value(export_id, output_field=CharField())
    field = F(column.field)
    if column.type_code in ("S", "I", "D"):
        return field  # strings as they are (see copy_csv); digits; ISO dates are YYYY-MM-DD
    if column.type_code == "T":
        # Local wall-clock time, whole seconds: ISO text is YYYY-MM-DD hh:mm:ss.
        local = Func(field, Value(zone), arg_joiner=" AT TIME ZONE ", template="(%(expressions)s)")
        return Func(Value("second"), local, function="date_trunc", output_field=CharField())
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
    index_probes: bool = False,
    overrides: Mapping[str, Expression] | None = None,
) -> int:
    """Stream the formatted rows of ``rows`` (without header) to ``write``; returns the row count.

    The characters < > [ ] { } are stripped from the CSV text as it streams (FMT-06): they are
    ASCII, so they never occur inside another UTF-8 character, and only strings can hold them.
    ``index_probes`` makes PostgreSQL look rows up by index rather than read whole tables, for
    a query whose EXISTS probes usually stop at the first row (the users of an export).
    ``overrides`` gives the SQL of some string columns by CSV name (values made in Python).
    """
    aliases = [ALIAS.format(i) for i in range(len(columns))]
    chosen = dict(overrides or {})
    formatted = rows.annotate(
        **{
            a: chosen.get(c.name) or _expression(c, export_id, zone)
            for a, c in zip(aliases, columns, strict=True)
        }
    ).values_list(*aliases)
    select, params = formatted.query.sql_with_params()
    quoted = [sql.Identifier(a) for a, c in zip(aliases, columns, strict=True) if c.type_code == "S"]
    options: sql.Composable = sql.SQL("FORMAT csv")
    if quoted:
        options = sql.SQL("FORMAT csv, FORCE_QUOTE ({})").format(sql.SQL(", ").join(quoted))
    statement = sql.SQL("COPY ({}) TO STDOUT WITH ({})").format(sql.SQL(select), options)
    with connections[using].cursor() as cursor:
        cursor.execute("SET LOCAL DateStyle TO 'ISO, YMD'")  # for this transaction only
        if index_probes:
            cursor.execute("SET LOCAL enable_seqscan TO off")
        raw = cursor.cursor  # psycopg's own cursor under Django's wrapper
        parts: list[bytes] = []
        with raw.copy(statement, params) as copy:
            # psycopg hands over one row at a time: keep the loop minimal.  Copying each row out
            # of psycopg's buffer at once is cheaper than holding thousands of those buffers.
            for row in copy:
                parts.append(bytes(row))
                if len(parts) == BLOCK_ROWS:
                    write(b"".join(parts).translate(None, FORBIDDEN_BYTES))
                    parts = []
        write(b"".join(parts).translate(None, FORBIDDEN_BYTES))
        count = max(raw.rowcount, 0)
        if index_probes:
            cursor.execute("SET LOCAL enable_seqscan TO on")
        return count
