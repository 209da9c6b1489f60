-- Q27e Length of Participation - Youth (HMIS Programming Specifications, CoC APR FY2026, Q27e).
-- Q22a1 for youth.

INSERT INTO report_cells
SELECT 'Q27e', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_stay
CROSS JOIN unnest([length_row_q22a1(ParticipationDays), 12]) AS rows(row_number)
CROSS JOIN unnest(['B', CASE WHEN IsLeaver THEN 'C' ELSE 'D' END]) AS cols(col)
WHERE IsYouth;
