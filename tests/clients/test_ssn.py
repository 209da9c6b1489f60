"""SSNs are encrypted at rest, masked in Client.ssn, and revealed only with the right, audited."""

import pytest
from django.db import connection
from django.http import Http404

from hearth.access.models import AuditEvent
from hearth.access.permissions import Role
from hearth.clients import ssn
from hearth.clients.models import Client, SocialSecurityNumber
from tests.access import world

pytestmark = pytest.mark.django_db


def test_store_masks_the_hud_column_and_encrypts_the_number():
    person = world.client()
    ssn.store(person, "123456789")
    person.refresh_from_db()
    assert person.ssn == "xxxxx6789"
    ciphertext = SocialSecurityNumber.objects.get(client=person).ciphertext
    assert "123456789" not in ciphertext
    with connection.cursor() as cursor:
        cursor.execute("SELECT ssn FROM clients_client WHERE personal_id = %s", [person.pk])
        assert cursor.fetchone() == ("xxxxx6789",)
    assert ssn.full_ssn(person) == "123456789"
    assert ssn.display(person.ssn) == "***-**-6789"


def test_partial_ssn_with_unknown_first_digits_keeps_no_vault_row():
    person = world.client()
    ssn.store(person, "xxxxx1234")
    assert not SocialSecurityNumber.objects.filter(client=person).exists()
    assert ssn.full_ssn(person) == "xxxxx1234"


def test_bad_ssn_is_refused_with_a_message():
    with pytest.raises(ssn.SSNError, match="nine digits"):
        ssn.store(world.client(), "12345")


def test_seal_plaintext_encrypts_bulk_loaded_numbers():
    a, b, c = world.client(), world.client(), world.client()
    Client.objects.filter(pk=a.pk).update(ssn="111223333")
    Client.objects.filter(pk=b.pk).update(ssn="xxxxx4444")
    assert ssn.seal_plaintext() == 1
    a.refresh_from_db()
    c.refresh_from_db()
    assert (a.ssn, c.ssn) == ("xxxxx3333", None)
    assert ssn.full_ssn(a) == "111223333"
    assert ssn.seal_plaintext() == 0


def test_reveal_needs_the_permission_and_the_client_and_is_audited():
    shelter, other = world.organization(), world.organization()
    person = world.client()
    world.enrollment(person, world.project(shelter))
    ssn.store(person, "123456789")
    manager = world.account("casey", shelter, Role.CASE_MANAGER)
    intake = world.account("ivy", shelter, Role.INTAKE)
    stranger = world.account("sam", other, Role.CASE_MANAGER)

    assert ssn.reveal(manager, person.pk) == "123456789"
    assert (
        AuditEvent.objects.filter(action="reveal_ssn", personal_id=person.pk, username="casey").count() == 1
    )

    for denied in (intake, stranger):
        before = AuditEvent.objects.count()
        with pytest.raises(Http404) as refused:
            ssn.reveal(denied, person.pk)
        assert str(refused.value) == "No client with that ID."
        assert AuditEvent.objects.count() == before
