"""Hearth's PostgreSQL backend: Django's own, with the schema editor from schema.py.

settings.py puts it in place of ``django.db.backends.postgresql`` for a ``postgres://``
DATABASE_URL; everything else (``connection.vendor`` included) is Django's.
"""

from django.db.backends.postgresql import base

from hearth.db.backends.postgresql.schema import DatabaseSchemaEditor


class DatabaseWrapper(base.DatabaseWrapper):
    SchemaEditorClass = DatabaseSchemaEditor
