-- Q16 Cash Income - Ranges (HMIS Programming Specifications, CoC APR / ESG CAPER FY2026, Q16).
-- Adults by calculated total monthly income (u06) at start (B), at the annual assessment for
-- stayers (C) and at exit for leavers (D). Stayers whose assessment is not yet due (row 12) or
-- is due and missing (row 13) are counted apart. Row 14: total adults in each column.

INSERT INTO report_cells
SELECT 'Q16', stage_column(Stage) || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_income_status
CROSS JOIN unnest([
    CASE AnnualStatus
        WHEN 'not due' THEN 12
        WHEN 'missing' THEN 13
        ELSE income_bracket_row(TotalIncome, IncomeFromAnySource)
    END,
    14
]) AS rows(row_number)
WHERE AgeGroup = 'adult';
