"""`hearth seed-demo --size tiny|demo|large --seed N [--if-empty] [--as-of YYYY-MM-DD]`."""

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from hearth.agencies.models import Project
from hearth.demo.seed import seed_demo
from hearth.demo.sizes import SIZES


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--as-of must be a date as YYYY-MM-DD, not {text!r}.") from None


class Command(BaseCommand):
    help = "Fill an empty database with a synthetic Continuum of Care (the same data for the same seed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=sorted(SIZES), default="demo", help="tiny (tests), demo, large")
        parser.add_argument(
            "--seed", type=int, default=1, help="random seed: the same seed makes the same data"
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing (and say so) if the database already has projects",
        )
        parser.add_argument(
            "--as-of",
            type=_date,
            default=None,
            help="the demo's 'today' (default: today); histories end there",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        existing = Project.all_objects.count()
        if existing:
            if options["if_empty"]:
                self.stdout.write(f"The database already has {existing} projects; not seeding the demo.")
                return
            raise CommandError(
                f"The database already has {existing} projects; seed-demo fills an empty database. "
                "Use --if-empty to skip seeding when data exists."
            )
        as_of = options["as_of"] or timezone.localdate()
        size = SIZES[options["size"]]
        verbose = options["verbosity"] > 0
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            if verbose and total > size.batch_households:
                self.stdout.write(f"  {done:,} of {total:,} households")

        result = seed_demo(size=size, seed=options["seed"], as_of=as_of, progress=progress)
        if not verbose:
            return
        elapsed = time.perf_counter() - started
        total = sum(result.counts.values())
        self.stdout.write(
            f"Seeded the demo CoC (size {size.name}, seed {result.seed}, as of {as_of}): "
            f"{total:,} rows in {elapsed:.1f} s."
        )
        for model, count in result.counts.items():
            self.stdout.write(f"  {model:<24} {count:>10,}")
        if result.credentials:
            self.stdout.write("Demo sign-in (for demo databases only):")
            for credential in result.credentials:
                self.stdout.write(
                    f"  {credential.description}: "
                    f"username {credential.username!r}, password {credential.password!r}"
                )
        if result.consent_examples:
            self.stdout.write("Clients in each consent state (try them as case_manager1 and case_manager2):")
            for example in result.consent_examples:
                self.stdout.write(
                    f"  {example.state:<15} {example.name} (PersonalID {example.personal_id}), "
                    f"served by {example.served_by}"
                )
