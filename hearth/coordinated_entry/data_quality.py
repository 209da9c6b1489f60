"""HUD's rules for coordinated entry records: 4.19 Coordinated Entry Assessment (Assessment.csv,
AssessmentQuestions.csv, AssessmentResults.csv) and 4.20 Coordinated Entry Event (Event.csv).

Each check returns findings named by HUD's CSV column (``AssessmentDate``; a question of an
assessment as ``AssessmentQuestions.0.AssessmentQuestion``), so a refusal names the field the caller
sent.  Rule ids are those of ``../shared/spec/validation_rules.csv``; the data element numbers are
the FY2024 HMIS Data Dictionary's, which the FY2026 CSV specification keeps.
"""

import datetime
from collections.abc import Mapping
from functools import cache
from typing import Any

from django.utils.translation import gettext as _

from hearth.enrollments.data_quality import FORBIDDEN_CHARACTERS, MAX_COUNT, Finding, error
from hearth.hud.columndefs import Column
from hearth.hud.generated.columns import COLUMNS
from hearth.hud.generated.lists import LISTS, EventType
from hearth.hud.generated.rules import DATA_ELEMENTS

# 4.20 dependent fields (FY2024 HMIS Data Dictionary 4.20.A-D): each is collected only for the
# events named; FMT-08 keeps it null for every other event.
PROBLEM_SOLVING_EVENTS = frozenset({EventType.PROBLEM_SOLVING_DIVERSION_RAPID_RESOLUTION_INTERVENTION})
CASE_MANAGEMENT_EVENTS = frozenset({EventType.REFERRAL_TO_POST_PLACEMENT_FOLLOW_UP})
HOUSING_REFERRAL_EVENTS = frozenset(
    {
        EventType.REFERRAL_TO_EMERGENCY_SHELTER_BED_OPENING,
        EventType.REFERRAL_TO_TRANSITIONAL_HOUSING_BED_UNIT,
        EventType.REFERRAL_TO_JOINT_TH_RRH_PROJECT,
        EventType.REFERRAL_TO_RRH_PROJECT_RESOURCE_OPENING,
        EventType.REFERRAL_TO_PSH_PROJECT_RESOURCE_OPENING,
        EventType.REFERRAL_TO_OTHER_PH_PROJECT_UNIT,
        EventType.REFERRAL_TO_EMERGENCY_HOUSING_VOUCHER_EHV,
        EventType.REFERRAL_TO_A_HOUSING_STABILITY_VOUCHER,
    }
)
EVENT_DEPENDENTS: Mapping[str, frozenset[int]] = {
    "ProbSolDivRRResult": PROBLEM_SOLVING_EVENTS,  # 4.20.A
    "ReferralCaseManageAfter": CASE_MANAGEMENT_EVENTS,  # 4.20.B
    "LocationCrisisOrPHHousing": HOUSING_REFERRAL_EVENTS,  # 4.20.C
    "ReferralResult": HOUSING_REFERRAL_EVENTS,  # 4.20.D
}


@cache
def columns(file: str) -> dict[str, Column]:
    """The FY2026 columns of ``file`` ("Event.csv") by model field name."""
    found: dict[str, Column] = {}
    for column in COLUMNS:
        if column.file == file and column.field not in found:
            found[column.field] = column
    return found


def collected_about(element: str) -> str:
    """Whom HUD collects a data element about ("Head of Household" for 4.19 and 4.20)."""
    return next(e.collected_about for e in DATA_ELEMENTS if e.element == element)


def check_values(
    file: str, values: Mapping[str, Any], *, kept: Mapping[str, Any] | None = None, prefix: str = ""
) -> list[Finding]:
    """Each value of ``values`` (model field names) fits its column: present where the column is not
    nullable (FMT-07), a code HUD offers for new data where a list applies (FMT-03; a retired or
    legacy code already in ``kept`` may stay), a string HUD's format carries (FMT-05, FMT-06), a
    whole number 0 or more (FMT-03), a real date (FMT-02)."""
    kept = kept or {}
    findings = []
    for field, value in values.items():
        column = columns(file)[field]
        name = prefix + column.name
        if value is None:
            if not column.nullable:
                findings.append(error(name, _("Give a value: HUD requires this field."), "FMT-07"))
            continue
        problem = _value_problem(column, value, kept.get(field))
        if problem:
            findings.append(error(name, problem[0], problem[1]))
    return findings


def _value_problem(column: Column, value: Any, kept: Any) -> tuple[str, str] | None:
    if column.list and column.list in LISTS:
        if value not in LISTS[column.list].active_codes and value != kept:
            message = _("Choose one of HUD's codes for this field (list %(list)s).") % {"list": column.list}
            return message, "FMT-03"
        return None
    if column.type_code == "S":
        if not isinstance(value, str):
            return _("Enter text."), "FMT-05"
        if len(value) > (column.max_length or 0):
            return _("Use at most %(count)d characters.") % {"count": column.max_length}, "FMT-05"
        if FORBIDDEN_CHARACTERS & set(value) or "\x00" in value:
            message = _("Remove the characters < > [ ] { } and NUL: HUD's data format does not carry them.")
            return message, "FMT-06"
    if column.type_code == "I" and (
        isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT
    ):
        return _("Enter a whole number, 0 or more."), "FMT-03"
    if column.type_code == "D" and (not isinstance(value, datetime.date) or value.year < 1900):
        return _("Enter a real date."), "FMT-02"
    return None


def check_within_enrollment(
    field: str,
    day: datetime.date | None,
    *,
    entry_date: datetime.date,
    exit_date: datetime.date | None,
    today: datetime.date,
    element: str,
) -> list[Finding]:
    """4.19.1 and 4.20.1: an assessment or event happens during the enrollment (on or between the
    project start and exit dates), and not after today."""
    if not isinstance(day, datetime.date):
        return []
    if day < entry_date:
        message = _("This date is before the project start date (%(start)s).") % {"start": entry_date}
        return [error(field, message, element)]
    if exit_date is not None and day > exit_date:
        message = _("This date is after the exit date (%(exit)s).") % {"exit": exit_date}
        return [error(field, message, element)]
    if day > today:
        return [error(field, _("This date cannot be in the future."), element)]
    return []


def check_event_dependents(values: Mapping[str, Any], *, today: datetime.date) -> list[Finding]:
    """4.20.A-E: a result is recorded only for the kind of event it belongs to (FMT-08); the date of
    a referral result goes with the result (LIST_RULES), on or after the event and not after today."""
    findings = []
    event = values.get("event")
    by_field = {c.name: c.field for c in columns("Event.csv").values()}
    for name, events in EVENT_DEPENDENTS.items():
        if values.get(by_field[name]) is not None and event not in events:
            message = _("This event does not record this result: leave it empty.")
            findings.append(error(name, message, "FMT-08"))
    result, result_date = values.get("referral_result"), values.get("result_date")
    # 4.20.E: "Null unless ReferralResult not null" (FY2026 CSV spec; LIST_RULES, Event.csv ResultDate).
    if result_date is not None and result is None:
        findings.append(error("ResultDate", _("Give the date only with a referral result."), "FMT-08"))
    if result is not None and result_date is None:
        findings.append(error("ResultDate", _("Give the date of the referral result."), "4.20.E"))
    event_date = values.get("event_date")
    if isinstance(result_date, datetime.date):
        if isinstance(event_date, datetime.date) and result_date < event_date:
            findings.append(error("ResultDate", _("The result cannot come before the event."), "4.20.E"))
        elif result_date > today:
            findings.append(error("ResultDate", _("This date cannot be in the future."), "4.20.E"))
    return findings
