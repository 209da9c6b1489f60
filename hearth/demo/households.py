"""Households and their histories: who lives together, and which projects they stay in when.

A household is drawn by kind (single adult, family, youth...) and walks one to three episodes of
homelessness or housing crisis; each episode follows a pathway of project types (outreach, then
shelter, then rapid re-housing...).  Dates stay inside the history window, inside each project's
operating period, and never pass the "as of" date: a stay still open then has no exit.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from hearth.demo.agencies import ProjectPlan
from hearth.demo.catalog import SERVED_BY
from hearth.demo.clients import Person, draw_person
from hearth.demo.draws import Draws, Weights
from hearth.hud.generated.lists import ProjectType as PT

PERMANENT_HOUSING = frozenset({3, 9, 10, 13})  # HUD 3.20 move-in date applies
HOMELESS_TYPES = frozenset({0, 1, 2, 4, 8, 11})

KINDS = Weights(
    {
        "single": 50,
        "veteran": 7,
        "hiv": 2,
        "couple": 4,
        "family": 22,
        "youth": 9,
        "parenting_youth": 3,
        "child": 3,
    }
)
EPISODES = Weights({1: 30, 2: 35, 3: 35})
_SINGLE_PATHS = {
    (0,): 14, (1,): 30, (4,): 5, (4, 1): 10, (4, 3): 3, (0, 13): 10, (0, 3): 4, (1, 13): 8, (1, 1): 10,
    (12,): 7, (2,): 4, (2, 13): 2, (8, 3): 2, (11, 0): 3, (11,): 2, (6,): 4, (7,): 2, (0, 9): 2,
    (0, 10): 2, (13,): 3, (3,): 3,
}  # fmt: skip
PATHWAYS: dict[str, Weights[tuple[int, ...]]] = {
    "single": Weights(_SINGLE_PATHS),
    "couple": Weights({(0,): 20, (0, 13): 20, (12,): 20, (3,): 10, (1,): 20, (2,): 5}),
    "family": Weights({(0,): 20, (0, 13): 20, (12,): 20, (2,): 8, (0, 3): 5, (13,): 8, (0, 9): 3, (10,): 3}),
    "youth": Weights(
        {(0,): 15, (2,): 15, (4,): 10, (4, 0): 5, (0, 13): 10, (13,): 5, (3,): 3, (6,): 5, (1,): 10}
    ),
    "parenting_youth": Weights({(2,): 10, (0, 13): 10, (0,): 10, (12,): 5}),
    "child": Weights({(0,): 70, (12,): 30}),
    "veteran": Weights(
        {(12,): 15, (13,): 15, (0, 3): 10, (2,): 10, (0, 13): 10, (8,): 5, (4, 3): 5, (3,): 10, (1,): 10}
    ),
    "hiv": Weights({(3,): 25, (2,): 15, (12,): 20, (6,): 15, (13,): 10, (0, 3): 10}),
}
# Length of a stay in days: (shortest, longest, most common).
DURATIONS: dict[int, tuple[int, int, int]] = {
    0: (3, 180, 30), 1: (1, 300, 90), 2: (60, 730, 240), 3: (120, 2000, 900), 4: (7, 300, 60),
    6: (14, 365, 90), 7: (14, 365, 60), 8: (30, 600, 180), 9: (180, 1800, 700), 10: (180, 1500, 600),
    11: (1, 120, 20), 12: (21, 180, 75), 13: (60, 540, 200), 14: (7, 240, 60),
}  # fmt: skip
NIGHTLY_ATTENDANCE = 0.9  # share of nights a night-by-night guest stays


@dataclass(frozen=True)
class Household:
    kind: str
    members: tuple[Person, ...]  # the head of household first

    @property
    def head(self) -> Person:
        return self.members[0]


@dataclass(slots=True)
class Stay:
    """One household stay in one project: every member enrolls with the same dates."""

    project: ProjectPlan
    entry: dt.date
    exit: dt.date | None
    household_id: str
    move_in: dt.date | None = None
    bed_nights: list[dt.date] = field(default_factory=list)
    next_project_type: int | None = None  # where the household went next, for the destination
    previous_project_type: int | None = None  # where it came from, for the prior living situation


class ProjectIndex:
    """Projects that take clients, by project type and population."""

    def __init__(self, projects: tuple[ProjectPlan, ...]) -> None:
        self._by_key: dict[tuple[int, str], list[ProjectPlan]] = defaultdict(list)
        for project in projects:
            if not project.is_victim_service:
                self._by_key[(project.project_type, project.population)].append(project)

    def choose(self, draws: Draws, project_type: int, kind: str, day: dt.date) -> ProjectPlan | None:
        """A project open on ``day``; a household goes to one for its own population when there is one."""
        fallback: list[ProjectPlan] = []
        for number, population in enumerate(SERVED_BY[kind]):
            candidates = [
                p
                for p in self._by_key.get((project_type, population), ())
                if p.opens <= day and (p.closes is None or day + dt.timedelta(days=2) < p.closes)
            ]
            if candidates and (number > 0 or draws.chance(0.75)):
                return draws.pick(candidates)
            fallback += candidates
        return draws.pick(fallback) if fallback else None


def draw_household(draws: Draws, first_entry: dt.date) -> Household:
    kind = draws.weighted(KINDS)

    def born(low: int, high: int, mode: float) -> dt.date:
        age = round(draws.triangular(low, high, mode))
        return first_entry - dt.timedelta(days=age * 365 + draws.integer(1, 364))

    is_veteran = kind == "veteran"
    head_birth = {
        "single": born(25, 72, 45),
        "veteran": born(25, 80, 56),
        "hiv": born(25, 65, 45),
        "couple": born(25, 70, 42),
        "family": born(19, 50, 30),
        "youth": born(18, 24, 21),
        "parenting_youth": born(18, 24, 21),
        "child": born(12, 17, 16),
    }[kind]
    head = draw_person(draws, birth=head_birth, relationship=1, is_veteran=is_veteran)
    if kind == "hiv":
        head.disabilities[8] = 1
    members = [head]
    if kind == "couple" or (kind == "family" and draws.chance(0.35)):
        adult = first_entry - dt.timedelta(days=18 * 365 + 5)
        partner_birth = min(head_birth + dt.timedelta(days=draws.integer(-1800, 1800)), adult)
        members.append(draw_person(draws, birth=partner_birth, relationship=3, is_hispanic=head.is_hispanic))
    if kind in {"family", "parenting_youth"}:
        head_age = head.age_on(first_entry)
        children = draws.integer(1, 2 if kind == "parenting_youth" else 4)
        for _ in range(children):
            oldest = max(0, min(17, head_age - 16))
            birth = born(0, oldest, 0) if oldest else first_entry - dt.timedelta(days=draws.integer(1, 360))
            members.append(draw_person(draws, birth=birth, relationship=2, is_hispanic=head.is_hispanic))
        if kind == "family" and draws.chance(0.04):
            relation = draws.pick((4, 5))
            members.append(draw_person(draws, birth=born(40, 75, 55), relationship=relation))
    return Household(kind, tuple(members))


def plan_stays(
    draws: Draws, household: Household, index: ProjectIndex, *, first_entry: dt.date, as_of: dt.date
) -> list[Stay]:
    """The household's stays, in order of entry (a coordinated entry stay runs alongside others)."""
    stays: list[Stay] = []
    day = first_entry
    for _ in range(draws.weighted(EPISODES)):
        episode = _walk_pathway(draws, household, index, day, as_of)
        stays.extend(episode)
        ce_stay = _coordinated_entry_stay(draws, household, index, episode, as_of)
        if ce_stay:
            stays.append(ce_stay)
        if not episode or episode[-1].exit is None:
            break
        day = episode[-1].exit + dt.timedelta(days=draws.integer(45, 540))
        if day >= as_of:
            break
    stays.sort(key=lambda s: s.entry)
    return stays


def _walk_pathway(
    draws: Draws, household: Household, index: ProjectIndex, day: dt.date, as_of: dt.date
) -> list[Stay]:
    legs: list[Stay] = []
    for project_type in draws.weighted(PATHWAYS[household.kind]):
        project = index.choose(draws, project_type, household.kind, day)
        if project is None:
            continue
        stay = _stay(draws, project, day, as_of)
        if legs:
            legs[-1].next_project_type = project_type
            stay.previous_project_type = legs[-1].project.project_type
        legs.append(stay)
        if stay.exit is None:
            break
        same_day = project_type in HOMELESS_TYPES and draws.chance(0.4)
        day = stay.exit + dt.timedelta(days=0 if same_day else draws.integer(1, 21))
        if day >= as_of:
            break
    return legs


def _stay(draws: Draws, project: ProjectPlan, entry: dt.date, as_of: dt.date) -> Stay:
    low, high, mode = DURATIONS[project.project_type]
    days = max(1, round(draws.triangular(low, high, mode)))
    end = entry + dt.timedelta(days=days)
    if project.closes is not None:
        end = min(end, project.closes)
    stay = Stay(project, entry, end, household_id=draws.new_id())
    if project.project_type == PT.EMERGENCY_SHELTER_NIGHT_BY_NIGHT:
        _nights(draws, stay, end, as_of)
    elif end > as_of:
        stay.exit = None
    if project.project_type in PERMANENT_HOUSING:
        wait = round(draws.triangular(0, 150, 20 if project.project_type != 13 else 45))
        move_in = entry + dt.timedelta(days=wait)
        last_day = stay.exit or as_of
        stay.move_in = move_in if move_in <= last_day and draws.chance(0.92) else None
    return stay


def _nights(draws: Draws, stay: Stay, end: dt.date, as_of: dt.date) -> None:
    """HUD 4.14: a bed night on the entry date, others before the exit; exit = day after the last."""
    nights = [stay.entry]
    day = stay.entry + dt.timedelta(days=1)
    last = min(end - dt.timedelta(days=1), as_of)
    while day <= last:
        if draws.random.random() < NIGHTLY_ATTENDANCE:
            nights.append(day)
        day += dt.timedelta(days=1)
    stay.bed_nights = nights
    exit_date = nights[-1] + dt.timedelta(days=1)
    stay.exit = None if end > as_of or exit_date > as_of else exit_date


def _coordinated_entry_stay(
    draws: Draws, household: Household, index: ProjectIndex, episode: list[Stay], as_of: dt.date
) -> Stay | None:
    """A coordinated entry enrollment from the episode's start until the household is housed."""
    if not episode or not draws.chance(0.5):
        return None
    entry = episode[0].entry
    project = index.choose(draws, PT.COORDINATED_ENTRY, _ce_kind(household.kind), entry)
    if project is None:
        return None
    housed = next((s.entry for s in episode if s.project.project_type in PERMANENT_HOUSING), None)
    stay = _stay(draws, project, entry, as_of)
    if housed is not None and housed > entry:
        stay.exit = housed if housed <= as_of else None
        if project.closes is not None and housed > project.closes:
            stay.exit = project.closes
    return stay


def _ce_kind(kind: str) -> str:
    return {"couple": "single", "hiv": "single", "child": "youth", "parenting_youth": "family"}.get(
        kind, kind
    )
