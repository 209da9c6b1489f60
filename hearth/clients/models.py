"""Clients: the people an HMIS serves, one record per person across the Continuum."""

from typing import Any, Self

from django.db import models

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
