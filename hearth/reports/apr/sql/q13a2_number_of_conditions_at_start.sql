-- Q13a2 Number of Conditions at Start (HMIS Programming Specifications, CoC APR FY2026, Q13a2).
-- Every active client by the number of conditions at project start (u07; a substance use
-- disorder of both alcohol and drugs counts as two). Without a condition: None when Disabling
-- Condition (3.08) is No, Condition Unknown when Yes, Client Doesn't Know/Prefers Not to Answer
-- when 8 or 9, Data Not Collected otherwise.

INSERT INTO report_cells
SELECT 'Q13a2', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_condition_count
CROSS JOIN unnest([condition_count_row(conditions, DisablingCondition), 9]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_split_col(HouseholdType, AgeGroup)]) AS cols(col)
WHERE Stage = 'start';
