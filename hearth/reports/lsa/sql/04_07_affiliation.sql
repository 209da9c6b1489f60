-- LSA Programming Specifications v8, section 4.7: Affiliation.csv records (lsa_Affiliation) of
-- RRH services-only projects with a residential affiliation, still operating at ReportStart.

CREATE OR REPLACE TABLE lsa_Affiliation AS
SELECT a.AffiliationID, a.ProjectID, a.ResProjectID, a.DateCreated, a.DateUpdated,
    CAST(NULL AS VARCHAR) AS UserID, CAST(NULL AS TIMESTAMP) AS DateDeleted,
    CAST(rpt.ReportID AS VARCHAR) AS ExportID
FROM hmis_Affiliation a
CROSS JOIN lsa_Report rpt
JOIN lsa_Project p ON p.ProjectID = a.ProjectID
WHERE a.DateDeleted IS NULL
  AND p.RRHSubType = 1 AND p.ResidentialAffiliation = 1
  AND (p.OperatingEndDate IS NULL OR p.OperatingEndDate > rpt.ReportStart);
