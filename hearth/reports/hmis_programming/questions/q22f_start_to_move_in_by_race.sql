-- Q22f Length of Time between Project Start Date and Housing Move-in Date by Race and Ethnicity
-- (HMIS Programming Specifications, CoC APR / ESG CAPER FY2026, Q22f). The Q22c universe by race
-- and ethnicity group (columns B-H one race, I two or more including Hispanic/Latina/o, J two or
-- more without, K unknown): moved in, exited without move-in, average and median days to move in.

INSERT INTO report_cells
SELECT 'Q22f', race_group_column(r.races) || CASE WHEN s.DaysToMoveIn IS NOT NULL THEN '2' ELSE '3' END,
       s.PersonalID, s.PersonalID, s.EnrollmentID
FROM apr_stay s
JOIN apr_race r USING (EnrollmentID)
WHERE s.InMoveInUniverse;

INSERT INTO report_values
SELECT 'Q22f', race_group_column(r.races) || '4', avg(s.DaysToMoveIn), NULL
FROM apr_stay s
JOIN apr_race r USING (EnrollmentID)
WHERE s.InMoveInUniverse AND s.DaysToMoveIn IS NOT NULL
GROUP BY race_group_column(r.races)
UNION ALL
SELECT 'Q22f', race_group_column(r.races) || '5', median(s.DaysToMoveIn), NULL
FROM apr_stay s
JOIN apr_race r USING (EnrollmentID)
WHERE s.InMoveInUniverse AND s.DaysToMoveIn IS NOT NULL
GROUP BY race_group_column(r.races);
