"""Demo clients: a person's lasting facts (HUD 3.01-3.07, 4.21, V1) and their Client record.

A ``Person`` carries the truth the generator works from (real birth date, disabilities, income
habits); the Client record holds what was collected, with a realistic few percent of "client
doesn't know" (8), "prefers not to answer" (9) and "data not collected" (99) answers.
"""

import datetime as dt
from dataclasses import dataclass, field

from hearth.clients.models import Client
from hearth.demo.draws import Draws, Weights
from hearth.demo.names import draw_name
from hearth.demo.streams import Streams
from hearth.hud.generated.lists import DisabilityType

RACE_COLUMNS = (
    "am_ind_ak_native",
    "asian",
    "black_af_american",
    "hispanic_latinao",
    "mid_east_n_african",
    "native_hi_pacific",
    "white",
)
# Race and ethnicity of people experiencing homelessness in Baltimore City, roughly.
_RACES = Weights(
    {
        ("black_af_american",): 70,
        ("white",): 17,
        ("hispanic_latinao",): 4,
        ("hispanic_latinao", "white"): 2,
        ("black_af_american", "white"): 2,
        ("asian",): 1,
        ("am_ind_ak_native",): 1,
        ("am_ind_ak_native", "black_af_american"): 1,
        ("mid_east_n_african",): 0.5,
        ("native_hi_pacific",): 0.3,
        (): 1.2,  # RaceNone 8/9/99
    }
)
_MISSING = Weights({8: 1, 9: 1, 99: 1})
_ADDITIONAL = ("Jamaican", "Puerto Rican", "Salvadoran", "Nigerian", "Dominican", "Lumbee", "Haitian")
_SSN_QUALITY = Weights({1: 84, 2: 5, 8: 4, 9: 3, 99: 4})
_BRANCHES = Weights({1: 45, 2: 15, 3: 20, 4: 14, 6: 3, 8: 1, 9: 1, 99: 1})
_DISCHARGE = Weights({1: 72, 2: 10, 6: 7, 4: 3, 5: 1, 7: 3, 8: 2, 9: 1, 99: 1})
# Theaters (V1.3-V1.10) by years of service.
_THEATERS = (
    ("world_war_ii", 1941, 1945),
    ("korean_war", 1950, 1953),
    ("vietnam_war", 1961, 1975),
    ("desert_storm", 1990, 1991),
    ("afghanistan_oef", 2001, 2014),
    ("iraq_oif", 2003, 2010),
    ("iraq_ond", 2010, 2011),
)


@dataclass(slots=True)
class Person:
    personal_id: str
    birth: dt.date  # the real birth date; the record may hold an approximation or nothing
    is_female: bool
    is_hispanic: bool
    is_veteran: bool
    relationship: int  # RelationshipToHoH within the household
    disabilities: dict[int, int] = field(default_factory=dict)  # DisabilityType -> DisabilityResponse
    long_term: set[int] = field(default_factory=set)  # types expected to be of long duration
    is_dv_survivor: bool = False
    earns: bool = False
    benefit_income: tuple[str, ...] = ()  # IncomeBenefits source columns besides earned income

    def age_on(self, day: dt.date) -> int:
        return day.year - self.birth.year - ((day.month, day.day) < (self.birth.month, self.birth.day))

    @property
    def has_disabling_condition(self) -> bool:
        """HUD 3.08: developmental disability or HIV/AIDS, or another disability of long duration."""
        if self.disabilities.get(DisabilityType.DEVELOPMENTAL_DISABILITY) == 1:
            return True
        if self.disabilities.get(DisabilityType.HIV_AIDS) == 1:
            return True
        return bool(self.long_term)

    @property
    def has_hiv(self) -> bool:
        return self.disabilities.get(DisabilityType.HIV_AIDS) == 1


def draw_person(
    draws: Draws,
    *,
    birth: dt.date,
    relationship: int,
    is_veteran: bool = False,
    is_hispanic: bool | None = None,
) -> Person:
    person = Person(
        personal_id=draws.new_id(),
        birth=birth,
        is_female=draws.chance(0.45 if relationship == 1 else 0.55),
        is_hispanic=draws.chance(0.06) if is_hispanic is None else is_hispanic,
        is_veteran=is_veteran,
        relationship=relationship,
    )
    _draw_disabilities(draws, person, is_child=relationship == 2)
    if relationship != 2:
        person.is_dv_survivor = draws.chance(0.18 if person.is_female else 0.05)
        person.earns = draws.chance(0.28)
        person.benefit_income = _benefit_income(draws, person)
    return person


def _draw_disabilities(draws: Draws, person: Person, *, is_child: bool) -> None:
    rates = {5: 0.18, 6: 0.05, 7: 0.22, 8: 0.03, 9: 0.38, 10: 0.30}
    for disability_type, rate in rates.items():
        if draws.chance(rate / (3 if is_child else 1)) and not (is_child and disability_type in {8, 10}):
            response = (
                draws.pick((1, 2, 3)) if disability_type == DisabilityType.SUBSTANCE_USE_DISORDER else 1
            )
            person.disabilities[disability_type] = response
            if disability_type not in {6, 8} and draws.chance(0.7):
                person.long_term.add(disability_type)


def _benefit_income(draws: Draws, person: Person) -> tuple[str, ...]:
    sources = []
    disabled = bool(person.long_term)
    if disabled and draws.chance(0.45):
        sources.append(draws.pick(("ssi", "ssdi", "ssdi")))
    if person.is_veteran and draws.chance(0.4):
        sources.append("va_disability_service")
    if draws.chance(0.06):
        sources.append(draws.pick(("unemployment", "ga", "child_support", "pension", "other_income_source")))
    return tuple(sources)


def veteran_service(draws: Draws, person: Person, *, first_entry: dt.date) -> dict[str, object]:
    """V1 Veteran's Information for a veteran, consistent with their age (years 1920 to today)."""
    entered = person.birth.year + draws.integer(18, 24)
    separated = min(entered + draws.integer(2, 22), first_entry.year, person.birth.year + 60)
    separated = max(separated, entered)
    record: dict[str, object] = {"year_entered_service": entered, "year_separated": separated}
    for column, start, end in _THEATERS:
        served_then = entered <= end and separated >= start
        record[column] = int(served_then and draws.chance(0.5))
    record["other_theater"] = int(draws.chance(0.15))
    branch = draws.weighted(_BRANCHES)
    record["military_branch"] = 7 if branch == 2 and separated >= 2021 and draws.chance(0.2) else branch
    record["discharge_status"] = draws.weighted(_DISCHARGE)
    return record


def write_client(
    draws: Draws,
    streams: Streams,
    person: Person,
    *,
    last_name: str | None,
    first_entry: dt.date,
    user_id: str,
) -> str:
    """The Client record as collected at the first project entry; returns the last name for relatives."""
    name = draw_name(draws, is_female=person.is_female, is_hispanic=person.is_hispanic, last=last_name)
    is_adult = person.age_on(first_entry) >= 18
    record: dict[str, object] = {
        "personal_id": person.personal_id,
        "first_name": name.first,
        "middle_name": name.middle,
        "last_name": name.last,
        "name_suffix": name.suffix,
        "name_data_quality": 1,
        "user_id": user_id,
    }
    roll = draws.random.random()
    if roll < 0.015:
        record |= {"first_name": None, "middle_name": None, "last_name": None, "name_suffix": None}
        record["name_data_quality"] = draws.weighted(_MISSING)
    elif roll < 0.04:
        record |= {"middle_name": None, "last_name": None, "name_suffix": None, "name_data_quality": 2}
    record |= _ssn(draws, is_adult=is_adult)
    record |= _dob(draws, person)
    record |= _race(draws, person)
    record["sex"] = _sex(draws, person)
    record["veteran_status"] = _veteran_status(draws, person, is_adult=is_adult)
    if record["veteran_status"] == 1:
        record |= veteran_service(draws, person, first_entry=first_entry)
    created = draws.stamp(first_entry)
    record["date_created"] = created
    record["date_updated"] = created
    streams.open(Client).add_record(record)
    return name.last


def _ssn(draws: Draws, *, is_adult: bool) -> dict[str, object]:
    quality = draws.weighted(_SSN_QUALITY) if is_adult or draws.chance(0.6) else 99
    if quality == 1:
        ssn = f"{draws.integer(1, 665):03d}{draws.integer(1, 99):02d}{draws.integer(1, 9999):04d}"
        return {"ssn": ssn, "ssn_data_quality": 1}
    if quality == 2:
        return {"ssn": f"xxxxx{draws.integer(1, 9999):04d}", "ssn_data_quality": 2}
    return {"ssn": None, "ssn_data_quality": quality}


def _dob(draws: Draws, person: Person) -> dict[str, object]:
    roll = draws.random.random()
    if roll < 0.94:
        return {"dob": person.birth, "dob_data_quality": 1}
    if roll < 0.97:  # approximate: the year is known
        return {"dob": dt.date(person.birth.year, 1, 1), "dob_data_quality": 2}
    return {"dob": None, "dob_data_quality": draws.weighted(_MISSING)}


def _race(draws: Draws, person: Person) -> dict[str, object]:
    races = ("hispanic_latinao",) if person.is_hispanic else draws.weighted(_RACES)
    if person.is_hispanic and draws.chance(0.3):
        races = ("hispanic_latinao", draws.pick(("white", "black_af_american")))
    record: dict[str, object] = {column: int(column in races) for column in RACE_COLUMNS}
    if not races:
        record["race_none"] = draws.weighted(_MISSING)
    elif draws.chance(0.03):
        record["additional_race_ethnicity"] = draws.pick(_ADDITIONAL)
    return record


def _sex(draws: Draws, person: Person) -> int | None:
    roll = draws.random.random()
    if roll < 0.97:
        return 0 if person.is_female else 1
    if roll < 0.99:
        return draws.weighted(_MISSING)
    return None


def _veteran_status(draws: Draws, person: Person, *, is_adult: bool) -> int:
    if not is_adult:
        return 99  # FY2026: not collected for minors, exported as 99
    if person.is_veteran:
        return 1
    return draws.weighted(_MISSING) if draws.chance(0.02) else 0
