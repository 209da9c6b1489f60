-- Q27h Client Cash Income Category - Earned/Other Income Category - by Start and Annual
-- Assessment/Exit Status - Youth (HMIS Programming Specifications, CoC APR FY2026, Q27h). Q18 for
-- youth heads of household and adult youth.

INSERT INTO report_cells
SELECT 'Q27h', stage_column(Stage) || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_income_category
CROSS JOIN unnest([category_row, 10, CASE WHEN category_row IN (2, 3, 4) THEN 11 END]) AS rows(row_number)
WHERE IsYouth AND (AgeGroup = 'adult' OR IsHeadOfHousehold) AND row_number IS NOT NULL;

INSERT INTO report_cells
SELECT 'Q27h', stage_column(Stage) || '12', PersonalID, PersonalID, EnrollmentID
FROM apr_income_information
WHERE IsYouth AND (AgeGroup = 'adult' OR IsHeadOfHousehold);
