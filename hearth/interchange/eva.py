"""HUD Eva's file-structure checks on an HMIS CSV export (a zip, or a folder of CSV files).

Eva is HUD's data-quality tool for HMIS CSV exports (abtassociates/eva).  Before it analyses
anything it checks the upload (a zip of the 24 files at its top level, one Export row, an
FY2026 CSVVersion, SHA-256 hashing) and then the structure of every file: the columns, data
types, required values, key uniqueness and references, code lists of a few key columns and the
characters < > [ ] { }.  This module runs the rows of Eva's EvaChecks.csv whose Source is
"file structure", with the column definitions of Eva's columns.csv (both in
../shared/reference/eva/), and returns Eva's issues with Eva's name, severity and guidance.

As in Eva, the upload checks come first and, when one fails, the export is not analysed
further.  Differences from Eva, on purpose:

* an unhashed export is accepted unless ``require_hashed`` is set (Eva accepts only hashed
  uploads; Hearth also checks the exports it writes for HMIS Leads and other systems); an
  export that says HashStatus 4 must hold SHA-256 values either way;
* where Eva's columns.csv spells a column differently from the HUD specification only in
  letter case (Eva's ``TcellCount``), the specification's spelling is expected;
* the ExportID check (49) covers every file, not only Client.csv, as FMT-11 asks.
"""

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO

from django.conf import settings

from hearth.hud.generated.columns import COLUMNS
from hearth.hud.generated.lists import LISTS
from hearth.hud.generated.rules import LIVING_SITUATIONS

FILE_STRUCTURE = "file structure"
HIGH_PRIORITY, ERROR = "High Priority", "Error"
SEVERITY_ORDER = {HIGH_PRIORITY: 0, ERROR: 1, "Warning": 2}
BRACKETS = re.compile(r"[<>\[\]{}]")
NUMERIC = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
DATETIME = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$")
SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")
HASHED_SSN = re.compile(r"^[0-9xX]{4}[0-9a-fA-F]{64}$")
CURRENT_YEAR = "2026"
SHA_256_HASHED = "4"


@dataclass(frozen=True)
class EvaIssue:
    check_id: int
    issue: str  # Eva's name for the check
    severity: str  # "High Priority" or "Error"
    guidance: str  # Eva's guidance text
    detail: str  # what was found, and where


@dataclass(frozen=True)
class EvaColumn:
    file: str  # "Client.csv"
    name: str
    data_type: str  # character | numeric | date | datetime
    high_priority: bool
    nulls_allowed: bool


class EvaReferenceError(ValueError):
    """Eva's reference files are missing or unreadable."""


def reference_dir() -> Path:
    return Path(settings.HUD_SPEC_DIR).parent / "reference" / "eva"


@cache
def _checks(folder: Path) -> dict[int, tuple[str, str, str]]:
    path = folder / "EvaChecks.csv"
    if not path.is_file():
        raise EvaReferenceError(f"Eva's check list {path} is missing.")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {
            int(row["ID"]): (row["Issue"].strip(), row["Type"].strip(), row["Guidance"].strip())
            for row in csv.DictReader(handle)
            if row["Source"].strip() == FILE_STRUCTURE
        }


@cache
def _columns(folder: Path) -> dict[str, tuple[EvaColumn, ...]]:
    path = folder / "columns.csv"
    if not path.is_file():
        raise EvaReferenceError(f"Eva's column definitions {path} are missing.")
    spec = {(c.file, c.name.lower()): c.name for c in COLUMNS}
    files: dict[str, list[EvaColumn]] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            file_name = row["File"].strip() + ".csv"
            name = row["Column"].strip()
            name = spec.get((file_name, name.lower()), name)  # the specification's spelling
            files.setdefault(file_name, []).append(
                EvaColumn(
                    file=file_name,
                    name=name,
                    data_type=row["DataType"].strip(),
                    high_priority=row["DataTypeHighPriority"].strip() == "1",
                    nulls_allowed=row["NullsAllowed"].strip() == "1",
                )
            )
    return {name: tuple(columns) for name, columns in files.items()}


class _Report:
    def __init__(self, folder: Path) -> None:
        self.checks = _checks(folder)
        self.issues: list[EvaIssue] = []

    def add(self, check_id: int, detail: str, severity: str | None = None) -> None:
        issue, default_severity, guidance = self.checks[check_id]
        self.issues.append(EvaIssue(check_id, issue, severity or default_severity, guidance, detail))

    def sorted(self) -> list[EvaIssue]:
        return sorted(self.issues, key=lambda i: (SEVERITY_ORDER.get(i.severity, 9), i.check_id, i.detail))


class _Export:
    """The CSV files of an export, by file name, from a zip or a folder."""

    def __init__(self, openers: dict[str, Callable[[], IO[bytes]]]) -> None:
        self.names = set(openers)
        self._openers = openers

    @contextmanager
    def rows(self, file_name: str) -> Iterator[Iterator[list[str]]]:
        with self._openers[file_name]() as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
            yield csv.reader(text)


def file_structure_checks(
    folder_or_zip: str | Path, *, require_hashed: bool = False, reference: Path | None = None
) -> list[EvaIssue]:
    """Eva's file-structure issues of an export; an empty list when it passes."""
    folder = reference or reference_dir()
    report = _Report(folder)
    columns = _columns(folder)
    path = Path(folder_or_zip)
    with _open_export(path, report) as export:
        if export is None or not _upload_checks(export, columns, report, require_hashed):
            return report.sorted()
        _structure_checks(export, columns, report)
    return report.sorted()


@contextmanager
def _open_export(path: Path, report: _Report) -> Iterator[_Export | None]:
    if path.is_dir():
        files = {p.name: p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv"}
        yield _Export({name: _file_opener(p) for name, p in files.items()})
        return
    if path.suffix.lower() != ".zip" or not zipfile.is_zipfile(path):
        report.add(127, f"{path.name} is not a .zip file.")
        yield None
        return
    with zipfile.ZipFile(path) as archive:
        entries = [e for e in archive.namelist() if not e.endswith("/") and not e.startswith("__MACOSX/")]
        if entries and "/" in entries[0]:
            report.add(122, f"The files are inside the folder {entries[0].split('/')[0]!r} of the zip.")
            yield None
            return
        top = [e for e in entries if "/" not in e and e.lower().endswith(".csv")]
        yield _Export({name: _member_opener(archive, name) for name in top})


def _file_opener(path: Path) -> Callable[[], IO[bytes]]:
    return lambda: path.open("rb")


def _member_opener(archive: zipfile.ZipFile, name: str) -> Callable[[], IO[bytes]]:
    return lambda: archive.open(name)


def _upload_checks(
    export: _Export, columns: dict[str, tuple[EvaColumn, ...]], report: _Report, require_hashed: bool
) -> bool:
    missing = sorted(set(columns) - export.names)
    if missing:
        report.add(125, "The export is missing " + ", ".join(missing) + ".")
        return False
    with export.rows("Export.csv") as rows:
        header = next(rows, [])
        records = [dict(zip(header, r, strict=False)) for r in rows if any(v.strip() for v in r)]
    if len(records) != 1:
        report.add(140, f"Export.csv has {len(records)} data rows; it must have exactly one.")
        return False
    (record,) = records
    csv_version = record.get("CSVVersion", "")
    if CURRENT_YEAR not in csv_version:
        report.add(
            124, f"Export.csv says CSVVersion {csv_version!r}; an FY{CURRENT_YEAR} export is expected."
        )
        return False
    hash_status = record.get("HashStatus", "").strip()
    if hash_status == SHA_256_HASHED:
        problem = _hashing_problem(export)
        if problem:
            report.add(126, problem)
            return False
    elif require_hashed:
        report.add(
            126, f"Export.csv says HashStatus {hash_status!r}; a SHA-256 hashed export (4) is required."
        )
        return False
    return True


def _hashing_problem(export: _Export) -> str:
    with export.rows("Client.csv") as rows:
        header = next(rows, [])
        positions = {
            name: header.index(name)
            for name in ("FirstName", "MiddleName", "LastName", "SSN")
            if name in header
        }
        for number, row in enumerate(rows, start=2):
            for name, at in positions.items():
                value = row[at] if at < len(row) else ""
                pattern = HASHED_SSN if name == "SSN" else SHA256
                if value and not pattern.match(value):
                    return f"Export.csv says HashStatus 4 but Client.csv row {number} has an unhashed {name}."
    return ""


def _structure_checks(export: _Export, columns: dict[str, tuple[EvaColumn, ...]], report: _Report) -> None:
    with export.rows("Export.csv") as rows:
        header = next(rows, [])
        export_id = dict(zip(header, next(rows, []), strict=False)).get("ExportID", "")
    keys = _Keys()
    for file_name in _reading_order(columns):
        with export.rows(file_name) as rows:
            _check_file(file_name, rows, columns[file_name], export_id, keys, report)
    keys.report_households(report)


def _reading_order(columns: dict[str, tuple[EvaColumn, ...]]) -> list[str]:
    # Client and Project before Enrollment, whose references are checked against them.
    first = ["Export.csv", "Client.csv", "Project.csv"]
    return first + sorted(set(columns) - set(first))


class _Keys:
    """Identifiers the cross-file checks need."""

    def __init__(self) -> None:
        self.personal_ids: set[str] = set()
        self.project_ids: set[str] = set()
        self.household_projects: dict[str, set[str]] = {}

    def report_households(self, report: _Report) -> None:
        for household, projects in sorted(self.household_projects.items()):
            if len(projects) > 1:
                report.add(98, f"HouseholdID {household} is reused across {len(projects)} projects.")


def _row_list(numbers: list[int], total: int) -> str:
    if len(numbers) == total:
        return "All rows affected."
    if len(numbers) <= 3:
        return "See rows: " + ", ".join(str(n) for n in numbers) + "."
    return f"For example, see row {numbers[0]}."


def _check_file(
    file_name: str,
    rows: Iterator[list[str]],
    columns: tuple[EvaColumn, ...],
    export_id: str,
    keys: _Keys,
    report: _Report,
) -> None:
    stem = file_name.removesuffix(".csv")
    header = [h.strip() for h in next(rows, [])]
    by_name = {c.name: c for c in columns}
    for name in sorted(set(by_name) - set(header)):
        report.add(
            12 if by_name[name].high_priority else 82, f"In the {stem} file, the {name} column is missing."
        )
    for name in sorted(set(header) - set(by_name)):
        report.add(82, f"In the {stem} file, {name} is an extra column.")
    checker = _FileChecker(file_name, header, by_name, export_id, keys)
    for number, row in enumerate(rows, start=2):
        checker.check_row(number, row)
    checker.report(report)


class _FileChecker:
    def __init__(
        self, file_name: str, header: list[str], by_name: dict[str, EvaColumn], export_id: str, keys: _Keys
    ) -> None:
        self.file_name = file_name
        self.stem = file_name.removesuffix(".csv")
        self.header = header
        self.at = {name: i for i, name in enumerate(header)}
        self.known = [(i, by_name[name]) for i, name in enumerate(header) if name in by_name]
        self.export_id = export_id
        self.keys = keys
        self.rows = 0
        self.nulls: dict[str, list[int]] = {}
        self.bad_types: dict[str, int] = {}
        self.brackets: list[tuple[int, str]] = []
        self.export_ids: set[str] = set()
        self.seen_ids: set[str] = set()
        self.duplicates: dict[str, int] = {}
        self.findings: list[tuple[int, str]] = []
        self.invalid_client_values: dict[str, int] = {}

    def value(self, row: list[str], name: str) -> str:
        at = self.at.get(name)
        return row[at].strip() if at is not None and at < len(row) else ""

    def check_row(self, number: int, row: list[str]) -> None:
        self.rows += 1
        for at, column in self.known:
            value = row[at] if at < len(row) else ""
            if not value.strip():
                if not column.nulls_allowed:
                    self.nulls.setdefault(column.name, []).append(number)
                continue
            if not _has_type(value.strip(), column.data_type):
                self.bad_types[column.name] = self.bad_types.get(column.name, 0) + 1
            if column.data_type == "character" and BRACKETS.search(value) and len(self.brackets) < 3:
                self.brackets.append((number, column.name))
        exported = self.value(row, "ExportID")
        if exported and exported != self.export_id:
            self.export_ids.add(exported)
        self._check_keys(number, row)

    def _check_keys(self, number: int, row: list[str]) -> None:
        if self.file_name == "Client.csv":
            self._unique(self.value(row, "PersonalID"))
            self.keys.personal_ids.add(self.value(row, "PersonalID"))
            for name, valid in _client_value_lists().items():
                if name in self.at and self.value(row, name) not in valid:
                    self.invalid_client_values[name] = self.invalid_client_values.get(name, 0) + 1
        elif self.file_name == "Project.csv":
            self.keys.project_ids.add(self.value(row, "ProjectID"))
        elif self.file_name == "Enrollment.csv":
            self._check_enrollment(row)
        elif self.file_name == "Exit.csv":
            self._coded(row, "Destination", _living_situations("destination"), 54, "a Destination value of")
        elif self.file_name == "CurrentLivingSituation.csv":
            self._coded(
                row,
                "CurrentLivingSituation",
                _living_situations("current"),
                55,
                "a Current Living Situation value of",
            )

    def _check_enrollment(self, row: list[str]) -> None:
        enrollment_id = self.value(row, "EnrollmentID")
        self._unique(enrollment_id)
        personal_id, project_id = self.value(row, "PersonalID"), self.value(row, "ProjectID")
        if personal_id not in self.keys.personal_ids:
            self.findings.append(
                (9, f"PersonalID {personal_id} is in the Enrollment file but not in the Client file.")
            )
        if project_id not in self.keys.project_ids:
            self.findings.append(
                (10, f"ProjectID {project_id} is in the Enrollment file but not in the Project file.")
            )
        household = self.value(row, "HouseholdID")
        if household:
            self.keys.household_projects.setdefault(household, set()).add(project_id)
        self._coded(
            row, "DisablingCondition", _list_codes("1.8"), 51, "a DisablingCondition of", allow_null=False
        )
        self._coded(row, "LivingSituation", _living_situations("prior"), 52, "a LivingSituation of")
        self._coded(row, "RelationshipToHoH", _list_codes("3.15.1"), 53, "a RelationshipToHoH of")

    def _coded(
        self,
        row: list[str],
        name: str,
        valid: frozenset[str],
        check_id: int,
        what: str,
        *,
        allow_null: bool = True,
    ) -> None:
        if name not in self.at:
            return
        value = self.value(row, name)
        if (value or not allow_null) and value not in valid:
            enrollment = self.value(row, "EnrollmentID")
            self.findings.append(
                (check_id, f"EnrollmentID {enrollment} has {what} {value or 'null'}, which is not valid.")
            )

    def _unique(self, key: str) -> None:
        if key in self.seen_ids:
            self.duplicates[key] = self.duplicates.get(key, 1) + 1
        self.seen_ids.add(key)

    def report(self, report: _Report) -> None:
        by_name = {c.name: c for _at, c in self.known}
        for name, numbers in self.nulls.items():
            column = by_name[name]
            report.add(
                6,
                f"The {name} column in the {self.stem} file contains nulls or incorrect data types. "
                + _row_list(numbers, self.rows),
                HIGH_PRIORITY if column.high_priority else ERROR,
            )
        for name, count in self.bad_types.items():
            column = by_name[name]
            report.add(_type_check_id(column), _type_detail(self.stem, column, count))
        if self.brackets:
            where = "; ".join(f"row {n}, {c}" for n, c in self.brackets)
            report.add(134, f"Found one or more of < > [ ] {{ }} in the {self.stem} file ({where}).")
        for exported in sorted(self.export_ids):
            report.add(
                49,
                f"The Export file says the ExportID is {self.export_id} "
                f"but in your {self.stem} file, it is {exported}.",
            )
        duplicate_check = {"Client.csv": (7, "PersonalID"), "Enrollment.csv": (8, "EnrollmentID")}.get(
            self.file_name
        )
        if duplicate_check:
            for key, count in sorted(self.duplicates.items()):
                report.add(
                    duplicate_check[0], f"There are {count} duplicates for {duplicate_check[1]} {key}."
                )
        if self.file_name == "Enrollment.csv" and self.rows == 0:
            report.add(101, "There are 0 enrollment records in the Enrollment.csv file.")
        for name, count in sorted(self.invalid_client_values.items()):
            report.add(50, f"{name} has {count} rows with invalid values.")
        for check_id, detail in self.findings:
            report.add(check_id, detail)


def _has_type(value: str, data_type: str) -> bool:
    if data_type == "numeric":
        return bool(NUMERIC.match(value))
    if data_type == "date":
        return bool(DATE.match(value)) and _parses(value, "%Y-%m-%d")
    if data_type == "datetime":
        return bool(DATETIME.match(value)) and _parses(value, "%Y-%m-%d %H:%M:%S")
    return True


def _parses(value: str, pattern: str) -> bool:
    try:
        datetime.datetime.strptime(value, pattern)  # noqa: DTZ007 - a format check, no time zone involved
    except ValueError:
        return False
    return True


def _type_check_id(column: EvaColumn) -> int:
    dated = column.data_type in ("date", "datetime")
    if column.high_priority:
        return 11 if dated else 13
    return 47 if dated else 48


def _type_detail(stem: str, column: EvaColumn, count: int) -> str:
    if column.data_type in ("date", "datetime"):
        return (
            f"Please check that the {column.name} column in the {stem} file "
            f"has the correct {column.data_type} format ({count} rows)."
        )
    expected = "integer" if column.data_type == "numeric" else "string"
    return (
        f"In the {stem} file, the {column.name} column should have a data type of {expected} ({count} rows)."
    )


@cache
def _list_codes(list_number: str) -> frozenset[str]:
    return frozenset(str(code) for code, status in LISTS[list_number].status.items() if status != "legacy")


@cache
def _living_situations(kind: str) -> frozenset[str]:
    allowed = {
        "prior": lambda s: s.prior_living_situation,
        "current": lambda s: s.current_living_situation,
        "destination": lambda s: s.destination,
    }[kind]
    return frozenset(str(s.code) for s in LIVING_SITUATIONS if allowed(s))


@cache
def _client_value_lists() -> dict[str, frozenset[str]]:
    """Eva check 50: the Client.csv race and veteran columns hold only their list's codes."""
    checked = ("VeteranStatus", "RaceNone", "AmIndAKNative", "Asian", "BlackAfAmerican")
    checked_too = ("NativeHIPacific", "White", "MidEastNAfrican", "HispanicLatinao")
    lists = {c.name: c for c in COLUMNS if c.file == "Client.csv"}
    return {
        name: _list_codes(lists[name].list or "") | (frozenset({""}) if lists[name].nullable else frozenset())
        for name in checked + checked_too
    }
