-- Q20b Number of Non-Cash Benefit Sources (HMIS Programming Specifications, CoC APR FY2026,
-- Q20b). Adults at start (B), at the annual assessment for stayers (C) and at exit for leavers
-- (D; leavers who exited with their head of household, on the same exit date):
-- no sources (Benefits from Any Source No and none Yes), one or more sources, Client Doesn't
-- Know/Prefers Not to Answer, and data not collected (including stayers whose assessment is not
-- due); total.

INSERT INTO report_cells
SELECT 'Q20b', stage_column(Stage) || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_income_status
CROSS JOIN unnest([
    CASE
        WHEN AnnualStatus IN ('not due', 'missing') THEN 5
        WHEN BenefitsFromAnySource = 1 OR BenefitSourceCount > 0 THEN 3
        WHEN BenefitsFromAnySource = 0 THEN 2
        WHEN BenefitsFromAnySource IN (8, 9) THEN 4
        ELSE 5
    END,
    6
]) AS rows(row_number)
WHERE AgeGroup = 'adult'
  AND (Stage <> 'exit' OR EnrollmentID IN (SELECT EnrollmentID FROM apr_exited_with_head));
