-- Q23c Exit Destination (HMIS Programming Specifications, CoC APR / ESG CAPER FY2026, Q23c).
-- Leavers by destination (u12) and household type, a subtotal per group of list 3.12.1, the
-- total (row 40), persons exiting to positive destinations (41), persons whose destination
-- excludes them (42), and the rate positive / (total - excluded) (43).

INSERT INTO report_cells
SELECT 'Q23c', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_client
CROSS JOIN unnest([
    destination_row(Destination), destination_subtotal_row(Destination), 40,
    CASE WHEN destination_is_positive(Destination, ProjectType) THEN 41 END,
    CASE WHEN destination_is_excluded(Destination, ProjectType) THEN 42 END
]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col)
WHERE IsLeaver AND row_number IS NOT NULL;

INSERT INTO report_values
SELECT 'Q23c', col || '43', coalesce(
    count(DISTINCT PersonalID) FILTER (WHERE destination_is_positive(Destination, ProjectType))
    / nullif(count(DISTINCT PersonalID) - count(DISTINCT PersonalID) FILTER (WHERE destination_is_excluded(Destination, ProjectType)), 0),
    0), NULL
FROM apr_client
CROSS JOIN unnest(['B', 'C', 'D', 'E', 'F']) AS cols(col)
WHERE IsLeaver AND (col = 'B' OR col = hh_col(HouseholdType))
GROUP BY col;
