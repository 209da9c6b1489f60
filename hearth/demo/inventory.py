"""Bed and unit inventory of residential projects (HUD 2.07).

BedInventory is the sum of the seven bed columns (CH veteran, youth veteran, veteran, CH youth,
youth, CH and other beds); UnitInventory never exceeds it.  Availability and ESBedType are only
for emergency shelters (list_rules.csv: dependent on ProjectType 0 or 1).
"""

import datetime as dt
from typing import TYPE_CHECKING, Any

from hearth.agencies.models import Inventory
from hearth.demo import catalog
from hearth.demo.draws import Draws
from hearth.demo.streams import Streams
from hearth.hud.generated.lists import Availability, BedType, HouseholdType

if TYPE_CHECKING:
    from hearth.demo.agencies import ProjectPlan

BED_COLUMNS = (
    "ch_vet_bed_inventory",
    "youth_vet_bed_inventory",
    "vet_bed_inventory",
    "ch_youth_bed_inventory",
    "youth_bed_inventory",
    "ch_bed_inventory",
    "other_bed_inventory",
)


def bed_split(draws: Draws, population: str, beds: int, *, is_psh: bool) -> dict[str, int]:
    """Dedicated beds by subpopulation; what is not dedicated counts as other beds."""
    split = dict.fromkeys(BED_COLUMNS, 0)
    if population == "veteran":
        chronic = beds // 4 if is_psh else 0
        split["ch_vet_bed_inventory"] = chronic
        split["vet_bed_inventory"] = beds - chronic
    elif population in {"youth", "child"}:
        chronic = beds // 5 if is_psh else 0
        split["ch_youth_bed_inventory"] = chronic
        split["youth_bed_inventory"] = beds - chronic
    elif is_psh:
        chronic = draws.integer(beds // 3, beds)
        split["ch_bed_inventory"] = chronic
        split["other_bed_inventory"] = beds - chronic
    else:
        split["other_bed_inventory"] = beds
    return split


def write_inventory(
    draws: Draws, streams: Streams, plan: "ProjectPlan", started: dt.date, meta: dict[str, Any]
) -> None:
    template = plan.template
    is_shelter = plan.project_type in {0, 1}
    rows = streams.open(Inventory)
    for household_type in template.household_types:
        beds = draws.integer(*template.beds)
        if household_type == HouseholdType.HOUSEHOLDS_WITH_AT_LEAST_ONE_ADULT:
            units = max(1, beds // 3)
        elif is_shelter and not template.voucher_beds:
            units = max(1, beds // draws.integer(1, 4))  # dormitory rooms
        else:
            units = beds
        record = meta | {
            "inventory_id": draws.new_id(),
            "coc_code": catalog.COC_CODE,
            "household_type": household_type,
            "unit_inventory": units,
            "bed_inventory": beds,
            "inventory_start_date": started,
            "inventory_end_date": plan.closes,
        }
        record |= bed_split(draws, plan.population, beds, is_psh=plan.project_type == 3)
        if is_shelter:
            record["availability"] = Availability.YEAR_ROUND
            record["es_bed_type"] = (
                BedType.VOUCHER_BEDS if template.voucher_beds else BedType.FACILITY_BASED_BEDS
            )
        rows.add_record(record)
