"""Test configuration shared by the whole suite."""

import pytest
from django.test import override_settings
from django.utils import translation


@pytest.fixture(autouse=True, scope="session")
def _static_files_from_the_apps():
    """Pages find static files in the apps, as in development: tests do not run collectstatic.

    Production settings name static files by the manifest that collectstatic writes into STATIC_ROOT.
    """
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, STATIC_ROOT=None):
        yield


@pytest.fixture(autouse=True)
def _each_test_ends_in_the_default_language():
    """A request in Spanish leaves Spanish active in the test's thread (LocaleMiddleware activates it
    and nothing deactivates it); the next test starts again from the site's language."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _the_audit_chain_head_as_migrated(request):
    """Each database test starts with the audit chain's head row that migration access.0003 makes.

    A transactional test ends by emptying every table (Django's flush), that row among them; a
    later test in the same process that counts rows (the permission matrix, search visibility)
    would then see the first audit event make it again."""
    if request.node.get_closest_marker("django_db") is None:
        # Access through a fixture alone (``db``): set it up now, before this query.
        wanted = [name for name in ("transactional_db", "db") if name in request.fixturenames]
        if not wanted:
            return
        request.getfixturevalue(wanted[0])
    from hearth.access.models import AuditChainHead

    AuditChainHead.objects.get_or_create(pk=1, defaults={"last_hash": "0" * 64})


def pytest_terminal_summary(terminalreporter):
    """Show what the HUD kit comparisons printed (per-file and per-cell match counts), even when
    they pass: pytest keeps a passing test's output to itself, and so do xdist's workers."""
    lines = []
    for report in terminalreporter.stats.get("passed", []):
        if report.when == "call" and report.nodeid.startswith("tests/reports/") and report.capstdout.strip():
            lines += [line for line in report.capstdout.splitlines() if line.strip()]
    if lines:
        terminalreporter.section("HUD kit comparisons")
        for line in lines:
            terminalreporter.write_line(line)
