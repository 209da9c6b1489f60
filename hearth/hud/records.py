"""The base of every HUD record model: soft deletion and the HUD metadata columns.

Every HUD record carries DateCreated, DateUpdated, UserID, DateDeleted and ExportID (the fields
themselves are generated from the spec).  A record with DateDeleted set is soft-deleted: HUD's
delta exchange sends it so receivers can remove it, and it is never used for reporting (FY2026
CSV spec, "DateDeleted").  ``objects`` therefore holds live records only and ``all_objects``
every record; following a foreign key always finds its target, deleted or not.
"""

from typing import Any, ClassVar, Self

from django.db import models
from django.utils import timezone


class HudKey(models.CharField):
    """A HUD record's identifier (PersonalID, EnrollmentID...): a string compared byte by byte.

    On PostgreSQL the column, and every foreign key column to it (Django gives a foreign key its
    target's collation), has the ``C`` collation: an identifier has no language, so its indexes
    are sorted and searched with plain byte comparison instead of the locale's rules (faster to
    build, for a first load's millions of rows), and an order by key is the same whatever the
    database's locale, and the same as DuckDB's (check_engines.py).  SQLite compares bytes anyway.
    """

    def db_parameters(self, connection: Any) -> dict[str, Any]:
        parameters = super().db_parameters(connection)
        if connection.vendor == "postgresql" and self.db_collation is None:
            parameters["collation"] = "C"
        return parameters


def key_collation_sql(connection: Any) -> str:
    """The COLLATE clause of a column made by hand (a temporary table) that holds HUD keys: compared
    with a HudKey column, it must have the same collation for the key's index to serve."""
    collation = HudKey(max_length=32).db_parameters(connection).get("collation")
    return f' COLLATE "{collation}"' if collation else ""


class HudQuerySet(models.QuerySet):
    def live(self) -> Self:
        return self.filter(date_deleted__isnull=True)

    def deleted(self) -> Self:
        return self.filter(date_deleted__isnull=False)


class LiveManager(models.Manager):
    """Records that are not soft-deleted."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(date_deleted__isnull=True)


class HudRecord(models.Model):
    hud_file: ClassVar[str]  # the HUD CSV file this model mirrors, e.g. "Client.csv"

    class Meta:
        abstract = True
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.hud_file.removesuffix('.csv')} {self.pk}"


class SoftDeleteRecord(HudRecord):
    """A HUD record with DateDeleted: every file of the export except Export.csv."""

    objects = LiveManager.from_queryset(HudQuerySet)()
    all_objects = HudQuerySet.as_manager()

    class Meta(HudRecord.Meta):
        abstract = True
        base_manager_name = "all_objects"

    @property
    def is_deleted(self) -> bool:
        return getattr(self, "date_deleted", None) is not None

    def stamp_updated(self) -> list[str]:
        """Set DateUpdated to now; returns the field names to pass to ``save(update_fields=...)``."""
        self.date_updated = timezone.now()
        return ["date_updated"]
