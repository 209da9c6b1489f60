"""Making, listing, revoking and checking API credentials. Every change is audited.

Personal tokens are made by the account that uses them, for an agency in which it holds an active
role; system integrations (OAuth2 client credentials, RFC 6749 section 4.4) are registered by the
HMIS Lead and exchange their secret for a short-lived token.
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.access import audit
from hearth.access.accounts import sign_in_refusal
from hearth.access.models import Account, AuditAction, Membership
from hearth.access.permissions import Permission
from hearth.access.policy import viewer_for
from hearth.api.models import ApiToken, OAuthClient, Scope

TOKEN_PREFIX = "hth_"  # noqa: S105 - the public start of every token, not a secret
OAUTH_TOKEN_LIFETIME = datetime.timedelta(hours=1)
LAST_USED_RESOLUTION = datetime.timedelta(minutes=5)


class TokenError(ValueError):
    """A credential that cannot be made or used as asked; the message says why."""


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once; only its digest is kept


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _issue(**values: Any) -> NewToken:
    prefix = secrets.token_hex(6)
    secret = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(prefix=prefix, digest=digest(secret), **values)
    return NewToken(token=token, secret=secret)


def _active_membership(account: Account, organization_id: str) -> bool:
    return Membership.objects.filter(
        account=account, organization_id=organization_id, is_active=True
    ).exists()


@transaction.atomic
def create_token(
    *,
    account: Account,
    name: str,
    organization_id: str,
    scope: str,
    expires_on: datetime.date | None = None,
) -> NewToken:
    name = " ".join((name or "").split())
    if not name:
        raise TokenError(_("Give the token a name, so you can tell your tokens apart."))
    if scope not in Scope.values:
        raise TokenError(_("Choose read only or read and write."))
    if not _active_membership(account, organization_id):
        raise TokenError(_("You hold no active role in that agency."))
    if expires_on is not None and expires_on <= timezone.localdate():
        raise TokenError(_("The expiry date must be in the future."))
    expires_at = (
        timezone.make_aware(datetime.datetime.combine(expires_on, datetime.time.min))
        if expires_on is not None
        else None
    )
    new = _issue(
        account=account, name=name[:100], organization_id=organization_id, scope=scope, expires_at=expires_at
    )
    audit.record(
        AuditAction.CREATE,
        actor=audit.Actor.of(account),
        object_type="api.ApiToken",
        object_id=new.token.prefix,
        detail={"name": new.token.name, "organization": organization_id, "scope": scope},
    )
    return new


def tokens_of(account: Account) -> list[ApiToken]:
    return list(
        ApiToken.objects.filter(account=account, oauth_client__isnull=True).select_related("organization")
    )


@transaction.atomic
def revoke_token(*, account: Account, prefix: str) -> ApiToken:
    token = ApiToken.objects.select_for_update().filter(account=account, prefix=prefix).first()
    if token is None:
        raise TokenError(_("No token with that ID."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(
            AuditAction.DELETE,
            actor=audit.Actor.of(account),
            object_type="api.ApiToken",
            object_id=token.prefix,
        )
    return token


def authenticate(secret: str) -> tuple[Account, ApiToken] | None:
    """The account a presented token acts for (set to act as the token's agency), or None when
    the token is unknown, revoked, expired, or its account may not sign in now."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.filter(digest=digest(secret))
        .select_related("account", "oauth_client", "organization")
        .first()
    )
    now = timezone.now()
    if token is None or token.revoked_at is not None or (token.expires_at and token.expires_at <= now):
        return None
    if token.oauth_client is not None and token.oauth_client.revoked_at is not None:
        return None
    account = token.account
    if sign_in_refusal(account, now) is not None:
        return None
    # The token's agency, for this request only (never saved): the policy reads it from here.
    account.acting_organization = token.organization
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        Account.objects.filter(pk=account.pk).update(last_seen_at=now)
    return account, token


# -- System integrations: OAuth2 client credentials --------------------------------------------------


@dataclass(frozen=True)
class NewClient:
    client: OAuthClient
    secret: str


@transaction.atomic
def register_client(
    *, by: Account, name: str, account: Account, organization_id: str, scope: str
) -> NewClient:
    """Register a system integration (HMIS Lead only) acting as ``account``'s role in one agency."""
    if not viewer_for(by).can(Permission.MANAGE_USERS) or not viewer_for(by).is_system_wide:
        raise TokenError(_("Only the HMIS Lead registers system integrations."))
    name = " ".join((name or "").split())
    if not name:
        raise TokenError(_("Give the integration a name."))
    if scope not in Scope.values:
        raise TokenError(_("Choose read only or read and write."))
    if not _active_membership(account, organization_id):
        raise TokenError(_("That account holds no active role in that agency."))
    secret = secrets.token_urlsafe(32)
    client = OAuthClient.objects.create(
        client_id=f"hth-{secrets.token_hex(8)}",
        secret_hash=make_password(secret),
        name=name[:100],
        account=account,
        organization_id=organization_id,
        scope=scope,
        created_by=by,
    )
    audit.record(
        AuditAction.CREATE,
        actor=audit.Actor.of(by),
        object_type="api.OAuthClient",
        object_id=client.client_id,
        detail={"name": client.name, "account": account.get_username(), "organization": organization_id},
    )
    return NewClient(client=client, secret=secret)


@transaction.atomic
def revoke_client(*, by: Account, client_id: str) -> None:
    if not viewer_for(by).is_system_wide:
        raise TokenError(_("Only the HMIS Lead revokes system integrations."))
    if not OAuthClient.objects.filter(client_id=client_id).exists():
        raise TokenError(_("No system integration with that client ID."))
    updated = OAuthClient.objects.filter(client_id=client_id, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if updated:
        audit.record(
            AuditAction.DELETE, actor=audit.Actor.of(by), object_type="api.OAuthClient", object_id=client_id
        )


@transaction.atomic
def issue_client_token(client_id: str, secret: str) -> NewToken | None:
    """Exchange a client's credentials for a token that lasts an hour (RFC 6749 section 4.4.3), or
    None when the credentials are wrong or revoked (the caller answers ``invalid_client``)."""
    client = OAuthClient.objects.filter(client_id=client_id).select_related("account").first()
    if client is None:
        make_password(secret)  # the same work as a real check, so timing tells nothing
        return None
    if not check_password(secret, client.secret_hash) or client.revoked_at is not None:
        return None
    if sign_in_refusal(client.account) is not None:
        return None
    new = _issue(
        account=client.account,
        name=client.name,
        organization_id=client.organization_id,
        scope=client.scope,
        expires_at=timezone.now() + OAUTH_TOKEN_LIFETIME,
        oauth_client=client,
    )
    audit.record(
        AuditAction.SIGN_IN,
        actor=audit.Actor.of(client.account),
        object_type="api.OAuthClient",
        object_id=client.client_id,
    )
    return new
