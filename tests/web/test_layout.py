"""The base layout's slots and the static files it serves, in development and in production."""

import datetime
import json

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings
from pytest_django.asserts import assertInHTML

from hearth.enrollments.selectors import one_year_period

LAYOUT_STATIC_FILES = [
    "uswds/css/uswds.min.css",
    "uswds/js/uswds-init.min.js",
    "uswds/js/uswds.min.js",
    "uswds/img/usa-icons/close.svg",
    "htmx/htmx.min.js",
    "web/hearth.css",
    "web/favicon.svg",
]


def render_layout(**context) -> str:
    request = RequestFactory().get("/sign-in/")
    return render_to_string("web/base.html", context, request=request)


def test_acting_as_shows_the_agency_when_the_page_has_one():
    content = render_layout(acting_as="Helping Hands Shelter")

    assertInHTML('<p class="hearth-acting-as">Acting as <strong>Helping Hands Shelter</strong></p>', content)


def test_acting_as_shows_nothing_without_an_agency():
    content = render_layout()

    assert "hearth-acting-as" not in content
    assert "Acting as" not in content


@pytest.mark.parametrize("path", LAYOUT_STATIC_FILES)
def test_layout_static_files_are_found(path):
    assert finders.find(path) is not None


def test_collectstatic_builds_the_production_manifest(tmp_path):
    production = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=production):
        call_command("collectstatic", interactive=False, verbosity=0)

    manifest = json.loads((tmp_path / "staticfiles.json").read_text(encoding="utf-8"))["paths"]
    for path in LAYOUT_STATIC_FILES:
        assert (tmp_path / manifest[path]).is_file()
    for path in ("uswds/css/uswds.min.css", "uswds/js/uswds.min.js", "htmx/htmx.min.js"):
        assert (tmp_path / f"{manifest[path]}.gz").is_file()


@pytest.mark.parametrize(
    ("end", "start"),
    [
        (datetime.date(2026, 9, 30), datetime.date(2025, 10, 1)),
        (datetime.date(2025, 3, 1), datetime.date(2024, 3, 2)),
        (datetime.date(2024, 2, 29), datetime.date(2023, 3, 1)),
        (datetime.date(2025, 2, 28), datetime.date(2024, 2, 29)),
    ],
)
def test_one_year_period_ends_on_the_day_and_spans_twelve_months(end, start):
    assert one_year_period(end=end) == (start, end)
