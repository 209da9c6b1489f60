-- The report universe with the facts every question reads (apr_client).
--
-- HMIS Programming Specifications, CoC APR / ESG CAPER FY2026 and the HMIS Reporting Glossary:
--   * data-quality universe (Q5a column B, Q6): every active client, except that street outreach
--     (project type 4) counts only clients with a Date of Engagement on or before the report end;
--   * veteran: an adult with Veteran Status 1;
--   * youth: aged 12 to 24, in a household where no other active member is 25 or older;
--     parenting youth: a youth head of household or adult youth with a child of the head (age
--     under 18, relationship 2) in the household;
--   * annual assessment: due for a stayer whose head of household has been enrolled a year or
--     more (in night-by-night shelters, with 365 bed nights or more); due on the latest
--     anniversary of the head's project start on or before the report end (glossary "Annual
--     Assessment");
--   * length of stay (Q5a row 17): days from project start to exit, or to the report end.

CREATE OR REPLACE TABLE apr_household_head AS
SELECT
    HouseholdID,
    max(EntryDate) FILTER (WHERE RelationshipToHoH = 1) AS HoHEntryDate
FROM rpt_enrollment
GROUP BY HouseholdID;

CREATE OR REPLACE TABLE apr_client AS
WITH flags AS (
    SELECT
        c.*,
        ch.ChronicStatus,
        hh.HoHEntryDate,
        c.ProjectType <> 4 OR (c.DateOfEngagement IS NOT NULL AND c.DateOfEngagement <= r.ReportEnd) AS InDataQualityUniverse,
        c.AgeGroup = 'adult' AND c.VeteranStatus = 1 AS IsVeteran,
        c.Age BETWEEN 12 AND 24 AND NOT EXISTS (
            SELECT 1 FROM apr_client_core o
            WHERE o.HouseholdID = c.HouseholdID AND o.PersonalID <> c.PersonalID AND o.Age >= 25
        ) AS IsYouth,
        CASE WHEN c.ExitDate IS NULL AND hh.HoHEntryDate <= r.ReportEnd
             THEN date_diff('year', hh.HoHEntryDate, r.ReportEnd)
                  - CASE WHEN strftime(r.ReportEnd, '%m%d') < strftime(hh.HoHEntryDate, '%m%d') THEN 1 ELSE 0 END
        END AS HoHYearsInProject,
        date_diff('day', c.EntryDate, coalesce(c.ExitDate, r.ReportEnd)) AS LengthOfStayDays,
        CASE WHEN c.ProjectType = 1 THEN (
            SELECT count(DISTINCT s.DateProvided) FROM hmis_Services s
            WHERE s.EnrollmentID = c.EnrollmentID AND s.DateDeleted IS NULL AND s.RecordType = 200
              AND s.DateProvided >= c.EntryDate AND s.DateProvided <= r.ReportEnd
        ) END AS BedNightsToReportEnd
    FROM apr_client_core c
    CROSS JOIN rpt_parameters r
    LEFT JOIN apr_chronic ch ON ch.EnrollmentID = c.EnrollmentID
    LEFT JOIN apr_household_head hh ON hh.HouseholdID = c.HouseholdID
)
SELECT
    f.*,
    f.IsYouth AND (f.IsHeadOfHousehold OR f.Age >= 18) AND EXISTS (
        SELECT 1 FROM apr_client_core k
        WHERE k.HouseholdID = f.HouseholdID AND k.RelationshipToHoH = 2 AND k.Age < 18
    ) AS IsParentingYouth,
    CASE WHEN f.HoHYearsInProject >= 1 AND (f.ProjectType <> 1 OR f.BedNightsToReportEnd >= 365)
         THEN CAST(f.HoHEntryDate + to_years(CAST(f.HoHYearsInProject AS INTEGER)) AS DATE) END AS AnnualAssessmentDue
FROM flags f;

-- Veteran categories of adults (Q25a, Q25b): 2 chronically homeless veteran, 3 other veteran,
-- 4 not a veteran, 5 Client Doesn't Know/Prefers Not to Answer, 6 Data Not Collected.
CREATE OR REPLACE TABLE apr_veteran_category AS
SELECT
    PersonalID, EnrollmentID, HouseholdID, HouseholdType,
    CASE
        WHEN VeteranStatus = 1 AND ChronicStatus = 'Y' THEN 2
        WHEN VeteranStatus = 1 THEN 3
        WHEN VeteranStatus = 0 THEN 4
        WHEN VeteranStatus IN (8, 9) THEN 5
        ELSE 6
    END AS category_row
FROM apr_client
WHERE AgeGroup = 'adult';
