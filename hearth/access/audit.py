"""The audit log: append an entry, and verify the hash chain.

Each entry's hash is SHA-256 over the previous entry's hash and the entry's own content, so
altering, removing or inserting a row anywhere breaks every link after it.  Appending locks the
single chain-head row, which serialises writers (HUD 2004 Technical Standards 4.3.1: audit
controls; Hearth logs every view of a client record as well as every change).
"""

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from hearth.access.models import AuditAction, AuditChainHead, AuditEvent

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class Actor:
    """Who did something: the account, the agency it acted as, and where from."""

    account_id: int | None
    username: str
    organization_id: str = ""
    ip_address: str | None = None

    @classmethod
    def system(cls, name: str = "system") -> "Actor":
        return cls(account_id=None, username=name)

    @classmethod
    def of(cls, account: Any, *, ip_address: str | None = None) -> "Actor":
        return cls(
            account_id=account.pk,
            username=account.get_username(),
            organization_id=account.acting_organization_id or "",
            ip_address=ip_address,
        )

    @classmethod
    def from_request(cls, request: HttpRequest) -> "Actor":
        ip = request.META.get("REMOTE_ADDR") or None
        if request.user.is_authenticated:
            return cls.of(request.user, ip_address=ip)
        return cls(account_id=None, username="", ip_address=ip)


def _content(event: AuditEvent) -> dict[str, Any]:
    return {
        "occurred_at": event.occurred_at.isoformat(),
        "account_id": event.account_id,
        "username": event.username,
        "acting_organization_id": event.acting_organization_id,
        "ip_address": event.ip_address,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "personal_id": event.personal_id,
        "detail": event.detail,
    }


def compute_hash(previous_hash: str, event: AuditEvent) -> str:
    payload = json.dumps(
        _content(event), sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )
    return hashlib.sha256((previous_hash + payload).encode("utf-8")).hexdigest()


def record(
    action: AuditAction | str,
    *,
    actor: Actor,
    object_type: str = "",
    object_id: str = "",
    personal_id: str = "",
    detail: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append one entry to the audit log, in the caller's transaction (or its own)."""
    # Round-trip the detail through JSON so the hash is computed over exactly what is stored.
    stored_detail = json.loads(json.dumps(dict(detail or {}), default=str))
    with transaction.atomic():
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"last_hash": GENESIS_HASH}
        )
        event = AuditEvent(
            occurred_at=timezone.now(),
            account_id=actor.account_id,
            username=actor.username,
            acting_organization_id=actor.organization_id,
            ip_address=actor.ip_address,
            action=str(action),
            object_type=object_type,
            object_id=str(object_id),
            personal_id=personal_id,
            detail=stored_detail,
            previous_hash=head.last_hash,
        )
        event.hash = compute_hash(head.last_hash, event)
        event.save()
        head.last_hash = event.hash
        head.save(update_fields=["last_hash"])
    return event


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Field-level differences as {field: [before, after]}, for update entries."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def record_change(
    user: Any, action: AuditAction | str, written: Any, before: Mapping[str, Any], after: Mapping[str, Any]
) -> AuditEvent:
    """Audit a write to one client-data record (it has ``client_id``): the fields before and after."""
    return record(
        action,
        actor=Actor.of(user),
        object_type=written._meta.label,
        object_id=written.pk,
        personal_id=written.client_id,
        detail={"changes": changes(before, after)},
    )


@dataclass(frozen=True)
class Verification:
    checked: int
    first_broken_id: int | None
    reason: str

    @property
    def is_intact(self) -> bool:
        return self.first_broken_id is None and not self.reason


def verify() -> Verification:
    """Recompute the whole chain; name the first entry whose link does not hold."""
    previous = GENESIS_HASH
    checked = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if event.previous_hash != previous:
            return Verification(checked, event.id, "its previous_hash does not match the entry before it")
        if compute_hash(previous, event) != event.hash:
            return Verification(checked, event.id, "its content does not match its hash (altered)")
        previous = event.hash
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and head.last_hash != previous:
        return Verification(checked, None, "the chain head does not match the last entry (entries removed)")
    return Verification(checked, None, "")
