"""HMIS CSV export of the `large` demo Continuum on PostgreSQL: speed against a raw COPY, and memory.

A scratch database (``hearth_bench_export`` on the server of DATABASE_URL) is made, migrated and
seeded with ``seed_demo --size large --seed 1``.  A second process then measures, in one run:

* raw COPY: ``COPY <table> TO STDOUT`` of the 23 tables behind the export's data files (every
  row, no formatting), read to the end; rows per second;
* export: ``export_hmis_csv`` by the HMIS Lead administrator over a period that holds every
  enrollment (2000-01-01 to the demo's end), written to a zip; exported rows per second;
* the ratio of the two rates (goal: at least 0.5) and the process's peak resident memory, with
  its size before the export, so the export's own share shows.

``BENCH_KEEP=1`` keeps the scratch database; with ``BENCH_REUSE=1`` as well, a kept database is
measured again without seeding it anew.
"""

import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test"
SCRATCH = "hearth_bench_export"
GOAL_RATIO = 0.5


def run() -> dict:
    base = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not base.startswith("postgres"):
        return {"skipped": "the export is measured on PostgreSQL: set DATABASE_URL=postgres://..."}
    head = base.rpartition("/")[0]
    scratch_url, admin_url = f"{head}/{SCRATCH}", f"{head}/postgres"
    keep = os.environ.get("BENCH_KEEP") == "1"
    reuse = keep and os.environ.get("BENCH_REUSE") == "1"
    env = {**os.environ, "DATABASE_URL": scratch_url, "DJANGO_SETTINGS_MODULE": "hearth.settings"}
    seconds_seeding = None
    try:
        if not reuse:
            _recreate(admin_url)
            started = time.perf_counter()
            _child(env, "seed")
            seconds_seeding = round(time.perf_counter() - started, 1)
        result = _child(env, "measure")
    finally:
        if not keep:
            _drop(admin_url)
    return {**result, "seconds_seeding": seconds_seeding, "database": SCRATCH}


def _admin(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(statement)  # type: ignore[arg-type]


def _drop(admin_url: str) -> None:
    from psycopg import sql

    _admin(
        admin_url,
        sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(SCRATCH)).as_string(),
    )


def _recreate(admin_url: str) -> None:
    from psycopg import sql

    _drop(admin_url)
    _admin(admin_url, sql.SQL("CREATE DATABASE {}").format(sql.Identifier(SCRATCH)).as_string())


def _child(env: dict, step: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_export", step],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _seed() -> dict:
    import django
    from django.core.management import call_command

    django.setup()
    _log("migrating")
    call_command("migrate", verbosity=0)
    _log("seeding the large demo Continuum")
    call_command("seed_demo", size="large", seed=1, verbosity=0)
    _log("analyzing (statistics, as autovacuum would gather after a bulk load)")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {}


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _measure() -> dict:
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone
    from psycopg import sql

    from hearth.access.models import Account, Membership
    from hearth.access.permissions import Role
    from hearth.agencies.models import Organization
    from hearth.hud.generated.columns import FILES
    from hearth.interchange.export import export_hmis_csv
    from hearth.interchange.export_selection import model_of

    data_files = [f.name for f in FILES if f.name != "Export.csv"]
    tables = [model_of(name)._meta.db_table for name in data_files]
    lead = Organization.objects.order_by("pk").first()
    admin, _created = Account.objects.get_or_create(username="bench-export-admin")
    admin.acting_organization = lead
    # The yearly user agreement and privacy training, without which no client data is shown.
    admin.agreement_accepted_at = timezone.now()
    admin.training_completed_on = timezone.localdate()
    admin.save()
    Membership.objects.get_or_create(
        account=admin, organization=lead, defaults={"role": Role.HMIS_LEAD_ADMIN}
    )

    _log("raw COPY of the tables")
    copied_rows, copied_bytes = 0, 0
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for table in tables:
            with cursor.cursor.copy(sql.SQL("COPY {} TO STDOUT").format(sql.Identifier(table))) as copy:
                for block in copy:
                    copied_bytes += len(block)
            copied_rows += cursor.cursor.rowcount
    copy_seconds = time.perf_counter() - started

    rss_before = _peak_rss_mb()
    _log("export")
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "export.zip"
        started = time.perf_counter()
        result = export_hmis_csv(
            user=admin,
            start=dt.date(2000, 1, 1),
            end=timezone.localdate() + dt.timedelta(days=366),
            output=target,
        )
        export_seconds = time.perf_counter() - started
        zip_bytes = target.stat().st_size
    exported_rows = sum(result.row_counts.values())
    copy_rate = copied_rows / copy_seconds
    export_rate = exported_rows / export_seconds
    return {
        "rows_in_tables": copied_rows,
        "raw_copy_seconds": round(copy_seconds, 2),
        "raw_copy_rows_per_second": round(copy_rate),
        "raw_copy_megabytes": round(copied_bytes / 1e6, 1),
        "rows_exported": exported_rows,
        "rows_exported_by_file": result.row_counts,
        "export_seconds": round(export_seconds, 2),
        "export_rows_per_second": round(export_rate),
        "export_zip_megabytes": round(zip_bytes / 1e6, 1),
        "ratio_to_raw_copy": round(export_rate / copy_rate, 3),
        "goal_ratio": GOAL_RATIO,
        "meets_goal": export_rate / copy_rate >= GOAL_RATIO,
        "peak_rss_mb_before_export": rss_before,
        "peak_rss_mb": _peak_rss_mb(),
    }


if __name__ == "__main__":
    step = sys.argv[1] if len(sys.argv) > 1 else "measure"
    print(json.dumps(_seed() if step == "seed" else _measure(), default=str))
