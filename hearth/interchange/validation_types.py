"""Text to typed value by HUD type (FMT-02..07): one converter per column, raising CellProblem.

HUD types: ``S<n>`` text of at most n characters, ``I`` whole number of 0 or more, ``D`` date
``YYYY-MM-DD``, ``T`` date and time ``YYYY-MM-DD hh:mm:ss`` (the source's local time, read in the
installation's time zone), ``M`` amount with up to two decimals, ``M+`` the same, not negative.
An empty value is None where the column is nullable, and FMT-07 where it is not.

Exports repeat the same codes, dates and timestamps on row after row, so converters of numbers,
dates and timestamps remember the last few thousand texts they read (a bounded memo).
"""

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.db.backends.base.operations import BaseDatabaseOperations

from hearth.hud.columndefs import Column
from hearth.hud.generated.columns import FILES
from hearth.hud.generated.lists import LISTS

Converter = Callable[[str], Any]
Parser = Callable[[str], Any]  # non-empty text -> value
INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges
MEMO_SIZE = 4096
_MISSING = object()


class CellProblem(ValueError):
    """A value that breaks a rule; ``message`` says how, in plain words."""

    def __init__(self, rule_id: str, message: str) -> None:
        super().__init__(message)
        self.rule_id = rule_id
        self.message = message


REQUIRED = CellProblem("FMT-07", "is empty; this column must hold a value")


def converter_for(column: Column, off_list: list[int] | None = None, index: int = -1) -> Converter:
    """Text -> value for one column; '' is None where the column is nullable.

    A code outside the column's list is returned as read (it is tolerated, FMT-03), and ``index``
    is appended to ``off_list`` so the reader can report it.
    """
    codes = codes_of(column)
    if column.type_code == "S":
        return _string(column, codes, off_list, index)
    parse = _PARSERS[column.type_code](column)
    memo: dict[str, Any] = {str(code): code for code in codes or () if isinstance(code, int)}
    is_nullable = column.nullable
    flagged = off_list if codes is not None and off_list is not None else None

    def convert(text: str) -> Any:
        if not text:
            if is_nullable:
                return None
            raise REQUIRED
        value = memo.get(text, _MISSING)
        if value is _MISSING:
            value = parse(text)
            if flagged is not None and value not in codes:  # type: ignore[operator]  # codes set when flagged
                flagged.append(index)
                return value  # not remembered: every occurrence is reported
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            memo[text] = value
        return value

    return convert


_UNDECODED = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8 (read with surrogateescape)


def _string(
    column: Column, codes: frozenset[Any] | None, off_list: list[int] | None, index: int
) -> Converter:
    limit = column.max_length or 10_000
    is_nullable = column.nullable
    flagged = off_list if codes is not None and off_list is not None else None

    def convert(text: str) -> str | None:
        if not text:
            if is_nullable:
                return None
            raise REQUIRED
        if len(text) > limit:
            raise CellProblem("FMT-05", f"is {len(text)} characters long; at most {limit} are allowed")
        if not text.isascii() and _UNDECODED.search(text):
            raise CellProblem("FMT-06", "is not UTF-8 text; save the file as UTF-8")
        if "\x00" in text:
            raise CellProblem("FMT-06", "holds a NUL character, which text cannot contain")
        if flagged is not None and text not in codes:  # type: ignore[operator]  # codes set when flagged
            flagged.append(index)
        return text

    return convert


def hashed_converter(pattern: re.Pattern[str], what: str, length: int) -> Converter:
    """A hashed name or SSN (FMT-16): hexadecimal digests of a fixed length."""

    def convert(text: str) -> str | None:
        if not text:
            return None
        if not pattern.fullmatch(text):
            raise CellProblem("FMT-16", f"is not {what} ({length} characters) as HashStatus says")
        return text

    return convert


def _integer(column: Column) -> Parser:
    highest = largest_value(column)

    def parse(text: str) -> int:
        if not (text.isascii() and text.isdigit()):
            raise CellProblem("FMT-03", "is not a whole number (digits only, 0 or more)")
        value = int(text)
        if value > highest:
            raise CellProblem("FMT-03", f"is larger than {highest:,}, the largest number this column holds")
        return value

    return parse


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", re.ASCII)


def _date(column: Column) -> Parser:
    def parse(text: str) -> dt.date:
        try:
            if _DATE.fullmatch(text):
                return dt.date.fromisoformat(text)
        except ValueError:
            pass
        raise CellProblem("FMT-02", "is not a date (YYYY-MM-DD)")

    return parse


def _datetime(column: Column) -> Parser:
    zone = ZoneInfo(settings.TIME_ZONE)  # HUD timestamps are the source's local time
    # "YYYY-MM-DD" -> the day's one UTC offset, or None on a day the clocks change (decided per time)
    days: dict[str, dt.timezone | None] = {}

    def parse(text: str) -> dt.datetime:
        try:
            if _DATETIME.fullmatch(text):
                naive = dt.datetime.fromisoformat(text)
                day = text[:10]
                offset = days.get(day, _MISSING)
                if offset is _MISSING:
                    offset = _offset_of_day(naive, zone)
                    if len(days) >= MEMO_SIZE:
                        days.clear()
                    days[day] = offset
                if offset is None:
                    offset = dt.timezone(naive.replace(tzinfo=zone).utcoffset() or dt.timedelta(0))
                return naive.replace(tzinfo=offset)  # type: ignore[arg-type]  # a timezone by now
        except ValueError:
            pass
        raise CellProblem("FMT-02", "is not a date and time (YYYY-MM-DD hh:mm:ss)")

    return parse


def _offset_of_day(moment: dt.datetime, zone: ZoneInfo) -> dt.timezone | None:
    """The UTC offset every time of ``moment``'s day has in ``zone``; None when the clocks change
    that day (a time in the gap or the fold is then decided as ``datetime`` does, fold 0)."""
    midnight = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    first = midnight.replace(tzinfo=zone).utcoffset()
    after = (midnight + dt.timedelta(days=1)).replace(tzinfo=zone).utcoffset()
    if first is None or first != after:
        return None
    return dt.timezone(first)


_MONEY = re.compile(r"-?\d{1,10}(\.\d{1,2})?", re.ASCII)


def _money(column: Column) -> Parser:
    is_non_negative = column.type_code == "M+"
    expected = "an amount of 0 or more" if is_non_negative else "an amount"

    def parse(text: str) -> Decimal:
        if not _MONEY.fullmatch(text) or (is_non_negative and text.startswith("-")):
            raise CellProblem("FMT-04", f"is not {expected} (digits with up to two decimals, e.g. 1250.00)")
        return Decimal(text)

    return parse


_PARSERS: dict[str, Callable[[Column], Parser]] = {
    "I": _integer,
    "D": _date,
    "T": _datetime,
    "M": _money,
    "M+": _money,
}


def largest_value(column: Column) -> int:
    """The largest value the column's model field stores (PostgreSQL's range, the strictest)."""
    model = apps.get_model(next(f.model for f in FILES if f.name == column.file))
    internal = model._meta.get_field(column.field).get_internal_type()
    return INTEGER_RANGES.get(internal, INTEGER_RANGES["PositiveIntegerField"])[1]


def codes_of(column: Column) -> frozenset[Any] | None:
    """The codes a column takes, or None when it has no list of its own (or a conditional one)."""
    if column.list is None or column.list.startswith("("):
        return None
    return LISTS[column.list].codes


def not_in_list(number: str | None, note: str = "") -> str:
    hud_list = LISTS[number or ""]
    codes = sorted(hud_list.codes, key=lambda code: (isinstance(code, str), code))
    shown = ", ".join(str(c) for c in codes[:20]) + (", ..." if len(codes) > 20 else "")
    return f"is not a code of HUD list {hud_list.number} {hud_list.name}{note} ({shown})"
