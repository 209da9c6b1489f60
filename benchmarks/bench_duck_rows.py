"""duck_rows.stage_clean_file over the large export of bench_import: seconds per file and per step.

Every file of the export (``BENCH_DUCK_EXPORT``, by default var/bench_import/export, which
``BENCH_KEEP=1 make bench BENCH=import`` leaves) is staged in the import's order into one fresh
``duck_stage.opened`` database, as the importer stages an export into an empty Hearth.  The steps
are timed through a connection that times each statement by its kind (the reading of the file's
bytes in Python, the insert, any other statement, commit) and ``_shape``; peak memory is the
process's peak resident set (``resource.getrusage``);
CPU seconds (every thread of the process) compare runs on a machine shared with other work.
PostgreSQL is not used.

``BENCH_DUCK_FILES=Services.csv,Client.csv`` stages only those files.
"""

import os
import resource
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import django

EXPORT = Path(os.environ.get("BENCH_DUCK_EXPORT", "var/bench_import/export"))


class TimedConnection:
    """A DuckDB connection whose statements are timed by kind into ``seconds``."""

    def __init__(self, connection: Any, seconds: dict[str, float]) -> None:
        self.connection = connection
        self.seconds = seconds

    def __getattr__(self, name: str) -> Any:
        return getattr(self.connection, name)

    def _timed(self, kind: str, call: Any, *args: Any) -> Any:
        started = time.perf_counter()
        try:
            return call(*args)
        finally:
            self.seconds[kind] += time.perf_counter() - started

    def execute(self, statement: str, *args: Any) -> Any:
        result = self._timed(statement_kind(statement), self.connection.execute, statement, *args)
        return _FetchTimed(result, self, statement_kind(statement))

    def commit(self) -> Any:
        return self._timed("commit", self.connection.commit)

    def begin(self) -> Any:
        return self._timed("other", self.connection.begin)

    def rollback(self) -> Any:
        return self._timed("rollback", self.connection.rollback)


class _FetchTimed:
    def __init__(self, result: Any, timed: TimedConnection, kind: str) -> None:
        self.result, self.timed, self.kind = result, timed, kind

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self.result, name)
        if name.startswith("fetch"):
            return lambda *args: self.timed._timed(self.kind, attribute, *args)
        return attribute


def statement_kind(statement: str) -> str:
    words = statement.lstrip().split(None, 1)[0].upper()
    if words == "INSERT":
        return "insert"
    if words == "UPDATE":
        return "update (numbering)"
    if words == "SELECT" and "read_csv(" in statement:
        return "second read of the CSV"
    if words in ("CREATE", "DROP", "ALTER"):
        return "create/drop"
    return "other"


def run() -> dict:
    if not (EXPORT / "Export.csv").exists():
        return {
            "skipped": f"no export at {EXPORT}: set BENCH_DUCK_EXPORT, or keep the large CoC's with "
            "BENCH_KEEP=1 make bench BENCH=import"
        }
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
    django.setup()
    import csv

    from django.apps import apps

    from hearth.hud.generated.columns import FILES
    from hearth.interchange import duck_rows, duck_stage
    from hearth.interchange.import_files import WRITE_ORDER, FileTask

    models = {f.name: apps.get_model(f.model) for f in FILES}
    with (EXPORT / "Export.csv").open(encoding="utf-8-sig", newline="") as stream:
        export_id = next(csv.DictReader(stream))["ExportID"]
    chosen = [n for n in os.environ.get("BENCH_DUCK_FILES", "").split(",") if n]
    shape = duck_rows._shape
    result: dict = {"export": str(EXPORT), "files": {}, "steps": {}}
    totals: dict[str, float] = defaultdict(float)
    with duck_stage.opened() as duck:
        for model in models.values():
            duck_stage.create_stage(duck, model)
        duck_rows._create_local_days(duck)
        all_started = time.perf_counter()
        for ordinal, file_name in enumerate(WRITE_ORDER, start=1):
            if chosen and file_name not in chosen:
                continue
            path = EXPORT / file_name
            seconds: dict[str, float] = defaultdict(float)

            def timed_shape(*args: Any, seconds: dict[str, float] = seconds) -> Any:
                started = time.perf_counter()
                try:
                    return shape(*args)
                finally:
                    seconds["_shape (Python pass)"] += time.perf_counter() - started

            duck_rows._shape = timed_shape  # type: ignore[assignment] - timing the step
            task = FileTask(file_name, file_name, 0, export_id, 1, ordinal)
            started, cpu_started = time.perf_counter(), time.process_time()
            rows = duck_rows.stage_clean_file(
                TimedConnection(duck, seconds),  # type: ignore[arg-type] - a timing proxy
                str(path),
                task,
                models[file_name],
            )
            total = time.perf_counter() - started
            cpu = time.process_time() - cpu_started
            totals["CPU (all threads)"] += cpu
            duck_rows._shape = shape  # type: ignore[assignment]
            for step, spent in seconds.items():
                totals[step] += spent
            steps = {k: round(v, 2) for k, v in sorted(seconds.items())}
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
            result["files"][file_name] = {
                "rows": rows,
                "seconds": round(total, 2),
                "cpu": round(cpu, 2),
                "steps": steps,
            }
            print(
                f"{file_name}: {rows} rows, {total:.2f} s (CPU {cpu:.2f} s) {steps} peak RSS {peak} MB",
                flush=True,
            )
        result["seconds"] = round(time.perf_counter() - all_started, 2)
    result["steps"] = {k: round(v, 2) for k, v in sorted(totals.items())}
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"all files: {result['seconds']} s {result['steps']} peak RSS {result['peak_rss_mb']} MB")
    return result


if __name__ == "__main__":
    run()
