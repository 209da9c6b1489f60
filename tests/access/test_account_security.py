"""Lockout, 60-day idle lock, second factor, one session, idle timeout, the agreement and
training gate, and the security headers."""

import datetime

import pytest
from django.conf import settings
from django.test import Client as Browser
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.access import accounts, mfa
from hearth.access.models import Account, AuditEvent, Membership
from hearth.access.permissions import Role
from hearth.clients.models import Client
from tests.access import world

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


@pytest.fixture
def casey():
    org = world.organization("Shelter")
    account = world.account("casey", org, Role.CASE_MANAGER)
    account.set_password(PASSWORD)
    account.save()
    return account


def sign_in(browser: Browser, password: str = PASSWORD, username: str = "casey"):
    return browser.post("/sign-in/", {"username": username, "password": password})


def test_five_failures_lock_the_account_with_a_clear_message(casey):
    browser = Browser()
    for _ in range(5):
        response = sign_in(browser, "wrong password")
        assert response.status_code == 200
    casey.refresh_from_db()
    assert casey.locked_until is not None
    response = sign_in(browser)  # the right password no longer works while locked
    assert "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in browser.session
    assert AuditEvent.objects.filter(action="sign_in_failed", username="casey").count() == 5


def test_lock_expires(casey):
    Account.objects.filter(pk=casey.pk).update(locked_until=timezone.now() - datetime.timedelta(seconds=1))
    assert sign_in(Browser()).status_code == 302


def test_sixty_days_idle_locks_until_an_administrator_unlocks(casey):
    Account.objects.filter(pk=casey.pk).update(last_seen_at=timezone.now() - datetime.timedelta(days=61))
    response = sign_in(Browser())
    assert "not used for 60 days" in response.content.decode()
    admin = world.account("ada", Membership.objects.get(account=casey).organization, Role.AGENCY_ADMIN)
    accounts.unlock(by=admin, account=casey)
    assert sign_in(Browser()).status_code == 302


def test_signing_in_elsewhere_ends_the_older_session(casey):
    first, second = Browser(), Browser()
    assert sign_in(first).status_code == 302
    assert first.get("/").status_code == 200
    assert sign_in(second).status_code == 302
    response = first.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/"
    assert second.get("/").status_code == 200


def test_sessions_time_out_after_thirty_idle_minutes():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True  # each request restarts the idle clock


def test_administrators_must_set_up_and_use_a_second_factor():
    org = world.organization("City")
    lead = world.account("lee", org, Role.HMIS_LEAD_ADMIN)
    lead.set_password(PASSWORD)
    lead.save()
    browser = Browser()
    assert sign_in(browser, username="lee").status_code == 302
    response = browser.get("/")
    assert response["Location"] == "/account/second-factor/"
    setup = browser.get("/account/second-factor/")
    assert b"Set up your authenticator app" in setup.content
    device = TOTPDevice.objects.get(user=lead, confirmed=False)
    good = browser.post("/account/second-factor/", {"token": f"{totp(device.bin_key):06d}"})
    assert good.status_code == 302
    assert mfa.confirmed_device(lead) is not None
    assert browser.get("/").status_code == 200

    later = Browser()  # the next sign-in asks for a code from the confirmed device
    sign_in(later, username="lee")
    assert later.get("/")["Location"] == "/account/second-factor/"
    wrong = later.post("/account/second-factor/", {"token": f"{(totp(device.bin_key) + 1) % 1_000_000:06d}"})
    assert wrong.status_code == 400
    assert b"That code is not right" in wrong.content
    assert later.get("/")["Location"] == "/account/second-factor/"


def test_case_managers_need_no_second_factor_unless_flagged(casey):
    assert accounts.requires_mfa(casey) is False
    casey.mfa_required = True
    casey.save()
    assert accounts.requires_mfa(casey) is True


def test_no_client_data_without_the_agreement_and_training(casey):
    org = Membership.objects.get(account=casey).organization
    person = world.client()
    world.enrollment(person, world.project(org))
    assert Client.objects.visible_to(casey).count() == 1

    Account.objects.filter(pk=casey.pk).update(training_completed_on=None)
    casey.refresh_from_db()
    assert Client.objects.visible_to(casey).count() == 0

    Account.objects.filter(pk=casey.pk).update(
        training_completed_on=timezone.localdate(),
        agreement_accepted_at=timezone.now() - datetime.timedelta(days=366),
    )
    casey.refresh_from_db()
    assert Client.objects.visible_to(casey).count() == 0
    browser = Browser()
    sign_in(browser)
    response = browser.get("/")
    assert response["Location"] == "/account/agreement/?next=/"
    assert browser.post("/account/agreement/", {}).status_code == 400
    assert browser.post("/account/agreement/", {"accept": "yes", "next": "/"})["Location"] == "/"
    casey.refresh_from_db()
    assert Client.objects.visible_to(casey).count() == 1


def test_security_headers_and_csrf(casey):
    response = Browser().get("/sign-in/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    strict = Browser(enforce_csrf_checks=True)
    assert strict.post("/sign-in/", {"username": "casey", "password": PASSWORD}).status_code == 403


def test_switching_agency_is_explicit_and_audited(casey):
    second = world.organization("Outreach")
    Membership.objects.create(account=casey, organization=second, role=Role.INTAKE)
    browser = Browser()
    sign_in(browser)
    assert browser.post("/account/agency/", {"organization": second.pk}).status_code == 302
    casey.refresh_from_db()
    assert casey.acting_organization_id == second.pk
    assert (
        AuditEvent.objects.filter(action="switch_agency", username="casey", object_id=second.pk).count() == 1
    )
    stranger = world.organization("Elsewhere")
    assert browser.post("/account/agency/", {"organization": stranger.pk}).status_code == 404


def test_the_local_demo_may_turn_the_second_factor_off(settings):
    lead = world.account("lee", world.organization("City"), Role.HMIS_LEAD_ADMIN)
    assert accounts.requires_mfa(lead) is True
    settings.HEARTH_ENFORCE_MFA = False
    assert accounts.requires_mfa(lead) is False


def test_every_page_shows_the_agency_acted_as_and_offers_the_others(casey):
    second = world.organization("Outreach Team")
    browser = world.browser(casey)
    page = browser.get("/").content.decode()
    assert "Acting as <strong>Shelter</strong>" in page
    Membership.objects.create(account=casey, organization=second, role=Role.INTAKE)
    page = browser.get("/").content.decode()
    assert 'name="organization"' in page
    assert f'<option value="{second.pk}">Outreach Team</option>' in page
