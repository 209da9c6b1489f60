"""copy_rows writes exactly the values given, on whichever database the suite runs (COPY or INSERT)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection, transaction

from hearth.access.models import HMISUser
from hearth.agencies.models import Organization, Project
from hearth.clients.models import Client
from hearth.enrollments.models import Enrollment, Services
from hearth.interchange.bulk import BulkWriteError, copy_rows

pytestmark = pytest.mark.django_db

AWARE = dt.datetime(2025, 3, 9, 14, 30, 5, tzinfo=dt.UTC)
TRICKY = [
    'He said "no", then left',
    "comma, separated, text",
    "two\nlines",
    "tab\there",
    "back\\slash \\N and \\t",
    "José Núñez-García",
    "",
]


@pytest.fixture
def enrollment():
    user = HMISUser.objects.create(user_id="U1", user_first_name="Ana")
    organization = Organization.objects.create(
        organization_id="O1", organization_name="Org", victim_service_provider=0, user=user
    )
    project = Project.objects.create(
        project_id="P1",
        organization=organization,
        project_name="Shelter",
        operating_start_date=dt.date(2020, 1, 1),
        continuum_project=1,
        project_type=1,
        user=user,
    )
    client = Client.objects.create(
        personal_id="C1",
        name_data_quality=1,
        ssn_data_quality=99,
        dob_data_quality=99,
        am_ind_ak_native=0,
        asian=0,
        black_af_american=1,
        hispanic_latinao=0,
        mid_east_n_african=0,
        native_hi_pacific=0,
        white=0,
        veteran_status=0,
        user=user,
    )
    return Enrollment.objects.create(
        enrollment_id="E1",
        client=client,
        project=project,
        entry_date=dt.date(2024, 2, 29),
        household_id="H1",
        relationship_to_hoh=1,
        disabling_condition=0,
        user=user,
    )


def test_strings_with_quotes_commas_newlines_tabs_and_backslashes_round_trip():
    rows = [(f"U{i}", text, None, AWARE, AWARE) for i, text in enumerate(TRICKY)]
    written = copy_rows(
        HMISUser, ["user_id", "user_first_name", "user_last_name", "date_created", "date_updated"], rows
    )
    assert written == len(TRICKY)
    stored = {u.user_id: (u.user_first_name, u.user_last_name) for u in HMISUser.objects.all()}
    assert stored == {f"U{i}": (text, None) for i, text in enumerate(TRICKY)}


def test_nulls_dates_decimals_and_foreign_keys_round_trip(enrollment):
    fields = [
        "services_id",
        "enrollment",
        "client_id",
        "date_provided",
        "record_type",
        "type_provided",
        "other_type_provided",
        "fa_amount",
        "fa_start_date",
        "fa_end_date",
        "date_created",
        "date_updated",
        "user",
    ]
    rows = [
        ("S1", "E1", "C1", dt.date(2024, 2, 29), 200, 200, None, None, None, None, AWARE, AWARE, "U1"),
        (
            "S2",
            "E1",
            "C1",
            dt.date(2024, 12, 31),
            152,
            1,
            'Rent, "deposit"\n\tand \\fees',
            Decimal("-1234567.89"),
            dt.date(2024, 12, 1),
            dt.date(2025, 1, 31),
            AWARE,
            AWARE + dt.timedelta(days=1),
            "U1",
        ),
        (
            "S3",
            "E1",
            "C1",
            dt.date(1999, 1, 1),
            152,
            2,
            None,
            Decimal("0.05"),
            None,
            None,
            AWARE,
            AWARE,
            "U1",
        ),
    ]
    assert copy_rows(Services, fields, iter(rows)) == 3

    stored = {
        s.services_id: (
            s.enrollment_id,
            s.client_id,
            s.date_provided,
            s.record_type,
            s.type_provided,
            s.other_type_provided,
            s.fa_amount,
            s.fa_start_date,
            s.fa_end_date,
            s.date_created,
            s.date_updated,
            s.user_id,
            s.sub_type_provided,
            s.date_deleted,
        )
        for s in Services.all_objects.all()
    }
    assert stored == {
        "S1": (
            "E1",
            "C1",
            dt.date(2024, 2, 29),
            200,
            200,
            None,
            None,
            None,
            None,
            AWARE,
            AWARE,
            "U1",
            None,
            None,
        ),
        "S2": (
            "E1",
            "C1",
            dt.date(2024, 12, 31),
            152,
            1,
            'Rent, "deposit"\n\tand \\fees',
            Decimal("-1234567.89"),
            dt.date(2024, 12, 1),
            dt.date(2025, 1, 31),
            AWARE,
            AWARE + dt.timedelta(days=1),
            "U1",
            None,
            None,
        ),
        "S3": (
            "E1",
            "C1",
            dt.date(1999, 1, 1),
            152,
            2,
            None,
            Decimal("0.05"),
            None,
            None,
            AWARE,
            AWARE,
            "U1",
            None,
            None,
        ),
    }


def test_many_rows_stream_in_batches():
    count = 5003  # more than one SQLite batch, not a multiple of it
    rows = ((f"U{i:05d}", f"First {i}", AWARE, AWARE) for i in range(count))
    assert copy_rows(HMISUser, ["user_id", "user_first_name", "date_created", "date_updated"], rows) == count
    assert HMISUser.objects.count() == count
    assert HMISUser.objects.get(user_id="U05002").user_first_name == "First 5002"


def test_no_rows_writes_nothing():
    assert copy_rows(HMISUser, ["user_id", "date_created", "date_updated"], []) == 0
    assert HMISUser.objects.count() == 0


def test_unknown_field_is_named():
    with pytest.raises(BulkWriteError, match=r"HMISUser has no field 'nickname'"):
        copy_rows(HMISUser, ["user_id", "nickname"], [("U1", "x")])


def test_reverse_relation_is_not_a_column():
    with pytest.raises(BulkWriteError, match=r"Enrollment\.services is not a column"):
        copy_rows(Enrollment, ["services"], [("x",)])


def test_row_of_wrong_width_is_reported_and_the_transaction_keeps_nothing():
    rows = [("U1", AWARE, AWARE), ("U2", AWARE)]
    with (
        pytest.raises(BulkWriteError, match=r"Row 2 has 2 values; 3 fields were named"),
        transaction.atomic(),
    ):
        copy_rows(HMISUser, ["user_id", "date_created", "date_updated"], rows)
    assert HMISUser.objects.count() == 0


def test_database_error_rolls_back_with_the_callers_transaction():
    rows = [("U1", AWARE, AWARE), ("U1", AWARE, AWARE)]  # duplicate primary key
    with pytest.raises(Exception, match=r"(?i)unique|duplicate"), transaction.atomic():
        copy_rows(HMISUser, ["user_id", "date_created", "date_updated"], rows)
    assert HMISUser.objects.count() == 0
    assert connection.vendor in {"postgresql", "sqlite"}
