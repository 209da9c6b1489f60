"""HMIS CSV export: the 24 FY2026 files of one period, as a zip, for what the exporting user may see.

``export_hmis_csv`` is the one way to export; the ``hearth export-csv`` command, pages and the
API call it.  Which rows each file holds is decided in export_selection.py (reporting-period
rules, visibility policy), how values are written in export_format.py (HUD formats) and, on
PostgreSQL, by export_copy.py (the database formats and streams the rows).  Client.csv always
goes through Python: SSNs are decrypted (for users allowed to see them) or hashed there.

The zip is written to a temporary file beside ``output`` and renamed into place when complete,
so a failed export leaves no partial file.  Every export is recorded (interchange.Export) and
audited with its period, projects, hashing and row counts.
"""

import datetime
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from hearth.access import audit
from hearth.access.models import AuditAction, HMISUser
from hearth.access.permissions import Permission
from hearth.access.policy import viewer_for
from hearth.agencies.models import Project
from hearth.clients.models import SocialSecurityNumber
from hearth.clients.ssn import decrypt
from hearth.hud.columndefs import Column
from hearth.hud.generated.columns import COLUMNS, FILES
from hearth.hud.generated.lists import ExportDirective, ExportPeriodType, HashStatus, SourceType
from hearth.hud.ids import new_hud_id
from hearth.interchange import export_copy, hashing
from hearth.interchange.export_clients import client_identities
from hearth.interchange.export_format import formatter_for, header_line, line, local_zone
from hearth.interchange.export_selection import ExportSelection
from hearth.interchange.export_zip import ZipWriter
from hearth.interchange.models import Export

CSV_VERSION = "2026 v1.0"
SOFTWARE_NAME = "Hearth"
# Deflate level 1: most of the size gain at a fraction of the CPU time of the default level 6.
COMPRESSION_LEVEL = 1
PYTHON_CHUNK_ROWS = 2000
NAME_COLUMNS = ("FirstName", "MiddleName", "LastName")
COLUMNS_OF = {f.name: [c for c in COLUMNS if c.file == f.name] for f in FILES}


class ExportError(ValueError):
    """The export cannot be made as asked (bad period, unknown project...)."""


@dataclass(frozen=True)
class ExportResult:
    export_id: str
    output: Path | None  # None when written to a file object
    row_counts: dict[str, int]  # file name -> data rows
    start: datetime.date
    end: datetime.date
    project_ids: tuple[str, ...] | None
    hashed: bool


def export_hmis_csv(
    *,
    user: Any,
    start: datetime.date,
    end: datetime.date,
    project_ids: Sequence[str] | None = None,
    hashed: bool = False,
    period_type: int = ExportPeriodType.REPORTING_PERIOD,
    directive: int = ExportDirective.FULL_REFRESH,
    output: str | os.PathLike[str] | IO[bytes],
) -> ExportResult:
    """Write an FY2026 HMIS CSV export (a zip of the 24 files) of ``start``..``end`` to ``output``."""
    viewer = viewer_for(user)
    if not viewer.can(Permission.EXPORT_DATA):
        raise PermissionDenied(
            "Exporting HMIS CSV needs the Export HMIS CSV permission in the agency you act as."
        )
    _check_request(start, end, project_ids, period_type, directive)
    record = Export(
        export_id=new_hud_id(),
        source_type=SourceType.COC_HMIS,
        source_id=settings.HEARTH_COC_CODE,
        source_contact_first=(getattr(user, "first_name", "") or None),
        source_contact_last=(getattr(user, "last_name", "") or None),
        source_contact_email=(getattr(user, "email", "") or None),
        export_date=timezone.now(),
        export_start_date=start,
        export_end_date=end,
        software_name=SOFTWARE_NAME,
        software_version=_software_version(),
        csv_version=CSV_VERSION,
        export_period_type=period_type,
        export_directive=directive,
        hash_status=HashStatus.SHA_256 if hashed else HashStatus.UNHASHED,
        implementation_id=getattr(settings, "HEARTH_IMPLEMENTATION_ID", "")
        or f"Hearth {settings.HEARTH_COC_CODE}",
    )
    selection = ExportSelection(user=user, start=start, end=end, project_ids=project_ids)
    writer = _FileWriter(
        export_id=record.export_id,
        hashed=hashed,
        reveals_ssn=viewer.can(Permission.REVEAL_SSN),
    )
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost:
            _read_one_snapshot()
        counts = _write_zip(output, lambda archive: writer.write_all(archive, selection, record))
        record.save(force_insert=True)
        audit.record(
            AuditAction.EXPORT,
            actor=audit.Actor.of(user),
            object_type="interchange.Export",
            object_id=record.export_id,
            detail={
                "period": [start.isoformat(), end.isoformat()],
                "period_type": int(period_type),
                "directive": int(directive),
                "projects": sorted(project_ids) if project_ids is not None else "all",
                "hashed": hashed,
                "counts": counts,
            },
        )
    return ExportResult(
        export_id=record.export_id,
        output=Path(output) if isinstance(output, (str, os.PathLike)) else None,
        row_counts=counts,
        start=start,
        end=end,
        project_ids=tuple(project_ids) if project_ids is not None else None,
        hashed=hashed,
    )


def _check_request(
    start: datetime.date,
    end: datetime.date,
    project_ids: Sequence[str] | None,
    period_type: int,
    directive: int,
) -> None:
    if start > end:
        raise ExportError(f"The period starts ({start}) after it ends ({end}).")
    if period_type != ExportPeriodType.REPORTING_PERIOD:
        raise ExportError(
            f"ExportPeriodType {period_type} is not supported; Hearth exports a reporting period (3)."
        )
    if directive not in ExportDirective.values:
        raise ExportError(f"ExportDirective {directive} is not in HUD list 1.2 (1, 2 or 3).")
    if project_ids is not None:
        if not project_ids:
            raise ExportError("No project was chosen; leave the projects out to export every project.")
        known = set(Project.objects.filter(pk__in=project_ids).values_list("pk", flat=True))
        unknown = sorted(set(project_ids) - known)
        if unknown:
            raise ExportError(f"No project with ProjectID {', '.join(unknown)}.")


def _read_one_snapshot() -> None:
    """On PostgreSQL, every file of the export reads the same snapshot of the database.

    Only possible as the first statement of a transaction, so only when the export opens it.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")


def _software_version() -> str | None:
    try:
        return version("hearth")
    except PackageNotFoundError:
        return None


def _write_zip(
    output: str | os.PathLike[str] | IO[bytes], fill: Callable[[ZipWriter], dict[str, int]]
) -> dict[str, int]:
    if not isinstance(output, (str, os.PathLike)):
        return _filled(ZipWriter(output, compresslevel=COMPRESSION_LEVEL), fill)
    target = Path(output)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)
    try:
        counts = _filled(ZipWriter(temporary, compresslevel=COMPRESSION_LEVEL), fill)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return counts


def _filled(archive: ZipWriter, fill: Callable[[ZipWriter], dict[str, int]]) -> dict[str, int]:
    try:
        counts = fill(archive)
    except BaseException:
        archive.abandon()
        raise
    archive.close()
    return counts


def use_copy() -> bool:
    """Whether the database formats and streams the rows itself (PostgreSQL COPY)."""
    return connection.vendor == "postgresql"


class _FileWriter:
    def __init__(self, *, export_id: str, hashed: bool, reveals_ssn: bool) -> None:
        self.export_id = export_id
        self.hashed = hashed
        self.reveals_ssn = reveals_ssn
        self.zone = local_zone()

    def write_all(self, archive: ZipWriter, selection: ExportSelection, record: Export) -> dict[str, int]:
        with selection.materialized():
            return self._write_files(archive, selection, record)

    def _write_files(self, archive: ZipWriter, selection: ExportSelection, record: Export) -> dict[str, int]:
        counts: dict[str, int] = {}
        for csv_file in FILES:
            columns = COLUMNS_OF[csv_file.name]
            archive.begin(csv_file.name)
            archive.write(header_line(columns).encode("utf-8"))
            if csv_file.name == "Export.csv":
                counts[csv_file.name] = self._write_python(
                    archive, columns, iter([_export_values(record, columns)])
                )
            elif csv_file.name == "Client.csv":
                counts[csv_file.name] = self._write_clients(archive, columns, selection.rows(csv_file.name))
            else:
                counts[csv_file.name] = self._write_rows(archive, columns, selection.rows(csv_file.name))
            archive.end()
        return counts

    def _write_rows(self, out: ZipWriter, columns: list[Column], rows: QuerySet) -> int:
        if use_copy():
            return export_copy.copy_csv(
                rows,
                columns,
                export_id=self.export_id,
                zone=str(self.zone),
                write=out.write,
                index_probes=rows.model is HMISUser,
            )
        values = rows.values_list(*[c.field for c in columns]).iterator(chunk_size=PYTHON_CHUNK_ROWS)
        try:
            return self._write_python(out, columns, self._with_export_id(columns, values))
        finally:
            _close(values)

    def _with_export_id(self, columns: list[Column], rows: Iterator[tuple[Any, ...]]) -> Iterator[list[Any]]:
        position = [c.name for c in columns].index("ExportID")
        for row in rows:
            values = list(row)
            values[position] = self.export_id
            yield values

    def _write_python(self, out: ZipWriter, columns: list[Column], rows: Iterator[Sequence[Any]]) -> int:
        formatters = [formatter_for(c, self.zone) for c in columns]
        count = 0
        lines: list[str] = []
        for values in rows:
            lines.append(line(formatters, values))
            count += 1
            if len(lines) >= PYTHON_CHUNK_ROWS:
                out.write("".join(lines).encode("utf-8"))
                lines = []
        out.write("".join(lines).encode("utf-8"))
        return count

    def _write_clients(self, out: ZipWriter, columns: list[Column], clients: QuerySet) -> int:
        if not use_copy():
            return self._write_clients_in_python(out, columns, clients)
        with client_identities(clients, hashed=self.hashed, reveals_ssn=self.reveals_ssn) as overrides:
            return export_copy.copy_csv(
                clients,
                columns,
                export_id=self.export_id,
                zone=str(self.zone),
                write=out.write,
                overrides=overrides,
            )

    def _write_clients_in_python(self, out: ZipWriter, columns: list[Column], clients: QuerySet) -> int:
        vault = SocialSecurityNumber.objects.filter(client_id=OuterRef("pk")).values("ciphertext")[:1]
        fields = [c.field for c in columns]
        rows = (
            clients.annotate(hud_ssn_ciphertext=Subquery(vault))
            .values_list(*fields, "hud_ssn_ciphertext")
            .iterator(chunk_size=PYTHON_CHUNK_ROWS)
        )
        names = [c.name for c in columns]
        ssn_at = names.index("SSN")
        name_at = [names.index(n) for n in NAME_COLUMNS]
        export_at = names.index("ExportID")

        def client_rows() -> Iterator[list[Any]]:
            for row in rows:
                values = list(row[:-1])
                ciphertext = row[-1]
                # Without the right to reveal SSNs the masked value (xxxxx + last four) is all
                # that leaves, hashed or not.
                ssn = decrypt(ciphertext) if ciphertext and self.reveals_ssn else values[ssn_at]
                if self.hashed:
                    values[ssn_at] = hashing.hash_ssn(ssn)
                    for at in name_at:
                        values[at] = hashing.hash_name(values[at])
                else:
                    values[ssn_at] = ssn
                values[export_at] = self.export_id
                yield values

        # Close the database cursor here, even after an error: closed later, outside the
        # export's transaction, it would break whatever transaction runs then.
        try:
            return self._write_python(out, columns, client_rows())
        finally:
            _close(rows)


def _close(rows: Iterator[Any]) -> None:
    """Close a queryset iterator's database cursor now (it is a generator)."""
    close = getattr(rows, "close", None)
    if close is not None:
        close()


def _export_values(record: Export, columns: list[Column]) -> list[Any]:
    return [getattr(record, c.field) for c in columns]
