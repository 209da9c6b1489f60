"""Retention: de-identify clients with no activity for seven years (HUD 2004 HMIS Privacy
Standards 4.2.3: personal information not in current use seven years after it was created or last
changed is purged or de-identified).

Activity is any create or change of the client or of any HUD record about them (DateUpdated).
De-identification keeps the statistics that reports need and removes what identifies the person:
names and SSN are cleared (NameDataQuality and SSNDataQuality 99), the date of birth is kept to
its year (1 January, DOBDataQuality 2 "approximate or partial"), the encrypted SSN is deleted.
Each client purged gets an audit entry and a DeIdentification row.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from hearth.access import audit
from hearth.access.models import AuditAction
from hearth.clients import search_keys
from hearth.clients.models import Client, DeIdentification, SocialSecurityNumber

RETENTION_YEARS = 7
# Every HUD record that names a client (PersonalID), by app label and model.
CLIENT_RECORDS = (
    ("enrollments", "Enrollment"),
    ("enrollments", "Exit"),
    ("enrollments", "IncomeBenefits"),
    ("enrollments", "HealthAndDV"),
    ("enrollments", "EmploymentEducation"),
    ("enrollments", "Disabilities"),
    ("enrollments", "Services"),
    ("enrollments", "CurrentLivingSituation"),
    ("enrollments", "YouthEducationStatus"),
    ("coordinated_entry", "Assessment"),
    ("coordinated_entry", "AssessmentQuestions"),
    ("coordinated_entry", "AssessmentResults"),
    ("coordinated_entry", "Event"),
)


@dataclass(frozen=True)
class RetentionReport:
    cutoff: datetime.datetime
    candidates: int
    purged: int
    sample: list[str]


def inactive_clients(cutoff: datetime.datetime) -> QuerySet[Client]:
    """Clients not changed since ``cutoff`` with no HUD record about them changed since then."""
    recent = Q()
    for app_label, model_name in CLIENT_RECORDS:
        model = apps.get_model(app_label, model_name)
        recent |= Q(Exists(model.all_objects.filter(client_id=OuterRef("pk"), date_updated__gte=cutoff)))
    already = Exists(DeIdentification.objects.filter(client_id=OuterRef("pk")))
    return Client.all_objects.filter(date_updated__lt=cutoff).exclude(recent).exclude(already).order_by("pk")


def purge(*, apply: bool, actor: audit.Actor, as_of: datetime.datetime | None = None) -> RetentionReport:
    now = as_of or timezone.now()
    cutoff = now.replace(year=now.year - RETENTION_YEARS)
    candidates = inactive_clients(cutoff)
    ids = list(candidates.values_list("pk", flat=True))
    if not apply:
        return RetentionReport(cutoff=cutoff, candidates=len(ids), purged=0, sample=ids[:20])
    with transaction.atomic():
        for client in Client.all_objects.filter(pk__in=ids).select_for_update().order_by("pk"):
            _deidentify(client, now)
            audit.record(
                AuditAction.PURGE,
                actor=actor,
                object_type="clients.Client",
                object_id=client.pk,
                personal_id=client.pk,
                detail={"cutoff": cutoff.isoformat(), "fields": ["names", "ssn", "dob"]},
            )
        # The search keys are derived from the names, DOB and SSN just removed: renew them too.
        for start in range(0, len(ids), 2000):
            search_keys.refresh(ids[start : start + 2000])
    return RetentionReport(cutoff=cutoff, candidates=len(ids), purged=len(ids), sample=ids[:20])


def _deidentify(client: Client, now: datetime.datetime) -> None:
    client.first_name = client.middle_name = client.last_name = client.name_suffix = None
    client.name_data_quality = 99
    client.ssn = None
    client.ssn_data_quality = 99
    if client.dob is not None:
        client.dob = datetime.date(client.dob.year, 1, 1)
        client.dob_data_quality = 2
    client.date_updated = now
    client.save(
        update_fields=[
            "first_name",
            "middle_name",
            "last_name",
            "name_suffix",
            "name_data_quality",
            "ssn",
            "ssn_data_quality",
            "dob",
            "dob_data_quality",
            "date_updated",
        ]
    )
    SocialSecurityNumber.objects.filter(client=client).delete()
    DeIdentification.objects.create(client=client, deidentified_at=now)
