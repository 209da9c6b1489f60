"""Contacts and the living situation observed at each (HMIS CSV CurrentLivingSituation.csv, HUD
4.12): list, read, create, update, remove (``hearth.api.stage_records``), written through
``hearth.enrollments.activity_records``."""

from hearth.api.stage_records import RecordResource, record_router
from hearth.enrollments import activity_records
from hearth.enrollments.models import CurrentLivingSituation

PREFIX = "/current-living-situations"
resource = RecordResource(
    file="CurrentLivingSituation",
    model=CurrentLivingSituation,
    module=__name__,
    noun="current living situation",
    tag="Current living situation",
    date_column="InformationDate",
    create=activity_records.create_contact,
    update=activity_records.update_contact,
    delete=activity_records.delete_contact,
    record_argument="contact_id",
    create_arguments=["EnrollmentID", "InformationDate"],
    create_required=["EnrollmentID", "InformationDate", "CurrentLivingSituation"],
    filters=["CurrentLivingSituation"],
    description=(
        "A contact during the stay (not in the future), in a project type that records 4.12 (street "
        "outreach, night-by-night shelter, services only, coordinated entry). Fields that do not apply "
        "given the living situation (HUD's dependent fields) are refused."
    ),
)
router = record_router(resource)
