"""`hearth dq-check`: HUD Eva's data-quality checks on Hearth's data or on HMIS CSV exports.

    hearth dq-check --start 2025-10-01 --end 2026-09-30 [--project ID ...] [--output findings.csv]
    hearth dq-check --csv upload.zip [--csv other/] --start ... --end ... [--require-hashed]

Without --csv the checks read a snapshot of Hearth's database. With --csv (an upload before
import, or any folder or zip of exports), Eva's file-structure checks run first. Prints the issues
found by severity and by project; --output writes every finding with Eva's guidance as CSV.
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.interchange.eva import EvaReferenceError
from hearth.reports.datasets import DatasetError
from hearth.reports.dq.eva_checks import EvaCheckResult, EvaSettings, check_database, check_export
from hearth.reports.engine import ReportError
from hearth.reports.hmis_programming.parameters import ParameterError, parse_date


class Command(BaseCommand):
    help = "Run HUD Eva's data-quality checks on Hearth's data or on HMIS CSV exports."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--csv", action="append", default=[], metavar="PATH", help="an HMIS CSV export")
        parser.add_argument("--start", required=True, help="first day of the period checked, YYYY-MM-DD")
        parser.add_argument("--end", required=True, help="last day of the period checked, YYYY-MM-DD")
        parser.add_argument(
            "--project", action="append", default=None, metavar="ID", help="check only this project"
        )
        parser.add_argument("--as-of", help="count days to this date (default: the export date, or today)")
        parser.add_argument(
            "--require-hashed", action="store_true", help="accept only SHA-256 hashed exports"
        )
        parser.add_argument("--output", metavar="FILE.csv", help="write every finding, with guidance, here")
        for name, default in (
            ("es-nbn-days", 90),
            ("outreach-days", 90),
            ("coordinated-entry-days", 90),
            ("services-only-days", 90),
            ("day-shelter-days", 90),
            ("other-days", 90),
            ("referral-days", 14),
        ):
            parser.add_argument(
                f"--{name}", type=int, default=default, help=f"local setting (default {default})"
            )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            start = parse_date(options["start"], "--start")
            end = parse_date(options["end"], "--end")
            as_of = parse_date(options["as_of"], "--as-of") if options["as_of"] else None
            output = Path(options["output"]) if options["output"] else None
            if output is not None and not output.parent.exists():
                raise ParameterError(f"--output {output}: the folder {output.parent} does not exist.")
            settings = EvaSettings(
                es_nbn_days=options["es_nbn_days"],
                outreach_days=options["outreach_days"],
                coordinated_entry_days=options["coordinated_entry_days"],
                services_only_days=options["services_only_days"],
                day_shelter_days=options["day_shelter_days"],
                other_days=options["other_days"],
                referral_days=options["referral_days"],
            )
            common: dict[str, Any] = {
                "start": start,
                "end": end,
                "project_ids": options["project"],
                "as_of": as_of,
                "settings": settings,
            }
            if options["csv"]:
                result = check_export(options["csv"], require_hashed=options["require_hashed"], **common)
            else:
                result = check_database(**common)
        except (ParameterError, DatasetError, ReportError, EvaReferenceError) as error:
            raise CommandError(str(error)) from error
        except (OSError, zipfile.BadZipFile, csv.Error, UnicodeDecodeError) as error:
            raise CommandError(f"The input cannot be read: {error}") from error
        if output is not None:
            output.write_text(result.as_csv(), encoding="utf-8")
        self._print(result, output)

    def _print(self, result: EvaCheckResult, output: Path | None) -> None:
        write = self.stdout.write
        write(
            f"Eva checks on {result.source}, {result.period_start} to {result.period_end} "
            f"(days counted to {result.as_of}):"
        )
        for note in result.notes:
            write(f"  note: {note}")
        for problem in result.structure:
            write(f"  {problem.severity}: {problem.issue} - {problem.detail}")
        if not result.analysed:
            return
        write(f"{len(result.findings)} findings")
        for severity, issue, count in result.summary():
            write(f"  {severity:13} {count:6}  {issue}")
        write("By project:")
        for project in result.by_project():
            write(
                f"  {project.project_id} {project.project_name}: {project.high_priority} high priority, "
                f"{project.errors} errors, {project.warnings} warnings"
            )
        write(f"{len(result.by_client())} clients with findings.")
        if output is not None:
            write(f"Every finding, with Eva's guidance: {output}")
