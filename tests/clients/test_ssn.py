"""SSNs are encrypted at rest, masked in Client.ssn, and revealed only with the right, audited."""

import pytest
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
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


def test_seal_plaintext_replaces_a_stale_vault_row_and_works_in_batches():
    a, b, c = world.client(), world.client(), world.client()
    ssn.store(a, "999887777")
    Client.objects.filter(pk=a.pk).update(ssn="111223333")
    Client.objects.filter(pk=b.pk).update(ssn="222334444")
    Client.objects.filter(pk=c.pk).update(ssn="Xxxxx5555")

    assert ssn.seal_plaintext(batch_size=1) == 3

    assert sorted(Client.objects.values_list("ssn", flat=True)) == ["xxxxx3333", "xxxxx4444", "xxxxx5555"]
    vault = {v.client_id: ssn.decrypt(v.ciphertext) for v in SocialSecurityNumber.objects.all()}
    assert vault == {a.pk: "111223333", b.pk: "222334444"}


def test_encrypt_many_makes_fernet_tokens_of_the_newest_key(monkeypatch):
    newest, older = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    monkeypatch.setattr(ssn, "_keys", lambda: (newest, older))
    monkeypatch.setattr(ssn, "_fernet", lambda: MultiFernet([Fernet(newest), Fernet(older)]))
    numbers = ["123456789", "123456789", "000000001", ""]

    tokens = ssn.encrypt_many(numbers)

    assert [Fernet(newest).decrypt(t.encode()).decode() for t in tokens] == numbers
    assert len(set(tokens)) == len(tokens)  # a fresh IV each
    assert [ssn.decrypt(t) for t in tokens] == numbers
    assert ssn.decrypt(Fernet(older).encrypt(b"123456789").decode()) == "123456789"  # rotation
    with pytest.raises(InvalidToken):
        Fernet(older).decrypt(tokens[0].encode())
    assert [ssn.decrypt(t) for t in ssn.encrypt_many(["1234567890123456", "1"])] == ["1234567890123456", "1"]


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
