-- Q13c1 Physical and Mental Health Conditions for Stayers (HMIS Programming Specifications, CoC APR
-- / ESG CAPER FY2026, Q13c1). Active clients with each condition at their latest assessment, stayers only (u07), by
-- household type with adults and children of households with children and adults apart.

INSERT INTO report_cells
SELECT 'Q13c1', col || condition_row(k.condition), c.PersonalID, c.PersonalID, c.EnrollmentID
FROM apr_condition k
JOIN apr_client c USING (EnrollmentID)
CROSS JOIN unnest(['B', hh_split_col(c.HouseholdType, c.AgeGroup)]) AS cols(col)
WHERE k.Stage = 'stayer' AND col IS NOT NULL;
