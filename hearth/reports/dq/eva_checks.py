"""HUD Eva's data-quality checks on any dataset: Hearth's own data, an upload before import, or a
folder of HMIS CSV files.

Eva (abtassociates/eva) checks an HMIS CSV export in three passes, each row of its EvaChecks.csv
(../shared/reference/eva/) naming its source:

* "file structure": the files, columns, types and keys of the upload. hearth.interchange.eva
  implements these; CSV inputs go through it first and, as in Eva, an export with a High
  Priority structural issue is not analysed further;
* "dq": client-level checks on enrollments (missing and unknown answers, impossible dates,
  households, overlaps, long stays);
* "pdde": project descriptor checks (projects, CoC records, inventory, participation).

The "dq" and "pdde" checks are SQL (hearth/reports/dq/eva/e*.sql, one file per group, each check
under its EvaChecks.csv ID) run with the report engine over the same FY2026 ``hmis_*`` tables the
APR reads, so FY2022 and FY2024 exports are checked after their upgrade. Each finding carries
Eva's issue name, severity and guidance text, and the project, client, enrollment and household
it is about; the result groups them by project and by client. Local settings (long-stayer days
by project type, days a referral may stay without a result) default to Eva's.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import Counter
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.utils import timezone

from hearth.interchange import eva
from hearth.reports.datasets import Dataset
from hearth.reports.engine import run_steps, steps_in
from hearth.reports.hmis_programming.parameters import ParameterError
from hearth.reports.hmis_programming.runner import UNIVERSE_SQL

HERE = Path(__file__).resolve().parent
EVA_SQL = HERE / "eva"
HELPERS = UNIVERSE_SQL / "u01_helpers.sql"
CLIENT_SOURCES = ("dq", "pdde")
SEVERITY_ORDER = {eva.HIGH_PRIORITY: 0, eva.ERROR: 1, "Warning": 2}


@dataclass(frozen=True)
class EvaSettings:
    """Eva's "Edit Local Settings": days after which an open enrollment or referral is flagged."""

    es_nbn_days: int = 90  # ES night-by-night: days since the last bed night
    outreach_days: int = 90  # Street Outreach: days since the last current living situation
    coordinated_entry_days: int = 90  # Coordinated Entry: days since the last current living situation
    services_only_days: int = 90
    day_shelter_days: int = 90
    other_days: int = 90
    referral_days: int = 14  # a referral without a result


@dataclass(frozen=True)
class EvaCheck:
    check_id: int
    source: str  # "dq", "pdde" or "file structure"
    severity: str  # "High Priority", "Error" or "Warning"
    issue: str
    data_element: str
    guidance: str


@dataclass(frozen=True)
class EvaFinding:
    check: EvaCheck
    project_id: str
    project_name: str
    personal_id: str  # blank for project-level (pdde) findings
    enrollment_id: str
    household_id: str
    detail: str

    @property
    def severity(self) -> str:
        return self.check.severity


@dataclass(frozen=True)
class ProjectSummary:
    project_id: str
    project_name: str
    high_priority: int
    errors: int
    warnings: int
    issues: dict[str, int]  # issue name -> findings


@dataclass
class EvaCheckResult:
    source: str
    period_start: datetime.date
    period_end: datetime.date
    as_of: datetime.date
    findings: list[EvaFinding]
    structure: list[eva.EvaIssue] = field(default_factory=list)  # file-structure issues of CSV inputs
    notes: list[str] = field(default_factory=list)
    analysed: bool = True  # False when a High Priority structural issue stopped the checks

    def by_project(self) -> list[ProjectSummary]:
        """Findings per project, the projects with the most serious issues first."""
        grouped: dict[str, list[EvaFinding]] = {}
        for finding in self.findings:
            grouped.setdefault(finding.project_id, []).append(finding)
        summaries = []
        for project_id, found in grouped.items():
            severities = Counter(f.severity for f in found)
            summaries.append(
                ProjectSummary(
                    project_id=project_id,
                    project_name=found[0].project_name,
                    high_priority=severities[eva.HIGH_PRIORITY],
                    errors=severities[eva.ERROR],
                    warnings=severities["Warning"],
                    issues=dict(Counter(f.check.issue for f in found).most_common()),
                )
            )
        return sorted(summaries, key=lambda s: (-s.high_priority, -s.errors, -s.warnings, s.project_id))

    def by_client(self, *, user: Any = None) -> dict[str, list[EvaFinding]]:
        """Client-level findings per PersonalID. With a ``user``, only the clients the access
        policy lets them see (``Client.objects.visible_to(user)``), and the look is audited."""
        grouped: dict[str, list[EvaFinding]] = {}
        for finding in self.findings:
            if finding.personal_id:
                grouped.setdefault(finding.personal_id, []).append(finding)
        if user is None:
            return grouped
        from hearth.reports.hmis_programming.result import visible_personal_ids

        visible = visible_personal_ids(user, set(grouped))
        kept = {pid: found for pid, found in grouped.items() if pid in visible}
        _audit(user, self, sorted(kept))
        return kept

    def guidance(self) -> dict[str, str]:
        """Eva's guidance for each issue found, by issue name."""
        return {f.check.issue: f.check.guidance for f in self.findings}

    def summary(self) -> list[tuple[str, str, int]]:
        """(severity, issue, findings), the most serious and most frequent first."""
        counts = Counter((f.severity, f.check.issue) for f in self.findings)
        return sorted(
            ((severity, issue, n) for (severity, issue), n in counts.items()),
            key=lambda row: (SEVERITY_ORDER.get(row[0], 9), -row[2], row[1]),
        )

    def as_csv(self) -> str:
        """Every finding, one row each, with Eva's guidance: for download or a spreadsheet."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(
            ["Type", "Issue", "CheckID", "DataElement", "ProjectID", "ProjectName", "PersonalID",
             "EnrollmentID", "HouseholdID", "Detail", "Guidance"]
        )  # fmt: skip
        for issue in self.structure:
            blank = ["", "", "", "", "", ""]
            writer.writerow(
                [issue.severity, issue.issue, issue.check_id, *blank, issue.detail, issue.guidance]
            )
        for f in self.findings:
            writer.writerow(
                [f.severity, f.check.issue, f.check.check_id, f.check.data_element, f.project_id,
                 f.project_name, f.personal_id, f.enrollment_id, f.household_id, f.detail, f.check.guidance]
            )  # fmt: skip
        return out.getvalue()


@cache
def eva_checks(folder: Path | None = None) -> dict[int, EvaCheck]:
    """Eva's checks by ID, from its EvaChecks.csv."""
    path = (folder or eva.reference_dir()) / "EvaChecks.csv"
    if not path.is_file():
        raise eva.EvaReferenceError(f"Eva's check list {path} is missing.")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {
            int(row["ID"]): EvaCheck(
                check_id=int(row["ID"]),
                source=row["Source"].strip(),
                severity=row["Type"].strip(),
                issue=row["Issue"].strip(),
                data_element=row["DataElement"].strip(),
                guidance=row["Guidance"].strip(),
            )
            for row in csv.DictReader(handle)
        }


def run_eva_checks(
    dataset: Dataset,
    *,
    start: datetime.date,
    end: datetime.date,
    project_ids: Sequence[str] | None = None,
    as_of: datetime.date | None = None,
    settings: EvaSettings | None = None,
) -> EvaCheckResult:
    """Eva's "dq" and "pdde" checks over the enrollments of ``project_ids`` (all projects when
    None) open at some point from ``start`` to ``end``. Days count to ``as_of``: by default the
    dataset's export date, or today for data without an Export row."""
    if start > end:
        raise ParameterError(f"The check period starts {start}, after it ends {end}.")
    settings = settings or EvaSettings()
    cursor = dataset.connection.cursor()
    chosen = _projects(cursor, project_ids, dataset.source)
    as_of = as_of or _export_date(cursor) or timezone.localdate()
    cursor.execute(
        "CREATE OR REPLACE TABLE eva_parameters AS SELECT CAST(? AS DATE) AS PeriodStart, "
        "CAST(? AS DATE) AS PeriodEnd, CAST(? AS DATE) AS AsOf",
        [start, end, as_of],
    )
    cursor.execute(
        "CREATE OR REPLACE TABLE eva_projects AS SELECT unnest(CAST(? AS VARCHAR[])) AS ProjectID", [chosen]
    )
    cursor.execute(
        "CREATE OR REPLACE TABLE eva_settings AS SELECT ? AS EsNbnDays, ? AS OutreachDays, "
        "? AS CoordinatedEntryDays, ? AS ServicesOnlyDays, ? AS DayShelterDays, ? AS OtherDays, "
        "? AS ReferralDays",
        [
            settings.es_nbn_days,
            settings.outreach_days,
            settings.coordinated_entry_days,
            settings.services_only_days,
            settings.day_shelter_days,
            settings.other_days,
            settings.referral_days,
        ],
    )
    run_steps(cursor, [step for step in steps_in(HELPERS.parent) if step.path == HELPERS] + steps_in(EVA_SQL))
    checks = eva_checks()
    rows = cursor.execute(
        "SELECT DISTINCT f.CheckID, f.ProjectID, coalesce(p.ProjectName, ''), coalesce(f.PersonalID, ''), "
        "coalesce(f.EnrollmentID, ''), coalesce(f.HouseholdID, ''), coalesce(f.Detail, '') "
        "FROM eva_finding f LEFT JOIN hmis_Project p ON p.ProjectID = f.ProjectID AND p.DateDeleted IS NULL "
        "ORDER BY f.ProjectID, f.CheckID, 4, 5, 7"
    ).fetchall()
    findings = [
        EvaFinding(checks[check_id], project_id, name, personal_id, enrollment_id, household_id, detail)
        for check_id, project_id, name, personal_id, enrollment_id, household_id, detail in rows
    ]
    findings.sort(
        key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.check.check_id, f.project_id, f.personal_id)
    )
    return EvaCheckResult(
        source=dataset.source, period_start=start, period_end=end, as_of=as_of, findings=findings
    )


def check_export(
    paths: Sequence[str | Path],
    *,
    start: datetime.date,
    end: datetime.date,
    project_ids: Sequence[str] | None = None,
    as_of: datetime.date | None = None,
    settings: EvaSettings | None = None,
    require_hashed: bool = False,
) -> EvaCheckResult:
    """Eva's checks on HMIS CSV exports (an upload before import, or any folder or zip): the file
    structure of each FY2026 export first, then the data checks over all of them together."""
    from hearth.reports.hmis_programming.loading import _export_folders, export_version, load_exports

    structure: list[eva.EvaIssue] = []
    notes: list[str] = []
    with ExitStack() as stack:
        for path in paths:
            for folder in _export_folders(Path(path), stack):
                version = export_version(folder)
                if version != "2026":
                    notes.append(
                        f"{folder.name}: an FY{version} export, checked after its upgrade to FY2026; "
                        "Eva's file-structure checks apply to FY2026 exports only."
                    )
                    continue
                structure.extend(eva.file_structure_checks(folder, require_hashed=require_hashed))
    if any(issue.severity == eva.HIGH_PRIORITY for issue in structure):
        return EvaCheckResult(
            source="; ".join(str(p) for p in paths),
            period_start=start,
            period_end=end,
            as_of=as_of or timezone.localdate(),
            findings=[],
            structure=structure,
            notes=[*notes, "High Priority file-structure issues: fix them before the data checks can run."],
            analysed=False,
        )
    dataset = load_exports(paths)
    try:
        result = run_eva_checks(
            dataset, start=start, end=end, project_ids=project_ids, as_of=as_of, settings=settings
        )
    finally:
        dataset.close()
    result.structure = structure
    result.notes = notes
    return result


def check_database(
    *,
    start: datetime.date,
    end: datetime.date,
    project_ids: Sequence[str] | None = None,
    as_of: datetime.date | None = None,
    settings: EvaSettings | None = None,
) -> EvaCheckResult:
    """Eva's data checks on Hearth's own data (a snapshot of the database)."""
    from hearth.reports.datasets import database_snapshot

    dataset = database_snapshot()
    try:
        return run_eva_checks(
            dataset,
            start=start,
            end=end,
            project_ids=project_ids,
            as_of=as_of or timezone.localdate(),
            settings=settings,
        )
    finally:
        dataset.close()


def _projects(cursor: Any, project_ids: Sequence[str] | None, source: str) -> list[str]:
    found = [
        row[0]
        for row in cursor.execute(
            "SELECT ProjectID FROM hmis_Project WHERE DateDeleted IS NULL ORDER BY ProjectID"
        ).fetchall()
    ]
    if project_ids is None:
        return found
    missing = sorted(set(project_ids) - set(found))
    if missing:
        raise ParameterError(f"No project {', '.join(missing)} in {source}.")
    return list(dict.fromkeys(project_ids))


def _export_date(cursor: Any) -> datetime.date | None:
    row = cursor.execute("SELECT max(CAST(ExportDate AS DATE)) FROM hmis_Export").fetchone()
    return row[0] if row and row[0] is not None else None


def _audit(user: Any, result: EvaCheckResult, personal_ids: list[str]) -> None:
    from hearth.access.audit import Actor, record
    from hearth.access.models import AuditAction

    record(
        AuditAction.DRILL_DOWN,
        actor=Actor.of(user),
        object_type="report",
        object_id="eva-checks",
        detail={
            "purpose": "data-quality findings by client",
            "period": [str(result.period_start), str(result.period_end)],
            "clients": len(personal_ids),
            "personal_ids": personal_ids,  # who the list showed
        },
    )


__all__ = [
    "EvaCheck",
    "EvaCheckResult",
    "EvaFinding",
    "EvaSettings",
    "ProjectSummary",
    "check_database",
    "check_export",
    "eva_checks",
    "run_eva_checks",
]
