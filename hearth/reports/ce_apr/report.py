"""The CE APR: its Sage tables in upload order (CE APR FY2026 HMIS Programming Specifications).

Its universe is the households assessed in the report date range in the report's projects (the
members enrolled on the date of the household's latest assessment), not the active clients."""

from pathlib import Path

from hearth.reports.hmis_programming.runner import ReportDefinition, definition_for

TABLES = ("Q4a", "Q5a", "Q6a", "Q7a", "Q8a", "Q9a", "Q9b", "Q9c", "Q9d", "Q10")

CE_APR: ReportDefinition = definition_for(
    "ce-apr",
    "Coordinated Entry Annual Performance Report",
    TABLES,
    Path(__file__).resolve().parent,
    universe="assessed",
)
