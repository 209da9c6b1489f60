"""Services.csv: which kinds of service a project records, and the fields each kind takes.

A kind of service is a RecordType (list 1.4) whose data element applies to the project and person
(``elements_for`` at the update stage; the element's CSV file names its RecordType, e.g.
"Services.csv (RecordType 141)").  Bed nights (RecordType 200) belong to night-by-night shelters
only (LIST_RULES "allowed_values"; DT-05).  TypeProvided takes the list its RecordType names
(LIST_RULES "conditional_list"); SubTypeProvided, the other-type text, the financial assistance
amount and dates and the referral outcome are dependent fields (LIST_RULES "dependent").
"""

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from hearth.enrollments import conditions, labels
from hearth.enrollments.assessments import CONDITIONAL_LISTS, DEPENDENT, Choice, Situation
from hearth.enrollments.conditions import All, Any_, Comparison, Condition
from hearth.hud.collection import APPLICABILITY, elements_for
from hearth.hud.generated.lists import LISTS, DataCollectionStage, ProjectType, RecordType
from hearth.hud.generated.rules import LIST_RULES

FILE = "Services.csv"
BED_NIGHT = RecordType.BED_NIGHT.value
_RECORD_TYPE_IN_FILE = re.compile(r"Services\.csv \(RecordType (\d+)\)")

# RecordType -> the element it records, read from the element table's CSV file column.
ELEMENT_OF_RECORD_TYPE: Mapping[int, str] = {
    int(match[1]): number
    for number, app in APPLICABILITY.items()
    if (match := _RECORD_TYPE_IN_FILE.search(app.element.csv_files))
}


def _bed_night_project_types() -> frozenset[int]:
    for rule in LIST_RULES:
        if rule.file == FILE and rule.column == "RecordType" and rule.rule_type == "allowed_values":
            condition = conditions.parse(rule.condition)
            return frozenset(
                code for code in ProjectType.values if condition.holds({"Enrollment.ProjectType": code}.get)
            )
    return frozenset({ProjectType.EMERGENCY_SHELTER_NIGHT_BY_NIGHT.value})


BED_NIGHT_PROJECT_TYPES = _bed_night_project_types()


@dataclass(frozen=True)
class ServiceKind:
    record_type: int
    element: str
    label: Promise | str
    types: tuple[Choice, ...]


def _choices(number: str) -> tuple[Choice, ...]:
    hud_list = LISTS[number]
    labels_by_code = dict(hud_list.choices.choices)
    return tuple(
        Choice(code, labels_by_code[code]) for code in labels_by_code if code in hud_list.active_codes
    )


def type_list(column: str, values: Mapping[str, Any]) -> str | None:
    """The list of TypeProvided or SubTypeProvided for these values of RecordType (and TypeProvided)."""
    for condition, number in CONDITIONAL_LISTS.get((FILE, column), ()):
        if condition.holds(values.get):
            return number
    return None


def type_choices(column: str, values: Mapping[str, Any]) -> tuple[Choice, ...]:
    number = type_list(column, values)
    return _choices(number) if number else ()


@functools.cache
def service_kinds(situation: Situation) -> tuple[ServiceKind, ...]:
    """The kinds of service this project records for this person, in list 1.4 order."""
    applying = {
        element.element
        for element in elements_for(
            stage=DataCollectionStage.UPDATE,
            project_type=situation.project_type,
            funding_sources=situation.funding_sources,
            relationship_to_hoh=situation.relationship_to_hoh,
            age=situation.age,
            rrh_sub_type=situation.rrh_sub_type,
            provides_coordinated_entry=situation.provides_coordinated_entry,
            is_veteran=situation.is_veteran,
            has_hiv_aids=situation.has_hiv_aids,
        )
    }
    kinds = []
    for record_type in RecordType.values:
        is_bed_night = record_type == BED_NIGHT
        if is_bed_night:
            # 4.14 applies to every night-by-night shelter in HMIS, whatever its funding (element note).
            if situation.project_type not in BED_NIGHT_PROJECT_TYPES:
                continue
        elif ELEMENT_OF_RECORD_TYPE.get(record_type) not in applying:
            continue
        kinds.append(
            ServiceKind(
                record_type=record_type,
                element=ELEMENT_OF_RECORD_TYPE.get(record_type, ""),
                label=RecordType(record_type).label,
                types=type_choices("TypeProvided", {"RecordType": record_type}),
            )
        )
    return tuple(kinds)


# --- The fields of the service form, with their conditions in input names --------------------------

DEPENDENT_FIELDS = (
    "SubTypeProvided",
    "OtherTypeProvided",
    "MovingOnOtherType",
    "FAAmount",
    "FAStartDate",
    "FAEndDate",
    "ReferralOutcome",
)
FIELD_NAMES: Mapping[str, str] = {
    "SubTypeProvided": "sub_type_provided",
    "OtherTypeProvided": "other_type_provided",
    "MovingOnOtherType": "moving_on_other_type",
    "FAAmount": "fa_amount",
    "FAStartDate": "fa_start_date",
    "FAEndDate": "fa_end_date",
    "ReferralOutcome": "referral_outcome",
}


def type_input(record_type: int) -> str:
    return f"type_provided-{record_type}"


def sub_type_input(type_provided: int) -> str:
    return f"sub_type_provided-{type_provided}"


def _in_inputs(condition: Condition, record_type: int) -> Condition | bool:
    """``condition`` for one RecordType, with TypeProvided named by that record type's input."""
    resolved = conditions.resolve(condition, {"RecordType": record_type})
    if isinstance(resolved, bool):
        return resolved
    return _rename(resolved, {"TypeProvided": type_input(record_type)})


def _rename(condition: Condition, names: Mapping[str, str]) -> Condition:
    if isinstance(condition, Comparison):
        return Comparison(names.get(condition.name, condition.name), condition.operator, condition.values)
    if isinstance(condition, conditions.Not):
        return conditions.Not(_rename(condition.part, names))
    parts = tuple(_rename(part, names) for part in condition.parts)
    return All(parts) if isinstance(condition, All) else Any_(parts)


def shown_if(condition: Condition, kinds: tuple[ServiceKind, ...]) -> Condition | None:
    """When a dependent field shows on the form: for some offered RecordType, its condition holds."""
    options: list[Condition] = []
    for kind in kinds:
        resolved = _in_inputs(condition, kind.record_type)
        if resolved is False:
            continue
        selected = Comparison("record_type", "in", (kind.record_type,))
        options.append(selected if resolved is True else All((selected, resolved)))
    if not options:
        return None
    return options[0] if len(options) == 1 else Any_(tuple(options))


@dataclass(frozen=True)
class ServiceField:
    name: str  # input name
    column: str  # HUD column name
    label: Promise | str
    shown_if: Condition
    choices: tuple[Choice, ...] = ()

    def condition_data(self) -> dict[str, Any]:
        return self.shown_if.as_data(lambda name: name)


def service_fields(kinds: tuple[ServiceKind, ...]) -> tuple[ServiceField, ...]:
    """The type, sub-type and dependent fields the offered kinds need, each with its condition."""
    fields = [
        ServiceField(
            type_input(k.record_type), "TypeProvided", labels.question("TypeProvided"), _selected(k), k.types
        )
        for k in kinds
    ]
    for kind in kinds:
        for condition, number in CONDITIONAL_LISTS.get((FILE, "SubTypeProvided"), ()):
            resolved = _in_inputs(condition, kind.record_type)
            if resolved is False or resolved is True:
                continue
            type_provided = _only_value(resolved, type_input(kind.record_type))
            fields.append(
                ServiceField(
                    sub_type_input(type_provided),
                    "SubTypeProvided",
                    labels.question("SubTypeProvided"),
                    All((_selected(kind), resolved)),
                    _choices(number),
                )
            )
    for column in DEPENDENT_FIELDS[1:]:
        rule = DEPENDENT.get((FILE, column))
        shown = shown_if(rule, kinds) if rule is not None else None
        if shown is None:
            continue
        number = next((r.list for r in LIST_RULES if r.file == FILE and r.column == column and r.list), "")
        fields.append(
            ServiceField(
                FIELD_NAMES[column],
                column,
                labels.question(column),
                shown,
                _choices(number) if number else (),
            )
        )
    return tuple(fields)


def _selected(kind: ServiceKind) -> Condition:
    return Comparison("record_type", "in", (kind.record_type,))


def _only_value(condition: Condition, name: str) -> int:
    if isinstance(condition, Comparison) and condition.name == name and len(condition.values) == 1:
        return condition.values[0]
    raise conditions.ConditionError(f"expected a single TypeProvided value, got {condition!r}")


def applies(column: str, record_type: int, type_provided: int | None) -> bool:
    """Whether a dependent Services.csv column holds a value for this RecordType and TypeProvided."""
    if column == "SubTypeProvided":
        return type_list(column, {"RecordType": record_type, "TypeProvided": type_provided}) is not None
    condition = DEPENDENT.get((FILE, column))
    return condition is not None and condition.holds(
        {"RecordType": record_type, "TypeProvided": type_provided}.get
    )
