"""Clients: the people an HMIS serves, one record per person across the Continuum."""

import uuid
from pathlib import Path
from typing import Any, Self

from django.db import models
from django.utils import timezone

from hearth.access.policy import client_filter, viewer_for
from hearth.clients.hud_records import ClientRecord
from hearth.hud.records import HudQuerySet, LiveManager


class ClientQuerySet(HudQuerySet):
    def visible_to(self, user: Any) -> Self:
        """The clients this user may see now (hearth/access/policy.py decides)."""
        return self.filter(client_filter(viewer_for(user)))


class Client(ClientRecord):
    """A person (HUD universal data elements 3.01-3.07, 4.21, V1)."""

    # The generated base declares HudQuerySet managers; these narrow them to the gated queryset.
    objects = LiveManager.from_queryset(ClientQuerySet)()  # type: ignore[misc, assignment]
    all_objects = ClientQuerySet.as_manager()  # type: ignore[misc]

    def __str__(self) -> str:
        return self.personal_id


class SocialSecurityNumber(models.Model):
    """A client's full SSN, encrypted (see hearth/clients/ssn.py); Client.ssn holds only the mask."""

    client = models.OneToOneField(Client, on_delete=models.CASCADE, primary_key=True, related_name="+")
    ciphertext = models.TextField()

    class Meta:
        ordering = ["client_id"]


class DeIdentification(models.Model):
    """A client whose identifying data was removed by the retention purge (hearth/clients/retention.py)."""

    client = models.OneToOneField(Client, on_delete=models.CASCADE, primary_key=True, related_name="+")
    deidentified_at = models.DateTimeField()

    class Meta:
        ordering = ["client_id"]


class ClientSearchKey(models.Model):
    """A blocking key of a live client, for search (hearth/clients/search_keys.py makes them)."""

    pk = models.CompositePrimaryKey("client", "key")
    # The primary key (client, key) serves lookups by client; the index below, lookups by key.
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+", db_index=False)
    key = models.CharField(max_length=64)

    class Meta:
        ordering = ["client_id", "key"]
        indexes = [models.Index(fields=["key", "client"], name="clients_search_key_lookup")]


class CaseNote(models.Model):
    """A case manager's note about a client.

    Seen by the agency that wrote it and by the HMIS Lead: a consent to share covers HUD data,
    not an agency's own case notes.
    """

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="case_notes")
    text = models.TextField()
    written_by = models.ForeignKey("access.Account", on_delete=models.PROTECT, related_name="+")
    written_as = models.ForeignKey("agencies.Organization", on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["client_id", "-written_at", "-pk"]


def document_path(document: "ClientDocument", filename: str) -> str:
    """A random stored name: the client's file name is kept in ``file_name`` only."""
    return f"client-documents/{timezone.now():%Y}/{uuid.uuid4().hex}{Path(filename).suffix.lower()[:8]}"


class ClientDocument(models.Model):
    """A file about a client (ID, income proof, disability verification), stored under MEDIA_ROOT.

    Seen by the agency that uploaded it and by the HMIS Lead, like case notes.
    """

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=document_path, max_length=200)
    file_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey("access.Account", on_delete=models.PROTECT, related_name="+")
    uploaded_as = models.ForeignKey("agencies.Organization", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["client_id", "-uploaded_at", "-pk"]


class ClientMerge(models.Model):
    """Two records of one person made one, kept so that the merge can be undone exactly.

    ``survivor_before`` / ``merged_before``: every column of both Client rows before the merge.
    ``choices``: for each field, whose value the survivor kept ("survivor" or "merged").
    ``moved``: for each model label, the field that points at the client and the rows moved to
    the survivor, each ``[pk, DateUpdated before the move]`` (null for rows without one).
    """

    survivor = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    merged = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    choices = models.JSONField(default=dict)
    survivor_before = models.JSONField()
    merged_before = models.JSONField()
    moved = models.JSONField(default=dict)
    ssn_vault_swapped = models.BooleanField(default=False)
    merged_by = models.ForeignKey("access.Account", on_delete=models.PROTECT, related_name="+")
    merged_as = models.ForeignKey("agencies.Organization", on_delete=models.PROTECT, related_name="+")
    merged_at = models.DateTimeField(default=timezone.now)
    undone_by = models.ForeignKey(
        "access.Account", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-merged_at", "-pk"]
