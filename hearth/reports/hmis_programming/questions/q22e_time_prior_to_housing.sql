-- Q22e Length of Time Prior to Housing - based on 3.917 Date Homelessness Started (HMIS
-- Programming Specifications, CoC APR / ESG CAPER FY2026, Q22e). Clients of ES, TH, SH, PSH, PH
-- and RRH projects by days from the date homelessness started to housing (u10): moved into
-- housing (rows 2-12), not yet moved in (PH without a move-in date), data not collected, total.

INSERT INTO report_cells
SELECT 'Q22e', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_time_prior
CROSS JOIN unnest(CASE status
    WHEN 'housed' THEN [least(length_row_detailed(DaysPriorToHousing), 11), 12, 15]
    WHEN 'not yet' THEN [13, 15]
    ELSE [14, 15] END) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col);
