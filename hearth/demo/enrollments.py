"""Enrollment and Exit records for every member of a household stay (HUD 3.08-3.20, 4.13, P3, R, V).

Every member enrolls with the household's dates and HouseholdID, the head of household with
RelationshipToHoH 1.  Program-specific fields are filled only where the project's funders collect
them and stay null otherwise, as are dependent fields whose parent lacks the triggering answer.
"""

import datetime as dt
from dataclasses import dataclass

from hearth.demo import programs
from hearth.demo.catalog import COC_CODE
from hearth.demo.clients import Person
from hearth.demo.codes import answers
from hearth.demo.draws import Draws, Weights
from hearth.demo.households import Stay
from hearth.demo.situations import destination, prior_living_situation
from hearth.demo.streams import Streams
from hearth.demo.youth_exit import youth_exit_fields
from hearth.enrollments.models import Enrollment, Exit

_MISSING = Weights({8: 1, 9: 1, 99: 1})
_ENGAGED_TYPES = frozenset({1, 4, 6})  # 4.13 Date of Engagement
BALTIMORE_VAMC = "512"  # VA Maryland Health Care System (list V6.1)


@dataclass(frozen=True, slots=True)
class Member:
    """A person as enrolled in one stay."""

    person: Person
    enrollment_id: str
    is_adult: bool  # 18 or older on the entry date

    @property
    def is_head(self) -> bool:
        return self.person.relationship == 1

    @property
    def is_head_or_adult(self) -> bool:
        return self.is_head or self.is_adult

    @property
    def personal_id(self) -> str:
        return self.person.personal_id


def last_day(stay: Stay, as_of: dt.date) -> dt.date:
    """The last day of the stay so far: its exit date, or the as-of date while it is open."""
    return stay.exit if stay.exit is not None else as_of


def write_enrollment(draws: Draws, streams: Streams, stay: Stay, member: Member, as_of: dt.date) -> None:
    project = stay.project
    person = member.person
    record: dict[str, object] = {
        "enrollment_id": member.enrollment_id,
        "client_id": person.personal_id,
        "project_id": project.project_id,
        "entry_date": stay.entry,
        "household_id": stay.household_id,
        "relationship_to_hoh": person.relationship,
        "enrollment_coc": COC_CODE if member.is_head else None,
        "disabling_condition": _disabling_condition(draws, person),
        "user_id": draws.pick(project.staff),
    }
    if member.is_head_or_adult:
        record |= prior_living_situation(draws, stay, is_youth=person.age_on(stay.entry) < 25)
        if project.project_type in _ENGAGED_TYPES and draws.chance(0.8):
            record["date_of_engagement"] = _day_in_stay(draws, stay, as_of, within_days=30)
    if member.is_head:
        record["move_in_date"] = stay.move_in
    record |= _program_fields(draws, stay, member, as_of)
    created = draws.stamp(stay.entry)
    record["date_created"] = created
    record["date_updated"] = draws.stamp(stay.move_in) if member.is_head and stay.move_in else created
    streams.open(Enrollment).add_record(record)


def write_exit(draws: Draws, streams: Streams, stay: Stay, member: Member, as_of: dt.date) -> None:
    assert stay.exit is not None
    project = stay.project
    created = draws.stamp(stay.exit)
    record: dict[str, object] = {
        "exit_id": draws.new_id(),
        "enrollment_id": member.enrollment_id,
        "client_id": member.personal_id,
        "exit_date": stay.exit,
        "date_created": created,
        "date_updated": created,
        "user_id": draws.pick(project.staff),
    }
    record |= destination(draws, stay)
    type_ = project.project_type
    if programs.funded_by(project, programs.HOPWA) or type_ == 12:
        record |= _housing_assessment(draws)
    if programs.funded_by(project, programs.RHY) and member.is_head_or_adult:
        record |= youth_exit_fields(draws, type_, stay.exit, as_of)
    if programs.funded_by(project, programs.VASH) and member.is_head:
        record["cm_exit_reason"] = draws.pick(answers("V9.1"))
    streams.open(Exit).add_record(record)


def _disabling_condition(draws: Draws, person: Person) -> int:
    if draws.chance(0.015):
        return draws.weighted(_MISSING)
    return int(person.has_disabling_condition)


def _day_in_stay(draws: Draws, stay: Stay, as_of: dt.date, *, within_days: int) -> dt.date:
    last = min(last_day(stay, as_of), stay.entry + dt.timedelta(days=within_days))
    return draws.day_between(stay.entry, last)


def _housing_assessment(draws: Draws) -> dict[str, object]:
    """W5 Housing Assessment at Exit; SubsidyInformation only for answers 1 and 2 (list_rules.csv)."""
    assessment = draws.pick(answers("W5.1")) if draws.chance(0.97) else 99
    record: dict[str, object] = {"housing_assessment": assessment}
    if assessment == 1:
        record["subsidy_information"] = draws.pick((1, 2, 3, 4))
    elif assessment == 2:
        record["subsidy_information"] = draws.pick((11, 12))
    return record


def _program_fields(draws: Draws, stay: Stay, member: Member, as_of: dt.date) -> dict[str, object]:
    project = stay.project
    type_ = project.project_type
    record: dict[str, object] = {}
    if programs.funded_by(project, programs.PATH) and member.is_head_or_adult and draws.chance(0.75):
        record["date_of_path_status"] = _day_in_stay(draws, stay, as_of, within_days=60)
        enrolled = int(draws.chance(0.75))
        record["client_enrolled_in_path"] = enrolled
        if not enrolled:
            record["reason_not_enrolled"] = draws.pick(answers("P3.A"))
    if programs.funded_by(project, programs.RHY) and type_ != 4:
        record |= _runaway_youth_fields(draws, stay, member)
    is_veteran_program = project.funders & (programs.SSVF | programs.VASH | programs.GPD)
    if is_veteran_program and member.is_head:
        record["vamc_station"] = BALTIMORE_VAMC
    if programs.funded_by(project, programs.SSVF) and member.is_head:
        record["percent_ami"] = draws.pick((1, 1, 2, 3, 4))
        if type_ == 12:
            record |= _prevention_targeting(draws, stay)
    if is_veteran_program and type_ in {6, 12, 13} and member.is_head:
        record["mental_health_consultation"] = draws.pick(answers("V10"))
    return record


def _runaway_youth_fields(draws: Draws, stay: Stay, member: Member) -> dict[str, object]:
    """R1, R2 (BCP only), R11-R13 for runaway and homeless youth projects."""
    record: dict[str, object] = {}
    if programs.funded_by(stay.project, frozenset({22})):  # R2 RHY-BCP status, all clients
        record["date_of_bcp_status"] = stay.entry
        eligible = int(draws.chance(0.9))
        record["eligible_for_rhy"] = eligible
        if eligible:
            record["runaway_youth"] = draws.pick((0, 1, 1, 8))
        else:
            record["reason_no_services"] = draws.pick(answers("R2.A"))
    if not member.is_head_or_adult:
        return record
    source = draws.pick(answers("R1.1"))
    record["referral_source"] = source
    if source == 7:
        record["count_outreach_referral_approaches"] = draws.integer(1, 6)
    for ward, years, months in (
        ("former_ward_child_welfare", "child_welfare_years", "child_welfare_months"),
        ("former_ward_juvenile_justice", "juvenile_justice_years", "juvenile_justice_months"),
    ):
        answer = draws.pick((0, 0, 0, 1, 8))
        record[ward] = answer
        if answer == 1:
            record[years] = draws.pick((1, 2, 3))
            if record[years] == 1:
                record[months] = draws.integer(1, 11)
    for column in (
        "unemployment_fam",
        "mental_health_disorder_fam",
        "physical_disability_fam",
        "alcohol_drug_use_disorder_fam",
        "insufficient_income",
        "incarcerated_parent",
    ):
        record[column] = int(draws.chance(0.25))
    return record


def _prevention_targeting(draws: Draws, stay: Stay) -> dict[str, object]:
    """V7 HP Targeting Criteria (SSVF homelessness prevention, head of household)."""
    record: dict[str, object] = {"target_screen_reqd": 1}
    for column, number in (
        ("time_to_housing_loss", "V7.A"),
        ("annual_percent_ami", "V7.B"),
        ("literal_homeless_history", "V7.C"),
        ("eviction_history", "V7.G"),
        ("incarcerated_adult", "V7.I"),
        ("dependent_under6", "V7.O"),
    ):
        record[column] = draws.pick(answers(number) or (0,))
    for column in (
        "client_leaseholder",
        "hoh_leaseholder",
        "subsidy_at_risk",
        "criminal_record",
        "prison_discharge",
        "sex_offender",
        "disabled_hoh",
        "current_pregnant",
        "single_parent",
        "hh5_plus",
        "coc_prioritized",
    ):
        record[column] = int(draws.chance(0.3))
    record["hp_screening_score"] = draws.integer(10, 40)
    record["threshold_score"] = 20
    return record
