"""Data quality as staff type: missing and unknown answers flagged, doubtful dates, completeness."""

import datetime

import pytest

from hearth.enrollments import data_quality as dq
from hearth.enrollments.assessments import Stage, questionnaire
from hearth.hud.generated.lists import FundingSource, ProjectType
from tests.enrollments.test_questionnaires import situation

SHELTER = situation(
    ProjectType.EMERGENCY_SHELTER_ENTRY_EXIT, [FundingSource.HUD_ESG_EMERGENCY_SHELTER_OPERATING_AND]
)
TODAY = datetime.date(2026, 3, 1)


def test_missing_and_unknown_answers_are_flagged_as_warnings():
    q = questionnaire(SHELTER, Stage.PROJECT_EXIT)

    findings = dq.check_missing(
        q,
        {
            "exit-exit_date": TODAY,
            "exit-destination": 8,
            "income-income_from_any_source": 99,
            "income-benefits_from_any_source": 9,
            "income-insurance_from_any_source": 1,
            **{f"disability{t}-disability_response": 0 for t in range(5, 11)},
        },
    )

    assert [(f.field, f.is_error) for f in findings] == [
        ("exit-destination", False),
        ("income-income_from_any_source", False),
        ("income-benefits_from_any_source", False),
    ]
    assert findings[1].message == "Not collected yet: HUD requires this answer."


def test_completeness_counts_only_real_answers():
    entry = questionnaire(SHELTER, Stage.PROJECT_ENTRY)
    leaving = questionnaire(SHELTER, Stage.PROJECT_EXIT)

    result = dq.completeness(
        [
            (
                entry,
                {
                    "enrollment-disabling_condition": 0,
                    "enrollment-living_situation": 116,
                    "income-income_from_any_source": 8,
                },
            ),
            (leaving, {"exit-exit_date": TODAY, "exit-destination": 30}),
        ]
    )

    assert (result.answered, result.required, result.percent) == (3, 12 + 11, 13)
    assert [str(t) for t in result.missing[:2]] == ["Income and sources", "Non-cash benefits"]
    assert "Destination" in [str(t) for t in result.missing]


def test_a_date_of_birth_after_project_start_stops_and_over_100_asks_to_confirm():
    after = dq.check_date_of_birth(
        "entry_date",
        datetime.date(2026, 2, 1),
        entry_date=datetime.date(2026, 1, 1),
        today=TODAY,
        is_head=True,
    )
    old = dq.check_date_of_birth(
        "entry_date",
        datetime.date(1920, 1, 1),
        entry_date=datetime.date(2026, 1, 1),
        today=TODAY,
        is_head=False,
    )

    assert [(f.is_error, f.rule, f.message) for f in after] == [
        (True, "DT-07", "The project start date is before the client's date of birth (2026-02-01).")
    ]
    assert [(f.is_error, f.message) for f in old] == [
        (False, "The client would be over 100 years old: please confirm the date of birth.")
    ]


def test_an_error_stops_and_warnings_pass_through():
    warning = dq.warning("a", "look")

    assert dq.raise_errors([warning]) == [warning]
    with pytest.raises(dq.EnrollmentError) as refused:
        dq.raise_errors([warning, dq.error("b", "stop")])
    assert refused.value.by_field == {"b": ["stop"]}
