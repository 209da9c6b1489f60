"""Households: who heads them, who may join, and whose dates must fall within whose.

The rules (ids from ``../shared/spec/validation_rules.csv``):

* HH-01: exactly one member of a household stay has RelationshipToHoH = 1 (Self).
* HH-03: every member has a relationship of list 3.15.1; 99 counts as missing.
* HH-04: members' stays fall within the head of household's: a member may join later or leave
  earlier, never before the head starts or after the head leaves.  If the head leaves first,
  another member becomes head of household.
* REF-11: the same client in the same project on the same start date twice is a duplicate; an
  open stay in a project is not opened again.
* VAWA and PD-05: projects of victim service providers hold no identifying client data.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from hearth.enrollments.data_quality import Finding, error
from hearth.hud.generated.lists import RelationshipToHoH

HEAD = RelationshipToHoH.SELF_HEAD_OF_HOUSEHOLD.value
MEMBER_RELATIONSHIPS = tuple(code for code in RelationshipToHoH.values if code != HEAD)
# Client.csv columns that identify a person (HUD 3.01-3.03); a victim service provider's client
# record leaves them empty (VAWA confidentiality; HUD's comparable database guidance).
IDENTIFYING_FIELDS = ("first_name", "middle_name", "last_name", "name_suffix", "ssn", "dob")


@dataclass(frozen=True)
class Stay:
    """One member's stay, as the household rules see it."""

    personal_id: str
    relationship_to_hoh: int
    entry_date: datetime.date
    exit_date: datetime.date | None = None

    @property
    def is_head(self) -> bool:
        return self.relationship_to_hoh == HEAD


def check_one_head(stays: Sequence[Stay], field: str = "") -> list[Finding]:
    """HH-01: exactly one head of household."""
    heads = sum(1 for stay in stays if stay.is_head)
    if heads == 1:
        return []
    if heads == 0:
        return [error(field, _("The household needs a head of household."), "HH-01")]
    return [error(field, _("A household has exactly one head of household."), "HH-01")]


def check_relationship(relationship: Any, field: str, *, joining: bool = True) -> list[Finding]:
    """HH-03: a relationship of list 3.15.1; a member who joins is not a second head (HH-01)."""
    if relationship not in RelationshipToHoH.values:
        return [error(field, _("Choose the member's relationship to the head of household."), "HH-03")]
    if joining and relationship == HEAD:
        return [
            error(
                field,
                _("The household already has a head of household: choose how this member relates to them."),
                "HH-01",
            )
        ]
    return []


def check_within_head(
    stay: Stay, head: Stay, *, entry_field: str = "", exit_field: str = ""
) -> list[Finding]:
    """HH-04: the member's stay lies within the head of household's."""
    findings = []
    if stay.entry_date < head.entry_date:
        findings.append(
            error(
                entry_field,
                _("A member cannot start before the head of household (%(start)s).")
                % {"start": head.entry_date},
                "HH-04",
            )
        )
    if head.exit_date is not None and stay.entry_date >= head.exit_date:
        findings.append(
            error(
                entry_field, _("The head of household left on %(exit)s.") % {"exit": head.exit_date}, "HH-04"
            )
        )
    if head.exit_date is not None and stay.exit_date is not None and stay.exit_date > head.exit_date:
        findings.append(
            error(
                exit_field,
                _("A member cannot leave after the head of household (%(exit)s).") % {"exit": head.exit_date},
                "HH-04",
            )
        )
    return findings


def check_head_leaves_last(leaving: Iterable[str], stays: Sequence[Stay], field: str = "") -> list[Finding]:
    """HH-04: the head of household leaves with, or after, every other member."""
    leaving = set(leaving)
    head = next((stay for stay in stays if stay.is_head), None)
    if head is None or head.personal_id not in leaving:
        return []
    staying = [s for s in stays if s.personal_id not in leaving and s.exit_date is None and not s.is_head]
    if not staying:
        return []
    return [
        error(
            field,
            _(
                "The head of household cannot leave while other members stay: exit the whole household, "
                "or make another member the head of household first."
            ),
            "HH-04",
        )
    ]


def check_not_enrolled(
    personal_id: str,
    entry_date: datetime.date,
    stays_in_project: Iterable[Stay],
    *,
    field: str = "",
    name: str = "",
) -> list[Finding]:
    """REF-11: no second stay in the project on the same start date, nor one overlapping a stay
    that is open or ends after ``entry_date`` (the new stay is open-ended)."""
    for stay in stays_in_project:
        if stay.personal_id != personal_id:
            continue
        if stay.entry_date == entry_date or stay.exit_date is None or stay.exit_date > entry_date:
            return [
                error(
                    field,
                    _("%(who)s already has a stay in this project from %(start)s.")
                    % {"who": name or _("This client"), "start": stay.entry_date},
                    "REF-11",
                )
            ]
    return []


def has_identifying_data(client: Any) -> bool:
    return any(getattr(client, name, None) not in (None, "") for name in IDENTIFYING_FIELDS)


def check_victim_service_provider(
    client: Any, *, is_victim_service_provider: bool, field: str = ""
) -> list[Finding]:
    """VAWA, PD-05: a victim service provider's project takes only de-identified client records."""
    if is_victim_service_provider and has_identifying_data(client):
        return [
            error(
                field,
                _(
                    "This project is run by a victim service provider, which holds no identifying data: "
                    "enroll a de-identified client record (no name, SSN or date of birth)."
                ),
                "PD-05",
            )
        ]
    return []
