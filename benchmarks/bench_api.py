"""REST API throughput and latency with the `large` demo CoC, against baselines run side by side.

`run() -> dict`: requests per second and p50/p95 latency (as the caller sees it) of the API's list
and read endpoints: the first page of clients, one client, the first page of enrollments (when the
enrollments resource exists), under BENCH_API_USERS concurrent callers (default 8), each a thread
with its own token-authenticated HTTP requests, against a real server process (`hearth runserver`,
threaded, no autoreload, DEBUG off, the rate limit lifted).

Nothing here is an absolute goal: every endpoint is reported as ratios against two baselines
measured in the same rounds, interleaved with the endpoints so that machine load hits all alike:
- `authenticated miss`: GET of a client that does not exist, through the same server, token check,
  rate limiter, policy lookup and problem answer: the fixed cost of any API request;
- `sql first page`: the SQL of the clients list page (the policy's filter, 51 rows by key) run by
  the same number of threads straight on PostgreSQL: what the database alone costs.

The data: a scratch PostgreSQL database (BENCH_DATABASE, default `hearth_bench_api`) on the server of
DATABASE_URL, made once as a copy of `hearth_bench_lsa` (BENCH_SOURCE_DATABASE, the large CoC that
bench_lsa seeds) when that exists and no one is connected to it, else seeded with
`hearth seed-demo --size large --seed 1`; kept between runs.  Reads write audit entries, so the
benchmark never runs on the source itself.
"""

import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
Call = Callable[[random.Random], int]  # one request; answers its status
USERS = int(os.environ.get("BENCH_API_USERS", "8"))
REQUESTS = int(os.environ.get("BENCH_API_REQUESTS", "10"))  # per user, per endpoint, per round
ROUNDS = int(os.environ.get("BENCH_API_ROUNDS", "2"))
PAGE_SIZE = 50
BASELINE = "authenticated miss"


def _database_url(name: str) -> str:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
    if not base.startswith("postgres"):
        raise SystemExit("bench_api needs PostgreSQL: set DATABASE_URL=postgres://...")
    return urlunsplit(urlsplit(base)._replace(path="/" + name))


def _prepare(url: str, source: str) -> str:
    """Make the scratch database once (a copy of the source, or seeded); migrate it. Says how."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    how = "kept from an earlier run"
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists is None:
            source_exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [source]).fetchone()
            in_use = admin.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [source]
            ).fetchone()
            if source_exists and in_use is not None and in_use[0] == 0:
                admin.execute(
                    sql.SQL("CREATE DATABASE {} TEMPLATE {} STRATEGY FILE_COPY").format(
                        sql.Identifier(name), sql.Identifier(source)
                    )
                )
                how = f"copied from {source}"
            else:
                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                how = "seeded with the large demo CoC"
    env = os.environ | {"DATABASE_URL": url, "DEBUG": "1"}
    hearth = str(Path(sys.executable).with_name("hearth"))
    subprocess.run([hearth, "migrate", "--verbosity", "0"], check=True, env=env, cwd=ROOT)
    subprocess.run(
        [hearth, "seed-demo", "--size", "large", "--seed", "1", "--if-empty"], check=True, env=env, cwd=ROOT
    )
    return how


def _setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
    import django

    django.setup()


def _world() -> dict[str, Any]:
    """A case manager of the busiest agency with a read token; clients that agency serves; the
    SQL of the clients list's first page."""
    from django.db.models import Count
    from django.utils import timezone

    from hearth.access.models import Account, Membership
    from hearth.access.permissions import Role
    from hearth.agencies.models import Organization
    from hearth.api import tokens
    from hearth.api.main import api
    from hearth.clients.models import Client
    from hearth.enrollments.models import Enrollment

    agency = (
        Organization.objects.filter(victim_service_provider=0)
        .annotate(served=Count("projects__enrollments"))
        .order_by("-served")
        .first()
    )
    assert agency is not None, "the scratch database holds no agency: seeding failed"
    account, _created = Account.objects.update_or_create(
        username="bench-api",
        defaults={
            "acting_organization": agency,
            "agreement_accepted_at": timezone.now(),
            "training_completed_on": timezone.localdate(),
            "last_seen_at": timezone.now(),
        },
    )
    Membership.objects.get_or_create(
        account=account, organization=agency, defaults={"role": Role.CASE_MANAGER}
    )
    secret = tokens.create_token(
        account=account, name="benchmark", organization_id=agency.pk, scope="read"
    ).secret
    clients = list(
        Enrollment.objects.filter(project__organization=agency)
        .order_by("client_id")
        .values_list("client_id", flat=True)
        .distinct()[:500]
    )
    first_page = Client.objects.visible_to(account).order_by("pk")[: PAGE_SIZE + 1]
    sql_text, params = first_page.query.sql_with_params()
    paths = set(api.get_openapi_schema()["paths"])
    return {
        "agency": agency.organization_name,
        "secret": secret,
        "clients": clients,
        "sql": (sql_text, params),
        "has_enrollments": "/api/v1/enrollments" in paths,
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start_server(url: str, port: int) -> subprocess.Popen[bytes]:
    env = os.environ | {
        "DATABASE_URL": url,
        "DEBUG": "0",
        "HEARTH_API_RATE": "1000000/m",
        # runserver starts a thread per request: kept connections would pile up on the server.
        "CONN_MAX_AGE": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    hearth = str(Path(sys.executable).with_name("hearth"))
    server = subprocess.Popen(
        [hearth, "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=60).read()
            return server
        except OSError:  # not listening yet, or still loading the app
            time.sleep(0.5)
        except BaseException:
            server.terminate()
            raise
    server.terminate()
    raise SystemExit("the API server did not start")


def _http_call(base: str, secret: str, path: Callable[[random.Random], str]) -> Call:
    def call(chooser: random.Random) -> int:
        request = urllib.request.Request(base + path(chooser), headers={"Authorization": f"Bearer {secret}"})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                response.read()
                return int(response.status)
        except urllib.error.HTTPError as error:
            error.read()
            return int(error.code)

    return call


def _sql_call(url: str, sql_and_params: tuple[str, tuple[Any, ...]]) -> Callable[[], Call]:
    """A factory: each thread gets its own connection, as each server thread has its own."""
    import psycopg

    text, params = sql_and_params

    def per_thread() -> Call:
        connection = psycopg.connect(url, autocommit=True)

        def call(_chooser: random.Random) -> int:
            connection.execute(text, params).fetchall()  # type: ignore[arg-type]
            return 200

        return call

    return per_thread


def _measure(make_call: Callable[[], Call], seed: int) -> dict[str, Any]:
    """USERS threads, REQUESTS calls each: latencies (ms), statuses and wall time."""
    latencies: list[float] = []
    statuses: set[int] = set()
    lock = threading.Lock()
    start = threading.Barrier(USERS + 1)

    def user(number: int) -> None:
        chooser = random.Random(seed * 1000 + number)
        call = make_call()
        call(chooser)  # warm: the connection or the server's code paths
        start.wait()
        mine: list[float] = []
        seen: set[int] = set()
        for _ in range(REQUESTS):
            began = time.perf_counter()
            seen.add(call(chooser))
            mine.append((time.perf_counter() - began) * 1000)
        with lock:
            latencies.extend(mine)
            statuses.update(seen)

    threads = [threading.Thread(target=user, args=(n,)) for n in range(USERS)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return {"latencies": latencies, "statuses": statuses, "wall": time.perf_counter() - began}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run() -> dict[str, Any]:
    url = _database_url(os.environ.get("BENCH_DATABASE", "hearth_bench_api"))
    how = _prepare(url, os.environ.get("BENCH_SOURCE_DATABASE", "hearth_bench_lsa"))
    _setup_django(url)
    from django.db import connections

    from hearth.clients.models import Client
    from hearth.enrollments.models import Enrollment

    world = _world()
    dataset = {
        "made": how,
        "clients": Client.objects.count(),
        "enrollments": Enrollment.objects.count(),
        "agency": world["agency"],
    }
    connections.close_all()
    port = _free_port()
    server = _start_server(url, port)
    base = f"http://127.0.0.1:{port}/api/v1"
    clients = world["clients"]

    def http(path: Callable[[random.Random], str]) -> Callable[[], Call]:
        return lambda: _http_call(base, world["secret"], path)

    endpoints: dict[str, Callable[[], Call]] = {
        BASELINE: http(lambda _c: "/clients/bench-no-such-client"),
        "sql first page": _sql_call(url, world["sql"]),
        "clients list": http(lambda _c: f"/clients?page_size={PAGE_SIZE}"),
        "client read": http(lambda c: f"/clients/{c.choice(clients)}"),
    }
    if world["has_enrollments"]:
        endpoints["enrollments list"] = http(lambda _c: f"/enrollments?page_size={PAGE_SIZE}")
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in endpoints}
    try:
        for round_number in range(ROUNDS):
            order = list(endpoints)
            random.Random(round_number).shuffle(order)
            for name in order:
                runs[name].append(_measure(endpoints[name], seed=round_number))
    finally:
        server.terminate()
        server.wait(timeout=30)

    measured: dict[str, dict[str, Any]] = {}
    for name, parts in runs.items():
        latencies = [ms for part in parts for ms in part["latencies"]]
        measured[name] = {
            "requests": len(latencies),
            "statuses": sorted({s for part in parts for s in part["statuses"]}),
            "requests_per_second": round(len(latencies) / sum(part["wall"] for part in parts), 1),
            "p50_ms": round(statistics.median(latencies), 1),
            "p95_ms": round(_percentile(latencies, 0.95), 1),
        }
    base_line, sql_line = measured[BASELINE], measured["sql first page"]
    for numbers in measured.values():
        numbers["rps_vs_authenticated_miss"] = round(
            numbers["requests_per_second"] / base_line["requests_per_second"], 2
        )
        numbers["p95_vs_authenticated_miss"] = round(numbers["p95_ms"] / base_line["p95_ms"], 2)
        numbers["p95_vs_sql_first_page"] = round(numbers["p95_ms"] / sql_line["p95_ms"], 2)
    return {
        "users": USERS,
        "requests_per_user_per_round": REQUESTS,
        "rounds": ROUNDS,
        "server": "hearth runserver (threaded, DEBUG off)",
        "cpus": os.cpu_count(),
        "dataset": dataset,
        "endpoints": measured,
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2, default=str))
