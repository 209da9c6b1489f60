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

    report = models.CharField(max_length=40)  # "lsa", "hic"
    parameters = models.JSONField(default=dict)  # report parameters as given, dates ISO-formatted
    source = models.CharField(max_length=500, blank=True)  # "database default" or the CSV path
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="report_runs"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent of steps done
    current_step = models.CharField(max_length=100, blank=True)
    step_timings = models.JSONField(default=list)  # [{"step": "03_03_...", "seconds": 0.12}, ...]
    result_file = models.FileField(upload_to="reports/results/", blank=True)
    drilldown_file = models.FileField(upload_to="reports/drilldown/", blank=True)  # DuckDB tables kept
    message = models.TextField(blank=True)  # the problem, when the run failed
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.report} run {self.pk} ({self.status})"
