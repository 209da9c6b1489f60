"""A large import into empty tables sets their indexes and foreign keys aside and makes them again
(empty_table_load): the rows are the same, and so is every table's schema afterwards."""

import pytest
from django.apps import apps
from django.db import connection

from hearth.enrollments.models import Enrollment, Exit
from hearth.hud.generated.columns import FILES
from hearth.interchange import empty_table_load
from hearth.interchange.models import ImportStatus
from tests.interchange.test_import_minimal_export import ExportBuilder, lines, run_import, table_counts

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's catalog and DDL"),
]


def schema() -> dict[str, list[tuple[str, str]]]:
    """Every index and constraint of the HUD tables, by table, as the catalog defines them."""
    found: dict[str, list[tuple[str, str]]] = {}
    with connection.cursor() as cursor:
        for hud_file in FILES:
            table = apps.get_model(hud_file.model)._meta.db_table
            cursor.execute(
                "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index AS x "
                "JOIN pg_class AS i ON i.oid = x.indexrelid WHERE x.indrelid = %s::regclass "
                "UNION ALL SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass ORDER BY 1, 2",
                [table, table],
            )
            found[table] = cursor.fetchall()
    return found


def test_an_import_into_empty_tables_remakes_their_indexes_and_foreign_keys(tmp_path, monkeypatch):
    monkeypatch.setattr(empty_table_load, "LOAD_ROWS_AT_LEAST", 1)
    before = schema()
    export = ExportBuilder()
    export.add("Exit.csv", ExitID="X1", ExitDate="2025-04-02", Destination="410")

    result = run_import(export.write(tmp_path / "export"))

    assert lines(result) == []
    assert result.run.status == ImportStatus.IMPORTED
    assert schema() == before
    assert before["enrollments_exit"]  # the comparison is over real definitions
    counts = table_counts()
    assert (counts["Client.csv"], counts["Enrollment.csv"], counts["Exit.csv"]) == (1, 1, 1)
    assert list(Exit.all_objects.values_list("exit_id", "enrollment_id")) == [("X1", "EN1")]
    assert list(Enrollment.all_objects.values_list("enrollment_id", "client_id")) == [("EN1", "C1")]


def test_a_broken_reference_after_the_load_is_refused_as_before(tmp_path, monkeypatch):
    monkeypatch.setattr(empty_table_load, "LOAD_ROWS_AT_LEAST", 1)
    run_import(ExportBuilder().write(tmp_path / "export"))

    with pytest.raises(Exception, match="foreign key"), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO enrollments_exit (exit_id, enrollment_id, client_id, exit_date, destination, "
            "date_created, date_updated, user_id) VALUES ('X9', 'NO-SUCH', 'C1', '2025-04-02', 410, "
            "now(), now(), 'U1')"
        )
