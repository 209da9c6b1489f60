"""Every random choice of the demo generator, drawn from one seeded source so a seed repeats exactly.

Nothing here reads the clock or the operating system's randomness: record identifiers and
timestamps come from the same seeded stream as the data.
"""

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from itertools import accumulate
from typing import TypeVar

T = TypeVar("T")

# Office hours in UTC (8am-5pm in Baltimore) for the times records were entered.
_FIRST_HOUR_UTC = 13
_LAST_HOUR_UTC = 21


class Weights[T]:
    """Choices with relative weights, prepared once (module constants) for fast drawing."""

    def __init__(self, weights: Mapping[T, float]) -> None:
        self.keys: list[T] = list(weights)
        self.cumulative: list[float] = list(accumulate(weights.values()))


class Draws:
    """A seeded random source with the helpers the generator needs."""

    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed)
        self._issued = 0

    @property
    def random(self) -> random.Random:
        return self._random

    def chance(self, probability: float) -> bool:
        return self._random.random() < probability

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self._random.random() * len(items))]

    def weighted(self, weights: Weights[T]) -> T:
        """One of the choices, with probability proportional to its weight."""
        return self._random.choices(weights.keys, cum_weights=weights.cumulative)[0]

    def integer(self, low: int, high: int) -> int:
        """A whole number from low to high, both included."""
        return low + int(self._random.random() * (high - low + 1))

    def triangular(self, low: float, high: float, mode: float) -> float:
        return self._random.triangular(low, high, mode)

    def money(self, low: float, high: float) -> str:
        """An amount in dollars and cents, as text for Decimal()."""
        return f"{self._random.uniform(low, high):.2f}"

    def day_between(self, first: dt.date, last: dt.date) -> dt.date:
        """A date from first to last, both included."""
        span = (last - first).days
        if span <= 0:
            return first
        return first + dt.timedelta(days=int(self._random.random() * (span + 1)))

    def sample(self, items: Sequence[T], count: int) -> list[T]:
        return self._random.sample(list(items), min(count, len(items)))

    def new_id(self) -> str:
        """A 32-character hexadecimal record identifier (the shape of Hearth's own ids).

        Like a UUIDv7, it starts with an increasing counter and ends with random bits: identifiers
        made one after another sort together, so a bulk load appends to the primary key indexes
        instead of writing all over them.
        """
        self._issued += 1
        return f"{self._issued:012x}{self._random.getrandbits(80):020x}"

    def stamp(self, day: dt.date) -> dt.datetime:
        """A time during office hours on ``day``, as an aware UTC datetime (DateCreated/DateUpdated)."""
        seconds = int(self._random.random() * (_LAST_HOUR_UTC - _FIRST_HOUR_UTC + 1) * 3600)
        return dt.datetime(day.year, day.month, day.day, _FIRST_HOUR_UTC, tzinfo=dt.UTC) + dt.timedelta(
            seconds=seconds
        )
