"""The ESG CAPER: its Sage tables in upload order (ESG CAPER FY2026 table shells)."""

from pathlib import Path

from hearth.reports.hmis_programming.runner import ReportDefinition, definition_for

TABLES = (
    "Q4a", "Q5a", "Q6a", "Q6b", "Q6c", "Q6d", "Q6e", "Q6f", "Q7a", "Q7b", "Q8a", "Q8b", "Q9a", "Q9b",
    "Q11", "Q12", "Q13a1", "Q13b1", "Q13c1", "Q14a", "Q14b", "Q15", "Q16", "Q17", "Q19b", "Q20a", "Q21",
    "Q22a2", "Q22c", "Q22d", "Q22e", "Q22f", "Q22g", "Q23c", "Q23d", "Q23e", "Q24a", "Q24e", "Q25a",
    "Q26b",
)  # fmt: skip

CAPER: ReportDefinition = definition_for(
    "caper",
    "ESG Consolidated Annual Performance and Evaluation Report",
    TABLES,
    Path(__file__).resolve().parent,
)
