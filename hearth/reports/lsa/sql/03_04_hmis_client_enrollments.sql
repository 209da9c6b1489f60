-- LSA Programming Specifications v8, section 3.4: HMIS client enrollments (tlsa_Enrollment).
-- Every member enrollment (RelationshipToHoH 1-5) of a tlsa_HHID household, with effective entry,
-- move-in and exit dates bounded by the household's, DisabilityStatus and DVStatus.

CREATE OR REPLACE TABLE lsa_member_exits AS
SELECT hx.EnrollmentID, hx.ExitDate
FROM hmis_Exit hx CROSS JOIN lsa_Report rpt
WHERE hx.DateDeleted IS NULL AND hx.ExitDate <= rpt.ReportEnd;

CREATE OR REPLACE TABLE tlsa_Enrollment AS
-- all project types but night-by-night shelter
SELECT hn.EnrollmentID, hn.PersonalID, hn.HouseholdID, hn.RelationshipToHoH,
    hhid.ProjectID, hhid.LSAProjectType,
    latest(hhid.EntryDate, hn.EntryDate) AS EntryDate,
    CAST(NULL AS DATE) AS MoveInDate,
    CASE WHEN hx.ExitDate >= hhid.ExitDate THEN hhid.ExitDate
         WHEN hx.ExitDate IS NULL AND hhid.ExitDate IS NOT NULL THEN hhid.ExitDate
         WHEN hhid.LSAProjectType IN (13, 15) AND hhid.MoveInDate = hx.ExitDate
              AND hx.ExitDate = rpt.ReportEnd THEN NULL
         WHEN hhid.LSAProjectType IN (13, 15) AND hhid.MoveInDate = hx.ExitDate THEN hx.ExitDate + 1
         ELSE hx.ExitDate END AS ExitDate,
    CAST(NULL AS DATE) AS LastBednight,
    -- 0 and 1 as recorded; "client doesn't know / prefers not to answer" (8, 9) kept as -2 so that
    -- person-level reporting can tell it from missing data (LSAPerson DisabilityStatus 98)
    CASE WHEN hn.DisablingCondition IN (0, 1) THEN hn.DisablingCondition
         WHEN hn.DisablingCondition IN (8, 9) THEN -2 END AS DisabilityStatus
FROM tlsa_HHID hhid
CROSS JOIN lsa_Report rpt
JOIN hmis_Enrollment hn ON hn.HouseholdID = hhid.HouseholdID AND hn.DateDeleted IS NULL
LEFT JOIN lsa_member_exits hx ON hx.EnrollmentID = hn.EnrollmentID
WHERE hhid.LSAProjectType IN (0, 2, 3, 8, 13, 15)
  AND hn.RelationshipToHoH IN (1, 2, 3, 4, 5)
  AND hn.EntryDate <= rpt.ReportEnd
  AND hn.EntryDate <= coalesce(hhid.ExitDate, rpt.ReportEnd)
  AND (hx.ExitDate IS NULL
       OR (hx.ExitDate > hhid.EntryDate AND hx.ExitDate >= rpt.LookbackDate AND hx.ExitDate > hn.EntryDate))
UNION ALL
-- night-by-night shelter: entry is the first bed night, exit the day after the last one unless the
-- enrollment is open with a bed night in the last 90 days of the report period
SELECT nbn.EnrollmentID, nbn.PersonalID, nbn.HouseholdID, nbn.RelationshipToHoH,
    hhid.ProjectID, hhid.LSAProjectType,
    min(bn.FirstNight) AS EntryDate,
    CAST(NULL AS DATE) AS MoveInDate,
    CASE WHEN any_value(hx.ExitDate) IS NULL AND any_value(hhid.ExitDate) IS NULL
              AND max(bn.LastNight) + 90 > any_value(rpt.ReportEnd) THEN NULL
         ELSE max(bn.LastNight) + 1 END AS ExitDate,
    max(bn.LastNight) AS LastBednight,
    CASE WHEN any_value(nbn.DisablingCondition) IN (0, 1) THEN any_value(nbn.DisablingCondition)
         WHEN any_value(nbn.DisablingCondition) IN (8, 9) THEN -2 END
FROM tlsa_HHID hhid
CROSS JOIN lsa_Report rpt
JOIN hmis_Enrollment nbn ON nbn.HouseholdID = hhid.HouseholdID AND nbn.DateDeleted IS NULL
LEFT JOIN hmis_Exit hx ON hx.EnrollmentID = nbn.EnrollmentID AND hx.DateDeleted IS NULL
-- bed nights from LookbackDate to ReportEnd, on or after both entries and before both exits
JOIN LATERAL (
    SELECT greatest(r.FirstNight, rpt.LookbackDate, nbn.EntryDate, hhid.EntryDate) AS FirstNight,
        least(r.LastNight, rpt.ReportEnd, hhid.ExitDate - 1, hx.ExitDate - 1) AS LastNight
    FROM lsa_bed_night_runs r WHERE r.EnrollmentID = nbn.EnrollmentID
) bn ON bn.FirstNight <= bn.LastNight
WHERE hhid.LSAProjectType = 1
  AND nbn.RelationshipToHoH IN (1, 2, 3, 4, 5)
GROUP BY nbn.EnrollmentID, nbn.PersonalID, nbn.HouseholdID, nbn.RelationshipToHoH,
    hhid.ProjectID, hhid.LSAProjectType;

-- Move-in dates of members follow the household's (3.4 "MoveInDate").
UPDATE tlsa_Enrollment n
SET MoveInDate = CASE WHEN hhid.MoveInDate < n.EntryDate THEN n.EntryDate
        WHEN hhid.MoveInDate > n.ExitDate THEN NULL
        WHEN hhid.MoveInDate = n.ExitDate AND (hhid.ExitDate IS NULL OR hhid.ExitDate > n.ExitDate) THEN NULL
        ELSE hhid.MoveInDate END
FROM tlsa_HHID hhid
WHERE hhid.HouseholdID = n.HouseholdID AND hhid.LSAProjectType IN (3, 13, 15);

-- DVStatus: the lowest value among HealthAndDV records dated within the enrollment (3.4 "DVStatus").
ALTER TABLE tlsa_Enrollment ADD COLUMN DVStatus INTEGER;
UPDATE tlsa_Enrollment n
SET DVStatus = dv.DVStatus
FROM (
    SELECT n2.EnrollmentID,
        min(CASE WHEN dv.DomesticViolenceSurvivor = 1 AND dv.CurrentlyFleeing = 1 THEN 1
                 WHEN dv.DomesticViolenceSurvivor = 1 AND dv.CurrentlyFleeing = 0 THEN 2
                 WHEN dv.DomesticViolenceSurvivor = 1 THEN 3
                 WHEN dv.DomesticViolenceSurvivor = 0 THEN 10
                 -- a record with any other response counts as "data not provided"
                 ELSE 98 END) AS DVStatus
    FROM tlsa_Enrollment n2
    CROSS JOIN lsa_Report rpt
    JOIN hmis_HealthAndDV dv ON dv.EnrollmentID = n2.EnrollmentID AND dv.DateDeleted IS NULL
    WHERE dv.InformationDate <= rpt.ReportEnd
      AND dv.InformationDate >= n2.EntryDate
      AND (n2.ExitDate IS NULL OR dv.InformationDate <= n2.ExitDate)
    GROUP BY n2.EnrollmentID
) dv
WHERE dv.EnrollmentID = n.EnrollmentID;
