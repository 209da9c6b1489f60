"""A person signs in, reads the home page, switches to Spanish and signs out, in a real browser."""

import datetime
import os
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from hearth.hud.generated.lists import ProjectType
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def days_from_today(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def build_small_continuum() -> None:
    """Four projects; 9 clients served in the last twelve months, 7 of them enrolled today; 139 beds."""
    user = factories.HMISUserFactory()
    projects = {
        project_type: factories.ProjectFactory(project_type=project_type, project_name=name, user=user)
        for project_type, name in [
            (ProjectType.EMERGENCY_SHELTER_ENTRY_EXIT, "Harbor Light Shelter"),
            (ProjectType.TRANSITIONAL_HOUSING, "Fresh Start Transitional Housing"),
            (ProjectType.PH_PERMANENT_SUPPORTIVE_HOUSING, "Greenmount Supportive Housing"),
            (ProjectType.PH_RAPID_RE_HOUSING, "Home Again Rapid Re-Housing"),
        ]
    }
    for project_type, beds in [
        (ProjectType.EMERGENCY_SHELTER_ENTRY_EXIT, 60),
        (ProjectType.TRANSITIONAL_HOUSING, 24),
        (ProjectType.PH_PERMANENT_SUPPORTIVE_HOUSING, 40),
        (ProjectType.PH_RAPID_RE_HOUSING, 15),
    ]:
        factories.InventoryFactory(project=projects[project_type], bed_inventory=beds, user=user)
    for project_type, active, exited in [
        (ProjectType.EMERGENCY_SHELTER_ENTRY_EXIT, 3, 1),
        (ProjectType.TRANSITIONAL_HOUSING, 1, 1),
        (ProjectType.PH_PERMANENT_SUPPORTIVE_HOUSING, 2, 0),
        (ProjectType.PH_RAPID_RE_HOUSING, 1, 0),
    ]:
        for _ in range(active):
            factories.EnrollmentFactory(
                project=projects[project_type], entry_date=days_from_today(-40), user=user
            )
        for _ in range(exited):
            enrollment = factories.EnrollmentFactory(
                project=projects[project_type], entry_date=days_from_today(-90), user=user
            )
            factories.ExitFactory(enrollment=enrollment, exit_date=days_from_today(-10), user=user)


def screenshot_path(name: str, tmp_path: Path) -> Path:
    """docs/screenshots/ when HEARTH_SCREENSHOTS=1 (to refresh the committed pictures), else tmp_path."""
    if os.environ.get("HEARTH_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return SCREENSHOTS / name
    return tmp_path / name


def test_sign_in_read_the_home_page_in_spanish_and_sign_out(
    live_server, page: Page, console_errors, tmp_path
):
    factories.AccountFactory(username="lead")
    build_small_continuum()

    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/sign-in/?next=/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Hearth")

    page.get_by_label("Username").fill("lead")
    page.get_by_label("Password").fill(factories.DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Continuum overview")
    expect(page.locator("#clients-served")).to_have_text("9")
    expect(page.locator("#active-enrollments")).to_have_text("7")
    expect(page.get_by_role("row", name="Emergency Shelter – Entry Exit").get_by_role("cell")).to_have_text(
        "60"
    )
    expect(page.get_by_role("row", name="All project types").get_by_role("cell")).to_have_text("139")
    page.screenshot(path=screenshot_path("home.png", tmp_path), full_page=True)

    page.get_by_role("button", name="Español").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Resumen del Continuo de Atención")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("row", name="Refugio de emergencia – Entrada y salida")).to_be_visible()
    cookies = {cookie["name"]: cookie["value"] for cookie in page.context.cookies()}
    assert cookies["hearth_language"] == "es"

    page.get_by_role("button", name="Cerrar sesión").click()

    expect(page).to_have_url(f"{live_server.url}/sign-in/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Iniciar sesión en Hearth")
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/sign-in/?next=/")
    assert console_errors == []


def test_wrong_password_is_announced(live_server, page: Page, console_errors):
    factories.AccountFactory(username="lead")

    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill("lead")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("alert")).to_have_text(
        "Please enter a correct username and password. Note that both fields may be case-sensitive."
    )
    expect(page).to_have_url(f"{live_server.url}/sign-in/")
    assert console_errors == []


def test_skip_link_comes_first_and_the_small_screen_menu_opens(live_server, page: Page, console_errors):
    account = factories.AccountFactory(username="lead")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(account.username)
    page.get_by_label("Password").fill(factories.DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live_server.url}/")

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()

    home_link = page.get_by_role("navigation", name="Primary").get_by_role("link", name="Home")
    expect(home_link).not_to_be_in_viewport()
    page.get_by_role("button", name="Menu").click()
    expect(home_link).to_be_in_viewport()
    assert console_errors == []
