-- Q22g Length of Time Prior to Housing by Race and Ethnicity - based on 3.917 Date Homelessness
-- Started (HMIS Programming Specifications, CoC APR / ESG CAPER FY2026, Q22g). The Q22e universe
-- with a date homelessness started, by race and ethnicity group (as Q22f): moved into housing,
-- not yet moved in, average and median days prior to housing.

INSERT INTO report_cells
SELECT 'Q22g', race_group_column(r.races) || CASE WHEN t.status = 'housed' THEN '2' ELSE '3' END,
       t.PersonalID, t.PersonalID, t.EnrollmentID
FROM apr_time_prior t
JOIN apr_race r USING (EnrollmentID)
WHERE t.HomelessSince IS NOT NULL AND t.status IN ('housed', 'not yet');

INSERT INTO report_values
SELECT 'Q22g', race_group_column(r.races) || '4', avg(t.DaysPriorToHousing), NULL
FROM apr_time_prior t
JOIN apr_race r USING (EnrollmentID)
WHERE t.status = 'housed'
GROUP BY race_group_column(r.races)
UNION ALL
SELECT 'Q22g', race_group_column(r.races) || '5', median(t.DaysPriorToHousing), NULL
FROM apr_time_prior t
JOIN apr_race r USING (EnrollmentID)
WHERE t.status = 'housed'
GROUP BY race_group_column(r.races);
