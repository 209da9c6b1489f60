-- Q6a Data Quality: Personally Identifiable Information (HMIS Programming Specifications,
-- CoC APR / ESG CAPER FY2026, Q6a; HUD Data Quality report Q2).
-- Universe: the data-quality universe (Q5a column B). Each element counts a client in one of
-- Client Doesn't Know/Prefers Not to Answer (B), Information Missing (C) or Data Issues (D),
-- in that order of precedence; E is their total, F the rate over the universe; row 6 (overall)
-- counts clients with any issue in rows 2-5.
--   Name (3.01): B NameDataQuality 8/9; C 99, or first or last name missing; D quality 2.
--   SSN (3.02): B SSNDataQuality 8/9; C 99 or SSN missing; D quality 2 or an impossible SSN.
--   DOB (3.03): B no DOB and quality 8/9; C no DOB; D quality 2, a DOB with quality 8/9/99, a DOB
--     before 1915-01-01 or after the record was created, or a head of household or adult born on
--     or after the project start.
--   Race and Ethnicity (3.04): B RaceNone 8/9; C RaceNone 99, or no race recorded.

CREATE OR REPLACE TABLE q06a_issues AS
SELECT
    c.PersonalID,
    c.EnrollmentID,
    CASE
        WHEN c.NameDataQuality IN (8, 9) THEN 'B'
        WHEN c.NameDataQuality = 99 OR c.NameDataQuality IS NULL
            OR nullif(trim(c.FirstName), '') IS NULL OR nullif(trim(c.LastName), '') IS NULL THEN 'C'
        WHEN c.NameDataQuality = 2 THEN 'D'
    END AS name_issue,
    CASE
        WHEN c.SSNDataQuality IN (8, 9) THEN 'B'
        WHEN c.SSNDataQuality = 99 OR c.SSNDataQuality IS NULL OR nullif(trim(c.SSN), '') IS NULL THEN 'C'
        WHEN c.SSNDataQuality = 2 OR ssn_is_invalid(c.SSN) THEN 'D'
    END AS ssn_issue,
    CASE
        WHEN c.DOB IS NULL AND c.DOBDataQuality IN (8, 9) THEN 'B'
        WHEN c.DOB IS NULL THEN 'C'
        WHEN c.DOBDataQuality IN (2, 8, 9, 99) OR c.DOBDataQuality IS NULL
            OR c.DOB < DATE '1915-01-01'
            OR c.DOB > CAST(c.ClientDateCreated AS DATE)
            OR (c.DOB >= c.EntryDate AND (c.AgeGroup = 'adult' OR c.IsHeadOfHousehold)) THEN 'D'
    END AS dob_issue,
    CASE
        WHEN c.RaceNone IN (8, 9) THEN 'B'
        WHEN c.RaceNone = 99 OR (
            coalesce(c.AmIndAKNative, 0) <> 1 AND coalesce(c.Asian, 0) <> 1 AND coalesce(c.BlackAfAmerican, 0) <> 1
            AND coalesce(c.HispanicLatinao, 0) <> 1 AND coalesce(c.MidEastNAfrican, 0) <> 1
            AND coalesce(c.NativeHIPacific, 0) <> 1 AND coalesce(c.White, 0) <> 1
        ) THEN 'C'
    END AS race_issue
FROM apr_client c
WHERE c.InDataQualityUniverse;

INSERT INTO report_cells
SELECT 'Q6a', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM (
    SELECT PersonalID, EnrollmentID, 2 AS row_number, name_issue AS issue FROM q06a_issues
    UNION ALL SELECT PersonalID, EnrollmentID, 3, ssn_issue FROM q06a_issues
    UNION ALL SELECT PersonalID, EnrollmentID, 4, dob_issue FROM q06a_issues
    UNION ALL SELECT PersonalID, EnrollmentID, 5, race_issue FROM q06a_issues
) issues
CROSS JOIN unnest([issue, 'E']) AS cols(col)
WHERE issue IS NOT NULL;

INSERT INTO report_cells
SELECT 'Q6a', 'E6', PersonalID, PersonalID, EnrollmentID
FROM q06a_issues
WHERE coalesce(name_issue, ssn_issue, dob_issue, race_issue) IS NOT NULL;

INSERT INTO report_values
SELECT 'Q6a', 'F' || r.row_number, coalesce(
    (SELECT count(DISTINCT personal_id) FROM report_cells WHERE question = 'Q6a' AND cell = 'E' || r.row_number)
    / nullif((SELECT count(*) FROM q06a_issues), 0), 0), NULL
FROM (SELECT unnest([2, 3, 4, 5, 6]) AS row_number) r;
