"""Hearth's PostgreSQL schema has no varchar_pattern_ops twin beside its key indexes, and the
indexes searches use are still there (hearth/db/backends/postgresql, docs/adr/0003)."""

import copy
import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.db.backends.postgresql.schema import DatabaseSchemaEditor as DjangoSchemaEditor

from hearth.clients import search
from hearth.clients.models import ClientSearchKey
from hearth.clients.names import sound
from hearth.clients.query import parse
from hearth.enrollments.models import Services
from hearth.hud.generated.columns import FILES

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's catalog and operator classes"),
]

drop_twins = importlib.import_module(
    "hearth.interchange.migrations.0004_drop_pattern_ops_index_twins"
).drop_twins

PATTERN_OPS_INDEXES = (
    "SELECT x.indrelid::regclass::text, i.relname FROM pg_index AS x "
    "JOIN pg_class AS i ON i.oid = x.indexrelid "
    "JOIN pg_opclass AS o ON o.oid = ANY(x.indclass::oid[]) "
    "WHERE i.relnamespace = current_schema()::regnamespace "
    "AND o.opcname IN ('varchar_pattern_ops', 'text_pattern_ops') ORDER BY 1, 2"
)


def index_columns(table: str) -> list[tuple[str, ...]]:
    """The column lists of ``table``'s indexes."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array_agg(a.attname ORDER BY k.ordinality) FROM pg_index AS x "
            "CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ordinality) "
            "JOIN pg_attribute AS a ON a.attrelid = x.indrelid AND a.attnum = k.attnum "
            "WHERE x.indrelid = %s::regclass GROUP BY x.indexrelid",
            [table],
        )
        return [tuple(columns) for (columns,) in cursor.fetchall()]


def pattern_ops_indexes() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(PATTERN_OPS_INDEXES)
        return cursor.fetchall()


def test_a_fresh_database_has_no_pattern_ops_index():
    assert pattern_ops_indexes() == []


@pytest.mark.parametrize("hud_file", FILES, ids=lambda f: f.name)
def test_each_hud_key_and_reference_keeps_its_one_index(hud_file):
    """A HUD table's primary key and each foreign key column have one index each: no twin."""
    model = apps.get_model(hud_file.model)
    key_columns = [model._meta.pk.column] + [
        f.column for f in model._meta.concrete_fields if f.is_relation and f.db_index
    ]
    indexes = index_columns(model._meta.db_table)
    assert {column: indexes.count((column,)) for column in key_columns} == dict.fromkeys(key_columns, 1)


def test_the_name_search_still_looks_its_keys_up_by_index():
    """Search finds candidates by ClientSearchKey.key; its (key, client) index serves that."""
    keys = sorted(search.query_keys(parse("Maria Garcia")))
    assert f"n:{sound('maria')}:{sound('garcia')}" in keys
    with connection.cursor() as cursor:
        # A test database has a handful of rows: without this the planner reads the table whole.
        cursor.execute("SET LOCAL enable_seqscan TO off")
    plan = ClientSearchKey.objects.filter(key__in=keys).values("client_id").explain()
    assert "clients_search_key_lookup" in plan


def test_the_migration_drops_the_twins_an_older_schema_editor_made():
    """A database made before Hearth's backend has Django's twins; the migration drops them and
    leaves the plain indexes."""
    client = Services._meta.get_field("client")
    with DjangoSchemaEditor(connection) as old_editor:
        old_editor.execute(old_editor._create_like_index_sql(Services, client))
    twin = (
        "enrollments_services",
        old_editor._create_index_name("enrollments_services", ["client_id"], suffix="_like"),
    )
    assert pattern_ops_indexes() == [twin]

    with connection.schema_editor() as editor:
        drop_twins(apps, editor)

    assert pattern_ops_indexes() == []
    assert ("client_id",) in index_columns("enrollments_services")


def test_the_schema_editor_makes_no_twin_for_a_new_table_or_a_new_index():
    """What Hearth's schema editor would run to make the Services table, or to index a string
    column that had no index, has each index once and no pattern-ops twin."""
    client = Services._meta.get_field("client")
    unindexed_client = copy.copy(client)
    unindexed_client.db_index = False
    with connection.schema_editor(collect_sql=True) as editor:
        editor.create_model(Services)
    made = "\n".join(editor.collected_sql)
    with connection.schema_editor(collect_sql=True) as editor:
        editor.alter_field(Services, unindexed_client, client)
    indexed = "\n".join(editor.collected_sql)

    assert "pattern_ops" not in made
    assert made.count('CREATE INDEX "enrollments_services_client_id_') == 1
    assert "pattern_ops" not in indexed
    assert indexed.count('CREATE INDEX "enrollments_services_client_id_') == 1


HUD_KEY_COLUMNS = (
    # Every column of a foreign key to a HUD record's identifier, with that identifier's column.
    "SELECT c.conrelid::regclass::text, a.attname, col.collname, "
    "c.confrelid::regclass::text, ra.attname, rcol.collname "
    "FROM pg_constraint AS c "
    "JOIN pg_attribute AS a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
    "JOIN pg_attribute AS ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1] "
    "LEFT JOIN pg_collation AS col ON col.oid = a.attcollation "
    "LEFT JOIN pg_collation AS rcol ON rcol.oid = ra.attcollation "
    "WHERE c.contype = 'f' AND c.confrelid = ANY(%s::regclass[]) ORDER BY 1, 2"
)


def test_hud_identifiers_and_the_foreign_keys_to_them_compare_bytes():
    """HudKey columns have the C collation, and so has every column that refers to one, in any app."""
    tables = [apps.get_model(f.model)._meta.db_table for f in FILES]
    with connection.cursor() as cursor:
        cursor.execute(HUD_KEY_COLUMNS, [tables])
        references = cursor.fetchall()
    referred = {(table, column) for _t, _c, _col, table, column, _rcol in references}
    assert ("clients_client", "personal_id") in referred
    assert ("enrollments_enrollment", "enrollment_id") in referred
    assert [r for r in references if r[2] != "C" or r[5] != "C"] == []
    for hud_file in FILES:
        model = apps.get_model(hud_file.model)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT collname FROM pg_attribute JOIN pg_collation ON pg_collation.oid = attcollation "
                "WHERE attrelid = %s::regclass AND attname = %s",
                [model._meta.db_table, model._meta.pk.column],
            )
            assert cursor.fetchone() == ("C",), hud_file.name
