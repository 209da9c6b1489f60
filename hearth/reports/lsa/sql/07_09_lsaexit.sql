-- LSA Programming Specifications v8, sections 7.9 to 7.13: population identifiers of exit cohort
-- households, system engagement status before the qualifying entry, the last inactive date
-- (via sys_TimePadded_exit), the system path up to the exit, and LSAExit, one row per distinct
-- combination of values with RowTotal households.

-- 7.9
ALTER TABLE tlsa_Exit ADD COLUMN HHChronic INTEGER;
ALTER TABLE tlsa_Exit ADD COLUMN HHVet INTEGER;
ALTER TABLE tlsa_Exit ADD COLUMN HHDisability INTEGER;
ALTER TABLE tlsa_Exit ADD COLUMN HHFleeingDV INTEGER;
ALTER TABLE tlsa_Exit ADD COLUMN HoHRaceEthnicity INTEGER;
ALTER TABLE tlsa_Exit ADD COLUMN HHAdultAge INTEGER;
ALTER TABLE tlsa_Exit ADD COLUMN HHParent INTEGER;
ALTER TABLE tlsa_Exit ADD COLUMN AC3Plus INTEGER;

UPDATE tlsa_Exit ex
SET HHChronic = coalesce((
    SELECT min(CASE
        WHEN ((ha.CHTime = 365 AND ha.CHTimeStatus IN (1, 2)) OR (ha.CHTime = 400 AND ha.CHTimeStatus = 2))
             AND ha.DisabilityStatus = 1 THEN 1
        WHEN ha.CHTime IN (365, 400) AND ha.DisabilityStatus = 1 THEN 2
        WHEN ha.CHTime IN (365, 400) AND ha.DisabilityStatus = 99 THEN 3
        WHEN ha.CHTime IN (365, 400) AND ha.DisabilityStatus = 0 THEN 4
        WHEN ha.CHTime = 270 AND ha.DisabilityStatus = 1 AND ha.CHTimeStatus = 99 THEN 5
        WHEN ha.CHTime = 270 AND ha.DisabilityStatus = 1 THEN 6
        WHEN ha.CHTimeStatus = 99 AND ha.DisabilityStatus <> 0 THEN 9 END)
    FROM tlsa_ExitHoHAdult ha WHERE ha.QualifyingExitHHID = ex.QualifyingExitHHID), 0);

CREATE OR REPLACE TABLE lsa_exit_member_values AS
SELECT ex2.QualifyingExitHHID, ex2.Cohort,
    max(CASE WHEN c.VeteranStatus = 1 THEN 1 ELSE 0 END) FILTER (m.CohortAge BETWEEN 18 AND 65) AS vet,
    max(CASE WHEN m.DisabilityStatus = 1 AND (m.PersonalID = ex2.HoHID OR m.CohortAge BETWEEN 18 AND 65)
             THEN 1 ELSE 0 END) AS disability,
    min(m.DVStatus) FILTER (m.DVStatus BETWEEN 1 AND 3 AND (m.RelationshipToHoH = 1 OR m.CohortAge BETWEEN 18 AND 65))
        AS dv,
    max(CASE WHEN m.RelationshipToHoH = 2 THEN 1 ELSE 0 END) AS parent,
    CASE WHEN count(DISTINCT m.PersonalID) FILTER (m.CohortAge <= 17 AND ex2.HHType = 2) >= 3 THEN 1 ELSE 0 END
        AS ac3plus,
    NULL AS adult_age
FROM tlsa_Exit ex2
JOIN lsa_cohort_member m ON m.HouseholdID = ex2.QualifyingExitHHID AND m.Cohort = ex2.Cohort
JOIN hmis_Client c ON c.PersonalID = m.PersonalID
GROUP BY ex2.QualifyingExitHHID, ex2.Cohort;

UPDATE tlsa_Exit ex
SET HHVet = coalesce(m.vet, 0), HHDisability = m.disability, HHFleeingDV = coalesce(m.dv, 0),
    HHParent = m.parent, AC3Plus = m.ac3plus, HHAdultAge = m.adult_age
FROM lsa_exit_member_values m
WHERE m.QualifyingExitHHID = ex.QualifyingExitHHID AND m.Cohort = ex.Cohort;

-- adult ages across every qualifying exit of the HoH and household type in the cohort
CREATE OR REPLACE TABLE lsa_exit_adult_ages AS
SELECT h.HoHID, h.CohortHHType, h.Cohort, max(m.CohortAge) AS MaxAge, min(m.CohortAge) AS MinAge
FROM lsa_cohort_hhid h
JOIN lsa_cohort_member m ON m.HouseholdID = h.HouseholdID AND m.Cohort = h.Cohort
WHERE h.ExitCohort = h.Cohort
GROUP BY h.HoHID, h.CohortHHType, h.Cohort;

UPDATE tlsa_Exit ex
SET HHAdultAge = CASE WHEN a.MaxAge > 65 OR ex.HHType NOT IN (1, 2) THEN -1
        WHEN a.MaxAge = 21 THEN 18 WHEN a.MaxAge = 24 THEN 24
        WHEN a.MinAge BETWEEN 55 AND 65 THEN 55 ELSE 25 END
FROM lsa_exit_adult_ages a
WHERE a.HoHID = ex.HoHID AND a.CohortHHType = ex.HHType AND a.Cohort = ex.Cohort;

-- the race and ethnicity of each HoH with an exit, then set on the exits
CREATE OR REPLACE TABLE lsa_exit_hoh_race AS
SELECT c.PersonalID AS HoHID,
    CASE WHEN c.RaceNone IN (8, 9) THEN 98
         WHEN c.RaceNone = 99 THEN 99
         WHEN 1 IN (c.AmIndAKNative, c.Asian, c.BlackAfAmerican, c.NativeHIPacific, c.White,
                    c.HispanicLatinao, c.MidEastNAfrican)
         THEN CAST(concat(
                CASE WHEN c.AmIndAKNative = 1 THEN '1' ELSE '' END,
                CASE WHEN c.Asian = 1 THEN '2' ELSE '' END,
                CASE WHEN c.BlackAfAmerican = 1 THEN '3' ELSE '' END,
                CASE WHEN c.NativeHIPacific = 1 THEN '4' ELSE '' END,
                CASE WHEN c.White = 1 THEN '5' ELSE '' END,
                CASE WHEN c.HispanicLatinao = 1 THEN '6' ELSE '' END,
                CASE WHEN c.MidEastNAfrican = 1 THEN '7' ELSE '' END) AS INTEGER)
         ELSE 99 END AS HoHRaceEthnicity
FROM hmis_Client c
WHERE c.PersonalID IN (SELECT HoHID FROM tlsa_Exit);

UPDATE tlsa_Exit ex
SET HoHRaceEthnicity = r.HoHRaceEthnicity
FROM lsa_exit_hoh_race r
WHERE r.HoHID = ex.HoHID;

-- 7.10: engagement before the qualifying entry
ALTER TABLE tlsa_Exit ADD COLUMN Stat INTEGER;
UPDATE tlsa_Exit ex
SET Stat = CASE WHEN p.EnrollmentID IS NULL THEN 1
        WHEN p.ExitDate >= ex.QualifyingEntryDate - 14 THEN 5
        WHEN p.ExitDest BETWEEN 400 AND 499 THEN 2
        WHEN p.ExitDest BETWEEN 100 AND 399 THEN 3
        ELSE 4 END
FROM (
    SELECT ex2.QualifyingExitHHID, ex2.Cohort, last.EnrollmentID, last.ExitDate, last.ExitDest,
        row_number() OVER (PARTITION BY ex2.QualifyingExitHHID, ex2.Cohort
            ORDER BY last.ExitDate DESC NULLS LAST, last.ExitDest, last.EntryDate, last.EnrollmentID DESC) AS rank
    FROM tlsa_Exit ex2
    LEFT JOIN lsa_cohort_hhid last ON last.HoHID = ex2.HoHID AND last.Cohort = ex2.Cohort
        AND last.CohortHHType = ex2.HHType AND last.EntryDate < ex2.QualifyingEntryDate
        AND last.ExitDate BETWEEN ex2.QualifyingEntryDate - 730 AND ex2.QualifyingExitDate
) p
WHERE p.QualifyingExitHHID = ex.QualifyingExitHHID AND p.Cohort = ex.Cohort AND p.rank = 1;

-- 7.11: last inactive date
ALTER TABLE tlsa_Exit ADD COLUMN LastInactive DATE;
UPDATE tlsa_Exit ex
SET LastInactive = CASE WHEN ex.QualifyingEntryDate < ex.LookbackDate THEN ex.LookbackDate - 1
                        ELSE ex.QualifyingEntryDate - 1 END
WHERE ex.Stat <> 5
   OR NOT EXISTS (
       SELECT 1 FROM lsa_cohort_hhid p
       JOIN tlsa_Enrollment pn ON pn.PersonalID = p.HoHID AND pn.HouseholdID = p.HouseholdID
       WHERE pn.EntryDate < ex.QualifyingEntryDate AND p.HoHID = ex.HoHID AND p.Cohort = ex.Cohort
         AND p.CohortHHType = ex.HHType AND p.ExitDate + 6 >= ex.QualifyingEntryDate);

CREATE OR REPLACE TABLE sys_TimePadded_exit AS
SELECT DISTINCT ex.HoHID, ex.HHType, ex.Cohort, p.EntryDate AS StartDate,
    CASE WHEN p.ExitDate + 6 > ex.CohortEnd THEN ex.CohortEnd ELSE p.ExitDate + 6 END AS EndDate
FROM tlsa_Exit ex
JOIN lsa_cohort_hhid p ON p.HoHID = ex.HoHID AND p.Cohort = ex.Cohort AND p.CohortHHType = ex.HHType
    AND p.ExitDate <= ex.QualifyingExitDate
WHERE ex.LastInactive IS NULL AND p.LSAProjectType IN (0, 2, 3, 8, 13)
UNION
-- bed nights padded by six days: a run of consecutive nights pads as one period
SELECT DISTINCT HoHID, HHType, Cohort, FirstNight,
    CASE WHEN LastNight + 6 > CohortEnd THEN CohortEnd ELSE LastNight + 6 END
FROM (
    SELECT ex.HoHID, ex.HHType, ex.Cohort, ex.CohortEnd, greatest(bn.FirstNight, p.EntryDate) AS FirstNight,
        least(bn.LastNight, ex.CohortEnd, p.ExitDate - 1) AS LastNight
    FROM tlsa_Exit ex
    JOIN lsa_cohort_hhid p ON p.HoHID = ex.HoHID AND p.Cohort = ex.Cohort AND p.CohortHHType = ex.HHType
        AND p.ExitDate <= ex.QualifyingExitDate
    JOIN lsa_bed_night_runs bn ON bn.EnrollmentID = p.EnrollmentID
    WHERE ex.LastInactive IS NULL AND p.LSAProjectType = 1
) runs
WHERE FirstNight <= LastNight;

UPDATE tlsa_Exit ex
SET LastInactive = d.inactive
FROM (
    SELECT c.HoHID, c.HHType, c.Cohort, max(c.candidate) AS inactive
    FROM (
        SELECT HoHID, HHType, Cohort, QualifyingEntryDate - 1 AS candidate FROM tlsa_Exit WHERE LastInactive IS NULL
        UNION
        SELECT HoHID, HHType, Cohort, StartDate - 1 FROM sys_TimePadded_exit
    ) c
    JOIN tlsa_Exit e2 ON e2.HoHID = c.HoHID AND e2.HHType = c.HHType AND e2.Cohort = c.Cohort
        AND e2.LastInactive IS NULL
    WHERE c.candidate < e2.QualifyingEntryDate AND c.candidate >= e2.LookbackDate AND c.candidate <= e2.CohortEnd
      AND NOT EXISTS (SELECT 1 FROM sys_TimePadded_exit p
                      WHERE p.HoHID = c.HoHID AND p.HHType = c.HHType AND p.Cohort = c.Cohort
                        AND c.candidate BETWEEN p.StartDate AND p.EndDate)
    GROUP BY c.HoHID, c.HHType, c.Cohort
) d
WHERE ex.LastInactive IS NULL AND d.HoHID = ex.HoHID AND d.HHType = ex.HHType AND d.Cohort = ex.Cohort;
UPDATE tlsa_Exit SET LastInactive = LookbackDate - 1 WHERE LastInactive IS NULL;

-- 7.12: system path, not applicable when housed in PSH at CohortStart or housed a year or more
ALTER TABLE tlsa_Exit ADD COLUMN SystemPath INTEGER;
UPDATE tlsa_Exit SET SystemPath = -1
WHERE (ExitFrom = 6 AND QualifyingMoveInDate < CohortStart)
   OR (ExitFrom IN (5, 6) AND QualifyingMoveInDate + 365 <= QualifyingExitDate);

CREATE OR REPLACE TABLE lsa_exit_path_summary AS
SELECT ex2.HoHID, ex2.HHType, ex2.Cohort,
    max(CASE WHEN h.LSAProjectType IN (0, 1, 8) THEN 1 ELSE 0 END)
      + max(CASE WHEN h.LSAProjectType = 2 THEN 10 ELSE 0 END)
      + max(CASE WHEN h.LSAProjectType = 13 THEN 100 ELSE 0 END)
      + max(CASE WHEN h.LSAProjectType = 3 THEN 1000 ELSE 0 END) AS summary
FROM tlsa_Exit ex2
LEFT JOIN lsa_cohort_hhid h ON h.HoHID = ex2.HoHID AND h.Cohort = ex2.Cohort AND h.CohortHHType = ex2.HHType
    AND h.EntryDate <= ex2.QualifyingExitDate
    AND (h.EntryDate > ex2.LastInactive
         OR (ex2.LastInactive = ex2.LookbackDate - 1 AND (h.ExitDate > ex2.LookbackDate - 1 OR h.ExitDate IS NULL)))
GROUP BY ex2.HoHID, ex2.HHType, ex2.Cohort;

UPDATE tlsa_Exit ex
SET SystemPath = CASE p.summary
        WHEN 1 THEN 1 WHEN 10 THEN 2 WHEN 11 THEN 3 WHEN 100 THEN 4 WHEN 101 THEN 5 WHEN 110 THEN 6
        WHEN 111 THEN 7 WHEN 1000 THEN 8 WHEN 1001 THEN 9 WHEN 1101 THEN 10 WHEN 1100 THEN 11 ELSE 12 END
FROM lsa_exit_path_summary p
WHERE p.HoHID = ex.HoHID AND p.HHType = ex.HHType AND p.Cohort = ex.Cohort AND ex.SystemPath IS NULL;

-- 7.13
-- one row per exit cohort household with the values LSAExit reports (kept for drill-down)
CREATE OR REPLACE TABLE lsa_exit_rows AS
SELECT QualifyingExitHHID, HoHID, Cohort, Stat, ExitFrom, ExitTo,
    CASE WHEN ReturnTime BETWEEN 548 AND 730 THEN 730 ELSE return_time_group(ReturnTime) END AS ReturnTime,
    HHType, HHVet, HHChronic, HHDisability, HHFleeingDV, HoHRaceEthnicity, HHAdultAge, HHParent, AC3Plus,
    SystemPath
FROM tlsa_Exit;

CREATE OR REPLACE TABLE lsa_Exit AS
SELECT grouped.*, rpt.ReportID
FROM (SELECT CAST(count(*) AS INTEGER) AS RowTotal, COLUMNS(* EXCLUDE (QualifyingExitHHID, HoHID))
      FROM lsa_exit_rows GROUP BY ALL) grouped
CROSS JOIN lsa_Report rpt;
