"""HMIS CSV import of the `large` demo Continuum on PostgreSQL: speed against a raw COPY, and memory.

Two scratch databases on the server of DATABASE_URL:

* ``hearth_bench_import_source`` is migrated and seeded (``seed_demo --size large --seed 1``), then
  exported with ``export_hmis_csv`` (every enrollment) to a zip, unpacked into a folder;
* ``hearth_bench_import`` is migrated and left empty.  In it, one process measures, in one run:
  - raw COPY: each CSV file of the export streamed with ``COPY ... FROM STDIN (FORMAT csv)`` into a
    bare table (the target's columns, no index, no constraint); rows per second;
  - import: ``import_hmis_csv`` of the folder into the empty database (validation, staging,
    checks, merge, all in); rows per second, and the ratio to raw COPY (goal: at least 0.33);
  - the same import again (nothing changes), and the process's peak resident memory (goal: under
    1 GB), with its size before the import, so the import's own share shows.

``BENCH_KEEP=1`` keeps the scratch databases and the export folder (in var/bench_import/); with
``BENCH_REUSE=1`` as well, they are measured again without seeding and exporting anew.
``BENCH_DB_PREFIX`` (default ``hearth_bench_``) starts the scratch databases' names, so that people
sharing a server keep theirs apart.  The first import, into an empty Hearth, is staged in DuckDB
(hearth/interchange/duck_engine.py); the re-import in PostgreSQL, its large files read in worker
processes (``HEARTH_IMPORT_WORKERS``, hearth/interchange/read_workers.py).  Memory is the peak of
the process and its worker processes together, sampled (benchmarks/memory.py); the result also
gives the load average before and after the import.
"""

import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test"
PREFIX = os.environ.get("BENCH_DB_PREFIX", "hearth_bench_")
SOURCE, TARGET = f"{PREFIX}import_source", f"{PREFIX}import"
FOLDER = ROOT / "var" / "bench_import"
GOAL_RATIO = 0.33
GOAL_PEAK_MB = 1024
COPY_CHUNK = 1 << 20


def run() -> dict:
    base = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not base.startswith("postgres"):
        return {"skipped": "the import is measured on PostgreSQL: set DATABASE_URL=postgres://..."}
    head = base.rpartition("/")[0]
    admin_url = f"{head}/postgres"
    keep = os.environ.get("BENCH_KEEP") == "1"
    reuse = keep and os.environ.get("BENCH_REUSE") == "1" and (FOLDER / "export" / "Export.csv").exists()
    source_env = {
        **os.environ,
        "DATABASE_URL": f"{head}/{SOURCE}",
        "DJANGO_SETTINGS_MODULE": "hearth.settings",
    }
    target_env = {
        **os.environ,
        "DATABASE_URL": f"{head}/{TARGET}",
        "DJANGO_SETTINGS_MODULE": "hearth.settings",
    }
    seconds_preparing = None
    try:
        if not reuse:
            started = time.perf_counter()
            _recreate(admin_url, SOURCE)
            _child(source_env, "seed")
            _child(source_env, "export")
            seconds_preparing = round(time.perf_counter() - started, 1)
        _recreate(admin_url, TARGET)
        _child(target_env, "migrate")
        result = _child(target_env, "measure")
    finally:
        _drop(admin_url, TARGET)
        if not keep:
            _drop(admin_url, SOURCE)
            shutil.rmtree(FOLDER, ignore_errors=True)
    return {**result, "seconds_seeding_and_exporting": seconds_preparing, "database": TARGET}


def _admin(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(statement)  # type: ignore[arg-type]


def _drop(admin_url: str, name: str) -> None:
    from psycopg import sql

    _admin(
        admin_url, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)).as_string()
    )


def _recreate(admin_url: str, name: str) -> None:
    from psycopg import sql

    _drop(admin_url, name)
    _admin(admin_url, sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)).as_string())


def _child(env: dict, step: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_import", step],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _load() -> list[float]:
    return [round(n, 2) for n in os.getloadavg()]


def _seed() -> dict:
    import django
    from django.core.management import call_command

    django.setup()
    _log("migrating the source database")
    call_command("migrate", verbosity=0)
    _log("seeding the large demo Continuum")
    call_command("seed_demo", size="large", seed=1, verbosity=0)
    return {}


def _export() -> dict:
    import django

    django.setup()
    from django.utils import timezone

    from hearth.access.models import Account, Membership
    from hearth.access.permissions import Role
    from hearth.agencies.models import Organization
    from hearth.interchange.export import export_hmis_csv

    lead = Organization.objects.order_by("pk").first()
    admin, _created = Account.objects.get_or_create(username="bench-import-admin")
    admin.acting_organization = lead
    admin.agreement_accepted_at = timezone.now()
    admin.training_completed_on = timezone.localdate()
    admin.save()
    Membership.objects.get_or_create(
        account=admin, organization=lead, defaults={"role": Role.HMIS_LEAD_ADMIN}
    )
    shutil.rmtree(FOLDER, ignore_errors=True)
    FOLDER.mkdir(parents=True)
    _log("exporting every enrollment of the source database")
    archive = FOLDER / "export.zip"
    result = export_hmis_csv(
        user=admin,
        start=dt.date(2000, 1, 1),
        end=timezone.localdate() + dt.timedelta(days=366),
        output=archive,
    )
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(FOLDER / "export")
    archive.unlink()
    return {"rows": sum(result.row_counts.values())}


def _migrate() -> dict:
    import django
    from django.core.management import call_command

    django.setup()
    _log("migrating the empty target database")
    call_command("migrate", verbosity=0)
    return {}


def _raw_copy(folder: Path) -> tuple[int, float]:
    """COPY every CSV file into a bare table shaped like its target; returns (rows, seconds)."""
    from django.apps import apps
    from django.db import connection
    from psycopg import sql

    from hearth.hud.generated.columns import COLUMNS, FILES

    rows, seconds = 0, 0.0
    with connection.cursor() as cursor:
        raw = cursor.cursor
        for hud_file in FILES:
            model = apps.get_model(hud_file.model)
            bare = sql.Identifier(f"bare_{model._meta.db_table}")
            columns = [model._meta.get_field(c.field).column for c in COLUMNS if c.file == hud_file.name]
            raw.execute(
                sql.SQL("CREATE TABLE {} AS SELECT * FROM {} WITH NO DATA").format(
                    bare, sql.Identifier(model._meta.db_table)
                )
            )
            statement = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT csv, HEADER true)").format(
                bare, sql.SQL(", ").join(sql.Identifier(c) for c in columns)
            )
            started = time.perf_counter()
            with (folder / hud_file.name).open("rb") as stream, raw.copy(statement) as copy:
                while block := stream.read(COPY_CHUNK):
                    copy.write(block)
            seconds += time.perf_counter() - started
            rows += raw.rowcount
            raw.execute(sql.SQL("DROP TABLE {}").format(bare))
    return rows, seconds


def _measure() -> dict:
    import django

    django.setup()
    from benchmarks.memory import TreeMemory
    from hearth.access.audit import Actor
    from hearth.interchange.importer import import_hmis_csv
    from hearth.interchange.read_workers import worker_count

    folder = FOLDER / "export"
    _log("raw COPY of the CSV files into bare tables")
    copied_rows, copy_seconds = _raw_copy(folder)
    rss_before = _peak_rss_mb()
    _log("import")
    load_before = _load()
    started = time.perf_counter()
    with TreeMemory() as first_memory:
        first = import_hmis_csv(folder, actor=Actor.system("bench-import"))
    import_seconds = time.perf_counter() - started
    load_after = _load()
    rss_after_first = _peak_rss_mb()
    _log("the same import again")
    started = time.perf_counter()
    with TreeMemory() as again_memory:
        again = import_hmis_csv(folder, actor=Actor.system("bench-import"))
    again_seconds = time.perf_counter() - started
    imported_rows = first.run.total("read")
    copy_rate, import_rate = copied_rows / copy_seconds, imported_rows / import_seconds
    return {
        "rows_in_files": copied_rows,
        "raw_copy_seconds": round(copy_seconds, 2),
        "raw_copy_rows_per_second": round(copy_rate),
        "import_status": first.run.status,
        "rows_imported": imported_rows,
        "rows_inserted": first.run.total("inserted"),
        "rejecting_errors": first.run.rejecting_count,
        "warnings": first.run.warning_count,
        "import_seconds": round(import_seconds, 2),
        "import_rows_per_second": round(import_rate),
        "ratio_to_raw_copy": round(import_rate / copy_rate, 3),
        "goal_ratio": GOAL_RATIO,
        "meets_goal_ratio": import_rate / copy_rate >= GOAL_RATIO,
        "reimport_status": again.run.status,
        "reimport_rows_changed": again.run.total("inserted")
        + again.run.total("updated")
        + again.run.total("deleted"),
        "reimport_seconds": round(again_seconds, 2),
        "reimport_rows_per_second": round(imported_rows / again_seconds),
        "import_phase_seconds": first.run.timings,
        "reimport_phase_seconds": again.run.timings,
        "peak_rss_mb_before_import": rss_before,
        "peak_rss_mb_after_import": rss_after_first,
        "peak_rss_mb": _peak_rss_mb(),
        "peak_rss_mb_with_child_processes_import": first_memory.peak_mb,
        "peak_rss_mb_with_child_processes_reimport": again_memory.peak_mb,
        "read_workers_reimport": worker_count(),
        "goal_peak_mb": GOAL_PEAK_MB,
        "meets_goal_memory": max(_peak_rss_mb(), first_memory.peak_mb, again_memory.peak_mb) < GOAL_PEAK_MB,
        "load_average_before_import": load_before,
        "load_average_after_import": load_after,
    }


STEPS = {"seed": _seed, "export": _export, "migrate": _migrate, "measure": _measure}

if __name__ == "__main__":
    step = sys.argv[1] if len(sys.argv) > 1 else "measure"
    print(json.dumps(STEPS[step](), default=str))
