"""Client search on 1,000,000 clients in PostgreSQL: latency (p50/p95) and recall@10.

A scratch database (``<DATABASE_URL's name>_bench_search``) is made, migrated and filled with
synthetic clients by COPY (hearth.interchange.bulk.copy_rows): U.S. name frequencies from Faker's
en_US lists, one in five clients Hispanic with Spanish given names and, for most of them, two
surnames (``García López`` or ``García-López``), accents kept; dates of birth 1940-2007; SSNs
stored masked (``xxxxx1234``) as Hearth stores them.  The search keys are then built by
``hearth.clients.search_keys.rebuild()``, the same function a bulk import calls.

Queries are made from randomly chosen clients, as intake staff type them: exact names, one typo
(substitution, deletion, insertion or swap) in the given name or surname, a nickname or the formal
name for it, surname first, a double surname without its hyphen or accents or with one surname
only, a name with a date of birth in another format, a date of birth alone, SSN last four alone,
and a name with SSN last four.  Each query knows its answers: the client it was made from, and
every client that the query cannot tell apart from it (the same folded name, and the same date of
birth or SSN last four when the query has one).  recall@10 for a query is the share of its answers
in the top ten, out of at most ten; a date of birth alone has about 40 answers, all equally right.

A client whose name is exactly the name typed is a right answer too, whoever the query was made
from: ``Jon Smith`` made from John Smith rightly shows every Jon Smith first.

Goals: p95 < 50 ms and recall@10 >= 0.99 on 1,000,000 clients.  Measured as the HMIS Lead (sees
every client) and as a case manager whose agency created one client in ten (the visibility policy
filters the candidates).  ``BENCH_CLIENTS`` sets another size; ``BENCH_QUERIES`` the query count.
The scratch database is dropped at the end unless ``BENCH_KEEP=1``; ``BENCH_KEEP=1 BENCH_REUSE=1``
measures again on the kept one (``BENCH_REBUILD_KEYS=1`` recomputes its search keys first).
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test"


def run() -> dict:
    """Run the measurement in a child process on the scratch database (Django is set up once per process)."""
    base = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not base.startswith("postgres"):
        return {"skipped": "client search is measured on PostgreSQL: set DATABASE_URL=postgres://..."}
    env = {**os.environ, "BENCH_BASE_URL": base, "DJANGO_SETTINGS_MODULE": "hearth.settings"}
    child = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_client_search"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return json.loads(child.stdout.strip().splitlines()[-1])


def _scratch_url(base: str) -> tuple[str, str, str]:
    head, _slash, name = base.rpartition("/")
    scratch = f"{name.split('?')[0]}_bench_search"
    return f"{head}/{scratch}", f"{head}/postgres", scratch


def _admin(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(statement)


def _child() -> None:
    from psycopg import sql

    scratch_url, admin_url, scratch = _scratch_url(os.environ["BENCH_BASE_URL"])
    keep = os.environ.get("BENCH_KEEP") == "1"
    reuse = keep and os.environ.get("BENCH_REUSE") == "1"
    if not reuse:
        _admin(admin_url, sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(scratch)).as_string())
        _admin(admin_url, sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)).as_string())
    os.environ["DATABASE_URL"] = scratch_url
    import django

    django.setup()
    try:
        result = measure(
            clients=int(os.environ.get("BENCH_CLIENTS", "1000000")),
            queries=int(os.environ.get("BENCH_QUERIES", "1000")),
            reuse=reuse,
            log=lambda message: print(
                f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True
            ),
        )
    finally:
        from django.db import connections

        connections.close_all()
        if not keep:
            _admin(
                admin_url, sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(scratch)).as_string()
            )
    print(json.dumps(result, default=str))


# -- the synthetic Continuum ------------------------------------------------------------------------

SPANISH_SHARE = 0.2
MIDDLE_NAME_SHARE = 0.4
NICKNAME_SHARE = 0.05  # clients recorded under a nickname ("Bill Smith")


def _weighted(names: dict) -> tuple[list[str], list[float]]:
    pairs = list(names.items())
    total, cumulative = 0.0, []
    for _name, weight in pairs:
        total += weight
        cumulative.append(total)
    return [n for n, _w in pairs], cumulative


def _name_lists() -> dict:
    from faker.providers.person.en_US import Provider as English
    from faker.providers.person.es_MX import Provider as Spanish

    return {
        "en_female": _weighted(dict(English.first_names_female)),
        "en_male": _weighted(dict(English.first_names_male)),
        "en_last": _weighted(dict(English.last_names)),
        "es_female": list(Spanish.first_names_female),
        "es_male": list(Spanish.first_names_male),
        "es_last": [n for n in Spanish.last_names if " " not in n],
    }


def _person(rng, lists: dict, nicknames_of: dict) -> tuple[str, str | None, str]:
    female = rng.random() < 0.5
    if rng.random() < SPANISH_SHARE:
        givens = lists["es_female" if female else "es_male"]
        first = rng.choice(givens)
        middle = rng.choice(givens) if rng.random() < 0.3 else None
        paternal, maternal = rng.choice(lists["es_last"]), rng.choice(lists["es_last"])
        roll = rng.random()
        last = (
            f"{paternal} {maternal}" if roll < 0.45 else f"{paternal}-{maternal}" if roll < 0.6 else paternal
        )
    else:
        names, cumulative = lists["en_female" if female else "en_male"]
        first = rng.choices(names, cum_weights=cumulative)[0]
        middle = rng.choices(names, cum_weights=cumulative)[0] if rng.random() < MIDDLE_NAME_SHARE else None
        last_names, last_cumulative = lists["en_last"]
        last = rng.choices(last_names, cum_weights=last_cumulative)[0]
        if rng.random() < 0.02:
            last = f"{last}-{rng.choices(last_names, cum_weights=last_cumulative)[0]}"
    nicknames = nicknames_of.get(first.lower())
    if nicknames and rng.random() < NICKNAME_SHARE:
        first = rng.choice(nicknames).title()
    return first, middle, last


def _load(count: int, log) -> None:
    import datetime
    import random

    from django.db import transaction
    from django.utils import timezone

    from hearth.access.models import HMISUser
    from hearth.clients.models import Client
    from hearth.clients.names import nickname_table
    from hearth.interchange.bulk import copy_rows

    rng = random.Random(2026)
    lists = _name_lists()
    table = nickname_table()
    nicknames_of = {f: sorted(n - {f}) for f, n in table.families.items() if len(n) > 1}
    user = HMISUser.objects.create(user_id="bench", user_first_name="Bench")
    now = timezone.now()
    first_day, days = (
        datetime.date(1940, 1, 1).toordinal(),
        (datetime.date(2007, 12, 31) - datetime.date(1940, 1, 1)).days,
    )
    fields = [
        "personal_id",
        "first_name",
        "middle_name",
        "last_name",
        "name_data_quality",
        "ssn",
        "ssn_data_quality",
        "dob",
        "dob_data_quality",
        "am_ind_ak_native",
        "asian",
        "black_af_american",
        "hispanic_latinao",
        "mid_east_n_african",
        "native_hi_pacific",
        "white",
        "veteran_status",
        "date_created",
        "date_updated",
        "user",
    ]

    def rows():
        for number in range(count):
            first, middle, last = _person(rng, lists, nicknames_of)
            dob = datetime.date.fromordinal(first_day + rng.randrange(days))
            ssn = f"xxxxx{rng.randrange(10000):04d}"
            yield (
                f"c{number:07d}",
                first,
                middle,
                last,
                1,
                ssn,
                1,
                dob,
                1,
                0,
                0,
                1,
                0,
                0,
                0,
                0,
                0,
                now,
                now,
                user.pk,
            )

    with transaction.atomic():
        copy_rows(Client, fields, rows())
    log(f"loaded {count:,} clients")


def _agency_user(count: int):
    """A case manager whose agency created every tenth client (ClientOrigin rows), and the HMIS Lead."""
    from django.db import connection, transaction
    from django.utils import timezone

    from hearth.access.models import Account, ClientOrigin, Membership
    from hearth.access.permissions import Role
    from hearth.agencies.models import Organization
    from hearth.interchange.bulk import copy_rows

    now = timezone.now()
    with transaction.atomic():
        city = Organization.objects.create(
            organization_id="city", organization_name="City", victim_service_provider=0, user_id="bench"
        )
        shelter = Organization.objects.create(
            organization_id="shelter", organization_name="Shelter", victim_service_provider=0, user_id="bench"
        )
        lead = Account.objects.create(
            username="lead",
            acting_organization=city,
            agreement_accepted_at=now,
            training_completed_on=now.date(),
        )
        casey = Account.objects.create(
            username="casey",
            acting_organization=shelter,
            agreement_accepted_at=now,
            training_completed_on=now.date(),
        )
        Membership.objects.create(account=lead, organization=city, role=Role.HMIS_LEAD_ADMIN)
        Membership.objects.create(account=casey, organization=shelter, role=Role.CASE_MANAGER)
        copy_rows(
            ClientOrigin, ["client", "organization"], ((f"c{n:07d}", "shelter") for n in range(0, count, 10))
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# -- queries with known answers -------------------------------------------------------------------

KINDS = (
    "exact name",
    "typo in given name",
    "typo in surname",
    "nickname",
    "surname first",
    "double surname without hyphen or accents",
    "one of two surnames",
    "name and date of birth",
    "date of birth alone",
    "SSN last four alone",
    "name and SSN last four",
)


def _typo(rng, word: str) -> str:
    """One substitution, deletion, insertion or swap of neighbours, not on the first letter."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    if len(word) < 3:
        return word + rng.choice(letters)
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + rng.choice(letters.replace(word[i].lower(), "")) + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i + 1 :]
    if kind == 2:
        return word[:i] + rng.choice(letters) + word[i:]
    return (
        word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if word[i] != word[i + 1]
        else word[:i] + word[i + 2 :]
    )


def _plain(text: str) -> str:
    from hearth.clients.names import fold

    return " ".join(w.title() for w in fold(text).split())


def _queries(count: int, clients: int, log) -> list[dict]:
    import random

    from hearth.clients.models import Client
    from hearth.clients.names import nickname_table

    rng = random.Random(7)
    table = nickname_table()
    sample = [f"c{rng.randrange(clients):07d}" for _ in range(count * 4)]
    people = {
        r["personal_id"]: r
        for r in Client.objects.filter(pk__in=sample).values(
            "personal_id", "first_name", "middle_name", "last_name", "dob", "ssn"
        )
    }
    queries: list[dict] = []
    pool = [people[pk] for pk in sample if pk in people]
    for person in pool:
        if len(queries) >= count:
            break
        kind = KINDS[len(queries) % len(KINDS)]
        first, last, dob = person["first_name"], person["last_name"], person["dob"]
        parts = last.replace("-", " ").split()
        text = None
        if kind == "exact name":
            text = f"{first} {last}"
        elif kind == "typo in given name":
            text = f"{_typo(rng, first)} {last}"
        elif kind == "typo in surname":
            text = f"{first} {_typo(rng, last)}"
        elif kind == "nickname":
            family = sorted(table.family_of(first.lower()) - {first.lower()})
            text = f"{rng.choice(family).title()} {last}" if family else None
        elif kind == "surname first":
            text = f"{last}, {first}" if rng.random() < 0.5 else f"{last} {first}"
        elif kind == "double surname without hyphen or accents":
            text = _plain(f"{first} {last}") if len(parts) > 1 else None
        elif kind == "one of two surnames":
            text = f"{first} {parts[0]}" if len(parts) > 1 else None
        elif kind == "name and date of birth":
            text = (
                f"{first} {_typo(rng, last)} {dob:%m/%d/%Y}"
                if rng.random() < 0.5
                else f"{last} {first} {dob:%-m/%-d/%y}"
            )
        elif kind == "date of birth alone":
            text = dob.isoformat() if rng.random() < 0.5 else f"{dob:%B} {dob.day}, {dob.year}"
        elif kind == "SSN last four alone":
            text = person["ssn"][-4:]
        elif kind == "name and SSN last four":
            text = f"{_typo(rng, first)} {last} {person['ssn'][-4:]}"
        if text:
            queries.append({"kind": kind, "text": text, "target": person})
    log(f"made {len(queries)} queries")
    return queries


def _answers(query: dict) -> set[str]:
    """The clients the query cannot tell apart from its target (see the module docstring)."""
    from hearth.clients.models import Client
    from hearth.clients.names import fold, nickname_table

    target, kind = query["target"], query["kind"]
    if kind == "date of birth alone":
        return set(Client.objects.filter(dob=target["dob"]).values_list("pk", flat=True))
    if kind == "SSN last four alone":
        return set(Client.objects.filter(ssn=target["ssn"]).values_list("pk", flat=True))
    same = Client.objects.filter(first_name=target["first_name"], last_name=target["last_name"])
    if kind == "name and date of birth":
        same = same.filter(dob=target["dob"])
    if kind == "name and SSN last four":
        same = same.filter(ssn=target["ssn"])

    def same_given(first: str) -> bool:
        return fold(first) == fold(target["first_name"])

    if kind == "nickname":
        # Every client of the surname whose given name the nickname may stand for is as right.
        typed = fold(query["text"].split()[0])
        table = nickname_table()
        family = {name.title() for name in table.family_of(typed)}
        same = Client.objects.filter(first_name__in=family, last_name=target["last_name"])

        def same_given(first: str) -> bool:
            return fold(first) == typed or table.link(typed, fold(first)) is not None

    answers = {
        pk
        for pk, first, last in same.values_list("pk", "first_name", "last_name")
        if same_given(first) and fold(last) == fold(target["last_name"])
    }
    return answers | {target["personal_id"]}


def _is_exact(text: str, match) -> bool:
    """Whether the match's name is exactly the name typed (any reading of the words): a client
    named as typed is a right answer whoever the query was made from."""
    from hearth.clients.names import fold

    typed = [w for w in fold(text).split() if not any(ch.isdigit() for ch in w)]
    given = fold(" ".join(p for p in (match.first_name, match.middle_name) if p))
    first, last = fold(match.first_name), fold(match.last_name)
    for cut in range(1, len(typed)):
        for a, b in ((typed[:cut], typed[cut:]), (typed[cut:], typed[:cut])):
            if " ".join(a) in (first, given) and " ".join(b) == last:
                return True
    return False


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 2)


def _measure_as(user, queries: list[dict], answers: list[set[str]], visible: set[str] | None) -> dict:
    from hearth.clients.search import search_clients

    times, recalls, misses = [], [], []
    by_kind: dict[str, list[float]] = {}
    for query, expected in zip(queries, answers, strict=True):
        if visible is not None:
            expected = expected & visible
            if not expected:
                continue
        started = time.perf_counter()
        result = search_clients(user, query["text"])
        times.append((time.perf_counter() - started) * 1000)
        top = {m.personal_id for m in result.matches[:10]}
        expected = expected | {m.personal_id for m in result.matches[:10] if _is_exact(query["text"], m)}
        recall = len(top & expected) / min(len(expected), 10)
        recalls.append(recall)
        by_kind.setdefault(query["kind"], []).append(recall)
        if recall < 1:
            misses.append(
                {
                    "kind": query["kind"],
                    "text": query["text"],
                    "target": query["target"]["personal_id"],
                    "recall": round(recall, 2),
                }
            )
    return {
        "queries": len(times),
        "p50_ms": _percentile(times, 0.5),
        "p95_ms": _percentile(times, 0.95),
        "max_ms": round(max(times), 2),
        "recall_at_10": round(sum(recalls) / len(recalls), 4),
        "recall_at_10_by_kind": {k: round(sum(v) / len(v), 4) for k, v in sorted(by_kind.items())},
        "missed_examples": misses[:15],
    }


def measure(*, clients: int, queries: int, reuse: bool, log) -> dict:
    from django.core.management import call_command
    from django.db import connection

    from hearth.access.models import Account
    from hearth.clients import search_keys
    from hearth.clients.models import ClientSearchKey

    timings: dict[str, float] = {}
    if reuse and os.environ.get("BENCH_REBUILD_KEYS") == "1":
        started = time.perf_counter()
        search_keys.rebuild()
        timings["rebuild_search_keys_s"] = round(time.perf_counter() - started, 1)
    if not reuse:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        timings["migrate_s"] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()
        _load(clients, log)
        timings["load_clients_s"] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()
        keys = search_keys.rebuild()
        timings["rebuild_search_keys_s"] = round(time.perf_counter() - started, 1)
        log(f"wrote {keys:,} search keys")
        _agency_user(clients)
    made = _queries(queries, clients, log)
    answers = [_answers(q) for q in made]
    lead, casey = Account.objects.get(username="lead"), Account.objects.get(username="casey")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('clients_clientsearchkey'))")
        key_table_size = cursor.fetchone()[0]
    for warm in made[:50]:  # warm the caches as a running server would be
        from hearth.clients.search import search_clients

        search_clients(lead, warm["text"])
    as_lead = _measure_as(lead, made, answers, None)
    log(f"HMIS Lead: p95 {as_lead['p95_ms']} ms, recall@10 {as_lead['recall_at_10']}")
    visible = {f"c{n:07d}" for n in range(0, clients, 10)}
    as_case_manager = _measure_as(casey, made, answers, visible)
    log(f"case manager: p95 {as_case_manager['p95_ms']} ms, recall@10 {as_case_manager['recall_at_10']}")
    return {
        "clients": clients,
        "search_keys": ClientSearchKey.objects.count(),
        "search_key_table_size": key_table_size,
        **timings,
        "goals": {"p95_ms": "< 50", "recall_at_10": ">= 0.99"},
        "hmis_lead": as_lead,
        "case_manager_one_client_in_ten_visible": as_case_manager,
    }


if __name__ == "__main__":
    _child()
