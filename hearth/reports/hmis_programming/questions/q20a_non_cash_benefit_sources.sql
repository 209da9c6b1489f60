-- Q20a Type of Non-Cash Benefit Sources (HMIS Programming Specifications, CoC APR / ESG CAPER
-- FY2026, Q20a). Adults with each non-cash benefit (4.03) answered Yes at start (B), at the
-- annual assessment for stayers (C) and at exit for leavers who exited with their head of
-- household, on the same exit date (D): SNAP, WIC, TANF child care,
-- TANF transportation, other TANF-funded services, other source.

INSERT INTO report_cells
SELECT 'Q20a', stage_column(s.Stage) || r.row_number, s.PersonalID, s.PersonalID, s.EnrollmentID
FROM apr_income_status s
CROSS JOIN unnest([
    CASE WHEN s.SNAP = 1 THEN 2 END, CASE WHEN s.WIC = 1 THEN 3 END,
    CASE WHEN s.TANFChildCare = 1 THEN 4 END, CASE WHEN s.TANFTransportation = 1 THEN 5 END,
    CASE WHEN s.OtherTANF = 1 THEN 6 END, CASE WHEN s.OtherBenefitsSource = 1 THEN 7 END
]) AS r(row_number)
WHERE s.AgeGroup = 'adult' AND r.row_number IS NOT NULL
  AND (s.Stage <> 'exit' OR s.EnrollmentID IN (SELECT EnrollmentID FROM apr_exited_with_head));
