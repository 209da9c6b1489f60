"""IncomeBenefits records (HUD 4.02 income, 4.03 non-cash benefits, 4.04 health insurance, W3, P4).

Each "from any source" answer agrees with its sources: 1 exactly when some source is 1, 0 when
every source is 0, and for 8/9/99 the sources stay null.  Every income source of 1 has an amount,
and the amounts add up to TotalMonthlyIncome.  Income and benefits are asked of heads of
household and adults; health insurance of everyone.
"""

from decimal import Decimal

from hearth.demo import programs
from hearth.demo.agencies import ProjectPlan
from hearth.demo.codes import answers
from hearth.demo.draws import Draws, Weights
from hearth.demo.enrollments import Member

# Income source column -> (amount column, usual monthly amount range in dollars).
INCOME_SOURCES: dict[str, tuple[str, tuple[float, float]]] = {
    "earned": ("earned_amount", (300, 3200)),
    "unemployment": ("unemployment_amount", (200, 1400)),
    "ssi": ("ssi_amount", (600, 967)),
    "ssdi": ("ssdi_amount", (700, 1900)),
    "va_disability_service": ("va_disability_service_amount", (170, 3700)),
    "va_disability_non_service": ("va_disability_non_service_amount", (900, 1600)),
    "private_disability": ("private_disability_amount", (400, 2000)),
    "workers_comp": ("workers_comp_amount", (500, 2200)),
    "tanf": ("tanf_amount", (250, 900)),
    "ga": ("ga_amount", (185, 350)),
    "soc_sec_retirement": ("soc_sec_retirement_amount", (800, 2000)),
    "pension": ("pension_amount", (200, 1500)),
    "child_support": ("child_support_amount", (100, 600)),
    "alimony": ("alimony_amount", (200, 800)),
    "other_income_source": ("other_income_amount", (50, 500)),
}
BENEFIT_SOURCES = (
    "snap",
    "wic",
    "tanf_child_care",
    "tanf_transportation",
    "other_tanf",
    "other_benefits_source",
)
# Insurance column -> its "reason not insured" column (4.04.A, HOPWA projects), if any.
INSURANCE_SOURCES: dict[str, str | None] = {
    "medicaid": "no_medicaid_reason",
    "medicare": "no_medicare_reason",
    "schip": "no_schip_reason",
    "vha_services": "no_vha_reason",
    "employer_provided": "no_employer_provided_reason",
    "cobra": "no_cobra_reason",
    "private_pay": "no_private_pay_reason",
    "state_health_ins": "no_state_health_ins_reason",
    "indian_health_services": "no_indian_health_services_reason",
    "other_insurance": None,
}
_MISSING = Weights({8: 1, 9: 1, 99: 2})
_NOT_ASKED_RATE = 0.03


def income_benefits(
    draws: Draws, project: ProjectPlan, member: Member, *, age: int, stage: int, has_young_child: bool
) -> dict[str, object]:
    record: dict[str, object] = {}
    if member.is_head_or_adult:
        record |= _income(draws, member, age=age, stage=stage, is_parent=has_young_child or member.is_head)
        record |= _benefits(draws, has_young_child=has_young_child)
    record |= _insurance(draws, member, age=age, is_hopwa=programs.funded_by(project, programs.HOPWA))
    if programs.funded_by(project, programs.HOPWA) and member.person.has_hiv:
        for answer_column, reason_column in (
            ("adap", "no_adap_reason"),
            ("ryan_white_med_dent", "no_ryan_white_reason"),
        ):
            answer = draws.pick((1, 1, 0))
            record[answer_column] = answer
            if answer == 0:
                record[reason_column] = draws.pick(answers("W3"))
    if project.funders & (programs.PATH | programs.SSVF) and member.is_head_or_adult:
        record["connection_with_soar"] = draws.pick((0, 0, 1, 8, 99))
    return record


def _income(draws: Draws, member: Member, *, age: int, stage: int, is_parent: bool) -> dict[str, object]:
    if draws.chance(_NOT_ASKED_RATE):
        return {"income_from_any_source": draws.weighted(_MISSING)}
    person = member.person
    sources = set(person.benefit_income)
    if person.earns or (stage != 1 and draws.chance(0.1)):
        sources.add("earned")
    if age >= 62 and draws.chance(0.6):
        sources.add("soc_sec_retirement")
    if is_parent and member.is_head and draws.chance(0.15):
        sources.add("tanf")
    record: dict[str, object] = {}
    total = Decimal("0.00")
    for column, (amount_column, (low, high)) in INCOME_SOURCES.items():
        has_source = column in sources
        record[column] = int(has_source)
        if has_source:
            amount = Decimal(draws.money(low, high))
            record[amount_column] = amount
            total += amount
    if "other_income_source" in sources:
        record["other_income_source_identify"] = draws.pick(("Odd jobs", "Plasma donation", "Family support"))
    record["income_from_any_source"] = int(bool(sources))
    record["total_monthly_income"] = total
    return record


def _benefits(draws: Draws, *, has_young_child: bool) -> dict[str, object]:
    if draws.chance(_NOT_ASKED_RATE):
        return {"benefits_from_any_source": draws.weighted(_MISSING)}
    rates = {"snap": 0.55, "wic": 0.4 if has_young_child else 0.0, "tanf_child_care": 0.03}
    rates |= {"tanf_transportation": 0.02, "other_tanf": 0.02, "other_benefits_source": 0.03}
    record: dict[str, object] = {column: int(draws.chance(rates[column])) for column in BENEFIT_SOURCES}
    if record["other_benefits_source"]:
        record["other_benefits_source_identify"] = "Energy assistance (LIHEAP)"
    record["benefits_from_any_source"] = int(any(record[c] for c in BENEFIT_SOURCES))
    return record


def _insurance(draws: Draws, member: Member, *, age: int, is_hopwa: bool) -> dict[str, object]:
    if draws.chance(_NOT_ASKED_RATE):
        return {"insurance_from_any_source": draws.weighted(_MISSING)}
    person = member.person
    rates = dict.fromkeys(INSURANCE_SOURCES, 0.005)
    rates["medicaid"] = 0.9 if age < 18 else 0.62
    rates["medicare"] = 0.85 if age >= 65 or "ssdi" in person.benefit_income else 0.01
    rates["schip"] = 0.05 if age < 18 else 0.0
    rates["vha_services"] = 0.7 if person.is_veteran else 0.0
    rates["employer_provided"] = 0.25 if person.earns else 0.01
    rates["private_pay"] = 0.02
    rates["state_health_ins"] = 0.02
    record: dict[str, object] = {column: int(draws.chance(rates[column])) for column in INSURANCE_SOURCES}
    if record["other_insurance"]:
        record["other_insurance_identify"] = "Baltimore City Health Department clinic plan"
    if is_hopwa:  # 4.04.A reasons are collected by HOPWA projects, for each "No"
        for column, reason in INSURANCE_SOURCES.items():
            if reason and record[column] == 0 and column in {"medicaid", "medicare"}:
                record[reason] = draws.pick(answers("4.04.A"))
    record["insurance_from_any_source"] = int(any(record[c] for c in INSURANCE_SOURCES))
    return record
