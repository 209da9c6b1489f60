-- Q6c Data Quality: Income and Housing Data Quality (HMIS Programming Specifications, CoC APR /
-- ESG CAPER FY2026, Q6c; HUD Data Quality report Q4). Universe: the data-quality universe.
--   Destination (3.12), leavers: B 8/9; C 30, 99 or missing. Rate over leavers.
--   Income and Sources (4.02) at start, adults and heads of household: B 8/9; C no record at
--     project start, or 99; D "No" with a source answered Yes, or "Yes" with none. Rate over
--     adults and heads of household.
--   At annual assessment, adult and head-of-household stayers whose assessment is due: as at
--     start, for the annual record (C also when no record falls in the 30-day window). Rate over
--     heads of household and adult stayers in the project 365 days or more (Q5a row 17).
--   At exit, adult and head-of-household leavers: as at start, for the exit record. Rate over
--     adult and head-of-household leavers.

CREATE OR REPLACE TABLE q06c_universe AS
SELECT * FROM apr_client WHERE InDataQualityUniverse;

CREATE OR REPLACE MACRO q06c_income_issue(any_source, source_count, has_record) AS
    CASE
        WHEN any_source IN (8, 9) THEN 'B'
        WHEN NOT has_record OR any_source = 99 OR any_source IS NULL THEN 'C'
        WHEN (any_source = 0 AND source_count > 0) OR (any_source = 1 AND source_count = 0) THEN 'D'
    END;

CREATE OR REPLACE TABLE q06c_issues AS
SELECT
    c.PersonalID,
    c.EnrollmentID,
    CASE
        WHEN NOT c.IsLeaver THEN NULL
        WHEN c.Destination IN (8, 9) THEN 'B'
        WHEN c.Destination IN (30, 99) OR c.Destination IS NULL THEN 'C'
    END AS destination_issue,
    CASE WHEN c.AgeGroup = 'adult' OR c.IsHeadOfHousehold THEN
        q06c_income_issue(s.IncomeFromAnySource, s.IncomeSourceCount, s.IncomeBenefitsID IS NOT NULL)
    END AS start_issue,
    CASE WHEN (c.AgeGroup = 'adult' OR c.IsHeadOfHousehold) AND NOT c.IsLeaver AND c.AnnualAssessmentDue IS NOT NULL THEN
        q06c_income_issue(a.IncomeFromAnySource, a.IncomeSourceCount, a.IncomeBenefitsID IS NOT NULL)
    END AS annual_issue,
    CASE WHEN (c.AgeGroup = 'adult' OR c.IsHeadOfHousehold) AND c.IsLeaver THEN
        q06c_income_issue(x.IncomeFromAnySource, x.IncomeSourceCount, x.IncomeBenefitsID IS NOT NULL)
    END AS exit_issue
FROM q06c_universe c
LEFT JOIN apr_income s ON s.EnrollmentID = c.EnrollmentID AND s.Stage = 'start'
LEFT JOIN apr_income a ON a.EnrollmentID = c.EnrollmentID AND a.Stage = 'annual'
LEFT JOIN apr_income x ON x.EnrollmentID = c.EnrollmentID AND x.Stage = 'exit';

INSERT INTO report_cells
SELECT 'Q6c', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM (
    SELECT PersonalID, EnrollmentID, 2 AS row_number, destination_issue AS issue FROM q06c_issues
    UNION ALL SELECT PersonalID, EnrollmentID, 3, start_issue FROM q06c_issues
    UNION ALL SELECT PersonalID, EnrollmentID, 4, annual_issue FROM q06c_issues
    UNION ALL SELECT PersonalID, EnrollmentID, 5, exit_issue FROM q06c_issues
) issues
CROSS JOIN unnest([issue, 'E']) AS cols(col)
WHERE issue IS NOT NULL;

INSERT INTO report_values
SELECT 'Q6c', 'F' || r.row_number, coalesce(
    (SELECT count(DISTINCT personal_id) FROM report_cells WHERE question = 'Q6c' AND cell = 'E' || r.row_number)
    / nullif(CASE r.row_number
        WHEN 2 THEN (SELECT count(*) FROM q06c_universe WHERE IsLeaver)
        WHEN 3 THEN (SELECT count(*) FROM q06c_universe WHERE AgeGroup = 'adult' OR IsHeadOfHousehold)
        WHEN 4 THEN (SELECT count(*) FROM q06c_universe
                     WHERE NOT IsLeaver AND (AgeGroup = 'adult' OR IsHeadOfHousehold) AND LengthOfStayDays >= 365)
        ELSE (SELECT count(*) FROM q06c_universe WHERE IsLeaver AND (AgeGroup = 'adult' OR IsHeadOfHousehold))
    END, 0), 0), NULL
FROM (SELECT unnest([2, 3, 4, 5]) AS row_number) r;
