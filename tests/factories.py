"""factory_boy factories for Hearth's records, valid against the FY2026 HMIS CSV specification.

Every non-null column gets a value from its HUD code list; nullable columns stay empty unless a
realistic record has them.  Defaults describe an emergency shelter in the installation's Continuum
(settings.HEARTH_COC_CODE) whose client entered 30 days ago as a single-person household and is
still enrolled.  Pass the values a test is about explicitly, e.g.

    enrollment = EnrollmentFactory(entry_date=date(2025, 10, 1), project__project_type=ProjectType.SAFE_HAVEN)
    ExitFactory(enrollment=enrollment, exit_date=date(2025, 12, 1))

Each record's UserID is a new HMISUser; pass ``user=`` to share one.
"""

import datetime
import functools

import factory
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from hearth.access.models import Account, HMISUser
from hearth.agencies.models import Funder, Inventory, Organization, Project, ProjectCoC
from hearth.clients.models import Client
from hearth.enrollments.models import Enrollment, Exit, Services
from hearth.hud.generated.lists import (
    Availability,
    BedNight,
    BedType,
    DOBDataQuality,
    FundingSource,
    HouseholdType,
    HousingType,
    LivingSituation,
    NameDataQuality,
    NoYes,
    NoYesReasonsForMissingData,
    ProjectType,
    RecordType,
    RelationshipToHoH,
    Sex,
    SSNDataQuality,
)
from hearth.hud.ids import new_hud_id

DEFAULT_PASSWORD = "correct horse battery staple"
EMERGENCY_SHELTER_TYPES = (
    ProjectType.EMERGENCY_SHELTER_ENTRY_EXIT,
    ProjectType.EMERGENCY_SHELTER_NIGHT_BY_NIGHT,
)


@functools.cache
def default_password_hash() -> str:
    """DEFAULT_PASSWORD hashed once per test run: Argon2 is slow on purpose."""
    return make_password(DEFAULT_PASSWORD)


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


class HMISUserFactory(factory.django.DjangoModelFactory):
    """HUD's User record (User.csv): who entered data."""

    class Meta:
        model = HMISUser

    user_first_name = factory.Faker("first_name")
    user_last_name = factory.Faker("last_name")
    user_email = factory.LazyAttribute(
        lambda o: f"{o.user_first_name}.{o.user_last_name}@example.org".lower()
    )


class AccountFactory(factory.django.DjangoModelFactory):
    """A person who signs in, with DEFAULT_PASSWORD and a HUD User record."""

    class Meta:
        model = Account

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.LazyFunction(default_password_hash)
    hmis_user = factory.SubFactory(HMISUserFactory)
    # The yearly user agreement and privacy training are on file (no client data without them).
    agreement_accepted_at = factory.LazyFunction(timezone.now)
    training_completed_on = factory.LazyFunction(timezone.localdate)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    organization_name = factory.Sequence(lambda n: f"Organization {n}")
    victim_service_provider = NoYes.NO
    user = factory.SubFactory(HMISUserFactory)


class ProjectFactory(factory.django.DjangoModelFactory):
    """A CoC-funded site-based emergency shelter (entry/exit) that opened in 2020."""

    class Meta:
        model = Project

    organization = factory.SubFactory(OrganizationFactory)
    project_name = factory.Sequence(lambda n: f"Project {n}")
    operating_start_date = datetime.date(2020, 1, 1)
    continuum_project = NoYes.YES
    project_type = ProjectType.EMERGENCY_SHELTER_ENTRY_EXIT
    housing_type = HousingType.SITE_BASED_SINGLE_SITE
    user = factory.SubFactory(HMISUserFactory)


class ProjectCoCFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectCoC

    project = factory.SubFactory(ProjectFactory)
    coc_code = factory.LazyFunction(lambda: settings.HEARTH_COC_CODE)
    user = factory.SubFactory(HMISUserFactory)


class InventoryFactory(factory.django.DjangoModelFactory):
    """Year-round beds for households without children, all in the "other beds" category.

    BedInventory equals the sum of the category counts (HUD 2.07; validation rule PD-01); the
    emergency-shelter-only fields (availability, bed type) are set for emergency shelters only.
    """

    class Meta:
        model = Inventory

    project = factory.SubFactory(ProjectFactory)
    coc_code = factory.LazyFunction(lambda: settings.HEARTH_COC_CODE)
    household_type = HouseholdType.HOUSEHOLDS_WITHOUT_CHILDREN
    bed_inventory = 10
    unit_inventory = factory.SelfAttribute("bed_inventory")
    ch_vet_bed_inventory = 0
    youth_vet_bed_inventory = 0
    vet_bed_inventory = 0
    ch_youth_bed_inventory = 0
    youth_bed_inventory = 0
    ch_bed_inventory = 0
    other_bed_inventory = factory.SelfAttribute("bed_inventory")
    availability = factory.LazyAttribute(
        lambda o: Availability.YEAR_ROUND if o.project.project_type in EMERGENCY_SHELTER_TYPES else None
    )
    es_bed_type = factory.LazyAttribute(
        lambda o: BedType.FACILITY_BASED_BEDS if o.project.project_type in EMERGENCY_SHELTER_TYPES else None
    )
    inventory_start_date = datetime.date(2020, 1, 1)
    user = factory.SubFactory(HMISUserFactory)


class FunderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funder

    project = factory.SubFactory(ProjectFactory)
    funder = FundingSource.HUD_ESG_EMERGENCY_SHELTER_OPERATING_AND
    grant_id = factory.Sequence(lambda n: f"GRANT-{n:05d}")
    start_date = datetime.date(2020, 1, 1)
    user = factory.SubFactory(HMISUserFactory)


class ClientFactory(factory.django.DjangoModelFactory):
    """An adult non-veteran with full name, SSN and date of birth reported."""

    class Meta:
        model = Client

    class Params:
        formatted_ssn = factory.Faker("ssn")

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    name_data_quality = NameDataQuality.FULL_NAME_REPORTED
    ssn = factory.LazyAttribute(lambda o: o.formatted_ssn.replace("-", ""))
    ssn_data_quality = SSNDataQuality.FULL_SSN_REPORTED
    dob = factory.Faker("date_of_birth", minimum_age=18, maximum_age=80)
    dob_data_quality = DOBDataQuality.FULL_DOB_REPORTED
    sex = Sex.FEMALE
    am_ind_ak_native = NoYes.NO
    asian = NoYes.NO
    black_af_american = NoYes.YES
    hispanic_latinao = NoYes.NO
    mid_east_n_african = NoYes.NO
    native_hi_pacific = NoYes.NO
    white = NoYes.NO
    veteran_status = NoYesReasonsForMissingData.NO
    user = factory.SubFactory(HMISUserFactory)


class EnrollmentFactory(factory.django.DjangoModelFactory):
    """A head of household alone in their household, entered 30 days ago from the street."""

    class Meta:
        model = Enrollment

    client = factory.SubFactory(ClientFactory)
    project = factory.SubFactory(ProjectFactory)
    entry_date = factory.LazyFunction(lambda: days_ago(30))
    household_id = factory.LazyFunction(new_hud_id)
    relationship_to_hoh = RelationshipToHoH.SELF_HEAD_OF_HOUSEHOLD
    enrollment_coc = factory.LazyFunction(lambda: settings.HEARTH_COC_CODE)
    living_situation = LivingSituation.PLACE_NOT_MEANT_FOR_HABITATION_E
    disabling_condition = NoYesReasonsForMissingData.NO
    user = factory.SubFactory(HMISUserFactory)


class ExitFactory(factory.django.DjangoModelFactory):
    """An exit to a rental without subsidy, on the day of creation unless ``exit_date`` is given."""

    class Meta:
        model = Exit

    enrollment = factory.SubFactory(EnrollmentFactory)
    client = factory.SelfAttribute("enrollment.client")
    exit_date = factory.LazyFunction(timezone.localdate)
    destination = LivingSituation.RENTAL_BY_CLIENT_NO_ONGOING_HOUSING
    user = factory.SubFactory(HMISUserFactory)


class ServicesFactory(factory.django.DjangoModelFactory):
    """A bed night (HUD 4.14) in a night-by-night emergency shelter, on the enrollment's entry date."""

    class Meta:
        model = Services

    enrollment = factory.SubFactory(
        EnrollmentFactory, project__project_type=ProjectType.EMERGENCY_SHELTER_NIGHT_BY_NIGHT
    )
    client = factory.SelfAttribute("enrollment.client")
    date_provided = factory.SelfAttribute("enrollment.entry_date")
    record_type = RecordType.BED_NIGHT
    type_provided = BedNight.BEDNIGHT
    user = factory.SubFactory(HMISUserFactory)
