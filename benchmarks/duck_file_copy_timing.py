"""Writing an import staged in DuckDB into an empty Hearth: clean files copied as they are
(duck_file_copy) against their staged rows formatted as CSV from Arrow batches.

``python -m benchmarks.duck_file_copy_timing FOLDER [ROUNDS]`` with DATABASE_URL naming a migrated
database whose HUD tables are empty: each CSV file of the export FOLDER is staged as the importer
stages it in DuckDB (``duck_rows.stage_clean_file``; a file that is not clean is left out), then
written with ``duck_write.write_into_empty_hearth``, in turn without and with ``raw_files``, each
write in a transaction rolled back at its end.  Prints the seconds of the COPYs per table and in all
as JSON.
"""

# ruff: noqa: S608 - statements name quoted tables of the stage.

import csv
import json
import sys
import time
from pathlib import Path


def main(folder: Path, rounds: int) -> dict:
    import django

    django.setup()
    from django.apps import apps
    from django.db import transaction

    from hearth.hud.generated.columns import FILES
    from hearth.interchange import duck_rows, duck_stage, duck_write, staging
    from hearth.interchange.import_files import FileTask

    models = {f.name: apps.get_model(f.model) for f in FILES}
    with (folder / "Export.csv").open(encoding="utf-8-sig", newline="") as stream:
        export_id = next(csv.DictReader(stream))["ExportID"]
    result: dict = {"not clean (left out)": [], "staging seconds": 0.0, "rounds": []}
    with duck_stage.opened() as duck:
        for model in models.values():
            duck_stage.create_stage(duck, model)
        duck_stage.create_targets(duck, models)
        started = time.perf_counter()
        clean = {}
        for number, name in enumerate(duck_write.WRITE_ORDER, start=1):
            path = str(folder / name)
            task = FileTask(name, path, 0, export_id, 1, number * 100_000_000)
            if duck_rows.stage_clean_file(duck, path, task, models[name]) is None:
                result["not clean (left out)"].append(name)
            else:
                clean[name] = path
        result["staging seconds"] = round(time.perf_counter() - started, 1)
        read = {
            name: duck.execute(
                f"SELECT COUNT(*) FROM {duck_stage._quote(staging.stage_table(m))}"
            ).fetchall()[0][0]
            for name, m in models.items()
        }
        result["rows"] = sum(read.values())
        for _round in range(rounds):
            for way, raw_files in (("arrow", {}), ("files", clean)):
                with transaction.atomic():
                    staging.lock_for_writing()
                    started = time.perf_counter()
                    written = duck_write.write_into_empty_hearth(duck, models, read, raw_files)
                    seconds = time.perf_counter() - started
                    transaction.set_rollback(True)
                copies = {
                    k.removesuffix(" copy"): round(v, 2)
                    for k, v in written.seconds.items()
                    if k.endswith(" copy")
                }
                result["rounds"].append(
                    {
                        "way": way,
                        "copies seconds": round(sum(copies.values()), 2),
                        "write_into_empty_hearth seconds": round(seconds, 2),
                        "copied as files": written.copied_files,
                        "copy seconds per table": copies,
                    }
                )
                print(json.dumps(result["rounds"][-1]), file=sys.stderr, flush=True)
    return result


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1), indent=1))
