-- LSA Programming Specifications v8, sections 7.1 to 7.3: qualifying exits in the exit cohort
-- periods (no other enrollment of the HoH in a household of the same type within 14 days), the
-- reportable exit of each HoH and household type per cohort (tlsa_Exit), where it was from and to,
-- and the time to any return within 730 days. Household type and ages are those of each cohort:
-- ActiveHHType/ActiveAge for cohort 0, Exit1* for -1, Exit2* for -2.

CREATE OR REPLACE TABLE lsa_cohort_hhid AS
SELECT h.*, c.Cohort, c.CohortStart, c.CohortEnd, c.LookbackDate,
    CASE c.Cohort WHEN 0 THEN h.ActiveHHType WHEN -1 THEN h.Exit1HHType ELSE h.Exit2HHType END AS CohortHHType
FROM tlsa_HHID h
CROSS JOIN tlsa_CohortDates c
WHERE c.Cohort BETWEEN -2 AND 0;

CREATE OR REPLACE TABLE lsa_cohort_member AS
SELECT n.*, c.Cohort,
    CASE c.Cohort WHEN 0 THEN n.ActiveAge WHEN -1 THEN n.Exit1Age ELSE n.Exit2Age END AS CohortAge,
    n.ExitDate BETWEEN c.CohortStart AND c.CohortEnd AS exited_in_cohort
FROM tlsa_Enrollment n
CROSS JOIN tlsa_CohortDates c
WHERE c.Cohort BETWEEN -2 AND 0;

UPDATE tlsa_HHID hhid SET ExitCohort = q.Cohort
FROM (
    SELECT h.HouseholdID, h.Cohort
    FROM lsa_cohort_hhid h CROSS JOIN lsa_Report rpt
    WHERE h.EntryDate <= rpt.ReportEnd
      AND h.ExitDate BETWEEN h.CohortStart AND h.CohortEnd
      AND (rpt.LSAScope = 1 OR h.ProjectID IN (SELECT ProjectID FROM lsa_Project))
      AND NOT EXISTS (
          SELECT 1 FROM lsa_cohort_hhid other
          WHERE other.HoHID = h.HoHID AND other.Cohort = h.Cohort AND other.CohortHHType = h.CohortHHType
            AND other.EnrollmentID <> h.EnrollmentID
            AND other.EntryDate < h.ExitDate + 14
            AND (other.ExitDate IS NULL OR other.ExitDate > h.ExitDate))
) q
WHERE q.HouseholdID = hhid.HouseholdID;
UPDATE lsa_cohort_hhid c SET ExitCohort = h.ExitCohort FROM tlsa_HHID h WHERE h.HouseholdID = c.HouseholdID;

CREATE OR REPLACE TABLE lsa_exit_households AS
SELECT h.*,
    row_number() OVER (PARTITION BY h.Cohort, h.HoHID, h.CohortHHType
        ORDER BY CASE WHEN h.ExitDest BETWEEN 400 AND 499 THEN 2 WHEN h.ExitDest BETWEEN 100 AND 399 THEN 3 ELSE 4 END,
                 h.ExitDate, h.ExitDest, h.EntryDate DESC, h.EnrollmentID DESC) AS preference
FROM lsa_cohort_hhid h
CROSS JOIN lsa_Report rpt
WHERE h.ExitCohort = h.Cohort AND h.EntryDate <= rpt.ReportEnd;

-- 7.2: permanent destinations are preferred, then the earliest exit
CREATE OR REPLACE TABLE tlsa_Exit AS
SELECT q.HoHID, q.CohortHHType AS HHType, q.HouseholdID AS QualifyingExitHHID, q.Cohort,
    CASE WHEN q.LSAProjectType IN (0, 1) THEN 2
         WHEN q.LSAProjectType = 2 THEN 3
         WHEN q.LSAProjectType = 8 THEN 4
         WHEN q.LSAProjectType = 13 AND q.MoveInDate IS NOT NULL THEN 5
         WHEN q.LSAProjectType = 3 AND q.MoveInDate IS NOT NULL THEN 6
         WHEN q.LSAProjectType = 13 THEN 7
         WHEN q.LSAProjectType = 3 THEN 8
         WHEN q.LSAProjectType = 15 AND q.MoveInDate IS NOT NULL THEN 9
         ELSE 10 END AS ExitFrom,
    q.ExitDest AS ExitTo,
    -- 7.3: days from exit to the first return within 15-730 days in a household of the same type
    coalesce((SELECT min(rn.EntryDate) - q.ExitDate
              FROM lsa_cohort_hhid rn
              WHERE rn.HoHID = q.HoHID AND rn.Cohort = q.Cohort AND rn.CohortHHType = q.CohortHHType
                AND rn.EntryDate BETWEEN q.ExitDate + 15 AND q.ExitDate + 730), -1) AS ReturnTime,
    q.EntryDate AS QualifyingEntryDate, q.ExitDate AS QualifyingExitDate, q.MoveInDate AS QualifyingMoveInDate,
    q.CohortStart, q.CohortEnd, q.LookbackDate
FROM lsa_exit_households q
WHERE q.preference = 1;
