"""`visible_to` agrees with an independent, plain-Python statement of the privacy rules."""

import datetime

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hearth.access.models import Part2Program
from hearth.access.permissions import Role
from hearth.clients.models import Client
from hearth.enrollments.models import Enrollment
from tests.access import world

TODAY = datetime.date(2026, 11, 25)
CASE_ROLES = {Role.AGENCY_ADMIN, Role.CASE_MANAGER, Role.INTAKE}

consents = st.lists(
    st.fixed_dictionaries(
        {
            "scope": st.sampled_from(["none", "named", "coc"]),
            "shares": st.sampled_from(["profile", "full"]),
            "named": st.sets(st.integers(0, 2), max_size=3),
            "signed_offset": st.integers(-800, 10),  # days from today; positive = signed in the future
            "expires_offset": st.one_of(st.none(), st.integers(-400, 400)),
            "revoked": st.booleans(),
        }
    ),
    max_size=2,
)
clients = st.lists(
    st.fixed_dictionaries(
        {
            "enrollments": st.lists(
                st.tuples(st.integers(0, 5), st.booleans()), max_size=3
            ),  # (project, deleted)
            "origin": st.one_of(st.none(), st.integers(0, 2)),
            "restricted": st.booleans(),
            "consents": consents,
        }
    ),
    min_size=1,
    max_size=4,
)
worlds = st.fixed_dictionaries(
    {
        "part2": st.sets(st.integers(0, 5), max_size=2),
        "clients": clients,
        "viewer_org": st.one_of(st.none(), st.integers(0, 2)),
        "viewer_role": st.one_of(st.none(), st.sampled_from(list(Role))),
    }
)


def consent_active(c: dict) -> bool:
    signed = TODAY + datetime.timedelta(days=c["signed_offset"])
    expires = None if c["expires_offset"] is None else signed + datetime.timedelta(days=c["expires_offset"])
    return (
        c["scope"] != "none" and not c["revoked"] and signed <= TODAY and (expires is None or expires > TODAY)
    )


def covers(c: dict, org: int, *, full: bool) -> bool:
    reaches = c["scope"] == "coc" or (c["scope"] == "named" and org in c["named"])
    return consent_active(c) and reaches and (c["shares"] == "full" or not full)


def expected(w: dict) -> tuple[set[int], set[tuple[int, int]]]:
    """(visible client indexes, visible (client, enrollment) indexes): the rules in plain words."""
    org = w["viewer_org"]
    role = (
        w["viewer_role"] if org is not None else None
    )  # a role is held in an agency; none acted as, none held
    seen_clients: set[int] = set()
    seen_enrollments: set[tuple[int, int]] = set()
    for i, c in enumerate(w["clients"]):
        live = [(j, p) for j, (p, deleted) in enumerate(c["enrollments"]) if not deleted]
        if role == Role.HMIS_LEAD_ADMIN:
            seen_clients.add(i)
            seen_enrollments.update((i, j) for j, _p in live)
            continue
        if role not in CASE_ROLES or org is None:
            continue
        serves = any(p // 2 == org for _j, p in live) or c["origin"] == org
        shared = not c["restricted"] and any(covers(x, org, full=False) for x in c["consents"])
        if serves or shared:
            seen_clients.add(i)
        full = not c["restricted"] and any(covers(x, org, full=True) for x in c["consents"])
        for j, p in live:
            if p // 2 == org or (full and p not in w["part2"]):
                seen_enrollments.add((i, j))
    return seen_clients, seen_enrollments


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(w=worlds)
def test_visible_to_matches_the_reference(w):
    with transaction.atomic():
        orgs = [world.organization() for _ in range(3)]
        projects = [world.project(orgs[k // 2]) for k in range(6)]  # two projects per agency
        for k in w["part2"]:
            Part2Program.objects.create(project=projects[k])
        staff = world.account("recorder", orgs[0], Role.CASE_MANAGER)
        made_clients, made_enrollments = [], {}
        for i, c in enumerate(w["clients"]):
            person = world.client()
            made_clients.append(person)
            for j, (p, deleted) in enumerate(c["enrollments"]):
                e = world.enrollment(person, projects[p])
                if deleted:
                    e.date_deleted = datetime.datetime(2025, 1, 2, tzinfo=datetime.UTC)
                    e.save(update_fields=["date_deleted"])
                made_enrollments[e.pk] = (i, j)
            if c["origin"] is not None:
                world.origin(person, orgs[c["origin"]])
            if c["restricted"]:
                world.restrict(person, by=staff)
            for x in c["consents"]:
                signed = TODAY + datetime.timedelta(days=x["signed_offset"])
                expires = (
                    None
                    if x["expires_offset"] is None
                    else signed + datetime.timedelta(days=x["expires_offset"])
                )
                world.consent(
                    person,
                    by=staff,
                    scope=x["scope"],
                    shares=x["shares"],
                    named=tuple(orgs[k] for k in x["named"]),
                    signed_on=signed,
                    expires_on=expires,
                    revoked=x["revoked"],
                )
        viewer_org = None if w["viewer_org"] is None else orgs[w["viewer_org"]]
        viewer = world.account("viewer", viewer_org, w["viewer_role"])

        from hearth.access import policy

        seen_clients = {
            made_clients.index(c)
            for c in Client.objects.filter(policy.client_filter(policy.viewer_for(viewer), day=TODAY))
        }
        seen_enrollments = {
            made_enrollments[e.pk]
            for e in Enrollment.objects.filter(policy.enrollment_filter(policy.viewer_for(viewer), day=TODAY))
        }
        want_clients, want_enrollments = expected(w)
        assert seen_clients == want_clients
        assert seen_enrollments == want_enrollments
        transaction.set_rollback(True)
