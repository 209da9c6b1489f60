"""How big a demo Continuum to make: tiny for tests, demo for `make run`, large for benchmarks."""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoSize:
    name: str
    households: int  # household histories to generate; clients are about 1.4 per household
    batch_households: int  # households generated and written together (bounds memory)


SIZES: dict[str, DemoSize] = {
    "tiny": DemoSize("tiny", households=200, batch_households=200),
    "demo": DemoSize("demo", households=1_200, batch_households=400),
    "large": DemoSize("large", households=60_000, batch_households=2_000),
}


def history_start(as_of: dt.date) -> dt.date:
    """October 1 four federal fiscal years before the one holding ``as_of`` (2022-10-01 for 2026-11-25)."""
    fiscal_year_start = as_of.year if as_of.month >= 10 else as_of.year - 1
    return dt.date(fiscal_year_start - 4, 10, 1)
