"""The LSA and HIC from the report pages: run, upload files on screen, drill-down from a row.

Given the shelter of test_snapshot (a single adult who left, a parent with a child), the HMIS
Lead runs the LSA from the page; its upload files are listed with their row counts, shown a page
at a time, and a row of LSAPerson or LSACalculated opens the people it counts, and a person the
enrollments and rules that placed them.  Only run_coc_reports sees LSA runs; only drill_down opens
their rows.
"""

import pytest
from django.conf import settings
from django.test import override_settings

from hearth.access.models import AuditAction, AuditEvent
from hearth.access.permissions import Role
from hearth.reports import report_jobs, run_results
from hearth.reports.models import ReportRun
from tests.access import world
from tests.reports import test_snapshot
from tests.reports.test_snapshot import END, START

pytestmark = pytest.mark.django_db
shelter_with_two_households = test_snapshot.shelter_with_two_households  # the fixture


@pytest.fixture(autouse=True)
def _media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield


@pytest.fixture
def lead():
    return world.account("lee", world.organization("Lead office"), Role.HMIS_LEAD_ADMIN)


def run_from_the_page(browser, data) -> ReportRun:
    response = browser.post("/reports/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    run = ReportRun.objects.get()
    report_jobs.run_job(run.pk)
    run.refresh_from_db()
    return run


def lsa_form(**changes: object) -> dict[str, object]:
    return {
        "report": "lsa",
        "source": "database",
        "coc": settings.HEARTH_COC_CODE,
        "start": START.isoformat(),
        "end": END.isoformat(),
        **changes,
    }


@pytest.fixture
def lsa_run(shelter_with_two_households, lead):
    return run_from_the_page(world.browser(lead), lsa_form()), shelter_with_two_households


def test_the_lead_runs_the_lsa_and_reads_its_files(lsa_run, lead):
    run, _people = lsa_run
    browser = world.browser(lead)

    page = browser.get(f"/reports/runs/{run.pk}/").content.decode()
    people = browser.get(f"/reports/runs/{run.pk}/tables/LSAPerson/").content.decode()
    report = browser.get(f"/reports/runs/{run.pk}/tables/LSAReport/").content.decode()

    assert run.status == "succeeded", run.message
    assert run.parameters["lsa_scope"] == 1
    assert [t["name"] for t in run.tables][:5] == [
        "LSAReport",
        "LSAPerson",
        "LSAHousehold",
        "LSAExit",
        "LSACalculated",
    ]
    assert "Download the HDX upload (.zip)" in page
    counts = {t["name"]: t["rows"] for t in run.tables}
    assert counts["LSAReport"] == 1
    lsa_person = run_results.lsa_file_page(run, "LSAPerson", page=1)
    assert lsa_person.total == counts["LSAPerson"] > 0
    assert lsa_person.columns[0] == "RowTotal"
    assert sum(row[0] for row in lsa_person.rows) == 3  # three people, as test_snapshot counts
    assert f'<a href="/reports/runs/{run.pk}/files/LSAPerson/1/">1</a>' in people
    assert f"<td>{settings.HEARTH_COC_CODE}</td>" in report
    assert "/files/LSAReport/" not in report  # LSAReport has no drill-down


def test_a_row_opens_the_people_it_counts_and_a_person_the_rules(lsa_run, lead):
    run, (single, parent, child) = lsa_run
    browser = world.browser(lead)
    AuditEvent.objects.all().delete()
    everyone = sorted([single.client.pk, parent.client.pk, child.pk])
    rows = run_results.lsa_file_page(run, "LSAPerson", page=1).rows

    shown = []
    for number in range(1, len(rows) + 1):
        body = browser.get(f"/reports/runs/{run.pk}/files/LSAPerson/{number}/").content.decode()
        shown += [pid for pid in everyone if f'href="/reports/runs/{run.pk}/people/{pid}/"' in body]
        for person in (single.client, parent.client, child):
            if f'href="/reports/runs/{run.pk}/people/{person.pk}/"' in body:
                assert f"{person.first_name} {person.last_name} ({person.pk})</a>" in body
    why = browser.get(f"/reports/runs/{run.pk}/people/{child.pk}/").content.decode()

    assert sorted(shown) == everyone  # every person is in exactly one LSAPerson row
    assert "Counted in LSAPerson." in why
    assert "5.2: active" in why
    events = AuditEvent.objects.filter(action=AuditAction.DRILL_DOWN)
    assert events.count() == len(rows) + 1
    assert events.filter(personal_id=child.pk, detail__purpose="explain").count() == 1


def test_lsacalculated_is_paged_and_its_rows_drill_down(lsa_run, lead):
    run, _people = lsa_run
    browser = world.browser(lead)
    total = next(t["rows"] for t in run.tables if t["name"] == "LSACalculated")

    first = browser.get(f"/reports/runs/{run.pk}/tables/LSACalculated/").content.decode()
    row = browser.get(f"/reports/runs/{run.pk}/files/LSACalculated/1/")

    assert total > run_results.ROWS_PER_PAGE
    assert f"Page 1 of {-(-total // run_results.ROWS_PER_PAGE)}" in first
    assert 'href="?page=2"' in first
    assert row.status_code == 200
    assert "ReportRow = " in row.content.decode()
    assert browser.get(f"/reports/runs/{run.pk}/files/LSACalculated/{total + 1}/").status_code == 404


def test_the_hic_runs_on_its_count_date(shelter_with_two_households, lead):
    browser = world.browser(lead)

    run = run_from_the_page(browser, lsa_form(report="hic", start="", end="", count_date="2026-01-28"))

    assert (run.report, run.status) == ("hic", "succeeded"), run.message
    assert run.parameters["lsa_scope"] == 3
    assert run.parameters["report_start"] == run.parameters["report_end"] == "2026-01-28"
    assert "count on 2026-01-28" in browser.get(f"/reports/runs/{run.pk}/").content.decode()


def test_a_coc_no_project_has_fails_with_its_message(shelter_with_two_households, lead):
    browser = world.browser(lead)

    run = run_from_the_page(browser, lsa_form(coc="ZZ-999"))

    assert run.status == "failed"
    assert run.message == "CoC ZZ-999 is not the CoC of any project in database default."
    assert run.message in browser.get(f"/reports/runs/{run.pk}/").content.decode()


@pytest.mark.parametrize(
    ("role", "sees_run"),
    [(Role.REPORT_ANALYST, True), (Role.AGENCY_ADMIN, False), (Role.CASE_MANAGER, False)],
)
def test_who_may_see_lsa_runs_and_open_their_rows(lsa_run, role, sees_run):
    # The analyst runs CoC reports but may not drill down; agencies neither see nor run the LSA
    run, (_single, parent, _child) = lsa_run
    browser = world.browser(world.account("vi", parent.project.organization, role))
    AuditEvent.objects.all().delete()

    form = browser.get("/reports/").content.decode()

    assert ('value="lsa"' in form) == sees_run
    assert browser.get(f"/reports/runs/{run.pk}/").status_code == (200 if sees_run else 404)
    assert browser.get(f"/reports/runs/{run.pk}/files/LSAPerson/1/").status_code == 404
    assert browser.get(f"/reports/runs/{run.pk}/people/{parent.client.pk}/").status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.DRILL_DOWN).exists()
