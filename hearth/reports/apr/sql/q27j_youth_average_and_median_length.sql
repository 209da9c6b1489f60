-- Q27j Average and Median Length of Participation in Days - Youth (HMIS Programming
-- Specifications, CoC APR FY2026, Q27j). Q22b for youth.

INSERT INTO report_values
SELECT 'Q27j', CASE WHEN IsLeaver THEN 'B' ELSE 'C' END || '2', avg(ParticipationDays), NULL
FROM apr_stay WHERE IsYouth GROUP BY IsLeaver
UNION ALL
SELECT 'Q27j', CASE WHEN IsLeaver THEN 'B' ELSE 'C' END || '3', median(ParticipationDays), NULL
FROM apr_stay WHERE IsYouth GROUP BY IsLeaver;

INSERT INTO report_cells
SELECT 'Q27j', CASE WHEN IsLeaver THEN 'B' ELSE 'C' END || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_stay CROSS JOIN unnest([2, 3]) AS rows(row_number)
WHERE IsYouth;
