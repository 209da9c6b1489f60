"""Small builders for privacy tests: organizations, projects, clients, enrollments and consents."""

import datetime
import itertools

from django.utils import timezone

from hearth.access.models import (
    Account,
    ClientOrigin,
    ClientRestriction,
    ConsentToShare,
    HMISUser,
    Membership,
)
from hearth.agencies.models import Organization, Project
from hearth.clients.models import Client
from hearth.enrollments.models import Enrollment

_ids = itertools.count(1)


def hmis_user() -> HMISUser:
    return HMISUser.objects.get_or_create(user_id="test-user", defaults={"user_first_name": "Test"})[0]


def organization(name: str = "", *, victim_service_provider: bool = False) -> Organization:
    n = next(_ids)
    return Organization.objects.create(
        organization_id=f"org-{n}",
        organization_name=name or f"Agency {n}",
        victim_service_provider=int(victim_service_provider),
        user=hmis_user(),
    )


def project(org: Organization, *, project_type: int = 0) -> Project:
    n = next(_ids)
    return Project.objects.create(
        project_id=f"proj-{n}",
        organization=org,
        project_name=f"Project {n}",
        operating_start_date=datetime.date(2020, 1, 1),
        continuum_project=1,
        project_type=project_type,
        user=hmis_user(),
    )


def client(name: str = "Pat") -> Client:
    n = next(_ids)
    return Client.objects.create(
        personal_id=f"client-{n}",
        first_name=name,
        last_name=f"Doe{n}",
        name_data_quality=1,
        ssn_data_quality=99,
        dob_data_quality=99,
        am_ind_ak_native=0,
        asian=0,
        black_af_american=0,
        hispanic_latinao=0,
        mid_east_n_african=0,
        native_hi_pacific=0,
        white=1,
        veteran_status=0,
        user=hmis_user(),
    )


def enrollment(
    who: Client, where: Project, *, entry: datetime.date = datetime.date(2025, 1, 1)
) -> Enrollment:
    n = next(_ids)
    return Enrollment.objects.create(
        enrollment_id=f"enr-{n}",
        client=who,
        project=where,
        entry_date=entry,
        household_id=f"hh-{n}",
        relationship_to_hoh=1,
        disabling_condition=0,
        user=hmis_user(),
    )


def account(username: str, org: Organization | None, role: str | None) -> Account:
    user = Account.objects.create_user(
        username=username,
        password="not-used-in-tests-1234",
        agreement_accepted_at=timezone.now(),
        training_completed_on=timezone.localdate(),
    )
    if org is not None and role is not None:
        Membership.objects.create(account=user, organization=org, role=role)
    user.acting_organization = org
    user.save(update_fields=["acting_organization"])
    return user


def consent(
    who: Client,
    *,
    by: Account,
    scope: str = "coc",
    shares: str = "full",
    named: tuple[Organization, ...] = (),
    signed_on: datetime.date = datetime.date(2025, 1, 1),
    expires_on: datetime.date | None = None,
    revoked: bool = False,
) -> ConsentToShare:
    record = ConsentToShare.objects.create(
        client=who,
        scope=scope,
        shares=shares,
        signed_on=signed_on,
        expires_on=expires_on,
        signed_by_name="Pat Doe",
        recorded_by=by,
        recorded_as_id=by.acting_organization_id,
        revoked_at=datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC) if revoked else None,
    )
    record.named_organizations.set(named)
    return record


def restrict(who: Client, *, by: Account) -> None:
    ClientRestriction.objects.create(client=who, reason="Survivor of domestic violence", set_by=by)


def origin(who: Client, org: Organization) -> None:
    ClientOrigin.objects.create(client=who, organization=org)


def browser(account: Account):
    """A test browser signed in as ``account``, past the second factor."""
    from django.test import Client as Browser

    from hearth.access.middleware import MFA_VERIFIED

    signed_in = Browser()
    signed_in.force_login(account)
    session = signed_in.session
    session[MFA_VERIFIED] = True
    session.save()
    return signed_in
