"""The questions of each stage: exactly HUD's elements for the project, funders and person."""

import datetime
import itertools

import pytest

from hearth.enrollments import labels
from hearth.enrollments.assessments import (
    AnnualWindow,
    Situation,
    Stage,
    annual_window,
    annual_window_holding,
    contact_questionnaire,
    latest_annual_window,
    questionnaire,
    record_values,
    stored_answers,
)
from hearth.hud.collection import elements_for
from hearth.hud.generated.lists import LISTS, FundingSource, ProjectType
from hearth.hud.generated.rules import LIVING_SITUATIONS

ESG_SHELTER = FundingSource.HUD_ESG_EMERGENCY_SHELTER_OPERATING_AND
COC_RRH = FundingSource.HUD_COC_RAPID_RE_HOUSING
SSVF = FundingSource.VA_SUPPORTIVE_SERVICES_FOR_VETERAN_FAMILIES
RHY_TLP = FundingSource.HHS_RHY_TRANSITIONAL_LIVING_PROGRAM
HOPWA_PH = FundingSource.HUD_HOPWA_PERMANENT_HOUSING_FACILITY_BASED
PATH = FundingSource.HHS_PATH_STREET_OUTREACH_SUPPORTIVE_SERVICES


def situation(project_type, funders=(), *, relationship=1, age=35, veteran=False, hiv=None, rrh=None):
    return Situation(
        project_type=project_type,
        rrh_sub_type=rrh if project_type == ProjectType.PH_RAPID_RE_HOUSING else None,
        funding_sources=frozenset(funders),
        provides_coordinated_entry=False,
        relationship_to_hoh=relationship,
        age=age,
        is_veteran=veteran,
        has_hiv_aids=hiv,
    )


SITUATIONS = [
    situation(ProjectType.EMERGENCY_SHELTER_ENTRY_EXIT, [ESG_SHELTER]),
    situation(ProjectType.EMERGENCY_SHELTER_NIGHT_BY_NIGHT, [ESG_SHELTER]),
    situation(ProjectType.PH_RAPID_RE_HOUSING, [COC_RRH], rrh=2),
    situation(ProjectType.PH_RAPID_RE_HOUSING, [COC_RRH], relationship=2, age=7, rrh=2),
    situation(ProjectType.PH_RAPID_RE_HOUSING, [SSVF], veteran=True, rrh=2),
    situation(ProjectType.TRANSITIONAL_HOUSING, [RHY_TLP], age=19),
    situation(ProjectType.PH_PERMANENT_SUPPORTIVE_HOUSING, [HOPWA_PH], hiv=True),
    situation(ProjectType.STREET_OUTREACH, [PATH]),
    situation(ProjectType.SERVICES_ONLY, []),
]
STAGES = [Stage.PROJECT_ENTRY, Stage.UPDATE, Stage.ANNUAL_ASSESSMENT, Stage.PROJECT_EXIT]
ELSEWHERE = {"3.10", "3.15", "3.16", "3.20", "4.12"}  # household, move-in form, contacts


def required(s, stage):
    return [
        e.element
        for e in elements_for(
            stage=stage,
            project_type=s.project_type,
            funding_sources=s.funding_sources,
            relationship_to_hoh=s.relationship_to_hoh,
            age=s.age,
            rrh_sub_type=s.rrh_sub_type,
            is_veteran=s.is_veteran,
            has_hiv_aids=s.has_hiv_aids,
        )
    ]


@pytest.mark.parametrize(("s", "stage"), list(itertools.product(SITUATIONS, STAGES)))
def test_each_stage_asks_exactly_the_elements_hud_requires_that_are_recorded_on_it(s, stage):
    on_form = [
        e
        for e in required(s, stage)
        if e not in ELSEWHERE
        # services, bed nights, coordinated entry and client-record elements have their own pages
        and e
        not in {"4.14", "4.19", "4.20", "P1", "P2", "R14", "V2", "V3", "V8", "W1", "W2", "C2", "V1", "3.07"}
    ]
    # W4 and W6 are asked on the HIV/AIDS row of the disabilities, which holds them.
    expected = [e for e in on_form if e not in ("W4", "W6")]
    if any(e in on_form for e in ("W4", "W6")) and "4.08" not in expected:
        expected.append("4.08")
    if stage == Stage.PROJECT_EXIT:
        # R20 Aftercare Plans is collected after the exit and kept in Exit.csv: the exit form asks it.
        expected += [e for e in required(s, Stage.POST_EXIT_NOT_USED_IN_CSV) if e == "R20"]

    q = questionnaire(s, stage)
    assert list(q.elements) == expected
    assert [section.element for section in q.sections if section.is_post_exit] == [
        e for e in expected if e == "R20"
    ]


def test_an_esg_shelter_asks_a_head_of_household_these_elements_at_project_start():
    q = questionnaire(SITUATIONS[0], Stage.PROJECT_ENTRY)

    assert q.elements == (
        "3.08",
        "3.917",
        "4.02",
        "4.03",
        "4.04",
        "4.05",
        "4.06",
        "4.07",
        "4.08",
        "4.09",
        "4.10",
        "4.11",
    )
    assert [s.title for s in q.sections][:3] == [
        "Disabling condition",
        "Prior living situation",
        "Income and sources",
    ]


def test_a_child_is_asked_only_what_hud_asks_of_every_client():
    q = questionnaire(SITUATIONS[3], Stage.PROJECT_ENTRY)

    assert q.elements == ("3.08", "4.04", "4.05", "4.06", "4.07", "4.08", "4.09", "4.10")


def test_a_hopwa_client_with_hiv_is_asked_about_t_cells_on_the_hiv_row():
    q = questionnaire(SITUATIONS[6], Stage.ANNUAL_ASSESSMENT)

    hiv = next(s for s in q.sections if s.element == "4.08")
    assert [question.name for question in hiv.questions] == [
        "disability8-disability_response",
        "disability8-t_cell_count_available",
        "disability8-t_cell_count",
        "disability8-t_cell_source",
        "disability8-viral_load_available",
        "disability8-viral_load",
        "disability8-viral_load_source",
    ]


@pytest.mark.parametrize(("s", "stage"), list(itertools.product(SITUATIONS, STAGES)))
def test_every_question_has_wording_and_its_parents_come_first(s, stage):
    q = questionnaire(s, stage)
    seen: set[str] = set()
    for question in q.questions:
        name = question.column.name
        worded_from_another = (
            name == "DisabilityResponse" or name.endswith("Amount") or question.column.list == "4.04.A"
        )
        assert name in labels.QUESTIONS or worded_from_another, f"no wording for {name}"
        if question.shown_if is not None:
            assert question.shown_if.names() <= seen, f"{question.name} shows before its parent"
        seen.add(question.column.name)


def test_only_active_codes_and_only_the_codes_hud_allows_the_column():
    prior = questionnaire(SITUATIONS[0], Stage.PROJECT_ENTRY).questions[1]
    destination = questionnaire(SITUATIONS[0], Stage.PROJECT_EXIT).questions[1]
    contact = contact_questionnaire(ProjectType.STREET_OUTREACH).questions[0]

    assert prior.codes == {s.code for s in LIVING_SITUATIONS if s.prior_living_situation}
    assert destination.codes == {s.code for s in LIVING_SITUATIONS if s.destination}
    assert contact.codes == {s.code for s in LIVING_SITUATIONS if s.current_living_situation}
    assert {336, 335, 37} & destination.codes == set()
    assert [g.label for g in destination.choice_groups] == [
        "Homeless situations",
        "Institutional situations",
        "Temporary housing situations",
        "Permanent housing situations",
        "Other situations",
    ]
    for question in questionnaire(SITUATIONS[5], Stage.PROJECT_ENTRY).questions:
        number = question.column.list
        if number in LISTS and question.kind == "choice" and question.disability_type is None:
            assert question.codes <= LISTS[number].active_codes


def test_a_verified_by_field_is_for_coordinated_entry_contacts_only():
    outreach = [q.column.name for q in contact_questionnaire(ProjectType.STREET_OUTREACH).questions]
    entry = [q.column.name for q in contact_questionnaire(ProjectType.COORDINATED_ENTRY).questions]

    assert "VerifiedBy" not in outreach
    assert "VerifiedBy" in entry
    assert contact_questionnaire(ProjectType.EMERGENCY_SHELTER_ENTRY_EXIT).sections == ()


def test_answers_store_what_hud_expects():
    q = questionnaire(SITUATIONS[0], Stage.PROJECT_ENTRY)

    stored = stored_answers(
        q,
        {
            "enrollment-living_situation": 116,
            "enrollment-rental_subsidy_type": 431,  # not a rental with subsidy: dropped
            "income-income_from_any_source": 1,
            "income-tanf": True,
            "income-tanf_amount": 100,
            "income-earned_amount": 999,  # earned not ticked: dropped
            "income-benefits_from_any_source": 8,
            "income-snap": True,  # benefits unknown: no sources at all
            "income-other_benefits_source_identify": "  ",
        },
    )
    values = record_values(q, stored)

    assert values["Enrollment.csv", None] == {
        "disabling_condition": 99,
        "living_situation": 116,
        "rental_subsidy_type": None,
        "length_of_stay": None,
        "date_to_street_essh": None,
        "times_homeless_past_three_years": None,
        "months_homeless_past_three_years": None,
    }
    income = values["IncomeBenefits.csv", None]
    assert (income["tanf"], income["tanf_amount"], income["earned"], income["earned_amount"]) == (
        1,
        100,
        0,
        None,
    )
    assert income["total_monthly_income"] == 100
    assert (income["benefits_from_any_source"], income["snap"], income["other_benefits_source_identify"]) == (
        8,
        None,
        None,
    )
    assert values["Disabilities.csv", 10] == {"disability_response": 99, "indefinite_and_impairs": None}


@pytest.mark.parametrize(
    ("answers", "episode_kept"),
    [
        ({"enrollment-living_situation": 116}, True),
        (
            {
                "enrollment-living_situation": 207,
                "enrollment-los_under_threshold": 1,
                "enrollment-previous_street_essh": 1,
            },
            True,
        ),
        (
            {
                "enrollment-living_situation": 207,
                "enrollment-los_under_threshold": 1,
                "enrollment-previous_street_essh": 0,
            },
            False,
        ),
        (
            {
                "enrollment-living_situation": 410,
                "enrollment-los_under_threshold": 0,
                "enrollment-previous_street_essh": 1,
            },
            False,
        ),
        (
            {
                "enrollment-living_situation": 99,
                "enrollment-los_under_threshold": 1,
                "enrollment-previous_street_essh": 1,
            },
            False,
        ),
    ],
)
def test_prior_living_situation_asks_the_episode_only_when_hud_s_3917b_path_leads_there(
    answers, episode_kept
):
    rapid_rehousing = SITUATIONS[2]
    q = questionnaire(rapid_rehousing, Stage.PROJECT_ENTRY)
    episode = {
        "enrollment-date_to_street_essh": datetime.date(2025, 1, 1),
        "enrollment-times_homeless_past_three_years": 2,
        "enrollment-months_homeless_past_three_years": 104,
    }

    stored = stored_answers(q, answers | episode)

    assert {name: stored[name] for name in episode} == (episode if episode_kept else dict.fromkeys(episode))


def test_the_3917a_form_of_shelters_and_outreach_asks_the_episode_of_everyone():
    names = [q.name for q in questionnaire(SITUATIONS[0], Stage.PROJECT_ENTRY).sections[1].questions]

    assert names == [
        "enrollment-living_situation",
        "enrollment-rental_subsidy_type",
        "enrollment-length_of_stay",
        "enrollment-date_to_street_essh",
        "enrollment-times_homeless_past_three_years",
        "enrollment-months_homeless_past_three_years",
    ]


def test_every_label_is_worded_once():
    assert len(labels.QUESTIONS) == len(set(labels.QUESTIONS))


# --- The annual assessment window (DT-06) ----------------------------------------------------------


def test_the_annual_window_is_30_days_either_side_of_the_heads_anniversary():
    start = datetime.date(2024, 2, 29)

    assert annual_window(start, 1) == AnnualWindow(
        datetime.date(2025, 2, 28), datetime.date(2025, 1, 29), datetime.date(2025, 3, 30)
    )
    assert annual_window_holding(start, datetime.date(2025, 1, 29)) == annual_window(start, 1)
    assert annual_window_holding(start, datetime.date(2025, 1, 28)) is None
    assert annual_window_holding(start, datetime.date(2026, 3, 1)) == annual_window(start, 2)
    assert latest_annual_window(start, datetime.date(2025, 1, 28)) is None
    assert annual_window_holding(start, datetime.date(9999, 12, 31)) is None  # no window past year 9999
    assert latest_annual_window(start, datetime.date(2026, 1, 1)) == annual_window(start, 1)
