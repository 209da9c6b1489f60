"""Every write of enrollment data: households, assessments by stage, exits, services, bed nights,
contacts and move-in dates.

Each service is keyword-only, checks that the user may do it (not allowed answers exactly as a
record that does not exist), validates with HUD's rules (``household_rules``, ``data_quality``),
runs in one transaction, stamps HUD's UserID (the account's HMISUser), DateCreated and
DateUpdated, and writes an audit entry per record with the fields before and after.  Bad input
raises ``EnrollmentError`` with a message per field and writes nothing.
"""

import datetime
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.access import audit
from hearth.access.models import Account, AuditAction, HMISUser
from hearth.access.permissions import Permission
from hearth.access.policy import viewer_for
from hearth.agencies import selectors as agency_selectors
from hearth.clients.gate import access_client
from hearth.enrollments import data_quality as dq
from hearth.enrollments import household_rules, selectors, service_types
from hearth.enrollments.assessments import (
    PREFIXES,
    Questionnaire,
    Section,
    Stage,
    annual_window_holding,
    answers_from,
    input_name,
    questionnaire,
    record_values,
    stored_answers,
)
from hearth.enrollments.data_quality import EnrollmentError, Finding
from hearth.enrollments.household_rules import Stay
from hearth.enrollments.models import (
    CurrentLivingSituation,
    Disabilities,
    EmploymentEducation,
    Enrollment,
    Exit,
    HealthAndDV,
    IncomeBenefits,
    Services,
    YouthEducationStatus,
)
from hearth.hud import participation
from hearth.hud.generated.lists import DisabilityType, ProjectType, RecordType
from hearth.hud.ids import new_hud_id

__all__ = [
    "BedNights",
    "EnrollmentError",
    "Member",
    "MemberExit",
    "Saved",
    "add_household_member",
    "change_head_of_household",
    "delete_enrollment",
    "delete_exit",
    "enroll_household",
    "exit_household_members",
    "hmis_user_for",
    "lock_household",
    "record_bed_nights",
    "record_contact",
    "record_move_in_date",
    "record_service",
    "save_assessment",
    "update_enrollment",
    "update_exit",
]

STAGE_MODELS: Mapping[
    str, type[IncomeBenefits | HealthAndDV | EmploymentEducation | Disabilities | YouthEducationStatus]
] = {
    "IncomeBenefits.csv": IncomeBenefits,
    "HealthAndDV.csv": HealthAndDV,
    "EmploymentEducation.csv": EmploymentEducation,
    "Disabilities.csv": Disabilities,
    "YouthEducationStatus.csv": YouthEducationStatus,
}
# 3.20 Housing Move-in Date: permanent housing project types (DT-03).
MOVE_IN_PROJECT_TYPES = frozenset(
    {
        ProjectType.PH_PERMANENT_SUPPORTIVE_HOUSING,
        ProjectType.PH_HOUSING_ONLY,
        ProjectType.PH_HOUSING_WITH_SERVICES_NO_DISABILITY,
        ProjectType.PH_RAPID_RE_HOUSING,
    }
)


# --- HUD's UserID, audit and row locks -------------------------------------------------------------


def hmis_user_for(account: Account) -> HMISUser:
    """The HUD User record (User.csv) written as UserID on this account's records; made on first use."""
    if account.hmis_user_id is not None:
        return account.hmis_user  # type: ignore[return-value]  # the id is set, so is the record
    hmis_user = HMISUser.objects.create(
        user_first_name=(account.first_name or account.get_username())[:50],
        user_last_name=account.last_name[:50] or None,
        user_email=account.email or None,
    )
    account.hmis_user = hmis_user
    account.save(update_fields=["hmis_user"])
    audit.record(
        AuditAction.CREATE,
        actor=audit.Actor.of(account),
        object_type="access.HMISUser",
        object_id=hmis_user.pk,
    )
    return hmis_user


def _fields(instance: models.Model, names: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in names}


_audit = audit.record_change  # one audit entry per record written, with its fields before and after


def _create(model: type[models.Model], user: Account, hmis_user: HMISUser, **values: Any) -> Any:
    now = timezone.now()
    record = model._default_manager.create(user=hmis_user, date_created=now, date_updated=now, **values)
    _audit(
        user,
        AuditAction.CREATE,
        record,
        {},
        {
            k: v.pk if isinstance(v, models.Model) else v
            for k, v in values.items()
            if k not in ("enrollment", "client")
        },
    )
    return record


def _update(record: Any, user: Account, hmis_user: HMISUser, values: Mapping[str, Any]) -> bool:
    """Write changed fields only; a record nothing changes in is left as it was."""
    before = _fields(record, values)
    changed = audit.changes(before, values)
    if not changed:
        return False
    for name, value in values.items():
        setattr(record, name, value)
    record.user = hmis_user
    record.save(update_fields=[*changed, *record.stamp_updated(), "user"])
    _audit(user, AuditAction.UPDATE, record, before, values)
    return True


def _lock_household(household_id: str) -> list[Enrollment]:
    """The household's live enrollments, locked, always in primary-key order."""
    return list(
        Enrollment.objects.select_for_update()
        .filter(household_id=household_id)
        .select_related("client", "project__organization")
        .order_by("pk")
    )


def _require(user: Any, permission: Permission) -> None:
    if not viewer_for(user).can(permission):
        raise Http404(selectors.gate.NOT_FOUND)


def _stays(enrollments: Iterable[Enrollment], exits: Mapping[str, datetime.date] | None = None) -> list[Stay]:
    exits = exits if exits is not None else _exit_dates(enrollments)
    return [Stay(e.client_id, e.relationship_to_hoh, e.entry_date, exits.get(e.pk)) for e in enrollments]


def _exit_dates(enrollments: Iterable[Enrollment]) -> dict[str, datetime.date]:
    ids = [e.pk for e in enrollments]
    return dict(Exit.objects.filter(enrollment_id__in=ids).values_list("enrollment_id", "exit_date"))


def lock_household(*, household_id: str) -> None:
    """Lock a household's enrollments, in the one order every service locks them, before reading
    what a write depends on (the API checks If-Match after this, then calls the service)."""
    _lock_household(household_id)


def _remove(record: Any, user: Account, hmis_user: HMISUser, now: datetime.datetime) -> None:
    """Soft-delete one record (HUD's DateDeleted), audited."""
    record.date_deleted = now
    record.date_updated = now
    record.user = hmis_user
    record.save(update_fields=["date_deleted", "date_updated", "user"])
    _audit(user, AuditAction.DELETE, record, {}, {})


# --- Households ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    """A household member to enroll with the head: who, how related, and when they join."""

    personal_id: str
    relationship_to_hoh: int
    entry_date: datetime.date | None = None  # the head's project start when None


def _check_entry(
    client: Any,
    entry_date: datetime.date,
    project: Any,
    *,
    field: str,
    is_head: bool,
    today: datetime.date,
    periods: Sequence[participation.ParticipationPeriod] | None = None,
) -> list[Finding]:
    """HUD's checks of a project start date: not in the future (3.10), inside the project's
    operating and HMIS participation periods (DT-08; ``periods`` read here when not given), after
    the client's birth (PD-05); and a victim service provider's rule on the client."""
    if periods is None:
        periods = agency_selectors.hmis_participation_periods(project.pk)
    findings = []
    if entry_date > today:
        findings.append(dq.error(field, _("The project start date cannot be in the future."), "3.10"))
    if participation.outside_operating_period(
        entry_date, project.operating_start_date, project.operating_end_date
    ):
        findings.append(dq.error(field, _("The project was not operating on that date."), "DT-08"))
    elif not participation.participates_on(entry_date, periods):
        message = _("The project was not participating in the HMIS on that date (HUD 2.08).")
        findings.append(dq.error(field, message, "DT-08"))
    findings += dq.check_date_of_birth(field, client.dob, entry_date=entry_date, today=today, is_head=is_head)
    findings += household_rules.check_victim_service_provider(
        client,
        is_victim_service_provider=project.organization.victim_service_provider == 1,
        field="personal_id",
    )
    return findings


def _enrollment_coc(facts: selectors.ProjectFacts, chosen: str | None) -> str:
    """3.16: the CoC of the project's location (REF-06: one of its ProjectCoC codes)."""
    codes = facts.coc_codes
    if not codes:
        raise EnrollmentError(
            _("The project has no Continuum of Care set up (HUD 2.03): ask your HMIS administrator."),
            "project",
        )
    if chosen in codes:
        return chosen
    if len(codes) == 1 and not chosen:
        return codes[0]
    raise EnrollmentError(_("Choose the Continuum of Care where the household is served."), "enrollment_coc")


@transaction.atomic
def enroll_household(
    *,
    user: Account,
    project_id: str,
    head_personal_id: str,
    entry_date: datetime.date,
    members: Sequence[Member] = (),
    enrollment_coc: str | None = None,
) -> list[Enrollment]:
    """Enroll a household in a project of the agency the user acts as: the head of household and
    members with their relationship, all sharing one new HouseholdID (HUD 5.09), each from their
    own project start (on or after the head's, HH-04).  Returns the enrollments, head first."""
    _require(user, Permission.ENROLL)
    project = selectors.projects_to_work_on(user).select_related("organization").filter(pk=project_id).first()
    if project is None:
        raise EnrollmentError(_("Choose one of your agency's projects."), "project")
    if project.project_type is None:
        raise EnrollmentError(
            _("The project has no project type (HUD 2.02.6): ask your HMIS administrator."), "project"
        )
    facts = selectors.project_facts([project], with_coc_codes=True)[project.pk]
    coc = _enrollment_coc(facts, enrollment_coc)
    today = timezone.localdate()
    people = [(head_personal_id, household_rules.HEAD, entry_date)] + [
        (m.personal_id, m.relationship_to_hoh, m.entry_date or entry_date) for m in members
    ]
    if len({pid for pid, _r, _d in people}) != len(people):
        raise EnrollmentError(_("A person can be in the household only once."), "members")
    clients = {pid: access_client(user, pid, purpose="enroll") for pid, _r, _d in people}
    head = Stay(head_personal_id, household_rules.HEAD, entry_date)
    existing = _stays(Enrollment.objects.filter(project=project, client_id__in=list(clients)))
    findings: list[Finding] = household_rules.check_one_head(
        [Stay(pid, r, d) for pid, r, d in people], "members"
    )
    periods = agency_selectors.hmis_participation_periods(project.pk)
    for index, (pid, relationship, day) in enumerate(people):
        field = "entry_date" if index == 0 else f"member-{index}"
        findings += _check_entry(
            clients[pid], day, project, field=field, is_head=index == 0, today=today, periods=periods
        )
        findings += household_rules.check_not_enrolled(
            pid, day, existing, field=field, name=_name(clients[pid])
        )
        if index:
            findings += household_rules.check_relationship(relationship, field)
            findings += household_rules.check_within_head(
                Stay(pid, relationship, day), head, entry_field=field
            )
    dq.raise_errors(findings)
    hmis_user = hmis_user_for(user)
    household_id = new_hud_id()
    return [
        _create(
            Enrollment,
            user,
            hmis_user,
            client=clients[pid],
            project=project,
            entry_date=day,
            household_id=household_id,
            relationship_to_hoh=relationship,
            # 3.16 is collected about the head of household.
            enrollment_coc=coc if relationship == household_rules.HEAD else None,
            # 3.08: "export 99 (Data not collected) for any project entry where there is no response".
            disabling_condition=99,
        )
        for pid, relationship, day in people
    ]


def _name(client: Any) -> str:
    return " ".join(p for p in (client.first_name, client.last_name) if p) or client.personal_id


@transaction.atomic
def add_household_member(
    *,
    user: Account,
    enrollment_id: str,
    personal_id: str,
    relationship_to_hoh: int,
    entry_date: datetime.date,
) -> Enrollment:
    """A member joins the household of ``enrollment_id`` (any member's enrollment) in the same
    project, from ``entry_date``: on or after the head's start and before the head leaves (HH-04)."""
    anchor = selectors.enrollments_to_work_on(user).filter(pk=enrollment_id).first()
    if anchor is None:
        raise Http404(selectors.gate.NOT_FOUND)
    household = _lock_household(anchor.household_id)
    stays = _stays(household)
    head = next((s for s in stays if s.is_head), None)
    client = access_client(user, personal_id, purpose="add to household")
    project = household[0].project
    findings = household_rules.check_relationship(relationship_to_hoh, "relationship_to_hoh")
    if head is None:
        findings += household_rules.check_one_head(stays)
    else:
        findings += household_rules.check_within_head(
            Stay(personal_id, relationship_to_hoh, entry_date), head, entry_field="entry_date"
        )
    findings += _check_entry(
        client, entry_date, project, field="entry_date", is_head=False, today=timezone.localdate()
    )
    existing = _stays(Enrollment.objects.filter(project=project, client_id=personal_id))
    findings += household_rules.check_not_enrolled(
        personal_id, entry_date, existing, field="entry_date", name=_name(client)
    )
    dq.raise_errors(findings)
    return _create(
        Enrollment,
        user,
        hmis_user_for(user),
        client=client,
        project=project,
        entry_date=entry_date,
        household_id=anchor.household_id,
        relationship_to_hoh=relationship_to_hoh,
        disabling_condition=99,
    )


@transaction.atomic
def change_head_of_household(
    *, user: Account, enrollment_id: str, former_head_relationship: int
) -> Enrollment:
    """Make the member of ``enrollment_id`` the head of household (HH-04: when the head leaves
    first, another member becomes head for the whole household stay).  The former head takes
    ``former_head_relationship`` to the new head; Enrollment CoC (3.16, about the head) moves with
    the role.  Exactly one head remains (HH-01), and every member's stay starts on or after the
    new head's."""
    member = selectors.enrollments_to_work_on(user).filter(pk=enrollment_id).first()
    if member is None:
        raise Http404(selectors.gate.NOT_FOUND)
    household = _lock_household(member.household_id)
    member = next(e for e in household if e.pk == enrollment_id)
    exits = _exit_dates(household)
    former = next((e for e in household if e.relationship_to_hoh == household_rules.HEAD), None)
    findings = household_rules.check_relationship(former_head_relationship, "former_head_relationship")
    if member.relationship_to_hoh == household_rules.HEAD:
        findings.append(
            dq.error("enrollment_id", _("This member is already the head of household."), "HH-01")
        )
    if member.pk in exits:
        findings.append(
            dq.error("enrollment_id", _("A member who has left cannot become the head of household."))
        )
    for other in household:
        if other.pk != member.pk and other.entry_date < member.entry_date:
            findings.append(
                dq.error(
                    "enrollment_id",
                    _("Another member started before this member (%(start)s): the head starts first.")
                    % {"start": other.entry_date},
                    "HH-04",
                )
            )
            break
    dq.raise_errors(findings)
    hmis_user = hmis_user_for(user)
    coc = member.enrollment_coc or (former.enrollment_coc if former is not None else None)
    if former is not None:
        _update(
            former, user, hmis_user, {"relationship_to_hoh": former_head_relationship, "enrollment_coc": None}
        )
    _update(
        member,
        user,
        hmis_user,
        {"relationship_to_hoh": household_rules.HEAD, "enrollment_coc": coc},
    )
    return member


# Enrollment fields a stage form does not record, corrected by update_enrollment: 3.10 Project
# Start Date, 3.15 Relationship to HoH between members (change_head_of_household moves the head),
# 3.16 Enrollment CoC.
HOUSEHOLD_FIELDS = ("entry_date", "relationship_to_hoh", "enrollment_coc")
# Never changed by update_enrollment: identifiers, 3.20 (record_move_in_date), HUD's metadata.
_FIXED_FIELDS = frozenset(
    {
        "enrollment_id",
        "client",
        "project",
        "household_id",
        "move_in_date",
        "date_created",
        "date_updated",
        "user",
        "date_deleted",
        "export_id",
    }
)


def _questions_of(q: Questionnaire, file: str) -> Questionnaire:
    """The questions of ``q`` that one file records."""
    sections = []
    for section in q.sections:
        questions = tuple(question for question in section.questions if question.file == file)
        if questions:
            sections.append(Section(section.element, section.title, questions))
    return Questionnaire(stage=q.stage, sections=tuple(sections))


def _corrected_values(
    q: Questionnaire, record: Any, changes: Mapping[str, Any]
) -> tuple[dict[str, Any], list[Finding]]:
    """The values to write when ``changes`` (model field names) correct ``record``, one record of
    the questionnaire ``q``: the fields changed, and the dependent ones HUD clears when their
    condition no longer holds (FMT-08).  A value for a field HUD does not ask of this person is
    refused; the types and codes (FMT-03) and the consistency rules of the changes are checked."""
    file = record.hud_file
    asked = {question.field: question for question in q.questions}
    findings = [
        dq.error(
            f"{PREFIXES[file]}-{name}",
            _("HUD does not collect this of this client in this project at this stage."),
        )
        for name, value in changes.items()
        if name not in asked and value is not None
    ]
    current = answers_from(q, {(file, None): record})
    changed = {asked[name].name for name in changes if name in asked}
    answers = {**current, **{asked[n].name: v for n, v in changes.items() if n in asked}}
    findings += [f for f in dq.check_answer_types(q, answers, current) if f.field in changed]
    if findings:
        return {}, findings
    stored = stored_answers(q, answers)
    findings += [f for f in dq.check_consistency(q, stored) if f.is_error]
    values = {
        question.field: stored[question.name]
        for question in q.questions
        if question.name in changed
        or (stored[question.name] is None and getattr(record, question.field) is not None)
    }
    return values, findings


def _overlapping_stay(
    enrollment: Enrollment, entry_date: datetime.date, exit_date: datetime.date | None
) -> Enrollment | None:
    """REF-11: another stay of the client in the project that the stay from ``entry_date`` to
    ``exit_date`` (open when None) would overlap or duplicate."""
    others = list(
        Enrollment.objects.filter(project_id=enrollment.project_id, client_id=enrollment.client_id).exclude(
            pk=enrollment.pk
        )
    )
    exits = _exit_dates(others)
    for other in others:
        other_exit = exits.get(other.pk)
        starts_before_other_ends = other_exit is None or entry_date < other_exit
        other_starts_before_end = exit_date is None or other.entry_date < exit_date
        if other.entry_date == entry_date or (starts_before_other_ends and other_starts_before_end):
            return other
    return None


def _check_new_entry_date(
    enrollment: Enrollment, household: Sequence[Enrollment], day: Any, relationship: int
) -> list[Finding]:
    """A corrected project start date (3.10): HUD's rules for a new one, the household's (HH-04),
    no overlap with another stay (REF-11), and nothing already recorded in the stay before it."""
    field = "entry_date"
    if not isinstance(day, datetime.date):
        return [dq.error(field, _("Enter a real date."), "FMT-03")]
    today = timezone.localdate()
    exits = _exit_dates(household)
    exit_date = exits.get(enrollment.pk)
    findings = _check_entry(
        enrollment.client,
        day,
        enrollment.project,
        field=field,
        is_head=relationship == household_rules.HEAD,
        today=today,
    )
    findings = [f for f in findings if f.is_error and f.rule != "PD-05"]
    if exit_date is not None and day > exit_date:
        message = _("The project start date is after the exit date (%(exit)s).") % {"exit": exit_date}
        findings.append(dq.error(field, message, "DT-01"))
    for other in household:
        if other.pk == enrollment.pk:
            continue
        if relationship == household_rules.HEAD and other.entry_date < day:
            message = _("Another member started before this date (%(start)s): the head starts first.")
            findings.append(dq.error(field, message % {"start": other.entry_date}, "HH-04"))
            break
        if other.relationship_to_hoh == household_rules.HEAD and relationship != household_rules.HEAD:
            findings += household_rules.check_within_head(
                Stay(enrollment.client_id, relationship, day, exit_date),
                Stay(other.client_id, household_rules.HEAD, other.entry_date, exits.get(other.pk)),
                entry_field=field,
            )
    overlapping = _overlapping_stay(enrollment, day, exit_date)
    if overlapping is not None:
        message = _("%(who)s already has a stay in this project from %(start)s.") % {
            "who": _name(enrollment.client),
            "start": overlapping.entry_date,
        }
        findings.append(dq.error(field, message, "REF-11"))
    return findings + _recorded_before(enrollment, day, field)


def _recorded_before(enrollment: Enrollment, day: datetime.date, field: str) -> list[Finding]:
    """Records of the stay dated before a new project start: the move-in date (DT-03), services and
    contacts (DT-05), assessments after project start (REF-09)."""
    dated: list[tuple[datetime.date | None, str]] = [(enrollment.move_in_date, "DT-03")]
    for model, date_field in ((Services, "date_provided"), (CurrentLivingSituation, "information_date")):
        first = (
            model.objects.filter(enrollment=enrollment)
            .order_by(date_field)
            .values_list(date_field, flat=True)
            .first()
        )
        dated.append((first, "DT-05"))
    for stage_model in STAGE_MODELS.values():
        first = (
            stage_model.objects.filter(enrollment=enrollment)
            .exclude(data_collection_stage=Stage.PROJECT_ENTRY)
            .order_by("information_date")
            .values_list("information_date", flat=True)
            .first()
        )
        dated.append((first, "REF-09"))
    return [
        dq.error(
            field,
            _("Something in this stay is recorded on %(day)s, before this project start date.") % {"day": on},
            rule,
        )
        for on, rule in dated
        if on is not None and on < day
    ][:1]


def _check_enrollment_coc(enrollment: Enrollment, relationship: int, coc: Any) -> list[Finding]:
    """3.16 is collected about the head of household, one of the project's CoC codes (REF-06)."""
    field = "enrollment_coc"
    if relationship != household_rules.HEAD:
        return [] if coc is None else [dq.error(field, _("The CoC is recorded for the head of household."))]
    facts = selectors.project_facts([enrollment.project], with_coc_codes=True)
    codes = facts[enrollment.project_id].coc_codes
    if coc not in codes:
        message = _("Choose one of the project's Continuums of Care: %(codes)s.") % {
            "codes": ", ".join(codes) or "-"
        }
        return [dq.error(field, message, "REF-06")]
    return []


@transaction.atomic
def update_enrollment(*, user: Account, enrollment_id: str, values: Mapping[str, Any]) -> Enrollment:
    """Correct an enrollment's own fields: the project start date (3.10; project start's records
    are re-dated with it, REF-09), a member's relationship to the head of household (3.15; the head
    moves through change_head_of_household), the Enrollment CoC (3.16, of the head) and the
    project start answers HUD asks of this member in this project (3.08, 3.917, 4.13, P3, R1-R13,
    V4-V7...).  Only the fields in ``values`` (model field names) change, with the dependent ones
    HUD clears when their condition no longer holds (FMT-08).  The agency running the project, or
    the HMIS Lead."""
    enrollment = _enrollment_to_change(user, enrollment_id)
    household = _lock_household(enrollment.household_id)
    enrollment = next(e for e in household if e.pk == enrollment.pk)
    refused = sorted(set(values) - ({f.name for f in Enrollment._meta.concrete_fields} - _FIXED_FIELDS))
    if refused:
        raise EnrollmentError(_("This field is not changed here."), refused[0])
    changes = {name: value for name, value in values.items() if getattr(enrollment, name) != value}
    if not changes:
        return enrollment
    entry_date = changes.get("entry_date", enrollment.entry_date)
    relationship = changes.get("relationship_to_hoh", enrollment.relationship_to_hoh)
    findings: list[Finding] = []
    if "relationship_to_hoh" in changes:
        if enrollment.relationship_to_hoh == household_rules.HEAD:
            message = _("Make another member the head of household first: a household has one head.")
            findings.append(dq.error("relationship_to_hoh", message, "HH-01"))
        else:
            findings += household_rules.check_relationship(relationship, "relationship_to_hoh")
    if findings:
        dq.raise_errors(findings)
    if "entry_date" in changes:
        findings += _check_new_entry_date(enrollment, household, entry_date, relationship)
    if "enrollment_coc" in changes:
        findings += _check_enrollment_coc(enrollment, relationship, changes["enrollment_coc"])
    answers = {name: value for name, value in changes.items() if name not in HOUSEHOLD_FIELDS}
    q = _entry_questions(enrollment, entry_date if isinstance(entry_date, datetime.date) else None)
    written, answer_findings = _corrected_values(q, enrollment, answers)
    findings += answer_findings
    if not findings and isinstance(entry_date, datetime.date):
        stored = {**answers_from(q, {("Enrollment.csv", None): enrollment}), **_named(q, written)}
        findings += dq.check_stage_dates(
            q,
            stored,
            entry_date=entry_date,
            exit_date=_exit_dates([enrollment]).get(enrollment.pk),
            today=timezone.localdate(),
        )
    dq.raise_errors(findings)
    hmis_user = hmis_user_for(user)
    household_values = {name: changes[name] for name in HOUSEHOLD_FIELDS if name in changes}
    _update(enrollment, user, hmis_user, {**household_values, **written})
    if "entry_date" in changes:
        for record in stage_records(enrollment, Stage.PROJECT_ENTRY).values():
            if record.hud_file in STAGE_MODELS:
                _update(record, user, hmis_user, {"information_date": entry_date})
    return enrollment


def _entry_questions(enrollment: Enrollment, entry_date: datetime.date | None) -> Questionnaire:
    """The Enrollment.csv questions HUD asks of this member at project start."""
    facts = selectors.project_facts([enrollment.project])[enrollment.project_id]
    on = entry_date or enrollment.entry_date
    situation = selectors.situation_of(enrollment, facts, on=on, has_hiv_aids=_hiv_status(enrollment))
    return _questions_of(questionnaire(situation, Stage.PROJECT_ENTRY), "Enrollment.csv")


def _named(q: Questionnaire, values: Mapping[str, Any]) -> dict[str, Any]:
    """Model-field values under the questionnaire's input names."""
    return {question.name: values[question.field] for question in q.questions if question.field in values}


@transaction.atomic
def delete_enrollment(*, user: Account, enrollment_id: str) -> Enrollment:
    """Remove an enrollment entered by mistake (HUD's DateDeleted: kept, no longer shown, exported
    as deleted), with every record collected during it: its exit, the assessments by stage,
    services, contacts and coordinated entry records.  The agency running the project, or the HMIS
    Lead.  The head of household is removed last (HH-01: make another member the head first)."""
    enrollment = _enrollment_to_change(user, enrollment_id)
    household = _lock_household(enrollment.household_id)
    enrollment = next(e for e in household if e.pk == enrollment.pk)
    if enrollment.relationship_to_hoh == household_rules.HEAD and len(household) > 1:
        raise EnrollmentError(
            _(
                "Other members remain in this household: remove them first, or make one of them the "
                "head of household."
            ),
            "enrollment_id",
        )
    hmis_user = hmis_user_for(user)
    now = timezone.now()
    # Every record that hangs off the enrollment, coordinated entry's included (found by relation,
    # so this app imports none of the apps above it).
    for relation in Enrollment._meta.related_objects:
        manager = relation.related_model._default_manager
        rows = manager.filter(**{relation.field.name: enrollment, "date_deleted__isnull": True})
        for row in rows.order_by("pk"):
            _remove(row, user, hmis_user, now)
    _remove(enrollment, user, hmis_user, now)
    return enrollment


# --- Assessments by stage --------------------------------------------------------------------------


@dataclass(frozen=True)
class Saved:
    """What an assessment wrote, and the warnings to show (missing answers, doubtful values)."""

    records: tuple[Any, ...]
    warnings: tuple[Finding, ...]


def _hiv_status(enrollment: Enrollment) -> bool | None:
    """Whether the client has HIV/AIDS, from the latest answer to 4.08 in this enrollment."""
    response = (
        Disabilities.objects.filter(enrollment=enrollment, disability_type=DisabilityType.HIV_AIDS)
        .order_by("-information_date", "-date_updated")
        .values_list("disability_response", flat=True)
        .first()
    )
    return {1: True, 0: False}.get(response) if response is not None else None


def stage_records(
    enrollment: Enrollment,
    stage: Stage,
    *,
    on: datetime.date | None = None,
    recorded_on: datetime.date | None = None,
) -> dict[tuple[str, int | None], Any]:
    """The records of one stage of an enrollment, keyed as the questionnaire keys its rows.

    Project start and exit have at most one row per file (per DisabilityType) (REF-09); an annual
    assessment has one per year, the one whose window holds ``on``; an update is always new.  With
    ``recorded_on``, the rows of the update or annual assessment dated that day (to correct it).
    """
    records: dict[tuple[str, int | None], Any] = {("Enrollment.csv", None): enrollment}
    exit_record = Exit.objects.filter(enrollment=enrollment).first()
    if exit_record is not None:
        records["Exit.csv", None] = exit_record
    if stage == Stage.UPDATE and recorded_on is None:
        return records
    for file, model in STAGE_MODELS.items():
        rows = model.objects.filter(enrollment=enrollment, data_collection_stage=stage)
        if recorded_on is not None:
            rows = rows.filter(information_date=recorded_on)
        elif stage == Stage.ANNUAL_ASSESSMENT:
            window = annual_window_holding(_head_entry_date(enrollment), on) if on else None
            if window is None:
                continue
            rows = rows.filter(information_date__range=(window.opens, window.closes))
        for row in rows.order_by("date_updated"):
            records[file, getattr(row, "disability_type", None)] = row
    return records


def _head_entry_date(enrollment: Enrollment) -> datetime.date:
    head = (
        Enrollment.objects.filter(
            household_id=enrollment.household_id, relationship_to_hoh=household_rules.HEAD
        )
        .values_list("entry_date", flat=True)
        .first()
    )
    return head or enrollment.entry_date


def _check_and_store(
    q: Questionnaire, answers: Mapping[str, Any], existing: Mapping[tuple[str, int | None], Any]
) -> tuple[dict[str, Any], list[Finding]]:
    kept = answers_from(q, existing)
    dq.raise_errors(dq.check_answer_types(q, answers, kept))
    stored = stored_answers(q, answers)
    return stored, dq.check_consistency(q, stored)


def _write_rows(
    user: Account,
    hmis_user: HMISUser,
    enrollment: Enrollment,
    q: Questionnaire,
    stored: Mapping[str, Any],
    existing: Mapping[tuple[str, int | None], Any],
    *,
    stage: Stage,
    information_date: datetime.date,
) -> list[Any]:
    written = []
    for (file, disability_type), values in record_values(q, stored).items():
        if file == "Enrollment.csv":
            if _update(enrollment, user, hmis_user, values):
                written.append(enrollment)
            continue
        if file not in STAGE_MODELS:
            continue
        record = existing.get((file, disability_type))
        full = {"information_date": information_date, **values}
        if disability_type is not None:
            full["disability_type"] = disability_type
        if record is not None:
            _update(record, user, hmis_user, full)
        else:
            record = _create(
                STAGE_MODELS[file],
                user,
                hmis_user,
                enrollment=enrollment,
                client=enrollment.client,
                data_collection_stage=stage,
                **full,
            )
        written.append(record)
    return written


@dataclass(frozen=True)
class Review:
    """What saving an assessment would write and say, worked out without writing."""

    questionnaire: Questionnaire
    stored: dict[str, Any]
    existing: dict[tuple[str, int | None], Any]
    information_date: datetime.date | None
    findings: tuple[Finding, ...]  # errors stop the save; warnings are shown


def review_assessment(
    *,
    enrollment: Enrollment,
    stage: Stage,
    answers: Mapping[str, Any],
    information_date: datetime.date | None,
    recorded_on: datetime.date | None = None,
) -> Review:
    """Check an assessment as staff type it (and before saving it): the answers' types and codes,
    their consistency (IB-01, IB-02, 3.08), the dates (REF-09, DT-04, DT-06) and the missing
    answers.  With ``recorded_on``, as a correction of the update or annual assessment recorded
    that day.  Reads only; ``enrollment`` is one the caller may change."""
    if stage not in (Stage.PROJECT_ENTRY, Stage.UPDATE, Stage.ANNUAL_ASSESSMENT):
        raise EnrollmentError(_("Record an exit on the exit page."))
    if recorded_on is not None and stage == Stage.PROJECT_ENTRY:
        raise EnrollmentError(_("The project start assessment is corrected on its own page."))
    today = timezone.localdate()
    exit_date = _exit_dates([enrollment]).get(enrollment.pk)
    findings: list[Finding] = []
    if stage == Stage.PROJECT_ENTRY:
        information_date = enrollment.entry_date
    elif information_date is None:
        findings.append(dq.error("information_date", _("Give the date of the assessment.")))
    else:
        findings += dq.check_information_date(
            "information_date",
            information_date,
            entry_date=enrollment.entry_date,
            exit_date=exit_date,
            today=today,
            window=annual_window_holding(_head_entry_date(enrollment), information_date),
            is_annual=stage == Stage.ANNUAL_ASSESSMENT,
        )
    on = information_date or today
    facts = selectors.project_facts([enrollment.project])[enrollment.project_id]
    situation = selectors.situation_of(enrollment, facts, on=on, has_hiv_aids=_hiv_status(enrollment))
    q = questionnaire(situation, stage)
    existing = stage_records(enrollment, stage, on=on, recorded_on=recorded_on)
    if recorded_on is not None and information_date is not None:
        findings += _another_annual(enrollment, stage, information_date, existing)
    type_findings = dq.check_answer_types(q, answers, answers_from(q, existing))
    if any(f.is_error for f in type_findings):
        return Review(q, {}, existing, information_date, tuple(findings + type_findings))
    stored = stored_answers(q, answers)
    findings += dq.check_consistency(q, stored)
    findings += dq.check_stage_dates(
        q, stored, entry_date=enrollment.entry_date, exit_date=exit_date, today=today
    )
    findings += dq.check_missing(q, stored)
    return Review(q, stored, existing, information_date, tuple(findings))


def _another_annual(
    enrollment: Enrollment,
    stage: Stage,
    information_date: datetime.date,
    correcting: Mapping[tuple[str, int | None], Any],
) -> list[Finding]:
    """DT-06: an annual assessment redated into a year that already holds another one."""
    if stage != Stage.ANNUAL_ASSESSMENT:
        return []
    mine = {(type(r), r.pk) for key, r in correcting.items() if key[0] in STAGE_MODELS}
    that_year = stage_records(enrollment, stage, on=information_date)
    other = next(
        (r for key, r in that_year.items() if key[0] in STAGE_MODELS and (type(r), r.pk) not in mine), None
    )
    if other is None:
        return []
    message = _("An annual assessment of that year is already recorded (%(day)s): change that one.")
    return [dq.error("information_date", message % {"day": other.information_date}, "DT-06")]


@transaction.atomic
def save_assessment(
    *,
    user: Account,
    enrollment_id: str,
    stage: Stage,
    answers: Mapping[str, Any],
    information_date: datetime.date | None = None,
    recorded_on: datetime.date | None = None,
) -> Saved:
    """Record the project start, an update or an annual assessment of one member.

    Writes the Enrollment's fields of that stage and one IncomeBenefits, HealthAndDV,
    EmploymentEducation, YouthEducationStatus and Disabilities row (per DisabilityType) for the
    elements that apply, with DataCollectionStage and InformationDate per REF-09: project start
    is dated the project start date and corrected in place; an annual assessment is dated within
    30 days of the anniversary of the head of household's start (DT-06), one per year (a second
    one that year corrects the first); an update is a new set of rows on its date.

    With ``recorded_on``, corrects the update or annual assessment recorded that day instead: its
    rows change in place (redated to ``information_date``), with the same checks; a day with no
    assessment of that stage answers as a record that does not exist.
    """
    enrollment = (
        selectors.enrollments_to_work_on(user)
        .filter(pk=enrollment_id)
        .select_related("client", "project")
        .first()
    )
    if enrollment is None:
        raise Http404(selectors.gate.NOT_FOUND)
    _lock_household(enrollment.household_id)
    review = review_assessment(
        enrollment=enrollment,
        stage=stage,
        answers=answers,
        information_date=information_date,
        recorded_on=recorded_on,
    )
    if recorded_on is not None and not any(file in STAGE_MODELS for file, _t in review.existing):
        raise Http404(_("No assessment of that stage was recorded that day."))
    warnings = dq.raise_errors(review.findings)
    q, stored, existing, information_date = (
        review.questionnaire,
        review.stored,
        review.existing,
        review.information_date,
    )
    assert information_date is not None  # a review without errors has its date
    hmis_user = hmis_user_for(user)
    written = _write_rows(
        user, hmis_user, enrollment, q, stored, existing, stage=stage, information_date=information_date
    )
    if recorded_on is not None:
        # Rows of the corrected assessment that this questionnaire no longer asks keep its date.
        for (file, _type), record in existing.items():
            if file in STAGE_MODELS and record not in written:
                _update(record, user, hmis_user, {"information_date": information_date})
    return Saved(tuple(written), tuple(warnings))


# --- Exits -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberExit:
    """One member leaving: their enrollment and the answers of their exit form (3.11 and 3.12
    included, as ``exit-exit_date`` and ``exit-destination``)."""

    enrollment_id: str
    answers: Mapping[str, Any]
    # Only some answers given (the API): the others keep what the exit assessment's records hold,
    # and an answer to a question HUD does not ask of this member is refused.
    is_partial: bool = False


def _member_findings(enrollment_id: str, findings: Iterable[Finding]) -> list[Finding]:
    return [Finding(f.field, f.message, f.is_error, f.rule, enrollment_id) for f in findings]


@transaction.atomic
def exit_household_members(*, user: Account, exits: Sequence[MemberExit]) -> list[Exit]:
    """Members of one household leave the project, each with an exit date, a destination (valid
    Destination codes only) and the exit assessment HUD requires of them (DataCollectionStage 3,
    dated the exit date, REF-09).  The whole household may leave together or one member alone;
    the head of household leaves last (HH-04).  All or nothing."""
    if not exits:
        raise EnrollmentError(_("Choose who is leaving."))
    ids = [e.enrollment_id for e in exits]
    if len(set(ids)) != len(ids):
        raise EnrollmentError(_("Each member leaves once: a member is listed twice."))
    found = {e.pk: e for e in selectors.enrollments_to_work_on(user).filter(pk__in=ids)}
    if len(found) != len(set(ids)):
        raise Http404(selectors.gate.NOT_FOUND)
    household_ids = {e.household_id for e in found.values()}
    if len(household_ids) != 1:
        raise EnrollmentError(_("The members leaving must be of one household."))
    household = _lock_household(household_ids.pop())
    stays = _stays(household)
    exit_dates = _exit_dates(household)
    today = timezone.localdate()
    field_exit = input_name("Exit.csv", "ExitDate")
    findings: list[Finding] = []
    prepared = []
    for member in exits:
        enrollment = next(e for e in household if e.pk == member.enrollment_id)
        if enrollment.pk in exit_dates:
            findings.append(Finding("", _("This member has already left."), True, "REF-08", enrollment.pk))
            continue
        exit_date = member.answers.get(field_exit)
        on = exit_date if isinstance(exit_date, datetime.date) else today
        facts = selectors.project_facts([enrollment.project])[enrollment.project_id]
        situation = selectors.situation_of(enrollment, facts, on=on, has_hiv_aids=_hiv_status(enrollment))
        q = questionnaire(situation, Stage.PROJECT_EXIT)
        existing = stage_records(enrollment, Stage.PROJECT_EXIT)
        try:
            answers = member.answers
            if member.is_partial:
                dq.raise_errors(_unasked(q, answers))
                answers = {**answers_from(q, existing), **answers}
            stored, member_findings = _check_and_store(q, answers, existing)
        except EnrollmentError as refused:
            findings += _member_findings(enrollment.pk, refused.findings)
            continue
        member_findings += dq.check_exit_date(field_exit, on, entry_date=enrollment.entry_date, today=today)
        member_findings += dq.check_aftercare(q, stored, exit_date=on, today=today)
        member_findings += _exit_conflicts(enrollment, on, field_exit)
        findings += _member_findings(enrollment.pk, member_findings)
        prepared.append((enrollment, q, stored, existing, on))
    leaving = {e.client_id for e, *_rest in prepared}
    findings += household_rules.check_head_leaves_last(leaving, stays)
    head = next((s for s in stays if s.is_head), None)
    head_exit = next(
        (on for e, *_r, on in prepared if head is not None and e.client_id == head.personal_id), None
    )
    for enrollment, *_r, on in prepared:
        if head_exit is not None and on > head_exit:
            message = _("A member cannot leave after the head of household (%(exit)s).") % {"exit": head_exit}
            findings.append(Finding(field_exit, message, True, "HH-04", enrollment.pk))
    dq.raise_errors(findings)
    hmis_user = hmis_user_for(user)
    written = []
    for enrollment, q, stored, existing, on in prepared:
        values = record_values(q, stored).get(("Exit.csv", None), {})
        written.append(
            _create(Exit, user, hmis_user, enrollment=enrollment, client=enrollment.client, **values)
        )
        _write_rows(
            user, hmis_user, enrollment, q, stored, existing, stage=Stage.PROJECT_EXIT, information_date=on
        )
    return written


def _exit_conflicts(enrollment: Enrollment, exit_date: datetime.date, field: str) -> list[Finding]:
    """DT-03: the move-in date is not after the exit; DT-05: no bed night on or after the exit date
    (a night-by-night stay ends the day after the last bed night)."""
    findings = []
    if enrollment.move_in_date is not None and enrollment.move_in_date > exit_date:
        findings.append(
            dq.error(
                field,
                _("The housing move-in date (%(day)s) is after this exit date.")
                % {"day": enrollment.move_in_date},
                "DT-03",
            )
        )
    last_night = (
        Services.objects.filter(
            enrollment=enrollment, record_type=RecordType.BED_NIGHT, date_provided__gte=exit_date
        )
        .order_by("-date_provided")
        .values_list("date_provided", flat=True)
        .first()
    )
    if last_night is not None:
        findings.append(
            dq.error(
                field,
                _("A bed night is recorded on %(night)s: the exit date is the day after the last night.")
                % {"night": last_night},
                "DT-05",
            )
        )
    return findings


def _unasked(q: Questionnaire, answers: Mapping[str, Any]) -> list[Finding]:
    """Answers given to questions HUD does not ask of this person at this stage."""
    asked = {question.name for question in q.questions}
    return [
        dq.error(name, _("HUD does not collect this of this client in this project at this stage."))
        for name, value in answers.items()
        if name not in asked and value is not None
    ]


def _exit_to_change(user: Account, exit_id: str) -> tuple[Exit, Enrollment, list[Enrollment]]:
    """An exit of an enrollment this user may change, its household locked (in the services' order),
    then the exit row locked."""
    found = (
        Exit.objects.filter(pk=exit_id, enrollment__in=selectors.enrollments_to_work_on(user))
        .select_related("enrollment")
        .first()
    )
    if found is None:
        raise Http404(selectors.gate.NOT_FOUND)
    household = _lock_household(found.enrollment.household_id)
    exit_record = Exit.objects.select_for_update().get(pk=found.pk)
    enrollment = next(e for e in household if e.pk == exit_record.enrollment_id)
    return exit_record, enrollment, household


def _check_exit_in_household(
    enrollment: Enrollment, household: Sequence[Enrollment], exit_date: datetime.date, field: str
) -> list[Finding]:
    """HH-04: a member leaves on or before the head of household, the head with or after every
    member; REF-11: the stay does not run into the client's next stay in the project."""
    exits = _exit_dates(household)
    findings = []
    for other in household:
        other_exit = exits.get(other.pk)
        if other.pk == enrollment.pk or other_exit is None:
            continue
        if enrollment.relationship_to_hoh == household_rules.HEAD and other_exit > exit_date:
            message = _("A member left after this date (%(exit)s): the head of household leaves last.")
            findings.append(dq.error(field, message % {"exit": other_exit}, "HH-04"))
        if other.relationship_to_hoh == household_rules.HEAD and exit_date > other_exit:
            message = _("A member cannot leave after the head of household (%(exit)s).")
            findings.append(dq.error(field, message % {"exit": other_exit}, "HH-04"))
    later = _overlapping_stay(enrollment, enrollment.entry_date, exit_date)
    if later is not None:
        message = _("%(who)s already has a stay in this project from %(start)s.") % {
            "who": _name(enrollment.client),
            "start": later.entry_date,
        }
        findings.append(dq.error(field, message, "REF-11"))
    return findings


@transaction.atomic
def update_exit(*, user: Account, exit_id: str, values: Mapping[str, Any]) -> Exit:
    """Correct an exit: its date (3.11), destination (3.12) and the other Exit.csv answers HUD asks
    of this member at exit.  Only the fields in ``values`` (model field names) change, with the
    dependent ones HUD clears when their condition no longer holds (FMT-08); a new exit date
    re-dates the exit assessment (REF-09).  The exit is on or after the project start and not in
    the future (DT-01, DT-02), not before the move-in date (DT-03) nor on or before a bed night
    (DT-05); a member leaves with or before the head of household (HH-04).  The agency running the
    project, or the HMIS Lead."""
    exit_record, enrollment, household = _exit_to_change(user, exit_id)
    refused = sorted(set(values) - ({f.name for f in Exit._meta.concrete_fields} - _EXIT_FIXED))
    if refused:
        raise EnrollmentError(_("This field is not changed here."), refused[0])
    changes = {name: value for name, value in values.items() if getattr(exit_record, name) != value}
    if not changes:
        return exit_record
    field_exit = input_name("Exit.csv", "ExitDate")
    exit_date = changes.get("exit_date", exit_record.exit_date)
    if not isinstance(exit_date, datetime.date):
        raise EnrollmentError(_("Enter a real date."), field_exit)
    facts = selectors.project_facts([enrollment.project])[enrollment.project_id]
    situation = selectors.situation_of(enrollment, facts, on=exit_date, has_hiv_aids=_hiv_status(enrollment))
    q = _questions_of(questionnaire(situation, Stage.PROJECT_EXIT), "Exit.csv")
    written, findings = _corrected_values(q, exit_record, changes)
    if changes.keys() & {"exit_date", *AFTERCARE_FIELDS}:
        merged = {
            question.name: written.get(question.field, getattr(exit_record, question.field))
            for question in q.questions
        }
        findings += dq.check_aftercare(q, merged, exit_date=exit_date, today=timezone.localdate())
    if "exit_date" in changes:
        findings += dq.check_exit_date(
            field_exit, exit_date, entry_date=enrollment.entry_date, today=timezone.localdate()
        )
        findings += _exit_conflicts(enrollment, exit_date, field_exit)
        findings += _check_exit_in_household(enrollment, household, exit_date, field_exit)
    dq.raise_errors(findings)
    hmis_user = hmis_user_for(user)
    _update(exit_record, user, hmis_user, written)
    if "exit_date" in changes:
        for record in stage_records(enrollment, Stage.PROJECT_EXIT).values():
            if record.hud_file in STAGE_MODELS:
                _update(record, user, hmis_user, {"information_date": exit_date})
    return exit_record


AFTERCARE_FIELDS = frozenset({"aftercare_date", "aftercare_provided"})
# Never changed by update_exit: identifiers and HUD's metadata.
_EXIT_FIXED = frozenset(
    {"exit_id", "enrollment", "client", "date_created", "date_updated", "user", "date_deleted", "export_id"}
)


@transaction.atomic
def delete_exit(*, user: Account, exit_id: str) -> Exit:
    """Remove an exit recorded by mistake, with its exit assessment (the records of
    DataCollectionStage 3): the member is enrolled again.  Refused when the head of household has
    left (HH-04: a member does not stay on after the head) or when the client has a later stay in
    the project (REF-11).  The agency running the project, or the HMIS Lead."""
    exit_record, enrollment, household = _exit_to_change(user, exit_id)
    exits = _exit_dates(household)
    head = next((e for e in household if e.relationship_to_hoh == household_rules.HEAD), None)
    findings = []
    if head is not None and head.pk != enrollment.pk and head.pk in exits:
        message = _("The head of household left on %(exit)s: a member cannot stay on after the head.")
        findings.append(dq.error("exit_id", message % {"exit": exits[head.pk]}, "HH-04"))
    later = _overlapping_stay(enrollment, enrollment.entry_date, None)
    if later is not None:
        message = _("%(who)s has a later stay in this project, from %(start)s.") % {
            "who": _name(enrollment.client),
            "start": later.entry_date,
        }
        findings.append(dq.error("exit_id", message, "REF-11"))
    dq.raise_errors(findings)
    hmis_user = hmis_user_for(user)
    now = timezone.now()
    for model in STAGE_MODELS.values():
        for row in model.objects.filter(enrollment=enrollment, data_collection_stage=Stage.PROJECT_EXIT):
            _remove(row, user, hmis_user, now)
    _remove(exit_record, user, hmis_user, now)
    return exit_record


# --- Move-in date, contacts, services and bed nights -----------------------------------------------


def _enrollment_to_change(user: Account, enrollment_id: str) -> Enrollment:
    enrollment = (
        selectors.enrollments_to_work_on(user)
        .filter(pk=enrollment_id)
        .select_related("client", "project__organization")
        .first()
    )
    if enrollment is None:
        raise Http404(selectors.gate.NOT_FOUND)
    return enrollment


@transaction.atomic
def record_move_in_date(
    *, user: Account, enrollment_id: str, move_in_date: datetime.date | None
) -> Enrollment:
    """3.20 Housing Move-in Date of a head of household in permanent housing (project types 3, 9,
    10, 13): on or between the project start and exit, not in the future (DT-03); None clears it."""
    enrollment = _enrollment_to_change(user, enrollment_id)
    if enrollment.project.project_type not in MOVE_IN_PROJECT_TYPES:
        raise EnrollmentError(
            _("Only permanent housing projects record a housing move-in date."), "move_in_date"
        )
    if enrollment.relationship_to_hoh != household_rules.HEAD:
        raise EnrollmentError(_("The move-in date is recorded for the head of household."), "move_in_date")
    dq.raise_errors(
        dq.check_within_stay(
            "move_in_date",
            move_in_date,
            entry_date=enrollment.entry_date,
            exit_date=_exit_dates([enrollment]).get(enrollment.pk),
            today=timezone.localdate(),
            rule="DT-03",
            what=_("The move-in date"),
        )
    )
    _update(enrollment, user, hmis_user_for(user), {"move_in_date": move_in_date})
    return enrollment


def _check_activity_date(
    enrollment: Enrollment, day: datetime.date | None, field: str, *, before_exit: bool = False
) -> list[Finding]:
    if day is None:
        return [dq.error(field, _("Give the date."))]
    exit_date = _exit_dates([enrollment]).get(enrollment.pk)
    if before_exit and exit_date is not None:
        exit_date -= datetime.timedelta(days=1)  # DT-05: the last bed night is the night before the exit
    return dq.check_within_stay(
        field,
        day,
        entry_date=enrollment.entry_date,
        exit_date=exit_date,
        today=timezone.localdate(),
        rule="DT-05",
        what=_("The date"),
    )


@transaction.atomic
def record_contact(
    *, user: Account, enrollment_id: str, information_date: datetime.date | None, answers: Mapping[str, Any]
) -> CurrentLivingSituation:
    """4.12 Current Living Situation: a contact with the client and where they are staying, for
    projects whose type collects it (street outreach, night-by-night shelter, services only,
    coordinated entry)."""
    from hearth.enrollments.assessments import contact_questionnaire

    enrollment = _enrollment_to_change(user, enrollment_id)
    q = contact_questionnaire(enrollment.project.project_type)
    if not q:
        raise EnrollmentError(_("This project does not record current living situations."))
    dq.raise_errors(_check_activity_date(enrollment, information_date, "information_date"))
    stored, findings = _check_and_store(q, answers, {})
    dq.raise_errors(findings)
    values = record_values(q, stored).get(("CurrentLivingSituation.csv", None), {})
    return _create(
        CurrentLivingSituation,
        user,
        hmis_user_for(user),
        enrollment=enrollment,
        client=enrollment.client,
        information_date=information_date,
        **values,
    )


@transaction.atomic
def record_service(
    *,
    user: Account,
    enrollment_id: str,
    date_provided: datetime.date | None,
    record_type: int | None,
    type_provided: int | None,
    sub_type_provided: int | None = None,
    other_type_provided: str | None = None,
    moving_on_other_type: str | None = None,
    fa_amount: Decimal | None = None,
    fa_start_date: datetime.date | None = None,
    fa_end_date: datetime.date | None = None,
    referral_outcome: int | None = None,
) -> Services:
    """A service, referral, financial assistance or bed night (Services.csv) on a date in the stay.

    The kind (RecordType) is one the project records for this person; TypeProvided comes from
    the kind's list; dependent fields are stored only where they apply (LIST_RULES).
    """
    enrollment = _enrollment_to_change(user, enrollment_id)
    facts = selectors.project_facts([enrollment.project])[enrollment.project_id]
    on = date_provided or timezone.localdate()
    kinds = {
        k.record_type: k
        for k in service_types.service_kinds(selectors.situation_of(enrollment, facts, on=on))
    }
    findings = _check_activity_date(
        enrollment, date_provided, "date_provided", before_exit=record_type == service_types.BED_NIGHT
    )
    if record_type not in kinds:
        findings.append(dq.error("record_type", _("Choose a kind of service this project records.")))
        dq.raise_errors(findings)
    assert record_type is not None
    type_field = service_types.type_input(record_type)
    if type_provided not in {c.code for c in kinds[record_type].types}:
        findings.append(dq.error(type_field, _("Choose the service provided.")))
    given: dict[str, Any] = {
        "SubTypeProvided": sub_type_provided,
        "OtherTypeProvided": (other_type_provided or "").strip() or None,
        "MovingOnOtherType": (moving_on_other_type or "").strip() or None,
        "FAAmount": fa_amount,
        "FAStartDate": fa_start_date,
        "FAEndDate": fa_end_date,
        "ReferralOutcome": referral_outcome,
    }
    values: dict[str, Any] = {}
    for column, value in given.items():
        name = service_types.FIELD_NAMES[column]
        if not service_types.applies(column, record_type, type_provided):
            values[name] = None
            continue
        values[name] = value
        findings += _service_value_problems(
            column, value, record_type, type_provided, type_provided_field=name
        )
    if (
        record_type == service_types.BED_NIGHT
        and date_provided is not None
        and Services.objects.filter(
            enrollment=enrollment, record_type=record_type, date_provided=date_provided
        ).exists()
    ):
        findings.append(
            dq.error("date_provided", _("A bed night is already recorded on that date."), "DT-05")
        )
    dq.raise_errors(findings)
    return _create(
        Services,
        user,
        hmis_user_for(user),
        enrollment=enrollment,
        client=enrollment.client,
        date_provided=date_provided,
        record_type=record_type,
        type_provided=type_provided,
        **values,
    )


def _service_value_problems(
    column: str, value: Any, record_type: int, type_provided: int | None, *, type_provided_field: str
) -> list[Finding]:
    field = (
        service_types.sub_type_input(type_provided or 0)
        if column == "SubTypeProvided"
        else type_provided_field
    )
    if column == "SubTypeProvided":
        codes = {
            c.code
            for c in service_types.type_choices(
                column, {"RecordType": record_type, "TypeProvided": type_provided}
            )
        }
        return [] if value in codes else [dq.error(field, _("Choose the kind of assistance."))]
    if column == "ReferralOutcome":
        return []
    if value is None:
        return [dq.error(field, _("Answer this question."))]
    if column == "FAAmount" and (not isinstance(value, Decimal) or value < 0 or value > dq.MAX_MONEY):
        return [dq.error(field, _("Enter an amount in dollars and cents, 0 or more, such as 450.00."))]
    if isinstance(value, str) and (len(value) > 50 or dq.FORBIDDEN_CHARACTERS & set(value)):
        return [dq.error(field, _("Use at most 50 characters, without < > [ ] { }."))]
    return []


@dataclass(frozen=True)
class BedNights:
    night: datetime.date
    added: int
    removed: int


@transaction.atomic
def record_bed_nights(
    *, user: Account, project_id: str, night: datetime.date, present_enrollment_ids: Collection[str]
) -> BedNights:
    """Mark who stayed in a night-by-night shelter on ``night`` (4.14): one bed night (RecordType 200,
    TypeProvided 200) for each enrollment present; a bed night recorded for someone not present that
    night is removed (soft-deleted).  Only people staying that night may be marked: entered on or
    before it and not exited on or before it (DT-05).  One bulk write for the whole roster."""
    project = (
        selectors.projects_to_work_on(user)
        .filter(pk=project_id, project_type__in=service_types.BED_NIGHT_PROJECT_TYPES)
        .first()
    )
    if project is None:
        raise Http404(_("No such night-by-night shelter."))
    if night > timezone.localdate():
        raise EnrollmentError(_("Bed nights cannot be recorded for a future night."), "night")
    roster = {e.pk: e for e in selectors.bed_night_roster(project, night)}
    present = set(present_enrollment_ids)
    unknown = present - set(roster)
    if unknown:
        raise EnrollmentError(_("Only people staying in the shelter that night can be marked."), "present")
    recorded = Services.objects.filter(
        enrollment__project=project, record_type=RecordType.BED_NIGHT, date_provided=night
    ).select_for_update()
    recorded_by_enrollment = {s.enrollment_id: s for s in recorded}
    hmis_user = hmis_user_for(user)
    now = timezone.now()
    new = [
        Services(
            services_id=new_hud_id(),
            enrollment_id=pk,
            client_id=roster[pk].client_id,
            date_provided=night,
            record_type=RecordType.BED_NIGHT,
            type_provided=service_types.BED_NIGHT,
            user=hmis_user,
            date_created=now,
            date_updated=now,
        )
        for pk in sorted(present - set(recorded_by_enrollment))
    ]
    Services.objects.bulk_create(new, batch_size=500)
    gone = [s for pk, s in recorded_by_enrollment.items() if pk not in present]
    Services.objects.filter(pk__in=[s.pk for s in gone]).update(
        date_deleted=now, date_updated=now, user=hmis_user
    )
    detail_values = {"date_provided": night, "record_type": RecordType.BED_NIGHT.value}
    for record in new:
        _audit(user, AuditAction.CREATE, record, {}, detail_values)
    for record in gone:
        _audit(user, AuditAction.DELETE, record, detail_values, {})
    return BedNights(night, len(new), len(gone))
