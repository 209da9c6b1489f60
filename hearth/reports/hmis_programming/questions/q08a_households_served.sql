-- Q8a Number of Households Served (HMIS Programming Specifications, CoC APR / ESG CAPER FY2026,
-- Q8a). Households are counted by their heads of household in the report universe; row 3 counts
-- PSH and RRH households that moved into housing on or before the report end.

INSERT INTO report_cells
SELECT 'Q8a', col || row_number, HouseholdID, PersonalID, EnrollmentID
FROM (
    SELECT c.*, 2 AS row_number FROM apr_client c WHERE c.IsHeadOfHousehold
    UNION ALL
    SELECT c.*, 3 FROM apr_client c
    WHERE c.IsHeadOfHousehold AND c.ProjectType IN (3, 13) AND c.MoveInDateAdj IS NOT NULL
) counted
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col);
