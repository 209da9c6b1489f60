"""Social Security Numbers: encrypted at rest, shown masked, revealed only on purpose and audited.

The HUD column Client.SSN keeps a masked value that is still valid HUD data (``xxxxx1234``: HUD
uses x for unknown digits, FMT-10), so search by last four and exports of partial SSNs work
without decrypting.  The full number lives encrypted (Fernet: AES-128-CBC + HMAC-SHA256, from
the `cryptography` package) in SocialSecurityNumber.  Keys come from HEARTH_SSN_KEYS (comma-
separated Fernet keys, newest first, for rotation) or, by default, var/ssn_key made on first use.
"""

# ruff: noqa: S608 - statements join constant table names; every value is a bound parameter.

import base64
import hmac
import os
import re
import time
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings
from django.db import connection, transaction
from django.http import Http404

from hearth.access import audit
from hearth.access.models import AuditAction
from hearth.access.permissions import Permission
from hearth.access.policy import viewer_for
from hearth.clients.gate import NOT_FOUND, access_client
from hearth.clients.models import Client, SocialSecurityNumber
from hearth.hud.records import key_collation_sql

FULL_SSN = re.compile(r"^[0-9]{9}$")
HUD_SSN = re.compile(r"^[0-9xX]{9}$")
MASK = "xxxxx"


class SSNError(ValueError):
    """An SSN that is not nine digits (HUD allows x for unknown digits)."""


@cache
def _keys() -> tuple[str, ...]:
    """The configured Fernet keys, newest (the one that encrypts) first."""
    configured = os.environ.get("HEARTH_SSN_KEYS", "")
    keys = [k.strip() for k in configured.split(",") if k.strip()]
    if not keys:
        path = Path(settings.VAR_DIR) / "ssn_key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600)
            path.write_text(Fernet.generate_key().decode(), encoding="utf-8")
        keys = [path.read_text(encoding="utf-8").strip()]
    return tuple(keys)


@cache
def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(k.encode()) for k in _keys()])


def masked(ssn: str | None) -> str | None:
    """The stored, displayable form: ``xxxxx`` + last four digits (unknown digits stay x)."""
    if not ssn:
        return None
    return MASK + ssn[-4:]


def display(ssn: str | None) -> str:
    """``***-**-1234`` for a page."""
    if not ssn:
        return ""
    last_four = ssn[-4:].replace("x", "*").replace("X", "*")
    return f"***-**-{last_four}"


def encrypt(ssn: str) -> str:
    return _fernet().encrypt(ssn.encode("ascii")).decode("ascii")


# Fernet's token format (https://github.com/fernet/spec): version, timestamp, IV, AES-128-CBC
# ciphertext, HMAC-SHA256 of all of them.
FERNET_VERSION = b"\x80"
BLOCK = 16


def encrypt_many(numbers: Sequence[str]) -> list[str]:
    """``encrypt`` of each of ``numbers``, with a few calls for all of them (a bulk load seals
    hundreds of thousands).

    The tokens are Fernet's own, made with the newest key exactly as ``Fernet.encrypt`` makes them
    (a fresh random IV each), so ``decrypt`` and key rotation treat them alike.  An SSN fills one
    AES block once padded, and CBC over one block is AES of the block XOR the IV: so all the
    blocks go through AES in one call.  A longer value goes through Fernet itself.
    """
    plain = [n.encode("ascii") for n in numbers]
    if any(len(p) >= BLOCK for p in plain):
        return [encrypt(n) for n in numbers]
    key = base64.urlsafe_b64decode(_keys()[0])
    signing_key, encryption_key = key[:BLOCK], key[BLOCK:]
    size = BLOCK * len(plain)
    ivs = os.urandom(size)
    padded = b"".join(p + bytes([BLOCK - len(p)]) * (BLOCK - len(p)) for p in plain)
    mixed = (int.from_bytes(padded, "big") ^ int.from_bytes(ivs, "big")).to_bytes(size, "big")
    aes = Cipher(algorithms.AES(encryption_key), modes.ECB()).encryptor()  # noqa: S305 - one CBC block each
    blocks = aes.update(mixed) + aes.finalize()
    head = FERNET_VERSION + int(time.time()).to_bytes(8, "big")
    tokens = []
    for start in range(0, size, BLOCK):
        parts = head + ivs[start : start + BLOCK] + blocks[start : start + BLOCK]
        signed = parts + hmac.digest(signing_key, parts, "sha256")
        tokens.append(base64.urlsafe_b64encode(signed).decode("ascii"))
    return tokens


def decrypt(ciphertext: str) -> str:
    try:
        return _fernet().decrypt(ciphertext.encode("ascii")).decode("ascii")
    except InvalidToken as error:
        raise SSNError(
            "The stored SSN cannot be decrypted with the configured keys (HEARTH_SSN_KEYS)."
        ) from error


def store(client: Client, ssn: str | None) -> None:
    """Set a client's SSN: the mask in Client.ssn and, when digits are known, the full number encrypted."""
    if ssn is not None and not HUD_SSN.match(ssn):
        raise SSNError(f"An SSN must be nine digits (x for unknown digits), not {ssn!r}.")
    with transaction.atomic():
        client.ssn = masked(ssn)
        client.save(update_fields=["ssn"])
        SocialSecurityNumber.objects.filter(client=client).delete()
        if ssn is not None and any(ch.isdigit() for ch in ssn[:5]):
            SocialSecurityNumber.objects.create(client=client, ciphertext=encrypt(ssn))


def full_ssn(client: Client) -> str | None:
    """The full SSN (for reveal, export and data-quality checks); the mask when none is stored."""
    vault = SocialSecurityNumber.objects.filter(client=client).values_list("ciphertext", flat=True).first()
    return decrypt(vault) if vault else client.ssn


# Clients read, encrypted and copied out per round of ``seal_plaintext``: bounds its memory.
SEAL_BATCH = 50_000
_SEALED = "hearth_ssn_sealed"


def seal_plaintext(batch_size: int = SEAL_BATCH) -> int:
    """Encrypt every SSN stored in the clear in Client.ssn (after a bulk load) and mask it.

    Bulk paths (import, demo seeding) write HUD rows as they come; they call this in the same
    transaction so no full SSN stays readable at rest.  Returns the number of SSNs sealed.

    One pass over the clients in PersonalID order finds the clear SSNs; their ciphertexts go to a
    temporary table with COPY, then one statement each replaces the vault's rows and masks
    Client.ssn.  An SSN with no known digit before the last four is only masked.
    """
    client, vault = Client._meta.db_table, SocialSecurityNumber._meta.db_table
    sealed, after = 0, ""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {_SEALED} "
            f"(client_id varchar(32){key_collation_sql(connection)} PRIMARY KEY, ciphertext text)"
        )
        while True:
            cursor.execute(
                f"SELECT personal_id, ssn FROM {client} WHERE personal_id > %s AND ssn IS NOT NULL "
                f"AND ssn NOT LIKE %s ORDER BY personal_id LIMIT %s",
                [after, MASK + "%", batch_size],
            )
            batch: list[tuple[str, str]] = cursor.fetchall()
            if not batch:
                break
            full = [(pk, number) for pk, number in batch if any(ch.isdigit() for ch in number[:5])]
            ciphertexts = dict(zip([pk for pk, _ in full], encrypt_many([n for _, n in full]), strict=True))
            _keep_sealed(cursor, [(pk, ciphertexts.get(pk)) for pk, _ in batch])
            sealed += len(batch)
            after = batch[-1][0]
        cursor.execute(f"DELETE FROM {vault} WHERE client_id IN (SELECT client_id FROM {_SEALED})")
        cursor.execute(
            f"INSERT INTO {vault} (client_id, ciphertext) "
            f"SELECT client_id, ciphertext FROM {_SEALED} WHERE ciphertext IS NOT NULL"
        )
        cursor.execute(
            f"UPDATE {client} SET ssn = %s || substr(ssn, 6, 4) "
            f"WHERE personal_id IN (SELECT client_id FROM {_SEALED})",
            [MASK],
        )
        cursor.execute(f"DROP TABLE {_SEALED}")
    return sealed


def _keep_sealed(cursor: Any, rows: list[tuple[str, str | None]]) -> None:
    """Rows into the temporary table of ``seal_plaintext`` (COPY on PostgreSQL)."""
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {_SEALED} (client_id, ciphertext) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        cursor.executemany(f"INSERT INTO {_SEALED} (client_id, ciphertext) VALUES (%s, %s)", rows)


def reveal(user: Any, personal_id: str, *, actor: audit.Actor | None = None) -> str | None:
    """The full SSN for a user allowed to see the client and to reveal SSNs; the reveal is audited.

    Anyone else gets exactly the answer for a client that does not exist.
    """
    if not viewer_for(user).can(Permission.REVEAL_SSN):
        raise Http404(NOT_FOUND)
    actor = actor or audit.Actor.of(user)
    client = access_client(user, personal_id, actor=actor, purpose="reveal SSN")
    audit.record(
        AuditAction.REVEAL_SSN,
        actor=actor,
        object_type="clients.Client",
        object_id=client.pk,
        personal_id=client.pk,
    )
    return full_ssn(client)
