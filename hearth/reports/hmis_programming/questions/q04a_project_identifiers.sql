-- Q4a Project Identifiers in HMIS (HMIS Programming Specifications, CoC APR / ESG CAPER FY2026,
-- Q4a). One row per project of the report: organization, project, project type (2.02.6), RRH
-- subtype (2.02.A), Coordinated Entry access point (2.09.1, the CE Participation record in
-- effect on the project's operating end date when it falls in the report range, else on the
-- report end date), residential affiliation (2.02.B, for SSO and RRH: Services Only), the
-- affiliated residential projects, the project's CoC codes and geocodes (2.03), victim service
-- provider (2.01), software, the report dates, and the active clients and households (Q5a).

CREATE OR REPLACE TABLE report_rows_Q4a AS
WITH ce AS (
    SELECT p.ProjectID, cp.AccessPoint
    FROM hmis_Project p
    CROSS JOIN rpt_parameters r
    JOIN hmis_CEParticipation cp ON cp.ProjectID = p.ProjectID AND cp.DateDeleted IS NULL
    WHERE p.ProjectID IN (SELECT ProjectID FROM rpt_projects)
      AND CASE WHEN p.OperatingEndDate >= r.ReportStart AND p.OperatingEndDate < r.ReportEnd
               THEN p.OperatingEndDate ELSE r.ReportEnd END
          BETWEEN coalesce(cp.CEParticipationStatusStartDate, r.ReportStart) AND coalesce(cp.CEParticipationStatusEndDate, r.ReportEnd)
    QUALIFY row_number() OVER (
        PARTITION BY p.ProjectID
        ORDER BY cp.CEParticipationStatusEndDate DESC NULLS LAST, cp.CEParticipationStatusStartDate DESC, cp.DateUpdated DESC
    ) = 1
)
SELECT
    o.OrganizationName,
    p.OrganizationID,
    p.ProjectName,
    p.ProjectID,
    CAST(p.ProjectType AS VARCHAR) AS ProjectType,
    coalesce(CAST(p.RRHSubType AS VARCHAR), '') AS RRHSubType,
    CAST(coalesce(ce.AccessPoint, 0) AS VARCHAR) AS AccessPoint,
    CAST(CASE WHEN p.ProjectType = 6 OR (p.ProjectType = 13 AND p.RRHSubType = 1)
              THEN coalesce(p.ResidentialAffiliation, 0) ELSE 0 END AS VARCHAR) AS ResidentialAffiliation,
    coalesce((
        SELECT string_agg(a.ResProjectID, ', ' ORDER BY a.ResProjectID) FROM hmis_Affiliation a
        WHERE a.ProjectID = p.ProjectID AND a.DateDeleted IS NULL AND p.ResidentialAffiliation = 1
    ), '') AS AffiliatedProjects,
    coalesce((
        SELECT string_agg(pc.CoCCode, ', ' ORDER BY pc.CoCCode) FROM hmis_ProjectCoC pc
        WHERE pc.ProjectID = p.ProjectID AND pc.DateDeleted IS NULL
    ), '') AS CoCCodes,
    coalesce((
        SELECT string_agg(pc.Geocode, ', ' ORDER BY pc.CoCCode) FROM hmis_ProjectCoC pc
        WHERE pc.ProjectID = p.ProjectID AND pc.DateDeleted IS NULL
    ), '') AS Geocodes,
    CAST(coalesce(o.VictimServiceProvider, 0) AS VARCHAR) AS VictimServiceProvider,
    'Hearth' AS SoftwareName,
    CAST(r.ReportStart AS VARCHAR) AS ReportStart,
    CAST(r.ReportEnd AS VARCHAR) AS ReportEnd,
    CAST((SELECT count(*) FROM apr_client c WHERE c.ProjectID = p.ProjectID) AS VARCHAR) AS ActiveClients,
    CAST((SELECT count(*) FROM apr_client c WHERE c.ProjectID = p.ProjectID AND c.IsHeadOfHousehold) AS VARCHAR)
        AS ActiveHouseholds
FROM hmis_Project p
CROSS JOIN rpt_parameters r
LEFT JOIN hmis_Organization o ON o.OrganizationID = p.OrganizationID AND o.DateDeleted IS NULL
LEFT JOIN ce ON ce.ProjectID = p.ProjectID
WHERE p.ProjectID IN (SELECT ProjectID FROM rpt_projects) AND p.DateDeleted IS NULL
ORDER BY p.ProjectName DESC, p.ProjectID;

INSERT INTO report_cells
SELECT 'Q4a', 'P' || (1 + r.position), c.PersonalID, c.PersonalID, c.EnrollmentID
FROM apr_client c
JOIN (SELECT ProjectID, row_number() OVER (ORDER BY ProjectName DESC, ProjectID) AS position FROM report_rows_Q4a) r
    USING (ProjectID)
UNION ALL
SELECT 'Q4a', 'Q' || (1 + r.position), c.HouseholdID, c.PersonalID, c.EnrollmentID
FROM apr_client c
JOIN (SELECT ProjectID, row_number() OVER (ORDER BY ProjectName DESC, ProjectID) AS position FROM report_rows_Q4a) r
    USING (ProjectID)
WHERE c.IsHeadOfHousehold;
