-- Q22c Length of Time between Project Start Date and Housing Move-in Date (HMIS Programming
-- Specifications, CoC APR / ESG CAPER FY2026, Q22c). PSH and RRH clients whose move-in falls in
-- the report date range, by days from project start to move-in (u10), and leavers who never
-- moved in (row 13); more than 730 days counts only in the total (row 11); row 12 is the average time to move in, per household type column.

INSERT INTO report_cells
SELECT 'Q22c', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_stay
CROSS JOIN unnest(CASE WHEN DaysToMoveIn IS NOT NULL THEN [CASE WHEN DaysToMoveIn <= 730 THEN length_row_detailed(DaysToMoveIn) END, 11, 14]
                       ELSE [13, 14] END) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col)
WHERE InMoveInUniverse AND row_number IS NOT NULL;

INSERT INTO report_values
SELECT 'Q22c', col || '12', avg(DaysToMoveIn), NULL
FROM apr_stay
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col)
WHERE InMoveInUniverse AND DaysToMoveIn IS NOT NULL
GROUP BY col;
