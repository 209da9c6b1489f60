"""Services, referrals, financial assistance and bed nights (HMIS CSV Services.csv): list, read,
create, update, remove (``hearth.api.stage_records``), written through
``hearth.enrollments.activity_records``."""

from hearth.api.stage_records import RecordResource, record_router
from hearth.enrollments import activity_records
from hearth.enrollments.models import Services

PREFIX = "/services"
resource = RecordResource(
    file="Services",
    model=Services,
    module=__name__,
    noun="service",
    tag="Services",
    date_column="DateProvided",
    create=activity_records.create_service,
    update=activity_records.update_service,
    delete=activity_records.delete_service,
    record_argument="services_id",
    create_required=["EnrollmentID", "DateProvided", "RecordType", "TypeProvided"],
    filters=["RecordType"],
    description=(
        "A service, referral, financial assistance or bed night on a date during the stay: a kind "
        "(RecordType) the project records for this person, TypeProvided from that kind's list, and "
        "the dependent fields where they apply (others are refused). A bed night (200) only in a "
        "night-by-night shelter, before the exit date and one a night (DT-05)."
    ),
)
router = record_router(resource)
