-- Q25j Exit Destination - Subsidy Type of Veterans Exiting to Rental by Client With An Ongoing
-- Subsidy (HMIS Programming Specifications, CoC APR FY2026, Q25j). Q23d for veteran leavers,
-- without a column for households with only children.

INSERT INTO report_cells
SELECT 'Q25j', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_client
CROSS JOIN unnest([subsidy_row(DestinationSubsidyType), 13]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col_no_children(HouseholdType)]) AS cols(col)
WHERE IsLeaver AND IsVeteran AND ProjectType <> 12 AND Destination = 435 AND row_number IS NOT NULL AND col IS NOT NULL;
