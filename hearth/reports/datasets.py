"""Datasets: the 24 HMIS CSV tables a report reads, loaded into one DuckDB connection.

A report is a pure function of a dataset plus parameters (DESIGN.md, "Reports are pure
functions"). A dataset comes either straight from an HMIS CSV export (a folder or a zip, read
with the column types of the HMIS CSV specification, never guessed) or from a snapshot of
Hearth's own database (the same tables under their HUD column names). Either way each file
becomes a DuckDB table named ``hmis_<File>`` (``hmis_Enrollment``, ``hmis_Client`` ...) whose
columns carry HUD's CSV names, so report SQL reads the same on both.
"""

from __future__ import annotations

import csv
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa
from django.utils import timezone

from hearth.hud.columndefs import Column, CsvFile
from hearth.hud.generated.columns import COLUMNS, FILES
from hearth.reports.postgresql_snapshot import Piece, TableCopy, copies

DUCKDB_TYPES = {"S": "VARCHAR", "I": "INTEGER", "D": "DATE", "T": "TIMESTAMP", "M": "DOUBLE", "M+": "DOUBLE"}
ARROW_TYPES = {
    "S": pa.string(),
    "I": pa.int32(),
    "D": pa.date32(),
    "T": pa.timestamp("us"),
    "M": pa.float64(),
    "M+": pa.float64(),
}
SNAPSHOT_BATCH_ROWS = 50_000


class DatasetError(ValueError):
    """The input cannot be read as an HMIS CSV dataset; the message names the problem."""


@dataclass
class Dataset:
    """A DuckDB connection holding the ``hmis_*`` tables, and where they came from."""

    connection: duckdb.DuckDBPyConnection
    source: str
    row_counts: dict[str, int] = field(default_factory=dict)

    def close(self) -> None:
        self.connection.close()


def table_name(csv_file: CsvFile) -> str:
    return f"hmis_{csv_file.stem}"


def columns_of(csv_file: CsvFile) -> list[Column]:
    return sorted((c for c in COLUMNS if c.file == csv_file.name), key=lambda c: c.order)


def new_connection() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(":memory:")
    connection.execute("SET threads TO 2")
    connection.execute("SET preserve_insertion_order = false")
    return connection


# -- HMIS CSV folder or zip -------------------------------------------------------------------


def csv_dataset(path: str | Path) -> Dataset:
    """Read an HMIS CSV export (a folder of the 24 files, or a zip of them) without importing it."""
    path = Path(path)
    if not path.exists():
        raise DatasetError(f"No HMIS CSV export at {path}: the path does not exist.")
    if path.is_file():
        if not zipfile.is_zipfile(path):
            raise DatasetError(f"{path} is neither a folder of HMIS CSV files nor a zip of them.")
        with tempfile.TemporaryDirectory(prefix="hearth-csv-") as folder:
            with zipfile.ZipFile(path) as archive:
                for member in archive.infolist():
                    name = Path(member.filename).name
                    if name.lower().endswith(".csv") and not member.is_dir():
                        (Path(folder) / name).write_bytes(archive.read(member))
            return _load_folder(Path(folder), source=str(path))
    return _load_folder(path, source=str(path))


def _find_file(folder: Path, name: str) -> Path | None:
    wanted = name.lower()
    for candidate in folder.iterdir():
        if candidate.name.lower() == wanted:
            return candidate
    return None


def _load_folder(folder: Path, *, source: str) -> Dataset:
    missing = [f.name for f in FILES if _find_file(folder, f.name) is None]
    if missing:
        raise DatasetError(f"The HMIS CSV export at {source} lacks {', '.join(missing)}.")
    connection = new_connection()
    dataset = Dataset(connection=connection, source=source)
    for csv_file in FILES:
        file_path = _find_file(folder, csv_file.name)
        assert file_path is not None
        dataset.row_counts[csv_file.stem] = _load_csv(connection, csv_file, file_path)
    return dataset


def _load_csv(connection: duckdb.DuckDBPyConnection, csv_file: CsvFile, file_path: Path) -> int:
    columns = columns_of(csv_file)
    _check_header(csv_file, columns, file_path)
    return _load_csv_rows(connection, csv_file, file_path, header=True)


def _check_header(csv_file: CsvFile, columns: list[Column], file_path: Path) -> None:
    with file_path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle), [])
    expected = [c.name for c in columns]
    if [h.strip().lower() for h in header] != [e.lower() for e in expected]:
        missing = [e for e in expected if e.lower() not in {h.strip().lower() for h in header}]
        detail = f"missing {', '.join(missing)}" if missing else "columns out of the specified order"
        raise DatasetError(
            f"{csv_file.name}: the header does not match the HMIS CSV FY2026 columns ({detail})."
        )


def _load_csv_rows(
    connection: duckdb.DuckDBPyConnection, csv_file: CsvFile, file_path: Path, *, header: bool
) -> int:
    """Read one CSV file into DuckDB with the column types of the HMIS CSV specification."""
    table = table_name(csv_file)
    _execute_csv(
        connection,
        csv_file,
        f"CREATE TABLE {table} AS SELECT * FROM {_read_csv_sql(csv_file, header=header)}",  # noqa: S608 - spec names
        file_path,
    )
    # fetchall, not fetchone: DuckDB refuses register() while a result is only partly fetched.
    ((count,),) = connection.execute(f"SELECT count(*) FROM {table}").fetchall()  # noqa: S608
    return int(count)


def _create_table_sql(csv_file: CsvFile) -> str:
    """An empty ``hmis_<File>`` table with the specification's column types."""
    columns = ", ".join(f'"{c.name}" {DUCKDB_TYPES[c.type_code]}' for c in columns_of(csv_file))
    return f"CREATE TABLE {table_name(csv_file)} ({columns})"


def _insert_csv_rows(connection: duckdb.DuckDBPyConnection, csv_file: CsvFile, file_path: Path) -> None:
    """Append a headerless CSV piece of a table to its ``hmis_<File>`` table."""
    table = table_name(csv_file)
    _execute_csv(
        connection,
        csv_file,
        f"INSERT INTO {table} SELECT * FROM {_read_csv_sql(csv_file, header=False)}",  # noqa: S608 - spec names
        file_path,
    )


def _read_csv_sql(csv_file: CsvFile, *, header: bool) -> str:
    types = ", ".join(f"'{c.name}': '{DUCKDB_TYPES[c.type_code]}'" for c in columns_of(csv_file))
    return (
        f"read_csv(?, header = {str(header).lower()}, auto_detect = false, "
        f"columns = {{{types}}}, quote = '\"', escape = '\"', delim = ',', "
        "dateformat = '%Y-%m-%d', timestampformat = '%Y-%m-%d %H:%M:%S', "
        "nullstr = '', strict_mode = false)"
    )


def _execute_csv(
    connection: duckdb.DuckDBPyConnection, csv_file: CsvFile, statement: str, file_path: Path
) -> None:
    try:
        connection.execute(statement, [str(file_path)])
    except duckdb.Error as error:
        first_line = str(error).splitlines()[0]
        raise DatasetError(f"{csv_file.name}: {first_line}") from error


# -- Snapshot of Hearth's database ------------------------------------------------------------


def database_snapshot(using: str = "default") -> Dataset:
    """Copy Hearth's HUD record tables (live and soft-deleted rows) into DuckDB under HUD names.

    On PostgreSQL the tables go out with COPY as CSV (timestamps in TIME_ZONE wall-clock time, as
    HMIS CSV writes them), in one database snapshot and over several connections at once
    (``postgresql_snapshot``), and DuckDB reads each piece with the specification's column types
    as soon as it is written; on SQLite rows go through Arrow batches.
    """
    from django.apps import apps
    from django.db import connections

    connection = new_connection()
    dataset = Dataset(connection=connection, source=f"database {using}")
    db = connections[using]
    if db.vendor != "postgresql":
        for csv_file in FILES:
            model = apps.get_model(csv_file.model)
            db_columns = [model._meta.get_field(_field_name(model, c)).column for c in columns_of(csv_file)]
            dataset.row_counts[csv_file.stem] = _load_rows(connection, db, csv_file, model, db_columns)
        _restore_full_ssns(connection, _vault_pairs(using))
        return dataset
    _postgresql_snapshot(connection, db, dataset)
    return dataset


def _postgresql_snapshot(connection: duckdb.DuckDBPyConnection, db: object, dataset: Dataset) -> None:
    from django.apps import apps
    from django.conf import settings

    from hearth.clients.models import SocialSecurityNumber

    tables = []
    for csv_file in FILES:
        model = apps.get_model(csv_file.model)
        columns = columns_of(csv_file)
        db_columns = [model._meta.get_field(_field_name(model, c)).column for c in columns]
        is_timestamp = [c.type_code == "T" for c in columns]
        tables.append(TableCopy(csv_file.stem, model._meta.db_table, db_columns, is_timestamp))
        connection.execute(_create_table_sql(csv_file))
    files = {csv_file.stem: csv_file for csv_file in FILES}
    vault_meta = SocialSecurityNumber._meta
    vault = (vault_meta.db_table, "client_id", str(vault_meta.get_field("ciphertext").column))
    pairs: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="hearth-snapshot-") as folder:
        for finished in copies(db, tables, Path(folder), vault, settings.TIME_ZONE):
            if isinstance(finished, Piece):
                _insert_csv_rows(connection, files[finished.stem], finished.path)
                finished.path.unlink()
            else:
                pairs = finished
    for csv_file in FILES:
        # fetchall, not fetchone: DuckDB refuses register() while a result is only partly fetched.
        ((count,),) = connection.execute(f"SELECT count(*) FROM {table_name(csv_file)}").fetchall()  # noqa: S608
        dataset.row_counts[csv_file.stem] = int(count)
    _restore_full_ssns(connection, pairs)


def _vault_pairs(using: str) -> list[tuple[str, str]]:
    from hearth.clients.models import SocialSecurityNumber
    from hearth.clients.ssn import decrypt

    rows = (
        SocialSecurityNumber.objects.using(using)
        .values_list("client_id", "ciphertext")
        .iterator(chunk_size=5000)
    )
    return [(personal_id, decrypt(ciphertext)) for personal_id, ciphertext in rows]


def _restore_full_ssns(connection: duckdb.DuckDBPyConnection, pairs: list[tuple[str, str]]) -> None:
    """Put the full SSNs back: Client.SSN holds only a mask at rest (hearth/clients/ssn.py), and
    HUD's SSN data-quality rules read every digit."""
    if not pairs:
        return
    vault = pa.table({"PersonalID": [p for p, _ in pairs], "SSN": [s for _, s in pairs]})
    connection.register("hearth_ssn_vault", vault)
    connection.execute(
        "UPDATE hmis_Client SET SSN = v.SSN FROM hearth_ssn_vault v "
        "WHERE hmis_Client.PersonalID = v.PersonalID"
    )
    connection.unregister("hearth_ssn_vault")


def _load_rows(
    connection: duckdb.DuckDBPyConnection, db: object, csv_file: CsvFile, model: type, db_columns: list[str]
) -> int:
    columns = columns_of(csv_file)
    quote = db.ops.quote_name  # type: ignore[attr-defined]  # a Django connection
    select = "SELECT {} FROM {}".format(  # noqa: S608 - names from the models
        ", ".join(quote(c) for c in db_columns),
        quote(model._meta.db_table),  # type: ignore[attr-defined]  # a Django model class
    )
    schema = pa.schema([(c.name, ARROW_TYPES[c.type_code]) for c in columns])
    with db.cursor() as cursor:  # type: ignore[attr-defined]  # a Django connection
        cursor.execute(select)
        batches = list(_arrow_batches(cursor, schema))
    arrow_table = pa.Table.from_batches(batches, schema=schema)
    table = table_name(csv_file)
    connection.register("snapshot_arrow", arrow_table)
    connection.execute(f"CREATE TABLE {table} AS SELECT * FROM snapshot_arrow")  # noqa: S608 - spec names
    connection.unregister("snapshot_arrow")
    return int(arrow_table.num_rows)


def _field_name(model: type, column: Column) -> str:
    """The model field for a CSV column: ``client_id`` is the attname of the ``client`` foreign key."""
    meta = model._meta  # type: ignore[attr-defined]  # a Django model class
    for model_field in meta.concrete_fields:
        if model_field.attname == column.field or model_field.name == column.field:
            return str(model_field.name)
    raise DatasetError(f"{model.__name__} has no field for {column.file} {column.name} ({column.field}).")


def _arrow_batches(cursor: object, schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    while True:
        rows = cursor.fetchmany(SNAPSHOT_BATCH_ROWS)  # type: ignore[attr-defined]  # a DB-API cursor
        if not rows:
            return
        arrays = []
        for index, arrow_field in enumerate(schema):
            values = [_plain(row[index], arrow_field.type) for row in rows]
            arrays.append(pa.array(values, type=arrow_field.type))
        yield pa.RecordBatch.from_arrays(arrays, schema=schema)


def _plain(value: object, arrow_type: pa.DataType) -> object:
    """Database values as HMIS CSV writes them: local wall-clock timestamps to the second (HMIS CSV
    times carry no zone; Hearth stores UTC and shows TIME_ZONE), floats for money, ISO dates."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime) and pa.types.is_timestamp(arrow_type):
        if value.tzinfo is None:  # SQLite without zone: the value is UTC
            value = value.replace(tzinfo=UTC)
        return timezone.localtime(value).replace(tzinfo=None, microsecond=0)
    if pa.types.is_date32(arrow_type) and isinstance(value, str):
        return date.fromisoformat(value[:10])
    if pa.types.is_int32(arrow_type) and isinstance(value, bool):
        return int(value)
    return value
