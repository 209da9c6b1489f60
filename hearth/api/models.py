"""API credentials: personal access tokens, each acting as one agency with a read or read-write scope.

A token's secret is shown once when it is made; only its SHA-256 digest is stored (the secret is
256 random bits, so a plain digest is as strong as a password hash and can be looked up).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from hearth.access.models import Account


class Scope(models.TextChoices):
    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")


class ApiToken(models.Model):
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="api_tokens")
    organization = models.ForeignKey(
        "agencies.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The agency the token acts as; the account's role there decides what it may do."),
    )
    name = models.CharField(_("name"), max_length=100)
    scope = models.CharField(_("scope"), max_length=8, choices=Scope.choices, default=Scope.READ)
    prefix = models.CharField(
        max_length=16, unique=True, help_text=_("The token's public part, shown in lists.")
    )
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Set for tokens issued to a system integration by the OAuth2 client-credentials grant.
    oauth_client = models.ForeignKey(
        "api.OAuthClient", on_delete=models.CASCADE, null=True, blank=True, related_name="tokens"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:  # the rate limiter keys on this; it holds no secret
        return f"token:{self.prefix}"


class OAuthClient(models.Model):
    """A system integration (RFC 6749 section 4.4, client credentials): it acts as a service
    account's role in one agency; its secret is stored as a password hash."""

    client_id = models.CharField(max_length=40, unique=True)
    secret_hash = models.CharField(max_length=256)
    name = models.CharField(_("name"), max_length=100)
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="oauth_clients")
    organization = models.ForeignKey("agencies.Organization", on_delete=models.PROTECT, related_name="+")
    scope = models.CharField(_("scope"), max_length=8, choices=Scope.choices, default=Scope.READ)
    created_by = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"oauth:{self.client_id}"
