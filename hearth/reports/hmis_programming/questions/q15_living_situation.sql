-- Q15 Living Situation (HMIS Programming Specifications, CoC APR / ESG CAPER FY2026, Q15).
-- Adults and heads of household by Prior Living Situation (3.917.1) of the reported enrollment,
-- grouped as list 3.12.1 groups them (homeless, institutional, temporary, permanent, other),
-- with a subtotal per group and a total.

INSERT INTO report_cells
SELECT 'Q15', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_client
CROSS JOIN unnest([q15_row(LivingSituation), q15_subtotal_row(LivingSituation), 32]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col)
WHERE AgeGroup = 'adult' OR IsHeadOfHousehold;
