-- LSA Programming Specifications v8, section 4.1: Project.csv records (lsa_Project).
-- Continuum ES/SH/TH/RRH/PSH/OPH projects with a ProjectCoC record in the ReportCoC, operating at
-- some time since LookbackDate. ProjectCommonName and UserID are not imported by HDX and stay empty.

CREATE OR REPLACE TABLE lsa_Project AS
SELECT DISTINCT p.ProjectID, p.OrganizationID, left(p.ProjectName, 200) AS ProjectName,
    CAST(NULL AS VARCHAR) AS ProjectCommonName,
    p.OperatingStartDate, p.OperatingEndDate, p.ContinuumProject, p.ProjectType,
    CASE WHEN p.RRHSubType = 1 THEN NULL ELSE p.HousingType END AS HousingType,
    CASE WHEN p.ProjectType = 13 THEN p.RRHSubType END AS RRHSubType,
    CASE WHEN p.RRHSubType = 1 AND p.ProjectType = 13 THEN p.ResidentialAffiliation END AS ResidentialAffiliation,
    p.TargetPopulation, p.HOPWAMedAssistedLivingFac, p.PITCount,
    p.DateCreated, p.DateUpdated, CAST(NULL AS VARCHAR) AS UserID, CAST(NULL AS TIMESTAMP) AS DateDeleted,
    CAST(rpt.ReportID AS VARCHAR) AS ExportID
FROM hmis_Project p
CROSS JOIN lsa_Report rpt
JOIN hmis_ProjectCoC pcoc ON pcoc.ProjectID = p.ProjectID AND pcoc.DateDeleted IS NULL
    AND pcoc.CoCCode = rpt.ReportCoC
WHERE p.DateDeleted IS NULL
  AND p.ContinuumProject = 1
  AND p.ProjectType IN (0, 1, 2, 3, 8, 9, 10, 13)
  AND (p.OperatingEndDate IS NULL
       OR (p.OperatingEndDate > rpt.LookbackDate AND p.OperatingEndDate > p.OperatingStartDate));
