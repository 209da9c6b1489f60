"""The Coordinated Entry Annual Performance Report (CE APR), FY2026 specifications."""
