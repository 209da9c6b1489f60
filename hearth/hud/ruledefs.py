"""The shape of HUD's rules as data: conditional lists, living situations, data elements, validation."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ListRule:
    file: str
    column: str
    rule_type: str  # exclude_values | allowed_values | conditional_list | dependent | ...
    condition: str  # e.g. "LivingSituation = 435", "always"
    list: str | None
    values: str  # comma-separated codes, where the rule names them
    note: str


@dataclass(frozen=True)
class LivingSituation:
    code: int
    category: str  # Homeless, Institutional, Temporary, Permanent, Other
    display_order: int
    prior_living_situation: bool  # valid for 3.917
    current_living_situation: bool  # valid for 4.12
    destination: bool  # valid for 3.12
    has_subsidy_dependent: bool


@dataclass(frozen=True)
class DataElement:
    element: str  # HUD's element number, e.g. "3.917", "R4", "V10"
    name: str
    element_type: str
    csv_files: str
    collected_about: str  # "All Clients", "Head of Household and Adults", ...
    collection_points: dict[str, str]  # stage -> "Y" or a cardinality such as "0..1"
    stage_required: bool  # whether DataCollectionStage is recorded with the element
    project_types: str  # HUD's applicability text, e.g. "All", "1,4,6", "3.917A: 0,1,4,8; ..."
    funders: str  # HUD's funder applicability text
    status: str  # active | new | removed
    note: str


@dataclass(frozen=True)
class ValidationRule:
    rule_id: str
    scope: str
    rule: str
    severity: str  # reject | error | info
    source: str
