"""Create the audit chain head, and on PostgreSQL refuse UPDATE and DELETE on the audit log.

(SQLite, the single-user demo database, relies on the model's own refusal.)
"""

from django.db import migrations

PG_FORBID = """
CREATE OR REPLACE FUNCTION hearth_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The audit log is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER access_auditevent_append_only
    BEFORE UPDATE OR DELETE ON access_auditevent
    FOR EACH ROW EXECUTE FUNCTION hearth_audit_append_only();
"""
PG_ALLOW = """
DROP TRIGGER IF EXISTS access_auditevent_append_only ON access_auditevent;
DROP FUNCTION IF EXISTS hearth_audit_append_only();
"""
def forbid_changes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_FORBID, params=None)
    apps.get_model("access", "AuditChainHead").objects.get_or_create(pk=1, defaults={"last_hash": "0" * 64})


def allow_changes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_ALLOW, params=None)


class Migration(migrations.Migration):
    dependencies = [("access", "0002_agency_and_client_links")]

    operations = [migrations.RunPython(forbid_changes, allow_changes)]
