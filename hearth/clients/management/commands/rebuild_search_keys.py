"""`hearth rebuild-search-keys`: recompute every client's search keys after a bulk load."""

from typing import Any

from django.core.management.base import BaseCommand

from hearth.clients.search_keys import rebuild


class Command(BaseCommand):
    help = "Recompute the client search keys (after a CSV import or demo seeding, which bypass the services)."

    def handle(self, *args: Any, **options: Any) -> None:
        written = rebuild()
        self.stdout.write(f"Wrote {written} search keys.")
