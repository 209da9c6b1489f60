"""Clients: the people an HMIS serves, one record per person across the Continuum."""

from hearth.clients.hud_records import ClientRecord


class Client(ClientRecord):
    """A person (HUD universal data elements 3.01-3.07, 4.21, V1)."""

    def __str__(self) -> str:
        return self.personal_id
