"""Table shells: the layout HUD's Sage expects for each question table, as CSV templates.

A shell is a small CSV file named after its table (``Q7a.csv``): row 1 is the header, column A
the row labels, exactly as the Sage upload has them. Each body cell says how its value is
written, by example:

* ``0``       a count (an integer);
* ``0.0000``  a rate, a fraction to four decimals;
* ``0.00``    an amount or average, to two decimals;
* ``text``    text (project descriptors in Q4a);
* empty       a cell the shell leaves blank.

Cells are addressed as in a spreadsheet: column letter and row number, ``B2`` being the first
body cell.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

COUNT, RATE, DECIMAL, TEXT, BLANK = "0", "0.0000", "0.00", "text", ""
FORMATS = frozenset({COUNT, RATE, DECIMAL, TEXT, BLANK})


class ShellError(ValueError):
    """A shell template is missing or holds an unknown cell format."""


def column_letter(index: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA"."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


@dataclass(frozen=True)
class Shell:
    name: str  # "Q7a"
    header: tuple[str, ...]
    labels: tuple[str, ...]  # column A of each body row, top to bottom
    formats: tuple[tuple[str, ...], ...]  # per body row, per column B onwards

    @property
    def width(self) -> int:
        return len(self.header)

    def cells(self) -> list[tuple[str, str]]:
        """(address, format) of every body cell, row by row."""
        found = []
        for row_index, row in enumerate(self.formats):
            for column_index, cell_format in enumerate(row):
                found.append((f"{column_letter(column_index + 1)}{row_index + 2}", cell_format))
        return found

    def format_of(self, address: str) -> str | None:
        return dict(self.cells()).get(address)


def read_shell(path: Path) -> Shell:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows:
        raise ShellError(f"The shell {path.name} is empty.")
    header = tuple(rows[0])
    body = rows[1:]
    formats = []
    for number, row in enumerate(body, start=2):
        if len(row) != len(header):
            raise ShellError(f"{path.name} row {number} has {len(row)} cells; the header has {len(header)}.")
        unknown = [value for value in row[1:] if value not in FORMATS]
        if unknown:
            raise ShellError(f"{path.name} row {number} has unknown cell formats {unknown}.")
        formats.append(tuple(row[1:]))
    return Shell(
        name=path.stem,
        header=header,
        labels=tuple(row[0] for row in body),
        formats=tuple(formats),
    )


@cache
def find_shell(name: str, folders: tuple[Path, ...]) -> Shell:
    """The shell of table ``name`` from the first folder that has one."""
    for folder in folders:
        path = folder / f"{name}.csv"
        if path.is_file():
            return read_shell(path)
    raise ShellError(f"No table shell for {name} in {', '.join(str(f) for f in folders)}.")
