"""HUD code lists as the generator draws from them: active codes only, straight from the spec."""

from functools import cache

from hearth.hud.generated.lists import LISTS
from hearth.hud.generated.rules import LIVING_SITUATIONS

MISSING = frozenset({8, 9, 99})  # client doesn't know, prefers not to answer, data not collected


@cache
def answers(number: str) -> tuple[int, ...]:
    """The active codes of HUD list ``number`` that are real answers (not 8, 9 or 99), in order."""
    return tuple(sorted(c for c in LISTS[number].active_codes if isinstance(c, int) and c not in MISSING))


@cache
def living_situations(use: str) -> frozenset[int]:
    """Codes of list 3.12.1 valid as ``prior``, ``current`` or ``destination`` (living_situations.csv)."""
    flag = {
        "prior": "prior_living_situation",
        "current": "current_living_situation",
        "destination": "destination",
    }[use]
    return frozenset(s.code for s in LIVING_SITUATIONS if getattr(s, flag))


@cache
def category(code: int) -> str:
    """Homeless, Institutional, Temporary, Permanent or Other/Missing."""
    return next(s.category for s in LIVING_SITUATIONS if s.code == code)
