-- Q22a1 Length of Participation - CoC Projects (HMIS Programming Specifications, CoC APR FY2026,
-- Q22a1). Every active client by length of participation (u10): all (B), leavers (C), stayers (D).

INSERT INTO report_cells
SELECT 'Q22a1', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_stay
CROSS JOIN unnest([length_row_q22a1(ParticipationDays), 12]) AS rows(row_number)
CROSS JOIN unnest(['B', CASE WHEN IsLeaver THEN 'C' ELSE 'D' END]) AS cols(col);
