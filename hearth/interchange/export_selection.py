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
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from typing import Any

from django.apps import apps
from django.db import connection
from django.db.models import Exists, ForeignKey, Model, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL

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
        self._table: str | None = None
        self._project_ids: list[str] | None = None
        self._chose_every_enrollment = False

    @contextmanager
    def materialized(self) -> Iterator[None]:
        """Hold the chosen enrollments in a temporary table while the files are read.

        The visibility and period filters then run once, and every file joins a small indexed
        table instead of repeating them.
        """
        table = f"hearth_export_{uuid.uuid4().hex}"
        quote = connection.ops.quote_name
        select, params = (
            self.enrollments.order_by().values("pk", "client_id", "project_id").query.sql_with_params()
        )
        with connection.cursor() as cursor:
            # The table name is made here, not taken from input; values stay bound parameters.
            cursor.execute(
                f"CREATE TEMPORARY TABLE {quote(table)} (enrollment_id varchar(32) PRIMARY KEY, "
                "client_id varchar(32) NOT NULL, project_id varchar(32) NOT NULL)"
            )
            cursor.execute(
                f"INSERT INTO {quote(table)} (enrollment_id, client_id, project_id) {select}", params
            )
            if connection.vendor == "postgresql":
                cursor.execute(f"ANALYZE {quote(table)}")
        self._table = table
        # Projects are few: a list of their IDs keeps every descriptor file's query simple.
        self._project_ids = list(self._projects().values_list("pk", flat=True))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - name made here
            (chosen,) = cursor.fetchone()
        # When every enrollment there is (deleted ones included) is chosen, the records collected
        # during enrollments need no join to the chosen ones: every record's enrollment is.
        self._chose_every_enrollment = chosen == Enrollment.all_objects.count()
        try:
            yield
        finally:
            self._table, self._project_ids = None, None
            self._chose_every_enrollment = False
        # Not after an error: the export's transaction is rolled back, and the table with it.
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {quote(table)}")

    def _chosen(self, column: str) -> RawSQL | QuerySet:
        """The chosen enrollments' ``column`` (enrollment_id, client_id or project_id), for ``__in``."""
        if self._table is None:
            return self.enrollments.order_by().values(column)
        table = connection.ops.quote_name(self._table)
        return RawSQL(f"SELECT {column} FROM {table}", [])  # noqa: S608, S611 - names made here, no values

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

    @property
    def projects(self) -> QuerySet:
        if self._project_ids is not None:
            return Project.all_objects.filter(pk__in=self._project_ids)
        return self._projects()

    def _projects(self) -> QuerySet:
        used = Q(pk__in=self._chosen("project_id"))
        if self.project_ids is None:
            return Project.all_objects.filter(Q(date_deleted__isnull=True) | used)
        affiliated = Affiliation.objects.filter(project_id__in=self.project_ids).values("res_project_id")
        return Project.all_objects.filter(
            Q(pk__in=self.project_ids, date_deleted__isnull=True) | used | Q(pk__in=affiliated)
        )

    def rows(self, file_name: str) -> QuerySet:
        """The records of one file, in no particular order (Export.csv is built by the exporter)."""
        return self._rows(file_name).order_by()

    def _rows(self, file_name: str) -> QuerySet:
        model = model_of(file_name)
        manager = model._default_manager
        if file_name == "Enrollment.csv":
            if self._chose_every_enrollment:
                return Enrollment.objects.all()
            return Enrollment.objects.filter(pk__in=self._chosen("enrollment_id"))
        if file_name == "Client.csv":
            return Client.objects.visible_to(self.user).filter(pk__in=self._chosen("client_id"))
        if file_name in RECORD_DATE:
            dated = manager.filter(**{f"{RECORD_DATE[file_name]}__lte": self.end})
            if self._chose_every_enrollment:
                return dated
            return dated.filter(enrollment_id__in=self._chosen("enrollment_id"))
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

    @property
    def users(self) -> QuerySet:
        """Every user that an exported record names.

        Users are few and records many.  For each file, the users found in its table at all are
        read from the UserID index (a loose index scan: one probe per user); only for those is
        it checked that an exported record names them, stopping at the first one.
        """
        named: set[str] = set()
        for csv_file in FILES:
            if csv_file.name in ("Export.csv", "User.csv"):
                continue
            rows = self.rows(csv_file.name)
            candidates = sorted(_users_in_table(rows.model) - named)
            if candidates:
                named |= set(
                    HMISUser.all_objects.filter(pk__in=candidates)
                    .filter(Exists(rows.filter(user_id=OuterRef("pk"))))
                    .values_list("pk", flat=True)
                )
        return HMISUser.all_objects.filter(pk__in=sorted(named))


def _users_in_table(model: type[Model]) -> set[str]:
    """The distinct UserIDs of a table, walking its UserID index (deleted rows included)."""
    quote = connection.ops.quote_name
    user = model._meta.get_field("user")
    assert isinstance(user, ForeignKey)  # every HUD record names its UserID
    assert user.column
    table, column = quote(model._meta.db_table), quote(user.column)
    # Names come from the model, not from input.
    statement = (
        f"WITH RECURSIVE walk(user_id) AS ("  # noqa: S608
        f"SELECT MIN({column}) FROM {table} "
        f"UNION ALL SELECT (SELECT MIN({column}) FROM {table} WHERE {column} > walk.user_id) "
        f"FROM walk WHERE walk.user_id IS NOT NULL) "
        f"SELECT user_id FROM walk WHERE user_id IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement)
        return {user_id for (user_id,) in cursor.fetchall()}
