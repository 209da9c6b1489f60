"""Organizations (HMIS CSV Organization.csv, HUD 2.01): list and read.

An organization's record holds no client data: every authenticated caller may read every
organization of the Continuum.  Organizations are set up by the HMIS Lead (and imported), not
through this API.
"""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router

from hearth.agencies.models import Organization
from hearth.api.common import READ_ERRORS, ListQuery, changed_since, with_etag
from hearth.api.pagination import paginate
from hearth.api.schemas import output_columns, page_schema, record_schema, to_api
from hearth.api.text_input import IdInPath

PREFIX = "/organizations"
router = Router(tags=["Projects and organizations"])

FILE = "Organization"
OUTPUT = output_columns(FILE)
NOT_FOUND = "No organization with that ID."

OrganizationOut = record_schema(
    "Organization", FILE, OUTPUT, required=["OrganizationID", "OrganizationName", "VictimServiceProvider"]
)
OrganizationPage = page_schema("OrganizationPage", OrganizationOut)


def represent(organization: Organization) -> dict[str, Any]:
    return to_api(organization, FILE, OUTPUT)


@router.get(
    "",
    response={200: OrganizationPage, **READ_ERRORS},
    summary="List organizations",
    description="Every organization of the Continuum; no client data.",
)
def list_organizations(request: HttpRequest, query: Query[ListQuery]) -> Any:
    return paginate(
        request,
        changed_since(Organization.objects.all(), Organization.all_objects.all(), query.updated_since),
        cursor=query.cursor,
        page_size=query.page_size,
        represent=represent,
    )


@router.get(
    "/{organization_id}", response={200: OrganizationOut, **READ_ERRORS}, summary="Read an organization"
)
def read_organization(request: HttpRequest, organization_id: IdInPath, response: HttpResponse) -> Any:
    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is None:
        raise Http404(NOT_FOUND)
    return with_etag(response, represent(organization))
