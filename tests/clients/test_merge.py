"""Merging duplicates field by field, moving every record, and undoing the merge exactly."""

import datetime

import pytest
from django.apps import apps
from django.http import Http404
from django.utils import timezone

from hearth.access.models import AuditEvent, ClientOrigin, ClientRestriction, ConsentToShare
from hearth.access.permissions import Role
from hearth.clients import search_keys, ssn
from hearth.clients.merge import merge_clients, undo_merge
from hearth.clients.models import CaseNote, Client, ClientMerge, ClientSearchKey
from hearth.clients.search import search_clients
from hearth.clients.services import ClientError
from hearth.coordinated_entry.models import Assessment, Event
from hearth.enrollments.models import Enrollment, Exit, Services
from tests import factories
from tests.access import world
from tests.clients.test_search import DOB, person

pytestmark = pytest.mark.django_db
SKIPPED = {"access.AuditEvent", "access.AuditChainHead", "clients.ClientMerge", "sessions.Session"}


def every_row() -> dict[str, list[tuple]]:
    """Every row of every table (but the audit log and merge records), every column."""
    rows = {}
    for model in apps.get_models():
        if model._meta.label in SKIPPED or model._meta.proxy:
            continue
        columns = [f.attname for f in model._meta.concrete_fields]
        rows[model._meta.label] = sorted(
            (tuple(str(v) for v in row) for row in model._base_manager.values_list(*columns)), key=str
        )
    return rows


@pytest.fixture
def world_of_two():
    """Two records of one person, each with enrollments, services, assessments, consents, notes."""
    shelter, clinic, city = (
        world.organization("Shelter"),
        world.organization("Clinic"),
        world.organization("City"),
    )
    casey = world.account("casey", shelter, Role.CASE_MANAGER)
    lead = world.account("lee", city, Role.HMIS_LEAD_ADMIN)
    lead.hmis_user = world.hmis_user()
    lead.save(update_fields=["hmis_user"])
    keep = person("William", "Smith", dob=None, agency=shelter)
    dupe = person("Bill", "Smith", dob=DOB, ssn="6789", agency=shelter)
    ssn.store(keep, "111223333")
    ssn.store(dupe, "123456789")
    Client.objects.filter(pk=keep.pk).update(dob_data_quality=99, ssn_data_quality=1)
    Client.objects.filter(pk=dupe.pk).update(dob_data_quality=1, ssn_data_quality=1, veteran_status=1)
    world.origin(dupe, clinic)
    world.restrict(dupe, by=casey)
    world.consent(dupe, by=casey, scope="coc", signed_on=datetime.date(2025, 3, 1))
    user = factories.HMISUserFactory()
    for who in (keep, dupe):
        enrollment = factories.EnrollmentFactory(client=who, project__organization=shelter, user=user)
        factories.ExitFactory(enrollment=enrollment, user=user)
        factories.ServicesFactory(client=who, enrollment__client=who, user=user)
        Assessment.objects.create(
            enrollment=enrollment, client=who, assessment_date=datetime.date(2025, 4, 1), user=user
        )
        Event.objects.create(
            enrollment=enrollment, client=who, event_date=datetime.date(2025, 4, 2), event=1, user=user
        )
        CaseNote.objects.create(
            client=who, text=f"note about {who.first_name}", written_by=casey, written_as=shelter
        )
    search_keys.refresh([keep.pk, dupe.pk])
    return lead, Client.objects.get(pk=keep.pk), Client.objects.get(pk=dupe.pk)


def test_merge_keeps_the_chosen_fields_and_moves_every_record(world_of_two):
    lead, keep, dupe = world_of_two
    models = (Enrollment, Exit, Services, Assessment, Event, CaseNote, ConsentToShare)
    together = {m: m._base_manager.filter(client_id__in=[keep.pk, dupe.pk]).count() for m in models}
    merge = merge_clients(
        user=lead, survivor_id=keep.pk, merged_id=dupe.pk, choices={"dob": "merged", "ssn": "merged"}
    )

    survivor = Client.objects.get(pk=keep.pk)
    assert (survivor.first_name, survivor.dob, survivor.dob_data_quality, survivor.ssn) == (
        "William",
        DOB,
        1,
        "xxxxx6789",
    )
    assert survivor.veteran_status == keep.veteran_status
    assert ssn.full_ssn(survivor) == "123456789"
    assert not Client.objects.filter(pk=dupe.pk).exists()
    assert Client.all_objects.get(pk=dupe.pk).date_deleted == merge.merged_at
    assert together == {
        Enrollment: 4,
        Exit: 2,
        Services: 2,
        Assessment: 2,
        Event: 2,
        CaseNote: 2,
        ConsentToShare: 1,
    }
    for model in models:
        assert not model._base_manager.filter(client_id=dupe.pk).exists(), model
        assert model._base_manager.filter(client_id=keep.pk).count() == together[model], model
    # One origin per agency: the survivor already had Shelter's; Clinic's moves.
    assert sorted(
        ClientOrigin.objects.filter(client=survivor).values_list("organization__organization_name", flat=True)
    ) == [
        "Clinic",
        "Shelter",
    ]
    assert list(
        ClientOrigin.objects.filter(client_id=dupe.pk).values_list(
            "organization__organization_name", flat=True
        )
    ) == ["Shelter"]
    assert ClientRestriction.objects.filter(client=survivor).exists()
    assert not ClientSearchKey.objects.filter(client_id=dupe.pk).exists()
    assert [m.personal_id for m in search_clients(lead, "Bill Smith 3/12/1985").matches] == [keep.pk]
    assert merge.choices["dob"] == "merged"
    assert merge.choices["first_name"] == "survivor"
    events = AuditEvent.objects.filter(action="merge").order_by("id")
    assert [e.personal_id for e in events] == [keep.pk, dupe.pk]
    assert events[0].detail["fields"]["dob"] == [None, "1985-03-12"]
    assert events[0].detail["moved"]["enrollments.Enrollment"] == 2


def test_undo_restores_every_row_exactly(world_of_two):
    lead, keep, dupe = world_of_two
    before = every_row()
    merge = merge_clients(
        user=lead,
        survivor_id=keep.pk,
        merged_id=dupe.pk,
        choices={"first_name": "merged", "dob": "merged", "ssn": "merged", "veteran": "merged"},
    )
    assert every_row() != before
    undo_merge(user=lead, merge_id=merge.pk)
    assert every_row() == before
    merge.refresh_from_db()
    assert merge.undone_by == lead
    assert [e.personal_id for e in AuditEvent.objects.filter(action="unmerge").order_by("id")] == [
        keep.pk,
        dupe.pk,
    ]
    with pytest.raises(ClientError, match=r"This merge was already undone\."):
        undo_merge(user=lead, merge_id=merge.pk)


def test_undo_keeps_changes_made_after_the_merge(world_of_two):
    lead, keep, dupe = world_of_two
    merge = merge_clients(user=lead, survivor_id=keep.pk, merged_id=dupe.pk, choices={})
    moved = Enrollment.objects.get(
        client_id=keep.pk, enrollment_id__in=merge.moved["enrollments.Enrollment"]["rows"][0][:1]
    )
    later = timezone.now() + datetime.timedelta(minutes=5)
    Enrollment.objects.filter(pk=moved.pk).update(date_updated=later)
    undo_merge(user=lead, merge_id=merge.pk)
    moved.refresh_from_db()
    assert (moved.client_id, moved.date_updated) == (dupe.pk, later)


def test_a_later_merge_must_be_undone_first(world_of_two):
    lead, keep, dupe = world_of_two
    third = person("Will", "Smith")
    first = merge_clients(user=lead, survivor_id=keep.pk, merged_id=dupe.pk, choices={})
    merge_clients(user=lead, survivor_id=keep.pk, merged_id=third.pk, choices={})
    with pytest.raises(ClientError, match="undo the later merge first"):
        undo_merge(user=lead, merge_id=first.pk)


@pytest.mark.parametrize(
    ("survivor", "merged", "choices", "message"),
    [
        ("keep", "keep", {}, "Choose two different clients to merge."),
        (
            "keep",
            "dupe",
            {"shoe_size": "merged"},
            "Choose, for each field, the value of one of the two clients.",
        ),
        ("keep", "dupe", {"dob": "both"}, "Choose, for each field, the value of one of the two clients."),
    ],
)
def test_bad_merges_are_refused_and_change_nothing(world_of_two, survivor, merged, choices, message):
    lead, keep, dupe = world_of_two
    ids = {"keep": keep.pk, "dupe": dupe.pk}
    before = every_row()
    with pytest.raises(ClientError, match=message):
        merge_clients(user=lead, survivor_id=ids[survivor], merged_id=ids[merged], choices=choices)
    assert every_row() == before


def test_only_the_hmis_lead_merges(world_of_two):
    _lead, keep, dupe = world_of_two
    agency_admin = world.account("ada", world.organization("Shelter 2"), Role.AGENCY_ADMIN)
    with pytest.raises(Http404):
        merge_clients(user=agency_admin, survivor_id=keep.pk, merged_id=dupe.pk, choices={})
    assert not ClientMerge.objects.exists()


def test_merge_and_undo_pages(world_of_two):
    lead, keep, dupe = world_of_two
    browser = world.browser(lead)
    page = browser.get(f"/clients/{keep.pk}/merge/", {"duplicate": dupe.pk}).content.decode()
    assert "Date of birth and its data quality" in page
    assert "1985-03-12; Full DOB reported" in page
    choices = {
        "duplicate": dupe.pk,
        **dict.fromkeys(("first_name", "middle_name", "last_name"), "survivor"),
    }
    choices |= {
        "name_suffix": "survivor",
        "name_data_quality": "survivor",
        "ssn": "survivor",
        "dob": "merged",
    }
    choices |= {"sex": "survivor", "race": "survivor", "veteran": "survivor"}
    response = browser.post(f"/clients/{keep.pk}/merge/", choices)
    assert response["Location"] == f"/clients/{keep.pk}/#merges"
    merge = ClientMerge.objects.get()
    profile = browser.get(f"/clients/{keep.pk}/").content.decode()
    assert f"Merged {dupe.pk} into this client." in profile
    assert f"Undo the merge of {dupe.pk}" in profile
    undone = browser.post(f"/clients/{keep.pk}/merges/{merge.pk}/undo/")
    assert undone.status_code == 302
    assert Client.objects.filter(pk=dupe.pk).exists()
    assert (
        f"Merge undone: {dupe.pk} is a separate client again."
        in browser.get(f"/clients/{keep.pk}/").content.decode()
    )


def test_merge_page_names_a_missing_duplicate(world_of_two):
    lead, keep, _dupe = world_of_two
    browser = world.browser(lead)
    response = browser.get(f"/clients/{keep.pk}/merge/", {"duplicate": "nobody"}, follow=True)
    assert "No client with the PersonalID nobody." in response.content.decode()
    response = browser.get(f"/clients/{keep.pk}/merge/", {"duplicate": keep.pk}, follow=True)
    assert "A client cannot be merged with itself" in response.content.decode()
