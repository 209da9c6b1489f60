"""Every label and answer of the assessment pages shows in Spanish when the language is Spanish.

For each kind of project the demo Continuum runs (project type, funders, RRH subtype: the demo's
``PROJECT_TEMPLATES``), the project start, update, annual and exit pages (and the contact page
where the project records contacts) are rendered in English and in Spanish for an adult head of
household whose veteran and HIV status are unknown, so every element that might apply is asked.
The two renderings have the same questions in the same order; a label, legend, heading, option or
option group left the same in Spanish fails, unless ``SAME_IN_BOTH`` says why it is the same (or
it is the client's name, which heads the exit page's part for each member).
"""

import datetime
import html
import re

import pytest
from django.utils import translation

from hearth.demo.catalog import PROJECT_TEMPLATES
from hearth.enrollments.assessments import CONTACT_PROJECT_TYPES
from tests import factories
from tests.access import world
from tests.enrollments.conftest import days_ago, member_of, project_of
from tests.enrollments.test_pages import enroll

pytestmark = pytest.mark.django_db

# Texts that are the same in Spanish, each with the reason.
SAME_IN_BOTH: tuple[tuple[str, str], ...] = (
    (r"\d+", "a number (list R4's grades, V4's counts)"),
    (r"\d+\s*[-–]\s*\d+", "a range of numbers"),
    (r"\(\d{3}[A-Z0-9]*\) .+", "a VA medical center station: its number and place name (list V6.1)"),
    (r"No", "'No' is Spanish too"),
    (r"Medicaid|Medicare", "names of U.S. health insurance programs, used as such in Spanish"),
)
_SAME = [re.compile(pattern) for pattern, _reason in SAME_IN_BOTH]

_TEXT = re.compile(r"<(label|legend|option|h2|h3)\b[^>]*>(.*?)</\1>", re.S)
_GROUP = re.compile(r'<optgroup label="([^"]*)"')
_TAG = re.compile(r"<[^>]+>")


def texts(page: str) -> list[str]:
    """The labels, legends, headings, options and option groups of the page's form, in order."""
    form = page[page.index('<form class="usa-form') :]
    found = [(m.start(), _TAG.sub("", m[2])) for m in _TEXT.finditer(form)]
    found += [(m.start(), m[1]) for m in _GROUP.finditer(form)]
    return [" ".join(html.unescape(text).split()) for _start, text in sorted(found)]


def _kinds():
    seen = {}
    for template in PROJECT_TEMPLATES:
        key = (template.project_type, tuple(sorted(template.funders)), template.rrh_sub_type)
        seen.setdefault(key, template.label)
    return [pytest.param(*key, id=f"{label} ({key[0]})") for key, label in seen.items()]


def pages_of(enrollment) -> list[str]:
    base = f"/enrollments/{enrollment.pk}"
    urls = [f"{base}/assessments/{stage}/" for stage in ("entry", "update", "annual")] + [f"{base}/exit/"]
    if enrollment.project.project_type in CONTACT_PROJECT_TYPES:
        urls.append(f"{base}/contacts/new/")
    return urls


def left_in_english(browser, url: str, *, names: frozenset[str] = frozenset()) -> tuple[int, list[str]]:
    """How many texts the two renderings of the page compare, and those left in English."""
    with translation.override("en"):  # each request switches this thread's language; switch it back
        browser.cookies["hearth_language"] = "en"
        english = browser.get(url)
        browser.cookies["hearth_language"] = "es"
        spanish = browser.get(url)
    assert (english.status_code, spanish.status_code) == (200, 200), url
    pairs = list(zip(texts(english.content.decode()), texts(spanish.content.decode()), strict=True))
    same = [
        en for en, es in pairs if en == es and en not in names and not any(p.fullmatch(en) for p in _SAME)
    ]
    return len(pairs), same


@pytest.mark.parametrize(("project_type", "funders", "rrh_sub_type"), _kinds())
def test_the_assessment_pages_leave_nothing_in_english(project_type, funders, rrh_sub_type, agency):
    staff = member_of(agency, username="casey")
    fields = {"rrh_sub_type": rrh_sub_type} if rrh_sub_type else {}
    project = project_of(agency, project_type, funder=funders[0], **fields)
    for funder in funders[1:]:
        factories.FunderFactory(project=project, funder=funder, start_date=datetime.date(2020, 1, 1))
    person = factories.ClientFactory(first_name="Ana", dob=datetime.date(1990, 4, 2), veteran_status=99)
    [enrollment] = enroll(staff, project, person, start=days_ago(400))
    browser = world.browser(staff)

    # The exit page heads each member's part with their name.
    name = frozenset({f"{person.first_name} {person.last_name}"})
    compared = {url: left_in_english(browser, url, names=name) for url in pages_of(enrollment)}

    assert sum(count for count, _same in compared.values()) > 100  # the pages' questions were read
    assert {url: same for url, (_count, same) in compared.items() if same} == {}
