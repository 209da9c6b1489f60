"""Disabilities (HMIS CSV Disabilities.csv, HUD 4.05-4.10, W4, W6), one row per DisabilityType by
data collection stage: list, read, create, update, remove (``hearth.api.stage_records``)."""

from hearth.api.stage_records import record_router, stage_resource
from hearth.enrollments.models import Disabilities

PREFIX = "/disabilities"
resource = stage_resource(
    "Disabilities", Disabilities, module=__name__, noun="disability record", tag="Disabilities"
)
router = record_router(resource)
