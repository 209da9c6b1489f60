"""Blocking keys: the indexed side table that lets search look at a few hundred clients, not all.

Each live client has a handful of ClientSearchKey rows; a search turns the query into the same
kinds of key, fetches the clients that share one (one index lookup), and scores only those
(hearth/clients/search.py).  A key is a short string whose prefix says its kind:

====  ===========================================  =============================================
kind  stored for each                              finds
====  ===========================================  =============================================
d     date of birth ``d:1985-03-12``               same DOB (or day and month swapped, query side)
s     SSN last four ``s:1234``                     same last four
n     given sound x surname-part sound             sound-alike names, nicknames (the query asks
      ``n:WLM:SM0``                                for the sounds of every name in the given
                                                   name's nickname family), double surnames (one
                                                   key per part and one for the parts joined)
a     given sound x surname length x surname half  one typo anywhere in the surname (the given
      ``a:JMS:5:p:sm`` / ``a:JMS:5:x:th``          name, typed right, still sounds the same)
b     surname sound x given length x given half    one typo anywhere in the given name
f, l  the sound of a given name / of a surname     a name typed alone
====  ===========================================  =============================================

The query side asks for both orders of its name words, so ``Smith John`` finds John Smith.
Services keep the keys current on every create, update, merge and undo; bulk loads (CSV import,
demo data) call ``rebuild()`` once at the end.
"""

import datetime
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from functools import lru_cache
from itertools import batched

from django.db import OperationalError, connection, transaction
from psycopg.errors import ObjectInUse

from hearth.clients.models import Client, ClientSearchKey
from hearth.clients.names import sound, surname_parts, words
from hearth.interchange import empty_table_load
from hearth.interchange.bulk import copy_formatted, copy_rows, copy_value

KEY_FIELDS = ("personal_id", "first_name", "last_name", "dob", "ssn")
BATCH = 5000
SHORT = 4  # parts of up to four letters get deletion keys, longer ones half keys


def dob_key(dob: datetime.date) -> str:
    return f"d:{dob.isoformat()}"


def ssn_key(last_four: str) -> str:
    return f"s:{last_four}"


def typo_keys(kind: str, other: str, part: str, lengths: Iterable[int]) -> set[str]:
    """Keys that survive one typo in ``part``, as if its stored spelling had each of ``lengths``;
    ``other`` is the sound of the client's other name (typed right when this one is not).

    Up to four letters: the part and each spelling with one letter left out (two spellings one
    typo apart share one of these).  Longer: the first and last (length - 1) // 2 letters; with at
    least one letter between them, one substitution, insertion, deletion or swap of neighbours
    changes at most one of the two.  The stored side passes its own length; the query side its
    length, one more and one less, since it cannot know which spelling is stored.
    """
    keys: set[str] = set()
    for length in lengths:
        if length <= SHORT and abs(length - len(part)) <= 1:
            if len(part) <= SHORT + 1:
                variants = {part} | {part[:i] + part[i + 1 :] for i in range(len(part))}
                keys |= {f"{kind}:{other}:d:{v}" for v in variants if v and len(v) <= SHORT}
        elif length > SHORT:
            size = (length - 1) // 2
            if len(part) >= size:
                keys |= {
                    f"{kind}:{other}:{length}:p:{part[:size]}",
                    f"{kind}:{other}:{length}:x:{part[-size:]}",
                }
    return keys


def name_keys(first_name: str | None, last_name: str | None) -> set[str]:
    """The name keys stored for a client: from the first two words of the given name, and from each
    surname word and the surname run together."""
    givens, given_codes = _given_names(first_name)
    surname_words, surname_codes = _surnames(last_name)
    keys = {f"f:{code}" for code in given_codes} | {f"l:{code}" for code in surname_codes}
    keys |= {f"n:{g}:{s}" for g in given_codes for s in surname_codes}
    if givens:
        given = givens[0]
        for surname in surname_words:
            keys.update(typo_keys("a", sound(given), surname, [len(surname)]))
            keys.update(typo_keys("b", sound(surname), given, [len(given)]))
    return keys


@lru_cache(maxsize=65536)
def _given_names(first_name: str | None) -> tuple[tuple[str, ...], frozenset[str]]:
    """The first two words of a given name, and their sounds (given names repeat: kept)."""
    givens = tuple(words(first_name)[:2])
    return givens, frozenset(sound(g) for g in givens)


@lru_cache(maxsize=65536)
def _surnames(last_name: str | None) -> tuple[tuple[str, ...], frozenset[str]]:
    """The surname words that get typo keys, and the sounds of every surname part."""
    surnames = surname_parts(last_name)
    surname_words = tuple(s for s in surnames if " " not in s)[: len(surnames) - 1 or 1]
    return surname_words, frozenset(sound(s) for s in surnames)


def client_keys(
    first_name: str | None, last_name: str | None, dob: datetime.date | None, ssn: str | None
) -> set[str]:
    keys = name_keys(first_name, last_name)
    _add_dob_and_ssn_keys(keys, dob, ssn)
    return keys


def _add_dob_and_ssn_keys(keys: set[str], dob: datetime.date | None, ssn: str | None) -> None:
    if dob is not None:
        keys.add(dob_key(dob))
    last_four = (ssn or "")[-4:]
    if len(last_four) == 4 and last_four.isdigit():
        keys.add(ssn_key(last_four))


def _rows(clients: Iterable[Sequence]) -> Iterator[tuple[str, str]]:
    for personal_id, first_name, last_name, dob, ssn in clients:
        for key in sorted(client_keys(first_name, last_name, dob, ssn)):
            yield personal_id, key


def refresh(client_ids: Sequence[str]) -> None:
    """Recompute the keys of these clients (none for a soft-deleted client)."""
    with transaction.atomic():
        ClientSearchKey.objects.filter(client_id__in=client_ids).delete()
        # Read before writing: COPY holds the connection until it ends, so the rows cannot be
        # fetched while it streams.
        live = list(Client.objects.filter(pk__in=client_ids).order_by("pk").values_list(*KEY_FIELDS))
        copy_rows(ClientSearchKey, ["client_id", "key"], _rows(live))


def rebuild(*, batch_size: int = BATCH) -> int:
    """Recompute every client's keys (after a bulk load); returns the number of keys written.

    Clients are read in PersonalID order, a batch at a time from one server-side cursor on
    PostgreSQL; each batch's keys go in with one COPY, written between two fetches (the two never
    share the connection at once).  Names repeat (families, common names): each pair of given name
    and surname is keyed once.  Into an empty table (a first load) on PostgreSQL, the table's
    primary key, index and foreign key are set aside and made once after the rows
    (empty_table_load): a sort each, not a million inserts at random places.
    """
    with transaction.atomic(), ExitStack() as stack:
        if ClientSearchKey.objects.exists():
            ClientSearchKey.objects.all().delete()
        elif connection.vendor == "postgresql":
            _set_aside_indexes(stack)
        return _write_every_key(batch_size)


def _set_aside_indexes(stack: ExitStack) -> None:
    """Drop the empty table's indexes and keys until ``stack`` ends, when the transaction allows.

    Its foreign key cannot be dropped while the clients' table has trigger events pending (clients
    written earlier in the transaction, their own foreign keys checked at commit, as when seeding
    the demo): then nothing is set aside and the keys go in with the indexes in place.
    """
    try:
        with transaction.atomic():
            stack.enter_context(empty_table_load.indexes_made_after(ClientSearchKey, with_keys=True))
    except OperationalError as error:
        if not isinstance(error.__cause__, ObjectInUse):
            raise


def _write_every_key(batch_size: int) -> int:
    clients = Client.objects.order_by("pk").values_list(*KEY_FIELDS).iterator(chunk_size=batch_size)
    return sum(_write_keys(keyed) for keyed in keyed_batches(clients, batch_size))


def keyed_batches(
    clients: Iterable[Sequence], batch_size: int = BATCH
) -> Iterator[list[tuple[str, list[str]]]]:
    """Each batch of ``clients`` (``KEY_FIELDS`` rows) as (PersonalID, its keys in order).

    Names repeat (families, common names): each pair of given name and surname is keyed once.
    """
    by_name: dict[tuple[str | None, str | None], list[str]] = {}
    for batch in batched(clients, batch_size):
        keyed: list[tuple[str, list[str]]] = []
        for personal_id, first_name, last_name, dob, ssn in batch:
            names = by_name.get((first_name, last_name))
            if names is None:
                names = by_name[first_name, last_name] = list(name_keys(first_name, last_name))
            keys = set(names)
            _add_dob_and_ssn_keys(keys, dob, ssn)
            keyed.append((personal_id, sorted(keys)))
        yield keyed


def copy_text(keyed: list[tuple[str, list[str]]]) -> bytes:
    """Keys as PostgreSQL COPY text, one line per key: ``client_id`` then ``key`` (keys are letters,
    digits, ``:`` and ``-``, which COPY takes as they are; a PersonalID is escaped)."""
    lines: list[str] = []
    for personal_id, keys in keyed:
        prefix = copy_value(personal_id) + "\t"
        lines += [prefix + key for key in keys]
    return ("\n".join(lines) + "\n").encode() if lines else b""


def _write_keys(keyed: list[tuple[str, list[str]]]) -> int:
    """Write each client's keys; on PostgreSQL as COPY text (``copy_text``)."""
    if connection.vendor != "postgresql":
        return copy_rows(ClientSearchKey, ["client_id", "key"], _rows_of(keyed))
    text = copy_text(keyed)
    if text:
        copy_formatted(ClientSearchKey, ["client_id", "key"], text)
    return sum(len(keys) for _personal_id, keys in keyed)


def _rows_of(keyed: list[tuple[str, list[str]]]) -> Iterator[tuple[str, str]]:
    for personal_id, keys in keyed:
        for key in keys:
            yield personal_id, key
