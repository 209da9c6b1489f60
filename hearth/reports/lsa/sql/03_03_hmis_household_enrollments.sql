-- LSA Programming Specifications v8, section 3.3: HMIS household enrollments (tlsa_HHID).
-- One row per HouseholdID with exactly one head of household, in a continuum ES/SH/TH/RRH/PSH
-- project of a non-victim-service organization, whose HoH enrollment is in the ReportCoC and was
-- active between LookbackDate and ReportEnd while the project operated and took part in HMIS.
-- Entry, move-in and exit dates are the effective dates of section 3.3; ExitDest follows 3.3.

-- 3.3 BedNightDates: each enrollment's bed nights (Services RecordType 200) as runs of consecutive
-- dates FirstNight..LastNight; each step that reads bed nights clips the runs to its own dates.
CREATE OR REPLACE TABLE lsa_bed_night_runs AS
SELECT EnrollmentID, min(DateProvided) AS FirstNight, max(DateProvided) AS LastNight
FROM (
    -- a date less its rank among the enrollment's distinct dates is the same along a run
    SELECT EnrollmentID, DateProvided,
        DateProvided - CAST(dense_rank() OVER (PARTITION BY EnrollmentID ORDER BY DateProvided) AS INTEGER) AS run
    FROM hmis_Services
    WHERE RecordType = 200 AND DateDeleted IS NULL AND DateProvided IS NOT NULL
) numbered
GROUP BY EnrollmentID, run;

CREATE OR REPLACE TABLE lsa_projects AS
-- LSAProjectType: RRH services-only (ProjectType 13, RRHSubType 1) is reported as 15.
SELECT p.ProjectID,
    CASE WHEN p.ProjectType = 13 AND p.RRHSubType = 1 THEN 15 ELSE p.ProjectType END AS LSAProjectType,
    p.OperatingStartDate AS OperatingStart,
    -- an end date after the report period is no end at all for this report
    CASE WHEN p.OperatingEndDate <= rpt.ReportEnd THEN p.OperatingEndDate END AS OperatingEnd
FROM hmis_Project p
JOIN hmis_Organization o ON o.OrganizationID = p.OrganizationID AND o.DateDeleted IS NULL
CROSS JOIN lsa_Report rpt
WHERE p.DateDeleted IS NULL
  AND p.ContinuumProject = 1
  AND o.VictimServiceProvider = 0
  AND p.ProjectType IN (0, 1, 2, 3, 8, 13)
  AND (p.ProjectType <> 13 OR p.RRHSubType IN (1, 2))
  AND p.OperatingStartDate <= rpt.ReportEnd
  AND (p.OperatingEndDate IS NULL
       OR (p.OperatingEndDate > p.OperatingStartDate AND p.OperatingEndDate > rpt.LookbackDate));

CREATE OR REPLACE TABLE lsa_hoh_candidates AS
-- Heads of household in the ReportCoC with no second HoH in the household; the recorded exit
-- counts only if it is on or before ReportEnd.
SELECT hoh.HouseholdID, hoh.PersonalID AS HoHID, hoh.EnrollmentID, hoh.ProjectID, p.LSAProjectType,
    hoh.EntryDate, hoh.MoveInDate, p.OperatingStart, p.OperatingEnd,
    CASE WHEN hx.ExitDate <= rpt.ReportEnd THEN hx.ExitDate END AS RecordedExit
FROM hmis_Enrollment hoh
CROSS JOIN lsa_Report rpt
JOIN lsa_projects p ON p.ProjectID = hoh.ProjectID
LEFT JOIN hmis_Exit hx ON hx.EnrollmentID = hoh.EnrollmentID AND hx.DateDeleted IS NULL
WHERE hoh.DateDeleted IS NULL
  AND hoh.RelationshipToHoH = 1
  AND hoh.EnrollmentCoC = rpt.ReportCoC
  AND hoh.EntryDate <= rpt.ReportEnd
  AND NOT EXISTS (
      SELECT 1 FROM hmis_Enrollment other
      WHERE other.HouseholdID = hoh.HouseholdID AND other.RelationshipToHoH = 1
        AND other.EnrollmentID <> hoh.EnrollmentID AND other.DateDeleted IS NULL);

CREATE OR REPLACE TABLE lsa_hoh_participation AS
-- HMISStart / HMISEnd: the latest HMIS participation period of the project that overlaps the
-- enrollment (HMISEnd after ReportEnd is no end).
SELECT HouseholdID, HMISStart, HMISEnd FROM (
    SELECT c.HouseholdID, hp.HMISParticipationStatusStartDate AS HMISStart,
        CASE WHEN hp.HMISParticipationStatusEndDate <= rpt.ReportEnd
             THEN hp.HMISParticipationStatusEndDate END AS HMISEnd,
        row_number() OVER (PARTITION BY c.HouseholdID
                           ORDER BY hp.HMISParticipationStatusStartDate DESC, hp.HMISParticipationID) AS rank
    FROM lsa_hoh_candidates c
    CROSS JOIN lsa_Report rpt
    JOIN hmis_HMISParticipation hp ON hp.ProjectID = c.ProjectID
    WHERE hp.DateDeleted IS NULL
      AND hp.HMISParticipationType = 1
      AND hp.HMISParticipationStatusStartDate <= rpt.ReportEnd
      AND (c.EntryDate < hp.HMISParticipationStatusEndDate OR hp.HMISParticipationStatusEndDate IS NULL)
      AND (c.RecordedExit > hp.HMISParticipationStatusStartDate OR c.RecordedExit IS NULL)
) ranked WHERE rank = 1;

CREATE OR REPLACE TABLE lsa_hoh_core AS
-- The recorded exit is kept only when it falls while the project operated and took part in HMIS;
-- otherwise the enrollment is treated as open and truncated below.
SELECT c.*, part.HMISStart, part.HMISEnd,
    CASE WHEN c.RecordedExit IS NOT NULL
          AND (c.RecordedExit <= c.OperatingEnd OR c.OperatingEnd IS NULL)
          AND (c.RecordedExit <= part.HMISEnd OR part.HMISEnd IS NULL)
         THEN c.RecordedExit END AS ExitDate
FROM lsa_hoh_candidates c
JOIN lsa_hoh_participation part USING (HouseholdID)
WHERE (c.EntryDate < c.OperatingEnd OR c.OperatingEnd IS NULL);

CREATE OR REPLACE TABLE lsa_hoh_bednights AS
-- Night-by-night shelter bed nights of the HoH (section 3.3 "BedNightDates").
-- From LookbackDate to ReportEnd, on or after entry, HMIS participation and operation, and before
-- the earliest of exit and their ends.
SELECT h.HouseholdID, min(bn.FirstNight) AS FirstBedNight, max(bn.LastNight) AS LastBedNight
FROM lsa_hoh_core h
CROSS JOIN lsa_Report rpt
JOIN LATERAL (
    SELECT greatest(r.FirstNight, rpt.LookbackDate, h.HMISStart, h.OperatingStart, h.EntryDate) AS FirstNight,
        least(r.LastNight, rpt.ReportEnd, h.ExitDate - 1, h.HMISEnd - 1, h.OperatingEnd - 1) AS LastNight
    FROM lsa_bed_night_runs r WHERE r.EnrollmentID = h.EnrollmentID
) bn ON bn.FirstNight <= bn.LastNight
WHERE h.LSAProjectType = 1
GROUP BY h.HouseholdID;

CREATE OR REPLACE TABLE tlsa_HHID AS
WITH core AS (
    SELECT h.*, bn.FirstBedNight, bn.LastBedNight, rpt.ReportEnd, rpt.LookbackDate
    FROM lsa_hoh_core h
    CROSS JOIN lsa_Report rpt
    LEFT JOIN lsa_hoh_bednights bn USING (HouseholdID)
    WHERE (h.EntryDate < h.HMISEnd OR h.HMISEnd IS NULL)
      AND (h.ExitDate IS NULL OR (h.ExitDate >= rpt.LookbackDate AND h.ExitDate > h.EntryDate))
      AND (h.LSAProjectType <> 1 OR bn.LastBedNight IS NOT NULL)
),
dated AS (
    SELECT HouseholdID, HoHID, EnrollmentID, ProjectID, LSAProjectType, LastBedNight,
        CASE WHEN LSAProjectType = 1 THEN FirstBedNight
             WHEN EntryDate >= HMISStart AND EntryDate >= OperatingStart THEN EntryDate
             ELSE latest(HMISStart, OperatingStart) END AS EntryDate,
        CASE WHEN MoveInDate IS NULL
               OR MoveInDate > ReportEnd
               OR LSAProjectType NOT IN (3, 13, 15)
               OR MoveInDate < EntryDate
               OR MoveInDate >= OperatingEnd
               OR MoveInDate >= HMISEnd
               OR MoveInDate > ExitDate
               OR (MoveInDate = ExitDate AND LSAProjectType = 3) THEN NULL
             WHEN MoveInDate >= HMISStart AND MoveInDate >= OperatingStart THEN MoveInDate
             ELSE latest(HMISStart, OperatingStart) END AS MoveInDate,
        CASE WHEN LSAProjectType = 1 AND ExitDate IS NOT NULL THEN LastBedNight + 1
             -- night-by-night enrollments with no bed night in the last 90 days are closed
             WHEN ExitDate IS NULL AND LastBedNight + 90 <= ReportEnd THEN LastBedNight + 1
             -- an RRH exit on the move-in date counts one housed night
             WHEN LSAProjectType IN (13, 15) AND MoveInDate = ExitDate AND ExitDate = ReportEnd THEN NULL
             WHEN LSAProjectType IN (13, 15) AND MoveInDate = ExitDate THEN ExitDate + 1
             WHEN ExitDate IS NOT NULL THEN ExitDate
             -- open enrollments end when the project stopped operating or taking part in HMIS
             ELSE earliest(OperatingEnd, HMISEnd) END AS ExitDate
    FROM core
)
SELECT d.HouseholdID, d.HoHID, d.EnrollmentID, d.ProjectID, d.LSAProjectType,
    d.EntryDate, d.MoveInDate, d.ExitDate, d.LastBedNight,
    CAST(NULL AS INTEGER) AS EntryHHType, CAST(NULL AS INTEGER) AS ActiveHHType,
    CAST(NULL AS INTEGER) AS Exit1HHType, CAST(NULL AS INTEGER) AS Exit2HHType,
    CAST(NULL AS INTEGER) AS ExitCohort,
    CASE WHEN d.ExitDate IS NULL THEN -1
         WHEN hx.Destination IS NULL OR hx.Destination IN (17, 30, 99)
           OR (hx.ExitDate <> d.ExitDate AND (d.MoveInDate IS NULL OR d.MoveInDate <> hx.ExitDate)) THEN 99
         WHEN hx.Destination IN (8, 9) THEN 98
         WHEN hx.Destination = 435 AND hx.DestinationSubsidyType IS NULL THEN 99
         WHEN hx.Destination = 435 THEN hx.DestinationSubsidyType
         ELSE hx.Destination END AS ExitDest,
    0 AS Active, 0 AS AIR,
    CAST(NULL AS INTEGER) AS HHChronic, CAST(NULL AS INTEGER) AS HHVet,
    CAST(NULL AS INTEGER) AS HHDisability, CAST(NULL AS INTEGER) AS HHFleeingDV,
    CAST(NULL AS INTEGER) AS HHAdultAge, CAST(NULL AS INTEGER) AS HHParent,
    CAST(NULL AS INTEGER) AS AC3Plus
FROM dated d
LEFT JOIN hmis_Exit hx ON hx.EnrollmentID = d.EnrollmentID AND hx.DateDeleted IS NULL;
