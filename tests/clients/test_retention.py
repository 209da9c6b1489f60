"""`hearth retention purge` de-identifies exactly the clients idle for seven years, and audits it."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hearth.access.models import AuditEvent
from hearth.clients import search_keys, ssn
from hearth.clients.models import Client, ClientSearchKey, DeIdentification, SocialSecurityNumber
from hearth.enrollments.models import Enrollment
from tests.access import world

pytestmark = pytest.mark.django_db
LONG_AGO = datetime.datetime(2017, 1, 1, tzinfo=datetime.UTC)


def idle_client(**changes) -> Client:
    person = world.client()
    person.dob = datetime.date(1980, 7, 14)
    person.dob_data_quality = 1
    person.save(update_fields=["dob", "dob_data_quality"])
    ssn.store(person, "123456789")
    search_keys.refresh([person.pk])  # searchable by name, DOB and SSN last four before the purge
    Client.objects.filter(pk=person.pk).update(date_updated=LONG_AGO, **changes)
    return person


def test_dry_run_reports_and_changes_nothing(capsys):
    idle = idle_client()
    call_command("retention", "purge", "--dry-run")
    assert "Would de-identify 1 client(s)" in capsys.readouterr().out
    idle.refresh_from_db()
    assert idle.first_name == "Pat"
    assert not DeIdentification.objects.exists()


def test_apply_deidentifies_only_idle_clients(capsys):
    idle = idle_client()
    busy = idle_client()
    enrollment = world.enrollment(busy, world.project(world.organization()))  # changed now: recent activity
    recent = world.client()

    call_command("retention", "purge", "--apply")

    assert "De-identified 1 client(s)" in capsys.readouterr().out
    idle.refresh_from_db()
    assert (idle.first_name, idle.last_name, idle.ssn, idle.name_data_quality, idle.ssn_data_quality) == (
        None,
        None,
        None,
        99,
        99,
    )
    assert (idle.dob, idle.dob_data_quality) == (datetime.date(1980, 1, 1), 2)
    assert not SocialSecurityNumber.objects.filter(client=idle).exists()
    # nothing derived from the removed name, DOB or SSN stays searchable
    assert set(
        ClientSearchKey.objects.filter(client=idle).values_list("key", flat=True)
    ) == search_keys.client_keys(None, None, datetime.date(1980, 1, 1), None)
    assert AuditEvent.objects.filter(action="purge", personal_id=idle.pk).count() == 1
    for kept in (busy, recent):
        kept.refresh_from_db()
        assert kept.first_name == "Pat"
    assert Enrollment.objects.filter(pk=enrollment.pk).exists()
    call_command("retention", "purge", "--apply")  # a second run finds nothing more
    assert "De-identified 0 client(s)" in capsys.readouterr().out


def test_mode_must_be_chosen():
    with pytest.raises(CommandError, match="--dry-run"):
        call_command("retention", "purge")
