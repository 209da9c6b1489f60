-- LSA Programming Specifications v8, section 10: project-level data quality counts in LSACalculated
-- (rows 901-921; Cohort 1, Universe 10, HHType 0, Population 0, SystemPath -1). Each member kept
-- for drill-down is an EnrollmentID, HouseholdID or PersonalID as the row counts.

CREATE OR REPLACE TABLE lsa_dq_members AS
WITH rpt AS (SELECT * FROM lsa_Report),
project_enrollments AS (
    -- HMIS enrollments in LSA projects other than OPH, active in the report period
    SELECT hn.*, x.ExitDate, p.ProjectType, p.OperatingEndDate,
        (SELECT any_value(h.EnrollmentCoC) FROM hmis_Enrollment h WHERE h.HouseholdID = hn.HouseholdID
           AND h.RelationshipToHoH = 1 AND h.DateDeleted IS NULL) AS HoHCoC
    FROM hmis_Enrollment hn
    CROSS JOIN rpt
    JOIN lsa_Project p ON p.ProjectID = hn.ProjectID AND p.ProjectType NOT IN (9, 10)
    LEFT JOIN hmis_Exit x ON x.EnrollmentID = hn.EnrollmentID AND x.DateDeleted IS NULL
    WHERE hn.DateDeleted IS NULL AND hn.EntryDate <= rpt.ReportEnd
      AND (x.ExitDate IS NULL OR (x.ExitDate >= rpt.ReportStart AND x.ExitDate > hn.EntryDate))
),
reported AS (
    SELECT n.*, hn.LivingSituation, hn.LengthOfStay, hn.DateToStreetESSH, hn.EntryDate AS RecordedEntry,
        hn.TimesHomelessPastThreeYears, hn.MonthsHomelessPastThreeYears, hn.PreviousStreetESSH,
        (n.ActiveAge BETWEEN 18 AND 65 OR n.RelationshipToHoH = 1) AS is_adult_or_hoh,
        (n.LSAProjectType IN (0, 1, 8) OR hn.LivingSituation IN (101, 116, 118) OR hn.PreviousStreetESSH = 1)
            AS is_street_es_sh,
        x.Destination, x.DestinationSubsidyType, x.ExitID IS NOT NULL AS has_exit_record
    FROM lsa_reported_enrollments n
    JOIN hmis_Enrollment hn ON hn.EnrollmentID = n.EnrollmentID
    LEFT JOIN hmis_Exit x ON x.EnrollmentID = n.EnrollmentID AND x.DateDeleted IS NULL
    WHERE n.ProjectID IN (SELECT ProjectID FROM lsa_Project)
)
-- 10.2
SELECT n.ProjectID, 901 AS ReportRow, n.EnrollmentID AS MemberID
FROM tlsa_Enrollment n CROSS JOIN rpt
JOIN hmis_Project p ON p.ProjectID = n.ProjectID
LEFT JOIN hmis_Exit x ON x.EnrollmentID = n.EnrollmentID AND x.DateDeleted IS NULL
WHERE x.ExitDate IS NULL AND p.OperatingEndDate BETWEEN rpt.ReportStart AND rpt.ReportEnd
UNION ALL
SELECT n.ProjectID, 902, n.EnrollmentID
FROM tlsa_Enrollment n CROSS JOIN rpt
JOIN hmis_Project p ON p.ProjectID = n.ProjectID
JOIN hmis_Exit x ON x.EnrollmentID = n.EnrollmentID AND x.DateDeleted IS NULL
WHERE x.ExitDate > p.OperatingEndDate AND p.OperatingEndDate BETWEEN rpt.ReportStart AND rpt.ReportEnd
UNION ALL
-- 10.3: 903 open night-by-night enrollments without a bed night in the last 90 days (as tlsa_Enrollment
-- keeps them, with their last bed night); 904 hmis_Enrollment exits in the report period without a bed
-- night of the enrollment's own on ExitDate - 1 (its last bed night on or before ReportEnd is another
-- date or there is none). HUD's sample output (552 for NBN105, 577 here) compares the HoH's last bed
-- night in the report period instead: docs/reports.md, "Row 904 for NBN105".
SELECT n.ProjectID, 903, n.EnrollmentID
FROM tlsa_Enrollment n CROSS JOIN rpt
LEFT JOIN hmis_Exit x ON x.EnrollmentID = n.EnrollmentID AND x.DateDeleted IS NULL
WHERE n.LSAProjectType = 1 AND n.Active = 1
  AND (x.ExitDate IS NULL OR x.ExitDate > rpt.ReportEnd) AND n.LastBednight <= rpt.ReportEnd - 90
UNION ALL
SELECT hn.ProjectID, 904, hn.EnrollmentID
FROM hmis_Enrollment hn CROSS JOIN rpt
JOIN hmis_Project p ON p.ProjectID = hn.ProjectID AND p.ProjectType = 1 AND p.ContinuumProject = 1
JOIN hmis_Exit x ON x.EnrollmentID = hn.EnrollmentID AND x.DateDeleted IS NULL
WHERE hn.DateDeleted IS NULL
  AND hn.HouseholdID IN (SELECT HouseholdID FROM tlsa_HHID)
  AND x.ExitDate BETWEEN rpt.ReportStart AND rpt.ReportEnd
  AND NOT EXISTS (SELECT 1 FROM hmis_Services s WHERE s.EnrollmentID = hn.EnrollmentID
                  AND s.RecordType = 200 AND s.DateDeleted IS NULL AND s.DateProvided = x.ExitDate - 1)
UNION ALL
-- 10.4
SELECT e.ProjectID, 905, e.HouseholdID
FROM project_enrollments e
WHERE NOT EXISTS (SELECT 1 FROM hmis_Enrollment h WHERE h.HouseholdID = e.HouseholdID AND h.DateDeleted IS NULL
                    AND h.EnrollmentCoC IS NOT NULL AND h.RelationshipToHoH = 1)
UNION ALL
-- 10.5
SELECT e.ProjectID, 906, e.EnrollmentID
FROM project_enrollments e CROSS JOIN rpt
WHERE e.HoHCoC = rpt.ReportCoC
  AND NOT EXISTS (
    SELECT 1 FROM lsa_HMISParticipation hp
    WHERE hp.ProjectID = e.ProjectID AND hp.HMISParticipationType = 1
      AND hp.HMISParticipationStatusStartDate <= e.EntryDate
      AND (hp.HMISParticipationStatusEndDate IS NULL OR hp.HMISParticipationStatusEndDate >= e.ExitDate
           OR (e.ExitDate IS NULL AND hp.HMISParticipationStatusEndDate > rpt.ReportEnd)))
UNION ALL
-- 10.6
SELECT e.ProjectID, 907, e.EnrollmentID
FROM project_enrollments e CROSS JOIN rpt
WHERE e.HoHCoC = rpt.ReportCoC
  AND (SELECT count(DISTINCT h.PersonalID) FROM hmis_Enrollment h WHERE h.HouseholdID = e.HouseholdID
         AND h.RelationshipToHoH = 1 AND h.DateDeleted IS NULL) <> 1
UNION ALL
-- 10.7
SELECT e.ProjectID, 908, e.EnrollmentID
FROM project_enrollments e CROSS JOIN rpt
WHERE e.HoHCoC = rpt.ReportCoC AND (e.RelationshipToHoH IS NULL OR e.RelationshipToHoH NOT IN (1, 2, 3, 4, 5))
UNION ALL
-- 10.8 to 10.19: the counts of LSAReport (11.5, 11.7) by project
SELECT h.ProjectID, 909, h.HouseholdID FROM tlsa_HHID h CROSS JOIN rpt
WHERE h.AIR = 1 OR (rpt.LSAScope <> 3 AND h.Active = 1)
UNION ALL SELECT ProjectID, 910, EnrollmentID FROM reported
UNION ALL SELECT ProjectID, 911, EnrollmentID FROM reported WHERE is_adult_or_hoh
UNION ALL SELECT ProjectID, 912, EnrollmentID FROM reported WHERE ExitDate IS NOT NULL
UNION ALL SELECT ProjectID, 913, EnrollmentID FROM reported
    WHERE DisabilityStatus IS NULL OR DisabilityStatus NOT IN (0, 1)
UNION ALL SELECT ProjectID, 914, EnrollmentID FROM reported
    WHERE is_adult_or_hoh AND (LivingSituation IN (8, 9, 99) OR LivingSituation IS NULL)
UNION ALL SELECT ProjectID, 915, EnrollmentID FROM reported
    WHERE is_adult_or_hoh AND (LengthOfStay IN (8, 9, 99) OR LengthOfStay IS NULL)
UNION ALL SELECT ProjectID, 916, EnrollmentID FROM reported
    WHERE is_adult_or_hoh AND (DateToStreetESSH > RecordedEntry OR (DateToStreetESSH IS NULL AND is_street_es_sh))
UNION ALL SELECT ProjectID, 917, EnrollmentID FROM reported
    WHERE is_adult_or_hoh AND is_street_es_sh
      AND (TimesHomelessPastThreeYears IS NULL OR TimesHomelessPastThreeYears NOT IN (1, 2, 3, 4))
UNION ALL SELECT ProjectID, 918, EnrollmentID FROM reported
    WHERE is_adult_or_hoh AND is_street_es_sh
      AND (MonthsHomelessPastThreeYears IS NULL OR MonthsHomelessPastThreeYears NOT BETWEEN 101 AND 113)
-- by project, only enrollments with an exit record are counted
UNION ALL SELECT ProjectID, 919, EnrollmentID FROM reported
    WHERE ExitDate IS NOT NULL AND has_exit_record AND (Destination IS NULL OR Destination IN (8, 9, 17, 30, 99)
                                    OR (Destination = 435 AND DestinationSubsidyType IS NULL))
UNION ALL SELECT ProjectID, 920, PersonalID FROM reported WHERE ActiveAge IN (98, 99)
UNION ALL
-- 10.20: night-by-night enrollments with no bed night during the enrollment
SELECT e.ProjectID, 921, e.EnrollmentID
FROM project_enrollments e CROSS JOIN rpt
WHERE e.ProjectType = 1 AND e.HoHCoC = rpt.ReportCoC
  AND NOT EXISTS (SELECT 1 FROM hmis_Services s
                  WHERE s.EnrollmentID = e.EnrollmentID AND s.RecordType = 200 AND s.DateDeleted IS NULL
                    AND s.DateProvided BETWEEN e.EntryDate AND least(rpt.ReportEnd, coalesce(e.ExitDate - 1, rpt.ReportEnd)));

INSERT INTO lsa_Calculated
SELECT CAST(count(DISTINCT MemberID) AS INTEGER), 1, 10, 0, 0, -1, ProjectID, ReportRow, any_value(rpt.ReportID),
    CASE WHEN ReportRow <= 902 THEN '10.2' WHEN ReportRow <= 904 THEN '10.3'
         ELSE '10.' || (ReportRow - 901) END
FROM lsa_dq_members CROSS JOIN lsa_Report rpt
GROUP BY ProjectID, ReportRow;

INSERT INTO lsa_calculated_members SELECT DISTINCT 1, 10, 0, 0, -1, ProjectID, ReportRow, MemberID FROM lsa_dq_members;
