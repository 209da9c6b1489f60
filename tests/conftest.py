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
