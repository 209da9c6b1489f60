"""The client services: create and update with validation, audit with fields before and after,
search keys kept current, victim service providers, and refusal of what a role may not do."""

import dataclasses
import datetime

import pytest
from django.core.management import call_command
from django.http import Http404

from hearth.access.models import AuditEvent, ClientOrigin
from hearth.access.permissions import Role
from hearth.clients import ssn
from hearth.clients.models import CaseNote, Client, ClientSearchKey
from hearth.clients.services import ClientData, ClientError, add_case_note, create_client, update_client
from tests.access import world

pytestmark = pytest.mark.django_db
DATA = ClientData(
    first_name="  María José ",
    last_name="García-López",
    name_data_quality=1,
    ssn="123456789",
    ssn_data_quality=1,
    dob=datetime.date(1990, 6, 1),
    dob_data_quality=1,
    sex=0,
    hispanic_latinao=1,
    race_none=None,
    veteran_status=0,
)


@pytest.fixture
def shelter():
    return world.organization("Shelter")


@pytest.fixture
def casey(shelter):
    return world.account("casey", shelter, Role.CASE_MANAGER)


def test_create_stores_tidied_data_the_sealed_ssn_the_origin_and_keys(casey, shelter):
    client = create_client(user=casey, data=DATA)
    client.refresh_from_db()
    assert (client.first_name, client.last_name, client.ssn, client.dob) == (
        "María José",
        "García-López",
        "xxxxx6789",
        datetime.date(1990, 6, 1),
    )
    assert ssn.full_ssn(client) == "123456789"
    assert client.user == casey.hmis_user
    assert list(ClientOrigin.objects.filter(client=client).values_list("organization_id", flat=True)) == [
        shelter.pk
    ]
    keys = set(ClientSearchKey.objects.filter(client=client).values_list("key", flat=True))
    assert {"d:1990-06-01", "s:6789", "n:MR:KRX", "n:MR:LPS", "n:MR:KRXLPS"} <= keys
    event = AuditEvent.objects.get(action="create", personal_id=client.pk)
    assert event.detail["fields"]["first_name"] == [None, "María José"]
    assert event.detail["fields"]["ssn"] == [None, "xxxxx6789"]
    assert "123456789" not in str(event.detail)


def test_update_audits_fields_before_and_after_and_refreshes_keys(casey):
    client = create_client(user=casey, data=DATA)
    update_client(
        user=casey,
        personal_id=client.pk,
        data=dataclasses.replace(DATA, last_name="García", dob=datetime.date(1990, 1, 6)),
        keep_ssn=True,
    )
    event = AuditEvent.objects.get(action="update", personal_id=client.pk)
    assert event.detail == {
        "fields": {"dob": ["1990-06-01", "1990-01-06"], "last_name": ["García-López", "García"]}
    }
    keys = set(ClientSearchKey.objects.filter(client=client).values_list("key", flat=True))
    assert "d:1990-01-06" in keys
    assert "d:1990-06-01" not in keys
    assert "n:MR:LPS" not in keys


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"first_name": None}, "A full name needs a first and a last name; otherwise choose partial name."),
        (
            {"name_data_quality": 2, "first_name": None, "last_name": None},
            "Give the partial, street or code name",
        ),
        ({"ssn": "12345678x"}, "A full SSN has nine digits with none unknown; otherwise choose partial SSN."),
        ({"ssn": "666123456"}, "is not a valid SSN: check the first five digits."),
        ({"ssn_data_quality": 99}, "Leave the SSN empty when it was not reported"),
        ({"dob": None}, "Give the date of birth, or choose that it was not reported."),
        ({"dob": datetime.date(1899, 12, 31)}, "The date of birth cannot be before 1900."),
        ({"race_none": 8}, "Choose races and ethnicities, or that none was reported, not both."),
        ({"hispanic_latinao": 0}, "Choose at least one race or ethnicity, or that none was reported."),
        ({"veteran_status": 5}, "Choose the veteran status."),
        ({"sex": 7}, "Choose the client's sex from the list."),
        ({"first_name": "x" * 51}, "A name can have at most 50 characters."),
    ],
)
def test_bad_data_is_refused_with_a_plain_message_and_nothing_written(casey, change, message):
    with pytest.raises(
        ClientError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")
    ):
        create_client(user=casey, data=dataclasses.replace(DATA, **change))
    assert not Client.objects.exists()
    assert not AuditEvent.objects.exists()


def test_partial_ssn_with_unknown_digits_is_accepted(casey):
    client = create_client(user=casey, data=dataclasses.replace(DATA, ssn="xxxxx6789", ssn_data_quality=2))
    assert (client.ssn, ssn.full_ssn(client)) == ("xxxxx6789", "xxxxx6789")


def test_a_victim_service_provider_refuses_identifying_data():
    vsp = world.organization("Safe Haven", victim_service_provider=True)
    val = world.account("val", vsp, Role.CASE_MANAGER)
    with pytest.raises(ClientError, match="victim service provider"):
        create_client(user=val, data=DATA)
    bare = dataclasses.replace(DATA, first_name=None, last_name=None, ssn=None, dob=None)
    client = create_client(user=val, data=bare)
    assert (client.first_name, client.ssn, client.dob, client.name_data_quality) == (None, None, None, 99)
    assert set(ClientSearchKey.objects.filter(client=client).values_list("key", flat=True)) == set()


def test_roles_without_the_permission_are_refused_as_not_found(shelter):
    analyst = world.account("rae", shelter, Role.REPORT_ANALYST)
    with pytest.raises(Http404):
        create_client(user=analyst, data=DATA)
    client = world.client()
    with pytest.raises(Http404):
        add_case_note(user=analyst, personal_id=client.pk, text="hello")
    assert not CaseNote.objects.exists()


def test_another_agency_without_consent_cannot_write(casey):
    client = create_client(user=casey, data=DATA)
    dana = world.account("dana", world.organization("Clinic"), Role.CASE_MANAGER)
    with pytest.raises(Http404):
        update_client(user=dana, personal_id=client.pk, data=DATA)
    with pytest.raises(Http404):
        add_case_note(user=dana, personal_id=client.pk, text="hello")
    assert not AuditEvent.objects.filter(action="update").exists()


def test_the_rebuild_command_recomputes_every_key(casey, capsys):
    client = create_client(user=casey, data=DATA)
    expected = set(ClientSearchKey.objects.values_list("client_id", "key"))
    ClientSearchKey.objects.all().delete()
    call_command("rebuild_search_keys")
    assert set(ClientSearchKey.objects.values_list("client_id", "key")) == expected
    assert capsys.readouterr().out == f"Wrote {len(expected)} search keys.\n"
    assert {pk for pk, _key in expected} == {client.pk}
