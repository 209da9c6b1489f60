"""`hearth import-csv PATH`: import an HMIS CSV export (a zip, or a folder) into Hearth."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from hearth.access.audit import Actor
from hearth.interchange.import_report import write_report
from hearth.interchange.importer import import_hmis_csv

COUNT_COLUMNS = ("read", "inserted", "updated", "unchanged", "deleted", "warnings")
PROBLEMS_SHOWN = 20


class Command(BaseCommand):
    help = (
        "Import an HMIS CSV export (a .zip or a folder; several exports in sub-folders load together). "
        "Nothing is written unless the whole import passes validation."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="a .zip file or a folder holding Export.csv and the other files")
        parser.add_argument("--report", help="write every problem found to this CSV file")
        parser.add_argument(
            "--strict", action="store_true", help="also reject what HUD's rules reject but Hearth tolerates"
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(
        self, *args: Any, path: str, report: str | None, strict: bool, no_progress: bool, **options: Any
    ) -> None:
        source = Path(path)
        if not source.exists():
            raise CommandError(f"{path} does not exist.")
        with tqdm(total=100, unit="%", disable=no_progress, bar_format="{l_bar}{bar}| {desc}") as bar:

            def progress(fraction: float, phase: str) -> None:
                bar.n = round(fraction * 100, 1)
                bar.set_description_str(phase[:60], refresh=False)
                bar.refresh()

            result = import_hmis_csv(
                source, actor=Actor.system("hearth import-csv"), progress=progress, is_strict=strict
            )
        run = result.run
        self._print_counts(run.counts)
        for found in result.issues[:PROBLEMS_SHOWN]:
            self.stdout.write(f"{found.severity:9} {found}")
        if len(result.issues) > PROBLEMS_SHOWN:
            self.stdout.write(
                f"... and {len(result.issues) - PROBLEMS_SHOWN:,} more lines in the full report."
            )
        if report:
            with open(report, "w", encoding="utf-8", newline="") as stream:
                written = write_report(run, stream)
            self.stdout.write(f"Report: {written:,} problem(s) written to {report}")
        self.stdout.write(f"Import {run.pk}: {run.message}")
        if not result.is_imported:
            raise CommandError(f"Import {run.pk} was rejected; nothing was imported.")

    def _print_counts(self, counts: dict[str, dict[str, int]]) -> None:
        width = max((len(name) for name in counts), default=10)
        self.stdout.write(f"{'File':{width}}  " + "  ".join(f"{c:>9}" for c in COUNT_COLUMNS))
        for name, per_file in counts.items():
            self.stdout.write(
                f"{name:{width}}  " + "  ".join(f"{per_file.get(c, 0):>9,}" for c in COUNT_COLUMNS)
            )
