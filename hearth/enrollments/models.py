"""Enrollments in projects, households, exits, assessments by stage, services and contacts."""

from hearth.enrollments import hud_records


class Enrollment(hud_records.EnrollmentRecord):
    """One person's stay in one project; members of one household stay share HouseholdID."""

    def __str__(self) -> str:
        return self.enrollment_id


class Exit(hud_records.ExitRecord):
    """Leaving a project: exit date and destination (HUD 3.11, 3.12)."""


class IncomeBenefits(hud_records.IncomeBenefitsRecord):
    """Income, non-cash benefits and health insurance at a collection stage (HUD 4.02-4.04)."""

    class Meta(hud_records.IncomeBenefitsRecord.Meta):
        verbose_name_plural = "income benefits"


class HealthAndDV(hud_records.HealthAndDVRecord):
    """Domestic violence and health status at a collection stage (HUD 4.11, R7-R10)."""


class EmploymentEducation(hud_records.EmploymentEducationRecord):
    """Education and employment status at a collection stage (HUD R4-R6)."""


class Disabilities(hud_records.DisabilitiesRecord):
    """One disability type at a collection stage (HUD 4.05-4.10, W4, W6)."""

    class Meta(hud_records.DisabilitiesRecord.Meta):
        verbose_name_plural = "disabilities"


class Services(hud_records.ServicesRecord):
    """A service, referral, financial assistance or bed night provided on a date (HUD 4.14, P1...)."""

    class Meta(hud_records.ServicesRecord.Meta):
        verbose_name_plural = "services"


class CurrentLivingSituation(hud_records.CurrentLivingSituationRecord):
    """A contact and the living situation observed at it (HUD 4.12)."""


class YouthEducationStatus(hud_records.YouthEducationStatusRecord):
    """Youth education status at a collection stage (HUD C3)."""

    class Meta(hud_records.YouthEducationStatusRecord.Meta):
        verbose_name_plural = "youth education statuses"
