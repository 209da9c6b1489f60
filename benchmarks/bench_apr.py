"""CoC APR benchmark: the ``large`` demo CoC (``hearth seed-demo --size large``), seeded once into
a scratch PostgreSQL database (``hearth_bench_apr``) and read through the engine's database
snapshot.

- ``coc_wide``: the APR over every project of the CoC (goal under 15 s, peak memory reported);
- ``one_project``: the APR of a project of median size (goal under 1 s), and for reference the
  APR of the largest project (the CoC's coordinated entry, tens of thousands of enrollments).

Report times start after the snapshot (its time is reported apart, as ``snapshot_seconds``) and
include writing the Sage zip. The measurement runs in its own process, so that its peak memory
(max RSS, snapshot included) is that run's alone; ``rss_before_report_mb`` is the snapshot's share.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
SCRATCH_DATABASE = "hearth_bench_apr"
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
COC, START, END = "MD-501", "2025-10-01", "2026-09-30"

CHILD = r"""
import json, os, resource, sys, time
from datetime import date
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
django.setup()
from hearth.reports import sage
from hearth.reports.apr.report import APR
from hearth.reports.datasets import database_snapshot
from hearth.reports.hmis_programming.parameters import ReportParameters
from hearth.reports.hmis_programming.runner import run_report

coc, start, end = sys.argv[1], date.fromisoformat(sys.argv[2]), date.fromisoformat(sys.argv[3])

def rss_mb(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field):
                return round(int(line.split()[1]) / 1024, 1)

def apr(projects):
    parameters = ReportParameters.of(coc=coc, start=start, end=end, project_ids=projects)
    began = time.perf_counter()
    result = run_report(APR, dataset, parameters)
    upload = sage.zip_bytes(result)
    seconds = time.perf_counter() - began
    steps = sorted(result.timings, key=lambda t: -t.seconds)[:8]
    return {
        "projects": len(projects),
        "seconds": round(seconds, 2),
        "persons_served": result.table("Q5a").value("C2"),
        "cells_kept_for_drill_down": result.members.num_rows,
        "upload_bytes": len(upload),
        "slowest_steps": {t.name: t.seconds for t in steps},
    }

began = time.perf_counter()
dataset = database_snapshot()
snapshot_seconds = round(time.perf_counter() - began, 2)
rss_before = rss_mb("VmRSS:")
cursor = dataset.connection.cursor()
projects = [r[0] for r in cursor.execute(
    "SELECT p.ProjectID FROM hmis_Project p JOIN hmis_ProjectCoC c USING (ProjectID) "
    "WHERE p.DateDeleted IS NULL AND c.DateDeleted IS NULL AND c.CoCCode = ? GROUP BY 1 ORDER BY 1", [coc]
).fetchall()]
sizes = cursor.execute(
    "SELECT ProjectID, count(*) AS n FROM hmis_Enrollment WHERE DateDeleted IS NULL "
    "AND EntryDate <= ? GROUP BY 1 ORDER BY n, ProjectID", [end]
).fetchall()
sizes = [(p, n) for p, n in sizes if p in set(projects)]
coc_wide = apr(projects)
coc_wide["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
median_project, median_size = sizes[len(sizes) // 2]
one = apr([median_project]) | {"enrollments": median_size}
one_again = apr([median_project])  # warm: what a user running a second project waits
largest_project, largest_size = sizes[-1]
largest = apr([largest_project]) | {"enrollments": largest_size}
print(json.dumps({
    "snapshot_seconds": snapshot_seconds,
    "rss_before_report_mb": rss_before,
    "rows": dataset.row_counts,
    "coc_wide": coc_wide,
    "one_project": one,
    "one_project_again_seconds": one_again["seconds"],
    "largest_project": largest,
}))
"""


def _scratch_database() -> tuple[str, float | None]:
    """Create, migrate and seed the scratch database once; return its URL and the seeding time."""
    url = f"{PG_SERVER}/{SCRATCH_DATABASE}"
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [SCRATCH_DATABASE]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{SCRATCH_DATABASE}"')
    environment = dict(os.environ, DATABASE_URL=url, DEBUG="1")
    hearth = str(ROOT / ".venv" / "bin" / "hearth")
    subprocess.run([hearth, "migrate", "--verbosity", "0"], cwd=ROOT, env=environment, check=True)
    started = time.perf_counter()
    seeded = subprocess.run(
        [hearth, "seed-demo", "--size", "large", "--seed", "1", "--if-empty", "--as-of", END],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = round(time.perf_counter() - started, 1)
    return url, (None if "not seeding" in seeded.stdout else seconds)


def run() -> dict:
    result: dict = {"goal_seconds": {"coc_wide": 15, "one_project": 1}}
    try:
        url, seed_seconds = _scratch_database()
    except (psycopg.Error, subprocess.CalledProcessError) as problem:
        result["skipped"] = f"no scratch PostgreSQL database: {problem}"
        return result
    completed = subprocess.run(
        [sys.executable, "-c", CHILD, COC, START, END],
        cwd=ROOT,
        env=dict(os.environ, DATABASE_URL=url),
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        result["error"] = completed.stderr.strip().splitlines()[-1] if completed.stderr else "failed"
        return result
    result |= json.loads(completed.stdout.strip().splitlines()[-1])
    result["seed_seconds"] = seed_seconds
    result["load_average"] = os.getloadavg()
    return result
