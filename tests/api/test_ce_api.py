"""Coordinated entry assessments and events through the API: reads through the policy, writes
through the coordinated entry services, ETags and If-Match, HUD's rules as field errors."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.access.models import AuditEvent
from hearth.access.permissions import Role
from hearth.coordinated_entry.models import Assessment, AssessmentQuestions, AssessmentResults, Event
from tests.access import world
from tests.api.helpers import caller_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelter():
    return world.organization("Shelter")


@pytest.fixture
def staff(shelter):
    return world.account("casey", shelter, Role.CASE_MANAGER)


@pytest.fixture
def enrollment(shelter):
    return world.enrollment(world.client("Alexandra"), world.project(shelter, project_type=14))


def new_assessment(enrollment, **changes):
    return {
        "EnrollmentID": enrollment.pk,
        "AssessmentDate": "2025-02-01",
        "AssessmentLocation": "Front desk",
        "AssessmentType": 3,
        "AssessmentLevel": 1,
        "PrioritizationStatus": 1,
        "AssessmentQuestions": [
            {
                "AssessmentQuestionOrder": 1,
                "AssessmentQuestion": "Where did you sleep?",
                "AssessmentAnswer": "Car",
            },
            {"AssessmentQuestionOrder": 2, "AssessmentQuestion": "Are you safe?", "AssessmentAnswer": "Yes"},
        ],
        "AssessmentResults": [{"AssessmentResultType": "Score", "AssessmentResult": "9"}],
    } | changes


def nothing_written() -> bool:
    return not (
        Assessment.all_objects.exists()
        or AssessmentQuestions.all_objects.exists()
        or Event.all_objects.exists()
    )


def errors_of(response) -> set[str]:
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    return {e["field"] for e in response.json()["errors"]}


# --- Assessments -----------------------------------------------------------------------------------


def test_assessment_create_read_update_delete(staff, enrollment):
    api = caller_for(staff)
    created = api.send("post", "/ce-assessments", new_assessment(enrollment))
    assert created.status_code == 201, created.content
    body = created.json()
    aid = body["AssessmentID"]
    assert created["Location"].endswith(f"/api/v1/ce-assessments/{aid}")
    assert (body["EnrollmentID"], body["PersonalID"]) == (enrollment.pk, enrollment.client_id)
    staff.refresh_from_db()
    assert (body["AssessmentDate"], body["AssessmentLevel"], body["UserID"]) == (
        "2025-02-01",
        1,
        staff.hmis_user_id,
    )
    assert [q["AssessmentQuestion"] for q in body["AssessmentQuestions"]] == [
        "Where did you sleep?",
        "Are you safe?",
    ]
    assert [(r["AssessmentResultType"], r["AssessmentResult"]) for r in body["AssessmentResults"]] == [
        ("Score", "9")
    ]
    assert "AssessmentID" not in body["AssessmentQuestions"][0]

    read = api.get(f"/ce-assessments/{aid}")
    assert read.status_code == 200
    assert read.json() == body
    assert read["ETag"] == created["ETag"]
    assert AuditEvent.objects.filter(action="view", object_id=aid, personal_id=enrollment.client_id).exists()

    kept = body["AssessmentQuestions"][0]["AssessmentQuestionID"]
    changed = api.send(
        "patch",
        f"/ce-assessments/{aid}",
        {
            "PrioritizationStatus": 2,
            "AssessmentQuestions": [
                {
                    "AssessmentQuestionOrder": 1,
                    "AssessmentQuestion": "Where did you sleep?",
                    "AssessmentAnswer": "Bus",
                }
            ],
        },
        headers={"If-Match": read["ETag"]},
    )
    assert changed.status_code == 200, changed.content
    after = changed.json()
    assert (after["PrioritizationStatus"], after["AssessmentLocation"]) == (2, "Front desk")
    assert [(q["AssessmentQuestionID"], q["AssessmentAnswer"]) for q in after["AssessmentQuestions"]] == [
        (kept, "Bus")
    ]
    assert after["AssessmentResults"] == body["AssessmentResults"]
    assert changed["ETag"] != read["ETag"]

    stale = api.send("delete", f"/ce-assessments/{aid}", headers={"If-Match": read["ETag"]})
    assert stale.status_code == 412
    assert Assessment.objects.filter(pk=aid).exists()
    removed = api.send("delete", f"/ce-assessments/{aid}", headers={"If-Match": changed["ETag"]})
    assert removed.status_code == 204
    assert Assessment.all_objects.get(pk=aid).date_deleted is not None
    assert not AssessmentQuestions.objects.filter(assessment_id=aid).exists()
    assert api.get(f"/ce-assessments/{aid}").status_code == 404
    synced = api.get("/ce-assessments", updated_since="2000-01-01T00:00:00Z").json()["results"]
    assert [(a["AssessmentID"], a["DateDeleted"] is not None) for a in synced] == [(aid, True)]


def test_a_change_to_the_answers_alone_changes_the_etag_and_date_updated(staff, enrollment):
    api = caller_for(staff)
    created = api.send("post", "/ce-assessments", new_assessment(enrollment))
    aid = created.json()["AssessmentID"]
    changed = api.send(
        "patch",
        f"/ce-assessments/{aid}",
        {"AssessmentResults": [{"AssessmentResultType": "Score", "AssessmentResult": "14"}]},
        headers={"If-Match": created["ETag"]},
    )
    assert changed.status_code == 200, changed.content
    assert changed["ETag"] != created["ETag"]
    assert changed.json()["DateUpdated"] > created.json()["DateUpdated"]


def test_an_update_without_if_match_is_refused(staff, enrollment):
    api = caller_for(staff)
    aid = api.send("post", "/ce-assessments", new_assessment(enrollment)).json()["AssessmentID"]
    response = api.send("patch", f"/ce-assessments/{aid}", {"AssessmentLocation": "Library"})
    assert response.status_code == 428
    assert api.send("delete", f"/ce-assessments/{aid}").status_code == 428
    assert Assessment.objects.get().assessment_location == "Front desk"


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"AssessmentType": 9, "AssessmentDate": "soon"}, {"AssessmentType", "AssessmentDate"}),
        ({"AssessmentDate": "2024-12-31"}, {"AssessmentDate"}),
        ({"AssessmentLocation": "<script>"}, {"AssessmentLocation"}),
        ({"AssessmentQuestions": []}, {"AssessmentQuestions"}),
        (
            {"AssessmentQuestions": [{"AssessmentAnswer": "Car"}]},
            {"AssessmentQuestions.0.AssessmentQuestion"},
        ),
        (
            {"AssessmentResults": [{"AssessmentResultType": " "}]},
            {"AssessmentResults.0.AssessmentResultType"},
        ),
        ({"AssessmentQuestions": None}, {"AssessmentQuestions"}),
    ],
)
def test_bad_assessments_name_their_fields_and_write_nothing(staff, enrollment, changes, fields):
    response = caller_for(staff).send("post", "/ce-assessments", new_assessment(enrollment, **changes))
    assert errors_of(response) == fields
    assert nothing_written()


def test_a_bad_update_names_its_field_and_changes_nothing(staff, enrollment):
    api = caller_for(staff)
    created = api.send("post", "/ce-assessments", new_assessment(enrollment))
    aid = created.json()["AssessmentID"]
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = api.send(
        "patch",
        f"/ce-assessments/{aid}",
        {"AssessmentDate": tomorrow, "AssessmentResults": []},
        headers={"If-Match": created["ETag"]},
    )
    assert errors_of(response) == {"AssessmentDate", "AssessmentResults"}
    assert api.get(f"/ce-assessments/{aid}")["ETag"] == created["ETag"]
    assert AssessmentResults.objects.count() == 1


def test_an_agency_seeing_the_client_through_a_consent_reads_but_does_not_change(staff, enrollment):
    aid = caller_for(staff).send("post", "/ce-assessments", new_assessment(enrollment)).json()["AssessmentID"]
    clinic = world.organization("Clinic")
    world.consent(enrollment.client, by=staff, scope="named", named=(clinic,), signed_on=timezone.localdate())
    outsider = caller_for(world.account("dana", clinic, Role.CASE_MANAGER))
    read = outsider.get(f"/ce-assessments/{aid}")
    assert read.status_code == 200
    refused = outsider.send(
        "patch", f"/ce-assessments/{aid}", {"AssessmentLevel": 2}, headers={"If-Match": read["ETag"]}
    )
    assert refused.status_code == 404
    assert outsider.send("post", "/ce-assessments", new_assessment(enrollment)).status_code == 404
    assert Assessment.objects.get().assessment_level == 1
    assert Assessment.objects.count() == 1


def test_the_list_filters_and_audits_what_it_shows(shelter, staff, enrollment):
    api = caller_for(staff)
    first = api.send("post", "/ce-assessments", new_assessment(enrollment)).json()["AssessmentID"]
    later = api.send(
        "post", "/ce-assessments", new_assessment(enrollment, AssessmentDate="2025-03-01")
    ).json()
    other = world.enrollment(world.client("Robin"), world.project(shelter, project_type=14))
    robin = api.send("post", "/ce-assessments", new_assessment(other)).json()["AssessmentID"]
    elsewhere = world.enrollment(world.client("Sam"), world.project(world.organization("Clinic")))
    Assessment.objects.create(
        enrollment=elsewhere,
        client_id=elsewhere.client_id,
        assessment_date=datetime.date(2025, 2, 1),
        user=world.hmis_user(),
    )

    def listed(**query):
        response = api.get("/ce-assessments", **query)
        assert response.status_code == 200, response.content
        return sorted(a["AssessmentID"] for a in response.json()["results"])

    assert listed() == sorted([first, later["AssessmentID"], robin])
    assert listed(PersonalID=enrollment.client_id) == sorted([first, later["AssessmentID"]])
    assert listed(EnrollmentID=other.pk) == [robin]
    assert listed(ProjectID=other.project_id) == [robin]
    assert listed(on_or_after="2025-02-15") == [later["AssessmentID"]]
    assert listed(on_or_before="2025-02-15", PersonalID=enrollment.client_id) == [first]
    event = AuditEvent.objects.filter(action="view", object_type="coordinated_entry.Assessment").latest("id")
    assert event.detail["personal_ids"] == [enrollment.client_id]


def test_a_page_of_assessments_takes_the_same_queries_for_one_or_many(staff, enrollment):
    api = caller_for(staff)
    api.send("post", "/ce-assessments", new_assessment(enrollment))
    with CaptureQueriesContext(connection) as one:
        assert len(api.get("/ce-assessments").json()["results"]) == 1
    for _n in range(3):
        api.send("post", "/ce-assessments", new_assessment(enrollment))
    with CaptureQueriesContext(connection) as four:
        assert len(api.get("/ce-assessments").json()["results"]) == 4
    assert len(four) == len(one)


# --- Events ----------------------------------------------------------------------------------------


def test_event_create_read_update_delete(staff, enrollment):
    api = caller_for(staff)
    created = api.send(
        "post",
        "/ce-events",
        {
            "EnrollmentID": enrollment.pk,
            "EventDate": "2025-02-03",
            "Event": 14,
            "LocationCrisisOrPHHousing": "Elm St",
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    eid = body["EventID"]
    assert created["Location"].endswith(f"/api/v1/ce-events/{eid}")
    assert (body["Event"], body["PersonalID"], body["ReferralResult"]) == (14, enrollment.client_id, None)

    read = api.get(f"/ce-events/{eid}")
    assert (read.status_code, read["ETag"]) == (200, created["ETag"])
    result = api.send(
        "patch",
        f"/ce-events/{eid}",
        {"ReferralResult": 1, "ResultDate": "2025-02-20"},
        headers={"If-Match": read["ETag"]},
    )
    assert result.status_code == 200, result.content
    assert (
        result.json()["ReferralResult"],
        result.json()["ResultDate"],
        result.json()["LocationCrisisOrPHHousing"],
    ) == (
        1,
        "2025-02-20",
        "Elm St",
    )
    stale = api.send("patch", f"/ce-events/{eid}", {"ReferralResult": 2}, headers={"If-Match": read["ETag"]})
    assert stale.status_code == 412
    assert Event.objects.get().referral_result == 1
    assert api.send("delete", f"/ce-events/{eid}", headers={"If-Match": result["ETag"]}).status_code == 204
    assert Event.all_objects.get().date_deleted is not None
    assert api.get("/ce-events").json()["results"] == []


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        (
            {"EventDate": "2025-02-03", "Event": 1, "ReferralResult": 1, "ResultDate": "2025-02-04"},
            {"ReferralResult"},
        ),
        ({"EventDate": "2025-02-03", "Event": 17}, {"Event"}),
        ({"EventDate": "2025-02-03", "Event": 40}, {"Event"}),
        ({"EventDate": "2025-02-03", "Event": 2, "ProbSolDivRRResult": 5}, {"ProbSolDivRRResult"}),
        ({"EventDate": "2025-02-03", "Event": 13, "ReferralResult": 1}, {"ResultDate"}),
        ({"EventDate": "2024-02-03", "Event": 13}, {"EventDate"}),
        ({"Event": 13}, {"EventDate"}),
    ],
)
def test_bad_events_name_their_fields_and_write_nothing(staff, enrollment, body, fields):
    response = caller_for(staff).send("post", "/ce-events", {"EnrollmentID": enrollment.pk} | body)
    assert errors_of(response) == fields
    assert nothing_written()


def test_events_list_by_event_date(staff, enrollment):
    api = caller_for(staff)
    for day in ("2025-02-01", "2025-03-01"):
        api.send("post", "/ce-events", {"EnrollmentID": enrollment.pk, "EventDate": day, "Event": 6})
    listed = api.get("/ce-events", on_or_after="2025-02-15").json()["results"]
    assert [e["EventDate"] for e in listed] == ["2025-03-01"]
    outsider = caller_for(world.account("dana", world.organization("Clinic"), Role.CASE_MANAGER))
    assert outsider.get("/ce-events").json()["results"] == []


def test_text_the_database_cannot_hold_is_refused_as_invalid(staff, enrollment):
    api = caller_for(staff)
    assert errors_of(api.get("/ce-assessments/a%00b")) == {"assessment_id"}
    assert errors_of(api.get("/ce-events", PersonalID="a\x00b")) == {"PersonalID"}
    assert errors_of(
        api.send(
            "post",
            "/ce-events",
            {
                "EnrollmentID": enrollment.pk,
                "EventDate": "2025-02-03",
                "Event": 14,
                "LocationCrisisOrPHHousing": "a\x00",
            },
        )
    ) == {"LocationCrisisOrPHHousing"}
    assert (
        api.send(
            "post", "/ce-events", {"EnrollmentID": "a\x00", "EventDate": "2025-02-03", "Event": 6}
        ).status_code
        == 404
    )
    assert nothing_written()
