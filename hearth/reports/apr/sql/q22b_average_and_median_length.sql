-- Q22b Average and Median Length of Participation in Days (HMIS Programming Specifications, CoC
-- APR FY2026, Q22b). Length of participation (u10) of leavers (B) and stayers (C).

INSERT INTO report_values
SELECT 'Q22b', CASE WHEN IsLeaver THEN 'B' ELSE 'C' END || '2', avg(ParticipationDays), NULL
FROM apr_stay GROUP BY IsLeaver
UNION ALL
SELECT 'Q22b', CASE WHEN IsLeaver THEN 'B' ELSE 'C' END || '3', median(ParticipationDays), NULL
FROM apr_stay GROUP BY IsLeaver;

INSERT INTO report_cells
SELECT 'Q22b', CASE WHEN IsLeaver THEN 'B' ELSE 'C' END || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_stay CROSS JOIN unnest([2, 3]) AS rows(row_number);
