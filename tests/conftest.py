"""Test configuration shared by the whole suite."""

import pytest
from django.test import override_settings


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
