"""Youth education status (HMIS CSV YouthEducationStatus.csv, HUD C3) by data collection stage:
list, read, create, update, remove (``hearth.api.stage_records``)."""

from hearth.api.stage_records import record_router, stage_resource
from hearth.enrollments.models import YouthEducationStatus

PREFIX = "/youth-education-status"
resource = stage_resource(
    "YouthEducationStatus",
    YouthEducationStatus,
    module=__name__,
    noun="youth education status record",
    tag="Youth education status",
)
router = record_router(resource)
