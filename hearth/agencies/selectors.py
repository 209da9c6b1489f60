"""Reads over organizations, projects and their descriptor records.

The bed counts here are Continuum-wide aggregates for the HMIS Lead's overview (no client data).
Soft-deleted inventory and projects are left out (FY2026 CSV spec, "DateDeleted").
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, Q, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hearth.agencies.models import HMISParticipation, Inventory
from hearth.hud.generated.lists import ProjectType
from hearth.hud.participation import ParticipationPeriod


@dataclass(frozen=True)
class BedsOfProjectType:
    project_type: ProjectType | None  # None: projects whose type is not recorded
    beds: int

    @property
    def label(self) -> str | Promise:
        """HUD's label of the project type (translated), e.g. "Emergency Shelter – Entry Exit"."""
        if self.project_type is None:
            return _("Project type not recorded")
        return self.project_type.label


def beds_by_project_type(*, on: datetime.date) -> list[BedsOfProjectType]:
    """Beds available on the day ``on`` (HUD 2.07.14 BedInventory), summed by project type (2.02.6).

    Inventory counts from its start date up to the day before its end date, as an exit date ends a
    stay.  Project types without inventory are left out; the list is in HUD's code order, with
    projects of no recorded type last.  One query.
    """
    rows = (
        Inventory.objects.filter(
            Q(inventory_end_date__isnull=True) | Q(inventory_end_date__gt=on),
            inventory_start_date__lte=on,
            project__date_deleted__isnull=True,
        )
        .values("project__project_type")
        .annotate(beds=Sum("bed_inventory"))
        .order_by(F("project__project_type").asc(nulls_last=True))
    )
    return [
        BedsOfProjectType(
            project_type=None
            if row["project__project_type"] is None
            else ProjectType(row["project__project_type"]),
            beds=int(row["beds"]),
        )
        for row in rows
    ]


def hmis_participation_periods(project_id: str) -> list[ParticipationPeriod]:
    """The project's live HMIS participation periods (HUD 2.08), oldest first."""
    return [
        ParticipationPeriod(kind, start, end)
        for kind, start, end in HMISParticipation.objects.filter(project_id=project_id)
        .order_by("hmis_participation_status_start_date", "pk")
        .values_list(
            "hmis_participation_type",
            "hmis_participation_status_start_date",
            "hmis_participation_status_end_date",
        )
    ]
