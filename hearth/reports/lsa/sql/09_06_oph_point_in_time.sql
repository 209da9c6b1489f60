-- LSA Programming Specifications v8, section 9.6: for the HIC, people in households housed on the
-- count date in OPH projects (ProjectType 9, 10) that take part in HMIS, per project (row 53).

CREATE OR REPLACE TABLE lsa_oph_members AS
SELECT DISTINCT hoh.ProjectID, member.PersonalID
FROM hmis_Enrollment hoh
CROSS JOIN lsa_Report rpt
JOIN lsa_Project p ON p.ProjectID = hoh.ProjectID AND p.ProjectType IN (9, 10)
LEFT JOIN hmis_Exit hx ON hx.EnrollmentID = hoh.EnrollmentID AND hx.DateDeleted IS NULL
JOIN hmis_Enrollment member ON member.HouseholdID = hoh.HouseholdID AND member.DateDeleted IS NULL
LEFT JOIN hmis_Exit mx ON mx.EnrollmentID = member.EnrollmentID AND mx.DateDeleted IS NULL
WHERE rpt.LSAScope = 3
  AND hoh.DateDeleted IS NULL AND hoh.RelationshipToHoH = 1 AND hoh.EnrollmentCoC = rpt.ReportCoC
  AND hoh.EntryDate <= rpt.ReportStart AND hoh.MoveInDate <= rpt.ReportStart AND hoh.MoveInDate >= hoh.EntryDate
  AND (hx.ExitDate IS NULL OR hx.ExitDate > rpt.ReportStart)
  AND EXISTS (SELECT 1 FROM lsa_HMISParticipation hp
              WHERE hp.ProjectID = hoh.ProjectID AND hp.HMISParticipationType = 1
                AND hp.HMISParticipationStatusStartDate <= rpt.ReportStart
                AND (hp.HMISParticipationStatusEndDate IS NULL OR hp.HMISParticipationStatusEndDate > rpt.ReportStart))
  AND member.EntryDate <= rpt.ReportStart
  AND (mx.ExitDate IS NULL OR mx.ExitDate > rpt.ReportStart);

INSERT INTO lsa_Calculated
SELECT CAST(count(*) AS INTEGER), 1, 10, 0, 0, -1, ProjectID, 53, any_value(rpt.ReportID), '9.6'
FROM lsa_oph_members CROSS JOIN lsa_Report rpt
GROUP BY ProjectID;

INSERT INTO lsa_calculated_members SELECT 1, 10, 0, 0, -1, ProjectID, 53, PersonalID FROM lsa_oph_members;
