"""Ages as HUD's reports compute them, and date-of-birth plausibility checks.

Age is counted in completed years. A birthday is reached when DOB plus that many years is on or
before the date, with HUD's LSA arithmetic for a 29 February birth: in a common year the
anniversary falls on 28 February (LSA Programming Specifications, "EntryAge": "[DOB + 18 years]
<= EntryDate", computed in HUD's sample code with SQL Server ``DATEADD(yy, n, DOB)``, which moves
29 February to 28 February).
"""

from datetime import date
from enum import StrEnum

ADULT_AGE = 18
YOUTH_MAX_AGE = 24  # HUD's youth populations are 18-24 (LSA "Youth 18-24" household populations)
IMPLAUSIBLE_AGE = 100  # HUD Eva: "Possible Incorrect DOB - Age Over 100"


def anniversary(dob: date, years: int) -> date:
    """The date ``years`` after ``dob``; 29 February moves to 28 February in a common year."""
    try:
        return dob.replace(year=dob.year + years)
    except ValueError:  # 29 February in a common year
        return dob.replace(year=dob.year + years, day=28)


def age_on(dob: date, on: date) -> int:
    """Completed years of age on the date ``on``."""
    if on < dob:
        raise ValueError(f"date of birth {dob.isoformat()} is after {on.isoformat()}: no age on that date")
    years = on.year - dob.year
    if anniversary(dob, years) > on:
        years -= 1
    return years


def is_adult(age: int | None) -> bool:
    """18 or older. A person of unknown age is neither adult nor child in HUD's reports."""
    return age is not None and age >= ADULT_AGE


def is_child(age: int | None) -> bool:
    """Under 18. A person of unknown age is neither adult nor child in HUD's reports."""
    return age is not None and age < ADULT_AGE


def is_youth(age: int | None) -> bool:
    """18 to 24 inclusive: the young adults of HUD's youth populations."""
    return age is not None and ADULT_AGE <= age <= YOUTH_MAX_AGE


class DobIssue(StrEnum):
    """Why a date of birth is wrong or doubtful."""

    IN_FUTURE = "in_future"
    AFTER_PROJECT_START = "after_project_start"
    HEAD_OF_HOUSEHOLD_BORN_ON_PROJECT_START = "head_of_household_born_on_project_start"
    OVER_100 = "over_100"

    @property
    def is_error(self) -> bool:
        """Errors make the DOB unusable; the others ask someone to confirm it."""
        return self in (DobIssue.IN_FUTURE, DobIssue.AFTER_PROJECT_START)

    @property
    def message(self) -> str:
        return _MESSAGES[self]


_MESSAGES = {
    DobIssue.IN_FUTURE: "The date of birth is in the future.",
    DobIssue.AFTER_PROJECT_START: "The date of birth is after the project start date.",
    DobIssue.HEAD_OF_HOUSEHOLD_BORN_ON_PROJECT_START: (
        "The head of household's date of birth is the project start date."
    ),
    DobIssue.OVER_100: "The client would be over 100 years old; please confirm the date of birth.",
}


def dob_issues(
    *,
    dob: date,
    today: date,
    project_start_date: date | None = None,
    is_head_of_household: bool = False,
) -> list[DobIssue]:
    """What is implausible about ``dob``, errors first; an empty list when nothing is.

    * in the future (after ``today``);
    * after the project start date (HUD Eva "Incorrect DOB or Entry Date"; FY2024 Data
      Dictionary 3.03);
    * a head of household born on the project start date (the LSA treats that age as unknown);
    * over 100 years old at project start, or today without one (HUD Eva "Possible Incorrect DOB
      - Age Over 100").
    """
    issues = []
    if dob > today:
        issues.append(DobIssue.IN_FUTURE)
    if project_start_date is not None and dob > project_start_date:
        issues.append(DobIssue.AFTER_PROJECT_START)
    if is_head_of_household and project_start_date is not None and dob == project_start_date:
        issues.append(DobIssue.HEAD_OF_HOUSEHOLD_BORN_ON_PROJECT_START)
    measured_on = project_start_date or today
    if dob <= measured_on and age_on(dob, measured_on) > IMPLAUSIBLE_AGE:
        issues.append(DobIssue.OVER_100)
    return issues
