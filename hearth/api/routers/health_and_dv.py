"""Domestic violence and health status (HMIS CSV HealthAndDV.csv, HUD 4.11, R7-R10) by data
collection stage: list, read, create, update, remove (``hearth.api.stage_records``)."""

from hearth.api.stage_records import record_router, stage_resource
from hearth.enrollments.models import HealthAndDV

PREFIX = "/health-and-dv"
resource = stage_resource(
    "HealthAndDV", HealthAndDV, module=__name__, noun="health and DV record", tag="Health and DV"
)
router = record_router(resource)
