-- Q18 Client Cash Income Category - Earned/Other Income Category - by Start and Annual
-- Assessment/Exit Status (HMIS Programming Specifications, CoC APR FY2026, Q18).
-- Adults at start (B), at the annual assessment for stayers (C) and at exit for leavers (D):
-- only earned income, only other income, both, no income (calculated total 0), Client Doesn't
-- Know/Prefers Not to Answer and missing; stayers not yet due and due without an assessment
-- (C only); total adults; adults with one or more sources (rows 2-4); and adults with income
-- information at start and at the annual assessment or exit (Q17 row 17).

INSERT INTO report_cells
SELECT 'Q18', stage_column(Stage) || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_income_category
CROSS JOIN unnest([category_row, 10, CASE WHEN category_row IN (2, 3, 4) THEN 11 END]) AS rows(row_number)
WHERE AgeGroup = 'adult' AND row_number IS NOT NULL;

INSERT INTO report_cells
SELECT 'Q18', stage_column(Stage) || '12', PersonalID, PersonalID, EnrollmentID
FROM apr_income_information
WHERE AgeGroup = 'adult';
