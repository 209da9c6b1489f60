"""No ``varchar_pattern_ops`` twin beside an index on a string column (docs/adr/0003).

Django's PostgreSQL schema editor adds a second index, named ``..._like``, beside every index,
primary key and unique constraint on a varchar or text column, so that ``LIKE 'abc%'`` can use
an index under a non-C collation.  Hearth's string keys (PersonalID, EnrollmentID, UserID...
and every foreign key to them) are opaque identifiers compared by equality: no query asks for
their prefix, and the name search's ``istartswith`` compares ``UPPER(column)``, which no index on
the column serves.  The twins only doubled each import's index build.  A column that does need
prefix matching declares it on its model:
``models.Index(fields=[...], name=..., opclasses=["varchar_pattern_ops"])``.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.backends.postgresql import schema


class DatabaseSchemaEditor(schema.DatabaseSchemaEditor):
    def _create_like_index_sql(self, model: type[models.Model], field: models.Field[Any, Any]) -> None:
        return None
