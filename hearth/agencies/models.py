"""Organizations, projects and their HUD descriptor records (funders, CoC, inventory, participation)."""

from hearth.agencies import hud_records


class Organization(hud_records.OrganizationRecord):
    """An organization operating projects (HUD 2.01); victim service providers are flagged."""

    def __str__(self) -> str:
        return self.organization_name


class Project(hud_records.ProjectRecord):
    """A project: a shelter, outreach team, housing program... (HUD 2.02)."""

    def __str__(self) -> str:
        return self.project_name


class Funder(hud_records.FunderRecord):
    """A funding source of a project (HUD 2.06)."""


class ProjectCoC(hud_records.ProjectCoCRecord):
    """The CoC a project operates in, with its geography (HUD 2.03)."""


class Inventory(hud_records.InventoryRecord):
    """Beds and units of a residential project in one CoC (HUD 2.07)."""

    class Meta(hud_records.InventoryRecord.Meta):
        verbose_name_plural = "inventories"


class Affiliation(hud_records.AffiliationRecord):
    """A services-only project's affiliation with a residential project (HUD 2.02.B)."""


class HMISParticipation(hud_records.HMISParticipationRecord):
    """Whether a project participates in HMIS over a period (HUD 2.08)."""


class CEParticipation(hud_records.CEParticipationRecord):
    """A project's coordinated entry participation over a period (HUD 2.09)."""
