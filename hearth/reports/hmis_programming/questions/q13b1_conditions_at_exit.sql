-- Q13b1 Physical and Mental Health Conditions at Exit (HMIS Programming Specifications, CoC APR
-- / ESG CAPER FY2026, Q13b1). Active clients with each condition at exit, leavers only (u07), by
-- household type with adults and children of households with children and adults apart.

INSERT INTO report_cells
SELECT 'Q13b1', col || condition_row(k.condition), c.PersonalID, c.PersonalID, c.EnrollmentID
FROM apr_condition k
JOIN apr_client c USING (EnrollmentID)
CROSS JOIN unnest(['B', hh_split_col(c.HouseholdType, c.AgeGroup)]) AS cols(col)
WHERE k.Stage = 'exit' AND col IS NOT NULL;
