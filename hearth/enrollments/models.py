"""Enrollments in projects, households, exits, assessments by stage, services and contacts."""

from typing import Any, Self

from django.db import models

from hearth.access.policy import enrollment_filter, viewer_for
from hearth.enrollments import hud_records
from hearth.hud.records import HudQuerySet, LiveManager, SoftDeleteRecord


class EnrollmentQuerySet(HudQuerySet):
    def visible_to(self, user: Any) -> Self:
        """The enrollments this user may see now (hearth/access/policy.py decides)."""
        return self.filter(enrollment_filter(viewer_for(user)))


class EnrollmentRecordQuerySet(HudQuerySet):
    """Records collected during an enrollment: visible exactly when their enrollment is."""

    def visible_to(self, user: Any) -> Self:
        return self.filter(enrollment_filter(viewer_for(user), enrollment_path="enrollment"))


class EnrollmentRecord(models.Model):
    """Managers shared by every record that hangs off an enrollment."""

    objects = LiveManager.from_queryset(EnrollmentRecordQuerySet)()
    all_objects = EnrollmentRecordQuerySet.as_manager()

    class Meta(SoftDeleteRecord.Meta):
        abstract = True


class Enrollment(hud_records.EnrollmentRecord):
    """One person's stay in one project; members of one household stay share HouseholdID."""

    # The generated base declares HudQuerySet managers; these narrow them to the gated queryset.
    objects = LiveManager.from_queryset(EnrollmentQuerySet)()  # type: ignore[misc, assignment]
    all_objects = EnrollmentQuerySet.as_manager()  # type: ignore[misc]

    class Meta(hud_records.EnrollmentRecord.Meta):
        indexes = [models.Index(fields=["household_id"]), models.Index(fields=["project", "entry_date"])]

    def __str__(self) -> str:
        return self.enrollment_id


class Exit(EnrollmentRecord, hud_records.ExitRecord):
    """Leaving a project: exit date and destination (HUD 3.11, 3.12)."""


class IncomeBenefits(EnrollmentRecord, hud_records.IncomeBenefitsRecord):
    """Income, non-cash benefits and health insurance at a collection stage (HUD 4.02-4.04)."""

    class Meta(hud_records.IncomeBenefitsRecord.Meta):
        verbose_name_plural = "income benefits"


class HealthAndDV(EnrollmentRecord, hud_records.HealthAndDVRecord):
    """Domestic violence and health status at a collection stage (HUD 4.11, R7-R10)."""


class EmploymentEducation(EnrollmentRecord, hud_records.EmploymentEducationRecord):
    """Education and employment status at a collection stage (HUD R4-R6)."""


class Disabilities(EnrollmentRecord, hud_records.DisabilitiesRecord):
    """One disability type at a collection stage (HUD 4.05-4.10, W4, W6)."""

    class Meta(hud_records.DisabilitiesRecord.Meta):
        verbose_name_plural = "disabilities"


class Services(EnrollmentRecord, hud_records.ServicesRecord):
    """A service, referral, financial assistance or bed night provided on a date (HUD 4.14, P1...)."""

    class Meta(hud_records.ServicesRecord.Meta):
        verbose_name_plural = "services"


class CurrentLivingSituation(EnrollmentRecord, hud_records.CurrentLivingSituationRecord):
    """A contact and the living situation observed at it (HUD 4.12)."""


class YouthEducationStatus(EnrollmentRecord, hud_records.YouthEducationStatusRecord):
    """Youth education status at a collection stage (HUD C3)."""

    class Meta(hud_records.YouthEducationStatusRecord.Meta):
        verbose_name_plural = "youth education statuses"
