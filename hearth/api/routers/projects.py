"""Projects (HMIS CSV Project.csv, HUD 2.02), each shown with its funders (Funder.csv, 2.06), its
Continuums of Care (ProjectCoC.csv, 2.03) and its beds and units (Inventory.csv, 2.07): list and
read.

A project's descriptor records hold no client data: every authenticated caller may read every
project, as the HMIS Lead's reference data for referrals and reporting.  They are set up and
changed by the HMIS Lead (and imported), not through this API.
"""

import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router
from pydantic import Field

from hearth.agencies.models import Funder, Inventory, Project, ProjectCoC
from hearth.api.common import READ_ERRORS, ListQuery, with_etag
from hearth.api.pagination import paginate
from hearth.api.schemas import output_columns, page_schema, record_schema, to_api
from hearth.api.text_input import IdInPath, id_in_query

PREFIX = "/projects"
router = Router(tags=["Projects and organizations"])

FILE = "Project"
OUTPUT = output_columns(FILE)
# Inside a project its descriptor rows need not repeat whose they are.
_INSIDE = ("ExportID", "ProjectID")
# HUD file: (related name, model, columns shown)
DESCRIPTORS: dict[str, tuple[str, Any, list[str]]] = {
    "Funder": ("funders", Funder, output_columns("Funder", hide=_INSIDE)),
    "ProjectCoC": ("project_cocs", ProjectCoC, output_columns("ProjectCoC", hide=_INSIDE)),
    "Inventory": ("inventories", Inventory, output_columns("Inventory", hide=_INSIDE)),
}
NOT_FOUND = "No project with that ID."

FunderOut = record_schema("ProjectFunder", "Funder", DESCRIPTORS["Funder"][2], required=["FunderID"])
ProjectCoCOut = record_schema(
    "ProjectContinuum", "ProjectCoC", DESCRIPTORS["ProjectCoC"][2], required=["ProjectCoCID"]
)
InventoryOut = record_schema(
    "ProjectInventory", "Inventory", DESCRIPTORS["Inventory"][2], required=["InventoryID"]
)
ProjectOut = record_schema(
    "Project",
    FILE,
    OUTPUT,
    required=["ProjectID", "OrganizationID", "ProjectName"],
    extra={
        "Funder": (list[FunderOut], Field(..., description="HUD 2.06: the project's funding sources.")),
        "ProjectCoC": (list[ProjectCoCOut], Field(..., description="HUD 2.03: the CoCs it operates in.")),
        "Inventory": (list[InventoryOut], Field(..., description="HUD 2.07: its beds and units.")),
    },
)
ProjectPage = page_schema("ProjectPage", ProjectOut)


class ProjectQuery(ListQuery):
    OrganizationID: str | None = id_in_query()
    ProjectType: int | None = Field(None, ge=0, le=99, description="HUD 2.02.6; list 2.02.6")


def _with_descriptors(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Live descriptor rows, fetched in one query per kind for a whole page."""
    return projects.prefetch_related(
        *(
            Prefetch(related, queryset=model.objects.order_by("pk"))
            for related, model, _columns in DESCRIPTORS.values()
        )
    )


def represent(project: Project) -> dict[str, Any]:
    representation = to_api(project, FILE, OUTPUT)
    for file, (related, _model, columns) in DESCRIPTORS.items():
        representation[file] = [to_api(row, file, columns) for row in getattr(project, related).all()]
    return representation


def _changed_since(since: datetime.datetime) -> QuerySet[Project]:
    """Projects changed since then, removed ones included: the project itself, or any of its
    funders, CoCs or inventory (added, changed or removed), since they are part of it here."""
    changed = Q(date_updated__gte=since)
    for _related, model, _columns in DESCRIPTORS.values():
        rows = model.all_objects.filter(project_id=OuterRef("pk"), date_updated__gte=since)
        changed |= Q(Exists(rows))
    return Project.all_objects.filter(changed)


@router.get(
    "",
    response={200: ProjectPage, **READ_ERRORS},
    summary="List projects",
    description=(
        "Every project of the Continuum; no client data. With `updated_since`, the projects whose own "
        "record or any of their Funder, ProjectCoC or Inventory rows changed since then, removed ones "
        "included."
    ),
)
def list_projects(request: HttpRequest, query: Query[ProjectQuery]) -> Any:
    projects = Project.objects.all() if query.updated_since is None else _changed_since(query.updated_since)
    if query.OrganizationID:
        projects = projects.filter(organization_id=query.OrganizationID)
    if query.ProjectType is not None:
        projects = projects.filter(project_type=query.ProjectType)
    return paginate(
        request,
        _with_descriptors(projects),
        cursor=query.cursor,
        page_size=query.page_size,
        represent=represent,
    )


@router.get("/{project_id}", response={200: ProjectOut, **READ_ERRORS}, summary="Read a project")
def read_project(request: HttpRequest, project_id: IdInPath, response: HttpResponse) -> Any:
    project = _with_descriptors(Project.objects.filter(pk=project_id)).first()
    if project is None:
        raise Http404(NOT_FOUND)
    return with_etag(response, represent(project))
