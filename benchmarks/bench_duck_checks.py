"""The import's cross-file checks on DuckDB, over the large export of bench_import: seconds per module.

The export's CSV files (``BENCH_DUCK_EXPORT``, by default var/bench_import/export, which
``BENCH_KEEP=1 make bench BENCH=import`` leaves) are loaded into a DuckDB stage with DuckDB's own
CSV reader and plain casts: roughly as the import stages them, enough for timing, not a faithful
conversion (no row checks, no hashing).  The checks then run as the import runs them
(``validation_staged``), each module timed apart.  PostgreSQL is not used.
"""

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

import django

if TYPE_CHECKING:
    import duckdb
    from django.db import models

EXPORT = Path(os.environ.get("BENCH_DUCK_EXPORT", "var/bench_import/export"))


def run() -> dict:
    if not (EXPORT / "Export.csv").exists():
        return {
            "skipped": f"no export at {EXPORT}: set BENCH_DUCK_EXPORT, or keep the large CoC's with "
            "BENCH_KEEP=1 make bench BENCH=import"
        }
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
    django.setup()
    from django.apps import apps

    from hearth.hud.generated.columns import FILES
    from hearth.interchange import (
        duck_stage,
        household_rules,
        validation_keys,
        validation_projects,
        validation_references,
    )
    from hearth.interchange.check_engines import DuckEngine
    from hearth.interchange.import_exports import ExportPlan
    from hearth.interchange.reader import ExportFolder
    from hearth.interchange.validation import IssueLog
    from hearth.interchange.validation_keys import StagedImport

    models = {f.name: apps.get_model(f.model) for f in FILES}
    result: dict = {"export": str(EXPORT), "seconds": {}, "rows": {}}
    with duck_stage.opened() as duck:
        started = time.perf_counter()
        for file_name, model in models.items():
            duck_stage.create_stage(duck, model)
            duck_stage.create_target(duck, model)
            result["rows"][file_name] = _load(duck, model, EXPORT / file_name)
        result["seconds"]["loading (not part of the checks)"] = round(time.perf_counter() - started, 2)
        plan = ExportPlan(0, ExportFolder(label="", members={}))
        staged = StagedImport(models, [plan], engine=DuckEngine(duck))
        log = IssueLog()
        steps = {
            "validation_keys.index_stages": lambda: validation_keys.index_stages(staged),
            "validation_keys.check_unique_keys": lambda: validation_keys.check_unique_keys(staged, log),
            "validation_keys.keep_latest (batches only)": lambda: validation_keys.keep_latest(staged),
            "validation_keys.check_references": lambda: validation_keys.check_references(staged, log),
            "validation_references": lambda: validation_references.check(staged, log),
            "household_rules": lambda: household_rules.check(staged, log),
            "validation_projects": lambda: validation_projects.check(staged, log),
        }
        total = 0.0
        for name, step in steps.items():
            started = time.perf_counter()
            step()
            seconds = time.perf_counter() - started
            total += seconds
            result["seconds"][name] = round(seconds, 2)
            print(f"{name}: {seconds:.2f} s", flush=True)
        result["seconds"]["checks in all"] = round(total, 2)
        result["findings"] = {f"{k[1]} {k[0]} {k[2]}": kind.count for k, kind in log.kinds.items()}
    return result


def _load(duck: "duckdb.DuckDBPyConnection", model: "type[models.Model]", path: Path) -> int:
    """The CSV's rows into the model's staging table, cast column by column; returns the rows."""
    from hearth.interchange import duck_stage, staging
    from hearth.interchange.import_exports import columns_of

    types = dict(duck_stage.stage_columns(model))
    by_field = {c.field: c.name for c in columns_of(path.name)}
    header = duck.execute(
        "SELECT * FROM read_csv(?, header = true, all_varchar = true) LIMIT 0", [str(path)]
    ).description
    present = {column[0] for column in header}
    selected = []
    for column, kind in types.items():
        if column == "stage_seq":
            selected.append("row_number() OVER ()")
        elif column == "stage_export":
            selected.append("0")
        elif column == "stage_row":
            selected.append("row_number() OVER () + 1")
        elif by_field.get(column) in present:
            selected.append(f'TRY_CAST("{by_field[column]}" AS {kind})')
        else:
            selected.append("NULL")
    table = '"' + staging.stage_table(model) + '"'
    duck.execute(
        f"INSERT INTO {table} SELECT {', '.join(selected)} "  # noqa: S608 - identifiers and casts only
        "FROM read_csv(?, header = true, all_varchar = true)",
        [str(path)],
    )
    return duck.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608
