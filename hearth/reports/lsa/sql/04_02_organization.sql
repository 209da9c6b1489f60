-- LSA Programming Specifications v8, section 4.2: Organization.csv records (lsa_Organization),
-- one for each OrganizationID in lsa_Project.

CREATE OR REPLACE TABLE lsa_Organization AS
SELECT o.OrganizationID, left(o.OrganizationName, 200) AS OrganizationName, o.VictimServiceProvider,
    CAST(NULL AS VARCHAR) AS OrganizationCommonName, o.DateCreated, o.DateUpdated,
    CAST(NULL AS VARCHAR) AS UserID, CAST(NULL AS TIMESTAMP) AS DateDeleted,
    CAST(rpt.ReportID AS VARCHAR) AS ExportID
FROM hmis_Organization o
CROSS JOIN lsa_Report rpt
WHERE o.DateDeleted IS NULL
  AND o.OrganizationID IN (SELECT OrganizationID FROM lsa_Project);
