-- Q25b Number of Veteran Households (HMIS Programming Specifications, CoC APR FY2026, Q25b).
-- Households with an adult (counted by their heads; households with only children left out) by
-- the first of the Q25a categories that any of their adults has: chronically homeless veteran,
-- other veteran, not a veteran, Client Doesn't Know/Prefers Not to Answer, Data Not Collected.

INSERT INTO report_cells
SELECT 'Q25b', col || row_number, h.HouseholdID, h.PersonalID, h.EnrollmentID
FROM apr_client h
JOIN (
    SELECT HouseholdID, min(category_row) AS category_row FROM apr_veteran_category GROUP BY HouseholdID
) v USING (HouseholdID)
CROSS JOIN unnest([v.category_row, 7]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col_no_children(h.HouseholdType)]) AS cols(col)
WHERE h.IsHeadOfHousehold AND h.HouseholdType <> 'CO' AND col IS NOT NULL;
