-- Q23d Exit Destination - Subsidy Type of Persons Exiting to Rental by Client With An Ongoing
-- Subsidy (HMIS Programming Specifications, CoC APR / ESG CAPER FY2026, Q23d). Leavers of
-- projects other than homelessness prevention whose destination is 435, by Rental Subsidy Type
-- (3.12.A) and household type.

INSERT INTO report_cells
SELECT 'Q23d', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_client
CROSS JOIN unnest([subsidy_row(DestinationSubsidyType), 13]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col)
WHERE IsLeaver AND ProjectType <> 12 AND Destination = 435 AND row_number IS NOT NULL;
