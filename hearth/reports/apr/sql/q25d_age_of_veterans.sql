-- Q25d Age of Veterans (HMIS Programming Specifications, CoC APR FY2026, Q25d). Veterans (adults
-- with Veteran Status Yes) by age range and household type.

INSERT INTO report_cells
SELECT 'Q25d', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_client
CROSS JOIN unnest([
    CASE WHEN Age <= 24 THEN 2 WHEN Age <= 34 THEN 3 WHEN Age <= 44 THEN 4 WHEN Age <= 54 THEN 5
         WHEN Age <= 64 THEN 6 WHEN Age >= 65 THEN 7 WHEN AgeGroup = 'dkpnta' THEN 8 ELSE 9 END,
    10
]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col_no_children(HouseholdType)]) AS cols(col)
WHERE IsVeteran AND col IS NOT NULL;
