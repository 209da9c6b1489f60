-- Q9b Prioritization Status - Households Prioritized in the Date Range (CE APR FY2026 HMIS
-- Programming Specifications, Q9b). Heads of assessed households by the Prioritization Status
-- (4.19.7) of the latest assessment: placed on the list, not placed; row 4 the share placed.

INSERT INTO report_cells
SELECT 'Q9b', col || (1 + PrioritizationStatus), HouseholdID, PersonalID, EnrollmentID
FROM ce_head
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col)
WHERE PrioritizationStatus IN (1, 2);

INSERT INTO report_values
SELECT 'Q9b', col || '4', coalesce(
    count(DISTINCT HouseholdID) FILTER (WHERE PrioritizationStatus = 1)
    / nullif(count(DISTINCT HouseholdID) FILTER (WHERE PrioritizationStatus IN (1, 2)), 0), 0), NULL
FROM ce_head
CROSS JOIN unnest(['B', 'C', 'D', 'E', 'F']) AS cols(col)
WHERE col = 'B' OR col = hh_col(HouseholdType)
GROUP BY col;
