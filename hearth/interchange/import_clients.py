"""What an import does for clients beyond their rows: SSNs sealed, search keys renewed, hashes kept apart.

Hearth keeps a client's full SSN encrypted and the HUD column masked (hearth/clients/ssn.py), and
keeps search keys for every live client (hearth/clients/search_keys.py); a bulk load makes both
right once, after its merge, for the clients it changed.  A hashed export's names and SSN go to
HashedClientIdentifiers (docs/adr/0001-hashed-exports.md).
"""

from typing import Any

from django.db import models

from hearth.clients import search_keys
from hearth.clients import ssn as client_ssn
from hearth.clients.models import SocialSecurityNumber
from hearth.interchange import staging
from hearth.interchange.models import HashedClientIdentifiers
from hearth.interchange.staging import HASH_COLUMNS, HASHED_PREFIX

CLIENT_BATCH = 2000
# Renewing every client's search keys is cheaper than renewing this many one batch at a time.
REBUILD_SEARCH_KEYS_ABOVE = 50_000
HASHED_COLUMNS = ("FirstName", "MiddleName", "LastName", "SSN")


def secure_and_index_clients(client_ids: list[str]) -> None:
    """After the merge: encrypt the full SSNs just written (Client.ssn keeps the mask), and renew the
    search keys of the clients the import changed (hearth/clients/ssn.py, search_keys.py)."""
    if SocialSecurityNumber.objects.exists():  # none in an empty Hearth: nothing to look up
        for start in range(0, len(client_ids), CLIENT_BATCH):
            batch = client_ids[start : start + CLIENT_BATCH]
            SocialSecurityNumber.objects.filter(client_id__in=batch).delete()
    client_ssn.seal_plaintext()
    index_clients(client_ids)


def index_clients(client_ids: list[str]) -> None:
    """Renew the search keys of the clients an import changed (all of them when many)."""
    if len(client_ids) > REBUILD_SEARCH_KEYS_ABOVE:
        search_keys.rebuild()
        return
    for start in range(0, len(client_ids), CLIENT_BATCH):
        search_keys.refresh(client_ids[start : start + CLIENT_BATCH])


def partial_ssn_masked(staged: list[Any], ssn_at: int) -> list[Any]:
    """An SSN with no known digit before the last four is stored as Hearth masks SSNs (``xxxxx1234``:
    the same value, since FMT-10 reads x and X alike), so that re-importing it changes nothing."""
    ssn = staged[ssn_at]
    if ssn and not any(ch.isdigit() for ch in ssn[:5]) and not ssn.startswith(client_ssn.MASK):
        staged[ssn_at] = client_ssn.MASK + ssn[5:]
    return staged


def hashed_client(staged: list[Any], position: dict[str, int], hash_status: int) -> list[Any]:
    """Move a hashed export's names and SSN to the hashed columns; keep the SSN's last four digits."""
    bookkeeping, values = staged[: len(staging.BOOKKEEPING)], staged[len(staging.BOOKKEEPING) :]
    hashed = [values[position[name]] for name in HASHED_COLUMNS]
    for name in HASHED_COLUMNS:
        values[position[name]] = None
    ssn = hashed[-1]
    values[position["SSN"]] = client_ssn.MASK + ssn[:4] if ssn else None
    return [*bookkeeping, *values, *hashed, hash_status]


def merge_hashed_identifiers(client_model: type[models.Model]) -> None:
    """Upsert the staged hashed clients' hashes into HashedClientIdentifiers."""
    select = {
        "client_id": "s.personal_id",
        "hash_status": f"s.{HASHED_PREFIX}status",
        **{name: f"s.{HASHED_PREFIX}{name}" for name in HASH_COLUMNS},
        "date_updated": "s.date_updated",
        "export_id": "s.export_id",
    }
    staging.merge(
        HashedClientIdentifiers,
        select=select,
        where=f"s.{HASHED_PREFIX}status IS NOT NULL",
        source=client_model,
    )
