"""seed-demo: the same seed makes the same data, sizes are as promised, the command is safe to rerun."""

import datetime as dt
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hearth.access.models import Account
from hearth.agencies.models import Project
from hearth.demo.accounts import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME
from hearth.demo.sizes import SIZES, history_start
from tests.demo.conftest import AS_OF, seeded_rows

pytestmark = pytest.mark.django_db


def test_same_seed_makes_identical_data_and_another_seed_does_not():
    first = seeded_rows(seed=7)
    assert seeded_rows(seed=7) == first
    other = seeded_rows(seed=8)
    assert other != first
    assert {c["last_name"] for c in other["Client"]} != {c["last_name"] for c in first["Client"]}


def test_tiny_counts(demo):
    rows = demo.rows
    assert len(rows["Organization"]) == 40
    assert sum(o["victim_service_provider"] for o in rows["Organization"]) == 3
    assert len(rows["Project"]) == 140
    assert Counter(p["project_type"] for p in rows["Project"]) == {
        0: 18, 1: 6, 2: 14, 3: 30, 4: 8, 6: 10, 7: 3, 8: 2, 9: 4, 10: 5, 11: 3, 12: 8, 13: 22, 14: 7,
    }  # fmt: skip
    assert Counter(p["rrh_sub_type"] for p in rows["Project"] if p["project_type"] == 13) == {1: 6, 2: 16}
    assert len(rows["ProjectCoC"]) == len(rows["CEParticipation"]) == 140
    heads = [e for e in rows["Enrollment"] if e["relationship_to_hoh"] == 1]
    assert len({e["client_id"] for e in heads}) <= SIZES["tiny"].households
    assert 100 <= len(rows["Client"]) <= 400
    assert len(rows["Enrollment"]) >= 2 * len(rows["Client"])
    assert {1, 2, 3} <= {e["relationship_to_hoh"] for e in rows["Enrollment"]} <= {1, 2, 3, 4, 5}


def test_history_runs_from_four_fiscal_years_back_to_the_as_of_date(demo):
    entries = [e["entry_date"] for e in demo.rows["Enrollment"]]
    assert history_start(AS_OF) == dt.date(2022, 10, 1)
    assert min(entries) >= dt.date(2022, 10, 1)
    assert max(entries) <= AS_OF
    assert history_start(dt.date(2026, 9, 30)) == dt.date(2021, 10, 1)


def test_command_seeds_prints_credentials_and_reruns_safely():
    out = StringIO()
    call_command("seed_demo", "--size", "tiny", "--seed", "3", "--as-of", "2026-11-25", stdout=out)
    assert "Seeded the demo CoC (size tiny, seed 3, as of 2026-11-25)" in out.getvalue()
    assert f"username '{DEMO_ADMIN_USERNAME}', password '{DEMO_ADMIN_PASSWORD}'" in out.getvalue()
    admin = Account.objects.get(username=DEMO_ADMIN_USERNAME)
    assert admin.is_superuser
    assert admin.is_staff
    assert len(DEMO_ADMIN_PASSWORD) >= 12
    assert admin.check_password(DEMO_ADMIN_PASSWORD)
    assert admin.hmis_user is not None

    again = StringIO()
    call_command("seed_demo", "--size", "tiny", "--if-empty", stdout=again)
    assert again.getvalue() == "The database already has 140 projects; not seeding the demo.\n"
    with pytest.raises(CommandError, match=r"already has 140 projects; seed-demo fills an empty database"):
        call_command("seed_demo", "--size", "tiny")
    assert Project.objects.count() == 140


def test_bad_as_of_date_is_named():
    with pytest.raises(CommandError, match=r"--as-of must be a date as YYYY-MM-DD, not '25/11/2026'"):
        call_command("seed_demo", "--as-of", "25/11/2026")
    assert Project.objects.count() == 0


def test_a_failed_seed_leaves_nothing(monkeypatch):
    import hearth.demo.seed as seed_module

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(seed_module, "write_household", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        call_command("seed_demo", "--size", "tiny", "--as-of", "2026-11-25", stdout=StringIO())
    assert Project.objects.count() == 0
    assert Account.objects.count() == 0
