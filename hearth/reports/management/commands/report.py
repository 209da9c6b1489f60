"""`hearth report lsa ...`: run a HUD report and write its upload file.

    hearth report lsa [--csv PATH] --coc XX-501 --start 2025-10-01 --end 2026-09-30 --output lsa.zip
    hearth report lsa [--csv PATH] --coc XX-501 --scope hic --date 2026-01-28 --output hic.zip

Without --csv the report reads a snapshot of Hearth's database. The APR-family reports
(`hearth report apr|caper|ce-apr|dq ...`) are handed to hearth.reports.registry.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.reports.lsa.parameters import LsaParameters, ParameterError
from hearth.reports.runs import ReportRunError, run_lsa


class Command(BaseCommand):
    help = "Run a HUD report (lsa: the LSA, or with --scope hic the HIC) and write its HDX upload zip."

    def run_from_argv(self, argv: list[str]) -> None:
        from hearth.reports import registry

        if len(argv) > 2 and argv[2] in registry.REPORTS:
            status = registry.main(argv[2:])
            if status:
                sys.exit(status)
            return
        super().run_from_argv(argv)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("report", choices=["lsa"], help="the report to run")
        parser.add_argument("--csv", help="an HMIS CSV export (folder or zip) instead of Hearth's database")
        parser.add_argument("--coc", required=True, help="the CoC code, e.g. MD-501")
        parser.add_argument("--scope", choices=["annual", "hic"], default="annual")
        parser.add_argument("--start", help="report start (annual scope), YYYY-MM-DD")
        parser.add_argument("--end", help="report end (annual scope), YYYY-MM-DD")
        parser.add_argument("--date", help="the date of the count (HIC scope), YYYY-MM-DD")
        parser.add_argument("--report-id", type=int, default=1, help="the ReportID written in every file")
        parser.add_argument("--output", required=True, help="where to write the upload zip")

    def handle(self, *args: Any, **options: Any) -> None:
        parameters = self._parameters(options)
        output = Path(options["output"])
        if not output.parent.exists():
            raise CommandError(f"Cannot write {output}: the folder {output.parent} does not exist.")
        try:
            run, upload = run_lsa(parameters=parameters, csv_path=options["csv"])
        except ReportRunError as problem:
            raise CommandError(str(problem)) from problem
        output.write_bytes(upload)
        slowest = sorted(run.step_timings, key=lambda t: -t["seconds"])[:3]
        total = sum(t["seconds"] for t in run.step_timings)
        self.stdout.write(
            f"Wrote {output} ({run.report.upper()}, {parameters.report_coc}, "
            f"{parameters.report_start}..{parameters.report_end}) in {total:.1f} s; slowest steps: "
            + ", ".join(f"{t['step']} {t['seconds']:.2f} s" for t in slowest)
        )

    def _parameters(self, options: dict[str, Any]) -> LsaParameters:
        try:
            if options["scope"] == "hic":
                if not options["date"]:
                    raise CommandError("The HIC needs --date (the date of the count).")
                return LsaParameters.hic(
                    coc=options["coc"],
                    count_date=_date(options["date"], "--date"),
                    report_id=options["report_id"],
                )
            if not options["start"] or not options["end"]:
                raise CommandError("The annual LSA needs --start and --end.")
            return LsaParameters.annual(
                coc=options["coc"],
                start=_date(options["start"], "--start"),
                end=_date(options["end"], "--end"),
                report_id=options["report_id"],
            )
        except ParameterError as problem:
            raise CommandError(str(problem)) from problem


def _date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as problem:
        raise CommandError(f"{option} {text!r} is not a date of the form YYYY-MM-DD.") from problem
