"""Records collected at data collection stages: project start (1), update (2), exit (3), annual (5).

Stage 1 records are dated the entry date and stage 3 the exit date (REF-09).  Annual assessments
fall within 30 days of each anniversary of the head of household's entry, the same day for the
whole household (DT-06).  Which records a stay gets follows data_elements.csv: income, benefits,
insurance and disabilities at start, annual and exit; domestic violence at start and update;
program-specific elements (R4-R10, C3, W4) where the project's funders ask for them.
"""

import datetime as dt

from hearth.demo import programs
from hearth.demo.codes import answers
from hearth.demo.draws import Draws, Weights
from hearth.demo.enrollments import Member, last_day
from hearth.demo.households import Stay
from hearth.demo.income import income_benefits
from hearth.demo.streams import Streams
from hearth.enrollments.models import (
    Disabilities,
    EmploymentEducation,
    HealthAndDV,
    IncomeBenefits,
    YouthEducationStatus,
)
from hearth.hud.generated.lists import DataCollectionStage as Stage
from hearth.hud.generated.lists import DisabilityType

_MISSING = Weights({8: 1, 9: 1, 99: 2})
_ANSWERED_RATE = 0.98
_LONG_DURATION_TYPES = frozenset({5, 7, 9, 10})  # IndefiniteAndImpairs asked of these


def anniversary(entry: dt.date, years: int) -> dt.date:
    try:
        return entry.replace(year=entry.year + years)
    except ValueError:  # February 29
        return entry.replace(year=entry.year + years, day=28)


def stage_dates(draws: Draws, stay: Stay, as_of: dt.date) -> list[tuple[int, dt.date]]:
    """(DataCollectionStage, InformationDate) of the stay's assessments, in date order."""
    end = last_day(stay, as_of)
    dates: list[tuple[int, dt.date]] = [(Stage.PROJECT_ENTRY, stay.entry)]
    years = 1
    while (due := anniversary(stay.entry, years)) - dt.timedelta(days=30) <= end:
        window_end = min(due + dt.timedelta(days=30), end)
        if stay.exit is not None and window_end >= stay.exit:
            window_end = stay.exit - dt.timedelta(days=1)
        if window_end < due - dt.timedelta(days=30):
            break
        dates.append((Stage.ANNUAL_ASSESSMENT, draws.day_between(due - dt.timedelta(days=30), window_end)))
        years += 1
    if (end - stay.entry).days > 45 and draws.chance(0.15):
        dates.append(
            (Stage.UPDATE, draws.day_between(stay.entry + dt.timedelta(days=1), end - dt.timedelta(days=1)))
        )
    if stay.exit is not None:
        dates.append((Stage.PROJECT_EXIT, stay.exit))
    dates.sort(key=lambda item: item[1])
    return dates


def write_stage_records(
    draws: Draws, streams: Streams, stay: Stay, members: list[Member], as_of: dt.date
) -> None:
    project = stay.project
    if not programs.collects_stage_records(project):
        return
    has_young_child = any(m.person.age_on(stay.entry) < 6 for m in members)
    for stage, day in stage_dates(draws, stay, as_of):
        user_id = draws.pick(project.staff)
        for member in members:
            if stage == Stage.UPDATE and not member.is_head:
                continue
            created = draws.stamp(day)
            meta = {
                "enrollment_id": member.enrollment_id,
                "client_id": member.personal_id,
                "information_date": day,
                "data_collection_stage": stage,
                "date_created": created,
                "date_updated": created,
                "user_id": user_id,
            }
            age = member.person.age_on(day)
            income = income_benefits(
                draws, project, member, age=age, stage=stage, has_young_child=has_young_child
            )
            streams.open(IncomeBenefits).add_record(meta | {"income_benefits_id": draws.new_id()} | income)
            if stage in {Stage.PROJECT_ENTRY, Stage.PROJECT_EXIT}:
                _write_disabilities(draws, streams, stay, member, meta)
                _write_program_records(draws, streams, stay, member, meta, stage)
            asks_dv = stage == Stage.PROJECT_ENTRY or (stage == Stage.UPDATE and member.person.is_dv_survivor)
            if asks_dv and member.is_head_or_adult:
                _write_health_and_dv(draws, streams, stay, member, meta, ask_dv=True)


def _write_disabilities(draws: Draws, streams: Streams, stay: Stay, member: Member, meta: dict) -> None:
    rows = streams.open(Disabilities)
    person = member.person
    is_hopwa = programs.funded_by(stay.project, programs.HOPWA)
    for disability_type in DisabilityType.values:
        response = person.disabilities.get(disability_type, 0)
        if response == 0 and not draws.chance(_ANSWERED_RATE):
            response = draws.weighted(_MISSING)
        record = meta | {
            "disabilities_id": draws.new_id(),
            "disability_type": disability_type,
            "disability_response": response,
        }
        if response in {1, 2, 3} and disability_type in _LONG_DURATION_TYPES:
            record["indefinite_and_impairs"] = int(disability_type in person.long_term)
        if disability_type == DisabilityType.HIV_AIDS and response == 1 and is_hopwa:
            record |= _hiv_care(draws)
        rows.add_record(record)


def _hiv_care(draws: Draws) -> dict[str, object]:
    """W4 T-cell and viral load, W6 anti-retroviral: only for a yes to HIV/AIDS (list_rules.csv)."""
    record: dict[str, object] = {"anti_retroviral": draws.pick((1, 1, 1, 0))}
    t_cells = draws.pick((1, 1, 0))
    record["t_cell_count_available"] = t_cells
    if t_cells == 1:
        record |= {"t_cell_count": draws.integer(50, 1500), "t_cell_source": draws.pick(answers("W4.B"))}
    viral = draws.pick((1, 1, 0))
    record["viral_load_available"] = viral
    if viral == 1:
        record |= {"viral_load": draws.integer(0, 100_000), "viral_load_source": draws.pick(answers("W4.B"))}
    return record


def _write_health_and_dv(
    draws: Draws, streams: Streams, stay: Stay, member: Member, meta: dict, *, ask_dv: bool
) -> None:
    record = meta | {"health_and_dv_id": draws.new_id()}
    person = member.person
    if ask_dv:
        answered = draws.chance(_ANSWERED_RATE)
        survivor = int(person.is_dv_survivor) if answered else draws.weighted(_MISSING)
        record["domestic_violence_survivor"] = survivor
        if survivor == 1:
            record["when_occurred"] = draws.pick(answers("4.11.A"))
            record["currently_fleeing"] = draws.pick((0, 0, 1))
    if programs.collects_health_status(stay.project):
        record |= {
            "general_health_status": draws.pick(answers("R7.1")),
            "dental_health_status": draws.pick(answers("R7.1")),
            "mental_health_status": draws.pick(answers("R7.1")),
        }
        if person.is_female and 12 <= person.age_on(meta["information_date"]) <= 45:
            pregnant = int(draws.chance(0.1))
            record["pregnancy_status"] = pregnant
            if pregnant:
                record["due_date"] = meta["information_date"] + dt.timedelta(days=draws.integer(30, 250))
    streams.open(HealthAndDV).add_record(record)


def _write_program_records(
    draws: Draws, streams: Streams, stay: Stay, member: Member, meta: dict, stage: int
) -> None:
    project = stay.project
    if stage == Stage.PROJECT_EXIT and programs.collects_health_status(project) and member.is_head_or_adult:
        _write_health_and_dv(draws, streams, stay, member, meta, ask_dv=False)
    if programs.collects_employment(project) and member.is_head_or_adult:
        record = meta | {"employment_education_id": draws.new_id()}
        record["last_grade_completed"] = draws.pick(answers("R4.1"))
        if programs.funded_by(project, programs.RHY):
            record["school_status"] = draws.pick(answers("R5.1"))
        employed = int(member.person.earns) if draws.chance(_ANSWERED_RATE) else draws.weighted(_MISSING)
        record["employed"] = employed
        if employed == 1:
            record["employment_type"] = draws.pick(answers("R6.A"))
        elif employed == 0:
            record["not_employed_reason"] = draws.pick(answers("R6.B"))
        streams.open(EmploymentEducation).add_record(record)
    if programs.collects_youth_education(project) and member.is_head:
        record = meta | {"youth_education_status_id": draws.new_id()}
        attends = draws.pick(answers("C3.2"))
        record["current_school_attend"] = attends
        if attends == 0:
            record["most_recent_ed_status"] = draws.pick(answers("C3.A"))
        elif attends in {1, 2}:
            record["current_ed_status"] = draws.pick(answers("C3.B"))
        streams.open(YouthEducationStatus).add_record(record)
