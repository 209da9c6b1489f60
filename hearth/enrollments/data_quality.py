"""HUD's data quality rules, checked as staff type, and how complete an enrollment is.

Each check returns findings tied to a form field: an error stops the save with its message next to
the field; a warning is shown and the answer is kept (missing answers, "client doesn't know",
doubtful dates of birth).  Rule ids are those of ``../shared/spec/validation_rules.csv``.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.enrollments.assessments import (
    ALLOWED_VALUES,
    MISSING_CODES,
    AnnualWindow,
    Kind,
    Question,
    Questionnaire,
    input_name,
)
from hearth.hud.age import DobIssue, dob_issues
from hearth.hud.generated.lists import LivingSituation

# FMT-06: characters HUD's CSV format does not carry in strings.
FORBIDDEN_CHARACTERS = frozenset("<>[]{}")
MAX_MONEY = Decimal("9999999999.99")  # 12 digits, 2 decimals (the model's column)
MAX_COUNT = 2_147_483_647
# APR Q6c counts "No exit interview completed" with the missing destinations.
MISSING_DESTINATIONS = MISSING_CODES | {LivingSituation.NO_EXIT_INTERVIEW_COMPLETED.value}


@dataclass(frozen=True)
class Finding:
    field: str  # a form input name, or "" for the form as a whole
    message: str
    is_error: bool
    rule: str = ""  # HUD rule id, e.g. "DT-01"
    enrollment_id: str = ""  # on a household form, whose answers the finding is about


class EnrollmentError(ValueError):
    """A write refused: each message names the problem and, where there is one, its field."""

    def __init__(self, findings: Iterable[Finding] | str, field: str = "") -> None:
        if isinstance(findings, str):
            findings = [Finding(field, findings, is_error=True)]
        self.findings = tuple(f for f in findings if f.is_error)
        super().__init__(" ".join(f.message for f in self.findings))

    @property
    def by_field(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for finding in self.findings:
            found.setdefault(finding.field, []).append(finding.message)
        return found


def error(field: str, message: str, rule: str = "") -> Finding:
    return Finding(field, message, is_error=True, rule=rule)


def warning(field: str, message: str, rule: str = "") -> Finding:
    return Finding(field, message, is_error=False, rule=rule)


def raise_errors(findings: Iterable[Finding]) -> list[Finding]:
    """Raise EnrollmentError if any finding is an error; otherwise return the warnings."""
    findings = list(findings)
    if any(f.is_error for f in findings):
        raise EnrollmentError(findings)
    return findings


# --- Values as typed -------------------------------------------------------------------------------


def check_answer_types(
    questionnaire: Questionnaire, answers: Mapping[str, Any], kept: Mapping[str, Any]
) -> list[Finding]:
    """Each answer is of its field's type and, for a code, one HUD offers for new data.

    ``kept`` holds the stored values: a retired code already on record may stay (FY2026 lists,
    "retired": valid for historical records, not offered for new data).
    """
    findings = []
    for question in questionnaire.questions:
        value = answers.get(question.name)
        if value is None or value == "":
            if question.required:
                findings.append(error(question.name, _("Answer this question.")))
            continue
        problem = _type_problem(question, value, kept.get(question.name))
        if problem:
            findings.append(error(question.name, problem, "FMT-03"))
    return findings


def _type_problem(question: Question, value: Any, kept: Any) -> str | None:
    match question.kind:
        case Kind.CHOICE:
            if value not in question.codes and value != kept:
                return _("Choose one of the answers listed.")
        case Kind.CHECKBOX:
            if not isinstance(value, bool):
                return _("Tick the box or leave it empty.")
        case Kind.DATE:
            if not isinstance(value, datetime.date) or value.year < 1900:
                return _("Enter a real date.")
        case Kind.MONEY:
            try:
                amount = Decimal(value)
            except (InvalidOperation, TypeError, ValueError):
                return _("Enter an amount in dollars, such as 450.00.")
            if amount < 0 or amount > MAX_MONEY or amount != amount.quantize(Decimal("0.01")):
                return _("Enter an amount in dollars and cents, 0 or more, such as 450.00.")
        case Kind.INTEGER:
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
                return _("Enter a whole number, 0 or more.")
        case Kind.TEXT:
            if not isinstance(value, str):
                return _("Enter text.")
            if len(value.strip()) > (question.column.max_length or 0):
                return _("Use at most %(count)d characters.") % {"count": question.column.max_length}
            if FORBIDDEN_CHARACTERS & set(value):
                return _("Remove the characters < > [ ] { }: HUD's data format does not carry them.")
    return None


# --- Consistency of the answers --------------------------------------------------------------------


def check_consistency(questionnaire: Questionnaire, stored: Mapping[str, Any]) -> list[Finding]:
    """IB-01, IB-02 (income, benefits and insurance against their sources), the codes a field allows
    given another (LIST_RULES "allowed_values"), and the disabling condition against disabilities."""
    findings: list[Finding] = []
    questions = {q.name: q for q in questionnaire.questions}
    for any_source in {q.any_source for q in questionnaire.questions if q.any_source}:
        parent = input_name("IncomeBenefits.csv", any_source)
        sources = [q for q in questionnaire.questions if q.any_source == any_source]
        if stored.get(parent) == 1 and not any(stored.get(q.name) == 1 for q in sources):
            findings.append(error(parent, _("You answered yes: tick at least one source."), "IB-01"))
    for question in questionnaire.questions:
        if (
            question.kind == Kind.MONEY
            and question.file == "IncomeBenefits.csv"
            and question.shown_if is not None
        ):
            row_values = {
                q.column.name: stored.get(q.name) for q in questions.values() if q.row == question.row
            }
            if question.shown_if.holds(row_values.get) and stored.get(question.name) is None:
                findings.append(error(question.name, _("Give the monthly amount of this income."), "IB-01"))
        for condition, codes in ALLOWED_VALUES.get((question.file, question.column.name), ()):
            value = stored.get(question.name)
            row = {q.column.name: stored.get(q.name) for q in questions.values() if q.row == question.row}
            if value is not None and condition.holds(row.get) and value not in codes:
                findings.append(error(question.name, _("This answer does not fit the answer above it.")))
    findings += _disabling_condition(questionnaire, stored)
    return findings


def _disabling_condition(questionnaire: Questionnaire, stored: Mapping[str, Any]) -> list[Finding]:
    """3.08: a disability of long, indefinite duration (or developmental, or HIV/AIDS) is a
    disabling condition (FY2024 Data Dictionary 3.08 and 4.05-4.10)."""
    field = input_name("Enrollment.csv", "DisablingCondition")
    if field not in {q.name for q in questionnaire.questions} or stored.get(field) != 0:
        return []
    disabling = False
    for question in questionnaire.questions:
        if question.file != "Disabilities.csv":
            continue
        value = stored.get(question.name)
        if question.column.name == "IndefiniteAndImpairs" and value == 1:
            disabling = True
        if question.column.name == "DisabilityResponse" and question.disability_type in (6, 8) and value == 1:
            disabling = True
    if not disabling:
        return []
    return [
        warning(
            field,
            _("A disability below is expected to be long-lasting: the disabling condition is usually yes."),
            "3.08",
        )
    ]


def check_missing(questionnaire: Questionnaire, stored: Mapping[str, Any]) -> list[Finding]:
    """Each required element whose answer is missing or a reason for missing data (8, 9, 99)."""
    findings = []
    for section in questionnaire.sections:
        if section.is_post_exit:
            continue
        lead = section.questions[0]
        value = stored.get(lead.name)
        if value is None or value == 99:
            findings.append(warning(lead.name, _("Not collected yet: HUD requires this answer."), "FMT-07"))
        elif value in (8, 9) and lead.kind == Kind.CHOICE:
            findings.append(
                warning(
                    lead.name,
                    _("The client did not know or would not answer: HUD reports count this as missing."),
                    "DQ",
                )
            )
    return findings


# --- Dates -----------------------------------------------------------------------------------------


def check_exit_date(
    field: str, exit_date: datetime.date, *, entry_date: datetime.date, today: datetime.date
) -> list[Finding]:
    findings = []
    if exit_date < entry_date:
        findings.append(
            error(
                field,
                _("The exit date is before the project start date (%(start)s).") % {"start": entry_date},
                "DT-01",
            )
        )
    if exit_date > today:
        findings.append(error(field, _("The exit date cannot be in the future."), "DT-02"))
    return findings


AFTERCARE_DAYS = 180  # R20: aftercare within 180 days after the exit (DT-09)


def check_aftercare(
    questionnaire: Questionnaire, stored: Mapping[str, Any], *, exit_date: datetime.date, today: datetime.date
) -> list[Finding]:
    """R20 Aftercare Plans: an AftercareDate from the exit date to 180 days after it and not in
    the future (DT-09), given together with whether aftercare was provided (list_rules.csv)."""
    day_field, provided_field = (
        input_name("Exit.csv", "AftercareDate"),
        input_name("Exit.csv", "AftercareProvided"),
    )
    names = {q.name for q in questionnaire.questions}
    if day_field not in names:
        return []
    day, provided = stored.get(day_field), stored.get(provided_field)
    findings = []
    if day is None:
        if provided is not None:
            findings.append(error(day_field, _("Give the date of the aftercare."), "DT-09"))
        return findings
    last = exit_date + datetime.timedelta(days=AFTERCARE_DAYS)
    if day < exit_date or day > last:
        message = _("The aftercare date is from the exit date (%(exit)s) to 180 days after it (%(last)s).")
        findings.append(error(day_field, message % {"exit": exit_date, "last": last}, "DT-09"))
    elif day > today:
        findings.append(error(day_field, _("The aftercare date cannot be in the future."), "DT-09"))
    if provided is None:
        findings.append(error(provided_field, _("Answer whether aftercare was provided."), "DT-09"))
    return findings


def check_within_stay(
    field: str,
    day: datetime.date | None,
    *,
    entry_date: datetime.date,
    exit_date: datetime.date | None,
    today: datetime.date,
    rule: str,
    what: str | Promise,
) -> list[Finding]:
    """A date on or between the project start and exit (DT-03, DT-04), and not after today."""
    if day is None:
        return []
    if day < entry_date:
        return [
            error(
                field,
                _("%(what)s is before the project start date (%(start)s).")
                % {"what": what, "start": entry_date},
                rule,
            )
        ]
    if exit_date is not None and day > exit_date:
        return [
            error(
                field,
                _("%(what)s is after the exit date (%(exit)s).") % {"what": what, "exit": exit_date},
                rule,
            )
        ]
    if day > today:
        return [error(field, _("%(what)s cannot be in the future.") % {"what": what}, rule)]
    return []


def check_stage_dates(
    questionnaire: Questionnaire,
    stored: Mapping[str, Any],
    *,
    entry_date: datetime.date,
    exit_date: datetime.date | None,
    today: datetime.date,
) -> list[Finding]:
    """Dates inside an assessment: the engagement and PATH status dates within the stay (DT-04), the
    start of homelessness not after project start."""
    findings: list[Finding] = []
    names = {q.name for q in questionnaire.questions}
    for column, rule, what in (
        ("DateOfEngagement", "DT-04", gettext_lazy("The date of engagement")),
        ("DateOfPATHStatus", "DT-04", gettext_lazy("The date of PATH status")),
        ("DateOfBCPStatus", "DT-04", gettext_lazy("The date of status determination")),
    ):
        field = input_name("Enrollment.csv", column)
        if field in names:
            findings += check_within_stay(
                field,
                stored.get(field),
                entry_date=entry_date,
                exit_date=exit_date,
                today=today,
                rule=rule,
                what=what,
            )
    street = input_name("Enrollment.csv", "DateToStreetESSH")
    if street in names and stored.get(street) is not None and stored[street] > entry_date:
        findings.append(
            error(
                street,
                _("This date is after the project start date (%(start)s).") % {"start": entry_date},
                "3.917",
            )
        )
    return findings


def check_information_date(
    field: str,
    day: datetime.date,
    *,
    entry_date: datetime.date,
    exit_date: datetime.date | None,
    today: datetime.date,
    window: AnnualWindow | None = None,
    is_annual: bool = False,
) -> list[Finding]:
    """An update or annual assessment is dated within the stay; an annual one within 30 days of
    the anniversary of the head of household's project start (DT-06)."""
    findings = check_within_stay(
        field,
        day,
        entry_date=entry_date,
        exit_date=exit_date,
        today=today,
        rule="REF-09",
        what=gettext_lazy("The date"),
    )
    if is_annual and not findings and window is None:
        findings.append(
            error(
                field,
                _(
                    "An annual assessment is dated within 30 days before or after the anniversary of the "
                    "head of household's project start."
                ),
                "DT-06",
            )
        )
    return findings


def check_date_of_birth(
    field: str, dob: datetime.date | None, *, entry_date: datetime.date, today: datetime.date, is_head: bool
) -> list[Finding]:
    """DT-07: a date of birth after project start stops the enrollment; the others ask to confirm it."""
    if dob is None:
        return []
    findings = []
    for issue in dob_issues(
        dob=dob, today=today, project_start_date=entry_date, is_head_of_household=is_head
    ):
        if issue == DobIssue.AFTER_PROJECT_START:
            findings.append(
                error(
                    field,
                    _("The project start date is before the client's date of birth (%(dob)s).")
                    % {"dob": dob},
                    "DT-07",
                )
            )
        else:
            findings.append(warning(field, str(_DOB_WARNINGS[issue]), "DT-07"))
    return findings


_DOB_WARNINGS = {
    DobIssue.IN_FUTURE: gettext_lazy(
        "The client's date of birth is in the future: correct it on the client's record."
    ),
    DobIssue.HEAD_OF_HOUSEHOLD_BORN_ON_PROJECT_START: gettext_lazy(
        "The head of household's date of birth is the project start date: please check both."
    ),
    DobIssue.OVER_100: gettext_lazy(
        "The client would be over 100 years old: please confirm the date of birth."
    ),
    DobIssue.AFTER_PROJECT_START: gettext_lazy("The date of birth is after the project start date."),
}


# --- Completeness ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Completeness:
    """The share of required elements answered with a real value (not missing, 8, 9 or 99)."""

    answered: int
    required: int
    missing: tuple[str | Promise, ...]  # titles of the elements still to collect

    @property
    def percent(self) -> int:
        return 100 if self.required == 0 else round(100 * self.answered / self.required)

    @property
    def ratio(self) -> float:
        return 1.0 if self.required == 0 else self.answered / self.required


def is_real_answer(question: Question, value: Any) -> bool:
    if value is None or value == "":
        return False
    if question.kind == Kind.CHOICE:
        missing = MISSING_DESTINATIONS if question.column.name == "Destination" else MISSING_CODES
        return value not in missing
    return True


def completeness(parts: Iterable[tuple[Questionnaire, Mapping[str, Any]]]) -> Completeness:
    """Over the questionnaires of an enrollment's stages (project start; exit once exited), each
    with its stored answers: an element counts as answered when its lead question has a real value."""
    answered, required, missing = 0, 0, []
    for questionnaire, stored in parts:
        for section in questionnaire.sections:
            if section.is_post_exit:
                continue
            required += 1
            if is_real_answer(section.questions[0], stored.get(section.questions[0].name)):
                answered += 1
            else:
                missing.append(section.title)
    return Completeness(answered, required, tuple(missing))
