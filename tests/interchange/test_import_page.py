"""The HMIS Lead's import page: sign-in required, 404 without ``import_data``, upload, progress
poll, results and the CSV report."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from hearth.access.audit import Actor
from hearth.access.permissions import Role
from hearth.clients.models import Client
from hearth.interchange import import_jobs
from hearth.interchange.models import ImportRun, ImportStatus
from tests.access import world
from tests.interchange.test_import_minimal_export import ExportBuilder, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield


@pytest.fixture
def lead():
    return world.browser(world.account("lead", world.organization("HMIS Lead"), Role.HMIS_LEAD_ADMIN))


def zipped(tmp_path, export: ExportBuilder, name: str = "agency.zip") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, export.zip(tmp_path / name).read_bytes(), content_type="application/zip")


def pages(run_id: int) -> list[str]:
    return [
        reverse("interchange:import"),
        reverse("interchange:import-run", args=[run_id]),
        reverse("interchange:import-progress", args=[run_id]),
        reverse("interchange:import-report", args=[run_id]),
    ]


def test_signing_in_is_required(client, tmp_path):
    run = run_import(ExportBuilder().write(tmp_path / "export")).run

    for url in pages(run.pk):
        response = client.get(url)
        assert (response.status_code, response["Location"].split("?")[0]) == (302, reverse("web:sign-in"))


@pytest.mark.parametrize("role", [Role.AGENCY_ADMIN, Role.CASE_MANAGER, Role.REPORT_ANALYST, None])
def test_without_the_import_permission_the_pages_do_not_exist(tmp_path, role):
    run = run_import(ExportBuilder().write(tmp_path / "export")).run
    browser = world.browser(world.account("someone", world.organization("Shelter"), role))

    assert [browser.get(url).status_code for url in pages(run.pk)] == [404, 404, 404, 404]
    assert (
        browser.post(reverse("interchange:import"), {"export": zipped(tmp_path, ExportBuilder())}).status_code
        == 404
    )
    assert ImportRun.objects.count() == 1


def test_an_upload_is_imported_after_the_commit_and_its_results_shown(
    lead, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = lead.post(reverse("interchange:import"), {"export": zipped(tmp_path, ExportBuilder())})

    run = ImportRun.objects.get()
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("interchange:import-run", args=[run.pk]),
    )
    assert (run.status, run.source_name, run.username) == (ImportStatus.QUEUED, "agency.zip", "lead")
    assert len(callbacks) == 1
    stored = run.upload.path
    waiting = lead.get(reverse("interchange:import-run", args=[run.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in waiting

    import_jobs.run_job(run.pk, Actor(account_id=run.account_id, username="lead"))

    run.refresh_from_db()
    assert run.status == ImportStatus.IMPORTED
    assert list(Client.all_objects.values_list("personal_id", flat=True)) == ["C1"]
    assert (run.upload.name, (tmp_path / "media").exists() and any((tmp_path / "media").rglob("*.zip"))) == (
        "",
        False,
    )
    assert stored.endswith(".zip")
    progress = lead.get(reverse("interchange:import-progress", args=[run.pk]))
    assert progress["HX-Refresh"] == "true"
    page = lead.get(reverse("interchange:import-run", args=[run.pk])).content.decode()
    assert "Imported with 0 warning(s)." in page
    assert '<th scope="row">Client.csv</th><td class="text-right">1</td><td class="text-right">1</td>' in page
    assert "hx-trigger" not in page


def test_a_rejected_upload_lists_its_problems_and_the_report_downloads(lead, tmp_path):
    export = ExportBuilder()
    export.first("Enrollment.csv")["EntryDate"] = "2021-13-01"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(import_jobs.transaction, "on_commit", lambda callback: None)
        lead.post(reverse("interchange:import"), {"export": zipped(tmp_path, export)})
    run = ImportRun.objects.get()
    import_jobs.run_job(run.pk, Actor(account_id=run.account_id, username="lead"))

    page = lead.get(reverse("interchange:import-run", args=[run.pk])).content.decode()
    report = lead.get(reverse("interchange:import-report", args=[run.pk]))

    assert "Rejected: nothing was imported" in page
    assert (
        "Enrollment.csv row 2, EntryDate &#x27;2021-13-01&#x27;: is not a date (YYYY-MM-DD) [FMT-02]" in page
    )
    assert report["Content-Type"] == "text/csv; charset=utf-8"
    assert report["Content-Disposition"] == f'attachment; filename="import-{run.pk}-report.csv"'
    rows = list(csv.reader(io.StringIO(b"".join(report.streaming_content).decode())))
    assert rows == [
        ["Severity", "File", "Row", "Column", "Value", "Rule", "Problem", "Report line"],
        [
            "reject",
            "Enrollment.csv",
            "2",
            "EntryDate",
            "2021-13-01",
            "FMT-02",
            "is not a date (YYYY-MM-DD)",
            "Enrollment.csv row 2, EntryDate '2021-13-01': is not a date (YYYY-MM-DD) [FMT-02]",
        ],
    ]
    assert Client.all_objects.count() == 0


def test_a_file_that_is_not_a_zip_is_refused_on_the_form(lead):
    response = lead.post(
        reverse("interchange:import"),
        {"export": SimpleUploadedFile("Client.csv", b"PersonalID\n", content_type="text/csv")},
    )

    assert response.status_code == 400
    assert "Upload a .zip file holding the export&#x27;s CSV files." in response.content.decode()
    assert ImportRun.objects.count() == 0


def test_a_zip_that_is_not_an_export_is_rejected_with_a_clear_message(lead, tmp_path):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(import_jobs.transaction, "on_commit", lambda callback: None)
        lead.post(
            reverse("interchange:import"), {"export": SimpleUploadedFile("notes.zip", b"not a zip at all")}
        )
    run = ImportRun.objects.get()

    import_jobs.run_job(run.pk, Actor(account_id=run.account_id, username="lead"))

    run.refresh_from_db()
    assert run.status == ImportStatus.REJECTED
    assert [i.text for i in run.issues.all()] == ["notes.zip: is neither a folder nor a zip file [FMT-20]"]


def test_the_import_page_offers_the_upload_and_lists_recent_imports(lead, tmp_path):
    run = run_import(ExportBuilder().write(tmp_path / "export")).run

    page = lead.get(reverse("interchange:import")).content.decode()

    assert 'enctype="multipart/form-data"' in page
    assert 'name="export" type="file" accept=".zip,application/zip"' in page
    assert f'<a href="{reverse("interchange:import-run", args=[run.pk])}">' in page
    assert "<td>export</td>" in page
