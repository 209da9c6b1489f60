"""A report run: who ran which report with which parameters, how it went, and its result."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportRun(models.Model):
    """One run of a report (the LSA, the HIC...), from request to result file."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    report = models.CharField(max_length=40)  # "lsa", "hic", "apr", "caper", "ce-apr", "dq"
    parameters = models.JSONField(default=dict)  # report parameters as given, dates ISO-formatted
    source = models.CharField(max_length=500, blank=True)  # "database default" or the CSV path
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="report_runs"
    )
    # the agency the user acted as when they asked for the run (the page shows runs to it)
    organization = models.ForeignKey(
        "agencies.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent of steps done
    current_step = models.CharField(max_length=100, blank=True)
    step_timings = models.JSONField(default=list)  # [{"step": "03_03_...", "seconds": 0.12}, ...]
    result_file = models.FileField(upload_to="reports/results/", blank=True)
    drilldown_file = models.FileField(upload_to="reports/drilldown/", blank=True)  # DuckDB tables kept
    upload = models.FileField(upload_to="reports/uploads/", blank=True)  # an uploaded export, while it runs
    # what the result pages show, so they never recompute: the APR family's tables
    # [{"name", "header", "rows", "formats"}], in upload order; the LSA's files [{"name", "rows"}]
    tables = models.JSONField(default=list, blank=True)
    message = models.TextField(blank=True)  # the problem, when the run failed
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.report} run {self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    @property
    def seconds(self) -> float | None:
        """How long the run took, from start to end."""
        if self.started_at is None or self.finished_at is None:
            return None
        return round((self.finished_at - self.started_at).total_seconds(), 1)
