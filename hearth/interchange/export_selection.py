"""Which records an HMIS CSV export holds: one queryset per file of the FY2026 export.

ExportPeriodType 3, "reporting period" (FY2026 CSV spec, export types; rule FMT-15):

* Enrollment.csv: the enrollments active in the period (entry date <= end, and no exit or an
  exit on or after start) that the exporting user may see (``Enrollment.objects.visible_to``),
  of clients the user may see (``Client.objects.visible_to``), in the chosen projects;
* the files collected during an enrollment: the records of those enrollments dated on or before
  the end of the period (information date, date provided, exit date, assessment or event date);
* Client.csv: one row per PersonalID in Enrollment.csv;
* Project.csv and its descriptor files (Organization, Funder, ProjectCoC, Inventory,
  Affiliation, HMISParticipation, CEParticipation): the chosen projects (every project when none
  is chosen), the projects of the exported enrollments and the residential projects the chosen
  ones are affiliated with;
* User.csv: every UserID that an exported row names.

Deleted records (DateDeleted set) are not exported, except a project or user that a live
exported record still points to, so that every reference resolves.
"""

import datetime
from collections.abc import Sequence
from functools import cached_property
from typing import Any

from django.apps import apps
from django.db.models import Exists, Model, OuterRef, Q, QuerySet

from hearth.access.models import HMISUser
from hearth.agencies.models import Affiliation, Organization, Project
from hearth.clients.models import Client
from hearth.enrollments.models import Enrollment, Exit
from hearth.hud.generated.columns import FILES

# The date that places a record collected during an enrollment inside the period.
RECORD_DATE = {
    "Exit.csv": "exit_date",
    "IncomeBenefits.csv": "information_date",
    "HealthAndDV.csv": "information_date",
    "EmploymentEducation.csv": "information_date",
    "Disabilities.csv": "information_date",
    "Services.csv": "date_provided",
    "CurrentLivingSituation.csv": "information_date",
    "Assessment.csv": "assessment_date",
    "Event.csv": "event_date",
    "YouthEducationStatus.csv": "information_date",
}
ASSESSMENT_PARTS = ("AssessmentQuestions.csv", "AssessmentResults.csv")
PROJECT_DESCRIPTORS = (
    "Funder.csv",
    "ProjectCoC.csv",
    "Inventory.csv",
    "HMISParticipation.csv",
    "CEParticipation.csv",
)
MODELS = {f.name: f.model for f in FILES}


def model_of(file_name: str) -> type[Model]:
    return apps.get_model(MODELS[file_name])


class ExportSelection:
    """The rows of each file for one user, period and set of projects."""

    def __init__(
        self,
        *,
        user: Any,
        start: datetime.date,
        end: datetime.date,
        project_ids: Sequence[str] | None,
    ) -> None:
        self.user = user
        self.start = start
        self.end = end
        self.project_ids = tuple(project_ids) if project_ids is not None else None

    @cached_property
    def enrollments(self) -> QuerySet:
        exited_before = Exit.objects.filter(enrollment_id=OuterRef("pk"), exit_date__lt=self.start)
        chosen = (
            Enrollment.objects.visible_to(self.user)
            .filter(entry_date__lte=self.end, client__in=Client.objects.visible_to(self.user).values("pk"))
            .exclude(Exists(exited_before))
        )
        if self.project_ids is not None:
            chosen = chosen.filter(project_id__in=self.project_ids)
        return chosen

    @cached_property
    def projects(self) -> QuerySet:
        used = Q(pk__in=self.enrollments.values("project_id"))
        if self.project_ids is None:
            return Project.all_objects.filter(Q(date_deleted__isnull=True) | used)
        affiliated = Affiliation.objects.filter(project_id__in=self.project_ids).values("res_project_id")
        return Project.all_objects.filter(
            Q(pk__in=self.project_ids, date_deleted__isnull=True) | used | Q(pk__in=affiliated)
        )

    def rows(self, file_name: str) -> QuerySet:
        """The records of one file (User.csv and Export.csv are built by the exporter)."""
        model = model_of(file_name)
        manager = model._default_manager
        if file_name == "Enrollment.csv":
            return self.enrollments
        if file_name == "Client.csv":
            return Client.objects.visible_to(self.user).filter(pk__in=self.enrollments.values("client_id"))
        if file_name in RECORD_DATE:
            return manager.filter(
                enrollment_id__in=self.enrollments.values("pk"),
                **{f"{RECORD_DATE[file_name]}__lte": self.end},
            )
        if file_name in ASSESSMENT_PARTS:
            return manager.filter(assessment_id__in=self.rows("Assessment.csv").values("pk"))
        if file_name == "Project.csv":
            return self.projects
        if file_name == "Organization.csv":
            return Organization.all_objects.filter(pk__in=self.projects.values("organization_id"))
        if file_name in PROJECT_DESCRIPTORS:
            return manager.filter(project_id__in=self.projects.values("pk"))
        if file_name == "Affiliation.csv":
            project_ids = self.projects.values("pk")
            return manager.filter(project_id__in=project_ids, res_project_id__in=project_ids)
        if file_name == "User.csv":
            return self.users
        raise ValueError(f"{file_name} is not a file the export selects records for.")

    @cached_property
    def users(self) -> QuerySet:
        named = Q()
        for csv_file in FILES:
            if csv_file.name not in ("Export.csv", "User.csv"):
                named |= Q(pk__in=self.rows(csv_file.name).values("user_id"))
        return HMISUser.all_objects.filter(named)
