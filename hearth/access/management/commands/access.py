"""`hearth access who-can-see PERSONAL_ID`: the users and agencies that can see a client, and why."""

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.access import audit
from hearth.access.explain import who_can_see
from hearth.access.models import AuditAction


class Command(BaseCommand):
    help = "Privacy tools. `who-can-see PERSONAL_ID` lists who can see a client now and why."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        who = sub.add_parser("who-can-see", help="who can see a client, and why")
        who.add_argument("personal_id")

    def handle(self, *args: Any, action: str, personal_id: str, **options: Any) -> None:
        if not apps.get_model("clients", "Client").all_objects.filter(pk=personal_id).exists():
            raise CommandError(f"No client with PersonalID {personal_id!r}.")
        answers = who_can_see(personal_id)
        audit.record(
            AuditAction.VIEW,
            actor=audit.Actor.system("hearth access who-can-see"),
            object_type="clients.Client",
            object_id=personal_id,
            personal_id=personal_id,
            detail={"purpose": "who-can-see"},
        )
        if not answers:
            self.stdout.write(f"No user can see client {personal_id}.")
            return
        self.stdout.write(f"{len(answers)} user(s) can see client {personal_id}:")
        for a in answers:
            agency = f"{a.organization_name} ({a.organization_id})"
            self.stdout.write(f"- {a.username} | {agency} | {a.role} | {a.reach} | {a.why}")
