"""Coordinated entry: assessments, their questions and results, and events (HUD 4.19, 4.20)."""

from typing import Any, Self

from django.db import models

from hearth.access.policy import enrollment_filter, viewer_for
from hearth.coordinated_entry import hud_records
from hearth.hud.records import HudQuerySet, LiveManager, SoftDeleteRecord


class CoordinatedEntryQuerySet(HudQuerySet):
    """Coordinated entry records hang off an enrollment: visible exactly when it is."""

    def visible_to(self, user: Any) -> Self:
        """The records this user may see now (hearth/access/policy.py decides)."""
        return self.filter(enrollment_filter(viewer_for(user), enrollment_path="enrollment"))


class CoordinatedEntryRecord(models.Model):
    """Managers shared by every coordinated entry record: ``objects`` live ones, ``all_objects`` all."""

    objects = LiveManager.from_queryset(CoordinatedEntryQuerySet)()
    all_objects = CoordinatedEntryQuerySet.as_manager()

    class Meta(SoftDeleteRecord.Meta):
        abstract = True


class Assessment(CoordinatedEntryRecord, hud_records.AssessmentRecord):
    """A coordinated entry assessment (HUD 4.19)."""


class AssessmentQuestions(CoordinatedEntryRecord, hud_records.AssessmentQuestionsRecord):
    """One question and answer of an assessment."""

    class Meta(hud_records.AssessmentQuestionsRecord.Meta):
        verbose_name_plural = "assessment questions"


class AssessmentResults(CoordinatedEntryRecord, hud_records.AssessmentResultsRecord):
    """One result (score, priority) of an assessment."""

    class Meta(hud_records.AssessmentResultsRecord.Meta):
        verbose_name_plural = "assessment results"


class Event(CoordinatedEntryRecord, hud_records.EventRecord):
    """A coordinated entry event: referral, assessment, diversion... (HUD 4.20)."""
