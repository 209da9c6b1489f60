"""Reads over enrollments and exits.

The counts here are Continuum-wide aggregates for the HMIS Lead's overview: they return numbers,
never client records, so they do not go through the client visibility policy.  Soft-deleted
enrollments, exits, clients and projects are left out (FY2026 CSV spec, "DateDeleted").
"""

import datetime

from django.db.models import Count, Exists, OuterRef, QuerySet

from hearth.enrollments.models import Enrollment, Exit


def one_year_period(*, end: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The twelve months that end on ``end``, both days included (e.g. 2025-10-01 to 2026-09-30).

    This is the shape of a HUD operating year; on 29 February the period starts on 1 March.
    """
    try:
        a_year_before = end.replace(year=end.year - 1)
    except ValueError:  # 29 February: the year before has no such day
        a_year_before = end.replace(year=end.year - 1, day=28)
    return a_year_before + datetime.timedelta(days=1), end


def _live_enrollments() -> QuerySet[Enrollment]:
    """Live enrollments of live clients in live projects."""
    return Enrollment.objects.filter(client__date_deleted__isnull=True, project__date_deleted__isnull=True)


def count_clients_served(*, period_end: datetime.date) -> int:
    """Distinct clients with an enrollment active at any time in the twelve months up to ``period_end``.

    Active in the period: entry on or before its end, and no exit before its start (FY2026 CSV spec,
    reporting-period exports: entry <= end, exit null or >= start).  One query.
    """
    period_start, period_end = one_year_period(end=period_end)
    exited_before_period = Exit.objects.filter(enrollment=OuterRef("pk"), exit_date__lt=period_start)
    result = (
        _live_enrollments()
        .filter(~Exists(exited_before_period), entry_date__lte=period_end)
        .aggregate(clients=Count("client", distinct=True))
    )
    return int(result["clients"])


def count_active_enrollments(*, on: datetime.date) -> int:
    """Enrollments active on the day ``on``: entered on or before it and not exited on or before it.

    An exit on ``on`` itself ends the enrollment that day (the client did not stay that night).
    One query.
    """
    exited = Exit.objects.filter(enrollment=OuterRef("pk"), exit_date__lte=on)
    return _live_enrollments().filter(~Exists(exited), entry_date__lte=on).count()
