"""Hearth: an open-source Homeless Management Information System for HUD Continuums of Care."""
