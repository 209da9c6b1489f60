"""Seed a synthetic Continuum of Care: one transaction, written in bulk, the same data for a seed.

``seed_demo`` makes the CoC's organizations and projects, the staff and sign-in accounts, then
household histories in batches: each batch is generated and written before the next, so memory
stays bounded however large the size.  Everything runs in one transaction: an error leaves
nothing behind.  The only date that is not drawn from the seed is ``as_of`` ("today").
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from hearth.clients import search_keys
from hearth.clients.ssn import seal_plaintext
from hearth.demo import catalog
from hearth.demo.accounts import DemoCredential, create_demo_accounts
from hearth.demo.agencies import create_agencies
from hearth.demo.assessments import write_stage_records
from hearth.demo.clients import write_client
from hearth.demo.coordinated_entry import write_coordinated_entry
from hearth.demo.draws import Draws
from hearth.demo.enrollments import Member, write_enrollment, write_exit
from hearth.demo.households import Household, ProjectIndex, Stay, draw_household, plan_stays
from hearth.demo.privacy import ConsentExample, create_privacy_demo
from hearth.demo.services import write_bed_nights, write_contacts, write_services
from hearth.demo.sizes import DemoSize, history_start
from hearth.demo.streams import Streams
from hearth.hud.generated.lists import ProjectType


@dataclass(frozen=True)
class SeedResult:
    size: str
    seed: int
    as_of: dt.date
    counts: dict[str, int]  # rows written per model
    credentials: list[DemoCredential]
    consent_examples: list[ConsentExample]


def seed_demo(
    *, size: DemoSize, seed: int, as_of: dt.date, progress: Callable[[int, int], None] | None = None
) -> SeedResult:
    draws = Draws(seed)
    streams = Streams()
    start = history_start(as_of)
    with transaction.atomic():
        setup = create_agencies(draws, streams, history_start=start, as_of=as_of)
        credentials = create_demo_accounts(hmis_lead_staff=setup.lead_staff)
        index = ProjectIndex(setup.projects)
        done = 0
        while done < size.households:
            batch = min(size.batch_households, size.households - done)
            for _ in range(batch):
                first_entry = draws.day_between(start, as_of - dt.timedelta(days=3))
                household = draw_household(draws, first_entry)
                stays = plan_stays(draws, household, index, first_entry=first_entry, as_of=as_of)
                if stays:
                    write_household(draws, streams, household, stays, as_of)
            streams.flush_all()
            done += batch
            if progress:
                progress(done, size.households)
        # Full SSNs are written in the clear by the bulk path; encrypt them before commit.
        seal_plaintext()
        search_keys.rebuild()  # bulk writes bypass the client services that keep the keys
        staff_credentials, examples = create_privacy_demo(
            lead_organization_name=catalog.ORGANIZATIONS[0].name, as_of=as_of
        )
    counts = dict(sorted(streams.counts.items()))
    return SeedResult(size.name, seed, as_of, counts, credentials + staff_credentials, examples)


def write_household(
    draws: Draws, streams: Streams, household: Household, stays: list[Stay], as_of: dt.date
) -> None:
    """Clients, then for each stay every member's enrollment, exit and what was collected."""
    first = stays[0]
    family_name: str | None = None
    for person in household.members:
        keeps_name = person.relationship == 2 or (person.relationship == 3 and draws.chance(0.5))
        last_name = write_client(
            draws,
            streams,
            person,
            last_name=family_name if keeps_name else None,
            first_entry=first.entry,
            user_id=draws.pick(first.project.staff),
        )
        if person.relationship == 1:
            family_name = last_name
    for stay in stays:
        members = [Member(p, draws.new_id(), p.age_on(stay.entry) >= 18) for p in household.members]
        for member in members:
            write_enrollment(draws, streams, stay, member, as_of)
            if stay.exit is not None:
                write_exit(draws, streams, stay, member, as_of)
        write_stage_records(draws, streams, stay, members, as_of)
        if stay.project.project_type == ProjectType.EMERGENCY_SHELTER_NIGHT_BY_NIGHT:
            write_bed_nights(draws, streams, stay, members)
        else:
            write_services(draws, streams, stay, members, as_of)
        write_contacts(draws, streams, stay, members, as_of)
        if stay.project.project_type == ProjectType.COORDINATED_ENTRY:
            write_coordinated_entry(draws, streams, stay, members[0], stays, as_of)
