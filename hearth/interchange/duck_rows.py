"""Reading a clean HMIS CSV file in DuckDB: the staging rows ``import_files.staged_rows`` would make,
converted and checked column by column on every core instead of row by row in Python.

``stage_clean_file`` stages a file only when it can prove that the Python reading
(``validation_rows.FileReader`` and ``import_files.staged_rows``) would report nothing at all about
it, not even a tolerated warning, and would make the same values; otherwise it stages nothing and
returns None, and the caller reads the file with ``FileReader``.  A file is clean when:

* it is a FY2026 file whose header is exactly the spec's columns in the spec's order (unquoted, or
  every name quoted), UTF-8, lines ending all in LF or all in CRLF, no blank line;
* every record is one line, and the line is exactly its values, the commas between them and the
  quotes around some of them: no value holds a double quote, a line break or a NUL (below);
* every value converts as validation_types converts it, with nothing to report: a nullable empty
  value is NULL, a required one is present; whole numbers are digits without leading zeros within
  the field's range; dates ``YYYY-MM-DD``, times ``YYYY-MM-DD hh:mm:ss`` from 1900 to 2100; amounts
  as HUD writes them; texts within their length and without ``< > [ ] { }``; coded values on
  their list;
* no list_rules.csv row rule (code subsets, conditional lists, dependent and required values) and
  no record check of validation_records finds anything, and ExportID is the export's own (FMT-11);
* Client.csv is not hashed (HashStatus 1).

Every file of HUD's FY2026 list qualifies when its rows are clean; the conditions of list_rules.csv
become SQL through ``validation_conditions.Condition.to_sql``, and the record checks are written
here in SQL beside their Python originals.

How the line structure is proven.  DuckDB's CSV reader is more lenient than Python's strict
``csv.reader``: it drops spaces around a quoted value and empty fields after the last column, and
skips blank lines.  Each value DuckDB returns is a part of its line, apart from the separating
commas and the quote characters (a value holding a quote is refused), so a line is at least as
long as its values, its ``n - 1`` separators and its quotes, and exactly as long only when it
holds nothing else.  Summed over the file: when the file's size equals the header, the values,
the separators, every quote character of the file and one line ending per record, no record had
anything else, and Python's reader splits every line into the same values.

Time zones.  HUD timestamps are local times (settings.TIME_ZONE), stored in UTC.  As
validation_types._datetime does, a day on which the clocks do not change takes its midnight offset;
on a day they change, each time takes the offset ``datetime`` gives it (fold 0).  The offsets of
every day from 1900 to 2100 are a small table DuckDB joins on.

The rows are inserted in one transaction; the connection must not be in one already.  Measured
with ``duck_stage.opened`` on the large demo Continuum's export (var/bench_import/export), on 2
cores shared with other work (load average about 3.4): Services.csv (726 MB, 3.0 million rows)
staged in 10.7 s alone and 17.8 s as the 18th file into the same database; the whole export
(24 files, 1.8 GB, 7.3 million rows) in 53 s, every file through DuckDB.  Rows are numbered by
row id after the insert: a window function numbering them while reading made the reading serial
(9.1 s against 3.6 s for the same checks of Services.csv).
"""

# ruff: noqa: S608 - statements are built from quoted identifiers, the spec's codes and numbers of
# this module; values from the file or the export are bound parameters.

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from functools import cache
from itertools import islice
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import pyarrow as pa
from django.conf import settings
from django.db.models import Model
from django.utils import timezone

from hearth.clients.ssn import MASK
from hearth.hud.columndefs import Column
from hearth.hud.generated.lists import LISTS
from hearth.hud.generated.rules import LIST_RULES
from hearth.hud.ruledefs import ListRule
from hearth.interchange import duck_stage, staging, validation_records
from hearth.interchange.import_exports import columns_of
from hearth.interchange.import_files import EXPORT_FILE, FileTask
from hearth.interchange.validation_conditions import Condition, parse
from hearth.interchange.validation_rows import ROW_RULE_TYPES
from hearth.interchange.validation_types import codes_of, largest_value

BATCH_ROWS = 50_000  # rows per Arrow batch in stage_rows
DAYS_TABLE = "hearth_local_days"
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
AFTER_LAST_DAY = LAST_DAY + dt.timedelta(days=1)
BOM = b"\xef\xbb\xbf"
CHUNK = 1 << 24
# FMT-06 characters, and the characters that would break the line proof (module docstring)
NOT_IN_TEXT = ("<", ">", "[", "]", "{", "}", '"', "\r", "\n", "\x00")
_MONEY = "-?[0-9]{1,10}(\\.[0-9]{1,2})?"


def stage_clean_file(
    con: duckdb.DuckDBPyConnection, csv_path: str, task: FileTask, model: type[Model]
) -> int | None:
    """If every row of the file is provably clean, insert its staging rows into the DuckDB stage
    table of ``model`` and return the row count; else insert nothing and return None."""
    columns = columns_of(task.file_name)
    if not columns or (task.file_name == "Client.csv" and task.hash_status != 1):
        return None
    shape = _shape(csv_path, [c.name for c in columns])
    if shape is None:
        return None
    _create_local_days(con)
    statement, parameters = _insert_statement(csv_path, task, model, columns, shape)
    con.begin()
    try:
        (inserted,) = _one(con.execute(statement, parameters))
        is_staged = _number(con, model, task, inserted, shape, len(columns))
    except duckdb.Error:
        con.rollback()
        return None
    if not is_staged:
        con.rollback()
        return None
    con.commit()
    return int(inserted)


def _number(
    con: duckdb.DuckDBPyConnection,
    model: type[Model],
    task: FileTask,
    inserted: int,
    shape: "_Shape",
    width: int,
) -> bool:
    """Prove the rows just inserted (stage_seq NULL, stage_row their value bytes) are the file's
    records exactly (module docstring) and number them in the order of the file.

    Numbering while reading (a window function) would read the file on one thread; the insert
    keeps the file's order instead (preserve_insertion_order, duck_stage.opened), so the new rows
    hold consecutive row ids in that order.  False when the proof fails or the row ids are not
    consecutive (nothing is then staged)."""
    table = _q(staging.stage_table(model))
    first, last, count, value_bytes = _one(
        con.execute(
            f"SELECT min(rowid), max(rowid), count(*), sum(stage_row) FROM {table} WHERE stage_seq IS NULL"
        )
    )
    if count != inserted or not shape.is_exactly(count, int(value_bytes or 0), width):
        return False
    if count == 0:
        return True
    if last - first + 1 != count:
        return False
    con.execute(
        f"UPDATE {table} SET stage_seq = CAST($first_seq AS BIGINT) + (rowid - $first) + 1, "
        "stage_row = rowid - $first + 2 WHERE stage_seq IS NULL",
        {"first_seq": task.first_seq, "first": first},
    ).fetchall()
    return True


def _one(result: duckdb.DuckDBPyConnection) -> tuple[Any, ...]:
    (row,) = result.fetchall()  # fetched to the end: DuckDB refuses other work on a pending result
    return tuple(row)


# --- the file's bytes ---------------------------------------------------------------------------


class _Shape:
    """What Python reads of the file's bytes: its header line, line ending, size and quotes."""

    def __init__(
        self, size: int, header_bytes: int, ending: bytes, is_ended: bool, quotes: int, returns: int
    ) -> None:
        self.size = size
        self.header_bytes = header_bytes  # the first line with its ending (and byte order mark)
        self.ending = ending  # b"\n" or b"\r\n"
        self.is_ended = is_ended  # the last line has its ending
        self.quotes = quotes  # double quotes after the header
        self.returns = returns  # carriage returns after the header (none is in a clean value)

    def is_exactly(self, rows: int, value_bytes: int, width: int) -> bool:
        """Whether the records are exactly their values, separators and quotes (module docstring)."""
        if rows == 0:
            return self.size == self.header_bytes
        endings = rows if self.is_ended else rows - 1
        if self.returns != (endings if self.ending == b"\r\n" else 0):
            return False  # a line ends otherwise than the header does
        expected = value_bytes + rows * (width - 1) + self.quotes + endings * len(self.ending)
        return self.size - self.header_bytes == expected


def _shape(path: str, names: Sequence[str]) -> _Shape | None:
    """The file's shape, or None when its header is not exactly ``names``."""
    plain = ",".join(names).encode()
    quoted = ",".join(f'"{name}"' for name in names).encode()
    size = os.path.getsize(path)
    with open(path, "rb") as stream:
        first = stream.readline(len(quoted) + len(BOM) + 3)
        line = first.removeprefix(BOM)
        ending = b"\r\n" if line.endswith(b"\r\n") else b"\n"
        if line.removesuffix(ending) not in (plain, quoted):
            return None
        if not line.endswith(b"\n") and size != len(first):
            return None
        quotes = returns = 0
        last = b""
        while chunk := stream.read(CHUNK):
            quotes += chunk.count(b'"')
            returns += chunk.count(b"\r")
            last = (last + chunk)[-2:]
    is_ended = last.endswith(ending) if last else True
    return _Shape(size, len(first), ending, is_ended, quotes, returns)


def _read_csv(columns: Sequence[Column], shape: _Shape) -> str:
    # No new_line option: DuckDB 2.0 reads no row at all with new_line = '\r\n'; it finds either
    # ending itself, and _Shape.is_exactly proves every line ends as the header does.
    listed = ", ".join(f"'{c.name}': 'VARCHAR'" for c in columns)
    return (
        f"read_csv($path, columns = {{{listed}}}, header = true, auto_detect = false, delim = ',', "
        "quote = '\"', escape = '\"', strict_mode = true, "
        "ignore_errors = false, null_padding = false, encoding = 'utf-8')"
    )


def _value_bytes(columns: Sequence[Column]) -> str:
    """SQL of the bytes of a row's values (the line proof's measure, module docstring)."""
    return " + ".join(f"COALESCE(strlen(raw.{_q(c.name)}), 0)" for c in columns)


# --- values -------------------------------------------------------------------------------------


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _value(column: Column, duck_type: str) -> tuple[str, str]:
    """(SQL of the converted value, SQL true when validation_types reads the text with nothing to
    report), over the raw text ``raw."Name"`` (NULL when empty)."""
    raw = f"raw.{_q(column.name)}"
    kind = column.type_code
    codes = codes_of(column)
    if kind == "S":
        limit = column.max_length or 10_000
        valid = f"length({raw}) <= {limit}"  # characters, as Python counts; NOT_IN_TEXT: _no_bad_character
        if codes is not None:
            texts = sorted(code for code in codes if isinstance(code, str))
            valid += f" AND {raw} IN ({_texts(texts)})" if texts else " AND FALSE"
        typed = raw
    elif kind == "I":
        number = f"TRY_CAST({raw} AS BIGINT)"
        valid = f"{number} BETWEEN 0 AND {largest_value(column)} AND CAST({number} AS VARCHAR) = {raw}"
        if codes is not None:
            numbers = sorted(code for code in codes if isinstance(code, int))
            valid += f" AND {number} IN ({', '.join(map(str, numbers))})" if numbers else " AND FALSE"
        typed = f"CAST({number} AS {duck_type})"
    elif kind == "D":
        date = f"TRY_CAST({raw} AS DATE)"
        valid = f"strlen({raw}) = 10 AND {raw} >= '0001' AND CAST({date} AS VARCHAR) = {raw}"
        typed = date
        if codes is not None:
            valid += " AND FALSE"
    elif kind == "T":
        local = f"TRY_CAST({raw} AS TIMESTAMP)"
        day = f"(CAST(TRY_CAST(left({raw}, 10) AS DATE) - DATE '{FIRST_DAY.isoformat()}' AS BIGINT) + 1)"
        before, step, after = (f"zone.{name}[{day}]" for name in ("before_s", "step_s", "after_s"))
        valid = (
            f"strlen({raw}) = 19 AND CAST({local} AS VARCHAR) = {raw} "
            f"AND {raw} >= '{FIRST_DAY.isoformat()}' AND {raw} < '{AFTER_LAST_DAY.isoformat()}' "
            f"AND {before} IS NOT NULL"
        )
        seconds = f"(hour({local}) * 3600 + minute({local}) * 60 + second({local}))"
        typed = f"{local} - to_seconds(CASE WHEN {seconds} >= {step} THEN {after} ELSE {before} END)"
        if codes is not None:
            valid += " AND FALSE"
    else:  # M, M+
        valid = f"regexp_full_match({raw}, '{_MONEY}')"
        if kind == "M+":
            valid += f" AND NOT starts_with({raw}, '-')"
        if codes is not None:
            valid += " AND FALSE"
        typed = f"CAST({raw} AS {duck_type})"
    if not column.nullable:
        return typed, f"({raw} IS NOT NULL AND {valid})"
    return typed, f"({raw} IS NULL OR ({valid}))"


def _no_bad_character(columns: Sequence[Column]) -> str:
    """SQL true when no text value holds a character of NOT_IN_TEXT (one search over the row's
    texts together: the other values hold digits, dashes, colons and spaces once valid)."""
    texts = [f"raw.{_q(c.name)}" for c in columns if c.type_code == "S"]
    if not texts:
        return "TRUE"
    joined = f"concat({', '.join(texts)})"
    found = " OR ".join(f"contains({joined}, chr({ord(character)}))" for character in NOT_IN_TEXT)
    return f"NOT ({found})"


def _texts(texts: Iterable[str]) -> str:
    return ", ".join("'" + text.replace("'", "''") + "'" for text in texts)


# --- list_rules.csv -----------------------------------------------------------------------------


def _rule_problems(file_name: str, columns: Sequence[Column]) -> list[str]:
    """SQL true when a row rule of list_rules.csv reports something (validation_rows.list_rule_checks)."""
    position = {c.name: i for i, c in enumerate(columns)}
    kinds = {c.name: c.type_code for c in columns}

    def is_number(name: str) -> bool:
        return kinds.get(name) in ("I", "M", "M+")

    problems = []
    conditional: dict[str, list[tuple[Condition, str]]] = {}
    for rule in LIST_RULES:
        if rule.file != file_name or rule.rule_type not in ROW_RULE_TYPES:
            continue
        condition = parse(rule.condition, position)
        if condition is None:
            continue
        if rule.rule_type == "conditional_list":
            conditional.setdefault(rule.column, []).append((condition, rule.list or ""))
            continue
        problems.append(_rule_problem(rule, condition.to_sql(is_number), is_number(rule.column)))
    for name, branches in conditional.items():
        is_code = {number: _is_code(name, LISTS[number].codes, is_number(name)) for _c, number in branches}
        cases = " ".join(
            f"WHEN {condition.to_sql(is_number)} THEN NOT {is_code[number]}" for condition, number in branches
        )
        problems.append(f"({_q(name)} IS NOT NULL AND CASE {cases} ELSE FALSE END)")
    return problems


def _is_code(name: str, codes: Iterable[Any], is_number: bool) -> str:
    """SQL for ``value in codes`` in Python, the value being present."""
    if is_number:
        numbers = sorted(c for c in codes if isinstance(c, int))
        return f"{_q(name)} IN ({', '.join(map(str, numbers))})" if numbers else "FALSE"
    texts = sorted(c for c in codes if isinstance(c, str))
    return f"{_q(name)} IN ({_texts(texts)})" if texts else "FALSE"


def _rule_problem(rule: ListRule, condition: str, is_number: bool) -> str:
    """The SQL of validation_rows._check for one rule."""
    value = _q(rule.column)
    present = f"{value} IS NOT NULL"
    kind = rule.rule_type
    if kind == "exclude_values":
        return f"({present} AND {_is_code(rule.column, _codes(rule.values), is_number)})"
    if kind == "allowed_values":
        allowed = _is_code(rule.column, _codes(rule.values), is_number)
        return f"({present} AND {condition} AND NOT {allowed})"
    if kind == "dependent":
        if rule.values == "(null)":
            return f"({present} AND {condition})"
        permitted = _is_code(rule.column, _codes(rule.values), is_number) if rule.values else "TRUE"
        return f"({present} AND NOT ({condition} AND {permitted}))"
    is_required_when_true = kind == "required_if"
    return f"({value} IS NULL AND {condition} = {str(is_required_when_true).upper()})"


def _codes(values: str) -> list[int]:
    return [int(v) for v in values.split(",")]


# --- validation_records, in SQL -----------------------------------------------------------------


def _record_problems(file_name: str, columns: Sequence[Column]) -> list[str]:
    """SQL true when a record check of validation_records reports something (unhashed files)."""
    names = {c.name for c in columns}
    today = timezone.localdate()
    if file_name == "Client.csv":
        oldest = today.replace(year=today.year - validation_records.OLDEST_AGE, day=min(today.day, 28))
        missing = ", ".join(map(str, sorted(validation_records.MISSING_DOB_QUALITY)))
        first = validation_records.FIRST_SERVICE_YEAR
        return [
            '("SSN" IS NOT NULL AND (NOT regexp_full_match("SSN", \'[0-9xX]{9}\') OR "SSN" = \'000000000\'))',
            f'("DOB" IS NOT NULL AND COALESCE("DOBDataQuality" IN ({missing}), FALSE))',
            f"(\"DOB\" < DATE '{oldest.isoformat()}' OR \"DOB\" > DATE '{today.isoformat()}')",
            f'("YearEnteredService" NOT BETWEEN {first} AND {today.year})',
            f'("YearSeparated" NOT BETWEEN {first} AND {today.year})',
        ]
    if file_name == "ProjectCoC.csv":
        return [
            "NOT regexp_full_match(\"Geocode\", '[0-9]{6}')",
            "NOT regexp_full_match(\"ZIP\", '[0-9]{5}')",
        ]
    if file_name == "Enrollment.csv":
        return ['"RelationshipToHoH" = 99']
    if file_name == "Exit.csv":
        days = validation_records.AFTERCARE_WINDOW.days
        return [
            f"\"ExitDate\" > DATE '{today.isoformat()}'",
            f'NOT ("AftercareDate" BETWEEN "ExitDate" AND "ExitDate" + INTERVAL {days} DAY)',
            '("AftercareProvided" IS NOT NULL AND "AftercareDate" IS NULL)',
        ]
    if file_name == EXPORT_FILE:
        coc = "[A-Za-z]{2}-[0-9]{3}(;[A-Za-z]{2}-[0-9]{3})*"
        return [
            "NOT regexp_full_match(\"CSVVersion\", '[0-9]{4} v[0-9]+(\\.[0-9]+)*')",
            f"(\"SourceType\" = 1 AND NOT regexp_full_match(COALESCE(\"SourceID\", ''), '{coc}'))",
        ]
    if file_name == "Inventory.csv":
        parts = [n for n in names if n.endswith("BedInventory") and n != "BedInventory"]
        counted = " + ".join(f"COALESCE({_q(n)}, 0)" for n in sorted(parts)) or "0"
        return [f'"BedInventory" <> ({counted})', '"UnitInventory" > "BedInventory"']
    if file_name == "IncomeBenefits.csv":
        return _income_problems()
    return []


def _income_problems() -> list[str]:
    """validation_records._income_benefits: the yes/no sources agree with their 'any source', each
    income source said yes has its amount, and the amounts add up to TotalMonthlyIncome."""
    income_any, income_sources = validation_records.element_sources("4.02")
    groups = [validation_records.element_sources("4.03"), validation_records.element_sources("4.04")]
    problems = []
    for any_name, sources in [*groups, (income_any, income_sources)]:
        has_yes = " OR ".join(f"COALESCE({_q(s)} = 1, FALSE)" for s in sources) or "FALSE"
        problems.append(f"({_q(any_name)} = 1 AND NOT ({has_yes}))")
        problems.append(f"({_q(any_name)} = 0 AND ({has_yes}))")
    amounts = {s: validation_records.amount_column(s) for s in income_sources}
    for source, amount in amounts.items():
        problems.append(f"({_q(source)} = 1 AND {_q(amount)} IS NULL)")
    summed = " + ".join(f"COALESCE({_q(a)}, 0)" for a in amounts.values()) or "0"
    problems.append(
        f'("TotalMonthlyIncome" IS NOT NULL AND ({summed}) <> 0 AND "TotalMonthlyIncome" <> ({summed}))'
    )
    return problems


# --- the statement ------------------------------------------------------------------------------


def _insert_statement(
    path: str, task: FileTask, model: type[Model], columns: Sequence[Column], shape: _Shape
) -> tuple[str, dict[str, Any]]:
    stage = duck_stage.stage_columns(model)
    types = [duck_type for _name, duck_type in stage[len(staging.BOOKKEEPING) :]]
    converted, valid = [], [_no_bad_character(columns)]
    for column, duck_type in zip(columns, types, strict=False):
        typed, is_valid = _value(column, duck_type)
        converted.append(f"{typed} AS {_q(column.name)}")
        valid.append(is_valid)
    problems = _rule_problems(task.file_name, columns) + _record_problems(task.file_name, columns)
    parameters: dict[str, Any] = {"path": path, "export_index": task.export_index}
    if task.file_name != EXPORT_FILE:
        problems.append(
            '("ExportID" IS NOT NULL AND "ExportID" IS DISTINCT FROM CAST($export_id AS VARCHAR))'
        )
        parameters["export_id"] = task.export_id
    # A problem is NULL only where Python skips the check (an empty value): no problem then.
    found = " OR ".join(f"COALESCE({p}, FALSE)" for p in problems) or "FALSE"
    outputs = [_q(c.name) for c in columns]
    if task.file_name == "Client.csv":  # import_clients.partial_ssn_masked, and no hashed values
        outputs[[c.name for c in columns].index("SSN")] = (
            f"CASE WHEN regexp_matches(left(\"SSN\", 5), '[0-9]') OR starts_with(\"SSN\", '{MASK}') "
            f'THEN "SSN" ELSE \'{MASK}\' || substr("SSN", 6) END'
        )
        outputs += ["NULL"] * (len(staging.HASH_COLUMNS) + 1)
    # is_valid first: the rules read converted values, which are only right for valid texts.
    seq = (
        f"CASE WHEN is_valid AND NOT ({found}) THEN CAST(NULL AS BIGINT) "
        "ELSE CAST(error('a value or rule is not clean') AS BIGINT) END"
    )
    read = f"SELECT * FROM {_read_csv(columns, shape)}"
    statement = (
        f"INSERT INTO {_q(staging.stage_table(model))} "
        f"SELECT {seq}, CAST($export_index AS INTEGER), value_bytes, {', '.join(outputs)} "
        f"FROM (SELECT {', '.join(converted)}, {' AND '.join(valid)} AS is_valid, "
        f"{_value_bytes(columns)} AS value_bytes "
        f"FROM ({read}) AS raw CROSS JOIN {DAYS_TABLE} AS zone)"
    )
    return statement, parameters


# --- time zone ----------------------------------------------------------------------------------


def _create_local_days(con: duckdb.DuckDBPyConnection) -> None:
    """The UTC offsets of each day in settings.TIME_ZONE (seconds), once per connection: as lists
    in one row, which every row reads by index (a join would build on the file's side)."""
    (found,) = _one(
        con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND temporary", [DAYS_TABLE])
    )
    if found:
        return
    _days, before, step, after = zip(*_local_days(settings.TIME_ZONE), strict=True)
    # One row of three lists, indexed by the day's number from FIRST_DAY (1 = FIRST_DAY).
    table = pa.table(
        {
            "before_s": pa.array([before], pa.list_(pa.int32())),
            "step_s": pa.array([step], pa.list_(pa.int32())),
            "after_s": pa.array([after], pa.list_(pa.int32())),
        }
    )
    con.register("hearth_local_days_arrow", table)
    try:
        con.execute(f"CREATE TEMPORARY TABLE {DAYS_TABLE} AS SELECT * FROM hearth_local_days_arrow")
    finally:
        con.unregister("hearth_local_days_arrow")


@cache
def _local_days(zone_name: str) -> list[tuple[dt.date, int | None, int, int | None]]:
    """(day, offset before the change, second of the day it changes at, offset after) per day.

    A day the clocks do not change keeps its midnight offset all day (validation_types._offset_of_day);
    a day they change takes, for each time, the offset of ``datetime`` with fold 0, which changes
    once at the end of the gap or of the repeated hour.  A day with more than one change is left
    without offsets (its times are not read in DuckDB)."""
    zone = ZoneInfo(zone_name)
    days: list[tuple[dt.date, int | None, int, int | None]] = []
    day = FIRST_DAY
    midnight = _offset(dt.datetime.combine(day, dt.time()), zone)
    while day <= LAST_DAY:
        start = dt.datetime.combine(day, dt.time())
        following = _offset(start + dt.timedelta(days=1), zone)
        if midnight == following:
            days.append((day, midnight, 86_400, midnight))
        else:
            days.append((day, *_change(start, zone)))
        day += dt.timedelta(days=1)
        midnight = following
    return days


def _offset(moment: dt.datetime, zone: ZoneInfo) -> int:
    offset = moment.replace(tzinfo=zone).utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


def _change(start: dt.datetime, zone: ZoneInfo) -> tuple[int | None, int, int | None]:
    """On a day the clocks change: the offsets before and after, and the second of the change."""
    quarters = [_offset(start + dt.timedelta(minutes=15 * q), zone) for q in range(96)]
    quarters.append(_offset(start + dt.timedelta(days=1), zone))
    changes = [q for q in range(96) if quarters[q] != quarters[q + 1]]
    if len(changes) != 1:
        return None, 86_400, None
    low, high = changes[0] * 900, changes[0] * 900 + 900  # the offset changes in (low, high]
    while high - low > 1:
        middle = (low + high) // 2
        if _offset(start + dt.timedelta(seconds=middle), zone) == quarters[0]:
            low = middle
        else:
            high = middle
    return quarters[0], high, quarters[-1]


# --- rows from Python ---------------------------------------------------------------------------


def stage_rows(con: duckdb.DuckDBPyConnection, model: type[Model], rows: Iterable[list[Any]]) -> int:
    """Insert staging rows as ``import_files.staged_rows`` yields them (str, int, date, aware
    datetime, Decimal, None) into the DuckDB stage table of ``model``, in Arrow batches."""
    stage = duck_stage.stage_columns(model)
    table = _q(staging.stage_table(model))
    kinds = [_arrow_type(duck_type) for _name, duck_type in stage]
    names = [name for name, _duck_type in stage]
    count = 0
    for batch in _batches(iter(rows)):
        columns = [
            pa.array([_arrow_value(row[i], kind) for row in batch], kind) for i, kind in enumerate(kinds)
        ]
        arrow = pa.table(columns, names=names)
        con.register("hearth_stage_batch", arrow)
        try:
            con.execute(f"INSERT INTO {table} SELECT * FROM hearth_stage_batch")
        finally:
            con.unregister("hearth_stage_batch")
        count += len(batch)
    return count


def _batches(rows: Iterator[list[Any]]) -> Iterator[list[list[Any]]]:
    while batch := list(islice(rows, BATCH_ROWS)):
        yield batch


def _arrow_type(duck_type: str) -> pa.DataType:
    if duck_type.startswith("DECIMAL"):
        precision, scale = duck_type.removeprefix("DECIMAL(").removesuffix(")").split(",")
        return pa.decimal128(int(precision), int(scale))
    return {
        "VARCHAR": pa.string(),
        "SMALLINT": pa.int16(),
        "INTEGER": pa.int32(),
        "BIGINT": pa.int64(),
        "DATE": pa.date32(),
        "TIMESTAMP": pa.timestamp("us"),
        "BOOLEAN": pa.bool_(),
    }[duck_type]


def _arrow_value(value: Any, kind: pa.DataType) -> Any:
    if value is None:
        return None
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    if kind == pa.string() and not isinstance(value, str):
        return str(value)
    if isinstance(kind, pa.Decimal128Type) and not isinstance(value, Decimal):
        return Decimal(value)
    return value
