"""Data collection rules: HUD's Data Dictionary requirements, as read from the spec data."""

from dataclasses import replace

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from hearth.hud import funders
from hearth.hud.collection import (
    APPLICABILITY,
    INEXACT_MAPPINGS,
    CollectionRuleError,
    SpecTextError,
    Subjects,
    elements_for,
    is_collected,
    prior_living_situation_variant,
    project_setup_elements,
    read_applicability,
)
from hearth.hud.funders import Program, parse_funders
from hearth.hud.generated.lists import DataCollectionStage, FundingSource, ProjectType, RelationshipToHoH
from hearth.hud.generated.rules import DATA_ELEMENTS

ENTRY = DataCollectionStage.PROJECT_ENTRY
UPDATE = DataCollectionStage.UPDATE
EXIT = DataCollectionStage.PROJECT_EXIT
ANNUAL = DataCollectionStage.ANNUAL_ASSESSMENT
POST_EXIT = DataCollectionStage.POST_EXIT_NOT_USED_IN_CSV
STAGES = (ENTRY, UPDATE, EXIT, ANNUAL, POST_EXIT, "record_creation")

HOH = RelationshipToHoH.SELF_HEAD_OF_HOUSEHOLD
CHILD = RelationshipToHoH.HEAD_OF_HOUSEHOLDS_CHILD
SPOUSE = RelationshipToHoH.HEAD_OF_HOUSEHOLDS_SPOUSE_OR_PARTNER

ADULT_HOH = {"relationship_to_hoh": HOH, "age": 40}
ADULT_MEMBER = {"relationship_to_hoh": SPOUSE, "age": 35}
CHILD_MEMBER = {"relationship_to_hoh": CHILD, "age": 8}

COC_PSH = {"project_type": ProjectType.PH_PERMANENT_SUPPORTIVE_HOUSING, "funding_sources": [2]}
COC_RRH = {"project_type": ProjectType.PH_RAPID_RE_HOUSING, "funding_sources": [3], "rrh_sub_type": 2}
COC_SSO_CE = {"project_type": ProjectType.COORDINATED_ENTRY, "funding_sources": [4]}
ESG_ES = {"project_type": ProjectType.EMERGENCY_SHELTER_ENTRY_EXIT, "funding_sources": [8]}
ESG_NBN = {"project_type": ProjectType.EMERGENCY_SHELTER_NIGHT_BY_NIGHT, "funding_sources": [8]}
ESG_SO = {"project_type": ProjectType.STREET_OUTREACH, "funding_sources": [11]}
PATH_SO = {"project_type": ProjectType.STREET_OUTREACH, "funding_sources": [21]}
RHY_BCP = {"project_type": ProjectType.EMERGENCY_SHELTER_ENTRY_EXIT, "funding_sources": [22]}
SSVF_RRH = {"project_type": ProjectType.PH_RAPID_RE_HOUSING, "funding_sources": [33], "rrh_sub_type": 2}

PATH_CODES = {21}
RHY_CODES = {22, 23, 24, 25, 26}
SSVF_CODES = {33}
VASH_CODES = {20}
GPD_CODES = {37, 38, 39, 40, 41, 42, 45}
VA_CODES = VASH_CODES | SSVF_CODES | GPD_CODES | {27, 30}


DISABILITIES = ("4.05", "4.06", "4.07", "4.08", "4.09", "4.10")
PATH_UPDATE = ("4.12", "4.13", "P1", "P2", "P3", "P4")
RHY_ENTRY = ("4.10", "R1", "R2", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "R11", "R12", "R13")


def numbers(**situation) -> list[str]:
    return [element.element for element in elements_for(**situation)]


# --- Whole lists for typical situations --------------------------------------------------------


@pytest.mark.parametrize(
    ("situation", "expected"),
    [
        pytest.param(
            {"stage": ENTRY, **COC_PSH, **ADULT_HOH},
            [*("3.08", "3.10", "3.15", "3.16", "3.917", "4.02", "4.03", "4.04"), *DISABILITIES, "4.11"],
            id="CoC PSH entry, adult head of household",
        ),
        pytest.param(
            {"stage": ENTRY, **COC_PSH, **CHILD_MEMBER},
            ["3.08", "3.10", "3.15", "4.04", "4.05", "4.06", "4.07", "4.08", "4.09", "4.10"],
            id="CoC PSH entry, child",
        ),
        pytest.param(
            {"stage": "record_creation", **ESG_ES, **ADULT_HOH},
            ["3.01", "3.02", "3.03", "3.04", "3.07", "4.21"],
            id="record creation, adult in an ESG shelter",
        ),
        pytest.param(
            {"stage": "record_creation", **ESG_ES, **CHILD_MEMBER},
            ["3.01", "3.02", "3.03", "3.04", "4.21"],
            id="record creation, child",
        ),
        pytest.param(
            {"stage": "record_creation", **SSVF_RRH, **ADULT_HOH},
            ["3.01", "3.02", "3.03", "3.04", "3.07", "4.21", "V1"],
            id="record creation, adult in SSVF RRH",
        ),
        pytest.param(
            {"stage": EXIT, **SSVF_RRH, **ADULT_HOH},
            ["3.11", "3.12", "4.02", "4.03", "4.04", "P4", "R4", "R6"],
            id="SSVF RRH exit, head of household",
        ),
        pytest.param(
            {"stage": UPDATE, **PATH_SO, **ADULT_HOH},
            [*("4.02", "4.03", "4.04", "4.05", "4.06", "4.07", "4.09", "4.10", "4.11"), *PATH_UPDATE],
            id="PATH street outreach update",
        ),
        pytest.param(
            {"stage": UPDATE, "project_type": 1, "funding_sources": [], **ADULT_HOH},
            ["4.14"],
            id="unfunded night-by-night shelter update",
        ),
        pytest.param(
            {"stage": ENTRY, **COC_SSO_CE, **ADULT_HOH},
            ["3.08", "3.10", "3.15", "3.16", "3.917"],
            id="CoC SSO-CE entry",
        ),
        pytest.param(
            {"stage": UPDATE, **COC_SSO_CE, **ADULT_HOH},
            ["4.12", "4.19", "4.20"],
            id="CoC SSO-CE update",
        ),
        pytest.param(
            {"stage": ENTRY, **RHY_BCP, "relationship_to_hoh": HOH, "age": 16},
            [
                *("3.08", "3.10", "3.15", "3.16", "3.917", "4.03", "4.04", "4.05", "4.06", "4.07", "4.09"),
                *RHY_ENTRY,
            ],
            id="RHY BCP shelter entry, 16-year-old head of household",
        ),
        pytest.param(
            {"stage": POST_EXIT, **RHY_BCP, "relationship_to_hoh": HOH, "age": 16},
            ["R20"],
            id="RHY BCP post-exit",
        ),
        pytest.param(
            {"stage": ANNUAL, **COC_PSH, **ADULT_HOH},
            ["4.02", "4.03", "4.04"],
            id="CoC PSH annual assessment",
        ),
    ],
)
def test_elements_for_typical_situations(situation, expected):
    assert numbers(**situation) == expected


# --- Element by element, from the Data Dictionary -------------------------------------------------


@pytest.mark.parametrize("project_type", ProjectType.values)
def test_prior_living_situation_at_entry_for_hoh_and_adults_in_every_project_type(project_type):
    project = {"stage": ENTRY, "project_type": project_type, "funding_sources": []}
    assert is_collected("3.917", **project, relationship_to_hoh=HOH, age=16) is True
    assert is_collected("3.917", **project, **ADULT_MEMBER) is True
    assert is_collected("3.917", **project, **CHILD_MEMBER) is False
    assert is_collected("3.917", **project, relationship_to_hoh=SPOUSE, age=17) is False
    assert is_collected("3.917", **project, relationship_to_hoh=SPOUSE, age=18) is True
    assert is_collected("3.917", **{**project, "stage": UPDATE}, **ADULT_HOH) is False


@pytest.mark.parametrize(
    ("project_type", "variant"),
    [(0, "3.917A"), (1, "3.917A"), (4, "3.917A"), (8, "3.917A")]
    + [(code, "3.917B") for code in (2, 3, 6, 7, 9, 10, 11, 12, 13, 14)],
)
def test_prior_living_situation_variant(project_type, variant):
    assert prior_living_situation_variant(project_type=project_type) == variant


@pytest.mark.parametrize(
    ("project", "collected"),
    [
        (ESG_SO, True),
        (PATH_SO, True),
        ({"project_type": 4, "funding_sources": [4]}, True),  # CoC SSO street outreach
        ({"project_type": 4, "funding_sources": [25]}, True),  # RHY street outreach
        (ESG_NBN, True),
        (COC_SSO_CE, True),
        (COC_PSH, False),
        ({"project_type": 4, "funding_sources": [46]}, False),  # local funding only
        (ESG_ES, False),
        ({"project_type": 6, "funding_sources": [4]}, False),  # CoC SSO, not coordinated entry
        ({"project_type": 6, "funding_sources": [43]}, True),  # YHDP (mapped inexactly)
    ],
)
def test_current_living_situation_at_update(project, collected):
    assert is_collected("4.12", stage=UPDATE, **project, **ADULT_HOH) is collected


@pytest.mark.parametrize(
    ("project", "collected"),
    [
        (COC_RRH, True),
        ({**COC_RRH, "rrh_sub_type": 1}, True),
        (COC_PSH, True),
        ({"project_type": 9, "funding_sources": [46]}, True),
        (ESG_ES, False),
        ({"project_type": 2, "funding_sources": [5]}, False),
        ({"project_type": 7, "funding_sources": [35]}, True),  # "7 (Pay for Success only)"
        ({"project_type": 7, "funding_sources": [46]}, False),
    ],
)
def test_housing_move_in_date_at_update_for_the_head_of_household(project, collected):
    assert is_collected("3.20", stage=UPDATE, **project, **ADULT_HOH) is collected
    assert is_collected("3.20", stage=UPDATE, **project, **ADULT_MEMBER) is False
    assert is_collected("3.20", stage=ENTRY, **project, **ADULT_HOH) is False


@pytest.mark.parametrize(
    ("project", "collected"),
    [
        (COC_PSH, True),
        (ESG_ES, True),
        (ESG_NBN, False),  # ESG (all except ES-NbN)
        (COC_SSO_CE, False),  # CoC (all except SSO-CE)
        ({"project_type": 6, "funding_sources": [4]}, True),
        ({"project_type": 6, "funding_sources": [4], "provides_coordinated_entry": True}, False),
        ({"project_type": 0, "funding_sources": [53]}, False),  # ESG-RUSH (all except ES and SO)
        ({"project_type": 13, "funding_sources": [53]}, True),
        ({"project_type": 0, "funding_sources": [22]}, False),  # RHY BCP: not for income
        ({"project_type": 2, "funding_sources": [24]}, True),  # RHY TLP
        ({"project_type": 3, "funding_sources": [56]}, True),  # CoC Builds (FY2026)
        ({"project_type": 3, "funding_sources": [46]}, False),
        ({"project_type": 3, "funding_sources": [35]}, True),  # PFS (PH)
        ({"project_type": 2, "funding_sources": [35]}, False),
    ],
)
def test_income_at_exit(project, collected):
    assert is_collected("4.02", stage=EXIT, **project, **ADULT_HOH) is collected


def test_non_cash_benefits_and_health_insurance_widen_rhy():
    bcp_shelter = {"stage": ENTRY, **RHY_BCP, **ADULT_HOH}
    rhy_outreach = {"stage": ENTRY, "project_type": 4, "funding_sources": [25], **ADULT_HOH}
    assert [is_collected(n, **bcp_shelter) for n in ("4.02", "4.03", "4.04")] == [False, True, True]
    assert [is_collected(n, **rhy_outreach) for n in ("4.02", "4.03", "4.04")] == [False, False, True]


def test_hiv_aids_drops_path_and_rhy():
    assert is_collected("4.07", stage=ENTRY, **PATH_SO, **ADULT_HOH) is True
    assert is_collected("4.08", stage=ENTRY, **PATH_SO, **ADULT_HOH) is False
    assert is_collected("4.08", stage=ENTRY, **RHY_BCP, **ADULT_HOH) is False
    assert is_collected("4.08", stage=ENTRY, **COC_PSH, **ADULT_HOH) is True


@pytest.mark.parametrize("element", ["P1", "P2"])
@pytest.mark.parametrize("project_type", ProjectType.values)
@pytest.mark.parametrize("code", FundingSource.values)
def test_path_services_only_with_path_funding(element, project_type, code):
    collected = is_collected(
        element, stage=UPDATE, project_type=project_type, funding_sources=[code], **ADULT_HOH
    )
    assert collected is (code in PATH_CODES and project_type in (4, 6))


RHY_ONLY = ["R1", "R2", "R5", "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15", "R16", "R17", "R18"]
RHY_ONLY += ["R19", "R20"]


@pytest.mark.parametrize("project_type", ProjectType.values)
@pytest.mark.parametrize("stage", STAGES)
def test_rhy_elements_only_with_rhy_funding(project_type, stage):
    others = sorted(set(FundingSource.values) - RHY_CODES)
    returned = numbers(stage=stage, project_type=project_type, funding_sources=others, **ADULT_HOH)
    assert [n for n in returned if n in RHY_ONLY] == []
    # R4, R6, R7 also serve VA programs; without RHY and VA funding they are never collected.
    without_va = sorted(set(others) - VA_CODES)
    returned = numbers(stage=stage, project_type=project_type, funding_sources=without_va, **ADULT_HOH)
    assert [n for n in returned if n.startswith("R")] == []


@pytest.mark.parametrize("code", sorted(RHY_CODES))
def test_rhy_exit_elements_by_component(code):
    exit_elements = numbers(stage=EXIT, project_type=2, funding_sources=[code], **ADULT_HOH)
    rhy = [n for n in exit_elements if n.startswith("R")]
    # Transitional housing funded by each RHY component; R17/R19 exclude SO and BCP prevention only.
    expected = {
        22: ["R4", "R5", "R6", "R7", "R8", "R9", "R15", "R16", "R17", "R18", "R19"],
        23: ["R4", "R5", "R6", "R7", "R8", "R9", "R15", "R16", "R17", "R18", "R19"],
        24: ["R4", "R5", "R6", "R7", "R8", "R9", "R15", "R16", "R17", "R18", "R19"],
        25: ["R15", "R16"],
        26: ["R4", "R5", "R6", "R7", "R8", "R9", "R15", "R16", "R17", "R18", "R19"],
    }[code]
    assert rhy == expected


def test_bcp_prevention_skips_completion_status():
    prevention = {"stage": EXIT, "project_type": 12, "funding_sources": [22], **ADULT_HOH}
    rhy = [n for n in numbers(**prevention) if n.startswith("R")]
    assert rhy == ["R4", "R5", "R6", "R7", "R8", "R9", "R15", "R18"]


@pytest.mark.parametrize("project_type", ProjectType.values)
@pytest.mark.parametrize("stage", STAGES)
def test_veteran_elements_only_with_va_funding(project_type, stage):
    situation = {"stage": stage, "project_type": project_type, **ADULT_HOH, "is_veteran": True}
    others = sorted(set(FundingSource.values) - VA_CODES)
    assert [n for n in numbers(**situation, funding_sources=others) if n.startswith("V")] == []
    not_ssvf = sorted(set(FundingSource.values) - SSVF_CODES)
    ssvf_only = {"V2", "V3", "V4", "V7"}
    assert [n for n in numbers(**situation, funding_sources=not_ssvf) if n in ssvf_only] == []
    not_vash = sorted(set(FundingSource.values) - VASH_CODES)
    assert [n for n in numbers(**situation, funding_sources=not_vash) if n in ("V8", "V9")] == []


def test_ssvf_prevention_entry_for_the_head_of_household():
    ssvf_hp = {"stage": ENTRY, "project_type": 12, "funding_sources": [33]}
    assert [n for n in numbers(**ssvf_hp, **ADULT_HOH) if n.startswith("V")] == ["V4", "V6", "V7", "V10"]
    assert [n for n in numbers(**ssvf_hp, **ADULT_MEMBER) if n.startswith("V")] == ["V10"]


def test_hud_vash_exit_information_in_psh():
    vash = {"stage": EXIT, "project_type": 3, "funding_sources": [20]}
    assert is_collected("V9", **vash, **ADULT_HOH) is True
    assert is_collected("V9", **{**vash, "project_type": 2}, **ADULT_HOH) is False


@pytest.mark.parametrize("project_type", ProjectType.values)
def test_youth_education_status_only_for_yhdp_in_th_psh_sso_rrh(project_type):
    yhdp = {"stage": ENTRY, "project_type": project_type, **ADULT_HOH}
    assert is_collected("C3", **yhdp, funding_sources=[43]) is (project_type in (2, 3, 6, 13))
    other_coc = [1, 2, 3, 4, 5, 6, 7, 44, 49]
    assert is_collected("C3", **yhdp, funding_sources=other_coc) is False
    at_exit = {**yhdp, "stage": EXIT}
    assert is_collected("C3", **at_exit, funding_sources=[43]) is (project_type in (2, 3, 6, 13))


def test_moving_on_assistance_only_in_coc_or_nofo_psh():
    assert is_collected("C2", stage=UPDATE, **COC_PSH, **ADULT_HOH) is True
    assert is_collected("C2", stage=UPDATE, project_type=3, funding_sources=[54], **ADULT_HOH) is True
    assert is_collected("C2", stage=UPDATE, project_type=3, funding_sources=[20], **ADULT_HOH) is False
    assert is_collected("C2", stage=UPDATE, **COC_RRH, **ADULT_HOH) is False


def test_coordinated_entry_elements_follow_the_ce_design():
    sso = {"stage": UPDATE, "project_type": 6, "funding_sources": [4], **ADULT_HOH}
    assert is_collected("4.19", **sso) is False
    assert is_collected("4.19", **sso, provides_coordinated_entry=True) is True
    assert is_collected("4.20", **{**sso, "funding_sources": [46]}, provides_coordinated_entry=True) is False
    assert is_collected(
        "4.19", **{**sso, "relationship_to_hoh": SPOUSE}, provides_coordinated_entry=True
    ) is (False)


def test_bed_night_in_every_night_by_night_shelter_only():
    assert is_collected("4.14", stage=UPDATE, **ESG_NBN, **CHILD_MEMBER) is True
    assert is_collected("4.14", stage=UPDATE, project_type=1, funding_sources=[46], **CHILD_MEMBER) is True
    assert is_collected("4.14", stage=UPDATE, **ESG_ES, **CHILD_MEMBER) is False


@pytest.mark.parametrize("removed", ["3.06", "R3", "C4"])
@pytest.mark.parametrize("stage", STAGES)
def test_removed_elements_are_never_collected(removed, stage):
    assert APPLICABILITY[removed].element.status == "removed"
    every_source = FundingSource.values
    for project_type in ProjectType.values:
        situation = {"stage": stage, "project_type": project_type, "funding_sources": every_source}
        assert is_collected(removed, **situation, **ADULT_HOH) is False


# --- Unknown facts keep the elements that might apply --------------------------------------------


def test_unknown_age_and_relationship_keep_adult_and_hoh_elements():
    unknown = numbers(stage=ENTRY, **COC_PSH, relationship_to_hoh=None, age=None)
    assert unknown == numbers(stage=ENTRY, **COC_PSH, **ADULT_HOH)
    not_collected = numbers(
        stage=ENTRY, **COC_PSH, relationship_to_hoh=RelationshipToHoH.DATA_NOT_COLLECTED, age=8
    )
    assert "3.16" in not_collected
    assert "3.917" in not_collected


def test_veteran_information_follows_veteran_status():
    situation = {"stage": "record_creation", **SSVF_RRH, **ADULT_HOH}
    assert is_collected("V1", **situation) is True
    assert is_collected("V1", **situation, is_veteran=True) is True
    assert is_collected("V1", **situation, is_veteran=False) is False
    assert is_collected("V1", **{**situation, **CHILD_MEMBER}) is False


def test_hopwa_medical_elements_follow_hiv_status():
    hopwa = {"stage": ENTRY, "project_type": 3, "funding_sources": [15], **CHILD_MEMBER}
    assert [n for n in numbers(**hopwa) if n.startswith("W")] == ["W3", "W4", "W6"]
    assert [n for n in numbers(**hopwa, has_hiv_aids=False) if n.startswith("W")] == []


def test_rrh_subtype_decides_inventory():
    setup = {"project_type": 13, "funding_sources": [3]}
    services_only = [e.element for e in project_setup_elements(**setup, rrh_sub_type=1)]
    assert services_only == ["2.01", "2.02", "2.03", "2.06", "2.08", "2.09"]
    assert "2.07" in [e.element for e in project_setup_elements(**setup, rrh_sub_type=2)]
    assert "2.07" in [e.element for e in project_setup_elements(**setup)]
    assert "2.07" not in [e.element for e in project_setup_elements(project_type=4, funding_sources=[])]


def test_project_setup_elements_are_never_asked_about_a_person():
    for stage in STAGES:
        assert [n for n in numbers(stage=stage, **COC_PSH, **ADULT_HOH) if n.startswith("2.")] == []


# --- Bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"project_type": 5}, r"project_type 5 is not a HUD project type \(list 2\.02\.6\)"),
        ({"rrh_sub_type": 1}, r"rrh_sub_type is only recorded for project type 13 .*not 3"),
        ({"project_type": 13, "rrh_sub_type": 3}, r"rrh_sub_type 3 is not an RRH subtype"),
        ({"funding_sources": [2, 31, 99]}, r"funding sources 31, 99 are not in HUD list 2\.06\.1"),
        ({"funding_sources": "2"}, r"funding_sources must be a collection"),
        ({"relationship_to_hoh": 6}, r"relationship_to_hoh 6 is not a HUD relationship"),
        ({"age": -1}, r"age must be a whole number of years, 0 or more, or None; got -1"),
        ({"age": 17.5}, r"got 17\.5"),
        ({"stage": 4}, r"stage 4 is not a data collection stage"),
        ({"stage": "project_setup"}, r"stage 'project_setup' is not a data collection stage"),
    ],
)
def test_bad_input_is_named(change, message):
    situation = {"stage": ENTRY, **COC_PSH, **ADULT_HOH, **change}
    with pytest.raises(CollectionRuleError, match=message):
        elements_for(**situation)


def test_unknown_element_number_is_named():
    with pytest.raises(CollectionRuleError, match=r"'4\.99' is not a HUD data element number"):
        is_collected("4.99", stage=ENTRY, **COC_PSH, **ADULT_HOH)


def test_unknown_project_type_for_the_variant_is_named():
    with pytest.raises(CollectionRuleError, match=r"project_type 5 is not a HUD project type"):
        prior_living_situation_variant(project_type=5)


# --- The parser ------------------------------------------------------------------------------------


def test_every_spec_row_is_read():
    assert list(APPLICABILITY) == [element.element for element in DATA_ELEMENTS]
    assert {app.subjects for app in APPLICABILITY.values()} == set(Subjects)


def test_inexact_mappings_are_listed():
    inexact = ("4.02", "4.03", "4.04", "4.05", "4.06", "4.07", "4.08", "4.09", "4.10", "4.11", "4.12")
    assert sorted(INEXACT_MAPPINGS) == sorted([*inexact, "4.21", "R4", "R6", "R7", "R14", "V8", "V9", "V10"])
    assert "ES-NbN" in INEXACT_MAPPINGS["4.06"]
    assert "homeless category" in INEXACT_MAPPINGS["4.12"]
    assert "component specific" in INEXACT_MAPPINGS["R14"]


def test_unconfirmed_fy2026_elements_carry_the_assumed_collection_point():
    assert APPLICABILITY["4.21"].element.collection_points == {"record_creation": "Y"}
    assert APPLICABILITY["V10"].element.collection_points == {"project_start": "Y"}


def test_references_copy_and_amend_another_elements_funders():
    earlier = {"4.02": parse_funders("CoC (all except SSO-CE); RHY (MGH, TLP); PATH", earlier={})}
    amended = parse_funders("As 4.02 but RHY: all components", earlier=earlier)
    assert [(clause.program, clause.include, len(clause.exclude)) for clause in amended.clauses] == [
        (Program.COC, (), 1),
        (Program.PATH, (), 0),
        (Program.RHY, (), 0),
    ]
    without = parse_funders("as 4.02 without PATH and RHY", earlier=earlier)
    assert [clause.program for clause in without.clauses] == [Program.COC]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Martian Housing Program", r"no program name at the start of 'Martian Housing Program'"),
        ("CoC (Rocket Fuel)", r"unknown component 'rocket fuel' of CoC"),
        ("as 9.99", r"refers to an element not read before it"),
        ("All Programs - MGH", r"unknown component 'mgh' of All Programs"),
    ],
)
def test_unreadable_funder_text_is_an_error(text, message):
    with pytest.raises(SpecTextError, match=message):
        parse_funders(text, earlier={})


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("project_types", "1,4,5", r"data element 4\.12 \(Current Living Situation\): project types \[5\]"),
        ("project_types", "1,4 (Mondays only)", r"no program name at the start of 'Mondays'"),
        ("project_types", "1,4 (weekdays)", r"unreadable project type qualifier 'weekdays'"),
        ("collected_about", "All Martians", r"unknown 'data collected about' 'All Martians'"),
    ],
)
def test_unreadable_element_text_names_the_element(field, value, message):
    element = replace(APPLICABILITY["4.12"].element, **{field: value})
    with pytest.raises(SpecTextError, match=message):
        read_applicability([element])


# --- Funding source families -----------------------------------------------------------------------


def test_programs_are_derived_from_funding_source_labels():
    families = funders.programs_by_funding_source()
    assert {program: sorted(funders.funding_sources_of(program)) for program in Program} == {
        Program.COC: [1, 2, 3, 4, 5, 6, 7, 43, 44, 49],
        Program.COC_BUILDS: [56],
        Program.ESG: [8, 9, 10, 11, 47],
        Program.ESG_RUSH: [53],
        Program.HOPWA: [13, 14, 15, 16, 17, 18, 19, 48],
        Program.HUD_VASH: [20],
        Program.PAY_FOR_SUCCESS: [35],
        Program.UNSHELTERED_SPECIAL_NOFO: [54],
        Program.RURAL_SPECIAL_NOFO: [55],
        Program.PATH: [21],
        Program.RHY: [22, 23, 24, 25, 26],
        Program.SSVF: [33],
        Program.GPD: [37, 38, 39, 40, 41, 42, 45],
        Program.VA_CRS: [27],
        Program.VA_CCSH: [30],
    }
    assert sorted(set(FundingSource.values) - set(families)) == [12, 34, 36, 46, 50, 51, 52]


def test_program_families_do_not_depend_on_the_active_language():
    funders.programs_by_funding_source.cache_clear()
    try:
        with translation.override("es"):
            assert funders.program_of(53) is Program.ESG_RUSH
            assert funders.program_of(8) is Program.ESG
    finally:
        funders.programs_by_funding_source.cache_clear()


# --- Properties ------------------------------------------------------------------------------------

ORDER = {element.element: position for position, element in enumerate(DATA_ELEMENTS)}


@st.composite
def situations(draw):
    project_type = draw(st.sampled_from(ProjectType.values))
    return {
        "stage": draw(st.sampled_from(STAGES)),
        "project_type": project_type,
        "rrh_sub_type": draw(st.sampled_from([None, 1, 2])) if project_type == 13 else None,
        "funding_sources": draw(st.sets(st.sampled_from(FundingSource.values), max_size=4)),
        "relationship_to_hoh": draw(st.sampled_from([None, *RelationshipToHoH.values])),
        "age": draw(st.none() | st.integers(min_value=0, max_value=110)),
        "provides_coordinated_entry": draw(st.booleans()),
        "is_veteran": draw(st.sampled_from([None, True, False])),
        "has_hiv_aids": draw(st.sampled_from([None, True, False])),
    }


POINTS = {
    ENTRY: "project_start",
    UPDATE: "update_occurrence",
    EXIT: "project_exit",
    ANNUAL: "annual_assessment",
    POST_EXIT: "post_exit",
    "record_creation": "record_creation",
}
ADULT_OR_HOH_ONLY = {
    Subjects.HEAD_OF_HOUSEHOLD,
    Subjects.HEAD_OF_HOUSEHOLD_AND_ADULTS,
    Subjects.ADULTS,
    Subjects.VETERANS,
}


@settings(deadline=None)
@given(situations())
def test_returned_elements_are_collected_at_the_stage_and_active(situation):
    returned = elements_for(**situation)
    for element in returned:
        assert POINTS[situation["stage"]] in element.collection_points
        assert element.status != "removed"
    assert [ORDER[element.element] for element in returned] == sorted({ORDER[e.element] for e in returned})


@settings(deadline=None)
@given(situations(), st.integers(min_value=0, max_value=17), st.sampled_from([2, 3, 4, 5]))
def test_children_never_get_adult_or_hoh_elements(situation, age, relationship):
    child = {**situation, "age": age, "relationship_to_hoh": relationship}
    subjects = {APPLICABILITY[element.element].subjects for element in elements_for(**child)}
    assert subjects & ADULT_OR_HOH_ONLY == set()


@settings(deadline=None)
@given(situations(), st.sampled_from(FundingSource.values))
def test_more_funding_never_removes_an_element(situation, extra):
    before = {element.element for element in elements_for(**situation)}
    after = {
        element.element
        for element in elements_for(
            **{**situation, "funding_sources": {*situation["funding_sources"], extra}}
        )
    }
    assert before <= after


@settings(deadline=None)
@given(situations())
def test_is_collected_agrees_with_elements_for(situation):
    returned = {element.element for element in elements_for(**situation)}
    assert {number for number in APPLICABILITY if is_collected(number, **situation)} == returned
