"""Gather statistics again after the HUD keys' collation changed (the *_hud_keys_compared_as_bytes
migrations).

Changing a column's collation drops PostgreSQL's statistics for it, and autovacuum does not gather
them again (no row changed): until then the planner guesses, and an export or a report over a
loaded Hearth picks nested loops over millions of rows.  ``ANALYZE`` samples each table that holds
rows (15 s for the `large` demo CoC's 7 million)."""

from django.db import migrations

# The apps whose tables hold a HUD key, or a foreign key column to one.
APPS = ("access", "agencies", "clients", "coordinated_entry", "enrollments", "interchange")


def analyze(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.connection.ops.quote_name
    with schema_editor.connection.cursor() as cursor:
        for model in apps.get_models():
            if model._meta.app_label not in APPS or not model._meta.managed or model._meta.proxy:
                continue
            table = quote(model._meta.db_table)
            # An empty table keeps "never analyzed": statistics of no rows would mislead the planner
            # once rows come, until autovacuum gathers them.
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {table})")
            if cursor.fetchone()[0]:
                cursor.execute(f"ANALYZE {table}")


class Migration(migrations.Migration):
    dependencies = [
        ("interchange", "0005_hud_keys_compared_as_bytes"),
        ("access", "0005_hud_keys_compared_as_bytes"),
        ("agencies", "0002_hud_keys_compared_as_bytes"),
        ("clients", "0005_hud_keys_compared_as_bytes"),
        ("coordinated_entry", "0002_hud_keys_compared_as_bytes"),
        ("enrollments", "0002_hud_keys_compared_as_bytes"),
    ]

    operations = [migrations.RunPython(analyze, migrations.RunPython.noop, elidable=True)]
