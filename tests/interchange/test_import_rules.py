"""Every rule of ../shared/spec/validation_rules.csv is checked by the import or listed, with the
reason, as not checked; every list rule the rows cannot check is left to SQL or listed."""

import re
from pathlib import Path

from hearth.hud.generated.rules import VALIDATION_RULES
from hearth.interchange import validation
from hearth.interchange.validation_rows import unchecked_list_rules

INTERCHANGE = Path(validation.__file__).parent


def rule_ids_in_code() -> set[str]:
    found: set[str] = set()
    for path in INTERCHANGE.glob("*.py"):
        if path.name in ("validation.py", "hud_records.py"):
            continue
        found |= set(re.findall(r'"((?:FMT|REF|HH|DT|CL|IB|PD)-\d\d)"', path.read_text(encoding="utf-8")))
    return found


def test_every_rule_is_checked_or_listed_as_not_checked():
    spec = {rule.rule_id for rule in VALIDATION_RULES}
    checked = rule_ids_in_code()

    assert spec - checked == set(validation.NOT_CHECKED)
    assert checked <= spec


def test_the_list_rules_left_out_of_row_checks_are_those_on_other_files():
    left = {(r.file, r.column, r.rule_type, r.condition) for r in unchecked_list_rules()}

    assert left == {
        ("Services.csv", "RecordType", "allowed_values", "Enrollment.ProjectType = 1"),
        ("CurrentLivingSituation.csv", "VerifiedBy", "dependent", "Project.ProjectType = 14"),
        ("Inventory.csv", "Availability", "dependent", "Project.ProjectType in (0,1)"),
        ("Inventory.csv", "ESBedType", "dependent", "Project.ProjectType in (0,1)"),
        (
            "Affiliation.csv",
            "ProjectID",
            "reference_constraint",
            "Project.ProjectType = 6 or (ProjectType = 13 and RRHSubType = 1)",
        ),
        (
            "Affiliation.csv",
            "ResProjectID",
            "reference_constraint",
            "Project.ProjectType in (0,1,2,3,8,9,10,13); if 13 then RRHSubType = 2",
        ),
        (
            "Exit.csv",
            "AftercareDate",
            "date_window",
            "ExitDate <= AftercareDate <= ExitDate + 180 days and AftercareProvided not null",
        ),
        (
            "Exit.csv",
            "AftercareProvided",
            "date_window",
            "AftercareDate between ExitDate and ExitDate + 180 days",
        ),
    }
