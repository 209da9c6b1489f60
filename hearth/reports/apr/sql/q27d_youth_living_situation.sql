-- Q27d Living Situation - Youth (HMIS Programming Specifications, CoC APR FY2026, Q27d). Q15 for
-- youth heads of household.

INSERT INTO report_cells
SELECT 'Q27d', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_client
CROSS JOIN unnest([q15_row(LivingSituation), q15_subtotal_row(LivingSituation), 32]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col)
WHERE IsYouth AND IsHeadOfHousehold;
