"""Every stored value of the tiny demo has HUD's type, length, nullability and code list.

Column facts come from hearth.hud.generated.columns; the conditional lists, value subsets and
dependent fields of list_rules.csv are each checked by a condition written out here.
"""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from hearth.hud.generated.columns import COLUMNS
from hearth.hud.generated.lists import LISTS
from hearth.hud.generated.rules import LIST_RULES, LIVING_SITUATIONS
from tests.demo.conftest import Demo

SET_ON_EXPORT = {"ExportID"}  # null in stored records; an export fills it
STORED_FILES = sorted({c.file for c in COLUMNS} - {"Export.csv"})


def stem(file: str) -> str:
    return file.removesuffix(".csv")


def type_problem(column: Any, value: Any) -> str | None:
    if column.type_code == "S":
        if not isinstance(value, str) or len(value) > column.max_length:
            return f"not a string of at most {column.max_length}"
    elif column.type_code == "I":
        if not isinstance(value, int) or value < 0:
            return "not a non-negative integer"
    elif column.type_code == "D":
        if type(value) is not dt.date:
            return "not a date"
    elif column.type_code == "T":
        if not isinstance(value, dt.datetime) or value.tzinfo is None:
            return "not an aware datetime"
    elif column.type_code in {"M", "M+"}:
        if not isinstance(value, Decimal) or value.as_tuple().exponent != -2:
            return "not money with two decimals"
        if column.type_code == "M+" and value < 0:
            return "negative"
    return None


@pytest.mark.parametrize("file", STORED_FILES)
def test_values_have_hud_types_lists_and_nullability(demo, file):
    rows = demo.rows[stem(file)]
    assert rows, f"no {file} rows in the tiny demo"
    problems = []
    for column in (c for c in COLUMNS if c.file == file):
        for row in rows:
            value = row[column.field]
            if value is None:
                if not column.nullable and column.name not in SET_ON_EXPORT:
                    problems.append(f"{column.name} is null")
                continue
            if problem := type_problem(column, value):
                problems.append(f"{column.name}={value!r} {problem}")
            elif column.list and not column.list.startswith("(") and value not in LISTS[column.list].codes:
                problems.append(f"{column.name}={value!r} not in list {column.list}")
    assert problems[:10] == []


def test_only_active_codes_are_used(demo):
    inactive = []
    for file in STORED_FILES:
        for column in (c for c in COLUMNS if c.file == file and c.list and not c.list.startswith("(")):
            active = LISTS[column.list].active_codes
            inactive += [
                f"{column.name}={row[column.field]}"
                for row in demo.rows[stem(file)]
                if row[column.field] is not None and row[column.field] not in active
            ]
    assert inactive == []


def test_every_project_type_and_rrh_sub_type_is_present(demo):
    assert {p["project_type"] for p in demo.rows["Project"]} == {
        0,
        1,
        2,
        3,
        4,
        6,
        7,
        8,
        9,
        10,
        11,
        12,
        13,
        14,
    }
    assert {p["rrh_sub_type"] for p in demo.rows["Project"] if p["project_type"] == 13} == {1, 2}


# --- list_rules.csv -----------------------------------------------------------------------------

# Which code list TypeProvided / DisabilityResponse / SubTypeProvided use (conditional lists).
TYPE_PROVIDED_LISTS = {
    141: "P1.2", 142: "R14.2", 143: "W1.2", 144: "V2.2", 151: "W2.2", 152: "V3.4", 161: "P2.2", 200: "4.14",
    210: "V8.2", 300: "C2.2",
}  # fmt: skip
SSVF_SUB_TYPE_LISTS = {3: "V2.A", 4: "V2.B", 5: "V2.C"}


def test_conditional_lists_are_the_ones_checked_here():
    rules = {r.condition: r.list for r in LIST_RULES if r.rule_type == "conditional_list"}
    assert {f"RecordType = {k}": v for k, v in TYPE_PROVIDED_LISTS.items()}.items() <= rules.items()
    assert rules["DisabilityType = 10"] == "4.10.2"
    assert rules["DisabilityType <> 10"] == "1.8"


def test_services_use_the_list_of_their_record_type(demo):
    bad = []
    for row in demo.rows["Services"]:
        record_type, provided = row["record_type"], row["type_provided"]
        if provided not in LISTS[TYPE_PROVIDED_LISTS[record_type]].active_codes:
            bad.append(f"{record_type}/{provided}")
        sub_list = SSVF_SUB_TYPE_LISTS.get(provided) if record_type == 144 else None
        if (row["sub_type_provided"] is None) != (sub_list is None) or (
            sub_list and row["sub_type_provided"] not in LISTS[sub_list].active_codes
        ):
            bad.append(f"{record_type}/{provided} sub type {row['sub_type_provided']}")
    assert len({r["record_type"] for r in demo.rows["Services"]}) >= 5
    assert bad == []


def test_disability_responses_use_the_list_of_their_type(demo):
    bad = [
        d
        for d in demo.rows["Disabilities"]
        if d["disability_response"] not in LISTS["4.10.2" if d["disability_type"] == 10 else "1.8"].codes
    ]
    assert {d["disability_type"] for d in demo.rows["Disabilities"]} == {5, 6, 7, 8, 9, 10}
    assert bad == []


def test_living_situations_use_the_subset_of_their_element(demo):
    valid = {
        "prior": {s.code for s in LIVING_SITUATIONS if s.prior_living_situation},
        "current": {s.code for s in LIVING_SITUATIONS if s.current_living_situation},
        "destination": {s.code for s in LIVING_SITUATIONS if s.destination},
    }
    priors = [e["living_situation"] for e in demo.rows["Enrollment"] if e["living_situation"] is not None]
    currents = [c["current_living_situation"] for c in demo.rows["CurrentLivingSituation"]]
    destinations = [x["destination"] for x in demo.rows["Exit"]]
    assert priors
    assert currents
    assert destinations
    assert set(priors) <= valid["prior"]
    assert set(currents) <= valid["current"]
    assert set(destinations) <= valid["destination"]
    for rule in (r for r in LIST_RULES if r.rule_type == "exclude_values"):
        excluded = {int(v) for v in rule.values.split(",")}
        used = {"Enrollment.csv": priors, "CurrentLivingSituation.csv": currents, "Exit.csv": destinations}[
            rule.file
        ]
        assert set(used) & excluded == set(), rule


def test_subsidy_information_allowed_values(demo):
    rows = [x for x in demo.rows["Exit"] if x["housing_assessment"] is not None]
    allowed = {1: {1, 2, 3, 4}, 2: {11, 12}}
    assert rows
    assert [
        x for x in rows if x["subsidy_information"] not in allowed.get(x["housing_assessment"], {None})
    ] == []


def test_required_if_rules(demo):
    projects = demo.rows["Project"]
    assert all(p["rrh_sub_type"] is not None for p in projects if p["project_type"] == 13)
    access_points = [c for c in demo.rows["CEParticipation"] if c["access_point"] == 1]
    assessments = ("prevention_assessment", "crisis_assessment", "housing_assessment", "direct_services")
    assert access_points
    assert all(c[a] in {0, 1} for c in access_points for a in assessments)
    assert all(f["other_funder"] for f in demo.rows["Funder"] if f["funder"] == 46)
    assert all(p["project_type"] is not None for p in projects)


Condition = Callable[[dict[str, Any], Demo], bool]
LEAVE_ASKED = {215, 206, 207, 225, 204, 205, 302, 329, 314, 332, 336, 335, 410, 435, 421, 411}
RACES = ("am_ind_ak_native", "asian", "black_af_american", "hispanic_latinao", "mid_east_n_african")
RACES += ("native_hi_pacific", "white")


def is_(column: str, *values: Any) -> Condition:
    return lambda row, demo: row[column] in values


def aftercare(row: dict[str, Any], demo: Demo) -> bool:
    return row["aftercare_provided"] == 1


def project_type_in(*types: int) -> Condition:
    return lambda row, demo: (
        demo.projects[row["project_id"]]["project_type"] in types
        if "project_id" in row
        else demo.project_type(row["enrollment_id"]) in types
    )


def hiv_yes(row: dict[str, Any], demo: Demo) -> bool:
    return row["disability_type"] == 8 and row["disability_response"] == 1


def labor(row: dict[str, Any], demo: Demo) -> bool:
    return row["workplace_violence_threats"] == 1 or row["workplace_promise_difference"] == 1


# (file, column) -> when the dependent field may hold a value (list_rules.csv rule_type "dependent").
DEPENDENT: dict[tuple[str, str], Condition] = {
    ("Enrollment.csv", "RentalSubsidyType"): is_("living_situation", 435),
    ("Exit.csv", "DestinationSubsidyType"): is_("destination", 435),
    ("CurrentLivingSituation.csv", "CLSSubsidyType"): is_("current_living_situation", 435),
    ("Exit.csv", "SubsidyInformation"): is_("housing_assessment", 1, 2),
    ("Services.csv", "OtherTypeProvided"): lambda r, d: (
        (r["record_type"], r["type_provided"]) in {(144, 6), (210, 12)}
    ),
    ("Services.csv", "MovingOnOtherType"): lambda r, d: (r["record_type"], r["type_provided"]) == (300, 5),
    ("Services.csv", "FAAmount"): is_("record_type", 151, 152),
    ("Services.csv", "FAStartDate"): is_("record_type", 152),
    ("Services.csv", "FAEndDate"): is_("record_type", 152),
    ("Services.csv", "ReferralOutcome"): is_("record_type", 161),
    ("CurrentLivingSituation.csv", "LeaveSituation14Days"): lambda r, d: (
        r["current_living_situation"] in LEAVE_ASKED
    ),
    ("CurrentLivingSituation.csv", "SubsequentResidence"): is_("leave_situation14_days", 1),
    ("CurrentLivingSituation.csv", "ResourcesToObtain"): is_("leave_situation14_days", 1),
    ("CurrentLivingSituation.csv", "LeaseOwn60Day"): is_("leave_situation14_days", 1),
    ("CurrentLivingSituation.csv", "MovedTwoOrMore"): is_("leave_situation14_days", 1),
    ("CurrentLivingSituation.csv", "VerifiedBy"): project_type_in(14),
    ("Client.csv", "RaceNone"): lambda r, d: not any(r[c] for c in RACES),
    ("Inventory.csv", "Availability"): project_type_in(0, 1),
    ("Inventory.csv", "ESBedType"): project_type_in(0, 1),
    ("Enrollment.csv", "ReasonNotEnrolled"): is_("client_enrolled_in_path", 0),
    ("Enrollment.csv", "ReasonNoServices"): is_("eligible_for_rhy", 0),
    ("Enrollment.csv", "RunawayYouth"): is_("eligible_for_rhy", 1),
    ("Exit.csv", "OtherDestination"): is_("destination", 17),
    ("Exit.csv", "EarlyExitReason"): is_("project_completion_status", 3),
    ("Exit.csv", "ExchangeForSexPastThreeMonths"): is_("exchange_for_sex", 1),
    ("Exit.csv", "CountOfExchangeForSex"): is_("exchange_for_sex", 1),
    ("Exit.csv", "AskedOrForcedToExchangeForSex"): is_("exchange_for_sex", 1),
    ("Exit.csv", "AskedOrForcedToExchangeForSexPastThreeMonths"): is_(
        "asked_or_forced_to_exchange_for_sex", 1
    ),
    ("Exit.csv", "CoercedToContinueWork"): labor,
    ("Exit.csv", "LaborExploitPastThreeMonths"): labor,
    ("Exit.csv", "IndividualCounseling"): is_("counseling_received", 1),
    ("Exit.csv", "FamilyCounseling"): is_("counseling_received", 1),
    ("Exit.csv", "GroupCounseling"): is_("counseling_received", 1),
    ("Exit.csv", "SessionCountAtExit"): is_("counseling_received", 1),
    ("Exit.csv", "EmailSocialMedia"): aftercare,
    ("Exit.csv", "Telephone"): aftercare,
    ("Exit.csv", "InPersonIndividual"): aftercare,
    ("Exit.csv", "InPersonGroup"): aftercare,
    ("IncomeBenefits.csv", "OtherIncomeSourceIdentify"): is_("other_income_source", 1),
    ("IncomeBenefits.csv", "OtherBenefitsSourceIdentify"): is_("other_benefits_source", 1),
    ("IncomeBenefits.csv", "OtherInsuranceIdentify"): is_("other_insurance", 1),
    ("IncomeBenefits.csv", "NoMedicaidReason"): is_("medicaid", 0),
    ("IncomeBenefits.csv", "NoMedicareReason"): is_("medicare", 0),
    ("IncomeBenefits.csv", "NoSCHIPReason"): is_("schip", 0),
    ("IncomeBenefits.csv", "NoVHAReason"): is_("vha_services", 0),
    ("IncomeBenefits.csv", "NoEmployerProvidedReason"): is_("employer_provided", 0),
    ("IncomeBenefits.csv", "NoCOBRAReason"): is_("cobra", 0),
    ("IncomeBenefits.csv", "NoPrivatePayReason"): is_("private_pay", 0),
    ("IncomeBenefits.csv", "NoStateHealthInsReason"): is_("state_health_ins", 0),
    ("IncomeBenefits.csv", "NoIndianHealthServicesReason"): is_("indian_health_services", 0),
    ("IncomeBenefits.csv", "NoADAPReason"): is_("adap", 0),
    ("IncomeBenefits.csv", "NoRyanWhiteReason"): is_("ryan_white_med_dent", 0),
    ("HealthAndDV.csv", "WhenOccurred"): is_("domestic_violence_survivor", 1),
    ("HealthAndDV.csv", "CurrentlyFleeing"): is_("domestic_violence_survivor", 1),
    ("HealthAndDV.csv", "DueDate"): is_("pregnancy_status", 1),
    ("EmploymentEducation.csv", "EmploymentType"): is_("employed", 1),
    ("EmploymentEducation.csv", "NotEmployedReason"): is_("employed", 0),
    ("Disabilities.csv", "TCellCountAvailable"): hiv_yes,
    ("Disabilities.csv", "ViralLoadAvailable"): hiv_yes,
    ("Disabilities.csv", "AntiRetroviral"): hiv_yes,
    ("Disabilities.csv", "TCellCount"): is_("t_cell_count_available", 1),
    ("Disabilities.csv", "TCellSource"): lambda r, d: r["t_cell_count"] is not None,
    ("Disabilities.csv", "ViralLoad"): is_("viral_load_available", 1),
    ("Disabilities.csv", "ViralLoadSource"): lambda r, d: r["viral_load"] is not None,
    ("Event.csv", "ResultDate"): lambda r, d: r["referral_result"] is not None,
    ("YouthEducationStatus.csv", "MostRecentEdStatus"): is_("current_school_attend", 0),
    ("YouthEducationStatus.csv", "CurrentEdStatus"): is_("current_school_attend", 1, 2),
}
V1_COLUMNS = ("YearEnteredService", "YearSeparated", "WorldWarII", "KoreanWar", "VietnamWar", "DesertStorm")
V1_COLUMNS += ("AfghanistanOEF", "IraqOIF", "IraqOND", "OtherTheater", "MilitaryBranch", "DischargeStatus")
DEPENDENT |= {("Client.csv", name): is_("veteran_status", 1) for name in V1_COLUMNS}


def test_every_dependent_rule_has_a_condition_here():
    rules = {(r.file, r.column) for r in LIST_RULES if r.rule_type == "dependent"}
    assert rules == set(DEPENDENT)


def dependent_violations(demo: Demo) -> tuple[int, list[str]]:
    """Dependent fields hold a value only when their parent has the triggering value (FMT-08)."""
    fields = {(c.file, c.name): c.field for c in COLUMNS}
    checked, bad = 0, []
    for (file, name), may_have_value in DEPENDENT.items():
        field = fields[(file, name)]
        for row in demo.rows[stem(file)]:
            if row[field] is not None:
                checked += 1
                if not may_have_value(row, demo):
                    bad.append(f"{file} {name}={row[field]!r}")
    return checked, bad
