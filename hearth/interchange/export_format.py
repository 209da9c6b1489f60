"""HUD value formats for an HMIS CSV export, one formatter per column type (FY2026 CSV spec).

* S (string): in double quotes, an embedded quote doubled (FMT-05); the characters < > [ ] { }
  are stripped (FMT-06);
* I (integer): digits; D (date): YYYY-MM-DD; T (timestamp): YYYY-MM-DD hh:mm:ss in the
  installation's local time (settings.TIME_ZONE); M, M+ (money): two decimals (FMT-02..04);
* null: nothing between the commas.

Lines end with a line feed.  The PostgreSQL export path (export_copy.py) produces the same
bytes with SQL; tests compare the two.
"""

import datetime
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings

from hearth.hud.columndefs import Column

FORBIDDEN_CHARACTERS = "<>[]{}"
_STRIP = str.maketrans("", "", FORBIDDEN_CHARACTERS)

Formatter = Callable[[Any], str]


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def format_string(value: str | None) -> str:
    if value is None:
        return ""
    return '"' + str(value).translate(_STRIP).replace('"', '""') + '"'


def format_integer(value: int | None) -> str:
    return "" if value is None else str(int(value))


def format_date(value: datetime.date | None) -> str:
    if value is None:
        return ""
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def datetime_formatter(zone: ZoneInfo) -> Formatter:
    def format_datetime(value: datetime.datetime | None) -> str:
        if value is None:
            return ""
        local = value.astimezone(zone) if value.tzinfo is not None else value
        return (
            f"{local.year:04d}-{local.month:02d}-{local.day:02d} "
            f"{local.hour:02d}:{local.minute:02d}:{local.second:02d}"
        )

    return format_datetime


def format_money(value: Decimal | float | None) -> str:
    if value is None:
        return ""
    return f"{Decimal(value):.2f}"


def formatter_for(column: Column, zone: ZoneInfo) -> Formatter:
    if column.type_code == "S":
        return format_string
    if column.type_code == "I":
        return format_integer
    if column.type_code == "D":
        return format_date
    if column.type_code == "T":
        return datetime_formatter(zone)
    if column.type_code in ("M", "M+"):
        return format_money
    raise ValueError(f"{column.file} {column.name}: unknown HUD data type {column.type_code!r}.")


def header_line(columns: Sequence[Column]) -> str:
    return ",".join(c.name for c in columns) + "\n"


def line(formatters: Sequence[Formatter], values: Sequence[Any]) -> str:
    return ",".join([f(v) for f, v in zip(formatters, values, strict=True)]) + "\n"
