"""Every service function that reads or writes a client's record leaves an audit entry naming the client.

The permission matrix (test_permission_matrix.py) proves it for every route; this file proves it one
level down, for the functions the pages, the API and the commands call.  The public functions of
SERVICE_MODULES are found by introspection and each must be classified here:

* AUDITED: called successfully, it writes an audit entry of the stated action naming the client
  (``scenario`` calls it and says which entries to expect);
* AUDITED_SEARCHES: it returns a list of clients and audits the search itself, naming no client;
* NOT_AUDITED: with the reason it needs no entry of its own (a pure helper over values, or a step
  that only an audited function calls, on a record that function already reached).

A new public function in one of these modules that is in none of them fails
``test_every_public_service_function_is_classified``.

Selectors (``selectors.py``) return querysets already scoped by the policy; one record is shown
through a gate (``access_client``, ``access_enrollment``), which is classified here.
"""

import dataclasses
import datetime
import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from hearth.access import audit, consent
from hearth.access.models import Account, AuditAction, AuditEvent
from hearth.access.permissions import Role
from hearth.agencies.models import Organization, Project
from hearth.clients import gate, merge, retention, search, search_keys, ssn
from hearth.clients import services as client_services
from hearth.clients.models import Client
from hearth.coordinated_entry import services as coordinated_entry
from hearth.enrollments import activity_records, stage_records
from hearth.enrollments import gate as enrollment_gate
from hearth.enrollments import services as enrollment_services
from hearth.enrollments.assessments import Stage
from hearth.enrollments.models import Enrollment, IncomeBenefits
from hearth.hud.generated.lists import (
    DataCollectionStage,
    EventType,
    FundingSource,
    ProjectType,
    RecordType,
    RelationshipToHoH,
    RRHSubType,
)
from tests import factories
from tests.access import world

pytestmark = pytest.mark.django_db

SERVICE_MODULES = (
    "hearth.clients.services",
    "hearth.clients.gate",
    "hearth.clients.merge",
    "hearth.clients.ssn",
    "hearth.clients.retention",
    "hearth.clients.search",
    "hearth.enrollments.services",
    "hearth.enrollments.stage_records",
    "hearth.enrollments.activity_records",
    "hearth.enrollments.record_answers",
    "hearth.enrollments.gate",
    "hearth.coordinated_entry.services",
    "hearth.access.consent",
)
PDF = b"%PDF-1.4\n%%EOF\n"


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


@dataclass
class Setting:
    """An agency with a shelter, a night-by-night shelter, an outreach team, a rapid re-housing
    project and a coordinated entry project; its case manager; the HMIS Lead; and a client the
    agency created."""

    agency: Organization
    staff: Account
    lead: Account
    shelter: Project
    night_shelter: Project
    outreach: Project
    rapid_rehousing: Project
    coordinated_entry: Project
    client: Client

    def enroll(self, project: Project, *members: Client) -> list[Enrollment]:
        head, *others = [self.client, *members]
        return enrollment_services.enroll_household(
            user=self.staff,
            project_id=project.pk,
            head_personal_id=head.pk,
            entry_date=days_ago(10),
            members=[
                enrollment_services.Member(p.pk, RelationshipToHoH.HEAD_OF_HOUSEHOLDS_CHILD) for p in others
            ],
        )

    def another_client(self) -> Client:
        person = factories.ClientFactory(dob=datetime.date(2015, 1, 1))
        world.origin(person, self.agency)
        return person


def _project(agency: Organization, project_type: int, funder: int, **fields: int) -> Project:
    project = factories.ProjectFactory(organization=agency, project_type=project_type, **fields)
    factories.ProjectCoCFactory(project=project)
    factories.FunderFactory(project=project, funder=funder, start_date=datetime.date(2020, 1, 1))
    return project


@pytest.fixture
def setting(tmp_path) -> Setting:
    agency = world.organization("Harbor Light")
    staff = world.account("casey", agency, Role.CASE_MANAGER)
    lead = world.account("lee", world.organization("Lead office"), Role.HMIS_LEAD_ADMIN)
    person = factories.ClientFactory(first_name="Alex", last_name="Rivera", dob=datetime.date(1980, 5, 17))
    world.origin(person, agency)
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield Setting(
            agency=agency,
            staff=staff,
            lead=lead,
            shelter=_project(
                agency,
                ProjectType.EMERGENCY_SHELTER_ENTRY_EXIT,
                FundingSource.HUD_ESG_EMERGENCY_SHELTER_OPERATING_AND,
            ),
            night_shelter=_project(
                agency,
                ProjectType.EMERGENCY_SHELTER_NIGHT_BY_NIGHT,
                FundingSource.HUD_ESG_EMERGENCY_SHELTER_OPERATING_AND,
            ),
            outreach=_project(
                agency,
                ProjectType.STREET_OUTREACH,
                FundingSource.HHS_PATH_STREET_OUTREACH_SUPPORTIVE_SERVICES,
            ),
            rapid_rehousing=_project(
                agency,
                ProjectType.PH_RAPID_RE_HOUSING,
                FundingSource.HUD_COC_RAPID_RE_HOUSING,
                rrh_sub_type=RRHSubType.RRH_HOUSING_WITH_OR_WITHOUT_SERVICES,
            ),
            coordinated_entry=_project(
                agency,
                ProjectType.COORDINATED_ENTRY,
                FundingSource.HUD_COC_SUPPORTIVE_SERVICES_ONLY,
            ),
            client=person,
        )


CLIENT_DATA = client_services.ClientData(
    first_name="Maria",
    last_name="Garcia",
    name_data_quality=1,
    ssn="123456789",
    ssn_data_quality=1,
    dob=datetime.date(1990, 6, 1),
    dob_data_quality=1,
    sex=0,
    hispanic_latinao=1,
    race_none=None,
    veteran_status=0,
)
Expected = set[tuple[str, str]]  # (AuditAction, PersonalID)


# --- One scenario per audited function: it calls the function and says which entries to expect. ----


def _create_client(s: Setting) -> Expected:
    made = client_services.create_client(user=s.staff, data=CLIENT_DATA)
    return {(AuditAction.CREATE, made.pk)}


def _update_client(s: Setting) -> Expected:
    client_services.update_client(user=s.staff, personal_id=s.client.pk, data=CLIENT_DATA)
    return {(AuditAction.UPDATE, s.client.pk)}


def _add_case_note(s: Setting) -> Expected:
    client_services.add_case_note(user=s.staff, personal_id=s.client.pk, text="Called about housing.")
    return {(AuditAction.CREATE, s.client.pk)}


def _upload(s: Setting) -> int:
    upload = SimpleUploadedFile("id.pdf", PDF, content_type="application/pdf")
    return client_services.add_document(
        user=s.staff, personal_id=s.client.pk, title="State ID", upload=upload
    ).pk


def _add_document(s: Setting) -> Expected:
    _upload(s)
    return {(AuditAction.CREATE, s.client.pk)}


def _delete_client(s: Setting) -> Expected:
    client_services.delete_client(user=s.staff, personal_id=s.client.pk)
    return {(AuditAction.DELETE, s.client.pk)}


def _access_client(s: Setting) -> Expected:
    gate.access_client(s.staff, s.client.pk)
    return {(AuditAction.VIEW, s.client.pk)}


def _duplicate(s: Setting) -> Client:
    duplicate = world.client("Alex")
    world.origin(duplicate, s.agency)
    return duplicate


def _merge_clients(s: Setting) -> Expected:
    duplicate = _duplicate(s)
    merge.merge_clients(user=s.lead, survivor_id=s.client.pk, merged_id=duplicate.pk, choices={})
    return {(AuditAction.MERGE, s.client.pk), (AuditAction.MERGE, duplicate.pk)}


def _reveal(s: Setting) -> Expected:
    ssn.store(s.client, "123456789")
    s.client.save(update_fields=["ssn"])
    ssn.reveal(s.staff, s.client.pk)
    return {(AuditAction.REVEAL_SSN, s.client.pk)}


def _purge(s: Setting) -> Expected:
    long_ago = timezone.now() - datetime.timedelta(days=366 * 8)
    Client.all_objects.filter(pk=s.client.pk).update(date_updated=long_ago)
    retention.purge(apply=True, actor=audit.Actor.system("retention"))
    return {(AuditAction.PURGE, s.client.pk)}


def _enroll_household(s: Setting) -> Expected:
    child = s.another_client()
    s.enroll(s.shelter, child)
    return {(AuditAction.CREATE, s.client.pk), (AuditAction.CREATE, child.pk)}


def _add_household_member(s: Setting) -> Expected:
    [head] = s.enroll(s.shelter)
    child = s.another_client()
    enrollment_services.add_household_member(
        user=s.staff,
        enrollment_id=head.pk,
        personal_id=child.pk,
        relationship_to_hoh=RelationshipToHoH.HEAD_OF_HOUSEHOLDS_CHILD,
        entry_date=days_ago(5),
    )
    return {(AuditAction.CREATE, child.pk)}


def _change_head_of_household(s: Setting) -> Expected:
    partner = s.another_client()
    Client.objects.filter(pk=partner.pk).update(dob=datetime.date(1982, 1, 1))
    _head, member = s.enroll(s.shelter, partner)
    enrollment_services.change_head_of_household(
        user=s.staff,
        enrollment_id=member.pk,
        former_head_relationship=RelationshipToHoH.HEAD_OF_HOUSEHOLDS_SPOUSE_OR_PARTNER,
    )
    return {(AuditAction.UPDATE, s.client.pk), (AuditAction.UPDATE, partner.pk)}


def _save_assessment(s: Setting) -> Expected:
    [enrollment] = s.enroll(s.shelter)
    enrollment_services.save_assessment(
        user=s.staff,
        enrollment_id=enrollment.pk,
        stage=Stage.PROJECT_ENTRY,
        answers={"enrollment-disabling_condition": 0, "income-income_from_any_source": 0},
    )
    return {(AuditAction.CREATE, s.client.pk)}


def _exit_household_members(s: Setting) -> Expected:
    [enrollment] = s.enroll(s.shelter)
    leaving = {"exit-exit_date": days_ago(0), "exit-destination": 410}
    enrollment_services.exit_household_members(
        user=s.staff, exits=[enrollment_services.MemberExit(enrollment.pk, leaving)]
    )
    return {(AuditAction.CREATE, s.client.pk)}


def _record_move_in_date(s: Setting) -> Expected:
    [enrollment] = s.enroll(s.rapid_rehousing)
    enrollment_services.record_move_in_date(
        user=s.staff, enrollment_id=enrollment.pk, move_in_date=days_ago(4)
    )
    return {(AuditAction.UPDATE, s.client.pk)}


def _record_contact(s: Setting) -> Expected:
    [enrollment] = s.enroll(s.outreach)
    enrollment_services.record_contact(
        user=s.staff,
        enrollment_id=enrollment.pk,
        information_date=days_ago(1),
        answers={"contact-current_living_situation": 116},
    )
    return {(AuditAction.CREATE, s.client.pk)}


def _record_service(s: Setting) -> Expected:
    [enrollment] = s.enroll(s.outreach)
    enrollment_services.record_service(
        user=s.staff,
        enrollment_id=enrollment.pk,
        date_provided=days_ago(1),
        record_type=RecordType.PATH_SERVICE,
        type_provided=1,
    )
    return {(AuditAction.CREATE, s.client.pk)}


def _record_bed_nights(s: Setting) -> Expected:
    [enrollment] = s.enroll(s.night_shelter)
    enrollment_services.record_bed_nights(
        user=s.staff, project_id=s.night_shelter.pk, night=days_ago(1), present_enrollment_ids=[enrollment.pk]
    )
    return {(AuditAction.CREATE, s.client.pk)}


def _update_enrollment(s: Setting) -> Expected:
    [enrollment] = s.enroll(s.shelter)
    enrollment_services.update_enrollment(
        user=s.staff, enrollment_id=enrollment.pk, values={"entry_date": days_ago(12)}
    )
    return {(AuditAction.UPDATE, s.client.pk)}


def _delete_enrollment(s: Setting) -> Expected:
    [enrollment] = s.enroll(s.shelter)
    enrollment_services.delete_enrollment(user=s.staff, enrollment_id=enrollment.pk)
    return {(AuditAction.DELETE, s.client.pk)}


def _an_exit(s: Setting) -> str:
    [enrollment] = s.enroll(s.shelter)
    leaving = {"exit-exit_date": days_ago(1), "exit-destination": 410}
    [done] = enrollment_services.exit_household_members(
        user=s.staff, exits=[enrollment_services.MemberExit(enrollment.pk, leaving)]
    )
    return done.pk


def _update_exit(s: Setting) -> Callable[[], Expected]:
    exit_id = _an_exit(s)

    def call() -> Expected:
        enrollment_services.update_exit(user=s.staff, exit_id=exit_id, values={"destination": 116})
        return {(AuditAction.UPDATE, s.client.pk)}

    return call


def _delete_exit(s: Setting) -> Callable[[], Expected]:
    exit_id = _an_exit(s)

    def call() -> Expected:
        enrollment_services.delete_exit(user=s.staff, exit_id=exit_id)
        return {(AuditAction.DELETE, s.client.pk)}

    return call


def _access_enrollment(s: Setting) -> Expected:
    [enrollment] = s.enroll(s.shelter)
    enrollment_gate.access_enrollment(s.staff, enrollment.pk)
    return {(AuditAction.VIEW, s.client.pk)}


def _record_consent(s: Setting) -> Expected:
    consent.record_consent(
        user=s.staff,
        personal_id=s.client.pk,
        scope="coc",
        shares="full",
        signed_on=timezone.localdate(),
        expiry="1y",
        signed_by_name="Alex Rivera",
    )
    return {(AuditAction.CONSENT, s.client.pk)}


def _revoke_consent(s: Setting) -> Expected:
    given = world.consent(s.client, by=s.staff, signed_on=timezone.localdate())
    consent.revoke_consent(user=s.staff, consent_id=given.pk, reason="The client asked")
    return {(AuditAction.REVOKE_CONSENT, s.client.pk)}


def calls(scenario: Callable[[Setting], Expected]) -> Callable[[Setting], Callable[[], Expected]]:
    """A scenario whose preparation and call are one step: every entry it writes counts."""
    return lambda s: lambda: scenario(s)


def _undo_merge(s: Setting) -> Callable[[], Expected]:
    duplicate = _duplicate(s)
    done = merge.merge_clients(user=s.lead, survivor_id=s.client.pk, merged_id=duplicate.pk, choices={})

    def call() -> Expected:
        merge.undo_merge(user=s.lead, merge_id=done.pk)
        return {(AuditAction.UNMERGE, s.client.pk), (AuditAction.UNMERGE, duplicate.pk)}

    return call


def _open_document_prepared(s: Setting) -> Callable[[], Expected]:
    document_id = _upload(s)

    def call() -> Expected:
        client_services.open_document(user=s.staff, personal_id=s.client.pk, document_id=document_id)
        return {(AuditAction.VIEW, s.client.pk)}

    return call


INCOME = IncomeBenefits.hud_file


def _an_income_record(s: Setting) -> str:
    [enrollment] = s.enroll(s.shelter)
    return stage_records.create_stage_record(
        user=s.staff,
        file=INCOME,
        enrollment_id=enrollment.pk,
        data_collection_stage=DataCollectionStage.UPDATE,
        information_date=days_ago(2),
        values={"IncomeFromAnySource": 0},
    ).pk


def _create_stage_record(s: Setting) -> Expected:
    _an_income_record(s)
    return {(AuditAction.CREATE, s.client.pk)}


def _update_stage_record(s: Setting) -> Callable[[], Expected]:
    record_id = _an_income_record(s)

    def call() -> Expected:
        stage_records.update_stage_record(
            user=s.staff, file=INCOME, record_id=record_id, values={"InformationDate": days_ago(3)}
        )
        return {(AuditAction.UPDATE, s.client.pk)}

    return call


def _delete_stage_record(s: Setting) -> Callable[[], Expected]:
    record_id = _an_income_record(s)

    def call() -> Expected:
        stage_records.delete_stage_record(user=s.staff, file=INCOME, record_id=record_id)
        return {(AuditAction.DELETE, s.client.pk)}

    return call


def _delete_assessment(s: Setting) -> Callable[[], Expected]:
    record = IncomeBenefits.objects.get(pk=_an_income_record(s))

    def call() -> Expected:
        stage_records.delete_assessment(
            user=s.staff,
            enrollment_id=record.enrollment_id,
            data_collection_stage=DataCollectionStage.UPDATE,
            information_date=record.information_date,
        )
        return {(AuditAction.DELETE, s.client.pk)}

    return call


def _remove(s: Setting) -> Callable[[], Expected]:
    record = IncomeBenefits.objects.get(pk=_an_income_record(s))

    def call() -> Expected:
        stage_records.remove(record, s.staff, enrollment_services.hmis_user_for(s.staff))
        return {(AuditAction.DELETE, s.client.pk)}

    return call


def _a_contact(s: Setting) -> str:
    [enrollment] = s.enroll(s.outreach)
    return activity_records.create_contact(
        user=s.staff,
        enrollment_id=enrollment.pk,
        information_date=days_ago(1),
        values={"CurrentLivingSituation": 116},
    ).pk


def _create_contact(s: Setting) -> Expected:
    _a_contact(s)
    return {(AuditAction.CREATE, s.client.pk)}


def _update_contact(s: Setting) -> Callable[[], Expected]:
    contact_id = _a_contact(s)

    def call() -> Expected:
        activity_records.update_contact(
            user=s.staff, contact_id=contact_id, values={"InformationDate": days_ago(2)}
        )
        return {(AuditAction.UPDATE, s.client.pk)}

    return call


def _delete_contact(s: Setting) -> Callable[[], Expected]:
    contact_id = _a_contact(s)

    def call() -> Expected:
        activity_records.delete_contact(user=s.staff, contact_id=contact_id)
        return {(AuditAction.DELETE, s.client.pk)}

    return call


def _a_service(s: Setting) -> str:
    [enrollment] = s.enroll(s.outreach)
    return activity_records.create_service(
        user=s.staff,
        enrollment_id=enrollment.pk,
        values={"DateProvided": days_ago(1), "RecordType": RecordType.PATH_SERVICE, "TypeProvided": 1},
    ).pk


def _create_service(s: Setting) -> Expected:
    _a_service(s)
    return {(AuditAction.CREATE, s.client.pk)}


def _update_service(s: Setting) -> Callable[[], Expected]:
    services_id = _a_service(s)

    def call() -> Expected:
        activity_records.update_service(
            user=s.staff, services_id=services_id, values={"DateProvided": days_ago(2)}
        )
        return {(AuditAction.UPDATE, s.client.pk)}

    return call


def _delete_service(s: Setting) -> Callable[[], Expected]:
    services_id = _a_service(s)

    def call() -> Expected:
        activity_records.delete_service(user=s.staff, services_id=services_id)
        return {(AuditAction.DELETE, s.client.pk)}

    return call


ASSESSED = coordinated_entry.AssessmentData(
    assessment_date=days_ago(1),
    assessment_location="Front desk",
    assessment_type=3,
    assessment_level=2,
    prioritization_status=1,
)


def _an_assessment(s: Setting) -> str:
    [enrollment] = s.enroll(s.coordinated_entry)
    return coordinated_entry.record_assessment(
        user=s.staff,
        enrollment_id=enrollment.pk,
        data=ASSESSED,
        questions=[coordinated_entry.QuestionData("Where did you sleep last night?", "Car", "Housing", 1)],
        results=[coordinated_entry.ResultData("Priority", "High")],
    ).pk


def _record_assessment(s: Setting) -> Expected:
    _an_assessment(s)
    return {(AuditAction.CREATE, s.client.pk)}


def _update_assessment(s: Setting) -> Callable[[], Expected]:
    assessment_id = _an_assessment(s)

    def call() -> Expected:
        coordinated_entry.update_assessment(
            user=s.staff,
            assessment_id=assessment_id,
            data=dataclasses.replace(ASSESSED, assessment_location="Outreach van"),
        )
        return {(AuditAction.UPDATE, s.client.pk)}

    return call


def _delete_assessment(s: Setting) -> Callable[[], Expected]:
    assessment_id = _an_assessment(s)

    def call() -> Expected:
        coordinated_entry.delete_assessment(user=s.staff, assessment_id=assessment_id)
        return {(AuditAction.DELETE, s.client.pk)}

    return call


def _an_event(s: Setting) -> str:
    [enrollment] = s.enroll(s.coordinated_entry)
    return coordinated_entry.record_event(
        user=s.staff,
        enrollment_id=enrollment.pk,
        data=coordinated_entry.EventData(days_ago(1), EventType.REFERRAL_TO_PREVENTION_ASSISTANCE_PROJECT),
    ).pk


def _record_event(s: Setting) -> Expected:
    _an_event(s)
    return {(AuditAction.CREATE, s.client.pk)}


def _update_event(s: Setting) -> Callable[[], Expected]:
    event_id = _an_event(s)

    def call() -> Expected:
        coordinated_entry.update_event(
            user=s.staff,
            event_id=event_id,
            data=coordinated_entry.EventData(
                days_ago(2), EventType.REFERRAL_TO_PREVENTION_ASSISTANCE_PROJECT
            ),
        )
        return {(AuditAction.UPDATE, s.client.pk)}

    return call


def _delete_event(s: Setting) -> Callable[[], Expected]:
    event_id = _an_event(s)

    def call() -> Expected:
        coordinated_entry.delete_event(user=s.staff, event_id=event_id)
        return {(AuditAction.DELETE, s.client.pk)}

    return call


AUDITED: dict[str, Callable[[Setting], Callable[[], Expected]]] = {
    "hearth.clients.services.create_client": calls(_create_client),
    "hearth.clients.services.update_client": calls(_update_client),
    "hearth.clients.services.add_case_note": calls(_add_case_note),
    "hearth.clients.services.add_document": calls(_add_document),
    "hearth.clients.services.open_document": _open_document_prepared,
    "hearth.clients.services.delete_client": calls(_delete_client),
    "hearth.clients.gate.access_client": calls(_access_client),
    "hearth.clients.merge.merge_clients": calls(_merge_clients),
    "hearth.clients.merge.undo_merge": _undo_merge,
    "hearth.clients.ssn.reveal": calls(_reveal),
    "hearth.clients.retention.purge": calls(_purge),
    "hearth.enrollments.services.enroll_household": calls(_enroll_household),
    "hearth.enrollments.services.add_household_member": calls(_add_household_member),
    "hearth.enrollments.services.change_head_of_household": calls(_change_head_of_household),
    "hearth.enrollments.services.save_assessment": calls(_save_assessment),
    "hearth.enrollments.services.exit_household_members": calls(_exit_household_members),
    "hearth.enrollments.services.record_move_in_date": calls(_record_move_in_date),
    "hearth.enrollments.services.record_contact": calls(_record_contact),
    "hearth.enrollments.services.record_service": calls(_record_service),
    "hearth.enrollments.services.record_bed_nights": calls(_record_bed_nights),
    "hearth.enrollments.services.update_enrollment": calls(_update_enrollment),
    "hearth.enrollments.services.delete_enrollment": calls(_delete_enrollment),
    "hearth.enrollments.services.update_exit": _update_exit,
    "hearth.enrollments.services.delete_exit": _delete_exit,
    "hearth.enrollments.stage_records.create_stage_record": calls(_create_stage_record),
    "hearth.enrollments.stage_records.update_stage_record": _update_stage_record,
    "hearth.enrollments.stage_records.delete_stage_record": _delete_stage_record,
    "hearth.enrollments.stage_records.delete_assessment": _delete_assessment,
    "hearth.enrollments.stage_records.remove": _remove,
    "hearth.enrollments.activity_records.create_contact": calls(_create_contact),
    "hearth.enrollments.activity_records.update_contact": _update_contact,
    "hearth.enrollments.activity_records.delete_contact": _delete_contact,
    "hearth.enrollments.activity_records.create_service": calls(_create_service),
    "hearth.enrollments.activity_records.update_service": _update_service,
    "hearth.enrollments.activity_records.delete_service": _delete_service,
    "hearth.enrollments.gate.access_enrollment": calls(_access_enrollment),
    "hearth.coordinated_entry.services.record_assessment": calls(_record_assessment),
    "hearth.coordinated_entry.services.update_assessment": _update_assessment,
    "hearth.coordinated_entry.services.delete_assessment": _delete_assessment,
    "hearth.coordinated_entry.services.record_event": calls(_record_event),
    "hearth.coordinated_entry.services.update_event": _update_event,
    "hearth.coordinated_entry.services.delete_event": _delete_event,
    "hearth.access.consent.record_consent": calls(_record_consent),
    "hearth.access.consent.revoke_consent": calls(_revoke_consent),
}
AUDITED_SEARCHES = {"hearth.clients.search.search_clients"}
NOT_AUDITED = {
    # Pure functions of the values given: no record is read or written.
    "hearth.clients.services.validate": "checks a ClientData's values",
    "hearth.clients.services.client_values": "copies the fields of a record its caller holds",
    "hearth.clients.services.is_victim_service_provider": "reads the acting agency, not a client",
    "hearth.clients.services.hmis_user_of": "the HUD User record of an account, not a client",
    "hearth.enrollments.services.hmis_user_for": "the HUD User record of an account, not a client",
    "hearth.clients.ssn.masked": "masks an SSN value",
    "hearth.clients.ssn.display": "formats an SSN value",
    "hearth.clients.ssn.encrypt": "encrypts an SSN value",
    "hearth.clients.ssn.encrypt_many": "encrypts SSN values",
    "hearth.clients.ssn.decrypt": "decrypts an SSN value",
    "hearth.clients.search.query_keys": "search keys of a typed query",
    "hearth.clients.search.name_pairs": "splits typed names",
    "hearth.clients.search.candidates": "ids matching search keys; search_clients filters them by the policy",
    "hearth.clients.search.name_score": "scores a row its caller already read",
    "hearth.clients.search.score": "scores a row its caller already read",
    "hearth.clients.search.rank": "orders rows its caller already read",
    "hearth.clients.search.similarity": "compares a typed name with a stored one",
    "hearth.enrollments.record_answers.file_questions": "the questions of a HUD file for a kind of project and person",
    "hearth.enrollments.record_answers.unwritable_text": "checks sent text for control characters",
    "hearth.enrollments.record_answers.in_hud_names": "renames findings to HUD's columns",
    "hearth.enrollments.record_answers.checked_values": "checks sent values against a record its caller holds",
    "hearth.enrollments.record_answers.hud_values": "renames a form's answers to HUD's columns",
    "hearth.enrollments.record_answers.in_input_names": "renames a service's messages to a form's inputs",
    "hearth.access.consent.expiry_date": "computes a date",
    # Steps of an audited function, on a record it already reached through a gate.
    "hearth.clients.ssn.store": "writes the SSN vault inside create_client, update_client and the import",
    "hearth.clients.ssn.full_ssn": "reads the SSN vault for update_client and reveal, which audit",
    "hearth.clients.ssn.seal_plaintext": "encrypts SSNs the import has just written (the import is audited)",
    "hearth.clients.merge.snapshot": "merge_clients' copy of the two records it audits",
    "hearth.clients.merge.restore": "undo_merge's restoration of the records it audits",
    "hearth.clients.merge.client_relations": "the models that refer to Client, not their rows",
    "hearth.clients.retention.inactive_clients": "purge's candidates; the dry run reports counts and ids only",
    "hearth.enrollments.services.stage_records": "save_assessment's and exits' records of an enrollment they gated",
    "hearth.enrollments.services.review_assessment": "checks answers for an enrollment its caller gated; writes nothing",
    "hearth.enrollments.services.lock_household": "locks a household's rows before a write that audits; reads nothing out",
    "hearth.enrollments.stage_records.enrollment_to_change": "the one-record writes' gate; they audit the write",
    "hearth.enrollments.stage_records.record_to_change": "locks the record a one-record write changes and audits",
    "hearth.enrollments.stage_records.exit_date_of": "the exit date of an enrollment its caller reached",
    "hearth.access.consent.consent_status": "shown on client pages after access_client audited the view",
}


def public_functions() -> set[str]:
    """Every public function (or cached function) defined in SERVICE_MODULES, by dotted name."""
    found = set()
    for name in SERVICE_MODULES:
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if attribute.startswith("_") or inspect.isclass(value) or not callable(value):
                continue
            if getattr(value, "__module__", None) == name:
                found.add(f"{name}.{attribute}")
    return found


def test_every_public_service_function_is_classified():
    classified = set(AUDITED) | AUDITED_SEARCHES | set(NOT_AUDITED)
    found = public_functions()

    assert sorted(found - classified) == [], "classify these in tests/access/test_audit_completeness.py"
    assert sorted(classified - found) == [], "these are classified but no longer exist"
    assert not (set(AUDITED) & set(NOT_AUDITED))


def test_the_functions_that_write_or_read_a_client_are_found():
    # The introspection itself: decorated services (transaction.atomic) are found too.
    assert {
        "hearth.clients.services.create_client",
        "hearth.enrollments.services.save_assessment",
        "hearth.access.consent.record_consent",
        "hearth.clients.merge.merge_clients",
        "hearth.clients.search.search_clients",
    } <= public_functions()


@pytest.mark.parametrize("function", sorted(AUDITED))
def test_each_service_function_audits_the_clients_it_touches(setting, function):
    # Given the scene the function needs (its own entries set aside)
    call = AUDITED[function](setting)
    mark = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0

    # When it is called, successfully
    expected = call()

    # Then it wrote an entry of the stated action naming each client it touched
    written = set(AuditEvent.objects.filter(id__gt=mark).values_list("action", "personal_id"))
    assert expected, "a scenario names the entries it expects"
    assert expected <= written, f"{function} wrote {sorted(written)}"


def test_a_search_is_audited_with_its_query(setting):
    search_keys.refresh([setting.client.pk])
    mark = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0

    found = search.search_clients(setting.staff, "Alex Rivera")

    assert [m.personal_id for m in found.matches] == [setting.client.pk]
    event = AuditEvent.objects.get(id__gt=mark)
    assert (event.action, event.username, event.detail) == (
        AuditAction.SEARCH,
        "casey",
        {"query": "Alex Rivera"},
    )
