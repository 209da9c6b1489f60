"""The one door to a single enrollment: allowed, it is returned and the view is audited; not
allowed, it answers exactly as an enrollment that does not exist."""

from typing import Any

from django.http import Http404

from hearth.access import audit
from hearth.access.models import AuditAction
from hearth.enrollments.models import Enrollment

NOT_FOUND = "No enrollment with that ID."


def access_enrollment(
    user: Any, enrollment_id: str, *, actor: audit.Actor | None = None, purpose: str = ""
) -> Enrollment:
    enrollment = (
        Enrollment.objects.visible_to(user).filter(pk=enrollment_id).select_related("project").first()
    )
    if enrollment is None:
        raise Http404(NOT_FOUND)
    audit.record(
        AuditAction.VIEW,
        actor=actor or audit.Actor.of(user),
        object_type="enrollments.Enrollment",
        object_id=enrollment.pk,
        personal_id=enrollment.client_id,
        detail={"purpose": purpose} if purpose else None,
    )
    return enrollment
