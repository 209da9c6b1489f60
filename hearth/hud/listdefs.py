"""The shape of a HUD code list (Appendix B of the HMIS CSV specification)."""

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class HudList:
    number: str  # HUD's list number, e.g. "3.12.1"
    name: str  # HUD's list name, e.g. "LivingSituation"
    choices: type[models.Choices]
    status: dict[int | str, str]  # code -> "active" | "retired" | "legacy"

    @property
    def codes(self) -> frozenset[int | str]:
        return frozenset(self.status)

    @property
    def active_codes(self) -> frozenset[int | str]:
        """Codes to offer for new data; retired and legacy codes stay valid for historical records."""
        return frozenset(code for code, status in self.status.items() if status == "active")

    def label(self, code: int | str) -> str:
        return str(dict(self.choices.choices).get(code, code))
