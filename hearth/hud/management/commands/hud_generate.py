"""`hearth hud-generate [--check]`: write (or check) the code generated from the HUD spec."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.hud.codegen import generate


class Command(BaseCommand):
    help = "Generate hearth/hud/generated/ and each app's hud_records.py from the HUD CSV spec."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--spec", type=Path, default=settings.HUD_SPEC_DIR, help="the spec folder")
        parser.add_argument("--check", action="store_true", help="fail if a committed file differs")

    def handle(self, *args: Any, spec: Path, check: bool, **options: Any) -> None:
        if not (spec / "csv_columns.csv").is_file():
            raise CommandError(f"No HUD spec at {spec} (expected csv_columns.csv there); pass --spec.")
        stale = []
        for generated in generate(spec):
            target = Path(settings.BASE_DIR) / generated.path
            current = target.read_text(encoding="utf-8") if target.exists() else None
            if current == generated.text:
                continue
            stale.append(str(generated.path))
            if not check:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(generated.text, encoding="utf-8")
        if check and stale:
            raise CommandError("Generated code is stale; run `hearth hud-generate`: " + ", ".join(stale))
        verb = "stale" if check else "written"
        self.stdout.write(f"{len(stale)} file(s) {verb}.")
