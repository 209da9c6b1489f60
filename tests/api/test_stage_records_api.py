"""The five resources of records collected by stage (income and benefits, health and DV,
disabilities, employment and education, youth education status): reads through the policy, writes
through the stage record services, ETags, filters and problems in HUD's names."""

import datetime

import pytest

from hearth.access.models import AuditEvent
from hearth.access.permissions import Role
from hearth.enrollments.models import (
    Disabilities,
    EmploymentEducation,
    Exit,
    HealthAndDV,
    IncomeBenefits,
    YouthEducationStatus,
)
from tests.access import world
from tests.api.helpers import caller_for

pytestmark = pytest.mark.django_db

ENTRY = datetime.date(2025, 1, 1)
UPDATED_ON = "2025-03-01"

# path, model, a new record's fields, a change (and what it reads back as), bad values and the field named
RESOURCES = [
    (
        "/income-benefits",
        IncomeBenefits,
        {"IncomeFromAnySource": 1, "Earned": 1, "EarnedAmount": "450.00"},
        {"SSI": 1, "SSIAmount": 943},
        {"SSI": 1, "SSIAmount": "943.00", "TotalMonthlyIncome": "1393.00", "Unemployment": 0},
        {"IncomeFromAnySource": 0, "Earned": 1},
        "Earned",
    ),
    (
        "/health-and-dv",
        HealthAndDV,
        {"DomesticViolenceSurvivor": 1, "WhenOccurred": 2},
        {"DomesticViolenceSurvivor": 0},
        {"DomesticViolenceSurvivor": 0, "WhenOccurred": None},
        {"DomesticViolenceSurvivor": 0, "CurrentlyFleeing": 1},
        "CurrentlyFleeing",
    ),
    (
        "/disabilities",
        Disabilities,
        {"DisabilityType": 5, "DisabilityResponse": 1, "IndefiniteAndImpairs": 1},
        {"IndefiniteAndImpairs": 0},
        {"IndefiniteAndImpairs": 0, "DisabilityResponse": 1},
        {"DisabilityType": 5, "DisabilityResponse": 0, "IndefiniteAndImpairs": 1},
        "IndefiniteAndImpairs",
    ),
    (
        "/employment-education",
        EmploymentEducation,
        {"Employed": 1, "EmploymentType": 2},
        {"Employed": 0, "NotEmployedReason": 1},
        {"Employed": 0, "EmploymentType": None, "NotEmployedReason": 1},
        {"Employed": 1, "NotEmployedReason": 1},
        "NotEmployedReason",
    ),
    (
        "/youth-education-status",
        YouthEducationStatus,
        {"CurrentSchoolAttend": 0, "MostRecentEdStatus": 3},
        {"MostRecentEdStatus": 4},
        {"CurrentSchoolAttend": 0, "MostRecentEdStatus": 4},
        {"CurrentSchoolAttend": 2, "MostRecentEdStatus": 1},
        "MostRecentEdStatus",
    ),
]
IDS = [r[0].strip("/") for r in RESOURCES]


@pytest.fixture
def shelter():
    return world.organization("Shelter")


@pytest.fixture
def staff(shelter):
    return world.account("casey", shelter, Role.CASE_MANAGER)


@pytest.fixture
def enrollment(shelter):
    return world.enrollment(world.client("Alexandra"), world.project(shelter), entry=ENTRY)


def new(enrollment, values: dict, stage: int = 2, day: str | None = UPDATED_ON) -> dict:
    body = {"EnrollmentID": enrollment.pk, "DataCollectionStage": stage} | values
    return body | ({"InformationDate": day} if day else {})


@pytest.mark.parametrize(("path", "model", "values", "change", "changed", "bad", "field"), RESOURCES, ids=IDS)
def test_create_read_update_delete(staff, enrollment, path, model, values, change, changed, bad, field):
    api = caller_for(staff)
    created = api.send("post", path, new(enrollment, values))
    assert created.status_code == 201, created.content
    body = created.json()
    pk = body[next(iter(body))]
    assert created["Location"].endswith(f"/api/v1{path}/{pk}")
    assert (
        body["EnrollmentID"],
        body["PersonalID"],
        body["DataCollectionStage"],
        body["InformationDate"],
    ) == (
        enrollment.pk,
        enrollment.client_id,
        2,
        UPDATED_ON,
    )
    staff.refresh_from_db()
    assert model.objects.get(pk=pk).user_id == staff.hmis_user_id

    read = api.get(f"{path}/{pk}")
    assert read.status_code == 200
    assert read.json() == body
    assert read["ETag"] == created["ETag"]
    assert AuditEvent.objects.filter(action="view", object_id=pk, personal_id=enrollment.client_id).exists()

    updated = api.send("patch", f"{path}/{pk}", change, headers={"If-Match": read["ETag"]})
    assert updated.status_code == 200, updated.content
    assert {k: updated.json()[k] for k in changed} == changed
    assert updated.json()["InformationDate"] == UPDATED_ON
    assert api.get(f"{path}/{pk}")["ETag"] == updated["ETag"]

    stale = api.send("delete", f"{path}/{pk}", headers={"If-Match": read["ETag"]})
    assert stale.status_code == 412
    removed = api.send("delete", f"{path}/{pk}", headers={"If-Match": updated["ETag"]})
    assert removed.status_code == 204
    assert model.all_objects.get(pk=pk).date_deleted is not None
    assert api.get(f"{path}/{pk}").status_code == 404
    assert api.get(path).json()["results"] == []
    synced = api.get(path, updated_since="2000-01-01T00:00:00Z").json()["results"]
    assert [(r[next(iter(r))], r["DateDeleted"] is not None) for r in synced] == [(pk, True)]


@pytest.mark.parametrize(("path", "model", "values", "change", "changed", "bad", "field"), RESOURCES, ids=IDS)
def test_values_hud_refuses_are_named_and_nothing_is_written(
    staff, enrollment, path, model, values, change, changed, bad, field
):
    api = caller_for(staff)
    response = api.send("post", path, new(enrollment, bad))
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert field in [e["field"] for e in response.json()["errors"]]
    assert not model.all_objects.exists()

    pk = api.send("post", path, new(enrollment, values)).json()
    pk = pk[next(iter(pk))]
    etag = api.get(f"{path}/{pk}")["ETag"]
    refused = api.send("patch", f"{path}/{pk}", bad, headers={"If-Match": etag})
    assert refused.status_code == 422, refused.content
    assert api.get(f"{path}/{pk}")["ETag"] == etag


def test_the_stage_decides_the_date_and_the_rows(staff, enrollment):
    api = caller_for(staff)
    start = api.send(
        "post", "/health-and-dv", new(enrollment, {"DomesticViolenceSurvivor": 0}, stage=1, day=None)
    )
    assert start.status_code == 201, start.content
    assert start.json()["InformationDate"] == ENTRY.isoformat()

    again = api.send(
        "post", "/health-and-dv", new(enrollment, {"DomesticViolenceSurvivor": 1}, stage=1, day=None)
    )
    wrong_day = api.send("post", "/income-benefits", new(enrollment, {"IncomeFromAnySource": 0}, stage=1))
    no_exit = api.send("post", "/income-benefits", new(enrollment, {"IncomeFromAnySource": 0}, stage=3))
    annual = api.send("post", "/income-benefits", new(enrollment, {"IncomeFromAnySource": 0}, stage=5))
    future = api.send(
        "post", "/income-benefits", new(enrollment, {"IncomeFromAnySource": 0}, day="2099-01-01")
    )
    far = api.send(
        "post", "/income-benefits", new(enrollment, {"IncomeFromAnySource": 0}, stage=5, day="9999-12-31")
    )

    named = [
        (r.status_code, [e["field"] for e in r.json()["errors"]])
        for r in (again, wrong_day, no_exit, annual, future, far)
    ]
    assert named == [
        (422, ["DataCollectionStage"]),
        (422, ["InformationDate"]),
        (422, ["DataCollectionStage"]),
        (422, ["InformationDate"]),
        (422, ["InformationDate"]),
        (422, ["InformationDate"]),
    ]
    assert (HealthAndDV.objects.count(), IncomeBenefits.objects.count()) == (1, 0)


def test_a_code_outside_hud_list_is_named_by_the_schema(staff, enrollment):
    api = caller_for(staff)
    response = api.send("post", "/health-and-dv", new(enrollment, {"DomesticViolenceSurvivor": 7}))
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["DomesticViolenceSurvivor"]
    missing = api.send("post", "/disabilities", new(enrollment, {"DisabilityResponse": 1}))
    assert missing.status_code == 422
    assert [e["field"] for e in missing.json()["errors"]] == ["DisabilityType"]
    assert not HealthAndDV.all_objects.exists()
    assert not Disabilities.all_objects.exists()


def test_lists_filter_by_stage_date_and_enrollment_and_audit_who_they_show(shelter, staff, enrollment):
    other = world.enrollment(world.client("Robin"), enrollment.project, entry=ENTRY)
    api = caller_for(staff)
    for who, stage, day in ((enrollment, 1, None), (enrollment, 2, "2025-03-01"), (other, 2, "2025-04-01")):
        assert (
            api.send("post", "/income-benefits", new(who, {"IncomeFromAnySource": 0}, stage, day)).status_code
            == 201
        )

    def listed(**filters) -> list[tuple[str, int, str]]:
        rows = api.get("/income-benefits", **filters).json()["results"]
        return sorted((r["EnrollmentID"], r["DataCollectionStage"], r["InformationDate"]) for r in rows)

    assert listed(DataCollectionStage=1) == [(enrollment.pk, 1, "2025-01-01")]
    assert listed(on_or_after="2025-02-01", on_or_before="2025-03-31") == [(enrollment.pk, 2, "2025-03-01")]
    assert listed(EnrollmentID=other.pk) == [(other.pk, 2, "2025-04-01")]
    assert listed(PersonalID=other.client_id, DataCollectionStage=1) == []
    assert len(listed(ProjectID=enrollment.project_id)) == 3
    page = AuditEvent.objects.filter(action="view", object_type="enrollments.IncomeBenefits").last()
    assert page.detail["personal_ids"] == sorted([enrollment.client_id, other.client_id])


def test_another_agency_reads_by_consent_but_does_not_write(staff, enrollment):
    api = caller_for(staff)
    created = api.send("post", "/income-benefits", new(enrollment, {"IncomeFromAnySource": 0}))
    pk = created.json()["IncomeBenefitsID"]
    clinic = world.organization("Clinic")
    outsider = caller_for(world.account("dana", clinic, Role.CASE_MANAGER))
    world.consent(
        enrollment.client, by=staff, scope="named", named=(clinic,), signed_on=datetime.date.today()
    )
    events = AuditEvent.objects.filter(action__in=["create", "update", "delete"]).count()

    read = outsider.get(f"/income-benefits/{pk}")
    assert read.status_code == 200
    changed = outsider.send(
        "patch", f"/income-benefits/{pk}", {"IncomeFromAnySource": 1}, headers={"If-Match": read["ETag"]}
    )
    removed = outsider.send("delete", f"/income-benefits/{pk}", headers={"If-Match": read["ETag"]})
    made = outsider.send("post", "/income-benefits", new(enrollment, {"IncomeFromAnySource": 1}))

    assert [r.status_code for r in (changed, removed, made)] == [404, 404, 404]
    assert IncomeBenefits.all_objects.get().income_from_any_source == 0
    assert IncomeBenefits.all_objects.count() == 1
    assert AuditEvent.objects.filter(action__in=["create", "update", "delete"]).count() == events


def test_updates_and_deletes_need_if_match(staff, enrollment):
    api = caller_for(staff)
    pk = api.send("post", "/income-benefits", new(enrollment, {"IncomeFromAnySource": 0})).json()[
        "IncomeBenefitsID"
    ]
    assert api.send("patch", f"/income-benefits/{pk}", {"IncomeFromAnySource": 1}).status_code == 428
    assert api.send("delete", f"/income-benefits/{pk}").status_code == 428
    record = IncomeBenefits.objects.get()
    assert (record.income_from_any_source, record.date_deleted) == (0, None)


def test_an_exit_record_takes_the_exit_date(staff, enrollment):
    Exit.objects.create(
        enrollment=enrollment,
        client=enrollment.client,
        exit_date=datetime.date(2025, 6, 30),
        destination=410,
        user=world.hmis_user(),
    )
    api = caller_for(staff)
    response = api.send(
        "post", "/disabilities", new(enrollment, {"DisabilityType": 8, "DisabilityResponse": 0}, 3, None)
    )
    assert response.status_code == 201, response.content
    assert (response.json()["InformationDate"], response.json()["DataCollectionStage"]) == ("2025-06-30", 3)
