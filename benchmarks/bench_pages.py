"""Server time of the case-management pages with the `large` demo CoC, under 20 concurrent users.

`run() -> dict`: p50/p95 server time of the client profile (when the client pages provide one),
enrollment, project start assessment and update assessment pages, each request timed from the
request entering Django to the response leaving it.  Twenty users, each a thread with its own
signed-in Django test Client and database connection, ask for pages of their agency's clients;
every user makes a bounded number of requests per page (BENCH_REQUESTS, default 15), pausing
BENCH_THINK_SECONDS between them (default 1.0, a case manager reading the page; 0 saturates the
server).  The users are shared among BENCH_PROCESSES server processes (default: one per CPU), as
a pre-forking server's workers would share them.  Goal: p95 < 150 ms.

The data: a scratch PostgreSQL database (BENCH_DATABASE, default `hearth_bench_pages`) on the
server of DATABASE_URL, migrated and filled once with `hearth seed-demo --size large --seed 1`
(kept between runs; `--if-empty`).  The benchmark adds its own case manager accounts there.
"""

import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
USERS = 20
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "15"))
THINK_SECONDS = float(os.environ.get("BENCH_THINK_SECONDS", "1.0"))
PROCESSES = int(os.environ.get("BENCH_PROCESSES", str(os.cpu_count() or 2)))
GOAL_P95_MS = 150.0


def _scratch_database_url() -> str:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
    if not base.startswith("postgres"):
        raise SystemExit("bench_pages needs PostgreSQL: set DATABASE_URL=postgres://...")
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path="/" + os.environ.get("BENCH_DATABASE", "hearth_bench_pages")))


def _prepare(url: str) -> None:
    """Create, migrate and seed the scratch database unless it already holds the demo CoC."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    env = os.environ | {"DATABASE_URL": url, "DEBUG": "1"}
    hearth = [str(Path(sys.executable).with_name("hearth"))]
    subprocess.run([*hearth, "migrate", "--verbosity", "0"], check=True, env=env, cwd=ROOT)
    subprocess.run(
        [*hearth, "seed-demo", "--size", "large", "--seed", "1", "--if-empty"], check=True, env=env, cwd=ROOT
    )


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.test.utils import override_settings

    # Served as in development: production reads collectstatic's manifest, which a benchmark
    # checkout does not have; templates resolve static paths either way.
    override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()


def _world() -> dict[str, Any]:
    """The busiest agency's case managers (one per user) and pages of its clients."""
    from django.db.models import Count
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from hearth.access.models import Account, Membership
    from hearth.access.permissions import Role
    from hearth.agencies.models import Organization
    from hearth.enrollments.models import Enrollment

    agency = (
        Organization.objects.filter(victim_service_provider=0)
        .annotate(served=Count("projects__enrollments"))
        .order_by("-served")
        .first()
    )
    assert agency is not None, "the scratch database holds no agency: seeding failed"
    for number in range(USERS):
        account, created = Account.objects.get_or_create(
            username=f"bench-case-manager-{number}",
            defaults={
                "acting_organization": agency,
                "agreement_accepted_at": timezone.now(),
                "training_completed_on": timezone.localdate(),
            },
        )
        if not created:
            Account.objects.filter(pk=account.pk).update(
                acting_organization=agency,
                agreement_accepted_at=timezone.now(),
                training_completed_on=timezone.localdate(),
                current_session_key="",
            )
        Membership.objects.get_or_create(
            account=account, organization=agency, defaults={"role": Role.CASE_MANAGER}
        )
    enrollments = list(
        Enrollment.objects.filter(project__organization=agency)
        .order_by("-entry_date", "pk")
        .values_list("pk", "client_id")[:400]
    )
    try:
        reverse("clients:profile", args=["x"])
        has_profile = True
    except NoReverseMatch:
        has_profile = False
    pages: dict[str, list[str]] = {
        "enrollment": [f"/enrollments/{pk}/" for pk, _client in enrollments],
        "project start assessment": [f"/enrollments/{pk}/assessments/entry/" for pk, _client in enrollments],
        "update assessment": [f"/enrollments/{pk}/assessments/update/" for pk, _client in enrollments],
    }
    if has_profile:
        pages["client profile"] = [f"/clients/{client}/" for _pk, client in enrollments]
    return {"agency": agency, "pages": pages}


def _timed_client_class(timings: list[tuple[str, float, int]]) -> Any:
    """A test Client class whose requests record the server's time for each page."""
    from django.test import Client

    lock = threading.Lock()

    class TimedClient(Client):
        page = ""

        def request(self, **request: Any) -> Any:
            started = time.perf_counter()
            response = super().request(**request)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                timings.append((self.page, elapsed, response.status_code))
            return response

    return TimedClient


def _user(client_class: Any, account: Any, pages: dict[str, list[str]], seed: int) -> None:
    from django.db import connection

    from hearth.access.middleware import MFA_VERIFIED

    chooser = random.Random(seed)
    client = client_class()
    client.force_login(account)
    session = client.session
    session[MFA_VERIFIED] = True
    session.save()
    try:
        client.page = "warm-up"
        for urls in pages.values():
            client.get(chooser.choice(urls))
        time.sleep(chooser.uniform(0, 1) * THINK_SECONDS)  # users do not all click at once
        for _ in range(REQUESTS):
            for page in chooser.sample(list(pages), len(pages)):
                client.page = page
                client.get(chooser.choice(pages[page]))
                time.sleep(chooser.uniform(0.5, 1.5) * THINK_SECONDS)
    finally:
        connection.close()


def _worker(url: str, users: list[int], pages: dict[str, list[str]]) -> list[tuple[str, float, int]]:
    """One server process: its users' requests, each user a thread with its own session."""
    _setup_django(url)
    from hearth.access.models import Account

    timings: list[tuple[str, float, int]] = []
    client_class = _timed_client_class(timings)
    accounts = {a.username: a for a in Account.objects.filter(username__startswith="bench-case-manager-")}
    with ThreadPoolExecutor(max_workers=len(users)) as pool:
        list(
            pool.map(
                lambda n: _user(client_class, accounts[f"bench-case-manager-{n}"], pages, seed=n),
                users,
            )
        )
    return timings


def run() -> dict[str, Any]:
    url = _scratch_database_url()
    _prepare(url)
    _setup_django(url)
    from django.db import connections

    from hearth.clients.models import Client as HudClient
    from hearth.enrollments.models import Enrollment, Services

    world = _world()
    dataset = {
        "clients": HudClient.objects.count(),
        "enrollments": Enrollment.objects.count(),
        "services": Services.objects.count(),
        "agency": world["agency"].organization_name,
    }
    connections.close_all()
    # The server runs as PROCESSES worker processes (as a pre-forking server would), each serving
    # its share of the users from threads; Python runs one thread at a time per process.
    shares = [list(range(USERS))[n::PROCESSES] for n in range(PROCESSES)]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=PROCESSES, mp_context=multiprocessing.get_context("spawn")) as pool:
        results = list(pool.map(_worker, [url] * PROCESSES, shares, [world["pages"]] * PROCESSES))
    wall = time.perf_counter() - started
    timings = [timing for result in results for timing in result]
    summary: dict[str, Any] = {
        "users": USERS,
        "server_processes": PROCESSES,
        "requests_per_user_per_page": REQUESTS,
        "think_seconds": THINK_SECONDS,
        "goal_p95_ms": GOAL_P95_MS,
        "dataset": dataset,
        "wall_seconds": round(wall, 1),
        "pages": {},
    }
    for page in world["pages"]:
        times = [ms for name, ms, _status in timings if name == page]
        summary["pages"][page] = {
            "requests": len(times),
            "statuses": sorted({status for name, _ms, status in timings if name == page}),
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(_percentile(times, 0.95), 1),
            "max_ms": round(max(times), 1),
            "meets_goal": _percentile(times, 0.95) < GOAL_P95_MS,
        }
    return summary


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2, default=str))
