-- Q27k Length of Time between Project Start Date and Housing Move-in Date - Youth (HMIS
-- Programming Specifications, CoC APR FY2026, Q27k). Q22c for youth.

INSERT INTO report_cells
SELECT 'Q27k', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_stay
CROSS JOIN unnest(CASE WHEN DaysToMoveIn IS NOT NULL THEN [CASE WHEN DaysToMoveIn <= 730 THEN length_row_detailed(DaysToMoveIn) END, 11, 14]
                       ELSE [13, 14] END) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col)
WHERE InMoveInUniverse AND IsYouth AND row_number IS NOT NULL;

INSERT INTO report_values
SELECT 'Q27k', col || '12', avg(DaysToMoveIn), NULL
FROM apr_stay
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col)
WHERE InMoveInUniverse AND IsYouth AND DaysToMoveIn IS NOT NULL
GROUP BY col;
