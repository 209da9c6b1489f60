-- LSA Programming Specifications v8, section 4.6: HMISParticipation.csv records
-- (lsa_HMISParticipation) of lsa_Project projects still operating at ReportStart.

CREATE OR REPLACE TABLE lsa_HMISParticipation AS
SELECT hp.HMISParticipationID, hp.ProjectID, hp.HMISParticipationType,
    hp.HMISParticipationStatusStartDate, hp.HMISParticipationStatusEndDate, hp.DateCreated, hp.DateUpdated,
    CAST(NULL AS VARCHAR) AS UserID, CAST(NULL AS TIMESTAMP) AS DateDeleted,
    CAST(rpt.ReportID AS VARCHAR) AS ExportID
FROM hmis_HMISParticipation hp
CROSS JOIN lsa_Report rpt
JOIN lsa_Project p ON p.ProjectID = hp.ProjectID
WHERE hp.DateDeleted IS NULL
  AND (p.OperatingEndDate IS NULL OR p.OperatingEndDate > rpt.ReportStart);
