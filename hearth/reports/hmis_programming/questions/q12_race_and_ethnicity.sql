-- Q12 Race and Ethnicity (HMIS Programming Specifications, CoC APR / ESG CAPER FY2026, Q12).
-- Every active client by the race and ethnicity fields of 3.04 answered Yes: one field (rows
-- 2-8), two fields (rows 9-29, in the order of the fields), three or more with or without
-- Hispanic/Latina/o (rows 30-31); none: Client Doesn't Know/Prefers Not to Answer (RaceNone 8 or
-- 9, row 32), else Data Not Collected (row 33). Row 34 is the total.

INSERT INTO report_cells
SELECT 'Q12', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_race
CROSS JOIN unnest([race_row(races, RaceNone), 34]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col);
