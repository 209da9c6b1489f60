"""Sign-in, sign-out, the home page's figures, the language switch and the security headers."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertInHTML, assertRedirects

from hearth.enrollments.selectors import one_year_period
from hearth.hud.generated.lists import ProjectType
from tests import factories

pytestmark = pytest.mark.django_db

SIGN_IN = "/sign-in/"
HOME = "/"


def days_from_today(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def account():
    return factories.AccountFactory(username="lead")


@pytest.fixture
def signed_in(client, account):
    client.force_login(account)
    return client


def test_url_names():
    assert reverse("web:sign-in") == SIGN_IN
    assert reverse("web:sign-out") == "/sign-out/"
    assert reverse("web:home") == HOME


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(HOME)

    assertRedirects(response, f"{SIGN_IN}?next=/")


def test_sign_in_with_the_right_password_opens_the_home_page(client, account):
    response = client.post(SIGN_IN, {"username": "lead", "password": factories.DEFAULT_PASSWORD})

    assertRedirects(response, HOME)
    assert client.session["_auth_user_id"] == str(account.pk)


def test_sign_in_returns_to_the_page_asked_for(client, account):
    response = client.post(
        f"{SIGN_IN}?next=/", {"username": "lead", "password": factories.DEFAULT_PASSWORD, "next": "/"}
    )

    assertRedirects(response, HOME)


def test_sign_in_with_a_wrong_password_says_so(client, account):
    response = client.post(SIGN_IN, {"username": "lead", "password": "not the password"})

    assert response.status_code == 200
    assertInHTML(
        '<p class="usa-alert__text">Please enter a correct username and password. '
        "Note that both fields may be case-sensitive.</p>",
        response.content.decode(),
    )
    assert "_auth_user_id" not in client.session


def test_sign_in_with_empty_fields_marks_each_field(client, account):
    response = client.post(SIGN_IN, {"username": "", "password": ""})

    content = response.content.decode()
    assertInHTML(
        '<span class="usa-error-message" id="id_username-error" role="alert">This field is required.</span>',
        content,
    )
    assertInHTML(
        '<input type="password" name="password" autocomplete="current-password" required id="id_password"'
        ' class="usa-input usa-input--error" aria-invalid="true" aria-describedby="id_password-error">',
        content,
    )
    assert "_auth_user_id" not in client.session


def test_signed_in_user_visiting_sign_in_goes_home(signed_in):
    assertRedirects(signed_in.get(SIGN_IN), HOME)


def test_sign_out_ends_the_session(signed_in):
    response = signed_in.post("/sign-out/")

    assertRedirects(response, SIGN_IN)
    assertRedirects(signed_in.get(HOME), f"{SIGN_IN}?next=/")


def test_sign_out_refuses_get(signed_in):
    assert signed_in.get("/sign-out/").status_code == 405
    assert signed_in.get(HOME).status_code == 200


def test_home_refuses_post(signed_in):
    assert signed_in.post(HOME).status_code == 405


def build_continuum() -> None:
    """Enrollments, exits and inventory around today, each kind of record that must or must not count.

    Clients served: A, B, C, G, I, K (6).  Active enrollments today: A twice, G, I (4).
    Beds today: ES entry/exit 15, transitional housing 4, permanent supportive housing 20.
    """
    today = timezone.localdate()
    user = factories.HMISUserFactory()
    shelter = factories.ProjectFactory(project_type=ProjectType.EMERGENCY_SHELTER_ENTRY_EXIT, user=user)

    def enrollment(entry: int, *, exit_on: int | None = None, **kwargs):
        record = factories.EnrollmentFactory(
            entry_date=days_from_today(entry), project=kwargs.pop("project", shelter), user=user, **kwargs
        )
        if exit_on is not None:
            factories.ExitFactory(enrollment=record, exit_date=days_from_today(exit_on), user=user)
        return record

    client_a = factories.ClientFactory(user=user)
    enrollment(-10, client=client_a)  # A: active
    enrollment(-3, client=client_a)  # A again: a second active enrollment, one client served
    enrollment(-100, exit_on=-5)  # B: exited five days ago
    enrollment(-30, exit_on=0)  # C: exits today, so no longer active
    enrollment(-10, date_deleted=timezone.now())  # D: soft-deleted enrollment
    enrollment(-700, exit_on=-400)  # E: exited before the twelve months
    enrollment(1)  # F: enters tomorrow
    g = enrollment(-20)  # G: its exit is soft-deleted, so still active
    factories.ExitFactory(enrollment=g, exit_date=days_from_today(-2), date_deleted=timezone.now(), user=user)
    enrollment(
        -5, client=factories.ClientFactory(user=user, date_deleted=timezone.now())
    )  # H: deleted client
    enrollment(-5, exit_on=1)  # I: exits tomorrow, active today
    closed_project = factories.ProjectFactory(date_deleted=timezone.now(), user=user)
    enrollment(-5, project=closed_project)  # J: soft-deleted project
    first_day = (one_year_period(end=today)[0] - today).days
    enrollment(first_day - 30, exit_on=first_day)  # K: exits on the first day of the twelve months
    enrollment(first_day - 30, exit_on=first_day - 1)  # L: exits the day before

    factories.InventoryFactory(project=shelter, bed_inventory=10, user=user)
    factories.InventoryFactory(project=shelter, bed_inventory=5, user=user)
    housing = factories.ProjectFactory(project_type=ProjectType.PH_PERMANENT_SUPPORTIVE_HOUSING, user=user)
    factories.InventoryFactory(project=housing, bed_inventory=20, user=user)
    factories.InventoryFactory(project=housing, bed_inventory=7, inventory_end_date=today, user=user)
    factories.InventoryFactory(
        project=housing, bed_inventory=9, inventory_start_date=days_from_today(1), user=user
    )
    factories.InventoryFactory(project=housing, bed_inventory=11, date_deleted=timezone.now(), user=user)
    transitional = factories.ProjectFactory(project_type=ProjectType.TRANSITIONAL_HOUSING, user=user)
    factories.InventoryFactory(
        project=transitional, bed_inventory=4, inventory_end_date=days_from_today(1), user=user
    )
    haven = factories.ProjectFactory(
        project_type=ProjectType.SAFE_HAVEN, date_deleted=timezone.now(), user=user
    )
    factories.InventoryFactory(project=haven, bed_inventory=13, user=user)


def beds_table(rows: list[tuple[str, int]], total: int) -> str:
    body = "".join(
        f'<tr><th scope="row">{label}</th><td class="text-right">{beds}</td></tr>' for label, beds in rows
    )
    return (
        '<table class="usa-table usa-table--borderless" id="beds-by-project-type">'
        "<caption>Beds in project inventory available today.</caption>"
        '<thead><tr><th scope="col">Project type</th>'
        '<th scope="col" class="text-right">Beds</th></tr></thead>'
        f"<tbody>{body}</tbody>"
        '<tfoot><tr><th scope="row">All project types</th>'
        f'<td class="text-right text-bold">{total}</td></tr></tfoot></table>'
    )


def test_home_shows_the_continuums_figures(signed_in):
    build_continuum()

    response = signed_in.get(HOME)

    content = response.content.decode()
    assertInHTML('<p class="hearth-figure" id="clients-served">6</p>', content)
    assertInHTML('<p class="hearth-figure" id="active-enrollments">4</p>', content)
    assertInHTML(
        beds_table(
            [
                ("Emergency Shelter – Entry Exit", 15),
                ("Transitional Housing", 4),
                ("PH – Permanent Supportive Housing", 20),
            ],
            total=39,
        ),
        content,
    )


def test_home_with_no_data_shows_zeros(signed_in):
    response = signed_in.get(HOME)

    content = response.content.decode()
    assertInHTML('<p class="hearth-figure" id="clients-served">0</p>', content)
    assertInHTML('<p class="hearth-figure" id="active-enrollments">0</p>', content)
    assertInHTML(
        '<p id="beds-by-project-type">No project has bed inventory available today.</p>',
        content,
    )


def test_home_groups_thousands(signed_in):
    factories.InventoryFactory(bed_inventory=1234)

    response = signed_in.get(HOME)

    assertInHTML('<td class="text-right">1,234</td>', response.content.decode())


def build_projects_with_clients(count: int) -> None:
    user = factories.HMISUserFactory()
    for number, project_type in zip(range(count), list(ProjectType) * count, strict=False):
        project = factories.ProjectFactory(project_type=project_type, user=user)
        factories.InventoryFactory(project=project, user=user)
        enrollment = factories.EnrollmentFactory(project=project, user=user)
        if number % 2:
            factories.ExitFactory(enrollment=enrollment, user=user)


# Session, account, the account rules (last-seen stamp, whether a second factor is required), the
# three figures (beds, clients served, active enrollments), then the session's save (an UPDATE
# inside a savepoint): every request refreshes the idle timeout.
HOME_QUERIES = 10


@pytest.mark.parametrize("size", [1, 20])
def test_home_runs_a_fixed_number_of_queries(signed_in, django_assert_num_queries, size):
    build_projects_with_clients(size)

    with django_assert_num_queries(HOME_QUERIES):
        response = signed_in.get(HOME)

    assert response.status_code == 200


def test_language_switch_remembers_spanish_and_the_page_follows(signed_in):
    factories.InventoryFactory(
        project__project_type=ProjectType.EMERGENCY_SHELTER_ENTRY_EXIT, bed_inventory=8
    )

    response = signed_in.post("/i18n/setlang/", {"language": "es", "next": HOME})

    assertRedirects(response, HOME)
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert (cookie.key, cookie.value) == ("hearth_language", "es")
    page = signed_in.get(HOME)
    content = page.content.decode()
    assert '<html lang="es">' in content
    assertInHTML("<h1>Resumen del Continuo de Atención</h1>", content)
    assertInHTML('<h2 class="usa-card__heading">Clientes atendidos</h2>', content)
    assertInHTML('<th scope="row">Refugio de emergencia – Entrada y salida</th>', content)
    assertInHTML(
        '<button type="submit" class="usa-button" name="language" value="en" lang="en">English</button>',
        content,
    )


def test_sign_in_page_in_spanish(client, account):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"

    response = client.post(SIGN_IN, {"username": "lead", "password": "not the password"})

    content = response.content.decode()
    assertInHTML("<h1>Iniciar sesión en Hearth</h1>", content)
    assertContains(response, "Por favor, introduzca un nombre de usuario y clave correctos.")


def test_language_switch_posts_with_csrf_and_returns_to_the_page(client):
    response = client.get(SIGN_IN)

    content = response.content.decode()
    form = re.search(
        r'<form class="hearth-language-switch" method="post" action="/i18n/setlang/">(.*?)</form>',
        content,
        re.S,
    )
    assert form is not None
    assert 'name="csrfmiddlewaretoken"' in form.group(1)
    assertInHTML('<input type="hidden" name="next" value="/sign-in/">', form.group(1))
    assertInHTML(
        '<button type="submit" class="usa-button" name="language" value="es" lang="es">Español</button>',
        form.group(1),
    )


@pytest.mark.parametrize("path", [SIGN_IN, HOME])
def test_pages_send_security_headers(signed_in, path):
    response = signed_in.get(path, follow=True)

    assert response["Content-Security-Policy"] == (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
    )
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("path", [SIGN_IN, HOME])
def test_pages_have_no_inline_script_or_style(client, account, path):
    if path == HOME:
        client.force_login(account)

    content = client.get(path).content.decode()

    assert re.findall(r"<script(?![^>]*\ssrc=)[^>]*>", content) == []
    assert re.findall(r"<style\b|\sstyle=|\son[a-z]+=", content) == []


def test_layout_landmarks_and_skip_link(signed_in):
    content = signed_in.get(HOME).content.decode()

    assertInHTML('<a class="usa-skipnav" href="#main-content">Skip to main content</a>', content)
    assert content.count('<main id="main-content"') == 1
    assert content.count("<h1>") == 1
    assert '<nav aria-label="Primary" class="usa-nav">' in content
    assert re.search(r'<a href="/" class="usa-nav-link usa-current" aria-current="page">', content)
