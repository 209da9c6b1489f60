"""HUD's field conditions: read, evaluated and handed to the page script the same way."""

import pytest

from hearth.enrollments import conditions
from hearth.enrollments.conditions import All, Any_, Comparison, ConditionError, Not
from hearth.hud.generated.rules import LIST_RULES


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("LivingSituation = 435", Comparison("LivingSituation", "in", (435,))),
        ("DisabilityType <> 10", Comparison("DisabilityType", "not in", (10,))),
        ("CurrentSchoolAttend in (1,2)", Comparison("CurrentSchoolAttend", "in", (1, 2))),
        ("HousingAssessment not in (1,2)", Comparison("HousingAssessment", "not in", (1, 2))),
        ("TCellCount not null", Comparison("TCellCount", "not null")),
        ("Project.ProjectType = 14", Comparison("Project.ProjectType", "in", (14,))),
        (
            "(RecordType = 144 and TypeProvided = 6) or (RecordType = 210 and TypeProvided = 12)",
            Any_(
                (
                    All((Comparison("RecordType", "in", (144,)), Comparison("TypeProvided", "in", (6,)))),
                    All((Comparison("RecordType", "in", (210,)), Comparison("TypeProvided", "in", (12,)))),
                )
            ),
        ),
        (
            "AftercareProvided = 1 (then 1 for methods used, 0 otherwise)",
            Comparison("AftercareProvided", "in", (1,)),
        ),
    ],
)
def test_conditions_are_read_into_trees(text, tree):
    assert conditions.parse(text) == tree


@pytest.mark.parametrize(
    "text", ["", "LivingSituation", "LivingSituation == 435", "A = 1 and", "A in (1,", "A = x"]
)
def test_unreadable_conditions_are_refused(text):
    with pytest.raises(ConditionError):
        conditions.parse(text)


def test_every_dependent_rule_of_the_spec_files_with_records_is_readable():
    files = {
        "Enrollment.csv",
        "Exit.csv",
        "IncomeBenefits.csv",
        "HealthAndDV.csv",
        "EmploymentEducation.csv",
        "Disabilities.csv",
        "Services.csv",
        "CurrentLivingSituation.csv",
        "YouthEducationStatus.csv",
    }
    rules = [
        r
        for r in LIST_RULES
        if r.file in files and r.rule_type in ("dependent", "conditional_list", "allowed_values")
    ]

    parsed = [conditions.parse(rule.condition) for rule in rules]

    assert len(parsed) == len(rules) == 81


@pytest.mark.parametrize(
    ("values", "holds"),
    [
        ({"A": 1, "B": 2}, True),
        ({"A": "1", "B": "2"}, True),
        ({"A": 1, "B": 3}, False),
        ({"A": None, "B": 2}, False),
        ({"A": "", "B": 2}, False),
        ({"B": 2}, False),
    ],
)
def test_an_unanswered_parent_triggers_nothing(values, holds):
    assert conditions.holds_for(conditions.parse("A = 1 and B in (2, 4)"), values) is holds


def test_not_in_and_not_null_need_an_answer_and_not_negates():
    not_in = conditions.parse("A not in (1,2)")
    not_null = conditions.parse("A not null")

    assert [conditions.holds_for(not_in, {"A": v}) for v in (None, 1, 3)] == [False, False, True]
    assert [conditions.holds_for(not_null, {"A": v}) for v in (None, "", 0)] == [False, False, True]
    assert conditions.holds_for(Not(not_in), {"A": 1}) is True


def test_known_values_resolve_what_they_decide():
    condition = conditions.parse(
        "(RecordType = 144 and TypeProvided = 6) or (RecordType = 210 and TypeProvided = 12)"
    )

    assert conditions.resolve(condition, {"RecordType": 144}) == Comparison("TypeProvided", "in", (6,))
    assert conditions.resolve(condition, {"RecordType": 200}) is False
    assert (
        conditions.resolve(conditions.parse("Project.ProjectType = 14"), {"Project.ProjectType": 14}) is True
    )


def test_the_page_script_gets_the_same_tree_with_input_names():
    condition = conditions.parse("WorkplaceViolenceThreats = 1 or WorkplacePromiseDifference = 1")

    assert condition.as_data(lambda name: f"exit-{name.lower()}") == {
        "any": [
            {"field": "exit-workplaceviolencethreats", "op": "in", "values": [1]},
            {"field": "exit-workplacepromisedifference", "op": "in", "values": [1]},
        ]
    }
