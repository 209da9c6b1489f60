"""Exit data of runaway and homeless youth projects (HUD R15-R20), with their dependent fields."""

import datetime as dt

from hearth.demo.codes import answers
from hearth.demo.draws import Draws

_YES_NO_MISSING = (0, 0, 0, 0, 1, 8, 9)


def youth_exit_fields(
    draws: Draws, project_type: int, exit_date: dt.date, as_of: dt.date
) -> dict[str, object]:
    record: dict[str, object] = {}
    if project_type in {0, 2, 4, 12}:
        record |= _sexual_exploitation(draws)
    if project_type in {0, 2, 4}:
        record |= _labor_exploitation(draws)
    if project_type in {0, 2}:
        status = draws.pick((1, 1, 1, 2, 3))
        record["project_completion_status"] = status
        if status == 3:
            record["early_exit_reason"] = draws.pick(answers("R17.A"))
        record["destination_safe_client"] = draws.pick((1, 1, 1, 0, 8))
        for column in (
            "destination_safe_worker",
            "pos_adult_connections",
            "pos_peer_connections",
            "pos_community_connections",
        ):
            record[column] = draws.pick(answers("R19.A") or (0, 1, 2))
    if project_type in {0, 2, 12}:
        record |= _counseling(draws)
        record |= _aftercare(draws, exit_date, as_of)
    return record


def _sexual_exploitation(draws: Draws) -> dict[str, object]:
    """R15: follow-up questions only after a yes (list_rules.csv dependent fields)."""
    exchanged = draws.pick(_YES_NO_MISSING)
    record: dict[str, object] = {"exchange_for_sex": exchanged}
    if exchanged == 1:
        asked = draws.pick((0, 1))
        record |= {
            "exchange_for_sex_past_three_months": draws.pick((0, 1)),
            "count_of_exchange_for_sex": draws.pick(answers("R15.B")),
            "asked_or_forced_to_exchange_for_sex": asked,
        }
        if asked == 1:
            record["asked_or_forced_to_exchange_for_sex_past_three_months"] = draws.pick((0, 1))
    return record


def _labor_exploitation(draws: Draws) -> dict[str, object]:
    threats, promises = draws.pick(_YES_NO_MISSING), draws.pick(_YES_NO_MISSING)
    record: dict[str, object] = {
        "workplace_violence_threats": threats,
        "workplace_promise_difference": promises,
    }
    if threats == 1 or promises == 1:
        record["coerced_to_continue_work"] = draws.pick((0, 1))
        record["labor_exploit_past_three_months"] = draws.pick((0, 1))
    return record


def _counseling(draws: Draws) -> dict[str, object]:
    received = int(draws.chance(0.6))
    record: dict[str, object] = {"counseling_received": received}
    if received:
        kinds = {"individual_counseling": 1, "family_counseling": 0, "group_counseling": 0}
        kinds["family_counseling"] = int(draws.chance(0.3))
        kinds["group_counseling"] = int(draws.chance(0.4))
        record |= kinds | {"session_count_at_exit": draws.integer(1, 30)}
    plan = int(draws.chance(0.4))
    record["post_exit_counseling_plan"] = plan
    if plan:
        record["sessions_in_plan"] = draws.integer(1, 12)
    return record


def _aftercare(draws: Draws, exit_date: dt.date, as_of: dt.date) -> dict[str, object]:
    """R20: aftercare within 180 days after exit, and not after the as-of date (DT-09)."""
    latest = min(exit_date + dt.timedelta(days=180), as_of)
    if latest < exit_date + dt.timedelta(days=7) or not draws.chance(0.5):
        return {}
    provided = draws.pick((1, 1, 0, 9))
    record: dict[str, object] = {
        "aftercare_date": draws.day_between(exit_date + dt.timedelta(days=7), latest),
        "aftercare_provided": provided,
    }
    if provided == 1:
        methods = ("email_social_media", "telephone", "in_person_individual", "in_person_group")
        used = draws.pick(methods)
        record |= {m: int(m == used or draws.chance(0.2)) for m in methods}
    return record
