-- Q22a2 Length of Participation - ESG Projects (HMIS Programming Specifications, ESG CAPER
-- FY2026, Q22a2). Every active client by length of participation (u10) in finer ranges: all (B),
-- leavers (C), stayers (D).

INSERT INTO report_cells
SELECT 'Q22a2', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_stay
CROSS JOIN unnest([length_row_detailed(ParticipationDays), 15]) AS rows(row_number)
CROSS JOIN unnest(['B', CASE WHEN IsLeaver THEN 'C' ELSE 'D' END]) AS cols(col);
