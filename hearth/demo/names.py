"""Realistic personal names from Faker's en_US and Spanish-language name lists, drawn with our seed.

Faker's own generators are not called per name: its word lists (with the U.S. frequency weights
that en_US carries) are read once, and names are drawn from them with the generator's seeded
source, which is both faster and independent of Faker's internal random state.
"""

from dataclasses import dataclass

from faker.providers.person.en_US import Provider as EnglishNames
from faker.providers.person.es_MX import Provider as SpanishNames

from hearth.demo.draws import Draws, Weights

_ENGLISH_FIRST_FEMALE = Weights(dict(EnglishNames.first_names_female))
_ENGLISH_FIRST_MALE = Weights(dict(EnglishNames.first_names_male))
_ENGLISH_LAST = Weights(dict(EnglishNames.last_names))
_SPANISH_FIRST_FEMALE: tuple[str, ...] = tuple(SpanishNames.first_names_female)
_SPANISH_FIRST_MALE: tuple[str, ...] = tuple(SpanishNames.first_names_male)
_SPANISH_LAST: tuple[str, ...] = tuple(n for n in SpanishNames.last_names if " " not in n)
_SUFFIXES = Weights({"Jr.": 6, "Sr.": 2, "II": 1, "III": 1})
MAX_NAME = 50  # HUD S50


@dataclass(frozen=True)
class PersonName:
    first: str
    middle: str | None
    last: str
    suffix: str | None


def draw_name(draws: Draws, *, is_female: bool, is_hispanic: bool, last: str | None = None) -> PersonName:
    """A full name; ``last`` keeps a family's surname (children, spouses)."""
    if is_hispanic:
        first = draws.pick(_SPANISH_FIRST_FEMALE if is_female else _SPANISH_FIRST_MALE)
        middle = (
            draws.pick(_SPANISH_FIRST_FEMALE if is_female else _SPANISH_FIRST_MALE)
            if draws.chance(0.3)
            else None
        )
        last = last or hispanic_surname(draws)
    else:
        first = draws.weighted(_ENGLISH_FIRST_FEMALE if is_female else _ENGLISH_FIRST_MALE)
        middle = None
        if draws.chance(0.55):
            middle = draws.weighted(_ENGLISH_FIRST_FEMALE if is_female else _ENGLISH_FIRST_MALE)
        last = last or english_surname(draws)
    suffix = draws.weighted(_SUFFIXES) if not is_female and draws.chance(0.03) else None
    return PersonName(first[:MAX_NAME], middle[:MAX_NAME] if middle else None, last[:MAX_NAME], suffix)


def english_surname(draws: Draws) -> str:
    last = draws.weighted(_ENGLISH_LAST)
    if draws.chance(0.02):
        return f"{last}-{draws.weighted(_ENGLISH_LAST)}"
    return last


def hispanic_surname(draws: Draws) -> str:
    """Paternal and maternal surnames: often both (``García López``), sometimes hyphenated."""
    paternal = draws.pick(_SPANISH_LAST)
    roll = draws.random.random()
    if roll < 0.45:
        return f"{paternal} {draws.pick(_SPANISH_LAST)}"
    if roll < 0.6:
        return f"{paternal}-{draws.pick(_SPANISH_LAST)}"
    return paternal


def staff_name(draws: Draws) -> tuple[str, str]:
    is_female = draws.chance(0.65)
    name = draw_name(draws, is_female=is_female, is_hispanic=draws.chance(0.1))
    return name.first, name.last
