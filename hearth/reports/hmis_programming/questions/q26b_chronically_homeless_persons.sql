-- Q26b Number of Chronically Homeless Persons by Household (HMIS Programming Specifications, CoC
-- APR / ESG CAPER FY2026, Q26b). Every active client by chronic homelessness at project start
-- (u04) and household type.

INSERT INTO report_cells
SELECT 'Q26b', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM apr_client
CROSS JOIN unnest([
    CASE ChronicStatus WHEN 'Y' THEN 2 WHEN 'N' THEN 3 WHEN 'DK' THEN 4 ELSE 5 END,
    6
]) AS rows(row_number)
CROSS JOIN unnest(['B', hh_col(HouseholdType)]) AS cols(col);
