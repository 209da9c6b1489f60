"""The LSA on a snapshot of Hearth's own database: the same SQL as on an HMIS CSV export."""

import datetime
import io
import zipfile

import pytest
from django.conf import settings

from hearth.agencies.models import HMISParticipation
from hearth.hud.generated.lists import HMISParticipationType, LivingSituation, RelationshipToHoH
from hearth.reports.datasets import database_snapshot
from hearth.reports.lsa.drilldown import drill_down, explain
from hearth.reports.lsa.parameters import LsaParameters
from hearth.reports.runs import run_lsa
from tests.factories import (
    ClientFactory,
    EnrollmentFactory,
    ExitFactory,
    FunderFactory,
    InventoryFactory,
    ProjectCoCFactory,
)

pytestmark = pytest.mark.django_db
START, END = datetime.date(2025, 10, 1), datetime.date(2026, 9, 30)


@pytest.fixture
def shelter_with_two_households():
    """An ES entry/exit shelter in the CoC with a single adult (exited) and a parent with a child."""
    coc = ProjectCoCFactory(geocode="240001", zip="21201", geography_type=1)
    project = coc.project
    InventoryFactory(project=project)
    FunderFactory(project=project)
    HMISParticipation.objects.create(
        project=project,
        hmis_participation_type=HMISParticipationType.HMIS_PARTICIPATING,
        hmis_participation_status_start_date=datetime.date(2020, 1, 1),
        user=project.user,
    )
    single = EnrollmentFactory(project=project, entry_date=datetime.date(2025, 11, 1))
    ExitFactory(enrollment=single, exit_date=datetime.date(2025, 12, 15))
    parent = EnrollmentFactory(project=project, entry_date=datetime.date(2026, 2, 1))
    child = ClientFactory(dob=datetime.date(2020, 5, 5))
    EnrollmentFactory(
        project=project,
        client=child,
        household_id=parent.household_id,
        entry_date=datetime.date(2026, 2, 1),
        relationship_to_hoh=RelationshipToHoH.HEAD_OF_HOUSEHOLDS_CHILD,
        living_situation=LivingSituation.PLACE_NOT_MEANT_FOR_HABITATION_E,
    )
    return single, parent, child


def test_the_snapshot_holds_every_table_under_hud_names(shelter_with_two_households):
    single, _parent, _child = shelter_with_two_households
    dataset = database_snapshot()
    try:
        assert dataset.row_counts["Enrollment"] == 3
        assert dataset.row_counts["Exit"] == 1
        row = dataset.connection.execute(
            "SELECT PersonalID, EntryDate, RelationshipToHoH, EnrollmentCoC FROM hmis_Enrollment "
            "WHERE EnrollmentID = ?",
            [single.enrollment_id],
        ).fetchone()
        assert row == (single.client.personal_id, datetime.date(2025, 11, 1), 1, settings.HEARTH_COC_CODE)
    finally:
        dataset.close()


def test_the_lsa_runs_on_the_database_and_drills_down_to_its_clients(shelter_with_two_households):
    single, parent, child = shelter_with_two_households
    parameters = LsaParameters.annual(coc=settings.HEARTH_COC_CODE, start=START, end=END)
    run, upload = run_lsa(parameters=parameters)
    with zipfile.ZipFile(io.BytesIO(upload)) as archive:
        people = archive.read("LSAPerson.csv").decode().splitlines()
        households = archive.read("LSAHousehold.csv").decode().splitlines()
    assert sum(int(line.split(",")[0]) for line in people[1:]) == 3
    assert sum(int(line.split(",")[0]) for line in households[1:]) == 2
    assert drill_down(run, "LSAPerson", {}) == sorted(
        [single.client.personal_id, parent.client.personal_id, child.personal_id]
    )
    assert drill_down(run, "LSAHousehold", {"HHType": 2}) == [parent.household_id]
    explanation = explain(run, child.personal_id)
    assert explanation.counted_in_lsaperson is True
    assert [e.enrollment_id for e in explanation.enrollments] == [
        e.enrollment_id for e in child.enrollments.all()
    ]
