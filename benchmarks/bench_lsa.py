"""LSA benchmark: wall time, peak memory and time per SQL step.

- ``sample``: HUD's FY2026 sample (../shared/kits/lsa-fy2026-sample) read straight from its CSV
  folder; goal under 10 s on the 2-core machine.
- ``large``: the ``large`` demo CoC (``hearth seed-demo --size large``) seeded once into a scratch
  PostgreSQL database (``hearth_bench_lsa``), read through the database snapshot; goal under 60 s.

Each measurement runs in its own process so that peak memory (max RSS) is that run's alone.
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
KIT_INPUT = ROOT.parent / "shared" / "kits" / "lsa-fy2026-sample" / "input_hmis_csv"
SCRATCH_DATABASE = "hearth_bench_lsa"
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")

CHILD = r"""
import json, os, resource, sys, time
from datetime import date
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
django.setup()
from hearth.reports.datasets import csv_dataset, database_snapshot
from hearth.reports.lsa.parameters import LsaParameters
from hearth.reports.lsa.report import run_lsa, upload_zip

source, coc, start, end = sys.argv[1:5]
started = time.perf_counter()
dataset = csv_dataset(source) if source != "database" else database_snapshot()
loaded = time.perf_counter()
parameters = LsaParameters.annual(coc=coc, start=date.fromisoformat(start), end=date.fromisoformat(end))
result = run_lsa(dataset, parameters)
upload = upload_zip(result)
finished = time.perf_counter()
print(json.dumps({
    "load_seconds": round(loaded - started, 2),
    "report_seconds": round(finished - loaded, 2),
    "wall_seconds": round(finished - started, 2),
    "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    "rows": dataset.row_counts,
    "upload_bytes": len(upload),
    "steps": {t.name: t.seconds for t in result.timings},
}))
"""


def _measure(source: str, coc: str, start: str, end: str, database_url: str | None = None) -> dict:
    environment = dict(os.environ)
    if database_url:
        environment["DATABASE_URL"] = database_url
    completed = subprocess.run(
        [sys.executable, "-c", CHILD, source, coc, start, end],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        return {"error": completed.stderr.strip().splitlines()[-1] if completed.stderr else "failed"}
    return json.loads(completed.stdout.strip().splitlines()[-1])


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
        [hearth, "seed-demo", "--size", "large", "--seed", "1", "--if-empty", "--as-of", "2026-09-30"],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = round(time.perf_counter() - started, 1)
    return url, (None if "not seeding" in seeded.stdout else seconds)


def run() -> dict:
    result: dict = {"goal_seconds": {"sample": 10, "large": 60}}
    result["sample"] = _measure(str(KIT_INPUT), "XX-501", "2025-10-01", "2026-09-30")
    if os.environ.get("BENCH_LSA_SKIP_LARGE"):
        result["large"] = {"skipped": "BENCH_LSA_SKIP_LARGE is set"}
        return result
    try:
        url, seed_seconds = _scratch_database()
    except (psycopg.Error, subprocess.CalledProcessError) as problem:
        result["large"] = {"skipped": f"no scratch PostgreSQL database: {problem}"}
        return result
    result["large"] = _measure("database", "MD-501", "2025-10-01", "2026-09-30", database_url=url)
    result["large"]["seed_seconds"] = seed_seconds
    return result
