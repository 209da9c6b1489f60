"""An agency with a shelter, a rapid re-housing project and a street outreach team, and its staff."""

import datetime

import pytest
from django.utils import timezone

from hearth.access.models import Membership
from hearth.access.permissions import Role
from hearth.hud.generated.lists import FundingSource, ProjectType, RRHSubType
from tests import factories

TODAY = None  # set per test from timezone.localdate()


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def member_of(agency, *, username: str, role: Role = Role.CASE_MANAGER):
    account = factories.AccountFactory(username=username, acting_organization=agency)
    Membership.objects.create(account=account, organization=agency, role=role)
    return account


def project_of(agency, project_type: int, *, funder: int | None, name: str = "", **fields):
    project = factories.ProjectFactory(
        organization=agency,
        project_type=project_type,
        project_name=name or f"Project type {project_type}",
        **fields,
    )
    factories.ProjectCoCFactory(project=project)
    if funder is not None:
        factories.FunderFactory(project=project, funder=funder, start_date=datetime.date(2020, 1, 1))
    return project


@pytest.fixture
def agency():
    return factories.OrganizationFactory(organization_name="Harbor Light")


@pytest.fixture
def staff(agency):
    return member_of(agency, username="casey")


@pytest.fixture
def shelter(agency):
    """An ESG-funded entry/exit emergency shelter."""
    return project_of(
        agency,
        ProjectType.EMERGENCY_SHELTER_ENTRY_EXIT,
        funder=FundingSource.HUD_ESG_EMERGENCY_SHELTER_OPERATING_AND,
        name="Harbor Light Shelter",
    )


@pytest.fixture
def night_shelter(agency):
    return project_of(
        agency,
        ProjectType.EMERGENCY_SHELTER_NIGHT_BY_NIGHT,
        funder=FundingSource.HUD_ESG_EMERGENCY_SHELTER_OPERATING_AND,
        name="Night Shelter",
    )


@pytest.fixture
def rapid_rehousing(agency):
    return project_of(
        agency,
        ProjectType.PH_RAPID_RE_HOUSING,
        funder=FundingSource.HUD_COC_RAPID_RE_HOUSING,
        name="Home Again",
        rrh_sub_type=RRHSubType.RRH_HOUSING_WITH_OR_WITHOUT_SERVICES,
    )


@pytest.fixture
def outreach(agency):
    return project_of(
        agency, ProjectType.STREET_OUTREACH, funder=FundingSource.HUD_ESG_STREET_OUTREACH, name="Street Team"
    )


@pytest.fixture
def adult():
    return factories.ClientFactory(first_name="Alex", last_name="Rivera", dob=datetime.date(1980, 5, 17))


def origin(client, agency):
    """The agency created the client record, so its staff see the client before any enrollment."""
    from hearth.access.models import ClientOrigin

    ClientOrigin.objects.create(client=client, organization=agency)
    return client
