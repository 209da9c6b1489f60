"""The tiny demo CoC, seeded once and read into memory for the rule checks."""

import datetime as dt
from collections import defaultdict
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction

from hearth.demo.seed import seed_demo
from hearth.demo.sizes import SIZES
from hearth.hud.generated.columns import FILES

AS_OF = dt.date(2026, 11, 25)
Row = dict[str, Any]


class Demo:
    """Every HUD record of a seeded database, as rows of {attname: value} per CSV file stem."""

    def __init__(self, rows: dict[str, list[Row]], as_of: dt.date) -> None:
        self.rows = rows
        self.as_of = as_of
        self.projects = {p["project_id"]: p for p in rows["Project"]}
        self.organizations = {o["organization_id"]: o for o in rows["Organization"]}
        self.clients = {c["personal_id"]: c for c in rows["Client"]}
        self.enrollments = {e["enrollment_id"]: e for e in rows["Enrollment"]}
        self.exits: dict[str, list[Row]] = defaultdict(list)
        for row in rows["Exit"]:
            self.exits[row["enrollment_id"]].append(row)
        self.households: dict[str, list[Row]] = defaultdict(list)
        for row in rows["Enrollment"]:
            self.households[row["household_id"]].append(row)

    def exit_date(self, enrollment_id: str) -> dt.date | None:
        exits = self.exits.get(enrollment_id)
        return exits[0]["exit_date"] if exits else None

    def project_type(self, enrollment_id: str) -> int:
        return self.projects[self.enrollments[enrollment_id]["project_id"]]["project_type"]


def model_of(stem: str) -> Any:
    file = next(f for f in FILES if f.stem == stem)
    return apps.get_model(file.model)


def read_rows() -> dict[str, list[Row]]:
    rows = {}
    for file in FILES:
        model = apps.get_model(file.model)
        manager = getattr(model, "all_objects", model.objects)
        names = [f.attname for f in model._meta.concrete_fields]
        rows[file.stem] = list(manager.order_by("pk").values(*names))
    return rows


def seeded_rows(*, seed: int, size: str = "tiny", as_of: dt.date = AS_OF) -> dict[str, list[Row]]:
    """Seed, read everything back, and roll the seed back (the caller's transaction stays clean)."""
    with transaction.atomic():
        seed_demo(size=SIZES[size], seed=seed, as_of=as_of)
        rows = read_rows()
        transaction.set_rollback(True)
    return rows


@pytest.fixture(scope="session")
def demo(django_db_setup: None, django_db_blocker: Any) -> Demo:
    with django_db_blocker.unblock():
        rows = seeded_rows(seed=1)
    return Demo(rows, AS_OF)
