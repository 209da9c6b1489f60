"""Reads for the report pages: which reports a user may run, on which projects, and which runs
they may see.

hearth/access/permissions.py decides: ``run_reports`` runs the APR-family reports on the projects
of the agency the user acts as; ``run_coc_reports`` runs them on any project, runs the LSA and the
HIC, and sees every run; ``drill_down`` opens the people a cell counts (through the access
policy, in the drill-down functions).  Runs are aggregates: they show no client until drill-down.
"""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from hearth.access.permissions import Permission
from hearth.access.policy import viewer_for
from hearth.agencies.models import Project
from hearth.reports.models import ReportRun
from hearth.reports.registry import REPORTS
from hearth.reports.runs import LSA_REPORTS

APR_FAMILY = tuple(REPORTS)  # "apr", "caper", "ce-apr", "dq"


def may_run_reports(user: Any) -> bool:
    viewer = viewer_for(user)
    return viewer.can(Permission.RUN_REPORTS) or viewer.can(Permission.RUN_COC_REPORTS)


def may_run_coc_reports(user: Any) -> bool:
    return viewer_for(user).can(Permission.RUN_COC_REPORTS)


def may_drill_down(user: Any) -> bool:
    return viewer_for(user).can(Permission.DRILL_DOWN)


def reports_for(user: Any) -> list[str]:
    """The reports the user may run, in the order the page offers them."""
    if not may_run_reports(user):
        return []
    if may_run_coc_reports(user):
        return [*APR_FAMILY, *LSA_REPORTS]
    return list(APR_FAMILY)


def reportable_projects(user: Any) -> QuerySet[Project]:
    """The live projects the user may report on: every one with run_coc_reports, else the
    projects of the agency they act as."""
    projects = Project.objects.order_by("project_name", "project_id")  # live projects only
    if may_run_coc_reports(user):
        return projects
    viewer = viewer_for(user)
    if not viewer.can(Permission.RUN_REPORTS) or viewer.organization_id is None:
        return projects.none()
    return projects.filter(organization_id=viewer.organization_id)


def runs_visible_to(user: Any) -> QuerySet[ReportRun]:
    """The runs the user may see: every run with run_coc_reports, else the APR-family runs asked
    for by the agency they act as; none without a reporting permission."""
    runs = ReportRun.objects.select_related("run_by")
    if may_run_coc_reports(user):
        return runs
    viewer = viewer_for(user)
    if not viewer.can(Permission.RUN_REPORTS) or viewer.organization_id is None:
        return runs.none()
    return runs.filter(organization_id=viewer.organization_id, report__in=APR_FAMILY)


REPORT_TITLES = {
    "apr": _("CoC Annual Performance Report (APR)"),
    "caper": _("ESG Consolidated Annual Performance and Evaluation Report (CAPER)"),
    "ce-apr": _("Coordinated Entry Annual Performance Report (CE APR)"),
    "dq": _("HUD Data Quality Report"),
    "lsa": _("Longitudinal Systems Analysis (LSA)"),
    "hic": _("Housing Inventory Count (HIC)"),
}


def report_title(name: str) -> str:
    return str(REPORT_TITLES.get(name, name))
