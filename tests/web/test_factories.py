"""The shared factories build records that satisfy the database and HUD's code lists."""

import pytest

from hearth.access.models import HMISUser
from hearth.hud.generated.lists import RelationshipToHoH
from tests import factories

ALL_FACTORIES = [
    factories.HMISUserFactory,
    factories.AccountFactory,
    factories.OrganizationFactory,
    factories.ProjectFactory,
    factories.ProjectCoCFactory,
    factories.InventoryFactory,
    factories.FunderFactory,
    factories.ClientFactory,
    factories.EnrollmentFactory,
    factories.ExitFactory,
    factories.ServicesFactory,
]


@pytest.mark.django_db
@pytest.mark.parametrize("factory", ALL_FACTORIES, ids=lambda f: f.__name__)
def test_factory_builds_a_valid_record(factory):
    record = factory()

    record.full_clean()  # lengths, code lists (choices) and non-null columns
    assert type(record).objects.filter(pk=record.pk).count() == 1


@pytest.mark.django_db
def test_an_enrollment_heads_its_own_household_by_default():
    first, second = factories.EnrollmentFactory.create_batch(2)

    assert first.relationship_to_hoh == RelationshipToHoH.SELF_HEAD_OF_HOUSEHOLD
    assert len(first.household_id) == 32
    assert first.household_id != second.household_id


@pytest.mark.django_db
def test_exit_and_service_belong_to_the_enrollments_client():
    exit_ = factories.ExitFactory()
    service = factories.ServicesFactory()

    assert exit_.client_id == exit_.enrollment.client_id
    assert service.client_id == service.enrollment.client_id


@pytest.mark.django_db
def test_account_signs_in_with_the_default_password():
    account = factories.AccountFactory()

    assert account.check_password(factories.DEFAULT_PASSWORD)
    assert HMISUser.objects.filter(pk=account.hmis_user_id).count() == 1
