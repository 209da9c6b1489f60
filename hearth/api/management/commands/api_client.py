"""`hearth api-client register|revoke|list`: system integrations (OAuth2 client credentials).

The HMIS Lead registers an integration to act as an account's role in one agency; the secret is
printed once and only its password hash is kept.  The integration then calls
``POST /api/v1/oauth/token`` for hour-long bearer tokens (docs/api.md).
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.access.models import Account
from hearth.api import tokens
from hearth.api.models import OAuthClient, Scope


def _account(username: str, what: str) -> Account:
    account = Account.objects.filter(username=username).first()
    if account is None:
        raise CommandError(f"No account {username!r} ({what}).")
    return account


class Command(BaseCommand):
    help = (
        "System integrations: `register` one (its secret is printed once), `revoke CLIENT_ID`, `list`. "
        "Registering and revoking are the HMIS Lead's (--by)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        register = sub.add_parser("register", help="register an integration and print its secret once")
        register.add_argument("--name", required=True, help="what the integration is")
        register.add_argument("--account", required=True, help="username of the account it acts as")
        register.add_argument("--agency", required=True, help="OrganizationID of the agency it acts in")
        register.add_argument("--scope", required=True, choices=Scope.values)
        register.add_argument("--by", required=True, help="username of the HMIS Lead registering it")
        revoke = sub.add_parser("revoke", help="revoke an integration and every token it holds")
        revoke.add_argument("client_id")
        revoke.add_argument("--by", required=True, help="username of the HMIS Lead revoking it")
        sub.add_parser("list", help="list the integrations")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        try:
            if action == "register":
                self._register(**options)
            elif action == "revoke":
                tokens.revoke_client(by=_account(options["by"], "--by"), client_id=options["client_id"])
                self.stdout.write(f"Revoked {options['client_id']}; its tokens no longer work.")
            else:
                self._list()
        except tokens.TokenError as error:
            raise CommandError(str(error)) from error

    def _register(self, *, name: str, account: str, agency: str, scope: str, by: str, **_: Any) -> None:
        new = tokens.register_client(
            by=_account(by, "--by"),
            name=name,
            account=_account(account, "--account"),
            organization_id=agency,
            scope=scope,
        )
        self.stdout.write(f"Registered {new.client.name!r}.")
        self.stdout.write(f"client_id:     {new.client.client_id}")
        self.stdout.write(f"client_secret: {new.secret}")
        self.stdout.write("Keep the secret now: it is not shown again.")

    def _list(self) -> None:
        for client in OAuthClient.objects.select_related("account"):
            state = f"revoked {client.revoked_at:%Y-%m-%d}" if client.revoked_at else "active"
            self.stdout.write(
                f"{client.client_id} | {client.name} | {client.account.get_username()} | "
                f"{client.organization_id} | {client.scope} | {state}"
            )
