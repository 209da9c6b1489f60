-- Q6b Data Quality: Universal Data Elements (HMIS Programming Specifications, CoC APR / ESG
-- CAPER FY2026, Q6b; HUD Data Quality report Q3). Universe: the data-quality universe.
--   Veteran Status (3.07), adults: B 8/9, C 99 or missing; D a child recorded as a veteran.
--     Rate over adults and children.
--   Project Start Date (3.10): D the project start falls inside an earlier stay of the same
--     client in the same project, or the exit is before the project start.
--   Relationship to Head of Household (3.15): C missing; D not a listed value, or the household
--     (all its enrollments in the report's projects) has no head or more than one.
--   Enrollment CoC (3.16), heads of household: C missing; D not a CoC code (XX-999).
--     Rate over heads of household.
--   Disabling Condition (3.08): B 8/9; C 99 or missing; D "No" while a disability recorded at
--     project start is indefinite and impairs (or is developmental or HIV/AIDS).
-- E is each row's total and F the rate over the universe unless said otherwise.

CREATE OR REPLACE TABLE q06b_universe AS
SELECT * FROM apr_client WHERE InDataQualityUniverse;

CREATE OR REPLACE TABLE q06b_household_heads AS
SELECT HouseholdID, count(DISTINCT PersonalID) FILTER (WHERE RelationshipToHoH = 1) AS heads
FROM rpt_enrollment
GROUP BY HouseholdID;

CREATE OR REPLACE TABLE q06b_issues AS
SELECT
    c.PersonalID,
    c.EnrollmentID,
    CASE
        WHEN c.AgeGroup = 'adult' AND c.VeteranStatus IN (8, 9) THEN 'B'
        WHEN c.AgeGroup = 'adult' AND (c.VeteranStatus = 99 OR c.VeteranStatus IS NULL) THEN 'C'
        WHEN c.AgeGroup = 'child' AND c.VeteranStatus = 1 THEN 'D'
    END AS veteran_issue,
    CASE
        WHEN c.ExitDate < c.EntryDate OR EXISTS (
            SELECT 1 FROM rpt_enrollment o
            WHERE o.PersonalID = c.PersonalID AND o.ProjectID = c.ProjectID AND o.EnrollmentID <> c.EnrollmentID
              AND o.EntryDate < c.EntryDate AND (o.RecordedExitDate IS NULL OR o.RecordedExitDate > c.EntryDate)
        ) THEN 'D'
    END AS start_issue,
    CASE
        WHEN c.RelationshipToHoH IS NULL THEN 'C'
        WHEN c.RelationshipToHoH NOT IN (1, 2, 3, 4, 5) OR h.heads <> 1 THEN 'D'
    END AS relationship_issue,
    CASE
        WHEN NOT c.IsHeadOfHousehold THEN NULL
        WHEN nullif(trim(c.EnrollmentCoC), '') IS NULL THEN 'C'
        WHEN NOT regexp_full_match(c.EnrollmentCoC, '[A-Z]{2}-[0-9]{3}') THEN 'D'
    END AS coc_issue,
    CASE
        WHEN c.DisablingCondition IN (8, 9) THEN 'B'
        WHEN c.DisablingCondition = 99 OR c.DisablingCondition IS NULL THEN 'C'
        WHEN c.DisablingCondition = 0 AND c.EnrollmentID IN (SELECT EnrollmentID FROM apr_disability_at_start) THEN 'D'
    END AS disability_issue
FROM q06b_universe c
LEFT JOIN q06b_household_heads h USING (HouseholdID);

INSERT INTO report_cells
SELECT 'Q6b', col || row_number, PersonalID, PersonalID, EnrollmentID
FROM (
    SELECT PersonalID, EnrollmentID, 2 AS row_number, veteran_issue AS issue FROM q06b_issues
    UNION ALL SELECT PersonalID, EnrollmentID, 3, start_issue FROM q06b_issues
    UNION ALL SELECT PersonalID, EnrollmentID, 4, relationship_issue FROM q06b_issues
    UNION ALL SELECT PersonalID, EnrollmentID, 5, coc_issue FROM q06b_issues
    UNION ALL SELECT PersonalID, EnrollmentID, 6, disability_issue FROM q06b_issues
) issues
CROSS JOIN unnest([issue, 'E']) AS cols(col)
WHERE issue IS NOT NULL;

INSERT INTO report_values
SELECT 'Q6b', 'F' || r.row_number, coalesce(
    (SELECT count(DISTINCT personal_id) FROM report_cells WHERE question = 'Q6b' AND cell = 'E' || r.row_number)
    / nullif(CASE r.row_number
        WHEN 2 THEN (SELECT count(*) FROM q06b_universe WHERE AgeGroup IN ('adult', 'child'))
        WHEN 5 THEN (SELECT count(*) FROM q06b_universe WHERE IsHeadOfHousehold)
        ELSE (SELECT count(*) FROM q06b_universe)
    END, 0), 0), NULL
FROM (SELECT unnest([2, 3, 4, 5, 6]) AS row_number) r;
