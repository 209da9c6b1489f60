"""Where an import's cross-file checks run: Hearth's own database, or the import's DuckDB stage.

The checks (validation_keys, validation_references, household_rules, validation_projects, and
``staging.keep_latest`` for a batch of exports) are written once, in SQL that PostgreSQL and DuckDB
both read: identifiers in double quotes, no value from the import in the text, ``ORDER BY`` with
every tie broken.  They reach a database only through a ``CheckEngine``; what the two dialects
do differently lives here, one small method per difference:

* ``first_rows``: a check's first rows and the count of all its rows, in one pass.  PostgreSQL
  gets the check as a materialized CTE, or its planner sees the LIMIT and picks fast-start nested
  loops (minutes when there is nothing to find); DuckDB plans it whole anyway, and keeps the
  check's order through a window with an empty ``OVER`` and a LIMIT.
* ``is_indexed``: PostgreSQL's staging tables get indexes and statistics before the checks
  (``validation_keys.index_stages``); DuckDB joins by hashing and keeps statistics as it loads.
* ``execute``: the rows a statement changed (a cursor's rowcount; the row DuckDB returns).

Strings compare byte by byte in DuckDB, as in a PostgreSQL database whose collation is ``C`` or
``C.UTF-8`` (Hearth's): the checks that pick "the first" of two keys (REF-08, REF-09, REF-11)
name the same one on both only then.
"""

# ruff: noqa: S608 - a check's statement is built from quoted identifiers and constants; no value
# from the import is ever put into SQL text.

from typing import Any, Protocol

import duckdb
from django.db import connection


class CheckEngine(Protocol):
    is_indexed: bool

    def fetch(self, statement: str) -> list[tuple[Any, ...]]: ...

    def execute(self, statement: str) -> int: ...

    def first_rows(self, statement: str, limit: int) -> str: ...


class DjangoEngine:
    """Hearth's own database through Django's connection: PostgreSQL (SQLite in development),
    where the staging tables are the session's temporary tables."""

    is_indexed = True

    def fetch(self, statement: str) -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(statement)
            return list(cursor.fetchall())

    def execute(self, statement: str) -> int:
        with connection.cursor() as cursor:
            cursor.execute(statement)
            return max(cursor.rowcount, 0)

    def first_rows(self, statement: str, limit: int) -> str:
        return f"WITH found AS MATERIALIZED ({statement}) SELECT *, COUNT(*) OVER () FROM found LIMIT {limit}"


class DuckEngine:
    """An import staged in DuckDB (``duck_stage``): its tables are named as in PostgreSQL."""

    is_indexed = False

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self.connection = connection

    def fetch(self, statement: str) -> list[tuple[Any, ...]]:
        return self.connection.execute(statement).fetchall()

    def execute(self, statement: str) -> int:
        # DuckDB answers INSERT, UPDATE and DELETE with one row: how many rows they changed.
        changed = self.connection.execute(statement).fetchall()
        return int(changed[0][0]) if changed and changed[0] and isinstance(changed[0][0], int) else 0

    def first_rows(self, statement: str, limit: int) -> str:
        return f"SELECT *, COUNT(*) OVER () FROM ({statement}) AS found LIMIT {limit}"
