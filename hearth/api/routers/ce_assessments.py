"""Coordinated entry assessments (HMIS CSV Assessment.csv, HUD 4.19), each shown with its questions
and answers (AssessmentQuestions.csv) and its results (AssessmentResults.csv): list, read, create,
update, remove.

An assessment is visible exactly when its enrollment is (``Assessment.objects.visible_to``), and
every read is audited; writes go through ``hearth.coordinated_entry.services``, which allows them
to the agency running the enrollment's project and to the HMIS Lead.  The ETag covers the
questions and results too, so a change to any of them changes it.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router, Status
from pydantic import Field

from hearth.api.common import READ_ERRORS, WRITE_ERRORS, account_of, created, with_etag
from hearth.api.concurrency import require_match
from hearth.api.records import NOT_FOUND, hud_field, list_records, read_record
from hearth.api.schemas import output_columns, page_schema, record_schema, to_api
from hearth.api.text_input import IdInPath, RecordFilters
from hearth.coordinated_entry import services
from hearth.coordinated_entry.models import Assessment, AssessmentQuestions, AssessmentResults

PREFIX = "/ce-assessments"
router = Router(tags=["Coordinated entry"])

FILE = "Assessment"
OUTPUT = output_columns(FILE)
DATA = ["AssessmentDate", "AssessmentLocation", "AssessmentType", "AssessmentLevel", "PrioritizationStatus"]
# Inside an assessment its rows need not repeat whose they are.
_INSIDE = ("ExportID", "AssessmentID", "EnrollmentID", "PersonalID", "DateDeleted")
QUESTION_OUTPUT = output_columns("AssessmentQuestions", hide=_INSIDE)
QUESTION_INPUT = [
    "AssessmentQuestionGroup",
    "AssessmentQuestionOrder",
    "AssessmentQuestion",
    "AssessmentAnswer",
]
RESULT_OUTPUT = output_columns("AssessmentResults", hide=_INSIDE)
RESULT_INPUT = ["AssessmentResultType", "AssessmentResult"]
QUESTIONS, RESULTS = "AssessmentQuestions", "AssessmentResults"

QuestionOut = record_schema(
    "CEAssessmentQuestion", "AssessmentQuestions", QUESTION_OUTPUT, required=["AssessmentQuestionID"]
)
ResultOut = record_schema(
    "CEAssessmentResult", "AssessmentResults", RESULT_OUTPUT, required=["AssessmentResultID"]
)
QuestionIn = record_schema(
    "CEAssessmentQuestionInput", "AssessmentQuestions", QUESTION_INPUT, required=["AssessmentQuestion"]
)
ResultIn = record_schema(
    "CEAssessmentResultInput", "AssessmentResults", RESULT_INPUT, required=["AssessmentResultType"]
)

_QUESTIONS_DOC = "HUD 4.19.5 and 4.19.A: the questions of the CoC's assessment tool and the answers."
_RESULTS_DOC = "HUD 4.19.6 and 4.19.B: the assessment's results (scores, priority)."
_WHOLE_SET = (
    " When sent, the whole new set: a row with the same question (group, order and text) or result "
    "type keeps its ID and takes the new value; rows left out are removed."
)

CEAssessmentOut = record_schema(
    "CEAssessment",
    FILE,
    OUTPUT,
    required=["AssessmentID", "EnrollmentID", "PersonalID", "AssessmentDate"],
    extra={
        QUESTIONS: (list[QuestionOut], Field(..., description=_QUESTIONS_DOC)),
        RESULTS: (list[ResultOut], Field(..., description=_RESULTS_DOC)),
    },
)
CEAssessmentPage = page_schema("CEAssessmentPage", CEAssessmentOut)
CEAssessmentIn = record_schema(
    "CEAssessmentCreate",
    FILE,
    ["EnrollmentID", *DATA],
    required=["EnrollmentID", "AssessmentDate"],
    extra={
        QUESTIONS: (list[QuestionIn], Field(..., description=_QUESTIONS_DOC + " At least one (REF-10).")),
        RESULTS: (list[ResultIn], Field(..., description=_RESULTS_DOC + " At least one (REF-10).")),
    },
)
CEAssessmentPatch = record_schema(
    "CEAssessmentUpdate",
    FILE,
    DATA,
    all_optional=True,
    extra={
        QUESTIONS: (list[QuestionIn], Field(None, description=_QUESTIONS_DOC + _WHOLE_SET)),
        RESULTS: (list[ResultIn], Field(None, description=_RESULTS_DOC + _WHOLE_SET)),
    },
)


def _embed(representations: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each assessment's live questions (in their order) and results: two queries for any number."""
    ids = [r["AssessmentID"] for r in representations]
    questions: dict[str, list[dict[str, Any]]] = {pk: [] for pk in ids}
    results: dict[str, list[dict[str, Any]]] = {pk: [] for pk in ids}
    for question in AssessmentQuestions.objects.filter(assessment_id__in=ids).order_by(
        F("assessment_question_order").asc(nulls_last=True), "pk"
    ):
        questions[question.assessment_id].append(to_api(question, QUESTIONS, QUESTION_OUTPUT))
    for result in AssessmentResults.objects.filter(assessment_id__in=ids).order_by("pk"):
        results[result.assessment_id].append(to_api(result, RESULTS, RESULT_OUTPUT))
    for representation in representations:
        pk = representation["AssessmentID"]
        representation[QUESTIONS], representation[RESULTS] = questions[pk], results[pk]
    return list(representations)


def represent(assessment: Assessment) -> dict[str, Any]:
    return _embed([to_api(assessment, FILE, OUTPUT)])[0]


def _data(values: dict[str, Any]) -> services.AssessmentData:
    return services.AssessmentData(**{hud_field(FILE, name): values.get(name) for name in DATA})


def _rows(kind: type[Any], file: str, names: Iterable[str], sent: list[dict[str, Any]] | None) -> Any:
    if sent is None:
        return None
    return [kind(**{hud_field(file, name): row.get(name) for name in names}) for row in sent]


def _locked(request: HttpRequest, assessment_id: str) -> Assessment:
    """The assessment to change: visible, locked (its rows change only under this lock, in the
    services), and unchanged since the caller read it."""
    found = Assessment.objects.visible_to(request.user).filter(pk=assessment_id).first()
    if found is None:
        raise Http404(NOT_FOUND)
    current = Assessment.objects.select_for_update().get(pk=found.pk)
    require_match(request, represent(current))
    return current


@router.get(
    "",
    response={200: CEAssessmentPage, **READ_ERRORS},
    summary="List coordinated entry assessments you may see",
    description="`on_or_after` and `on_or_before` filter on AssessmentDate.",
)
def list_assessments(request: HttpRequest, query: Query[RecordFilters]) -> Any:
    page = list_records(request, Assessment, FILE, OUTPUT, query, date_field="assessment_date")
    page["results"] = _embed(page["results"])
    return page


@router.get(
    "/{assessment_id}",
    response={200: CEAssessmentOut, **READ_ERRORS},
    summary="Read a coordinated entry assessment",
)
def read_assessment(request: HttpRequest, assessment_id: IdInPath, response: HttpResponse) -> Any:
    return with_etag(response, _embed([read_record(request, Assessment, FILE, OUTPUT, assessment_id)])[0])


@router.post(
    "",
    response={201: CEAssessmentOut, **WRITE_ERRORS},
    summary="Record a coordinated entry assessment",
    description=(
        "HUD 4.19, for the head of household, dated during the enrollment, with at least one question "
        "and one result. Allowed to the agency running the enrollment's project and the HMIS Lead."
    ),
)
def create_assessment(request: HttpRequest, payload: CEAssessmentIn, response: HttpResponse) -> Any:
    values = payload.model_dump()
    assessment = services.record_assessment(
        user=account_of(request),
        enrollment_id=values["EnrollmentID"],
        data=_data(values),
        questions=_rows(services.QuestionData, QUESTIONS, QUESTION_INPUT, values[QUESTIONS]),
        results=_rows(services.ResultData, RESULTS, RESULT_INPUT, values[RESULTS]),
    )
    return created(request, response, represent(assessment), assessment.pk)


@router.patch(
    "/{assessment_id}",
    response={200: CEAssessmentOut, **WRITE_ERRORS},
    summary="Change a coordinated entry assessment",
    description="Only the fields sent change. " + _WHOLE_SET.strip(),
)
def update_assessment(
    request: HttpRequest, assessment_id: IdInPath, payload: CEAssessmentPatch, response: HttpResponse
) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    with transaction.atomic():
        current = _locked(request, assessment_id)
        values = to_api(current, FILE, DATA) | changes
        assessment = services.update_assessment(
            user=account_of(request),
            assessment_id=current.pk,
            data=_data(values),
            questions=_rows(services.QuestionData, QUESTIONS, QUESTION_INPUT, changes.get(QUESTIONS)),
            results=_rows(services.ResultData, RESULTS, RESULT_INPUT, changes.get(RESULTS)),
        )
    return with_etag(response, represent(assessment))


@router.delete(
    "/{assessment_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Remove a coordinated entry assessment",
    description="With its questions and results (DateDeleted is set; lists with updated_since show it).",
)
def delete_assessment(request: HttpRequest, assessment_id: IdInPath) -> Any:
    with transaction.atomic():
        current = _locked(request, assessment_id)
        services.delete_assessment(user=account_of(request), assessment_id=current.pk)
    return Status(204, None)
