"""The CoC APR: its Sage tables in upload order (CoC APR FY2026 table shells)."""

from pathlib import Path

from hearth.reports.hmis_programming.runner import ReportDefinition, definition_for

TABLES = (
    "Q4a", "Q5a", "Q6a", "Q6b", "Q6c", "Q6d", "Q6e", "Q6f", "Q7a", "Q7b", "Q8a", "Q8b", "Q9a", "Q9b",
    "Q11", "Q12", "Q13a1", "Q13b1", "Q13c1", "Q13a2", "Q13b2", "Q13c2", "Q14a", "Q14b", "Q15", "Q16",
    "Q17", "Q18", "Q19a1", "Q19a2", "Q19b", "Q20a", "Q20b", "Q21", "Q22a1", "Q22b", "Q22c", "Q22e",
    "Q22f", "Q22g", "Q23c", "Q23d", "Q23e", "Q24b", "Q24e", "Q25a", "Q25b", "Q25d", "Q25i", "Q25j",
    "Q26a", "Q26b", "Q26d", "Q26e", "Q27a", "Q27b", "Q27d", "Q27e", "Q27f1", "Q27f2", "Q27g", "Q27h",
    "Q27i", "Q27j", "Q27k", "Q27l", "Q27m",
)  # fmt: skip

APR: ReportDefinition = definition_for(
    "apr", "CoC Annual Performance Report", TABLES, Path(__file__).resolve().parent
)
