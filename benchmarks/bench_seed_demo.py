"""`hearth seed-demo --size large` in a fresh PostgreSQL database, against a raw COPY baseline.

Creates a scratch database (``hearth_bench_seed``) on the server of DATABASE_URL, migrates it,
runs the seed as a subprocess and measures wall time, peak memory (ru_maxrss of the child) and
rows written per table.  The baseline, in the same run: COPY of the same number of rows, 16 columns
wide, into a bare table with no indexes or constraints.  Goal: the large seed finishes in minutes.
"""

import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
HEARTH = str(ROOT / ".venv" / "bin" / "hearth")
SCRATCH = "hearth_bench_seed"
GOAL_SECONDS = 600


def _server_url() -> str:
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("bench_seed_demo needs DATABASE_URL of a PostgreSQL server")
    return url


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _recreate(url: str) -> None:
    with psycopg.connect(_with_database(url, "postgres"), autocommit=True) as conn:
        conn.execute(psycopg.sql.SQL("DROP DATABASE IF EXISTS {}").format(psycopg.sql.Identifier(SCRATCH)))
        conn.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(SCRATCH)))


def _drop(url: str) -> None:
    with psycopg.connect(_with_database(url, "postgres"), autocommit=True) as conn:
        conn.execute(psycopg.sql.SQL("DROP DATABASE IF EXISTS {}").format(psycopg.sql.Identifier(SCRATCH)))


def _seed(env: dict[str, str]) -> tuple[float, int, dict[str, int]]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(
        [HEARTH, "seed-demo", "--size", "large", "--seed", "1", "--as-of", "2026-11-25"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"seed-demo failed:\n{done.stderr[-3000:]}")
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    counts = {m: int(n.replace(",", "")) for m, n in re.findall(r"^\s+(\w+)\s+([\d,]+)$", done.stdout, re.M)}
    return seconds, max(peak_kib, before), counts


def _baseline_copy(url: str, rows: int) -> float:
    """Seconds to COPY ``rows`` rows of 16 typical columns into a bare, unindexed table."""
    row = ("0" * 32, "1" * 32, "2" * 32, "2025-01-01", 200, 200, None, None, None, None, None, None, None)
    row += ("2025-01-01 13:00:00+00", "2025-01-01 13:00:00+00", "3" * 32)
    with psycopg.connect(_with_database(url, SCRATCH)) as conn:
        conn.execute(
            "CREATE TABLE baseline (a varchar(32), b varchar(32), c varchar(32), d date, e smallint,"
            " f integer, g varchar(50), h varchar(50), i integer, j numeric(12,2), k date, l date,"
            " m smallint, n timestamptz, o timestamptz, p varchar(32))"
        )
        started = time.perf_counter()
        with conn.cursor() as cursor, cursor.copy("COPY baseline FROM STDIN") as copy:
            for _ in range(rows):
                copy.write_row(row)
        conn.commit()
        return time.perf_counter() - started


def run() -> dict:
    url = _server_url()
    _recreate(url)
    env = dict(os.environ, DATABASE_URL=_with_database(url, SCRATCH), DEBUG="1")
    try:
        subprocess.run([HEARTH, "migrate", "--verbosity", "0"], env=env, cwd=ROOT, check=True)
        print("seeding the large demo CoC...", file=sys.stderr, flush=True)
        seconds, peak_kib, counts = _seed(env)
        total = sum(counts.values())
        print(f"seeded {total:,} rows in {seconds:.0f} s; baseline COPY...", file=sys.stderr, flush=True)
        baseline = _baseline_copy(url, total)
    finally:
        _drop(url)
    return {
        "size": "large",
        "seed_seconds": round(seconds, 1),
        "peak_memory_mib": round(peak_kib / 1024, 1),
        "rows_written": total,
        "rows_per_second": round(total / seconds),
        "rows_per_table": counts,
        "baseline_copy_seconds": round(baseline, 1),
        "baseline_rows_per_second": round(total / baseline),
        "seed_vs_raw_copy": round(seconds / baseline, 1),
        "goal": f"large seed within {GOAL_SECONDS} s",
        "goal_met": seconds <= GOAL_SECONDS,
    }
