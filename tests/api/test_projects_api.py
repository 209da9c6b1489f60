"""Projects and organizations through the API: HUD descriptor records, readable by every caller."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.access.permissions import Role
from hearth.agencies.models import Funder, Inventory, Organization, Project, ProjectCoC
from hearth.hud.generated.lists import ProjectType
from tests import factories
from tests.access import world
from tests.api.helpers import Caller, caller_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelter():
    return world.organization("Shelter")


@pytest.fixture
def analyst(shelter):
    """A role with no client data at all: projects are still theirs to read."""
    return caller_for(world.account("rae", shelter, Role.REPORT_ANALYST))


def a_project(organization, **fields):
    project = factories.ProjectFactory(organization=organization, project_name="Harbor Light", **fields)
    factories.ProjectCoCFactory(project=project, coc_code="MD-501")
    factories.InventoryFactory(project=project, bed_inventory=40)
    factories.FunderFactory(project=project, grant_id="ESG-1")
    return project


def test_a_project_shows_its_funders_cocs_and_inventory(shelter, analyst):
    project = a_project(shelter)
    removed = factories.FunderFactory(project=project, grant_id="OLD")
    Funder.objects.filter(pk=removed.pk).update(date_deleted=timezone.now())

    response = analyst.get(f"/projects/{project.pk}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["ProjectID"], body["OrganizationID"], body["ProjectName"]) == (
        project.pk,
        shelter.pk,
        "Harbor Light",
    )
    assert (body["ProjectType"], body["OperatingStartDate"]) == (
        ProjectType.EMERGENCY_SHELTER_ENTRY_EXIT,
        "2020-01-01",
    )
    assert [f["GrantID"] for f in body["Funder"]] == ["ESG-1"]
    assert [c["CoCCode"] for c in body["ProjectCoC"]] == ["MD-501"]
    assert [(i["BedInventory"], i["CoCCode"]) for i in body["Inventory"]] == [(40, "MD-501")]
    assert "ProjectID" not in body["Funder"][0]
    assert "ExportID" not in body
    assert response["ETag"]


def test_every_caller_lists_every_project_and_filters(shelter, analyst):
    clinic = world.organization("Clinic")
    mine = a_project(shelter)
    theirs = a_project(clinic, project_type=ProjectType.COORDINATED_ENTRY)

    def listed(**query):
        response = analyst.get("/projects", **query)
        assert response.status_code == 200, response.content
        return [p["ProjectID"] for p in response.json()["results"]]

    assert listed() == sorted([mine.pk, theirs.pk])
    assert listed(OrganizationID=clinic.pk) == [theirs.pk]
    assert listed(ProjectType=ProjectType.COORDINATED_ENTRY) == [theirs.pk]
    auditor = caller_for(world.account("aud", world.organization("City"), Role.AUDITOR))
    assert auditor.get(f"/projects/{mine.pk}").status_code == 200
    assert Caller(None).get("/projects").status_code == 401


def test_a_removed_project_is_gone_but_synced(shelter, analyst):
    kept, removed = a_project(shelter), a_project(shelter)
    for model in (Project, Funder, ProjectCoC, Inventory):
        model.all_objects.update(date_updated=timezone.now() - datetime.timedelta(days=30))
    Project.objects.filter(pk=removed.pk).update(date_deleted=timezone.now(), date_updated=timezone.now())
    assert [p["ProjectID"] for p in analyst.get("/projects").json()["results"]] == [kept.pk]
    assert analyst.get(f"/projects/{removed.pk}").status_code == 404
    assert analyst.get("/projects/no-such-project").status_code == 404
    since = (timezone.now() - datetime.timedelta(minutes=1)).isoformat()
    synced = analyst.get("/projects", updated_since=since).json()["results"]
    assert [(p["ProjectID"], p["DateDeleted"] is not None) for p in synced] == [(removed.pk, True)]


def test_a_change_to_a_funder_brings_its_project_into_the_sync(shelter, analyst):
    project, untouched = a_project(shelter), a_project(shelter)
    long_ago = timezone.now() - datetime.timedelta(days=30)
    for model in (Project, Funder, ProjectCoC, Inventory):
        model.all_objects.update(date_updated=long_ago)
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    assert analyst.get("/projects", updated_since=since).json()["results"] == []
    Funder.objects.filter(project=project).update(
        end_date=datetime.date(2025, 6, 30), date_updated=timezone.now()
    )
    synced = analyst.get("/projects", updated_since=since).json()["results"]
    assert [p["ProjectID"] for p in synced] == [project.pk]
    assert untouched.pk not in [p["ProjectID"] for p in synced]


def test_a_page_of_projects_takes_the_same_queries_for_one_or_many(shelter, analyst):
    a_project(shelter)
    analyst.get("/organizations")  # a token's use is recorded on its first call, then only now and then
    with CaptureQueriesContext(connection) as one:
        assert len(analyst.get("/projects").json()["results"]) == 1
    for _n in range(3):
        a_project(shelter)
    with CaptureQueriesContext(connection) as four:
        assert len(analyst.get("/projects").json()["results"]) == 4
    assert len(four) == len(one)


def test_projects_and_organizations_are_read_only(shelter, analyst):
    project = a_project(shelter)
    assert analyst.send("post", "/projects", {"ProjectName": "New"}).status_code == 405
    assert analyst.send("patch", f"/projects/{project.pk}", {"ProjectName": "New"}).status_code == 405
    assert analyst.send("delete", f"/organizations/{shelter.pk}").status_code == 405
    assert Project.objects.get().project_name == "Harbor Light"


def test_organizations(shelter, analyst):
    clinic = world.organization("Clinic", victim_service_provider=True)
    gone = world.organization("Closed")
    Organization.objects.update(date_updated=timezone.now() - datetime.timedelta(days=30))
    Organization.objects.filter(pk=gone.pk).update(date_deleted=timezone.now(), date_updated=timezone.now())
    listed = analyst.get("/organizations").json()["results"]
    assert [
        (o["OrganizationID"], o["OrganizationName"], o["VictimServiceProvider"]) for o in listed
    ] == sorted([(shelter.pk, "Shelter", 0), (clinic.pk, "Clinic", 1)])
    read = analyst.get(f"/organizations/{clinic.pk}")
    assert (read.status_code, read.json()["OrganizationName"]) == (200, "Clinic")
    assert read["ETag"]
    assert analyst.get(f"/organizations/{gone.pk}").status_code == 404
    since = (timezone.now() - datetime.timedelta(minutes=1)).isoformat()
    synced = analyst.get("/organizations", updated_since=since).json()["results"]
    assert [o["OrganizationID"] for o in synced] == [gone.pk]


def test_ids_the_database_cannot_hold_are_refused_as_invalid(analyst):
    for path, query, field in (
        ("/projects/a%00", {}, "project_id"),
        ("/projects", {"OrganizationID": "a\x00"}, "OrganizationID"),
        ("/organizations/a%00", {}, "organization_id"),
    ):
        response = analyst.get(path, **query)
        assert response.status_code == 422, response.content
        assert [e["field"] for e in response.json()["errors"]] == [field]
