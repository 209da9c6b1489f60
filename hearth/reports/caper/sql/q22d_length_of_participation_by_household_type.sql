-- Q22d Length of Participation by Household Type (HMIS Programming Specifications, ESG CAPER
-- FY2026, Q22d). Every active client by length of participation (u10), 731 days or more in one
-- row, by household type.

INSERT INTO report_cells
SELECT 'Q22d', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_stay
CROSS JOIN unnest([least(length_row_detailed(ParticipationDays), 11), 12]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col);
