"""Social Security Numbers: encrypted at rest, shown masked, revealed only on purpose and audited.

The HUD column Client.SSN keeps a masked value that is still valid HUD data (``xxxxx1234``: HUD
uses x for unknown digits, FMT-10), so search by last four and exports of partial SSNs work
without decrypting.  The full number lives encrypted (Fernet: AES-128-CBC + HMAC-SHA256, from
the `cryptography` package) in SocialSecurityNumber.  Keys come from HEARTH_SSN_KEYS (comma-
separated Fernet keys, newest first, for rotation) or, by default, var/ssn_key made on first use.
"""

import os
import re
from functools import cache
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.http import Http404

from hearth.access import audit
from hearth.access.models import AuditAction
from hearth.access.permissions import Permission
from hearth.access.policy import viewer_for
from hearth.clients.gate import NOT_FOUND, access_client
from hearth.clients.models import Client, SocialSecurityNumber

FULL_SSN = re.compile(r"^[0-9]{9}$")
HUD_SSN = re.compile(r"^[0-9xX]{9}$")
MASK = "xxxxx"


class SSNError(ValueError):
    """An SSN that is not nine digits (HUD allows x for unknown digits)."""


@cache
def _fernet() -> MultiFernet:
    configured = os.environ.get("HEARTH_SSN_KEYS", "")
    keys = [k.strip() for k in configured.split(",") if k.strip()]
    if not keys:
        path = Path(settings.VAR_DIR) / "ssn_key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600)
            path.write_text(Fernet.generate_key().decode(), encoding="utf-8")
        keys = [path.read_text(encoding="utf-8").strip()]
    return MultiFernet([Fernet(k.encode()) for k in keys])


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


def seal_plaintext(batch_size: int = 2000) -> int:
    """Encrypt every SSN stored in the clear in Client.ssn (after a bulk load) and mask it.

    Bulk paths (import, demo seeding) write HUD rows as they come; they call this in the same
    transaction so no full SSN stays readable at rest.  Returns the number of SSNs sealed.
    """
    sealed = 0
    while True:
        batch: list[tuple[str, str]] = [
            (pk, number or "")
            for pk, number in Client.all_objects.exclude(ssn__isnull=True)
            .exclude(ssn__startswith=MASK)
            .values_list("personal_id", "ssn")[:batch_size]
        ]
        if not batch:
            return sealed
        SocialSecurityNumber.objects.filter(client_id__in=[pk for pk, _ in batch]).delete()
        SocialSecurityNumber.objects.bulk_create(
            SocialSecurityNumber(client_id=pk, ciphertext=encrypt(ssn))
            for pk, ssn in batch
            if any(ch.isdigit() for ch in ssn[:5])
        )
        Client.all_objects.filter(pk__in=[pk for pk, _ in batch]).update(
            ssn=Concat(Value(MASK), Substr("ssn", 6, 4))
        )
        sealed += len(batch)


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
