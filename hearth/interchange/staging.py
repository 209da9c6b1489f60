"""Staging tables for an import, and the set-based merge from them into Hearth's tables.

Each HUD file gets a temporary table shaped like its model, with every column nullable, no
constraints, foreign keys as plain key columns and three bookkeeping columns: ``stage_seq``
(order of arrival), ``stage_export`` (which export of a batch) and ``stage_row`` (the row number,
for the report).  Rows go in with ``copy_rows`` (COPY on PostgreSQL).  Temporary tables live in
the import's own database session (they never reach the WAL on PostgreSQL nor lock the main file
on SQLite) and are dropped when the import ends.

``merge`` writes one table with a single ``INSERT ... SELECT ... ON CONFLICT DO UPDATE ... WHERE``:
a record is updated only when the incoming DateUpdated is later, or equal with different values,
so re-importing an export changes nothing.  The staging models live in a registry of their own,
so they are no part of the project's migrations.
"""

# ruff: noqa: S608 - statements are built from quoted identifiers and constants of this module;
# no value from the import is ever put into SQL text.

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps.registry import Apps
from django.db import connection, models

from hearth.interchange.bulk import copy_formatted, copy_rows
from hearth.interchange.check_engines import CheckEngine, DjangoEngine

STAGE_APPS = Apps(installed_apps=())
STAGE_PREFIX = "hearth_stage_"
BOOKKEEPING = ["stage_seq", "stage_export", "stage_row"]
# Client.csv of a hashed export (FMT-16): the hashes go to these columns, not to the names.
HASH_COLUMNS = {"first_name": 64, "middle_name": 64, "last_name": 64, "ssn": 68}
HASHED_PREFIX = "hashed_"


@dataclass(frozen=True)
class MergeCounts:
    staged: int
    inserted: int
    updated: int
    deleted: int

    @property
    def unchanged(self) -> int:
        return self.staged - self.inserted - self.updated - self.deleted


@cache
def stage_model(model: type[models.Model]) -> type[models.Model]:
    """The staging model of a HUD model (built once per process)."""
    attrs: dict[str, Any] = {
        "__module__": __name__,
        "stage_seq": models.BigIntegerField(primary_key=True),
        "stage_export": models.PositiveSmallIntegerField(),
        "stage_row": models.PositiveIntegerField(),
    }
    for field in model._meta.concrete_fields:
        attrs[field.attname] = _loose(field)
    if model._meta.label == "clients.Client":
        for name, length in HASH_COLUMNS.items():
            attrs[HASHED_PREFIX + name] = models.CharField(max_length=length, null=True)
        attrs[HASHED_PREFIX + "status"] = models.PositiveSmallIntegerField(null=True)
    meta = type(
        "Meta",
        (),
        {
            "apps": STAGE_APPS,
            "app_label": "interchange_stage",
            "db_table": STAGE_PREFIX + model._meta.db_table,
        },
    )
    attrs["Meta"] = meta
    return type(f"Stage{model.__name__}", (models.Model,), attrs)


def _loose(field: models.Field) -> models.Field:
    """The same column without constraints: nullable, not unique, a foreign key as its key value."""
    if field.is_relation:
        target = field.target_field  # type: ignore[attr-defined]  # concrete relations have one
        return models.CharField(max_length=target.max_length, null=True, db_column=field.column)
    _name, _path, args, kwargs = field.deconstruct()
    for key in ("primary_key", "unique", "db_index", "default", "choices", "validators"):
        kwargs.pop(key, None)
    kwargs.update(null=True, blank=True, db_column=field.column)
    return type(field)(*args, **kwargs)


def stage_fields(model: type[models.Model]) -> list[str]:
    """The staging columns rows are written in: bookkeeping, the model's columns, hashed values."""
    fields = [*BOOKKEEPING, *(f.attname for f in model._meta.concrete_fields)]
    if model._meta.label == "clients.Client":
        fields += [HASHED_PREFIX + name for name in [*HASH_COLUMNS, "status"]]
    return fields


def column_of(field: models.Field) -> str:
    assert field.column is not None  # concrete fields always have a column
    return field.column


def pk_column(model: type[models.Model]) -> str:
    assert model._meta.pk is not None
    return column_of(model._meta.pk)


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def create(model: type[models.Model]) -> None:
    """Create the (empty) temporary staging table of ``model``."""
    stage = stage_model(model)
    drop(model)
    statement, params = connection.schema_editor().table_sql(stage)
    temporary = statement.replace("CREATE TABLE", "CREATE TEMPORARY TABLE", 1)
    with connection.cursor() as cursor:
        cursor.execute(temporary, params)


def drop(model: type[models.Model]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_quote(stage_table(model))}")


def stage_table(model: type[models.Model]) -> str:
    return stage_model(model)._meta.db_table


def write(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    return copy_rows(stage_model(model), fields, rows)


def write_formatted(model: type[models.Model], fields: Sequence[str], data: bytes) -> None:
    """Rows in COPY text format (``bulk.copy_text``, as the reading workers send them), PostgreSQL only."""
    copy_formatted(stage_model(model), fields, data)


def index(model: type[models.Model], *columns: str) -> None:
    """Index staging columns that checks join on (after loading, which is faster than before)."""
    with connection.cursor() as cursor:
        cursor.execute(index_statement(model, *columns))


def index_statement(model: type[models.Model], *columns: str) -> str:
    table = stage_table(model)
    name = _quote(f"{table}_{'_'.join(columns)}_idx")
    return f"CREATE INDEX {name} ON {_quote(table)} ({', '.join(_quote(c) for c in columns)})"


def analyze(model: type[models.Model]) -> None:
    """Gather statistics on a loaded staging table: temporary tables get none on their own, and
    PostgreSQL's planner picks nested loops over hundreds of thousands of rows without them."""
    with connection.cursor() as cursor:
        cursor.execute(analyze_statement(model))


def analyze_statement(model: type[models.Model]) -> str:
    return f"ANALYZE {_quote(stage_table(model))}"


def keep_latest(model: type[models.Model], engine: CheckEngine | None = None) -> int:
    """Across the exports of a batch, keep one staged row per key: the latest DateUpdated wins.

    ``engine`` is where the import is staged (Hearth's database unless told).
    """
    table, pk = _quote(stage_table(model)), _quote(pk_column(model))
    later = "newer.stage_seq > staged.stage_seq"
    if _has(model, "date_updated"):
        later = (
            "newer.date_updated > staged.date_updated OR "
            f"(newer.date_updated = staged.date_updated AND {later})"
        )
    # Only a key staged more than once can lose a row: finding those keys first (one grouping)
    # spares the comparison of every other row with itself (2.5 times faster on DuckDB).
    repeated = f"SELECT {pk} FROM {table} GROUP BY {pk} HAVING COUNT(*) > 1"
    statement = (
        f"DELETE FROM {table} WHERE stage_seq IN (SELECT staged.stage_seq FROM {table} AS staged "
        f"WHERE staged.{pk} IN ({repeated}) "
        f"AND EXISTS (SELECT 1 FROM {table} AS newer WHERE newer.{pk} = staged.{pk} AND ({later})))"
    )
    return (engine or DjangoEngine()).execute(statement)


def _has(model: type[models.Model], name: str) -> bool:
    return any(f.attname == name for f in model._meta.concrete_fields)


# Provenance, not data: a record another export sends unchanged is not an update.
NOT_COMPARED = frozenset({"export_id"})
# Hearth keeps a client's SSN masked (hearth/clients/ssn.py: the full number is encrypted apart),
# so an incoming SSN is compared in its masked form.
SSN_MASK = "xxxxx"


def _incoming(model: type[models.Model], alias: str, column: str) -> str:
    if model._meta.label == "clients.Client" and column == "ssn":
        return f"('{SSN_MASK}' || substr({alias}.{_quote(column)}, 6, 4))"
    return f"{alias}.{_quote(column)}"


def _changed(model: type[models.Model], new: str, old: str, columns: list[str]) -> str:
    """SQL true when the ``new`` row should replace the ``old`` one: DateUpdated is later, or the
    same with different values."""
    columns = [c for c in columns if c not in NOT_COMPARED]
    if connection.vendor == "postgresql":
        left = ", ".join(f"{old}.{_quote(c)}" for c in columns)
        right = ", ".join(_incoming(model, new, c) for c in columns)
        differs = f"({left}) IS DISTINCT FROM ({right})"
    else:
        differs = " OR ".join(f"{old}.{_quote(c)} IS NOT {_incoming(model, new, c)}" for c in columns)
    if not _has(model, "date_updated"):
        return f"({differs})"
    newer, same = (
        f"{new}.date_updated > {old}.date_updated",
        f"{new}.date_updated = {old}.date_updated",
    )
    return f"({newer} OR ({same} AND ({differs})))"


def count(model: type[models.Model], where: str = "") -> MergeCounts:
    """What ``merge`` will do, counted before it runs (it cannot tell inserts from updates)."""
    target, stage = _quote(model._meta.db_table), _quote(stage_table(model))
    pk = _quote(pk_column(model))
    columns = [column_of(f) for f in model._meta.concrete_fields if not f.primary_key]
    changed = _changed(model, "s", "t", columns)
    if _has(model, "date_deleted"):
        deleting = "s.date_deleted IS NOT NULL"
        newly_deleted = f"{deleting} AND (t.{pk} IS NULL OR ({changed} AND t.date_deleted IS NULL))"
    else:
        newly_deleted = "1 = 0"
    statement = (
        "SELECT COUNT(*), "
        f"COALESCE(SUM(CASE WHEN t.{pk} IS NULL AND NOT ({newly_deleted}) THEN 1 ELSE 0 END), 0), "
        f"COALESCE(SUM(CASE WHEN t.{pk} IS NOT NULL AND {changed} AND NOT ({newly_deleted}) "
        "THEN 1 ELSE 0 END), 0), "
        f"COALESCE(SUM(CASE WHEN {newly_deleted} THEN 1 ELSE 0 END), 0) "
        f"FROM {stage} AS s LEFT JOIN {target} AS t ON t.{pk} = s.{pk} {where}"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement)
        staged, inserted, updated, deleted = cursor.fetchone()
    return MergeCounts(int(staged), int(inserted), int(updated), int(deleted))


def changed_keys(model: type[models.Model]) -> list[str]:
    """The keys of the staged rows that ``merge`` will insert or update."""
    target, stage = _quote(model._meta.db_table), _quote(stage_table(model))
    pk = _quote(pk_column(model))
    columns = [column_of(f) for f in model._meta.concrete_fields if not f.primary_key]
    statement = (
        f"SELECT s.{pk} FROM {stage} AS s LEFT JOIN {target} AS t ON t.{pk} = s.{pk} "
        f"WHERE t.{pk} IS NULL OR {_changed(model, 's', 't', columns)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement)
        return [key for (key,) in cursor.fetchall()]


def has_rows(model: type[models.Model]) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {_quote(model._meta.db_table)} LIMIT 1")
        return cursor.fetchone() is not None


# The pg_advisory_xact_lock key that imports take to write one at a time (any number unique in Hearth).
IMPORT_LOCK = 7_310_245_981


def lock_for_writing() -> None:
    """Wait for any other import's writing to end, then hold the turn until this transaction ends.

    Two imports merging at once could both find a table empty and insert the same keys; SQLite
    writers take turns anyway (its transactions start IMMEDIATE).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])


def check_constraints_per_statement() -> None:
    """Check foreign keys after each statement of the import's transaction, not all at its commit.

    The merge writes parents before children, so each statement's references hold; checked at
    the end of each statement, PostgreSQL does not queue one pending check per row for the
    commit (millions in a large import).  SQLite checks as it goes anyway.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def check_constraints_at_commit() -> None:
    """Back to Django's default (foreign keys checked at commit) for the rest of the transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def merge(
    model: type[models.Model],
    *,
    select: dict[str, str] | None = None,
    where: str = "",
    source: type[models.Model] | None = None,
    into_empty: bool = False,
) -> None:
    """Upsert the staged rows into ``model``'s table in one statement.

    ``select`` replaces the staged expression of some columns (e.g. hashed clients' names);
    ``source`` names another model's staging table to read from (the hashed identifiers);
    ``into_empty`` says the table holds no row yet (the staged keys are unique).
    """
    target = _quote(model._meta.db_table)
    stage = _quote(stage_table(source or model))
    pk = pk_column(model)
    columns = [column_of(f) for f in model._meta.concrete_fields]
    expressions = [(select or {}).get(c, f"s.{_quote(c)}") for c in columns]
    updated = [c for c in columns if c != pk]
    assignments = ", ".join(f"{_quote(c)} = excluded.{_quote(c)}" for c in updated)
    rows = f"{stage} AS s"
    condition = where or "1 = 1"
    if source is None and not into_empty:
        # Only the rows that insert or change go to the upsert: a re-import is then a join, not a
        # speculative insert per row.
        rows += f" LEFT JOIN {target} AS t ON t.{_quote(pk)} = s.{_quote(pk)}"
        condition += f" AND (t.{_quote(pk)} IS NULL OR {_changed(model, 's', 't', updated)})"
    statement = (
        f"INSERT INTO {target} ({', '.join(_quote(c) for c in columns)}) "
        f"SELECT {', '.join(expressions)} FROM {rows} WHERE {condition} "
    )
    if not into_empty:  # nothing to conflict with in an empty table: a plain INSERT is cheaper
        statement += (
            f"ON CONFLICT ({_quote(pk)}) DO UPDATE SET {assignments} "
            f"WHERE {_changed(model, 'excluded', target, updated)}"
        )
    with connection.cursor() as cursor:
        cursor.execute(statement)


def add_missing_users(user_model: type[models.Model], referring: Iterable[type[models.Model]]) -> int:
    """Add a User record holding only the UserID for every UserID the staged rows use that neither
    User.csv nor Hearth has (REF-04, tolerated); returns how many were added."""
    users, table = _quote(stage_table(user_model)), _quote(user_model._meta.db_table)
    used = " UNION ALL ".join(
        f"SELECT user_id, date_created, date_updated, export_id FROM {_quote(stage_table(m))}"
        for m in referring
    )
    statement = (
        f"INSERT INTO {table} (user_id, date_created, date_updated, export_id) "
        f"SELECT u.user_id, MIN(u.date_created), MAX(u.date_updated), MIN(u.export_id) FROM ({used}) AS u "
        "WHERE u.user_id IS NOT NULL "
        f"AND NOT EXISTS (SELECT 1 FROM {users} AS s WHERE s.user_id = u.user_id) "
        f"AND NOT EXISTS (SELECT 1 FROM {table} AS t WHERE t.user_id = u.user_id) GROUP BY u.user_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement)
        return max(cursor.rowcount, 0)
