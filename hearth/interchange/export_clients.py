"""Client.csv on PostgreSQL: names and SSNs made in Python, every other column by COPY.

Decrypting SSNs (hearth/clients/ssn.py) and hashing names and SSNs (hashing.py) cannot happen
in SQL.  Rather than write the whole file from Python, only those values are computed, in
batches, into a temporary table; the COPY of Client.csv then reads them from it by PersonalID.
A user without the right to reveal SSNs gets the stored mask (xxxxx + last four), hashed or not.
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any

from django.db import connection
from django.db.models import CharField, OuterRef, QuerySet, Subquery
from django.db.models.expressions import Expression, RawSQL
from psycopg import sql

from hearth.clients.models import Client, SocialSecurityNumber
from hearth.clients.ssn import decrypt
from hearth.hud.records import key_collation_sql
from hearth.interchange import hashing

BATCH_CLIENTS = 2000
NAMES = ("first_name", "middle_name", "last_name")
CSV_NAMES = {"first_name": "FirstName", "middle_name": "MiddleName", "last_name": "LastName"}


@contextmanager
def client_identities(
    clients: QuerySet, *, hashed: bool, reveals_ssn: bool
) -> Iterator[dict[str, Expression]]:
    """The SQL of the FirstName, MiddleName, LastName and SSN columns, for ``copy_csv(overrides=...)``."""
    if not hashed and not reveals_ssn:
        yield {}  # names and the stored mask go out as they are
        return
    table = f"hearth_export_identity_{uuid.uuid4().hex}"
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # The table name is made here, not taken from input.
        cursor.execute(
            f"CREATE TEMPORARY TABLE {quote(table)} "
            f"(personal_id varchar(32){key_collation_sql(connection)} PRIMARY KEY, "
            "first_name varchar(64), middle_name varchar(64), last_name varchar(64), ssn varchar(68))"
        )
    rows = _identity_rows(clients, hashed=hashed, reveals_ssn=reveals_ssn)
    while batch := list(islice(rows, BATCH_CLIENTS)):
        _store(table, batch)
    yield _overrides(table, hashed=hashed)
    # Not after an error: the export's transaction is rolled back, and the table with it.
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {quote(table)}")


def _identity_rows(clients: QuerySet, *, hashed: bool, reveals_ssn: bool) -> Iterator[tuple[Any, ...]]:
    vault = SocialSecurityNumber.objects.filter(client_id=OuterRef("pk")).values("ciphertext")[:1]
    source = (
        clients.annotate(hud_ssn_ciphertext=Subquery(vault))
        .values_list("pk", *NAMES, "ssn", "hud_ssn_ciphertext")
        .iterator(chunk_size=BATCH_CLIENTS)
    )
    try:
        for personal_id, first, middle, last, masked, ciphertext in source:
            ssn = decrypt(ciphertext) if ciphertext and reveals_ssn else masked
            if hashed:
                names = (hashing.hash_name(first), hashing.hash_name(middle), hashing.hash_name(last))
                yield (personal_id, *names, hashing.hash_ssn(ssn))
            else:
                yield (personal_id, first, middle, last, ssn)
    finally:
        source.close()  # a generator: closes the database cursor now, inside the transaction


def _store(table: str, batch: list[tuple[Any, ...]]) -> None:
    statement = sql.SQL("COPY {} (personal_id, first_name, middle_name, last_name, ssn) FROM STDIN").format(
        sql.Identifier(table)
    )
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in batch:
            copy.write_row(row)


def _overrides(table: str, *, hashed: bool) -> dict[str, Expression]:
    quote = connection.ops.quote_name
    client = f"{quote(Client._meta.db_table)}.{quote('personal_id')}"

    def stored(column: str) -> str:
        # Names made here and by the model, not taken from input; every exported client has a row.
        return f"(SELECT t.{column} FROM {quote(table)} AS t WHERE t.personal_id = {client})"  # noqa: S608

    def read(column: str) -> RawSQL:
        return RawSQL(stored(column), [], output_field=CharField())  # noqa: S611 - no input in it

    overrides: dict[str, Expression] = {"SSN": read("ssn")}
    if hashed:
        for column in NAMES:
            overrides[CSV_NAMES[column]] = read(column)
    return overrides
