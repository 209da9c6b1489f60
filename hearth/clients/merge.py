"""Merging two records of one person, field by field, and undoing a merge exactly.

The HMIS Lead (permission ``merge_clients``) keeps one record, the *survivor*, and chooses for each
universal data element whose value it keeps.  Every record that names the other client, the
*merged* one, moves to the survivor: all HUD records (enrollments, exits, income, services,
assessments, events...), consents, origins, restriction, case notes, documents, and any model
added later with a foreign key to Client (they are found through Django's registry, not listed).
A row that cannot move because the survivor already has its one-per-client counterpart (an
origin at the same agency, a restriction) stays with the merged client.  The merged client is
soft-deleted (DateDeleted), which is how HUD exchange says "this PersonalID is gone".

ClientMerge keeps both clients' columns before the merge and every row moved with its DateUpdated
before the move, so that ``undo_merge`` puts back both clients and each row exactly; a row
changed since the merge keeps its newer DateUpdated.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.access import audit
from hearth.access.models import Account, AuditAction
from hearth.access.permissions import Permission
from hearth.access.policy import viewer_for
from hearth.clients import search_keys
from hearth.clients.gate import NOT_FOUND, access_client
from hearth.clients.models import Client, ClientMerge, ClientSearchKey, DeIdentification, SocialSecurityNumber
from hearth.clients.services import RACE_FIELDS, ClientError, hmis_user_of
from hearth.hud.generated.lists import NameDataQuality

SURVIVOR, MERGED = "survivor", "merged"
# Rows that describe the client row itself, not the person: they never move (the SSN vault follows
# the SSN choice instead; search keys are recomputed).
STAYS = (ClientMerge, ClientSearchKey, SocialSecurityNumber, DeIdentification)
VETERAN_FIELDS = (
    "veteran_status",
    "year_entered_service",
    "year_separated",
    "world_war_ii",
    "korean_war",
    "vietnam_war",
    "desert_storm",
    "afghanistan_oef",
    "iraq_oif",
    "iraq_ond",
    "other_theater",
    "military_branch",
    "discharge_status",
)


@dataclass(frozen=True)
class FieldGroup:
    """Columns chosen together, so a value keeps its own data-quality answer."""

    key: str
    label: Any
    columns: tuple[str, ...]


FIELD_GROUPS = (
    FieldGroup("first_name", gettext_lazy("First name"), ("first_name",)),
    FieldGroup("middle_name", gettext_lazy("Middle name"), ("middle_name",)),
    FieldGroup("last_name", gettext_lazy("Last name"), ("last_name",)),
    FieldGroup("name_suffix", gettext_lazy("Suffix"), ("name_suffix",)),
    FieldGroup("name_data_quality", gettext_lazy("Name data quality"), ("name_data_quality",)),
    FieldGroup("ssn", gettext_lazy("SSN and its data quality"), ("ssn", "ssn_data_quality")),
    FieldGroup("dob", gettext_lazy("Date of birth and its data quality"), ("dob", "dob_data_quality")),
    FieldGroup("sex", gettext_lazy("Sex"), ("sex",)),
    FieldGroup(
        "race",
        gettext_lazy("Race and ethnicity"),
        (*RACE_FIELDS, "race_none", "additional_race_ethnicity"),
    ),
    FieldGroup("veteran", gettext_lazy("Veteran status and service"), VETERAN_FIELDS),
)
GROUPS = {group.key: group for group in FIELD_GROUPS}


# -- snapshots ------------------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date | datetime.datetime) else value


def snapshot(client: Client) -> dict[str, Any]:
    """Every column of the Client row, as JSON keeps it."""
    return {f.attname: _jsonable(getattr(client, f.attname)) for f in Client._meta.concrete_fields}


def restore(client: Client, values: Mapping[str, Any]) -> None:
    for f in Client._meta.concrete_fields:
        if f.primary_key:
            continue
        value = values[f.attname]
        setattr(client, f.attname, f.to_python(value) if value is not None else None)
    client.save(update_fields=[f.name for f in Client._meta.concrete_fields if not f.primary_key])


# -- what points at a client ----------------------------------------------------------------------


def client_relations() -> list[tuple[type[models.Model], models.ForeignKey]]:
    """Every (model, foreign key) that names a client, hidden ones included, except STAYS."""
    found = []
    for relation in Client._meta.get_fields(include_hidden=True):
        if not (relation.is_relation and relation.auto_created and not relation.concrete):
            continue
        model, field = relation.related_model, relation.remote_field
        if isinstance(model, type) and not issubclass(model, STAYS) and isinstance(field, models.ForeignKey):
            found.append((model, field))
    return sorted(found, key=lambda pair: (pair[0]._meta.label, pair[1].name))


def _stays(model: type[models.Model], field: models.ForeignKey, row: models.Model, survivor: Client) -> bool:
    """Whether the survivor already has this row's one-per-client counterpart (a unique rule)."""
    manager = model._base_manager
    if field.unique:
        return manager.filter(**{field.name: survivor}).exists()
    rules = [c.fields for c in model._meta.total_unique_constraints] + list(model._meta.unique_together)
    for rule in rules:
        if field.name in rule:
            partners = {name: getattr(row, name) for name in rule if name != field.name}
            if manager.filter(**{field.name: survivor}, **partners).exists():
                return True
    return False


def _move(merged: Client, survivor: Client, now: datetime.datetime) -> dict[str, Any]:
    moved: dict[str, Any] = {}
    for model, field in client_relations():
        manager = model._base_manager
        has_date_updated = any(f.name == "date_updated" for f in model._meta.concrete_fields)
        rows = list(manager.filter(**{field.name: merged}).order_by("pk"))
        going = [row for row in rows if not _stays(model, field, row, survivor)]
        if not going:
            continue
        record = [[row.pk, _jsonable(getattr(row, "date_updated", None))] for row in going]
        changes: dict[str, Any] = {field.attname: survivor.pk}
        if has_date_updated:
            changes["date_updated"] = now
        manager.filter(pk__in=[row.pk for row in going]).update(**changes)
        if field.primary_key:  # a one-to-one keyed by the client: its primary key is now the survivor's
            record = [[survivor.pk, old] for _pk, old in record]
        moved[model._meta.label] = {"field": field.name, "rows": record}
    return moved


def _move_back(merge: ClientMerge, merged: Client, survivor: Client) -> None:
    for label, entry in merge.moved.items():
        model = apps.get_model(label)
        field = model._meta.get_field(entry["field"])
        manager = model._base_manager
        date_field = next((f for f in model._meta.concrete_fields if f.name == "date_updated"), None)
        olds = dict(entry["rows"])
        if field.primary_key:
            rows = list(manager.filter(pk=survivor.pk))
        else:
            rows = list(manager.filter(pk__in=list(olds), **{field.name: survivor}))
        for row in rows:
            old = olds[row.pk]
            if date_field is not None and old is not None and row.date_updated == merge.merged_at:
                row.date_updated = date_field.to_python(old)
        if field.primary_key:
            changes: dict[str, Any] = {field.attname: merged.pk}
            if rows and date_field is not None:
                changes["date_updated"] = rows[0].date_updated
            manager.filter(pk=survivor.pk).update(**changes)
            continue
        for row in rows:
            setattr(row, field.attname, merged.pk)
        names = [field.name] + (["date_updated"] if date_field is not None else [])
        manager.bulk_update(rows, names, batch_size=500)


def _swap_ssn_vaults(a: Client, b: Client) -> None:
    """Exchange the two clients' encrypted SSNs (doing it twice changes nothing)."""
    vaults = {v.client_id: v.ciphertext for v in SocialSecurityNumber.objects.filter(client__in=[a, b])}
    SocialSecurityNumber.objects.filter(client__in=[a, b]).delete()
    SocialSecurityNumber.objects.bulk_create(
        SocialSecurityNumber(client=owner, ciphertext=vaults[other.pk])
        for owner, other in ((a, b), (b, a))
        if other.pk in vaults
    )


# -- the services ---------------------------------------------------------------------------------


def _may_merge(user: Any) -> None:
    if not viewer_for(user).can(Permission.MERGE_CLIENTS):
        raise Http404(NOT_FOUND)


def merge_clients(
    *, user: Account, survivor_id: str, merged_id: str, choices: Mapping[str, str]
) -> ClientMerge:
    """Make ``merged_id`` part of ``survivor_id``, keeping per field group the value chosen."""
    _may_merge(user)
    if survivor_id == merged_id:
        raise ClientError(_("Choose two different clients to merge."))
    unknown = set(choices) - set(GROUPS)
    if unknown or any(value not in (SURVIVOR, MERGED) for value in choices.values()):
        raise ClientError(_("Choose, for each field, the value of one of the two clients."))
    with transaction.atomic():
        actor = audit.Actor.of(user)
        access_client(user, survivor_id, actor=actor, purpose="merge")
        access_client(user, merged_id, actor=actor, purpose="merge")
        locked = {
            c.pk: c
            for c in Client.objects.select_for_update().filter(pk__in=sorted([survivor_id, merged_id]))
        }
        survivor, merged = locked[survivor_id], locked[merged_id]
        survivor_before, merged_before = snapshot(survivor), snapshot(merged)
        taken = [key for key, value in choices.items() if value == MERGED]
        for key in taken:
            for column in GROUPS[key].columns:
                setattr(survivor, column, getattr(merged, column))
        if survivor.name_data_quality == NameDataQuality.FULL_NAME_REPORTED and not (
            survivor.first_name and survivor.last_name
        ):
            raise ClientError(
                _("The name kept would be reported as full without a first and a last name: choose again.")
            )
        now = timezone.now()
        survivor.user = hmis_user_of(user)
        survivor.date_updated = now
        survivor.save()
        merged.date_updated = merged.date_deleted = now
        merged.save(update_fields=["date_updated", "date_deleted"])
        if "ssn" in taken:
            _swap_ssn_vaults(survivor, merged)
        moved = _move(merged, survivor, now)
        merge = ClientMerge.objects.create(
            survivor=survivor,
            merged=merged,
            choices={key: choices.get(key, SURVIVOR) for key in GROUPS},
            survivor_before=survivor_before,
            merged_before=merged_before,
            moved=moved,
            ssn_vault_swapped="ssn" in taken,
            merged_by=user,
            merged_as_id=viewer_for(user).organization_id or "",
            merged_at=now,
        )
        search_keys.refresh([survivor.pk, merged.pk])
        changed = audit.changes(
            {k: survivor_before[k] for k in survivor_before if k not in ("date_updated", "user_id")},
            {k: v for k, v in snapshot(survivor).items() if k not in ("date_updated", "user_id")},
        )
        counts = {label: len(entry["rows"]) for label, entry in moved.items()}
        for personal_id in (survivor.pk, merged.pk):
            audit.record(
                AuditAction.MERGE,
                actor=actor,
                object_type="clients.ClientMerge",
                object_id=str(merge.pk),
                personal_id=personal_id,
                detail={"survivor": survivor.pk, "merged": merged.pk, "fields": changed, "moved": counts},
            )
    return merge


def undo_merge(*, user: Account, merge_id: int) -> ClientMerge:
    """Put both clients and every moved row back as they were before the merge."""
    _may_merge(user)
    with transaction.atomic():
        merge = ClientMerge.objects.select_for_update().filter(pk=merge_id).first()
        if merge is None:
            raise Http404(_("No merge with that ID."))
        actor = audit.Actor.of(user)
        access_client(user, merge.survivor_id, actor=actor, purpose="undo merge")
        if merge.undone_at is not None:
            raise ClientError(_("This merge was already undone."))
        both = [merge.survivor_id, merge.merged_id]
        later = ClientMerge.objects.filter(undone_at__isnull=True, merged_at__gt=merge.merged_at).filter(
            Q(survivor_id__in=both) | Q(merged_id__in=both)
        )
        if later.exists():
            raise ClientError(_("These clients were merged again afterwards: undo the later merge first."))
        locked = {c.pk: c for c in Client.all_objects.select_for_update().filter(pk__in=sorted(both))}
        survivor, merged = locked[merge.survivor_id], locked[merge.merged_id]
        restore(merged, merge.merged_before)
        _move_back(merge, merged, survivor)
        restore(survivor, merge.survivor_before)
        if merge.ssn_vault_swapped:
            _swap_ssn_vaults(survivor, merged)
        merge.undone_at = timezone.now()
        merge.undone_by = user
        merge.save(update_fields=["undone_at", "undone_by"])
        search_keys.refresh(both)
        for personal_id in both:
            audit.record(
                AuditAction.UNMERGE,
                actor=actor,
                object_type="clients.ClientMerge",
                object_id=str(merge.pk),
                personal_id=personal_id,
                detail={"survivor": merge.survivor_id, "merged": merge.merged_id},
            )
    return merge
