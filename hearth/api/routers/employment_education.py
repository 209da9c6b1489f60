"""Education and employment status (HMIS CSV EmploymentEducation.csv, HUD R4-R6) by data
collection stage: list, read, create, update, remove (``hearth.api.stage_records``)."""

from hearth.api.stage_records import record_router, stage_resource
from hearth.enrollments.models import EmploymentEducation

PREFIX = "/employment-education"
resource = stage_resource(
    "EmploymentEducation",
    EmploymentEducation,
    module=__name__,
    noun="employment and education record",
    tag="Employment and education",
)
router = record_router(resource)
