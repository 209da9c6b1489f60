"""Reads over enrollments and exits.

The counts here are Continuum-wide aggregates for the HMIS Lead's overview: they return numbers,
never client records, so they do not go through the client visibility policy.  Soft-deleted
enrollments, exits, clients and projects are left out (FY2026 CSV spec, "DateDeleted").

The case-work reads further down return client records: they start from the enrollments the
policy lets the user see or change (``enrollments_to_work_on``, ``Enrollment.objects.visible_to``)
or from a project of the agency the user acts as.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from hearth.access import audit
from hearth.access.models import AuditAction
from hearth.access.permissions import Permission
from hearth.access.policy import viewer_for
from hearth.agencies.models import Funder, Project, ProjectCoC
from hearth.enrollments import gate
from hearth.enrollments.assessments import (
    AnnualWindow,
    Situation,
    Stage,
    answers_from,
    latest_annual_window,
    questionnaire,
)
from hearth.enrollments.data_quality import Completeness, completeness
from hearth.enrollments.models import (
    Disabilities,
    EmploymentEducation,
    Enrollment,
    Exit,
    HealthAndDV,
    IncomeBenefits,
    YouthEducationStatus,
)
from hearth.hud.age import age_on
from hearth.hud.generated.lists import DisabilityType, ProjectType


def one_year_period(*, end: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The twelve months that end on ``end``, both days included (e.g. 2025-10-01 to 2026-09-30).

    This is the shape of a HUD operating year; on 29 February the period starts on 1 March.
    """
    try:
        a_year_before = end.replace(year=end.year - 1)
    except ValueError:  # 29 February: the year before has no such day
        a_year_before = end.replace(year=end.year - 1, day=28)
    return a_year_before + datetime.timedelta(days=1), end


def _live_enrollments() -> QuerySet[Enrollment]:
    """Live enrollments of live clients in live projects."""
    return Enrollment.objects.filter(client__date_deleted__isnull=True, project__date_deleted__isnull=True)


def count_clients_served(*, period_end: datetime.date) -> int:
    """Distinct clients with an enrollment active at any time in the twelve months up to ``period_end``.

    Active in the period: entry on or before its end, and no exit before its start (FY2026 CSV spec,
    reporting-period exports: entry <= end, exit null or >= start).  One query.
    """
    period_start, period_end = one_year_period(end=period_end)
    exited_before_period = Exit.objects.filter(enrollment=OuterRef("pk"), exit_date__lt=period_start)
    result = (
        _live_enrollments()
        .filter(~Exists(exited_before_period), entry_date__lte=period_end)
        .aggregate(clients=Count("client", distinct=True))
    )
    return int(result["clients"])


def count_active_enrollments(*, on: datetime.date) -> int:
    """Enrollments active on the day ``on``: entered on or before it and not exited on or before it.

    An exit on ``on`` itself ends the enrollment that day (the client did not stay that night).
    One query.
    """
    exited = Exit.objects.filter(enrollment=OuterRef("pk"), exit_date__lte=on)
    return _live_enrollments().filter(~Exists(exited), entry_date__lte=on).count()


# --- Case work: the enrollments an agency works on, and the facts that decide their questions ------


def enrollments_to_work_on(user: Any) -> QuerySet[Enrollment]:
    """Enrollments this user may change: visible to them, in a project of the agency they act as
    (any project for the HMIS Lead), with the permission to enroll.  Seeing another agency's
    enrollment through a consent to share does not allow changing it."""
    viewer = viewer_for(user)
    if not viewer.can(Permission.ENROLL):
        return Enrollment.objects.none()
    enrollments = Enrollment.objects.visible_to(user)
    if not viewer.is_system_wide:
        enrollments = enrollments.filter(project__organization_id=viewer.organization_id)
    return enrollments


def enrollment_to_work_on(
    user: Any, enrollment_id: str, *, purpose: str, actor: audit.Actor | None = None
) -> Enrollment:
    """One enrollment this user may change, with its client and project; the view is audited.
    Not allowed answers exactly as an enrollment that does not exist."""
    enrollment = (
        enrollments_to_work_on(user)
        .filter(pk=enrollment_id)
        .select_related("client", "project", "project__organization")
        .first()
    )
    if enrollment is None:
        raise Http404(gate.NOT_FOUND)
    audit.record(
        AuditAction.VIEW,
        actor=actor or audit.Actor.of(user),
        object_type="enrollments.Enrollment",
        object_id=enrollment.pk,
        personal_id=enrollment.client_id,
        detail={"purpose": purpose},
    )
    return enrollment


def projects_to_work_on(user: Any) -> QuerySet[Project]:
    """The live projects of the agency the user acts as, if they may enroll there."""
    viewer = viewer_for(user)
    if not viewer.can(Permission.ENROLL) or not viewer.may_see_client_data or viewer.organization_id is None:
        return Project.objects.none()
    return Project.objects.filter(organization_id=viewer.organization_id).order_by("project_name", "pk")


@dataclass(frozen=True)
class ProjectFacts:
    """A project's descriptor records that decide which elements apply: its funders, and its CoCs."""

    project: Project
    funders: tuple[Funder, ...]
    coc_codes: tuple[str, ...] = ()  # loaded only when asked for (enrolling needs them)

    def funding_sources_on(self, day: datetime.date) -> frozenset[int]:
        """FundingSource codes of the funders active on ``day`` (2.06.3 start to 2.06.4 end, inclusive)."""
        return frozenset(
            funder.funder
            for funder in self.funders
            if funder.start_date <= day and (funder.end_date is None or day <= funder.end_date)
        )

    @property
    def provides_coordinated_entry(self) -> bool:
        """Coordinated entry projects (type 14).  A project's CE participation (2.09) decides only
        whether 4.19 and 4.20 apply, which the coordinated entry pages record, not these."""
        return self.project.project_type == ProjectType.COORDINATED_ENTRY


def project_facts(projects: Iterable[Project], *, with_coc_codes: bool = False) -> dict[str, ProjectFacts]:
    """ProjectFacts of each project: one query for the funders, one more for the CoC codes if asked."""
    projects = list(projects)
    ids = [p.pk for p in projects]
    funders: dict[str, list[Funder]] = {pid: [] for pid in ids}
    for funder in Funder.objects.filter(project_id__in=ids).order_by("start_date", "pk"):
        funders[funder.project_id].append(funder)
    cocs: dict[str, list[str]] = {pid: [] for pid in ids}
    if with_coc_codes:
        for project_id, coc_code in (
            ProjectCoC.objects.filter(project_id__in=ids)
            .order_by("coc_code")
            .values_list("project_id", "coc_code")
        ):
            if coc_code not in cocs[project_id]:
                cocs[project_id].append(coc_code)
    return {p.pk: ProjectFacts(p, tuple(funders[p.pk]), tuple(cocs[p.pk])) for p in projects}


def situation_of(
    enrollment: Enrollment,
    facts: ProjectFacts,
    *,
    on: datetime.date,
    has_hiv_aids: bool | None = None,
    relationship_to_hoh: int | None = None,
) -> Situation:
    """What decides the elements HUD requires of this member on the day ``on``: the project type,
    its funders that day, and the person's relationship, age on that day (hearth.hud.age) and
    veteran status.  An unknown age or veteran status keeps every element that might apply."""
    client = enrollment.client
    age = age_on(client.dob, on) if client.dob is not None and client.dob <= on else None
    veteran = {1: True, 0: False}.get(client.veteran_status) if client.veteran_status is not None else None
    project = facts.project
    return Situation(
        project_type=project.project_type if project.project_type is not None else ProjectType.SERVICES_ONLY,
        rrh_sub_type=project.rrh_sub_type
        if project.project_type == ProjectType.PH_RAPID_RE_HOUSING
        else None,
        funding_sources=facts.funding_sources_on(on),
        provides_coordinated_entry=facts.provides_coordinated_entry,
        relationship_to_hoh=relationship_to_hoh
        if relationship_to_hoh is not None
        else enrollment.relationship_to_hoh,
        age=age,
        is_veteran=veteran,
        has_hiv_aids=has_hiv_aids,
    )


def staying_on(night: datetime.date) -> Q:
    """Enrollments whose client stays the night ``night``: entered on or before it, and not exited
    on or before it (an exit date ends the stay; DT-05)."""
    exited = Exit.objects.filter(enrollment=OuterRef("pk"), exit_date__lte=night)
    return Q(entry_date__lte=night) & ~Q(Exists(exited))


def bed_night_roster(project: Project, night: datetime.date) -> QuerySet[Enrollment]:
    """Who stays in the shelter on ``night``, with their client, by name."""
    return (
        Enrollment.objects.filter(staying_on(night), project=project)
        .select_related("client")
        .order_by("client__last_name", "client__first_name", "pk")
    )


# --- What an enrollment page shows -----------------------------------------------------------------


@dataclass
class StageRecords:
    """An enrollment's records collected by stage (IncomeBenefits ... YouthEducationStatus) and its exit."""

    rows: list[Any]
    exit: Exit | None

    def at(
        self, stage: int, *, window: tuple[datetime.date, datetime.date] | None = None
    ) -> dict[tuple[str, int | None], Any]:
        """The rows of one stage keyed as a questionnaire keys them: (file, DisabilityType)."""
        found: dict[tuple[str, int | None], Any] = {}
        for row in sorted(self.rows, key=lambda r: (r.information_date, r.date_updated)):
            if row.data_collection_stage != stage:
                continue
            if window is not None and not window[0] <= row.information_date <= window[1]:
                continue
            found[row.hud_file, getattr(row, "disability_type", None)] = row
        return found

    def latest(self) -> dict[tuple[str, int | None], Any]:
        """The latest row of each file (per DisabilityType), whatever its stage: to carry answers forward."""
        found: dict[tuple[str, int | None], Any] = {}
        for row in sorted(self.rows, key=lambda r: (r.information_date, r.date_updated)):
            found[row.hud_file, getattr(row, "disability_type", None)] = row
        return found

    @property
    def has_hiv_aids(self) -> bool | None:
        responses = [
            r.disability_response
            for r in sorted(self.rows, key=lambda r: (r.information_date, r.date_updated))
            if getattr(r, "disability_type", None) == DisabilityType.HIV_AIDS
        ]
        return {1: True, 0: False}.get(responses[-1]) if responses else None

    def assessments(self) -> list[tuple[int, datetime.date]]:
        """The (stage, information date) of each assessment recorded, newest first."""
        return sorted(
            {(r.data_collection_stage, r.information_date) for r in self.rows},
            key=lambda s: (s[1], s[0]),
            reverse=True,
        )


STAGE_RECORD_MODELS = (IncomeBenefits, HealthAndDV, EmploymentEducation, Disabilities, YouthEducationStatus)


def stage_records_of(enrollment_ids: Iterable[str]) -> dict[str, StageRecords]:
    """Each enrollment's stage records and exit, in six queries whatever their number."""
    ids = list(enrollment_ids)
    found = {pk: StageRecords([], None) for pk in ids}
    for model in STAGE_RECORD_MODELS:
        for row in model.objects.filter(enrollment_id__in=ids):
            found[row.enrollment_id].rows.append(row)
    for exit_record in Exit.objects.filter(enrollment_id__in=ids):
        found[exit_record.enrollment_id].exit = exit_record
    return found


def completeness_of(enrollment: Enrollment, facts: ProjectFacts, records: StageRecords) -> Completeness:
    """The share of required elements answered with a real value, at project start and at exit."""
    hiv = records.has_hiv_aids
    start = situation_of(enrollment, facts, on=enrollment.entry_date, has_hiv_aids=hiv)
    entry_questions = questionnaire(start, Stage.PROJECT_ENTRY)
    entry_rows = {("Enrollment.csv", None): enrollment, **records.at(Stage.PROJECT_ENTRY)}
    parts = [(entry_questions, answers_from(entry_questions, entry_rows))]
    if records.exit is not None:
        leaving = situation_of(enrollment, facts, on=records.exit.exit_date, has_hiv_aids=hiv)
        exit_questions = questionnaire(leaving, Stage.PROJECT_EXIT)
        exit_rows = {("Exit.csv", None): records.exit, **records.at(Stage.PROJECT_EXIT)}
        parts.append((exit_questions, answers_from(exit_questions, exit_rows)))
    return completeness(parts)


def household_of(user: Any, enrollment: Enrollment) -> list[Enrollment]:
    """The members of the enrollment's household this user may see, head first, with clients and exits."""
    return list(
        Enrollment.objects.visible_to(user)
        .filter(household_id=enrollment.household_id)
        .select_related("client")
        .prefetch_related("exits")
        .order_by("relationship_to_hoh", "entry_date", "pk")
    )


def head_entry_dates(household_ids: Iterable[str]) -> dict[str, datetime.date]:
    """The head of household's project start of each household (the anchor of annual assessments, DT-06)."""
    return dict(
        Enrollment.objects.filter(household_id__in=list(household_ids), relationship_to_hoh=1).values_list(
            "household_id", "entry_date"
        )
    )


def active_enrollments(project: Project, *, on: datetime.date) -> QuerySet[Enrollment]:
    """Enrollments of the project open on ``on`` (entered, not exited by then), with their clients."""
    exited = Exit.objects.filter(enrollment=OuterRef("pk"), exit_date__lte=on)
    return (
        Enrollment.objects.filter(project=project, entry_date__lte=on)
        .filter(~Exists(exited))
        .select_related("client")
        .order_by("client__last_name", "client__first_name", "pk")
    )


@dataclass(frozen=True)
class AnnualDue:
    enrollment: Enrollment
    window: AnnualWindow
    is_overdue: bool


def annual_assessments_due(project: Project, facts: ProjectFacts, *, today: datetime.date) -> list[AnnualDue]:
    """Members whose annual assessment is due: within 30 days of the anniversary of their head of
    household's project start with none recorded in that window, or past the window without one
    (DT-06).  Only members of whom HUD requires annual elements are listed."""
    enrollments = list(active_enrollments(project, on=today))
    heads = head_entry_dates({e.household_id for e in enrollments})
    done: dict[str, list[datetime.date]] = {}
    for model in (IncomeBenefits, Disabilities):
        for enrollment_id, day in model.objects.filter(
            enrollment__in=[e.pk for e in enrollments], data_collection_stage=Stage.ANNUAL_ASSESSMENT
        ).values_list("enrollment_id", "information_date"):
            done.setdefault(enrollment_id, []).append(day)
    due = []
    for enrollment in enrollments:
        window = latest_annual_window(heads.get(enrollment.household_id, enrollment.entry_date), today)
        if window is None or any(day in window for day in done.get(enrollment.pk, ())):
            continue
        situation = situation_of(enrollment, facts, on=min(window.anniversary, today))
        if not questionnaire(situation, Stage.ANNUAL_ASSESSMENT):
            continue
        due.append(AnnualDue(enrollment, window, is_overdue=today > window.closes))
    return sorted(due, key=lambda d: (d.window.closes, d.enrollment.client.last_name or "", d.enrollment.pk))


def enrollments_of_client(user: Any, personal_id: str) -> list[Enrollment]:
    """The client's enrollments this user may see, newest first, with project and exit: for the
    client's profile (links to ``enrollments:enrollment``; ``enrollments:enroll`` starts a new one)."""
    return list(
        Enrollment.objects.visible_to(user)
        .filter(client_id=personal_id)
        .select_related("project")
        .prefetch_related("exits")
        .order_by("-entry_date", "pk")
    )


def count_enrolled(projects: Iterable[Project], *, on: datetime.date) -> dict[str, int]:
    """How many are enrolled in each project on ``on``: numbers, no client records.  One query."""
    return dict(
        Enrollment.objects.filter(staying_on(on), project__in=[p.pk for p in projects])
        .values_list("project_id")
        .annotate(enrolled=Count("pk"))
        .values_list("project_id", "enrolled")
    )
