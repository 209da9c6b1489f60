-- LSA Programming Specifications v8, sections 5.1 and 5.2: active and active-in-residence (AIR)
-- households (tlsa_HHID) and enrollments (tlsa_Enrollment). Active: in an lsa_Project project and
-- open at some time in the report period. AIR: with a bed night in the period (ES/SH/TH stays,
-- night-by-night bed nights, RRH/PSH after move-in; RRH services-only is never residential).

UPDATE tlsa_HHID hhid SET Active = 1
FROM lsa_Report rpt
WHERE hhid.EntryDate <= rpt.ReportEnd
  AND (hhid.ExitDate IS NULL OR hhid.ExitDate >= rpt.ReportStart)
  AND hhid.ProjectID IN (SELECT ProjectID FROM lsa_Project);

UPDATE tlsa_HHID hhid SET AIR = 1
FROM lsa_Report rpt
WHERE hhid.Active = 1
  AND (hhid.ExitDate IS NULL OR hhid.ExitDate > rpt.ReportStart)
  AND (hhid.LSAProjectType IN (0, 2, 8)
       OR (hhid.LSAProjectType = 1 AND hhid.LastBedNight BETWEEN rpt.ReportStart AND rpt.ReportEnd)
       OR (hhid.LSAProjectType IN (3, 13) AND hhid.MoveInDate IS NOT NULL));

ALTER TABLE tlsa_Enrollment ADD COLUMN Active INTEGER DEFAULT 0;
ALTER TABLE tlsa_Enrollment ADD COLUMN AIR INTEGER DEFAULT 0;
ALTER TABLE tlsa_Enrollment ADD COLUMN CH INTEGER DEFAULT 0;

UPDATE tlsa_Enrollment n SET Active = 1
FROM lsa_Report rpt, tlsa_HHID hhid
WHERE hhid.HouseholdID = n.HouseholdID AND hhid.Active = 1
  AND n.EntryDate <= rpt.ReportEnd
  AND (n.ExitDate IS NULL OR n.ExitDate >= rpt.ReportStart);

UPDATE tlsa_Enrollment n SET AIR = 1
FROM lsa_Report rpt, tlsa_HHID hhid
WHERE hhid.HouseholdID = n.HouseholdID AND hhid.AIR = 1
  AND n.EntryDate <= rpt.ReportEnd
  AND (n.ExitDate IS NULL OR n.ExitDate > rpt.ReportStart)
  AND (n.LSAProjectType IN (0, 2, 8)
       OR (n.LSAProjectType = 1 AND n.LastBednight BETWEEN rpt.ReportStart AND rpt.ReportEnd)
       OR (n.LSAProjectType IN (3, 13) AND n.MoveInDate IS NOT NULL));
