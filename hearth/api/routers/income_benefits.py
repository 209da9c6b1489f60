"""Income, non-cash benefits and health insurance (HMIS CSV IncomeBenefits.csv, HUD 4.02-4.04, W3,
P4) by data collection stage: list, read, create, update, remove (``hearth.api.stage_records``)."""

from hearth.api.stage_records import record_router, stage_resource
from hearth.enrollments.models import IncomeBenefits

PREFIX = "/income-benefits"
resource = stage_resource(
    "IncomeBenefits",
    IncomeBenefits,
    module=__name__,
    noun="income and benefits record",
    tag="Income and benefits",
)
router = record_router(resource)
