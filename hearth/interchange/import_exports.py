"""What an export is before its rows are read: its own Export row, HashStatus and HMIS CSV version.

Every data record carries the ExportID of its export (FMT-11).  HUD's own LSA sample keeps the
history of earlier exports in Export.csv (24 rows); the export's own row is then the one whose
ExportID the data files carry, and the other rows are imported as records of earlier exports.

Older exports (FY2024, FY2022) are read through hearth.interchange.versions, which maps their
files and rows onto FY2026 columns; ``ExportPlan`` is the only place that calls it.  A FY2022
EnrollmentCoC.csv is read first, into the context the Enrollment rows need (its rows have no FY2026
file of their own), and FY2022 Project rows imply HMISParticipation rows (``derived_rows``).
"""

import csv
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from hearth.hud.columndefs import Column
from hearth.hud.generated.columns import COLUMNS
from hearth.interchange import versions
from hearth.interchange.reader import CsvMember, ExportFolder, RowError
from hearth.interchange.validation import IssueLog, issue

CURRENT_VERSION = versions.CURRENT
HASHED_OTHER = 3  # list 1.5: hashed by a method HUD does not define
PEEKED_IDS = 20


@cache
def columns_of(file_name: str) -> tuple[Column, ...]:
    return tuple(c for c in COLUMNS if c.file == file_name)


@dataclass
class ExportPlan:
    index: int  # position in the batch
    folder: ExportFolder
    version: str = CURRENT_VERSION
    export_id: str | None = None
    hash_status: int = 1
    is_readable: bool = True
    data_export_ids: list[str] = field(default_factory=list)
    context: versions.UpgradeContext | None = None

    @property
    def is_hashed(self) -> bool:
        return self.hash_status != 1

    @property
    def is_current(self) -> bool:
        return self.version == CURRENT_VERSION

    def columns(self, file_name: str) -> Sequence[Column]:
        return columns_of(file_name)

    def path(self, file_name: str) -> str:
        return f"{self.folder.label}/{file_name}" if self.folder.label else file_name

    def is_expected(self, file_name: str) -> bool:
        """Whether an export of this version must hold the file (FY2022 had no HMISParticipation.csv...)."""
        return file_name in versions.COLUMNS_BY_VERSION[self.version]

    def member(self, file_name: str) -> CsvMember | None:
        """The file holding this FY2026 file's rows (the same name in every version so far)."""
        return self.folder.members.get(file_name)

    def upgrade_header(self, file_name: str, header: list[str]) -> list[str]:
        return header if self.is_current else versions.upgrade_headers(file_name, header, self.version)

    def upgrade(
        self, file_name: str, header: list[str], cells: list[str]
    ) -> tuple[dict[str, str] | None, list[tuple[str, dict[str, str]]]]:
        """An older row as FY2026 values by column (None: no FY2026 row), and the rows it implies."""
        row = dict(zip(header, cells, strict=True))
        upgraded = versions.upgrade_row(file_name, row, self.version, context=self.context)
        return upgraded, versions.derived_rows(file_name, row, self.version)


def plan_export(index: int, folder: ExportFolder, log: IssueLog) -> ExportPlan:
    """Look at an export's headers and Export.csv; problems that stop the reading go to ``log``."""
    plan = ExportPlan(index=index, folder=folder)
    headers: dict[str, list[str]] = {}
    for name, member in folder.members.items():
        header, export_id = _peek(member)
        if header is not None:
            headers[name] = header
        if export_id and export_id not in plan.data_export_ids and name != "Export.csv":
            plan.data_export_ids.append(export_id)
    export_rows = _export_rows(folder.members["Export.csv"])
    own = _own_row(export_rows, plan.data_export_ids)
    path = folder.members["Export.csv"].path
    if own is None:
        log.add(issue("FMT-11", path, "holds no export row", cannot_import=True))
        plan.is_readable = False
        return plan
    plan.export_id = own.get("ExportID") or None
    try:
        plan.version = versions.detect_version(headers, own.get("CSVVersion"))
    except ValueError as error:
        log.add(issue("FMT-12", path, str(error), row=2, column="CSVVersion", cannot_import=True))
        plan.is_readable = False
        return plan
    if not plan.is_current:
        plan.context = versions.build_context(_raw_rows(folder), list(folder.members), plan.version)
    if len(export_rows) > 1:
        message = (
            f"holds {len(export_rows)} rows where HUD expects one; the row of ExportID {plan.export_id!r}, "
            f"which the data files carry, is this export's, the other {len(export_rows) - 1} are imported "
            "as records of earlier exports"
        )
        log.add(issue("FMT-11", path, message, is_tolerated=True))
    hash_status = own.get("HashStatus", "")
    plan.hash_status = int(hash_status) if hash_status.isascii() and hash_status.isdigit() else 1
    if plan.hash_status == HASHED_OTHER:
        message = (
            "says HashStatus 3 (hashed by another method): Hearth imports unhashed exports and HUD's "
            "SHA-256 (4) or SHA-1 (2) hashes, whose form it can check; ask for one of those"
        )
        log.add(issue("FMT-16", path, message, row=2, column="HashStatus", value=hash_status))
        plan.is_readable = False
    return plan


def _raw_rows(folder: ExportFolder) -> "versions.RowReader":
    """Rows of a file as {column: text}, for the version mapping's context (FY2022 EnrollmentCoC)."""

    def read(file_name: str) -> Iterator[Mapping[str, str]]:
        member = folder.members.get(file_name)
        if member is None:
            return
        try:
            with member.rows() as rows:
                header = rows.header or []
                for _number, cells in rows:
                    if len(cells) == len(header):
                        yield dict(zip(header, cells, strict=True))
        except RowError:
            return  # the file's own reading reports it

    return read


def _peek(member: CsvMember) -> tuple[list[str] | None, str | None]:
    """A file's header and the ExportID of its first record (None where there is none)."""
    try:
        with member.rows() as rows:
            if rows.header is None:
                return None, None
            header = rows.header
            for _number, cells in rows:
                if "ExportID" in header and len(cells) == len(header):
                    return header, cells[header.index("ExportID")]
                break
            return header, None
    except RowError:
        return None, None


def _export_rows(member: CsvMember) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    try:
        with member.rows() as rows:
            header = rows.header or []
            for _number, cells in rows:
                found.append(dict(zip(header, cells, strict=False)))
                if len(found) > 1_000:
                    break  # Export.csv is a handful of rows; the main reading reports the rest
    except (RowError, csv.Error):
        pass
    return found


def _own_row(rows: list[dict[str, str]], data_ids: list[str]) -> dict[str, str] | None:
    if not rows:
        return None
    for export_id in data_ids:
        for row in rows:
            if row.get("ExportID") == export_id:
                return row
    return rows[-1]
