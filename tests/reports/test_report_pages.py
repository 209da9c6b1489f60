"""The report pages: asking for a run, its progress, its tables, its zip, and drill-down.

Given the PSH project of test_apr_database (a parent and child who moved in and left, an adult
still waiting), the HMIS Lead runs the APR from the page: the run is recorded and queued, runs
(here in the test's thread), and its tables show the values the APR computes; drill-down shows
only the clients the viewer may see.  Users without the permission get the page of something that
does not exist.
"""

import datetime
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as Browser
from django.test import override_settings
from django.utils.html import escape

from hearth.access.models import AuditAction, AuditEvent
from hearth.access.permissions import Role
from hearth.reports import report_jobs
from hearth.reports.models import ReportRun
from tests.access import world
from tests.reports import test_apr_database
from tests.reports.test_apr_database import END, START

psh = test_apr_database.psh  # the fixture: a PSH project's family and a waiting adult

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield


@pytest.fixture
def lead():
    return world.account("lee", world.organization("Lead office"), Role.HMIS_LEAD_ADMIN)


def apr_form(project_id: str, **changes: object) -> dict[str, object]:
    return {
        "report": "apr",
        "source": "database",
        "coc": "MD-501",
        "start": START.isoformat(),
        "end": END.isoformat(),
        "projects": [project_id],
        **changes,
    }


def run_from_the_page(browser, data) -> ReportRun:
    """Post the form, then run the queued report as its thread would."""
    response = browser.post("/reports/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    run = ReportRun.objects.get()
    assert response["Location"] == f"/reports/runs/{run.pk}/"
    report_jobs.run_job(run.pk)
    run.refresh_from_db()
    return run


def test_the_lead_runs_an_apr_and_reads_its_tables(psh, lead):
    browser = world.browser(lead)

    run = run_from_the_page(browser, apr_form(psh["project"].pk))

    assert (run.report, run.status, run.run_by, run.source) == ("apr", "succeeded", lead, "database default")
    assert run.parameters == {
        "coc": "MD-501",
        "start": "2025-10-01",
        "end": "2026-09-30",
        "project_ids": [psh["project"].pk],
    }
    assert run.step_timings
    assert all(t["seconds"] >= 0 for t in run.step_timings)
    page = browser.get(f"/reports/runs/{run.pk}/").content.decode()
    assert f'href="/reports/runs/{run.pk}/tables/Q7a/"' in page
    assert f'href="/reports/runs/{run.pk}/result.zip"' in page
    # Q7a as test_apr_database computes it: B2 two adults (parent, waiting), B3 one child, B6 three
    table = browser.get(f"/reports/runs/{run.pk}/tables/Q7a/").content.decode()
    assert (
        f'<td class="text-right" data-cell="B2"><a href="/reports/runs/{run.pk}/tables/Q7a/B2/">2</a></td>'
        in table
    )
    assert f'data-cell="B3"><a href="/reports/runs/{run.pk}/tables/Q7a/B3/">1</a>' in table
    assert 'data-cell="E3">0</td>' in table  # a zero is not a link
    assert "Adults" in table
    assert "Total" in table


def test_the_zip_is_the_sage_upload(psh, lead):
    browser = world.browser(lead)
    run = run_from_the_page(browser, apr_form(psh["project"].pk))

    response = browser.get(f"/reports/runs/{run.pk}/result.zip")

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="apr-{run.pk}.zip"'
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "Q7a.csv" in archive.namelist()
    q7a = archive.read("Q7a.csv").decode()
    assert q7a.splitlines()[1].split(",")[:2] == ['"a. Adults"', "2"]


def test_the_runs_list_shows_who_when_and_how_it_went(psh, lead, django_assert_max_num_queries):
    browser = world.browser(lead)
    first = run_from_the_page(browser, apr_form(psh["project"].pk))
    for _ in range(3):
        ReportRun.objects.create(
            report="caper", parameters=first.parameters, run_by=lead, status=ReportRun.Status.QUEUED
        )

    page = browser.get("/reports/").content.decode()

    assert page.count('<tr>\n          <td><a href="/reports/runs/') == 4
    assert "lee" in page
    assert "Succeeded" in page
    assert "Queued" in page
    assert f"MD-501 · 2025-10-01 – 2026-09-30 · project {psh['project'].pk}" in page


@pytest.mark.parametrize("runs", [1, 6])
def test_the_runs_list_runs_a_fixed_number_of_queries(lead, django_assert_num_queries, runs):
    browser = world.browser(lead)
    browser.get("/reports/")  # the session and the account's rules settle
    for _ in range(runs):
        ReportRun.objects.create(
            report="apr",
            parameters={"coc": "MD-501", "start": "2025-10-01", "end": "2026-09-30", "project_ids": ["p"]},
            run_by=lead,
        )

    # session, account, account rules, role; stalled runs; the form's projects; the runs with who
    # asked for them; the agency acted as and the user's agencies (the layout); the session's save
    # (savepoint, update, release)
    with django_assert_num_queries(REPORTS_PAGE_QUERIES):
        response = browser.get("/reports/")

    assert response.status_code == 200


REPORTS_PAGE_QUERIES = 12


def test_a_failed_run_shows_its_message_not_a_traceback(lead):
    browser = world.browser(lead)
    not_an_export = io.BytesIO()
    with zipfile.ZipFile(not_an_export, "w") as archive:
        archive.writestr("notes.txt", "not an HMIS CSV export")
    upload = SimpleUploadedFile("notes.zip", not_an_export.getvalue(), content_type="application/zip")

    run = run_from_the_page(
        browser,
        {**apr_form(""), "projects": [], "source": "upload", "export": upload, "project_ids": "P1, P2"},
    )

    assert run.status == "failed"
    assert run.parameters["project_ids"] == ["P1", "P2"]
    assert run.source == "notes.zip"
    assert not run.upload  # the uploaded export is deleted when the run ends
    assert run.message
    assert "Traceback" not in run.message
    page = browser.get(f"/reports/runs/{run.pk}/").content.decode()
    assert "The run failed" in page
    assert escape(run.message) in page
    assert browser.get(f"/reports/runs/{run.pk}/result.zip").status_code == 404
    assert browser.get(f"/reports/runs/{run.pk}/tables/Q7a/").status_code == 404


def test_progress_is_polled_until_the_run_ends(lead):
    browser = world.browser(lead)
    run = ReportRun.objects.create(
        report="apr", parameters={}, run_by=lead, status=ReportRun.Status.RUNNING, progress=40,
        current_step="u05_household_type",
    )  # fmt: skip

    running = browser.get(f"/reports/runs/{run.pk}/progress/")
    ReportRun.objects.filter(pk=run.pk).update(status=ReportRun.Status.SUCCEEDED, progress=100)
    finished = browser.get(f"/reports/runs/{run.pk}/progress/")

    body = running.content.decode()
    assert f'hx-get="/reports/runs/{run.pk}/progress/"' in body
    assert "40% done" in body
    assert "u05_household_type" in body
    assert "HX-Refresh" not in running
    assert finished["HX-Refresh"] == "true"
    assert "hx-get" not in finished.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"end": "2025-01-01"}, None, "The report ends (2025-01-01) before it starts (2025-10-01)."),
        ({"coc": "MD501"}, None, "CoC &#x27;MD501&#x27; is not a HUD CoC code"),
        ({"projects": []}, "projects", "Choose at least one project to report on."),
        ({"start": ""}, "start", "This report needs this date (YYYY-MM-DD)."),
        ({"start": "2025-13-01"}, "start", "Enter a valid date."),
        ({"projects": ["no-such-project"]}, "projects", "Select a valid choice."),
        ({"report": "spm"}, "report", "Select a valid choice."),
        ({"source": "upload"}, "export", "Choose the export&#x27;s .zip file"),
        ({"report": "hic"}, "count_date", "This report needs this date (YYYY-MM-DD)."),
        ({"report": "lsa", "start": "2017-01-01"}, None, "The report cannot start before 2018-10-01."),
    ],
)
def test_bad_parameters_get_a_form_error_naming_the_problem(psh, lead, changes, field, message):
    browser = world.browser(lead)

    response = browser.post("/reports/", apr_form(psh["project"].pk, **changes))

    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    if field is not None:
        assert f'id="id_{field}-error"' in body
    assert not ReportRun.objects.exists()


def test_a_case_manager_reports_on_their_own_agencys_projects_only(psh, lead):
    own = psh["project"]
    other = world.project(world.organization("Elsewhere"))
    staff = world.account("casey", own.organization, Role.CASE_MANAGER)
    browser = world.browser(staff)

    form = browser.get("/reports/").content.decode()
    refused = browser.post("/reports/", apr_form(other.pk))
    no_lsa = browser.post("/reports/", {**apr_form(own.pk), "report": "lsa"})
    run = run_from_the_page(browser, apr_form(own.pk))

    assert f'value="{own.pk}"' in form
    assert f'value="{other.pk}"' not in form
    assert 'value="lsa"' not in form
    assert 'value="hic"' not in form
    assert refused.status_code == no_lsa.status_code == 400
    assert run.status == "succeeded"
    assert run.organization == own.organization
    # The agency sees its runs, not the HMIS Lead's; without drill_down, no cell opens
    lead_run = ReportRun.objects.create(report="apr", parameters=run.parameters, run_by=lead)
    assert browser.get(f"/reports/runs/{lead_run.pk}/").status_code == 404
    assert browser.get(f"/reports/runs/{run.pk}/tables/Q7a/").status_code == 200
    assert (
        f"/reports/runs/{run.pk}/tables/Q7a/B2/"
        not in browser.get(f"/reports/runs/{run.pk}/tables/Q7a/").content.decode()
    )
    assert browser.get(f"/reports/runs/{run.pk}/tables/Q7a/B2/").status_code == 404
    assert browser.get(f"/reports/runs/{run.pk}/people/{psh['parent'].pk}/").status_code == 404


@pytest.mark.parametrize("role", [Role.INTAKE, Role.AUDITOR, None])
def test_without_a_reporting_role_the_pages_do_not_exist(psh, lead, role):
    run = run_from_the_page(world.browser(lead), apr_form(psh["project"].pk))
    browser = world.browser(world.account("ira", psh["project"].organization, role))
    ReportRun.objects.filter(pk=run.pk).update(organization=psh["project"].organization)
    before = ReportRun.objects.count()

    for url in (
        "/reports/",
        f"/reports/runs/{run.pk}/",
        f"/reports/runs/{run.pk}/progress/",
        f"/reports/runs/{run.pk}/result.zip",
        f"/reports/runs/{run.pk}/tables/Q7a/",
        f"/reports/runs/{run.pk}/tables/Q7a/B2/",
        f"/reports/runs/{run.pk}/people/{psh['parent'].pk}/",
    ):
        assert browser.get(url).status_code == 404, url
    assert browser.post("/reports/", apr_form(psh["project"].pk)).status_code == 404
    assert ReportRun.objects.count() == before


def test_anonymous_visitors_are_sent_to_sign_in(psh):
    response = Browser().get("/reports/")

    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_drill_down_shows_the_people_a_cell_counts_and_why(psh, lead):
    browser = world.browser(lead)
    run = run_from_the_page(browser, apr_form(psh["project"].pk))
    AuditEvent.objects.all().delete()

    cell = browser.get(f"/reports/runs/{run.pk}/tables/Q7a/B2/").content.decode()
    households = browser.get(f"/reports/runs/{run.pk}/tables/Q8a/D2/").content.decode()
    why = browser.get(f"/reports/runs/{run.pk}/people/{psh['child'].pk}/").content.decode()

    for adult in (psh["parent"], psh["waiting"]):
        name = f"{adult.first_name} {adult.last_name}"
        assert f'<a href="/reports/runs/{run.pk}/people/{adult.pk}/">{name} ({adult.pk})</a>' in cell
    assert psh["child"].pk not in cell
    assert "Adults · Total" in cell
    # a household table counts HouseholdIDs; the page names the person counted for it (the head)
    assert "<td>family</td>" in households
    assert f'<a href="/reports/runs/{run.pk}/people/{psh["parent"].pk}/">' in households
    assert "Leaver: exited on 2026-03-01" in why
    assert f'href="/reports/runs/{run.pk}/tables/Q7a/"' in why  # the cells that count the child
    assert "HouseholdType" in why
    assert "<td>AC</td>" in why
    events = list(AuditEvent.objects.filter(action=AuditAction.DRILL_DOWN).order_by("id"))
    assert [(e.detail["purpose"], e.personal_id) for e in events] == [
        ("drill-down", ""),
        ("drill-down", ""),
        ("explain", psh["child"].pk),
    ]  # one entry per look: the pages add none of their own
    assert events[0].detail["cell"] == "B2"
    assert events[0].detail["count"] == 2


def test_drill_down_leaves_out_the_clients_a_viewer_may_not_see(psh, lead):
    run = run_from_the_page(world.browser(lead), apr_form(psh["project"].pk))
    # An administrator of another agency (drill_down, run_reports) whom only the waiting adult's
    # consent lets see them; the run was asked for by that agency.
    admin = world.account("olive", world.organization("Open Door"), Role.AGENCY_ADMIN)
    world.consent(psh["waiting"], by=admin, signed_on=datetime.date(2025, 1, 1))
    ReportRun.objects.filter(pk=run.pk).update(organization=admin.acting_organization)
    browser = world.browser(admin)

    cell = browser.get(f"/reports/runs/{run.pk}/tables/Q7a/B2/").content.decode()
    hidden = browser.get(f"/reports/runs/{run.pk}/people/{psh['parent'].pk}/")
    nobody = browser.get(f"/reports/runs/{run.pk}/people/no-such-client/")
    seen = browser.get(f"/reports/runs/{run.pk}/people/{psh['waiting'].pk}/")

    assert psh["waiting"].pk in cell
    assert psh["parent"].pk not in cell
    assert psh["child"].pk not in cell
    assert hidden.status_code == nobody.status_code == 404
    assert hidden.content.decode().replace(psh["parent"].pk, "no-such-client") == nobody.content.decode()
    assert seen.status_code == 200


def test_the_home_page_links_to_the_reports_for_those_who_may_run_them(lead):
    intake = world.account("ida", world.organization("Shelter"), Role.INTAKE)

    assert 'href="/reports/"' in world.browser(lead).get("/").content.decode()
    assert 'href="/reports/"' not in world.browser(intake).get("/").content.decode()


def test_the_pages_speak_spanish(psh, lead):
    browser = world.browser(lead)
    run = run_from_the_page(browser, apr_form(psh["project"].pk))
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"

    form = browser.get("/reports/").content.decode()
    page = browser.get(f"/reports/runs/{run.pk}/").content.decode()
    cell = browser.get(f"/reports/runs/{run.pk}/tables/Q7a/B2/").content.decode()

    assert "Ejecutar el informe" in form
    assert "Informe Anual de Desempeño del CoC (APR)" in form
    assert "Terminado" in form  # the run's status
    assert "Tablas de preguntas" in page
    assert "2 mostrados: se omiten los que usted no puede ver." in cell


def test_a_parameter_the_report_refuses_is_named_in_spanish(psh, lead):
    browser = world.browser(lead)
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"

    late = browser.post("/reports/", apr_form(psh["project"].pk, end="2025-01-01"))
    early = browser.post("/reports/", apr_form(psh["project"].pk, report="lsa", start="2017-01-01"))

    assert late.status_code == early.status_code == 400
    assert "El informe termina (2025-01-01) antes de empezar (2025-10-01)." in late.content.decode()
    assert "El informe no puede empezar antes del 2018-10-01." in early.content.decode()
    assert not ReportRun.objects.exists()


def test_the_lead_may_report_on_every_project_and_an_agency_may_not(psh, lead):
    other = world.project(world.organization("Elsewhere"))
    staff = world.account("casey", psh["project"].organization, Role.CASE_MANAGER)
    everything = {**apr_form(""), "report": "dq", "projects": [], "all_projects": "on"}

    refused = world.browser(staff).post("/reports/", everything)
    run = run_from_the_page(world.browser(lead), everything)

    assert refused.status_code == 400
    assert "Choose at least one project to report on." in refused.content.decode()
    assert run.report == "dq"
    assert run.status == "succeeded"
    assert sorted(run.parameters["project_ids"]) == sorted([psh["project"].pk, other.pk])


KIT_PSH = (
    Path(settings.HUD_SPEC_DIR).parent / "kits" / "apr-datalab-fy2022" / "input_hmis_csv_by_project" / "psh"
)


def test_an_apr_of_an_uploaded_export_gives_the_kits_values(lead):
    # HUD Data Lab's PSH export (FY2022, upgraded on load) as an upload: Q7a as the kit expects
    export = io.BytesIO()
    with zipfile.ZipFile(export, "w") as archive:
        for path in sorted(KIT_PSH.glob("*.csv")):
            archive.write(path, path.name)
    browser = world.browser(lead)
    form = {
        **apr_form(""),
        "coc": "XX-500",
        "start": "2020-10-01",
        "end": "2021-09-30",
        "projects": [],
        "source": "upload",
        "export": SimpleUploadedFile("psh.zip", export.getvalue(), content_type="application/zip"),
        "project_ids": "441",
    }

    run = run_from_the_page(browser, form)

    assert run.status == "succeeded", run.message
    assert (run.source, run.upload.name) == ("psh.zip", "")
    table = browser.get(f"/reports/runs/{run.pk}/tables/Q7a/").content.decode()
    for cell, value in (("B2", "26"), ("C2", "18"), ("B3", "8"), ("B6", "37"), ("F6", "3"), ("B7", "14")):
        assert f'data-cell="{cell}"><a href="/reports/runs/{run.pk}/tables/Q7a/{cell}/">{value}</a>' in table
    # The export's people are not Hearth's clients: drill-down shows none of them
    people = browser.get(f"/reports/runs/{run.pk}/tables/Q7a/B2/").content.decode()
    assert "0 shown: those you may not see are left out." in people
    assert 'id="cell-people"' not in people
