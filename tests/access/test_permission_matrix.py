"""The permission matrix: every route that touches client data, for every kind of viewer.

Each client-data route is listed in CLIENT_ROUTES with how to call it; every other route is
listed in OTHER_ROUTES with the reason it shows no client data.  A new route that is in neither
list fails `test_every_route_is_classified`, so nothing joins the application unchecked.

For each route and viewer: allowed viewers get the page and an audit entry naming the client;
denied viewers get exactly the response of a client that does not exist, no client data, and
nothing is written.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as Browser
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from hearth.access.models import Account, AuditEvent, ConsentToShare
from hearth.access.permissions import Role
from hearth.agencies.models import Funder, HMISParticipation, Project
from hearth.clients.merge import GROUPS, merge_clients
from hearth.clients.models import Client, ClientDocument
from hearth.enrollments.models import CurrentLivingSituation, Enrollment, IncomeBenefits, Services
from hearth.reports import run_results
from hearth.reports import runs as report_runs
from hearth.reports.hmis_programming.parameters import ReportParameters
from hearth.reports.lsa import drilldown as lsa_drilldown
from hearth.reports.lsa.parameters import LsaParameters
from hearth.reports.models import ReportRun
from tests.access import world
from tests.factories import FunderFactory, InventoryFactory, ProjectCoCFactory

pytestmark = pytest.mark.django_db
MISSING = "no-such-client"


@pytest.fixture(autouse=True)
def _media(tmp_path):
    """Uploaded documents go to a scratch folder."""
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield


@dataclass(frozen=True)
class Route:
    pattern: str
    method: str
    url: Callable[[str], str]  # PersonalID -> URL (MISSING gives the URL of a record that does not exist)
    data: Callable[[str], dict] = lambda _pid: {}
    allowed_status: int = 200
    # Who may use the route, when not every viewer who may see the client (VIEWERS) may: pages that
    # change an enrollment belong to the agency running the project (and the HMIS Lead).
    allowed_viewers: frozenset[str] | None = None


def a_consent_of(pid: str) -> int:
    """The id of a live consent of the client (made by its shelter), or of none for MISSING."""
    if pid == MISSING:
        return 999_999
    consent = ConsentToShare.objects.filter(client_id=pid).first()
    if consent is None:
        staff = Account.objects.get(username="casey")
        consent = world.consent(Client.objects.get(pk=pid), by=staff, scope="none")
    return consent.pk


def consent_post(_pid: str) -> dict:
    return {
        "scope": "coc",
        "shares": "full",
        "signed_on": timezone.localdate().isoformat(),
        "expiry": "1y",
        "signed_by_name": "Alexandra Doe",
        "signed_by_relationship": "self",
        "form_language": "en",
    }


def an_enrollment_of(pid: str, *, project_type: int | None = None, funder: int | None = None) -> str:
    """The id of the client's enrollment (at Shelter), its project made of ``project_type`` and
    funded by ``funder`` where given; an id that does not exist for MISSING."""
    if pid == MISSING:
        return "no-such-enrollment"
    enrollment = Enrollment.objects.filter(client_id=pid).get()
    if project_type is not None:
        Project.objects.filter(pk=enrollment.project_id).update(project_type=project_type)
    if funder is not None and not Funder.objects.filter(project_id=enrollment.project_id).exists():
        Funder.objects.create(
            project_id=enrollment.project_id,
            funder=funder,
            start_date=datetime.date(2020, 1, 1),
            user=world.hmis_user(),
        )
    return enrollment.pk


def an_enrollment_with_a_member(pid: str) -> str:
    """The client's enrollment, in a household with a second member who may become its head."""
    if pid == MISSING:
        return "no-such-enrollment"
    enrollment = Enrollment.objects.get(pk=an_enrollment_of(pid))
    if not Enrollment.objects.filter(household_id=enrollment.household_id).exclude(pk=enrollment.pk).exists():
        member = world.enrollment(world.client("Robin"), enrollment.project, entry=enrollment.entry_date)
        Enrollment.objects.filter(pk=member.pk).update(
            household_id=enrollment.household_id, relationship_to_hoh=3
        )
    return enrollment.pk


def yesterday() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=1)


def a_service_of(pid: str) -> str:
    """The id of a bed night of the client's enrollment, its project a night-by-night shelter."""
    if pid == MISSING:
        return "no-such-service"
    enrollment_id = an_enrollment_of(pid, project_type=NIGHT_BY_NIGHT)
    record = Services.objects.filter(enrollment_id=enrollment_id).first() or Services.objects.create(
        enrollment_id=enrollment_id,
        client_id=pid,
        date_provided=yesterday(),
        record_type=200,
        type_provided=200,
        user=world.hmis_user(),
    )
    return record.pk


def a_contact_of(pid: str) -> str:
    """The id of a contact of the client's enrollment, its project a street outreach team."""
    if pid == MISSING:
        return "no-such-contact"
    enrollment_id = an_enrollment_of(pid, project_type=STREET_OUTREACH)
    record = CurrentLivingSituation.objects.filter(
        enrollment_id=enrollment_id
    ).first() or CurrentLivingSituation.objects.create(
        enrollment_id=enrollment_id,
        client_id=pid,
        information_date=yesterday(),
        current_living_situation=116,
        user=world.hmis_user(),
    )
    return record.pk


def an_update_of(pid: str) -> str:
    """The path of the client's update assessment recorded yesterday: enrollment and day."""
    if pid == MISSING:
        return f"no-such-enrollment/assessments/update/{yesterday()}"
    enrollment_id = an_enrollment_of(pid)
    if not IncomeBenefits.objects.filter(enrollment_id=enrollment_id).exists():
        IncomeBenefits.objects.create(
            enrollment_id=enrollment_id,
            client_id=pid,
            information_date=yesterday(),
            data_collection_stage=2,
            income_from_any_source=0,
            user=world.hmis_user(),
        )
    return f"{enrollment_id}/assessments/update/{yesterday()}"


def a_project_of(pid: str, **changes: int) -> str:
    """The id of the project the client is enrolled in (see an_enrollment_of)."""
    if pid == MISSING:
        return "no-such-project"
    return Enrollment.objects.get(pk=an_enrollment_of(pid, **changes)).project_id


def today() -> str:
    return timezone.localdate().isoformat()


CLIENT_FORM = {
    "first_name": "Alexandra",
    "last_name": "Doe",
    "name_data_quality": "1",
    "ssn_data_quality": "99",
    "dob_data_quality": "99",
    "white": "on",
    "veteran_status": "0",
}
PDF = b"%PDF-1.4\n%%EOF\n"


def a_document_of(pid: str) -> int:
    """The id of a document about the client uploaded by its shelter (Shelter's own), or of none."""
    if pid == MISSING:
        return 999_999
    staff = Account.objects.get(username="casey")
    document = ClientDocument.objects.filter(client_id=pid).first() or ClientDocument.objects.create(
        client_id=pid,
        title="State ID",
        file="client-documents/matrix.pdf",
        file_name="id.pdf",
        content_type="application/pdf",
        size=len(PDF),
        uploaded_by=staff,
        uploaded_as_id=staff.acting_organization_id,
    )
    if not default_storage.exists(document.file.name):
        default_storage.save(document.file.name, ContentFile(PDF))
    return document.pk


def a_duplicate_of(pid: str) -> str:
    """Another record of the same person, made by the client's shelter."""
    if pid == MISSING:
        return "no-such-duplicate"
    duplicate = world.client("Alexandra")
    world.origin(duplicate, Account.objects.get(username="casey").acting_organization)
    return duplicate.pk


def a_merge_of(pid: str) -> int:
    """The id of a merge of a duplicate into the client, made by another HMIS Lead account."""
    if pid == MISSING:
        return 999_999
    lead = world.account("merger", world.organization("Lead office"), Role.HMIS_LEAD_ADMIN)
    lead.hmis_user = world.hmis_user()
    lead.save(update_fields=["hmis_user"])
    return merge_clients(user=lead, survivor_id=pid, merged_id=a_duplicate_of(pid), choices={}).pk


def an_apr_run() -> ReportRun:
    """The CoC APR of every project, run by the HMIS Lead over the year of the client's enrollment
    (each request of a test reads the same run)."""
    run = ReportRun.objects.filter(report="apr", status=ReportRun.Status.SUCCEEDED).first()
    if run is not None:
        return run
    parameters = ReportParameters.of(
        coc="MD-501",
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 12, 31),
        project_ids=list(Project.objects.values_list("project_id", flat=True)),
    )
    run = ReportRun.objects.create(report="apr", parameters=parameters.as_json())
    report_runs.execute_apr_family(run, parameters)
    return run


def a_cell_counting(pid: str) -> str:
    """The path of an APR cell that counts the client (a cell that does not exist for MISSING)."""
    run = an_apr_run()
    if pid == MISSING:
        return f"{run.pk}/tables/Q7a/Z99"
    members = report_runs.kept_apr_result(run, personal_id=pid).members
    return f"{run.pk}/tables/{members.column('question')[0]}/{members.column('cell')[0]}"


def an_lsa_row_counting(pid: str) -> str:
    """The path of the LSAPerson row that counts the client, in the LSA the HMIS Lead ran over the
    year of the client's enrollment (a row that does not exist for MISSING)."""
    run = ReportRun.objects.filter(report="lsa", status=ReportRun.Status.SUCCEEDED).first()
    if run is None:
        enrollments = Enrollment.objects.filter(client_id=pid)
        enrollments.update(enrollment_coc=settings.HEARTH_COC_CODE)  # the LSA counts the CoC's
        project = enrollments.get().project
        coc = ProjectCoCFactory(project=project, geocode="240001", zip="21201", geography_type=1)
        InventoryFactory(project=project, coc_code=coc.coc_code)
        FunderFactory(project=project)
        HMISParticipation.objects.create(
            project=project,
            hmis_participation_type=1,
            hmis_participation_status_start_date=datetime.date(2020, 1, 1),
            user=project.user,
        )
        parameters = LsaParameters.annual(
            coc=settings.HEARTH_COC_CODE, start=datetime.date(2024, 10, 1), end=datetime.date(2025, 9, 30)
        )
        run = ReportRun.objects.create(report="lsa", parameters=parameters.as_json())
        report_runs.execute_lsa(run, parameters)
    if pid == MISSING:
        return f"{run.pk}/files/LSAPerson/999"
    rows = run_results.lsa_file_page(run, "LSAPerson", page=1).rows
    for number in range(1, len(rows) + 1):
        key = run_results.lsa_row_key(run, "LSAPerson", number - 1)
        if pid in lsa_drilldown.drill_down(run, "LSAPerson", key):
            return f"{run.pk}/files/LSAPerson/{number}"
    raise AssertionError(f"no LSAPerson row counts {pid}")


def merge_post(_pid: str) -> dict:
    return dict.fromkeys(GROUPS, "survivor")


# Changing an enrollment: the agency that runs the project, and the HMIS Lead.
CASE_WORK = frozenset({"same agency with the right role", "HMIS Lead"})
# A project's lists of clients: the agency that runs it (the HMIS Lead acts as its own agency).
OWN_AGENCY = frozenset({"same agency with the right role"})
NIGHT_BY_NIGHT, STREET_OUTREACH, RAPID_RE_HOUSING, ESG_SHELTER = 1, 4, 13, 8

# Merging duplicates: the HMIS Lead only (merge_clients).
# Report drill-down: drill_down on a run the viewer may see (run_coc_reports: the HMIS Lead).
HMIS_LEAD = frozenset({"HMIS Lead"})

CLIENT_ROUTES = [
    Route("clients/<str:personal_id>/", "get", lambda pid: f"/clients/{pid}/"),
    Route("clients/<str:personal_id>/edit/", "get", lambda pid: f"/clients/{pid}/edit/"),
    Route(
        "clients/<str:personal_id>/edit/",
        "post",
        lambda pid: f"/clients/{pid}/edit/",
        lambda _pid: CLIENT_FORM,
        allowed_status=302,
    ),
    Route("clients/<str:personal_id>/reveal-ssn/", "post", lambda pid: f"/clients/{pid}/reveal-ssn/"),
    Route(
        "clients/<str:personal_id>/notes/",
        "post",
        lambda pid: f"/clients/{pid}/notes/",
        lambda _pid: {"text": "Asked about housing."},
        allowed_status=302,
    ),
    Route(
        "clients/<str:personal_id>/documents/",
        "post",
        lambda pid: f"/clients/{pid}/documents/",
        lambda _pid: {"title": "State ID", "file": SimpleUploadedFile("id.pdf", PDF)},
        allowed_status=302,
    ),
    Route(
        "clients/<str:personal_id>/documents/<int:document_id>/",
        "get",
        lambda pid: f"/clients/{pid}/documents/{a_document_of(pid)}/",
        allowed_viewers=CASE_WORK,  # an agency's documents are its own (and the HMIS Lead's)
    ),
    Route(
        "clients/<str:personal_id>/merge/",
        "get",
        lambda pid: f"/clients/{pid}/merge/?duplicate={a_duplicate_of(pid)}",
        allowed_viewers=HMIS_LEAD,
    ),
    Route(
        "clients/<str:personal_id>/merge/",
        "post",
        lambda pid: f"/clients/{pid}/merge/?duplicate={a_duplicate_of(pid)}",
        merge_post,
        allowed_status=302,
        allowed_viewers=HMIS_LEAD,
    ),
    Route(
        "clients/<str:personal_id>/merges/<int:merge_id>/undo/",
        "post",
        lambda pid: f"/clients/{pid}/merges/{a_merge_of(pid)}/undo/",
        allowed_status=302,
        allowed_viewers=HMIS_LEAD,
    ),
    Route("clients/<str:personal_id>/access-history/", "get", lambda pid: f"/clients/{pid}/access-history/"),
    Route("clients/<str:personal_id>/consent/", "get", lambda pid: f"/clients/{pid}/consent/"),
    Route(
        "clients/<str:personal_id>/consent/record/",
        "post",
        lambda pid: f"/clients/{pid}/consent/record/",
        consent_post,
        allowed_status=302,
    ),
    Route(
        "clients/<str:personal_id>/consent/<int:consent_id>/revoke/",
        "post",
        lambda pid: f"/clients/{pid}/consent/{a_consent_of(pid)}/revoke/",
        lambda _pid: {"reason": "Client asked"},
        allowed_status=302,
    ),
    Route(
        "clients/<str:personal_id>/consent/<str:kind>-<str:language>.pdf",
        "get",
        lambda pid: f"/clients/{pid}/consent/consent-es.pdf",
    ),
    Route("enrollments/new/<str:personal_id>/", "get", lambda pid: f"/enrollments/new/{pid}/"),
    Route("enrollments/<str:enrollment_id>/", "get", lambda pid: f"/enrollments/{an_enrollment_of(pid)}/"),
    Route(
        "enrollments/<str:enrollment_id>/members/",
        "get",
        lambda pid: f"/enrollments/{an_enrollment_of(pid)}/members/?q=Alex",
        allowed_viewers=CASE_WORK,
    ),
    Route(
        "enrollments/<str:enrollment_id>/head/",
        "get",
        lambda pid: f"/enrollments/{an_enrollment_with_a_member(pid)}/head/",
        allowed_viewers=CASE_WORK,
    ),
    Route(
        "enrollments/<str:enrollment_id>/move-in/",
        "post",
        lambda pid: f"/enrollments/{an_enrollment_of(pid, project_type=RAPID_RE_HOUSING)}/move-in/",
        lambda _pid: {"move_in_date": today()},
        allowed_status=302,
        allowed_viewers=CASE_WORK,
    ),
    Route(
        "enrollments/<str:enrollment_id>/assessments/<str:stage>/",
        "get",
        lambda pid: f"/enrollments/{an_enrollment_of(pid)}/assessments/entry/",
        allowed_viewers=CASE_WORK,
    ),
    Route(
        "enrollments/<str:enrollment_id>/assessments/<str:stage>/",
        "post",
        lambda pid: f"/enrollments/{an_enrollment_of(pid)}/assessments/entry/",
        lambda _pid: {"enrollment-disabling_condition": "0"},
        allowed_status=302,
        allowed_viewers=CASE_WORK,
    ),
    Route(
        "enrollments/<str:enrollment_id>/assessments/<str:stage>/check/",
        "post",
        lambda pid: f"/enrollments/{an_enrollment_of(pid)}/assessments/update/check/",
        lambda _pid: {"information_date": today()},
        allowed_viewers=CASE_WORK,
    ),
    Route(
        "enrollments/<str:enrollment_id>/exit/",
        "get",
        lambda pid: f"/enrollments/{an_enrollment_of(pid)}/exit/",
        allowed_viewers=CASE_WORK,
    ),
    Route(
        "enrollments/<str:enrollment_id>/exit/",
        "post",
        lambda pid: f"/enrollments/{an_enrollment_of(pid)}/exit/",
        lambda pid: {
            f"{an_enrollment_of(pid)}-exit-exit_date": today(),
            f"{an_enrollment_of(pid)}-exit-destination": "410",
        },
        allowed_status=302,
        allowed_viewers=CASE_WORK,
    ),
    Route(
        "enrollments/<str:enrollment_id>/exit/household/",
        "get",
        lambda pid: f"/enrollments/{an_enrollment_of(pid)}/exit/household/",
        allowed_viewers=CASE_WORK,
    ),
    Route(
        "enrollments/<str:enrollment_id>/services/new/",
        "get",
        lambda pid: f"/enrollments/{an_enrollment_of(pid, project_type=NIGHT_BY_NIGHT)}/services/new/",
        allowed_viewers=CASE_WORK,
    ),
    Route(
        "enrollments/<str:enrollment_id>/contacts/new/",
        "get",
        lambda pid: f"/enrollments/{an_enrollment_of(pid, project_type=STREET_OUTREACH)}/contacts/new/",
        allowed_viewers=CASE_WORK,
    ),
    Route(
        "enrollments/<str:enrollment_id>/services/<str:services_id>/edit/",
        "get",
        lambda pid: f"/enrollments/{an_enrollment_of(pid)}/services/{a_service_of(pid)}/edit/",
        allowed_viewers=CASE_WORK,
    ),
    Route(
        "enrollments/<str:enrollment_id>/services/<str:services_id>/edit/",
        "post",
        lambda pid: f"/enrollments/{an_enrollment_of(pid)}/services/{a_service_of(pid)}/edit/",
        lambda _pid: {
            "date_provided": yesterday().isoformat(),
            "record_type": "200",
            "type_provided-200": "200",
        },
        allowed_status=302,
        allowed_viewers=CASE_WORK,
    ),
    Route(
        "enrollments/<str:enrollment_id>/services/<str:services_id>/remove/",
        "get",
        lambda pid: f"/enrollments/{an_enrollment_of(pid)}/services/{a_service_of(pid)}/remove/",
        allowed_viewers=CASE_WORK,
    ),
    Route(
        "enrollments/<str:enrollment_id>/services/<str:services_id>/remove/",
        "post",
        lambda pid: f"/enrollments/{an_enrollment_of(pid)}/services/{a_service_of(pid)}/remove/",
        allowed_status=302,
        allowed_viewers=CASE_WORK,
    ),
    Route(
        "enrollments/<str:enrollment_id>/contacts/<str:contact_id>/edit/",
        "get",
        lambda pid: f"/enrollments/{an_enrollment_of(pid)}/contacts/{a_contact_of(pid)}/edit/",
        allowed_viewers=CASE_WORK,
    ),
    Route(
        "enrollments/<str:enrollment_id>/contacts/<str:contact_id>/edit/",
        "post",
        lambda pid: f"/enrollments/{an_enrollment_of(pid)}/contacts/{a_contact_of(pid)}/edit/",
        lambda _pid: {"information_date": yesterday().isoformat(), "contact-current_living_situation": "101"},
        allowed_status=302,
        allowed_viewers=CASE_WORK,
    ),
    Route(
        "enrollments/<str:enrollment_id>/contacts/<str:contact_id>/remove/",
        "get",
        lambda pid: f"/enrollments/{an_enrollment_of(pid)}/contacts/{a_contact_of(pid)}/remove/",
        allowed_viewers=CASE_WORK,
    ),
    Route(
        "enrollments/<str:enrollment_id>/contacts/<str:contact_id>/remove/",
        "post",
        lambda pid: f"/enrollments/{an_enrollment_of(pid)}/contacts/{a_contact_of(pid)}/remove/",
        allowed_status=302,
        allowed_viewers=CASE_WORK,
    ),
    Route(
        "enrollments/<str:enrollment_id>/assessments/<str:stage>/<str:day>/edit/",
        "get",
        lambda pid: f"/enrollments/{an_update_of(pid)}/edit/",
        allowed_viewers=CASE_WORK,
    ),
    Route(
        "enrollments/<str:enrollment_id>/assessments/<str:stage>/<str:day>/edit/",
        "post",
        lambda pid: f"/enrollments/{an_update_of(pid)}/edit/",
        lambda _pid: {"information_date": yesterday().isoformat(), "income-income_from_any_source": "0"},
        allowed_status=302,
        allowed_viewers=CASE_WORK,
    ),
    Route(
        "enrollments/<str:enrollment_id>/assessments/<str:stage>/<str:day>/remove/",
        "get",
        lambda pid: f"/enrollments/{an_update_of(pid)}/remove/",
        allowed_viewers=CASE_WORK,
    ),
    Route(
        "enrollments/<str:enrollment_id>/assessments/<str:stage>/<str:day>/remove/",
        "post",
        lambda pid: f"/enrollments/{an_update_of(pid)}/remove/",
        allowed_status=302,
        allowed_viewers=CASE_WORK,
    ),
    Route(
        "projects/<str:project_id>/",
        "get",
        lambda pid: f"/projects/{a_project_of(pid)}/",
        allowed_viewers=OWN_AGENCY,
    ),
    Route(
        "projects/<str:project_id>/bed-nights/",
        "get",
        lambda pid: f"/projects/{a_project_of(pid, project_type=NIGHT_BY_NIGHT)}/bed-nights/",
        allowed_viewers=OWN_AGENCY,
    ),
    Route(
        "projects/<str:project_id>/bed-nights/",
        "post",
        lambda pid: f"/projects/{a_project_of(pid, project_type=NIGHT_BY_NIGHT)}/bed-nights/",
        lambda pid: {"night": today(), "present": [an_enrollment_of(pid)]},
        allowed_status=302,
        allowed_viewers=OWN_AGENCY,
    ),
    Route(
        "projects/<str:project_id>/annual-assessments/",
        "get",
        lambda pid: f"/projects/{a_project_of(pid, funder=ESG_SHELTER)}/annual-assessments/",
        allowed_viewers=OWN_AGENCY,
    ),
    Route(
        "reports/runs/<int:run_id>/tables/<str:name>/<str:cell>/",
        "get",
        lambda pid: f"/reports/runs/{a_cell_counting(pid)}/",
        allowed_viewers=HMIS_LEAD,
    ),
    Route(
        "reports/runs/<int:run_id>/files/<str:name>/<int:row>/",
        "get",
        lambda pid: f"/reports/runs/{an_lsa_row_counting(pid)}/",
        allowed_viewers=HMIS_LEAD,
    ),
    Route(
        "reports/runs/<int:run_id>/people/<str:personal_id>/",
        "get",
        lambda pid: f"/reports/runs/{an_apr_run().pk}/people/{pid}/",
        allowed_viewers=HMIS_LEAD,
    ),
]

OTHER_ROUTES = {
    "interchange/import/": "HMIS CSV upload, HMIS Lead only (import_data; tests/interchange)",
    "interchange/import/<int:run_id>/": "an import run's results, HMIS Lead only (import_data)",
    "interchange/import/<int:run_id>/progress/": "an import run's progress, HMIS Lead only (import_data)",
    "interchange/import/<int:run_id>/report.csv": "an import run's error report, HMIS Lead only (import_data)",
    "reports/": "asks for a report run; lists runs (parameters, status, timings): no client data "
    "(tests/reports/test_report_pages.py)",
    "reports/data-quality/": "Eva's checks: counts by project, and findings by client only for the "
    "clients EvaCheckResult.by_client(user=...) lets the user see (audited); checked for each kind "
    "of viewer in tests/reports/test_eva_page.py",
    "reports/runs/<int:run_id>/": "a report run's parameters, progress and list of tables: aggregates",
    "reports/runs/<int:run_id>/progress/": "a report run's progress",
    "reports/runs/<int:run_id>/result.zip": "a report's HUD upload (Sage or HDX): aggregate counts only",
    "reports/runs/<int:run_id>/tables/<str:name>/": "a question table or an LSA file: aggregate counts "
    "and characteristics, no client ids",
    "i18n/setlang/": "sets the language cookie",
    "account/second-factor/": "the signed-in user's own second factor",
    "account/agreement/": "the signed-in user's own agreement",
    "account/agency/": "switches the signed-in user's own agency",
    "audit/": "audit entries (auditors only; tested in test_audit_pages)",
    "api-tokens/": "the signed-in user's own tokens; no client data (tests/api/test_token_pages.py)",
    "api-tokens/<str:prefix>/revoke/": "revokes one of the signed-in user's own tokens; no client data",
    "sign-in/": "sign-in form",
    "sign-out/": "sign-out",
    "": "home page: aggregate counts, no client-level data",
    "projects/": "the agency's own projects with the number enrolled today; no client-level data",
    "clients/": "client search: lists only clients the policy shows (Client.objects.visible_to); every "
    "kind of viewer is checked in tests/clients/test_search_visibility.py",
    "clients/new/": "the new-client form; its duplicate check is that search",
}

# Who looks, and whether they may see the client (who is enrolled at the "Shelter" agency).
VIEWERS = {
    "anonymous": False,
    "other agency without consent": False,
    "other agency with consent": True,
    "other agency with expired consent": False,
    "other agency with revoked consent": False,
    "same agency without the role": False,
    "same agency with the right role": True,
    "HMIS Lead": True,
}


def _walk(resolver: URLResolver, prefix: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


API_PREFIX = "api/v1/"


def test_every_route_is_classified():
    # Every API operation is classified by its OpenAPI path and method in tests/api/test_api_matrix.py.
    routes = {route for route in _walk(get_resolver()) if not route.startswith(API_PREFIX)}
    classified = {r.pattern for r in CLIENT_ROUTES} | set(OTHER_ROUTES)
    assert routes - classified == set(), "classify these routes in the permission matrix"
    assert classified - routes == set(), "these classified routes no longer exist"


def scene(viewer: str):
    """The client, enrolled at Shelter, and the account of the viewer described (None: anonymous)."""
    shelter, clinic, city = (
        world.organization("Shelter"),
        world.organization("Clinic"),
        world.organization("City"),
    )
    person = world.client("Alexandra")
    world.enrollment(person, world.project(shelter))
    staff = world.account("casey", shelter, Role.CASE_MANAGER)
    today = timezone.localdate()
    if viewer == "anonymous":
        return person, None
    if viewer == "same agency with the right role":
        return person, staff
    if viewer == "same agency without the role":
        return person, world.account("rae", shelter, Role.REPORT_ANALYST)
    if viewer == "HMIS Lead":
        return person, world.account("lee", city, Role.HMIS_LEAD_ADMIN)
    outsider = world.account("dana", clinic, Role.CASE_MANAGER)
    if viewer == "other agency with consent":
        world.consent(person, by=staff, scope="named", named=(clinic,), signed_on=today)
    elif viewer == "other agency with expired consent":
        world.consent(
            person,
            by=staff,
            signed_on=today - datetime.timedelta(days=400),
            expires_on=today - datetime.timedelta(days=1),
        )
    elif viewer == "other agency with revoked consent":
        world.consent(person, by=staff, signed_on=today, revoked=True)
    return person, outsider


def build(viewer: str):
    """The client, enrolled at Shelter, and a browser for the viewer described."""
    person, account = scene(viewer)
    return person, (world.browser(account) if account is not None else Browser())


def names_the_client(pid: str) -> bool:
    """An audit entry about the client, or about a list of clients that includes them."""
    return any(
        event.personal_id == pid or pid in event.detail.get("personal_ids", [])
        for event in AuditEvent.objects.all()
    )


def counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"access", "clients", "enrollments", "agencies", "coordinated_entry"}
    }


@pytest.mark.parametrize("route", CLIENT_ROUTES, ids=lambda r: r.pattern)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_matrix(route, viewer):
    person, browser = build(viewer)
    call = getattr(browser, route.method)
    url = route.url(person.pk)
    before = counts()
    response = call(url, route.data(person.pk))
    allowed = VIEWERS[viewer] if route.allowed_viewers is None else viewer in route.allowed_viewers
    if allowed:
        assert response.status_code == route.allowed_status
        assert names_the_client(person.pk)
        return
    body = response.content.decode()
    after = counts()
    missing = call(route.url(MISSING), route.data(MISSING))
    assert response.status_code == missing.status_code
    assert response.status_code in (302, 404)
    assert body.replace(person.pk, MISSING) == missing.content.decode().replace(
        "999999", str(a_consent_of(person.pk))
    )
    assert "Alexandra" not in body
    assert after == before, "a denied request wrote something"
