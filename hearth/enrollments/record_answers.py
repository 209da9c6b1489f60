"""One HUD record's values, in HUD's column names, checked with the rules the assessment forms use.

The forms ask the elements a stage requires (``assessments.questionnaire``) and key answers by input
name.  A record written on its own (through the API) may hold any element of its file, required or
not: ``file_questions`` asks every element of the file, with the same dependent conditions, code
lists and kinds, so ``checked_values`` can run the same checks (``data_quality``: codes and types,
FMT-03; income against its sources, IB-01/IB-02; codes that depend on another answer) and store the
same values (a dependent field whose condition fails stores nothing, FMT-08; an unanswered field
that HUD does not allow empty stores 99, FMT-07).  Unlike a form, a value sent for a field that does
not apply is refused rather than dropped.  Findings name HUD's columns (``EarnedAmount``).
"""

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from hearth.enrollments import data_quality as dq
from hearth.enrollments.assessments import (
    COLUMNS_BY_ELEMENT,
    DISABILITY_ELEMENTS,
    HIV_AIDS,
    Kind,
    Question,
    Questionnaire,
    Section,
    Situation,
    Stage,
    _disability_questions,
    _element_questions,
    answers_from,
    record_values,
    stored_answers,
)
from hearth.enrollments.data_quality import Finding

# Columns that say whose record it is and which: set when it is made, never changed.
IDENTITY_COLUMNS = frozenset({"EnrollmentID", "PersonalID", "DataCollectionStage", "DisabilityType"})
# 4.02.18 is the sum of the amounts of the sources that are yes (IB-01): computed, never sent.
COMPUTED_COLUMNS = frozenset({"TotalMonthlyIncome"})


@functools.cache
def file_questions(file: str, situation: Situation, disability_type: int | None = None) -> Questionnaire:
    """Every element of ``file`` (``"HealthAndDV.csv"``), as the forms ask it of this project and
    person; for Disabilities.csv, the elements of one DisabilityType (4.05-4.10; W4 and W6 on the
    HIV/AIDS row)."""
    if file == "Disabilities.csv":
        element = next(e for e, code in DISABILITY_ELEMENTS.items() if code == disability_type)
        extra = ("W4", "W6") if disability_type == HIV_AIDS else ()
        return Questionnaire(
            Stage.UPDATE,
            (Section(element, element, tuple(_disability_questions(element, extra, situation))),),
        )
    known = {"Project.ProjectType": situation.project_type, "Enrollment.ProjectType": situation.project_type}
    sections = []
    for found_file, element in COLUMNS_BY_ELEMENT:
        if found_file != file:
            continue
        questions = _element_questions(file, element, situation, known)
        if questions:
            sections.append(Section(element, element, tuple(questions)))
    return Questionnaire(Stage.UPDATE, tuple(sections))


@dataclass(frozen=True)
class Checked:
    """What a record stores (model field names), and the form answers it was checked as."""

    values: dict[str, Any]
    answers: dict[str, Any]
    warnings: tuple[Finding, ...]


def unwritable_text(sent: Mapping[str, Any]) -> list[Finding]:
    """Text with control characters (NUL among them) that HUD's CSV and the database do not carry."""
    return [
        dq.error(column, _("Remove the control characters from this text."), "FMT-06")
        for column, value in sent.items()
        if isinstance(value, str) and any(ord(c) < 32 and c not in "\t\n\r" for c in value)
    ]


def in_hud_names(findings: Iterable[Finding], questionnaire: Questionnaire) -> list[Finding]:
    """The findings with each input name replaced by the HUD column it stands for."""
    names = {q.name: q.column.name for q in questionnaire.questions}
    return [Finding(names.get(f.field, f.field), f.message, f.is_error, f.rule) for f in findings]


def hud_values(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> dict[str, Any]:
    """A form's answers as the HUD-named values of its record, as the form stores them (a field
    that does not apply holds nothing, a source under "from any source" 0 or 1): what a page
    sends to a one-record service such as ``activity_records.update_contact``."""
    stored = stored_answers(questionnaire, answers)
    return {q.column.name: stored[q.name] for q in questionnaire.questions}


def in_input_names(
    by_field: Mapping[str, list[str]], questionnaire: Questionnaire, others: Mapping[str, str]
) -> dict[str, list[str]]:
    """A one-record service's messages (by HUD column) keyed by the form's input names again;
    ``others`` names the inputs of columns outside the questionnaire (``InformationDate``...)."""
    names = {q.column.name: q.name for q in questionnaire.questions} | dict(others)
    renamed: dict[str, list[str]] = {}
    for column, messages in by_field.items():
        renamed.setdefault(names.get(column, column), []).extend(messages)
    return renamed


def _answer(question: Question, value: Any) -> tuple[Any, Finding | None]:
    """A HUD value as the form's answer: a source under "from any source" (list 1.7) is a tick."""
    if question.kind != Kind.CHECKBOX or value is None:
        return value, None
    if value in (0, 1) and not isinstance(value, bool):
        return value == 1, None
    return None, dq.error(question.column.name, _("Answer 0 (no) or 1 (yes)."), "IB-01")


def _same(question: Question, sent: Any, stored: Any) -> bool:
    if isinstance(sent, str):
        return (sent.strip() or None) == stored
    if question.kind == Kind.CHECKBOX and sent == 0 and stored is None:
        return True  # "no" to a source whose "from any source" is not answered yes or no
    return bool(sent == stored)


def _not_stored(question: Question, sent: Any, stored: Any) -> Finding:
    if stored is None:
        return dq.error(
            question.column.name,
            _("This field does not apply given the other answers: leave it out or send null."),
            "FMT-08",
        )
    return dq.error(
        question.column.name,
        _("This answer does not fit the answer to %(question)s.") % {"question": question.any_source},
        "IB-02",
    )


def checked_values(
    questionnaire: Questionnaire,
    sent: Mapping[str, Any],
    record: Any | None = None,
    *,
    disability_type: int | None = None,
) -> Checked:
    """Check the HUD-named values ``sent`` for one record of ``questionnaire``'s file; with
    ``record``, the values not sent are the record's own (a partial update).  Raises
    ``EnrollmentError`` naming HUD's columns; otherwise returns the values to store."""
    by_column = {q.column.name: q for q in questionnaire.questions}
    file = questionnaire.questions[0].file if questionnaire.questions else ""
    kept = answers_from(questionnaire, {(file, disability_type): record}) if record is not None else {}
    answers = dict(kept)
    findings = unwritable_text(sent)
    for column, value in sent.items():
        question = by_column.get(column)
        if question is None:
            if value is not None:
                findings.append(_unknown(column))
            continue
        answer, problem = _answer(question, value)
        if problem is not None:
            findings.append(problem)
        answers[question.name] = answer
    findings += in_hud_names(dq.check_answer_types(questionnaire, answers, kept), questionnaire)
    dq.raise_errors(findings)
    stored = stored_answers(questionnaire, answers)
    findings += in_hud_names(dq.check_consistency(questionnaire, stored), questionnaire)
    for column, value in sent.items():
        question = by_column.get(column)
        if question is not None and value is not None and not _same(question, value, stored[question.name]):
            findings.append(_not_stored(question, value, stored[question.name]))
    warnings = dq.raise_errors(findings)
    values = record_values(questionnaire, stored).get((file, disability_type), {})
    return Checked(values, answers, tuple(warnings))


def _unknown(column: str) -> Finding:
    if column in IDENTITY_COLUMNS:
        return dq.error(column, _("This cannot change: remove the record and record a new one."))
    if column in COMPUTED_COLUMNS:
        return dq.error(column, _("This is the sum of the amounts of the sources that are yes."), "IB-01")
    return dq.error(column, _("HUD does not collect this field for this project or record."), "FMT-08")
