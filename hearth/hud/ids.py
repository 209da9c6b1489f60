"""Identifiers for records created in Hearth (HUD keys are strings of at most 32 characters)."""

import uuid


def new_hud_id() -> str:
    """A new 32-character record identifier, unique across every HMIS that exchanges data."""
    return uuid.uuid4().hex
