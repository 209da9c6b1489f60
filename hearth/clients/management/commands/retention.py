"""`hearth retention purge --dry-run|--apply`: de-identify clients with no activity for 7 years."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.access import audit
from hearth.clients.retention import RETENTION_YEARS, purge


class Command(BaseCommand):
    help = f"De-identify clients with no activity for {RETENTION_YEARS} years (HUD privacy baseline)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["purge"])
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--dry-run", action="store_true", help="report what would be purged (the default)")
        mode.add_argument("--apply", action="store_true", help="de-identify the clients found")

    def handle(self, *args: Any, action: str, dry_run: bool, apply: bool, **options: Any) -> None:
        if not (dry_run or apply):
            raise CommandError("Say --dry-run to see what would be purged, or --apply to purge it.")
        report = purge(apply=apply, actor=audit.Actor.system("hearth retention purge"))
        verb = "De-identified" if apply else "Would de-identify"
        self.stdout.write(
            f"{verb} {report.candidates} client(s) with no activity since {report.cutoff.date().isoformat()}."
        )
        if report.sample:
            self.stdout.write("First PersonalIDs: " + ", ".join(report.sample))
