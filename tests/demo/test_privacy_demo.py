"""The demo has users for every role in two agencies and clients in every consent state."""

import datetime as dt

import pytest

from hearth.access.consent import consent_status
from hearth.access.models import Account, ClientRestriction, Membership
from hearth.access.permissions import Role
from hearth.clients.models import Client, ClientSearchKey, SocialSecurityNumber
from hearth.demo.seed import seed_demo
from hearth.demo.sizes import SIZES

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2026, 11, 25)


def test_roles_agencies_consent_states_and_sealed_ssns():
    result = seed_demo(size=SIZES["tiny"], seed=1, as_of=AS_OF)

    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role)
    case_work = Membership.objects.filter(role__in=[Role.AGENCY_ADMIN, Role.CASE_MANAGER, Role.INTAKE])
    assert case_work.values("organization").distinct().count() == 2
    assert all(a.training_completed_on == AS_OF for a in Account.objects.all())
    states = {example.state: example.personal_id for example in result.consent_examples}
    assert list(states) == ["none", "CoC-wide", "named agencies", "expired", "revoked", "restricted"]
    expected = {
        "none": "none",
        "CoC-wide": "active",
        "named agencies": "active",
        "expired": "expired",
        "revoked": "revoked",
        "restricted": "active",
    }
    for state, personal_id in states.items():
        assert consent_status(personal_id, AS_OF).state == expected[state], state
    assert ClientRestriction.objects.get().client_id == states["restricted"]
    assert not Client.all_objects.exclude(ssn__isnull=True).exclude(ssn__startswith="xxxxx").exists()
    assert SocialSecurityNumber.objects.exists()
    # bulk-written clients are searchable: every live client has its search keys
    assert set(ClientSearchKey.objects.values_list("client_id", flat=True).distinct()) == set(
        Client.objects.values_list("pk", flat=True)
    )
