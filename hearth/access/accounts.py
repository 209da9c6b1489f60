"""Account security as HUD's baseline and a careful security officer expect.

- Lockout: five failed sign-ins in a row lock the account for 15 minutes.
- Accounts idle for 60 days are locked until an administrator unlocks them.
- One active session per account: signing in elsewhere ends the older session.
- Administrators (HMIS Lead and agency administrators) must use a second factor (TOTP);
  anyone else may be required to by a flag on their account.
- No client data before the user agreement (re-accepted yearly) and privacy/security training
  (recorded by an administrator, valid one year) are on file.
"""

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.access import audit
from hearth.access.models import Account, AuditAction, Membership
from hearth.access.permissions import Permission, Role

MAX_FAILED_SIGN_INS = 5
LOCKOUT_PERIOD = datetime.timedelta(minutes=15)
IDLE_LOCK_PERIOD = datetime.timedelta(days=60)
AGREEMENT_PERIOD = datetime.timedelta(days=365)
TRAINING_PERIOD = datetime.timedelta(days=365)
MFA_ROLES = frozenset({Role.HMIS_LEAD_ADMIN, Role.AGENCY_ADMIN})


class SignInRefused(Exception):
    """The account may not sign in now; the message says why and what to do."""


def sign_in_refusal(account: Account, now: datetime.datetime | None = None) -> str | None:
    """Why this account may not sign in now, or None."""
    now = now or timezone.now()
    if not account.is_active:
        return _("This account is disabled. Ask your agency administrator.")
    if account.locked_until is not None and account.locked_until > now:
        local = timezone.localtime(account.locked_until).strftime("%H:%M")
        return _("Too many failed sign-ins. The account is locked until %(time)s.") % {"time": local}
    last = account.last_seen_at or account.last_login
    if last is not None and now - last > IDLE_LOCK_PERIOD:
        return _(
            "This account was not used for 60 days and is locked. Ask your agency administrator to unlock it."
        )
    return None


def record_failed_sign_in(account: Account, *, ip_address: str | None = None) -> None:
    with transaction.atomic():
        Account.objects.filter(pk=account.pk).update(failed_sign_ins=F("failed_sign_ins") + 1)
        account.refresh_from_db(fields=["failed_sign_ins"])
        detail: dict[str, Any] = {"failed_in_a_row": account.failed_sign_ins}
        if account.failed_sign_ins >= MAX_FAILED_SIGN_INS:
            account.locked_until = timezone.now() + LOCKOUT_PERIOD
            account.failed_sign_ins = 0
            account.save(update_fields=["locked_until", "failed_sign_ins"])
            detail["locked_until"] = account.locked_until.isoformat()
        audit.record(
            AuditAction.SIGN_IN_FAILED,
            actor=audit.Actor(account_id=account.pk, username=account.get_username(), ip_address=ip_address),
            object_type="access.Account",
            object_id=str(account.pk),
            detail=detail,
        )


def record_sign_in(account: Account, *, session_key: str, ip_address: str | None = None) -> None:
    """A successful sign-in: this session becomes the account's only one."""
    account.failed_sign_ins = 0
    account.locked_until = None
    account.last_seen_at = timezone.now()
    account.current_session_key = session_key
    if account.acting_organization_id is None:
        first = Membership.objects.filter(account=account, is_active=True).order_by("pk").first()
        account.acting_organization_id = first.organization_id if first else None
    account.save(
        update_fields=[
            "failed_sign_ins",
            "locked_until",
            "last_seen_at",
            "current_session_key",
            "acting_organization",
        ]
    )
    audit.record(AuditAction.SIGN_IN, actor=audit.Actor.of(account, ip_address=ip_address))


def unlock(*, by: Account, account: Account) -> None:
    """An administrator unlocks an account locked by failures or by 60 days without use."""
    _require(by, Permission.MANAGE_USERS)
    account.locked_until = None
    account.failed_sign_ins = 0
    account.last_seen_at = timezone.now()
    account.save(update_fields=["locked_until", "failed_sign_ins", "last_seen_at"])
    audit.record(
        AuditAction.UPDATE,
        actor=audit.Actor.of(by),
        object_type="access.Account",
        object_id=str(account.pk),
        detail={"unlocked": True},
    )


def requires_mfa(account: Account) -> bool:
    if not settings.HEARTH_ENFORCE_MFA:
        return False
    if account.mfa_required or account.is_superuser:
        return True
    return Membership.objects.filter(account=account, is_active=True, role__in=MFA_ROLES).exists()


def has_current_agreement(account: Account, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        account.agreement_accepted_at is not None and now - account.agreement_accepted_at < AGREEMENT_PERIOD
    )


def has_current_training(account: Account, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        account.training_completed_on is not None and today - account.training_completed_on < TRAINING_PERIOD
    )


def may_see_client_data(account: Any) -> bool:
    """The agreement and training gate, read by the visibility policy before anything else."""
    return has_current_agreement(account) and has_current_training(account)


def accept_agreement(account: Account, *, ip_address: str | None = None) -> None:
    account.agreement_accepted_at = timezone.now()
    account.save(update_fields=["agreement_accepted_at"])
    audit.record(
        AuditAction.UPDATE,
        actor=audit.Actor.of(account, ip_address=ip_address),
        object_type="access.Account",
        object_id=str(account.pk),
        detail={"accepted": "user agreement"},
    )


def record_training(*, by: Account, account: Account, completed_on: datetime.date) -> None:
    _require(by, Permission.MANAGE_USERS)
    if completed_on > timezone.localdate():
        raise ValueError(_("Training cannot be completed in the future."))
    account.training_completed_on = completed_on
    account.save(update_fields=["training_completed_on"])
    audit.record(
        AuditAction.UPDATE,
        actor=audit.Actor.of(by),
        object_type="access.Account",
        object_id=str(account.pk),
        detail={"training_completed_on": completed_on.isoformat()},
    )


def switch_agency(account: Account, organization_id: str, *, ip_address: str | None = None) -> None:
    """Act as another agency the account belongs to; explicit and audited."""
    if not Membership.objects.filter(
        account=account, organization_id=organization_id, is_active=True
    ).exists():
        raise Http404("No such agency.")
    previous = account.acting_organization_id
    account.acting_organization_id = organization_id
    account.save(update_fields=["acting_organization"])
    audit.record(
        AuditAction.SWITCH_AGENCY,
        actor=audit.Actor.of(account, ip_address=ip_address),
        object_type="agencies.Organization",
        object_id=organization_id,
        detail={"from": previous},
    )


def _require(account: Account, permission: Permission) -> None:
    from hearth.access.policy import viewer_for

    if not viewer_for(account).can(permission):
        raise Http404("No such account.")
