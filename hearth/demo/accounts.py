"""The demo's people: HUD User records for the staff who entered the data, and sign-in accounts.

Every demo record's UserID points at one of the staff made here.  Sign-in accounts are made in
one place, ``create_demo_accounts``, so that demo users for other roles and agencies can be added
next to the HMIS Lead administrator.
"""

import datetime as dt
import re
from dataclasses import dataclass

from hearth.access.models import Account, HMISUser
from hearth.demo.draws import Draws
from hearth.demo.names import staff_name
from hearth.demo.streams import Streams

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "hearth-demo-admin-2026"  # noqa: S105 - printed by seed-demo; demo databases only


@dataclass(frozen=True)
class StaffMember:
    user_id: str
    first_name: str
    last_name: str


@dataclass(frozen=True)
class DemoCredential:
    username: str
    password: str
    description: str


def create_staff(
    draws: Draws, streams: Streams, *, domain: str, count: int, since: dt.date
) -> tuple[StaffMember, ...]:
    """HUD User records (User.csv) for ``count`` staff of one organization."""
    users = streams.open(HMISUser)
    staff = []
    for _ in range(count):
        first, last = staff_name(draws)
        member = StaffMember(draws.new_id(), first, last)
        created = draws.stamp(since)
        email_name = re.sub(r"[^a-z]", "", f"{first[0]}{last}".lower())
        users.add_record(
            {
                "user_id": member.user_id,
                "user_first_name": first,
                "user_last_name": last,
                "user_phone": f"410555{draws.integer(0, 9999):04d}",
                "user_extension": f"{draws.integer(100, 999)}" if draws.chance(0.4) else None,
                "user_email": f"{email_name}@{domain}.example.org",
                "date_created": created,
                "date_updated": created,
            }
        )
        staff.append(member)
    users.flush()
    return tuple(staff)


def email_domain(common_name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", common_name.lower()) or "agency"


def create_demo_accounts(*, hmis_lead_staff: StaffMember) -> list[DemoCredential]:
    """Sign-in accounts for the demo; returns what seed-demo prints.

    The HMIS Lead administrator signs in as ``admin`` and writes as the lead's first staff member.
    An existing account of that name is left as it is.
    """
    credentials: list[DemoCredential] = []
    if not Account.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
        Account.objects.create_superuser(
            username=DEMO_ADMIN_USERNAME,
            email="admin@hmislead.example.org",
            password=DEMO_ADMIN_PASSWORD,
            first_name=hmis_lead_staff.first_name,
            last_name=hmis_lead_staff.last_name,
            hmis_user_id=hmis_lead_staff.user_id,
        )
        credentials.append(
            DemoCredential(DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD, "HMIS Lead system administrator")
        )
    return credentials
