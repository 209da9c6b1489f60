"""Datasets: HMIS CSV folders and zips read with the specification's column types."""

import shutil
import zipfile

import pytest
from django.db import connection, transaction

from hearth.access.audit import Actor
from hearth.reports import postgresql_snapshot
from hearth.reports.datasets import Dataset, DatasetError, csv_dataset, database_snapshot
from tests.reports.conftest import KIT_INPUT


def test_a_folder_loads_every_file_with_hud_column_names_and_types():
    dataset = csv_dataset(KIT_INPUT)
    try:
        assert dataset.row_counts["Client"] == 10606
        assert dataset.row_counts["Enrollment"] == 16494
        assert dataset.row_counts["Exit"] == 14627
        types = dict(
            dataset.connection.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = 'hmis_Enrollment'"
            ).fetchall()
        )
        assert types["EntryDate"] == "DATE"
        assert types["RelationshipToHoH"] == "INTEGER"
        assert types["DateCreated"] == "TIMESTAMP"
        assert types["EnrollmentCoC"] == "VARCHAR"
    finally:
        dataset.close()


def test_a_zip_loads_like_its_folder(tmp_path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for path in KIT_INPUT.glob("*.csv"):
            handle.write(path, f"export/{path.name}")
    dataset = csv_dataset(archive)
    try:
        assert dataset.row_counts["Services"] == 19012
        assert dataset.source == str(archive)
    finally:
        dataset.close()


def test_a_missing_file_is_named(tmp_path):
    folder = tmp_path / "export"
    shutil.copytree(KIT_INPUT, folder)
    (folder / "Exit.csv").unlink()
    with pytest.raises(DatasetError, match=r"lacks Exit\.csv"):
        csv_dataset(folder)


def test_a_wrong_header_is_named(tmp_path):
    folder = tmp_path / "export"
    shutil.copytree(KIT_INPUT, folder)
    lines = (folder / "Project.csv").read_text().splitlines()
    (folder / "Project.csv").write_text("\n".join([lines[0].replace("ProjectType", "ProjType"), *lines[1:]]))
    with pytest.raises(DatasetError, match=r"Project\.csv: the header .* \(missing ProjectType\)"):
        csv_dataset(folder)


def test_a_value_of_the_wrong_type_is_named(tmp_path):
    folder = tmp_path / "export"
    shutil.copytree(KIT_INPUT, folder)
    lines = (folder / "Organization.csv").read_text().splitlines()
    (folder / "Organization.csv").write_text(
        "\n".join([lines[0], lines[1].replace(",0,", ",no,", 1), *lines[2:]])
    )
    with pytest.raises(DatasetError, match=r"^Organization\.csv: "):
        csv_dataset(folder)


def test_a_path_that_is_not_an_export_is_named(tmp_path):
    with pytest.raises(DatasetError, match="does not exist"):
        csv_dataset(tmp_path / "nothing")
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(DatasetError, match="neither a folder of HMIS CSV files nor a zip"):
        csv_dataset(text)


def _tables(dataset: Dataset) -> dict[str, tuple[int, str, str]]:
    """Per table: row count, an order-free hash of the rows, and the column names and types."""
    tables = {}
    for (name,) in dataset.connection.execute("SELECT table_name FROM duckdb_tables()").fetchall():
        ((count, rows_hash),) = dataset.connection.execute(
            f'SELECT count(*), sum(hash(t))::VARCHAR FROM "{name}" t'  # noqa: S608 - DuckDB's own names
        ).fetchall()
        ((types,),) = dataset.connection.execute(
            "SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY column_index) "
            "FROM duckdb_columns() WHERE table_name = ?",
            [name],
        ).fetchall()
        tables[name] = (count, rows_hash, types)
    return tables


@pytest.mark.django_db(transaction=True)
def test_a_snapshot_copied_in_page_ranges_over_several_connections_equals_one_copied_in_one_go(
    monkeypatch,
):
    if connection.vendor != "postgresql":
        pytest.skip("page ranges and exported snapshots are PostgreSQL's")
    importer = pytest.importorskip(
        "hearth.interchange.importer", reason="the HMIS CSV importer has not landed"
    )
    assert importer.import_hmis_csv(KIT_INPUT, actor=Actor.system("snapshot-test")).is_imported
    # given every table cut into one-page pieces, copied over two connections
    monkeypatch.setattr(postgresql_snapshot, "CHUNK_PAGES", 1)
    pieces = database_snapshot()
    # and the same tables copied whole, one after another, inside a transaction
    with transaction.atomic():
        whole = database_snapshot()
    try:
        # then the tables are the same rows, and the SSNs are back in full in both
        assert pieces.row_counts == whole.row_counts
        assert pieces.row_counts["Services"] == 19012
        assert _tables(pieces) == _tables(whole)
        full_ssns = "SELECT count(*) FROM hmis_Client WHERE SSN NOT LIKE 'x%'"
        assert (
            pieces.connection.execute(full_ssns).fetchall() == whole.connection.execute(full_ssns).fetchall()
        )
    finally:
        pieces.close()
        whole.close()
