-- Chronically homeless at project start (HMIS Reporting Glossary, "Chronically Homeless at
-- Project Start", used by APR/CAPER Q5a, Q25 and Q26 of the FY2026 specifications).
--
-- Per enrollment, in order:
--   1. Disabling condition (3.08): Yes, or a disability at project start that is indefinite and
--      impairs (developmental, HIV/AIDS, or physical, chronic, mental health, substance use with
--      IndefiniteAndImpairs = 1) -> continue; No -> N; 8/9 -> DK; 99 or missing -> DNC.
--   2. Entering an ES, SH or SO project, or from a homeless living situation (100s) -> step 4.
--   3. From an institution (200s): stayed under 90 days (LOSUnderThreshold = 1) and was on the
--      street, in ES or SH the night before (PreviousStreetESSH = 1) -> step 4; either answered
--      No -> N; otherwise DNC. From any other situation: under 7 nights and PreviousStreetESSH =
--      1 -> step 4; either No -> N; otherwise DNC.
--   4. Homeless since (3.917.3) at least 365 days before project start -> Y.
--   5. Times homeless in the past three years (3.917.4): four or more -> step 6; 1-3 -> N;
--      8/9 -> DK; else DNC.
--   6. Months homeless in the past three years (3.917.5): 12 or more (112, 113) -> Y; 1-11 ->
--      N; 8/9 -> DK; else DNC.
-- Household: members who entered with the head of household (same project start as the head)
-- are chronically homeless when any adult or the head is; a child (or member of unknown age)
-- who is not the head takes the head's status otherwise.

CREATE OR REPLACE TABLE apr_disability_at_start AS
SELECT DISTINCT d.EnrollmentID
FROM hmis_Disabilities d
JOIN rpt_enrollment e ON e.EnrollmentID = d.EnrollmentID
WHERE d.DateDeleted IS NULL
  AND d.DataCollectionStage = 1
  AND (
      (d.DisabilityType IN (6, 8) AND d.DisabilityResponse = 1)
      OR (d.DisabilityType IN (5, 7, 9) AND d.DisabilityResponse = 1 AND d.IndefiniteAndImpairs = 1)
      OR (d.DisabilityType = 10 AND d.DisabilityResponse IN (1, 2, 3) AND d.IndefiniteAndImpairs = 1)
  );

CREATE OR REPLACE TABLE apr_chronic_enrollment AS
WITH steps AS (
    SELECT
        e.EnrollmentID,
        e.HouseholdID,
        e.PersonalID,
        e.EntryDate,
        e.RelationshipToHoH,
        CASE
            WHEN e.DisablingCondition = 1 OR s.EnrollmentID IS NOT NULL THEN 'continue'
            WHEN e.DisablingCondition = 0 THEN 'N'
            WHEN e.DisablingCondition IN (8, 9) THEN 'DK'
            ELSE 'DNC'
        END AS disability_step,
        CASE
            WHEN e.ProjectType IN (0, 1, 4, 8) OR is_homeless_situation(e.LivingSituation) THEN 'continue'
            WHEN is_institutional_situation(e.LivingSituation) THEN
                CASE
                    WHEN e.LOSUnderThreshold = 1 AND e.PreviousStreetESSH = 1 THEN 'continue'
                    WHEN e.LOSUnderThreshold = 0 OR e.PreviousStreetESSH = 0 THEN 'N'
                    ELSE 'DNC'
                END
            ELSE
                CASE
                    WHEN e.LOSUnderThreshold = 1 AND e.PreviousStreetESSH = 1 THEN 'continue'
                    WHEN e.LOSUnderThreshold = 0 OR e.PreviousStreetESSH = 0 THEN 'N'
                    ELSE 'DNC'
                END
        END AS situation_step,
        CASE
            WHEN e.DateToStreetESSH IS NOT NULL AND e.DateToStreetESSH <= e.EntryDate - INTERVAL 365 DAY THEN 'Y'
            WHEN e.TimesHomelessPastThreeYears = 4 THEN
                CASE
                    WHEN e.MonthsHomelessPastThreeYears >= 112 THEN 'Y'
                    WHEN e.MonthsHomelessPastThreeYears BETWEEN 101 AND 111 THEN 'N'
                    WHEN e.MonthsHomelessPastThreeYears IN (8, 9) THEN 'DK'
                    ELSE 'DNC'
                END
            WHEN e.TimesHomelessPastThreeYears IN (1, 2, 3) THEN 'N'
            WHEN e.TimesHomelessPastThreeYears IN (8, 9) THEN 'DK'
            ELSE 'DNC'
        END AS history_step
    FROM rpt_enrollment e
    LEFT JOIN apr_disability_at_start s ON s.EnrollmentID = e.EnrollmentID
)
SELECT
    EnrollmentID, HouseholdID, PersonalID, EntryDate, RelationshipToHoH,
    CASE
        WHEN disability_step <> 'continue' THEN disability_step
        WHEN situation_step <> 'continue' THEN situation_step
        ELSE history_step
    END AS ChronicStatus
FROM steps;

-- Household adjustment, among the members who started with the household.
CREATE OR REPLACE TABLE apr_chronic AS
WITH members AS (
    SELECT
        ce.*,
        c.Age,
        min(ce.EntryDate) OVER (PARTITION BY ce.HouseholdID) AS HouseholdStart
    FROM apr_chronic_enrollment ce
    LEFT JOIN apr_client_base c ON c.EnrollmentID = ce.EnrollmentID
),
household AS (
    SELECT
        HouseholdID,
        bool_or(ChronicStatus = 'Y' AND (Age >= 18 OR RelationshipToHoH = 1)) AS AnyAdultChronic,
        any_value(ChronicStatus) FILTER (WHERE RelationshipToHoH = 1) AS HeadStatus
    FROM members
    WHERE EntryDate = HouseholdStart
    GROUP BY HouseholdID
)
SELECT
    m.EnrollmentID,
    CASE
        WHEN m.EntryDate <> m.HouseholdStart THEN m.ChronicStatus
        WHEN h.AnyAdultChronic THEN 'Y'
        WHEN m.RelationshipToHoH <> 1 AND (m.Age IS NULL OR m.Age < 18) AND h.HeadStatus IS NOT NULL THEN h.HeadStatus
        ELSE m.ChronicStatus
    END AS ChronicStatus
FROM members m
JOIN household h USING (HouseholdID);
