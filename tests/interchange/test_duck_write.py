"""Writing DuckDB's stage tables into an empty Hearth (duck_write) gives exactly what the PostgreSQL
merge gives: the same rows in every table, the same sealed SSNs and search keys, the same counts.

Each test imports an export with the PostgreSQL engine, keeping a copy of its staging tables in
DuckDB just before the merge; then it empties Hearth, writes the DuckDB copy with duck_write and
compares every table and the counts with the first import's.
"""

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pytest
from django.apps import apps
from django.db import connection, models, transaction

from hearth.clients import ssn
from hearth.clients.models import ClientSearchKey, SocialSecurityNumber
from hearth.enrollments.models import Exit
from hearth.hud.generated.columns import FILES
from hearth.interchange import (
    duck_engine,
    duck_file_copy,
    duck_stage,
    duck_write,
    empty_table_load,
    import_clients,
    importer,
    staging,
)
from hearth.interchange.models import HashedClientIdentifiers
from tests.interchange.test_empty_table_load import schema
from tests.interchange.test_import_hashed import hashed_export
from tests.interchange.test_import_kit import LSA
from tests.interchange.test_import_minimal_export import TIMESTAMP, ExportBuilder, run_import

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="DuckDB stages imports into PostgreSQL"),
]

HUD_MODELS = [apps.get_model(f.model) for f in FILES]
WRITTEN_TABLES = [*HUD_MODELS, HashedClientIdentifiers, ClientSearchKey, SocialSecurityNumber]


def varied_export() -> ExportBuilder:
    """Full and partial SSNs, text that CSV must quote, a soft-deleted client and ProjectCoC, an
    empty string, and a UserID that User.csv lacks (REF-04)."""
    export = ExportBuilder()
    export.first("Client.csv").update(SSN="123456789", SSNDataQuality="1", MiddleName='O"Neil, Jr\nthe 2nd')
    export.add("Client.csv", PersonalID="C2", FirstName="Bo", LastName="Lee", SSN="xxxxx4321", UserID="U9")
    export.add("Client.csv", PersonalID="C3", FirstName="Cy", SSN="987654321", DateDeleted=TIMESTAMP)
    export.add("Client.csv", PersonalID="C4", FirstName="Di", SSN="XXXXX1111", NameDataQuality="1")
    for number in (2, 3, 4):
        export.add(
            "Enrollment.csv",
            EnrollmentID=f"EN{number}",
            PersonalID=f"C{number}",
            HouseholdID=f"H{number}",
            RelationshipToHoH="1",
        )
    export.add("ProjectCoC.csv", ProjectCoCID="PC2", CoCCode="MD-501", DateDeleted=TIMESTAMP, UserID="U8")
    return export


def capture_stages(monkeypatch: pytest.MonkeyPatch, duck: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Make the next import, staged in PostgreSQL, copy its staging tables into ``duck`` just
    before it merges them."""
    captured: dict[str, Any] = {}
    monkeypatch.setattr(duck_engine, "is_chosen", lambda found, hud_models: False)
    merge = importer._Import._write

    def copy_then_merge(job: Any) -> dict[str, dict[str, int]]:
        for model in job.models.values():
            copy_stage(duck, model)
        captured.update(models=dict(job.models), read=job.read)
        return merge(job)

    monkeypatch.setattr(importer._Import, "_write", copy_then_merge)
    return captured


def copy_stage(duck: duckdb.DuckDBPyConnection, model: type[models.Model]) -> None:
    """The PostgreSQL staging table's rows into DuckDB's (timestamps as UTC without a zone)."""
    duck_stage.create_stage(duck, model)
    columns = [c for c, _type in duck_stage.stage_columns(model)]
    with connection.cursor() as cursor:
        listed = ", ".join(connection.ops.quote_name(c) for c in columns)
        table = connection.ops.quote_name(staging.stage_table(model))
        cursor.execute(f"SELECT {listed} FROM {table} ORDER BY stage_seq")  # noqa: S608 - quoted names
        rows = cursor.fetchall()
    if not rows:
        return
    values = [[naive_utc(row[i]) for row in rows] for i in range(len(columns))]
    incoming = pa.table(dict(zip(columns, values, strict=True)))  # noqa: F841 - DuckDB reads it by name
    duck.execute(
        f"INSERT INTO {duck_stage._quote(staging.stage_table(model))} SELECT * FROM incoming"  # noqa: S608
    ).fetchall()


def naive_utc(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def contents() -> dict[str, tuple[int, str]]:
    """Rows and an MD5 of the ordered rows of every table an import writes; the SSN vault decrypted."""
    found = {}
    with connection.cursor() as cursor:
        for model in WRITTEN_TABLES:
            table = connection.ops.quote_name(model._meta.db_table)
            if model is SocialSecurityNumber:
                cursor.execute(f"SELECT client_id, ciphertext FROM {table} ORDER BY client_id")  # noqa: S608
                found[table] = (cursor.rowcount, str([(pk, ssn.decrypt(c)) for pk, c in cursor.fetchall()]))
                continue
            cursor.execute(
                f"SELECT COUNT(*), md5(COALESCE(string_agg(t::text, E'\\n' ORDER BY t::text), '')) "  # noqa: S608
                f"FROM {table} AS t"
            )
            found[table] = cursor.fetchone()
    return found


def empty_hearth() -> None:
    with transaction.atomic(), connection.cursor() as cursor:  # foreign keys checked at the commit
        for model in WRITTEN_TABLES:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608


def without_warnings(counts: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """The counts but warnings, which the importer adds from its log after writing."""
    return {name: {k: v for k, v in c.items() if k != "warnings"} for name, c in counts.items()}


@pytest.fixture
def duck() -> Iterator[duckdb.DuckDBPyConnection]:
    with duck_stage.opened() as opened:
        yield opened


def write_with_duckdb(duck: duckdb.DuckDBPyConnection, captured: dict[str, Any]) -> duck_write.Written:
    with transaction.atomic():
        staging.lock_for_writing()
        written = duck_write.write_into_empty_hearth(duck, captured["models"], captured["read"])
        import_clients.index_clients(written.client_ids)
    return written


def export_source(name: str, tmp_path: Path) -> Path:
    if name == "lsa":
        if not LSA.is_dir():
            pytest.skip("the LSA FY2026 sample kit is not checked out next to the project")
        return LSA
    builder = varied_export() if name == "varied" else hashed_export()
    return builder.write(tmp_path / "export")


@pytest.mark.parametrize("keys_aside_from", [1, empty_table_load.LOAD_ROWS_AT_LEAST])
@pytest.mark.parametrize("export", ["varied", "hashed"])
def test_duckdb_writes_what_the_postgresql_merge_writes(export, keys_aside_from, tmp_path, monkeypatch, duck):
    monkeypatch.setattr(empty_table_load, "LOAD_ROWS_AT_LEAST", keys_aside_from)
    captured = capture_stages(monkeypatch, duck)
    schema_before = schema()
    merged = run_import(export_source(export, tmp_path))
    assert [str(i) for i in merged.issues if i.is_rejecting] == []
    by_merge = contents()
    empty_hearth()

    written = write_with_duckdb(duck, captured)

    assert contents() == by_merge
    assert without_warnings(written.counts) == without_warnings(merged.counts)
    assert schema() == schema_before
    assert sorted(written.client_ids) == sorted(
        apps.get_model("clients", "Client").all_objects.values_list("pk", flat=True)
    )


def test_the_varied_export_has_what_the_comparison_must_cover(tmp_path, monkeypatch, duck):
    captured = capture_stages(monkeypatch, duck)
    run_import(export_source("varied", tmp_path))
    empty_hearth()

    written = write_with_duckdb(duck, captured)

    assert written.counts["User.csv"]["added_for_references"] == 2
    assert (written.counts["Client.csv"]["inserted"], written.counts["Client.csv"]["deleted"]) == (3, 1)
    assert written.counts["ProjectCoC.csv"]["deleted"] == 1
    vault = {c.client_id: ssn.decrypt(c.ciphertext) for c in SocialSecurityNumber.objects.all()}
    assert vault == {"C1": "123456789", "C3": "987654321"}
    clients = apps.get_model("clients", "Client").all_objects.order_by("pk")
    assert list(clients.values_list("pk", "ssn", "middle_name")) == [
        ("C1", "xxxxx6789", 'O"Neil, Jr\nthe 2nd'),
        ("C2", "xxxxx4321", None),
        ("C3", "xxxxx4321", None),
        ("C4", "xxxxx1111", None),
    ]


def test_the_lsa_sample_writes_the_same_with_duckdb(tmp_path, monkeypatch, duck):
    captured = capture_stages(monkeypatch, duck)
    merged = run_import(export_source("lsa", tmp_path))
    assert [str(i) for i in merged.issues if i.is_rejecting] == []
    by_merge = contents()
    empty_hearth()

    written = write_with_duckdb(duck, captured)

    assert contents() == by_merge
    assert without_warnings(written.counts) == without_warnings(merged.counts)
    assert written.counts["User.csv"]["added_for_references"] == 12


def test_csv_keeps_null_apart_from_empty_text_and_a_timestamps_fraction():
    batch = pa.RecordBatch.from_pydict(
        {
            "text": ["", None, 'a "b", c'],
            "at": [dt.datetime(2025, 3, 1, 9), dt.datetime(2025, 3, 1, 9, 0, 0, 250), None],
        }
    )

    assert bytes(duck_write._csv(batch)).decode() == (
        '"",2025-03-01 09:00:00.000000Z\n,2025-03-01 09:00:00.000250Z\n"a ""b"", c",\n'
    )
    assert bytes(duck_write._csv(batch.slice(0, 1))).decode() == '"",2025-03-01 09:00:00Z\n'


@pytest.mark.parametrize(
    ("zone", "year", "windows"),
    [
        ("America/New_York", 2024, [(dt.datetime(2024, 11, 3, 5), dt.datetime(2024, 11, 3, 6))]),
        ("Europe/London", 2024, [(dt.datetime(2024, 10, 27, 0), dt.datetime(2024, 10, 27, 1))]),
        ("Australia/Lord_Howe", 2024, [(dt.datetime(2024, 4, 6, 14, 30), dt.datetime(2024, 4, 6, 15))]),
        ("UTC", 2024, []),
    ],
)
def test_repeated_hours_are_the_instants_fold_0_gives_the_times_that_come_twice(zone, year, windows):
    assert duck_file_copy.repeated_hours(zone, year) == windows


def test_repeated_times_are_found_in_any_timestamp_column_of_the_stage(settings, duck):
    settings.TIME_ZONE = "America/New_York"
    duck_stage.create_stage(duck, Exit)
    table = duck_stage._quote(staging.stage_table(Exit))

    def staged(created: dt.datetime, deleted: dt.datetime | None) -> bool:
        duck.execute(f"DELETE FROM {table}")  # noqa: S608 - a quoted name
        duck.execute(
            f"INSERT INTO {table} (stage_seq, date_created, date_updated, date_deleted) VALUES (1, ?, ?, ?)",  # noqa: S608
            [created, created, deleted],
        )
        return duck_file_copy.has_repeated_times(duck, Exit)

    spring = dt.datetime(2024, 3, 10, 7, 30)  # 02:30, a time the clocks skip
    assert staged(spring, None) is False
    assert staged(dt.datetime(2024, 11, 3, 4, 59, 59), None) is False  # 00:59:59, once
    assert staged(dt.datetime(2024, 11, 3, 6), None) is False  # 01:00 standard time, read alike
    assert staged(dt.datetime(2024, 11, 3, 5), None) is True  # 01:00, the first time
    assert staged(spring, dt.datetime(2024, 11, 3, 5, 59, 59)) is True  # 01:59:59, deleted


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (b'A,B\r\n1,""\r\n', True),
        (b'A,B\r\n"",2\r\n', True),
        (b'A,B\r\n"1","2"\r\n', False),  # quoted values, none empty
        (b"A,B\r\n1,\r\n", False),  # an unquoted empty value is NULL anyway
        (b'A,B\r\n1,"x"\r\n' + b"2," + b'"' + b'"\r\n', True),  # across two reads (below)
    ],
)
def test_a_quoted_empty_value_is_found_wherever_the_reads_split_the_file(text, found, tmp_path, monkeypatch):
    path = tmp_path / "file.csv"
    path.write_bytes(text)
    for size in (1, 2, 3, len(text) - 3, 1 << 20):
        monkeypatch.setattr(duck_file_copy, "SCAN_BYTES", size)
        assert duck_file_copy.has_quoted_empty(str(path)) is found, size
