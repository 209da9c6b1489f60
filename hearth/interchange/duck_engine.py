"""Which engine stages an import: PostgreSQL's temporary tables, or DuckDB (duck_stage).

DuckDB stages an import on PostgreSQL into a Hearth that holds no HUD record yet (every HUD
table empty, and no hashed identifiers): a first load from another HMIS, or a CoC's warehouse
rebuilt from its exports.  Then nothing already in Hearth takes part in the checks, and the
merge is a plain load of empty tables, which DuckDB hands to PostgreSQL with one ``COPY`` per
table.  Every other import (into a Hearth that holds records, on SQLite, or small) is staged in
PostgreSQL as before.

``HEARTH_IMPORT_DUCKDB`` (settings) decides: ``auto`` (the default) from ``FROM_BYTES`` of CSV,
``always`` whatever the size (the tests use it), ``never``.
"""

import os
import shutil
from pathlib import Path

from django.conf import settings
from django.db import connection, models

from hearth.interchange.models import HashedClientIdentifiers
from hearth.interchange.reader import CsvMember, ExportSource

FROM_BYTES = 16 << 20
CHOICES = ("auto", "always", "never")


def setting() -> str:
    chosen = str(getattr(settings, "HEARTH_IMPORT_DUCKDB", "auto") or "auto").lower()
    if chosen not in CHOICES:
        raise ValueError(f"HEARTH_IMPORT_DUCKDB is {chosen!r}; it must be one of {', '.join(CHOICES)}")
    return chosen


def is_chosen(found: ExportSource, hud_models: list[type[models.Model]]) -> bool:
    """Whether DuckDB stages the import of ``found``."""
    chosen = setting()
    if chosen == "never" or connection.vendor != "postgresql":
        return False
    if chosen == "auto" and found.size < FROM_BYTES:
        return False
    return hearth_is_empty(hud_models)


def hearth_is_empty(hud_models: list[type[models.Model]]) -> bool:
    """No HUD record (nor hashed identifiers) in Hearth: one query, one probe per table."""
    every: list[type[models.Model]] = [*hud_models, HashedClientIdentifiers]
    tables = [m._meta.db_table for m in every]
    probes = " UNION ALL ".join(
        f"(SELECT 1 FROM {connection.ops.quote_name(t)} LIMIT 1)"  # noqa: S608 - table names from models
        for t in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT EXISTS ({probes})")
        (any_rows,) = cursor.fetchone()
    return not any_rows


def local_csv(member: CsvMember, folder: Path) -> str:
    """A path DuckDB can read the member from: the file itself, or a copy of a zip member in ``folder``."""
    if member.location is not None and not member.location[1]:
        return member.location[0]
    target = folder / f"{len(os.listdir(folder))}.csv"
    with member.opener() as source, target.open("wb") as copy:
        shutil.copyfileobj(source, copy, 1 << 20)
    return os.fspath(target)
