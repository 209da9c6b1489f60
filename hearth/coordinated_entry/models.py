"""Coordinated entry: assessments, their questions and results, and events (HUD 4.19, 4.20)."""

from hearth.coordinated_entry import hud_records


class Assessment(hud_records.AssessmentRecord):
    """A coordinated entry assessment (HUD 4.19)."""


class AssessmentQuestions(hud_records.AssessmentQuestionsRecord):
    """One question and answer of an assessment."""

    class Meta(hud_records.AssessmentQuestionsRecord.Meta):
        verbose_name_plural = "assessment questions"


class AssessmentResults(hud_records.AssessmentResultsRecord):
    """One result (score, priority) of an assessment."""

    class Meta(hud_records.AssessmentResultsRecord.Meta):
        verbose_name_plural = "assessment results"


class Event(hud_records.EventRecord):
    """A coordinated entry event: referral, assessment, diversion... (HUD 4.20)."""
