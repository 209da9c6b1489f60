"""The ESG Consolidated Annual Performance and Evaluation Report (CAPER), FY2026 specifications."""
