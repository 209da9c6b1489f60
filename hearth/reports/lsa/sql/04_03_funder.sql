-- LSA Programming Specifications v8, section 4.3: Funder.csv records (lsa_Funder) of lsa_Project
-- projects, open during or after the report period. GrantID and UserID are not imported by HDX.

CREATE OR REPLACE TABLE lsa_Funder AS
SELECT f.FunderID, f.ProjectID, f.Funder, f.OtherFunder, CAST(NULL AS VARCHAR) AS GrantID,
    f.StartDate, f.EndDate, f.DateCreated, f.DateUpdated,
    CAST(NULL AS VARCHAR) AS UserID, CAST(NULL AS TIMESTAMP) AS DateDeleted,
    CAST(rpt.ReportID AS VARCHAR) AS ExportID
FROM hmis_Funder f
CROSS JOIN lsa_Report rpt
WHERE f.DateDeleted IS NULL
  AND f.ProjectID IN (SELECT ProjectID FROM lsa_Project)
  AND (f.EndDate IS NULL OR (f.EndDate >= rpt.ReportStart AND f.EndDate > f.StartDate));
