-- Q25i Exit Destination - Veterans (HMIS Programming Specifications, CoC APR FY2026, Q25i). Q23c
-- for veteran leavers.

INSERT INTO report_cells
SELECT 'Q25i', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_client
CROSS JOIN unnest([
    destination_row(Destination), destination_subtotal_row(Destination), 40,
    CASE WHEN destination_is_positive(Destination, ProjectType) THEN 41 END,
    CASE WHEN destination_is_excluded(Destination, ProjectType) THEN 42 END
]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col)
WHERE IsLeaver AND IsVeteran AND row_number IS NOT NULL;

INSERT INTO report_values
SELECT 'Q25i', col || '43', coalesce(
    count(DISTINCT PersonalID) FILTER (WHERE destination_is_positive(Destination, ProjectType))
    / nullif(count(DISTINCT PersonalID) - count(DISTINCT PersonalID) FILTER (WHERE destination_is_excluded(Destination, ProjectType)), 0),
    0), NULL
FROM apr_client
CROSS JOIN unnest(['B', 'C', 'D', 'E', 'F']) AS cols(col)
WHERE IsLeaver AND IsVeteran AND (col = 'B' OR col = hh_col(HouseholdType))
GROUP BY col;
