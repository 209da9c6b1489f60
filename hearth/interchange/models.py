"""HMIS CSV interchange: the Export record of every import and export, and the import log."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearth.hud.generated.lists import HashStatus
from hearth.interchange.hud_records import ExportRecord


class Export(ExportRecord):
    """HUD's Export record (Export.csv): one per HMIS CSV export read or written."""

    def __str__(self) -> str:
        return f"Export {self.export_id} ({self.export_start_date}..{self.export_end_date})"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    IMPORTED = "imported", _("Imported")
    REJECTED = "rejected", _("Rejected: nothing was imported")
    FAILED = "failed", _("Failed: nothing was imported")


class ImportRun(models.Model):
    """One import of an HMIS CSV zip or folder: who, what, how far, and what it did per file.

    ``counts`` maps each HUD file to {read, inserted, updated, unchanged, deleted, warnings}.
    """

    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)
    source_name = models.CharField(max_length=255)
    upload = models.FileField(upload_to="imports/%Y/%m/", blank=True)
    status = models.CharField(max_length=16, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    phase = models.CharField(max_length=200, blank=True)
    progress = models.FloatField(default=0.0, help_text=_("Fraction done, from 0 to 1."))
    csv_version = models.CharField(
        max_length=8, blank=True, help_text=_("HMIS CSV version read: 2026, 2024...")
    )
    hash_status = models.PositiveSmallIntegerField(choices=HashStatus.choices, null=True, blank=True)
    export_ids = models.JSONField(default=list, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    rejecting_count = models.PositiveIntegerField(default=0)
    warning_count = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    timings = models.JSONField(
        default=dict, blank=True, help_text=_("Seconds spent reading, checking and writing.")
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Import {self.pk} of {self.source_name} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.IMPORTED, ImportStatus.REJECTED, ImportStatus.FAILED)

    @property
    def is_hashed(self) -> bool:
        """Whether the export's names and SSNs arrived hashed (HashStatus other than 1)."""
        return self.hash_status is not None and self.hash_status != HashStatus.UNHASHED

    def total(self, key: str) -> int:
        return sum(int(per_file.get(key, 0)) for per_file in self.counts.values())


class ImportIssue(models.Model):
    """One problem an import found, as the report lists it."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="issues")
    position = models.PositiveIntegerField(help_text=_("Order in the report: rejecting errors first."))
    is_rejecting = models.BooleanField()
    is_tolerated = models.BooleanField(
        default=False, help_text=_("Breaks a rejecting rule; imported as sent.")
    )
    rule_id = models.CharField(max_length=16)
    file = models.CharField(max_length=255, blank=True)
    row = models.PositiveIntegerField(null=True, blank=True)
    column = models.CharField(max_length=64, blank=True)
    value = models.TextField(null=True, blank=True)
    message = models.TextField()

    class Meta:
        ordering = ["run_id", "position"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        from hearth.interchange.validation import Issue

        return str(
            Issue(
                self.rule_id,
                self.file,
                self.message,
                self.row,
                self.column,
                self.value,
                self.is_rejecting,
                self.is_tolerated,
            )
        )


class HashedClientIdentifiers(models.Model):
    """The hashed names and SSN of a client imported from a hashed export (HashStatus 2 or 4).

    HUD's hashed values (FMT-16: SHA-256 of the SOUNDEX of each name, 64 characters; the SSN's last
    four digits followed by the SHA-256 of the full SSN, 68 characters) do not fit the Client
    columns (names S50, SSN S9), and are not names.  The Client row keeps the names empty and the
    SSN as its last four digits ("xxxxx1234"); the hashes live here, for matching against other
    hashed exports.  docs/adr/0001-hashed-exports.md explains the choice.
    """

    client = models.OneToOneField(
        "clients.Client", on_delete=models.PROTECT, primary_key=True, related_name="hashed_identifiers"
    )
    hash_status = models.PositiveSmallIntegerField(choices=HashStatus.choices)
    first_name = models.CharField(max_length=64, null=True, blank=True)
    middle_name = models.CharField(max_length=64, null=True, blank=True)
    last_name = models.CharField(max_length=64, null=True, blank=True)
    ssn = models.CharField(max_length=68, null=True, blank=True)
    date_updated = models.DateTimeField()
    export_id = models.CharField(max_length=32, null=True, blank=True)

    class Meta:
        ordering = ["client_id"]
        verbose_name_plural = "hashed client identifiers"

    def __str__(self) -> str:
        return f"Hashed identifiers of {self.client_id}"
