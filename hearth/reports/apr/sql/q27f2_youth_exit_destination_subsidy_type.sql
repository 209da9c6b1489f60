-- Q27f2 Exit Destination - Subsidy Type of Youth Exiting to Rental by Client With An Ongoing
-- Subsidy (HMIS Programming Specifications, CoC APR FY2026, Q27f2). Q23d for youth leavers.

INSERT INTO report_cells
SELECT 'Q27f2', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_client
CROSS JOIN unnest([subsidy_row(DestinationSubsidyType), 13]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col)
WHERE IsLeaver AND IsYouth AND ProjectType <> 12 AND Destination = 435 AND row_number IS NOT NULL;
