"""The report engine: run a report's SQL steps, in order, over a dataset in DuckDB.

A report is a folder of readable SQL files, one per section or step of HUD's specification,
named so that they sort in the order they run (``03_03_tlsa_hhid.sql``). Each file may hold
several statements; it reads the ``hmis_*`` tables of the dataset, the report's parameter
table and the tables earlier steps made. The engine only runs them and times each one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb


class ReportError(RuntimeError):
    """A report step failed; the message names the step and the problem."""


@dataclass(frozen=True)
class Step:
    """One SQL file of a report."""

    path: Path

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")


@dataclass(frozen=True)
class StepTiming:
    name: str
    seconds: float


ProgressCallback = Callable[[int, int, str], None]


def steps_in(folder: Path) -> list[Step]:
    """The SQL steps of a report, in the order their file names sort."""
    return [Step(path) for path in sorted(folder.glob("*.sql"))]


def run_steps(
    connection: duckdb.DuckDBPyConnection,
    steps: list[Step],
    *,
    on_progress: ProgressCallback | None = None,
) -> list[StepTiming]:
    """Run each step in turn; return how long each took."""
    timings: list[StepTiming] = []
    for index, step in enumerate(steps):
        if on_progress is not None:
            on_progress(index, len(steps), step.name)
        started = time.perf_counter()
        try:
            connection.execute(step.sql)
        except duckdb.Error as error:
            raise ReportError(f"step {step.name} failed: {error}") from error
        timings.append(StepTiming(step.name, round(time.perf_counter() - started, 4)))
    if on_progress is not None:
        on_progress(len(steps), len(steps), "done")
    return timings
