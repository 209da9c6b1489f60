-- Q27l Length of Time Prior to Housing - Youth (HMIS Programming Specifications, CoC APR FY2026,
-- Q27l). Q22e for youth.

INSERT INTO report_cells
SELECT 'Q27l', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_time_prior
CROSS JOIN unnest(CASE status
    WHEN 'housed' THEN [least(length_row_detailed(DaysPriorToHousing), 11), 12, 15]
    WHEN 'not yet' THEN [13, 15]
    ELSE [14, 15] END) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col)
WHERE IsYouth;
