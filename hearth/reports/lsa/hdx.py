"""The HDX 2.0 upload: the 12 LSA files, checked as HDX checks them, written into one zip.

Checks follow HUD's LSA Data Dictionary (dictionary.py): the columns of each file in order,
values of the column's data type and length, NULL only where allowed, and list columns holding
values of their list. A report that fails them is not written.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb

from hearth.reports.lsa.dictionary import COLUMNS, LISTS
from hearth.reports.lsa.dictionary_types import LsaColumn

# upload file -> the DuckDB table of the report that holds its rows
FILE_TABLES = {
    "LSAReport": "lsa_ReportFile",
    "LSAPerson": "lsa_Person",
    "LSAHousehold": "lsa_Household",
    "LSAExit": "lsa_Exit",
    "LSACalculated": "lsa_Calculated",
    "Organization": "lsa_Organization",
    "Project": "lsa_Project",
    "Funder": "lsa_Funder",
    "ProjectCoC": "lsa_ProjectCoC",
    "Inventory": "lsa_Inventory",
    "HMISParticipation": "lsa_HMISParticipation",
    "Affiliation": "lsa_Affiliation",
}
PROJECT_DESCRIPTOR_FILES = frozenset(
    {"Organization", "Project", "Funder", "ProjectCoC", "Inventory", "HMISParticipation", "Affiliation"}
)
# Values the FY2026 specification adds to dictionary lists that the dictionary file does not yet
# show (LSA Programming Specifications v8, 1.4): LSAPerson DisabilityStatus 98 "data not provided",
# and LSACalculated ReportRow 921, night-by-night enrollments without bed nights.
LIST_ADDITIONS: dict[int, frozenset[int]] = {46: frozenset({98}), 33: frozenset({921})}
FORBIDDEN_IN_TEXT = re.compile(r"[\[\]{}]")
VENDOR_COLUMNS = frozenset({"SoftwareVendor", "SoftwareName", "VendorContact", "VendorEmail"})
MAX_PROBLEMS = 20


class HdxCheckError(ValueError):
    """The upload files break HDX's file checks; the message lists the problems found."""


@dataclass(frozen=True)
class UploadFile:
    name: str
    columns: list[str]
    rows: list[tuple]


def dictionary_columns(file_name: str) -> list[LsaColumn]:
    return sorted((c for c in COLUMNS if c.file == file_name), key=lambda c: c.order)


def read_upload_files(connection: duckdb.DuckDBPyConnection) -> list[UploadFile]:
    """The 12 files' rows in the dictionary's column order, from the report's tables."""
    files = []
    for name, table in FILE_TABLES.items():
        names = [c.name for c in dictionary_columns(name)]
        select = ", ".join(f'"{n}"' for n in names)
        # sorted, so that the same data always give the same files
        rows = connection.execute(f"SELECT {select} FROM {table} ORDER BY ALL").fetchall()  # noqa: S608
        files.append(UploadFile(name, names, rows))
    return files


def check(files: list[UploadFile]) -> list[str]:
    """HDX's file checks; an empty list means every file passes."""
    problems: list[str] = []
    for upload in files:
        columns = dictionary_columns(upload.name)
        if upload.columns != [c.name for c in columns]:
            problems.append(f"{upload.name}: columns {upload.columns} are not the dictionary's")
            continue
        if _file_passes(columns, upload.rows):
            continue
        for number, row in enumerate(upload.rows, start=2):
            for column, value in zip(columns, row, strict=True):
                problem = check_value(column, value)
                if problem:
                    problems.append(f"{upload.name} line {number} {column.name}: {problem}")
                    if len(problems) >= MAX_PROBLEMS:
                        return problems
    return problems


def _file_passes(columns: list[LsaColumn], rows: list[tuple]) -> bool:
    """Whether every value passes check_value, tested a column at a time (the usual case)."""
    if any(len(row) != len(columns) for row in rows):
        return False
    return all(_column_passes(column, [row[index] for row in rows]) for index, column in enumerate(columns))


def _column_passes(column: LsaColumn, values: list[object]) -> bool:
    """True only if check_value passes every value; False sends the file to the row-by-row check."""
    present = [value for value in values if value is not None and value != ""]
    if len(present) != len(values) and not column.nullable:
        return False
    kinds = {type(value) for value in present}
    if column.data_type == "int":
        if not kinds <= {int}:
            return False
        if column.list is not None and column.list in LISTS:
            return set(present) <= LISTS[column.list] | LIST_ADDITIONS.get(column.list, frozenset())
        return True
    if column.data_type == "date":
        return kinds <= {date}
    if column.data_type == "datetime":
        return kinds <= {date, datetime}
    if not kinds <= {str} or column.name in VENDOR_COLUMNS:
        return all(check_value(column, value) is None for value in present)
    limit = column.max_length
    return limit is None or all(len(text) <= limit for text in present)  # type: ignore[arg-type] # all str here


def check_value(column: LsaColumn, value: object) -> str | None:
    if value is None or value == "":
        return None if column.nullable else "missing, and the column does not allow NULL"
    if column.data_type == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            return f"{value!r} is not an integer"
        if column.list is not None and column.list in LISTS:
            allowed = LISTS[column.list] | LIST_ADDITIONS.get(column.list, frozenset())
            if value not in allowed:
                return f"{value} is not a value of LSA list {column.list}"
        return None
    if column.data_type == "date":
        return (
            None
            if isinstance(value, date) and not isinstance(value, datetime)
            else f"{value!r} is not a date"
        )
    if column.data_type == "datetime":
        # a date is a valid value of a datetime column (HMISParticipation status dates are dates)
        return None if isinstance(value, date) else f"{value!r} is not a date and time"
    text = str(value)
    if column.max_length is not None and len(text) > column.max_length:
        return f"{text!r} is longer than {column.max_length} characters"
    if column.name in VENDOR_COLUMNS and FORBIDDEN_IN_TEXT.search(text):
        return f"{text!r} contains [ ] {{ or }}"
    return None


def csv_text(upload: UploadFile) -> str:
    """One file as HDX reads it: header, CRLF line ends, text in double quotes, numbers bare."""
    quote_dates = upload.name in PROJECT_DESCRIPTOR_FILES
    lines = [",".join(upload.columns)]
    for row in upload.rows:
        # NULLs and integers, most of the values, without the type checks of _field
        lines.append(
            ",".join(
                [
                    ""
                    if value is None
                    else str(value)
                    if value.__class__ is int
                    else _field(value, quote_dates=quote_dates)
                    for value in row
                ]
            )
        )
    return "\r\n".join(lines) + "\r\n"


def _field(value: object, *, quote_dates: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        text = value.strftime("%Y-%m-%d %H:%M:%S")
        return f'"{text}"' if quote_dates else text
    if isinstance(value, date):
        text = value.isoformat()
        return f'"{text}"' if quote_dates else text
    text = str(value).replace('"', '""')
    return f'"{text}"'


def write_zip(files: list[UploadFile], destination: Path | io.BytesIO) -> None:
    """Check the files and write them into one zip; nothing is written if a check fails."""
    problems = check(files)
    if problems:
        raise HdxCheckError("the LSA files fail HDX's checks: " + "; ".join(problems))
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for upload in files:
            info = zipfile.ZipInfo(f"{upload.name}.csv", date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, csv_text(upload).encode("utf-8"))
