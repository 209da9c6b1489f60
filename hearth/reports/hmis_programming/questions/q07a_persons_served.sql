-- Q7a Number of Persons Served (HMIS Programming Specifications, CoC APR / ESG CAPER FY2026, Q7a).
-- Every active client by age group and household type; row 7 counts clients of PSH and RRH
-- projects who moved into housing on or before the report end (Housing Move-In Date, 3.20).

INSERT INTO report_cells
SELECT 'Q7a', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM (
    SELECT c.*, CASE c.AgeGroup WHEN 'adult' THEN 2 WHEN 'child' THEN 3 WHEN 'dkpnta' THEN 4 ELSE 5 END AS row_number
    FROM apr_client c
    UNION ALL
    SELECT c.*, 6 FROM apr_client c
    UNION ALL
    SELECT c.*, 7 FROM apr_client c WHERE c.ProjectType IN (3, 13) AND c.MoveInDateAdj IS NOT NULL
) counted
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col);
