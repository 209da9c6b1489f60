"""The HUD Data Quality report: the data-quality tables of the APR (Q4a, Q5a, Q6a-Q6f, CoC APR /
ESG CAPER FY2026 HMIS Programming Specifications) for any set of projects."""

from pathlib import Path

from hearth.reports.hmis_programming.runner import ReportDefinition, definition_for

TABLES = ("Q4a", "Q5a", "Q6a", "Q6b", "Q6c", "Q6d", "Q6e", "Q6f")

DATA_QUALITY: ReportDefinition = definition_for(
    "dq", "HUD Data Quality Report", TABLES, Path(__file__).resolve().parent
)
