-- Q13c2 Number of Conditions for Stayers (HMIS Programming Specifications, CoC APR FY2026,
-- Q13c2). Stayers by the number of conditions at their latest assessment, as Q13a2 counts them.

INSERT INTO report_cells
SELECT 'Q13c2', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_condition_count
CROSS JOIN unnest([condition_count_row(conditions, DisablingCondition), 9]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_split_col(HouseholdType, AgeGroup)]) AS cols(col)
WHERE Stage = 'stayer' AND NOT IsLeaver;
