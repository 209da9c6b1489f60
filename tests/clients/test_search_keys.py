"""Search keys made in bulk (search_keys.rebuild) are the keys kept for each client one at a time
(client_keys), and name keys stay what they were: a changed key would miss stored clients."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.clients import search_keys
from hearth.clients.models import Client, ClientSearchKey
from hearth.demo.seed import seed_demo
from hearth.demo.sizes import SIZES
from tests.access import world

pytestmark = pytest.mark.django_db

# The name keys as stored before rebuild() was made faster (every branch: typo halves and
# deletions, two given names, double surnames, particles, suffixes, apostrophes, no name).
NAME_KEYS = [
    (("William", "Smith"), ["a:WLM:5:p:sm", "a:WLM:5:x:th", "b:SM0:7:p:wil", "b:SM0:7:x:iam", "f:WLM",
                            "l:SM0", "n:WLM:SM0"]),
    (("Mary Ann", "García-López"), ["a:MR:5:p:lo", "a:MR:5:x:ez", "a:MR:6:p:ga", "a:MR:6:x:ia", "b:KRX:d:ary",
                                    "b:KRX:d:mar", "b:KRX:d:mary", "b:KRX:d:may", "b:KRX:d:mry", "b:LPS:d:ary",
                                    "b:LPS:d:mar", "b:LPS:d:mary", "b:LPS:d:may", "b:LPS:d:mry", "f:AN", "f:MR",
                                    "l:KRX", "l:KRXLPS", "l:LPS", "n:AN:KRX", "n:AN:KRXLPS", "n:AN:LPS",
                                    "n:MR:KRX", "n:MR:KRXLPS", "n:MR:LPS"]),
    (("José", "de la Cruz"), ["a:JS:d:cru", "a:JS:d:cruz", "a:JS:d:crz", "a:JS:d:cuz", "a:JS:d:ruz", "b:KRS:d:joe",
                              "b:KRS:d:jos", "b:KRS:d:jose", "b:KRS:d:jse", "b:KRS:d:ose", "f:JS", "l:KRS",
                              "l:TLKRS", "n:JS:KRS", "n:JS:TLKRS"]),
    (("Al", "Li"), ["a:AL:d:i", "a:AL:d:l", "a:AL:d:li", "b:L:d:a", "b:L:d:al", "b:L:d:l", "f:AL", "l:L", "n:AL:L"]),
    (("Ana", "Ng Jr"), ["a:AN:d:g", "a:AN:d:n", "a:AN:d:ng", "b:NK:d:aa", "b:NK:d:an", "b:NK:d:ana", "b:NK:d:na",
                        "f:AN", "l:NK", "n:AN:NK"]),
    (("Christopher", "O'Brien"), ["a:KRSTFR:6:p:ob", "a:KRSTFR:6:x:en", "b:OBRN:11:p:chris", "b:OBRN:11:x:opher",
                                  "f:KRSTFR", "l:OBRN", "n:KRSTFR:OBRN"]),
    ((None, "Smith"), ["l:SM0"]),
    (("John", None), ["f:JN"]),
    ((None, None), []),
    (("", "  "), []),
    (("Bo", "Van Der Berg Smith"), ["a:B:5:p:sm", "a:B:5:x:th", "a:B:d:beg", "a:B:d:ber", "a:B:d:berg",
                                    "a:B:d:brg", "a:B:d:erg", "b:BRK:d:b", "b:BRK:d:bo", "b:BRK:d:o", "b:SM0:d:b",
                                    "b:SM0:d:bo", "b:SM0:d:o", "f:B", "l:BRK", "l:FNTRBRKSM0", "l:SM0", "n:B:BRK",
                                    "n:B:FNTRBRKSM0", "n:B:SM0"]),
]  # fmt: skip


@pytest.mark.parametrize(("names", "keys"), NAME_KEYS, ids=[repr(names) for names, _keys in NAME_KEYS])
def test_name_keys_are_those_stored_before(names, keys):
    assert sorted(search_keys.name_keys(*names)) == keys


def expected_keys() -> set[tuple[str, str]]:
    """Every live client's keys, one client at a time."""
    return {
        (personal_id, key)
        for personal_id, first_name, last_name, dob, ssn in Client.objects.values_list(
            *search_keys.KEY_FIELDS
        )
        for key in search_keys.client_keys(first_name, last_name, dob, ssn)
    }


def stored_keys() -> list[tuple[str, str]]:
    return list(ClientSearchKey.objects.order_by("client_id", "key").values_list("client_id", "key"))


def search_key_schema() -> list[tuple[str, str]]:
    """ClientSearchKey's indexes and constraints, as the catalog defines them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index AS x "
            "JOIN pg_class AS i ON i.oid = x.indexrelid WHERE x.indrelid = %s::regclass "
            "UNION ALL SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass ORDER BY 1",
            [ClientSearchKey._meta.db_table] * 2,
        )
        return cursor.fetchall()


@pytest.mark.parametrize(
    ("batch_size", "clients_are_checked"),
    [(search_keys.BATCH, True), (7, True), (search_keys.BATCH, False)],
    ids=["set-aside", "set-aside-small-batches", "clients-pending-checks"],
)
def test_rebuild_writes_each_clients_own_keys_into_an_empty_table_and_over_old_keys(
    batch_size, clients_are_checked
):
    """Given the tiny demo CoC and clients with unusual names and identifiers, when every key is
    made again into the emptied table and then once more over the keys already there, then both
    hold exactly each live client's client_keys, and the table's indexes and keys are as before.

    On PostgreSQL the empty table's indexes are set aside, unless the clients just written have
    foreign-key checks pending (deferred to commit), which forbid dropping its foreign key."""
    seed_demo(size=SIZES["tiny"], seed=1, as_of=datetime.date(2026, 11, 25))
    for number, (first_name, last_name) in enumerate(name for name, _keys in NAME_KEYS):
        client = world.client(f"unusual{number}")
        Client.objects.filter(pk=client.pk).update(
            first_name=first_name,
            last_name=last_name,
            dob=datetime.date(1990, 1, number + 1),
            ssn="xxxxx4321",
        )
    odd = world.client("odd")
    Client.objects.filter(pk=odd.pk).update(personal_id="back\\slash\ttab")
    deleted = world.client("deleted")
    Client.objects.filter(pk=deleted.pk).update(date_deleted=timezone.now())
    expected = sorted(expected_keys())
    is_postgresql = connection.vendor == "postgresql"
    schema = search_key_schema() if is_postgresql else []
    ClientSearchKey.objects.all().delete()
    if is_postgresql and clients_are_checked:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    with CaptureQueriesContext(connection) as queries:
        written = search_keys.rebuild(batch_size=batch_size)

    assert written == len(expected)
    assert stored_keys() == expected
    set_aside = any(q["sql"] == 'DROP INDEX "clients_search_key_lookup"' for q in queries.captured_queries)
    assert set_aside == (is_postgresql and clients_are_checked)
    assert search_keys.rebuild(batch_size=batch_size) == len(expected)
    assert stored_keys() == expected

    assert len({personal_id for personal_id, _key in expected}) == Client.objects.count()
    assert ("back\\slash\ttab", "f:OT") in expected
    assert not ClientSearchKey.objects.filter(client_id=deleted.pk).exists()
    if is_postgresql:
        assert search_key_schema() == schema
