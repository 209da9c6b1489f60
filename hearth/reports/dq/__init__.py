"""HUD data quality: the APR's data-quality tables for any projects, and HUD Eva's checks."""
