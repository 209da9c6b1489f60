"""Values every page's layout shows."""

from django.conf import settings
from django.http import HttpRequest


def installation(request: HttpRequest) -> dict[str, str]:
    """The Continuum of Care this installation serves (its HUD CoC code, e.g. MD-501)."""
    return {"coc_code": settings.HEARTH_COC_CODE}
