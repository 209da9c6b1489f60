"""`hearth export-csv --user NAME --start YYYY-MM-DD --end YYYY-MM-DD --output FILE.zip`: an HMIS CSV export.

The export holds what the named account may see (the visibility policy of the agency it acts
as) and is audited as that account.  ``--project`` (repeatable) limits it to some projects,
``--hashed`` writes a SHA-256 hashed export (HashStatus 4) such as HUD's Eva accepts.
"""

import datetime
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.interchange.export import ExportError, export_hmis_csv


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date in the form YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = "Write an FY2026 HMIS CSV export (zip of the 24 HUD files) for a reporting period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="username of the account the export is made for")
        parser.add_argument("--start", required=True, help="first day of the period, YYYY-MM-DD")
        parser.add_argument("--end", required=True, help="last day of the period, YYYY-MM-DD")
        parser.add_argument(
            "--project",
            action="append",
            dest="projects",
            metavar="PROJECT_ID",
            help="a ProjectID (repeatable)",
        )
        parser.add_argument(
            "--hashed", action="store_true", help="hash names and SSNs (SHA-256, HashStatus 4)"
        )
        parser.add_argument("--output", required=True, help="the zip file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        start, end = _date(options["start"]), _date(options["end"])
        output = Path(options["output"])
        if output.suffix.lower() != ".zip":
            raise CommandError(f"The output must be a .zip file, not {output.name!r}.")
        if not output.parent.is_dir():
            raise CommandError(f"The folder {str(output.parent)!r} does not exist.")
        account = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        if account is None:
            raise CommandError(f"No active account named {options['user']!r}.")
        try:
            result = export_hmis_csv(
                user=account,
                start=start,
                end=end,
                project_ids=options["projects"],
                hashed=options["hashed"],
                output=output,
            )
        except (ExportError, PermissionDenied) as problem:
            raise CommandError(str(problem)) from None
        self.stdout.write(
            f"Export {result.export_id} written to {output} ({'hashed' if result.hashed else 'unhashed'}):"
        )
        for file_name, count in result.row_counts.items():
            self.stdout.write(f"  {file_name}: {count} rows")
