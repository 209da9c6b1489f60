"""Roles and what each may do: the one table the code reads (docs/permissions.md shows the same table).

A user holds a role in an agency (a Membership) and always acts as one agency at a time; what
they may do is the permission set of their role in the agency they act as.  Which *clients* a
permission reaches is decided separately by the visibility policy (hearth/access/policy.py).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    HMIS_LEAD_ADMIN = "hmis_lead_admin", _("HMIS Lead administrator")
    AGENCY_ADMIN = "agency_admin", _("Agency administrator")
    CASE_MANAGER = "case_manager", _("Case manager")
    INTAKE = "intake", _("Intake / data entry")
    REPORT_ANALYST = "report_analyst", _("Report analyst")
    AUDITOR = "auditor", _("Auditor")


class Permission(models.TextChoices):
    VIEW_CLIENT = "view_client", _("View client records")
    SEARCH_CLIENTS = "search_clients", _("Search clients")
    CREATE_CLIENT = "create_client", _("Create clients")
    EDIT_CLIENT = "edit_client", _("Edit client records")
    ENROLL = "enroll", _("Enroll, assess, record services and exits")
    REVEAL_SSN = "reveal_ssn", _("Reveal a full SSN")
    MANAGE_CONSENT = "manage_consent", _("Record and revoke consent to share")
    MERGE_CLIENTS = "merge_clients", _("Merge duplicate clients")
    RUN_REPORTS = "run_reports", _("Run reports on the agency's projects")
    RUN_COC_REPORTS = "run_coc_reports", _("Run CoC-wide HUD reports (APR, LSA, SPM...)")
    DRILL_DOWN = "drill_down", _("Drill down from report cells to clients")
    IMPORT_DATA = "import_data", _("Import HMIS CSV")
    EXPORT_DATA = "export_data", _("Export HMIS CSV")
    MANAGE_PROJECTS = "manage_projects", _("Set up organizations and projects")
    MANAGE_USERS = "manage_users", _("Manage user accounts and roles")
    VIEW_AUDIT_LOG = "view_audit_log", _("Read the audit log")


P = Permission
_CASE_WORK = {
    P.VIEW_CLIENT,
    P.SEARCH_CLIENTS,
    P.CREATE_CLIENT,
    P.EDIT_CLIENT,
    P.ENROLL,
    P.MANAGE_CONSENT,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.HMIS_LEAD_ADMIN: frozenset(Permission),
    Role.AGENCY_ADMIN: frozenset(
        _CASE_WORK
        | {P.REVEAL_SSN, P.RUN_REPORTS, P.DRILL_DOWN, P.EXPORT_DATA, P.MANAGE_PROJECTS, P.MANAGE_USERS}
    ),
    Role.CASE_MANAGER: frozenset(_CASE_WORK | {P.REVEAL_SSN, P.RUN_REPORTS}),
    Role.INTAKE: frozenset(_CASE_WORK),
    Role.REPORT_ANALYST: frozenset({P.RUN_REPORTS, P.RUN_COC_REPORTS}),
    Role.AUDITOR: frozenset({P.VIEW_AUDIT_LOG}),
}

# Roles whose reach is the whole CoC rather than the agency acted as.
SYSTEM_WIDE_ROLES = frozenset({Role.HMIS_LEAD_ADMIN})


def permissions_of(role: str | None) -> frozenset[Permission]:
    if role is None:
        return frozenset()
    return ROLE_PERMISSIONS.get(Role(role), frozenset())


def permissions_table_markdown() -> str:
    """The role x permission table as Markdown, as docs/permissions.md shows it."""
    roles = list(Role)
    header = "| Permission | " + " | ".join(str(r.label) for r in roles) + " |"
    rule = "|---|" + "---|" * len(roles)
    rows = [
        f"| {p.label} (`{p.value}`) | "
        + " | ".join("yes" if p in ROLE_PERMISSIONS[r] else "" for r in roles)
        + " |"
        for p in Permission
    ]
    return "\n".join([header, rule, *rows]) + "\n"
