"""People who use Hearth: sign-in accounts, and HUD's User record of who entered data."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from hearth.access.hud_records import HMISUserRecord


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

    class Meta:
        ordering = ["username"]
        verbose_name = _("account")
