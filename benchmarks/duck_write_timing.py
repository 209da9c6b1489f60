"""Writing a large import staged in DuckDB into an empty Hearth (duck_write), against a raw COPY.

``python -m benchmarks.duck_write_timing FOLDER`` with DATABASE_URL naming a migrated database whose
HUD tables are empty: each CSV file of the export FOLDER is read by DuckDB into its stage table
(cast, not checked: the export must be valid; every client gets a made-up full SSN so that sealing
is measured), then written with ``duck_write.write_into_empty_hearth`` and the clients' search keys
renewed, in one transaction that is rolled back at the end.  Prints seconds per step as JSON; the
raw COPY of the same files is benchmarks/bench_import.py's ``_raw_copy``.
"""

# ruff: noqa: S608 - statements join quoted names of the schema and of the export's files.

import json
import sys
import time
from pathlib import Path


def _fill(duck: object, folder: Path) -> dict[str, type]:
    from django.apps import apps

    from hearth.hud.generated.columns import COLUMNS, FILES
    from hearth.interchange import duck_stage, staging

    models = {}
    for hud_file in FILES:
        model = apps.get_model(hud_file.model)
        models[hud_file.name] = model
        duck_stage.create_stage(duck, model)  # type: ignore[arg-type]
        from_csv = {model._meta.get_field(c.field).column: c.name for c in COLUMNS if c.file == hud_file.name}
        expressions = []
        for column, kind in duck_stage.stage_columns(model):
            if column == "stage_seq":
                expressions.append("row_number() OVER ()")
            elif column in ("stage_export", "stage_row"):
                expressions.append("0" if column == "stage_export" else "row_number() OVER () + 1")
            elif column == "ssn" and hud_file.name == "Client.csv":
                expressions.append("lpad(CAST(hash(PersonalID) % 1000000000 AS VARCHAR), 9, '0')")
            elif column in from_csv:
                expressions.append(f'TRY_CAST("{from_csv[column]}" AS {kind})')
            else:
                expressions.append("NULL")
        path = str(folder / hud_file.name).replace("'", "''")
        duck.execute(  # type: ignore[attr-defined]
            f"INSERT INTO {duck_stage._quote(staging.stage_table(model))} SELECT {', '.join(expressions)} "
            f"FROM read_csv('{path}', header = true, all_varchar = true)"
        ).fetchall()
    return models


def main(folder: Path) -> dict:
    import django

    django.setup()
    from django.db import connection, transaction

    from hearth.clients import search_keys
    from hearth.clients import ssn as client_ssn
    from hearth.interchange import duck_stage, duck_write, import_clients, staging

    seconds: dict[str, float] = {}
    with duck_stage.opened() as duck:
        started = time.perf_counter()
        models = _fill(duck, folder)
        seconds["duckdb fill from CSV (not part of the write)"] = time.perf_counter() - started
        read = {
            name: duck.execute(
                f"SELECT COUNT(*) FROM {duck_stage._quote(staging.stage_table(m))}"
            ).fetchall()[0][0]
            for name, m in models.items()
        }
        with transaction.atomic():
            staging.lock_for_writing()
            started = time.perf_counter()
            written = duck_write.write_into_empty_hearth(duck, models, read)
            seconds["write_into_empty_hearth"] = time.perf_counter() - started
            started = time.perf_counter()
            import_clients.index_clients(written.client_ids)
            seconds["index_clients (search_keys.rebuild)"] = time.perf_counter() - started
            # The PostgreSQL engine's finishing: clients' SSNs in the clear again, then sealed.
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE clients_client "
                    "SET ssn = lpad((abs(hashtext(personal_id)) % 1000000000)::text, 9, '0')"
                )
                cursor.execute("DELETE FROM clients_socialsecuritynumber")
            started = time.perf_counter()
            sealed = client_ssn.seal_plaintext()
            seconds["seal_plaintext"] = time.perf_counter() - started
            started = time.perf_counter()
            keys = search_keys.rebuild()
            seconds["search_keys.rebuild again"] = time.perf_counter() - started
            transaction.set_rollback(True)
    return {
        "rows": sum(read.values()),
        "clients": len(written.client_ids),
        "sealed": sealed,
        "search_keys": keys,
        "seconds": {k: round(v, 2) for k, v in seconds.items()},
        "write_steps": {k: round(v, 2) for k, v in written.seconds.items()},
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1])), indent=1))
