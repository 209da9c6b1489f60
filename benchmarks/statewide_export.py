"""A statewide-size HMIS CSV export, made by repeating a Continuum's own export with fresh identifiers.

A state's yearly HMIS CSV export holds many Continuums.  ``write_statewide`` takes one Continuum's
export (the `large` demo CoC's, as ``bench_import`` makes it) and writes ``copies`` of it into one
export folder: copy ``k`` of every record keeps its values but gets identifiers of its own (every
primary key, foreign key and HouseholdID), so the copies are as many distinct Continuums with the
demo's distributions of clients, households, stays and records.  A fraction of a copy is allowed
(see ``write_statewide``).  Export.csv is written once; every data row keeps the ExportID.  Files
are streamed row by row, so memory stays flat.

Identifiers of the demo are 32 hexadecimal characters starting with a counter (hearth/demo/draws.py):
copy ``k`` replaces the first two characters with ``k`` in hexadecimal, which keeps them unique and
still sorted together.  Any other identifier gets ``~k`` appended.
"""

import csv
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from hearth.hud.generated.columns import COLUMNS, FILES

EXPORT_FILE = "Export.csv"
MAX_COPIES = 256
MIN_FRACTION = 0.02  # a smaller part of a copy is left out
ID_LENGTH = 32


def identifier_columns() -> dict[str, frozenset[str]]:
    """CSV columns holding record identifiers, by file: keys, references and HouseholdID."""
    keys = {f.primary_key for f in FILES if f.name != EXPORT_FILE}
    by_file: dict[str, set[str]] = {}
    for column in COLUMNS:
        key = column.key or ""
        is_own_key = key == "PK" and column.file != EXPORT_FILE
        is_reference = key.startswith("FK:") and key.partition(".")[2] in keys
        if is_own_key or is_reference or key.startswith("GROUP:"):
            by_file.setdefault(column.file, set()).add(column.name)
    return {name: frozenset(columns) for name, columns in by_file.items()}


def renamer(copy: int) -> Callable[[str], str]:
    prefix, suffix = f"{copy:02x}", f"~{copy}"

    def rename(value: str) -> str:
        if not value or copy == 0:
            return value
        if len(value) == ID_LENGTH:
            return prefix + value[2:]
        return value + suffix

    return rename


def write_statewide(source: Path, target: Path, copies: float) -> dict[str, int]:
    """Write ``copies`` renamed copies of the export in ``source`` to ``target``; rows per file.

    A fraction of a copy holds the stays in some of the projects (about that fraction of the
    enrollments), with every record of those stays and their clients, and every project's records:
    households and references stay whole.
    """
    if not 0 < copies <= MAX_COPIES:
        raise ValueError(f"copies must be more than 0 and at most {MAX_COPIES}")
    target.mkdir(parents=True, exist_ok=True)
    identifiers = identifier_columns()
    whole, fraction = int(copies), copies - int(copies)
    part = _part(source, fraction) if fraction >= MIN_FRACTION else None
    rounds = whole + (part is not None)
    counts: dict[str, int] = {}
    for hud_file in FILES:
        source_file, target_file = source / hud_file.name, target / hud_file.name
        counts[hud_file.name] = _write_file(
            source_file,
            target_file,
            identifiers.get(hud_file.name, frozenset()),
            1 if hud_file.name == EXPORT_FILE else rounds,
            part if hud_file.name != EXPORT_FILE else None,
            whole,
        )
    return counts


class _Part:
    """The rows of a partial copy: the stays in the chosen projects, and their clients."""

    def __init__(self, enrollments: set[str], clients: set[str]) -> None:
        self.enrollments = enrollments
        self.clients = clients

    def keeps(self, header: list[str]) -> Callable[[list[str]], bool]:
        if "EnrollmentID" in header:
            at = header.index("EnrollmentID")
            return lambda row: row[at] in self.enrollments
        if "PersonalID" in header:
            at = header.index("PersonalID")
            return lambda row: row[at] in self.clients
        return lambda row: True


def _part(source: Path, fraction: float) -> _Part:
    with (source / "Enrollment.csv").open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        header = next(reader)
        enrollment, client, project = (header.index(n) for n in ("EnrollmentID", "PersonalID", "ProjectID"))
        stays = [(row[project], row[enrollment], row[client]) for row in reader]
    per_project = Counter(project_id for project_id, _e, _c in stays)
    chosen: set[str] = set()
    counted = 0
    for project_id in sorted(per_project):
        if counted >= fraction * len(stays):
            break
        chosen.add(project_id)
        counted += per_project[project_id]
    kept = [(e, c) for project_id, e, c in stays if project_id in chosen]
    return _Part({e for e, _c in kept}, {c for _e, c in kept})


def _write_file(
    source: Path,
    target: Path,
    identifiers: frozenset[str],
    rounds: int,
    part: _Part | None,
    whole: int,
) -> int:
    count = 0
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        for copy in range(rounds):
            rename = renamer(copy)
            with source.open(encoding="utf-8", newline="") as stream:
                reader = csv.reader(stream)
                header = next(reader)
                if copy == 0:
                    writer.writerow(header)
                renamed = [i for i, name in enumerate(header) if name in identifiers]
                keeps = part.keeps(header) if part is not None and copy == whole else None
                for row in reader:
                    if keeps is not None and not keeps(row):
                        continue
                    for i in renamed:
                        row[i] = rename(row[i])
                    writer.writerow(row)
                    count += 1
    return count


def size_of(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.glob("*.csv"))
