"""The CoC Annual Performance Report (APR), FY2026 HMIS Programming Specifications."""
