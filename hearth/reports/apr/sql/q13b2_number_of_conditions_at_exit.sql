-- Q13b2 Number of Conditions at Exit (HMIS Programming Specifications, CoC APR FY2026, Q13b2).
-- Leavers by the number of conditions recorded at exit, as Q13a2 counts them.

INSERT INTO report_cells
SELECT 'Q13b2', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_condition_count
CROSS JOIN unnest([condition_count_row(conditions, DisablingCondition), 9]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_split_col(HouseholdType, AgeGroup)]) AS cols(col)
WHERE Stage = 'exit' AND IsLeaver;
