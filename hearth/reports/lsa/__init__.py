"""The Longitudinal Systems Analysis (LSA), LSA Programming Specifications v8 (FY2026)."""
