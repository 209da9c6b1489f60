"""The records collected during an enrollment in the API matrix (``hearth/api/stage_records.py``):
income and benefits, health and DV, disabilities, employment and education, youth education status
(by data collection stage), services (bed nights) and current living situations (contacts).

Each is read by every viewer who may see the client; written by the agency running the enrollment's
project and the HMIS Lead (CASE_WORK): a viewer who sees the client through a consent to share
reads them but does not change them.  Each resource states only what differs, in ``RESOURCES``.
"""

import datetime
from dataclasses import dataclass
from types import ModuleType

from django.utils import timezone

from hearth.api.concurrency import etag_of
from hearth.api.routers import (
    current_living_situations,
    disabilities,
    employment_education,
    health_and_dv,
    income_benefits,
    services,
    youth_education_status,
)
from hearth.api.schemas import to_api
from tests.access import world
from tests.access.test_permission_matrix import MISSING, NIGHT_BY_NIGHT, STREET_OUTREACH, an_enrollment_of
from tests.api.matrix import CASE_WORK, ApiRoute

RECORDED_ON = datetime.date(2025, 2, 1)
UPDATE = 2  # HUD 5.03 data collection stage
ENTRY_EXIT_SHELTER = 0  # the project the scene enrolls the client in
BED_NIGHT = 200
PLACE_NOT_MEANT_FOR_HABITATION = 116


@dataclass(frozen=True)
class Resource:
    router: ModuleType  # hearth.api.routers.<name>: its PREFIX and RecordResource
    stored: dict  # the client's record, beyond its enrollment, client and date (model fields)
    new: dict  # a record to create, beyond EnrollmentID and the date (HUD names)
    change: dict  # a PATCH
    project_type: int = ENTRY_EXIT_SHELTER  # what the client's project is while the record is used


def _at_update(router: ModuleType, stored: dict, new: dict, change: dict) -> Resource:
    """A record of the update stage (made by the shelter)."""
    return Resource(
        router, {"data_collection_stage": UPDATE} | stored, {"DataCollectionStage": UPDATE} | new, change
    )


RESOURCES = [
    _at_update(
        income_benefits,
        {"income_from_any_source": 0},
        {"IncomeFromAnySource": 0},
        {"IncomeFromAnySource": 1, "Earned": 1, "EarnedAmount": "450.00"},
    ),
    _at_update(
        health_and_dv,
        {"domestic_violence_survivor": 0},
        {"DomesticViolenceSurvivor": 0},
        {"DomesticViolenceSurvivor": 1, "WhenOccurred": 4, "CurrentlyFleeing": 0},
    ),
    _at_update(
        disabilities,
        {"disability_type": 5, "disability_response": 0},
        {"DisabilityType": 7, "DisabilityResponse": 0},
        {"DisabilityResponse": 1, "IndefiniteAndImpairs": 1},
    ),
    _at_update(
        employment_education,
        {"employed": 0, "not_employed_reason": 1},
        {"Employed": 0, "NotEmployedReason": 2},
        {"Employed": 1, "EmploymentType": 1},
    ),
    _at_update(
        youth_education_status,
        {"current_school_attend": 0, "most_recent_ed_status": 1},
        {"CurrentSchoolAttend": 1, "CurrentEdStatus": 1},
        {"CurrentSchoolAttend": 1, "CurrentEdStatus": 2},
    ),
    # The client's bed night in the shelter, now night-by-night.
    Resource(
        services,
        {"record_type": BED_NIGHT, "type_provided": BED_NIGHT},
        {"RecordType": BED_NIGHT, "TypeProvided": BED_NIGHT},
        {"DateProvided": "2025-02-02"},
        project_type=NIGHT_BY_NIGHT,
    ),
    # The client met by the shelter's team, now street outreach.
    Resource(
        current_living_situations,
        {"current_living_situation": PLACE_NOT_MEANT_FOR_HABITATION},
        {"CurrentLivingSituation": PLACE_NOT_MEANT_FOR_HABITATION},
        {"LocationDetails": "Under the Howard Street bridge"},
        project_type=STREET_OUTREACH,
    ),
]


def _enrollment_of(resource: Resource, pid: str) -> str:
    return an_enrollment_of(pid, project_type=resource.project_type)


def a_record_of(resource: Resource, pid: str) -> str:
    """The client's record of ``resource``, or an ID of none."""
    if pid == MISSING:
        return "no-such-record"
    served = resource.router.resource
    enrollment_id = _enrollment_of(resource, pid)
    found = served.model.objects.filter(client_id=pid).first()
    if found is None:
        found = served.model.objects.create(
            enrollment_id=enrollment_id,
            client_id=pid,
            user=world.hmis_user(),
            **{served.field_of(served.date_column): RECORDED_ON},
            **resource.stored,
        )
    return found.pk


def prepare(pid: str) -> None:
    """Made with the scene, before the matrix counts the records (tests/api/conftest.py)."""
    for resource in RESOURCES:
        a_record_of(resource, pid)


def _routes(resource: Resource) -> list[ApiRoute]:
    path, served = resource.router.PREFIX, resource.router.resource

    def url(pid: str) -> str:
        return f"{path}/{a_record_of(resource, pid)}"

    def etag(pid: str) -> str:
        found = served.model.objects.filter(pk=a_record_of(resource, pid)).first()
        return etag_of(to_api(found, served.file, served.output)) if found is not None else '"none"'

    def body(pid: str) -> dict:
        today = timezone.localdate().isoformat()
        return {"EnrollmentID": _enrollment_of(resource, pid), served.date_column: today} | resource.new

    one = f"/api/v1{path}/{{record_id}}"
    return [
        ApiRoute(f"/api/v1{path}", "get", lambda _pid: path, is_list=True),
        ApiRoute(one, "get", url),
        ApiRoute(
            f"/api/v1{path}", "post", lambda _pid: path, body, allowed_status=201, allowed_viewers=CASE_WORK
        ),
        ApiRoute(one, "patch", url, lambda _pid: resource.change, etag=etag, allowed_viewers=CASE_WORK),
        ApiRoute(one, "delete", url, etag=etag, allowed_status=204, allowed_viewers=CASE_WORK),
    ]


ROUTES = [route for resource in RESOURCES for route in _routes(resource)]

OTHER_OPERATIONS: dict = {}
