"""Drop the ``..._like`` varchar_pattern_ops twin Django made beside each index on a string column.

Hearth's PostgreSQL backend no longer makes them (hearth/db/backends/postgresql/schema.py,
docs/adr/0003-no-pattern-ops-index-twins.md); this removes those of a database made before it.
The twins are found in the catalog (single-column indexes named ``..._like`` with a pattern-ops
operator class), since their names carry a hash Django computed.  SQLite never had them.
Going back leaves them out: no query of any Hearth version needs one.
"""

from django.db import migrations

TWINS = """
SELECT index_class.relname
FROM pg_index AS x
JOIN pg_class AS index_class ON index_class.oid = x.indexrelid
JOIN pg_opclass AS operator_class ON operator_class.oid = x.indclass[0]
WHERE index_class.relnamespace = current_schema()::regnamespace
  AND x.indnatts = 1
  AND right(index_class.relname, 5) = '_like'
  AND operator_class.opcname IN ('varchar_pattern_ops', 'text_pattern_ops')
ORDER BY index_class.relname
"""


def drop_twins(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(TWINS)
        names = [name for (name,) in cursor.fetchall()]
        for name in names:
            cursor.execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(name)}")


class Migration(migrations.Migration):

    dependencies = [
        ("access", "0004_account_security"),
        ("agencies", "0001_initial"),
        ("api", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("clients", "0004_case_notes_documents_merges_search_keys"),
        ("coordinated_entry", "0001_initial"),
        ("enrollments", "0001_initial"),
        ("interchange", "0003_import_run_timings"),
        ("reports", "0002_report_run_pages"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(drop_twins, migrations.RunPython.noop, elidable=True)]
