"""`hearth access who-can-see` answers from the enforced policy, with reasons."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hearth.access.models import AuditEvent
from hearth.access.permissions import Role
from tests.access import world

pytestmark = pytest.mark.django_db


def test_lists_serving_agency_consented_agency_and_lead_with_reasons(capsys):
    shelter, clinic, other, lead_org = (world.organization(n) for n in ("Shelter", "Clinic", "Other", "City"))
    person = world.client()
    world.enrollment(person, world.project(shelter))
    casey = world.account("casey", shelter, Role.CASE_MANAGER)
    world.account("dana", clinic, Role.CASE_MANAGER)
    world.account("eli", other, Role.CASE_MANAGER)
    world.account("lee", lead_org, Role.HMIS_LEAD_ADMIN)
    world.account("rae", clinic, Role.REPORT_ANALYST)
    world.consent(
        person,
        by=casey,
        scope="named",
        shares="profile",
        named=(clinic,),
        signed_on=datetime.date(2026, 1, 1),
    )

    call_command("access", "who-can-see", person.pk)

    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"3 user(s) can see client {person.pk}:"
    by_user = {line.split(" | ")[0].removeprefix("- "): line.split(" | ") for line in lines[1:]}
    assert set(by_user) == {"casey", "dana", "lee"}
    assert by_user["casey"][3] == "full record"
    assert by_user["casey"][4] == "the agency serves the client (enrollment)"
    assert by_user["dana"][3] == "profile only"
    assert by_user["dana"][4].startswith("consent signed 2026-01-01 (Named agencies, Basic profile")
    assert by_user["lee"][4] == "HMIS Lead administrator: sees every client"
    assert AuditEvent.objects.filter(personal_id=person.pk, detail__purpose="who-can-see").count() == 1


def test_unknown_client_is_a_clear_error():
    with pytest.raises(CommandError, match="No client with PersonalID 'nobody'"):
        call_command("access", "who-can-see", "nobody")
