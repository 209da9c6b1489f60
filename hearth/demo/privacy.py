"""Demo users for every role in two agencies, and clients in every consent state.

So that the privacy rules can be tried by hand: sign in as a case manager of one agency and see
who appears; switch to the other; look a client up with `hearth access who-can-see`.  Runs after
the histories are written, in the same transaction.  Deterministic: it picks by stable order.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from hearth.access.models import (
    Account,
    ClientRestriction,
    ConsentToShare,
    HMISUser,
    Membership,
)
from hearth.access.permissions import Role
from hearth.agencies.models import Organization
from hearth.clients.models import Client
from hearth.demo.accounts import DEMO_ADMIN_USERNAME, DemoCredential
from hearth.enrollments.models import Enrollment

DEMO_STAFF_PASSWORD = "hearth-demo-staff-2026"  # noqa: S105 - printed by seed-demo; demo databases only
AGENCY_ROLES = (
    ("agency_admin", Role.AGENCY_ADMIN, "agency administrator"),
    ("case_manager", Role.CASE_MANAGER, "case manager"),
    ("intake", Role.INTAKE, "intake"),
)
LEAD_ROLES = (
    ("analyst", Role.REPORT_ANALYST, "report analyst at the HMIS Lead"),
    ("auditor", Role.AUDITOR, "auditor at the HMIS Lead"),
)


@dataclass(frozen=True)
class ConsentExample:
    state: str
    personal_id: str
    name: str
    served_by: str


def _account(username: str, organization: Organization, role: Role, today: dt.date) -> Account:
    stamp = dt.datetime.combine(today, dt.time(8), tzinfo=dt.UTC)  # deterministic for a given "today"
    hmis_user = HMISUser.objects.create(
        user_id=f"demo-{username}",
        user_first_name=username,
        user_last_name="(demo)",
        user_email=f"{username}@demo.example.org",
        date_created=stamp,
        date_updated=stamp,
    )
    account = Account.objects.create_user(
        username=username,
        password=DEMO_STAFF_PASSWORD,
        email=f"{username}@demo.example.org",
        hmis_user=hmis_user,
        acting_organization=organization,
        training_completed_on=today,
    )
    Membership.objects.create(account=account, organization=organization, role=role)
    return account


def create_privacy_demo(
    *, lead_organization_name: str, as_of: dt.date
) -> tuple[list[DemoCredential], list[ConsentExample]]:
    lead = Organization.objects.get(organization_name=lead_organization_name)
    admin = Account.objects.filter(username=DEMO_ADMIN_USERNAME).first()
    if admin is not None and not Membership.objects.filter(account=admin).exists():
        Membership.objects.create(account=admin, organization=lead, role=Role.HMIS_LEAD_ADMIN)
        admin.acting_organization = lead
        admin.training_completed_on = as_of
        admin.save(update_fields=["acting_organization", "training_completed_on"])
    busiest = list(
        Organization.objects.filter(victim_service_provider=0)
        .exclude(pk=lead.pk)
        .annotate(served=Count("projects__enrollments"))
        .order_by("-served", "organization_name")[:2]
    )
    credentials = []
    accounts: dict[str, Account] = {}
    for number, agency in enumerate(busiest, start=1):
        for prefix, role, label in AGENCY_ROLES:
            username = f"{prefix}{number}"
            accounts[username] = _account(username, agency, role, as_of)
            credentials.append(
                DemoCredential(username, DEMO_STAFF_PASSWORD, f"{label} at {agency.organization_name}")
            )
    for username, role, label in LEAD_ROLES:
        accounts[username] = _account(username, lead, role, as_of)
        credentials.append(DemoCredential(username, DEMO_STAFF_PASSWORD, label))
    if len(busiest) < 2:
        return credentials, []
    first, second = busiest
    served_by_first = (
        Enrollment.objects.filter(project__organization=first, relationship_to_hoh=1)
        .exclude(client__enrollments__project__organization=second)
        .values_list("client_id", flat=True)
        .distinct()
        .order_by("client_id")
    )
    clients = list(Client.objects.filter(pk__in=list(served_by_first[:6])).order_by("pk"))
    recorder = accounts["case_manager1"]
    now = timezone.now()

    def consent(client: Client, **fields: object) -> ConsentToShare:
        values = {
            "scope": "coc",
            "shares": "full",
            "signed_on": as_of - dt.timedelta(days=30),
            "expires_on": as_of + dt.timedelta(days=335),
            "signed_by_name": f"{client.first_name or ''} {client.last_name or ''}".strip() or "Client",
            "recorded_by": recorder,
            "recorded_as": first,
        }
        return ConsentToShare.objects.create(client=client, **(values | fields))

    states = ["none", "CoC-wide", "named agencies", "expired", "revoked", "restricted"]
    examples = []
    for state, client in zip(states, clients, strict=False):
        if state == "CoC-wide":
            consent(client)
        elif state == "named agencies":
            consent(client, scope="named").named_organizations.set([second])
        elif state == "expired":
            consent(
                client, signed_on=as_of - dt.timedelta(days=800), expires_on=as_of - dt.timedelta(days=70)
            )
        elif state == "revoked":
            consent(
                client, revoked_at=now, revoked_by=recorder, revocation_reason="Client asked to stop sharing"
            )
        elif state == "restricted":
            consent(client)
            ClientRestriction.objects.create(
                client=client, reason="Survivor of domestic violence", set_by=recorder
            )
        name = f"{client.first_name or ''} {client.last_name or ''}".strip()
        examples.append(ConsentExample(state, client.pk, name, first.organization_name))
    return credentials, examples
