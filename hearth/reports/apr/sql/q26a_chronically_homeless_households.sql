-- Q26a Chronic Homeless Status - Number of Households w/at least one or more CH person (HMIS
-- Programming Specifications, CoC APR FY2026, Q26a). Households (counted by their heads) by the
-- status of their adults and head (u04): chronically homeless if any is, else Client Doesn't
-- Know/Prefers Not to Answer if any is, else Data Not Collected if any is, else not
-- chronically homeless.

INSERT INTO report_cells
SELECT 'Q26a', col || row_number, h.HouseholdID, h.PersonalID, h.EnrollmentID
FROM apr_client h
JOIN (
    SELECT HouseholdID,
        CASE
            WHEN bool_or(ChronicStatus = 'Y') THEN 2
            WHEN bool_or(ChronicStatus = 'DK') THEN 4
            WHEN bool_or(ChronicStatus = 'DNC' OR ChronicStatus IS NULL) THEN 5
            ELSE 3
        END AS status_row
    FROM apr_client
    WHERE AgeGroup = 'adult' OR IsHeadOfHousehold
    GROUP BY HouseholdID
) s USING (HouseholdID)
CROSS JOIN unnest([s.status_row, 6]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col(h.HouseholdType)]) AS cols(col)
WHERE h.IsHeadOfHousehold;
