"""DT-08: an enrollment falls inside the project's operating period (2.02.3, 2.02.4) and inside a
period when the project's data is in the HMIS (2.08 HMIS Participation).

One statement of the rule for both ways records arrive: the enrollment services call
``outside_operating_period`` and ``participates_on`` on a project start date; the import's check
(``interchange/household_rules.py``) runs the same rule in SQL from the same ``PARTICIPATING_TYPES``.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from hearth.hud.generated.lists import HMISParticipationType

# 2.08.1: HMIS participating, and comparable database participating (a victim service provider's
# records, which Hearth holds for the project); 0 "Not participating" is a period without records.
PARTICIPATING_TYPES = frozenset(
    {HMISParticipationType.HMIS_PARTICIPATING, HMISParticipationType.COMPARABLE_DATABASE_PARTICIPATING}
)


@dataclass(frozen=True)
class ParticipationPeriod:
    """One HMISParticipation record: its type (2.08.1), start (2.08.2) and end (2.08.3, inclusive)."""

    participation_type: int
    start: datetime.date
    end: datetime.date | None

    def holds(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def outside_operating_period(
    day: datetime.date, operating_start: datetime.date, operating_end: datetime.date | None
) -> bool:
    """The project was not operating on ``day`` (2.02.3 start to 2.02.4 end, both inclusive)."""
    return day < operating_start or (operating_end is not None and day > operating_end)


def participates_on(day: datetime.date, periods: Iterable[ParticipationPeriod]) -> bool:
    """Whether a participating period holds ``day``.  A project with no period recorded yet (its
    2.08 set-up not done) is judged by its operating period alone, as the import judges it."""
    recorded = list(periods)
    return not recorded or any(p.participation_type in PARTICIPATING_TYPES and p.holds(day) for p in recorded)
