-- Q27b Parenting Youth (HMIS Programming Specifications, CoC APR FY2026, Q27b). Youth households
-- (no member 25 or older) with a child of the head of household (relationship 2, under 18):
-- the parenting youth (head of household or adult), their children, all of them, and the
-- households; row 2 households whose parents are under 18 (households with only children), row 3
-- parents 18 to 24 (households with children and adults).

CREATE OR REPLACE TABLE q27b_members AS
SELECT
    c.*,
    CASE WHEN c.HouseholdType = 'AC' THEN 3 ELSE 2 END AS row_number,
    CASE WHEN c.IsHeadOfHousehold OR c.Age >= 18 THEN 'B' WHEN c.RelationshipToHoH = 2 THEN 'C' END AS role
FROM apr_client c
WHERE c.HouseholdID IN (
    SELECT HouseholdID FROM apr_client
    GROUP BY HouseholdID
    HAVING coalesce(max(Age), 0) <= 24 AND bool_or(RelationshipToHoH = 2 AND Age < 18)
);

INSERT INTO report_cells
SELECT 'Q27b', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM q27b_members
CROSS JOIN unnest([role, 'D']) AS cols(col)
WHERE role IS NOT NULL AND col IS NOT NULL;

INSERT INTO report_cells
SELECT 'Q27b', 'E' || row_number, HouseholdID, PersonalID, EnrollmentID
FROM q27b_members
WHERE IsHeadOfHousehold;
