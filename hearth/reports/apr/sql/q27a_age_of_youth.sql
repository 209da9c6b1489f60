-- Q27a Age of Youth (HMIS Programming Specifications, CoC APR FY2026, Q27a). Youth (aged 12-24 in
-- households with no member 25 or older, u05) by age and household type.

INSERT INTO report_cells
SELECT 'Q27a', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_client
CROSS JOIN unnest([CASE WHEN Age <= 17 THEN 2 ELSE 3 END, 6]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col)
WHERE IsYouth;
