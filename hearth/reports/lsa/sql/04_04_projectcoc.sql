-- LSA Programming Specifications v8, section 4.4: ProjectCoC.csv records (lsa_ProjectCoC) in the
-- ReportCoC for lsa_Project projects; ZIP is cut to its first five digits.

CREATE OR REPLACE TABLE lsa_ProjectCoC AS
SELECT pcoc.ProjectCoCID, pcoc.ProjectID, pcoc.CoCCode, pcoc.Geocode, pcoc.Address1, pcoc.Address2,
    pcoc.City, pcoc.State, left(pcoc.ZIP, 5) AS ZIP, pcoc.GeographyType, pcoc.DateCreated, pcoc.DateUpdated,
    CAST(NULL AS VARCHAR) AS UserID, CAST(NULL AS TIMESTAMP) AS DateDeleted,
    CAST(rpt.ReportID AS VARCHAR) AS ExportID
FROM hmis_ProjectCoC pcoc
CROSS JOIN lsa_Report rpt
WHERE pcoc.DateDeleted IS NULL
  AND pcoc.CoCCode = rpt.ReportCoC
  AND pcoc.ProjectID IN (SELECT ProjectID FROM lsa_Project);
