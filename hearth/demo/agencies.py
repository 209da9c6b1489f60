"""Organizations, projects and their HUD descriptor records (HUD 2.01-2.09) for the demo CoC."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, replace

from hearth.agencies.models import (
    Affiliation,
    CEParticipation,
    Funder,
    HMISParticipation,
    Organization,
    Project,
    ProjectCoC,
)
from hearth.demo import catalog
from hearth.demo.accounts import StaffMember, create_staff, email_domain
from hearth.demo.draws import Draws
from hearth.demo.inventory import write_inventory
from hearth.demo.streams import Streams
from hearth.hud.generated.lists import FundingSource, HMISParticipationType, HousingType, ProjectType

SYSTEM_START = dt.date(2014, 10, 1)  # when the CoC's HMIS went live
RESIDENTIAL_TYPES = frozenset({0, 1, 2, 3, 8, 9, 10, 13})  # HUD 2.07: 13 only with RRHSubType 2
HOPWA = frozenset(range(13, 20))
LOCAL = FundingSource.LOCAL_OR_OTHER_FUNDING_SOURCE_PLEASE
COC_GRANTS = frozenset({1, 2, 3, 4, 5, 6, 7, 43, 44, 54, 55, 56})


@dataclass(frozen=True)
class ProjectPlan:
    """What the household generator needs to know about a project."""

    project_id: str
    organization_id: str
    name: str
    project_type: int
    rrh_sub_type: int | None
    population: str
    funders: frozenset[int]
    opens: dt.date  # first day enrollments may start: operating and HMIS participation
    closes: dt.date | None  # OperatingEndDate: every client exited by then
    is_victim_service: bool
    has_residential_affiliation: bool | None  # services-only projects (HUD 2.02.B)
    staff: tuple[str, ...]
    template: catalog.ProjectTemplate

    @property
    def is_residential(self) -> bool:
        return self.project_type in RESIDENTIAL_TYPES and self.rrh_sub_type != catalog.SERVICES_ONLY

    def accepts(self, day: dt.date, stay_days: int = 1) -> bool:
        """Whether a stay may start on ``day`` (it must also end by the closing date)."""
        if self.is_victim_service or day < self.opens:
            return False
        return self.closes is None or day + dt.timedelta(days=stay_days) <= self.closes


@dataclass(frozen=True)
class AgencySetup:
    projects: tuple[ProjectPlan, ...]
    lead_staff: StaffMember


def create_agencies(draws: Draws, streams: Streams, *, history_start: dt.date, as_of: dt.date) -> AgencySetup:
    organizations = streams.open(Organization)
    staff_by_org: dict[str, tuple[StaffMember, ...]] = {}
    org_ids: list[str] = []
    for plan in catalog.ORGANIZATIONS:
        org_id = draws.new_id()
        staff = create_staff(
            draws,
            streams,
            domain=email_domain(plan.common_name),
            count=draws.integer(2, 4),
            since=SYSTEM_START,
        )
        staff_by_org[org_id] = staff
        org_ids.append(org_id)
    lead_staff = staff_by_org[org_ids[0]][0]
    for org_id, plan in zip(org_ids, catalog.ORGANIZATIONS, strict=True):
        created = draws.stamp(SYSTEM_START)
        organizations.add_record(
            {
                "organization_id": org_id,
                "organization_name": plan.name,
                "victim_service_provider": int(plan.is_victim_service_provider),
                "organization_common_name": plan.common_name,
                "date_created": created,
                "date_updated": created,
                "user_id": lead_staff.user_id,
            }
        )
    projects = _plan_projects(draws, org_ids, staff_by_org, history_start, as_of)
    for project in projects:
        _write_project(draws, streams, project, lead_staff.user_id)
    _write_affiliations(draws, streams, projects, lead_staff.user_id)
    streams.flush_all()
    return AgencySetup(tuple(projects), lead_staff)


def _plan_projects(
    draws: Draws,
    org_ids: list[str],
    staff_by_org: dict[str, tuple[StaffMember, ...]],
    history_start: dt.date,
    as_of: dt.date,
) -> list[ProjectPlan]:
    load: Counter[str] = Counter()
    names: Counter[str] = Counter()
    plans: list[ProjectPlan] = []
    for template in catalog.PROJECT_TEMPLATES:
        for _ in range(template.count):
            candidates = [
                (load[org_id], index)
                for index, (org_id, org) in enumerate(zip(org_ids, catalog.ORGANIZATIONS, strict=True))
                if org.kind in template.kinds
            ]
            index = min(candidates)[1]
            org_id, org = org_ids[index], catalog.ORGANIZATIONS[index]
            load[org_id] += 1
            name = f"{org.common_name} {template.label}"
            names[name] += 1
            if names[name] > 1:
                name = f"{name} {'I' * names[name]}"
            opens = draws.day_between(dt.date(1992, 1, 1), dt.date(2021, 6, 30))
            is_services_only = (
                template.project_type == ProjectType.SERVICES_ONLY
                or template.rrh_sub_type == catalog.SERVICES_ONLY
            )
            plans.append(
                ProjectPlan(
                    project_id=draws.new_id(),
                    organization_id=org_id,
                    name=name,
                    project_type=template.project_type,
                    rrh_sub_type=template.rrh_sub_type,
                    population=template.population,
                    funders=frozenset(template.funders),
                    opens=opens,
                    closes=None,
                    is_victim_service=org.is_victim_service_provider,
                    has_residential_affiliation=draws.chance(0.5) if is_services_only else None,
                    staff=tuple(s.user_id for s in staff_by_org[org_id]),
                    template=template,
                )
            )
    return _vary_operating_periods(draws, plans, history_start, as_of)


def _vary_operating_periods(
    draws: Draws, plans: list[ProjectPlan], history_start: dt.date, as_of: dt.date
) -> list[ProjectPlan]:
    """Ten projects open (or join HMIS) during the history; three shelters or outreach teams close."""
    open_to_clients = [i for i, p in enumerate(plans) if not p.is_victim_service]
    late = draws.sample(
        [i for i in open_to_clients if plans[i].project_type != ProjectType.COORDINATED_ENTRY], 10
    )
    for index in late:
        opens = draws.day_between(history_start + dt.timedelta(days=90), as_of - dt.timedelta(days=240))
        plans[index] = replace(plans[index], opens=opens)
    busy = {0, 1, 4}  # single adults' shelters and outreach: closing one displaces clients
    closing = [
        i
        for i in open_to_clients
        if i not in late and plans[i].project_type in busy and plans[i].population == "single"
    ]
    for index in draws.sample(closing, 3):
        closes = draws.day_between(history_start + dt.timedelta(days=400), as_of - dt.timedelta(days=60))
        plans[index] = replace(plans[index], closes=closes)
    return plans


def operating_start(draws: Draws, plan: ProjectPlan) -> tuple[dt.date, dt.date | None]:
    """(OperatingStartDate, start of HMIS participation if the project joined HMIS later)."""
    if plan.opens >= SYSTEM_START and draws.chance(0.5):
        return draws.day_between(dt.date(2005, 1, 1), plan.opens - dt.timedelta(days=30)), plan.opens
    return plan.opens, None


def _write_project(draws: Draws, streams: Streams, plan: ProjectPlan, lead_user: str) -> None:
    started, joined_hmis = operating_start(draws, plan)
    created = draws.stamp(max(started, SYSTEM_START))
    meta = {
        "date_created": created,
        "date_updated": created,
        "user_id": lead_user,
        "project_id": plan.project_id,
    }
    type_ = plan.project_type
    housing_type = None
    if plan.is_residential:
        scattered = type_ in {9, 13} or (type_ == 3 and draws.chance(0.5))
        housing_type = HousingType.TENANT_BASED_SCATTERED_SITE if scattered else draws.pick((1, 2))
    affiliation = plan.has_residential_affiliation
    streams.open(Project).add_record(
        meta
        | {
            "organization_id": plan.organization_id,
            "project_name": plan.name,
            "operating_start_date": started,
            "operating_end_date": plan.closes,
            "continuum_project": 0 if plan.funders == {LOCAL} and type_ in {7, 11} else 1,
            "project_type": type_,
            "housing_type": housing_type,
            "rrh_sub_type": plan.rrh_sub_type,
            "residential_affiliation": None if affiliation is None else int(affiliation),
            "target_population": {"dv": 1, "hiv": 3}.get(plan.population, 4),
            "hopwa_med_assisted_living_fac": 0 if plan.funders & HOPWA else 2,
        }
    )
    _write_funders(draws, streams, plan, started, meta)
    _write_project_coc(draws, streams, plan, meta)
    if plan.is_residential:
        write_inventory(draws, streams, plan, started, meta)
    _write_participation(streams, plan, started, joined_hmis, meta)
    _write_ce_participation(draws, streams, plan, started, meta)


def _write_funders(draws: Draws, streams: Streams, plan: ProjectPlan, started: dt.date, meta: dict) -> None:
    funders = streams.open(Funder)
    for code in sorted(plan.funders):
        year = draws.integer(20, 25)
        grant = None
        if code in COC_GRANTS:
            grant = f"MD{draws.integer(1, 250):04d}L3B01{year}{draws.integer(1, 12):02d}"
        elif code in {8, 9, 10, 11, 53}:
            grant = f"E-{year}-MC-24-0004"
        funders.add_record(
            meta
            | {
                "funder_id": draws.new_id(),
                "funder": code,
                "other_funder": draws.pick(catalog.OTHER_FUNDER_NAMES) if code == LOCAL else None,
                "grant_id": grant,
                "start_date": started,
                "end_date": plan.closes,
            }
        )


def _write_project_coc(draws: Draws, streams: Streams, plan: ProjectPlan, meta: dict) -> None:
    confidential = plan.is_victim_service  # survivor shelters keep their street address out of HMIS
    streams.open(ProjectCoC).add_record(
        meta
        | {
            "project_coc_id": draws.new_id(),
            "coc_code": catalog.COC_CODE,
            "geocode": catalog.GEOCODE,
            "address1": None if confidential else f"{draws.integer(100, 4999)} {draws.pick(catalog.STREETS)}",
            "address2": None,
            "city": catalog.CITY,
            "state": catalog.STATE,
            "zip": draws.pick(catalog.ZIP_CODES),
            "geography_type": 1,
        }
    )


def _write_participation(
    streams: Streams, plan: ProjectPlan, started: dt.date, joined_hmis: dt.date | None, meta: dict
) -> None:
    """HUD 2.08: consecutive, non-overlapping periods; the last is open while the project runs."""
    rows = streams.open(HMISParticipation)
    periods: list[tuple[int, dt.date, dt.date | None]]
    if plan.is_victim_service:
        periods = [(HMISParticipationType.COMPARABLE_DATABASE_PARTICIPATING, started, plan.closes)]
    elif joined_hmis:
        periods = [
            (HMISParticipationType.NOT_PARTICIPATING, started, joined_hmis - dt.timedelta(days=1)),
            (HMISParticipationType.HMIS_PARTICIPATING, joined_hmis, plan.closes),
        ]
    else:
        periods = [(HMISParticipationType.HMIS_PARTICIPATING, started, plan.closes)]
    for number, (kind, start, end) in enumerate(periods):
        rows.add_record(
            meta
            | {
                "hmis_participation_id": f"{plan.project_id[:30]}{number:02d}",
                "hmis_participation_type": kind,
                "hmis_participation_status_start_date": start,
                "hmis_participation_status_end_date": end,
            }
        )


def _write_ce_participation(
    draws: Draws, streams: Streams, plan: ProjectPlan, started: dt.date, meta: dict
) -> None:
    type_ = plan.project_type
    is_access_point = type_ == ProjectType.COORDINATED_ENTRY or (
        type_ == ProjectType.STREET_OUTREACH and draws.chance(0.5)
    )
    receives_referrals = type_ in {0, 2, 3, 8, 9, 10, 13} and not plan.is_victim_service
    record = meta | {
        "ce_participation_id": draws.new_id(),
        "access_point": int(is_access_point),
        "receives_referrals": int(receives_referrals),
        "ce_participation_status_start_date": max(started, dt.date(2018, 1, 1)),
        "ce_participation_status_end_date": plan.closes,
    }
    if is_access_point:  # HUD 2.09.A: each option 0 or 1 when the project is an access point
        record |= {
            "prevention_assessment": int(draws.chance(0.6)),
            "crisis_assessment": 1,
            "housing_assessment": int(type_ == ProjectType.COORDINATED_ENTRY),
            "direct_services": int(draws.chance(0.5)),
        }
    streams.open(CEParticipation).add_record(record)


def _write_affiliations(draws: Draws, streams: Streams, projects: list[ProjectPlan], lead_user: str) -> None:
    """HUD 2.02.B: services-only and RRH services-only projects serving residents of residential ones."""
    residential = [p for p in projects if p.is_residential and not p.is_victim_service]
    rows = streams.open(Affiliation)
    for project in projects:
        if not project.has_residential_affiliation:
            continue
        for res_project in draws.sample(residential, draws.integer(1, 2)):
            created = draws.stamp(max(project.opens, res_project.opens, SYSTEM_START))
            rows.add_record(
                {
                    "affiliation_id": draws.new_id(),
                    "project_id": project.project_id,
                    "res_project_id": res_project.project_id,
                    "date_created": created,
                    "date_updated": created,
                    "user_id": lead_user,
                }
            )
