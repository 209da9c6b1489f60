"""The PostgreSQL export path: PostgreSQL formats the rows as CSV lines and streams them in blocks.

The SELECT applies the same HUD formats as export_format.py (quoted strings without < > [ ] { },
YYYY-MM-DD dates, local YYYY-MM-DD hh:mm:ss timestamps, two-decimal money), so the bytes equal
those of the Python path; rows never become Python objects, and Python handles blocks of lines,
not rows, which keeps the export at the speed of a raw COPY of the tables.
"""

import uuid
from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter

from django.db import connections
from django.db.models import CharField, DecimalField, Expression, F, Func, QuerySet, Value
from psycopg import sql

from hearth.hud.columndefs import Column
from hearth.interchange.export_format import FORBIDDEN_CHARACTERS

ALIAS = "hud_c{}"
FORBIDDEN_BYTES = FORBIDDEN_CHARACTERS.encode("ascii")
BLOCK_ROWS = 4096  # lines fetched at a time: about a megabyte of HMIS CSV
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

    PostgreSQL writes each row as its CSV line, as ``COPY ... (FORMAT csv, FORCE_QUOTE)`` of the
    string columns would: a string in double quotes with its quotes doubled, other values as
    their text, NULL as nothing.  The lines are fetched in blocks from a cursor, so Python does
    no work per row (``COPY TO`` hands over one message per row).  The characters < > [ ] { }
    are stripped from the CSV text as it streams (FMT-06): they are ASCII, so they never occur
    inside another UTF-8 character, and only strings can hold them.
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
    cursor_name = sql.Identifier(f"hearth_export_rows_{uuid.uuid4().hex}")
    statement = sql.SQL("DECLARE {} NO SCROLL CURSOR FOR SELECT {} FROM ({}) AS q").format(
        cursor_name, _csv_line(aliases, columns), sql.SQL(select)
    )
    fetch = sql.SQL("FETCH FORWARD {} FROM {}").format(sql.Literal(BLOCK_ROWS), cursor_name)
    count = 0
    with connections[using].cursor() as cursor:
        cursor.execute("SET LOCAL DateStyle TO 'ISO, YMD'")  # for this transaction only
        # Every row is read: plan the cursor for all of them, not for the first tenth (the default).
        cursor.execute("SET LOCAL cursor_tuple_fraction TO 1.0")
        if index_probes:
            cursor.execute("SET LOCAL enable_seqscan TO off")
        raw = cursor.cursor  # psycopg's own cursor under Django's wrapper
        raw.execute(statement, params)
        while True:
            raw.execute(fetch)
            lines = raw.fetchall()
            if not lines:
                break
            count += len(lines)
            write("".join(map(itemgetter(0), lines)).encode("utf-8").translate(None, FORBIDDEN_BYTES))
        raw.execute(sql.SQL("CLOSE {}").format(cursor_name))
        if index_probes:
            cursor.execute("SET LOCAL enable_seqscan TO on")
    return count


def _csv_line(aliases: Sequence[str], columns: Sequence[Column]) -> sql.Composable:
    """The SQL of one CSV line (with its line feed) of the aliased columns of ``q``."""
    values = []
    for alias, column in zip(aliases, columns, strict=True):
        value = sql.Identifier("q", alias)
        if column.type_code == "S":
            text = sql.SQL("""'"' || replace({}, '"', '""') || '"'""").format(value)
        else:
            text = sql.SQL("{}::text").format(value)
        values.append(sql.SQL("coalesce({}, '')").format(text))
    return sql.SQL(" || ',' || ").join([*values[:-1], sql.SQL("{} || E'\\n'").format(values[-1])])
