"""People who use Hearth, what they may see, and the record of what they did.

- Account: a person who signs in; HMISUser: HUD's User record written as UserID on data.
- Membership: an account's role in an agency (Organization); the account acts as one at a time.
- ConsentToShare / ClientRestriction / ClientOrigin / Part2Program: the facts the visibility
  policy (policy.py) reads to decide who sees which client.
- AuditEvent: the append-only, hash-chained audit log (audit.py writes and verifies it).
"""

import datetime

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearth.access.hud_records import HMISUserRecord
from hearth.access.permissions import Role


class HMISUser(HMISUserRecord):
    """HUD's User record (User.csv, element 5.07): who created or last changed a HUD record.

    Imported users from other systems live here without a sign-in account.
    """

    def __str__(self) -> str:
        return " ".join(p for p in (self.user_first_name, self.user_last_name) if p) or self.user_id


class Account(AbstractUser):
    """A person who signs in to Hearth."""

    hmis_user = models.OneToOneField(
        HMISUser,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="account",
        help_text=_("The HUD User record written as UserID on the records this account changes."),
    )
    acting_organization = models.ForeignKey(
        "agencies.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The agency this account is acting as; switching is explicit and audited."),
    )
    failed_sign_ins = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    current_session_key = models.CharField(max_length=40, blank=True)
    mfa_required = models.BooleanField(
        default=False,
        help_text=_("Require a second factor even when the role does not (administrators always do)."),
    )
    agreement_accepted_at = models.DateTimeField(null=True, blank=True)
    training_completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["username"]
        verbose_name = _("account")


class Membership(models.Model):
    """An account's role in one agency."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey("agencies.Organization", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=32, choices=Role.choices)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["account_id", "organization_id"]
        constraints = [
            models.UniqueConstraint(fields=["account", "organization"], name="one_membership_per_agency"),
        ]

    def __str__(self) -> str:
        return f"{self.account} as {self.get_role_display()} of {self.organization_id}"


class ConsentScope(models.TextChoices):
    NO_SHARING = "none", _("No sharing")
    NAMED_AGENCIES = "named", _("Named agencies")
    COC_WIDE = "coc", _("All CoC partner agencies")


class ConsentShares(models.TextChoices):
    BASIC_PROFILE = "profile", _("Basic profile, for finding duplicates only")
    FULL_RECORD = "full", _("The full record")


class FormLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")


class ConsentToShare(models.Model):
    """A client's signed release of information, and its revocation.

    Active while signed, not yet expired and not revoked; expiry and revocation are read at query
    time, so no nightly job is needed.  Revocation is effective at once and forward only.
    """

    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="consents")
    scope = models.CharField(max_length=8, choices=ConsentScope.choices)
    shares = models.CharField(max_length=8, choices=ConsentShares.choices, default=ConsentShares.FULL_RECORD)
    named_organizations = models.ManyToManyField("agencies.Organization", blank=True, related_name="+")
    signed_on = models.DateField()
    expires_on = models.DateField(
        null=True, blank=True, help_text=_("The first day the consent no longer applies; empty for none.")
    )
    signed_by_name = models.CharField(max_length=200)
    signed_by_relationship = models.CharField(
        max_length=32,
        default="self",
        help_text=_("'self', or the signer's relation, e.g. the Head of Household for a minor."),
    )
    form_language = models.CharField(max_length=2, choices=FormLanguage.choices, default=FormLanguage.ENGLISH)
    signed_form = models.FileField(upload_to="consents/%Y/", blank=True)
    recorded_by = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="+")
    recorded_as = models.ForeignKey("agencies.Organization", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.TextField(blank=True)
    revocation_form = models.FileField(upload_to="revocations/%Y/", blank=True)
    revoked_by = models.ForeignKey(Account, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["client_id", "-signed_on", "pk"]
        verbose_name = _("consent to share")

    def is_active_on(self, day: datetime.date) -> bool:
        return (
            self.scope != ConsentScope.NO_SHARING
            and self.revoked_at is None
            and self.signed_on <= day
            and (self.expires_on is None or day < self.expires_on)
        )


class ClientRestriction(models.Model):
    """A client hidden from every agency that does not serve them (e.g. a survivor of domestic violence)."""

    client = models.OneToOneField("clients.Client", on_delete=models.PROTECT, related_name="restriction")
    reason = models.CharField(max_length=200)
    set_by = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["client_id"]


class ClientOrigin(models.Model):
    """The agency that created a client record: it sees the client before any enrollment exists."""

    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="origins")
    organization = models.ForeignKey("agencies.Organization", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["client_id", "organization_id"]
        constraints = [
            models.UniqueConstraint(fields=["client", "organization"], name="one_origin_per_agency")
        ]


class Part2Program(models.Model):
    """A project covered by 42 CFR Part 2 (substance use treatment): its enrollments are never
    shared through a general consent to share."""

    project = models.OneToOneField("agencies.Project", on_delete=models.PROTECT, related_name="part2")
    designated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["project_id"]


class AuditAction(models.TextChoices):
    CREATE = "create", _("Create")
    UPDATE = "update", _("Update")
    DELETE = "delete", _("Delete")
    VIEW = "view", _("View")
    SEARCH = "search", _("Search")
    EXPORT = "export", _("Export")
    IMPORT = "import", _("Import")
    DRILL_DOWN = "drill_down", _("Report drill-down")
    REVEAL_SSN = "reveal_ssn", _("SSN reveal")
    SIGN_IN = "sign_in", _("Sign in")
    SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
    SIGN_OUT = "sign_out", _("Sign out")
    SWITCH_AGENCY = "switch_agency", _("Switch agency")
    CONSENT = "consent", _("Consent recorded")
    REVOKE_CONSENT = "revoke_consent", _("Consent revoked")
    MERGE = "merge", _("Merge")
    UNMERGE = "unmerge", _("Undo merge")
    PURGE = "purge", _("Retention purge")


class AuditEvent(models.Model):
    """One entry of the append-only audit log; ``hash`` chains it to the entry before.

    Rows are never updated or deleted (the model refuses, and on PostgreSQL a trigger does too);
    ``hearth audit verify`` recomputes the chain and names the first entry that does not match.
    """

    id = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField(default=timezone.now)
    account_id = models.BigIntegerField(null=True, blank=True)
    username = models.CharField(max_length=150, blank=True)
    acting_organization_id = models.CharField(max_length=32, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    action = models.CharField(max_length=32, choices=AuditAction.choices)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    personal_id = models.CharField(max_length=32, blank=True, db_index=True)
    detail = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["account_id", "occurred_at"]), models.Index(fields=["occurred_at"])]

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise PermissionError("The audit log is append-only: entries cannot be changed.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]  # Django's save signature

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only: entries cannot be deleted.")


class AuditChainHead(models.Model):
    """The single row holding the last hash of the chain; locked while an entry is appended."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["id"]
