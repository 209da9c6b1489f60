"""The audit log is append-only and hash-chained; `hearth audit verify` names the first broken link."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from hearth.access import audit
from hearth.access.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

ACTOR = audit.Actor(account_id=7, username="casey", organization_id="org-1", ip_address="127.0.0.1")


def write_three() -> list[AuditEvent]:
    return [
        audit.record(
            AuditAction.VIEW,
            actor=ACTOR,
            object_type="clients.Client",
            object_id=f"c{n}",
            personal_id=f"c{n}",
        )
        for n in range(3)
    ]


def test_entries_chain_to_each_other():
    first, second, third = write_three()
    assert first.previous_hash == audit.GENESIS_HASH
    assert second.previous_hash == first.hash
    assert third.previous_hash == second.hash
    result = audit.verify()
    assert (result.checked, result.first_broken_id, result.is_intact) == (3, None, True)


def test_model_refuses_update_and_delete():
    event = write_three()[0]
    event.username = "mallory"
    with pytest.raises(PermissionError, match="append-only"):
        event.save()
    with pytest.raises(PermissionError, match="append-only"):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).username == "casey"


def tamper(sql: str, params: list) -> None:
    """Change the table behind the application's back, as someone with database access could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE access_auditevent DISABLE TRIGGER access_auditevent_append_only")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE access_auditevent ENABLE TRIGGER access_auditevent_append_only")


def test_verify_names_a_row_altered_in_the_database():
    _first, second, _third = write_three()
    tamper("UPDATE access_auditevent SET username = %s WHERE id = %s", ["mallory", second.pk])
    result = audit.verify()
    assert result.first_broken_id == second.pk
    assert "altered" in result.reason
    with pytest.raises(CommandError, match=f"entry {second.pk}"):
        call_command("audit", "verify")


def test_verify_names_the_entry_after_a_deleted_one():
    _first, second, third = write_three()
    tamper("DELETE FROM access_auditevent WHERE id = %s", [second.pk])
    assert audit.verify().first_broken_id == third.pk


def test_verify_notices_the_last_entries_removed():
    _first, _second, third = write_three()
    tamper("DELETE FROM access_auditevent WHERE id = %s", [third.pk])
    result = audit.verify()
    assert not result.is_intact
    assert "removed" in result.reason


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the database trigger exists on PostgreSQL only"
)
def test_postgresql_refuses_direct_updates():
    event = write_three()[0]
    with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE access_auditevent SET username = 'x' WHERE id = %s", [event.pk])


def test_verify_command_reports_an_intact_chain(capsys):
    write_three()
    call_command("audit", "verify")
    assert "3 entries checked; the chain is intact." in capsys.readouterr().out


def test_changes_lists_before_and_after_of_changed_fields_only():
    assert audit.changes({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == {"b": [2, 3], "c": [None, 4]}
