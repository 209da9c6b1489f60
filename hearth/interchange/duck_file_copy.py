"""Copying a clean HMIS CSV file as it is into Hearth's empty table, in place of its staged rows.

A file DuckDB read whole (``duck_rows.stage_clean_file``) staged exactly its values converted: a
file that is its header, then lines of values, commas and quotes, no value holding a quote, a
line break or a NUL; integers without leading zeros, ``YYYY-MM-DD`` dates, ``YYYY-MM-DD hh:mm:ss``
local times, HUD's amounts, texts as they are, every empty value (``,,`` or ``,"",``) NULL.
PostgreSQL reads the same values from the same bytes with
``COPY ... (FORMAT csv, HEADER true, FORCE_NULL (every column))``: the header line is skipped
(a byte order mark with it), a CRLF line ending is read as one, a quoted empty value becomes NULL
by FORCE_NULL, an unquoted one by the CSV format's NULL; so ``duck_write`` copies the file's bytes
instead of formatting the staged rows again, which costs PostgreSQL no more than a raw COPY.

Local times.  The file's times are local in settings.TIME_ZONE, and PostgreSQL reads them in its
session's TimeZone, set to that zone for the COPY.  A time that does not exist (the hour the
clocks skip) is read by both as Python's ``datetime`` reads it with fold 0 (the offset before the
change).  A time that comes twice (the hour repeated when the clocks go back) is read by Python
as the first instant, by PostgreSQL as the second: a table whose staged times include the first
instant of a repeated hour (``has_repeated_times``) keeps its staged rows.  Both sides take the
zone's rules from the IANA time zone database (Python's zoneinfo, PostgreSQL's own copy).

The file must be the stage table's only source: one export (a batch of exports keeps the latest
row per key), and not Client.csv, User.csv or Export.csv, whose written rows differ from the file's
(duck_write).
"""

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo

import duckdb
from django.conf import settings
from django.db import connection, models
from psycopg import sql
from psycopg.pq import TransactionStatus

from hearth.interchange import duck_stage, staging
from hearth.interchange.import_exports import columns_of

# Bytes per write to COPY, as benchmarks/bench_import.py's raw COPY sends them.
BLOCK_BYTES = 1 << 20
# Bytes per read when looking for a quoted empty value.
SCAN_BYTES = 1 << 24
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def file_columns(file_name: str, model: type[models.Model]) -> list[str] | None:
    """The table's columns in the file's order, or None when they are not exactly the model's."""
    columns = []
    for column in columns_of(file_name):
        field = model._meta.get_field(column.field)
        if not isinstance(field, models.Field):
            return None
        columns.append(staging.column_of(field))
    if sorted(columns) != sorted(staging.column_of(f) for f in model._meta.concrete_fields):
        return None
    return columns


def has_quoted_empty(path: str) -> bool:
    """Whether the file holds a quoted empty value (``""``), which ``FORCE_NULL`` reads as NULL as
    the staging does.  A clean file holds no quote inside a value (duck_rows), so ``""`` in it can
    only be a quoted empty value; without one, ``FORCE_NULL`` changes nothing and is left out (it
    costs PostgreSQL a seventh of a large file's COPY)."""
    with open(path, "rb") as stream:
        previous = b""
        while block := stream.read(SCAN_BYTES):
            if b'""' in previous[-1:] + block:
                return True
            previous = block
    return False


def has_repeated_times(duck: duckdb.DuckDBPyConnection, model: type[models.Model]) -> bool:
    """Whether a staged time of ``model`` is the first instant of a local time that comes twice
    in settings.TIME_ZONE (PostgreSQL would read the second)."""
    stamps = [duck_stage._quote(c) for c, kind in duck_stage.stage_columns(model) if kind == "TIMESTAMP"]
    if not stamps:
        return False
    table = duck_stage._quote(staging.stage_table(model))
    lows = ", ".join(f"min({c})" for c in stamps)
    highs = ", ".join(f"max({c})" for c in stamps)
    ((first, last),) = duck.execute(f"SELECT least({lows}), greatest({highs}) FROM {table}").fetchall()  # noqa: S608
    if first is None:
        return False
    windows = [
        (start, end)
        for year in range(first.year, last.year + 2)  # a change early in January repeats December's times
        for start, end in repeated_hours(settings.TIME_ZONE, year)
        if start <= last and end > first
    ]
    if not windows:
        return False
    inside = " OR ".join(f"({c} >= ? AND {c} < ?)" for c in stamps for _window in windows)
    parameters = [moment for _c in stamps for window in windows for moment in window]
    ((found,),) = duck.execute(
        f"SELECT EXISTS (SELECT 1 FROM {table} WHERE {inside})",  # noqa: S608
        parameters,
    ).fetchall()
    return bool(found)


@cache
def repeated_hours(zone_name: str, year: int) -> list[tuple[dt.datetime, dt.datetime]]:
    """The UTC instants (naive, as DuckDB holds them) ``[start, end)`` that Python gives, with
    fold 0, to the local times that come twice when the offset falls during ``year`` (UTC).

    When the offset falls from ``before`` to ``after`` at instant U, the local times
    ``[U + after, U + before)`` come twice; fold 0 reads them as ``[U - (before - after), U)``.
    The offset is sampled every hour and each change found to the second: a zone's offsets hold
    for hours at least."""
    zone = ZoneInfo(zone_name)
    start = int((dt.datetime(year, 1, 1, tzinfo=dt.UTC) - EPOCH).total_seconds())
    end = int((dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC) - EPOCH).total_seconds())
    windows = []
    previous = start - 1
    offset = _offset(previous, zone)
    for moment in [*range(start, end, 3600), end - 1]:
        following = _offset(moment, zone)
        if following != offset:
            low, high = previous, moment  # the offset changes at an instant in (low, high]
            while high - low > 1:
                middle = (low + high) // 2
                if _offset(middle, zone) == offset:
                    low = middle
                else:
                    high = middle
            if following < offset:
                windows.append((_naive(high - (offset - following)), _naive(high)))
            offset = following
        previous = moment
    return windows


def _offset(seconds: int, zone: ZoneInfo) -> int:
    found = dt.datetime.fromtimestamp(seconds, zone).utcoffset()
    return int(found.total_seconds()) if found is not None else 0


def _naive(seconds: int) -> dt.datetime:
    return (EPOCH + dt.timedelta(seconds=seconds)).replace(tzinfo=None)


def zone_is_known() -> bool:
    """Whether PostgreSQL knows settings.TIME_ZONE (it reads the file's times in it)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = %s)", [settings.TIME_ZONE]
        )
        (is_known,) = cursor.fetchone()
    return bool(is_known)


def copy_file(table: str, columns: list[str], path: str, *, force_null: bool = True) -> int:
    """COPY the CSV file at ``path`` (header, then ``columns``' values) into ``table``, its local
    times read in settings.TIME_ZONE, a quoted empty value read as NULL (``force_null``: needed only
    when the file has one, ``has_quoted_empty``); returns the rows copied.

    The session's TimeZone is set for the COPY and restored after it.  When the COPY fails, the
    transaction it ran in is aborted, and rolling it back (or back to a savepoint before) undoes
    the change of TimeZone with the rest."""
    listed = sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    options = sql.SQL(", FORCE_NULL ({})").format(listed) if force_null else sql.SQL("")
    statement = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT csv, HEADER true{})").format(
        sql.Identifier(table), listed, options
    )
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor
        cursor.execute("SELECT current_setting('TimeZone')")
        (session_zone,) = cursor.fetchone()
        cursor.execute("SELECT set_config('TimeZone', %s, false)", [settings.TIME_ZONE])
        try:
            with open(path, "rb") as stream, cursor.copy(statement) as copy:
                while block := stream.read(BLOCK_BYTES):
                    copy.write(block)
            copied = cursor.rowcount
        finally:
            if cursor.connection.info.transaction_status != TransactionStatus.INERROR:
                cursor.execute("SELECT set_config('TimeZone', %s, false)", [session_zone])
    return int(copied)
