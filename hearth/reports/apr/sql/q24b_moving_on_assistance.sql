-- Q24b Moving On Assistance Provided to Households in PSH (HMIS Programming Specifications, CoC
-- APR FY2026, Q24b). Heads of household active in PSH (3) with Moving On Assistance (C2,
-- Services RecordType 300) provided in the report date range, by type of assistance and
-- household type; a household receiving several types counts once in each.

INSERT INTO report_cells
SELECT DISTINCT 'Q24b', col || (1 + s.TypeProvided), c.HouseholdID, c.PersonalID, c.EnrollmentID
FROM apr_client c
CROSS JOIN rpt_parameters r
JOIN hmis_Services s ON s.EnrollmentID = c.EnrollmentID AND s.DateDeleted IS NULL AND s.RecordType = 300
    AND s.DateProvided BETWEEN r.ReportStart AND r.ReportEnd AND s.TypeProvided BETWEEN 1 AND 5
CROSS JOIN unnest(['B', hh_col(c.HouseholdType)]) AS cols(col)
WHERE c.IsHeadOfHousehold AND c.ProjectType = 3;
