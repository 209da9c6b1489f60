-- Q26d Age of Chronically Homeless Persons (HMIS Programming Specifications, CoC APR FY2026,
-- Q26d). Chronically homeless persons (u04) by age range and household type.

INSERT INTO report_cells
SELECT 'Q26d', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_client
CROSS JOIN unnest([
    CASE WHEN Age <= 17 THEN 2 WHEN Age <= 24 THEN 3 WHEN Age <= 34 THEN 4 WHEN Age <= 44 THEN 5
         WHEN Age <= 54 THEN 6 WHEN Age <= 64 THEN 7 WHEN Age >= 65 THEN 8 WHEN AgeGroup = 'dkpnta' THEN 9
         ELSE 10 END,
    11
]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col)
WHERE ChronicStatus = 'Y';
