"""Where people came from and where they went: prior living situation (3.917) and destination (3.12).

Codes come from list 3.12.1 and are checked against the subsets HUD allows for each use
(living_situations.csv).  A household moving from one project to the next reports that
project's kind of place, e.g. leaving a shelter for rapid re-housing is "rental by client, with
ongoing housing subsidy" (435) with subsidy type "RRH or equivalent" (431).
"""

import datetime as dt

from hearth.demo.codes import category, living_situations
from hearth.demo.draws import Draws, Weights
from hearth.demo.households import Stay

# The living situation a stay in each project type amounts to, with its rental subsidy type.
PLACE_OF_PROJECT_TYPE: dict[int, tuple[int, int | None]] = {
    0: (101, None), 1: (101, None), 11: (116, None), 2: (302, None), 8: (118, None), 4: (116, None),
    3: (435, 439), 9: (435, 433), 10: (435, 440), 13: (435, 431), 12: (410, None), 6: (116, None),
    7: (116, None), 14: (116, None),
}  # fmt: skip
_PRIOR_STREET = Weights(
    {116: 60, 101: 10, 336: 8, 335: 6, 207: 5, 206: 3, 204: 2, 205: 2, 118: 1, 8: 1, 9: 1, 99: 1}
)
_PRIOR_SHELTER = Weights(
    {
        116: 24,
        336: 18,
        335: 18,
        410: 7,
        207: 5,
        206: 4,
        205: 4,
        314: 4,
        215: 1,
        204: 2,
        302: 2,
        435: 2,
        99: 3,
        8: 1,
        9: 1,
    }
)
_PRIOR_HOUSING = Weights(
    {101: 40, 116: 22, 302: 10, 336: 8, 335: 6, 207: 4, 206: 2, 205: 2, 118: 2, 99: 2, 8: 1, 9: 1}
)
_PRIOR_PREVENTION = Weights({410: 58, 435: 15, 336: 10, 335: 10, 411: 2, 421: 1, 314: 2, 99: 1, 8: 1})
_PRIOR_YOUTH = Weights({335: 35, 336: 20, 215: 15, 116: 12, 207: 5, 101: 8, 99: 3, 9: 2})
_SUBSIDIES = Weights(
    {419: 3, 420: 4, 428: 1, 431: 30, 433: 25, 434: 12, 436: 3, 437: 2, 438: 1, 439: 15, 440: 4}
)
_LOS_HOMELESS = Weights({10: 5, 11: 10, 2: 20, 3: 25, 4: 25, 5: 12, 8: 1, 9: 1, 99: 1})
_LOS_OTHER = Weights({10: 6, 11: 14, 2: 20, 3: 25, 4: 20, 5: 12, 8: 1, 9: 1, 99: 1})
_TIMES = Weights({1: 45, 2: 22, 3: 12, 4: 15, 8: 3, 9: 1, 99: 2})
_FROM_HOUSING = Weights(
    {
        435: 35,
        410: 20,
        422: 8,
        421: 2,
        24: 4,
        116: 4,
        101: 5,
        207: 3,
        204: 2,
        225: 2,
        30: 10,
        99: 3,
        8: 1,
        9: 1,
    }
)
_FROM_SHELTER = Weights(
    {
        116: 14,
        101: 8,
        312: 14,
        313: 10,
        422: 5,
        423: 3,
        410: 8,
        435: 6,
        207: 3,
        206: 2,
        205: 3,
        17: 2,
        30: 18,
        99: 3,
        8: 1,
        9: 1,
    }
)
_FROM_TRANSITIONAL = Weights(
    {410: 30, 435: 25, 422: 8, 312: 8, 313: 4, 101: 6, 116: 3, 205: 2, 30: 10, 99: 3, 8: 1}
)
_FROM_PREVENTION = Weights({410: 65, 435: 15, 422: 5, 312: 5, 313: 2, 101: 2, 30: 5, 99: 1})
_FROM_CE = Weights({101: 25, 116: 20, 435: 20, 312: 10, 313: 5, 410: 5, 30: 12, 99: 3})
_OTHER_DESTINATIONS = ("Moved out of state", "Residential job training program", "Cruise ship employment")
_A_TYPES = frozenset({0, 1, 4, 8})  # 3.917A: emergency shelter, street outreach, safe haven


def destination(draws: Draws, stay: Stay) -> dict[str, object]:
    """Exit.Destination and its dependent fields for a household member leaving ``stay``."""
    if stay.next_project_type is not None:
        code, subsidy = PLACE_OF_PROJECT_TYPE[stay.next_project_type]
    else:
        type_ = stay.project.project_type
        if type_ in {3, 9, 10, 13}:
            weights = _FROM_HOUSING if stay.move_in else _FROM_SHELTER
        elif type_ == 2:
            weights = _FROM_TRANSITIONAL
        elif type_ == 12:
            weights = _FROM_PREVENTION
        elif type_ == 14:
            weights = _FROM_CE
        else:
            weights = _FROM_SHELTER
        code, subsidy = draws.weighted(weights), None
    assert code in living_situations("destination")
    record: dict[str, object] = {"destination": code}
    if code == 435:
        record["destination_subsidy_type"] = subsidy or draws.weighted(_SUBSIDIES)
    if code == 17:
        record["other_destination"] = draws.pick(_OTHER_DESTINATIONS)
    return record


def prior_living_situation(draws: Draws, stay: Stay, *, is_youth: bool) -> dict[str, object]:
    """3.917 for a head of household or adult entering ``stay`` (A or B by project type)."""
    type_ = stay.project.project_type
    if stay.previous_project_type is not None:
        code, subsidy = PLACE_OF_PROJECT_TYPE[stay.previous_project_type]
        code = 116 if code not in living_situations("prior") else code
    else:
        subsidy = None
        if is_youth and type_ in {0, 2, 4}:
            code = draws.weighted(_PRIOR_YOUTH)
        elif type_ in {1, 4, 11, 6, 7, 14}:
            code = draws.weighted(_PRIOR_STREET)
        elif type_ == 12:
            code = draws.weighted(_PRIOR_PREVENTION)
        elif type_ in {0, 8}:
            code = draws.weighted(_PRIOR_SHELTER)
        else:
            code = draws.weighted(_PRIOR_HOUSING)
    record: dict[str, object] = {"living_situation": code}
    if code == 435:
        record["rental_subsidy_type"] = subsidy or draws.weighted(_SUBSIDIES)
    return record | _history(draws, code, stay.entry, is_a=type_ in _A_TYPES)


def _history(draws: Draws, code: int, entry: dt.date, *, is_a: bool) -> dict[str, object]:
    """Length of stay and, where HUD asks, the start of homelessness and its count in three years."""
    kind = category(code)
    length = draws.weighted(_LOS_HOMELESS if kind == "Homeless" else _LOS_OTHER)
    record: dict[str, object] = {"length_of_stay": length}
    asks_history = is_a or kind == "Homeless"
    if kind in {"Institutional", "Temporary", "Permanent"}:
        short = {10, 11, 2, 3} if kind == "Institutional" else {10, 11}
        under = int(length in short)
        record["los_under_threshold"] = under
        if under:
            record["previous_street_essh"] = int(draws.chance(0.6))
            asks_history = asks_history or record["previous_street_essh"] == 1
    if asks_history:
        months = draws.integer(1, 14)
        record["date_to_street_essh"] = entry - dt.timedelta(days=draws.integer(1, 30 * months))
        times = draws.weighted(_TIMES)
        record["times_homeless_past_three_years"] = times
        record["months_homeless_past_three_years"] = times if times in {8, 9, 99} else 100 + min(months, 13)
    return record
