"""`hearth audit verify`: recompute the audit log's hash chain and name the first broken link."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.access import audit


class Command(BaseCommand):
    help = "Audit log tools. `verify` checks the hash chain from the first entry to the last."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        result = audit.verify()
        if result.first_broken_id is not None:
            raise CommandError(
                f"The audit chain is broken at entry {result.first_broken_id}: {result.reason}. "
                f"{result.checked} entries before it are intact."
            )
        if result.reason:
            raise CommandError(
                f"The audit chain is broken: {result.reason} ({result.checked} entries checked)."
            )
        self.stdout.write(f"{result.checked} entries checked; the chain is intact.")
