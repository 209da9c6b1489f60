"""Client work in a real browser: a duplicate found at search and opened instead of created, an SSN
revealed on purpose, and a merge of two records and its undo."""

import datetime
import os
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from hearth.access.permissions import Role
from hearth.clients import search_keys, ssn
from hearth.clients.models import Client
from tests.access import world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DOB = datetime.date(1985, 3, 12)


def screenshot_path(name: str, tmp_path: Path) -> Path:
    """docs/screenshots/ when HEARTH_SCREENSHOTS=1 (to refresh the committed pictures), else tmp_path."""
    if os.environ.get("HEARTH_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return SCREENSHOTS / name
    return tmp_path / name


def sign_in(page: Page, live_server, account) -> None:
    """Start the browser signed in as ``account``, past the second factor (tested elsewhere)."""
    session = world.browser(account).cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


def client_named(first, last, *, agency, dob=DOB, full_ssn=None) -> Client:
    client = world.client(first)
    Client.objects.filter(pk=client.pk).update(
        first_name=first, last_name=last, dob=dob, dob_data_quality=1, ssn_data_quality=1 if full_ssn else 99
    )
    client.refresh_from_db()
    if full_ssn:
        ssn.store(client, full_ssn)
    world.origin(client, agency)
    search_keys.refresh([client.pk])
    return client


def test_a_duplicate_found_at_search_is_opened_instead_of_created(
    live_server, page: Page, console_errors, tmp_path
):
    shelter = world.organization("Harbor Light Shelter")
    casey = world.account("casey", shelter, Role.CASE_MANAGER)
    william = client_named("William", "Smith", agency=shelter, full_ssn="123456789")
    client_named("Wilma", "Smythe", agency=shelter, dob=datetime.date(1990, 1, 1))
    sign_in(page, live_server, casey)

    page.goto(f"{live_server.url}/clients/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a client")
    page.get_by_label("Name, date of birth, last four of SSN, or PersonalID").fill("Bill Smith 3/12/1985")
    page.get_by_role("button", name="Search").click()

    row = page.get_by_role("row", name="William Smith")
    expect(row).to_contain_text("nickname Bill = William")
    expect(row).to_contain_text("same date of birth")
    expect(row).to_contain_text("***-**-6789")
    page.screenshot(path=screenshot_path("client-search.png", tmp_path), full_page=True)

    page.get_by_role("link", name="None of these: create a new client").click()
    expect(page.get_by_label("First name")).to_have_value("Bill")
    expect(page.get_by_label("Last name")).to_have_value("Smith")
    page.get_by_label("Name data quality").select_option("1")
    page.get_by_label("SSN data quality").select_option("99")
    page.get_by_label("DOB data quality").select_option("1")
    page.locator("label[for=id_white]").click()
    page.get_by_label("Veteran status").select_option("0")
    page.get_by_role("button", name="Check for duplicates and create").click()

    expect(page.get_by_role("heading", name="This person may already have a record")).to_be_visible()
    page.get_by_role("link", name="William Smith").click()
    expect(page).to_have_url(f"{live_server.url}/clients/{william.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("William")
    assert Client.objects.count() == 2

    page.get_by_role("button", name="Reveal full SSN").click()
    expect(page.locator("#ssn-value")).to_contain_text("123-45-6789")
    page.screenshot(path=screenshot_path("client-profile.png", tmp_path), full_page=True)
    assert console_errors == []


def test_a_merge_and_its_undo(live_server, page: Page, console_errors):
    shelter, city = world.organization("Harbor Light Shelter"), world.organization("City")
    lead = world.account("lee", city, Role.HMIS_LEAD_ADMIN)
    lead.hmis_user = world.hmis_user()
    lead.save(update_fields=["hmis_user"])
    keep = client_named("William", "Smith", agency=shelter, dob=None)
    Client.objects.filter(pk=keep.pk).update(dob_data_quality=99)
    dupe = client_named("Bill", "Smith", agency=shelter)
    world.enrollment(dupe, world.project(shelter), entry=datetime.date(2025, 2, 1))
    sign_in(page, live_server, lead)

    page.goto(f"{live_server.url}/clients/{keep.pk}/")
    page.get_by_label("PersonalID of a duplicate to merge into this client").fill(dupe.pk)
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Merge duplicate clients")
    dob_row = page.get_by_role("row", name="Date of birth and its data quality")
    expect(dob_row).to_contain_text("1985-03-12; Full DOB reported")
    dob_row.get_by_text("The duplicate's").click()
    page.get_by_role("button", name=f"Merge {dupe.pk} into {keep.pk}").click()

    expect(page.get_by_role("status").first).to_contain_text(f"Merged {dupe.pk} into this client.")
    expect(page.get_by_role("row", name="Date of birth")).to_contain_text("1985-03-12")
    expect(page.get_by_text("2025-02-01")).to_be_visible()
    page.get_by_role("button", name=f"Undo the merge of {dupe.pk}").click()

    expect(page.get_by_role("status").first).to_contain_text(
        f"Merge undone: {dupe.pk} is a separate client again."
    )
    expect(page.get_by_text("No enrollment you may see.")).to_be_visible()
    keep.refresh_from_db()
    assert keep.dob is None
    assert Client.objects.filter(pk=dupe.pk, dob=DOB).exists()
    assert console_errors == []
