"""The records collected by stage in the API matrix: income and benefits, health and DV,
disabilities, employment and education, youth education status.

Each is read by every viewer who may see the client; written by the agency running the enrollment's
project and the HMIS Lead (CASE_WORK): a viewer who sees the client through a consent to share
reads them but does not change them.
"""

import datetime
from typing import Any

from django.utils import timezone

from hearth.api.concurrency import etag_of
from hearth.api.schemas import output_columns, to_api
from hearth.enrollments.models import (
    Disabilities,
    EmploymentEducation,
    HealthAndDV,
    IncomeBenefits,
    YouthEducationStatus,
)
from tests.access import world
from tests.access.test_permission_matrix import MISSING, an_enrollment_of
from tests.api.matrix import CASE_WORK, ApiRoute

COLLECTED_ON = datetime.date(2025, 2, 1)
UPDATE = 2

# path, file, model, the stored record's fields, a new record's fields, a change
RESOURCES: list[tuple[str, str, Any, dict, dict, dict]] = [
    (
        "income-benefits",
        "IncomeBenefits",
        IncomeBenefits,
        {"income_from_any_source": 0},
        {"IncomeFromAnySource": 0},
        {"IncomeFromAnySource": 1, "Earned": 1, "EarnedAmount": "450.00"},
    ),
    (
        "health-and-dv",
        "HealthAndDV",
        HealthAndDV,
        {"domestic_violence_survivor": 0},
        {"DomesticViolenceSurvivor": 0},
        {"DomesticViolenceSurvivor": 1, "WhenOccurred": 4, "CurrentlyFleeing": 0},
    ),
    (
        "disabilities",
        "Disabilities",
        Disabilities,
        {"disability_type": 5, "disability_response": 0},
        {"DisabilityType": 7, "DisabilityResponse": 0},
        {"DisabilityResponse": 1, "IndefiniteAndImpairs": 1},
    ),
    (
        "employment-education",
        "EmploymentEducation",
        EmploymentEducation,
        {"employed": 0, "not_employed_reason": 1},
        {"Employed": 0, "NotEmployedReason": 2},
        {"Employed": 1, "EmploymentType": 1},
    ),
    (
        "youth-education-status",
        "YouthEducationStatus",
        YouthEducationStatus,
        {"current_school_attend": 0, "most_recent_ed_status": 1},
        {"CurrentSchoolAttend": 1, "CurrentEdStatus": 1},
        {"CurrentSchoolAttend": 1, "CurrentEdStatus": 2},
    ),
]


def a_record_of(model: Any, fields: dict, pid: str) -> str:
    """The client's update record of ``model`` (made by the shelter), or an id of none."""
    if pid == MISSING:
        return "no-such-record"
    found = model.objects.filter(client_id=pid).first()
    if found is None:
        found = model.objects.create(
            enrollment_id=an_enrollment_of(pid),
            client_id=pid,
            information_date=COLLECTED_ON,
            data_collection_stage=UPDATE,
            user=world.hmis_user(),
            **fields,
        )
    return found.pk


def prepare(pid: str) -> None:
    """Made with the scene, before the matrix counts the records (tests/api/conftest.py)."""
    for _path, _file, model, fields, *_rest in RESOURCES:
        a_record_of(model, fields, pid)


def _routes(path: str, file: str, model: Any, fields: dict, new: dict, change: dict) -> list[ApiRoute]:
    def url(pid: str) -> str:
        return f"/{path}/{a_record_of(model, fields, pid)}"

    def etag(pid: str) -> str:
        found = model.objects.filter(pk=a_record_of(model, fields, pid)).first()
        return etag_of(to_api(found, file, output_columns(file))) if found is not None else '"none"'

    def body(pid: str) -> dict:
        today = timezone.localdate().isoformat()
        return {
            "EnrollmentID": an_enrollment_of(pid),
            "DataCollectionStage": UPDATE,
            "InformationDate": today,
        } | new

    one = f"/api/v1/{path}/{{record_id}}"
    return [
        ApiRoute(f"/api/v1/{path}", "get", lambda _pid: f"/{path}", is_list=True),
        ApiRoute(one, "get", url),
        ApiRoute(
            f"/api/v1/{path}",
            "post",
            lambda _pid: f"/{path}",
            body,
            allowed_status=201,
            allowed_viewers=CASE_WORK,
        ),
        ApiRoute(one, "patch", url, lambda _pid: change, etag=etag, allowed_viewers=CASE_WORK),
        ApiRoute(one, "delete", url, etag=etag, allowed_status=204, allowed_viewers=CASE_WORK),
    ]


ROUTES = [route for resource in RESOURCES for route in _routes(*resource)]

OTHER_OPERATIONS: dict = {}
