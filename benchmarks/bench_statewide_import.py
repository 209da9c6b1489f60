"""HMIS CSV import of a statewide-size export (about 2 GB of CSV) on PostgreSQL: time, and memory.

A state's yearly HMIS CSV export is about 2 GB unzipped.  This benchmark makes one from the
`large` demo Continuum's own export (``bench_import``'s seed and export steps, reused when kept),
repeated with fresh identifiers until it reaches ``BENCH_STATEWIDE_MB`` (default 2000) megabytes
(benchmarks/statewide_export.py), then, in one process on an empty database
(``hearth_bench_inter_statewide``):

* raw COPY of every CSV file into a bare table (no index, no constraint), as ``bench_import``;
* ``import_hmis_csv`` of the folder: seconds (goal: under 300), rows per second, the ratio to
  raw COPY, the seconds of each phase, and the peak resident memory of the process and its worker
  processes together (benchmarks/memory.py; goal: under 1 GB).

``BENCH_KEEP=1`` keeps the source database and both export folders (var/bench_import/,
var/bench_statewide/); with ``BENCH_REUSE=1`` as well, they are used again.  ``BENCH_DB_PREFIX``
names the scratch databases as in ``bench_import``.
"""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import bench_import

ROOT = Path(__file__).resolve().parent.parent
TARGET = f"{bench_import.PREFIX}inter_statewide"
FOLDER = ROOT / "var" / "bench_statewide"
GOAL_SECONDS = 300
GOAL_PEAK_MB = 1024
DEFAULT_MB = 2000


def run() -> dict:
    base = os.environ.get("DATABASE_URL", bench_import.DEFAULT_URL)
    if not base.startswith("postgres"):
        return {"skipped": "the import is measured on PostgreSQL: set DATABASE_URL=postgres://..."}
    head = base.rpartition("/")[0]
    admin_url = f"{head}/postgres"
    keep = os.environ.get("BENCH_KEEP") == "1"
    reuse = keep and os.environ.get("BENCH_REUSE") == "1"
    source_folder = bench_import.FOLDER / "export"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hearth.settings"}
    source_env = {**env, "DATABASE_URL": f"{head}/{bench_import.SOURCE}"}
    target_env = {**env, "DATABASE_URL": f"{head}/{TARGET}"}
    prepared: dict = {}
    try:
        if not (reuse and (source_folder / "Export.csv").exists()):
            started = time.perf_counter()
            bench_import._recreate(admin_url, bench_import.SOURCE)
            bench_import._child(source_env, "seed")
            bench_import._child(source_env, "export")
            prepared["seconds_seeding_and_exporting"] = round(time.perf_counter() - started, 1)
        if not (reuse and (FOLDER / "export" / "Export.csv").exists()):
            prepared.update(_child(target_env, "generate"))
        bench_import._recreate(admin_url, TARGET)
        bench_import._child(target_env, "migrate")
        result = _child(target_env, "measure")
    finally:
        bench_import._drop(admin_url, TARGET)
        if not keep:
            bench_import._drop(admin_url, bench_import.SOURCE)
            shutil.rmtree(bench_import.FOLDER, ignore_errors=True)
            shutil.rmtree(FOLDER, ignore_errors=True)
    return {**result, **prepared, "database": TARGET}


def _child(env: dict, step: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_statewide_import", step],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _generate() -> dict:
    import django

    django.setup()
    from benchmarks.statewide_export import size_of, write_statewide

    source = bench_import.FOLDER / "export"
    wanted = int(os.environ.get("BENCH_STATEWIDE_MB", DEFAULT_MB)) * 1_000_000
    copies = round(wanted / size_of(source), 2)
    shutil.rmtree(FOLDER, ignore_errors=True)
    bench_import._log(f"writing {copies} renamed copies of the large demo export")
    started = time.perf_counter()
    counts = write_statewide(source, FOLDER / "export", copies)
    return {
        "statewide_copies_of_large_export": copies,
        "statewide_megabytes": round(size_of(FOLDER / "export") / 1e6),
        "statewide_rows": sum(counts.values()),
        "seconds_generating": round(time.perf_counter() - started, 1),
    }


def _measure() -> dict:
    import django

    django.setup()
    from benchmarks.memory import TreeMemory
    from hearth.access.audit import Actor
    from hearth.interchange import duck_engine
    from hearth.interchange.importer import import_hmis_csv

    folder = FOLDER / "export"
    bench_import._log("raw COPY of the statewide CSV files into bare tables")
    copied_rows, copy_seconds = bench_import._raw_copy(folder)
    rss_before = bench_import._peak_rss_mb()
    bench_import._log("statewide import")
    load_before = bench_import._load()
    started = time.perf_counter()
    with TreeMemory() as memory:
        imported = import_hmis_csv(folder, actor=Actor.system("bench-statewide-import"))
    seconds = time.perf_counter() - started
    load_after = bench_import._load()
    rows = imported.run.total("read")
    copy_rate, import_rate = copied_rows / copy_seconds, rows / seconds
    peak = bench_import._peak_rss_mb()
    return {
        "megabytes_of_csv": round(sum(p.stat().st_size for p in folder.glob("*.csv")) / 1e6),
        "rows_in_files": copied_rows,
        "raw_copy_seconds": round(copy_seconds, 2),
        "raw_copy_rows_per_second": round(copy_rate),
        "import_status": imported.run.status,
        "rows_imported": rows,
        "rows_inserted": imported.run.total("inserted"),
        "rejecting_errors": imported.run.rejecting_count,
        "warnings": imported.run.warning_count,
        "import_seconds": round(seconds, 1),
        "import_rows_per_second": round(import_rate),
        "ratio_to_raw_copy": round(import_rate / copy_rate, 3),
        "goal_seconds": GOAL_SECONDS,
        "meets_goal_seconds": seconds < GOAL_SECONDS,
        "import_phase_seconds": imported.run.timings,
        "staged_in": "DuckDB" if duck_engine.setting() != "never" else "PostgreSQL",
        "peak_rss_mb_before_import": rss_before,
        "peak_rss_mb": peak,
        "peak_rss_mb_with_child_processes": memory.peak_mb,
        "goal_peak_mb": GOAL_PEAK_MB,
        "meets_goal_memory": max(peak, memory.peak_mb) < GOAL_PEAK_MB,
        "load_average_before_import": load_before,
        "load_average_after_import": load_after,
    }


STEPS = {"generate": _generate, "measure": _measure}

if __name__ == "__main__":
    step = sys.argv[1] if len(sys.argv) > 1 else "measure"
    print(json.dumps(STEPS[step](), default=str))
