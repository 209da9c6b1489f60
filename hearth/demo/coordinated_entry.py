"""Coordinated entry assessments and events (HUD 4.19, 4.20) for stays in coordinated entry projects.

Both are collected about the head of household.  Every assessment has its questions and results
(REF-10).  A referral that led to a stay in another project is recorded as successful on the day
the household entered it; ResultDate is present exactly when ReferralResult is.
"""

import datetime as dt

from hearth.coordinated_entry.models import Assessment, AssessmentQuestions, AssessmentResults, Event
from hearth.demo.draws import Draws
from hearth.demo.enrollments import Member, last_day
from hearth.demo.households import Stay
from hearth.demo.streams import Streams
from hearth.hud.generated.lists import EventType

QUESTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Housing history",
        "Where did you sleep last night?",
        ("Outside", "Emergency shelter", "Car", "Friend's couch"),
    ),
    (
        "Housing history",
        "How long have you been without stable housing?",
        ("Under 1 month", "1-6 months", "Over 1 year"),
    ),
    (
        "Housing history",
        "How many times have you been homeless in the past three years?",
        ("1", "2", "3", "4 or more"),
    ),
    ("Health", "Do you have a chronic health condition?", ("Yes", "No", "Prefers not to answer")),
    ("Health", "How many emergency room visits in the past six months?", ("0", "1-2", "3 or more")),
    ("Safety", "Are you fleeing domestic violence, dating violence or stalking?", ("Yes", "No")),
    ("Income", "Does anyone in your household have income?", ("Yes", "No")),
)
INTERVENTIONS = ("Permanent supportive housing", "Rapid re-housing", "Transitional housing", "Diversion")
# Event type of a referral to a project of each type (list 4.20.2).
REFERRAL_EVENTS: dict[int, int] = {
    0: EventType.REFERRAL_TO_EMERGENCY_SHELTER_BED_OPENING,
    2: EventType.REFERRAL_TO_TRANSITIONAL_HOUSING_BED_UNIT,
    13: EventType.REFERRAL_TO_RRH_PROJECT_RESOURCE_OPENING,
    3: EventType.REFERRAL_TO_PSH_PROJECT_RESOURCE_OPENING,
    9: EventType.REFERRAL_TO_OTHER_PH_PROJECT_UNIT,
    10: EventType.REFERRAL_TO_OTHER_PH_PROJECT_UNIT,
}


def write_coordinated_entry(
    draws: Draws, streams: Streams, stay: Stay, head: Member, household_stays: list[Stay], as_of: dt.date
) -> None:
    end = last_day(stay, as_of)
    first = draws.day_between(stay.entry, min(end, stay.entry + dt.timedelta(days=7)))
    _write_assessment(draws, streams, stay, head, first, level=1)
    if (end - first).days > 14 and draws.chance(0.6):
        _write_assessment(
            draws, streams, stay, head, draws.day_between(first + dt.timedelta(days=1), end), level=2
        )
    _write_events(draws, streams, stay, head, household_stays, end, as_of)


def _write_assessment(
    draws: Draws, streams: Streams, stay: Stay, head: Member, day: dt.date, *, level: int
) -> None:
    user_id = draws.pick(stay.project.staff)
    created = draws.stamp(day)
    meta = {
        "enrollment_id": head.enrollment_id,
        "client_id": head.personal_id,
        "date_created": created,
        "date_updated": created,
        "user_id": user_id,
    }
    assessment_id = draws.new_id()
    in_person = draws.chance(0.7)
    streams.open(Assessment).add_record(
        meta
        | {
            "assessment_id": assessment_id,
            "assessment_date": day,
            "assessment_location": stay.project.name if in_person else "By phone",
            "assessment_type": 3 if in_person else draws.pick((1, 2)),
            "assessment_level": level,
            "prioritization_status": (1 if draws.chance(0.8) else 2) if level == 2 else None,
        }
    )
    meta["assessment_id"] = assessment_id
    questions = streams.open(AssessmentQuestions)
    for order, (group, question, choices) in enumerate(QUESTIONS, start=1):
        questions.add_record(
            meta
            | {
                "assessment_question_id": draws.new_id(),
                "assessment_question_group": group,
                "assessment_question_order": order,
                "assessment_question": question,
                "assessment_answer": draws.pick(choices),
            }
        )
    results = streams.open(AssessmentResults)
    for result_type, result in (
        ("Prioritization score", str(draws.integer(0, 20))),
        ("Recommended intervention", draws.pick(INTERVENTIONS)),
    ):
        results.add_record(
            meta
            | {
                "assessment_result_id": draws.new_id(),
                "assessment_result_type": result_type,
                "assessment_result": result,
            }
        )


def _write_events(
    draws: Draws,
    streams: Streams,
    stay: Stay,
    head: Member,
    household_stays: list[Stay],
    end: dt.date,
    as_of: dt.date,
) -> None:
    events: list[dict[str, object]] = [{"event_date": stay.entry, "event": draws.pick((3, 4))}]
    if draws.chance(0.25):
        events.append(
            {
                "event_date": draws.day_between(stay.entry, end),
                "event": 2,
                "prob_sol_div_rr_result": draws.pick((0, 1)),
            }
        )
    if draws.chance(0.1):
        events.append(
            {
                "event_date": draws.day_between(stay.entry, end),
                "event": 5,
                "referral_case_manage_after": draws.pick((0, 1)),
            }
        )
    placed = next(
        (
            s
            for s in household_stays
            if s.project.project_type in REFERRAL_EVENTS and stay.entry < s.entry <= end
        ),
        None,
    )
    if placed is not None:
        referred = max(stay.entry, placed.entry - dt.timedelta(days=draws.integer(1, 21)))
        events.append(
            {
                "event_date": referred,
                "event": REFERRAL_EVENTS[placed.project.project_type],
                "location_crisis_or_ph_housing": placed.project.name,
                "referral_result": 1,
                "result_date": placed.entry,
            }
        )
    if draws.chance(0.2):
        referred = draws.day_between(stay.entry, end)
        event: dict[str, object] = {"event_date": referred, "event": draws.pick((13, 14, 18))}
        result_date = referred + dt.timedelta(days=draws.integer(3, 30))
        if result_date <= as_of:
            event |= {"referral_result": draws.pick((2, 3)), "result_date": result_date}
        events.append(event)
    rows = streams.open(Event)
    for event in events:
        created = draws.stamp(event["event_date"])  # type: ignore[arg-type]
        rows.add_record(
            event
            | {
                "event_id": draws.new_id(),
                "enrollment_id": head.enrollment_id,
                "client_id": head.personal_id,
                "date_created": created,
                "date_updated": created,
                "user_id": draws.pick(stay.project.staff),
            }
        )
